package dev.applog.reliability;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness's short version: every scenario at small sizes, against the local endpoint and the local Lambda.
 * Fails on any broken promise (a lost event, an unexplained duplicate, a fallback CloudWatch did not cause, a
 * handler that saw the logger's exception). The table is in target/reliability-quick.md.
 */
class ReliabilityIT {

    @Test
    void everyScenarioKeepsEveryPromise() throws Exception {
        Harness harness = Harness.fromSystemProperties(false);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<Row> rows = Reliability.run(harness, Scenarios.all(), new PrintStream(progress, true, StandardCharsets.UTF_8));
        String table = Reliability.table(rows);
        Files.writeString(Path.of("target", "reliability-quick.md"), table + "\n" + progress.toString(StandardCharsets.UTF_8));
        System.out.print(table);

        String broken = rows.stream().filter(r -> !r.ok()).map(r -> r.scenario() + ": " + r.problems())
                .collect(Collectors.joining("\n"));
        assertEquals("", broken, "scenarios with broken promises:\n" + broken + "\n" + table);
        for (Row row : rows) {
            // a bad setting fails the invocation before the handler logs anything: such a row shows the error it checked
            assertTrue(row.logged() > 0 || row.outcome().contains("fails before the handler runs")
                    || row.outcome().startsWith("AppLogConfigException"), row.scenario() + " logged nothing: it cannot show anything");
            assertEquals(row.logged(), row.stored() + row.fallback() + row.lost(), row.scenario() + ": the counts add up");
        }
        List<String> names = Scenarios.all().stream().map(Scenario::name).toList();
        for (String name : names) {
            assertTrue(rows.stream().anyMatch(r -> r.scenario().startsWith(name)), name + " has a row");
        }
    }
}
