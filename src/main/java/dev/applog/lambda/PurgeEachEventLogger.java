package dev.applog.lambda;

import dev.applog.AppLogger;
import dev.applog.Level;
import java.util.Map;

/**
 * A view of a logger that sends every event as soon as it is logged: used once nothing else will purge
 * the buffer in time (past the deadline margin, or after the handler returned).
 */
final class PurgeEachEventLogger extends ForwardingLogger {

    private final AppLogger delegate;

    PurgeEachEventLogger(AppLogger delegate) { this.delegate = delegate; }

    @Override protected AppLogger delegate() { return delegate; }

    @Override public void log(Level level, String message) { delegate.log(level, message, true); }

    @Override public void log(Level level, String message, boolean withPurge) { delegate.log(level, message, true); }

    @Override public void log(Level level, String message, Throwable error, boolean withPurge) {
        delegate.log(level, message, error, true);
    }

    @Override public void log(Level level, String message, Throwable error, boolean withPurge, Map<String, ?> fields) {
        delegate.log(level, message, error, true, fields);
    }

    @Override public void logAt(long timestamp, Level level, String message, Throwable error, Map<String, ?> fields) {
        delegate.logAt(timestamp, level, message, error, fields);
        delegate.purge();
    }

    @Override public AppLogger withContext(Map<String, ?> fields) {
        return new PurgeEachEventLogger(delegate.withContext(fields));
    }
}
