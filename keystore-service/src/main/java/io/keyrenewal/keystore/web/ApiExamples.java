package io.keyrenewal.keystore.web;

/** Examples of the API's bodies for its description ({@code ApiExample}): public material only, never a key. */
final class ApiExamples {

    static final String ENTRY = """
            {"entryName":"acme-sign","alias":"acme-sign","state":"ACTIVE",\
            "sha256":"5e1f0a9c3b7d2e4f6a8b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f",\
            "sha1":"0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c","issuer":"CN=acme-sign, O=Tenant AG, C=CH",\
            "subject":"CN=acme-sign, O=Tenant AG, C=CH","serialNumber":"4f2a9c",\
            "subjectKeyIdentifier":"a1b2c3d4e5f60718293a4b5c6d7e8f9001122334","notBefore":"2026-11-22T10:00:00Z",\
            "notAfter":"2027-11-22T10:00:00Z","retainedUntil":null,"keyAlgorithm":"EC_P256","entryType":"KEY_PAIR"}""";

    static final String PARTNER_ENTRY = """
            {"entryName":"acme-verify.staged.1a2b3c","alias":"acme-verify","state":"STAGED",\
            "sha256":"9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3",\
            "sha1":"1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d","issuer":"CN=Acme Issuing CA, O=Acme AG, C=DE",\
            "subject":"CN=acme-signer, O=Acme AG, C=DE","serialNumber":"1a2b3c",\
            "subjectKeyIdentifier":"0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c","notBefore":"2026-11-01T00:00:00Z",\
            "notAfter":"2028-11-01T00:00:00Z","retainedUntil":null,"keyAlgorithm":"RSA_3072",\
            "entryType":"PARTNER_CERTIFICATE"}""";

    static final String PARTNER_CERTIFICATE_VIEW = """
            {"sha256":"9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3",\
            "issuer":"CN=Acme Issuing CA, O=Acme AG, C=DE","serialNumber":"1a2b3c"}""";

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
