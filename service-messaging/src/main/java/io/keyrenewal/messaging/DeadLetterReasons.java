package io.keyrenewal.messaging;

import io.keyrenewal.contracts.MalformedMessage;

/**
 * The reason a dead-lettered record carries in {@code keyrenewal_dlt_reason}, readable by an operator: what the
 * service says for its own refusals, the message of a malformed record, otherwise {@code SimpleName: message} (with
 * the root cause for an unexpected failure).
 */
final class DeadLetterReasons {

    static final int MAX_LENGTH = 2000;

    private final FailureClassifier classifier;

    DeadLetterReasons(FailureClassifier classifier) {
        this.classifier = classifier;
    }

    String reason(Throwable failure) {
        Classification classification = classifier.classify(failure);
        Throwable cause = classification.cause();
        String reason = classifier.serviceReason(cause).orElseGet(() -> standard(cause));
        if (classification.kind() == FailureKind.UNKNOWN) {
            Throwable root = root(cause);
            if (root != cause) {
                reason = reason + " (caused by " + standard(root) + ")";
            }
        }
        return reason.length() <= MAX_LENGTH ? reason : reason.substring(0, MAX_LENGTH) + "...";
    }

    private static String standard(Throwable cause) {
        String message = cause.getMessage() == null || cause.getMessage().isBlank() ? "no details" : cause.getMessage();
        return cause instanceof MalformedMessage ? message : cause.getClass().getSimpleName() + ": " + message;
    }

    private static Throwable root(Throwable cause) {
        Throwable root = cause;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 50; depth++) {
            root = root.getCause();
        }
        return root;
    }
}
