package io.keyrenewal.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds private key material in text: a PEM {@code PRIVATE KEY} marker, or one of the known private keys in the forms
 * it could leak in (its PKCS#8 encoding as Base64 and hex, its secret number in hex and Base64), also when the text
 * breaks it into lines (PEM, JSON {@code \n} escapes). The keys are read from the keystore's PKCS#12 files.
 */
final class PrivateKeyScanner {

    static final String PEM_MARKER = "PRIVATE KEY";
    private static final int SHORTEST_RENDITION = 32;

    /** Each rendition of each key, with what it is. */
    private final Map<String, String> renditions = new LinkedHashMap<>();
    private final Map<String, PrivateKey> keys = new LinkedHashMap<>();
    /** Each file read, with its identity (inode), time and size as read: a file replaced since is read again. */
    private final Map<Path, List<Object>> filesRead = new HashMap<>();

    /**
     * Learns every private key in the {@code *.p12} files of {@code folder}; a file not changed since the last call is
     * not read again. Keys stay known after they leave the files: learn before a key is removed.
     *
     * @return how many keys the scanner knows now
     */
    int learnKeystoreFolder(Path folder, char[] password) throws IOException, GeneralSecurityException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".p12")).sorted().toList();
        }
        for (Path file : files) {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            List<Object> version = Arrays.asList(attributes.fileKey(), attributes.lastModifiedTime(),
                    attributes.size());
            if (version.equals(filesRead.get(file))) {
                continue;
            }
            KeyStore keystore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                keystore.load(in, password);
            }
            for (String entry : Collections.list(keystore.aliases())) {
                Key key = keystore.getKey(entry, password);
                if (key instanceof PrivateKey privateKey) {
                    learn(file.getFileName() + "#" + entry, privateKey);
                }
            }
            filesRead.put(file, version);
        }
        return keys.size();
    }

    void learn(String name, PrivateKey key) {
        String id = HexFormat.of().formatHex(key.getEncoded());
        if (keys.putIfAbsent(id, key) != null) {
            return;
        }
        byte[] pkcs8 = key.getEncoded();
        String base64 = Base64.getEncoder().encodeToString(pkcs8);
        rendition(base64, "the PKCS#8 encoding (Base64) of " + name);
        String base64url = Base64.getUrlEncoder().withoutPadding().encodeToString(pkcs8);
        if (!base64.startsWith(base64url)) {
            rendition(base64url, "the PKCS#8 encoding (Base64url) of " + name);
        }
        rendition(HexFormat.of().formatHex(pkcs8), "the PKCS#8 encoding (hex) of " + name);
        BigInteger secret = secretOf(key);
        if (secret != null) {
            rendition(secret.toString(16), "the secret number (hex) of " + name);
            rendition(Base64.getEncoder().encodeToString(secret.toByteArray()),
                    "the secret number (Base64) of " + name);
        }
    }

    int keyCount() {
        return keys.size();
    }

    /** What private key material {@code text} contains, each finding naming {@code source}; empty if none. */
    List<String> scan(String source, String text) {
        List<String> findings = new ArrayList<>();
        if (text.contains(PEM_MARKER)) {
            findings.add(source + ": a PEM '" + PEM_MARKER + "' marker");
        }
        String joined = text.replace("\\n", "").replace("\\r", "").replaceAll("\\s", "");
        String lowerCase = joined.toLowerCase(Locale.ROOT);
        renditions.forEach((rendition, what) -> {
            if (joined.contains(rendition) || lowerCase.contains(rendition)) {
                findings.add(source + ": " + what);
            }
        });
        return findings;
    }

    /** Scans every regular file below {@code folder} as UTF-8 text (undecodable bytes are replaced). */
    List<String> scanFiles(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<String> findings = new ArrayList<>();
        for (Path file : files) {
            findings.addAll(scan(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8)));
        }
        return findings;
    }

    private void rendition(String text, String what) {
        if (text.length() >= SHORTEST_RENDITION) {
            renditions.putIfAbsent(text, what);
        }
    }

    private static BigInteger secretOf(PrivateKey key) {
        if (key instanceof ECPrivateKey ec) {
            return ec.getS();
        }
        if (key instanceof RSAPrivateCrtKey crt) {
            return crt.getPrivateExponent();
        }
        return key instanceof RSAPrivateKey rsa ? rsa.getPrivateExponent() : null;
    }
}
