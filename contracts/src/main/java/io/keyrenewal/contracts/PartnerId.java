package io.keyrenewal.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identity of a partner system, e.g. {@code acme}. Letters, digits, '.', '_' and '-'. */
public record PartnerId(@JsonValue String value) {

    private static final int MAX_LENGTH = 64;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public PartnerId {
        Require.text(value, "partnerId");
        if (!wellFormed(value)) {
            throw new IllegalArgumentException("partnerId must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    /** Checked by hand, not by a regular expression: every stored event is read through here on a replay. */
    private static boolean wellFormed(String value) {
        if (value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
