package io.keyrenewal.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/** Identity of a partner system, e.g. {@code acme}. Letters, digits, '.', '_' and '-'. */
public record PartnerId(@JsonValue String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public PartnerId {
        Require.text(value, "partnerId");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("partnerId must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
