package dev.applog.reliability.scenario;

import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.ProcessState;
import dev.applog.reliability.Harness;
import dev.applog.reliability.Row;
import dev.applog.reliability.Scenario;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's lifecycle: every invocation is followed by SIGSTOP (the local Lambda freezes the JVM as soon as it
 * answers), and every 10th by SIGKILL (the environment reclaimed while frozen), so the next one starts cold.
 * Whatever the handler logged must be in the stream when it answers (checked after each invocation): nothing
 * can be sent later.
 */
public final class FreezeAndKill implements Scenario {

    private static final int EVENTS_PER_INVOCATION = LoggingRun.EVENTS_PER_INVOCATION;

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
        int kills = 0;
        try (LoggingRun run = new LoggingRun(harness, name(), 30)) {
            for (int i = 0; i < invocations; i++) {
                InvocationResult result = run.invokeOk("");
                if (result.isError()) {
                    continue;
                }
                int now = Harness.storedNow(run.logs, run.stream, run.run, i).size();
                if (now < EVENTS_PER_INVOCATION) {
                    run.problems.add("invocation " + i + ": " + now + " of its " + EVENTS_PER_INVOCATION
                            + " events in the stream when it answered");
                }
                char state = ProcessState.of(result.pid());
                if (state != 'T') {
                    run.problems.add("invocation " + i + ": the JVM was not frozen after answering (state " + state + ")");
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
            int colds = run.coldStarts();
            int expectedColds = (invocations + 9) / 10;
            if (colds != expectedColds) {
                run.problems.add(colds + " cold starts, expected " + expectedColds
                        + " (one per killed environment, plus the first)");
            }
            return List.of(run.row(name(), kills + " JVMs killed while frozen, " + colds + " cold starts", Set.of()));
        }
    }
}
