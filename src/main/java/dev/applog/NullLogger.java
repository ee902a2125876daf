package dev.applog;

import java.util.Map;

/** {@code #null}: swallows every event, on purpose (for tests, or to switch logging off by configuration). */
final class NullLogger extends BaseLogger {

    NullLogger(LoggerConfig config, Map<String, ?> context) { super(config, context); }

    @Override
    public void log(Level level, String message, Throwable error, boolean withPurge) {
        // nothing to do: this kind exists to log nowhere
    }

    @Override
    public void logNamed(String loggerName, Level level, long timestamp, String message, Throwable error,
                         Map<String, ?> fields) {
        // nothing to do: this kind exists to log nowhere
    }

    @Override
    public Level levelFor(String loggerName) { return Level.CRITICAL; }

    @Override
    public void log(Level level, String message, Throwable error, boolean withPurge, Map<String, ?> fields) { }

    @Override
    public void logAt(long timestamp, Level level, String message, Throwable error, Map<String, ?> fields) { }

    @Override
    protected void emit(Level level, long timestamp, String line) { }

    @Override
    public boolean isEnabled(Level level) { return false; }

    @Override
    public String classCode() { return LoggerKind.NULL.label(); }

    @Override
    public boolean isPurgeable() { return false; }

    @Override
    public AppLogger withContext(Map<String, ?> fields) { return this; }
}
