package io.keyrenewal.keystore.store;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An alias of the tenant keystore, lower-case (PKCS#12 keystores fold aliases to lower case). Its current key pair is
 * the entry named exactly like the alias; a key pair it renewed lives on as {@code <alias>.retained.<serialHex>}.
 */
public record KeystoreAlias(String value) {

    static final String RETAINED_MARKER = ".retained.";
    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public KeystoreAlias {
        if (value == null || !FORM.matcher(value).matches() || value.contains(RETAINED_MARKER)) {
            throw new InvalidAlias(value);
        }
    }

    /** The alias as a renewal names it, folded to lower case; refused if it is not a usable keystore alias. */
    public static KeystoreAlias of(String requested) {
        return new KeystoreAlias(requested == null ? null : requested.trim().toLowerCase(Locale.ROOT));
    }

    public String currentEntryName() {
        return value;
    }

    public String retainedEntryName(String serialHex) {
        return value + RETAINED_MARKER + serialHex;
    }

    @Override
    public String toString() {
        return value;
    }
}
