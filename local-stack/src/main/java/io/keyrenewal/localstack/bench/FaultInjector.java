package io.keyrenewal.localstack.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Does the {@code --fault}s to the benchmark's stack at their times after the burst starts, one at a time, and keeps
 * what became of each: when it struck, how long until the part was back, its new process. The faults on an event
 * wait their turn in the order given: the first of them is armed at the burst's start, the next once that one is
 * done, and each strikes at the first event of its type seen while it is armed and no other fault is striking.
 */
final class FaultInjector implements AutoCloseable {

    private final BenchStack stack;
    private final List<Fault> faults;
    private final BiConsumer<String, Long> replaced;
    private final PrintStream out;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "bench-faults");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Map<String, Object>> done = new ArrayList<>();
    private long burstStartNanos;
    private boolean finished;
    private volatile String striking;
    private volatile long lastStrikeEndedNanos;
    private final java.util.Deque<Fault> onEvent = new java.util.ArrayDeque<>();
    /** Held while a fault strikes, and while the benchmark moves the clocks: the two never overlap. */
    private final java.util.concurrent.locks.ReentrantLock strikes = new java.util.concurrent.locks.ReentrantLock();
    private boolean eventFaultBusy;

    /** @param replaced told each part name (as the process meter knows it) and its new process id */
    FaultInjector(BenchStack stack, List<Fault> faults, BiConsumer<String, Long> replaced, PrintStream out) {
        this.stack = stack;
        this.faults = List.copyOf(faults);
        this.replaced = replaced;
        this.out = out;
        // finish(): the fault striking now is done, the ones not due yet are dropped
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Schedules every fault relative to {@code burstStartNanos} ({@link System#nanoTime()}). */
    void start(long burstStartNanos) {
        this.burstStartNanos = burstStartNanos;
        for (Fault fault : faults) {
            if (fault.onEvent() != null) {
                synchronized (this) {
                    onEvent.add(fault);
                }
                continue;
            }
            long delay = burstStartNanos + fault.after().toNanos() - System.nanoTime();
            timer.schedule(() -> strike(fault), Math.max(0, delay), TimeUnit.NANOSECONDS);
        }
    }

    /** Told of every event on {@code renewal.events.v1} (its {@code ce_type}): strikes the armed fault awaiting it. */
    void sawEvent(String type) {
        Fault due;
        synchronized (this) {
            due = onEvent.peek();
            if (finished || eventFaultBusy || striking != null || due == null || !due.onEvent().equals(type)) {
                return;
            }
            onEvent.poll();
            eventFaultBusy = true;
        }
        try {
            timer.execute(() -> {
                try {
                    strike(due);
                } finally {
                    synchronized (this) {
                        eventFaultBusy = false;
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException finishing) {
            synchronized (this) {
                eventFaultBusy = false;
            }
        }
    }

    /**
     * Runs {@code action} with no fault striking meanwhile (it waits for one striking now): the clocks move on every
     * instance at once, and an instance started again afterwards starts with them moved.
     */
    <T> T withoutStrikes(java.util.function.Supplier<T> action) {
        strikes.lock();
        try {
            return action.get();
        } finally {
            strikes.unlock();
        }
    }

    /** What was done so far, in order: one map per fault. */
    synchronized List<Map<String, Object>> outcomes() {
        return List.copyOf(done);
    }

    /**
     * No fault strikes from now on (the renewals are all complete, or the benchmark stopped waiting); waits for one
     * striking now to be done. The faults that did not strike are reported so.
     */
    void finish() {
        synchronized (this) {
            finished = true;
        }
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.MINUTES)) {
                out.println("A fault is still being done after 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            for (Fault fault : faults) {
                if (done.stream().noneMatch(outcome -> outcome.get("fault").equals(fault.toString()))) {
                    Map<String, Object> skipped = new LinkedHashMap<>();
                    skipped.put("fault", fault.toString());
                    skipped.put("skipped", fault.onEvent() != null ? "no " + fault.onEvent() + " came while it was"
                            + " armed, before the renewals were all complete"
                            : "the renewals were all complete before it was due");
                    done.add(skipped);
                }
            }
        }
    }

    /**
     * {@link System#nanoTime()} now while a fault strikes (its part is down or coming back: the renewals wait for it,
     * which is no stall), else when the last one ended; 0 if none struck yet.
     */
    long quietSinceNanos() {
        return striking != null ? System.nanoTime() : lastStrikeEndedNanos;
    }

    /** Whether the part named so (as the process meter names it) is down or coming back because of a fault. */
    boolean restarting(String meterName) {
        String part = striking;
        return part != null && meterName.equals(part.equals(Fault.POSTGRES) ? ProcessMeter.STACK_POSTGRES : part);
    }

    private void strike(Fault fault) {
        synchronized (this) {
            if (finished) {
                return;
            }
        }
        strikes.lock();
        try {
            synchronized (this) {
                if (finished) {
                    return;
                }
            }
            striking = fault.part();
            strikeNow(fault);
        } finally {
            lastStrikeEndedNanos = System.nanoTime();
            striking = null;
            strikes.unlock();
        }
    }

    private void strikeNow(Fault fault) {
        long struck = System.nanoTime();
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("fault", fault.toString());
        outcome.put("struckAtSeconds", seconds(struck - burstStartNanos));
        out.println();
        out.println("Fault " + fault + ": " + (fault.action() == Fault.Action.KILL ? "killing " : "restarting ")
                + fault.part() + " ...");
        try {
            boolean kill = fault.action() == Fault.Action.KILL;
            long pid = stack.restart(fault.part(), kill);
            if (pid > 0) {
                replaced.accept(Fault.POSTGRES.equals(fault.part()) ? ProcessMeter.STACK_POSTGRES : fault.part(), pid);
            }
            outcome.put("backAfterSeconds", seconds(System.nanoTime() - struck));
        } catch (RuntimeException e) {
            outcome.put("failed", e.getMessage());
            out.println("Fault " + fault + ": the part did not come back: " + e.getMessage());
        }
        synchronized (this) {
            done.add(outcome);
        }
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e8) / 10.0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
