import Foundation
import Testing
@testable import RegisterCore

@Suite("Parsing JSON into JSONValue")
struct JSONValueParserTests {
    private func parse(_ text: String) throws -> JSONValue {
        try JSONValue.parse(Data(text.utf8))
    }

    @Test func parsesEveryKindOfValue() throws {
        let value = try parse(#" { "a" : [1, -2, 0, true, false, null], "b": {"c": "d"}, "e": [], "f": {} } "#)
        #expect(value == .object(["a": .array([.int(1), .int(-2), .int(0), .bool(true), .bool(false), .null]),
                                  "b": .object(["c": .string("d")]), "e": .array([]), "f": .object([:])]))
        #expect(try parse("9007199254740991") == .int(JSONValue.maxInteger))
        #expect(try parse("-9007199254740991") == .int(-JSONValue.maxInteger))
    }

    @Test func aLeadingByteOrderMarkInAStringIsKept() throws {
        #expect(try parse("[\"\u{FEFF}Hälsa\", \"\\ufeffVård\"]") == .array([.string("\u{FEFF}Hälsa"), .string("\u{FEFF}Vård")]))
    }

    @Test func decodesEscapesAndUnicode() throws {
        #expect(try parse(#""\"\\\/\b\f\n\r\t\u00e5\u00C4""#) == .string("\"\\/\u{8}\u{c}\n\r\tåÄ"))
        #expect(try parse(#""\ud83d\ude00 och ö""#) == .string("😀 och ö"))
        #expect(try parse("\"å ä ö 🇸🇪\"") == .string("å ä ö 🇸🇪"))
    }

    @Test func roundTripsTheCanonicalForm() throws {
        let value = JSONValue.object(["text": .string(String(String.UnicodeScalarView((0..<0x80).map { Unicode.Scalar(UInt8($0)) }))),
                                      "list": .array([.int(-7), .null, .object(["ö": .bool(true)])])])
        #expect(try JSONValue.parse(Data(CanonicalJSON.bytes(value))) == value)
    }

    @Test(arguments: [
        "", "   ", "1.5", "1e3", "-", "01", "-01", "9223372036854775808", "9007199254740992", "-9007199254740992", "-9223372036854775808", "[1,]", "[1 2]", "{\"a\":1,}", "{\"a\" 1}",
        "{a:1}", "{\"a\":1,\"a\":2}", "\"open", "\"tab\there\"", "\"\\x\"", "\"\\u12\"", "\"\\ud83d\"", "\"\\ude00\"",
        "tru", "nulls", "[1] [2]", "'single'",
    ])
    func rejectsWhatIsNotAllowed(_ text: String) {
        #expect(throws: (any Error).self, "\(text)") { try parse(text) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: (any Error).self) { try JSONValue.parse(Data([0x22, 0xC3, 0x28, 0x22])) }
    }

    @Test func nestingIsBounded() {
        #expect(throws: (any Error).self) { try parse(String(repeating: "[", count: 600) + String(repeating: "]", count: 600)) }
        #expect(throws: Never.self) { try parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) }
    }
}
