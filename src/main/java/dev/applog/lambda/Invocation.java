package dev.applog.lambda;

import dev.applog.AppLogger;
import dev.applog.Level;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongSupplier;

/**
 * One handler invocation: its own logger (the shared logger with this invocation's context fields and a
 * buffer of its own), its deadline, and whether the watchdog has fired. Reached from the handler's thread
 * and every thread it starts through {@link InvocationScope}.
 */
final class Invocation {

    private final AppLogger base;
    private final Map<String, Object> fields;
    private final String requestId;
    /** Remaining milliseconds of the invocation, or {@code null} when it has no Lambda context. */
    private final LongSupplier remainingMillis;
    /** Every logger this invocation has used: all of them are purged at the end. */
    private final List<AppLogger> loggers = new CopyOnWriteArrayList<>();
    private volatile AppLogger logger;
    private volatile AppLogger purgingView;
    private volatile boolean closed;
    private volatile boolean pastMargin;
    private volatile ScheduledFuture<?> watchdog;

    Invocation(AppLogger base, Map<String, Object> fields, String requestId, LongSupplier remainingMillis) {
        this.base = base;
        this.fields = new LinkedHashMap<>(fields);
        this.requestId = requestId;
        this.remainingMillis = remainingMillis;
        use(base.withContext(this.fields));
    }

    private void use(AppLogger next) {
        loggers.add(next);
        purgingView = new PurgeEachEventLogger(next);
        logger = new Adopting(next);
    }

    /**
     * A logger made with {@code withContext} during the invocation: purged with the invocation's own (it has a
     * buffer of its own); once the invocation is closed or past its margin, a view that sends each event at once.
     */
    private AppLogger adopt(AppLogger child) {
        if (closed || pastMargin) {
            return new PurgeEachEventLogger(child);
        }
        loggers.add(child);
        return new Adopting(child);
    }

    /** The invocation's logger as code sees it: the same, but the loggers made from it are the invocation's too. */
    private final class Adopting extends ForwardingLogger {
        private final AppLogger delegate;

        Adopting(AppLogger delegate) { this.delegate = delegate; }

        @Override protected AppLogger delegate() { return delegate; }

        @Override public AppLogger withContext(Map<String, ?> fields) { return adopt(delegate.withContext(fields)); }
    }

    String requestId() { return requestId; }

    boolean isClosed() { return closed; }

    boolean isPastMargin() { return pastMargin; }

    Map<String, Object> fields() {
        synchronized (fields) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /**
     * The logger for code running now: the invocation's own while it runs normally; once the watchdog has
     * fired, or after the handler returned (a thread it started still logging), one that sends every event
     * at once, because nothing will purge a buffer later.
     */
    AppLogger logger() {
        return closed || pastMargin ? purgingView : logger;
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

    /** The watchdog's work: from now on every event is sent at once, and what is buffered goes now. */
    void deadlineNear(Duration maxWait) {
        pastMargin = true;
        for (AppLogger each : loggers) {
            each.purge(maxWait);
        }
    }

    /** Logs an exception that escapes the handler, with its stack trace. Never throws. */
    void logEscaping(Throwable error, String where) {
        try {
            logger.log(Level.ERROR, "unhandled exception in " + where + ": " + error, error, false);
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
    }

    /**
     * Closes the invocation: stops the watchdog and sends every buffered event, waiting at most until
     * shortly before the deadline ({@code reserveMillis} before it). Never throws.
     */
    void close(long reserveMillis) {
        closed = true;
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
