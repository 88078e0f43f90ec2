package io.keyrenewal.ctl;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code renewalctl start --dry-run}: the plan of {@code POST /renewals/dry-run} as a person reads it. */
final class PlanPrinter {

    private static final String INDENT = "    ";

    private final PrintWriter out;

    PlanPrinter(PrintWriter out) {
        this.out = out;
    }

    /** Prints the plan; 0 if nothing would be refused, else {@link RenewalCtl#REFUSED}. */
    int print(JsonNode plan) {
        JsonNode playbook = plan.path("playbook");
        JsonNode partner = plan.path("partner");
        if (playbook.isObject()) {
            out.printf("playbook %d %s (%s), %s; catalogue version %d%n", playbook.path("number").asInt(),
                    playbook.path("playbook").asText(), playbook.path("title").asText(), chosen(playbook),
                    playbook.path("catalogueVersion").asInt());
        } else {
            out.println("no playbook: see what is refused");
        }
        out.printf("alias %s, partner %s%s, %s; confirmation keys: %s; told on %s%n", plan.path("alias").asText(),
                partner.path("partnerId").asText(), partner.path("role").isTextual()
                        ? " (" + partner.path("role").asText() + ")" : "",
                partner.path("registered").asBoolean() ? "registered" : "not registered",
                list(partner.path("confirmationKeys"), "none"), list(partner.path("channels"), "nothing"));
        int number = 0;
        for (JsonNode step : plan.path("steps")) {
            out.println(String.format("%3d  %-8s  %-32s  %s", ++number, step.path("actor").asText(),
                    step.path("step").asText(), String.join("; ", details(step, plan.at("/dates/start").asText())))
                    .stripTrailing());
        }
        JsonNode dates = plan.path("dates");
        if (dates.isObject()) {
            out.printf("retention %s from %s: ends %s at the earliest, the old key pair is removed then%n",
                    days(dates.path("retention").asText()), dates.path("retentionStartsAt").asText(),
                    dates.path("earliestRetentionEnd").asText());
            out.printf("abort possible until %s; rollback %s%n", dates.path("abortUntil").asText(),
                    dates.path("rollbackUntil").isTextual() ? "possible until " + dates.path("rollbackUntil").asText()
                            : "not possible");
        }
        for (JsonNode refusal : plan.path("refusals")) {
            out.printf("refused at %s (%d %s): %s%n", refusal.path("step").asText(), refusal.path("status").asInt(),
                    refusal.path("title").asText(), refusal.path("reason").asText());
        }
        boolean wouldStart = plan.path("wouldStart").asBoolean();
        boolean refused = !plan.path("refusals").isEmpty();
        out.println(!wouldStart ? "would not start" : refused ? "would start, but stop where refused"
                : "would start");
        return refused ? RenewalCtl.REFUSED : 0;
    }

    /**
     * Each planned message as notification-service renders it ({@code POST /notifications/preview}): a heading with
     * its step, event, recipient and kind, then its subject and text indented (placeholders marked in them) and what
     * it attaches, or why it cannot be rendered.
     */
    void printMessages(JsonNode messages) {
        if (!messages.isArray()) {
            messagesNotRendered("notification-service answered no list of messages");
            return;
        }
        out.printf("messages each party would receive, as notification-service renders them (%d):%n",
                messages.size());
        for (JsonNode message : messages) {
            out.printf("-- %s: %s to %s (%s)%n", message.path("step").asText(), message.path("event").asText(),
                    message.path("recipient").asText(), message.path("kind").asText());
            if (message.path("text").isTextual()) {
                out.println(INDENT + "Subject: " + message.path("subject").asText());
                message.path("text").asText().stripTrailing().lines()
                        .forEach(line -> out.println((INDENT + line).stripTrailing()));
                for (JsonNode attachment : message.path("attachments")) {
                    out.println(INDENT + "Attached: " + attachment.path("name").asText()
                            + (attachment.path("placeholder").asBoolean() ? " (made when the renewal runs)" : ""));
                }
            } else {
                out.println(INDENT + "not rendered: " + message.path("reason").asText("no reason given"));
            }
        }
    }

    /** The one line that says why the planned messages are not shown. */
    void messagesNotRendered(String why) {
        out.println("the messages could not be rendered: " + why);
    }

    private static String chosen(JsonNode playbook) {
        String purpose = playbook.path("purpose").asText();
        return switch (playbook.path("chosenBy").asText()) {
            case "NAMED" -> "named";
            case "PURPOSE" -> "the one for " + purpose;
            default -> "for " + purpose + " and a partner that " + (playbook.path("partnerUsesBothKeys").asBoolean()
                    ? "uses" : "does not use") + " both keys at once";
        };
    }

    private static List<String> details(JsonNode step, String start) {
        List<String> details = new ArrayList<>();
        if (step.path("confirmation").isTextual()) {
            details.add("confirms " + step.path("confirmation").asText() + " within "
                    + days(step.path("respondWithin").asText()) + " (escalated after "
                    + days(step.path("escalatedAfter").asText()) + ")");
        }
        if (step.path("needs").isArray()) {
            details.add(step.path("needs").isEmpty() ? "needs nothing"
                    : "needs " + list(step.path("needs"), ""));
        }
        if (!step.path("takenBy").asText().equals(step.path("actor").asText())) {
            details.add("the automatic renewal takes it itself");
        }
        if (!step.path("earliestAt").asText().equals(start)) {
            details.add("not before " + step.path("earliestAt").asText());
        }
        for (JsonNode message : step.path("tells")) {
            details.add("tells " + message.path("recipient").asText() + " " + message.path("kind").asText()
                    + (message.path("asks").isTextual() ? " (asks " + message.path("asks").asText() + ")" : ""));
        }
        return details;
    }

    private static String list(JsonNode values, String none) {
        List<String> items = new ArrayList<>();
        values.forEach(value -> items.add(value.asText()));
        return items.isEmpty() ? none : String.join(", ", items);
    }

    /** An ISO-8601 duration in whole days where it is one ({@code PT72H} as {@code P3D}). */
    static String days(String iso) {
        Duration duration = Duration.parse(iso);
        return duration.toSeconds() % Duration.ofDays(1).toSeconds() == 0
                ? "P" + duration.toDays() + "D" : iso.toUpperCase(Locale.ROOT);
    }
}
