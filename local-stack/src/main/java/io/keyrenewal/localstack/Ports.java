package io.keyrenewal.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** TCP ports on this machine. */
final class Ports {

    private Ports() {
    }

    /** {@code count} distinct ports that were free a moment ago. */
    static List<Integer> free(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new LocalStackFailure("cannot find free TCP ports: " + e.getMessage(), e);
        } finally {
            held.forEach(Ports::closeQuietly);
        }
    }

    /** True if something listens on {@code port} (on any address), so a server could not bind it. */
    static boolean isTaken(int port) {
        try (ServerSocket probe = new ServerSocket(port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the port is released either way
        }
    }
}
