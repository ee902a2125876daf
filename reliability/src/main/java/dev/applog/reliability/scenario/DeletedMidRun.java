package dev.applog.reliability.scenario;

import dev.applog.reliability.Harness;
import dev.applog.reliability.Row;
import dev.applog.reliability.Scenario;

import java.util.List;
import java.util.Set;

/**
 * Someone deletes the stream, and later the whole group, through the endpoint (DeleteLogStream,
 * DeleteLogGroup) while the function keeps being invoked. The logger's next put meets ResourceNotFoundException
 * and creates what is missing, then puts again: every event stored, none in the fallback. A deletion removes
 * the events stored before it, so the stream is read just before each deletion and those events are counted
 * as stored (they were, until someone deleted them).
 */
public final class DeletedMidRun implements Scenario {

    @Override
    public String name() {
        return "deleted group/stream";
    }

    @Override
    public String description() {
        return "60 invocations (6 in the short version) of a function logging " + LoggingRun.EVENTS_PER_INVOCATION
                + " events each; after a third of them the stream is deleted, after two thirds the whole group "
                + "(the stream read just before each deletion, its events counted as stored)";
    }

    @Override
    public List<Row> run(Harness harness) throws Exception {
        int invocations = harness.size(6, 60);
        try (LoggingRun run = new LoggingRun(harness, name(), 30)) {
            int readBeforeStream = 0;
            int readBeforeGroup = 0;
            for (int i = 0; i < invocations; i++) {
                if (i == invocations / 3) {
                    readBeforeStream = run.logs.events(Harness.GROUP, run.stream).size();
                    run.readStream();
                    run.client().deleteLogStream(r -> r.logGroupName(Harness.GROUP).logStreamName(run.stream));
                } else if (i == 2 * invocations / 3) {
                    readBeforeGroup = run.logs.events(Harness.GROUP, run.stream).size();
                    run.readStream();
                    run.client().deleteLogGroup(r -> r.logGroupName(Harness.GROUP));
                }
                run.invokeOk("");
            }
            String outcome = "stream deleted before invocation " + invocations / 3 + " (" + readBeforeStream
                    + " events read from it first), group deleted before invocation " + 2 * invocations / 3 + " ("
                    + readBeforeGroup + " read first); the logger met ResourceNotFoundException and re-created them: "
                    + run.logs.requests("CreateLogStream") + " CreateLogStream, " + run.logs.requests("CreateLogGroup")
                    + " CreateLogGroup in all (a CreateLogStream that finds no group is followed by CreateLogGroup "
                    + "and CreateLogStream again), " + run.logs.requests("PutLogEvents") + " PutLogEvents";
            return List.of(run.row(name(), outcome, Set.of()));
        }
    }
}
