import Testing
import X509
@testable import KafkaBroker

/// The mutual-TLS principal: the subject DN as Java's X500Principal.getName() prints it.
@Suite struct CertificatePrincipalTests {
    @Test func subjectIsPrintedLastRDNFirst() throws {
        let name = try DistinguishedName {
            OrganizationName("org")
            OrganizationalUnitName("test")
            CommonName("client")
        }
        #expect(CertificatePrincipal.rfc2253(name) == "CN=client,OU=test,O=org")
    }

    @Test func specialCharactersAreEscaped() throws {
        let name = try DistinguishedName {
            CountryName("DE")
            CommonName("Doe, John +1 ")
        }
        #expect(CertificatePrincipal.rfc2253(name) == #"CN=Doe\, John \+1\ ,C=DE"#)
        #expect(CertificatePrincipal.escape(" a=b") == #"\ a\=b"#)
    }

    @Test func attributesWithoutAKeywordAreWrittenAsOIDAndHex() throws {
        let name = try DistinguishedName {
            CommonName("x")
            EmailAddress("a@b")
        }
        // emailAddress (1.2.840.113549.1.9.1) as an IA5String: tag 0x16, length 3, "a@b".
        #expect(CertificatePrincipal.rfc2253(name) == "1.2.840.113549.1.9.1=#1603614062,CN=x")
    }
}
