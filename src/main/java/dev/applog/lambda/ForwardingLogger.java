package dev.applog.lambda;

import dev.applog.AppLogger;
import dev.applog.Level;
import java.time.Duration;
import java.util.Map;

/**
 * A logger that hands every call to another one ({@link #delegate()}); the views of this package override only
 * what they change.
 */
abstract class ForwardingLogger implements AppLogger {

    /** The logger this call goes to (may differ from call to call). */
    protected abstract AppLogger delegate();

    @Override public void log(Level level, String message) { delegate().log(level, message); }

    @Override public void log(Level level, String message, boolean withPurge) { delegate().log(level, message, withPurge); }

    @Override public void exception(String message, Throwable error) { delegate().exception(message, error); }

    @Override public void log(Level level, String message, Throwable error, boolean withPurge) {
        delegate().log(level, message, error, withPurge);
    }

    @Override public void log(Level level, String message, Throwable error, boolean withPurge, Map<String, ?> fields) {
        delegate().log(level, message, error, withPurge, fields);
    }

    @Override public void logAt(long timestamp, Level level, String message, Throwable error, Map<String, ?> fields) {
        delegate().logAt(timestamp, level, message, error, fields);
    }

    @Override public void purge() { delegate().purge(); }

    @Override public boolean purge(Duration maxWait) { return delegate().purge(maxWait); }

    @Override public String classCode() { return delegate().classCode(); }

    @Override public boolean isPurgeable() { return delegate().isPurgeable(); }

    @Override public Level level() { return delegate().level(); }

    @Override public AppLogger withContext(Map<String, ?> fields) { return delegate().withContext(fields); }

    @Override public Level levelFor(String loggerName) { return delegate().levelFor(loggerName); }

    @Override public void logNamed(String loggerName, Level level, long timestamp, String message, Throwable error,
                                   Map<String, ?> fields) {
        delegate().logNamed(loggerName, level, timestamp, message, error, fields);
    }
}
