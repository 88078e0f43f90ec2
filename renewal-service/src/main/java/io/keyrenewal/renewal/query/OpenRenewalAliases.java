package io.keyrenewal.renewal.query;

import io.keyrenewal.renewal.playbook.RenewalRefused;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

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

    /** Claims {@code alias} for {@code renewalId}, or refuses naming the renewal that holds it. */
    public void claim(String alias, String renewalId) {
        try {
            jdbc.update("insert into open_renewal_alias (alias, renewal_id) values (?, ?)", alias, renewalId);
        } catch (DuplicateKeyException taken) {
            String holder = jdbc.query("select renewal_id from open_renewal_alias where alias = ?",
                    rows -> rows.next() ? rows.getString(1) : "another renewal", alias);
            throw new RenewalRefused.AliasInRenewal("alias " + alias + " is already being renewed by renewal "
                    + holder + "; one open renewal per alias");
        }
    }

    void release(String alias, String renewalId) {
        jdbc.update("delete from open_renewal_alias where alias = ? and renewal_id = ?", alias, renewalId);
    }
}
