package dev.applog;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The five levels of the original logger (the Python {@code custom_logging.py}; docs/logger.md#the-original), with Python's numbers.
 * See {@link #parse(String)} for the names and aliases accepted.
 */
public enum Level {
    DEBUG(10), INFO(20), WARNING(30), ERROR(40), CRITICAL(50);

    private final int number;

    Level(int number) { this.number = number; }

    /** Python's number for this level (10, 20, 30, 40, 50). */
    public int number() { return number; }

    public boolean atLeast(Level threshold) { return number >= threshold.number; }

    /** Unknown texts already warned about, so each one is reported once per JVM, not once per call. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    /**
     * Reads a level the way users and Lambda write it. Never throws.
     * <ul>
     *   <li>{@code null}, empty or blank: {@link #INFO}.</li>
     *   <li>a name in any case: {@code debug}, {@code Info}, {@code WARNING}, {@code error}, {@code CRITICAL};</li>
     *   <li>the aliases Lambda's {@code AWS_LAMBDA_LOG_LEVEL} and other loggers use: {@code WARN} = WARNING,
     *       {@code FATAL} = CRITICAL, {@code TRACE} = DEBUG;</li>
     *   <li>Python's numbers: 10, 20, 30, 40, 50; a number in between means the level just below it
     *       (Python's custom levels, e.g. 25 = INFO); below 10 = DEBUG, above 50 = CRITICAL.</li>
     *   <li>anything else: INFO, with one warning on stderr per distinct text (a documented
     *       transformation: a typo in a setting must not stop an application from logging).</li>
     * </ul>
     */
    public static Level parse(String text) {
        return parse(text, System.err::println);
    }

    /** Like {@link #parse(String)}, but the one warning for an unknown text goes to {@code warnings}. */
    public static Level parse(String text, Consumer<String> warnings) {
        Level known = parseOrNull(text);
        if (known != null) {
            return known;
        }
        String trimmed = text.trim();
        if (WARNED.add(trimmed) && warnings != null) {
            warnings.accept("applog: unknown log level '" + trimmed + "', using INFO. Known levels: DEBUG, INFO, "
                    + "WARNING, ERROR, CRITICAL (any case), the aliases TRACE, WARN, FATAL, or 10..50.");
        }
        return INFO;
    }

    /** Python's number to a level, as {@link #parse(String)} reads numbers. */
    public static Level ofNumber(int number) {
        Level result = DEBUG;
        for (Level level : values()) {
            if (number >= level.number) {
                result = level;
            }
        }
        return result;
    }

    /** The level for {@code text}, or {@code null} when the text is not empty and not a known level. */
    static Level parseOrNull(String text) {
        if (text == null || text.isBlank()) {
            return INFO;
        }
        String name = text.trim().toUpperCase(Locale.ROOT);
        switch (name) {
            case "DEBUG": case "TRACE": return DEBUG;
            case "INFO": return INFO;
            case "WARNING": case "WARN": return WARNING;
            case "ERROR": return ERROR;
            case "CRITICAL": case "FATAL": return CRITICAL;
            default: break;
        }
        if (name.matches("[+-]?\\d{1,9}")) {
            return ofNumber(Integer.parseInt(name));
        }
        return null;
    }
}
