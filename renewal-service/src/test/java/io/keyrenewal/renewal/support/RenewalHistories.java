package io.keyrenewal.renewal.support;

import io.keyrenewal.contracts.CertificateInfo;
import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.playbook.Playbooks;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.DowntimeAgreed;
import io.keyrenewal.contracts.renewal.DowntimeProposed;
import io.keyrenewal.contracts.renewal.DrainConfirmed;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairExchangeApproved;
import io.keyrenewal.contracts.renewal.KeyPairExchangeDecided;
import io.keyrenewal.contracts.renewal.KeyPairExchanged;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.OldKeyPairRemoved;
import io.keyrenewal.contracts.renewal.PartnerInformedOfExchange;
import io.keyrenewal.contracts.renewal.PartnerRemovedOldCertificate;
import io.keyrenewal.contracts.renewal.PartnerStepEscalated;
import io.keyrenewal.contracts.renewal.PartnerStepOverdue;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.PartnerVerifiesBoth;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalAborted;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import io.keyrenewal.contracts.renewal.SenderExchangedCertificate;
import io.keyrenewal.contracts.renewal.SenderResumedSending;
import io.keyrenewal.contracts.renewal.SenderStoppedSending;
import io.keyrenewal.contracts.renewal.StagedKeyPairDiscarded;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Synthetic but lifelike renewal histories for benchmarks: the three playbooks step by step as the aggregate records
 * them (some with overdue partner steps, some aborted), many renewals in flight at once so their events interleave
 * in the store as they do in production. Deterministic for a seed.
 */
public final class RenewalHistories {

    /** One stored event: the renewal it belongs to, its position there, and the event. */
    public record Stored(String renewalId, long sequence, RenewalEvent event) {
    }

    private static final String PEM_BODY = pemBody();
    private static final CertificateRef OLD = new CertificateRef(Fingerprint.sha256Of(new byte[]{1}), "CN=old", "01");

    private final Random random;
    private final int inFlight;
    private final List<Renewal> active = new ArrayList<>();
    private Instant clock;
    private int started;
    private int stored;

    public RenewalHistories(long seed, int inFlight, Instant start) {
        this.random = new Random(seed);
        this.inFlight = inFlight;
        this.clock = start;
    }

    /** How many renewals have at least one stored event so far. */
    public int renewals() {
        return stored;
    }

    /** The next event in the store: of a renewal in flight picked at random, starting new ones as others end. */
    public Stored next() {
        while (active.size() < inFlight) {
            active.add(new Renewal(started++));
        }
        int index = random.nextInt(active.size());
        Renewal renewal = active.get(index);
        clock = clock.plusSeconds(1 + random.nextInt(60));
        Stored next = new Stored(renewal.id.value(), renewal.emitted, renewal.steps.get(renewal.emitted).apply(clock));
        if (renewal.emitted == 0) {
            stored++;
        }
        if (++renewal.emitted == renewal.steps.size()) {
            active.set(index, active.get(active.size() - 1));
            active.remove(active.size() - 1);
        }
        return next;
    }

    private final class Renewal {
        final RenewalId id;
        final String alias;
        final PartnerId partner = new PartnerId("partner-" + random.nextInt(500));
        final List<Function<Instant, RenewalEvent>> steps = new ArrayList<>();
        Supplier<CertificateRef> newCertificate;
        int emitted;

        Renewal(int number) {
            id = new RenewalId(UUID.nameUUIDFromBytes(("renewal-" + number).getBytes(StandardCharsets.UTF_8))
                    .toString());
            alias = "alias-" + number;
            int kind = random.nextInt(100);
            if (kind < 50) {
                decryptOutboundResponse();
            } else if (kind < 80) {
                signVerifyBoth();
            } else if (kind < 90) {
                signWithDowntime();
            } else {
                aborted();
            }
        }

        private CertificateInfo certificate(Instant at) {
            String serial = Long.toHexString(random.nextLong() & Long.MAX_VALUE);
            return new CertificateInfo("-----BEGIN CERTIFICATE-----\n" + PEM_BODY + serial
                    + "\n-----END CERTIFICATE-----\n", Fingerprint.sha256Of(serial.getBytes(StandardCharsets.UTF_8)),
                    "CN=" + alias, "CN=" + alias, serial, at, at.plus(Duration.ofDays(365)));
        }

        private void begin(Playbook playbook) {
            CertificateInfo[] issued = new CertificateInfo[1];
            steps.add(at -> new RenewalStarted(id, alias, partner, playbook, Duration.ofDays(30), KeyAlgorithm.EC_P256,
                    at));
            steps.add(at -> new NewKeyPairCreated(id, alias, issued[0] = certificate(at), OLD, at));
            steps.add(at -> new CertificateProvided(id, alias, partner, Playbooks.of(playbook).partnerRole(), playbook, issued[0],
                    at));
            newCertificate = () -> issued[0].ref();
        }

        private void maybeOverdue(Playbook playbook, ConfirmationType expected) {
            if (random.nextInt(5) == 0) {
                steps.add(at -> new PartnerStepOverdue(id, partner, Playbooks.of(playbook).partnerRole(), expected,
                        at.minus(Duration.ofDays(3)), at));
                if (random.nextInt(2) == 0) {
                    steps.add(at -> new PartnerStepEscalated(id, partner, expected, at.minus(Duration.ofDays(6)),
                            at));
                }
            }
        }

        private void exchange(Playbook playbook) {
            steps.add(at -> new KeyPairExchangeApproved(id, "tenant-admin", at));
            steps.add(at -> new KeyPairExchangeDecided(id, alias, newCertificate.get(), OLD, Duration.ofDays(90), at));
            steps.add(at -> new KeyPairExchanged(id, alias, newCertificate.get(), OLD, at.plus(Duration.ofDays(90)),
                    at));
            steps.add(at -> new PartnerInformedOfExchange(id, partner, Playbooks.of(playbook).partnerRole(), playbook,
                    newCertificate.get(), at));
        }

        private void removeOldKeyAndComplete() {
            steps.add(at -> new OldKeyPairRemovalDecided(id, alias, OLD, at));
            steps.add(at -> new OldKeyPairRemoved(id, alias, OLD, at));
            steps.add(at -> new RenewalCompleted(id, alias, partner, at));
        }

        private void decryptOutboundResponse() {
            Playbook playbook = Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE;
            begin(playbook);
            maybeOverdue(playbook, ConfirmationType.SWITCHED_TO_NEW_KEY);
            steps.add(at -> new PartnerSwitchedToNewKey(id, partner, "c-" + id, at.plus(Duration.ofDays(90)), at));
            removeOldKeyAndComplete();
        }

        private void signVerifyBoth() {
            Playbook playbook = Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH;
            begin(playbook);
            maybeOverdue(playbook, ConfirmationType.VERIFIES_BOTH);
            steps.add(at -> new PartnerVerifiesBoth(id, partner, "c1-" + id, at));
            exchange(playbook);
            steps.add(at -> new PartnerRemovedOldCertificate(id, partner, "c2-" + id, at));
            removeOldKeyAndComplete();
        }

        private void signWithDowntime() {
            Playbook playbook = Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME;
            begin(playbook);
            Instant[] window = new Instant[2];
            steps.add(at -> new DowntimeProposed(id, partner, window[0] = at.plus(Duration.ofDays(7)),
                    window[1] = at.plus(Duration.ofDays(7)).plus(Duration.ofHours(1)), "tenant-admin", at));
            steps.add(at -> new DowntimeAgreed(id, partner, "c1-" + id, window[0], window[1], at));
            steps.add(at -> new SenderStoppedSending(id, partner, "c2-" + id, at));
            steps.add(at -> new SenderExchangedCertificate(id, partner, "c3-" + id, at));
            steps.add(at -> new DrainConfirmed(id, "tenant-admin", at));
            exchange(playbook);
            steps.add(at -> new SenderResumedSending(id, partner, "c4-" + id, Duration.ofMinutes(25), window[0],
                    window[1], at));
            removeOldKeyAndComplete();
        }

        private void aborted() {
            Playbook playbook = Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE;
            begin(playbook);
            steps.add(at -> new RenewalAborted(id, alias, partner, "the partner asked to postpone", "tenant-admin",
                    newCertificate.get(), at));
            steps.add(at -> new StagedKeyPairDiscarded(id, alias, newCertificate.get(), at));
        }
    }

    /** About the size of a P-256 certificate's base64 body, in 64-character lines. */
    private static String pemBody() {
        StringBuilder body = new StringBuilder();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        Random random = new Random(7);
        for (int i = 1; i <= 640; i++) {
            body.append(alphabet.charAt(random.nextInt(64)));
            if (i % 64 == 0) {
                body.append('\n');
            }
        }
        return body.toString();
    }
}
