import Dispatch
import Foundation
import Hummingbird
import Publishing
import RegisterCore
import Synchronization

/// A response body written by one of the synchronous export writers inside a read
/// of the register, in constant memory: the writer runs on the database's reader
/// queue and hands chunks of `chunkSize` bytes to the response, waiting while
/// `capacity` chunks are on their way (so a slow client slows the export instead of
/// filling memory). If the client goes away, the export stops at its next write.
/// The chunks are NIO buffers filled in place and handed to the response as they
/// are, and large (each costs two thread hops, a copy does not), so a stream of a
/// gigabyte is about 6,000 hand-overs and at most 2 MiB in flight.
enum StreamedBody {
    static let chunkSize = 256 * 1024
    static let capacity = 8

    static func make(register: Register, _ export: @escaping @Sendable (RegisterSnapshot, any ByteSink) throws -> Void) -> ResponseBody {
        ResponseBody { writer in
            let channel = ChunkChannel(capacity: capacity)
            async let exported: Void = register.read { snapshot in
                let sink = ChannelSink(channel)
                defer { channel.close() }
                try export(snapshot, sink)
                try sink.finish()
            }
            do {
                for await chunk in channel.chunks {
                    channel.taken()
                    try await writer.write(chunk)
                }
            } catch {
                channel.cancel()
                try? await exported
                throw error
            }
            try await exported
            try await writer.finish(nil)
        }
    }
}

/// Chunks handed from a blocking producer to an async consumer, at most `capacity`
/// in flight.
final class ChunkChannel: Sendable {
    let chunks: AsyncStream<ByteBuffer>
    private let continuation: AsyncStream<ByteBuffer>.Continuation
    private let slots: DispatchSemaphore
    private let cancelled = Atomic<Bool>(false)

    init(capacity: Int) {
        (chunks, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
        // Counted up from zero: libdispatch traps when a semaphore is freed below its initial value, which a
        // cancelled stream leaves it (chunks sent and never taken).
        slots = DispatchSemaphore(value: 0)
        for _ in 0..<capacity { slots.signal() }
    }

    /// Sends a chunk, waiting for a free slot; throws once the consumer has gone.
    func send(_ chunk: ByteBuffer) throws {
        slots.wait()
        guard !cancelled.load(ordering: .acquiring) else {
            slots.signal()
            throw CancellationError()
        }
        continuation.yield(chunk)
    }

    func taken() { slots.signal() }

    func close() { continuation.finish() }

    func cancel() {
        cancelled.store(true, ordering: .releasing)
        slots.signal()
    }
}

/// The byte sink the export writers write to: fills chunks and sends them.
final class ChannelSink: ByteSink {
    private let channel: ChunkChannel
    private let allocator = ByteBufferAllocator()
    private var buffer: ByteBuffer

    init(_ channel: ChunkChannel) {
        self.channel = channel
        buffer = allocator.buffer(capacity: StreamedBody.chunkSize)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var rest = bytes[...]
        while !rest.isEmpty {
            let part = rest.prefix(StreamedBody.chunkSize - buffer.readableBytes)
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: part))
            rest = rest[part.endIndex...]
            if buffer.readableBytes >= StreamedBody.chunkSize { try flush() }
        }
    }

    func finish() throws {
        try flush()
    }

    private func flush() throws {
        guard buffer.readableBytes > 0 else { return }
        try channel.send(buffer)
        buffer = allocator.buffer(capacity: StreamedBody.chunkSize)
    }
}
