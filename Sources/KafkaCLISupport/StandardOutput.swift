#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `text` to stdout with write(2) directly: callers batch their output, so a second buffer in stdio would
/// only copy it again. Stops quietly when stdout is closed (a pipe into `head`).
public func writeToStandardOutput(_ text: String) {
    var text = text
    text.withUTF8 { writeToStandardOutput(bytes: UnsafeRawBufferPointer($0)) }
}

/// Writes raw bytes to stdout with write(2), retrying short writes; stops quietly when stdout is closed.
public func writeToStandardOutput(bytes: UnsafeRawBufferPointer) {
    var remaining = bytes
    while !remaining.isEmpty {
        let written = write(1, remaining.baseAddress, remaining.count)
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return }
        remaining = UnsafeRawBufferPointer(rebasing: remaining[written...])
    }
}

/// Writes `text` (already newline-terminated) to stderr in one go.
public func writeToStandardError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
        var remaining = UnsafeRawBufferPointer(bytes)
        while !remaining.isEmpty {
            let written = write(2, remaining.baseAddress, remaining.count)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            remaining = UnsafeRawBufferPointer(rebasing: remaining[written...])
        }
    }
}
