package io.keyrenewal.messaging;

import io.keyrenewal.contracts.CertificateRef;
import io.keyrenewal.contracts.Fingerprint;
import io.keyrenewal.contracts.PartnerId;
import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.contracts.renewal.OldKeyPairRemovalDecided;
import io.keyrenewal.contracts.renewal.RenewalCompleted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EventLogContextTest {

    static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void putsTheRenewalAndThePartnerTheEventNamesAndPutsBackWhatWasThere() {
        MDC.put(EventLogContext.RENEWAL_ID, "outer");
        try (EventLogContext context = EventLogContext.of(new RenewalCompleted(new RenewalId("r-1"), "acme-sign",
                new PartnerId("acme"), AT))) {
            assertThat(MDC.get(EventLogContext.RENEWAL_ID)).isEqualTo("r-1");
            assertThat(MDC.get(EventLogContext.PARTNER_ID)).isEqualTo("acme");
        }
        assertThat(MDC.get(EventLogContext.RENEWAL_ID)).isEqualTo("outer");
        assertThat(MDC.get(EventLogContext.PARTNER_ID)).isNull();
    }

    @Test
    void leavesThePartnerOutWhereTheEventNamesNone() {
        MDC.put(EventLogContext.PARTNER_ID, "left-over");
        CertificateRef old = new CertificateRef(new Fingerprint("a".repeat(64)), "CN=acme-sign", "0a");
        try (EventLogContext context = EventLogContext.of(new OldKeyPairRemovalDecided(new RenewalId("r-2"),
                "acme-sign", old, AT))) {
            assertThat(MDC.get(EventLogContext.RENEWAL_ID)).isEqualTo("r-2");
            assertThat(MDC.get(EventLogContext.PARTNER_ID)).as("not another renewal's partner").isNull();
        }
        assertThat(MDC.get(EventLogContext.PARTNER_ID)).isEqualTo("left-over");
    }
}
