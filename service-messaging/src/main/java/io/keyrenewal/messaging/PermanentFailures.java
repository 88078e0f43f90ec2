package io.keyrenewal.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The exceptions by which a service refuses a record for good (its refusals), and how their reason reads on the
 * dead-letter topic. A service declares them as a bean; {@code MalformedMessage} of the contracts is permanent in
 * every service without being declared.
 *
 * <pre>{@code
 * @Bean
 * PermanentFailures renewalRefusals() {
 *     return PermanentFailures.of(RenewalRefused.class, IllegalArgumentException.class)
 *             .describedAs(ConfirmationRejected.class, rejected -> "confirmation rejected (" + rejected.kind() + ")");
 * }
 * }</pre>
 */
public final class PermanentFailures {

    private final List<Class<? extends Throwable>> types;
    private final List<Description<?>> descriptions;

    private PermanentFailures(List<Class<? extends Throwable>> types, List<Description<?>> descriptions) {
        this.types = List.copyOf(types);
        this.descriptions = List.copyOf(descriptions);
    }

    /** These exception types (and their subclasses) refuse a record for good. */
    @SafeVarargs
    public static PermanentFailures of(Class<? extends Throwable>... types) {
        return new PermanentFailures(List.of(types), List.of());
    }

    /**
     * {@code type} is permanent too, and its dead-letter reason reads as {@code reason} says (by default
     * {@code SimpleName: message}).
     */
    public <T extends Throwable> PermanentFailures describedAs(Class<T> type, Function<? super T, String> reason) {
        List<Class<? extends Throwable>> moreTypes = new ArrayList<>(types);
        if (!moreTypes.contains(type)) {
            moreTypes.add(type);
        }
        List<Description<?>> moreDescriptions = new ArrayList<>(descriptions);
        moreDescriptions.add(new Description<>(type, reason));
        return new PermanentFailures(moreTypes, moreDescriptions);
    }

    public List<Class<? extends Throwable>> types() {
        return types;
    }

    boolean matches(Throwable failure) {
        return types.stream().anyMatch(type -> type.isInstance(failure));
    }

    /** The reason this service gives for {@code failure}, if it describes that type itself. */
    Optional<String> reason(Throwable failure) {
        return descriptions.stream().filter(description -> description.type().isInstance(failure)).findFirst()
                .map(description -> description.describe(failure));
    }

    private record Description<T extends Throwable>(Class<T> type, Function<? super T, String> reason) {
        String describe(Throwable failure) {
            return reason.apply(type.cast(failure));
        }
    }
}
