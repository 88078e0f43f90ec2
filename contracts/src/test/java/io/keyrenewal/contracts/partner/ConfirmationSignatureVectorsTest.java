package io.keyrenewal.contracts.partner;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;

import static io.keyrenewal.contracts.partner.ConfirmationSignaturesTest.BODY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire format pinned: signatures the first, hand-written signer made with two fixed test keys. RS256 (PKCS#1
 * v1.5) is deterministic, so a signer must give the same text again; ES256 is not, so its signature must verify and
 * its header must be the same.
 */
class ConfirmationSignatureVectorsTest {

    static final RSAKey RSA = load("test-rs256-key.jwk.json").toRSAKey();
    static final ECKey EC = load("test-es256-key.jwk.json").toECKey();
    static final byte[] ODD_BODY = "ü/<&>\"".getBytes(StandardCharsets.UTF_8);
    static final String ODD_KID = "kid \"ü\" </>&=";

    static final String RS256_BODY = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImFjbWUtcnNhIn0.."
            + "KdDsG-yxlbR14d4BG7zuGd3BAk-lN0j7G6YkETEn0CtkjcfHYyW8RjX1z2tooAwNO2bekmnyhZKqq6bN2e3230OUieDfvdc4"
            + "b-6au18DEluI2uBdMdqLtTDAzKCTVaNbyhJp_1VvPWucJplB8Q53kz94jnvUo4S9pKE71jM_3fyRRlfA3yJC9DY1_lJYaWI2"
            + "HSeKx2PafSoqkLzPYW4gPz8Yx8GucDfiETxaYqTSjZZBM5QDihmJFLPpQG1EM4o_Izl_tmQz-TvJ1Awfi5j_uh0ODEk4o1o2"
            + "VrR-ta4PhpnI-4KH3-GuFh9hxBCMckkRXqtYy795tAJMcNk6F4xEow";
    static final String ES256_BODY = "eyJhbGciOiJFUzI1NiIsImtpZCI6ImFjbWUtMjAyNiJ9.."
            + "TehaARVoip1AjWCC0Xw7jNYXGZAptw8D1I0kxEVgLF4Qj6rJh9lcVNCnf1k_aD_G0QjUHnSGGC8Q9H3oZAL4BQ";
    static final String RS256_ODD_KID = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImtpZCBcIsO8XCIgPC8-Jj0ifQ.."
            + "nUc46-FxNxRKtDBMYFIxO1ezs_QV48lD3mLIFsKfFtOlowEewEAWPXDiy0eVD6_ZAdcqRiHfyuZ8AlSKcgjDi-OM8gCfUmeH"
            + "3NKYSpKxb0cJewvhcwMLbZJmi23iurkxulkCuED2ONtimqLmkXlvtwsITuDzcmuI5wOyzIEkV9drGGX-58JMuh5YAX8qQj9w"
            + "cwoo9Ydp4m8eFKPxiRVMrduAdACS3JcTResjKiNcC7pCUMpvBcMocLnpZk2jtruXW8PokORoOHyp763vK8jp_V1CSBYncAxq"
            + "kqnHdfhXUeOBpAo5xUItkTTqGX7JWq8im2zLtKsGrJRPhHu_odz2Gw";
    static final String RS256_EMPTY = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsifQ.."
            + "q5Od1PwMsj3u7KjbpPAjaLcR8jRGaXd2zOtSngYQkNI7pVC1JgnJH2ayleGBrRgECkBpgtTUQLB3McTHRi657HZPYJP29dCj"
            + "vsKwhWQSIEl-Gja2ISPYnPn5b_wVzShGkkHKzW-yNFfwvqXWNAeNcoyvbDgyIcSXXLxogpNiOapQ5pB05KLunR5ZMq4_g2Sq"
            + "wjb0W6-osHtqo1M8wm5yjR14VONKeYfUAXPCrrmopoPBmNI2K-hMdAmrH_dm1W-2aVq9ar_GE72o3JjI5rvr2vivz1xziYu9"
            + "Iv3e2czj3PxaQlLiLsKEYV1x-0TIVSwPNi1UxH85fSmrKE8doJSNWw";

    @Test
    void anRs256SignatureIsTheTextTheFirstSignerMade() throws Exception {
        assertThat(ConfirmationSignatures.sign(BODY, "acme-rsa", RSA.toPrivateKey())).isEqualTo(RS256_BODY);
        assertThat(ConfirmationSignatures.sign(ODD_BODY, ODD_KID, RSA.toPrivateKey())).isEqualTo(RS256_ODD_KID);
        assertThat(ConfirmationSignatures.sign(new byte[0], "k", RSA.toPrivateKey())).isEqualTo(RS256_EMPTY);
    }

    @Test
    void theSignaturesTheFirstSignerMadeStillVerify() throws Exception {
        assertThat(ConfirmationSignatures.verify(RS256_BODY, BODY, registered("acme-rsa", RSA.toPublicKey())))
                .isEqualTo("acme-rsa");
        assertThat(ConfirmationSignatures.verify(RS256_ODD_KID, ODD_BODY, registered(ODD_KID, RSA.toPublicKey())))
                .isEqualTo(ODD_KID);
        assertThat(ConfirmationSignatures.verify(RS256_EMPTY, new byte[0], registered("k", RSA.toPublicKey())))
                .isEqualTo("k");
        assertThat(ConfirmationSignatures.verify(ES256_BODY, BODY, registered("acme-2026", EC.toPublicKey())))
                .isEqualTo("acme-2026");
    }

    @Test
    void anEs256SignatureHasTheFirstHeaderAndIsP1363OverHeaderDotPayload() throws Exception {
        String jws = ConfirmationSignatures.sign(BODY, "acme-2026", EC.toPrivateKey());
        String header = jws.substring(0, jws.indexOf(".."));
        byte[] signature = Base64.getUrlDecoder().decode(jws.substring(jws.indexOf("..") + 2));

        assertThat(header).isEqualTo(ES256_BODY.substring(0, ES256_BODY.indexOf("..")));
        Signature p1363 = Signature.getInstance("SHA256withECDSAinP1363Format");
        p1363.initVerify(EC.toPublicKey());
        p1363.update((header + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(BODY))
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(p1363.verify(signature)).isTrue();
    }

    static java.util.function.Function<String, Optional<ConfirmationKey>> registered(String kid, PublicKey key) {
        ConfirmationKey registered = ConfirmationKey.of(kid, key);
        return id -> id.equals(kid) ? Optional.of(registered) : Optional.empty();
    }

    static JWK load(String name) {
        try (InputStream in = ConfirmationSignatureVectorsTest.class.getResourceAsStream("/partner/" + name)) {
            return JWK.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | java.text.ParseException e) {
            throw new IllegalStateException("cannot read the test key " + name, e);
        }
    }
}
