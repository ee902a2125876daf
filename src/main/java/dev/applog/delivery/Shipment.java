package dev.applog.delivery;

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
 * one shipment only, so its {@link Event#resolved} mark (guarded by the shipment) records that: the buffer is
 * handed over as it is, without copying it.
 */
final class Shipment {

    private static final int QUEUED = 0;
    private static final int RUNNING = 1;

    final List<Event> events;
    final long cost;
    private volatile long deadlineNanos;
    /** Set once a purge gave this shipment its deadline ({@link #purgeDeadline}). Guarded by this. */
    private boolean tightened;
    private long purgeDeadline;
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean allStored = true;

    Shipment(List<Event> events, long cost, long deadlineNanos) {
        this.events = events;
        this.cost = cost;
        this.deadlineNanos = deadlineNanos;
    }

    /** True for the one caller (background sender or purge) that gets to deliver this shipment. */
    boolean claim() { return state.compareAndSet(QUEUED, RUNNING); }

    long deadlineNanos() { return deadlineNanos; }

    /**
     * A purge's deadline (the earliest, when several purge): brings the deadline of a running shipment forward, and
     * is the deadline of a queued one when its turn comes.
     */
    synchronized void tighten(long deadline) {
        if (!tightened || deadline - purgeDeadline < 0) {
            purgeDeadline = deadline;
        }
        tightened = true;
        if (deadline - deadlineNanos < 0) {
            deadlineNanos = deadline;
        }
    }

    /**
     * The shipment's turn has come (its logger sends one at a time): its delivery time counts from now
     * ({@code ownDeadline}), not from when it was cut, so waiting behind the shipments before it does not use it up;
     * a purge's deadline, when one purges it, instead.
     */
    synchronized void startTurn(long ownDeadline) {
        if (tightened) {
            deadlineNanos = purgeDeadline;
        } else if (ownDeadline - deadlineNanos > 0) {
            deadlineNanos = ownDeadline;
        }
    }

    /** Takes the events of {@code batch} nobody has resolved yet. */
    synchronized List<Event> take(Collection<Event> batch) {
        List<Event> taken = new ArrayList<>(batch.size());
        for (Event event : batch) {
            if (!event.resolved) {
                event.resolved = true;
                taken.add(event);
            }
        }
        return taken;
    }

    /** True when some of {@code batch} is still unresolved. */
    synchronized boolean anyUnresolved(Collection<Event> batch) {
        for (Event event : batch) {
            if (!event.resolved) {
                return true;
            }
        }
        return false;
    }

    /** Takes every unresolved event, in logging order. */
    synchronized List<Event> takeAll() { return take(events); }

    void markFallback() { allStored = false; }

    boolean allStored() { return allStored; }

    void finish() { done.countDown(); }

    boolean isDone() { return done.getCount() == 0; }

    boolean await(long nanos) throws InterruptedException { return done.await(nanos, TimeUnit.NANOSECONDS); }
}
