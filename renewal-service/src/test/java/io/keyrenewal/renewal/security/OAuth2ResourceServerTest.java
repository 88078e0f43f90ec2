package io.keyrenewal.renewal.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.keyrenewal.contracts.partner.ConfirmationKey;
import io.keyrenewal.testsupport.ApiDescriptionCheck;
import io.keyrenewal.testsupport.kafka.KafkaTestBroker;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production: no local users; bearer JWTs of the tenant's identity provider, roles from the {@code roles} claim and
 * a partner's id from {@code partner_id}. The identity provider is outside the system; its signing key is played
 * here by a key pair whose public half the service is configured with.
 */
// a context of its own: the production-like profile's security (bearer JWTs) instead of the local users
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=production-like",
        "spring.datasource.url=jdbc:h2:mem:oauth2-it;DB_CLOSE_DELAY=-1"})
@KafkaTestBroker(partitions = 1)
class OAuth2ResourceServerTest {

    static final KeyPair IDENTITY_PROVIDER = rsa();
    static final KeyPair SOMEONE_ELSE = rsa();

    @LocalServerPort
    int port;

    final HttpClient client = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) throws IOException {
        Path publicKey = Files.createTempFile("identity-provider", ".pem");
        Files.writeString(publicKey, ConfirmationKey.pem(IDENTITY_PROVIDER.getPublic()));
        publicKey.toFile().deleteOnExit();
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + publicKey);
    }

    @Test
    void rolesComeFromTheTokensClaims() {
        String auditor = token(IDENTITY_PROVIDER, "ann", List.of("AUDITOR"), null, Instant.now().plusSeconds(300));
        String admin = token(IDENTITY_PROVIDER, "bob", List.of("TENANT_ADMIN"), null, Instant.now().plusSeconds(300));

        assertThat(get("/audit/verification", auditor)).isEqualTo(200);
        assertThat(get("/renewals", auditor)).isEqualTo(200);
        assertThat(post("/renewals", auditor)).isEqualTo(403);
        assertThat(get("/audit/verification", admin)).isEqualTo(403);
        assertThat(post("/renewals", admin)).isEqualTo(400); // reached: the empty request is invalid
    }

    @Test
    void aPartnersTokenNamesItsPartner() {
        String partner = token(IDENTITY_PROVIDER, "acme-system", List.of("PARTNER"), "acme",
                Instant.now().plusSeconds(300));
        String partnerWithoutId = token(IDENTITY_PROVIDER, "nobody", List.of("PARTNER"), null,
                Instant.now().plusSeconds(300));

        assertThat(get("/partner-api/renewals", partner)).isEqualTo(200);
        assertThat(get("/partner-api/renewals", partnerWithoutId)).isEqualTo(403);
        assertThat(get("/renewals", partner)).isEqualTo(403);
    }

    @Test
    void missingExpiredOrForeignTokensAre401() {
        assertThat(get("/renewals", null)).isEqualTo(401);
        assertThat(get("/renewals", token(IDENTITY_PROVIDER, "ann", List.of("AUDITOR"), null,
                Instant.now().minusSeconds(600)))).isEqualTo(401);
        assertThat(get("/renewals", token(SOMEONE_ELSE, "ann", List.of("AUDITOR"), null,
                Instant.now().plusSeconds(300)))).isEqualTo(401);
        assertThat(get("/renewals", "not-a-jwt")).isEqualTo(401);
    }

    @Test
    void itsApiDescriptionNamesTheBearerSchemeItAcceptsAndWhatA401Carries() throws Exception {
        ApiDescriptionCheck description = new ApiDescriptionCheck("http://127.0.0.1:" + port);
        JsonNode schemes = description.document().at("/components/securitySchemes");

        assertThat(schemes.has("basic")).as("no local users in this mode").isFalse();
        assertThat(schemes.at("/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.at("/bearer/bearerFormat").asText()).isEqualTo("JWT");
        assertThat(description.roles("GET /renewals")).containsExactlyInAnyOrder("AUDITOR", "TENANT_ADMIN");
        JsonNode unauthorized = description.operation("GET /renewals").at("/responses/401");
        assertThat(unauthorized.has("content")).as("documented without a body").isFalse();
        assertThat(unauthorized.at("/headers/WWW-Authenticate").isMissingNode()).isFalse();
        // and so it is
        HttpResponse<String> refused = client.send(request("/renewals", null).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEmpty();
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value ->
                assertThat(value).startsWith("Bearer"));
    }

    private static String token(KeyPair signer, String subject, List<String> roles, String partnerId,
                                Instant expires) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).claim("roles", roles)
                .issueTime(Date.from(Instant.now().minusSeconds(60))).expirationTime(Date.from(expires));
        if (partnerId != null) {
            claims.claim("partner_id", partnerId);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private int get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    private int post(String path, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private int send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
