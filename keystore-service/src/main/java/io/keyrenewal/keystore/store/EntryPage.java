package io.keyrenewal.keystore.store;

import java.util.List;

/** One page of a listing: its entries (public parts) and how many entries match the query on all pages. */
public record EntryPage(EntryQuery query, List<KeystoreEntry> entries, long total) {

    public EntryPage {
        entries = List.copyOf(entries);
    }

    public boolean hasNext() {
        return query.offset() + query.size() < total;
    }
}
