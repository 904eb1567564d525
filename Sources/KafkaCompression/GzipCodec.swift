import CZlib
import KafkaProtocol
import NIOCore

/// gzip via zlib: what Java's GZIPOutputStream writes and GZIPInputStream reads.
enum GzipCodec {
    static let levels = -1...9
    /// zlib's windowBits: 15 for the largest window, plus 16 to ask for the gzip wrapper instead of zlib's.
    private static let gzipWindowBits: Int32 = 16 + MAX_WBITS

    static func compress(_ input: ByteBuffer, level: Int?) throws -> ByteBuffer {
        let level = level ?? Int(Z_DEFAULT_COMPRESSION)
        guard levels.contains(level) else {
            throw CompressionError.invalidLevel(codec: .gzip, level: level, valid: levels)
        }
        var stream = z_stream()
        let initStatus = deflateInit2_(
            &stream, Int32(level), Z_DEFLATED, gzipWindowBits, 8, Z_DEFAULT_STRATEGY,
            zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw failure(initStatus, stream) }
        defer { deflateEnd(&stream) }

        // deflateBound is zlib's promise that one Z_FINISH call fits, gzip wrapper included.
        let bound = Int(deflateBound(&stream, uLong(input.readableBytes)))
        var output = ByteBufferAllocator().buffer(capacity: bound)
        var status = Z_OK
        input.withUnsafeReadableBytes { source in
            _ = output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { target in
                stream.next_in = mutableBytes(source)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(target.count)
                status = deflate(&stream, Z_FINISH)
                return target.count - Int(stream.avail_out)
            }
        }
        guard status == Z_STREAM_END else { throw failure(status, stream) }
        return output
    }

    static func decompress(_ input: ByteBuffer, into output: inout BoundedOutput) throws {
        var stream = z_stream()
        let initStatus = inflateInit2_(&stream, gzipWindowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw failure(initStatus, stream) }
        defer { inflateEnd(&stream) }

        try input.withUnsafeReadableBytes { source in
            stream.next_in = mutableBytes(source)
            stream.avail_in = uInt(source.count)
            while true {
                var status = Z_OK
                try output.produce { free in
                    stream.next_out = free.baseAddress?.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(free.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return free.count - Int(stream.avail_out)
                }
                switch status {
                case Z_OK:
                    continue
                case Z_STREAM_END where stream.avail_in == 0:
                    return
                case Z_STREAM_END:
                    // Concatenated gzip members form one stream, as GZIPInputStream reads them.
                    inflateReset(&stream)
                case Z_BUF_ERROR:
                    // Free space was offered, so the only way to make no progress is to run out of input.
                    throw CompressionError.truncatedInput(codec: .gzip)
                default:
                    throw failure(status, stream)
                }
            }
        }
    }

    private static func failure(_ status: Int32, _ stream: z_stream) -> CompressionError {
        let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
        switch status {
        case Z_DATA_ERROR, Z_NEED_DICT, Z_STREAM_ERROR:
            return .corruptInput(codec: .gzip, detail: message)
        default:
            return .libraryFailure(codec: .gzip, detail: message)
        }
    }
}

/// zlib's input pointer is not const-qualified, but zlib never writes through it.
private func mutableBytes(_ source: UnsafeRawBufferPointer) -> UnsafeMutablePointer<Bytef>? {
    source.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
}
