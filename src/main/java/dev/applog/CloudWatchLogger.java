package dev.applog;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@code cloud-watch} logger: buffers events and sends them to one CloudWatch Logs stream with as few
 * PutLogEvents requests as the service's limits allow.
 *
 * <ul>
 *   <li>A log call adds the event to this logger's buffer with its exact UTF-8 size; its text is written
 *       later, by the sender (see {@link #record}); nothing is sent on the caller's thread except by
 *       {@link #purge(Duration)}. A buffer that fills one request (10,000 events or 1 MiB),
 *       reaches {@code maxBufferedEvents}, or gets older than {@code maxBufferAge} goes to a background sender
 *       while the caller keeps logging.</li>
 *   <li>Memory is bounded: when the events held (buffered plus being sent) would pass {@code maxBufferBytes},
 *       the log call waits for the sender instead of dropping anything.</li>
 *   <li>{@link #purge(Duration)} sends the rest on the caller's thread and returns when every event logged
 *       before it is stored, or written to the fallback (stdout, lines marked {@code "applog":"fallback"}).</li>
 *   <li>A message larger than one event ({@code maxEventBytes}) is split into parts marked
 *       {@code [applog-part ID I/N] } (see the README); nothing is truncated.</li>
 *   <li>Delivery is <b>at-least-once</b>: a request that timed out or whose connection dropped may have been
 *       stored before it is retried (or before its events went to the fallback), so an event can appear twice.
 *       CloudWatch Logs has no idempotency key that would prevent it.</li>
 * </ul>
 *
 * Thread-safe. Loggers made with {@link #withContext(Map)} share this one's destination, client and counters,
 * and have buffers of their own.
 */
public final class CloudWatchLogger extends BaseLogger {

    private final CloudWatchSink sink;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private List<LogEvent> buffer = new ArrayList<>();
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

    CloudWatchLogger(LoggerConfig config) {
        this(config, null);
    }

    /** A logger whose sink speaks through {@code transport} (null: the AWS SDK's). */
    CloudWatchLogger(LoggerConfig config, Transport transport) {
        this(new CloudWatchSink(config, transport), Map.of());
        isRoot = true;
        OwnThreads.retain();  // released by close()
    }

    /** True for the logger {@link AppLoggers} made (not one made with {@link #withContext}): it holds the threads. */
    private boolean isRoot;

    private CloudWatchLogger(CloudWatchSink sink, Map<String, ?> context) {
        super(sink.config, context);
        this.sink = sink;
        registerForExit(this);
    }

    // ---- purge at JVM exit (outside Lambda; in Lambda the end of each invocation purges) -------------

    /** Every live CloudWatch logger, weakly held: a logger nobody uses any more is not kept alive for this. */
    private static final Set<CloudWatchLogger> LIVE = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));
    private static volatile boolean exitHookInstalled;

    private static void registerForExit(CloudWatchLogger logger) {
        LIVE.add(logger);
        if (!exitHookInstalled) {
            synchronized (LIVE) {
                if (!exitHookInstalled) {
                    OwnThreads.atExit(CloudWatchLogger::purgeAllAtExit);
                    exitHookInstalled = true;
                }
            }
        }
    }

    /** Guarded by {@link #lock}. */
    private boolean closed;

    /**
     * Sends what is buffered (as {@link #purge(Duration)} with the delivery deadline) and lets go of the library's
     * threads: once every logger {@link AppLoggers} made for this destination's kind is closed, no {@code applog-*}
     * thread is left. For code outside Lambda (a command-line tool, a test, a container) that ends before the JVM
     * does; in Lambda the invocation purges and nothing needs closing. A logger used after {@code close()} still
     * delivers (its threads are made again on need). Closing a logger made with {@link #withContext} purges it only.
     *
     * @return nothing; what could not be stored is in the fallback, as for a purge
     */
    @Override
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
     * Purges every live CloudWatch logger, all within the longest delivery deadline: a process that ends normally
     * (a command-line tool, a container) does not leave its last events in memory.
     */
    static void purgeAllAtExit() {
        List<CloudWatchLogger> loggers;
        synchronized (LIVE) {
            loggers = new ArrayList<>(LIVE);
        }
        long longest = 0;
        for (CloudWatchLogger logger : loggers) {
            longest = Math.max(longest, logger.config.deliveryDeadline().toNanos());
        }
        long deadline = System.nanoTime() + longest;  // one deadline for all: exit is not delayed per logger
        for (CloudWatchLogger logger : loggers) {
            logger.purge(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    /**
     * Gets the first request's cost out of the way without sending anything: waits for the SDK client (at most
     * {@code maxWait}) and runs one PutLogEvents through its whole pipeline, answered inside the process, never
     * sent. {@code @AppLogging} does it in Lambda's init phase; a function holding a logger of its own may call it
     * from its constructor. Does nothing for a client from {@code clientSupplier}. Never throws.
     *
     * @return true when the SDK's sending code ran
     */
    public boolean warmUp(Duration maxWait) {
        Duration wait = maxWait == null ? Duration.ZERO : maxWait;
        boolean warmed = sink.warmUp(wait);
        Transport dry = warmed ? sink.dryRunTransport() : null;
        if (dry != null) {
            // one event through a twin of this logger (same settings, its requests answered in the process): the
            // buffer, the batcher, a sender thread and the sink's code run now, not on the first invocation's path
            CloudWatchLogger twin = null;
            try {
                twin = new CloudWatchLogger(sink.config.toBuilder().echo(false).level(Level.INFO)
                        .out(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).build(), dry);
                twin.info("applog dry run");
                twin.purge(wait);
            } catch (RuntimeException | LinkageError e) {
                // only the warm-up is lost
            } finally {
                if (twin != null) {
                    twin.close();
                }
            }
        }
        return warmed;
    }

    /** The counters of this logger's destination (shared with its context loggers). */
    public DeliveryStats stats() { return sink.stats(); }

    /** The log group. */
    public String group() { return sink.group; }

    /** The stream events logged now go to ({@code {date}} and {@code {function}} filled in). */
    public String currentStream() { return sink.streamFor(System.currentTimeMillis()); }

    @Override
    public String classCode() { return LoggerKind.CLOUD_WATCH.label(); }

    @Override
    public boolean isPurgeable() { return true; }

    @Override
    public AppLogger withContext(Map<String, ?> fields) { return new CloudWatchLogger(sink, mergedContext(fields)); }

    /**
     * Buffers the event's parts with its exact size, and leaves writing its text to the sender, when the formatter
     * can tell the size without writing it. An event with a throwable (its stack trace is taken as it is now), an
     * echoed event, one too large for an event (split now) and one the formatter cannot size is written at once.
     */
    @Override
    protected void record(Level level, long timestamp, String message, Throwable error, String caller) {
        // a message that could forge a part marker is formatted now, so that emit escapes it
        if (error == null && !config.echo() && !ForgedMarkers.mayNeedEscaping(message)) {
            int bytes = formatter.deferredBytes(level, message, timestamp, caller);
            if (bytes >= 0 && bytes <= config.maxEventBytes() - Batcher.EVENT_OVERHEAD) {
                add(new LogEvent(timestamp, bytes, sink.streamFor(timestamp), formatter, level, message, caller));
                return;
            }
        }
        super.record(level, timestamp, message, error, caller);
    }

    /**
     * An event with a logger's name or fields: its fields part is written now (or taken as written, for the
     * invocation's keys, see {@link EventFormatter#fragment}); the rest of its text, message and JSON, is left to the
     * sender, on the same conditions as {@link #record}.
     */
    @Override
    protected void recordNamed(Level level, long timestamp, String loggerName, String message, Throwable error,
                               String caller, Map<String, ?> fields) {
        if (error == null && !config.echo() && !ForgedMarkers.mayNeedEscaping(message)) {
            Map<String, ?> own = fields == null || fields.isEmpty() ? null : fields;
            EventFormatter.Fragment named = formatter.fragment(loggerName, own);
            int bytes = formatter.deferredBytes(level, message, timestamp, caller, loggerName, named);
            if (bytes >= 0 && bytes <= config.maxEventBytes() - Batcher.EVENT_OVERHEAD) {
                add(new LogEvent(timestamp, bytes, sink.streamFor(timestamp), formatter, level, message, caller,
                        loggerName, named.text));
                return;
            }
            emit(level, timestamp, formatter.write(level, message, null, timestamp, caller, loggerName, named.text));
            return;
        }
        super.recordNamed(level, timestamp, loggerName, message, error, caller, fields);
    }

    @Override
    protected void emit(Level level, long timestamp, String formatted) {
        String line = ForgedMarkers.escape(formatted);  // only real parts start with [applog-part
        if (config.echo()) {
            config.out().println(PrintedLines.escape(line));
        }
        String stream = sink.streamFor(timestamp);
        int bytes = LogEvent.utf8Length(line);
        int maxBytes = config.maxEventBytes() - Batcher.EVENT_OVERHEAD;
        if (bytes <= maxBytes) {
            add(new LogEvent(timestamp, line, bytes, stream));  // the size counted once
            return;
        }
        sink.counters.split.increment();
        for (String part : MessageSplitter.split(line, maxBytes)) {
            add(new LogEvent(timestamp, part, stream));
        }
    }

    private void add(LogEvent event) {
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
     * Waits only for this logger's events, not for those of other context loggers.
     *
     * @return true when every event was stored by CloudWatch Logs
     */
    @Override
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
