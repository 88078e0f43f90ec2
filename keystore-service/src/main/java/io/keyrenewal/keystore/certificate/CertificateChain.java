package io.keyrenewal.keystore.certificate;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CA's answer to a certification request: its certificates as PEM blocks, in any order. Before the chain is
 * stored it is put in order, leaf first, and checked: the leaf carries the staged key pair's public key and is no CA,
 * each certificate is signed by the next one, which is a CA allowed to sign certificates, nothing else is in it, and
 * every certificate is valid now. The chain may end at the root or at an intermediate, but the leaf's issuer must be
 * in it. Each refusal is an {@link InvalidCertificateChain} naming the certificate and the reason.
 *
 * <p>PKIX ({@link CertPathValidator}) validates the ordered chain; what is written here is what it does not do: read
 * the bundle block by block, find the leaf and put the rest in order, check the leaf and the chain's last certificate,
 * and word each refusal for the operator who brought the chain.
 */
public final class CertificateChain {

    static final int MAX_CERTIFICATES = 10;
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END ([A-Z0-9 ]+)-----");
    private static final int KEY_CERT_SIGN = 5;

    private CertificateChain() {
    }

    /**
     * The certificates of the PEM text, in the order given, duplicates dropped; text outside the blocks is ignored.
     * Read block by block rather than with {@link CertificateFactory#generateCertificates}, which can neither name
     * the block at fault nor refuse a key block in so many words.
     */
    public static List<X509Certificate> parse(String pem) {
        Matcher block = PEM_BLOCK.matcher(pem == null ? "" : pem);
        Map<PublicCertificate, X509Certificate> certificates = new LinkedHashMap<>();
        int number = 0;
        while (block.find()) {
            number++;
            String type = block.group(1);
            if (!type.equals("CERTIFICATE") || !type.equals(block.group(3))) {
                throw new InvalidCertificateChain(type.contains("PRIVATE") || type.contains("KEY")
                        ? "block " + number + " holds a key, which is never accepted: send the CA's certificates only"
                        : "block " + number + " is a '" + type.toLowerCase(Locale.ROOT) + "' block: send certificates"
                        + " (-----BEGIN CERTIFICATE-----) only");
            }
            X509Certificate certificate = certificate(number, block.group(2));
            certificates.putIfAbsent(new PublicCertificate(certificate), certificate);
            if (certificates.size() > MAX_CERTIFICATES) {
                throw new InvalidCertificateChain("more than " + MAX_CERTIFICATES + " certificates: send the leaf"
                        + " and the CA certificates of its chain only");
            }
        }
        if (certificates.isEmpty()) {
            throw new InvalidCertificateChain("no PEM certificate (-----BEGIN CERTIFICATE-----) in the request body");
        }
        return List.copyOf(certificates.values());
    }

    /**
     * The chain in order, leaf first, once every check passed.
     *
     * @param leafKey the staged key pair's public key, which the leaf must carry
     * @param now     the keystore's time, at which every certificate must be valid
     */
    public static List<X509Certificate> ordered(List<X509Certificate> certificates, PublicKey leafKey, Instant now) {
        List<X509Certificate> remaining = new ArrayList<>(certificates);
        X509Certificate leaf = leaf(remaining, leafKey);
        remaining.remove(leaf);
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        X509Certificate current = leaf;
        while (!new PublicCertificate(current).isSelfSigned()) {
            X509Certificate issuer = issuerOf(current, remaining, chain.size() == 1);
            if (issuer == null) {
                break; // the chain ends at an intermediate CA: its issuer is the relying party's business
            }
            remaining.remove(issuer);
            chain.add(issuer);
            current = issuer;
        }
        if (!remaining.isEmpty()) {
            throw new InvalidCertificateChain("certificate " + describe(remaining.get(0)) + " is not part of the chain"
                    + " from the leaf " + describe(leaf) + " to its root");
        }
        validate(chain, now);
        return List.copyOf(chain);
    }

    private static X509Certificate leaf(List<X509Certificate> certificates, PublicKey leafKey) {
        List<X509Certificate> leaves = certificates.stream()
                .filter(certificate -> Arrays.equals(certificate.getPublicKey().getEncoded(), leafKey.getEncoded()))
                .toList();
        if (leaves.isEmpty()) {
            throw new InvalidCertificateChain("no certificate of the chain carries the public key of the staged key"
                    + " pair (it must be the CA's answer to this key pair's certification request)");
        }
        if (leaves.size() > 1) {
            throw new InvalidCertificateChain(leaves.size() + " certificates carry the staged key pair's public key:"
                    + " send one leaf certificate");
        }
        X509Certificate leaf = leaves.get(0);
        if (new PublicCertificate(leaf).isSelfSigned()) {
            throw new InvalidCertificateChain("the leaf certificate " + describe(leaf) + " is self-signed: a CA must"
                    + " issue it");
        }
        if (leaf.getBasicConstraints() >= 0) {
            throw new InvalidCertificateChain("the leaf certificate " + describe(leaf) + " is a CA certificate"
                    + " (basicConstraints CA=true): the key pair's certificate must not be one");
        }
        return leaf;
    }

    /**
     * The certificate among {@code candidates} that {@code certificate} names as its issuer, preferring one whose key
     * verifies it; null if the chain ends here. PKIX checks a path, it does not put a bundle in order.
     */
    private static X509Certificate issuerOf(X509Certificate certificate, List<X509Certificate> candidates,
                                            boolean issuerRequired) {
        List<X509Certificate> named = candidates.stream()
                .filter(candidate -> candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
                .toList();
        if (named.isEmpty()) {
            if (issuerRequired || !candidates.isEmpty()) {
                throw new InvalidCertificateChain("the issuer '" + certificate.getIssuerX500Principal().getName()
                        + "' of certificate " + describe(certificate) + " is missing from the chain");
            }
            return null;
        }
        return named.stream().filter(candidate -> signs(candidate, certificate)).findFirst().orElse(named.get(0));
    }

    private static boolean signs(X509Certificate issuer, X509Certificate certificate) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException doesNotVerify) {
            return false;
        }
    }

    /**
     * PKIX validation of the ordered chain with its last certificate as the trust anchor (revocation off: a CA's
     * answer names no revocation source the keystore could reach), then the checks PKIX leaves out for that anchor.
     */
    private static void validate(List<X509Certificate> chain, Instant now) {
        X509Certificate anchor = chain.get(chain.size() - 1);
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                    .generateCertPath(chain.subList(0, chain.size() - 1)), parameters);
        } catch (CertPathValidatorException invalid) {
            throw refusal(invalid, chain, now);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot validate X.509 certificate paths: " + e.getMessage(), e);
        }
        // a trust anchor is taken as it is: PKIX checks neither its validity nor that it may issue certificates
        requireMayIssue(anchor, chain.get(chain.size() - 2));
        requireValidAt(anchor, now);
    }

    /** The refusal for what PKIX found, in the words of the checks it stands for. */
    private static InvalidCertificateChain refusal(CertPathValidatorException invalid, List<X509Certificate> chain,
                                                   Instant now) {
        CertPathValidatorException.Reason reason = invalid.getReason();
        // with one anchor, whose subject the ordering matched, this says its key does not verify what it issued
        boolean anchorDidNotSign = reason == PKIXReason.NO_TRUST_ANCHOR;
        int index = anchorDidNotSign ? chain.size() - 2 : invalid.getIndex();
        if (index < 0) {
            return new InvalidCertificateChain("the chain does not validate: " + invalid.getMessage());
        }
        X509Certificate certificate = chain.get(index);
        if (reason == BasicReason.EXPIRED || reason == BasicReason.NOT_YET_VALID) {
            requireValidAt(certificate, now);
        } else if (reason == BasicReason.INVALID_SIGNATURE || anchorDidNotSign) {
            return new InvalidCertificateChain("certificate " + describe(certificate) + " is not signed by its issuer "
                    + describe(chain.get(index + 1)) + " (the signature does not verify with the issuer's key)");
        } else if ((reason == PKIXReason.NOT_CA_CERT || reason == PKIXReason.INVALID_KEY_USAGE) && index > 0) {
            requireMayIssue(certificate, chain.get(index - 1));
        }
        return new InvalidCertificateChain("certificate " + describe(certificate) + " does not validate in the chain: "
                + invalid.getMessage());
    }

    private static void requireMayIssue(X509Certificate issuer, X509Certificate certificate) {
        if (issuer.getBasicConstraints() < 0) {
            throw new InvalidCertificateChain("the issuer " + describe(issuer) + " of " + describe(certificate)
                    + " is not a CA certificate (no basicConstraints CA=true)");
        }
        boolean[] keyUsage = issuer.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN])) {
            throw new InvalidCertificateChain("the issuer " + describe(issuer) + " may not sign certificates (its"
                    + " keyUsage lacks keyCertSign)");
        }
    }

    static void requireValidAt(X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException expired) {
            throw new InvalidCertificateChain("certificate " + describe(certificate) + " expired on "
                    + certificate.getNotAfter().toInstant() + " (keystore time " + now + ")");
        } catch (CertificateNotYetValidException early) {
            throw new InvalidCertificateChain("certificate " + describe(certificate) + " is not valid before "
                    + certificate.getNotBefore().toInstant() + " (keystore time " + now + ")");
        }
    }

    private static X509Certificate certificate(int number, String base64) {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidCertificateChain("certificate block " + number + " is not valid Base64");
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException notACertificate) {
            throw new InvalidCertificateChain("certificate block " + number + " is not an X.509 certificate: "
                    + notACertificate.getMessage());
        }
    }

    static String describe(X509Certificate certificate) {
        PublicCertificate named = new PublicCertificate(certificate);
        return "'" + named.subject() + "' (serial " + named.serialHex() + ")";
    }
}
