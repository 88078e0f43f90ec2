package io.keyrenewal.contracts.renewal;

/** Key pair algorithms the keystore can generate. EC P-256 is the default. */
public enum KeyAlgorithm {
    EC_P256, EC_P384, RSA_2048, RSA_3072, RSA_4096;

    public static final KeyAlgorithm DEFAULT = EC_P256;
}
