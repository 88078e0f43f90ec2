package io.keyrenewal.systemtests;

import io.keyrenewal.ctl.RenewalCtl;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** renewalctl run in this JVM against the stack's renewal-service as user {@code operator}. */
final class Renewalctl {

    private final URI renewalService;
    private final Consumer<String> transcript;

    Renewalctl(URI renewalService) {
        this(renewalService, printed -> {
        });
    }

    /** @param transcript receives each command line with what it printed */
    Renewalctl(URI renewalService, Consumer<String> transcript) {
        this.renewalService = renewalService;
        this.transcript = transcript;
    }

    /** Runs renewalctl with {@code arguments}; checks its exit code; answers what it printed. */
    String run(int expectedExitCode, String... arguments) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = RenewalCtl.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        String[] withServer = Stream.concat(Stream.of("--url", renewalService.toString(), "--user", "operator"),
                Stream.of(arguments)).toArray(String[]::new);
        int exitCode = commandLine.execute(withServer);
        transcript.accept("renewalctl " + String.join(" ", arguments) + ": " + out);
        assertThat(exitCode).as("renewalctl %s printed:%n%s", String.join(" ", arguments), out)
                .isEqualTo(expectedExitCode);
        return out.toString();
    }
}
