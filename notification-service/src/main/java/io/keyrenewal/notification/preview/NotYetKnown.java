package io.keyrenewal.notification.preview;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What only the real renewal will know, and so no plan: a certificate the keystore makes or the partner sends, a
 * downtime window the tenant proposes, who takes a step, the id the partner gives its confirmation. The preview builds
 * its events with a fixed sentinel value for each, one that passes the contracts' checks and that no message has
 * otherwise; the message rendered, every occurrence of a sentinel in it is replaced by the marked placeholder that
 * names what stands there ({@link #mark}).
 * <p>
 * No sentinel contains another, so the replacements do not interfere. Anything of a sentinel left after them
 * ({@link #leftIn}) means a composer showed a value in a form the preview does not know (cut, reformatted); such a
 * message is not rendered rather than shown with an invented value.
 */
enum NotYetKnown {

    CONFIRMATION_ID("dry-run-sentinel-confirmation-id", "<your confirmationId>",
            "the id the partner gives its confirmation"),

    NEW_CERTIFICATE_SHA256("deadbeef".repeat(8),
            "<SHA-256 of the new certificate: known once the keystore made it>",
            "the SHA-256 fingerprint of the tenant's new certificate, which the keystore makes when the renewal runs"),
    NEW_CERTIFICATE_SERIAL("d7a0000000000001",
            "<serial number of the new certificate: known once the keystore made it>",
            "the serial number of the tenant's new certificate"),
    NEW_CERTIFICATE_SUBJECT("CN=dry-run-sentinel-new-certificate-subject",
            "<subject of the new certificate: known once the keystore made it>",
            "the subject of the tenant's new certificate"),
    NEW_CERTIFICATE_ISSUER("CN=dry-run-sentinel-new-certificate-issuer",
            "<issuer of the new certificate: known once the keystore made it>",
            "the issuer of the tenant's new certificate (the tenant itself, or its certificate authority)"),
    NEW_CERTIFICATE_NOT_BEFORE("2999-01-01T00:00:01Z",
            "<start of the new certificate's validity: known once the keystore made it>",
            "when the tenant's new certificate becomes valid"),
    NEW_CERTIFICATE_NOT_AFTER("2999-01-01T00:00:02Z",
            "<end of the new certificate's validity: known once the keystore made it>",
            "when the tenant's new certificate expires"),
    NEW_CERTIFICATE_PEM(pem("keyrenewal dry run: the tenant's new certificate, made when the renewal runs"),
            "<the new certificate as PEM: known once the keystore made it>",
            "the tenant's new certificate itself"),

    CURRENT_CERTIFICATE_SHA256("0ddba110".repeat(8),
            "<SHA-256 of the tenant's current certificate>",
            "the SHA-256 fingerprint of the certificate the alias holds when the renewal starts, which the plan does"
                    + " not read"),
    CURRENT_CERTIFICATE_SERIAL("d7a0000000000002",
            "<serial number of the tenant's current certificate>",
            "the serial number of the certificate the alias holds when the renewal starts"),
    CURRENT_CERTIFICATE_ISSUER("CN=dry-run-sentinel-current-certificate-issuer",
            "<issuer of the tenant's current certificate>",
            "the issuer of the certificate the alias holds when the renewal starts"),

    PARTNER_CERTIFICATE_SHA256("feedface".repeat(8),
            "<SHA-256 of your new certificate: known once you sent it>",
            "the SHA-256 fingerprint of the partner's new certificate, which the partner sends when the renewal runs"),
    PARTNER_CERTIFICATE_SERIAL("d7a0000000000003",
            "<serial number of your new certificate: known once you sent it>",
            "the serial number of the partner's new certificate"),
    PARTNER_CERTIFICATE_SUBJECT("CN=dry-run-sentinel-partner-certificate-subject",
            "<subject of your new certificate: known once you sent it>",
            "the subject of the partner's new certificate"),
    PARTNER_CERTIFICATE_ISSUER("CN=dry-run-sentinel-partner-certificate-issuer",
            "<issuer of your new certificate: known once you sent it>",
            "the issuer of the partner's new certificate"),
    PARTNER_CERTIFICATE_NOT_BEFORE("2999-01-01T00:00:03Z",
            "<start of your new certificate's validity: known once you sent it>",
            "when the partner's new certificate becomes valid"),
    PARTNER_CERTIFICATE_NOT_AFTER("2999-01-01T00:00:04Z",
            "<end of your new certificate's validity: known once you sent it>",
            "when the partner's new certificate expires"),
    PARTNER_CERTIFICATE_PEM(pem("keyrenewal dry run: the partner's new certificate, sent when the renewal runs"),
            "<your new certificate as PEM: known once you sent it>",
            "the partner's new certificate itself"),

    PARTNER_PREVIOUS_SHA256("cafebabe".repeat(8),
            "<SHA-256 of your current certificate>",
            "the SHA-256 fingerprint of the partner's certificate the alias holds when the renewal starts, which the"
                    + " plan does not read"),
    PARTNER_PREVIOUS_SERIAL("d7a0000000000004",
            "<serial number of your current certificate>",
            "the serial number of the partner's certificate the alias holds when the renewal starts"),
    PARTNER_PREVIOUS_ISSUER("CN=dry-run-sentinel-partner-previous-issuer",
            "<issuer of your current certificate>",
            "the issuer of the partner's certificate the alias holds when the renewal starts"),

    WINDOW_START("2999-12-30T22:00:00Z",
            "<the downtime window the tenant proposes: start>",
            "the start of the downtime window, which the tenant proposes at the renewal's DOWNTIME_PROPOSED step"),
    WINDOW_END("2999-12-31T02:00:00Z",
            "<the downtime window the tenant proposes: end>",
            "the end of the downtime window, which the tenant proposes at the renewal's DOWNTIME_PROPOSED step"),
    PROPOSED_BY("dry-run-sentinel-proposed-by",
            "<the tenant's user who proposes the window>",
            "who proposes the downtime window, as authenticated"),
    ACTUAL_DOWNTIME("PT9999H59M59S",
            "<the actual downtime: from the sender's stop to its resume>",
            "how long the sender actually stopped sending, known once it resumed"),
    INTEGRATION_DEVELOPER("dry-run-sentinel-integration-developer",
            "<the integration developer who records the step>",
            "the tenant's integration developer who undeploys or redeploys the integration flow, as authenticated");

    /**
     * Parts of the sentinels that no message has otherwise: any of them left in a message after {@link #mark} is a
     * sentinel shown in a form the preview does not recognise.
     */
    private static final List<String> TRACES = List.of("dry-run-sentinel", "deadbeefdeadbeef", "0ddba1100ddba110",
            "feedfacefeedface", "cafebabecafebabe", "d7a000000000000", "2999-", "PT9999H",
            "a2V5cmVuZXdhbCBkcnkgcnVu" /* "keyrenewal dry run" in Base64, the PEMs' start */);

    private final String value;
    private final String placeholder;
    private final String meaning;

    NotYetKnown(String value, String placeholder, String meaning) {
        this.value = value;
        this.placeholder = placeholder;
        this.meaning = meaning;
    }

    /** The sentinel, as the event carries it and a message shows it. */
    String value() {
        return value;
    }

    Instant instant() {
        return Instant.parse(value);
    }

    Duration duration() {
        return Duration.parse(value);
    }

    Fingerprint fingerprint() {
        return new Fingerprint(value);
    }

    PreviewedMessage.Placeholder placeholder() {
        return new PreviewedMessage.Placeholder(placeholder, meaning);
    }

    /** The tenant's new certificate, as the keystore would describe it. */
    static CertificateInfo newCertificate() {
        return new CertificateInfo(NEW_CERTIFICATE_PEM.value, NEW_CERTIFICATE_SHA256.fingerprint(),
                NEW_CERTIFICATE_SUBJECT.value, NEW_CERTIFICATE_ISSUER.value, NEW_CERTIFICATE_SERIAL.value,
                NEW_CERTIFICATE_NOT_BEFORE.instant(), NEW_CERTIFICATE_NOT_AFTER.instant());
    }

    /** The certificate the alias holds when the renewal starts (a rollback re-activates it). */
    static CertificateRef currentCertificate() {
        return new CertificateRef(CURRENT_CERTIFICATE_SHA256.fingerprint(), CURRENT_CERTIFICATE_ISSUER.value,
                CURRENT_CERTIFICATE_SERIAL.value);
    }

    /** The partner's new certificate, as the renewal's checks pass it on. */
    static CertificateInfo partnersCertificate() {
        return new CertificateInfo(PARTNER_CERTIFICATE_PEM.value, PARTNER_CERTIFICATE_SHA256.fingerprint(),
                PARTNER_CERTIFICATE_SUBJECT.value, PARTNER_CERTIFICATE_ISSUER.value, PARTNER_CERTIFICATE_SERIAL.value,
                PARTNER_CERTIFICATE_NOT_BEFORE.instant(), PARTNER_CERTIFICATE_NOT_AFTER.instant());
    }

    /** The partner's certificate the alias holds when the renewal starts. */
    static CertificateRef partnersCurrentCertificate() {
        return new CertificateRef(PARTNER_PREVIOUS_SHA256.fingerprint(), PARTNER_PREVIOUS_ISSUER.value,
                PARTNER_PREVIOUS_SERIAL.value);
    }

    /** {@code rendered} with every sentinel replaced by its placeholder; those it replaced are added to {@code used}. */
    static String mark(String rendered, Set<NotYetKnown> used) {
        String marked = rendered;
        for (NotYetKnown unknown : values()) {
            if (marked.contains(unknown.value)) {
                marked = marked.replace(unknown.value, unknown.placeholder);
                used.add(unknown);
            }
        }
        return marked;
    }

    /** Whether anything of a sentinel is in {@code text}: before {@link #mark}, or left after it. */
    static boolean leftIn(String text) {
        return TRACES.stream().anyMatch(text::contains);
    }

    static Set<NotYetKnown> none() {
        return EnumSet.noneOf(NotYetKnown.class);
    }

    /** A PEM text the contracts accept as a certificate, its body {@code words} in Base64: no certificate at all. */
    private static String pem(String words) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(words.getBytes(StandardCharsets.US_ASCII)) + "\n-----END CERTIFICATE-----\n";
    }
}
