package io.keyrenewal.ctl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

/**
 * What a renewal asks of the tenant's new key pair and its certificate, and whether it takes the tenant's steps
 * itself: the options {@code renewalctl start} and {@code renewalctl policy set} share, as the request bodies of
 * {@code POST /renewals} and {@code PUT /policies/{scope}} share the fields.
 */
final class NewKeyPairOptions {

    @Option(names = "--key-algorithm", description = "EC_P256 (default), EC_P384, RSA_2048, RSA_3072 or RSA_4096")
    String keyAlgorithm;
    @Option(names = "--automatic", description = "take the tenant's steps as soon as the playbook allows")
    boolean automatic;
    @Option(names = "--subject-dn", description = "the new certificate's subject, e.g. \"CN=acme-sign, O=Tenant"
            + " AG, C=CH\" (default: the keystore's, CN=<alias>)")
    String subjectDn;
    @Option(names = "--validity-days", description = "the new self-signed certificate's validity, 1-3650 days"
            + " (default: the keystore's)")
    Integer validityDays;
    @Option(names = "--certificate-source", description = "SELF_SIGNED (default) or CA: the keystore asks the"
            + " tenant's CA, the renewal waits until the CA's chain is imported into the keystore")
    String certificateSource;

    /** Adds the approval ({@code TENANT_APPROVES} unless --automatic) and whatever else was given to the body. */
    void addTo(ObjectNode body) {
        body.put("exchangeApproval", automatic ? "AUTOMATIC" : "TENANT_APPROVES");
        if (keyAlgorithm != null) {
            body.put("keyAlgorithm", keyAlgorithm);
        }
        if (subjectDn != null) {
            body.put("subjectDn", subjectDn);
        }
        if (validityDays != null) {
            body.put("validityDays", validityDays);
        }
        if (certificateSource != null) {
            body.put("certificateSource", certificateSource);
        }
    }
}
