package io.keyrenewal.renewal.policy;

/** Examples of the policy endpoints' bodies for the API description. */
final class PolicyApiExamples {

    static final String POLICY = """
            {"purpose":"SIGN_INBOUND_RESPONSE","playbook":null,"partnerId":"acme","keyAlgorithm":"EC_P256",\
            "subjectDn":"CN=acme-response-signer, O=Tenant AG, C=CH","validityDays":397,"certificateSource":null,\
            "guaranteedDeliveryTime":"P30D","exchangeApproval":"TENANT_APPROVES","startDaysBeforeExpiry":null,\
            "startAtShareOfLifetime":0.66,"windows":[{"cron":"0 0 22 * * SAT","duration":"PT6H",\
            "timeZone":"Europe/Zurich"}]}""";

    static final String VIEW = """
            {"scope":"alias:acme-response-signer","version":2,"policy":""" + POLICY + """
            ,"removed":false,"changedBy":"operator","changedAt":"2026-11-22T10:00:00Z"}""";

    static final String REMOVED = """
            {"scope":"alias:acme-response-signer","version":3,"policy":null,"removed":true,"changedBy":"operator",\
            "changedAt":"2026-11-23T08:00:00Z"}""";

    static final String DETAIL = """
            {"current":""" + VIEW + """
            ,"history":[{"version":1,"change":"SET","by":"operator","at":"2026-11-20T09:00:00Z","policy":""" + POLICY
            + """
            },{"version":2,"change":"SET","by":"operator","at":"2026-11-22T10:00:00Z","policy":""" + POLICY + "}]}";

    static final String INVALID = "startDaysBeforeExpiry or startAtShareOfLifetime is required: when a renewal starts,"
            + " e.g. 30 days before the certificate expires or at 0.66 of its lifetime; windows[0].timeZone is not an"
            + " IANA time zone id (e.g. Europe/Zurich, UTC): CEST";

    private PolicyApiExamples() {
    }
}
