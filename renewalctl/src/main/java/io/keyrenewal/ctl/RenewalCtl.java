package io.keyrenewal.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyrenewal.contracts.ContractJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** {@code renewalctl}: the operator's command line over renewal-service's REST API. */
@Command(name = "renewalctl", mixinStandardHelpOptions = true, version = "renewalctl 0.1.0",
        description = "Runs and audits key renewals through renewal-service; lists the keystore's aliases and their"
                + " renewals; lists and replays dead letters.",
        subcommands = {RenewalCtl.Start.class, RenewalCtl.ListRenewals.class, RenewalCtl.Show.class,
                RenewalCtl.History.class, RenewalCtl.TakeStep.class, RenewalCtl.Approve.class,
                RenewalCtl.ConfirmDrain.class,
                RenewalCtl.Abort.class, RenewalCtl.RollBack.class, RenewalCtl.KeystoreRetry.class,
                RenewalCtl.KeystoreResolve.class, RenewalCtl.Verify.class, RenewalCtl.Export.class,
                RenewalCtl.Replay.class, RenewalCtl.Republish.class, RenewalCtl.Playbooks.class,
                PartnerCommands.SignConfirmation.class,
                PartnerCommands.Confirm.class, PartnerCommands.HashPassword.class, DeadLetterCommands.class,
                PolicyCommands.class, AliasesCommand.class})
public class RenewalCtl {

    static final int REFUSED = 2;
    static final int BROKEN = 3;

    @Option(names = "--url", description = "renewal-service (env RENEWALCTL_URL, default http://127.0.0.1:8081)",
            defaultValue = "${env:RENEWALCTL_URL:-http://127.0.0.1:8081}")
    URI url;

    @Option(names = "--user", description = "user to log in as (env RENEWALCTL_USER, default operator, the local"
            + " profile's tenant administrator and auditor)", defaultValue = "${env:RENEWALCTL_USER:-operator}")
    String user;

    @Option(names = "--password", description = "the user's password (env RENEWALCTL_PASSWORD, default the local"
            + " profile's operator-local)", defaultValue = "${env:RENEWALCTL_PASSWORD:-operator-local}",
            arity = "0..1", interactive = true)
    String password;

    @Option(names = "--token", description = "a bearer JWT of the identity provider instead of user and password"
            + " (env RENEWALCTL_TOKEN; production)", defaultValue = "${env:RENEWALCTL_TOKEN:-}")
    String token;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the exit codes and error messages of renewalctl. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new RenewalCtl());
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            if (exception instanceof RenewalServiceClient.Refused refused) {
                line.getErr().println("refused" + (refused.status > 0 ? " (" + refused.status + ")" : "") + ": "
                        + refused.getMessage());
                return REFUSED;
            }
            throw exception;
        });
        return commandLine;
    }

    RenewalServiceClient client() {
        return new RenewalServiceClient(url, authorization());
    }

    /** Another service of the tenant's, called with the same credentials as renewal-service. */
    RenewalServiceClient client(URI serviceUrl, String service) {
        return new RenewalServiceClient(serviceUrl, authorization(), service);
    }

    private String authorization() {
        return token != null && !token.isBlank() ? "Bearer " + token
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Base of the subcommands: the parent's connection and this command's output. */
    abstract static class Subcommand implements Callable<Integer> {
        @ParentCommand
        RenewalCtl ctl;
        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        RenewalServiceClient client() {
            return ctl.client();
        }

        /** Takes a tenant step of a renewal and prints the renewal as it stands after it. */
        Integer step(String renewalId, String step, String body) {
            printRenewal(client().post("/renewals/" + renewalId + "/" + step, body).get("renewal"));
            return 0;
        }

        /** {@code EXCHANGE_APPROVED} as {@code exchange-approved}, {@code windowStart} as {@code window-start}. */
        static String kebab(String name) {
            return name.contains("_") ? name.toLowerCase(Locale.ROOT).replace('_', '-')
                    : name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        }

        static String reason(String reason) {
            return ContractJson.mapper().createObjectNode().put("reason", reason).toString();
        }

        /** Shows a background job's progress as a bar until it ends; 0 if it is done. */
        Integer follow(JsonNode started, Supplier<JsonNode> progressNow, Duration poll) {
            JsonNode progress = started;
            while ("RUNNING".equals(progress.get("state").asText())) {
                bar(progress);
                LockSupport.parkNanos(poll.toNanos());
                progress = progressNow.get();
            }
            bar(progress);
            out().println();
            out().printf("%s: %d of %d events%s%n", progress.get("state").asText(),
                    progress.get("eventsDone").asLong(), progress.get("eventsTotal").asLong(),
                    progress.hasNonNull("failure") ? " (" + progress.get("failure").asText() + ")" : "");
            return "DONE".equals(progress.get("state").asText()) ? 0 : 1;
        }

        private void bar(JsonNode progress) {
            long total = Math.max(1, progress.get("eventsTotal").asLong());
            long done = progress.get("eventsDone").asLong();
            int filled = (int) (30 * Math.min(done, total) / total);
            out().printf("\r[%s%s] %d/%d", "#".repeat(filled), "-".repeat(30 - filled), done,
                    progress.get("eventsTotal").asLong());
            out().flush();
        }

        void printRenewal(JsonNode renewal) {
            out().printf("%s  %s  %s  partner %s%n  state %s, awaiting %s (next: %s) since %s%n",
                    renewal.path("renewalId").asText(), renewal.path("alias").asText(),
                    renewal.path("playbook").asText(), renewal.path("partnerId").asText(),
                    renewal.path("state").asText(), renewal.path("awaiting").asText("-"),
                    renewal.path("nextActor").asText("-"), renewal.path("updatedAt").asText());
        }
    }

    @Command(name = "start", description = {"Starts the renewal of the key pair under an alias.",
            "With --dry-run: the plan instead, starting nothing: the playbook, one line per step (who takes it, the"
                    + " partner's confirmation or what the tenant's step needs, who is told what), the earliest dates"
                    + " and what would be refused now; exit code 2 if anything would be refused. Then each planned"
                    + " message as notification-service renders it (POST /notifications/preview, same credentials),"
                    + " or one line saying why the messages could not be rendered (the exit code is the plan's)."})
    static class Start extends Subcommand {
        @Option(names = "--dry-run", description = "print the plan and what would be refused; start nothing")
        boolean dryRun;
        @Option(names = "--notification-url", description = "with --dry-run: notification-service, which renders"
                + " the planned messages (env KEYRENEWAL_NOTIFICATION_URL, default http://127.0.0.1:8083)",
                defaultValue = "${env:KEYRENEWAL_NOTIFICATION_URL:-http://127.0.0.1:8083}")
        URI notificationUrl;
        @Option(names = "--alias", required = true) String alias;
        @Option(names = "--partner", required = true) String partner;
        @Option(names = "--guaranteed-delivery", required = true, description = "ISO-8601, e.g. P30D")
        String guaranteedDelivery;
        @Option(names = "--playbook", description = "a playbook of the catalogue (renewalctl playbooks), e.g. "
                + "TENANT_DECRYPTS_OUTBOUND_RESPONSE")
        String playbook;
        @Option(names = "--purpose", description = "what the key does, e.g. SIGN_INBOUND_RESPONSE,"
                + " DECRYPT_OUTBOUND_RESPONSE, DECRYPT_INBOUND_REQUEST, SIGN_OUTBOUND_REQUEST, VERIFY_INBOUND_REQUEST,"
                + " VERIFY_OUTBOUND_RESPONSE, ENCRYPT_INBOUND_RESPONSE, ENCRYPT_OUTBOUND_REQUEST: the catalogue's"
                + " playbook for it and the partner (renewalctl playbooks)")
        String purpose;
        @Mixin
        NewKeyPairOptions newKeyPair;

        @Override
        public Integer call() {
            ObjectNode body = ContractJson.mapper().createObjectNode().put("alias", alias).put("partnerId", partner)
                    .put("guaranteedDeliveryTime", guaranteedDelivery);
            if (playbook != null) {
                body.put("playbook", playbook);
            }
            if (purpose != null) {
                body.put("purpose", purpose);
            }
            newKeyPair.addTo(body);
            if (dryRun) {
                JsonNode plan = client().post("/renewals/dry-run", body.toString());
                PlanPrinter printer = new PlanPrinter(out());
                int exitCode = printer.print(plan);
                try {
                    printer.printMessages(ctl.client(notificationUrl, "notification-service")
                            .post("/notifications/preview", plan.toString()));
                } catch (RenewalServiceClient.Refused notRendered) {
                    printer.messagesNotRendered(notRendered.getMessage());
                }
                return exitCode;
            }
            String renewalId = client().post("/renewals", body.toString()).get("renewalId").asText();
            out().println(renewalId);
            return 0;
        }
    }

    @Command(name = "playbooks", description = "The playbook catalogue: each playbook, and with --steps its steps in"
            + " order, who takes each and what each needs first.")
    static class Playbooks extends Subcommand {
        @Option(names = "--steps", description = "also list each playbook's steps") boolean steps;

        @Override
        public Integer call() {
            JsonNode catalogue = client().get("/playbooks");
            out().printf("catalogue version %d%n", catalogue.path("version").asInt());
            for (JsonNode playbook : catalogue.path("playbooks")) {
                out().printf("%2d  %-44s  %s (partner: %s)%n", playbook.path("number").asInt(),
                        playbook.path("playbook").asText(), playbook.path("title").asText(),
                        playbook.path("partnerRole").asText());
                if (steps) {
                    for (JsonNode step : playbook.path("steps")) {
                        List<String> requires = new ArrayList<>();
                        step.path("requires").forEach(required -> requires.add(required.asText()));
                        out().printf("      %-32s  %-8s  %s%s%n", step.path("step").asText(),
                                step.path("actor").asText(),
                                requires.isEmpty() ? "" : "after " + String.join(", ", requires),
                                step.path("confirmation").isTextual()
                                        ? " (confirmation " + step.path("confirmation").asText() + ")" : "");
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "list", description = "Lists renewals, newest first.")
    static class ListRenewals extends Subcommand {
        @Option(names = "--state", description = "OPEN, COMPLETED, ABORTED or ROLLED_BACK") String state;
        @Option(names = "--partner") String partner;
        @Option(names = "--alias") String alias;

        @Override
        public Integer call() {
            StringBuilder query = new StringBuilder("/renewals?");
            if (state != null) {
                query.append("state=").append(state).append('&');
            }
            if (partner != null) {
                query.append("partnerId=").append(partner).append('&');
            }
            if (alias != null) {
                query.append("alias=").append(alias);
            }
            for (JsonNode renewal : client().get(query.toString())) {
                printRenewal(renewal);
            }
            return 0;
        }
    }

    @Command(name = "show", description = "Where a renewal stands.")
    static class Show extends Subcommand {
        @Parameters(paramLabel = "RENEWAL") String renewalId;

        @Override
        public Integer call() {
            JsonNode detail = client().get("/renewals/" + renewalId);
            JsonNode renewal = detail.get("renewal");
            printRenewal(renewal);
            out().printf("  new certificate %s (serial %s), old %s, old key retained until %s%n",
                    renewal.path("newCertificateSha256").asText("-"), renewal.path("newCertificateSerial").asText("-"),
                    renewal.path("oldCertificateSha256").asText("-"), renewal.path("retainOldKeyUntil").asText("-"));
            for (JsonNode step : detail.path("tenantSteps")) {
                List<String> needs = new ArrayList<>();
                step.path("needs").forEach(field -> needs.add("--" + kebab(field.asText()) + " ..."));
                out().printf("  tenant step now: renewalctl step %s %s%s%n", renewalId,
                        kebab(step.path("step").asText()), needs.isEmpty() ? "" : " " + String.join(" ", needs));
            }
            return 0;
        }
    }

    @Command(name = "history", description = "Every event of a renewal: time, actor, step, type.")
    static class History extends Subcommand {
        @Parameters(paramLabel = "RENEWAL") String renewalId;

        @Override
        public Integer call() throws Exception {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                    client().stream("/audit/export?renewalId=" + renewalId), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    JsonNode event = ContractJson.mapper().readTree(line);
                    out().printf("%3d  %-24s  %-28s  %-18s  %s%n", event.get("sequence").asLong(),
                            event.get("at").asText(), event.get("type").asText(), event.get("actor").asText(),
                            event.path("step").asText(""));
                }
            }
            return 0;
        }
    }

    @Command(name = "step", description = {"Takes a tenant step of the renewal's playbook: STEP as the catalogue"
            + " names it (renewalctl playbooks --steps, actor tenant), e.g. EXCHANGE_APPROVED or exchange-approved;"
            + " renewalctl show lists those allowed now.",
            "  downtime-proposed  --window-start and --window-end (playbook 2)",
            "  drain-confirmed    (playbook 2)",
            "  exchange-approved  (playbooks 1 and 2)"})
    static class TakeStep extends Subcommand {
        @Parameters(index = "0", paramLabel = "RENEWAL") String renewalId;
        @Parameters(index = "1", paramLabel = "STEP") String step;
        @Option(names = "--window-start", description = "ISO-8601 instant, e.g. 2026-12-01T22:00:00Z")
        String windowStart;
        @Option(names = "--window-end", description = "ISO-8601 instant") String windowEnd;
        @Option(names = "--by", description = "who takes it: must be the logged-in user (the history names the caller)")
        String by;
        @Option(names = "--reason", description = "for a step that records a reason") String reason;

        @Override
        public Integer call() {
            // what is not given goes as null, which the service reads as left out
            ObjectNode body = ContractJson.mapper().createObjectNode().put("by", by).put("windowStart", windowStart)
                    .put("windowEnd", windowEnd).put("reason", reason);
            return step(renewalId, "steps/" + URLEncoder.encode(step, StandardCharsets.UTF_8), body.toString());
        }
    }

    @Command(name = "approve", description = "Approves the exchange (playbooks 1 and 2): renewalctl step RENEWAL"
            + " exchange-approved.")
    static class Approve extends Subcommand {
        @Parameters(paramLabel = "RENEWAL") String renewalId;

        @Override
        public Integer call() {
            return step(renewalId, "steps/EXCHANGE_APPROVED", "");
        }
    }

    @Command(name = "confirm-drain", description = "Confirms no message signed with the old key is left (playbook 2):"
            + " renewalctl step RENEWAL drain-confirmed.")
    static class ConfirmDrain extends Subcommand {
        @Parameters(paramLabel = "RENEWAL") String renewalId;

        @Override
        public Integer call() {
            return step(renewalId, "steps/DRAIN_CONFIRMED", "");
        }
    }

    @Command(name = "abort", description = "Aborts a renewal before the exchange.")
    static class Abort extends Subcommand {
        @Parameters(paramLabel = "RENEWAL") String renewalId;
        @Option(names = "--reason", required = true) String reason;

        @Override
        public Integer call() {
            return step(renewalId, "abort", reason(reason));
        }
    }

    @Command(name = "rollback", description = "Rolls the exchange back (playbook 1, while the sender verifies both).")
    static class RollBack extends Subcommand {
        @Parameters(paramLabel = "RENEWAL") String renewalId;
        @Option(names = "--reason", required = true) String reason;

        @Override
        public Integer call() {
            return step(renewalId, "rollback", reason(reason));
        }
    }

    @Command(name = "keystore-retry", description = "Has the keystore carry out again the step it failed.")
    static class KeystoreRetry extends Subcommand {
        @Parameters(paramLabel = "RENEWAL") String renewalId;

        @Override
        public Integer call() {
            return step(renewalId, "keystore-retry", "");
        }
    }

    @Command(name = "keystore-resolve", description = "Settles a failed removal of the old key pair: it stays"
            + " archived and the renewal completes.")
    static class KeystoreResolve extends Subcommand {
        @Parameters(paramLabel = "RENEWAL") String renewalId;
        @Option(names = "--reason", required = true) String reason;

        @Override
        public Integer call() {
            return step(renewalId, "keystore-resolution", reason(reason));
        }
    }

    @Command(name = "verify", description = "Verifies the hash chain of a renewal, or of the whole store.")
    static class Verify extends Subcommand {
        @Parameters(paramLabel = "RENEWAL", arity = "0..1") String renewalId;

        @Override
        public Integer call() {
            JsonNode result = client().get("/audit/verification" + (renewalId == null ? "" : "?renewalId="
                    + renewalId));
            if (result.get("intact").asBoolean()) {
                out().printf("intact: %d events checked%n", result.get("eventsChecked").asLong());
                return 0;
            }
            JsonNode link = result.get("firstBrokenLink");
            out().printf("BROKEN at %s event %d (%s): %s%n", link.get("aggregateIdentifier").asText(),
                    link.get("sequenceNumber").asLong(), link.path("eventIdentifier").asText("-"),
                    link.get("reason").asText());
            return BROKEN;
        }
    }

    @Command(name = "export", description = "Exports the history (a renewal's or all) as JSON Lines.")
    static class Export extends Subcommand {
        @Parameters(paramLabel = "RENEWAL", arity = "0..1") String renewalId;
        @Option(names = {"-o", "--output"}, description = "file to write (default: standard output)") Path output;

        @Override
        public Integer call() throws Exception {
            try (InputStream history = client().stream("/audit/export" + (renewalId == null ? ""
                    : "?renewalId=" + renewalId))) {
                if (output == null) {
                    out().write(new String(history.readAllBytes(), StandardCharsets.UTF_8));
                    out().flush();
                } else {
                    try (OutputStream file = Files.newOutputStream(output)) {
                        long bytes = history.transferTo(file);
                        spec.commandLine().getErr().printf("wrote %d bytes to %s%n", bytes, output);
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "replay", description = "Rebuilds the read models from the event store, with a progress bar.")
    static class Replay extends Subcommand {
        @Option(names = "--poll", defaultValue = "PT0.5S", description = "how often to ask for progress")
        Duration poll;

        @Override
        public Integer call() {
            return follow(client().post("/audit/rebuild", ""), () -> client().get("/audit/rebuild"), poll);
        }
    }

    @Command(name = "republish", description = "Sends stored history to renewal.events.v1 again, as first sent "
            + "(consumers drop what they had): a renewal's, or what was stored in a time range. With a progress bar.")
    static class Republish extends Subcommand {
        @Option(names = "--renewal", paramLabel = "RENEWAL", description = "the whole history of this renewal")
        String renewalId;
        @Option(names = "--from", description = "events stored from this instant on (ISO-8601, e.g. "
                + "2026-01-01T00:00:00Z)")
        String from;
        @Option(names = "--to", description = "events stored before this instant")
        String to;
        @Option(names = "--poll", defaultValue = "PT0.5S", description = "how often to ask for progress")
        Duration poll;

        @Override
        public Integer call() {
            ObjectNode selection = ContractJson.mapper().createObjectNode();
            if (renewalId != null) {
                selection.put("renewalId", renewalId);
            }
            if (from != null) {
                selection.put("from", from);
            }
            if (to != null) {
                selection.put("to", to);
            }
            JsonNode job = client().post("/audit/republish", selection.toString());
            String jobId = job.get("jobId").asText();
            out().printf("republish %s%n", jobId);
            return follow(job, () -> client().get("/audit/republish/" + jobId), poll);
        }
    }
}
