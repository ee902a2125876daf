package dev.applog.bridge;

import dev.applog.AppLogger;
import dev.applog.AppLoggers;
import dev.applog.Level;
import dev.applog.LoggerConfig;
import dev.applog.LoggerKind;
import dev.applog.LoggerLevels;
import dev.applog.delivery.Environment;
import dev.applog.InvocationHook;
import dev.applog.delivery.OwnThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the bridges (the SLF4J provider, the java.util.logging handler, and through it {@code System.Logger})
 * hand their lines: one call per line, with the level, the final message, the throwable, the fields (MDC,
 * key-value pairs) and the logger's name already taken from the API's own types, so nothing of those APIs
 * reaches the core.
 *
 * <p>A line goes to:
 * <ol>
 *   <li>the running invocation's logger (found as {@link dev.applog.AppLog#current()} finds it), when the
 *       calling thread belongs to one;</li>
 *   <li>in Lambda's init phase (inside a Lambda runtime, before the first invocation of this JVM starts): a
 *       holding list, sent with the first invocation with each line's own timestamp; at most
 *       {@link #INIT_LINES_MAX} lines or {@link #INIT_CHARS_MAX} characters, past which lines are printed at once,
 *       and printed at JVM exit if no invocation ever starts (an init that fails), or at the first line logged
 *       once the runtime runs invocations none of ours started (a handler without {@code @AppLogging}, or not
 *       woven), with a notice saying so;</li>
 *   <li>else (a thread the handler did not start, code outside Lambda, lines of the library's own delivery, a
 *       line logged while another is being logged on the same thread): stdout, in the format, level and
 *       per-name levels of the last settings resolved in this JVM (before any, INFO and {@code #standard}).</li>
 * </ol>
 */
public final class Bridges {

    /**
     * The system property the Lambda runtime interface client sets to the X-Ray trace header of each invocation it
     * runs (and clears when an invocation has none): once it is set the init phase is over, even when no
     * {@code @AppLogging} invocation said so.
     */
    static final String RUNTIME_TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";

    /** Printed once when the init phase ends that way. */
    static final String UNCLAIMED_NOTICE = "applog: the Lambda runtime runs invocations, but no @AppLogging invocation "
            + "started in this JVM: SLF4J and java.util.logging lines (those of the init phase above, and those "
            + "logged since) print here, on stdout, not into the application's stream. Annotate the handler method "
            + "with @AppLogging and weave it (AppLogTesting.assertWoven checks); see docs/troubleshooting.md#not-woven.";

    /** The most lines of the init phase held for the first invocation. */
    public static final int INIT_LINES_MAX = 1_000;
    /** The most message characters of the init phase held for the first invocation. */
    public static final int INIT_CHARS_MAX = 1_000_000;

    /** True on a thread while it hands a line to a logger: a line logged meanwhile (a toString that logs) prints. */
    private static final ThreadLocal<boolean[]> LOGGING = ThreadLocal.withInitial(() -> new boolean[1]);

    private static volatile AppLogger printer = initialPrinter();

    private static final Object INIT_LOCK = new Object();
    /** Guarded by INIT_LOCK; null once the first invocation has started (or outside a Lambda runtime). */
    private static List<HeldLine> initLines = inLambda() ? new ArrayList<>() : null;
    private static int initChars;
    private static boolean initOverflowReported;
    private static volatile boolean initPhase = initLines != null;
    /** The SLF4J provider line is printed once per JVM, when the first invocation starts. */
    private static volatile boolean reported;
    /** Guarded by INIT_LOCK: the exit hook that prints held lines is registered once. */
    private static boolean exitHookRegistered;
    /** True once settings were resolved or an invocation started: the environment no longer decides the printer. */
    private static volatile boolean settled;

    static {
        if (initPhase) {
            registerExitHook();
        }
    }

    private static void registerExitHook() {
        synchronized (INIT_LOCK) {
            if (!exitHookRegistered) {
                exitHookRegistered = true;
                OwnThreads.atExit(Bridges::printHeldLines);
            }
        }
    }

    /** Inside a Lambda runtime, as the environment the library reads ({@link Environment#current()}) says. */
    private static boolean inLambda() {
        return Environment.current().apply("AWS_LAMBDA_RUNTIME_API") != null;
    }

    /**
     * The Lambda part's hook when another environment is injected ({@code LambdaLogging.useShared}): until settings
     * are resolved or an invocation starts, the first printer's levels and whether this is a Lambda runtime's init
     * phase are read again from it (lines held so far print when it is not a Lambda runtime's).
     */
    public static void environmentChanged() {
        if (settled) {
            return;
        }
        printer = initialPrinter();
        boolean inLambda = inLambda();
        List<HeldLine> released = null;
        synchronized (INIT_LOCK) {
            if (settled) {
                return;  // an invocation started meanwhile: the init phase is over
            }
            if (inLambda && initLines == null) {
                initLines = new ArrayList<>();
                initPhase = true;
                registerExitHook();
            } else if (!inLambda && initLines != null) {
                released = initLines;
                initLines = null;
                initChars = 0;
                initPhase = false;
            }
        }
        if (released != null) {
            for (HeldLine line : released) {
                print(line.logger(), line.level(), line.timestamp(), line.message(), line.error(), line.fields());
            }
        }
    }

    private record HeldLine(String logger, Level level, long timestamp, String message, Throwable error,
                            Map<String, ?> fields) {}

    private Bridges() {}

    /**
     * True when a line of {@code level} from the logger {@code name} would be logged on this thread now. A level
     * below every threshold in use costs one volatile read.
     */
    public static boolean isEnabled(String name, Level level) {
        if (level.number() < LoggerLevels.lowestInUse()) {
            return false;
        }
        AppLogger current = InvocationHook.get().currentLogger();
        return level.atLeast(current != null && !OwnThreads.isOwn() ? current.levelFor(name) : printer.levelFor(name));
    }

    /**
     * Logs one line (see the class comment for where it goes). {@code message} is final (the bridge formatted it);
     * {@code fields} may be null. Never throws.
     */
    public static void log(String name, Level level, String message, Throwable error, Map<String, ?> fields) {
        long now = System.currentTimeMillis();
        boolean[] busy = LOGGING.get();
        if (busy[0] || OwnThreads.isOwn()) {
            print(name, level, now, message, error, fields);
            return;
        }
        busy[0] = true;
        try {
            AppLogger current = InvocationHook.get().currentLogger();
            if (current != null) {
                current.logNamed(name, level, now, message, error, fields);
            } else if (!initPhase || !hold(new HeldLine(name, level, now, message, error, fields))) {
                printer.logNamed(name, level, now, message, error, fields);
            }
        } catch (RuntimeException | LinkageError e) {
            System.out.println("applog: could not log a line of " + name + " (" + e + "): " + message);
        } finally {
            busy[0] = false;
        }
    }

    private static void print(String name, Level level, long timestamp, String message, Throwable error,
                              Map<String, ?> fields) {
        try {
            printer.logNamed(name, level, timestamp, message, error, fields);
        } catch (RuntimeException | LinkageError e) {
            System.out.println("applog: could not log a line of " + name + " (" + e + "): " + message);
        }
    }

    /** Holds a line of the init phase; false when the bound is reached or the init phase is over. */
    private static boolean hold(HeldLine line) {
        if (System.getProperty(RUNTIME_TRACE_PROPERTY) != null) {
            // the runtime runs invocations, yet none of ours started: nothing would take the held lines (a handler
            // without @AppLogging, or not woven), and Lambda ends the JVM without running exit hooks
            if (printHeldLines()) {
                printer.log(Level.WARNING, UNCLAIMED_NOTICE);
            }
            return false;
        }
        if (!line.level().atLeast(printer.levelFor(line.logger()))) {
            return true;  // below the threshold known now: dropped on purpose, as it would be when printed
        }
        synchronized (INIT_LOCK) {
            if (initLines == null) {
                return false;
            }
            int chars = line.message() == null ? 4 : line.message().length();
            if (initLines.size() >= INIT_LINES_MAX || initChars + chars > INIT_CHARS_MAX) {
                if (!initOverflowReported) {
                    initOverflowReported = true;
                    printer.log(Level.WARNING, "applog: more than " + INIT_LINES_MAX + " lines (or " + INIT_CHARS_MAX
                            + " characters) logged in the init phase; those past the bound are printed here, not sent"
                            + " with the first invocation");
                }
                return false;
            }
            initLines.add(line);
            initChars += chars;
            return true;
        }
    }

    /**
     * The lambda layer's hook when an invocation starts: the first one of the JVM takes the lines held since the
     * init phase, with their own timestamps, and ends the init phase.
     */
    public static void invocationStarted(AppLogger logger) {
        settled = true;
        if (!initPhase && reported) {
            return;
        }
        if (!reported) {
            reported = true;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            String line = ProviderReport.line(loader != null ? loader : Bridges.class.getClassLoader());
            if (line != null) {
                System.out.println(line);
            }
        }
        List<HeldLine> held;
        synchronized (INIT_LOCK) {
            held = initLines;
            initLines = null;
            initPhase = false;
        }
        if (held == null) {
            return;
        }
        for (HeldLine line : held) {
            logger.logNamed(line.logger(), line.level(), line.timestamp(), line.message(), line.error(), line.fields());
        }
    }

    /**
     * The lambda layer's hook when it has resolved a handler's settings: lines logged where no invocation runs
     * print in that format, level and per-name levels from now on.
     */
    public static void configured(LoggerConfig config) {
        settled = true;
        try {
            printer = AppLoggers.create(config.toBuilder().kind(LoggerKind.PRINT).echo(false).build());
        } catch (RuntimeException e) {
            // the settings were checked when the handler's logger was made; keep the current printer
        }
    }

    /**
     * Prints what the init phase held when no invocation took it (the JVM ends first, or the runtime runs
     * invocations none of ours started) and ends the init phase; false when it was over already.
     */
    private static boolean printHeldLines() {
        List<HeldLine> held;
        synchronized (INIT_LOCK) {
            held = initLines;
            initLines = null;
            initPhase = false;
        }
        if (held != null) {
            for (HeldLine line : held) {
                print(line.logger(), line.level(), line.timestamp(), line.message(), line.error(), line.fields());
            }
            System.out.flush();
        }
        return held != null;
    }

    /**
     * Before any settings are resolved: INFO (or {@code APPLOG_LEVEL}) and the per-name levels of
     * {@code APPLOG_LEVELS}, so that an init phase's lines are held at the thresholds the function will have.
     */
    private static AppLogger initialPrinter() {
        try {
            return AppLoggers.create(LoggerConfig.builder().kind(LoggerKind.PRINT)
                    .level(Level.parse(Environment.current().apply("APPLOG_LEVEL"), null))
                    .levels(LoggerLevels.parse(Environment.current().apply("APPLOG_LEVELS"))).echo(false).build());
        } catch (RuntimeException e) {
            // a bad APPLOG_LEVELS fails the first invocation with its rule; until then the defaults
            return AppLoggers.printing();
        }
    }

    /** Tests: back to the state of a fresh JVM outside or inside (init phase) a Lambda runtime. */
    static void reset(boolean inLambdaInit) {
        synchronized (INIT_LOCK) {
            initLines = inLambdaInit ? new ArrayList<>() : null;
            initChars = 0;
            initOverflowReported = false;
            initPhase = inLambdaInit;
        }
        settled = false;
        printer = initialPrinter();
    }
}
