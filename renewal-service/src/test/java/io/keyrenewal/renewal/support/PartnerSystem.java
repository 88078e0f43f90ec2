package io.keyrenewal.renewal.support;

import io.keyrenewal.contracts.ContractJson;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.Topics;
import io.keyrenewal.contracts.partner.ConfirmationKey;
import io.keyrenewal.contracts.partner.ConfirmationSignatures;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A partner system as the tests play it (outside the system, speaking the real protocol): it registers its public
 * key with renewal-service and signs its confirmations with the private one.
 */
public final class PartnerSystem {

    /** The partner most tests use; one key for the whole test run. */
    public static final PartnerSystem ACME = new PartnerSystem("acme", "acme-2026");

    private final PartnerId partnerId;
    private final String kid;
    private final KeyPair keys;

    public PartnerSystem(String partnerId, String kid) {
        this.partnerId = new PartnerId(partnerId);
        this.kid = kid;
        this.keys = ecKeyPair();
    }

    public PartnerId id() {
        return partnerId;
    }

    public ConfirmationKey confirmationKey() {
        return ConfirmationKey.of(kid, keys.getPublic());
    }

    /** The body of POST/PUT /partners for this partner with its confirmation key. */
    public String registration(boolean verifiesOldAndNewAtOnce) {
        return ContractJson.write(Map.of("partnerId", partnerId.value(), "name", partnerId.value() + " Corp.",
                "contacts", List.of(Map.of("role", "SENDER_ADMINISTRATOR", "name", "Ada",
                        "email", "ada@" + partnerId.value() + ".example")),
                "channels", Map.of("kafka", true, "email", false),
                "verifiesOldAndNewAtOnce", verifiesOldAndNewAtOnce,
                "confirmationKeys", List.of(confirmationKey())));
    }

    /** Registers the partner, or replaces its entry with this registration. */
    public void register(Http http, boolean verifiesOldAndNewAtOnce) {
        HttpResponse<String> registered = http.post("/partners", registration(verifiesOldAndNewAtOnce));
        if (registered.statusCode() == 409) {
            registered = http.put("/partners/" + partnerId.value(), registration(verifiesOldAndNewAtOnce));
        }
        if (registered.statusCode() >= 300) {
            throw new IllegalStateException("cannot register " + partnerId + ": " + registered.statusCode() + " "
                    + registered.body());
        }
    }

    public String json(String renewalId, String confirmationId, ConfirmationType type, Instant at) {
        return ContractJson.write(new PartnerConfirmation(confirmationId, new RenewalId(renewalId), partnerId, type,
                at));
    }

    /** A refusal of the step {@code type}, with its reason and code (null: none). */
    public String refusalJson(String renewalId, String confirmationId, ConfirmationType type, String reason,
                              String code, Instant at) {
        return ContractJson.write(PartnerConfirmation.refusal(confirmationId, new RenewalId(renewalId), partnerId,
                type, at, reason, code));
    }

    public String sign(String body) {
        return ConfirmationSignatures.sign(body.getBytes(StandardCharsets.UTF_8), kid, keys.getPrivate());
    }

    /** A signed confirmation record, keyed by its renewal. */
    public ProducerRecord<String, String> confirmation(String renewalId, String confirmationId, ConfirmationType type,
                                                       Instant at) {
        return signed(renewalId, json(renewalId, confirmationId, type, at));
    }

    /** Any body under any key, signed as this partner signs. */
    public ProducerRecord<String, String> signed(String key, String body) {
        ProducerRecord<String, String> record = Records.raw(Topics.PARTNER_CONFIRMATIONS, key, body,
                "PartnerConfirmation");
        record.headers().add(new RecordHeader(ConfirmationSignatures.RECORD_HEADER,
                sign(body).getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** The REST headers carrying the signature of {@code body}. */
    public Map<String, String> signatureHeader(String body) {
        return Map.of(ConfirmationSignatures.HTTP_HEADER, sign(body));
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
