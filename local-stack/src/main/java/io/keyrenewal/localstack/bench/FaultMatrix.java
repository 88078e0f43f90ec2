package io.keyrenewal.localstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code ./run-local bench-matrix}: kill -9 of each service at each step boundary of the three playbooks, one run of
 * the benchmark per pair on a stack of its own (a few renewals of every playbook; the service is killed at the first
 * event of that type and started again), and a table of what became of the renewals: completed, lost (stranded or
 * dead-lettered), delivered twice. Exit code 0 only if every run lost nothing and doubled nothing.
 */
public final class FaultMatrix {

    static final List<String> SERVICES = List.of("renewal-service", "keystore-service", "notification-service");
    /**
     * Every step boundary of the three playbooks, in the order they reach them; the last three come after the
     * clocks moved past the retention (a service killed then starts again with its clock moved as far).
     */
    static final List<String> BOUNDARIES = List.of("RenewalStarted", "NewKeyPairCreated", "CertificateProvided",
            "PartnerVerifiesBoth", "PartnerSwitchedToNewKey", "DowntimeProposed", "DowntimeAgreed",
            "SenderStoppedSending", "SenderExchangedCertificate", "DrainConfirmed", "KeyPairExchangeApproved",
            "KeyPairExchangeDecided", "KeyPairExchanged", "PartnerInformedOfExchange", "PartnerRemovedOldCertificate",
            "SenderResumedSending", "OldKeyPairRemovalDecided", "OldKeyPairRemoved", "RenewalCompleted");
    static final String USAGE = """
            usage: run-local [--no-build] bench-matrix [options]
              kill -9 of each service at each step boundary, one small benchmark run per pair (services on C1 only:
              they start sooner, and the matrix checks outcomes, not figures); prints and writes the matrix. Exit
              code 0 only if every renewal of every run completed, none twice, nothing dead-lettered.
              --services a,b     of renewal-service, keystore-service, notification-service (default all)
              --steps A,B        event types to kill at (default every boundary of the three playbooks:
                                 %s)
              --seeded N         only N pairs, picked by --seed (default all pairs)
              --seed S           the seed of --seeded (default 13)
              --renewals R       renewals per run, the three playbooks in turn (default 6)
              --instances I      processes of each service (default 1: the killed one is the only one)
              --report FILE      also write the matrix as FILE.md (default ./data/fault-matrix-<time>.md)""".formatted(
            String.join(",", BOUNDARIES));

    /** One pair of the matrix. */
    record Pair(String service, String boundary) {
        String fault() {
            return "kill:" + service + "@" + Fault.ON_EVENT + boundary;
        }
    }

    /** What became of the renewals of one run. */
    record Row(Pair pair, long renewals, long completed, long deadLetters, long duplicates, String fault,
               int exitCode) {
        boolean passed() {
            return exitCode == 0 && completed == renewals && deadLetters == 0 && duplicates == 0;
        }

        String markdown() {
            return "| " + pair.service() + " | " + pair.boundary() + " | " + renewals + " | " + completed + " | "
                    + (renewals - completed + deadLetters) + " | " + duplicates + " | " + fault + " | "
                    + (passed() ? "ok" : "FAILED") + " |";
        }
    }

    private FaultMatrix() {
    }

    /** The pairs, or {@code count} of them picked by {@code seed}: the same seed gives the same pairs. */
    static List<Pair> pairs(List<String> services, List<String> boundaries, int count, long seed) {
        List<Pair> all = new ArrayList<>();
        for (String service : services) {
            for (String boundary : boundaries) {
                all.add(new Pair(service, boundary));
            }
        }
        if (count <= 0 || count >= all.size()) {
            return all;
        }
        java.util.Collections.shuffle(all, new Random(seed));
        return List.copyOf(all.subList(0, count));
    }

    public static int run(String[] args, Path repositoryRoot, PrintStream out) {
        List<String> services = SERVICES;
        List<String> boundaries = BOUNDARIES;
        int seeded = 0;
        long seed = 13;
        int renewals = 6;
        int instances = 1;
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        Path report = repositoryRoot.resolve("data").resolve("fault-matrix-" + stamp + ".md");
        try {
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--help") || option.equals("-h")) {
                    out.println(USAGE);
                    return 0;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--services" -> services = list(value, SERVICES, option);
                    case "--steps" -> boundaries = list(value, BOUNDARIES, option);
                    case "--seeded" -> seeded = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--renewals" -> renewals = Integer.parseInt(value);
                    case "--instances" -> instances = Integer.parseInt(value);
                    case "--report" -> report = Path.of(value + ".md");
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
        List<Pair> pairs = pairs(services, boundaries, seeded, seed);
        out.println("Fault matrix: " + pairs.size() + " runs of " + renewals + " renewals (playbooks 1, 2, 3 in turn), "
                + instances + " instance(s) of each service, one kill -9 per run at a step boundary");
        List<Row> rows = new ArrayList<>();
        Path runs = report.resolveSibling(report.getFileName().toString().replaceFirst("\\.md$", ""));
        for (Pair pair : pairs) {
            Row row = runOne(pair, renewals, instances, runs.resolve(pair.service() + "-" + pair.boundary()),
                    repositoryRoot);
            rows.add(row);
            out.println(row.markdown());
        }
        String table = table(rows, renewals, instances);
        out.println();
        out.println(table);
        try {
            Files.createDirectories(report.toAbsolutePath().getParent());
            Files.writeString(report, table);
            out.println("Matrix: " + report);
        } catch (IOException e) {
            out.println("could not write " + report + ": " + e.getMessage());
        }
        return rows.stream().allMatch(Row::passed) ? 0 : 1;
    }

    static String table(List<Row> rows, int renewals, int instances) {
        StringBuilder table = new StringBuilder("# Fault matrix\n\n" + rows.size() + " runs of " + renewals
                + " renewals (playbooks 1, 2, 3 in turn), " + instances + " instance(s) of each service; in each run"
                + " the service is killed (SIGKILL) at the first event of the type named and started again.\n\n"
                + "| killed | at | renewals | completed | lost | twice | fault | outcome |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        rows.forEach(row -> table.append(row.markdown()).append('\n'));
        long passed = rows.stream().filter(Row::passed).count();
        table.append("\n").append(passed).append(" of ").append(rows.size()).append(" runs lost nothing and doubled"
                + " nothing.\n");
        return table.toString();
    }

    private static Row runOne(Pair pair, int renewals, int instances, Path dataDir, Path repositoryRoot) {
        // the stall timeout outlasts renewal-service's revival of the deadlines a killed instance had picked (db-scheduler
        // takes an execution whose heartbeat stopped 6 x 30 s ago as dead and runs it again): a kill at
        // OldKeyPairRemovalDecided leaves the removals it had picked waiting that long
        BenchOptions options = BenchOptions.parse("--renewals", Integer.toString(renewals), "--playbooks", "mix",
                "--partners", "2", "--warmup", "0", "--background-seconds", "0", "--stall-timeout", "PT5M",
                "--raw-limit-time", "PT1S", "--instances", Integer.toString(instances), "--quick-start",
                "--fault", pair.fault(),
                "--data-dir", dataDir.toString(), "--report", dataDir.resolveSibling(dataDir.getFileName()
                        + "-report").toString());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        MassRenewalBench.Outcome outcome = new MassRenewalBench(options, repositoryRoot,
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        try {
            JsonNode report = ContractJson.mapper().readTree(Files.readString(outcome.json()));
            JsonNode counts = report.path("counts");
            JsonNode fault = report.path("faults").path(pair.fault());
            String struck = fault.has("backAfterSeconds") ? "struck at " + fault.path("struckAtSeconds").asDouble()
                    + " s, back after " + fault.path("backAfterSeconds").asDouble() + " s"
                    : fault.has("skipped") ? "skipped: " + fault.path("skipped").asText()
                    : fault.has("failed") ? "failed: " + fault.path("failed").asText() : "not reported";
            return new Row(pair, counts.path("renewals").asLong(), counts.path("completed").asLong(),
                    counts.path("deadLetterRecords").asLong(), counts.path("duplicateStepMessages").asLong(),
                    struck, outcome.exitCode());
        } catch (IOException | RuntimeException e) {
            return new Row(pair, renewals, 0, 0, 0, "no report: " + e.getMessage(), outcome.exitCode());
        }
    }

    private static List<String> list(String value, List<String> known, String option) {
        List<String> chosen = Arrays.stream(value.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                .toList();
        for (String name : chosen) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(option + ": " + name + " is not one of " + known);
            }
        }
        return chosen;
    }
}
