package io.keyrenewal.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyrenewal.contracts.ContractJson;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** The renewal policies (docs/policies.md): set one per alias or a default per purpose, read, list, remove. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Renewal policies: how and when an alias (or"
        + " every alias of a purpose) is renewed. SCOPE is alias:<alias> or purpose:<purpose>.",
        subcommands = {PolicyCommands.SetPolicy.class, PolicyCommands.GetPolicy.class,
                PolicyCommands.ListPolicies.class, PolicyCommands.EffectivePolicy.class,
                PolicyCommands.RemovePolicy.class})
final class PolicyCommands {

    @ParentCommand
    RenewalCtl ctl;

    /** Base of the policy subcommands: the connection of renewalctl and this command's output. */
    abstract static class PolicyCommand implements Callable<Integer> {
        @ParentCommand
        PolicyCommands policy;
        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        RenewalServiceClient client() {
            return policy.ctl.client();
        }

        /** The policy's path: the scope as it is written, encoded where it holds what a path may not. */
        static String path(String scope) {
            return "/policies/" + URLEncoder.encode(scope, StandardCharsets.UTF_8).replace("%3A", ":");
        }

        /** A policy as it stands, in two lines: its scope and version, then what it starts and when. */
        void print(JsonNode view) {
            JsonNode policy = view.path("policy");
            out().printf("%s  version %d  %s by %s at %s%n", view.path("scope").asText(), view.path("version").asInt(),
                    view.path("removed").asBoolean() ? "removed" : "set", view.path("changedBy").asText(),
                    view.path("changedAt").asText());
            if (policy.isObject()) {
                out().printf("  %s%n", describe(policy));
            }
        }

        static String describe(JsonNode policy) {
            List<String> windows = new ArrayList<>();
            policy.path("windows").forEach(window -> windows.add(window.path("cron").asText() + " for "
                    + window.path("duration").asText() + " (" + window.path("timeZone").asText() + ")"));
            return policy.path("purpose").asText() + ", partner " + policy.path("partnerId").asText("-")
                    + ", playbook " + policy.path("playbook").asText("by the partner's capability")
                    + ", start " + (policy.hasNonNull("startDaysBeforeExpiry")
                    ? policy.path("startDaysBeforeExpiry").asInt() + " days before expiry"
                    : "at " + policy.path("startAtShareOfLifetime").asDouble() + " of the lifetime")
                    + ", windows " + (windows.isEmpty() ? "none (any time)" : String.join("; ", windows));
        }
    }

    /** Exactly one start rule. */
    static final class StartRule {
        @Option(names = "--start-days-before-expiry", paramLabel = "N", required = true,
                description = "start N days (1-3650) before the certificate expires")
        Integer daysBeforeExpiry;
        @Option(names = "--start-at-share", paramLabel = "SHARE", required = true,
                description = "start when this share of the certificate's lifetime has passed, between 0 and 1, e.g."
                        + " 0.66")
        Double shareOfLifetime;
    }

    @Command(name = "set", description = "Sets the whole policy of SCOPE (creates or changes it; what is not given"
            + " is left out: the default when a renewal starts). Prints it as set. The key and certificate options"
            + " are those of renewalctl start; a policy for a partner's certificate (VERIFY_..., ENCRYPT_...) takes"
            + " none.")
    static class SetPolicy extends PolicyCommand {
        @Parameters(index = "0", paramLabel = "SCOPE", description = "alias:<alias> or purpose:<purpose>")
        String scope;
        @Option(names = "--purpose", description = "what the key does, e.g. SIGN_INBOUND_RESPONSE (a purpose's"
                + " default takes its scope's)")
        String purpose;
        @Option(names = "--partner", description = "the alias's partner (required for alias:...)") String partner;
        @Option(names = "--playbook", description = "a playbook of the catalogue for the purpose (default: chosen by"
                + " the partner's capability at the start)")
        String playbook;
        @Option(names = "--guaranteed-delivery", required = true, description = "ISO-8601, e.g. P30D")
        String guaranteedDelivery;
        @ArgGroup(exclusive = true, multiplicity = "1")
        StartRule start;
        @Option(names = "--window", paramLabel = "'CRON;DURATION;ZONE'", description = "a window in which a renewal"
                + " may start, e.g. '0 0 22 * * SAT;PT6H;Europe/Zurich' (six-field cron, ISO-8601 duration up to 31"
                + " days, IANA time zone); repeatable")
        List<String> windows = new ArrayList<>();
        @Mixin
        NewKeyPairOptions newKeyPair;

        @Override
        public Integer call() {
            ObjectNode body = ContractJson.mapper().createObjectNode();
            body.put("purpose", purpose).put("partnerId", partner).put("playbook", playbook)
                    .put("guaranteedDeliveryTime", guaranteedDelivery)
                    .put("startDaysBeforeExpiry", start.daysBeforeExpiry)
                    .put("startAtShareOfLifetime", start.shareOfLifetime);
            newKeyPair.addTo(body);
            ArrayNode windowsNode = body.putArray("windows");
            for (String window : windows) {
                String[] parts = window.split(";", -1);
                if (parts.length != 3) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--window " + window + " must be"
                            + " 'CRON;DURATION;ZONE', e.g. '0 0 22 * * SAT;PT6H;Europe/Zurich'");
                }
                windowsNode.addObject().put("cron", parts[0].strip()).put("duration", parts[1].strip())
                        .put("timeZone", parts[2].strip());
            }
            print(client().put(path(scope), body.toString()));
            return 0;
        }
    }

    @Command(name = "get", description = "A policy as it stands and every change of it, with who and when.")
    static class GetPolicy extends PolicyCommand {
        @Parameters(paramLabel = "SCOPE") String scope;

        @Override
        public Integer call() {
            JsonNode detail = client().get(path(scope));
            if (detail.path("current").isObject()) {
                print(detail.path("current"));
            } else {
                out().printf("%s  no policy in force%n", scope);
            }
            for (JsonNode change : detail.path("history")) {
                out().printf("  %3d  %-24s  %-7s  %s%s%n", change.path("version").asInt(), change.path("at").asText(),
                        change.path("change").asText(), change.path("by").asText(),
                        change.path("policy").isObject() ? "  " + describe(change.path("policy")) : "");
            }
            return 0;
        }
    }

    @Command(name = "list", description = "The policies in force, by scope.")
    static class ListPolicies extends PolicyCommand {
        @Option(names = "--purpose") String purpose;
        @Option(names = "--partner") String partner;

        @Override
        public Integer call() {
            List<String> query = new ArrayList<>();
            if (purpose != null) {
                query.add("purpose=" + URLEncoder.encode(purpose, StandardCharsets.UTF_8));
            }
            if (partner != null) {
                query.add("partnerId=" + URLEncoder.encode(partner, StandardCharsets.UTF_8));
            }
            for (JsonNode view : client().get("/policies" + (query.isEmpty() ? "" : "?" + String.join("&", query)))) {
                print(view);
            }
            return 0;
        }
    }

    @Command(name = "effective", description = "The policy that applies to an alias: its own, else its purpose's"
            + " default.")
    static class EffectivePolicy extends PolicyCommand {
        @Option(names = "--alias", required = true) String alias;
        @Option(names = "--purpose", description = "the alias's purpose, for its default") String purpose;

        @Override
        public Integer call() {
            print(client().get("/policies/effective?alias=" + URLEncoder.encode(alias, StandardCharsets.UTF_8)
                    + (purpose == null ? "" : "&purpose=" + URLEncoder.encode(purpose, StandardCharsets.UTF_8))));
            return 0;
        }
    }

    @Command(name = "remove", description = "Removes a policy: an alias falls back to its purpose's default.")
    static class RemovePolicy extends PolicyCommand {
        @Parameters(paramLabel = "SCOPE") String scope;

        @Override
        public Integer call() {
            print(client().delete(path(scope)));
            return 0;
        }
    }
}
