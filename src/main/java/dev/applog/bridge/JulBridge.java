package dev.applog.bridge;

import dev.applog.Level;
import dev.applog.LoggerLevels;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes java.util.logging, and with it {@code System.Logger} (the JDK's default {@code LoggerFinder} writes to
 * java.util.logging when the {@code java.logging} module is present, as in every Lambda Java runtime), into the
 * running invocation's logger through {@link Bridges}.
 *
 * <p>{@link #install()} puts one {@link Handler} on the root logger in place of its {@link ConsoleHandler}s
 * (which would print every line a second time, on stderr); other handlers stay. Levels: JUL filters by its own
 * logger levels before any handler sees a line (the root's default is INFO), so each {@code APPLOG_LEVELS} entry
 * below INFO also sets that JUL logger's level to let its lines through; our thresholds then decide as for SLF4J.
 * Opt out with {@code APPLOG_JUL=false} (or the system property {@code applog.jul=false}): nothing is changed.
 */
public final class JulBridge extends Handler {

    /** The environment variable (and, lower-cased with a dot, system property) that turns the bridge off. */
    public static final String OPT_OUT = "APPLOG_JUL";

    private static volatile boolean installed;
    /** JUL holds its loggers weakly: a level set here must keep its logger. */
    private static final List<Logger> LEVELLED = new ArrayList<>();

    /** Formats {@code {0}}-style parameters and resource bundles as JUL's own formatters do. */
    private final Formatter messages = new Formatter() {
        @Override
        public String format(LogRecord record) { return formatMessage(record); }
    };

    JulBridge() {}

    /** Installs the bridge once per JVM unless opted out; never throws. Returns true when it is installed. */
    public static boolean install() {
        return install(dev.applog.delivery.Environment.current());
    }

    static synchronized boolean install(Function<String, String> environment) {
        if (optedOut(environment)) {
            return installed;
        }
        if (installed) {
            return true;
        }
        try {
            Logger root = LogManager.getLogManager().getLogger("");
            for (Handler handler : root.getHandlers()) {
                if (handler instanceof ConsoleHandler) {
                    root.removeHandler(handler);
                }
            }
            root.addHandler(new JulBridge());
            lowerLevels(environment.apply("APPLOG_LEVELS"));
            installed = true;
        } catch (RuntimeException | LinkageError e) {
            System.out.println("applog: java.util.logging is not routed to the application's stream (" + e + ")");
        }
        return installed;
    }

    /** True when {@code APPLOG_JUL} (or the system property {@code applog.jul}) is {@code false}, in any case. */
    static boolean optedOut(Function<String, String> environment) {
        String optOut = System.getProperty("applog.jul", environment.apply(OPT_OUT));
        return optOut != null && optOut.trim().equalsIgnoreCase("false");
    }

    /** True once the handler is on the root logger. */
    static boolean isInstalled() { return installed; }

    /** Lets the lines of the APPLOG_LEVELS entries below INFO through JUL's own level check. */
    private static void lowerLevels(String levels) {
        LoggerLevels parsed;
        try {
            parsed = LoggerLevels.parse(levels);
        } catch (RuntimeException e) {
            return;  // the first invocation fails with the rule the text breaks
        }
        parsed.given().forEach((name, level) -> {
            if (!level.atLeast(Level.INFO)) {
                Logger logger = Logger.getLogger(name);
                logger.setLevel(java.util.logging.Level.ALL);
                LEVELLED.add(logger);
            }
        });
    }

    /** JUL's level to ours: SEVERE = ERROR, WARNING, INFO; CONFIG, FINE, FINER, FINEST (and System.Logger's DEBUG, TRACE) = DEBUG. */
    static Level levelOf(java.util.logging.Level level) {
        int value = level.intValue();
        if (value >= java.util.logging.Level.SEVERE.intValue()) {
            return Level.ERROR;
        }
        if (value >= java.util.logging.Level.WARNING.intValue()) {
            return Level.WARNING;
        }
        if (value >= java.util.logging.Level.INFO.intValue()) {
            return Level.INFO;
        }
        return Level.DEBUG;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        return record != null && record.getLevel() != java.util.logging.Level.OFF
                && Bridges.isEnabled(name(record), levelOf(record.getLevel()));
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String message;
        try {
            message = messages.formatMessage(record);
        } catch (RuntimeException e) {
            message = String.valueOf(record.getMessage());
        }
        Bridges.log(name(record), levelOf(record.getLevel()), message, record.getThrown(), null);
    }

    private static String name(LogRecord record) {
        String name = record.getLoggerName();
        return name == null ? "" : name;
    }

    @Override
    public void flush() { }

    @Override
    public void close() { }

    @Override
    public String toString() { return "applog java.util.logging bridge"; }

}
