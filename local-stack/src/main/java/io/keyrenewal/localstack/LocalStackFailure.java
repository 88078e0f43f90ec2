package io.keyrenewal.localstack;

/** The local stack or its demo could not do what was asked; the message says what to look at. */
public class LocalStackFailure extends RuntimeException {

    public LocalStackFailure(String message) {
        super(message);
    }

    public LocalStackFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
