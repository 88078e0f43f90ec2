package io.keyrenewal.ctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code renewalctl aliases}: the inventory of the tenant keystore's aliases ({@code GET /aliases}), soonest expiry
 * first, with the renewal each has open or planned and the last one that ended.
 */
@Command(name = "aliases", mixinStandardHelpOptions = true, description = {"The aliases of the tenant keystore, soonest expiry first, with their renewals (GET /aliases).",
        "One line per alias (aliases without a certificate last): kind, purpose, partner, when the certificate"
                + " expires and the days left (an expired one as EXPIRED), the expiry tier reached, the open renewal"
                + " (\"(policy)\" if a policy started it) or the date the policy will start one, and the last renewal"
                + " that ended. A footer says how many of all matching aliases are shown and the --page of the next"
                + " page."})
final class AliasesCommand extends RenewalCtl.Subcommand {

    static final String[] HEADINGS = {"ALIAS", "KIND", "PURPOSE", "PARTNER", "NOT AFTER", "DAYS LEFT", "TIER",
            "RENEWAL", "LAST"};

    @Option(names = "--partner", paramLabel = "PARTNER", description = "only the aliases of this partner") String partner;
    @Option(names = "--purpose", paramLabel = "PURPOSE", description = "only the aliases of this purpose, e.g. SIGN_INBOUND_RESPONSE")
    String purpose;
    @Option(names = "--expiring-within", paramLabel = "DAYS", description = "only certificates that expire within"
            + " DAYS days (expired ones included)")
    Integer expiringWithinDays;
    @Option(names = "--page", paramLabel = "N", description = "the page, from 0 (default 0)") Integer page;
    @Option(names = "--size", paramLabel = "N", description = "aliases per page (default 100, at most 1000)")
    Integer size;
    @Option(names = "--json", description = "print the page as the service answers it (a JSON array)") boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        RenewalServiceClient.Page listing = client().getPage(path());
        if (json) {
            out().println(ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(listing.items()));
            listing.nextPage().ifPresent(next -> spec.commandLine().getErr().println(footer(listing)));
            return 0;
        }
        if (listing.items().isEmpty()) {
            out().println(listing.total() == 0 ? "no aliases" : footer(listing));
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        listing.items().forEach(alias -> rows.add(row(alias)));
        printTable(rows);
        out().println(footer(listing));
        return 0;
    }

    String path() {
        List<String> query = new ArrayList<>();
        parameter(query, "partnerId", partner);
        parameter(query, "purpose", purpose);
        parameter(query, "expiringWithinDays", expiringWithinDays);
        parameter(query, "page", page);
        parameter(query, "size", size);
        return "/aliases" + (query.isEmpty() ? "" : "?" + String.join("&", query));
    }

    private static void parameter(List<String> query, String name, Object value) {
        if (value != null) {
            query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
        }
    }

    static String footer(RenewalServiceClient.Page listing) {
        return listing.items().size() + " of " + listing.total() + " aliases"
                + listing.nextPage().stream().mapToObj(next -> "; next page: --page " + next).findFirst().orElse("");
    }

    static String[] row(JsonNode alias) {
        JsonNode certificate = alias.path("certificate");
        return new String[]{alias.path("alias").asText(), alias.path("kind").asText("-"),
                text(alias.path("purpose")), text(alias.path("partnerId")), date(certificate.path("notAfter")),
                daysLeft(alias.path("daysLeft")), text(alias.path("tierReached")), renewal(alias),
                last(alias.path("lastRenewal"))};
    }

    /** {@code 41}, or {@code EXPIRED 3d ago}; {@code -} without a certificate. */
    static String daysLeft(JsonNode daysLeft) {
        if (!daysLeft.isNumber()) {
            return "-";
        }
        long days = daysLeft.asLong();
        return days >= 0 ? Long.toString(days) : "EXPIRED " + -days + "d ago";
    }

    /** The open renewal (and "(policy)" if a policy started it), else the date the policy starts one, else "-". */
    static String renewal(JsonNode alias) {
        JsonNode open = alias.path("openRenewal");
        if (open.isObject()) {
            return open.path("renewalId").asText() + (open.path("startedByPolicy").asBoolean() ? " (policy)" : "");
        }
        return alias.path("renewalStartsAt").isTextual() ? "planned " + date(alias.path("renewalStartsAt")) : "-";
    }

    static String last(JsonNode last) {
        return last.isObject() ? last.path("state").asText() + " " + date(last.path("endedAt")) : "-";
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
    }

    /** The day (UTC) of an instant, e.g. {@code 2027-01-01}. */
    private static String date(JsonNode instant) {
        if (!instant.isTextual()) {
            return "-";
        }
        try {
            return Instant.parse(instant.asText()).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        } catch (DateTimeParseException notAnInstant) {
            return instant.asText();
        }
    }

    /** Columns as wide as their widest cell, two spaces apart. */
    private void printTable(List<String[]> rows) {
        int[] widths = new int[HEADINGS.length];
        rows.forEach(row -> {
            for (int column = 0; column < row.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        });
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.length; column++) {
                line.append(column == 0 ? "" : "  ").append(String.format("%-" + widths[column] + "s", row[column]));
            }
            out().println(line.toString().stripTrailing());
        }
    }
}
