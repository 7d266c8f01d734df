/// The writers' own byte buffer in front of their sink: tokens are appended here with
/// plain stores and the sink (a protocol call) is reached once per `capacity` bytes.
struct OutputBuffer: ~Copyable {
    let sink: any ByteSink
    let capacity: Int
    private let base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0

    init(sink: any ByteSink, capacity: Int = 64 * 1024) {
        precondition(capacity >= 64)
        self.sink = sink
        self.capacity = capacity
        self.base = .allocate(capacity: capacity)
    }

    deinit {
        base.deallocate()
    }

    mutating func flush() throws {
        guard count > 0 else { return }
        let pending = UnsafeRawBufferPointer(start: base, count: count)
        count = 0
        try sink.write(pending)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) throws {
        if count == capacity { try flush() }
        base[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        let length = bytes.count
        guard length > 0 else { return }
        if count + length > capacity {
            try flush()
            if length >= capacity {
                try sink.write(bytes)
                return
            }
        }
        UnsafeMutableRawPointer(base + count).copyMemory(from: bytes.baseAddress!, byteCount: length)
        count += length
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        try append(UnsafeRawBufferPointer(bytes))
    }

    mutating func append(_ text: StaticString) throws {
        try append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `text` without ever reaching the sink, for a preamble written by an
    /// initializer (which cannot throw) into the still empty buffer.
    mutating func prefill(_ text: StaticString) {
        precondition(count + text.utf8CodeUnitCount <= capacity)
        (base + count).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        count += text.utf8CodeUnitCount
    }

    /// Returns room for at least `length` bytes (at most `capacity`); the caller stores
    /// its bytes there and then calls `commit` with how many it stored.
    @inline(__always)
    mutating func reserve(_ length: Int) throws -> UnsafeMutablePointer<UInt8> {
        if count + length > capacity { try flush() }
        return base + count
    }

    @inline(__always)
    mutating func commit(_ length: Int) {
        count += length
    }

    /// Appends the decimal form of `value`.
    mutating func appendDecimal(_ value: Int64) throws {
        let out = try reserve(20)
        var length = value < 0 ? 1 : 0
        var probe = value.magnitude
        repeat {
            length += 1
            probe /= 10
        } while probe != 0
        if value < 0 { out[0] = 0x2D }
        var magnitude = value.magnitude
        var position = length
        repeat {
            position -= 1
            out[position] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
            magnitude /= 10
        } while magnitude != 0
        commit(length)
    }
}

extension String {
    /// Runs `body` over the string's UTF-8 bytes without copying when the string is
    /// native (the usual case), and over a contiguous copy otherwise.
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) {
            return result
        }
        var copy = self
        return try copy.withUTF8(body)
    }
}
