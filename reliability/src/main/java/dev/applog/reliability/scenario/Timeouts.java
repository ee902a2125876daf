package dev.applog.reliability.scenario;

import dev.applog.local.lambda.InvocationResult;
import dev.applog.reliability.Harness;
import dev.applog.reliability.Row;
import dev.applog.reliability.Scenario;

import java.util.List;
import java.util.Set;

/**
 * Invocations that overrun their timeout: the handler logs its events, then sleeps far past the deadline, and
 * the local Lambda kills the JVM at the deadline, as Lambda does. The handler never returns, so the exit purge
 * never runs: the deadline watchdog of {@code @AppLogging} must have sent every event before the kill. Half the
 * overruns hit a warm JVM (a quick invocation first; the watchdog's margin is then a tenth of the time), half a
 * cold one (the JVM killed by the previous timeout; half the time). Nothing may be lost, and nothing stored twice:
 * no request is retried after a kill. The timeout is the invocation's error by design; any other error is a
 * problem.
 */
public final class Timeouts implements Scenario {

    static final int TIMEOUT_SECONDS = 2;
    static final String TIMED_OUT = "Task timed out after " + TIMEOUT_SECONDS + ".00 seconds";

    @Override
    public String name() {
        return "timeouts";
    }

    @Override
    public String description() {
        return "50 invocations (3 in the short version) of a " + TIMEOUT_SECONDS + " s function that logs "
                + LoggingRun.EVENTS_PER_INVOCATION + " events, then sleeps past its timeout and is killed at the "
                + "deadline; every other one on a JVM warmed by a quick invocation, the others on the cold JVM that "
                + "replaced the killed one";
    }

    @Override
    public List<Row> run(Harness harness) throws Exception {
        int overruns = harness.size(3, 50);
        int warm = 0;
        int timedOut = 0;
        try (LoggingRun run = new LoggingRun(harness, name(), TIMEOUT_SECONDS)) {
            for (int i = 0; i < overruns; i++) {
                if (i % 2 == 1) {
                    run.invokeOk("");  // the overrun below then hits a warm JVM
                    warm++;
                }
                InvocationResult result = run.invoke("\"overrunMs\":60000");
                if (!result.isError() || !result.payloadText().contains(TIMED_OUT)) {
                    run.problems.add("invocation " + (run.invocations() - 1) + " did not end in a timeout: "
                            + result.functionError() + " " + result.payloadText());
                    continue;
                }
                timedOut++;
                if (ProcessHandle.of(result.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                    run.problems.add("invocation " + (run.invocations() - 1) + ": the JVM was not killed at the deadline");
                }
            }
            String outcome = timedOut + " of " + overruns + " overrunning invocations killed at the " + TIMEOUT_SECONDS
                    + " s deadline (" + warm + " on a warm JVM, " + (overruns - warm) + " on a cold one), plus " + warm
                    + " quick invocation(s) before; what the endpoint got before the kills came from the watchdog's "
                    + "flush: " + run.logs.requests("PutLogEvents") + " PutLogEvents requests in all";
            return List.of(run.row(name(), outcome, Set.of()));
        }
    }
}
