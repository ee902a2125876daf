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
 * One invocation that logs 50 MB (51,200 events of 1 KiB) in a function whose heap is 64 MB: the logger's memory
 * bound (8 MiB buffered by default) makes the handler wait for the senders instead of holding everything, so the
 * heap never has to hold the 50 MB; all of it is stored before the answer.
 */
public final class BigInvocation implements Scenario {

    static final int HEAP_MB = 64;
    static final int EVENT_BYTES = 1024;

    @Override
    public String name() {
        return "50 MB in one invocation";
    }

    @Override
    public String description() {
        return "one invocation logs 50 MiB (51,200 events of 1 KiB; 5 MiB in the short version) in a function with "
                + "MemorySize " + HEAP_MB + " (a " + HEAP_MB + " MB heap)";
    }

    @Override
    public List<Row> run(Harness harness) throws Exception {
        int events = harness.size(5 * 1024, 50 * 1024);
        String run = harness.runId("big");
        Tally tally = new Tally().expect(run, 0, events);
        List<String> problems = new ArrayList<>();
        String answer;
        try (LocalLogsServer logs = LocalLogsServer.start();
                LocalLambda lambda = harness.lambda(logs, name())
                        .function(harness.function("Big", LogEvents.class, run, 300, Map.of()).withMemoryMb(HEAP_MB))
                        .start()) {
            InvocationResult result = lambda.invoke("Big", "{\"run\":\"" + run + "\",\"invocation\":0,\"events\":"
                    + events + ",\"bytes\":" + EVENT_BYTES + "}");
            answer = result.payloadText();
            if (result.isError()) {
                problems.add("the invocation failed: " + answer);
            }
            tally.stored(logs.events(Harness.GROUP, run)).output(lambda.output());
        }
        String memory = answer.replaceAll("^\"?logged \\d+; (.*?)\"?$", "$1");
        return List.of(tally.row(name(), 1, (long) events * EVENT_BYTES / (1024 * 1024) + " MiB logged; " + memory,
                Set.of(), problems));
    }
}
