import ArgumentParser
import Delivery
import Foundation
import RegisterCore

/// `insyn endpoint …`: the push endpoints that receive every public change.
struct EndpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "endpoint", abstract: "Keep the push endpoints that receive every public change.",
        subcommands: [Add.self, List.self, Disable.self, Enable.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an endpoint; prints its id, then the signing secret if one was generated (shown only this once).",
            discussion: """
                A webhook gets every public change as a signed JSON event (Standard Webhooks); without --secret a \
                secret is generated. A ckan endpoint is a CKAN site whose DataStore resource --resource-id keeps one \
                row per meeting; --token is its API token. The endpoint receives the changes made after it is added; \
                --from-start queues every public change already in the register as well.
                """)
        @OptionGroup var global: GlobalOptions
        @Option(help: "The webhook's URL, or the CKAN site's base URL.") var url: String
        @Option(help: "webhook or ckan.") var kind: EndpointKind
        @Option(help: "The webhook signing secret (whsec_…); generated when absent.") var secret: String?
        @Option(help: "The CKAN API token, sent in the Authorization header.") var token: String?
        @Option(help: "The CKAN DataStore resource id that holds the meetings.") var resourceId: String?
        @Flag(help: "Also queue every public change already in the register.") var fromStart = false

        func run() throws {
            let register = try global.openRegister()
            let generated = kind == .webhook && secret == nil ? WebhookSigner.generateSecret() : nil
            let endpoint = try register.addEndpoint(NewEndpoint(
                url: url, kind: kind, secret: secret ?? generated, token: token, resourceId: resourceId, fromStart: fromStart))
            print(endpoint.id)
            if let generated { print(generated) }
            let start = endpoint.createdAfterSequence == 0 ? "every public change" : "public changes after change \(endpoint.createdAfterSequence)"
            let note = generated == nil ? "" : " The signing secret above is shown only this once; give it to the receiver."
            FileHandle.standardError.write(Data("Endpoint \(endpoint.id) will receive \(start).\(note)\n".utf8))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the endpoints; secrets and tokens are shortened.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            for endpoint in try global.openRegister().endpoints() {
                let credential = switch endpoint.kind {
                case .webhook: "secret \(Self.shortened(endpoint.secret, keeping: 10))"
                case .ckan: "token \(Self.shortened(endpoint.token, keeping: 4))\tresource \(endpoint.resourceId ?? "–")"
                }
                let start = endpoint.createdAfterSequence == 0 ? "from the start" : "after change \(endpoint.createdAfterSequence)"
                print("\(endpoint.id)\t\(endpoint.kind.rawValue)\t\(endpoint.enabled ? "enabled" : "disabled")\t\(endpoint.url)\t\(credential)\t\(start)")
            }
        }

        static func shortened(_ secret: String?, keeping count: Int) -> String {
            guard let secret else { return "–" }
            return secret.count > count * 2 ? String(secret.prefix(count)) + "…" : "…"
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pause an endpoint: nothing is delivered to it or queued for it until it is enabled again.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The endpoint's id.") var id: Int64

        func run() throws {
            try global.openRegister().setEndpoint(id, enabled: false)
            print("Disabled endpoint \(id).")
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resume an endpoint, queueing the public changes it missed while disabled.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The endpoint's id.") var id: Int64

        func run() throws {
            try global.openRegister().setEndpoint(id, enabled: true)
            print("Enabled endpoint \(id).")
        }
    }
}

extension EndpointKind: ExpressibleByArgument {}
