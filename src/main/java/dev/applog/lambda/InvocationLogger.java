package dev.applog.lambda;

import dev.applog.AppLog;
import dev.applog.AppLogger;
import dev.applog.Level;
import java.time.Duration;
import java.util.Map;

/**
 * The invocation's logger as code sees it, in one class: a call goes from here straight to the invocation's own
 * logger (a {@code CloudWatchLogger} with the invocation's context fields). It adds the invocation's keys to each
 * event, lowers the threshold to DEBUG when the invocation is sampled, holds events at the buffered levels, and sends
 * each event at once when nothing will purge later (past the deadline margin, or after the handler returned).
 * Loggers made from it with {@code withContext} are the invocation's too.
 *
 * <p>{@link #ROUTED} is the one put into a handler's {@link AppLogger} fields: it holds no invocation and finds, at
 * each call, the one running on the calling thread ({@link InvocationScope}). So one handler instance shared by
 * concurrent invocations (Lambda Managed Instances) logs each event into the right invocation's context, and a field
 * set once keeps working for every later invocation. Outside an invocation it answers as {@link AppLog#current()}.
 */
final class InvocationLogger implements AppLogger {

    /** The logger of whichever invocation runs on the calling thread. */
    static final InvocationLogger ROUTED = new InvocationLogger(null, null);

    /** The invocation this logger belongs to; {@code null} for {@link #ROUTED}, which finds it at each call. */
    private final Invocation bound;
    /** Where its events go; {@code null} for {@link #ROUTED}, which takes the invocation's own logger at each call. */
    private final AppLogger target;

    InvocationLogger(Invocation bound, AppLogger target) {
        this.bound = bound;
        this.target = target;
    }

    /** The invocation of this call, or {@code null} outside one (only for {@link #ROUTED}). */
    private Invocation invocation() {
        return bound != null ? bound : InvocationScope.current();
    }

    private AppLogger target(Invocation invocation) {
        return target != null ? target : invocation.ownLogger();
    }

    // ---- logging ----------------------------------------------------------------------------------------

    @Override public void log(Level level, String message) {
        Invocation invocation = invocation();
        if (invocation == null) {
            AppLog.current().log(level, message);
        } else {
            handle(invocation, level, message, null, false, null);
        }
    }

    @Override public void log(Level level, String message, boolean withPurge) {
        Invocation invocation = invocation();
        if (invocation == null) {
            AppLog.current().log(level, message, withPurge);
        } else {
            handle(invocation, level, message, null, withPurge, null);
        }
    }

    @Override public void exception(String message, Throwable error) {
        Invocation invocation = invocation();
        if (invocation == null) {
            AppLog.current().exception(message, error);
        } else {
            handle(invocation, Level.ERROR, message, error, true, null);
        }
    }

    @Override public void log(Level level, String message, Throwable error, boolean withPurge) {
        Invocation invocation = invocation();
        if (invocation == null) {
            AppLog.current().log(level, message, error, withPurge);
        } else {
            handle(invocation, level, message, error, withPurge, null);
        }
    }

    @Override public void log(Level level, String message, Throwable error, boolean withPurge, Map<String, ?> fields) {
        Invocation invocation = invocation();
        if (invocation == null) {
            AppLog.current().log(level, message, error, withPurge, fields);
        } else {
            handle(invocation, level, message, error, withPurge, fields);
        }
    }

    @Override public void logAt(long timestamp, Level level, String message, Throwable error, Map<String, ?> fields) {
        Invocation invocation = invocation();
        if (invocation == null) {
            AppLog.current().logAt(timestamp, level, message, error, fields);
            return;
        }
        AppLogger to = target(invocation);
        to.logAt(timestamp, level, message, error, invocation.withKeys(fields));
        if (invocation.purgeEach()) {
            to.purge();
        }
    }

    /**
     * A bridged line (SLF4J, java.util.logging, System.Logger): the invocation's keys added, an ERROR flushes what
     * is held, and, once nothing will purge later, it is sent at once.
     */
    @Override public void logNamed(String loggerName, Level level, long timestamp, String message, Throwable error,
                                   Map<String, ?> fields) {
        Invocation invocation = invocation();
        if (invocation == null) {
            AppLog.current().logNamed(loggerName, level, timestamp, message, error, fields);
            return;
        }
        if (invocation.options().flushOnErrorLog() && level != null && level.atLeast(Level.ERROR)) {
            invocation.flushHeld();
        }
        AppLogger to = target(invocation);
        to.logNamed(loggerName, level, timestamp, message, error, invocation.withKeys(fields));
        if (invocation.purgeEach()) {
            to.purge();
        }
    }

    private void handle(Invocation invocation, Level level, String message, Throwable error, boolean withPurge,
                        Map<String, ?> fields) {
        AppLogger to = target(invocation);
        Level lvl = level == null ? Level.INFO : level;
        boolean purge = withPurge || invocation.purgeEach();
        Map<String, ?> all = invocation.withKeys(fields);
        boolean sampled = invocation.isSampled();
        Level bufferAt = invocation.options().bufferAtVerbosity();
        if (bufferAt != null && !sampled && lvl.ordinal() <= bufferAt.ordinal()) {
            if (!invocation.isClosed()) {
                if (invocation.isPastMargin()) {
                    to.logAt(now(), lvl, message, error, all);  // the watchdog has fired: nothing to hold for
                } else {
                    invocation.hold(now(), lvl, message, error, all, to);
                }
            }
            if (purge) {
                to.purge();
            }
            return;
        }
        if (invocation.options().flushOnErrorLog() && lvl.atLeast(Level.ERROR)) {
            invocation.flushHeld();
        }
        if (lvl.atLeast(to.level())) {
            to.log(lvl, message, error, purge, all);
        } else {
            if (sampled) {
                to.logAt(now(), lvl, message, error, all);
            }
            if (purge) {
                to.purge();
            }
        }
    }

    private static long now() { return System.currentTimeMillis(); }

    // ---- the rest of the logger --------------------------------------------------------------------------

    @Override public Level level() {
        Invocation invocation = invocation();
        if (invocation == null) {
            return AppLog.current().level();
        }
        Level threshold = target(invocation).level();
        if (invocation.isSampled() && Level.DEBUG.ordinal() < threshold.ordinal()) {
            threshold = Level.DEBUG;
        }
        if (invocation.options().bufferAtVerbosity() != null) {
            threshold = Level.DEBUG;  // the held levels are taken (held), so their messages are built
        }
        return threshold;
    }

    @Override public boolean isEnabled(Level level) {
        Invocation invocation = invocation();
        if (invocation == null) {
            return AppLog.current().isEnabled(level);
        }
        return level != null && level.atLeast(level());
    }

    @Override public AppLogger withContext(Map<String, ?> fields) {
        Invocation invocation = invocation();
        if (invocation == null) {
            return AppLog.current().withContext(fields);
        }
        return invocation.adopt(target(invocation).withContext(fields));
    }

    @Override public Level levelFor(String loggerName) { return current().levelFor(loggerName); }

    @Override public void purge() { current().purge(); }

    @Override public boolean purge(Duration maxWait) { return current().purge(maxWait); }

    @Override public String classCode() { return current().classCode(); }

    @Override public boolean isPurgeable() { return current().isPurgeable(); }

    /** Where the calls this logger does not change go: the invocation's logger, or outside one AppLog's. */
    private AppLogger current() {
        Invocation invocation = invocation();
        return invocation == null ? AppLog.current() : target(invocation);
    }

    @Override public String toString() {
        return bound == null ? "AppLogger routed to the current invocation" : "AppLogger of invocation " + bound.requestId();
    }
}
