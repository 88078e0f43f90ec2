package io.keyrenewal.keystore.journal;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.RenewalId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Per renewal, the key pair it generated, written before the key pair goes into the keystore. If the service stops
 * between storing the key and recording the handled message, the next attempt finds the key here and in the
 * keystore and reports it instead of generating another one.
 */
@Component
public class KeyGenerationJournal {

    private final JdbcClient jdbc;
    private final Clock clock;

    public KeyGenerationJournal(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<KeyGeneration> find(RenewalId renewalId) {
        return jdbc.sql("SELECT alias, certificate_sha256, previous_json FROM key_generation WHERE renewal_id = :id")
                .param("id", renewalId.value())
                .query((row, number) -> new KeyGeneration(renewalId, row.getString("alias"),
                        new Fingerprint(row.getString("certificate_sha256")),
                        previous(row.getString("previous_json"))))
                .optional();
    }

    /** Records (or replaces, after an attempt that never reached the keystore) what the renewal generates. */
    public void record(KeyGeneration generation) {
        String previous = generation.previous() == null ? null : ContractJson.write(generation.previous());
        int updated = jdbc.sql("UPDATE key_generation SET alias = :alias, certificate_sha256 = :sha256,"
                        + " previous_json = :previous, recorded_at = :at WHERE renewal_id = :id")
                .param("id", generation.renewalId().value())
                .param("alias", generation.alias())
                .param("sha256", generation.certificate().value())
                .param("previous", previous)
                .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO key_generation (renewal_id, alias, certificate_sha256, previous_json, recorded_at)"
                            + " VALUES (:id, :alias, :sha256, :previous, :at)")
                    .param("id", generation.renewalId().value())
                    .param("alias", generation.alias())
                    .param("sha256", generation.certificate().value())
                    .param("previous", previous)
                    .param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .update();
        }
    }

    private static CertificateRef previous(String json) {
        return json == null ? null : ContractJson.read(json, CertificateRef.class);
    }
}
