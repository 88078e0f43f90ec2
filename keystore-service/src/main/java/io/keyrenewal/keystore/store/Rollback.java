package io.keyrenewal.keystore.store;

import io.keyrenewal.keystore.certificate.PublicCertificate;

import java.time.Instant;

/**
 * The outcome of re-activating an archived key pair.
 *
 * @param deactivatedUntil the retention date the deactivated key pair got: the one the re-activated key had
 */
public record Rollback(PublicCertificate reactivated, PublicCertificate deactivated, Instant deactivatedUntil) {
}
