package dev.applog.bench;

import dev.applog.AppLogger;
import dev.applog.CloudWatchLogger;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * PutLogEvents calls and bytes for N events with the library's default batching, read from the local endpoint's
 * counters, against the fewest the service's limits allow for the same stored messages and against the original's
 * one request per 20 events.
 */
final class RequestsHarness {

    static final int MAX_BATCH_BYTES = 1_048_576;
    static final int MAX_BATCH_EVENTS = 10_000;
    static final int EVENT_OVERHEAD = 26;

    /**
     * @param putRequests     every PutLogEvents call, also those refused because the new stream did not exist yet
     * @param storedBatches   the events each accepted PutLogEvents stored
     * @param otherRequests   CreateLogStream / CreateLogGroup
     * @param callerWaits     log calls that waited because the memory bound (maxBufferBytes) was reached
     */
    record Result(int events, long putRequests, List<Integer> storedBatches, long otherRequests, long bytesSent,
                  long eventsStored, long minimumRequests, long originalRequests, long callerWaits) {
        long acceptedPuts() {
            return storedBatches.size();
        }
    }

    private RequestsHarness() {
    }

    static List<Result> run(LocalLogsServer server, RequestLog log, int... sizes) {
        List<Result> results = new ArrayList<>();
        for (int n : sizes) {
            String stream = "requests-" + n + "-" + System.nanoTime();
            AppLogger logger = BenchSetup.create(BenchSetup.cloudWatch(server.endpoint(), stream, "#short"));
            server.resetCounters();
            log.clear();
            for (int i = 0; i < n; i++) {
                logger.info(BenchSetup.MESSAGE);
            }
            if (!logger.purge(BenchSetup.PURGE_WAIT)) {
                throw new IllegalStateException("the purge did not store all " + n + " events: see the fallback lines above");
            }
            long puts = server.requests("PutLogEvents");
            long others = server.totalRequests() - puts;
            List<StoredEvent> stored = server.events(BenchSetup.GROUP, stream);
            long bytes = 0;
            for (StoredEvent event : stored) {
                bytes += BenchSetup.utf8Length(event.message()) + EVENT_OVERHEAD;
            }
            long minimum = Math.max(ceilDiv(bytes, MAX_BATCH_BYTES), ceilDiv(stored.size(), MAX_BATCH_EVENTS));
            results.add(new Result(n, puts, log.storedBatches(stream), others, server.bytesReceived(), stored.size(), minimum, ceilDiv(n, 20),
                    ((CloudWatchLogger) logger).stats().callerWaits()));
        }
        return results;
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
