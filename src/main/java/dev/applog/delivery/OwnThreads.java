package dev.applog.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The owner of every thread of the library's own, and of its one JVM exit hook. Nothing else in the library
 * starts a thread. Each thread is a daemon named {@code applog-*}, made on first need, belonging to no
 * invocation (it inherits no thread locals). The pools:
 * <ul>
 *   <li>{@code applog-sender-N}: background senders (4 at most, idle ones end after 30 s);</li>
 *   <li>{@code applog-timer-N}: one scheduler that only triggers (a buffer's age, an invocation's watchdog);</li>
 *   <li>{@code applog-flush-N}: flushes near an invocation's deadline (one invocation's slow flush must not delay
 *       another's), idle ones end after 30 s;</li>
 * </ul>
 * and one-off threads ({@link #start}, {@link #supply}): the SDK client's builder, the init-phase prepare, the
 * after-response extension's loop. {@link #release()} (when the last {@link #retain()} holder, a logger made for
 * code outside Lambda, is closed) shuts the pools down; a later need makes them again.
 *
 * <p>Internal; not API: public for the library's packages above delivery (the logger, the Lambda part, the bridges).
 *
 * <p>Also marks the work of the library's own delivery on a thread, so that the bridges (SLF4J,
 * java.util.logging) keep the lines the library's own SDK client and HTTP connection log while sending out of the
 * stream being sent: they would make the send log more, with no end (recursion, growth), and could wait on the
 * buffer being sent (deadlock). Those lines are printed instead ({@code dev.applog.bridge.Bridges}).
 */
public final class OwnThreads {

    /** Depth of delivery work on this thread (a purge on the caller's thread, a sender). */
    private static final ThreadLocal<int[]> DELIVERING = ThreadLocal.withInitial(() -> new int[1]);

    /** The prefix of the names of the library's threads. */
    public static final String THREAD_PREFIX = "applog-";

    private static final AtomicInteger NUMBER = new AtomicInteger();
    private static final Object LOCK = new Object();
    /** Guarded by LOCK; null until first needed and after {@link #release()}. */
    private static ThreadPoolExecutor senders;
    private static ScheduledThreadPoolExecutor timer;
    private static ThreadPoolExecutor flushers;
    private static int holders;
    private static final List<Runnable> EXIT_TASKS = new ArrayList<>();
    private static boolean exitHookInstalled;

    private OwnThreads() {}

    /** True on a thread of the library's own, or while this thread delivers events. */
    public static boolean isOwn() {
        return DELIVERING.get()[0] > 0 || Thread.currentThread().getName().startsWith(THREAD_PREFIX);
    }

    static void enter() { DELIVERING.get()[0]++; }

    static void leave() { DELIVERING.get()[0]--; }

    /** A new daemon thread {@code name}-N, belonging to no invocation (it inherits no thread locals), not started. */
    public static Thread newThread(String name, Runnable task) {
        Thread thread = new Thread(null, task, name + "-" + NUMBER.incrementAndGet(), 0, false);
        thread.setDaemon(true);
        return thread;
    }

    /** Runs {@code task} once on a thread of its own, {@code name}-N; returns the thread. */
    public static Thread start(String name, Runnable task) {
        Thread thread = newThread(name, task);
        thread.start();
        return thread;
    }

    /** Computes {@code value} once on a thread of its own, so that the caller goes on at once. */
    static <T> CompletableFuture<T> supply(String name, Supplier<T> value) {
        CompletableFuture<T> future = new CompletableFuture<>();
        start(name, () -> {
            try {
                future.complete(value.get());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        });
        return future;
    }

    /** Runs {@code task} on a background sender. */
    static void send(Runnable task) {
        for (int attempt = 0; ; attempt++) {
            ThreadPoolExecutor pool;
            synchronized (LOCK) {
                if (senders == null) {
                    senders = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                            r -> newThread("applog-sender", r));
                    senders.allowCoreThreadTimeOut(true);
                }
                pool = senders;
            }
            try {
                pool.execute(task);
                return;
            } catch (RejectedExecutionException e) {
                retryOnFreshPool(attempt, e);  // released meanwhile: the next round makes the pool again
            }
        }
    }

    /** Runs {@code task} on a flusher thread: work near an invocation's deadline. */
    public static void flush(Runnable task) {
        for (int attempt = 0; ; attempt++) {
            ThreadPoolExecutor pool;
            synchronized (LOCK) {
                if (flushers == null) {
                    flushers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                            new SynchronousQueue<>(), r -> newThread("applog-flush", r));
                }
                pool = flushers;
            }
            try {
                pool.execute(task);
                return;
            } catch (RejectedExecutionException e) {
                retryOnFreshPool(attempt, e);
            }
        }
    }

    /** Runs {@code task} (which must be quick: it only triggers) after {@code delayMillis} on the timer. */
    public static ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        for (int attempt = 0; ; attempt++) {
            ScheduledThreadPoolExecutor pool;
            synchronized (LOCK) {
                if (timer == null) {
                    timer = new ScheduledThreadPoolExecutor(1, r -> newThread("applog-timer", r));
                    timer.setRemoveOnCancelPolicy(true);
                    // pending triggers are dropped on release: the closing purge has sent what they would
                    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
                }
                pool = timer;
            }
            try {
                return pool.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                retryOnFreshPool(attempt, e);
            }
        }
    }

    private static void retryOnFreshPool(int attempt, RejectedExecutionException e) {
        synchronized (LOCK) {
            if (attempt > 0) {
                throw e;  // a fresh pool refused it too: not a release race
            }
            if (senders != null && senders.isShutdown()) senders = null;
            if (timer != null && timer.isShutdown()) timer = null;
            if (flushers != null && flushers.isShutdown()) flushers = null;
        }
    }

    /** One more holder of the pools (a logger made for code outside Lambda, until it is closed). */
    static void retain() {
        synchronized (LOCK) {
            holders++;
        }
    }

    /**
     * One holder less; the last one shuts the pools down and waits (at most {@code waitMillis}) for their threads to
     * end. Work already handed to them still runs; a later need makes them again.
     */
    static void release(long waitMillis) {
        List<ExecutorService> pools = new ArrayList<>();
        synchronized (LOCK) {
            if (holders > 0 && --holders > 0) {
                return;
            }
            for (ExecutorService pool : new ExecutorService[] {senders, timer, flushers}) {
                if (pool != null) {
                    pool.shutdown();
                    pools.add(pool);
                }
            }
            senders = null;
            timer = null;
            flushers = null;
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        for (ExecutorService pool : pools) {
            try {
                pool.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Adds {@code task} to what the one exit hook ({@code applog-exit}) runs when the JVM ends normally, in the
     * order added: a process that ends (a command-line tool, a container) does not leave its last events in memory.
     */
    public static void atExit(Runnable task) {
        synchronized (EXIT_TASKS) {
            EXIT_TASKS.add(task);
            if (exitHookInstalled) {
                return;
            }
            exitHookInstalled = true;
            try {
                Runtime.getRuntime().addShutdownHook(newThread("applog-exit", OwnThreads::runExitTasks));
            } catch (IllegalStateException | SecurityException e) {
                // already shutting down, or not allowed: purging stays the caller's job
            }
        }
    }

    private static void runExitTasks() {
        List<Runnable> tasks;
        synchronized (EXIT_TASKS) {
            tasks = new ArrayList<>(EXIT_TASKS);
        }
        for (Runnable task : tasks) {
            try {
                task.run();
            } catch (RuntimeException e) {
                // one task's failure must not keep the others from running
            }
        }
    }
}
