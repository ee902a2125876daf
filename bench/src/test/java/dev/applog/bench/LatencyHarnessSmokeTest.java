package dev.applog.bench;

import dev.applog.local.lambda.FunctionConfig;
import dev.applog.local.logs.LocalLogsServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The latency section's harness with two rounds: the three functions build, answer through the local Lambda and
 * store their events. What the injected network delay guarantees is checked (a lower bound, never a speed): a
 * before-return response waits for a PutLogEvents, so at least its 30 ms; an after-response invocation's REPORT
 * Duration covers its purge after the response, so at least 30 ms too.
 */
class LatencyHarnessSmokeTest {

    @Test
    void theThreeFunctionsAnswerAndTheDelayLandsWhereEachModePutsIt() throws Exception {
        assumeTrue(Files.isRegularFile(ColdStartHarness.layerZip()), "the layer zip " + ColdStartHarness.layerZip()
                + " is not built (the reactor builds the layer before this module: ./mvnw -B -ntp verify)");
        Path root = Path.of("target", "latency-smoke").toAbsolutePath();
        List<FunctionConfig> functions = LatencyHarness.build(root);
        try (LocalLogsServer server = LatencyHarness.endpoint()) {
            List<LatencyHarness.Result> results = LatencyHarness.run(server, functions, root.resolve("work"), 0, 2);
            assertEquals(LatencyHarness.VARIANTS, results.stream().map(LatencyHarness.Result::variant).toList());
            assertEquals(3 * 2 * 10, server.events(LatencyHarness.GROUP, LatencyHarness.STREAM).size(),
                    "each applog invocation (a cold one and two measured) stored its 10 events");
            LatencyHarness.Result before = results.get(1);
            LatencyHarness.Result after = results.get(2);
            assertTrue(before.returnToResponseP50() >= 30, "before-return: the response waited for the network: " + before);
            assertTrue(after.durationP50() >= 30, "after-response: the REPORT Duration covers the purge: " + after);
            assertTrue(after.billedP50() >= after.durationP50(), "billed is the duration rounded up: " + after);
        }
    }
}
