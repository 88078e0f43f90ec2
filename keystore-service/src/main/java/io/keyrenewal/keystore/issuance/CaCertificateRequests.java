package io.keyrenewal.keystore.issuance;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.keystore.store.KeystoreAlias;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The CA certificate requests of renewals, one per renewal, in the service's database; written before the key. */
@Component
class CaCertificateRequests {

    private final JdbcClient jdbc;
    private final Clock clock;

    CaCertificateRequests(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records (or replaces, after an attempt whose key never reached the keystore) the renewal's request. */
    void record(CaCertificateRequest request) {
        jdbc.sql("DELETE FROM ca_certificate_request WHERE renewal_id = :id")
                .param("id", request.renewalId().value())
                .update();
        jdbc.sql("INSERT INTO ca_certificate_request (renewal_id, alias, causation_id, staged_sha256,"
                        + " public_key_sha256, subject, csr_pem, activate_on_issue, previous_json, requested_at)"
                        + " VALUES (:id, :alias, :causationId, :staged, :publicKey, :subject, :csr, :activate,"
                        + " :previous, :at)")
                .param("id", request.renewalId().value())
                .param("alias", request.alias())
                .param("causationId", request.causationId())
                .param("staged", request.staged().value())
                .param("publicKey", request.publicKey().value())
                .param("subject", request.subject())
                .param("csr", request.certificateSigningRequest())
                .param("activate", request.activateOnIssue())
                .param("previous", request.previous() == null ? null : ContractJson.write(request.previous()))
                .param("at", now())
                .update();
    }

    void issued(RenewalId renewalId, Fingerprint certificate) {
        jdbc.sql("UPDATE ca_certificate_request SET issued_sha256 = :issued, issued_at = :at"
                        + " WHERE renewal_id = :id AND (issued_sha256 IS NULL OR issued_sha256 <> :issued)")
                .param("id", renewalId.value())
                .param("issued", certificate.value())
                .param("at", now())
                .update();
    }

    Optional<CaCertificateRequest> ofRenewal(RenewalId renewalId) {
        return jdbc.sql("SELECT * FROM ca_certificate_request WHERE renewal_id = :id")
                .param("id", renewalId.value())
                .query((row, number) -> request(row))
                .optional();
    }

    /** The requests for keys of {@code alias}, newest first. */
    List<CaCertificateRequest> ofAlias(KeystoreAlias alias) {
        return jdbc.sql("SELECT * FROM ca_certificate_request WHERE alias = :alias ORDER BY requested_at DESC")
                .param("alias", alias.value())
                .query((row, number) -> request(row))
                .list();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static CaCertificateRequest request(ResultSet row) throws SQLException {
        String previous = row.getString("previous_json");
        String issued = row.getString("issued_sha256");
        return new CaCertificateRequest(new RenewalId(row.getString("renewal_id")), row.getString("alias"),
                row.getString("causation_id"), new Fingerprint(row.getString("staged_sha256")),
                new Fingerprint(row.getString("public_key_sha256")), row.getString("subject"),
                row.getString("csr_pem"), row.getBoolean("activate_on_issue"),
                previous == null ? null : ContractJson.read(previous, CertificateRef.class),
                issued == null ? null : new Fingerprint(issued));
    }
}
