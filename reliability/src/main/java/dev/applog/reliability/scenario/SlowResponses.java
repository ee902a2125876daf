package dev.applog.reliability.scenario;

import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.logs.Fault;
import dev.applog.reliability.Harness;
import dev.applog.reliability.Row;
import dev.applog.reliability.Scenario;
import dev.applog.reliability.Tally.Allow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every PutLogEvents answer is delayed past the exit purge's deadline: a 3 s function works 1 s after logging,
 * so its purge has under 2 s, and the endpoint answers after {@link #DELAY}. The logger gives up at the deadline
 * (the invocation must end before Lambda's) and prints the events to the fallback; the endpoint, which did
 * receive them, stores them when its delay ends. So every event is both stored and in the fallback: nothing
 * lost, and the fallback holds copies (at-least-once). The group and stream exist beforehand, as in a steady
 * state, so the first request is a slow put rather than a slow "not found".
 */
public final class SlowResponses implements Scenario {

    static final Duration DELAY = Duration.ofMillis(2500);
    static final int TIMEOUT_SECONDS = 3;
    static final int WORK_MILLIS = 1000;

    @Override
    public String name() {
        return "slow responses";
    }

    @Override
    public String description() {
        return "20 invocations (2 in the short version) of a " + TIMEOUT_SECONDS + " s function that logs "
                + LoggingRun.EVENTS_PER_INVOCATION + " events, then works " + WORK_MILLIS / 1000.0 + " s; every "
                + "PutLogEvents answered after " + DELAY.toMillis() / 1000.0 + " s, past the exit purge's deadline";
    }

    @Override
    public List<Row> run(Harness harness) throws Exception {
        int invocations = harness.size(2, 20);
        try (LoggingRun run = new LoggingRun(harness, name(), TIMEOUT_SECONDS)) {
            run.client().createLogGroup(r -> r.logGroupName(Harness.GROUP));
            run.client().createLogStream(r -> r.logGroupName(Harness.GROUP).logStreamName(run.stream));
            run.logs.failRepeatedly("PutLogEvents", List.of(Fault.delay(DELAY)), 0);
            long slowest = 0;
            for (int i = 0; i < invocations; i++) {
                InvocationResult result = run.invokeOk("\"overrunMs\":" + WORK_MILLIS);
                if (result.duration() != null) {
                    slowest = Math.max(slowest, result.duration().toMillis());
                }
            }
            // the endpoint stores a delayed request when its delay ends, after the invocation gave up on it
            long puts = run.logs.requests("PutLogEvents");
            long waitUntil = System.nanoTime() + DELAY.multipliedBy(4).toNanos();
            while (run.requestLines("PutLogEvents").size() < puts && System.nanoTime() < waitUntil) {
                Thread.sleep(50);
            }
            List<String> problems = new ArrayList<>();
            if (run.requestLines("PutLogEvents").size() < puts) {
                problems.add("the endpoint did not finish its delayed requests in " + DELAY.multipliedBy(4));
            }
            Row row = run.row(name(), "", Set.of(Allow.FALLBACK));
            List<String> deadline = run.diagnostics().stream().filter(d -> d.contains("in time")).toList();
            long both = run.tally.storedAndInFallback();
            String outcome = puts + " PutLogEvents requests for " + invocations + " invocations, each answered after "
                    + DELAY.toMillis() / 1000.0 + " s: the purge gave up at its deadline and printed the events to "
                    + "the fallback (" + deadline.size() + " diagnostic \"" + LoggingRun.excerpt(deadline) + "\"); the endpoint "
                    + "stored them when its delay ended: " + both + " events both stored and in the fallback, "
                    + row.fallback() + " only in the fallback; the slowest invocation answered after " + slowest
                    + " ms of its " + TIMEOUT_SECONDS * 1000;
            return List.of(LoggingRun.withOutcome(row, outcome).with(problems));
        }
    }
}
