package io.keyrenewal.localstack;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The demo renewal on a running stack: playbook 3 (tenant decrypts outbound response) of
 * {@value LocalStackConfig#DEMO_ALIAS} with partner {@code acme}, whose system is the {@link ScriptedReceiver}. It
 * prints the {@link Timeline} as it happens, moves the renewal-service clock past the retention deadline once the
 * partner has switched, and ends when the renewal is completed.
 */
public final class Demo implements AutoCloseable {

    public static final PartnerId PARTNER = new PartnerId("acme");
    public static final Duration GUARANTEED_DELIVERY_TIME = Duration.ofDays(30);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(120);

    /** What the demo did: the renewal, its final state, the keystore's entry count and the events seen. */
    public record Result(RenewalId renewalId, String state, int keystoreEntries, List<RenewalEvent> events) {
    }

    private final LocalStack stack;
    private final PrintStream out;
    private final RenewalServiceApi renewals;
    private final KeystoreServiceApi keystore;
    private Timeline timeline;
    private ScriptedReceiver receiver;

    public Demo(LocalStack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
        this.renewals = new RenewalServiceApi(stack.renewalServiceUrl());
        this.keystore = new KeystoreServiceApi(stack.keystoreServiceUrl());
    }

    /** Runs the renewal to its end; fails naming the service log to read when a step does not happen in time. */
    public Result run() {
        String alias = stack.config().seedAliases().split(",")[0].trim();
        out.println();
        out.println("Demo: renewal of " + alias + " with partner " + PARTNER
                + " (playbook 3: tenant decrypts outbound response)");
        RenewalServiceApi.StartedRenewal started = renewals.startRenewal(alias, PARTNER, GUARANTEED_DELIVERY_TIME);
        RenewalId renewalId = started.renewalId();
        out.println("POST " + renewals.url("/renewals") + " -> 201, renewal " + renewalId + " (Location "
                + started.location() + ")");
        out.println("Timeline of renewal " + renewalId + " (event time, ce_sequence, ce_type, what happened):");
        timeline = Timeline.follow(stack.bootstrapServers(), renewalId, out);
        receiver = ScriptedReceiver.start(stack.bootstrapServers(), PARTNER, stack.demoPartnerKey(), renewalId,
                out);

        timeline.awaitEvent(RenewalStarted.class, START_TIMEOUT,
                "read " + log(StackService.RENEWAL_SERVICE) + " (does it relay its events to Kafka?)");
        timeline.awaitEvent(CertificateProvided.class, STEP_TIMEOUT,
                "read " + log(StackService.KEYSTORE_SERVICE) + " (key pair generated and reported?) and "
                        + log(StackService.RENEWAL_SERVICE));
        receiver.awaitConfirmation(STEP_TIMEOUT, "read " + log(StackService.NOTIFICATION_SERVICE));
        PartnerSwitchedToNewKey switched = timeline.awaitEvent(PartnerSwitchedToNewKey.class, STEP_TIMEOUT,
                "read " + log(StackService.RENEWAL_SERVICE) + " (did it take the partner's confirmation?)");

        moveClockPastRetention(switched);
        timeline.awaitEvent(RenewalCompleted.class, COMPLETION_TIMEOUT,
                "read " + log(StackService.RENEWAL_SERVICE) + " (did the retention deadline fire?) and "
                        + log(StackService.KEYSTORE_SERVICE) + " (old key pair removed?)");

        Result result = new Result(renewalId, renewals.state(renewalId), keystore.entryCount(), timeline.events());
        printSummary(result);
        return result;
    }

    /** Stops the timeline and the scripted receiver; the stack keeps running. */
    @Override
    public void close() {
        if (receiver != null) {
            receiver.close();
        }
        if (timeline != null) {
            timeline.close();
        }
    }

    /**
     * Whole days from the switch to one minute past the retention deadline: the renewal-service clock runs on from
     * the switch, so it then stands past the deadline.
     */
    static Duration clockAdvanceToPass(PartnerSwitchedToNewKey switched) {
        Duration toDeadline = Duration.between(switched.at(), switched.retainOldKeyUntil()).plusMinutes(1);
        long minutesPerDay = Duration.ofDays(1).toMinutes();
        return Duration.ofDays(Math.max(1, (toDeadline.toMinutes() + minutesPerDay - 1) / minutesPerDay));
    }

    /**
     * Moves both services' clocks (every instance's) by the same amount, keystore-service first (it checks the retention date when the
     * removal it is asked for arrives), so neither is left behind the other after the demo.
     */
    private void moveClockPastRetention(PartnerSwitchedToNewKey switched) {
        Duration advance = clockAdvanceToPass(switched);
        out.println("Moving the keystore-service and renewal-service clocks " + advance.toDays()
                + " days ahead to reach the retention deadline (old key retained until "
                + EventSummary.localTime(switched.retainOldKeyUntil()) + ")");
        stack.advanceClocks(advance);
    }

    private void printSummary(Result result) {
        out.println();
        out.println("Renewal " + result.renewalId() + " completed:");
        out.println("  state            " + result.state() + "  (GET " + renewals.url("/renewals/" + result.renewalId())
                + ")");
        out.println("  keystore entries " + result.keystoreEntries() + "  (GET " + keystore.url("/keystore/entries")
                + ")");
        out.println("  events           " + result.events().size() + " on renewal.events.v1");
        out.println("  logs             " + LocalStack.display(stack.logDir()));
    }

    private String log(StackService service) {
        return LocalStack.display(stack.logFile(service));
    }
}
