package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.local.logs.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many threads, several context loggers, the memory bound. */
class CloudWatchConcurrencyTest extends LocalEndpointTest {

    @Test
    void eightThreadsLoggingAtOnceLoseNothing() throws Exception {
        create("/app/threads", "s");
        CloudWatchLogger log = logger(config("/app/threads", "s").maxBufferedEvents(1_000));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 2_000; i++) {
                    log.info("t" + thread + "-" + i);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertTrue(log.purge(Duration.ofSeconds(20)));
        List<String> stored = stored("/app/threads", "s");
        assertEquals(16_000, stored.size());
        assertEquals(16_000, new HashSet<>(stored).size(), "no duplicates");
        assertEquals(16_000, log.stats().eventsSent());
        assertEquals(0, log.stats().eventsPending());
    }

    @Test
    void contextLoggersHaveTheirOwnBuffersAndFields() throws Exception {
        create("/app/ctx", "s");
        CloudWatchLogger root = logger(config("/app/ctx", "s").format("#json"));
        AppLogger a = root.withContext(Map.of("function_request_id", "A"));
        AppLogger b = root.withContext(Map.of("function_request_id", "B"));
        a.info("from a");
        b.info("from b");
        // A's request is held by the endpoint; B purges meanwhile and does not wait for A's events
        server.failNext("PutLogEvents", 1, Fault.delay(Duration.ofSeconds(3)));
        CompletableFuture<Boolean> purgeA = CompletableFuture.supplyAsync(() -> a.purge(Duration.ofSeconds(10)));
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (puts() < 1 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertTrue(b.purge(Duration.ofSeconds(10)));
        assertFalse(purgeA.isDone(), "A is still waiting for its own request");
        List<String> stored = stored("/app/ctx", "s");
        assertEquals(1, stored.size(), "only B's event is stored so far: " + stored);
        JsonNode bEvent = new ObjectMapper().readTree(stored.get(0));
        assertEquals("B", bEvent.get("function_request_id").asText());
        assertEquals("from b", bEvent.get("message").asText());
        assertTrue(purgeA.get());
        Set<String> ids = new HashSet<>();
        for (String event : stored("/app/ctx", "s")) {
            ids.add(new ObjectMapper().readTree(event).get("function_request_id").asText());
        }
        assertEquals(Set.of("A", "B"), ids);
        assertEquals(2, root.stats().eventsSent(), "the counters are shared by the context loggers");
    }

    @Test
    void whenTheMemoryBoundIsReachedTheCallerWaitsAndNothingIsDropped() {
        create("/app/bound", "s");
        server.failNext("PutLogEvents", 3, Fault.delay(Duration.ofMillis(100)));
        CloudWatchLogger log = logger(config("/app/bound", "s").maxEventBytes(1_024).maxBufferBytes(4_096)
                .maxBufferedEvents(10));
        for (int i = 0; i < 300; i++) {
            log.info(String.format("%03d-", i) + "x".repeat(95));
        }
        assertTrue(log.purge(Duration.ofSeconds(20)));
        assertEquals(300, stored("/app/bound", "s").size());
        assertTrue(log.stats().callerWaits() > 0, "the bound made callers wait: " + log.stats());
        assertEquals(0, log.stats().fallbackEvents());
    }
}
