package io.keyrenewal.keystore.store;

import io.keyrenewal.keystore.certificate.PublicCertificate;

import java.time.Instant;

/**
 * The outcome of making a staged key pair the alias's active one.
 *
 * @param archived      the key pair that was active before, null if the alias had none
 * @param archivedUntil its retention date, null if none was archived
 */
public record Exchange(PublicCertificate activated, PublicCertificate archived, Instant archivedUntil) {
}
