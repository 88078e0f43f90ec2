package io.keyrenewal.keystore.store;

import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.keystore.certificate.CertificateProperties;
import io.keyrenewal.keystore.certificate.IssuedKeyPair;
import io.keyrenewal.keystore.certificate.SelfSignedKeyPairIssuer;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A child process for {@link KeystoreCrashSafetyTest}: renews one alias's key pair over and over (so the alias's file
 * grows and every write takes a while), announcing each certificate before and after its write, until it is killed.
 * Arguments: keystore folder, password, alias.
 */
public final class KeystoreWriterProcess {

    private KeystoreWriterProcess() {
    }

    public static void main(String[] args) {
        Pkcs12TenantKeystore keystore = new Pkcs12TenantKeystore(
                new KeystoreFileProperties(Path.of(args[0]), args[1], null), H2Files.in(Path.of(args[0])));
        SelfSignedKeyPairIssuer issuer = new SelfSignedKeyPairIssuer(Clock.systemUTC(),
                new CertificateProperties(Duration.ofDays(30), "keyrenewal"));
        KeystoreAlias alias = KeystoreAlias.of(args[2]);
        System.out.println("ready");
        while (true) {
            IssuedKeyPair keyPair = issuer.issue(alias.value(), KeyAlgorithm.EC_P256);
            String fingerprint = keyPair.publicCertificate().fingerprint().value();
            System.out.println("writing " + fingerprint);
            keystore.install(alias, keyPair);
            System.out.println("written " + fingerprint);
        }
    }
}
