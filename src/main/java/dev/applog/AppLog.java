package dev.applog;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * The logger of the running invocation, from anywhere: code the handler calls, and threads it starts.
 *
 * <pre>{@code
 * AppLog.current().info("reserved " + count + " items");
 * }</pre>
 *
 * <p>A thread started by the handler inherits its invocation. A thread that existed before (an executor's
 * pool) does not: hand it the invocation with {@link #wrap(Runnable)}, {@link #wrap(Callable)} or
 * {@link #wrap(Executor)}, or its events go to the invocation that created the pool thread, or print.
 */
public final class AppLog {

    private static volatile AppLogger outside;

    private AppLog() {}

    /**
     * The running invocation's logger; outside an invocation a logger that prints to stdout. Never null. In a
     * Lambda runtime the first use outside an invocation also prints, once, a line saying so and how to weave
     * (a handler class left unwoven is the usual cause).
     * Once the handler has returned, a thread it started still logs to its invocation, and every such event
     * is sent at once (nothing will purge it later).
     */
    public static AppLogger current() {
        InvocationHook hook = InvocationHook.get();
        AppLogger logger = hook.currentLogger();
        if (logger != null) {
            return logger;
        }
        hook.usedOutsideInvocation();
        return outside();
    }

    /** True while the calling thread belongs to an invocation that has not returned yet. */
    public static boolean inInvocation() {
        return InvocationHook.get().inInvocation();
    }

    /**
     * Sets the {@code correlation_id} of the running invocation's events from now on (by default it is
     * taken from the event, else the request id). Returns false outside an invocation.
     */
    public static boolean setCorrelationId(String correlationId) {
        return InvocationHook.get().setCorrelationId(correlationId);
    }

    /** The running invocation's correlation id, or {@code null}. */
    public static String correlationId() {
        return InvocationHook.get().correlationId();
    }

    /**
     * Adds {@code key} with {@code value} to every later event of the running invocation, on every thread of it
     * (Powertools' {@code appendKey}; SLF4J's MDC): in {@code #json} a key of the record, in the text formats
     * {@code key=value} after the message. A key given to one log call as a structured argument wins over it. The
     * keys end with the invocation unless the settings say {@code clearState = false}. Returns false (and does
     * nothing) outside an invocation.
     */
    public static boolean appendKey(String key, Object value) {
        return InvocationHook.get().appendKey(key, value);
    }

    /** Removes a key added with {@link #appendKey}; returns false outside an invocation. */
    public static boolean removeKey(String key) {
        return InvocationHook.get().removeKey(key);
    }

    /** The keys added to the running invocation with {@link #appendKey}, in order; empty outside one. */
    public static java.util.Map<String, Object> keys() {
        return InvocationHook.get().keys();
    }

    /** {@code task}, made to run in the calling thread's invocation on whichever thread runs it. */
    public static Runnable wrap(Runnable task) {
        return InvocationHook.get().bind(task);
    }

    /** {@code task}, made to run in the calling thread's invocation on whichever thread runs it. */
    public static <T> Callable<T> wrap(Callable<T> task) {
        return InvocationHook.get().bind(task);
    }

    /** An executor whose tasks run in the invocation that submitted them. */
    public static Executor wrap(Executor executor) {
        return task -> executor.execute(InvocationHook.get().bind(task));
    }

    private static AppLogger outside() {
        AppLogger logger = outside;
        if (logger == null) {
            logger = AppLoggers.printing();
            outside = logger;
        }
        return logger;
    }
}
