package dev.applog;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The logger a handler sees. Every kind of logger ({@code cloud-watch}, {@code #print}, {@code #null},
 * {@code #standard-logger}) offers this API, so code written against it runs unchanged whichever kind
 * the configuration picks.
 *
 * <p>No method throws because of logging: a failure to deliver goes to the fallback (stdout), never to
 * the caller. A {@code null} message is logged as the text {@code "null"}.
 *
 * <p>Purge rules: an event logged with {@code withPurge = true}, every event at the configured purge level or
 * above ({@code LoggerConfig.purgeLevel}, CRITICAL by default, so every {@link #critical} event), and every
 * {@link #exception} event, is followed by a {@link #purge()} before the call returns: it and the events logged
 * before it are stored (or in the fallback) when the call returns, so they survive a process that dies right
 * after.
 */
public interface AppLogger extends AutoCloseable {

    // ---- the core API, shaped as the Python custom_logging.py logger's (docs/logger.md#the-original) ----------

    void log(Level level, String message);

    /** Logs, then purges when {@code withPurge} is true. Kept for the Python {@code custom_logging.py} API (see docs/logger.md#the-original). */
    void log(Level level, String message, boolean withPurge);

    default void debug(String message) { log(Level.DEBUG, message, false); }

    /** Kept for the Python {@code custom_logging.py} API (see docs/logger.md#the-original). */
    default void debug(String message, boolean withPurge) { log(Level.DEBUG, message, withPurge); }

    default void info(String message) { log(Level.INFO, message, false); }

    /** Kept for the Python {@code custom_logging.py} API (see docs/logger.md#the-original). */
    default void info(String message, boolean withPurge) { log(Level.INFO, message, withPurge); }

    default void warning(String message) { log(Level.WARNING, message, false); }

    /** Kept for the Python {@code custom_logging.py} API (see docs/logger.md#the-original). */
    default void warning(String message, boolean withPurge) { log(Level.WARNING, message, withPurge); }

    default void error(String message) { log(Level.ERROR, message, false); }

    /** Kept for the Python {@code custom_logging.py} API (see docs/logger.md#the-original). */
    default void error(String message, boolean withPurge) { log(Level.ERROR, message, withPurge); }

    /** Logs at CRITICAL and purges (CRITICAL is at or above every purge level). */
    default void critical(String message) { log(Level.CRITICAL, message, true); }

    /** Logs at ERROR and purges. */
    default void exception(String message) { exception(message, null); }

    /** Logs at ERROR with the throwable's stack trace (when not null) and purges. */
    void exception(String message, Throwable error);

    /**
     * Sends everything buffered and returns when every event logged before this call is stored or has
     * been handed to the fallback. Waits at most the logger's delivery deadline.
     */
    void purge();

    /**
     * The logger kind's label: {@code cloud-watch}, {@code #print}, {@code #null}, {@code #standard-logger}.
     * Kept for the Python {@code custom_logging.py} API (see docs/logger.md#the-original). In Java, {@code LoggerKind} says the same as a type.
     */
    String classCode();

    /** True when events are buffered, so that {@link #purge()} does something. Kept for the Python {@code custom_logging.py} API (see docs/logger.md#the-original). */
    boolean isPurgeable();

    // ---- idiomatic extras ---------------------------------------------------------------------------

    /** The threshold: events below it are dropped on purpose (not built, not counted as lost). */
    Level level();

    default boolean isEnabled(Level level) { return level != null && level.atLeast(level()); }

    /**
     * Builds the message only when {@code level} passes the threshold. A supplier that throws does not fail the
     * call: the event is logged at {@code level} as {@code "applog: the message supplier threw <exception>"}
     * with the exception's stack trace.
     */
    default void log(Level level, Supplier<String> message) {
        if (isEnabled(level)) {
            String text;
            try {
                text = message == null ? null : message.get();
            } catch (RuntimeException e) {
                log(level, "applog: the message supplier threw " + EventFormatter.safeText(e), e, false);
                return;
            }
            log(level, text, false);
        }
    }

    default void debug(Supplier<String> message) { log(Level.DEBUG, message); }

    default void info(Supplier<String> message) { log(Level.INFO, message); }

    default void warning(String message, Throwable error) { log(Level.WARNING, message, error, false); }

    default void error(String message, Throwable error) { log(Level.ERROR, message, error, false); }

    default void critical(String message, Throwable error) { log(Level.CRITICAL, message, error, true); }

    /** Logs {@code message} with {@code error}'s stack trace (when not null). */
    void log(Level level, String message, Throwable error, boolean withPurge);

    /**
     * Like {@link #purge()}, but waits at most {@code maxWait}; what is not delivered by then goes to the
     * fallback. Returns true when everything was stored by CloudWatch Logs (or nothing needed sending).
     */
    boolean purge(Duration maxWait);

    // ---- structured arguments (key-value pairs on one event) --------------------------------------------

    /**
     * Logs {@code message} with key-value pairs of its own, e.g. {@code log.info("order placed", entry("orderId", id))}
     * (see {@link StructuredArguments}): in {@code #json} keys of the record, in the text formats {@code key=value}
     * after the message.
     */
    default void log(Level level, String message, StructuredArgument... arguments) {
        log(level, message, null, false, StructuredArgument.fieldsOf(arguments));
    }

    default void debug(String message, StructuredArgument... arguments) { log(Level.DEBUG, message, arguments); }

    default void info(String message, StructuredArgument... arguments) { log(Level.INFO, message, arguments); }

    default void warning(String message, StructuredArgument... arguments) { log(Level.WARNING, message, arguments); }

    default void error(String message, StructuredArgument... arguments) { log(Level.ERROR, message, arguments); }

    default void error(String message, Throwable error, StructuredArgument... arguments) {
        log(Level.ERROR, message, error, false, StructuredArgument.fieldsOf(arguments));
    }

    /** Logs at CRITICAL with the pairs, and purges. */
    default void critical(String message, StructuredArgument... arguments) {
        log(Level.CRITICAL, message, null, true, StructuredArgument.fieldsOf(arguments));
    }

    /**
     * The call the others come down to when an event has fields of its own ({@code fields}: key to value, in order;
     * null or empty for none). This default, for loggers written outside the library, appends the pairs to the
     * message as {@code key=value}; the library's loggers write them as the format wants.
     */
    default void log(Level level, String message, Throwable error, boolean withPurge, Map<String, ?> fields) {
        String text = fields == null || fields.isEmpty() ? message : message + EventFormatter.keyValues(fields);
        log(level, text, error, withPurge);
    }

    /**
     * Logs an event that happened at {@code timestamp} (epoch milliseconds), whatever the threshold: the invocation
     * uses it to store held DEBUG events, with their own time, when it fails, and for sampled invocations.
     */
    default void logAt(long timestamp, Level level, String message, Throwable error, Map<String, ?> fields) {
        log(level, message, error, false, fields);
    }

    /**
     * A logger with the same destination, level and format whose events also carry {@code fields}
     * (in the JSON format as extra keys; {@code function_name} also becomes the text formats' {@code {func}}).
     * It has a buffer of its own: its {@link #purge()} sends and waits for its own events only, so
     * concurrent invocations in one JVM do not wait for each other. It shares the parent's connection.
     */
    AppLogger withContext(Map<String, ?> fields);

    /**
     * Sends what is buffered and lets go of the library's background threads once no logger needs them: for a
     * logger made with {@link AppLoggers} in code outside Lambda (a command-line tool, a test, a container). Use
     * try-with-resources, or call it before the code ends. Loggers that hold nothing do nothing. Never throws.
     */
    @Override
    default void close() { }

    // ---- for the bridges (SLF4J, java.util.logging, System.Logger) -----------------------------------

    /**
     * The threshold for lines of the named logger (an SLF4J or java.util.logging logger's name): its entry in
     * the configuration's per-name levels ({@code APPLOG_LEVELS}), else {@link #level()}.
     */
    default Level levelFor(String loggerName) { return level(); }

    /**
     * Logs one line that arrived through another logging API: {@code loggerName} becomes the {@code logger} field
     * (and {@code {logger}} in a format string), {@code fields} (MDC entries, key-value pairs) become top-level
     * keys in {@code #json} and {@code key=value} after the message in the text formats. Logged when
     * {@code level} passes {@link #levelFor(String)}. {@code timestamp} is the line's own time (epoch
     * milliseconds), e.g. that of a line logged during Lambda's init phase and sent with the first invocation.
     * The message is final: the bridges format their arguments before calling (and only when the level passes).
     */
    default void logNamed(String loggerName, Level level, long timestamp, String message, Throwable error,
                          Map<String, ?> fields) {
        if (level != null && level.atLeast(levelFor(loggerName))) {
            StringBuilder text = new StringBuilder(message == null ? "null" : message);
            if (fields != null) {
                fields.forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
            }
            log(level, text.toString(), error, false);
        }
    }
}
