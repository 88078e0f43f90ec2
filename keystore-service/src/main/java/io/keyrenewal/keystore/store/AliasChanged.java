package io.keyrenewal.keystore.store;

/**
 * A change of {@code alias} was committed (and queued in the {@link AliasOutbox}): an application event, so the
 * publisher can send it at once rather than at its next round.
 */
public record AliasChanged(KeystoreAlias alias) {
}
