package dev.applog.lambda;

import dev.applog.AppLogger;
import dev.applog.FrozenFields;
import dev.applog.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongSupplier;

/**
 * One handler invocation: its own logger (the shared logger with this invocation's context fields and a
 * buffer of its own), its deadline, and whether the watchdog has fired; the keys appended for it
 * ({@code AppLog.appendKey}), whether it is sampled at DEBUG, and the events held back until it fails (debug
 * buffering). Reached from the handler's thread and every thread it starts through {@link InvocationScope}.
 */
final class Invocation {

    private final AppLogger base;
    private final Map<String, Object> fields;
    private final String requestId;
    /** Remaining milliseconds of the invocation, or {@code null} when it has no Lambda context. */
    private final LongSupplier remainingMillis;
    private final InvocationOptions options;
    private final boolean sampled;
    /** Every logger this invocation has used: all of them are purged at the end. */
    private final List<AppLogger> loggers = new CopyOnWriteArrayList<>();
    /** The invocation's own logger (replaced when the correlation id changes), and the one code gets for it. */
    private volatile AppLogger own;
    private volatile AppLogger logger;
    private volatile boolean closed;
    private volatile boolean pastMargin;
    private volatile ScheduledFuture<?> watchdog;

    /**
     * Keys for every later event of the invocation; written under its lock, read through the snapshot, which is
     * replaced on each change (so an event holds it without a copy, and a logger writes its text once per snapshot).
     */
    private final Map<String, Object> keys = new LinkedHashMap<>();
    private volatile FrozenFields keySnapshot = FrozenFields.of(Map.of());

    /** Debug buffering: held events, oldest first, and what was dropped to keep within the bound. */
    private final Object heldLock = new Object();
    private final Deque<Held> held = new ArrayDeque<>();
    private long heldBytes;
    private int droppedEvents;
    private long droppedBytes;
    private long firstDroppedAt;

    private record Held(long timestamp, Level level, String message, Throwable error, Map<String, ?> fields,
                        AppLogger target, long bytes) {}

    Invocation(AppLogger base, Map<String, Object> fields, String requestId, LongSupplier remainingMillis) {
        this(base, fields, requestId, remainingMillis, InvocationOptions.DEFAULT, false, Map.of());
    }

    Invocation(AppLogger base, Map<String, Object> fields, String requestId, LongSupplier remainingMillis,
               InvocationOptions options, boolean sampled, Map<String, Object> keptKeys) {
        this.base = base;
        this.fields = new LinkedHashMap<>(fields);
        this.requestId = requestId;
        this.remainingMillis = remainingMillis;
        this.options = options;
        this.sampled = sampled;
        if (!keptKeys.isEmpty()) {
            keys.putAll(keptKeys);
            keySnapshot = FrozenFields.of(keys);
        }
        use(base.withContext(this.fields));
    }

    private void use(AppLogger next) {
        loggers.add(next);
        own = next;
        logger = new InvocationLogger(this, next);
    }

    /** A logger made with {@code withContext} during the invocation: purged with the invocation's own. */
    AppLogger adopt(AppLogger child) {
        if (!closed && !pastMargin) {
            loggers.add(child);
        }
        return new InvocationLogger(this, child);
    }

    /** True once nothing will purge later (the handler returned, or the watchdog fired): each event is sent at once. */
    boolean purgeEach() { return closed || pastMargin; }

    /** {@code fields} with the invocation's keys before them (the call's own fields win). */
    Map<String, ?> withKeys(Map<String, ?> fields) {
        FrozenFields appended = keySnapshot;
        if (appended.isEmpty()) {
            return fields;
        }
        if (fields == null || fields.isEmpty()) {
            return appended;
        }
        Map<String, Object> merged = new LinkedHashMap<>(appended);
        merged.putAll(fields);  // the call's own fields win over the invocation's keys
        return merged;
    }

    // ---- keys for the rest of the invocation ----------------------------------------------------------

    void appendKey(String key, Object value) {
        synchronized (keys) {
            keys.put(String.valueOf(key), value);
            keySnapshot = FrozenFields.of(keys);
        }
    }

    void removeKey(String key) {
        synchronized (keys) {
            keys.remove(key);
            keySnapshot = FrozenFields.of(keys);
        }
    }

    /** Removes every key appended so far (SLF4J's {@code MDC.clear()} in the invocation). */
    void clearKeys() {
        synchronized (keys) {
            keys.clear();
            keySnapshot = FrozenFields.of(keys);
        }
    }

    /** The keys appended so far, in order. */
    Map<String, Object> keys() { return keySnapshot; }

    // ---- debug buffering -------------------------------------------------------------------------------

    /** Holds an event until the invocation fails (debug buffering), within the bound. */
    void hold(long timestamp, Level level, String message, Throwable error, Map<String, ?> fields, AppLogger target) {
        long bytes = textBytes(message) + fieldBytes(fields);
        synchronized (heldLock) {
            held.addLast(new Held(timestamp, level, message, error, fields, target, bytes));
            heldBytes += bytes;
            // the newest events are the ones nearest the failure: the oldest make room
            while (heldBytes > options.bufferMaxBytes() && !held.isEmpty()) {
                Held dropped = held.removeFirst();
                heldBytes -= dropped.bytes();
                if (droppedEvents == 0) {
                    firstDroppedAt = dropped.timestamp();
                }
                droppedEvents++;
                droppedBytes += dropped.bytes();
            }
        }
    }

    /**
     * Stores every held event, with its own time, and a marker line where the bound made room (how many events
     * and bytes were dropped). Called when the invocation logs an ERROR, when an exception escapes, and by the
     * watchdog near the deadline.
     */
    void flushHeld() {
        List<Held> events;
        int dropped;
        long droppedSize;
        long droppedAt;
        synchronized (heldLock) {
            if (held.isEmpty() && droppedEvents == 0) {
                return;
            }
            events = new ArrayList<>(held);
            dropped = droppedEvents;
            droppedSize = droppedBytes;
            droppedAt = firstDroppedAt;
            held.clear();
            heldBytes = 0;
            droppedEvents = 0;
            droppedBytes = 0;
        }
        AppLogger own = loggers.get(0);
        if (dropped > 0) {
            own.logAt(droppedAt, Level.WARNING, "applog: " + dropped + " earlier event(s) held for this invocation ("
                    + droppedSize + " bytes) were dropped here: the debug buffer holds at most "
                    + options.bufferMaxBytes() + " bytes (bufferMaxBytes, APPLOG_BUFFER_MAX_BYTES)", null, keySnapshot);
        }
        for (Held event : events) {
            event.target().logAt(event.timestamp(), event.level(), event.message(), event.error(), event.fields());
        }
    }

    /** Forgets what is held: the invocation ended cleanly. */
    private void dropHeld() {
        synchronized (heldLock) {
            held.clear();
            heldBytes = 0;
            droppedEvents = 0;
            droppedBytes = 0;
        }
    }

    private static long textBytes(String text) {
        if (text == null) {
            return 4;
        }
        long bytes = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    private static long fieldBytes(Map<String, ?> fields) {
        if (fields == null) {
            return 0;
        }
        long bytes = 0;
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            bytes += textBytes(field.getKey()) + textBytes(String.valueOf(field.getValue())) + 4;
        }
        return bytes;
    }

    // ---- the invocation --------------------------------------------------------------------------------

    String requestId() { return requestId; }

    boolean isClosed() { return closed; }

    boolean isPastMargin() { return pastMargin; }

    boolean isSampled() { return sampled; }

    InvocationOptions options() { return options; }

    Map<String, Object> fields() {
        synchronized (fields) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** The logger for code running now (see {@link InvocationLogger}). */
    AppLogger logger() {
        return logger;
    }

    /** The invocation's own logger, where {@link InvocationLogger#ROUTED}'s calls go. */
    AppLogger ownLogger() {
        return own;
    }

    /** Replaces the correlation id for the events logged from now on. */
    void setCorrelationId(String correlationId) {
        synchronized (fields) {
            if (correlationId == null || correlationId.isEmpty()) {
                fields.remove(ContextFields.CORRELATION_ID);
            } else {
                fields.put(ContextFields.CORRELATION_ID, correlationId);
            }
            use(base.withContext(new LinkedHashMap<>(fields)));
        }
    }

    void watchdog(ScheduledFuture<?> future) { this.watchdog = future; }

    /** The time left, or {@code null} when unknown (no context, or one that cannot tell). */
    private Long remaining() {
        if (remainingMillis == null) {
            return null;
        }
        try {
            return remainingMillis.getAsLong();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * The watchdog's work: what is held is stored (the invocation is about to time out), from now on every event is
     * sent at once, and what is buffered goes now.
     */
    void deadlineNear(Duration maxWait) {
        pastMargin = true;
        try {
            flushHeld();
        } catch (RuntimeException e) {
            // a logger never throws by contract; the purge below must run all the same
        }
        for (AppLogger each : loggers) {
            each.purge(maxWait);
        }
    }

    /** Logs an exception that escapes the handler, with its stack trace. Never throws. */
    void logEscaping(Throwable error, String where) {
        try {
            flushHeld();
            if (options.logError()) {
                logger.log(Level.ERROR, "unhandled exception in " + where + ": " + error, error, false);
            }
        } catch (Throwable ignored) {
            // the handler's exception is what the caller must see, not ours
        }
    }

    /**
     * The handler has returned and its purge is left to after the response ({@code APPLOG_DELIVERY=after-response}):
     * what threads it started log from now on is sent at once; the watchdog stays armed until {@link #close}.
     */
    void handlerReturned() {
        closed = true;
        dropHeld();  // it returned without an error: what debug buffering held is not wanted (as in close)
    }

    /**
     * Closes the invocation: stops the watchdog, forgets what is held (it ended without an error) and sends every
     * buffered event, waiting at most until shortly before the deadline ({@code reserveMillis} before it). Never throws.
     */
    void close(long reserveMillis) {
        closed = true;
        dropHeld();
        ScheduledFuture<?> armed = watchdog;
        if (armed != null) {
            armed.cancel(false);
        }
        for (AppLogger each : loggers) {
            try {
                Long remaining = remaining();
                if (remaining == null) {
                    each.purge();
                } else {
                    each.purge(Duration.ofMillis(Math.max(0, remaining - reserveMillis)));
                }
            } catch (Throwable ignored) {
                // a logger never throws by contract; this guards the handler all the same
            }
        }
    }
}
