package io.keyrenewal.keystore.store;

/**
 * Which entries a listing shows: those of one alias and in one state (either or both null: any), one page of them
 * ordered by alias, then entry name.
 *
 * @param page from 0
 * @param size entries per page, 1 to {@link #MAX_SIZE}
 */
public record EntryQuery(KeystoreAlias alias, EntryState state, int page, int size) {

    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 1000;

    public EntryQuery {
        if (state == EntryState.REMOVED) {
            throw new IllegalArgumentException("state must be ACTIVE, STAGED or ARCHIVED: a removed entry is no longer"
                    + " in the keystore (its history is)");
        }
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, not " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be 1 to " + MAX_SIZE + ", not " + size);
        }
    }

    public EntryQuery page(int number) {
        return new EntryQuery(alias, state, number, size);
    }

    long offset() {
        return (long) page * size;
    }
}
