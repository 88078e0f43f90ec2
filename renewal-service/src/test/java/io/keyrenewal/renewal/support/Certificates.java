package io.keyrenewal.renewal.support;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;

import java.time.Duration;
import java.time.Instant;

/** Public certificate data as the keystore reports it (the renewal service never sees key material). */
public final class Certificates {

    private Certificates() {
    }

    public static CertificateInfo certificate(String alias, String serial, Instant notBefore) {
        return new CertificateInfo("-----BEGIN CERTIFICATE-----\nMIIB" + serial + "\n-----END CERTIFICATE-----\n",
                Fingerprint.sha256Of(serial.getBytes()), "CN=" + alias, "CN=" + alias, serial, notBefore,
                notBefore.plus(Duration.ofDays(365)));
    }

    public static CertificateRef ref(String alias, String serial) {
        return certificate(alias, serial, Instant.EPOCH).ref();
    }
}
