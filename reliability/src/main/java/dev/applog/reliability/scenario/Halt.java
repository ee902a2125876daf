package dev.applog.reliability.scenario;

import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.reliability.Harness;
import dev.applog.reliability.Row;
import dev.applog.reliability.Scenario;
import dev.applog.reliability.Tally;
import dev.applog.reliability.Tally.Allow;
import dev.applog.reliability.function.HaltAfterLogging;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A process that dies mid-invocation ({@code Runtime.getRuntime().halt(1)}, as an out-of-memory kill or a native
 * crash): what the logger holds in memory is lost, as the README states. Each row is one setting, and checks that
 * exactly the documented events are lost, no more, no fewer: with the defaults, everything logged since the last
 * purge (the INFO lines and an ERROR); with a CRITICAL as the last event, nothing (it is stored, with the lines
 * before it, before the call returns); with {@code APPLOG_PURGE_LEVEL=ERROR} and an ERROR last, nothing; with
 * {@code APPLOG_ECHO=true}, nothing is stored but every event is on the function's stdout.
 */
public final class Halt implements Scenario {

    private static final int EVENTS = 20;

    /** One row: the setting, the last event's level, and whether the events end up stored, printed or lost. */
    private record Case(String label, Map<String, String> environment, String last, String expectation) {}

    @Override
    public String name() {
        return "halt";
    }

    @Override
    public String description() {
        return "a process that dies: 10 invocations per row (2 in the short version) of a handler that logs " + EVENTS
                + " INFO events, then one at ERROR or CRITICAL, then calls Runtime.getRuntime().halt(1); one row per "
                + "setting (defaults, APPLOG_PURGE_LEVEL=ERROR, APPLOG_ECHO=true), each checking the loss the README "
                + "documents for it";
    }

    @Override
    public List<Row> run(Harness harness) throws Exception {
        int invocations = harness.size(2, 10);
        List<Case> cases = List.of(
                new Case("defaults", Map.of(), "ERROR", "lost"),
                new Case("defaults, CRITICAL last", Map.of(), "CRITICAL", "stored"),
                new Case("APPLOG_PURGE_LEVEL=ERROR", Map.of("APPLOG_PURGE_LEVEL", "ERROR"), "ERROR", "stored"),
                new Case("APPLOG_ECHO=true", Map.of("APPLOG_ECHO", "true"), "ERROR", "printed"));
        List<Row> rows = new ArrayList<>();
        for (Case c : cases) {
            rows.add(run(harness, c, invocations));
        }
        return rows;
    }

    private Row run(Harness harness, Case c, int invocations) throws Exception {
        String name = name() + ": " + c.label();
        String run = harness.runId("halt");
        Tally tally = new Tally();
        List<String> problems = new ArrayList<>();
        int exits = 0;
        try (LocalLogsServer logs = LocalLogsServer.start();
                LocalLambda lambda = harness.lambda(logs, name)
                        .function(harness.function("Halt", HaltAfterLogging.class, run, 30, c.environment())).start()) {
            for (int i = 0; i < invocations; i++) {
                tally.expect(run, i, EVENTS + 1);
                InvocationResult result = lambda.invoke("Halt", "{\"run\":\"" + run + "\",\"invocation\":" + i
                        + ",\"events\":" + EVENTS + ",\"last\":\"" + c.last() + "\"}");
                if (result.isError() && result.payloadText().contains("Runtime.ExitError")) {
                    exits++;
                } else {
                    problems.add("invocation " + i + " did not end with Runtime.ExitError: " + result.payloadText());
                }
            }
            tally.stored(logs.events(Harness.GROUP, run)).printedPlainly(lambda.output());
        }
        long logged = (long) invocations * (EVENTS + 1);
        // what the README documents for this setting: the row checks exactly that
        long storedExpected = c.expectation().equals("stored") ? logged : 0;
        long printedExpected = c.expectation().equals("printed") ? logged : 0;
        long lostExpected = c.expectation().equals("lost") ? logged : 0;
        Row row = tally.row(name, invocations, "", Set.of(Allow.FALLBACK, Allow.LOSS), problems);
        List<String> more = new ArrayList<>();
        if (row.stored() != storedExpected || row.fallback() != printedExpected || row.lost() != lostExpected) {
            more.add(row.stored() + " stored, " + row.fallback() + " on stdout, " + row.lost() + " lost; documented: "
                    + storedExpected + " stored, " + printedExpected + " on stdout, " + lostExpected + " lost");
        }
        String outcome = exits + " of " + invocations + " invocations ended Runtime.ExitError (halt); " + switch (c.expectation()) {
            case "lost" -> "as documented, what the logger held in memory is lost: the " + EVENTS + " INFO events and "
                    + "the ERROR (below the purge level) of each invocation, stream and stdout alike";
            case "stored" -> "as documented, the " + c.last() + " event (at the purge level) was stored before its log "
                    + "call returned, with the " + EVENTS + " events before it; nothing lost";
            default -> "as documented, every event was on the function's stdout (the fallback column) when the process "
                    + "died; nothing reached the stream, nothing lost from stdout";
        };
        return new Row(row.scenario(), row.invocations(), row.logged(), row.stored(), row.storedTwice(), row.fallback(),
                row.lost(), outcome, row.with(more).problems());
    }
}
