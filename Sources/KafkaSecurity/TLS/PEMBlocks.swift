import Foundation

/// PEM blocks found in text. Inline PEM in a `.properties` file (KIP-651) often arrives with its line breaks
/// turned into spaces by `\` continuations, which BoringSSL cannot read, so blocks are re-emitted canonically.
struct PEMBlock: Hashable {
    var label: String
    /// The text between the markers: base64, or RFC 1421 headers (`Proc-Type:`) followed by base64.
    var body: String

    /// Every `-----BEGIN X-----` … `-----END X-----` block in `text`, in order; text outside blocks is ignored.
    static func all(in text: String) -> [PEMBlock] {
        var blocks: [PEMBlock] = []
        var rest = Substring(text)
        while let begin = rest.range(of: "-----BEGIN ") {
            guard let labelEnd = rest[begin.upperBound...].range(of: "-----") else { break }
            let label = String(rest[begin.upperBound..<labelEnd.lowerBound])
            let endMarker = "-----END \(label)-----"
            guard let end = rest[labelEnd.upperBound...].range(of: endMarker) else { break }
            blocks.append(PEMBlock(label: label, body: String(rest[labelEnd.upperBound..<end.lowerBound])))
            rest = rest[end.upperBound...]
        }
        return blocks
    }

    var isPrivateKey: Bool { label.hasSuffix("PRIVATE KEY") }
    var isCertificate: Bool { label == "CERTIFICATE" || label == "TRUSTED CERTIFICATE" || label == "X509 CERTIFICATE" }
    /// PKCS#8 `ENCRYPTED PRIVATE KEY` or a legacy OpenSSL key with a `Proc-Type: 4,ENCRYPTED` header.
    var isEncrypted: Bool { label.hasPrefix("ENCRYPTED") || body.contains("ENCRYPTED") }

    /// The block with its base64 re-wrapped at 64 columns (headers, when present, are kept line by line).
    var canonicalText: String {
        var lines: [String]
        if body.contains(":") {
            lines = body.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        } else {
            let base64 = body.filter { !$0.isWhitespace }
            lines = stride(from: 0, to: base64.count, by: 64).map { offset in
                let start = base64.index(base64.startIndex, offsetBy: offset)
                let end = base64.index(start, offsetBy: 64, limitedBy: base64.endIndex) ?? base64.endIndex
                return String(base64[start..<end])
            }
        }
        return (["-----BEGIN \(label)-----"] + lines + ["-----END \(label)-----"]).joined(separator: "\n") + "\n"
    }
}
