package io.keyrenewal.renewal.watch;

import io.keyrenewal.contracts.alias.AliasKind;
import io.keyrenewal.contracts.alias.CertificateSummary;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The commands of an alias's expiry watch ({@link AliasWatch}). */
public final class WatchCommands {

    private WatchCommands() {
    }

    /** The aggregate identifier of the watch of {@code alias}: apart from renewal, partner and policy ids. */
    public static String watchId(String alias) {
        return "alias-watch:" + alias;
    }

    /**
     * The keystore published the alias's current certificate ({@code AliasCertificate}, {@code version} its record's
     * version); null when the alias holds none.
     */
    public record WatchCertificate(@TargetAggregateIdentifier String watchId, String alias, AliasKind kind,
                                   CertificateSummary certificate, long version, Instant at) {

        public WatchCertificate(String alias, AliasKind kind, CertificateSummary certificate, long version,
                                Instant at) {
            this(WatchCommands.watchId(alias), alias, kind, certificate, version, at);
        }
    }

    /** Something the watch decides by changed (a policy): it looks again now. */
    public record ReviewWatch(@TargetAggregateIdentifier String watchId, Instant at) {

        public static ReviewWatch of(String alias, Instant at) {
            return new ReviewWatch(WatchCommands.watchId(alias), at);
        }
    }
}
