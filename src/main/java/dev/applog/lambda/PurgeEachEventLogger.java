package dev.applog.lambda;

import dev.applog.AppLogger;
import dev.applog.Level;
import java.time.Duration;
import java.util.Map;

/**
 * A view of a logger that sends every event as soon as it is logged: used once nothing else will purge
 * the buffer in time (past the deadline margin, or after the handler returned).
 */
final class PurgeEachEventLogger implements AppLogger {

    private final AppLogger delegate;

    PurgeEachEventLogger(AppLogger delegate) { this.delegate = delegate; }

    @Override public void log(Level level, String message) { delegate.log(level, message, true); }

    @Override public void log(Level level, String message, boolean withPurge) { delegate.log(level, message, true); }

    @Override public void exception(String message, Throwable error) { delegate.exception(message, error); }

    @Override public void log(Level level, String message, Throwable error, boolean withPurge) {
        delegate.log(level, message, error, true);
    }

    @Override public void purge() { delegate.purge(); }

    @Override public boolean purge(Duration maxWait) { return delegate.purge(maxWait); }

    @Override public String classCode() { return delegate.classCode(); }

    @Override public boolean isPurgeable() { return delegate.isPurgeable(); }

    @Override public Level level() { return delegate.level(); }

    @Override public AppLogger withContext(Map<String, ?> fields) {
        return new PurgeEachEventLogger(delegate.withContext(fields));
    }
}
