package io.keyrenewal.renewal.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyrenewal.contracts.ContractJson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads a Server-Sent Events stream as a browser's EventSource would (text/event-stream, UTF-8) and keeps what came:
 * the messages and the comment lines. Tests look at them from inside Awaitility.
 */
public final class SseRecorder implements AutoCloseable {

    /** One dispatched message: its id (null if none), its event name ("message" if none) and its data. */
    public record Message(String id, String event, String data) {

        public JsonNode json() {
            try {
                return ContractJson.mapper().readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + data, e);
            }
        }
    }

    private final HttpResponse<InputStream> response;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean ended;

    private SseRecorder(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-recorder");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Opens the stream at {@code url} with these request headers (e.g. Last-Event-ID). */
    public static SseRecorder open(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                throw new IllegalStateException("stream answered " + response.statusCode() + ": " + body);
            }
            return new SseRecorder(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static SseRecorder open(String url) {
        return open(url, Map.of());
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** The messages whose JSON data has this renewal id. */
    public List<Message> messagesOf(String renewalId) {
        return messages().stream().filter(message -> message.event().equals("message"))
                .filter(message -> renewalId.equals(message.json().path("renewalId").asText())).toList();
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** Whether the server ended the stream. */
    public boolean ended() {
        return ended;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        messages.add(new Message(id, event == null ? "message" : event, data.toString()));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(value(line.substring(1)));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : value(line.substring(colon + 1));
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                            // retry and unknown fields
                        }
                    }
                }
            }
        } catch (IOException closed) {
            // closed by the test or the server
        } finally {
            ended = true;
        }
    }

    private static String value(String raw) {
        return raw.startsWith(" ") ? raw.substring(1) : raw;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
