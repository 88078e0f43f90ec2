package io.keyrenewal.keystore.store;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An alias of the tenant keystore, lower-case (PKCS#12 keystores fold aliases to lower case). Its active key pair is
 * the entry named exactly like the alias; an archived one is {@code <alias>.retained.<serialHex>}, a staged one
 * {@code <alias>.staged.<serialHex>}.
 */
public record KeystoreAlias(String value) {

    static final String RETAINED_MARKER = ".retained.";
    static final String STAGED_MARKER = ".staged.";
    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public KeystoreAlias {
        if (value == null || !FORM.matcher(value).matches() || value.contains(RETAINED_MARKER)
                || value.contains(STAGED_MARKER)) {
            throw new InvalidAlias(value);
        }
    }

    /** The alias as a renewal names it, folded to lower case; refused if it is not a usable keystore alias. */
    public static KeystoreAlias of(String requested) {
        return new KeystoreAlias(requested == null ? null : requested.trim().toLowerCase(Locale.ROOT));
    }

    /** The alias an entry name belongs to, empty if the name cannot be one of the keystore's entries. */
    static Optional<KeystoreAlias> owning(String entryName) {
        String name = entryName == null ? "" : entryName.toLowerCase(Locale.ROOT);
        for (String marker : new String[]{RETAINED_MARKER, STAGED_MARKER}) {
            int at = name.indexOf(marker);
            if (at > 0) {
                name = name.substring(0, at);
            }
        }
        try {
            return Optional.of(new KeystoreAlias(name));
        } catch (InvalidAlias invalid) {
            return Optional.empty();
        }
    }

    static EntryState stateOf(String entryName) {
        if (entryName.contains(STAGED_MARKER)) {
            return EntryState.STAGED;
        }
        return entryName.contains(RETAINED_MARKER) ? EntryState.ARCHIVED : EntryState.ACTIVE;
    }

    public String currentEntryName() {
        return value;
    }

    public String retainedEntryName(String serialHex) {
        return value + RETAINED_MARKER + serialHex;
    }

    public String stagedEntryName(String serialHex) {
        return value + STAGED_MARKER + serialHex;
    }

    @Override
    public String toString() {
        return value;
    }
}
