package io.keyrenewal.messaging;

/**
 * The kind of a failure and the exception in its cause chain that decided it (for {@link FailureKind#UNKNOWN}: the
 * outermost exception that is not a mere wrapper of the listener's).
 */
public record Classification(FailureKind kind, Throwable cause) {
}
