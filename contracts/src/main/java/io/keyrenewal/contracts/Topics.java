package io.keyrenewal.contracts;

/** Kafka topic names. They are part of the contract: never derive them from class names. */
public final class Topics {

    /** Every renewal event, in order per renewal; key = renewal id; kept forever. */
    public static final String RENEWAL_EVENTS = "renewal.events.v1";
    /** Partner confirmations of their steps; key = renewal id. */
    public static final String PARTNER_CONFIRMATIONS = "renewal.partner-confirmations.v1";
    /** What the keystore did; key = renewal id. */
    public static final String KEYSTORE_REPORTS = "keystore.reports.v1";
    /** Partner directory; key = partner id; compacted. */
    public static final String PARTNER_DIRECTORY = "partner.directory.v1";
    /**
     * The certificate each alias of the tenant keystore uses now ({@code AliasCertificate}), from keystore-service;
     * key = alias; compacted.
     */
    public static final String ALIAS_CERTIFICATES = "keystore.aliases.v1";
    /** What the expiry watch saw and did ({@code AliasWatchEvent}), from renewal-service; key = alias. */
    public static final String ALIAS_WATCH = "alias.watch.v1";
    /** Messages to partner administrators; key = partner id. */
    public static final String PARTNER_NOTIFICATIONS = "partner.notifications.v1";

    private static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}: records that could not be handled, with the reason in headers. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
