package dev.applog.bench;

import dev.applog.AppLogger;
import dev.applog.local.logs.LocalLogsServer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Events per second one JVM sustains into one stream: T threads log N events in all through one logger (default
 * settings), then a purge; the clock stops when the purge has returned true (every event stored; the endpoint's count is checked after).
 * The local endpoint runs in the same JVM, so its work shares the machine's cores.
 */
final class ThroughputHarness {

    record Result(int threads, int events, double seconds) {
        double eventsPerSecond() {
            return events / seconds;
        }
    }

    private ThroughputHarness() {
    }

    static Result run(LocalLogsServer server, int threads, int events) throws InterruptedException {
        String stream = "throughput-" + threads + "-" + System.nanoTime();
        AppLogger logger = BenchSetup.create(BenchSetup.cloudWatch(server.endpoint(), stream, "#short"));
        logger.info("warm-up: the stream exists and the client is ready before the clock starts");
        logger.purge();
        int perThread = events / threads;
        int total = perThread * threads;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    logger.info(BenchSetup.MESSAGE);
                }
            }, "bench-logger-" + t);
            worker.start();
            workers.add(worker);
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        if (!logger.purge(BenchSetup.PURGE_WAIT)) {
            throw new IllegalStateException("the purge did not store every event");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int stored = server.events(BenchSetup.GROUP, stream).size();
        if (stored != total + 1) {
            throw new IllegalStateException("the endpoint holds " + stored + " events, expected " + (total + 1));
        }
        return new Result(threads, total, seconds);
    }
}
