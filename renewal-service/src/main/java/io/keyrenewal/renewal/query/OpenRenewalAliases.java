package io.keyrenewal.renewal.query;

import io.keyrenewal.renewal.playbook.RenewalRefused;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * One open renewal per alias, guarded by the database: starting a renewal claims its alias (primary key) in the
 * start command's transaction, and its end (completed, aborted, rolled back) frees it.
 */
@Component
public class OpenRenewalAliases {

    private final JdbcTemplate jdbc;

    public OpenRenewalAliases(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code alias} for {@code renewalId}, or refuses naming the renewal that holds it. The claim inserts only
     * when the alias is free, so a taken alias fails no statement (PostgreSQL would abort the whole transaction on a
     * key violation); a start racing this one for the same alias still meets the primary key.
     */
    public void claim(String alias, String renewalId) {
        int claimed;
        try {
            claimed = jdbc.update("insert into open_renewal_alias (alias, renewal_id) select ?, ?"
                    + " where not exists (select 1 from open_renewal_alias where alias = ?)", alias, renewalId, alias);
        } catch (DuplicateKeyException raced) {
            throw refused(alias, "another renewal started at the same moment");
        }
        if (claimed == 0) {
            throw refusal(alias).orElseGet(() -> refused(alias, "renewal that ended just now"));
        }
    }

    /** The refusal a claim of {@code alias} would meet now, naming the renewal that holds it; empty if it is free. */
    public Optional<RenewalRefused.AliasInRenewal> refusal(String alias) {
        return holder(alias).map(renewalId -> refused(alias, "renewal " + renewalId));
    }

    /** The id of the open renewal that holds {@code alias}; empty if it is free. */
    public Optional<String> holder(String alias) {
        return jdbc.query("select renewal_id from open_renewal_alias where alias = ?",
                rows -> rows.next() ? Optional.of(rows.getString(1)) : Optional.empty(), alias);
    }

    private static RenewalRefused.AliasInRenewal refused(String alias, String holder) {
        return new RenewalRefused.AliasInRenewal("alias " + alias + " is already being renewed by " + holder
                + "; one open renewal per alias");
    }

    void release(String alias, String renewalId) {
        jdbc.update("delete from open_renewal_alias where alias = ? and renewal_id = ?", alias, renewalId);
    }
}
