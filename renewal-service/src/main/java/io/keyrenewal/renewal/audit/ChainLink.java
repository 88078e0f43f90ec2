package io.keyrenewal.renewal.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash of one stored event: SHA-256 over the previous link's hash and the event as stored (identifier,
 * aggregate, sequence, time, payload type and revision, payload bytes). The first event of an aggregate links to
 * {@link #GENESIS}.
 */
final class ChainLink {

    static final String GENESIS = "0".repeat(64);

    private ChainLink() {
    }

    /** The event store keeps times to the millisecond: the chain covers them as stored. */
    private static String storedPrecision(Instant timestamp) {
        return timestamp.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static String hash(String previousHash, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                       Instant timestamp, String payloadType, String payloadRevision, byte[] payload) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[]{previousHash, eventIdentifier, aggregateIdentifier,
                    Long.toString(sequenceNumber), storedPrecision(timestamp), payloadType,
                    String.valueOf(payloadRevision)}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            digest.update(payload);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
