package dev.applog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Events handed from a logger's buffer to the sender, with the deadline for delivering them. Each event is
 * resolved exactly once (stored, or written to the fallback): whoever resolves it first (the sender, or a
 * purge whose wait ran out) takes it, so nothing is counted twice and nothing is forgotten. An event belongs to
 * one shipment only, so its {@link LogEvent#resolved} mark (guarded by the shipment) records that: the buffer is
 * handed over as it is, without copying it.
 */
final class Shipment {

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;

    final List<LogEvent> events;
    final long cost;
    private volatile long deadlineNanos;
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean allStored = true;

    Shipment(List<LogEvent> events, long cost, long deadlineNanos) {
        this.events = events;
        this.cost = cost;
        this.deadlineNanos = deadlineNanos;
    }

    /** True for the one caller (background sender or purge) that gets to deliver this shipment. */
    boolean claim() { return state.compareAndSet(QUEUED, RUNNING); }

    long deadlineNanos() { return deadlineNanos; }

    /** Brings the deadline forward (a purge with less time than the shipment had). */
    void tighten(long deadline) {
        if (deadline - deadlineNanos < 0) {
            deadlineNanos = deadline;
        }
    }

    /** Takes the events of {@code batch} nobody has resolved yet. */
    synchronized List<LogEvent> take(Collection<LogEvent> batch) {
        List<LogEvent> taken = new ArrayList<>(batch.size());
        for (LogEvent event : batch) {
            if (!event.resolved) {
                event.resolved = true;
                taken.add(event);
            }
        }
        return taken;
    }

    /** True when some of {@code batch} is still unresolved. */
    synchronized boolean anyUnresolved(Collection<LogEvent> batch) {
        for (LogEvent event : batch) {
            if (!event.resolved) {
                return true;
            }
        }
        return false;
    }

    /** Takes every unresolved event, in logging order. */
    synchronized List<LogEvent> takeAll() { return take(events); }

    void markFallback() { allStored = false; }

    boolean allStored() { return allStored; }

    void finish() { done.countDown(); }

    boolean isDone() { return done.getCount() == 0; }

    boolean await(long nanos) throws InterruptedException { return done.await(nanos, TimeUnit.NANOSECONDS); }
}
