package io.keyrenewal.notification.delivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The signature of a webhook call: {@code sha256=<hex HMAC-SHA256 over "<timestamp>.<body>">}, keyed by the
 * partner's webhook secret. A partner recomputes it from the {@value #TIMESTAMP_HEADER} header and the raw body,
 * compares it in constant time and rejects old timestamps.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Keyrenewal-Signature";
    public static final String TIMESTAMP_HEADER = "X-Keyrenewal-Timestamp";
    public static final String NOTIFICATION_ID_HEADER = "X-Keyrenewal-Notification-Id";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** {@code sha256=<hex>} of {@code "<timestamp>.<body>"}. */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            byte[] signature = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }
}
