package dev.applog.reliability.scenario;

import dev.applog.local.logs.Fault;
import dev.applog.reliability.Harness;
import dev.applog.reliability.Row;
import dev.applog.reliability.Scenario;
import dev.applog.reliability.Tally.Allow;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The endpoint answers PutLogEvents with a fault again and again, in a fixed pattern, through the whole run
 * (throttling every other request, bursts of 5xx, connections dropped before or after the events are stored),
 * while a warm function is invoked over and over. The logger retries inside the invocation's time: every event
 * is stored, none goes to the fallback; a duplicate is allowed only where the endpoint stored a request whose
 * answer it then dropped, and then every extra copy must be one of those requests' events.
 */
public final class RepeatingFaults implements Scenario {

    /**
     * One pattern, one row: {@code label} names the row within the scenario (null: the scenario's name),
     * {@code answer} says what the faulted requests got, for the outcome.
     */
    record Case(String label, List<Fault> cycle, int passes, String answer, boolean dropsAfterStoring) {
    }

    private final String name;
    private final String description;
    private final List<Case> cases;

    private RepeatingFaults(String name, String description, List<Case> cases) {
        this.name = name;
        this.description = description;
        this.cases = cases;
    }

    /** Every other PutLogEvents answered 400 ThrottlingException. */
    public static RepeatingFaults throttling() {
        return new RepeatingFaults("throttling", "200 invocations (10 in the short version) of a function logging "
                + LoggingRun.EVENTS_PER_INVOCATION + " events each, every other PutLogEvents request through the whole "
                + "run answered 400 ThrottlingException",
                List.of(new Case(null, List.of(Fault.throttling()), 1, "ThrottlingException", false)));
    }

    /** Bursts of three 5xx answers (500, 503, 503), then five normal ones, again and again. */
    public static RepeatingFaults serverErrorBursts() {
        return new RepeatingFaults("5xx bursts", "200 invocations (10 in the short version) of a function logging "
                + LoggingRun.EVENTS_PER_INVOCATION + " events each, PutLogEvents answered in bursts of three server "
                + "errors (500 InternalFailure, 503, 503) then five normal answers, again and again",
                List.of(new Case(null, List.of(Fault.error(500, "InternalFailure", "Internal failure (played by the "
                        + "local endpoint)"), Fault.serviceUnavailable(), Fault.serviceUnavailable()), 5, "500 or 503", false)));
    }

    /** Every other PutLogEvents connection reset: one case before the endpoint stores, one after. */
    public static RepeatingFaults droppedConnections() {
        return new RepeatingFaults("dropped connections", "twice 200 invocations (10 in the short version) of a "
                + "function logging " + LoggingRun.EVENTS_PER_INVOCATION + " events each, every other PutLogEvents "
                + "connection reset without an answer: once before the endpoint stores the events, once after",
                List.of(new Case("before storing", List.of(Fault.dropConnection()), 1,
                                "a reset connection, nothing stored", false),
                        new Case("after storing", List.of(Fault.dropConnectionAfterStoring()), 1,
                                "a reset connection after the events were stored", true)));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<Row> run(Harness harness) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (Case c : cases) {
            rows.add(run(harness, c));
        }
        return rows;
    }

    private Row run(Harness harness, Case c) throws Exception {
        String rowName = c.label() == null ? name : name + ": " + c.label();
        int invocations = harness.size(10, 200);
        try (LoggingRun run = new LoggingRun(harness, rowName, 30)) {
            run.logs.failRepeatedly("PutLogEvents", c.cycle(), c.passes());
            for (int i = 0; i < invocations; i++) {
                run.invokeOk("");
            }
            long puts = run.logs.requests("PutLogEvents");
            long faulted = run.faulted("PutLogEvents", "");
            StringBuilder outcome = new StringBuilder().append(puts).append(" PutLogEvents requests for ")
                    .append(invocations).append(" invocations, ").append(faulted).append(" answered ").append(c.answer())
                    .append(" and retried by the logger");
            if (!c.dropsAfterStoring()) {
                Row row = run.row(rowName, outcome + "", Set.of());
                return row.with(faulted == 0 ? List.of("no request was faulted: the scenario showed nothing") : List.of());
            }
            long lostAnswers = run.storedBy("PutLogEvents", "drop connection after storing");
            Row row = run.row(rowName, "", Set.of(Allow.DUPLICATES));
            long extraCopies = run.logs.eventsReceived() - row.stored();
            List<String> more = new ArrayList<>();
            if (extraCopies != lostAnswers) {
                more.add(extraCopies + " extra copies stored, but the requests whose answer was dropped after storing "
                        + "held " + lostAnswers + " events: duplicates not explained by retries");
            }
            if (lostAnswers == 0) {
                more.add("no request was stored and then dropped: the scenario showed nothing");
            }
            outcome.append("; ").append(lostAnswers).append(" events were stored by requests whose answer was lost, "
                    + "so the logger sent them again: ").append(row.storedTwice()).append(" events stored twice, "
                    + "each one of those (delivery is at-least-once: CloudWatch Logs has no idempotency)");
            return LoggingRun.withOutcome(row, outcome.toString()).with(more);
        }
    }
}
