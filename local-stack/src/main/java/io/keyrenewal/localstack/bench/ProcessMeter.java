package io.keyrenewal.localstack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time and peak memory of the stack's processes, read from Linux's {@code /proc}: CPU seconds from
 * {@code /proc/<pid>/stat} (utime + stime, in clock ticks), the peak resident set from {@code VmHWM} in
 * {@code /proc/<pid>/status}. {@link #sample()} is called now and then, so the figures of a process that dies stay
 * as last seen. A PostgreSQL server (a process per connection) is counted as one part: the stack's own as its
 * postmaster and every process below it, plus what its exited children used (the postmaster's cutime + cstime);
 * another server on this machine as every other process named {@code postgres}.
 */
final class ProcessMeter {

    static final String STACK_POSTGRES = "postgresql";
    static final String OTHER_POSTGRES = "postgresql (other)";
    private static final Path PROC = Path.of("/proc");
    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    /** What is known of one part. */
    static final class Part {
        final String name;
        /** The process, or the postmaster of a server; null: every other process named postgres. */
        Long pid;
        /** Every process this part has been, the current one last (a fault restarts a part as a new process). */
        final List<Long> pids = new ArrayList<>();
        final boolean withChildren;
        long cpuTicksAtStart = -1;
        long cpuTicksLast = -1;
        /** What the part's earlier processes used since {@link #start()}. */
        long cpuTicksEarlier;
        long peakRssKb;
        boolean alive = true;

        Part(String name, Long pid, boolean withChildren) {
            this.name = name;
            this.pid = pid;
            this.withChildren = withChildren;
            if (pid != null) {
                pids.add(pid);
            }
        }
    }

    private final long ticksPerSecond;
    private final Map<String, Part> parts = new LinkedHashMap<>();
    private final boolean available = Files.isDirectory(PROC.resolve("self"));

    /**
     * @param pids          the stack's processes by name; {@value #STACK_POSTGRES} is the postmaster of its server
     * @param otherPostgres whether the services use another PostgreSQL server on this machine
     */
    ProcessMeter(Map<String, Long> pids, boolean otherPostgres) {
        this.ticksPerSecond = clockTicksPerSecond();
        pids.forEach((name, pid) -> parts.put(name, new Part(name, pid, name.equals(STACK_POSTGRES))));
        if (otherPostgres) {
            parts.put(OTHER_POSTGRES, new Part(OTHER_POSTGRES, null, true));
        }
    }

    boolean available() {
        return available;
    }

    /** Takes the CPU times now as the start of the measured work. */
    synchronized void start() {
        sample();
        parts.values().forEach(part -> part.cpuTicksAtStart = part.cpuTicksLast);
    }

    /** Reads every part's CPU time and peak RSS; a process gone is marked dead until {@link #replaced} says more. */
    synchronized void sample() {
        if (!available) {
            return;
        }
        for (Part part : parts.values()) {
            if (part.pid == null) {
                sampleOtherPostgres(part);
                continue;
            }
            Optional<long[]> stat = stat(part.pid);
            if (stat.isEmpty() || !ProcessHandle.of(part.pid).map(ProcessHandle::isAlive).orElse(false)) {
                part.alive = false;
                continue;
            }
            long ticks = stat.get()[1] + stat.get()[2];
            long peak = peakRssKb(part.pid);
            if (part.withChildren) {
                ticks += stat.get()[3] + stat.get()[4]; // what its exited children used
                for (long child : descendants(part.pid)) {
                    Optional<long[]> childStat = stat(child);
                    if (childStat.isPresent()) {
                        ticks += childStat.get()[1] + childStat.get()[2];
                        peak = Math.max(peak, peakRssKb(child));
                    }
                }
            }
            part.cpuTicksLast = ticks;
            part.peakRssKb = Math.max(part.peakRssKb, peak);
        }
    }

    private static List<Long> descendants(long pid) {
        return ProcessHandle.of(pid).map(process -> process.descendants().map(ProcessHandle::pid).toList())
                .orElse(List.of());
    }

    /**
     * The part {@code name} runs as a new process now (a fault restarted it): what the old one used, as last seen,
     * stays counted; the new one is counted from its start.
     */
    synchronized void replaced(String name, long newPid) {
        Part part = parts.get(name);
        if (part == null || part.pid == null || part.pid == newPid) {
            return;
        }
        if (part.cpuTicksAtStart >= 0 && part.cpuTicksLast >= 0) {
            part.cpuTicksEarlier += part.cpuTicksLast - part.cpuTicksAtStart;
        }
        part.pid = newPid;
        part.pids.add(newPid);
        part.alive = true;
        part.cpuTicksAtStart = 0;
        part.cpuTicksLast = -1;
        sample();
    }

    synchronized List<Part> parts() {
        return new ArrayList<>(parts.values());
    }

    synchronized boolean alive(String name) {
        Part part = parts.get(name);
        return part != null && part.alive;
    }

    /** CPU seconds used since {@link #start()}; -1 if unknown. */
    double cpuSeconds(Part part) {
        return part.cpuTicksAtStart < 0 || part.cpuTicksLast < 0 ? -1
                : (part.cpuTicksEarlier + part.cpuTicksLast - part.cpuTicksAtStart) / (double) ticksPerSecond;
    }

    /**
     * From a unified JVM GC log ({@code -Xlog:gc}): the most heap used before a collection, the most left after one
     * (the live set) and the largest heap size, in MB; empty if there is no such line.
     */
    static Optional<long[]> heapFromGcLog(Path gcLog) {
        if (!Files.isRegularFile(gcLog)) {
            return Optional.empty();
        }
        long before = 0;
        long after = 0;
        long committed = 0;
        boolean found = false;
        try (Stream<String> lines = Files.lines(gcLog)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher heap = GC_HEAP.matcher(line);
                if (heap.find()) {
                    found = true;
                    before = Math.max(before, megabytes(heap.group(1), heap.group(2)));
                    after = Math.max(after, megabytes(heap.group(3), heap.group(4)));
                    committed = Math.max(committed, megabytes(heap.group(5), heap.group(6)));
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
        return found ? Optional.of(new long[] {before, after, committed}) : Optional.empty();
    }

    /** How many lines of {@code log} mention {@code OutOfMemoryError}. */
    static long outOfMemoryErrors(Path log) {
        if (!Files.isRegularFile(log)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.contains("OutOfMemoryError")).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    /** Every process named postgres outside the stack's own server. */
    private void sampleOtherPostgres(Part part) {
        java.util.Set<Long> stacks = new java.util.HashSet<>();
        parts.values().stream().filter(other -> other.withChildren && other.pid != null).forEach(other -> {
            stacks.add(other.pid);
            stacks.addAll(descendants(other.pid));
        });
        long ticks = 0;
        long peak = 0;
        boolean any = false;
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (stacks.contains(pid) || !"postgres".equals(comm(pid))) {
                    continue;
                }
                Optional<long[]> stat = stat(pid);
                if (stat.isEmpty()) {
                    continue;
                }
                any = true;
                long[] fields = stat.get();
                ticks += fields[1] + fields[2];
                if (!"postgres".equals(comm(fields[0]))) {
                    ticks += fields[3] + fields[4]; // the postmaster: what its exited backends used
                }
                peak = Math.max(peak, peakRssKb(pid));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return;
        }
        if (any) {
            part.cpuTicksLast = ticks;
            part.peakRssKb = Math.max(part.peakRssKb, peak);
        }
    }

    /** ppid, utime, stime, cutime, cstime of {@code /proc/<pid>/stat}. */
    private static Optional<long[]> stat(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
            //                      cutime cstime
            return Optional.of(new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[11]),
                    Long.parseLong(fields[12]), Long.parseLong(fields[13]), Long.parseLong(fields[14])});
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String comm(long pid) {
        try {
            return Files.readString(PROC.resolve(Long.toString(pid)).resolve("comm")).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static long megabytes(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> value / 1024;
            case "G" -> value * 1024;
            default -> value;
        };
    }

    /** {@code getconf CLK_TCK}, 100 if it cannot be asked. */
    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(answer);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
