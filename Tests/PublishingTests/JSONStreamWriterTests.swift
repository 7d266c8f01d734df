import Foundation
import Testing
@testable import Publishing

@Suite struct JSONStreamWriterTests {
    private func render(bufferSize: Int = 64 * 1024, jsonLines: Bool = false, _ body: (JSONStreamWriter) throws -> Void) throws -> [UInt8] {
        let sink = BufferSink()
        let writer = JSONStreamWriter(sink, jsonLines: jsonLines, bufferSize: bufferSize)
        try body(writer)
        try writer.finish()
        #expect(sink.isFinished)
        return sink.bytes
    }

    private func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    @Test func hostileStringsRoundTripThroughJSONSerialization() throws {
        for bufferSize in [64, 100, 64 * 1024] {
            let bytes = try render(bufferSize: bufferSize) { json in
                try json.beginArray()
                for string in Hostile.strings { try json.string(string) }
                try json.endArray()
            }
            let decoded = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String]
            #expect(decoded == Hostile.strings, "buffer size \(bufferSize)")
        }
    }

    @Test func hostileKeysRoundTrip() throws {
        let bytes = try render { json in
            try json.beginObject()
            for (index, string) in Hostile.strings.enumerated() {
                try json.field(string, Int64(index))
            }
            try json.endObject()
        }
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Int])
        #expect(decoded.count == Hostile.strings.count)
        for (index, string) in Hostile.strings.enumerated() {
            #expect(decoded[string] == index)
        }
    }

    @Test func escapesAreMinimalAndExact() throws {
        let bytes = try render { json in
            try json.string("\"\\/\u{8}\u{C}\n\r\t\u{0}\u{1F}\u{7F}å\u{2028}\u{2029}😀")
        }
        #expect(text(bytes) == #""\"\\/\b\f\n\r\t\u0000\u001f"# + "\u{7F}å" + #"\u2028\u2029"# + "😀\"")
    }

    @Test func everyControlCharacterIsEscaped() throws {
        let bytes = try render { json in try json.string(Hostile.allControlCharacters) }
        #expect(!bytes.contains { $0 < 0x20 })
        #expect(text(bytes) == #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f""#)
    }

    @Test func nearMissesOfLineSeparatorStayRaw() throws {
        let value = "\u{2020}\u{2027}\u{202A}\u{20AC}\u{E2}"
        let bytes = try render { json in try json.string(value) }
        #expect(text(bytes) == "\"" + value + "\"")
    }

    @Test func integersIncludingExtremes() throws {
        let values: [Int64] = [0, 1, -1, 9, 10, -10, 1234567890, .max, .min]
        let bytes = try render { json in
            try json.beginArray()
            for value in values { try json.int(value) }
            try json.endArray()
        }
        #expect(text(bytes) == "[0,1,-1,9,10,-10,1234567890,9223372036854775807,-9223372036854775808]")
    }

    @Test func commasAndNesting() throws {
        let bytes = try render { json in
            try json.beginObject()
            try json.field("id", 7)
            try json.field("name", "Möte")
            try json.field("missing", nil as String?)
            try json.fieldIfPresent("absent", nil as String?)
            try json.fieldIfPresent("present", true)
            try json.key("empty")
            try json.beginObject()
            try json.endObject()
            try json.key("list")
            try json.beginArray()
            try json.beginArray()
            try json.endArray()
            try json.null()
            try json.bool(false)
            try json.beginObject()
            try json.field("a", 1 as Int64?)
            try json.field("b", nil as Int?)
            try json.endObject()
            try json.rawJSON(#"{"raw":[1,2]}"#)
            try json.endArray()
            try json.endObject()
        }
        #expect(text(bytes) == #"{"id":7,"name":"Möte","missing":null,"present":true,"empty":{},"list":[[],null,false,{"a":1,"b":null},{"raw":[1,2]}]}"#)
        _ = try JSONSerialization.jsonObject(with: Data(bytes))
    }

    @Test func jsonLinesSeparatesTopLevelValues() throws {
        let bytes = try render(jsonLines: true) { json in
            for index in 0..<3 {
                try json.beginObject()
                try json.field("n", index)
                try json.endObject()
            }
            try json.string("end")
        }
        #expect(text(bytes) == "{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n\"end\"\n")
    }

    @Test func flushHandsBytesToTheSinkForIncrementalStreaming() throws {
        let sink = BufferSink()
        let json = JSONStreamWriter(sink)
        try json.beginArray()
        try json.int(1)
        #expect(sink.bytes.isEmpty)
        try json.flush()
        #expect(sink.take() == Array("[1".utf8))
        try json.int(2)
        try json.endArray()
        try json.finish()
        #expect(sink.take() == Array(",2]".utf8))
    }

    @Test func largeDocumentStreamsThroughASmallBuffer() throws {
        let sink = BufferSink()
        let json = JSONStreamWriter(sink, bufferSize: 256)
        try json.beginArray()
        for index in 0..<20_000 {
            try json.beginObject()
            try json.field("id", index)
            try json.field("title", "Möte nr \(index) om \"lobbying\"\n")
            try json.endObject()
        }
        try json.endArray()
        try json.finish()
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(sink.bytes)) as? [[String: Any]])
        #expect(decoded.count == 20_000)
        #expect(decoded[19_999]["title"] as? String == "Möte nr 19999 om \"lobbying\"\n")
    }
}
