package io.keyrenewal.localstack.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The options of {@code ./run-local bench}; {@link #parse(String...)} reads them, {@link #USAGE} describes them.
 *
 * @param dataDir     the stack's data folder; null: a fresh {@code ./data/bench-<timestamp>}
 * @param report      where to write the report ({@code .md} and {@code .json}); null: into the data folder
 * @param maxDuration how long the renewals may run before the benchmark stops waiting; null: no limit
 * @param faults      what to kill or restart during the burst, and when
 * @param compose     run against docker-compose.yml's containers instead of the local stack's processes
 * @param quickStart  the services on the C1 compiler only (tests: they start sooner; the figures are not comparable)
 * @param policyRenewal after the burst, every alias renewed again by the expiry watch, after one policy change per
 *                    purpose
 */
record BenchOptions(int renewals, int partners, int inFlight, boolean mixPlaybooks, int warmup, int steadyRate,
                    int backgroundSeconds,
                    boolean postgres, String postgresUrl, String postgresUser, String postgresPassword,
                    Duration stallTimeout, Duration maxDuration, Path dataDir, boolean keepData, Path report,
                    Duration progressEvery, Duration rawLimitTime, double resendShare, List<Fault> faults,
                    int instances, boolean compose, boolean quickStart, boolean policyRenewal, boolean help) {

    static final String USAGE = """
            usage: run-local [--no-build] bench [options]
              Starts its own local stack (free ports, a fresh data folder), registers partners, starts renewals,
              answers every partner message with a signed confirmation, moves the clocks past retention and waits
              until every renewal is complete; then prints and writes the figures. Exit code 0 only if every
              renewal completed with no dead letter, no duplicate message and no service lost.

              --renewals N            renewals in the burst (default 10000)
              --quick                 the same as --renewals 1000
              --partners M            partners, each with its own confirmation key (default 50)
              --in-flight K           start requests in flight at once (default 8)
              --playbooks 1|mix       1: playbook 1, automatic approval (default); mix: playbooks 1, 2, 3 in turn
              --warmup N              first N renewals as fast as they go, not measured: the JIT compiles the hot
                                      paths before the steady phase (default 300; 0 skips)
              --background-seconds S  before the burst, S seconds at a steady rate (default 30; 0 skips)
              --steady-rate R         renewals started per second in the steady phase (default 10)
              --database embedded|postgres
                                      embedded: the stack's own PostgreSQL (default); postgres: fresh databases
                                      keyrenewal_bench_{renewal,keystore,notification} on --postgres-url
              --postgres-url URL      default jdbc:postgresql://127.0.0.1:5432/
              --postgres-user USER    default postgres (--postgres-password PASSWORD, default none)
              --stall-timeout T       stop waiting when no renewal moved for T (ISO-8601, default PT3M)
              --max-duration T        stop waiting when the renewals have run for T, moving or not (default: no limit)
              --data-dir DIR          the stack's data folder (default ./data/bench-<timestamp>; must be new or empty)
              --keep-data             keep the data folder whole (default: keep only logs/ and the report)
              --report FILE           also write the report as FILE.md and FILE.json (default <data>/bench-report)
              --progress-every T      how often a progress line is printed (ISO-8601, default PT5S)
              --raw-limit-time T      how long each raw limit is measured (ISO-8601, default PT5S)
              --fault F               kill:<part>@<s> (SIGKILL) or restart:<part>@<s> (clean stop), then start it
                                      again, s seconds after the burst starts; part: renewal-service,
                                      keystore-service, notification-service, kafka, postgres (restart only, the
                                      stack's own); repeatable, e.g. --fault kill:keystore-service@60; with
                                      --instances, renewal-service-2 (and so on) names the second instance;
                                      @on:<event type> instead of @<s>: strikes at the first such event on
                                      renewal.events.v1 (a step boundary), e.g.
                                      kill:keystore-service@on:KeyPairExchangeDecided
              --instances N           processes of each service (1-4, default 1), on the one broker and database
              --stack local|compose   local: its own processes (default); compose: docker-compose.yml's containers
                                      with docker/compose-bench.yml over it (needs a Docker engine; one instance
                                      each; the embedded database and process figures do not apply)
              --quick-start           the services on the C1 compiler only: they start sooner, the figures are not
                                      comparable (the smoke tests)
              --policy-renewal        once every renewal is complete, one default policy per purpose makes every
                                      certificate of the run due: the expiry watch of each alias starts its renewal
                                      again, measured as a phase of its own (the policies are removed once all
                                      wait for retention)
              --help                  this text""";

    static BenchOptions defaults() {
        return new BenchOptions(10_000, 50, 8, false, 300, 10, 30, false, "jdbc:postgresql://127.0.0.1:5432/", "postgres", "",
                Duration.ofMinutes(3), null, null, false, null, Duration.ofSeconds(5), Duration.ofSeconds(5), 0.05,
                List.of(), 1, false, false, false, false);
    }

    /** @throws IllegalArgumentException naming the option that is wrong */
    static BenchOptions parse(String... args) {
        BenchOptions options = defaults();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help", "-h" -> options = options.with(o -> o.help = true);
                case "--quick" -> options = options.with(o -> o.renewals = 1_000);
                case "--keep-data" -> options = options.with(o -> o.keepData = true);
                case "--quick-start" -> options = options.with(o -> o.quickStart = true);
                case "--policy-renewal" -> options = options.with(o -> o.policyRenewal = true);
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value"
                                : "unknown argument " + option);
                    }
                    String value = args[++i];
                    options = options.withValue(option, value);
                }
            }
        }
        if (options.compose && (options.instances != 1 || options.postgres || options.quickStart)) {
            throw new IllegalArgumentException("--stack compose runs docker-compose.yml as it is: one instance of"
                    + " each service on its own PostgreSQL, the full JIT (no --instances, --database postgres or"
                    + " --quick-start)");
        }
        return options;
    }

    private BenchOptions withValue(String option, String value) {
        return switch (option) {
            case "--renewals" -> with(o -> o.renewals = positive(option, value, 1));
            case "--partners" -> with(o -> o.partners = positive(option, value, 1));
            case "--in-flight" -> with(o -> o.inFlight = positive(option, value, 1));
            case "--warmup" -> with(o -> o.warmup = positive(option, value, 0));
            case "--steady-rate" -> with(o -> o.steadyRate = positive(option, value, 1));
            case "--background-seconds" -> with(o -> o.backgroundSeconds = positive(option, value, 0));
            case "--playbooks" -> with(o -> o.mixPlaybooks = switch (value.toLowerCase(Locale.ROOT)) {
                case "1" -> false;
                case "mix" -> true;
                default -> throw new IllegalArgumentException("--playbooks takes 1 or mix, not " + value);
            });
            case "--database" -> with(o -> o.postgres = switch (value.toLowerCase(Locale.ROOT)) {
                case "embedded" -> false;
                case "postgres" -> true;
                default -> throw new IllegalArgumentException("--database takes embedded or postgres, not " + value);
            });
            case "--postgres-url" -> with(o -> o.postgresUrl = value);
            case "--postgres-user" -> with(o -> o.postgresUser = value);
            case "--postgres-password" -> with(o -> o.postgresPassword = value);
            case "--stall-timeout" -> with(o -> o.stallTimeout = duration(option, value));
            case "--max-duration" -> with(o -> o.maxDuration = duration(option, value));
            case "--raw-limit-time" -> with(o -> o.rawLimitTime = duration(option, value));
            case "--progress-every" -> with(o -> o.progressEvery = duration(option, value));
            case "--data-dir" -> with(o -> o.dataDir = Path.of(value));
            case "--instances" -> with(o -> o.instances = positive(option, value, 1));
            case "--stack" -> with(o -> o.compose = switch (value.toLowerCase(Locale.ROOT)) {
                case "local" -> false;
                case "compose" -> true;
                default -> throw new IllegalArgumentException("--stack takes local or compose, not " + value);
            });
            case "--report" -> with(o -> o.report = Path.of(value));
            case "--fault" -> {
                Fault fault = Fault.parse(value);
                yield with(o -> o.faults = java.util.stream.Stream.concat(o.faults.stream(),
                        java.util.stream.Stream.of(fault)).toList());
            }
            default -> throw new IllegalArgumentException("unknown option " + option);
        };
    }

    private static int positive(String option, String value, int min) {
        try {
            int number = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (number < min) {
                throw new IllegalArgumentException(option + " must be at least " + min + ", not " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not " + value);
        }
    }

    private static Duration duration(String option, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " takes an ISO-8601 duration such as PT3M, not " + value);
        }
    }

    /** A copy with some fields changed. */
    BenchOptions with(java.util.function.Consumer<Mutable> change) {
        Mutable mutable = new Mutable(this);
        change.accept(mutable);
        return mutable.build();
    }

    /** The fields of {@link BenchOptions}, to change a few at once. */
    static final class Mutable {
        int renewals;
        int partners;
        int inFlight;
        boolean mixPlaybooks;
        int warmup;
        int steadyRate;
        int backgroundSeconds;
        boolean postgres;
        String postgresUrl;
        String postgresUser;
        String postgresPassword;
        Duration stallTimeout;
        Duration maxDuration;
        Path dataDir;
        boolean keepData;
        Path report;
        Duration progressEvery;
        Duration rawLimitTime;
        double resendShare;
        List<Fault> faults;
        int instances;
        boolean compose;
        boolean quickStart;
        boolean policyRenewal;
        boolean help;

        private Mutable(BenchOptions o) {
            renewals = o.renewals;
            partners = o.partners;
            inFlight = o.inFlight;
            mixPlaybooks = o.mixPlaybooks;
            warmup = o.warmup;
            steadyRate = o.steadyRate;
            backgroundSeconds = o.backgroundSeconds;
            postgres = o.postgres;
            postgresUrl = o.postgresUrl;
            postgresUser = o.postgresUser;
            postgresPassword = o.postgresPassword;
            stallTimeout = o.stallTimeout;
            maxDuration = o.maxDuration;
            dataDir = o.dataDir;
            keepData = o.keepData;
            report = o.report;
            progressEvery = o.progressEvery;
            rawLimitTime = o.rawLimitTime;
            resendShare = o.resendShare;
            faults = o.faults;
            instances = o.instances;
            compose = o.compose;
            quickStart = o.quickStart;
            policyRenewal = o.policyRenewal;
            help = o.help;
        }

        private BenchOptions build() {
            return new BenchOptions(renewals, partners, inFlight, mixPlaybooks, warmup, steadyRate, backgroundSeconds,
                    postgres, postgresUrl, postgresUser, postgresPassword, stallTimeout, maxDuration, dataDir, keepData,
                    report, progressEvery, rawLimitTime, resendShare, faults, instances, compose, quickStart, policyRenewal,
                    help);
        }
    }
}
