package io.keyrenewal.keystore.web;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.keystore.KeystoreFailure;
import io.keyrenewal.keystore.crypto.DecryptionResult;
import io.keyrenewal.keystore.crypto.EncryptionResult;
import io.keyrenewal.keystore.crypto.KeyIdentifier;
import io.keyrenewal.keystore.crypto.KeyOperations;
import io.keyrenewal.keystore.crypto.SignatureResult;
import io.keyrenewal.keystore.crypto.UnknownKey;
import io.keyrenewal.keystore.crypto.VerificationResult;
import io.keyrenewal.keystore.store.EntryState;
import io.keyrenewal.keystore.store.InvalidAlias;
import io.keyrenewal.security.apidoc.ApiExample;
import io.keyrenewal.security.apidoc.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import static io.keyrenewal.keystore.web.Problems.problem;

/**
 * Runtime crypto for integration flows: sign with an alias's active key, decrypt with the key a message names; verify
 * a partner's signature and encrypt to a partner with its certificate (the active one, or the one named). Byte fields
 * are Base64 in JSON. No private key is ever part of a request or response.
 */
@RestController
@RequestMapping("/keystore/aliases/{alias}")
@Tag(name = "Key operations", description = "Integration flows sign and decrypt with the tenant's keys, verify and"
        + " encrypt with partners' certificates")
class KeyOperationsController {

    private final KeyOperations operations;

    KeyOperationsController(KeyOperations operations) {
        this.operations = operations;
    }

    @Operation(summary = "Sign with the alias's active key", description = "Byte fields are Base64.")
    @ApiExample(request = """
            {"payload":"aGVsbG8="}""", response = "{\"signature\":\"MEUCIQDf3k...\",\"algorithm\":"
            + "\"SHA256withECDSA\",\"certificate\":" + ApiExamples.CERTIFICATE_VIEW + "}")
    @Refusal(status = 400, title = "Invalid request", detail = "payload (Base64) is required")
    @Refusal(status = 404, title = "Unknown key", detail = "alias 'acme-sign' has no active key pair")
    @Refusal(status = 422, title = "Key operation refused", detail = "the key of acme-sign cannot sign")
    @PostMapping("/sign")
    SignResponse sign(@PathVariable String alias, @RequestBody SignRequest request) {
        if (request.payload() == null) {
            throw new IllegalArgumentException("payload (Base64) is required");
        }
        SignatureResult result = operations.sign(alias, request.payload());
        return new SignResponse(result.signature(), result.algorithm(), CertificateView.of(result.certificate()));
    }

    @Operation(summary = "Decrypt with the key a message names", description = "The key by issuer and serial, SHA-1"
            + " or SHA-256 of its certificate (one form); algorithm RSA-OAEP (default), RSA-OAEP-256 or RSA1_5. Byte"
            + " fields are Base64.")
    @ApiExample(request = """
            {"keyIdentifier":{"issuer":null,"serialNumber":null,"sha1":null,\
            "sha256":"5e1f0a9c3b7d2e4f6a8b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f"},"algorithm":"RSA-OAEP",\
            "ciphertext":"kC7n0v..."}""", response = "{\"plaintext\":\"aGVsbG8=\",\"certificate\":"
            + ApiExamples.CERTIFICATE_VIEW + "}")
    @Refusal(status = 400, title = "Invalid request", detail = "keyIdentifier and ciphertext (Base64) are required")
    @Refusal(status = 404, title = "Unknown key", detail = "alias 'acme-decrypt' holds no active or archived key"
            + " pair with this certificate")
    @Refusal(status = 422, title = "Key operation refused", detail = "the ciphertext cannot be decrypted with the key"
            + " of acme-decrypt")
    @PostMapping("/decrypt")
    DecryptResponse decrypt(@PathVariable String alias, @RequestBody DecryptRequest request) {
        if (request.keyIdentifier() == null || request.ciphertext() == null) {
            throw new IllegalArgumentException("keyIdentifier and ciphertext (Base64) are required");
        }
        DecryptionResult result = operations.decrypt(alias, request.keyIdentifier(), request.algorithm(),
                request.ciphertext());
        return new DecryptResponse(result.plaintext(), CertificateView.of(result.certificate()));
    }

    @Operation(summary = "Verify a partner's signature with the alias's partner certificate", description = "With"
            + " the active partner certificate, or the one keyIdentifier names (issuer and serial, SHA-1 or SHA-256;"
            + " active, staged or archived: old and new during a renewal). algorithm: SHA256withRSA, SHA384withRSA,"
            + " SHA512withRSA, SHA256withECDSA, SHA384withECDSA or SHA512withECDSA; default the one that fits the key."
            + " A signature that does not verify is answered with valid false. Byte fields are Base64.")
    @ApiExample(request = """
            {"keyIdentifier":null,"algorithm":"SHA256withRSA","payload":"aGVsbG8=","signature":"Qm9i..."}""",
            response = "{\"valid\":true,\"algorithm\":\"SHA256withRSA\",\"state\":\"ACTIVE\",\"certificate\":"
                    + ApiExamples.PARTNER_CERTIFICATE_VIEW + "}")
    @Refusal(status = 400, title = "Invalid request", detail = "payload and signature (Base64) are required")
    @Refusal(status = 404, title = "Unknown key", detail = "alias 'acme-verify' has no active partner certificate")
    @Refusal(status = 422, title = "Key operation refused", detail = "unknown signature algorithm 'MD5withRSA'")
    @PostMapping("/verify")
    VerifyResponse verify(@PathVariable String alias, @RequestBody VerifyRequest request) {
        if (request.payload() == null || request.signature() == null) {
            throw new IllegalArgumentException("payload and signature (Base64) are required");
        }
        VerificationResult result = operations.verify(alias, request.keyIdentifier(), request.algorithm(),
                request.payload(), request.signature());
        return new VerifyResponse(result.valid(), result.algorithm(), result.state(),
                CertificateView.of(result.certificate()));
    }

    @Operation(summary = "Encrypt to a partner with the alias's partner certificate", description = "To the active"
            + " partner certificate, or the one keyIdentifier names; RSA certificates; algorithm RSA-OAEP (default),"
            + " RSA-OAEP-256 or RSA1_5, as decrypt takes them. Typically a session key. Byte fields are Base64.")
    @ApiExample(request = """
            {"keyIdentifier":null,"algorithm":"RSA-OAEP","plaintext":"c2Vzc2lvbi1rZXk="}""",
            response = "{\"ciphertext\":\"kC7n0v...\",\"algorithm\":\"RSA-OAEP\",\"certificate\":"
                    + ApiExamples.PARTNER_CERTIFICATE_VIEW + "}")
    @Refusal(status = 400, title = "Invalid request", detail = "plaintext (Base64) is required")
    @Refusal(status = 404, title = "Unknown key", detail = "alias 'acme-encrypt' has no active partner certificate")
    @Refusal(status = 422, title = "Key operation refused", detail = "the partner certificate 9c8b... of alias"
            + " 'acme-encrypt' is EC_P256: encryption needs an RSA certificate")
    @PostMapping("/encrypt")
    EncryptResponse encrypt(@PathVariable String alias, @RequestBody EncryptRequest request) {
        if (request.plaintext() == null) {
            throw new IllegalArgumentException("plaintext (Base64) is required");
        }
        EncryptionResult result = operations.encrypt(alias, request.keyIdentifier(), request.algorithm(),
                request.plaintext());
        return new EncryptResponse(result.ciphertext(), result.algorithm(), CertificateView.of(result.certificate()));
    }

    @ExceptionHandler(UnknownKey.class)
    ProblemDetail unknownKey(UnknownKey unknown) {
        return problem(HttpStatus.NOT_FOUND, "Unknown key", unknown.getMessage());
    }

    @ExceptionHandler({InvalidAlias.class, IllegalArgumentException.class})
    ProblemDetail badRequest(RuntimeException invalid) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", invalid.getMessage());
    }

    @ExceptionHandler(KeystoreFailure.class)
    ProblemDetail refused(KeystoreFailure refused) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Key operation refused", refused.getMessage());
    }

    record SignRequest(byte[] payload) {
    }

    record SignResponse(byte[] signature, String algorithm, CertificateView certificate) {
    }

    /** @param algorithm {@code RSA-OAEP} (default), {@code RSA-OAEP-256} or {@code RSA1_5} */
    record DecryptRequest(KeyIdentifier keyIdentifier, String algorithm, byte[] ciphertext) {

        DecryptRequest {
            algorithm = algorithm == null ? "RSA-OAEP" : algorithm;
        }
    }

    record DecryptResponse(byte[] plaintext, CertificateView certificate) {
    }

    /**
     * @param keyIdentifier the partner certificate, null: the alias's active one
     * @param algorithm     null: the one that fits the certificate's key
     */
    record VerifyRequest(KeyIdentifier keyIdentifier, String algorithm, byte[] payload, byte[] signature) {
    }

    record VerifyResponse(boolean valid, String algorithm, EntryState state, CertificateView certificate) {
    }

    /**
     * @param keyIdentifier the partner certificate, null: the alias's active one
     * @param algorithm     {@code RSA-OAEP} (default), {@code RSA-OAEP-256} or {@code RSA1_5}
     */
    record EncryptRequest(KeyIdentifier keyIdentifier, String algorithm, byte[] plaintext) {

        EncryptRequest {
            algorithm = algorithm == null ? "RSA-OAEP" : algorithm;
        }
    }

    record EncryptResponse(byte[] ciphertext, String algorithm, CertificateView certificate) {
    }

    record CertificateView(String sha256, String issuer, String serialNumber) {

        static CertificateView of(CertificateRef ref) {
            return new CertificateView(ref.sha256().value(), ref.issuer(), ref.serialNumber());
        }
    }
}
