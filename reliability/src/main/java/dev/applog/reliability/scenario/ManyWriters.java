package dev.applog.reliability.scenario;

import dev.applog.local.lambda.FunctionConfig;
import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import dev.applog.reliability.Harness;
import dev.applog.reliability.Row;
import dev.applog.reliability.Scenario;
import dev.applog.reliability.Tally;
import dev.applog.reliability.function.EventIds;
import dev.applog.reliability.function.LogEvents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many writers into one stream: 16 functions, each in its own JVM, invoked at once, each logging 1,000 events
 * into the same stream. Every event is stored once, and each writer's events are in the stream in the order it
 * logged them.
 */
public final class ManyWriters implements Scenario {

    @Override
    public String name() {
        return "many writers";
    }

    @Override
    public String description() {
        return "16 functions, each in its own JVM, invoked at once, each logging 1,000 events into one stream "
                + "(4 x 200 in the short version); each writer's order is checked";
    }

    @Override
    public List<Row> run(Harness harness) throws Exception {
        int writers = harness.size(4, 16);
        int events = harness.size(200, 1000);
        String run = harness.runId("writers");
        Tally tally = new Tally();
        List<String> problems = new ArrayList<>();
        try (LocalLogsServer logs = LocalLogsServer.start()) {
            LocalLambda.Builder builder = harness.lambda(logs, name());
            for (int w = 0; w < writers; w++) {
                builder.function(harness.function("Writer" + w, LogEvents.class, run, 60, Map.of()));
            }
            try (LocalLambda lambda = builder.start()) {
                ExecutorService callers = Executors.newFixedThreadPool(writers);
                try {
                    List<Future<InvocationResult>> results = new ArrayList<>();
                    for (int w = 0; w < writers; w++) {
                        int writer = w;
                        tally.expect(run, writer, events);
                        results.add(callers.submit(() -> lambda.invoke("Writer" + writer, "{\"run\":\"" + run
                                + "\",\"invocation\":" + writer + ",\"events\":" + events + "}")));
                    }
                    for (int w = 0; w < writers; w++) {
                        InvocationResult result = results.get(w).get();
                        if (result.isError()) {
                            problems.add("writer " + w + " failed: " + result.payloadText());
                        }
                    }
                } finally {
                    callers.shutdownNow();
                }
                List<StoredEvent> stored = logs.events(Harness.GROUP, run);
                problems.addAll(orderProblems(stored));
                tally.stored(stored).output(lambda.output());
            }
        }
        return List.of(tally.row(name(), writers, writers + " JVMs at once into one stream; each writer's order kept",
                Set.of(), problems));
    }

    /** A problem for each writer whose events the stream holds out of the order it logged them. */
    static List<String> orderProblems(List<StoredEvent> stored) {
        Map<String, Integer> last = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (StoredEvent event : stored) {
            String id = EventIds.find(event.message());
            if (id == null) {
                continue;
            }
            int cut = id.lastIndexOf('/');
            String writer = id.substring(0, cut);
            int seq = Integer.parseInt(id.substring(cut + 1));
            Integer before = last.put(writer, seq);
            if (before != null && before >= seq && problems.size() < 5) {
                problems.add("writer " + writer + ": event " + seq + " stored after event " + before);
            }
        }
        return problems;
    }
}
