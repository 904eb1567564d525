import SwiftASN1

/// The object identifiers a PKCS#12 truststore uses (RFC 7292, RFC 8018, RFC 5652, NIST AES, RFC 5754).
enum PKCS12OID {
    // Content types (PKCS#7 / CMS).
    static let data: ASN1ObjectIdentifier = "1.2.840.113549.1.7.1"
    static let encryptedData: ASN1ObjectIdentifier = "1.2.840.113549.1.7.6"

    // SafeBag types.
    static let keyBag: ASN1ObjectIdentifier = "1.2.840.113549.1.12.10.1.1"
    static let shroudedKeyBag: ASN1ObjectIdentifier = "1.2.840.113549.1.12.10.1.2"
    static let certBag: ASN1ObjectIdentifier = "1.2.840.113549.1.12.10.1.3"
    static let safeContentsBag: ASN1ObjectIdentifier = "1.2.840.113549.1.12.10.1.6"
    static let x509Certificate: ASN1ObjectIdentifier = "1.2.840.113549.1.9.22.1"

    // PBES2 and PBKDF2 (RFC 8018).
    static let pbes2: ASN1ObjectIdentifier = "1.2.840.113549.1.5.13"
    static let pbkdf2: ASN1ObjectIdentifier = "1.2.840.113549.1.5.12"
    static let hmacWithSHA1: ASN1ObjectIdentifier = "1.2.840.113549.2.7"
    static let hmacWithSHA224: ASN1ObjectIdentifier = "1.2.840.113549.2.8"
    static let hmacWithSHA256: ASN1ObjectIdentifier = "1.2.840.113549.2.9"
    static let hmacWithSHA384: ASN1ObjectIdentifier = "1.2.840.113549.2.10"
    static let hmacWithSHA512: ASN1ObjectIdentifier = "1.2.840.113549.2.11"
    static let aes128CBC: ASN1ObjectIdentifier = "2.16.840.1.101.3.4.1.2"
    static let aes192CBC: ASN1ObjectIdentifier = "2.16.840.1.101.3.4.1.22"
    static let aes256CBC: ASN1ObjectIdentifier = "2.16.840.1.101.3.4.1.42"

    // Digests named by MacData.
    static let sha1: ASN1ObjectIdentifier = "1.3.14.3.2.26"
    static let sha256: ASN1ObjectIdentifier = "2.16.840.1.101.3.4.2.1"
    static let sha384: ASN1ObjectIdentifier = "2.16.840.1.101.3.4.2.2"
    static let sha512: ASN1ObjectIdentifier = "2.16.840.1.101.3.4.2.3"

    /// Encryption schemes older writers used, which swift-crypto has no cipher for (RC2, RC4, DES, 3DES).
    static let legacyEncryptionNames: [ASN1ObjectIdentifier: String] = [
        "1.2.840.113549.1.12.1.1": "pbeWithSHAAnd128BitRC4",
        "1.2.840.113549.1.12.1.2": "pbeWithSHAAnd40BitRC4",
        "1.2.840.113549.1.12.1.3": "pbeWithSHAAnd3-KeyTripleDES-CBC",
        "1.2.840.113549.1.12.1.4": "pbeWithSHAAnd2-KeyTripleDES-CBC",
        "1.2.840.113549.1.12.1.5": "pbeWithSHAAnd128BitRC2-CBC",
        "1.2.840.113549.1.12.1.6": "pbeWithSHAAnd40BitRC2-CBC",
        "1.2.840.113549.1.5.1": "pbeWithMD2AndDES-CBC",
        "1.2.840.113549.1.5.3": "pbeWithMD5AndDES-CBC",
        "1.2.840.113549.1.5.4": "pbeWithMD2AndRC2-CBC",
        "1.2.840.113549.1.5.6": "pbeWithMD5AndRC2-CBC",
        "1.2.840.113549.1.5.10": "pbeWithSHA1AndDES-CBC",
        "1.2.840.113549.1.5.11": "pbeWithSHA1AndRC2-CBC",
        // Ciphers that may sit inside PBES2.
        "1.2.840.113549.3.7": "PBES2 with DES-EDE3-CBC",
        "1.2.840.113549.3.2": "PBES2 with RC2-CBC",
        "1.3.14.3.2.7": "PBES2 with DES-CBC",
    ]
}
