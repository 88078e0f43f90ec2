package io.keyrenewal.localstack;

import io.keyrenewal.contracts.partner.ConfirmationKey;
import io.keyrenewal.contracts.partner.ConfirmationSignatures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The signing key of a demo partner. It belongs to the partner, outside the system: the local stack keeps it in its
 * data folder (owner-only file) so the scripted partner can sign its confirmations across runs, and registers only
 * the public key with renewal-service.
 */
public final class DemoPartnerKey {

    private final String kid;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private DemoPartnerKey(String kid, PrivateKey privateKey, PublicKey publicKey) {
        this.kid = kid;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** The partner's key from {@code folder}, generated (EC P-256) on first use. */
    static DemoPartnerKey loadOrCreate(Path folder, String partnerId) {
        Path privateFile = folder.resolve(partnerId + "-confirmation-key.pem");
        Path publicFile = folder.resolve(partnerId + "-confirmation-key.pub.pem");
        String kid = partnerId + "-demo";
        try {
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                KeyFactory ec = KeyFactory.getInstance("EC");
                return new DemoPartnerKey(kid, ec.generatePrivate(new PKCS8EncodedKeySpec(der(privateFile))),
                        ec.generatePublic(new X509EncodedKeySpec(der(publicFile))));
            }
            KeyPair pair = newEcP256KeyPair();
            Files.createDirectories(folder);
            Files.deleteIfExists(privateFile);
            Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicFile, ConfirmationKey.pem(pair.getPublic()));
            return new DemoPartnerKey(kid, pair.getPrivate(), pair.getPublic());
        } catch (IOException | GeneralSecurityException e) {
            throw new LocalStackFailure("cannot read or create the demo partner key " + privateFile + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A new EC P-256 key under {@code kid} that lives only in this process (the benchmark's scripted partners, one
     * key each, registered with their partner entry).
     */
    public static DemoPartnerKey generate(String kid) {
        try {
            KeyPair pair = newEcP256KeyPair();
            return new DemoPartnerKey(kid, pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate an EC P-256 key: " + e.getMessage(), e);
        }
    }

    private static KeyPair newEcP256KeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** What renewal-service is told: the key id and the public key. */
    public ConfirmationKey confirmationKey() {
        return ConfirmationKey.of(kid, publicKey);
    }

    /** The detached JWS over {@code body}, as the partner sends it beside the confirmation. */
    public String sign(String body) {
        return ConfirmationSignatures.sign(body.getBytes(StandardCharsets.UTF_8), kid, privateKey);
    }

    private static byte[] der(Path pemFile) throws IOException {
        return Base64.getMimeDecoder().decode(Files.readString(pemFile).replaceAll("-----[A-Z ]+-----", ""));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
