package io.keyrenewal.renewal.dashboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One client of the dashboard stream: a bounded buffer that the publisher fills without waiting, and a writer (its
 * own thread) that sends what is buffered, or a comment line when nothing came for a heartbeat. Only the writer
 * touches the response, so a client that reads slowly or not at all holds up nobody but itself.
 */
final class StreamClient {

    private static final Logger log = LoggerFactory.getLogger(StreamClient.class);
    private static final MediaType JSON_TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

    private final SseEmitter emitter;
    private final DashboardProperties properties;
    private final BlockingQueue<LiveStream.Frame> buffer;
    private final boolean reset;
    private final Consumer<StreamClient> onClosed;
    private volatile boolean open = true;
    private Thread writer;

    StreamClient(SseEmitter emitter, DashboardProperties properties, List<LiveStream.Frame> backlog, boolean reset,
                 Consumer<StreamClient> onClosed) {
        this.emitter = emitter;
        this.properties = properties;
        this.buffer = new ArrayBlockingQueue<>(properties.clientBuffer() + backlog.size());
        this.buffer.addAll(backlog);
        this.reset = reset;
        this.onClosed = onClosed;
        emitter.onCompletion(this::close);
        emitter.onTimeout(this::close);
        emitter.onError(error -> close());
    }

    /** Buffers a frame; false if the buffer is full. Never blocks. */
    boolean offer(LiveStream.Frame frame) {
        return !open || buffer.offer(frame);
    }

    void run() {
        if (!startWriting()) {
            return;
        }
        try {
            emitter.send(SseEmitter.event().reconnectTime(properties.reconnect().toMillis()).comment("connected"));
            if (reset) {
                emitter.send(SseEmitter.event().name("reset").data("{}", JSON_TEXT));
            }
            while (open) {
                LiveStream.Frame frame = buffer.poll(properties.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
                if (!open) {
                    break;
                }
                if (frame == null) {
                    emitter.send(SseEmitter.event().comment("ping"));
                } else {
                    emitter.send(SseEmitter.event().id(frame.id()).data(frame.json(), JSON_TEXT));
                }
            }
        } catch (IOException | IllegalStateException gone) {
            log.debug("Dashboard stream client gone: {}", gone.toString());
        } catch (InterruptedException closed) {
            Thread.currentThread().interrupt();
        } finally {
            stopWriting();
            onClosed.accept(this);
            try {
                emitter.complete();
            } catch (RuntimeException alreadyDone) {
                log.debug("Dashboard stream already completed: {}", alreadyDone.toString());
            }
        }
    }

    /** Dropped by the publisher: it fell behind. */
    void drop(String reason) {
        log.warn("Dashboard stream client dropped: {}", reason);
        close();
    }

    void close() {
        open = false;
        synchronized (this) {
            if (writer != null) {
                writer.interrupt();
            }
        }
    }

    private synchronized boolean startWriting() {
        writer = Thread.currentThread();
        return open;
    }

    private synchronized void stopWriting() {
        writer = null;
        Thread.interrupted();
    }
}
