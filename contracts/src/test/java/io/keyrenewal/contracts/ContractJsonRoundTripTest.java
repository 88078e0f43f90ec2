package io.keyrenewal.contracts;

import io.keyrenewal.contracts.keystore.CertificateSigningRequested;
import io.keyrenewal.contracts.keystore.KeyPairGenerated;
import io.keyrenewal.contracts.keystore.KeyPairRemoved;
import io.keyrenewal.contracts.keystore.KeystoreOperationFailed;
import io.keyrenewal.contracts.keystore.KeystoreReport;
import io.keyrenewal.contracts.partner.Attachment;
import io.keyrenewal.contracts.partner.ConfirmationOutcome;
import io.keyrenewal.contracts.partner.ConfirmationType;
import io.keyrenewal.contracts.partner.ExpectedConfirmation;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.partner.PartnerConfirmation;
import io.keyrenewal.contracts.partner.PartnerNotification;
import io.keyrenewal.contracts.keystore.KeyPairDiscarded;
import io.keyrenewal.contracts.keystore.KeyPairExchangeApplied;
import io.keyrenewal.contracts.keystore.KeyPairRollbackApplied;
import io.keyrenewal.contracts.partner.PartnerChannels;
import io.keyrenewal.contracts.partner.PartnerContact;
import io.keyrenewal.contracts.partner.PartnerDirectoryEntry;
import io.keyrenewal.contracts.renewal.*;
import io.keyrenewal.contracts.renewal.CertificateProvided;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.KeyPairActivation;
import io.keyrenewal.contracts.renewal.KeystoreFailureRecorded;
import io.keyrenewal.contracts.renewal.NewKeyPairCreated;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.OldKeyPairRemoved;
import io.keyrenewal.contracts.renewal.PartnerRole;
import io.keyrenewal.contracts.renewal.PartnerSwitchedToNewKey;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.contracts.renewal.RenewalStarted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractJsonRoundTripTest {

    static final RenewalId RENEWAL = new RenewalId("7d1f9a52-0c7e-4c8e-9a3f-2b6b1d9e4a10");
    static final PartnerId PARTNER = new PartnerId("acme");
    static final Instant AT = Instant.parse("2026-11-22T10:15:30.123Z");
    static final Fingerprint SHA256 = new Fingerprint("ab".repeat(32));
    static final CertificateInfo CERTIFICATE = new CertificateInfo(
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", SHA256,
            "CN=partner-acme-decrypt", "CN=partner-acme-decrypt", "1a2b3c", AT, AT.plus(Duration.ofDays(365)));
    static final CertificateRef OLD = new CertificateRef(new Fingerprint("cd".repeat(32)), "CN=old", "0f");
    static final String CSR = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n";

    static Stream<RenewalEvent> renewalEvents() {
        return Stream.of(
                new RenewalStarted(RENEWAL, "partner-acme-decrypt", PARTNER, Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE,
                        Duration.ofDays(30), KeyAlgorithm.EC_P256, AT),
                new NewKeyPairCreated(RENEWAL, "partner-acme-decrypt", CERTIFICATE, OLD, AT),
                new NewKeyPairCreated(RENEWAL, "partner-acme-decrypt", CERTIFICATE, null, AT),
                new CertificateProvided(RENEWAL, "partner-acme-decrypt", PARTNER, PartnerRole.RECEIVER_ADMINISTRATOR,
                        Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, CERTIFICATE, AT),
                new PartnerSwitchedToNewKey(RENEWAL, PARTNER, "c-1", AT.plus(Duration.ofDays(90)), AT),
                new OldKeyPairRemovalDecided(RENEWAL, "partner-acme-decrypt", OLD, AT),
                new OldKeyPairRemoved(RENEWAL, "partner-acme-decrypt", OLD, AT),
                new RenewalCompleted(RENEWAL, "partner-acme-decrypt", PARTNER, AT),
                new KeystoreFailureRecorded(RENEWAL, "r-3", "GENERATE", "disk full", AT),
                new KeystoreFailureRecorded(RENEWAL, "r-4", "EXCHANGE", "database down", AT, 2,
                        AT.plus(Duration.ofMinutes(16))),
                new io.keyrenewal.contracts.renewal.KeystoreStepRetried(RENEWAL, "partner-acme-decrypt", "REMOVE",
                        "operator", AT),
                new io.keyrenewal.contracts.renewal.KeystoreStepResolved(RENEWAL, "partner-acme-decrypt", "REMOVE",
                        OLD, "kept until the partner confirms its archive", "operator", AT),
                new RenewalStarted(RENEWAL, "tenant-sign", PARTNER, Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME,
                        Duration.ofDays(120), KeyAlgorithm.RSA_3072, AT, ExchangeApproval.AUTOMATIC),
                new PartnerVerifiesBoth(RENEWAL, PARTNER, "c-2", AT),
                new DowntimeProposed(RENEWAL, PARTNER, AT, AT.plusSeconds(3600), "tenant-admin", AT),
                new DowntimeAgreed(RENEWAL, PARTNER, "c-3", AT, AT.plusSeconds(3600), AT),
                new SenderStoppedSending(RENEWAL, PARTNER, "c-4", AT),
                new SenderExchangedCertificate(RENEWAL, PARTNER, "c-5", AT),
                new DrainConfirmed(RENEWAL, "tenant-admin", AT),
                new KeyPairExchangeApproved(RENEWAL, "tenant-admin", AT),
                new KeyPairExchangeDecided(RENEWAL, "tenant-sign", CERTIFICATE.ref(), OLD, Duration.ofDays(90), AT),
                new KeyPairExchanged(RENEWAL, "tenant-sign", CERTIFICATE.ref(), OLD, AT.plus(Duration.ofDays(90)), AT),
                new PartnerInformedOfExchange(RENEWAL, PARTNER, PartnerRole.SENDER_ADMINISTRATOR,
                        Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, CERTIFICATE.ref(), AT),
                new PartnerRemovedOldCertificate(RENEWAL, PARTNER, "c-6", AT),
                new SenderResumedSending(RENEWAL, PARTNER, "c-7", Duration.ofMinutes(42), AT, AT.plusSeconds(3600), AT),
                new RenewalAborted(RENEWAL, "tenant-sign", PARTNER, "partner not ready", "tenant-admin",
                        CERTIFICATE.ref(), AT),
                new StagedKeyPairDiscarded(RENEWAL, "tenant-sign", CERTIFICATE.ref(), AT),
                new RollbackDecided(RENEWAL, "tenant-sign", OLD, CERTIFICATE.ref(), "signature errors", "tenant-admin",
                        AT),
                new KeyPairRolledBack(RENEWAL, "tenant-sign", PARTNER, PartnerRole.SENDER_ADMINISTRATOR, OLD, AT),
                new PartnerStepOverdue(RENEWAL, PARTNER, PartnerRole.SENDER_ADMINISTRATOR,
                        ConfirmationType.VERIFIES_BOTH, AT, AT.plus(Duration.ofDays(3))),
                new PartnerStepEscalated(RENEWAL, PARTNER, ConfirmationType.VERIFIES_BOTH, AT,
                        AT.plus(Duration.ofDays(6))),
                new DowntimeOverrun(RENEWAL, PARTNER, AT, AT),
                new PartnerConfirmationRejected(RENEWAL, "kafka:t/0/1", "c-8", "acme", "SWITCHED_TO_NEW_KEY",
                        "signature does not match", AT),
                new PartnerConfirmationRejected(RENEWAL, "kafka:t/0/2", null, null, null, "not JSON", AT),
                new RenewalStarted(RENEWAL, "tenant-sign", PARTNER, Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH,
                        Duration.ofDays(7), KeyAlgorithm.EC_P384, AT, ExchangeApproval.TENANT_APPROVES,
                        "CN=tenant-sign,O=Tenant AG,C=CH", 730, CertificateSource.CA),
                new RenewalStarted(RENEWAL, "tenant-decrypt", PARTNER, Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE,
                        Duration.ofDays(7), KeyAlgorithm.EC_P256, AT, ExchangeApproval.AUTOMATIC, null, null,
                        CertificateSource.SELF_SIGNED, KeyPairActivation.STAGED_UNTIL_EXCHANGE, 2),
                new CertificateRequestedFromCa(RENEWAL, "tenant-sign", "r-7", "CN=tenant-sign,O=Tenant AG,C=CH", CSR,
                        SHA256, AT),
                new CertificateProvided(RENEWAL, "partner-acme-decrypt", PARTNER, PartnerRole.RECEIVER_ADMINISTRATOR,
                        Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, CERTIFICATE, AT, AT.plus(Duration.ofDays(3))),
                new CertificateProvided(RENEWAL, "partner-acme-sign", PARTNER, PartnerRole.SENDER_ADMINISTRATOR,
                        Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE, CERTIFICATE, AT, AT.plus(Duration.ofDays(3)),
                        ConfirmationType.VERIFIES_BOTH),
                new PartnerInformedOfExchange(RENEWAL, PARTNER, PartnerRole.SENDER_ADMINISTRATOR,
                        Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, CERTIFICATE.ref(), AT,
                        AT.plus(Duration.ofDays(3)), ConfirmationType.SENDING_RESUMED),
                new DowntimeProposed(RENEWAL, PARTNER, AT, AT.plusSeconds(3600), "tenant-admin", AT,
                        AT.plus(Duration.ofDays(3))),
                new DowntimeAgreed(RENEWAL, PARTNER, "c-3", AT, AT.plusSeconds(3600), AT, AT.plus(Duration.ofDays(3))),
                new PartnerInformedOfExchange(RENEWAL, PARTNER, PartnerRole.SENDER_ADMINISTRATOR,
                        Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, CERTIFICATE.ref(), AT,
                        AT.plus(Duration.ofDays(3))),
                new PartnerRefusedStep(RENEWAL, PARTNER, ConfirmationType.SWITCHED_TO_NEW_KEY,
                        "RSA keys below 3072 bits are not accepted", "KEY_TOO_SMALL", "c-9", AT),
                new PartnerRefusedStep(RENEWAL, PARTNER, ConfirmationType.DOWNTIME_ACCEPTED,
                        "the window falls in our freeze", null, "c-10", AT));
    }

    static Stream<KeystoreReport> keystoreReports() {
        return Stream.of(
                new KeyPairGenerated("r-1", RENEWAL, "e-1", "partner-acme-decrypt", CERTIFICATE, OLD, AT),
                new KeyPairRemoved("r-2", RENEWAL, "e-2", "partner-acme-decrypt", OLD, AT),
                new KeystoreOperationFailed("r-3", RENEWAL, "e-3", "GENERATE", "unsupported algorithm", AT),
                new KeyPairExchangeApplied("r-4", RENEWAL, "e-4", "tenant-sign", CERTIFICATE.ref(), OLD,
                        AT.plus(Duration.ofDays(90)), AT),
                new KeyPairRollbackApplied("r-5", RENEWAL, "e-5", "tenant-sign", OLD, AT),
                new KeyPairDiscarded("r-6", RENEWAL, "e-6", "tenant-sign", CERTIFICATE.ref(), AT),
                new CertificateSigningRequested("r-7", RENEWAL, "e-7", "tenant-sign", "CN=tenant-sign,O=Tenant AG",
                        CSR, SHA256, AT));
    }

    @ParameterizedTest
    @MethodSource("renewalEvents")
    void everyRenewalEventSurvivesTheRoundTripThroughItsInterface(RenewalEvent event) {
        String json = ContractJson.write(event);

        assertThat(json).contains("\"type\":\"" + event.getClass().getSimpleName() + "\"");
        assertThat(ContractJson.read(json, RenewalEvent.class)).isEqualTo(event);
        assertThat(ContractJson.read(json, event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("keystoreReports")
    void everyKeystoreReportSurvivesTheRoundTripThroughItsInterface(KeystoreReport report) {
        String json = ContractJson.write(report);

        assertThat(json).contains("\"type\":\"" + report.getClass().getSimpleName() + "\"");
        assertThat(ContractJson.read(json, KeystoreReport.class)).isEqualTo(report);
    }

    @Test
    void partnerConfirmationSurvivesTheRoundTripAndReadsTheDocumentedForm() {
        PartnerConfirmation confirmation = new PartnerConfirmation("c-1", RENEWAL, PARTNER,
                ConfirmationType.SWITCHED_TO_NEW_KEY, AT);

        assertThat(ContractJson.read(ContractJson.write(confirmation), PartnerConfirmation.class))
                .isEqualTo(confirmation);
        assertThat(ContractJson.read("""
                {"confirmationId":"c-1","renewalId":"7d1f9a52-0c7e-4c8e-9a3f-2b6b1d9e4a10","partnerId":"acme",
                 "type":"SWITCHED_TO_NEW_KEY","confirmedAt":"2026-11-22T10:15:30.123Z"}""", PartnerConfirmation.class))
                .isEqualTo(confirmation);
    }

    @Test
    void aConfirmationSentBeforeRefusalsExistedReadsAsConfirmed() {
        PartnerConfirmation confirmation = ContractJson.read("""
                {"confirmationId":"c-1","renewalId":"7d1f9a52-0c7e-4c8e-9a3f-2b6b1d9e4a10","partnerId":"acme",
                 "type":"VERIFIES_BOTH","confirmedAt":"2026-11-22T10:15:30.123Z"}""", PartnerConfirmation.class);

        assertThat(confirmation.outcome()).isEqualTo(ConfirmationOutcome.CONFIRMED);
        assertThat(confirmation.refused()).isFalse();
        assertThat(confirmation.reason()).isNull();
        assertThat(confirmation.code()).isNull();
    }

    @Test
    void aRefusalSurvivesTheRoundTripAndReadsTheDocumentedForm() {
        PartnerConfirmation refusal = PartnerConfirmation.refusal("c-2", RENEWAL, PARTNER,
                ConfirmationType.SWITCHED_TO_NEW_KEY, AT, "key size below our policy", "KEY_TOO_SMALL");

        assertThat(ContractJson.read(ContractJson.write(refusal), PartnerConfirmation.class)).isEqualTo(refusal);
        assertThat(ContractJson.read("""
                {"confirmationId":"c-2","renewalId":"7d1f9a52-0c7e-4c8e-9a3f-2b6b1d9e4a10","partnerId":"acme",
                 "type":"SWITCHED_TO_NEW_KEY","confirmedAt":"2026-11-22T10:15:30.123Z","outcome":"REFUSED",
                 "reason":"key size below our policy","code":"KEY_TOO_SMALL"}""", PartnerConfirmation.class))
                .isEqualTo(refusal);
        assertThat(refusal.refused()).isTrue();
    }

    @Test
    void aRefusalNeedsAReasonOfBoundedLengthAndAnyCodeIsShortAndPlain() {
        String refusal = """
                {"confirmationId":"c-2","renewalId":"r-1","partnerId":"acme","type":"VERIFIES_BOTH",
                 "confirmedAt":"2026-11-22T10:15:30Z","outcome":"REFUSED"%s}""";
        String longest = "x".repeat(PartnerConfirmation.MAX_REASON_LENGTH);

        assertThatThrownBy(() -> ContractJson.read(refusal.formatted(""), PartnerConfirmation.class))
                .isInstanceOf(MalformedMessage.class).hasMessageContaining("reason (of a refusal) is required");
        assertThatThrownBy(() -> ContractJson.read(refusal.formatted(",\"reason\":\"  \""),
                PartnerConfirmation.class)).isInstanceOf(MalformedMessage.class).hasMessageContaining("reason");
        assertThat(ContractJson.read(refusal.formatted(",\"reason\":\"" + longest + "\""),
                PartnerConfirmation.class).reason()).isEqualTo(longest);
        assertThatThrownBy(() -> ContractJson.read(refusal.formatted(",\"reason\":\"" + longest + "x\""),
                PartnerConfirmation.class)).isInstanceOf(MalformedMessage.class)
                .hasMessageContaining("at most 1000");
        assertThatThrownBy(() -> ContractJson.read(refusal.formatted(",\"reason\":\"no\",\"code\":\"a b\""),
                PartnerConfirmation.class)).isInstanceOf(MalformedMessage.class).hasMessageContaining("code");
        assertThatThrownBy(() -> ContractJson.read(refusal.formatted(",\"reason\":\"no\",\"code\":\""
                + "C".repeat(PartnerConfirmation.MAX_CODE_LENGTH + 1) + "\""), PartnerConfirmation.class))
                .isInstanceOf(MalformedMessage.class).hasMessageContaining("code");
    }

    @Test
    void aConfirmationCarriesNoReason() {
        assertThatThrownBy(() -> ContractJson.read("""
                {"confirmationId":"c-1","renewalId":"r-1","partnerId":"acme","type":"VERIFIES_BOTH",
                 "confirmedAt":"2026-11-22T10:15:30Z","reason":"done"}""", PartnerConfirmation.class))
                .isInstanceOf(MalformedMessage.class).hasMessageContaining("belong to a refusal");
    }

    @Test
    void eventsThatAskAPartnerStepStoredBeforeRespondByDatesExistedReadWithoutOne() {
        String provided = """
                {"type":"CertificateProvided","renewalId":"7d1f9a52-0c7e-4c8e-9a3f-2b6b1d9e4a10",
                 "alias":"partner-acme-decrypt","partnerId":"acme","recipient":"RECEIVER_ADMINISTRATOR",
                 "playbook":"TENANT_DECRYPTS_OUTBOUND_RESPONSE","certificate":%s,"at":"2026-11-22T10:15:30.123Z"}"""
                .formatted(ContractJson.write(CERTIFICATE));
        String informed = """
                {"type":"PartnerInformedOfExchange","renewalId":"7d1f9a52-0c7e-4c8e-9a3f-2b6b1d9e4a10",
                 "partnerId":"acme","recipient":"SENDER_ADMINISTRATOR",
                 "playbook":"TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH","newCertificate":%s,
                 "at":"2026-11-22T10:15:30.123Z"}""".formatted(ContractJson.write(CERTIFICATE.ref()));

        assertThat(((CertificateProvided) ContractJson.read(provided, RenewalEvent.class)).respondBy()).isNull();
        assertThat(((PartnerInformedOfExchange) ContractJson.read(informed, RenewalEvent.class)).respondBy())
                .isNull();
        assertThat(ContractJson.read("""
                {"topic":"renewal.partner-confirmations.v1","type":"VERIFIES_BOTH","example":"{}"}""",
                ExpectedConfirmation.class).respondBy()).isNull();
    }

    @Test
    void partnerNotificationSurvivesTheRoundTripWithItsAttachment() {
        PartnerNotification notification = new PartnerNotification("e-1:RECEIVER_ADMINISTRATOR", PARTNER, RENEWAL,
                PartnerRole.RECEIVER_ADMINISTRATOR, NotificationKind.CERTIFICATE_PROVIDED, "New certificate",
                "Encrypt with the attached certificate", List.of(new Attachment("new.pem", "application/x-pem-file",
                CERTIFICATE.pem())), new ExpectedConfirmation(Topics.PARTNER_CONFIRMATIONS,
                ConfirmationType.SWITCHED_TO_NEW_KEY, "{}", AT.plus(Duration.ofDays(3))), "e-1", AT, "decryptor");

        assertThat(ContractJson.read(ContractJson.write(notification), PartnerNotification.class))
                .isEqualTo(notification);
    }

    @Test
    void aMessageToTheTenantAboutAnAliasNamesNoRenewalAndNoPartnerWhereThereIsNone() {
        PartnerNotification notification = new PartnerNotification("w-1:TENANT_ADMINISTRATOR", null, null,
                PartnerRole.TENANT_ADMINISTRATOR, NotificationKind.RENEWAL_BY_POLICY_NOT_STARTED, "Not started",
                "The partner is not registered", List.of(), null, "w-1", AT, "acme-signer");

        assertThat(ContractJson.read(ContractJson.write(notification), PartnerNotification.class))
                .isEqualTo(notification);
        assertThat(ContractJson.read("""
                {"notificationId":"e-1:RECEIVER_ADMINISTRATOR","partnerId":"acme","renewalId":"r-1",\
                "recipient":"RECEIVER_ADMINISTRATOR","kind":"RENEWAL_COMPLETED","subject":"Done","body":"Done.",\
                "causationId":"e-1","at":"2026-11-22T10:00:00Z"}""", PartnerNotification.class).alias())
                .as("composed before the alias was named").isNull();
        assertThatThrownBy(() -> new PartnerNotification("w-2:TENANT_ADMINISTRATOR", null, null,
                PartnerRole.TENANT_ADMINISTRATOR, NotificationKind.CERTIFICATE_EXPIRING, "Expiring", "Soon",
                List.of(), null, "w-2", AT, null)).hasMessageContaining("renewalId or alias is required");
        assertThatThrownBy(() -> new PartnerNotification("w-3:SENDER_ADMINISTRATOR", null, null,
                PartnerRole.SENDER_ADMINISTRATOR, NotificationKind.CERTIFICATE_EXPIRING, "Expiring", "Soon",
                List.of(), null, "w-3", AT, "acme-signer")).hasMessageContaining("partnerId is required");
    }

    @Test
    void partnerDirectoryEntrySurvivesTheRoundTripWithoutAnySecret() {
        PartnerDirectoryEntry entry = new PartnerDirectoryEntry(PARTNER, "ACME Corp",
                List.of(new PartnerContact(PartnerRole.SENDER_ADMINISTRATOR, "Ann Sender", "ann@acme.example")),
                new PartnerChannels(true, true, "https://acme.example/hooks/keyrenewal"), true, AT);

        String json = ContractJson.write(entry);

        assertThat(ContractJson.read(json, PartnerDirectoryEntry.class)).isEqualTo(entry);
        assertThat(json).doesNotContainIgnoringCase("secret");
    }

    @Test
    void aRenewalStartedStoredBeforeExchangeApprovalExistedReadsAsTenantApproves() {
        String stored = ContractJson.write(renewalEvents().findFirst().orElseThrow())
                .replace(",\"exchangeApproval\":\"TENANT_APPROVES\"", "");

        assertThat(stored).doesNotContain("exchangeApproval");
        assertThat(((RenewalStarted) ContractJson.read(stored, RenewalEvent.class)).exchangeApproval())
                .isEqualTo(ExchangeApproval.TENANT_APPROVES);
    }

    @Test
    void aKeystoreFailureStoredBeforeAutomaticRetriesExistedReadsAsNotRetriedByTheRenewal() {
        String stored = """
                {"type":"KeystoreFailureRecorded","renewalId":"7d1f9a52-0c7e-4c8e-9a3f-2b6b1d9e4a10",
                 "reportId":"r-3","operation":"GENERATE","reason":"disk full","at":"2026-11-22T10:15:30.123Z"}""";

        assertThat(ContractJson.read(stored, RenewalEvent.class))
                .isEqualTo(new KeystoreFailureRecorded(RENEWAL, "r-3", "GENERATE", "disk full", AT, 0, null));
    }

    @Test
    void aRenewalStartedStoredBeforeTheKeystoreInstructionAndTheCatalogueVersionExistedReadsAsItRanThen() {
        String signing = """
                {"type":"RenewalStarted","renewalId":"7d1f9a52-0c7e-4c8e-9a3f-2b6b1d9e4a10","alias":"tenant-sign",
                 "partnerId":"acme","playbook":"TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME",
                 "guaranteedDeliveryTime":"P7D","keyAlgorithm":"EC_P256","at":"2026-11-22T10:15:30.123Z"}""";
        String decryption = signing.replace("TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME",
                "TENANT_DECRYPTS_OUTBOUND_RESPONSE");

        assertThat(((RenewalStarted) ContractJson.read(signing, RenewalEvent.class)).newKeyPair())
                .isEqualTo(KeyPairActivation.STAGED_UNTIL_EXCHANGE);
        assertThat(((RenewalStarted) ContractJson.read(decryption, RenewalEvent.class)).newKeyPair())
                .isEqualTo(KeyPairActivation.ACTIVE_AT_ONCE);
        assertThat(ContractJson.write(ContractJson.read(signing, RenewalEvent.class)))
                .contains("\"newKeyPair\":\"STAGED_UNTIL_EXCHANGE\"");
        assertThat(((RenewalStarted) ContractJson.read(signing, RenewalEvent.class)).catalogueVersion())
                .as("the only catalogue there was").isEqualTo(1);
        assertThat(((RenewalStarted) ContractJson.read(signing, RenewalEvent.class)).partnerRole())
                .isEqualTo(PartnerRole.SENDER_ADMINISTRATOR);
        assertThat(((RenewalStarted) ContractJson.read(decryption, RenewalEvent.class)).partnerRole())
                .isEqualTo(PartnerRole.RECEIVER_ADMINISTRATOR);
    }

    @Test
    void messagesToThePartnerStoredBeforeTheyCarriedTheAwaitedConfirmationReadAsTheirPlaybookAsked() {
        String provided = """
                {"type":"CertificateProvided","renewalId":"7d1f9a52-0c7e-4c8e-9a3f-2b6b1d9e4a10",
                 "alias":"tenant-sign","partnerId":"acme","recipient":"SENDER_ADMINISTRATOR",
                 "playbook":"TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH","certificate":%s,
                 "at":"2026-11-22T10:15:30.123Z"}""".formatted(ContractJson.write(CERTIFICATE));
        String informed = """
                {"type":"PartnerInformedOfExchange","renewalId":"7d1f9a52-0c7e-4c8e-9a3f-2b6b1d9e4a10",
                 "partnerId":"acme","recipient":"SENDER_ADMINISTRATOR",
                 "playbook":"TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME","newCertificate":%s,
                 "at":"2026-11-22T10:15:30.123Z"}""".formatted(ContractJson.write(CERTIFICATE.ref()));

        assertThat(((CertificateProvided) ContractJson.read(provided, RenewalEvent.class)).awaitedConfirmation())
                .isEqualTo(ConfirmationType.VERIFIES_BOTH);
        assertThat(((CertificateProvided) ContractJson.read(provided.replace(
                "TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH", "TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME"),
                RenewalEvent.class)).awaitedConfirmation()).as("playbook 2 asks the sender nothing yet").isNull();
        assertThat(((PartnerInformedOfExchange) ContractJson.read(informed, RenewalEvent.class))
                .awaitedConfirmation()).isEqualTo(ConfirmationType.SENDING_RESUMED);
        assertThat(Stream.of("TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH", "TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME",
                "TENANT_DECRYPTS_OUTBOUND_RESPONSE").map(playbook -> ((CertificateProvided) ContractJson.read(
                provided.replace("TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH", playbook), RenewalEvent.class))
                .certificateUse())).as("the use of the certificate, as their playbook asked it")
                .containsExactly(CertificateUse.VERIFY_WITH_BOTH, CertificateUse.EXCHANGE_AT_DOWNTIME,
                        CertificateUse.ENCRYPT_WITH_NEW);
        assertThat(ContractJson.write(ContractJson.read(provided, RenewalEvent.class)))
                .contains("\"certificateUse\":\"VERIFY_WITH_BOTH\"");
    }

    @Test
    void aRenewalStartedStoredBeforeTheCertificateFieldsExistedReadsAsTheKeystoresSelfSignedDefault() {
        String stored = """
                {"type":"RenewalStarted","renewalId":"7d1f9a52-0c7e-4c8e-9a3f-2b6b1d9e4a10","alias":"tenant-sign",
                 "partnerId":"acme","playbook":"TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH",
                 "guaranteedDeliveryTime":"P7D","keyAlgorithm":"EC_P256","at":"2026-11-22T10:15:30.123Z",
                 "exchangeApproval":"AUTOMATIC"}""";

        RenewalStarted started = (RenewalStarted) ContractJson.read(stored, RenewalEvent.class);

        assertThat(started.subjectDn()).isNull();
        assertThat(started.validityDays()).isNull();
        assertThat(started.certificateSource()).isEqualTo(CertificateSource.SELF_SIGNED);
        assertThat(started.exchangeApproval()).isEqualTo(ExchangeApproval.AUTOMATIC);
        assertThat(started).isEqualTo(new RenewalStarted(RENEWAL, "tenant-sign", PARTNER,
                Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH, Duration.ofDays(7), KeyAlgorithm.EC_P256, AT,
                ExchangeApproval.AUTOMATIC));
    }

    @Test
    void theCertificateRequestRulesAcceptX500NamesAndSaneValiditiesAndSayWhatIsWrongOtherwise() {
        assertThat(CertificateRequestRules.subjectDnProblem(null)).isEmpty();
        assertThat(CertificateRequestRules.subjectDnProblem("CN=tenant-sign, O=Tenant AG, C=CH")).isEmpty();
        assertThat(CertificateRequestRules.subjectDnProblem("CN=a\\,b,OU=ops+UID=7")).isEmpty();
        assertThat(CertificateRequestRules.subjectDnProblem("tenant-sign")).get().asString()
                .contains("not an X.500 distinguished name");
        assertThat(CertificateRequestRules.subjectDnProblem("CN=x,NOSUCHATTRIBUTE=y")).isPresent();
        assertThat(CertificateRequestRules.subjectDnProblem(" ")).get().asString().contains("at least one");
        assertThat(CertificateRequestRules.subjectDnProblem("CN=" + "x".repeat(1100))).get().asString()
                .contains("1024");

        assertThat(CertificateRequestRules.validityDaysProblem(null)).isEmpty();
        assertThat(CertificateRequestRules.validityDaysProblem(1)).isEmpty();
        assertThat(CertificateRequestRules.validityDaysProblem(3650)).isEmpty();
        assertThat(CertificateRequestRules.validityDaysProblem(0)).get().asString()
                .isEqualTo("must be between 1 and 3650 days, not 0");
        assertThat(CertificateRequestRules.validityDaysProblem(3651)).isPresent();
    }

    @Test
    void timesAreWrittenAsIsoInstantsAndDurationsAsIsoDurations() {
        String json = ContractJson.write(renewalEvents().findFirst().orElseThrow());

        assertThat(json).contains("\"at\":\"2026-11-22T10:15:30.123Z\"").contains("\"guaranteedDeliveryTime\":\"PT720H\"");
    }

    @Test
    void aMissingRequiredFieldIsRefusedWithItsName() {
        assertThatThrownBy(() -> ContractJson.read("""
                {"confirmationId":"c-1","renewalId":"r-1","type":"SWITCHED_TO_NEW_KEY","confirmedAt":"2026-11-22T10:15:30Z"}""",
                PartnerConfirmation.class))
                .isInstanceOf(MalformedMessage.class)
                .hasMessageContaining("partnerId is required");
    }

    @Test
    void malformedJsonAnUnknownTypeAndAnEmptyBodyAreRefused() {
        assertThatThrownBy(() -> ContractJson.read("{not json", PartnerConfirmation.class))
                .isInstanceOf(MalformedMessage.class).hasMessageContaining("not a valid PartnerConfirmation");
        assertThatThrownBy(() -> ContractJson.read("{\"type\":\"KeyPairStolen\"}", KeystoreReport.class))
                .isInstanceOf(MalformedMessage.class).hasMessageContaining("KeyPairStolen");
        assertThatThrownBy(() -> ContractJson.read(" ", RenewalEvent.class))
                .isInstanceOf(MalformedMessage.class).hasMessageContaining("empty body");
    }

    @Test
    void unknownFieldsAreIgnoredSoThatAdditiveChangesDoNotBreakConsumers() {
        PartnerConfirmation confirmation = ContractJson.read("""
                {"confirmationId":"c-1","renewalId":"r-1","partnerId":"acme","type":"SWITCHED_TO_NEW_KEY",
                 "confirmedAt":"2026-11-22T10:15:30Z","comment":"added in a later revision"}""", PartnerConfirmation.class);

        assertThat(confirmation.partnerId()).isEqualTo(PARTNER);
    }

    @Test
    void valueTypesRefuseInvalidValues() {
        for (String invalid : new String[]{"acme corp", "acme/1", "ümlaut", "a".repeat(65), " ", ""}) {
            assertThatThrownBy(() -> new PartnerId(invalid)).as(invalid).hasMessageContaining("partnerId");
        }
        assertThat(new PartnerId("A.z_0-9").value()).isEqualTo("A.z_0-9");
        assertThat(new PartnerId("a".repeat(64)).value()).hasSize(64);
        String sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        for (String invalid : new String[]{"XYZ", sha256.toUpperCase(java.util.Locale.ROOT), sha256 + "0",
                sha256.substring(1), sha256.replace('e', 'g'), sha256.replace('0', ' ')}) {
            assertThatThrownBy(() -> new Fingerprint(invalid)).as(invalid).hasMessageContaining("fingerprint");
        }
        assertThat(Fingerprint.sha256Of(new byte[0]).value())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Topics.deadLetter(Topics.KEYSTORE_REPORTS)).isEqualTo("keystore.reports.v1.dlt");
    }
}
