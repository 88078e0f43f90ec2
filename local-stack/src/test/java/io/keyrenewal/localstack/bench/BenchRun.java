package io.keyrenewal.localstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A benchmark run from a test: its outcome, what it printed and its JSON report. */
record BenchRun(MassRenewalBench.Outcome outcome, String output, JsonNode report) {

    static Path repository() {
        return Path.of(System.getProperty("keyrenewal.repository", "..")).toAbsolutePath().normalize();
    }

    static BenchRun of(String... options) throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        MassRenewalBench.Outcome outcome = new MassRenewalBench(BenchOptions.parse(options), repository(),
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        String output = printed.toString(StandardCharsets.UTF_8);
        JsonNode report = Files.exists(outcome.json())
                ? ContractJson.mapper().readTree(Files.readString(outcome.json())) : null;
        return new BenchRun(outcome, output, report);
    }
}
