package io.keyrenewal.keystore.web;

/** Examples of the API's bodies for its description ({@code ApiExample}): public material only, never a key. */
final class ApiExamples {

    static final String ENTRY = """
            {"entryName":"acme-sign","alias":"acme-sign","state":"ACTIVE",\
            "sha256":"5e1f0a9c3b7d2e4f6a8b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f",\
            "sha1":"0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c","issuer":"CN=acme-sign, O=Tenant AG, C=CH",\
            "subject":"CN=acme-sign, O=Tenant AG, C=CH","serialNumber":"4f2a9c",\
            "subjectKeyIdentifier":"a1b2c3d4e5f60718293a4b5c6d7e8f9001122334","notBefore":"2026-11-22T10:00:00Z",\
            "notAfter":"2027-11-22T10:00:00Z","retainedUntil":null,"keyAlgorithm":"EC"}""";

    static final String CERTIFICATE_VIEW = """
            {"sha256":"5e1f0a9c3b7d2e4f6a8b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f",\
            "issuer":"CN=acme-sign, O=Tenant AG, C=CH","serialNumber":"4f2a9c"}""";

    static final String PEM_CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIDTyqcMAoGCCqGSM49BAMCMDYxEjAQBgNVBAMMCWFjbWUt
            ...
            -----END CERTIFICATE-----
            """;

    static final String PEM_REQUEST = """
            -----BEGIN CERTIFICATE REQUEST-----
            MIIBCzCBsgIBADA2MRIwEAYDVQQDDAlhY21lLXNpZ24xEjAQBgNVBAoMCVRlbmFu
            ...
            -----END CERTIFICATE REQUEST-----
            """;

    static final String UNKNOWN_ENTRY = "the keystore has no entry named 'acme-sign.staged.5e1f'";

    private ApiExamples() {
    }
}
