package io.keyrenewal.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started as a child process with its output in a log file. On Linux it runs in its own session
 * ({@code setsid}), so a Ctrl-C in the terminal reaches only the launcher, which then stops its children in order.
 */
final class JavaProcess {

    static final int LOG_TAIL_LINES = 40;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path logFile;

    private JavaProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code java <arguments>}; stdout and stderr are appended to {@code logFile}. */
    static JavaProcess start(String name, List<String> arguments, Map<String, String> environment, Path workingDir,
                             Path logFile) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(javaExecutable());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            return new JavaProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new LocalStackFailure("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code pause} for the process to exit; true if it has exited. Also the pause between polls. */
    boolean exitsWithin(Duration pause) {
        try {
            return process.waitFor(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackFailure("interrupted while waiting for " + name, e);
        }
    }

    int exitCode() {
        return process.exitValue();
    }

    /** SIGKILL at once, as a crash or an OOM killer would; waits until it is gone. Returns how it ended. */
    String kill() {
        if (!process.isAlive()) {
            return "had already exited with code " + process.exitValue();
        }
        process.destroyForcibly();
        exitsWithin(Duration.ofSeconds(10));
        return "killed (SIGKILL)";
    }

    /** SIGTERM, then SIGKILL if it has not exited after {@code grace}. Returns how it ended. */
    String stop(Duration grace) {
        if (!process.isAlive()) {
            return "had already exited with code " + process.exitValue();
        }
        long startedAt = System.nanoTime();
        process.destroy();
        boolean forced = false;
        if (!exitsWithin(grace)) {
            process.destroyForcibly();
            forced = true;
            exitsWithin(Duration.ofSeconds(10));
        }
        return (forced ? "killed after " : "stopped in ") + Durations.seconds(System.nanoTime() - startedAt);
    }

    /** The last lines of the log, to explain a failure. */
    String logTail() {
        return tail(logFile, LOG_TAIL_LINES);
    }

    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        Deque<String> last = new ArrayDeque<>(lines);
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            }
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
        return String.join(System.lineSeparator(), last);
    }
}
