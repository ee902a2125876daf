package dev.applog;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What every kind of logger shares: the threshold, formatting, echo, and finding the caller. */
abstract class BaseLogger implements AppLogger {

    /** Classes whose frames are the logger's own, skipped when looking for the caller. */
    private static final Set<String> OWN_CLASSES = Set.of(
            AppLogger.class.getName(), BaseLogger.class.getName(), CloudWatchLogger.class.getName(),
            PrintLogger.class.getName(), NullLogger.class.getName(), StandardLogger.class.getName());
    private static final StackWalker WALKER = StackWalker.getInstance();

    protected final LoggerConfig config;
    protected final EventFormatter formatter;

    BaseLogger(LoggerConfig config, Map<String, ?> context) {
        this.config = config;
        Map<String, Object> fields = new LinkedHashMap<>();
        if (context != null) {
            context.forEach((k, v) -> { if (k != null) fields.put(k, v); });
        }
        this.formatter = new EventFormatter(config, fields);
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
        if (lvl.atLeast(config.level())) {
            try {
                long now = config.clock().millis();
                String caller = formatter.usesCaller() ? caller() : "";
                emit(lvl, now, formatter.format(lvl, message, error, now, caller));
            } catch (RuntimeException e) {
                // a log call never throws: say what went wrong where the user will see it
                config.out().println("applog: could not log an event (" + e + "): " + message);
            }
        }
        if (withPurge) {
            purge();
        }
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

    /** The name of the first method on the stack that is not the logger's own; at most 32 frames are read. */
    static String caller() {
        Optional<String> name = WALKER.walk(frames -> frames.limit(32)
                .filter(f -> !isOwn(f.getClassName()))
                .map(StackWalker.StackFrame::getMethodName)
                .findFirst());
        return name.map(BaseLogger::withoutWeavingSuffix).orElse("");
    }

    private static boolean isOwn(String className) {
        return OWN_CLASSES.contains(className) || className.startsWith("dev.applog.lambda.");
    }

    /** AspectJ renames a woven method's body {@code name_aroundBody0}: report the method's own name. */
    private static String withoutWeavingSuffix(String method) {
        int at = method.indexOf("_aroundBody");
        return at > 0 ? method.substring(0, at) : method;
    }

    @Override
    public boolean purge(Duration maxWait) { return true; }
}
