package dev.applog;

/**
 * Marks the work of the library's own delivery on a thread, so that the bridges (SLF4J, java.util.logging) can
 * keep the lines the library's own SDK client and HTTP connection log while sending out of the stream being sent:
 * they would make the send log more, with no end (recursion, growth), and could wait on the buffer being sent
 * (deadlock). Those lines are printed instead ({@link dev.applog.bridge.Bridges}).
 */
public final class OwnThreads {

    /** Depth of delivery work on this thread (a purge on the caller's thread, a sender). */
    private static final ThreadLocal<int[]> DELIVERING = ThreadLocal.withInitial(() -> new int[1]);

    /** The prefix of the names of the library's threads (senders, timer, watchdog, client builder, prepare). */
    public static final String THREAD_PREFIX = "applog-";

    private OwnThreads() {}

    /** True on a thread of the library's own, or while this thread delivers events. */
    public static boolean isOwn() {
        return DELIVERING.get()[0] > 0 || Thread.currentThread().getName().startsWith(THREAD_PREFIX);
    }

    static void enter() { DELIVERING.get()[0]++; }

    static void leave() { DELIVERING.get()[0]--; }
}
