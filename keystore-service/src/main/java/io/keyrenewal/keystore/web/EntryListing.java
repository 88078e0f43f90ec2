package io.keyrenewal.keystore.web;

import io.keyrenewal.keystore.store.EntryPage;
import io.keyrenewal.keystore.store.EntryQuery;
import io.keyrenewal.keystore.store.EntryState;
import io.keyrenewal.keystore.store.InvalidAlias;
import io.keyrenewal.keystore.store.KeystoreAlias;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /keystore/entries}'s parameters and paging headers: {@code alias} (exact), {@code state} (ACTIVE, STAGED
 * or ARCHIVED), {@code page} (from 0) and {@code size} (default {@value EntryQuery#DEFAULT_SIZE}, at most
 * {@value EntryQuery#MAX_SIZE}); the body stays a JSON array, the paging goes in {@code X-Total-Count} and
 * {@code Link} (RFC 8288, {@code rel="next"} and {@code rel="prev"}).
 */
final class EntryListing {

    static final String TOTAL_COUNT = "X-Total-Count";

    private EntryListing() {
    }

    static EntryQuery query(String alias, String state, String page, String size) {
        try {
            return new EntryQuery(alias == null || alias.isBlank() ? null : KeystoreAlias.of(alias),
                    state == null || state.isBlank() ? null : state(state), number("page", page, 0),
                    number("size", size, EntryQuery.DEFAULT_SIZE));
        } catch (InvalidAlias | IllegalArgumentException invalid) {
            throw new BadQuery(invalid.getMessage());
        }
    }

    static HttpHeaders headers(EntryPage page) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(TOTAL_COUNT, Long.toString(page.total()));
        List<String> links = new ArrayList<>();
        if (page.hasNext()) {
            links.add(link(page.query().page(page.query().page() + 1), "next"));
        }
        if (page.query().page() > 0) {
            links.add(link(page.query().page(page.query().page() - 1), "prev"));
        }
        if (!links.isEmpty()) {
            headers.set(HttpHeaders.LINK, String.join(", ", links));
        }
        return headers;
    }

    /** The listing of {@code query} as a path and query (relative to the request's host, whatever it is). */
    private static String link(EntryQuery query, String relation) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(ServletUriComponentsBuilder.fromCurrentRequestUri()
                .build().getPath());
        if (query.alias() != null) {
            uri.queryParam("alias", query.alias().value());
        }
        if (query.state() != null) {
            uri.queryParam("state", query.state().name());
        }
        return "<" + uri.queryParam("page", query.page()).queryParam("size", query.size()).encode().build()
                + ">; rel=\"" + relation + "\"";
    }

    private static EntryState state(String requested) {
        try {
            return EntryState.valueOf(requested.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new BadQuery("state must be ACTIVE, STAGED or ARCHIVED, not '" + requested + "'");
        }
    }

    private static int number(String name, String requested, int otherwise) {
        if (requested == null || requested.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(requested.trim());
        } catch (NumberFormatException notANumber) {
            throw new BadQuery(name + " must be a whole number, not '" + requested + "'");
        }
    }

    static final class BadQuery extends RuntimeException {

        BadQuery(String reason) {
            super(reason);
        }
    }
}
