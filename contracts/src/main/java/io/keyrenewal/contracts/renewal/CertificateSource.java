package io.keyrenewal.contracts.renewal;

/** Who issues the new key pair's certificate. */
public enum CertificateSource {
    /** The keystore signs it with the new key itself (the default). */
    SELF_SIGNED,
    /**
     * The tenant's certificate authority: the keystore stages the key pair and publishes a certification request;
     * the renewal waits until an operator imports the CA's certificate chain into the keystore.
     */
    CA;

    public static final CertificateSource DEFAULT = SELF_SIGNED;
}
