package dev.applog;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * How the logger reaches the running invocation without knowing the Lambda part: the Lambda part
 * ({@code dev.applog.lambda}, above this package) implements it and {@link #register registers} it. {@link AppLog}
 * and the bridges go through {@link #get()}. Public only for that registration; not an API for applications.
 */
public interface InvocationHook {

    /** The logger of the invocation running on this thread, or {@code null} outside one. */
    AppLogger currentLogger();

    /** True while the calling thread belongs to an invocation that has not returned yet. */
    boolean inInvocation();

    /** Sets the running invocation's correlation id; false outside an invocation. */
    boolean setCorrelationId(String correlationId);

    /** The running invocation's correlation id, or {@code null}. */
    String correlationId();

    /** Adds a key to every later event of the running invocation; false outside one. */
    boolean appendKey(String key, Object value);

    /** Removes a key appended to the running invocation; false outside one. */
    boolean removeKey(String key);

    /** The keys appended to the running invocation, in order (empty outside one). */
    Map<String, Object> keys();

    /** {@code task}, run with the invocation current at this call (if any) as the current one. */
    Runnable bind(Runnable task);

    /** {@code task}, run with the invocation current at this call (if any) as the current one. */
    <T> Callable<T> bind(Callable<T> task);

    /** {@link AppLog#current()} was called with no invocation running: the Lambda part may say why, once. */
    void usedOutsideInvocation();

    /** Makes {@code hook} the one the core uses. Called once, by the Lambda part when its class is initialized. */
    static void register(InvocationHook hook) { Registered.hook = hook; }

    /** The registered hook; initializes the Lambda part (which registers it) on first use. */
    static InvocationHook get() {
        InvocationHook hook = Registered.hook;
        return hook != null ? hook : Registered.load();
    }

    /** Holds the registration: an interface has no mutable static fields of its own. */
    final class Registered {
        private static volatile InvocationHook hook;
        /** The Lambda part's class that registers its hook when initialized. Named, not imported: it is above this package. */
        private static final String LAMBDA_PART = "dev.applog.lambda.InvocationScope";

        private Registered() {}

        /**
         * The library's jar holds the Lambda part, so it is there to load: {@code AppLog} works before any handler ran
         * (it then reports no invocation, as it did when it called the Lambda part directly).
         */
        static synchronized InvocationHook load() {
            if (hook == null) {
                try {
                    Class.forName(LAMBDA_PART, true, InvocationHook.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("the library's Lambda part (" + LAMBDA_PART + ") is missing from "
                            + "the classpath: use the whole applog jar", e);
                }
                if (hook == null) {
                    throw new IllegalStateException(LAMBDA_PART + " did not register its InvocationHook");
                }
            }
            return hook;
        }
    }
}
