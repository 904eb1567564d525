/// Why a PKCS#12 truststore cannot be read; `reason` is one line that never contains the password.
enum PKCS12Error: Error, Hashable {
    case notPKCS12
    case malformed(String)
    case unsupportedVersion(Int)
    /// The MAC did not match, or decryption produced garbage: the file changed or the password is wrong.
    case integrityCheckFailed
    case passwordRequired
    case legacyEncryption(String)
    case unsupportedAlgorithm(kind: String, oid: String)
    case iterationCountOutOfRange(Int)

    /// The reason; the integrity wording is the JKS reader's (keytool's "Keystore was tampered with, or password
    /// was incorrect"), since a MAC mismatch cannot tell the two apart either.
    var reason: String {
        switch self {
        case .notPKCS12: "not a PKCS12 file (no DER PFX structure)"
        case .malformed(let what): "the PKCS12 file is malformed (\(what))"
        case .unsupportedVersion(let version): "unsupported PKCS12 version \(version) (only 3 exists)"
        case .integrityCheckFailed: "keystore was tampered with, or password was incorrect"
        case .passwordRequired: "the store is protected by a password and none is set"
        case .legacyEncryption(let name):
            "its certificates are encrypted with \(name), a legacy algorithm not supported here; "
                + "re-create it with AES: `openssl pkcs12 -export -nokeys -in ca.pem -out truststore.p12 "
                + "-certpbe AES-256-CBC -passout pass:...` or `keytool -importcert -storetype PKCS12 ...` on a current JDK"
        case .unsupportedAlgorithm(let kind, let oid): "unsupported PKCS12 \(kind) algorithm \(oid)"
        case .iterationCountOutOfRange(let count): "PKCS12 iteration count \(count) is out of range"
        }
    }
}
