package io.keyrenewal.localstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
        // printed to the test's standard output too, with its time stamps: the surefire report keeps it for CI
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                printed.write(b);
                System.out.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                printed.write(bytes, offset, length);
                System.out.write(bytes, offset, length);
            }
        };
        MassRenewalBench.Outcome outcome = new MassRenewalBench(BenchOptions.parse(options), repository(),
                new PrintStream(both, true, StandardCharsets.UTF_8)).run();
        String output = printed.toString(StandardCharsets.UTF_8);
        JsonNode report = Files.exists(outcome.json())
                ? ContractJson.mapper().readTree(Files.readString(outcome.json())) : null;
        return new BenchRun(outcome, output, report);
    }
}
