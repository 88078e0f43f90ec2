package io.keyrenewal.keystore.history;

import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.keystore.CausingMessage;
import io.keyrenewal.keystore.certificate.PublicCertificate;
import io.keyrenewal.keystore.store.EntryState;
import io.keyrenewal.keystore.store.EntryType;
import io.keyrenewal.keystore.store.Exchange;
import io.keyrenewal.keystore.store.KeystoreAlias;
import io.keyrenewal.keystore.store.KeystoreEntry;
import io.keyrenewal.keystore.store.Rollback;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every change of every keystore entry, kept in the service's database: the state it reached, when, for which
 * renewal. A change that leaves an entry as its last change did (a redelivered decision) is not recorded twice.
 */
@Component
public class EntryHistory {

    private final JdbcClient jdbc;
    private final Clock clock;

    public EntryHistory(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void seeded(KeystoreAlias alias, PublicCertificate certificate) {
        record(alias, certificate, alias.currentEntryName(), EntryState.ACTIVE, null, "SEEDED", null, null);
    }

    /** A renewal generated {@code certificate}'s key pair, staged or active at once, archiving {@code archived}. */
    public void generated(KeystoreAlias alias, PublicCertificate certificate, EntryState state,
                          PublicCertificate archived, RenewalId renewalId, CausingMessage cause) {
        String entryName = state == EntryState.STAGED ? alias.stagedEntryName(certificate.serialHex())
                : alias.currentEntryName();
        record(alias, certificate, entryName, state, null, "GENERATED", renewalId, cause);
        if (archived != null) {
            archived(EntryType.KEY_PAIR, alias, archived, null, renewalId, cause);
        }
    }

    /** The staged key pair got the certificate a CA issued; the certificate it was generated with is gone. */
    public void certified(KeystoreAlias alias, PublicCertificate replaced, PublicCertificate issued,
                          RenewalId renewalId, CausingMessage cause) {
        record(alias, replaced, alias.stagedEntryName(replaced.serialHex()), EntryState.REMOVED, null,
                "CERTIFICATE_REPLACED", renewalId, cause);
        record(alias, issued, alias.stagedEntryName(issued.serialHex()), EntryState.STAGED, null,
                "CA_CERTIFICATE_IMPORTED", renewalId, cause);
    }

    public void exchanged(KeystoreAlias alias, Exchange exchange, RenewalId renewalId, CausingMessage cause) {
        exchanged(EntryType.KEY_PAIR, alias, exchange, renewalId, cause);
    }

    /**
     * A partner's certificate was added to the alias, staged.
     *
     * @param renewalId null (and {@code cause} null) when the tenant administrator added it over the API
     */
    public void partnerCertificateAdded(KeystoreAlias alias, PublicCertificate certificate, RenewalId renewalId,
                                        CausingMessage cause) {
        record(EntryType.PARTNER_CERTIFICATE, alias, certificate, alias.stagedEntryName(certificate.serialHex()),
                EntryState.STAGED, null, "PARTNER_CERTIFICATE_ADDED", renewalId, cause);
    }

    /** The staged partner certificate became the alias's active one; the one before is archived. */
    public void partnerCertificateSwitched(KeystoreAlias alias, Exchange exchange, RenewalId renewalId,
                                           CausingMessage cause) {
        exchanged(EntryType.PARTNER_CERTIFICATE, alias, exchange, renewalId, cause);
    }

    /** A partner certificate is gone: an archived one after its retention date, or a staged one discarded. */
    public void partnerCertificateRemoved(KeystoreAlias alias, KeystoreEntry removed, RenewalId renewalId,
                                          CausingMessage cause) {
        record(EntryType.PARTNER_CERTIFICATE, alias, removed.certificate(), removed.entryName(), EntryState.REMOVED,
                null, removed.state() == EntryState.STAGED ? "DISCARDED" : "REMOVED", renewalId, cause);
    }

    private void exchanged(EntryType type, KeystoreAlias alias, Exchange exchange, RenewalId renewalId,
                           CausingMessage cause) {
        record(type, alias, exchange.activated(), alias.currentEntryName(), EntryState.ACTIVE, null, "EXCHANGED_IN",
                renewalId, cause);
        if (exchange.archived() != null) {
            archived(type, alias, exchange.archived(), exchange.archivedUntil(), renewalId, cause);
        }
    }

    public void rolledBack(KeystoreAlias alias, Rollback rollback, RenewalId renewalId, CausingMessage cause) {
        record(alias, rollback.reactivated(), alias.currentEntryName(), EntryState.ACTIVE, null, "REACTIVATED",
                renewalId, cause);
        if (rollback.deactivated() != null) {
            archived(EntryType.KEY_PAIR, alias, rollback.deactivated(), rollback.deactivatedUntil(), renewalId,
                    cause);
        }
    }

    public void discarded(KeystoreAlias alias, PublicCertificate certificate, RenewalId renewalId,
                          CausingMessage cause) {
        record(alias, certificate, alias.stagedEntryName(certificate.serialHex()), EntryState.REMOVED, null,
                "DISCARDED", renewalId, cause);
    }

    public void removed(KeystoreAlias alias, String certificateSha256, String serialNumber, RenewalId renewalId,
                        CausingMessage cause) {
        insert(new EntryChange(alias.value(), certificateSha256, serialNumber, alias.retainedEntryName(serialNumber),
                EntryState.REMOVED, null, "REMOVED", renewalId.value(), cause.id(), clock.instant(),
                EntryType.KEY_PAIR));
    }

    /** The changes of the entry holding this certificate, oldest first. */
    public List<EntryChange> of(Fingerprint certificate) {
        return jdbc.sql("SELECT * FROM entry_history WHERE certificate_sha256 = :sha256 ORDER BY id")
                .param("sha256", certificate.value())
                .query((row, number) -> change(row))
                .list();
    }

    private void archived(EntryType type, KeystoreAlias alias, PublicCertificate certificate, Instant until,
                          RenewalId renewalId, CausingMessage cause) {
        record(type, alias, certificate, alias.retainedEntryName(certificate.serialHex()), EntryState.ARCHIVED, until,
                "ARCHIVED", renewalId, cause);
    }

    private void record(KeystoreAlias alias, PublicCertificate certificate, String entryName, EntryState state,
                        Instant retainedUntil, String kind, RenewalId renewalId, CausingMessage cause) {
        record(EntryType.KEY_PAIR, alias, certificate, entryName, state, retainedUntil, kind, renewalId, cause);
    }

    private void record(EntryType type, KeystoreAlias alias, PublicCertificate certificate, String entryName,
                        EntryState state, Instant retainedUntil, String kind, RenewalId renewalId,
                        CausingMessage cause) {
        insert(new EntryChange(alias.value(), certificate.fingerprint().value(), certificate.serialHex(), entryName,
                state, retainedUntil, kind, renewalId == null ? null : renewalId.value(),
                cause == null ? null : cause.id(), clock.instant(), type));
    }

    private void insert(EntryChange change) {
        Optional<EntryChange> last = last(change.certificateSha256());
        if (last.isPresent() && last.get().state() == change.state()
                && Objects.equals(last.get().retainedUntil(), stored(change.retainedUntil()))) {
            return;
        }
        jdbc.sql("INSERT INTO entry_history (alias, certificate_sha256, serial_number, entry_name, state,"
                        + " retained_until, change_kind, renewal_id, causation_id, changed_at, entry_type) VALUES"
                        + " (:alias, :sha256, :serial, :entryName, :state, :until, :kind, :renewalId, :causationId,"
                        + " :at, :type)")
                .param("alias", change.alias())
                .param("sha256", change.certificateSha256())
                .param("serial", change.serialNumber())
                .param("entryName", change.entryName())
                .param("state", change.state().name())
                .param("until", timestamp(stored(change.retainedUntil())))
                .param("kind", change.kind())
                .param("renewalId", change.renewalId())
                .param("causationId", change.causationId())
                .param("at", timestamp(change.at()))
                .param("type", change.entryType().name())
                .update();
    }

    private Optional<EntryChange> last(String sha256) {
        return jdbc.sql("SELECT * FROM entry_history WHERE certificate_sha256 = :sha256 ORDER BY id DESC"
                        + " FETCH FIRST 1 ROWS ONLY")
                .param("sha256", sha256)
                .query((row, number) -> change(row))
                .optional();
    }

    private static EntryChange change(ResultSet row) throws SQLException {
        return new EntryChange(row.getString("alias"), row.getString("certificate_sha256"),
                row.getString("serial_number"), row.getString("entry_name"), EntryState.valueOf(row.getString("state")),
                instant(row.getObject("retained_until", OffsetDateTime.class)), row.getString("change_kind"),
                row.getString("renewal_id"), row.getString("causation_id"),
                instant(row.getObject("changed_at", OffsetDateTime.class)),
                EntryType.valueOf(row.getString("entry_type")));
    }

    /**
     * The instant as the column keeps it: to the microsecond. Written so too, truncated here rather than left to the
     * database, which rounds (a date ending in 500 ns or more would be read back one microsecond later than this, and
     * the same retention recorded twice).
     */
    private static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
