package dev.applog.lambda;

import dev.applog.bridge.JulBridge;
import dev.applog.AppLogger;
import dev.applog.InvocationHook;
import dev.applog.delivery.OwnThreads;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Where the running invocation is kept: per thread, inherited by the threads a handler starts, never in
 * a plain static (several invocations may run at once in one JVM). Threads that already exist, such as an
 * executor's, learn the invocation through {@link #bind(Runnable)} / {@link #bind(Callable)}.
 *
 * <p>Also arms each invocation's watchdog (on the library's timer, {@link OwnThreads}).
 *
 * <p>Applications use {@link dev.applog.AppLog}, which reaches this class through the {@link InvocationHook} it
 * registers when initialized: the core does not know this package.
 */
public final class InvocationScope {

    /** The environment variable that sets the watchdog's margin before the deadline, in milliseconds. */
    public static final String FLUSH_MARGIN = "APPLOG_FLUSH_MARGIN_MS";

    private static final InheritableThreadLocal<Invocation> CURRENT = new InheritableThreadLocal<>();

    static {
        InvocationHook.register(new Hook());
        // java.util.logging (and System.Logger) into the invocation's logger, unless APPLOG_JUL=false
        JulBridge.install();
    }

    /** The core's way to the running invocation ({@link InvocationHook}): each method is this class's namesake. */
    private static final class Hook implements InvocationHook {
        @Override public AppLogger currentLogger() { return InvocationScope.currentLogger(); }
        @Override public boolean inInvocation() { return InvocationScope.inInvocation(); }
        @Override public boolean setCorrelationId(String id) { return InvocationScope.setCorrelationId(id); }
        @Override public String correlationId() { return InvocationScope.correlationId(); }
        @Override public boolean appendKey(String key, Object value) { return InvocationScope.appendKey(key, value); }
        @Override public boolean removeKey(String key) { return InvocationScope.removeKey(key); }
        @Override public boolean clearKeys() { return InvocationScope.clearKeys(); }
        @Override public java.util.Map<String, Object> keys() { return InvocationScope.keys(); }
        @Override public Runnable bind(Runnable task) { return InvocationScope.bind(task); }
        @Override public <T> Callable<T> bind(Callable<T> task) { return InvocationScope.bind(task); }
        @Override public void usedOutsideInvocation() { OutsideInvocation.used(); }
    }

    private InvocationScope() {}

    /** The invocation the calling thread belongs to (possibly closed), or {@code null}. */
    static Invocation current() {
        return CURRENT.get();
    }

    /**
     * The logger of the invocation running on this thread, or {@code null} outside one. See
     * {@link dev.applog.AppLog#current()}.
     */
    static dev.applog.AppLogger currentLogger() {
        Invocation invocation = CURRENT.get();
        return invocation == null ? null : invocation.logger();
    }

    /** True while the calling thread belongs to an invocation that has not returned yet. */
    static boolean inInvocation() {
        Invocation invocation = CURRENT.get();
        return invocation != null && !invocation.isClosed();
    }

    /**
     * Sets the correlation id of the running invocation's events from now on; returns false (and does
     * nothing) outside an invocation.
     */
    static boolean setCorrelationId(String correlationId) {
        Invocation invocation = CURRENT.get();
        if (invocation == null || invocation.isClosed()) {
            return false;
        }
        invocation.setCorrelationId(correlationId);
        return true;
    }

    /** The running invocation's correlation id, or {@code null}. */
    static String correlationId() {
        Invocation invocation = CURRENT.get();
        Object id = invocation == null ? null : invocation.fields().get(ContextFields.CORRELATION_ID);
        return id == null ? null : id.toString();
    }

    /**
     * Adds {@code key} to every later event of the running invocation (replacing its earlier value); returns false
     * (and does nothing) outside an invocation. See {@link dev.applog.AppLog#appendKey}.
     */
    static boolean appendKey(String key, Object value) {
        Invocation invocation = CURRENT.get();
        if (invocation == null || invocation.isClosed()) {
            return false;
        }
        invocation.appendKey(key, value);
        return true;
    }

    /** Removes a key appended to the running invocation; false outside an invocation. */
    static boolean removeKey(String key) {
        Invocation invocation = CURRENT.get();
        if (invocation == null || invocation.isClosed()) {
            return false;
        }
        invocation.removeKey(key);
        return true;
    }

    /** Removes every key appended to the running invocation; false outside an invocation. */
    static boolean clearKeys() {
        Invocation invocation = CURRENT.get();
        if (invocation == null || invocation.isClosed()) {
            return false;
        }
        invocation.clearKeys();
        return true;
    }

    /** The keys appended to the running invocation, in order (empty outside one). */
    static java.util.Map<String, Object> keys() {
        Invocation invocation = CURRENT.get();
        return invocation == null ? java.util.Map.of() : invocation.keys();
    }

    static void set(Invocation invocation) {
        if (invocation == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(invocation);
        }
    }

    /**
     * True when a handler entered with {@code requestId} is part of {@code running} rather than an
     * invocation of its own: an annotated method called (directly or from a thread it started) by another
     * that is still running, with no request id or the same one.
     */
    static boolean joins(Invocation running, String requestId) {
        if (running == null || running.isClosed()) {
            return false;
        }
        return requestId == null || running.requestId() == null || requestId.equals(running.requestId());
    }

    /** {@code task}, run with the invocation current at this call (if any) as the current one. */
    static Runnable bind(Runnable task) {
        Invocation captured = CURRENT.get();
        return () -> {
            Invocation previous = CURRENT.get();
            set(captured);
            try {
                task.run();
            } finally {
                set(previous);
            }
        };
    }

    /** {@code task}, run with the invocation current at this call (if any) as the current one. */
    static <T> Callable<T> bind(Callable<T> task) {
        Invocation captured = CURRENT.get();
        return () -> {
            Invocation previous = CURRENT.get();
            set(captured);
            try {
                return task.call();
            } finally {
                set(previous);
            }
        };
    }

    /**
     * Arms the watchdog of {@code invocation}: when {@code marginMillis} remain before its deadline,
     * everything it logged so far is sent, and every later event is sent at once.
     */
    static void arm(Invocation invocation, long remainingMillis, long marginMillis) {
        long delay = Math.max(0, remainingMillis - marginMillis);
        // the flush itself may use most of the margin; what is not stored by then goes to stdout
        Duration flushWait = Duration.ofMillis(Math.max(1, marginMillis * 3 / 4));
        // the timer only triggers; the flush runs on a flusher, so that one invocation's slow purge does not delay
        // another's watchdog
        invocation.watchdog(OwnThreads.schedule(
                () -> OwnThreads.flush(() -> invocation.deadlineNear(flushWait)), delay));
    }
}
