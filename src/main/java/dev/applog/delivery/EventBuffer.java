package dev.applog.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One logger's buffer, and delivery's one entry: holds the events of log calls with their exact sizes and hands them
 * to the {@link CloudWatchSink} in {@link Shipment}s, as few as the service's limits allow, one logger's requests one
 * at a time, in logging order.
 *
 * <ul>
 *   <li>{@link #add} buffers an event; nothing is sent on the caller's thread except by {@link #purge(Duration)}. A
 *       buffer that fills one request (10,000 events or 1 MiB), reaches {@code maxBufferedEvents}, or gets older than
 *       {@code maxBufferAge} goes to a background sender while the caller keeps logging.</li>
 *   <li>Memory is bounded: when the events held (buffered plus being sent) would pass {@code maxBufferBytes}, the
 *       caller waits for the sender instead of dropping anything.</li>
 *   <li>{@link #purge(Duration)} sends the rest on the caller's thread and returns when every event added before it is
 *       stored, or written to the fallback.</li>
 *   <li>Every live buffer is purged at JVM exit (the one exit hook, {@link OwnThreads#atExit}).</li>
 * </ul>
 *
 * Thread-safe. Internal; not API: public only for the logger ({@code dev.applog.CloudWatchLogger}) above delivery.
 */
public final class EventBuffer {

    private final CloudWatchSink sink;
    private final DeliveryConfig config;
    /** True for the buffer of a logger that holds the threads (see {@link #close()}). */
    private final boolean isRoot;

    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private List<Event> buffer = new ArrayList<>();
    private long bufferCost;
    private long pendingCost;
    private long generation;
    /** Shipments not yet delivered or being delivered, in the order they were cut. Guarded by {@link #lock}. */
    private final Set<Shipment> outstanding = new LinkedHashSet<>();
    /** Shipments waiting for their turn, in the order they were cut. Guarded by {@link #lock}. */
    private final ArrayDeque<Shipment> queue = new ArrayDeque<>();
    /**
     * Who may deliver this logger's next shipment (guarded by {@link #lock}): one at a time, so that its requests
     * reach the service in logging order. CloudWatch Logs orders events of equal timestamps by arrival, so two
     * requests of one stream in flight at once could store events of the same millisecond out of logging order.
     */
    private int turn = IDLE;
    private static final int IDLE = 0;        // nobody: the next shipment schedules a background sender
    private static final int SCHEDULED = 1;   // a background sender task is queued in the pool, not yet running
    private static final int BACKGROUND = 2;  // a background sender is delivering
    private static final int PURGING = 3;     // a purge is delivering on its caller's thread
    /** Purges waiting for the background sender's request to end, to take over. Guarded by {@link #lock}. */
    private int purgesWaiting;

    /**
     * The buffer of a logger {@code AppLoggers} makes, over a destination of its own that speaks through
     * {@code transport} (null: the one {@code config} chooses). It holds the library's threads until {@link #close()}.
     */
    public EventBuffer(DeliveryConfig config, Transport transport) {
        this(new CloudWatchSink(config, transport), true);
    }

    /** Another buffer over this one's destination (client, counters, fallback): a logger made with {@code withContext}. */
    public EventBuffer sibling() {
        return new EventBuffer(sink, false);
    }

    private EventBuffer(CloudWatchSink sink, boolean holdsThreads) {
        this.sink = sink;
        this.config = sink.config;
        this.isRoot = holdsThreads;
        registerForExit(this);
        if (holdsThreads) {
            OwnThreads.retain();  // released by close()
        }
    }

    /** The log group. */
    public String group() { return sink.group; }

    /** The counters of this buffer's destination, shared with its siblings. */
    public DeliveryCounters counters() { return sink.counters; }

    /**
     * Gets the first request's cost out of the way without storing anything (see {@link Transport#warmUp}), waiting
     * for the transport at most {@code maxWait}. Never throws.
     *
     * @param probe an event for the stream events logged now go to, never stored: the logger's own kind of event,
     *              so that the warm-up runs the sending code with the one event class delivery sees
     * @return true when the sending code ran
     */
    public boolean warmUp(Event probe, Duration maxWait) {
        return sink.warmUp(probe, maxWait);
    }

    /** This buffer's transport answering in the process ({@link Transport#dryRun()}), or null. */
    public Transport dryRunTransport() {
        return sink.dryRunTransport();
    }

    // ---- purge at JVM exit (outside Lambda; in Lambda the end of each invocation purges) -------------

    /** Every live buffer, weakly held: a buffer whose logger nobody uses any more is not kept alive for this. */
    private static final Set<EventBuffer> LIVE = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));
    private static volatile boolean exitHookInstalled;

    private static void registerForExit(EventBuffer buffer) {
        LIVE.add(buffer);
        if (!exitHookInstalled) {
            synchronized (LIVE) {
                if (!exitHookInstalled) {
                    OwnThreads.atExit(EventBuffer::purgeAllAtExit);
                    exitHookInstalled = true;
                }
            }
        }
    }

    /** Guarded by {@link #lock}. */
    private boolean closed;

    /**
     * Purges (within the delivery deadline) and, for the buffer that holds the threads, lets go of them: once every
     * holder is closed, no {@code applog-*} thread is left. A buffer used after {@code close()} still delivers (its
     * threads are made again on need).
     */
    public void close() {
        purge(config.deliveryDeadline());
        boolean root;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            root = isRoot;
        }
        LIVE.remove(this);
        if (root) {
            OwnThreads.release(config.requestTimeout().toMillis() + 1_000);
        }
    }

    /**
     * Purges every live buffer, all within the longest delivery deadline: a process that ends normally
     * (a command-line tool, a container) does not leave its last events in memory.
     */
    static void purgeAllAtExit() {
        List<EventBuffer> buffers;
        synchronized (LIVE) {
            buffers = new ArrayList<>(LIVE);
        }
        long longest = 0;
        for (EventBuffer buffer : buffers) {
            longest = Math.max(longest, buffer.config.deliveryDeadline().toNanos());
        }
        long deadline = System.nanoTime() + longest;  // one deadline for all: exit is not delayed per logger
        for (EventBuffer buffer : buffers) {
            buffer.purge(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    /**
     * Buffers {@code event}; waits while the memory bound is reached, and hands a full or aged buffer to a background
     * sender. Never sends on the caller's thread.
     */
    public void add(Event event) {
        synchronized (lock) {
            waitForRoom(event.cost());
            if (!buffer.isEmpty() && bufferCost + event.cost() > Batcher.MAX_BATCH_BYTES) {
                shipInBackground();
            }
            buffer.add(event);
            bufferCost += event.cost();
            pendingCost += event.cost();
            sink.counters.logged.increment();
            if (buffer.size() >= config.maxBufferedEvents()) {
                shipInBackground();
            } else if (buffer.size() == 1) {
                long armed = generation;
                OwnThreads.schedule(() -> shipIfStill(armed), config.maxBufferAge().toMillis());
            }
        }
    }

    /** The age trigger: sends the buffer when it is still the one the timer was armed for. */
    private void shipIfStill(long armed) {
        synchronized (lock) {
            if (generation == armed && !buffer.isEmpty()) {
                shipInBackground();
            }
        }
    }

    /** Waits (holding and releasing {@link #lock}) until {@code cost} more bytes fit in the memory bound. */
    private void waitForRoom(long cost) {
        if (pendingCost + cost <= config.maxBufferBytes()) {
            return;
        }
        sink.counters.callerWaits.increment();
        // the shipments in flight free all but the buffer: ship a partial buffer only when that is not enough,
        // or the partial batch would cost a request the limits do not call for
        if (!buffer.isEmpty() && bufferCost + cost > config.maxBufferBytes()) {
            shipInBackground();
        }
        // every shipment ends within its deadline (stored or in the fallback); the limit is a safety net only
        long limit = System.nanoTime() + config.deliveryDeadline().toNanos() + config.requestTimeout().toNanos()
                + TimeUnit.SECONDS.toNanos(1);
        while (pendingCost > 0 && pendingCost + cost > config.maxBufferBytes()) {
            long left = limit - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Hands the buffer to the background sender. Called holding {@link #lock}. */
    private void shipInBackground() {
        queue.add(takeBuffer(System.nanoTime() + config.deliveryDeadline().toNanos()));
        scheduleSender();
    }

    /** Starts a background sender when nobody has the turn and something waits. Called holding {@link #lock}. */
    private void scheduleSender() {
        if (turn == IDLE && !queue.isEmpty() && purgesWaiting == 0) {
            turn = SCHEDULED;
            OwnThreads.send(this::sendInBackground);
        }
    }

    /**
     * A background sender: delivers the queued shipments one after the other, the next as soon as the previous is
     * answered; hands the turn over to a purge that waits for it between two shipments.
     */
    private void sendInBackground() {
        synchronized (lock) {
            if (turn != SCHEDULED) {
                return;  // a purge took the turn before this task ran
            }
            turn = BACKGROUND;
        }
        while (true) {
            Shipment next;
            synchronized (lock) {
                if (purgesWaiting > 0 || queue.isEmpty()) {
                    releaseTurn();
                    return;
                }
                next = queue.poll();
            }
            if (next.claim()) {
                next.startTurn(System.nanoTime() + config.deliveryDeadline().toNanos());
                deliver(next);
            }
        }
    }

    /** Gives the turn up: to a waiting purge, else to a new background sender if shipments wait. Holding {@link #lock}. */
    private void releaseTurn() {
        turn = IDLE;
        scheduleSender();
        lock.notifyAll();
    }

    /** The buffer as a shipment, registered as outstanding. Called holding {@link #lock}. */
    private Shipment takeBuffer(long deadlineNanos) {
        Shipment shipment = new Shipment(buffer, bufferCost, deadlineNanos);
        buffer = new ArrayList<>();
        bufferCost = 0;
        generation++;
        outstanding.add(shipment);
        return shipment;
    }

    /**
     * Takes the turn to deliver, waiting (at most until {@code deadline}) for a background request in flight to be
     * answered. False when the shipments of {@code mine} were all delivered meanwhile, or the time ran out.
     */
    private boolean takeTurn(List<Shipment> mine, long deadline) {
        synchronized (lock) {
            purgesWaiting++;
            try {
                while (true) {
                    if (turn == IDLE || turn == SCHEDULED) {
                        turn = PURGING;
                        return true;
                    }
                    if (allDone(mine)) {
                        return false;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                purgesWaiting--;
                if (turn == IDLE) {
                    scheduleSender();  // this purge gave up waiting: the queue must not stall
                }
            }
        }
    }

    private static boolean allDone(List<Shipment> shipments) {
        for (Shipment shipment : shipments) {
            if (!shipment.isDone()) {
                return false;
            }
        }
        return true;
    }

    private void deliver(Shipment shipment) {
        OwnThreads.enter();  // what the SDK logs while sending stays out of the stream (see OwnThreads)
        try {
            sink.deliver(shipment);
        } finally {
            OwnThreads.leave();
            shipment.finish();
            synchronized (lock) {
                outstanding.remove(shipment);
                pendingCost -= shipment.cost;
                lock.notifyAll();
            }
        }
    }

    /**
     * Sends what is buffered on this thread, hurries what the background sender holds, and returns when every
     * event logged before the call is stored or in the fallback, or when {@code maxWait} is over: then what is
     * still in flight goes to the fallback at once (it may also be stored: delivery is at-least-once).
     * Waits only for this buffer's events, not for those of other buffers of the same sink.
     *
     * @return true when every event was stored by CloudWatch Logs
     */
    public boolean purge(Duration maxWait) {
        long deadline = System.nanoTime() + Math.max(0, maxWait == null ? 0 : maxWait.toNanos());
        List<Shipment> mine;
        synchronized (lock) {
            if (!buffer.isEmpty()) {
                queue.add(takeBuffer(deadline));
            }
            mine = new ArrayList<>(outstanding);
        }
        for (Shipment shipment : mine) {
            shipment.tighten(deadline);
        }
        if (takeTurn(mine, deadline)) {
            // send the tail on this thread, in order, after whatever the background sender had in flight
            Set<Shipment> waitedFor = new HashSet<>(mine);
            try {
                while (true) {
                    Shipment next;
                    synchronized (lock) {
                        next = queue.peek();
                        if (next == null || !waitedFor.contains(next)) {
                            break;
                        }
                        queue.poll();
                    }
                    if (next.claim()) {
                        next.startTurn(System.nanoTime() + config.deliveryDeadline().toNanos());
                        deliver(next);
                    }
                }
            } finally {
                synchronized (lock) {
                    releaseTurn();
                }
            }
        }
        boolean stored = true;
        for (Shipment shipment : mine) {
            try {
                long left = deadline - System.nanoTime();
                if (!shipment.isDone() && !shipment.await(Math.max(0, left))) {
                    sink.fallback.purgeWaitOver(sink.group, maxWait);
                    sink.toFallback(shipment, null, shipment.events,
                            "not delivered within the purge's wait (a request was in flight; it may be stored too)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sink.toFallback(shipment, null, shipment.events, "purge interrupted");
            }
            stored &= shipment.allStored();
        }
        config.out().flush();
        return stored;
    }
}
