package io.keyrenewal.keystore.history;

import io.keyrenewal.keystore.store.EntryState;
import io.keyrenewal.keystore.store.EntryType;

import java.time.Instant;

/**
 * One change of a keystore entry: the state it reached, why and when.
 *
 * @param kind          what happened, e.g. {@code STAGED}, {@code EXCHANGED_IN}, {@code ARCHIVED}, {@code REMOVED}
 * @param retainedUntil the retention date of an archived entry, null otherwise
 * @param renewalId     the renewal that caused it, null for a seed key pair
 * @param causationId   the {@code ce_id} of the renewal event that caused it, null for a seed key pair or a change
 *                      the tenant administrator made over the API
 * @param entryType     a key pair or a partner's certificate
 */
public record EntryChange(String alias, String certificateSha256, String serialNumber, String entryName,
                          EntryState state, Instant retainedUntil, String kind, String renewalId, String causationId,
                          Instant at, EntryType entryType) {
}
