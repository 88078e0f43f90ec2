package io.keyrenewal.localstack.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A fault the benchmark does to its own stack while the burst runs ({@code --fault kill:keystore-service@60}):
 * {@code kill} is SIGKILL, as a crash or the OOM killer would, {@code restart} a clean stop (SIGTERM; PostgreSQL's
 * fast shutdown); either way the part is started again at once on the same ports and data. PostgreSQL is only
 * restarted; the services are not restarted with it, they must ride out its absence.
 * <p>
 * Instead of a time, a fault may wait for a step boundary ({@code kill:keystore-service@on:KeyPairExchangeDecided}):
 * it strikes as soon as an event of that type appears on {@code renewal.events.v1}, so the part dies right when it
 * has that step to carry out (or has just carried it out).
 *
 * @param after   how long after the burst's first start; null for a fault on an event
 * @param onEvent the {@code ce_type} whose first sighting (once the fault is armed) makes it strike; null for a
 *                fault at a time
 */
record Fault(Action action, String part, Duration after, String onEvent) {

    Fault(Action action, String part, Duration after) {
        this(action, part, after, null);
    }

    enum Action { KILL, RESTART }

    static final String KAFKA = "kafka";
    static final String POSTGRES = "postgres";
    static final List<String> PARTS = List.of("renewal-service", "keystore-service", "notification-service", KAFKA,
            POSTGRES);
    static final String SYNTAX = "kill|restart:<" + String.join("|", PARTS) + ">@<seconds after the burst starts>"
            + " or ...@on:<event type>";
    static final String ON_EVENT = "on:";

    /** @throws IllegalArgumentException saying what is wrong with {@code spec} */
    static Fault parse(String spec) {
        int colon = spec.indexOf(':');
        int at = spec.lastIndexOf('@');
        if (colon < 0 || at < colon) {
            throw new IllegalArgumentException("--fault takes " + SYNTAX + ", not " + spec);
        }
        Action action = switch (spec.substring(0, colon).toLowerCase(Locale.ROOT)) {
            case "kill" -> Action.KILL;
            case "restart" -> Action.RESTART;
            default -> throw new IllegalArgumentException("--fault " + spec + ": the action is kill or restart");
        };
        String part = spec.substring(colon + 1, at).toLowerCase(Locale.ROOT);
        if (!PARTS.contains(part.replaceFirst("^(.*-service)-[2-9]$", "$1")) || part.matches("(kafka|postgres)-.*")) {
            throw new IllegalArgumentException("--fault " + spec + ": the part is one of " + String.join(", ", PARTS)
                    + " (a service's second instance: renewal-service-2, ...)");
        }
        if (part.equals(POSTGRES) && action == Action.KILL) {
            throw new IllegalArgumentException("--fault " + spec + ": PostgreSQL is restarted, not killed"
                    + " (restart:postgres@...)");
        }
        String when = spec.substring(at + 1);
        if (when.startsWith(ON_EVENT)) {
            String type = when.substring(ON_EVENT.length());
            if (!type.matches("[A-Z][A-Za-z]+")) {
                throw new IllegalArgumentException("--fault " + spec + ": after @on: comes an event type such as"
                        + " KeyPairExchangeDecided");
            }
            return new Fault(action, part, null, type);
        }
        String seconds = when.replaceFirst("s$", "");
        try {
            long value = Long.parseLong(seconds);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return new Fault(action, part, Duration.ofSeconds(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--fault " + spec + ": after @ comes a whole number of seconds");
        }
    }

    @Override
    public String toString() {
        return action.name().toLowerCase(Locale.ROOT) + ":" + part + "@"
                + (onEvent != null ? ON_EVENT + onEvent : after.toSeconds() + "s");
    }
}
