package io.keyrenewal.keystore.certificate;

import io.keyrenewal.keystore.certificate.TestCertificateAuthority.Role;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.keyrenewal.keystore.certificate.TestCertificateAuthority.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The checks a CA's certificate chain passes before it is stored, against a real CA built in the test. */
class CertificateChainTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    static final TestCertificateAuthority ROOT = TestCertificateAuthority.root("CN=Test Root CA,O=Tenant AG", NOW);
    static final TestCertificateAuthority ISSUING = ROOT.intermediate("CN=Test Issuing CA,O=Tenant AG", NOW);
    static final KeyPair STAGED = TestCertificateAuthority.newKeys();
    static final X509Certificate LEAF = ISSUING.issue("CN=acme-sign,O=Tenant AG", STAGED.getPublic(),
            NOW.minus(Duration.ofMinutes(1)), NOW.plus(Duration.ofDays(365)));

    @Test
    void putsAChainGivenInAnyOrderLeafFirstUpToTheRoot() {
        List<X509Certificate> given = CertificateChain.parse(pem(ROOT.certificate(), LEAF, ISSUING.certificate()));

        assertThat(CertificateChain.ordered(given, STAGED.getPublic(), NOW))
                .containsExactly(LEAF, ISSUING.certificate(), ROOT.certificate());
    }

    @Test
    void acceptsAChainThatEndsAtTheIssuingCaWithoutItsRoot() {
        assertThat(CertificateChain.ordered(List.of(ISSUING.certificate(), LEAF), STAGED.getPublic(), NOW))
                .containsExactly(LEAF, ISSUING.certificate());
    }

    @Test
    void ignoresTextAroundTheBlocksAndCertificatesGivenTwice() {
        String withComments = "subject=CN=acme-sign\n" + pem(LEAF) + "issuer=CN=Test Issuing CA\n"
                + pem(ISSUING.certificate(), LEAF);

        assertThat(CertificateChain.parse(withComments)).containsExactly(LEAF, ISSUING.certificate());
    }

    @Test
    void refusesAChainWhoseLeafIsForAnotherKey() {
        List<X509Certificate> chain = List.of(LEAF, ISSUING.certificate());

        assertThatThrownBy(() -> CertificateChain.ordered(chain, TestCertificateAuthority.newKeys().getPublic(), NOW))
                .isInstanceOf(InvalidCertificateChain.class)
                .hasMessageContaining("no certificate of the chain carries the public key of the staged key pair");
    }

    @Test
    void refusesTheLeafAloneBecauseItsSignatureCannotBeChecked() {
        assertThatThrownBy(() -> CertificateChain.ordered(List.of(LEAF), STAGED.getPublic(), NOW))
                .isInstanceOf(InvalidCertificateChain.class)
                .hasMessageContaining("the issuer 'CN=Test Issuing CA,O=Tenant AG' of certificate 'CN=acme-sign")
                .hasMessageContaining("is missing from the chain");
    }

    @Test
    void refusesACertificateThatItsNamedIssuerDidNotSign() {
        TestCertificateAuthority impostor = TestCertificateAuthority.root("CN=Test Issuing CA,O=Tenant AG", NOW);

        assertThatThrownBy(() -> CertificateChain.ordered(List.of(LEAF, impostor.certificate()), STAGED.getPublic(),
                NOW))
                .isInstanceOf(InvalidCertificateChain.class)
                .hasMessageContaining("is not signed by its issuer 'CN=Test Issuing CA,O=Tenant AG'");
    }

    @Test
    void refusesACertificateThatItsNamedIssuerDidNotSignAnywhereInTheChain() {
        TestCertificateAuthority impostorIssuing = ROOT.intermediate("CN=Test Issuing CA,O=Tenant AG", NOW);
        TestCertificateAuthority impostorRoot = TestCertificateAuthority.root("CN=Test Root CA,O=Tenant AG", NOW);

        assertThatThrownBy(() -> CertificateChain.ordered(List.of(LEAF, impostorIssuing.certificate(),
                ROOT.certificate()), STAGED.getPublic(), NOW))
                .isInstanceOf(InvalidCertificateChain.class)
                .hasMessageContaining("certificate 'CN=acme-sign,O=Tenant AG'")
                .hasMessageContaining("is not signed by its issuer 'CN=Test Issuing CA,O=Tenant AG'");
        assertThatThrownBy(() -> CertificateChain.ordered(List.of(LEAF, ISSUING.certificate(),
                impostorRoot.certificate()), STAGED.getPublic(), NOW))
                .isInstanceOf(InvalidCertificateChain.class)
                .hasMessageContaining("certificate 'CN=Test Issuing CA,O=Tenant AG'")
                .hasMessageContaining("is not signed by its issuer 'CN=Test Root CA,O=Tenant AG'");
    }

    @Test
    void refusesASelfSignedLeaf() {
        X509Certificate selfSigned = new SelfSignedKeyPairIssuer(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC),
                new CertificateProperties(Duration.ofDays(30), "keyrenewal"))
                .issue("acme-sign", io.keyrenewal.contracts.renewal.KeyAlgorithm.EC_P256).certificate();

        assertThatThrownBy(() -> CertificateChain.ordered(List.of(selfSigned), selfSigned.getPublicKey(), NOW))
                .isInstanceOf(InvalidCertificateChain.class).hasMessageContaining("is self-signed: a CA must issue it");
    }

    @Test
    void refusesALeafThatIsItselfACa() {
        X509Certificate caLeaf = ISSUING.issue("CN=acme-sign", STAGED.getPublic(), NOW.minusSeconds(60),
                NOW.plus(Duration.ofDays(30)), Role.CA);

        assertThatThrownBy(() -> CertificateChain.ordered(List.of(caLeaf, ISSUING.certificate()), STAGED.getPublic(),
                NOW))
                .isInstanceOf(InvalidCertificateChain.class).hasMessageContaining("is a CA certificate");
    }

    @Test
    void refusesAnIssuerThatIsNoCaOrMayNotSignCertificates() {
        KeyPair issuerKeys = TestCertificateAuthority.newKeys();
        X509Certificate notACa = ROOT.issue("CN=Not A CA", issuerKeys.getPublic(), NOW.minusSeconds(60),
                NOW.plus(Duration.ofDays(30)), Role.NO_CA_EXTENSIONS);
        X509Certificate noCertSign = ROOT.issue("CN=Not A CA", issuerKeys.getPublic(), NOW.minusSeconds(60),
                NOW.plus(Duration.ofDays(30)), Role.CA_WITHOUT_CERTIFICATE_SIGNING);
        X509Certificate leaf = signedBy(issuerKeys, notACa);

        assertThatThrownBy(() -> CertificateChain.ordered(List.of(leaf, notACa), STAGED.getPublic(), NOW))
                .isInstanceOf(InvalidCertificateChain.class)
                .hasMessageContaining("is not a CA certificate (no basicConstraints CA=true)");
        assertThatThrownBy(() -> CertificateChain.ordered(List.of(leaf, noCertSign), STAGED.getPublic(), NOW))
                .isInstanceOf(InvalidCertificateChain.class)
                .hasMessageContaining("may not sign certificates (its keyUsage lacks keyCertSign)");
        // the same below a root, where the issuer is no longer the chain's last certificate
        assertThatThrownBy(() -> CertificateChain.ordered(List.of(leaf, notACa, ROOT.certificate()),
                STAGED.getPublic(), NOW))
                .isInstanceOf(InvalidCertificateChain.class)
                .hasMessageContaining("the issuer 'CN=Not A CA' (serial")
                .hasMessageContaining("is not a CA certificate (no basicConstraints CA=true)");
        assertThatThrownBy(() -> CertificateChain.ordered(List.of(leaf, noCertSign, ROOT.certificate()),
                STAGED.getPublic(), NOW))
                .isInstanceOf(InvalidCertificateChain.class)
                .hasMessageContaining("the issuer 'CN=Not A CA' (serial")
                .hasMessageContaining("may not sign certificates (its keyUsage lacks keyCertSign)");
    }

    @Test
    void refusesACertificateThatIsNotPartOfTheChain() {
        TestCertificateAuthority other = TestCertificateAuthority.root("CN=Other Root", NOW);

        assertThatThrownBy(() -> CertificateChain.ordered(List.of(LEAF, ISSUING.certificate(), ROOT.certificate(),
                other.certificate()), STAGED.getPublic(), NOW))
                .isInstanceOf(InvalidCertificateChain.class)
                .hasMessageContaining("certificate 'CN=Other Root' (serial")
                .hasMessageContaining("is not part of the chain");
    }

    @Test
    void refusesAnExpiredLeafAndOneNotValidYet() {
        X509Certificate expired = ISSUING.issue("CN=acme-sign", STAGED.getPublic(), NOW.minus(Duration.ofDays(30)),
                NOW.minus(Duration.ofDays(1)));
        X509Certificate early = ISSUING.issue("CN=acme-sign", STAGED.getPublic(), NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)));

        assertThatThrownBy(() -> CertificateChain.ordered(List.of(expired, ISSUING.certificate()), STAGED.getPublic(),
                NOW))
                .isInstanceOf(InvalidCertificateChain.class).hasMessageContaining("expired on");
        assertThatThrownBy(() -> CertificateChain.ordered(List.of(early, ISSUING.certificate()), STAGED.getPublic(),
                NOW))
                .isInstanceOf(InvalidCertificateChain.class).hasMessageContaining("is not valid before");
    }

    @Test
    void refusesAnExpiredIssuer() {
        Instant later = NOW.plus(Duration.ofDays(1900));
        X509Certificate longLeaf = ISSUING.issue("CN=acme-sign", STAGED.getPublic(), NOW,
                NOW.plus(Duration.ofDays(2000)));

        assertThatThrownBy(() -> CertificateChain.ordered(List.of(longLeaf, ISSUING.certificate()), STAGED.getPublic(),
                later))
                .isInstanceOf(InvalidCertificateChain.class)
                .hasMessageContaining("certificate 'CN=Test Issuing CA,O=Tenant AG'").hasMessageContaining("expired");
        assertThatThrownBy(() -> CertificateChain.ordered(List.of(longLeaf, ISSUING.certificate(), ROOT.certificate()),
                STAGED.getPublic(), later))
                .isInstanceOf(InvalidCertificateChain.class)
                .hasMessageContaining("certificate 'CN=Test Issuing CA,O=Tenant AG'")
                .hasMessageContaining("expired on");
    }

    @Test
    void refusesABodyWithoutCertificatesOrWithAKeyOrAnotherBlock() {
        assertThatThrownBy(() -> CertificateChain.parse("not pem at all"))
                .isInstanceOf(InvalidCertificateChain.class).hasMessageContaining("no PEM certificate");
        assertThatThrownBy(() -> CertificateChain.parse(pem(LEAF) + "-----BEGIN " + "PRIVATE KEY-----\nMIIB\n-----END "
                + "PRIVATE KEY-----\n"))
                .isInstanceOf(InvalidCertificateChain.class)
                .hasMessage("block 2 holds a key, which is never accepted: send the CA's certificates only");
        assertThatThrownBy(() -> CertificateChain.parse("-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n"
                + "-----END CERTIFICATE REQUEST-----\n"))
                .isInstanceOf(InvalidCertificateChain.class).hasMessageContaining("'certificate request' block");
        assertThatThrownBy(() -> CertificateChain.parse("-----BEGIN CERTIFICATE-----\n%%%%\n-----END CERTIFICATE-----"))
                .isInstanceOf(InvalidCertificateChain.class).hasMessageContaining("not valid Base64");
        assertThatThrownBy(() -> CertificateChain.parse("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"))
                .isInstanceOf(InvalidCertificateChain.class).hasMessageContaining("not an X.509 certificate");
    }

    /** A leaf for the staged key, signed with {@code issuerKeys} and naming {@code issuer} as its issuer. */
    private static X509Certificate signedBy(KeyPair issuerKeys, X509Certificate issuer) {
        return TestCertificateAuthority.issuedWith(issuerKeys, issuer, "CN=acme-sign", STAGED.getPublic(),
                NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)));
    }
}
