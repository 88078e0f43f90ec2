package io.keyrenewal.systemtests;

import io.keyrenewal.ctl.RenewalCtl;
import io.keyrenewal.localstack.RenewalServiceApi;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** renewalctl run in this JVM against the stack's renewal-service, as user {@code operator} unless told. */
final class Renewalctl {

    private final URI renewalService;
    private final String user;
    private final String password;
    private final Consumer<String> transcript;

    /** @param transcript receives each command line with what it printed */
    Renewalctl(URI renewalService, Consumer<String> transcript) {
        this(renewalService, RenewalServiceApi.LOCAL_USER, RenewalServiceApi.LOCAL_PASSWORD, transcript);
    }

    private Renewalctl(URI renewalService, String user, String password, Consumer<String> transcript) {
        this.renewalService = renewalService;
        this.user = user;
        this.password = password;
        this.transcript = transcript;
    }

    /** The same tool as another user of the local profile, its transcript going to the same place. */
    Renewalctl as(String user, String password) {
        return new Renewalctl(renewalService, user, password, transcript);
    }

    /** Runs renewalctl with {@code arguments}; checks its exit code; answers what it printed. */
    String run(int expectedExitCode, String... arguments) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = RenewalCtl.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        String[] withServer = Stream.concat(Stream.of("--url", renewalService.toString(), "--user", user,
                        "--password", password),
                Stream.of(arguments)).toArray(String[]::new);
        int exitCode = commandLine.execute(withServer);
        transcript.accept("renewalctl " + String.join(" ", arguments) + ": " + out);
        assertThat(exitCode).as("renewalctl %s printed:%n%s", String.join(" ", arguments), out)
                .isEqualTo(expectedExitCode);
        return out.toString();
    }
}
