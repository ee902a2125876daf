package dev.applog.reliability.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLogger;
import dev.applog.AppLogging;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The function most scenarios invoke: an ordinary handler woven with {@code @AppLogging} that logs
 * {@code events} events, each carrying its unique id ({@link EventIds}), from {@code threads} threads, then
 * optionally runs {@code overrunMs} past its work (to be killed at the deadline). The group, stream, level and
 * format come from APPLOG_GROUP, APPLOG_STREAM... set by the scenario.
 *
 * <p>Event (all optional but {@code run} and {@code invocation}): {@code run}, {@code invocation},
 * {@code events} (10), {@code bytes} (each message's length, at least the id's; 100), {@code threads} (1),
 * {@code overrunMs} (0). Answers {@code "logged N; heap limit L MB, peak heap used P MB"}. Prints nothing per
 * event: the harness knows the ids.
 */
public class LogEvents implements RequestHandler<Map<String, Object>, String> {

    /** Filled in by @AppLogging before each invocation. */
    private AppLogger log;

    @Override
    @AppLogging(group = "/app/reliability", stream = "reliability", format = "#short")
    public String handleRequest(Map<String, Object> event, Context context) {
        String run = String.valueOf(event.get("run"));
        int invocation = number(event, "invocation", 0);
        int events = number(event, "events", 10);
        int bytes = number(event, "bytes", 100);
        int threads = Math.max(1, number(event, "threads", 1));
        long overrunMs = number(event, "overrunMs", 0);

        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread writer = new Thread(() -> {
                for (int seq = first; seq < events; seq += threads) {
                    log.info(EventIds.message(run, invocation, seq, bytes));
                }
            }, "writer-" + t);
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the writers logged", e);
            }
        }
        if (overrunMs > 0) {
            try {
                Thread.sleep(overrunMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return "logged " + events + "; heap limit " + Runtime.getRuntime().maxMemory() / MB + " MB, peak heap used "
                + peakHeapBytes() / MB + " MB";
    }

    private static final long MB = 1024 * 1024;

    /** The most heap each pool has held since the JVM started, summed (an upper bound of the peak). */
    static long peakHeapBytes() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes;
    }

    static int number(Map<String, Object> event, String key, int otherwise) {
        Object value = event.get(key);
        return value instanceof Number n ? n.intValue() : otherwise;
    }
}
