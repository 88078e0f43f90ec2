package io.keyrenewal.contracts;

/**
 * Kafka record headers (CloudEvents Kafka binding, binary mode, {@code ce_} prefix) carried by every record the
 * services publish. Values are UTF-8 strings.
 */
public final class MessageHeaders {

    /** Unique id of the message; consumers are idempotent on it. */
    public static final String ID = "ce_id";
    /** Simple type name of the body, e.g. {@code CertificateProvided}. */
    public static final String TYPE = "ce_type";
    /** Producing service, e.g. {@code /keyrenewal/renewal-service}. */
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    /** Time the event happened, ISO-8601. */
    public static final String TIME = "ce_time";
    /** The renewal (or partner) the message is about. */
    public static final String SUBJECT = "ce_subject";
    /** Schema revision of the body. */
    public static final String REVISION = "ce_revision";
    /** Position of the event in its renewal's history, starting at 0. */
    public static final String SEQUENCE = "ce_sequence";

    /** On a dead-letter record: why it could not be handled, readable by an operator. */
    public static final String DEAD_LETTER_REASON = "keyrenewal_dlt_reason";

    public static final String CLOUD_EVENTS_SPEC_VERSION = "1.0";

    private MessageHeaders() {
    }
}
