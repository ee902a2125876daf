package dev.applog.reliability.scenario;

import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.ManualClock;
import dev.applog.reliability.Harness;
import dev.applog.reliability.Row;
import dev.applog.reliability.Tally;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library under the account's PutLogEvents quota, through the real SDK against the local endpoint: requests over
 * it are throttled, the senders retry, and every event is stored, none in the fallback. The quota's window follows
 * a clock this test moves, so which requests are throttled does not depend on the machine's speed: it stands still
 * until the first request over the quota was refused, then moves a second at a time.
 */
class BusyApplicationTest {

    @Test
    void everyEventIsStoredThoughRequestsOverTheQuotaAreThrottled() throws Exception {
        ManualClock clock = new ManualClock();
        try (LocalLogsServer logs = LocalLogsServer.builder().clock(clock).putLogEventsQuota(5).start()) {
            Thread mover = new Thread(() -> {
                try {
                    while (logs.throttled() == 0) {
                        Thread.sleep(5);
                    }
                    while (true) {
                        Thread.sleep(100);
                        clock.advance(Duration.ofSeconds(1));
                    }
                } catch (InterruptedException e) {
                    // the test is over
                }
            }, "quota-clock");
            mover.setDaemon(true);
            mover.start();
            Tally tally = new Tally();
            List<String> printed = new ArrayList<>();
            BusyApplication.Load load;
            try {
                // 8 environments of 4 functions, 3 invocations each: 24 requests against 5 per (test) second
                load = BusyApplication.run(logs, "busytest", 8, 80, Duration.ofMillis(300), tally, printed);
            } finally {
                mover.interrupt();
            }
            Row row = tally.stored(logs.events(Harness.GROUP, "busytest")).printed(printed)
                    .row("busy", load.invocations(), "", Set.of(), List.of());

            assertEquals(24, load.invocations());
            assertEquals(24 * BusyApplication.EVENTS_PER_INVOCATION, row.logged());
            assertEquals(List.of(), row.problems(), "every event stored once, in its writer's order, none in the fallback");
            assertEquals(row.logged(), row.stored());
            assertTrue(load.throttled() > 0, "requests over the quota were throttled");
            assertEquals(logs.throttled(), load.throttled());
            assertEquals(load.throttled(), load.retries(), "each throttled request was retried by its sender");
            assertEquals(24 + load.throttled(), load.putRequests(), "one accepted request per invocation, and the retries");
            assertEquals(0, load.fallbackEvents());
            assertTrue(load.purgeP99Ms() >= load.purgeP50Ms());
            assertEquals(List.of(), load.threadsLeft(), "the loggers closed, no applog thread is left");
        }
    }
}
