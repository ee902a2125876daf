package dev.applog.bench;

import dev.applog.local.logs.LocalLogsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The harnesses run with tiny sizes against the local endpoint and count what they should; no timing is checked. */
class HarnessSmokeTest {

    @Test
    void requestsAreCountedAndComparedWithTheMinimum() {
        RequestLog log = new RequestLog();
        try (LocalLogsServer server = LocalLogsServer.builder().requestListener(log).start()) {
            List<RequestsHarness.Result> results = RequestsHarness.run(server, log, 10, 40);
            RequestsHarness.Result ten = results.get(0);
            assertEquals(10, ten.eventsStored());
            assertEquals(List.of(10), ten.storedBatches());
            assertEquals(1, ten.minimumRequests());
            assertEquals(1, ten.originalRequests());
            assertTrue(ten.putRequests() >= 1, "at least the accepted PutLogEvents is counted");
            long perEvent = BenchSetup.utf8Length("INFO: bench: " + BenchSetup.MESSAGE) + 26;
            assertEquals(10 * perEvent, ten.bytesSent(), "bytes stored are #short lines of the 100-byte message, + 26 each");
            assertEquals(2, results.get(1).originalRequests());
        }
    }

    @Test
    void exitCostAndThroughputRunWithMinimalSizes() throws InterruptedException {
        try (LocalLogsServer server = LocalLogsServer.start()) {
            ExitCostHarness.Result exit = ExitCostHarness.run(server, 0, 1, 10).get(0);
            assertEquals(1, exit.bareRequests());
            assertEquals(1.0, exit.purgeRequestsPerRound());
            assertTrue(exit.purgeMedianMs() > 0 && exit.bareMedianMs() > 0);

            ThroughputHarness.Result throughput = ThroughputHarness.run(server, 2, 100);
            assertEquals(100, throughput.events());
            // the harness itself fails unless the endpoint holds every event (checked after the clock stops)
            assertTrue(throughput.seconds() > 0);
        }
    }

    @Test
    void theColdStartFunctionsEachStartAndAnswerThroughTheLocalLambda() throws Exception {
        assumeTrue(Files.isRegularFile(ColdStartHarness.layerZip()), "the layer zip " + ColdStartHarness.layerZip()
                + " is not built (the reactor builds the layer before this module: ./mvnw -B -ntp verify)");
        ColdStartHarness.Functions functions = ColdStartHarness.build(Path.of("target", "coldstart-smoke").toAbsolutePath());
        try (LocalLogsServer server = LocalLogsServer.builder().https(true).start()) {
            // over HTTPS, as the benchmark runs; only the start that counts classes, one per function: the harness checks each cold answer and its
            // init and invocation times, applog's 10 events stored by the freeze and Powertools' 10 JSON
            // lines with the Lambda context its woven aspect adds
            List<ColdStartHarness.Result> results = ColdStartHarness.run(server, functions, 0);
            assertEquals(ColdStartHarness.VARIANTS, results.stream().map(ColdStartHarness.Result::variant).toList());
            assertEquals(40, server.events(ColdStartHarness.GROUP, ColdStartHarness.STREAM).size(),
                    "applog (light transport), applog-sdk, applog-slf4j and applog-before-return stored their 10 events "
                    + "each, over HTTPS");
            long bareClasses = results.get(0).classes();
            assertTrue(bareClasses > 0 && results.stream().skip(1).allMatch(x -> x.classes() > bareClasses),
                    "the logging functions load the bare handler's classes and their library's: " + results);
            assertTrue(results.stream().allMatch(x -> x.classesByResponse() > 0 && x.classesByResponse() <= x.classes()),
                    "the classes by the response are some of those by the freeze: " + results);
        }
    }

    @Test
    void theResultsSectionIsReplacedBetweenItsMarkers(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("BENCHMARKS.md");
        Files.writeString(doc, "# Title\n\nprose\n\n" + RunBenchmarks.START_MARKER + "\nold\n" + RunBenchmarks.END_MARKER + "\n\nafter\n");
        RunBenchmarks.write(doc, "new figures");
        String text = Files.readString(doc);
        assertEquals("# Title\n\nprose\n\n" + RunBenchmarks.START_MARKER + "\n\nnew figures\n\n" + RunBenchmarks.END_MARKER + "\n\nafter\n", text);
    }
}
