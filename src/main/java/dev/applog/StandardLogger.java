package dev.applog;

import java.util.Map;

/**
 * {@code #standard-logger}: hands events to the platform logging API, {@link System.Logger}. It was chosen over
 * {@code java.util.logging} directly because it is the JDK's own front door: by default it writes to
 * java.util.logging, and an application that installs a bridge (SLF4J, Log4j 2) gets our events in its own
 * logging without any change here. The logger is named after the function ({@code applog} without one).
 * CRITICAL has no platform level: it is logged as ERROR (formats with {@code {level}} still show CRITICAL).
 */
final class StandardLogger extends BaseLogger {

    private final System.Logger platform;

    StandardLogger(LoggerConfig config, Map<String, ?> context) {
        super(config, context);
        this.platform = System.getLogger(config.function() == null ? "applog" : config.function());
    }

    @Override
    protected void emit(Level level, long timestamp, String line) {
        switch (level) {
            case DEBUG: platform.log(System.Logger.Level.DEBUG, line); break;
            case INFO: platform.log(System.Logger.Level.INFO, line); break;
            case WARNING: platform.log(System.Logger.Level.WARNING, line); break;
            case ERROR: platform.log(System.Logger.Level.ERROR, line); break;
            default: platform.log(System.Logger.Level.ERROR, line); break;  // no CRITICAL on the platform
        }
    }

    /** The platform logger's name. */
    String name() { return platform.getName(); }

    @Override
    public String classCode() { return LoggerKind.STANDARD_LOGGER.label(); }

    @Override
    public boolean isPurgeable() { return false; }

    @Override
    public AppLogger withContext(Map<String, ?> fields) { return new StandardLogger(config, mergedContext(fields)); }
}
