package io.keyrenewal.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.keyrenewal.notification.delivery.WebhookSignature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A partner's webhook endpoint, as a partner would write it: it checks the signature with its secret (in constant
 * time) and answers 401 if it does not match, else with the status it is told to give.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final String secret;
    private final int status;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    WebhookReceiver(String secret, int status) {
        this.secret = secret;
        this.status = status;
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/webhook", this::receive);
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/webhook";
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    private void receive(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String timestamp = exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER);
        String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER);
        boolean signed = timestamp != null && signature != null && MessageDigest.isEqual(
                WebhookSignature.sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
        calls.add(new Call(exchange.getRequestHeaders().getFirst(WebhookSignature.NOTIFICATION_ID_HEADER), body,
                signed, Instant.now()));
        exchange.sendResponseHeaders(signed ? status : 401, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    record Call(String notificationId, String body, boolean validSignature, Instant arrivedAt) {
    }
}
