package io.keyrenewal.notification.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    @Test
    void signsTimestampDotBodyWithHmacSha256AsLowerCaseHex() {
        // the expected value computed independently: HMAC-SHA256(key "secret", "1767225600.{\"a\":1}")
        assertThat(WebhookSignature.sign("secret", "1767225600", "{\"a\":1}"))
                .isEqualTo("sha256=96a067a1c95eb143fc00b9097bcfcbcd5456adda508c443ff219748e764dbed7");
    }

    @Test
    void aChangedBodyOrTimestampGivesAnotherSignature() {
        String signed = WebhookSignature.sign("secret", "1767225600", "{\"a\":1}");

        assertThat(WebhookSignature.sign("secret", "1767225600", "{\"a\":2}")).isNotEqualTo(signed);
        assertThat(WebhookSignature.sign("secret", "1767225601", "{\"a\":1}")).isNotEqualTo(signed);
        assertThat(WebhookSignature.sign("other", "1767225600", "{\"a\":1}")).isNotEqualTo(signed);
    }
}
