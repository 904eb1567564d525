#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one line to stderr with a single write(2), so it is never lost or interleaved behind buffered stdout.
public func printToStandardError(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { bytes in
        var remaining = UnsafeRawBufferPointer(bytes)
        while !remaining.isEmpty {
            let written = write(2, remaining.baseAddress, remaining.count)
            if written <= 0 { return }
            remaining = UnsafeRawBufferPointer(rebasing: remaining[written...])
        }
    }
}
