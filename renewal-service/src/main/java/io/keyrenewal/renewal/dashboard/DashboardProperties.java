package io.keyrenewal.renewal.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The live dashboard's limits.
 *
 * @param recentEvents  how many of the latest events {@code GET /dashboard/summary} lists
 * @param replayBuffer  how many of the latest events the stream keeps for clients that reconnect with
 *                      {@code Last-Event-ID} (also the events the feed reads back from the store at start)
 * @param clientBuffer  how many events may wait for one client; a client that falls further behind is dropped
 * @param maxClients    how many stream clients at once; more are answered 503
 * @param heartbeat     how often an idle stream sends a comment line, so proxies keep it open
 * @param streamTimeout how long one stream response lasts before the server ends it (the browser reconnects)
 * @param reconnect     the reconnection delay the stream asks browsers to use ({@code retry:})
 */
@ConfigurationProperties("keyrenewal.dashboard")
public record DashboardProperties(@DefaultValue("50") int recentEvents,
                                  @DefaultValue("1000") int replayBuffer,
                                  @DefaultValue("256") int clientBuffer,
                                  @DefaultValue("32") int maxClients,
                                  @DefaultValue("PT15S") Duration heartbeat,
                                  @DefaultValue("PT30M") Duration streamTimeout,
                                  @DefaultValue("PT3S") Duration reconnect) {

    public DashboardProperties {
        positive(recentEvents, "recent-events");
        positive(replayBuffer, "replay-buffer");
        positive(clientBuffer, "client-buffer");
        positive(maxClients, "max-clients");
        positive(heartbeat, "heartbeat");
        positive(streamTimeout, "stream-timeout");
        positive(reconnect, "reconnect");
        if (recentEvents > replayBuffer) {
            throw new IllegalArgumentException("keyrenewal.dashboard.recent-events must not exceed replay-buffer");
        }
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException("keyrenewal.dashboard." + name + " must be positive");
        }
    }

    private static void positive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("keyrenewal.dashboard." + name + " must be positive");
        }
    }
}
