/// Reads CSV per RFC 4180, as `CSVWriter` writes it and spreadsheets save it: fields
/// separated by commas, records by CRLF or LF, a field in double quotes may hold
/// commas, quotes (doubled) and line breaks. A UTF-8 byte order mark at the start is
/// skipped. Each record comes with the line it starts on (1 for the first), so that
/// a problem can be reported where a person finds it in an editor.
public struct CSVReader {
    /// One record: its fields and the line it starts on.
    public struct Record {
        public var line: Int
        public var fields: [String]
    }

    /// A quote opened and never closed, or text after a closing quote.
    public struct Malformed: Error {
        public var line: Int
        public var message: String
    }

    public static func records(_ bytes: [UInt8]) throws(Malformed) -> [Record] {
        var records: [Record] = []
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        let end = bytes.count
        var fields: [String] = []
        var recordLine = 1
        while index < end {
            fields.removeAll(keepingCapacity: true)
            recordLine = line
            var atRecordEnd = false
            while !atRecordEnd {
                if index < end, bytes[index] == UInt8(ascii: "\"") {
                    index += 1
                    var field: [UInt8] = []
                    var closed = false
                    while index < end {
                        let byte = bytes[index]
                        if byte == UInt8(ascii: "\"") {
                            if index + 1 < end, bytes[index + 1] == UInt8(ascii: "\"") {
                                field.append(byte)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if byte == 0x0A { line += 1 }
                        field.append(byte)
                        index += 1
                    }
                    guard closed else { throw Malformed(line: recordLine, message: "a quoted field is never closed") }
                    fields.append(String(decoding: field, as: UTF8.self))
                } else {
                    let start = index
                    while index < end, bytes[index] != UInt8(ascii: ","), bytes[index] != 0x0A, bytes[index] != 0x0D,
                          bytes[index] != UInt8(ascii: "\"") {
                        index += 1
                    }
                    if index < end, bytes[index] == UInt8(ascii: "\"") {
                        throw Malformed(line: line, message: "a double quote inside a field that does not start with one")
                    }
                    fields.append(String(decoding: bytes[start..<index], as: UTF8.self))
                }
                if index >= end {
                    atRecordEnd = true
                } else if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                } else if bytes[index] == 0x0D || bytes[index] == 0x0A {
                    if bytes[index] == 0x0D, index + 1 < end, bytes[index + 1] == 0x0A { index += 1 }
                    index += 1
                    line += 1
                    atRecordEnd = true
                } else {
                    throw Malformed(line: line, message: "text after a closing double quote")
                }
            }
            if fields.count == 1, fields[0].isEmpty { continue }
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }
}
