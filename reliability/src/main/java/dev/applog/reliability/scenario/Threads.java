package dev.applog.reliability.scenario;

import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.reliability.Harness;
import dev.applog.reliability.Row;
import dev.applog.reliability.Scenario;
import dev.applog.reliability.Tally;
import dev.applog.reliability.function.LogEvents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One handler logging from 8 threads at once through the injected logger, the threads joined before it answers:
 * every event is stored before the answer, once.
 */
public final class Threads implements Scenario {

    @Override
    public String name() {
        return "8 threads";
    }

    @Override
    public String description() {
        return "10 invocations (3 in the short version) of a handler whose 8 threads log 8,000 events (800) "
                + "at once through the injected logger";
    }

    @Override
    public List<Row> run(Harness harness) throws Exception {
        int invocations = harness.size(3, 10);
        int events = harness.size(800, 8000);
        String run = harness.runId("threads");
        Tally tally = new Tally().writers(8);
        List<String> problems = new ArrayList<>();
        try (LocalLogsServer logs = LocalLogsServer.start();
                LocalLambda lambda = harness.lambda(logs, name())
                        .function(harness.function("Threads", LogEvents.class, run, 60, Map.of())).start()) {
            for (int i = 0; i < invocations; i++) {
                tally.expect(run, i, events);
                InvocationResult result = lambda.invoke("Threads", "{\"run\":\"" + run + "\",\"invocation\":" + i
                        + ",\"events\":" + events + ",\"threads\":8}");
                if (result.isError()) {
                    problems.add("invocation " + i + " failed: " + result.payloadText());
                }
                // the JVM is frozen now: what is in the stream was sent before the answer
                tally.stored(Harness.storedNow(logs, run, run, i));
            }
            tally.output(lambda.output());
        }
        return List.of(tally.row(name(), invocations, "8 threads per invocation; counted when each answered (JVM frozen)",
                Set.of(), problems));
    }
}
