package io.keyrenewal.renewal.web;

/** Examples of the API's bodies for its description ({@code ApiExample}), shared by the endpoints that give them. */
public final class ApiExamples {

    public static final String RENEWAL_VIEW = """
            {"renewalId":"7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33","alias":"partner-acme-decrypt","partnerId":"acme",\
            "playbook":"TENANT_DECRYPTS_OUTBOUND_RESPONSE","exchangeApproval":"TENANT_APPROVES",\
            "guaranteedDeliveryTime":"P30D","keyAlgorithm":"EC_P256","state":"OPEN",\
            "doneSteps":"KEY_PAIR_CREATED,CERTIFICATE_PROVIDED","awaiting":"PARTNER_SWITCHED_TO_NEW_KEY",\
            "nextActor":"partner","lastStep":"CERTIFICATE_PROVIDED",\
            "newCertificateSha256":"5e1f0a9c3b7d2e4f6a8b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f",\
            "newCertificateSerial":"4f2a9c","newCertificateNotAfter":"2027-11-22T10:00:01Z",\
            "oldCertificateSha256":"a3c4e5f60718293a4b5c6d7e8f9011223344556677889900aabbccddeeff0011",\
            "oldCertificateSerial":"1b7e02","retainOldKeyUntil":null,"downtimeWindowStart":null,\
            "downtimeWindowEnd":null,"actualDowntime":null,"lastKeystoreFailure":null,\
            "startedAt":"2026-11-22T10:00:00Z","updatedAt":"2026-11-22T10:00:02Z","completedAt":null,\
            "lastSequence":2,"overdue":false,"escalated":false,"downtimeOverrun":false,"refusedStep":null,\
            "refusedBy":null,"refusalReason":null,"refusalCode":null,"refusedAt":null}""";

    public static final String RENEWAL_DETAIL = "{\"renewal\":" + RENEWAL_VIEW + ",\"tenantSteps\":[],\"history\":["
            + "{\"sequence\":0,\"eventId\":\"0b6f6a0e-3f43-4f1e-9a43-0c1c9f1c2a10\",\"type\":\"RenewalStarted\","
            + "\"at\":\"2026-11-22T10:00:00Z\"},"
            + "{\"sequence\":1,\"eventId\":\"4c2d9e71-5a8b-4b3c-8d2e-1f0a9b8c7d6e\",\"type\":\"NewKeyPairCreated\","
            + "\"at\":\"2026-11-22T10:00:01Z\"},"
            + "{\"sequence\":2,\"eventId\":\"9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d\",\"type\":\"CertificateProvided\","
            + "\"at\":\"2026-11-22T10:00:02Z\"}]}";

    public static final String REASON = """
            {"reason":"the partner cannot switch before its release on 2026-12-10"}""";

    private static final String PARTNER_FIELDS = """
            {"partnerId":"acme","name":"ACME Corp","contacts":[{"role":"SENDER_ADMINISTRATOR","name":"Ann",\
            "email":"ann@acme.example"}],"channels":{"kafka":true,"email":true,"webhookUrl":null},\
            "verifiesOldAndNewAtOnce":true,"confirmationKeys":[{"kid":"acme-2026","algorithm":"ES256",\
            "publicKey":"-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE...\\n\
            -----END PUBLIC KEY-----\\n"}]""";

    public static final String PARTNER = PARTNER_FIELDS + "}";

    public static final String PARTNER_ENTRY = PARTNER_FIELDS + ",\"updatedAt\":\"2026-11-22T09:00:00Z\"}";

    private ApiExamples() {
    }
}
