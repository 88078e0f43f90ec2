package io.keyrenewal.localstack.bench;

import io.keyrenewal.contracts.renewal.Playbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchPartsTest {

    @Test
    void readsTheOptionsWithTheirDefaults() {
        BenchOptions defaults = BenchOptions.parse();
        assertThat(defaults.renewals()).isEqualTo(10_000);
        assertThat(defaults.partners()).isEqualTo(50);
        assertThat(defaults.inFlight()).isEqualTo(8);
        assertThat(defaults.warmup()).isEqualTo(300);
        assertThat(defaults.steadyRate()).isEqualTo(10);
        assertThat(defaults.backgroundSeconds()).isEqualTo(30);
        assertThat(defaults.stallTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(defaults.postgres()).isFalse();
        assertThat(defaults.policyRenewal()).isFalse();

        BenchOptions options = BenchOptions.parse("--quick", "--playbooks", "mix", "--database", "postgres",
                "--stall-timeout", "PT30S", "--keep-data", "--policy-renewal");
        assertThat(options.policyRenewal()).isTrue();
        assertThat(options.renewals()).isEqualTo(1_000);
        assertThat(options.mixPlaybooks()).isTrue();
        assertThat(options.postgres()).isTrue();
        assertThat(options.stallTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.keepData()).isTrue();
        assertThat(BenchOptions.parse("--help").help()).isTrue();
    }

    @Test
    void refusesAnOptionItDoesNotKnowOrAValueThatDoesNotFit() {
        assertThatThrownBy(() -> BenchOptions.parse("--renewal", "5")).hasMessageContaining("unknown option --renewal");
        assertThatThrownBy(() -> BenchOptions.parse("--playbooks", "2")).hasMessageContaining("1 or mix");
        assertThatThrownBy(() -> BenchOptions.parse("--renewals", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> BenchOptions.parse("--stall-timeout", "3m")).hasMessageContaining("PT3M");
        assertThatThrownBy(() -> BenchOptions.parse("--partners")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchOptions.parse("--stack", "k8s")).hasMessageContaining("local or compose");
        assertThatThrownBy(() -> BenchOptions.parse("--stack", "compose", "--instances", "2"))
                .hasMessageContaining("docker-compose.yml as it is");
    }

    @Test
    void runsAgainstDockerComposeOrWithTheQuickStartOnlyWhenAsked() {
        assertThat(BenchOptions.parse().compose()).isFalse();
        assertThat(BenchOptions.parse().quickStart()).isFalse();
        assertThat(BenchOptions.parse("--stack", "compose").compose()).isTrue();
        assertThat(BenchOptions.parse("--stack", "local", "--quick-start").quickStart()).isTrue();
    }

    @Test
    void readsFaultsAndRefusesOnesItCannotDo() {
        BenchOptions options = BenchOptions.parse("--fault", "kill:keystore-service@60", "--fault",
                "restart:postgres@90s");
        assertThat(options.faults()).containsExactly(
                new Fault(Fault.Action.KILL, "keystore-service", Duration.ofSeconds(60)),
                new Fault(Fault.Action.RESTART, "postgres", Duration.ofSeconds(90)));
        assertThat(options.faults().get(0)).hasToString("kill:keystore-service@60s");
        assertThat(BenchOptions.parse().faults()).isEmpty();
        assertThatThrownBy(() -> BenchOptions.parse("--fault", "kill:postgres@5")).hasMessageContaining("restarted");
        assertThatThrownBy(() -> BenchOptions.parse("--fault", "pause:kafka@5")).hasMessageContaining("kill or restart");
        assertThatThrownBy(() -> BenchOptions.parse("--fault", "kill:zookeeper@5")).hasMessageContaining("one of");
        assertThat(BenchOptions.parse("--instances", "2", "--fault", "kill:renewal-service-2@5").faults())
                .containsExactly(new Fault(Fault.Action.KILL, "renewal-service-2", Duration.ofSeconds(5)));
        assertThat(BenchOptions.parse("--instances", "2").instances()).isEqualTo(2);
        assertThat(BenchOptions.parse().instances()).isEqualTo(1);
        assertThatThrownBy(() -> BenchOptions.parse("--fault", "kill:kafka-2@5")).hasMessageContaining("one of");
        Fault atStep = BenchOptions.parse("--fault", "kill:keystore-service@on:KeyPairExchangeDecided").faults().get(0);
        assertThat(atStep.onEvent()).isEqualTo("KeyPairExchangeDecided");
        assertThat(atStep.after()).isNull();
        assertThat(atStep).hasToString("kill:keystore-service@on:KeyPairExchangeDecided");
        assertThatThrownBy(() -> BenchOptions.parse("--fault", "kill:keystore-service@on:")).hasMessageContaining(
                "event type");
        assertThatThrownBy(() -> BenchOptions.parse("--fault", "kill:kafka@soon")).hasMessageContaining("seconds");
        assertThatThrownBy(() -> BenchOptions.parse("--fault", "kill:kafka")).hasMessageContaining("--fault takes");
    }

    @Test
    void picksTheSameSeededPairsOfTheFaultMatrixEveryTime() {
        List<FaultMatrix.Pair> all = FaultMatrix.pairs(FaultMatrix.SERVICES, FaultMatrix.BOUNDARIES, 0, 1);
        assertThat(all).hasSize(3 * FaultMatrix.BOUNDARIES.size())
                .contains(new FaultMatrix.Pair("notification-service", "DowntimeAgreed"));
        assertThat(FaultMatrix.pairs(FaultMatrix.SERVICES, FaultMatrix.BOUNDARIES, 3, 13))
                .hasSize(3).isEqualTo(FaultMatrix.pairs(FaultMatrix.SERVICES, FaultMatrix.BOUNDARIES, 3, 13))
                .isSubsetOf(all);
        assertThat(new FaultMatrix.Pair("keystore-service", "KeyPairExchanged").fault())
                .isEqualTo("kill:keystore-service@on:KeyPairExchanged");
        FaultMatrix.Row lost = new FaultMatrix.Row(new FaultMatrix.Pair("keystore-service", "KeyPairExchanged"), 6, 5,
                0, 0, "struck", 1);
        assertThat(lost.passed()).isFalse();
        assertThat(FaultMatrix.table(List.of(lost), 6, 1))
                .contains("| keystore-service | KeyPairExchanged | 6 | 5 | 1 | 0 |")
                .contains("0 of 1 runs lost nothing");
    }

    @Test
    void takesPercentilesByNearestRank() {
        Latencies latencies = new Latencies();
        for (int millis = 1; millis <= 100; millis++) {
            latencies.add(Duration.ofMillis(millis).toNanos());
        }
        assertThat(latencies.summary()).containsEntry("samples", 100).containsEntry("p50_ms", 50.0)
                .containsEntry("p95_ms", 95.0).containsEntry("p99_ms", 99.0).containsEntry("max_ms", 100.0);
        assertThat(new Latencies().summary()).containsOnlyKeys("samples");
    }

    @Test
    void readsTheHeapBeforeAndAfterCollectionsFromAGcLog(@TempDir Path folder) throws Exception {
        Path gcLog = folder.resolve("gc-42.log");
        Files.writeString(gcLog, """
                [0.012s][info][gc] Using G1
                [1.234s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->5M(256M) 3.456ms
                [9.876s][info][gc] GC(7) Pause Young (Concurrent Start) (G1 Humongous Allocation) 310M->201M(380M) 9.1ms
                [12.00s][info][gc] GC(8) Pause Full (G1 Compaction Pause) 1G->512M(1G) 120.0ms
                """);

        assertThat(ProcessMeter.heapFromGcLog(gcLog)).hasValueSatisfying(heap ->
                assertThat(heap).containsExactly(1024, 512, 1024));
        assertThat(ProcessMeter.heapFromGcLog(folder.resolve("none.log"))).isEmpty();
    }

    @Test
    void aRenewalWaitsOnlyForRetentionOnceTheExchangeIsDoneAndThePartnerTookItsLastStep() {
        assertThat(RenewalProgress.onlyRetentionLeft(Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH,
                Set.of("KeyPairExchanged", "PartnerInformedOfExchange"))).isFalse();
        assertThat(RenewalProgress.onlyRetentionLeft(Playbook.TENANT_SIGNS_INBOUND_RESPONSE_VERIFY_BOTH,
                Set.of("KeyPairExchanged", "PartnerRemovedOldCertificate"))).isTrue();
        assertThat(RenewalProgress.onlyRetentionLeft(Playbook.TENANT_SIGNS_INBOUND_RESPONSE_WITH_DOWNTIME,
                Set.of("KeyPairExchanged", "SenderResumedSending"))).isTrue();
        assertThat(RenewalProgress.onlyRetentionLeft(Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE,
                Set.of("CertificateProvided"))).isFalse();
        assertThat(RenewalProgress.onlyRetentionLeft(Playbook.TENANT_DECRYPTS_OUTBOUND_RESPONSE,
                Set.of("PartnerSwitchedToNewKey"))).isTrue();
    }

    @Test
    void writesTheSameFiguresAsTextMarkdownAndJson() throws Exception {
        Report report = new Report("title");
        report.section("burst", "Burst").row("renewalsPerSecond", "renewals/s", 12.345)
                .row("latency", "latency (ms)", new Latencies().summary());

        assertThat(report.text()).contains("Burst").contains("renewals/s    12.3").contains("samples: 0");
        assertThat(report.markdown()).contains("| renewals/s | 12.3 |");
        assertThat(io.keyrenewal.contracts.ContractJson.mapper().readTree(report.json()).at("/burst/renewalsPerSecond")
                .asDouble()).isEqualTo(12.345);
    }
}
