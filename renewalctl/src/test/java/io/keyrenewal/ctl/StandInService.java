package io.keyrenewal.ctl;

import com.sun.net.httpserver.HttpServer;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for renewal-service over real HTTP, for renewalctl's tests: it records each request and answers with the
 * status and body the test sets, as the service would (the service's own behaviour is its integration tests').
 */
final class StandInService implements AutoCloseable {

    record Request(String method, String path, String query, String body, String authorization) {
    }

    /** What renewalctl printed and how it ended. */
    record Run(int exitCode, String out, String err) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    volatile String answer;
    private final HttpServer server;

    StandInService(String answer) throws IOException {
        this.answer = answer;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = this.answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json"
                    : "application/problem+json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Runs renewalctl with these arguments against this service. */
    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RenewalCtl.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] withUrl = new String[args.length + 2];
        withUrl[0] = "--url";
        withUrl[1] = "http://127.0.0.1:" + server.getAddress().getPort();
        System.arraycopy(args, 0, withUrl, 2, args.length);
        int exitCode = commandLine.execute(withUrl);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
