package io.keyrenewal.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;

/** Identity of one renewal (one alias, one partner, one playbook). Serialized as a plain string. */
public record RenewalId(@JsonValue String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public RenewalId {
        Require.text(value, "renewalId");
    }

    public static RenewalId random() {
        return new RenewalId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
