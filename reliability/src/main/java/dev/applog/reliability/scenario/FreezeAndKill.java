package dev.applog.reliability.scenario;

import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.lambda.ProcessState;
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
import java.util.concurrent.TimeUnit;

/**
 * Lambda's lifecycle: every invocation is followed by SIGSTOP (the local Lambda freezes the JVM as soon as it
 * answers), and every 10th by SIGKILL (the environment reclaimed while frozen), so the next one starts cold.
 * Whatever the handler logged must be in the stream when it answers (checked after each invocation): nothing
 * can be sent later.
 */
public final class FreezeAndKill implements Scenario {

    static final int EVENTS_PER_INVOCATION = 20;

    @Override
    public String name() {
        return "freeze and kill";
    }

    @Override
    public String description() {
        return "300 invocations (20 in the short version) of a woven handler, each logging " + EVENTS_PER_INVOCATION
                + " events and followed by SIGSTOP; every 10th by SIGKILL of the frozen JVM, so the next starts cold";
    }

    @Override
    public List<Row> run(Harness harness) throws Exception {
        int invocations = harness.size(20, 300);
        String run = harness.runId("freeze");
        String stream = run;
        Tally tally = new Tally();
        List<String> problems = new ArrayList<>();
        int kills = 0;
        int colds = 0;
        try (LocalLogsServer logs = LocalLogsServer.start();
                LocalLambda lambda = harness.lambda(logs, name())
                        .function(harness.function("LogEvents", LogEvents.class, stream, 30, Map.of())).start()) {
            for (int i = 0; i < invocations; i++) {
                tally.expect(run, i, EVENTS_PER_INVOCATION);
                InvocationResult result = lambda.invoke("LogEvents", "{\"run\":\"" + run + "\",\"invocation\":" + i
                        + ",\"events\":" + EVENTS_PER_INVOCATION + "}");
                colds += result.coldStart() ? 1 : 0;
                if (result.isError()) {
                    problems.add("invocation " + i + " failed: " + result.payloadText());
                    continue;
                }
                int now = Harness.storedNow(logs, stream, run, i).size();
                if (now < EVENTS_PER_INVOCATION) {
                    problems.add("invocation " + i + ": " + now + " of its " + EVENTS_PER_INVOCATION
                            + " events in the stream when it answered");
                }
                char state = ProcessState.of(result.pid());
                if (state != 'T') {
                    problems.add("invocation " + i + ": the JVM was not frozen after answering (state " + state + ")");
                }
                if ((i + 1) % 10 == 0) {
                    ProcessHandle jvm = ProcessHandle.of(result.pid()).orElse(null);
                    if (jvm != null) {
                        jvm.destroyForcibly();
                        jvm.onExit().get(30, TimeUnit.SECONDS);
                        kills++;
                    }
                }
            }
            tally.stored(logs.events(Harness.GROUP, stream)).output(lambda.output());
        }
        int expectedColds = (invocations + 9) / 10;
        if (colds != expectedColds) {
            problems.add(colds + " cold starts, expected " + expectedColds + " (one per killed environment, plus the first)");
        }
        return List.of(tally.row(name(), invocations, kills + " JVMs killed while frozen, " + colds + " cold starts",
                Set.of(), problems));
    }
}
