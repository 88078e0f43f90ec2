package io.keyrenewal.renewal.policy;

import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.playbook.KeyPurpose;
import io.keyrenewal.contracts.policy.PolicyDefinition;
import io.keyrenewal.contracts.policy.PolicyScope;
import io.keyrenewal.contracts.policy.RenewalPolicyRemoved;
import io.keyrenewal.contracts.policy.RenewalPolicySet;
import io.keyrenewal.contracts.policy.RenewalWindow;
import io.keyrenewal.contracts.renewal.CertificateSource;
import io.keyrenewal.contracts.renewal.ExchangeApproval;
import io.keyrenewal.contracts.renewal.KeyAlgorithm;
import io.keyrenewal.contracts.renewal.Playbook;
import io.keyrenewal.renewal.policy.PolicyCommands.RemovePolicy;
import io.keyrenewal.renewal.policy.PolicyCommands.SetPolicy;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The renewal policy of a scope: set, changed, removed and set again, every change whole; each rule refuses alone. */
class RenewalPolicyTest {

    static final PolicyScope ALIAS = PolicyScope.ofAlias("acme-response-signer");
    static final PolicyScope SIGNING_DEFAULT = PolicyScope.ofPurpose(KeyPurpose.SIGN_INBOUND_RESPONSE);
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Instant T1 = T0.plus(Duration.ofHours(1));
    static final Instant T2 = T0.plus(Duration.ofHours(2));
    static final RenewalWindow SATURDAY_NIGHT = new RenewalWindow("0 0 22 * * SAT", Duration.ofHours(6),
            "Europe/Zurich");

    AggregateTestFixture<RenewalPolicy> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(RenewalPolicy.class);
    }

    /** The policy of an alias whose key signs inbound responses, as each test changes it. */
    static final class Policy {
        KeyPurpose purpose = KeyPurpose.SIGN_INBOUND_RESPONSE;
        Playbook playbook;
        PartnerId partnerId = new PartnerId("acme");
        KeyAlgorithm keyAlgorithm;
        String subjectDn;
        Integer validityDays;
        CertificateSource certificateSource;
        Duration guaranteedDeliveryTime = Duration.ofDays(30);
        ExchangeApproval exchangeApproval;
        Integer startDaysBeforeExpiry = 30;
        Double startAtShareOfLifetime;
        List<RenewalWindow> windows = new ArrayList<>(List.of(SATURDAY_NIGHT));

        static PolicyDefinition with(Consumer<Policy> change) {
            Policy policy = new Policy();
            change.accept(policy);
            return new PolicyDefinition(policy.purpose, policy.playbook, policy.partnerId, policy.keyAlgorithm,
                    policy.subjectDn, policy.validityDays, policy.certificateSource, policy.guaranteedDeliveryTime,
                    policy.exchangeApproval, policy.startDaysBeforeExpiry, policy.startAtShareOfLifetime,
                    policy.windows);
        }
    }

    static final PolicyDefinition POLICY = Policy.with(policy -> { });
    static final PolicyDefinition AUTOMATIC_AT_TWO_THIRDS = Policy.with(policy -> {
        policy.exchangeApproval = ExchangeApproval.AUTOMATIC;
        policy.startDaysBeforeExpiry = null;
        policy.startAtShareOfLifetime = 0.66;
    });

    @Test
    void theFirstSetOfAScopeCreatesItsPolicyAsVersion1WithWhoAndWhen() {
        fixture.givenNoPriorActivity()
                .when(new SetPolicy(ALIAS, POLICY, "operator", T0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RenewalPolicySet(ALIAS, POLICY, 1, "operator", T0));
    }

    @Test
    void aChangeRecordsTheWholePolicyAsTheNextVersion() {
        fixture.given(new RenewalPolicySet(ALIAS, POLICY, 1, "operator", T0))
                .when(new SetPolicy(ALIAS, AUTOMATIC_AT_TWO_THIRDS, "tenant-admin", T1))
                .expectEvents(new RenewalPolicySet(ALIAS, AUTOMATIC_AT_TWO_THIRDS, 2, "tenant-admin", T1));
    }

    @Test
    void settingThePolicyAsItIsRecordsNothing() {
        fixture.given(new RenewalPolicySet(ALIAS, POLICY, 1, "operator", T0))
                .when(new SetPolicy(ALIAS, Policy.with(policy -> { }), "tenant-admin", T1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void removingThePolicyRecordsItAsTheNextVersion() {
        fixture.given(new RenewalPolicySet(ALIAS, POLICY, 1, "operator", T0),
                        new RenewalPolicySet(ALIAS, AUTOMATIC_AT_TWO_THIRDS, 2, "operator", T1))
                .when(new RemovePolicy(ALIAS, "tenant-admin", T2))
                .expectEvents(new RenewalPolicyRemoved(ALIAS, 3, "tenant-admin", T2));
    }

    @Test
    void aRemovedPolicyIsSetAgainAsItsNextVersionEvenAsItWasBefore() {
        fixture.given(new RenewalPolicySet(ALIAS, POLICY, 1, "operator", T0),
                        new RenewalPolicyRemoved(ALIAS, 2, "operator", T1))
                .when(new SetPolicy(ALIAS, POLICY, "operator", T2))
                .expectEvents(new RenewalPolicySet(ALIAS, POLICY, 3, "operator", T2));
    }

    @Test
    void refusesRemovingAPolicyAlreadyRemoved() {
        fixture.given(new RenewalPolicySet(ALIAS, POLICY, 1, "operator", T0),
                        new RenewalPolicyRemoved(ALIAS, 2, "operator", T1))
                .when(new RemovePolicy(ALIAS, "operator", T2))
                .expectException(PolicyRefused.NoPolicy.class)
                .expectExceptionMessage("the policy of alias:acme-response-signer was removed (version 2); there is"
                        + " nothing to remove")
                .expectNoEvents();
    }

    @Test
    void aPurposesDefaultNamesNoPartnerAndMayNameAPlaybookOfItsPurpose() {
        PolicyDefinition policy = Policy.with(change -> {
            change.partnerId = null;
            change.playbook = Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME;
            change.windows = List.of();
        });

        fixture.givenNoPriorActivity()
                .when(new SetPolicy(SIGNING_DEFAULT, policy, "operator", T0))
                .expectEvents(new RenewalPolicySet(SIGNING_DEFAULT, policy, 1, "operator", T0));
    }

    @Test
    void aPolicyForAPartnersCertificateNamesNoKeyOrCertificateOfTheTenant() {
        PolicyDefinition policy = Policy.with(change -> change.purpose = KeyPurpose.VERIFY_INBOUND_REQUEST);

        fixture.givenNoPriorActivity()
                .when(new SetPolicy(PolicyScope.ofAlias("acme-verify"), policy, "operator", T0))
                .expectEvents(new RenewalPolicySet(PolicyScope.ofAlias("acme-verify"), policy, 1, "operator", T0));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("a policy without its purpose", policy -> policy.purpose = null,
                        "purpose is required"),
                refusal("an alias's policy without its partner", policy -> policy.partnerId = null,
                        "partnerId is required in the policy of an alias"),
                refusal("a playbook of another purpose",
                        policy -> policy.playbook = Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE,
                        "playbook TENANT_DECRYPTS_OUTBOUND_RESPONSE renews a key for DECRYPT_OUTBOUND_RESPONSE, not"
                                + " for SIGN_INBOUND_RESPONSE"),
                refusal("no guaranteed delivery time", policy -> policy.guaranteedDeliveryTime = null,
                        "guaranteedDeliveryTime is required"),
                refusal("a negative guaranteed delivery time",
                        policy -> policy.guaranteedDeliveryTime = Duration.ofDays(-1),
                        "guaranteedDeliveryTime must be zero or positive"),
                refusal("a subject that is not an X.500 name", policy -> policy.subjectDn = "acme signer",
                        "subjectDn is not an X.500 distinguished name"),
                refusal("a validity out of range", policy -> policy.validityDays = 3651,
                        "validityDays must be between 1 and 3650 days, not 3651"),
                refusal("a validity for the CA's certificate", policy -> {
                    policy.certificateSource = CertificateSource.CA;
                    policy.validityDays = 397;
                }, "validityDays does not apply to a certificate from the CA"),
                refusal("a key algorithm where the partner's certificate is renewed", policy -> {
                    policy.purpose = KeyPurpose.ENCRYPT_OUTBOUND_REQUEST;
                    policy.keyAlgorithm = KeyAlgorithm.RSA_3072;
                }, "keyAlgorithm does not apply: a renewal for ENCRYPT_OUTBOUND_REQUEST renews the partner's"
                        + " certificate"),
                refusal("a subject and a source where the partner's certificate is renewed", policy -> {
                    policy.purpose = KeyPurpose.VERIFY_OUTBOUND_RESPONSE;
                    policy.subjectDn = "CN=acme";
                    policy.certificateSource = CertificateSource.SELF_SIGNED;
                }, "subjectDn does not apply"),
                refusal("no start rule", policy -> policy.startDaysBeforeExpiry = null,
                        "startDaysBeforeExpiry or startAtShareOfLifetime is required"),
                refusal("both start rules", policy -> policy.startAtShareOfLifetime = 0.5,
                        "startAtShareOfLifetime must not be given with startDaysBeforeExpiry"),
                refusal("no day before expiry", policy -> policy.startDaysBeforeExpiry = 0,
                        "startDaysBeforeExpiry must be between 1 and 3650 days, not 0"),
                refusal("more days before expiry than a certificate lives", policy -> policy.startDaysBeforeExpiry = 3651,
                        "startDaysBeforeExpiry must be between 1 and 3650 days, not 3651"),
                refusal("the whole lifetime as the share", share(1.0),
                        "startAtShareOfLifetime must be more than 0 and less than 1"),
                refusal("no share of the lifetime", share(0.0), "not 0.0"),
                refusal("a share that is not a number", share(Double.NaN), "not NaN"),
                refusal("a cron of five fields", window("0 22 * * SAT", Duration.ofHours(6), "Europe/Zurich"),
                        "windows[0].cron is not a cron expression of six fields",
                        "must consist of 6 fields"),
                refusal("a cron that never fires", window("0 0 0 30 2 *", Duration.ofHours(6), "Europe/Zurich"),
                        "windows[0].cron never opens the window: 0 0 0 30 2 * matches no date"),
                refusal("a window without cron", window(null, Duration.ofHours(6), "UTC"),
                        "windows[0].cron is required"),
                refusal("a time zone that is not an IANA id",
                        window("0 0 22 * * SAT", Duration.ofHours(6), "Mars/Olympus_Mons"),
                        "windows[0].timeZone is not an IANA time zone id (e.g. Europe/Zurich, UTC): Mars/Olympus_Mons"),
                refusal("an offset instead of a time zone", window("0 0 22 * * SAT", Duration.ofHours(6), "+02:00"),
                        "windows[0].timeZone is not an IANA time zone id"),
                refusal("a window without time zone", window("0 0 22 * * SAT", Duration.ofHours(6), null),
                        "windows[0].timeZone is required"),
                refusal("a window that is never open", window("0 0 22 * * SAT", Duration.ZERO, "UTC"),
                        "windows[0].duration must be more than zero, not PT0S"),
                refusal("a window without duration", window("0 0 22 * * SAT", null, "UTC"),
                        "windows[0].duration is required"),
                refusal("a window longer than a month", window("0 0 22 * * SAT", Duration.ofDays(32), "UTC"),
                        "windows[0].duration must be at most 31 days (P31D), not PT768H"));
    }

    static Arguments refusal(String what, Consumer<Policy> change, String... reasons) {
        return Arguments.of(what, Policy.with(change), reasons);
    }

    static Consumer<Policy> share(double share) {
        return policy -> {
            policy.startDaysBeforeExpiry = null;
            policy.startAtShareOfLifetime = share;
        };
    }

    /** A second window, after the valid first one: the refusal names it by its place. */
    static Consumer<Policy> window(String cron, Duration duration, String timeZone) {
        return policy -> policy.windows = List.of(new RenewalWindow(cron, duration, timeZone), SATURDAY_NIGHT);
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("refusals")
    void refusesAPolicyThatBreaksARuleWithTheReasonAndRecordsNothing(String what, PolicyDefinition policy,
                                                                      String[] reasons) {
        fixture.given(new RenewalPolicySet(ALIAS, POLICY, 1, "operator", T0))
                .when(new SetPolicy(ALIAS, policy, "operator", T1))
                .expectException(PolicyRefused.InvalidPolicy.class)
                .expectExceptionMessage(allOf(Stream.of(reasons).<Matcher<? super String>>map(Matchers::containsString)
                        .toList()))
                .expectNoEvents();
    }

    @Test
    void refusesAPurposesDefaultForAnotherPurposeOrNamingAPartner() {
        fixture.givenNoPriorActivity()
                .when(new SetPolicy(SIGNING_DEFAULT, Policy.with(policy -> policy.purpose =
                        KeyPurpose.SIGN_OUTBOUND_REQUEST), "operator", T0))
                .expectException(PolicyRefused.InvalidPolicy.class)
                .expectExceptionMessage(allOf(containsString("purpose is SIGN_OUTBOUND_REQUEST, but"
                                + " purpose:SIGN_INBOUND_RESPONSE is the default of SIGN_INBOUND_RESPONSE: leave"
                                + " purpose out or set purpose:SIGN_OUTBOUND_REQUEST"),
                        containsString("partnerId must not be set in the default of a purpose")))
                .expectNoEvents();
    }

    @Test
    void aRefusalNamesEveryProblemOfThePolicyAtOnce() {
        PolicyDefinition policy = Policy.with(change -> {
            change.partnerId = null;
            change.startDaysBeforeExpiry = 0;
            change.windows = List.of(SATURDAY_NIGHT, new RenewalWindow("every night", Duration.ofHours(1), "UTC"));
        });

        fixture.givenNoPriorActivity()
                .when(new SetPolicy(ALIAS, policy, "operator", T0))
                .expectException(PolicyRefused.InvalidPolicy.class)
                .expectExceptionMessage(allOf(containsString("partnerId is required"),
                        containsString("; startDaysBeforeExpiry must be between 1 and 3650 days, not 0"),
                        containsString("; windows[1].cron is not a cron expression"),
                        not(containsString("windows[0]"))))
                .expectNoEvents();
    }
}
