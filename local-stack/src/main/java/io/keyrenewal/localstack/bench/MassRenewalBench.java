package io.keyrenewal.localstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.localstack.DemoPartnerKey;
import io.keyrenewal.localstack.JsonHttp;
import io.keyrenewal.localstack.LocalStack;
import io.keyrenewal.localstack.LocalStackConfig;
import io.keyrenewal.localstack.LocalStackFailure;
import io.keyrenewal.localstack.RenewalServiceApi;
import io.keyrenewal.localstack.StackService;
import io.keyrenewal.localstack.bench.RenewalProgress.Phase;
import io.keyrenewal.localstack.bench.RenewalProgress.Tracked;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * {@code ./run-local bench}: the mass-renewal benchmark on a local stack of its own. It registers partners, runs
 * renewals at a steady 10 per second and then a burst, answers every partner message with a signed confirmation
 * ({@link ScriptedPartners}), moves both movable clocks past retention once every renewal waits only for it, and
 * waits until every renewal is complete; a run in which no renewal moves for the stall timeout, or a service dies,
 * stops waiting and reports where the renewals stand. Then it prints the figures ({@link Report}) and writes them as
 * Markdown and JSON.
 */
public final class MassRenewalBench {

    static final Duration RETENTION_ADVANCE = Duration.ofDays(91);
    private static final Duration STALLED_AFTER = Duration.ofSeconds(30);
    private static final Duration WAIT_PAUSE = Duration.ofMillis(250);
    private static final Duration REPORT_ON_INTERRUPT = Duration.ofMinutes(3);
    private static final String[] DATABASES = {"keyrenewal_bench_renewal", "keyrenewal_bench_keystore",
            "keyrenewal_bench_notification"};
    private static final Set<Phase> ALL_PHASES = EnumSet.allOf(Phase.class);

    private final BenchOptions options;
    private final Path repositoryRoot;
    private final PrintStream out;
    private final String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    private final Report report = new Report("keyrenewal mass-renewal benchmark");
    private final List<String> notes = new ArrayList<>();
    private volatile boolean stopped;
    private volatile boolean workloadRunning;
    private final CountDownLatch reported = new CountDownLatch(1);
    private long workloadStartNanos;
    private String stopReason;
    private long waitStartedNanos;
    private long lastProgressPrint;

    private BenchStack stack;
    private PostgresServer postgres;
    private ProcessMeter meter;
    private RestCalls rest;
    private RenewalProgress progress;
    private ScriptedPartners partners;
    private RenewalStarts starts;
    private TenantSteps tenant;
    private TopicCounts topics;
    private FaultInjector faults;
    private volatile Duration serviceClockOffset = Duration.ZERO;

    MassRenewalBench(BenchOptions options, Path repositoryRoot, PrintStream out) {
        this.options = options;
        this.repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
        this.out = out;
    }

    /** Runs the benchmark from the command line's options; the process's exit code. */
    public static int run(String[] args, Path repositoryRoot, PrintStream out) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(BenchOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(BenchOptions.USAGE);
            return 0;
        }
        return new MassRenewalBench(options, repositoryRoot, out).run().exitCode();
    }

    /** What a run gives: the exit code, the report's files and its JSON. */
    record Outcome(int exitCode, Path markdown, Path json, String reportText) {
    }

    Outcome run() {
        Path dataDir = options.dataDir() != null ? options.dataDir().toAbsolutePath().normalize()
                : repositoryRoot.resolve("data").resolve("bench-" + runId);
        Thread shutdown = new Thread(() -> {
            // Ctrl-C: while renewals run, stop waiting and let the run report where they stand, then stop the stack
            stop("interrupted (Ctrl-C or a signal)");
            if (workloadRunning) {
                try {
                    reported.await(REPORT_ON_INTERRUPT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            closeEverything();
        }, "bench-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        Report.Section run = report.section("run", "Run");
        run.row("runId", "run", runId);
        run.row("options", "options", "renewals " + options.renewals() + ", partners " + options.partners()
                + ", in flight " + options.inFlight() + ", playbooks " + (options.mixPlaybooks() ? "mix" : "1")
                + ", warm-up " + options.warmup() + ", steady " + options.steadyRate() + "/s for "
                + options.backgroundSeconds() + " s, database "
                + (options.postgres() ? "postgres " + options.postgresUrl()
                : options.compose() ? "docker-compose.yml's" : "embedded")
                + ", stall timeout " + options.stallTimeout()
                + (options.maxDuration() == null ? "" : ", max duration " + options.maxDuration())
                + (options.faults().isEmpty() ? "" : ", faults " + options.faults())
                + (options.instances() == 1 ? "" : ", " + options.instances() + " instances of each service")
                + (options.compose() ? ", on docker-compose.yml" : "")
                + (options.quickStart() ? ", C1 only (quick start)" : ""));
        run.row("machine", "machine", Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
                + System.getProperty("java.version"));
        run.row("dataDir", "data folder" + (options.keepData() ? "" : " (logs and report kept)"),
                LocalStack.display(dataDir));
        int exitCode;
        try {
            requireNewFolder(dataDir);
            exitCode = measure(dataDir);
        } catch (RuntimeException e) {
            out.println();
            out.println("FAILED: " + (stopped && stopReason != null ? stopReason + " (" + e.getMessage() + ")"
                    : e.getMessage()));
            if (!(e instanceof LocalStackFailure) && !stopped) {
                e.printStackTrace(out); // not a failure the benchmark foresaw: where it came from
            }
            stopReason = stopReason == null ? e.getMessage() : stopReason;
            exitCode = 1;
        } finally {
            closeEverything();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdown);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway
            }
        }
        try {
            if (!options.keepData()) {
                cleanUp(dataDir);
            }
            return writeReport(dataDir, exitCode);
        } finally {
            reported.countDown();
        }
    }

    private int measure(Path dataDir) {
        if (options.postgres() && options.faults().stream().anyMatch(fault -> fault.part().equals(Fault.POSTGRES))) {
            throw new LocalStackFailure("restart:postgres restarts the stack's own PostgreSQL; with --database"
                    + " postgres the services use another server: restart that one yourself");
        }
        out.println("Mass-renewal benchmark " + runId + ": " + options.renewals() + " renewals ("
                + (options.mixPlaybooks() ? "playbooks 1, 2, 3 in turn" : "playbook 1, automatic approval") + "), "
                + options.partners() + " partners, " + options.inFlight() + " starts in flight, warm-up "
                + options.warmup() + " renewals, steady phase " + options.steadyRate() + "/s for "
                + options.backgroundSeconds() + " s, database " + (options.postgres() ? postgres
                : options.compose() ? "docker-compose.yml's" : "embedded")
                + ", stall timeout " + options.stallTimeout() + ", " + options.instances() + " instance(s) of each"
                + " service" + (options.compose() ? ", on docker-compose.yml" : ""));
        // assigned before it starts, so Ctrl-C while it starts stops it
        stack = options.compose() ? new ComposeBenchStack(repositoryRoot, dataDir.resolve("logs"), runId, out)
                : new LocalBenchStack(new LocalStack(stackConfig(dataDir), out));
        stack.start();
        // the server the services store in: the one given, else the stack's own
        Optional<PostgresServer> servicesDatabase = postgres != null ? Optional.of(postgres) : stack.database();
        meter = new ProcessMeter(stackPids(), postgres != null);
        Map<String, Long> pidsAtStart = stackPids();

        measureRawLimits(servicesDatabase);

        List<JsonHttp> renewalHttp = stack.baseUrls(StackService.RENEWAL_SERVICE).stream()
                .map(url -> new JsonHttp(url, JsonHttp.basic(RenewalServiceApi.LOCAL_USER,
                        RenewalServiceApi.LOCAL_PASSWORD))).toList();
        rest = new RestCalls(renewalHttp, () -> stopped);
        Instant serviceNow = new RenewalServiceApi(stack.renewalServiceUrl()).advanceClock(Duration.ZERO);
        serviceClockOffset = Duration.between(Instant.now(), serviceNow);
        Map<PartnerId, DemoPartnerKey> keys = registerPartners();

        tenant = new TenantSteps(rest, this::serviceNow);
        progress = new RenewalProgress(stack.bootstrapServers(), tenant::certificateProvided);
        partners = new ScriptedPartners(stack.bootstrapServers(), keys, tenant::windowStart, this::serviceNow,
                progress::phaseOf, options.resendShare(), runId.hashCode());
        starts = new RenewalStarts(rest, progress, options.inFlight());
        topics = new TopicCounts(stack.bootstrapServers());
        List<PartnerId> partnerIds = new ArrayList<>(keys.keySet());
        partnerIds.sort(Comparator.comparing(PartnerId::value));

        meter.start();
        long workloadStart = System.nanoTime();
        workloadStartNanos = workloadStart;
        workloadRunning = true;
        int warmupCount = runWarmup(partnerIds, report.section("warmup", "Warm-up (not measured)"));
        Report.Section steady = report.section("steady", "Steady phase (" + options.steadyRate()
                + " renewals/s before the burst)");
        int beforeBurst = warmupCount + runSteadyPhase(warmupCount, partnerIds, steady);

        out.println();
        out.println("Burst: starting " + options.renewals() + " renewals, " + options.inFlight() + " in flight ...");
        long kafkaRecordsAtBurst = stopped ? 0 : topics.allRecords();
        long burstStart = System.nanoTime();
        if (!options.faults().isEmpty()) {
            faults = new FaultInjector(stack, options.faults(), meter::replaced, out);
            faults.start(burstStart);
            progress.listen(faults::sawEvent);
        }
        for (int i = 0; i < options.renewals() && !stopped; i++) {
            starts.submit(planned(beforeBurst + i, partnerIds, Phase.BURST));
        }
        int total = beforeBurst + options.renewals();
        boolean allWaiting = !stopped && await("burst", total, Tracked::waitingForRetention);
        long allWaitingAt = System.nanoTime();
        long burstEventsAtWaiting = RenewalProgress.events(progress.started(EnumSet.of(Phase.BURST)));
        long kafkaRecordsAtWaiting = topics.allRecords();
        boolean allCompleted = false;
        long allCompletedAt = -1;
        long kafkaRecordsAtCompletion = -1;
        if (allWaiting) {
            out.println();
            out.println("Every renewal waits for its retention deadline only: moving the clocks "
                    + RETENTION_ADVANCE.toDays() + " days ahead (keystore-service, then renewal-service) ...");
            try {
                if (faults != null) {
                    faults.withoutStrikes(this::advanceClocks);
                } else {
                    advanceClocks();
                }
                allCompleted = await("completion", total, Tracked::completed);
            } catch (LocalStackFailure e) {
                stop("the clocks could not be moved: " + e.getMessage());
            }
            allCompletedAt = System.nanoTime();
            kafkaRecordsAtCompletion = topics.allRecords();
        }
        if (faults != null) {
            faults.finish();
        }
        long workloadEnd = System.nanoTime();
        meter.sample();
        out.println();
        out.println(stopReason == null ? "Done." : "Stopped waiting: " + stopReason);

        List<Tracked> burst = progress.started(EnumSet.of(Phase.BURST));
        Report.Section figures = report.section("burst", "Burst of " + options.renewals() + " renewals");
        figures.row("renewals", "renewals started", starts.started() - beforeBurst);
        if (starts.lastStartedNanos() > burstStart) {
            figures.row("startsPerSecond", "starts/s (all " + options.inFlight() + " in flight)",
                    (starts.started() - beforeBurst) / seconds(starts.lastStartedNanos() - burstStart));
        }
        double toWaiting = seconds(allWaitingAt - burstStart);
        if (allWaiting) {
            figures.row("secondsUntilAllWaitForRetention", "until all wait for retention (s)", toWaiting);
            figures.row("renewalsPerSecondToRetentionWait", "renewals/s, burst start -> all wait for retention",
                    options.renewals() / toWaiting);
            figures.row("eventsPerSecondToRetentionWait", "events/s, burst start -> all wait for retention",
                    burstEventsAtWaiting / toWaiting);
            figures.row("kafkaRecordsPerSecondToRetentionWait",
                    "records on Kafka/s (all topics), burst start -> all wait", (kafkaRecordsAtWaiting
                            - kafkaRecordsAtBurst) / toWaiting);
        } else {
            figures.row("secondsUntilAllWaitForRetention", "until all wait for retention (s)", "not reached");
        }
        if (allCompleted) {
            double toCompletion = seconds(allCompletedAt - burstStart);
            figures.row("secondsUntilAllComplete", "until all are complete (s)", toCompletion);
            figures.row("secondsFromClockAdvanceToAllComplete", "of which from the clock advance (s)",
                    seconds(allCompletedAt - allWaitingAt));
            figures.row("renewalsPerSecondEndToEnd", "renewals/s, burst start -> all complete",
                    options.renewals() / toCompletion);
            figures.row("eventsPerSecondEndToEnd", "events/s, burst start -> all complete",
                    RenewalProgress.events(burst) / toCompletion);
            figures.row("kafkaRecordsPerSecondEndToEnd", "records on Kafka/s (all topics), burst -> all complete",
                    (kafkaRecordsAtCompletion - kafkaRecordsAtBurst) / toCompletion);
        } else {
            figures.row("secondsUntilAllComplete", "until all are complete (s)", "not reached");
        }
        figures.row("events", "events of the burst's renewals", RenewalProgress.events(burst));
        figures.row("latency", "confirmation -> next partner message (ms)",
                partners.latencies(Phase.BURST).summary());
        boolean policyDone = !options.policyRenewal() || (allCompleted && !stopped
                && runPolicyRenewal(renewalHttp.get(0), report.section("policy",
                "Policy renewal: every alias again, started by the expiry watch")));
        // the processes' CPU is read until now: the wall time it is shared by must include the policy phase
        long measuredUntil = options.policyRenewal() ? System.nanoTime() : workloadEnd;
        meter.sample();

        if (faults != null) {
            Report.Section injected = report.section("faults", "Faults (during the burst)");
            faults.outcomes().forEach(outcome -> injected.row(String.valueOf(outcome.get("fault")),
                    String.valueOf(outcome.get("fault")), outcome));
        }

        List<Tracked> everything = progress.started(ALL_PHASES);
        long completed = RenewalProgress.count(everything, Tracked::completed);
        Optional<Map<String, Long>> deadLetters = topics.deadLetters();
        long deadLetterRecords = deadLetters.map(byTopic -> byTopic.values().stream().mapToLong(Long::longValue).sum())
                .orElse(-1L);
        long duplicates = partners.duplicateStepMessages();
        Report.Section counts = report.section("counts", "Outcome");
        counts.row("renewals", "renewals started (warm-up + steady + burst"
                + (options.policyRenewal() ? " + by policy)" : ")"), (long) everything.size());
        counts.row("completed", "completed", completed);
        counts.row("stranded", "stranded", everything.size() - completed);
        counts.row("strandedBy", "stranded, by where they stand", RenewalProgress.strandedByStep(everything));
        counts.row("openRenewalsByRest", "open renewals (GET /dashboard/summary)", openRenewals(renewalHttp.get(0)));
        counts.row("deadLetterRecords", "records on *.dlt topics", deadLetterRecords);
        counts.row("deadLettersByTopic", "by topic", deadLetters.<Object>map(byTopic -> byTopic)
                .orElse("not counted: the broker did not answer"));
        counts.row("firstDeadLetterReasons", "first reasons (keyrenewal_dlt_reason)",
                deadLetterRecords <= 0 ? List.of() : topics.firstDeadLetterReasons());
        counts.row("redeliveredNotificationIds",
                "partner messages received again under the same notification id, dropped (at least once)",
                partners.redeliveredNotificationIds());
        counts.row("duplicateStepMessages", "second message of one renewal, kind and recipient",
                partners.duplicateStepMessages());
        counts.row("duplicateExamples", "duplicates and redeliveries, e.g.", partners.duplicateExamples());
        counts.row("partnerMessages", "partner messages received", partners.notifications());
        counts.row("confirmations", "confirmations published (first sends)", partners.confirmations());
        counts.row("confirmationsByType", "by type", partners.confirmationsByType());
        counts.row("confirmationsSentTwice", "confirmations sent a second time (same record)", partners.resent());
        counts.row("confirmationSendFailures", "confirmations Kafka did not take", partners.sendFailures());
        counts.row("startRetries", "REST calls tried again (5xx or no connection)", rest.retried());
        counts.row("startsRecovered", "starts whose answer was lost (409 on retry named the renewal)",
                starts.recovered());
        counts.row("startsRefused", "starts refused", starts.refused());
        counts.row("downtimesProposed", "downtime windows proposed (playbook 2)", tenant.proposed());
        counts.row("downtimesRefused", "downtime proposals refused or failed (the renewal waits for the tenant)",
                tenant.refused());
        counts.row("downtimeLastRefusal", "the last refused proposal", tenant.lastRefusal() == null ? "none"
                : tenant.lastRefusal());
        counts.row("restFailures", "first REST failures", rest.failures());
        counts.row("restStillTrying", "REST calls still tried again at the end, last failure of each",
                rest.stillTrying());

        Map<String, Long> pidsAtEnd = stackPids();
        boolean everyProcessUp = reportProcesses(pidsAtStart, pidsAtEnd, seconds(measuredUntil - workloadStart));
        reportRatios(allWaiting ? burstEventsAtWaiting / toWaiting : -1,
                allWaiting ? (kafkaRecordsAtWaiting - kafkaRecordsAtBurst) / toWaiting : -1);

        boolean success = stopReason == null && allCompleted && policyDone && completed == everything.size()
                && deadLetterRecords == 0 && duplicates == 0 && everyProcessUp && starts.refused() == 0
                && tenant.refused() == 0;
        Report.Section verdict = report.section("verdict", "Verdict");
        verdict.row("success", "every renewal complete, no dead letter, no duplicate, no service lost", success);
        verdict.row("stopReason", "stopped waiting because", stopReason);
        verdict.row("notes", "notes", notes);
        return success ? 0 : 1;
    }

    /**
     * The first renewals as fast as {@code --in-flight} starts go, then waits until they all wait for retention: the
     * services' JIT compilers do their work here, not in the measured phases. The renewals started.
     */
    private int runWarmup(List<PartnerId> partnerIds, Report.Section section) {
        int count = options.warmup();
        if (count == 0) {
            section.row("skipped", "skipped", "--warmup 0");
            return 0;
        }
        out.println();
        out.println("Warm-up: " + count + " renewals, " + options.inFlight() + " in flight, not measured ...");
        long start = System.nanoTime();
        for (int i = 0; i < count && !stopped; i++) {
            starts.submit(planned(i, partnerIds, Phase.WARMUP));
        }
        boolean reached = !stopped && await("warm-up", count, Tracked::waitingForRetention);
        section.row("renewals", "renewals", (long) count);
        section.row("secondsUntilAllWaitForRetention", "from the first start until all wait for retention (s)",
                reached ? seconds(System.nanoTime() - start) : "not reached");
        return count;
    }

    /** {@code --steady-rate} renewals/s, then waits until they all wait for retention. The renewals started. */
    private int runSteadyPhase(int before, List<PartnerId> partnerIds, Report.Section section) {
        int count = options.backgroundSeconds() * options.steadyRate();
        if (count == 0) {
            section.row("skipped", "skipped", "--background-seconds 0");
            return 0;
        }
        out.println();
        out.println("Steady phase: " + count + " renewals at " + options.steadyRate() + "/s ...");
        long start = System.nanoTime();
        long interval = Duration.ofSeconds(1).toNanos() / options.steadyRate();
        waitStartedNanos = start;
        for (int i = 0; i < count && !stopped; i++) {
            long due = start + i * interval;
            while (System.nanoTime() < due) {
                pause(Duration.ofNanos(Math.min(due - System.nanoTime(), WAIT_PAUSE.toNanos())));
                printProgressIfDue("steady", count, Tracked::waitingForRetention);
            }
            starts.submit(planned(before + i, partnerIds, Phase.STEADY));
        }
        boolean reached = !stopped && await("steady", before + count, Tracked::waitingForRetention);
        section.row("renewals", "renewals", (long) count);
        section.row("startsPerSecond", "starts/s achieved (asked: " + options.steadyRate() + ")",
                starts.lastStartedNanos() < 0 ? null : count / seconds(starts.lastStartedNanos() - start));
        section.row("secondsUntilAllWaitForRetention", "from the first start until all wait for retention (s)",
                reached ? seconds(System.nanoTime() - start) : "not reached");
        section.row("latency", "confirmation -> next partner message (ms)",
                partners.latencies(Phase.STEADY).summary());
        return count;
    }

    /**
     * The policy phase ({@code --policy-renewal}, after every renewal of the run is complete): one default policy per
     * purpose makes every certificate of the run due, the expiry watch of each alias starts its renewal, and it
     * waits until all are under way and wait for retention, removes the policies, moves the clocks and waits until
     * all are complete. True if every alias was renewed once by the watch and none was refused.
     */
    private boolean runPolicyRenewal(JsonHttp renewalService, Report.Section section) {
        List<Tracked> renewed = progress.started(EnumSet.of(Phase.WARMUP, Phase.STEADY, Phase.BURST));
        int expected = renewed.size();
        try (PolicyRenewal policy = new PolicyRenewal(stack.bootstrapServers(), renewalService)) {
            int days = policy.startDaysBeforeExpiry(RETENTION_ADVANCE);
            out.println();
            out.println("Policy renewal: the default policy of each purpose starts " + days + " days before expiry,"
                    + " so the " + expected + " aliases' certificates are all due; the expiry watch starts them ...");
            progress.adoptStartsAs(Phase.POLICY);
            long start = System.nanoTime();
            List<String> scopes = policy.set(options.mixPlaybooks() ? MIXED
                    : List.of(Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH), days);
            boolean allWaiting = awaitPolicy("policy", expected, Tracked::waitingForRetention, policy);
            long waitingAt = System.nanoTime();
            boolean allCompleted = false;
            long completedAt = -1;
            if (allWaiting) {
                policy.remove(scopes);
                out.println();
                out.println("Every renewal by policy waits for its retention deadline only: policies removed,"
                        + " moving the clocks " + RETENTION_ADVANCE.toDays() + " days ahead ...");
                advanceClocks();
                allCompleted = awaitPolicy("policy completion", expected, Tracked::completed, policy);
                completedAt = System.nanoTime();
            }
            List<Tracked> byPolicy = progress.started(EnumSet.of(Phase.POLICY));
            section.row("policies", "default policies set (one per purpose)", scopes);
            section.row("startDaysBeforeExpiry", "their start, days before expiry", (long) days);
            section.row("aliases", "aliases the run had renewed", (long) expected);
            section.row("renewalsStartedByPolicy", "renewals the watches started (distinct)", policy.started());
            section.row("aliasesStartedByPolicy", "aliases they renew (distinct)", policy.aliases());
            section.row("startsReported", "RenewalStartedByPolicy records read (a redelivery counted again)",
                    policy.startsReported());
            section.row("notStarted", "RenewalByPolicyNotStarted records", policy.notStarted());
            section.row("notStartedReasons", "first reasons", policy.reasons());
            if (policy.lastStartNanos() > start) {
                double toStarted = seconds(policy.lastStartNanos() - start);
                section.row("secondsUntilAllStarted", "from the policy change until the last start (s)", toStarted);
                section.row("startsPerSecond", "starts by the watches/s", policy.started() / toStarted);
            }
            section.row("secondsUntilAllWaitForRetention", "from the policy change until all wait for retention (s)",
                    allWaiting ? seconds(waitingAt - start) : "not reached");
            if (allCompleted) {
                double toCompletion = seconds(completedAt - start);
                section.row("secondsUntilAllComplete", "from the policy change until all are complete (s)",
                        toCompletion);
                section.row("renewalsPerSecondEndToEnd", "renewals/s, policy change -> all complete",
                        expected / toCompletion);
            } else {
                section.row("secondsUntilAllComplete", "from the policy change until all are complete (s)",
                        "not reached");
            }
            section.row("events", "events of the renewals by policy", RenewalProgress.events(byPolicy));
            section.row("latency", "confirmation -> next partner message (ms)",
                    partners.latencies(Phase.POLICY).summary());
            return allCompleted && policy.started() == expected && policy.aliases() == expected
                    && byPolicy.size() == expected && policy.notStarted() == 0;
        } catch (LocalStackFailure e) {
            stop("the policy phase failed: " + e.getMessage());
            return false;
        }
    }

    /**
     * Waits until {@code target} renewals by policy have started and each is {@code at}; false (and
     * {@link #stopReason} set) as {@link #await} does. A start the watch refused does not come again before its
     * retry a day later: it is waited out as a stall.
     */
    private boolean awaitPolicy(String phase, int target, Predicate<Tracked> at, PolicyRenewal policy) {
        waitStartedNanos = System.nanoTime();
        while (!stopped) {
            List<Tracked> byPolicy = progress.started(EnumSet.of(Phase.POLICY));
            long reached = RenewalProgress.count(byPolicy, at);
            boolean due = System.nanoTime() - lastProgressPrint >= options.progressEvery().toNanos();
            if (reached >= target || due) {
                lastProgressPrint = System.nanoTime();
                meter.sample();
                out.printf(Locale.ROOT, "[%s] %-10s started by the watches %d/%d (refused %d), %s %d, events %d,"
                                + " partner messages %d, confirmations %d%n", timeOfDay(), phase, byPolicy.size(),
                        target, policy.notStarted(), phase.endsWith("completion") ? "completed" : "waiting for"
                                + " retention", reached, progress.events(), partners.notifications(),
                        partners.confirmations());
            }
            if (reached >= target) {
                return true;
            }
            String problem = policy.failure() != null ? "the reader of alias.watch.v1 failed: " + policy.failure()
                    : problem();
            if (problem != null) {
                stop(problem);
                return false;
            }
            pause(WAIT_PAUSE);
        }
        return false;
    }

    /** The playbooks of the mix: those of the source documents, whose steps the scripted partners and tenant take. */
    private static final List<Playbook> MIXED = List.of(Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH,
            Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME, Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE);

    private RenewalStarts.Planned planned(int index, List<PartnerId> partnerIds, Phase phase) {
        Playbook playbook = options.mixPlaybooks() ? MIXED.get(index % MIXED.size())
                : Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH;
        String alias = String.format(Locale.ROOT, "bench-%s-%06d", runId, index);
        return new RenewalStarts.Planned(alias, partnerIds.get(index % partnerIds.size()), playbook, phase);
    }

    /**
     * Waits until {@code target} renewals are started and each is {@code at}; false (and {@link #stopReason} set)
     * when no renewal moved for the stall timeout, a process of the stack died or a helper failed.
     */
    private boolean await(String phase, int target, Predicate<Tracked> at) {
        waitStartedNanos = System.nanoTime();
        while (!stopped) {
            List<Tracked> started = progress.started(ALL_PHASES);
            if (starts.started() + starts.refused() >= target && started.size() >= starts.started()
                    && RenewalProgress.count(started, at) >= starts.started() && starts.pending() == 0) {
                printProgress(phase, target, at);
                return true; // refused starts are counted and fail the run, the others go on
            }
            String problem = problem();
            if (problem != null) {
                stop(problem);
                printProgress(phase, target, at);
                return false;
            }
            pause(WAIT_PAUSE);
            printProgressIfDue(phase, target, at);
        }
        return false;
    }

    /** Why waiting longer is pointless, or null. */
    private String problem() {
        for (Map.Entry<String, Long> process : stackPids().entrySet()) {
            if (faults != null && faults.restarting(process.getKey())) {
                continue; // a fault took it down and it is being started again
            }
            if (!ProcessHandle.of(process.getValue()).map(ProcessHandle::isAlive).orElse(false)) {
                return process.getKey() + " (pid " + process.getValue() + ") died; read "
                        + LocalStack.display(stack.logDir());
            }
        }
        if (progress.failure() != null) {
            return "the reader of renewal.events.v1 failed: " + progress.failure();
        }
        if (partners.failure() != null) {
            return "the scripted partners failed: " + partners.failure();
        }
        // a part a fault took down and is bringing back holds the renewals up: the stall clock starts when it is back
        long lastProgress = Math.max(Math.max(Math.max(progress.lastEventNanos(), partners.lastActivityNanos()),
                Math.max(rest.lastAnswerNanos(), waitStartedNanos)), faults == null ? 0 : faults.quietSinceNanos());
        Duration idle = Duration.ofNanos(System.nanoTime() - lastProgress);
        if (idle.compareTo(options.stallTimeout()) > 0) {
            return "no renewal moved for " + options.stallTimeout() + " (stall timeout)";
        }
        if (options.maxDuration() != null
                && System.nanoTime() - workloadStartNanos > options.maxDuration().toNanos()) {
            return "the run took longer than --max-duration " + options.maxDuration();
        }
        return null;
    }

    private void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        stopped = true;
    }

    private void printProgressIfDue(String phase, int target, Predicate<Tracked> at) {
        if (System.nanoTime() - lastProgressPrint >= options.progressEvery().toNanos()) {
            printProgress(phase, target, at);
        }
    }

    private void printProgress(String phase, int target, Predicate<Tracked> at) {
        long now = System.nanoTime();
        lastProgressPrint = now;
        meter.sample();
        List<Tracked> started = progress.started(ALL_PHASES);
        long stalled = RenewalProgress.count(started, tracked -> !at.test(tracked)
                && now - tracked.lastChangeNanos() > STALLED_AFTER.toNanos());
        long waiting = RenewalProgress.count(started, Tracked::waitingForRetention);
        long completed = RenewalProgress.count(started, Tracked::completed);
        out.printf(Locale.ROOT, "[%s] %-10s started %d/%d (%d retried), waiting for retention %d, completed %d,"
                        + " events %d, partner messages %d, confirmations %d, stalled %d (no event for %d s)%n",
                timeOfDay(), phase, starts.started(), target, rest.retried(), waiting, completed,
                progress.events(), partners.notifications(), partners.confirmations(), stalled,
                STALLED_AFTER.toSeconds());
    }

    private Map<PartnerId, DemoPartnerKey> registerPartners() {
        out.println();
        out.println("Registering " + options.partners() + " partners, each with its own ES256 confirmation key ...");
        Map<PartnerId, DemoPartnerKey> keys = new LinkedHashMap<>();
        for (int i = 1; i <= options.partners(); i++) {
            PartnerId partnerId = new PartnerId(String.format(Locale.ROOT, "bench-partner-%03d", i));
            DemoPartnerKey key = DemoPartnerKey.generate(partnerId.value() + "-bench");
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("partnerId", partnerId.value());
            entry.put("name", "Bench partner " + i);
            entry.put("contacts", List.of(
                    contact(PartnerRole.SENDER_ADMINISTRATOR, partnerId),
                    contact(PartnerRole.RECEIVER_ADMINISTRATOR, partnerId)));
            entry.put("channels", new LinkedHashMap<>(Map.of("kafka", true, "email", false)));
            entry.put("verifiesOldAndNewAtOnce", true);
            entry.put("confirmationKeys", List.of(key.confirmationKey()));
            RestCalls.Outcome outcome = rest.post("/partners", entry);
            if (outcome == null) {
                throw new LocalStackFailure("stopped while registering partners");
            }
            HttpResponse<String> response = outcome.response();
            if (response.statusCode() != 201 && response.statusCode() != 200
                    && !(response.statusCode() == 409 && outcome.triedBefore())) {
                throw new LocalStackFailure("POST /partners for " + partnerId + " answered " + response.statusCode()
                        + ": " + RestCalls.abbreviate(response.body()));
            }
            keys.put(partnerId, key);
        }
        return keys;
    }

    private static Map<String, Object> contact(PartnerRole role, PartnerId partnerId) {
        return Map.of("role", role.name(), "name", role.name().toLowerCase(Locale.ROOT),
                "email", role.name().toLowerCase(Locale.ROOT).replace('_', '-') + "@" + partnerId + ".example");
    }

    private void measureRawLimits(Optional<PostgresServer> servicesDatabase) {
        out.println();
        out.println("Measuring this machine's raw limits (" + options.rawLimitTime() + " each) ...");
        Report.Section limits = report.section("rawLimits", "This machine's raw limits (same run)");
        if (servicesDatabase.isEmpty()) {
            limits.row("postgresCommitsPerSecond1", "PostgreSQL single-row commits/s",
                    "skipped: the services use no PostgreSQL server");
        } else {
            try {
                limits.row("postgresServer", "PostgreSQL server", servicesDatabase.get().toString());
                limits.row("postgresCommitsPerSecond1", "PostgreSQL single-row commits/s, 1 connection",
                        RawLimits.postgresCommitsPerSecond(servicesDatabase.get(), 1, options.rawLimitTime()));
                limits.row("postgresCommitsPerSecond4", "PostgreSQL single-row commits/s, 4 connections",
                        RawLimits.postgresCommitsPerSecond(servicesDatabase.get(), 4, options.rawLimitTime()));
            } catch (Exception e) {
                limits.row("postgresCommitsPerSecond1", "PostgreSQL single-row commits/s", "failed: " + e);
            }
        }
        try {
            RawLimits.KafkaRates kafka = RawLimits.kafka(stack.bootstrapServers(), options.rawLimitTime());
            limits.row("kafkaProducePerSecond", "Kafka produce records/s (500 B, acks=all, 1 partition)",
                    kafka.producePerSecond());
            limits.row("kafkaConsumePerSecond", "Kafka consume records/s", kafka.consumePerSecond());
        } catch (Exception e) {
            limits.row("kafkaProducePerSecond", "Kafka produce records/s", "failed: " + e);
        }
        limits.rows().forEach(row -> out.println("  " + row.label() + ": " + format(row.value())));
    }

    private void reportRatios(double eventsPerSecond, double kafkaRecordsPerSecond) {
        Report.Section ratios = report.section("ratios", "Our figures against the raw limits (burst -> all wait)");
        Map<String, Object> limits = new LinkedHashMap<>();
        report.sectionRows("rawLimits").forEach(row -> limits.put(row.key(), row.value()));
        ratios.row("eventsPerPostgresCommit4",
                "events stored/s / PostgreSQL commits/s (4 connections)",
                ratio(eventsPerSecond, limits.get("postgresCommitsPerSecond4")));
        ratios.row("kafkaRecordsPerProduce", "records on Kafka/s / Kafka produce/s",
                ratio(kafkaRecordsPerSecond, limits.get("kafkaProducePerSecond")));
    }

    private static Object ratio(double ours, Object limit) {
        if (ours < 0) {
            return "not reached";
        }
        if (!(limit instanceof Double raw) || raw <= 0) {
            return "no limit measured";
        }
        return ours / raw;
    }

    /** Per process: pid, up the whole time, CPU, peak RSS and heap, OutOfMemoryError lines. True if all stayed up. */
    private boolean reportProcesses(Map<String, Long> pidsAtStart, Map<String, Long> pidsAtEnd, double wallSeconds) {
        Report.Section processes = report.section("processes", "Processes (CPU over the " + Math.round(wallSeconds)
                + " s workload)");
        boolean allUp = true;
        if (!meter.available()) {
            processes.row("unavailable", "/proc", "not available on this system: no CPU and memory figures");
        }
        for (ProcessMeter.Part part : meter.parts()) {
            Map<String, Object> figures = new LinkedHashMap<>();
            if (part.pid != null) {
                boolean samePid = part.pid.equals(pidsAtEnd.get(part.name));
                boolean up = samePid && ProcessHandle.of(part.pid).map(ProcessHandle::isAlive).orElse(false);
                allUp &= up;
                figures.put("pid", part.pid);
                figures.put("stayedUp", up);
                if (part.pids.size() > 1) {
                    figures.put("restartedByFaults", part.pids.size() - 1);
                }
            }
            double cpu = meter.cpuSeconds(part);
            figures.put("cpuSeconds", cpu < 0 ? null : Math.round(cpu * 10) / 10.0);
            figures.put("cpuPercentOfOneCore", cpu < 0 ? null : Math.round(cpu / wallSeconds * 1000) / 10.0);
            figures.put("peakRssMb", part.peakRssKb / 1024);
            if (stack.serviceInstances().contains(part.name)) {
                Optional<long[]> heap = part.pids.stream().map(pid -> ProcessMeter.heapFromGcLog(gcLog(pid)))
                        .flatMap(Optional::stream)
                        .reduce((one, other) -> new long[] {Math.max(one[0], other[0]), Math.max(one[1], other[1]),
                                Math.max(one[2], other[2])});
                figures.put("heapMaxBeforeGcMb", heap.map(h -> h[0]).orElse(null));
                figures.put("heapMaxAfterGcMb", heap.map(h -> h[1]).orElse(null));
                figures.put("heapMaxSizeMb", heap.map(h -> h[2]).orElse(null));
                figures.put("outOfMemoryErrorLines", ProcessMeter.outOfMemoryErrors(stack.logFile(part.name)));
            }
            processes.row(part.name, switch (part.name) {
                case ProcessMeter.STACK_POSTGRES -> part.name + " (the stack's"
                        + (postgres != null ? ", unused with --database postgres)" : ")");
                case ProcessMeter.OTHER_POSTGRES -> part.name + " (every other postgres process here, other users'"
                        + " too)";
                default -> part.name;
            }, figures);
        }
        if (!pidsAtStart.equals(pidsAtEnd)) {
            notes.add("process ids changed during the run: " + pidsAtStart + " -> " + pidsAtEnd);
        }
        return allUp;
    }

    /** The stack's JVMs and the postmaster of its PostgreSQL ({@value ProcessMeter#STACK_POSTGRES}). */
    private Map<String, Long> stackPids() {
        return stack.pids();
    }

    private Path gcLog(long pid) {
        return stack.logDir().resolve("gc-" + pid + ".log");
    }

    private Object openRenewals(JsonHttp renewalHttp) {
        try {
            JsonNode summary = renewalHttp.get("/dashboard/summary");
            Map<String, Object> open = new LinkedHashMap<>();
            open.put("openRenewals", summary.path("openRenewals").asLong());
            summary.path("byPlaybook").properties().forEach(playbook -> {
                if (playbook.getValue().path("open").asLong() > 0) {
                    open.put(playbook.getKey(), playbook.getValue().path("steps").toString());
                }
            });
            return open;
        } catch (RuntimeException e) {
            return "not available: " + RestCalls.abbreviate(e.getMessage());
        }
    }

    private LocalStackConfig stackConfig(Path dataDir) {
        LocalStackConfig defaults = LocalStackConfig.builder(repositoryRoot).build();
        List<String> jvmOptions = new ArrayList<>(defaults.serviceJvmOptions());
        // one GC log per process (%p: its pid): the heap used before and after each collection
        jvmOptions.add("-Xlog:gc:file=" + dataDir.resolve("logs").resolve("gc-%p.log"));
        LocalStackConfig.Builder config = LocalStackConfig.builder(repositoryRoot).dataDir(dataDir).randomFreePorts()
                .seedAliases("").serviceJvmOptions(jvmOptions).instances(options.instances());
        if (options.quickStart()) {
            config.quickStart();
        }
        if (options.postgres()) {
            postgres = PostgresServer.of(options.postgresUrl(), options.postgresUser(), options.postgresPassword())
                    .orElseThrow(() -> new LocalStackFailure("--postgres-url must be jdbc:postgresql://host:port/,"
                            + " not " + options.postgresUrl()));
            StackService[] services = StackService.values();
            for (int i = 0; i < services.length; i++) {
                try {
                    postgres.recreate(DATABASES[i]);
                } catch (java.sql.SQLException e) {
                    throw new LocalStackFailure("cannot create the database " + DATABASES[i] + " on " + postgres
                            + ": " + e.getMessage(), e);
                }
                config.environment(services[i], "DB_URL", postgres.url(DATABASES[i]))
                        .environment(services[i], "DB_USER", postgres.user())
                        .environment(services[i], "DB_PASSWORD", postgres.password());
            }
        }
        return config.build();
    }

    /**
     * Moves both services' clocks {@link #RETENTION_ADVANCE} ahead, and the time the partners and the tenant put in
     * what they send with them (a confirmation made at the old time would be refused as stale).
     */
    private Instant advanceClocks() {
        Instant renewalServiceNow = stack.advanceClocks(RETENTION_ADVANCE);
        serviceClockOffset = Duration.between(Instant.now(), renewalServiceNow);
        return renewalServiceNow;
    }

    private Instant serviceNow() {
        return Instant.now().plus(serviceClockOffset);
    }

    private void closeEverything() {
        stopped = true;
        for (AutoCloseable part : new AutoCloseable[] {faults, starts, tenant, partners, progress, topics}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    out.println("could not close " + part.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    private Outcome writeReport(Path dataDir, int exitCode) {
        Path base = options.report() != null ? options.report().toAbsolutePath()
                : dataDir.resolve("bench-report");
        String baseName = base.getFileName().toString().replaceAll("\\.(md|json)$", "");
        Path markdown = base.resolveSibling(baseName + ".md");
        Path json = base.resolveSibling(baseName + ".json");
        report.section("verdict", "Verdict").row("exitCode", "exit code", exitCode);
        String text = report.text();
        out.println();
        out.println(text);
        try {
            Files.createDirectories(markdown.getParent());
            Files.writeString(markdown, report.markdown());
            Files.writeString(json, report.json());
            out.println("Report: " + LocalStack.display(markdown) + ", " + LocalStack.display(json));
        } catch (IOException e) {
            out.println("Could not write the report to " + markdown + ": " + e.getMessage());
        }
        return new Outcome(exitCode, markdown, json, text);
    }

    /** Deletes what the stack stored (broker storage, databases, keystore) but keeps the logs and the report. */
    private void cleanUp(Path dataDir) {
        try (Stream<Path> children = Files.list(dataDir)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (!name.equals("logs") && !name.startsWith("bench-report")) {
                    deleteRecursively(child);
                }
            }
        } catch (IOException e) {
            out.println("Could not clean up " + dataDir + ": " + e.getMessage());
        }
        if (postgres != null) {
            for (String database : DATABASES) {
                try {
                    postgres.drop(database);
                } catch (java.sql.SQLException e) {
                    out.println("Could not drop " + database + ": " + e.getMessage());
                }
            }
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> children = Files.list(path)) {
                for (Path child : children.toList()) {
                    deleteRecursively(child);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    private static void requireNewFolder(Path dataDir) {
        try {
            if (Files.isDirectory(dataDir)) {
                try (Stream<Path> children = Files.list(dataDir)) {
                    if (children.findAny().isPresent()) {
                        throw new LocalStackFailure("the data folder " + dataDir + " is not empty: the benchmark"
                                + " needs a fresh one (leave --data-dir out to get ./data/bench-<timestamp>)");
                    }
                }
            }
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new LocalStackFailure("cannot create the data folder " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackFailure("interrupted", e);
        }
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e8) / 10.0;
    }

    private static String timeOfDay() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"));
    }

    private static String format(Object value) {
        return value instanceof Double number ? String.format(Locale.ROOT, "%,.0f", number) : String.valueOf(value);
    }
}
