package dev.applog;

import dev.applog.delivery.Redaction;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/** What every kind of logger shares: the threshold, formatting, echo, and finding the caller. */
abstract class BaseLogger implements AppLogger {

    /** Classes whose frames are the logger's own, skipped when looking for the caller. */
    private static final Set<Class<?>> OWN_CLASSES = Set.of(AppLogger.class, BaseLogger.class, CloudWatchLogger.class,
            PrintLogger.class, NullLogger.class, StandardLogger.class);
    private static final String OWN_PACKAGE = "dev.applog.lambda.";
    /**
     * Frames of the bridges and of the logging APIs they serve: the caller of a line that came through SLF4J,
     * java.util.logging or System.Logger is the method that called that API.
     */
    private static final String[] BRIDGE_PACKAGES = {"dev.applog.bridge.", "dev.applog.slf4j.", "org.slf4j.",
        "java.util.logging.", "sun.util.logging.", "jdk.internal.logger.", "java.lang.System$Logger"};
    /** Frames read when looking for the caller. */
    private static final int CALLER_DEPTH = 32;
    /** Keeps class references, so that frames are told apart without their names; the first batch is small. */
    private static final StackWalker WALKER =
            StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE), 8);
    private static final Function<Stream<StackWalker.StackFrame>, String> FIRST_FOREIGN_METHOD = frames -> {
        Iterator<StackWalker.StackFrame> it = frames.iterator();
        for (int read = 0; read < CALLER_DEPTH && it.hasNext(); read++) {
            StackWalker.StackFrame frame = it.next();
            if (!isOwn(frame.getDeclaringClass())) {
                return withoutWeavingSuffix(frame.getMethodName());
            }
        }
        return "";
    };

    protected final LoggerConfig config;
    protected final EventFormatter formatter;

    BaseLogger(LoggerConfig config, Map<String, ?> context) {
        this.config = config;
        Map<String, Object> fields = new LinkedHashMap<>();
        if (context != null) {
            context.forEach((k, v) -> { if (k != null) fields.put(k, v); });
        }
        this.formatter = new EventFormatter(config, fields);
        LoggerLevels.inUse(config);
    }

    @Override
    public Level level() { return config.level(); }

    /** The settings this logger was made from. */
    public LoggerConfig config() { return config; }

    /** The fields every event of this logger carries (from {@link #withContext(Map)}). */
    public Map<String, Object> context() { return formatter.context(); }

    @Override
    public void log(Level level, String message) { log(level, message, null, false); }

    @Override
    public void log(Level level, String message, boolean withPurge) { log(level, message, null, withPurge); }

    @Override
    public void exception(String message, Throwable error) { log(Level.ERROR, message, error, true); }

    @Override
    public void purge() { purge(config.deliveryDeadline()); }

    @Override
    public void log(Level level, String message, Throwable error, boolean withPurge) {
        Level lvl = level == null ? Level.INFO : level;
        boolean purge = withPurge;
        if (lvl.atLeast(config.level())) {
            // at the purge level (CRITICAL unless set lower) the event is stored before the call returns, so the
            // lines that lead up to a failure survive a process that dies right after (halt, OOM kill, crash)
            purge |= lvl.atLeast(config.purgeLevel());
            try {
                long now = config.clock().millis();
                record(lvl, now, message == null ? "null" : message, error, formatter.usesCaller() ? caller() : "");
            } catch (RuntimeException e) {
                // a log call never throws: say what went wrong where the user will see it
                config.out().println("applog: could not log an event (" + Redaction.redact(e) + "): " + message);
            }
        }
        if (purge) {
            purge();
        }
    }

    @Override
    public Level levelFor(String loggerName) { return config.levelFor(loggerName); }

    @Override
    public void logNamed(String loggerName, Level level, long timestamp, String message, Throwable error,
                         Map<String, ?> fields) {
        Level lvl = level == null ? Level.INFO : level;
        if (lvl.atLeast(config.levelFor(loggerName))) {
            at(timestamp, lvl, loggerName, message, error, fields);
        }
    }

    @Override
    public void log(Level level, String message, Throwable error, boolean withPurge, Map<String, ?> fields) {
        if (fields == null || fields.isEmpty()) {
            log(level, message, error, withPurge);
            return;
        }
        Level lvl = level == null ? Level.INFO : level;
        if (lvl.atLeast(config.level())) {
            at(config.clock().millis(), lvl, null, message, error, fields);
        }
        if (withPurge) {
            purge();
        }
    }

    @Override
    public void logAt(long timestamp, Level level, String message, Throwable error, Map<String, ?> fields) {
        at(timestamp, level == null ? Level.INFO : level, null, message, error, fields);
    }

    /**
     * The one path of an event with a time, a logger's name (a bridged line; null for none) or fields of its own:
     * logAt, logNamed and log with fields all meet here, and in {@link EventFormatter#format}.
     */
    private void at(long timestamp, Level level, String loggerName, String message, Throwable error,
                    Map<String, ?> fields) {
        String text = message == null ? "null" : message;
        try {
            String caller = formatter.usesCaller() ? caller() : "";
            if (loggerName == null && (fields == null || fields.isEmpty())) {
                record(level, timestamp, text, error, caller);
            } else {
                recordNamed(level, timestamp, loggerName, text, error, caller, fields);
            }
        } catch (RuntimeException e) {
            config.out().println("applog: could not log an event (" + Redaction.redact(e) + "): " + message);
        }
    }

    /**
     * Takes one event: by default writes its text at once and {@link #emit}s it. A logger that can write the
     * text later (off the caller's thread) overrides this. {@code caller} is "" when the format does not use it.
     */
    protected void record(Level level, long timestamp, String message, Throwable error, String caller) {
        emit(level, timestamp, formatter.format(level, message, error, timestamp, caller));
    }

    /**
     * Takes one event with a logger's name or fields of its own: by default writes its text at once. A logger that
     * can write the text later overrides this; the fields are the caller's objects and may change after the call,
     * so their part of the text is written at the call all the same ({@link EventFormatter#fragment}).
     */
    protected void recordNamed(Level level, long timestamp, String loggerName, String message, Throwable error,
                               String caller, Map<String, ?> fields) {
        emit(level, timestamp, formatter.format(level, message, error, timestamp, caller, loggerName, fields));
    }

    /** Delivers one formatted event. */
    protected abstract void emit(Level level, long timestamp, String line);

    /** Merges this logger's fields with {@code fields} (the new ones win). */
    protected Map<String, Object> mergedContext(Map<String, ?> fields) {
        Map<String, Object> merged = new LinkedHashMap<>(formatter.context());
        if (fields != null) {
            fields.forEach((k, v) -> { if (k != null) merged.put(k, v); });
        }
        return merged;
    }

    /**
     * The method that made the log call: as the woven call site names it ({@link CallSites}), else the first method
     * on the stack that is not the logger's own, of at most 32 frames read. The walk stops at that frame, and frames
     * are told apart by class, so no other frame's names are looked up.
     */
    static String caller() {
        String woven = CallSites.current();
        return woven != null ? woven : WALKER.walk(FIRST_FOREIGN_METHOD);
    }

    private static boolean isOwn(Class<?> type) {
        if (OWN_CLASSES.contains(type)) {
            return true;
        }
        String name = type.getName();
        if (name.startsWith(OWN_PACKAGE)) {
            return true;
        }
        for (String bridge : BRIDGE_PACKAGES) {
            if (name.startsWith(bridge)) {
                return true;
            }
        }
        return false;
    }

    /** AspectJ renames a woven method's body {@code name_aroundBody0}: report the method's own name. */
    private static String withoutWeavingSuffix(String method) {
        int at = method.indexOf("_aroundBody");
        return at > 0 ? method.substring(0, at) : method;
    }

    @Override
    public boolean purge(Duration maxWait) { return true; }
}
