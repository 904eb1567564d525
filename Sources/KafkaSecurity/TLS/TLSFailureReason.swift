import Foundation
import NIOSSL

/// Readable reasons for TLS failures, instead of NIOSSL's nested enum dumps and BoringSSL error stacks.
public enum TLSFailureReason {
    /// Whether `error` comes from the TLS layer.
    public static func isTLSError(_ error: any Error) -> Bool {
        error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError
    }

    /// The reason as a client sees it talking to `host`.
    public static func describe(_ error: any Error, host: String) -> String {
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return "host name mismatch (the broker's certificate is not valid for \(host); "
                + "ssl.endpoint.identification.algorithm= with an empty value turns this check off)"
        }
        if let nio = error as? NIOSSLError, nio == .uncleanShutdown { return closedDuringHandshake }
        let text = "\(error)"
        let known: [(String, String)] = [
            ("EOF during handshake", closedDuringHandshake),
            ("CERTIFICATE_VERIFY_FAILED",
             "certificate verify failed (the broker's certificate is not trusted by ssl.truststore.location / "
                + "ssl.truststore.certificates, or by the system's roots when neither is set)"),
            ("WRONG_VERSION_NUMBER", "the broker did not answer with TLS; is it a PLAINTEXT listener? check security.protocol"),
            ("CERTIFICATE_REQUIRED", "the broker requires a client certificate (ssl.client.auth=required): set ssl.keystore.*"),
            ("ALERT_UNKNOWN_CA", "the broker does not trust our client certificate (unknown CA)"),
            ("ALERT_BAD_CERTIFICATE", "the broker rejected our client certificate (bad certificate)"),
            ("ALERT_CERTIFICATE_EXPIRED", "the broker says our client certificate has expired"),
            ("UNSUPPORTED_PROTOCOL", "no TLS version in common with the broker (ssl.enabled.protocols)"),
            ("ALERT_PROTOCOL_VERSION", "no TLS version in common with the broker (ssl.enabled.protocols)"),
            ("NO_SHARED_CIPHER", "no cipher suite in common with the broker"),
        ]
        if let match = known.first(where: { text.contains($0.0) }) { return match.1 }
        return genericReason(text)
    }

    static let closedDuringHandshake =
        "the broker closed the connection during the TLS handshake; is it a PLAINTEXT listener? check security.protocol"

    /// BoringSSL's last reason token (`SSLV3_ALERT_HANDSHAKE_FAILURE` → "sslv3 alert handshake failure").
    private static func genericReason(_ text: String) -> String {
        let tokens = text.split(whereSeparator: { !($0.isUppercase || $0.isNumber || $0 == "_") }).map(String.init)
            .filter { $0.count > 3 && $0.contains("_") }
        guard let token = tokens.last else { return text }
        return String(token).lowercased().replacingOccurrences(of: "_", with: " ")
    }
}
