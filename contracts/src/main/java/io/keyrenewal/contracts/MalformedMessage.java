package io.keyrenewal.contracts;

/** A record body that does not match its contract; the message names what is wrong. */
public class MalformedMessage extends RuntimeException {

    public MalformedMessage(String message, Throwable cause) {
        super(message, cause);
    }
}
