package io.keyrenewal.contracts.renewal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;

/**
 * Real X.509 certificates for the tests of the contracts, made with the JDK alone (contracts has no BouncyCastle): the
 * to-be-signed part written in DER as RFC 5280 lays it out, signed with the key pair's private key (self-signed, as a
 * partner may make its own), and read back by the JDK's {@link CertificateFactory}, which refuses what is malformed.
 */
final class TestCertificates {

    private static final AtomicLong SERIALS = new AtomicLong(0x7000);
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** sha256WithRSAEncryption, ecdsa-with-SHA256 and Ed25519. */
    private static final String RSA_SHA256 = "1.2.840.113549.1.1.11";
    private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    private static final String ED25519 = "1.3.101.112";

    /** The bits of the keyUsage extension, by their position. */
    enum KeyUsage {
        DIGITAL_SIGNATURE, NON_REPUDIATION, KEY_ENCIPHERMENT, DATA_ENCIPHERMENT, KEY_AGREEMENT
    }

    private final String subject;
    private final KeyPair keys;
    private Instant notBefore;
    private Instant notAfter;
    private boolean ca;
    private KeyUsage[] keyUsage;

    private TestCertificates(String subject, KeyPair keys, Instant notBefore, Instant notAfter) {
        this.subject = subject;
        this.keys = keys;
        this.notBefore = notBefore;
        this.notAfter = notAfter;
    }

    /** A certificate for {@code keys}, valid from {@code notBefore} until {@code notAfter}, no extension yet. */
    static TestCertificates certificate(String subject, KeyPair keys, Instant notBefore, Instant notAfter) {
        return new TestCertificates(subject, keys, notBefore, notAfter);
    }

    /** With basicConstraints CA=true. */
    TestCertificates ca() {
        this.ca = true;
        return this;
    }

    /** With a keyUsage extension allowing {@code usages} (none: an extension that allows nothing). */
    TestCertificates keyUsage(KeyUsage... usages) {
        this.keyUsage = usages;
        return this;
    }

    String pem() {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der()) + "\n-----END CERTIFICATE-----\n";
    }

    X509Certificate x509() {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der()));
        } catch (Exception e) {
            throw new IllegalStateException("the JDK does not read the test certificate: " + e.getMessage(), e);
        }
    }

    static KeyPair rsa(int bits) {
        return generate("RSA", bits, null);
    }

    /** A key pair on the named curve ({@code secp256r1}, {@code secp384r1}, {@code secp521r1}). */
    static KeyPair ec(String curve) {
        return generate("EC", 0, curve);
    }

    static KeyPair ed25519() {
        return generate("Ed25519", 0, null);
    }

    private byte[] der() {
        try {
            String algorithm = switch (keys.getPublic().getAlgorithm()) {
                case "RSA" -> RSA_SHA256;
                case "EC" -> ECDSA_SHA256;
                default -> ED25519;
            };
            byte[] signatureAlgorithm = algorithm.equals(RSA_SHA256)
                    ? sequence(oid(algorithm), new byte[]{0x05, 0x00}) : sequence(oid(algorithm));
            byte[] name = new X500Principal(subject).getEncoded();
            byte[] tbs = sequence(
                    tlv(0xA0, integer(BigInteger.TWO)),
                    integer(BigInteger.valueOf(SERIALS.incrementAndGet())),
                    signatureAlgorithm, name,
                    sequence(tlv(0x17, UTC_TIME.format(notBefore).getBytes(StandardCharsets.US_ASCII)),
                            tlv(0x17, UTC_TIME.format(notAfter).getBytes(StandardCharsets.US_ASCII))),
                    name, keys.getPublic().getEncoded(), extensions());
            Signature signer = Signature.getInstance(switch (algorithm) {
                case RSA_SHA256 -> "SHA256withRSA";
                case ECDSA_SHA256 -> "SHA256withECDSA";
                default -> "Ed25519";
            });
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            return sequence(tbs, signatureAlgorithm, bitString(signer.sign(), 0));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test certificate: " + e.getMessage(), e);
        }
    }

    private byte[] extensions() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        if (ca) {
            all.writeBytes(sequence(oid("2.5.29.19"), new byte[]{0x01, 0x01, (byte) 0xFF},
                    tlv(0x04, sequence(new byte[]{0x01, 0x01, (byte) 0xFF}))));
        }
        if (keyUsage != null) {
            int bits = 0;
            int highest = -1;
            for (KeyUsage usage : keyUsage) {
                bits |= 0x80 >> usage.ordinal();
                highest = Math.max(highest, usage.ordinal());
            }
            byte[] value = highest < 0 ? bitString(new byte[0], 0) : bitString(new byte[]{(byte) bits}, 7 - highest);
            all.writeBytes(sequence(oid("2.5.29.15"), new byte[]{0x01, 0x01, (byte) 0xFF}, tlv(0x04, value)));
        }
        return all.size() == 0 ? new byte[0] : tlv(0xA3, sequence(all.toByteArray()));
    }

    private static byte[] bitString(byte[] bits, int unusedBits) {
        byte[] content = new byte[bits.length + 1];
        content[0] = (byte) unusedBits;
        System.arraycopy(bits, 0, content, 1, bits.length);
        return tlv(0x03, content);
    }

    private static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    private static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(arc) + 6) / 7);
            for (int group = groups - 1; group >= 0; group--) {
                content.write((int) ((arc >> (7 * group)) & 0x7F) | (group > 0 ? 0x80 : 0));
            }
        }
        return tlv(0x06, content.toByteArray());
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static KeyPair generate(String algorithm, int bits, String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve));
            } else if (bits > 0) {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
