package dev.applog.reliability.scenario;

import dev.applog.reliability.Harness;
import dev.applog.reliability.Row;
import dev.applog.reliability.Scenario;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The endpoint is down for 3 s in the middle of a run ({@code LocalLogsServer.refuseConnectionsFor}: new
 * connections refused, open ones reset) while invocations keep logging. The function has time to spare
 * (10 s), so the invocation that meets the outage waits in its exit purge, retrying, until the endpoint is back:
 * every event stored once, none in the fallback.
 */
public final class Outage implements Scenario {

    static final Duration OUTAGE = Duration.ofSeconds(3);

    @Override
    public String name() {
        return "outage";
    }

    @Override
    public String description() {
        return "100 invocations (6 in the short version) of a 10 s function logging " + LoggingRun.EVENTS_PER_INVOCATION
                + " events each; before the middle one the endpoint goes down for " + OUTAGE.toSeconds()
                + " s (connections refused, open ones reset)";
    }

    @Override
    public List<Row> run(Harness harness) throws Exception {
        int invocations = harness.size(6, 100);
        int middle = invocations / 2;
        try (LoggingRun run = new LoggingRun(harness, name(), 10)) {
            double slowest = 0;
            int slowestInvocation = -1;
            long putsBefore = 0;
            for (int i = 0; i < invocations; i++) {
                if (i == middle) {
                    putsBefore = run.logs.requests("PutLogEvents");
                    run.logs.refuseConnectionsFor(OUTAGE);
                }
                long start = System.nanoTime();
                run.invokeOk("");
                double seconds = (System.nanoTime() - start) / 1e9;
                if (i > 0 && seconds > slowest) {
                    slowest = seconds;
                    slowestInvocation = i;
                }
            }
            String outcome = String.format("endpoint down %d s from invocation %d; the slowest warm invocation (%d) "
                    + "took %.1f s, its purge retrying until the endpoint was back; %d PutLogEvents requests reached "
                    + "the endpoint (%d before the outage)", OUTAGE.toSeconds(), middle,
                    slowestInvocation, slowest, run.logs.requests("PutLogEvents"), putsBefore);
            return List.of(run.row(name(), outcome, Set.of()));
        }
    }
}
