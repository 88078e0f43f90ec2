package io.keyrenewal.contracts.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.playbook.KeyPurpose;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a renewal policy applies to: one alias of the tenant keystore, {@code alias:acme-response-signer}, or, as the
 * default of every alias renewed for a purpose, {@code purpose:SIGN_INBOUND_RESPONSE}. It identifies the policy (its
 * history is one aggregate's); the colon keeps it apart from renewal and partner ids, which never have one.
 */
public record PolicyScope(@JsonValue String value) {

    public static final String ALIAS_PREFIX = "alias:";
    public static final String PURPOSE_PREFIX = "purpose:";
    private static final int MAX_ALIAS_LENGTH = 64;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public PolicyScope {
        Require.text(value, "scope");
        if (value.startsWith(ALIAS_PREFIX)) {
            if (!wellFormedAlias(value.substring(ALIAS_PREFIX.length()))) {
                throw new IllegalArgumentException("scope " + value + ": the alias must be 1-64 lower-case letters,"
                        + " digits, '.', '_' or '-', starting with a letter or digit");
            }
        } else if (value.startsWith(PURPOSE_PREFIX)) {
            String purpose = value.substring(PURPOSE_PREFIX.length());
            if (Arrays.stream(KeyPurpose.values()).noneMatch(known -> known.name().equals(purpose))) {
                throw new IllegalArgumentException("scope " + value + ": " + purpose + " is not a purpose; the"
                        + " purposes are " + Arrays.toString(KeyPurpose.values()));
            }
        } else {
            throw new IllegalArgumentException("scope " + value + " must be alias:<alias> (e.g."
                    + " alias:acme-response-signer) or purpose:<purpose> (e.g. purpose:SIGN_INBOUND_RESPONSE)");
        }
    }

    /** The policy of one alias. */
    public static PolicyScope ofAlias(String alias) {
        return new PolicyScope(ALIAS_PREFIX + alias);
    }

    /** The default policy of every alias renewed for {@code purpose}. */
    public static PolicyScope ofPurpose(KeyPurpose purpose) {
        return new PolicyScope(PURPOSE_PREFIX + purpose.name());
    }

    /** The alias, for the policy of one alias. */
    public Optional<String> alias() {
        return value.startsWith(ALIAS_PREFIX) ? Optional.of(value.substring(ALIAS_PREFIX.length()))
                : Optional.empty();
    }

    /** The purpose, for the default of a purpose. */
    public Optional<KeyPurpose> purpose() {
        return value.startsWith(PURPOSE_PREFIX)
                ? Optional.of(KeyPurpose.valueOf(value.substring(PURPOSE_PREFIX.length()))) : Optional.empty();
    }

    /** Checked by hand, not by a regular expression: every stored policy event is read through here on a replay. */
    private static boolean wellFormedAlias(String alias) {
        if (alias.isEmpty() || alias.length() > MAX_ALIAS_LENGTH) {
            return false;
        }
        for (int i = 0; i < alias.length(); i++) {
            char c = alias.charAt(i);
            boolean letterOrDigit = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!letterOrDigit && (i == 0 || c != '.' && c != '_' && c != '-')) {
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
