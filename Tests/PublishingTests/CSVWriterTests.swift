import Foundation
import Testing
@testable import Publishing

@Suite struct CSVWriterTests {
    private let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    private func render(byteOrderMark: Bool = true, guardFormulas: Bool = false, bufferSize: Int = 64 * 1024, _ rows: [[String?]]) throws -> [UInt8] {
        let sink = BufferSink()
        let csv = CSVWriter(sink, byteOrderMark: byteOrderMark, guardFormulas: guardFormulas, bufferSize: bufferSize)
        for row in rows { try csv.row(row) }
        try csv.finish()
        return sink.bytes
    }

    @Test func hostileFieldsParseBackToTheSameFields() throws {
        let rows: [[String?]] = [
            ["id", "text", "note"],
            ["1", "a, b", "\"quoted\""],
            ["2", "line\nbreak", "crlf\r\ninside"],
            ["3", "å ä ö", "lone\rcr"],
            ["4", "", "trailing,"],
        ] + Hostile.strings.enumerated().map { [String($0.offset), $0.element, "x"] }
        for bufferSize in [64, 64 * 1024] {
            let bytes = try render(bufferSize: bufferSize, rows)
            #expect(Array(bytes.prefix(3)) == bom)
            let parsed = try RFC4180Reader.parse(Array(bytes.dropFirst(3)))
            #expect(parsed == rows.map { $0.map { $0 ?? "" } }, "buffer size \(bufferSize)")
        }
    }

    @Test func exactOutputWithCRLFAndQuoting() throws {
        let bytes = try render(byteOrderMark: false, [["a", "b,c", "d\"e", nil, "f\ng"], ["1", "2", "3", "4", "5"]])
        #expect(String(decoding: bytes, as: UTF8.self) == "a,\"b,c\",\"d\"\"e\",,\"f\ng\"\r\n1,2,3,4,5\r\n")
    }

    @Test func byteOrderMarkIsOptional() throws {
        #expect(Array(try render([["å"]]).prefix(3)) == bom)
        #expect(try render(byteOrderMark: false, [["å"]]) == Array("å\r\n".utf8))
    }

    @Test func aRecordOfOneEmptyFieldIsNotABlankLine() throws {
        let bytes = try render(byteOrderMark: false, [["a"], [nil], [""], ["b"]])
        #expect(String(decoding: bytes, as: UTF8.self) == "a\r\n\"\"\r\n\"\"\r\nb\r\n")
        #expect(try RFC4180Reader.parse(bytes) == [["a"], [""], [""], ["b"]])
    }

    @Test func formulaInjectionGuard() throws {
        let fields = ["=SUM(A1)", "+46 8 123", "-5", "@cmd", "\tx", "\rx", "ok=1", " =x", "'quoted", "=a,b"]
        let guarded = try RFC4180Reader.parse(Array(try render(guardFormulas: true, [fields]).dropFirst(3)))
        #expect(guarded == [["'=SUM(A1)", "'+46 8 123", "'-5", "'@cmd", "'\tx", "'\rx", "ok=1", " =x", "'quoted", "'=a,b"]])
        let unguarded = try RFC4180Reader.parse(Array(try render(guardFormulas: false, [fields]).dropFirst(3)))
        #expect(unguarded == [fields])
    }

    @Test func guardIsOnByDefault() throws {
        let sink = BufferSink()
        let csv = CSVWriter(sink)
        try csv.row(["=1+1"])
        try csv.finish()
        #expect(sink.bytes == bom + Array("'=1+1\r\n".utf8))
    }

    @Test func pythonCSVModuleReadsTheSameFields() throws {
        let rows: [[String?]] = [["namn", "kommentar"], ["Åsa Öberg", "sa \"nej\", sedan\r\nja"], ["Ärlig", nil]]
        let bytes = try render(rows)
        let python = try executable(named: "python3", install: "apt-get install python3")
        let file = try temporaryFile(bytes, suffix: ".csv")
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
                print(json.dumps(list(csv.reader(f, strict=True))))
            """
        let run = try runTool(python, ["-c", script, file.path])
        #expect(run.status == 0, "\(run.standardError)")
        let parsed = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [[String]]
        #expect(parsed == rows.map { $0.map { $0 ?? "" } })
    }
}

/// A strict RFC 4180 reader: records end with CRLF, quoted fields may contain
/// anything with quotes doubled, and a bare quote or CR elsewhere is an error.
enum RFC4180Reader {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ bytes: [UInt8]) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var index = 0
        var atFieldStart = true
        var closedQuote = false
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field = []
            closedQuote = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if atFieldStart && byte == UInt8(ascii: "\"") {
                index += 1
                while true {
                    guard index < bytes.count else { throw Malformed(description: "unterminated quoted field") }
                    if bytes[index] == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                            field.append(UInt8(ascii: "\""))
                            index += 2
                            continue
                        }
                        index += 1
                        closedQuote = true
                        break
                    }
                    field.append(bytes[index])
                    index += 1
                }
                atFieldStart = false
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                endField()
                atFieldStart = true
                index += 1
            case UInt8(ascii: "\r"):
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") else {
                    throw Malformed(description: "CR without LF outside quotes at byte \(index)")
                }
                endField()
                records.append(record)
                record = []
                atFieldStart = true
                index += 2
            case UInt8(ascii: "\n"):
                throw Malformed(description: "LF without CR at byte \(index)")
            case UInt8(ascii: "\""):
                throw Malformed(description: "quote inside an unquoted field at byte \(index)")
            default:
                guard !closedQuote else {
                    throw Malformed(description: "text after a closing quote at byte \(index)")
                }
                field.append(byte)
                atFieldStart = false
                index += 1
            }
        }
        guard record.isEmpty && field.isEmpty && atFieldStart else {
            throw Malformed(description: "last record does not end with CRLF")
        }
        return records
    }
}
