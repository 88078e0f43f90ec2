package io.keyrenewal.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrivateKeyRedactingRecovererTest {

    private static final String CERTIFICATE = "-----BEGIN CERTIFICATE-----\\nMIIBcert\\n-----END CERTIFICATE-----\\n";

    @Test
    void cutsEveryPrivateKeyBlockOutOfAJsonValueAndKeepsTheRest() {
        String value = "{\"type\":\"NEW_CERTIFICATE\",\"certificate\":\"" + CERTIFICATE
                + "-----BEGIN PRIVATE KEY-----\\nMIGHAgEAsecret\\n-----END PRIVATE KEY-----\\n"
                + "-----BEGIN RSA PRIVATE KEY-----\\nMIIEsecret2\\n-----END RSA PRIVATE KEY-----\"}";

        String redacted = PrivateKeyRedactingRecoverer.redacted(value);

        assertThat(redacted).doesNotContain("secret").doesNotContain("PRIVATE KEY")
                .contains(CERTIFICATE).contains("\"type\":\"NEW_CERTIFICATE\"")
                .contains(PrivateKeyRedactingRecoverer.REPLACEMENT + "\\n" + PrivateKeyRedactingRecoverer.REPLACEMENT);
    }

    @Test
    void cutsABlockCutShortToTheEndAndLeavesAValueWithoutKeysAsItIs() {
        assertThat(PrivateKeyRedactingRecoverer.redacted("x -----BEGIN EC PRIVATE KEY-----\nMHcCAQEEsecret"))
                .isEqualTo("x " + PrivateKeyRedactingRecoverer.REPLACEMENT);
        String plain = "{\"certificate\":\"" + CERTIFICATE + "\",\"note\":\"no PUBLIC KEY here\"}";
        assertThat(PrivateKeyRedactingRecoverer.redacted(plain)).isSameAs(plain);
        assertThat(PrivateKeyRedactingRecoverer.redacted(null)).isNull();
    }
}
