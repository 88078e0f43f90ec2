package io.keyrenewal.ctl;

import com.sun.net.httpserver.HttpServer;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for renewal-service over real HTTP: it records each request and answers what the test sets, as the
 * service answers (a problem detail for an error status); renewalctl runs against it. A path may have an answer of its
 * own, so that it stands in for another service too (notification-service's preview).
 */
final class StandInService implements AutoCloseable {

    record Request(String method, String path, String body, String authorization, String query) {
    }

    /** One run of renewalctl: its exit code and what it printed. */
    record Run(int exitCode, String out, String err) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile int status = 200;
    private volatile String answer;
    private volatile Map<String, String> headers = Map.of();
    private final Map<String, Map.Entry<Integer, String>> byPath = new ConcurrentHashMap<>();

    StandInService(String answer) {
        this.answer = answer;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestURI().getRawQuery()));
            Map.Entry<Integer, String> own = byPath.get(exchange.getRequestURI().getRawPath());
            int status = own == null ? this.status : own.getKey();
            byte[] body = (own == null ? this.answer : own.getValue()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json"
                    : "application/problem+json");
            if (own == null) {
                this.headers.forEach(exchange.getResponseHeaders()::add);
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** From now on the service answers {@code status} with {@code answer}. */
    void answers(int status, String answer) {
        answers(status, answer, Map.of());
    }

    /** From now on the service answers {@code status} with {@code answer} and these headers (a page's paging). */
    void answers(int status, String answer, Map<String, String> headers) {
        this.status = status;
        this.answer = answer;
        this.headers = headers;
    }

    /** From now on {@code path} is answered {@code status} with {@code answer}, whatever the others are. */
    void answers(String path, int status, String answer) {
        byPath.put(path, Map.entry(status, answer));
    }

    /** Where it listens, e.g. {@code http://127.0.0.1:40123}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Runs renewalctl with {@code args} against this service. */
    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = RenewalCtl.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] withUrl = new String[args.length + 2];
        withUrl[0] = "--url";
        withUrl[1] = url();
        System.arraycopy(args, 0, withUrl, 2, args.length);
        int exitCode = commandLine.execute(withUrl);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
