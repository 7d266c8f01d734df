import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Publishing
import RegisterCore
import Testing
@testable import WebServer

/// The DCAT-AP-SE catalogue at /datasets/dcat: rdflib parses it, every mandatory
/// property of each class is there, and every URI of the register in it resolves.
@Suite("The DCAT-AP-SE catalogue")
struct DataCatalogueTests {
    private struct Check: Decodable {
        let missing: [String]
        let uris: [String]
        let counts: [String: Int]
    }

    private func check(_ bytes: [UInt8], base: String) throws -> Check {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let python = root.appendingPathComponent(".build/venv/bin/python").path
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("insyn-dcat-\(UUID()).rdf")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [here.appendingPathComponent("check_dcat.py").path, file.path, base]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "check_dcat.py (needs rdflib: .build/venv/bin/pip install rdflib): \(message)")
        return try JSONDecoder().decode(Check.self, from: data)
    }

    @Test func catalogueHasEveryMandatoryPropertyAndItsURIsResolve() async throws {
        let register = try Register.inMemory()
        try DemoRegister.load(into: register)
        var settings = try register.settings()
        settings.contactEmail = "oppnadata@region.example.se"
        settings.cataloguePublisher = "Region Exempel"
        settings.catalogueDescriptionEn = "Every meeting with lobbyists, since 2024."
        try register.update(settings: settings, by: .shell)
        try await buildApplication(register: register).test(.router) { client in
            let response = try await client.execute(uri: "/datasets/dcat", method: .get) { $0 }
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/rdf+xml; charset=utf-8")
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            let bytes = Array(buffer: response.body)
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.contains("<foaf:name>Region Exempel</foaf:name>"))
            #expect(text.contains("Every meeting with lobbyists, since 2024."))
            #expect(text.contains(#"<dcterms:license rdf:resource="http://creativecommons.org/publicdomain/zero/1.0/"/>"#))
            #expect(text.contains(#"<dcat:endpointDescription rdf:resource="http://localhost:8080/openapi.json"/>"#))
            #expect(text.contains("http://publications.europa.eu/resource/authority/file-type/CSV"))
            #expect(text.contains("https://www.iana.org/assignments/media-types/application/atom+xml"))
            #expect(text.contains("mailto:oppnadata@region.example.se"))
            let head = try register.ledgerHead()
            #expect(text.contains("<dcterms:modified rdf:datatype=\"http://www.w3.org/2001/XMLSchema#dateTime\">\(Timestamp.format(head.at!))</dcterms:modified>"))

            let result = try check(bytes, base: "http://localhost:8080/")
            #expect(result.missing.isEmpty, "missing: \(result.missing)")
            #expect(result.counts["http://www.w3.org/ns/dcat#Distribution"] == SiteURL.Download.allCases.count - 1 + 2)
            #expect(result.uris.count > 10)
            for uri in result.uris {
                let path = String(uri.dropFirst("http://localhost:8080".count).prefix { $0 != "#" })
                let status = try await client.execute(uri: path, method: .get) { $0.status }
                #expect(status == .ok, "\(uri) does not resolve")
            }
            let etag = try #require(response.headers[.eTag])
            #expect(try await client.execute(uri: "/datasets/dcat", method: .get, headers: [.ifNoneMatch: etag]) { $0.status } == .notModified)
        }
    }

    @Test func withoutAContactEMailTheCatalogueStillHasEveryMandatoryProperty() async throws {
        let register = try Register.inMemory()
        try DemoRegister.load(into: register)
        try await buildApplication(register: register).test(.router) { client in
            let bytes = try await client.execute(uri: "/datasets/dcat", method: .get) { Array(buffer: $0.body) }
            let result = try check(bytes, base: "http://localhost:8080/")
            #expect(result.missing.allSatisfy { $0.hasSuffix("contactPoint") || $0.contains("vcard") }, "\(result.missing)")
            #expect(String(decoding: bytes, as: UTF8.self).contains("Lobbying register – Exempelregionen"))
        }
    }

    @Test func publisherTypeIsOneOfTheADMSTypes() throws {
        let register = try Register.inMemory()
        var settings = try register.settings()
        try settings.set("catalogue-publisher-type", to: "Municipality")
        #expect(throws: ValidationError.self) { try register.update(settings: settings, by: .shell) }
        try settings.set("catalogue-publisher-type", to: "LocalAuthority")
        try register.update(settings: settings, by: .shell)
        #expect(try register.settings().cataloguePublisherType == "LocalAuthority")
    }
}
