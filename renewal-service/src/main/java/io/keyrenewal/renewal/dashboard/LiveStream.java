package io.keyrenewal.renewal.dashboard;

import io.keyrenewal.contracts.ContractJson;
import jakarta.annotation.PreDestroy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fans the renewal events out to the dashboard's stream clients. Publishing never waits on a client: each client has
 * a bounded buffer and its own writer, and a client whose buffer is full is dropped (its browser reconnects and
 * catches up from the replay buffer). The latest events are kept for clients that reconnect with an event id.
 */
@Component
public class LiveStream {

    /** An event ready to send: its id and its JSON. */
    record Frame(String id, DashboardEvent event, String json) {
    }

    /** The latest events, oldest first, and the id of the last one (null if none). */
    record Recent(List<DashboardEvent> events, String lastEventId) {
    }

    private final DashboardProperties properties;
    private final Object lock = new Object();
    private final Deque<Frame> latest = new ArrayDeque<>();
    private final Set<StreamClient> clients = new LinkedHashSet<>();
    private final AtomicInteger writerNumber = new AtomicInteger();
    private final ExecutorService writers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dashboard-stream-" + writerNumber.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    public LiveStream(DashboardProperties properties) {
        this.properties = properties;
    }

    void publish(DashboardEvent event) {
        publish(new Frame(event.id(), event, ContractJson.write(event)));
    }

    void publish(Frame frame) {
        List<StreamClient> behind = new ArrayList<>();
        synchronized (lock) {
            latest.addLast(frame);
            while (latest.size() > properties.replayBuffer()) {
                latest.removeFirst();
            }
            for (StreamClient client : clients) {
                if (!client.offer(frame)) {
                    behind.add(client);
                }
            }
            behind.forEach(clients::remove);
        }
        behind.forEach(client -> client.drop("more than " + properties.clientBuffer()
                + " events waited for it"));
    }

    /**
     * A new stream client. With {@code lastEventId} it first gets the events after that one; if that event is no
     * longer (or never was) in the replay buffer, it gets a {@code reset} message instead: reload the summary.
     */
    SseEmitter subscribe(String lastEventId) {
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        StreamClient client;
        synchronized (lock) {
            if (clients.size() >= properties.maxClients()) {
                throw new StreamFull(properties.maxClients());
            }
            List<Frame> backlog = new ArrayList<>();
            boolean reset = false;
            if (lastEventId != null && !lastEventId.isBlank()) {
                reset = true;
                for (Frame frame : latest) {
                    if (!reset) {
                        backlog.add(frame);
                    } else if (frame.id().equals(lastEventId)) {
                        reset = false;
                    }
                }
                if (reset) {
                    backlog.clear();
                }
            }
            client = new StreamClient(emitter, properties, backlog, reset, this::remove);
            clients.add(client);
        }
        writers.execute(client::run);
        return emitter;
    }

    Recent recent(int count) {
        synchronized (lock) {
            List<DashboardEvent> events = latest.stream().skip(Math.max(0, latest.size() - count))
                    .map(Frame::event).toList();
            return new Recent(events, latest.isEmpty() ? null : latest.getLast().id());
        }
    }

    int clientCount() {
        synchronized (lock) {
            return clients.size();
        }
    }

    private void remove(StreamClient client) {
        synchronized (lock) {
            clients.remove(client);
        }
    }

    @PreDestroy
    void closeAll() {
        List<StreamClient> open;
        synchronized (lock) {
            open = new ArrayList<>(clients);
            clients.clear();
        }
        open.forEach(StreamClient::close);
        writers.shutdown();
    }

    /** The stream has as many clients as it serves. */
    @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
    static class StreamFull extends RuntimeException {
        StreamFull(int maxClients) {
            super("the dashboard stream serves " + maxClients + " clients at most; try again later");
        }
    }
}
