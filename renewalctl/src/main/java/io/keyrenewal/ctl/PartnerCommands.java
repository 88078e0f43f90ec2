package io.keyrenewal.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.partner.ConfirmationSignatures;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;

/** What a partner (or whoever helps one) does with renewalctl: sign a confirmation, send it over REST. */
final class PartnerCommands {

    private PartnerCommands() {
    }

    @Command(name = "sign-confirmation", description = "Prints the signature (a detached JWS) of a confirmation"
            + " file, for the keyrenewal_signature record header or the Keyrenewal-Signature HTTP header.")
    static class SignConfirmation extends RenewalCtl.Subcommand {
        @Option(names = "--key", required = true, description = "the partner's private key, PKCS#8 PEM (EC P-256"
                + " for ES256, RSA for RS256)") Path key;
        @Option(names = "--kid", required = true, description = "the key id registered with the partner") String kid;
        @Parameters(index = "0", description = "the confirmation JSON, signed byte for byte as it is sent") Path file;

        @Override
        public Integer call() {
            out().println(ConfirmationSignatures.sign(read(file), kid, privateKey(key)));
            return 0;
        }
    }

    @Command(name = "confirm", description = "Sends a signed confirmation over REST, as a partner user.")
    static class Confirm extends RenewalCtl.Subcommand {
        @Option(names = "--key", required = true, description = "the partner's private key, PKCS#8 PEM") Path key;
        @Option(names = "--kid", required = true, description = "the key id registered with the partner") String kid;
        @Parameters(index = "0", description = "the confirmation JSON") Path file;

        @Override
        public Integer call() {
            byte[] body = read(file);
            String json = new String(body, StandardCharsets.UTF_8);
            String renewalId = ContractJson.read(json, PartnerConfirmation.class).renewalId().value();
            JsonNode receipt = client().post("/partner-api/renewals/" + renewalId + "/confirmations", json,
                    Map.of(ConfirmationSignatures.HTTP_HEADER, ConfirmationSignatures.sign(body, kid,
                            privateKey(key))));
            out().printf("confirmed %s (%s)%n", receipt.path("type").asText(),
                    receipt.path("confirmationId").asText());
            printRenewal(receipt.path("renewal"));
            return 0;
        }
    }

    @Command(name = "hash-password", description = "Prints the hash of a password for a local user"
            + " (keyrenewal.security.users[].password).")
    static class HashPassword implements Callable<Integer> {
        @Option(names = "--password", required = true, interactive = true, arity = "0..1",
                description = "the password, or asked for when --password has no value")
        char[] password;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(PasswordEncoderFactories.createDelegatingPasswordEncoder()
                    .encode(new String(password)));
            return 0;
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static PrivateKey privateKey(Path pem) {
        String text = new String(read(pem), StandardCharsets.US_ASCII);
        if (!text.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalArgumentException(pem + " is not a PKCS#8 PEM private key (a 'PRIVATE KEY' block);"
                    + " convert it with: openssl pkcs8 -topk8 -nocrypt -in <key> -out <key.p8.pem>");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-+(BEGIN|END) PRIVATE KEY-+", ""));
        for (String algorithm : new String[] {"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(pem + " holds neither an EC nor an RSA private key");
    }
}
