package dev.applog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Thresholds per logger name, for the lines that arrive through SLF4J, java.util.logging and
 * {@code System.Logger}: {@code software.amazon.awssdk=WARNING,com.example=DEBUG}. A name's threshold is that of
 * the longest entry equal to it or to one of its dot-separated prefixes ({@code com.example} covers
 * {@code com.example.orders.Repo}, not {@code com.examples}); a name no entry covers has the logger's level.
 *
 * <p>Library loggers that are chatty at INFO and below start at WARNING ({@link #LIBRARY_DEFAULTS}: the AWS SDK
 * v1 and v2, Apache HttpClient, Netty), so that they do not flood the application's stream; an entry of the
 * user's with the same name (or a longer one) wins.
 */
public final class LoggerLevels {

    /** The entries every configuration starts with. */
    public static final Map<String, Level> LIBRARY_DEFAULTS = Map.of(
            "software.amazon.awssdk", Level.WARNING,
            "com.amazonaws", Level.WARNING,
            "org.apache.http", Level.WARNING,
            "io.netty", Level.WARNING);

    /** Names whose threshold is cached; more distinct names than this are looked up each time. */
    private static final int CACHE_LIMIT = 4_096;

    private static final LoggerLevels DEFAULTS = new LoggerLevels(Map.of());

    /** The entries as given, without the library defaults. */
    private final Map<String, Level> given;
    private final Map<String, Level> entries;
    /** The lowest threshold of any entry: below the logger's level and this, nothing passes. */
    private final Level lowest;
    private final Map<String, Found> cache = new ConcurrentHashMap<>();

    private LoggerLevels(Map<String, Level> given) {
        this.given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
        Map<String, Level> all = new LinkedHashMap<>(LIBRARY_DEFAULTS);
        all.putAll(given);
        this.entries = Collections.unmodifiableMap(all);
        Level min = Level.CRITICAL;
        for (Level level : all.values()) {
            if (!level.atLeast(min)) {
                min = level;
            }
        }
        this.lowest = min;
    }

    /** Only the library defaults. */
    public static LoggerLevels defaults() { return DEFAULTS; }

    /** The library defaults and {@code entries} (which win). */
    public static LoggerLevels of(Map<String, Level> entries) {
        return entries == null || entries.isEmpty() ? DEFAULTS : new LoggerLevels(entries);
    }

    /**
     * Reads {@code name=LEVEL} entries separated by commas (blanks around them are ignored; an empty text gives
     * the defaults). The level is one of {@link Level#parse}'s names or numbers.
     *
     * @throws AppLogConfigException naming the entry and the rule, for an entry without {@code =}, with an empty
     *     name or an unknown level (a per-name level is a deliberate choice: a typo must not pass silently)
     */
    public static LoggerLevels parse(String text) {
        Map<String, Level> entries = new LinkedHashMap<>();
        if (text != null) {
            for (String entry : text.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                String name = eq < 0 ? "" : entry.substring(0, eq).trim();
                Level level = eq < 0 ? null : Level.parseOrNull(entry.substring(eq + 1));
                if (eq < 0 || name.isEmpty() || level == null || entry.substring(eq + 1).isBlank()) {
                    throw new AppLogConfigException("levels", text, "each entry is logger.name=LEVEL (DEBUG, INFO, "
                            + "WARNING, ERROR, CRITICAL, the aliases TRACE, WARN, FATAL, or 10..50), entries separated "
                            + "by commas, e.g. software.amazon.awssdk=WARNING,com.example=DEBUG; '" + entry.trim()
                            + "' is not");
                }
                entries.put(name, level);
            }
        }
        return of(entries);
    }

    /** {@link #parse(String)} for a map of name to level text or number ({@code APPLOG_CONFIG}'s object form). */
    public static LoggerLevels fromMap(Map<String, ?> map) {
        StringBuilder text = new StringBuilder();
        map.forEach((name, level) -> text.append(text.length() == 0 ? "" : ",").append(name).append('=').append(level));
        return parse(text.toString());
    }

    /** The threshold for the logger {@code name}: the longest covering entry's, else {@code fallback}. */
    public Level levelFor(String name, Level fallback) {
        if (name == null || name.isEmpty()) {
            return fallback;
        }
        Found last = lastFound;
        if (last == null || last.name != name) {
            last = cache.get(name);
            if (last == null) {
                last = new Found(name, lookUp(name));
                if (cache.size() < CACHE_LIMIT) {
                    cache.put(name, last);
                }
            }
            lastFound = last;
        }
        return last.level == null ? fallback : last.level;
    }

    /** A name's threshold as looked up: {@code level} is null when no entry covers it (the fallback differs per logger). */
    private static final class Found {
        final String name;
        final Level level;

        Found(String name, Level level) {
            this.name = name;
            this.level = level;
        }
    }

    /**
     * The name looked up last: a line from the same logger as the one before (the same name object: SLF4J's and
     * java.util.logging's loggers keep it) skips the map, whose lookup, twice per SLF4J call, was a tenth of its time
     * on the caller's thread ({@code bench/profile slf4j}). Not volatile: a Found's fields are final, and a thread
     * that sees an older one looks up the map.
     */
    private Found lastFound;

    private Level lookUp(String name) {
        for (String prefix = name; ; ) {
            Level level = entries.get(prefix);
            if (level != null) {
                return level;
            }
            int dot = prefix.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            prefix = prefix.substring(0, dot);
        }
    }

    /** The lowest threshold of any logger made in this JVM, by number: below it no bridged line can pass. */
    private static volatile int lowestInUse = Level.CRITICAL.number();

    /** Notes the thresholds of a logger being made (see {@link #lowestInUse()}). */
    static void inUse(LoggerConfig config) {
        int lowest = Math.min(config.level().number(), config.levels().lowest().number());
        if (lowest < lowestInUse) {
            synchronized (LoggerLevels.class) {
                lowestInUse = Math.min(lowestInUse, lowest);
            }
        }
    }

    /**
     * The lowest threshold of every logger made in this JVM so far (its level and its per-name levels): a bridged
     * line below it is dropped with one volatile read, the cost of a disabled debug call.
     */
    public static int lowestInUse() { return lowestInUse; }

    /** The lowest threshold any entry sets (CRITICAL when none is lower). */
    public Level lowest() { return lowest; }

    /** Every entry, the library defaults first. */
    public Map<String, Level> entries() { return entries; }

    /** The entries given, without the library defaults. */
    public Map<String, Level> given() { return given; }

    /** The entries as {@code name=LEVEL,...}, as {@link #parse} reads them. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        entries.forEach((name, level) -> text.append(text.length() == 0 ? "" : ",").append(name).append('=').append(level));
        return text.toString();
    }

    @Override
    public boolean equals(Object o) { return o instanceof LoggerLevels && ((LoggerLevels) o).entries.equals(entries); }

    @Override
    public int hashCode() { return entries.hashCode(); }
}
