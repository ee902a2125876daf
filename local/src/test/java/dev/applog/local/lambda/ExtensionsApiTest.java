package dev.applog.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local Lambda's Extensions API through the real runtime interface client: a function (fn.Extended) whose
 * internal extension registers in the init phase and works after the runtime posted the response.
 */
class ExtensionsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "/app/extension";
    private static final String STREAM = "after-response";

    private static LocalLogsServer logs;
    private static LocalLambda lambda;
    private static Path releases;

    @BeforeAll
    static void start() throws Exception {
        logs = LocalLogsServer.start();
        releases = Files.createDirectories(TestFunctions.ROOT.resolve("releases"));
        lambda = LocalLambda.builder()
                .function(TestFunctions.function("Extended", "Extended")
                        .withEnvironment(Map.of("APP_GROUP", GROUP, "APP_STREAM", STREAM)).withTimeoutSeconds(3))
                .logsEndpoint(logs.endpoint())
                .maxEnvironmentsPerFunction(1)
                .workDirectory(TestFunctions.ROOT.resolve("work-extensions"))
                .start();
    }

    @AfterAll
    static void stop() {
        if (lambda != null) {
            lambda.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    void anExtensionRegisteredInInitHoldsTheEnvironmentAfterTheResponseUntilItAsksForItsNextEvent() throws Exception {
        Path release = releases.resolve("held-" + System.nanoTime());
        InvocationResult result = lambda.invoke("Extended", "{\"after\":\"log\",\"releaseFile\":\"" + release + "\"}");
        assertNull(result.functionError(), result.payloadText());
        // the handler returns a String: the runtime sends it as a JSON string
        JsonNode answer = JSON.readTree(JSON.readTree(result.payloadText()).asText());
        assertTrue(answer.at("/registered").isObject(), result.payloadText());
        assertEquals("Extended", answer.at("/registered/functionName").asText());
        assertEquals("$LATEST", answer.at("/registered/functionVersion").asText());
        assertEquals("fn.Extended::handleRequest", answer.at("/registered/handler").asText());
        assertEquals(403, answer.at("/shutdownStatus").asInt(), "an internal extension cannot register for SHUTDOWN");
        assertEquals(403, answer.at("/lateStatus").asInt(), "no registration after init");

        // the caller has the response while the extension still works: the environment is not frozen yet
        assertNotEquals('T', ProcessState.of(result.pid()));
        assertTrue(stored(result.requestId()).isEmpty());
        assertFalse(lambda.idle("Extended"), "the environment stays busy while its extension works");

        Files.createFile(release);
        awaitSettled(result.pid());
        assertEquals(List.of("after the response of " + result.requestId() + " with a deadline ahead"),
                stored(result.requestId()), "the INVOKE event carried the request id and a deadline ahead");
        assertEquals('T', ProcessState.of(result.pid()), "frozen once the runtime and the extension wait");
        assertTrue(report(result.requestId()).isPresent(), lambda.output().toString());

        // warm: the same JVM, the same extension, the next INVOKE event
        Path second = releases.resolve("second-" + System.nanoTime());
        Files.createFile(second);
        InvocationResult warm = lambda.invoke("Extended", "{\"after\":\"log\",\"releaseFile\":\"" + second + "\"}");
        assertEquals(result.pid(), warm.pid());
        awaitSettled(warm.pid());
        assertEquals(1, stored(warm.requestId()).size());
    }

    @Test
    void theDeadlineCoversTheTimeAfterTheResponse() throws Exception {
        Path never = releases.resolve("never-" + System.nanoTime());
        InvocationResult result = lambda.invoke("Extended", "{\"after\":\"log\",\"releaseFile\":\"" + never + "\"}");
        assertNull(result.functionError(), "the caller got the response before the extension overran");
        awaitSettled(result.pid());
        assertFalse(ProcessHandle.of(result.pid()).map(ProcessHandle::isAlive).orElse(false), "killed at the deadline");
        String report = report(result.requestId()).orElseThrow(() -> new AssertionError(lambda.output().toString()));
        assertTrue(report.endsWith("\tStatus: timeout"), report);
        assertTrue(lambda.output("Extended").stream().anyMatch(line -> line.platform()
                && line.text().endsWith(result.requestId() + " Task timed out after 3.00 seconds")), lambda.output().toString());

        InvocationResult after = lambda.invoke("Extended", "{}");
        assertTrue(after.coldStart(), "after a timeout the environment starts anew");
        awaitSettled(after.pid());
    }

    @Test
    void anExtensionThatReportsExitErrorResetsTheEnvironmentAsLambdaDoes() throws Exception {
        Path release = releases.resolve("exit-" + System.nanoTime());
        InvocationResult result = lambda.invoke("Extended", "{\"after\":\"exit\",\"releaseFile\":\"" + release + "\"}");
        assertNull(result.functionError(), "the response was posted before the extension failed");
        Files.createFile(release);
        awaitSettled(result.pid());
        assertFalse(ProcessHandle.of(result.pid()).map(ProcessHandle::isAlive).orElse(false));
        String report = report(result.requestId()).orElseThrow(() -> new AssertionError(lambda.output().toString()));
        assertTrue(report.endsWith("\tStatus: error\tError Type: Extension.TestFailure"), report);
        assertTrue(lambda.output("Extended").stream().anyMatch(line -> line.platform()
                && line.text().equals("EXTENSION\tName: after-response\tState: ExitError\tError Type: Extension.TestFailure")),
                lambda.output().toString());

        InvocationResult after = lambda.invoke("Extended", "{}");
        assertTrue(after.coldStart());
        assertNull(after.functionError(), after.payloadText());
        awaitSettled(after.pid());
    }

    @Test
    void closingWaitsUntilTheExtensionsAreDoneAfterTheResponseThenKillsTheJvm() throws Exception {
        String stream = "closed-" + System.nanoTime();
        LocalLambda closing = LocalLambda.builder()
                .function(TestFunctions.function("Extended", "Extended")
                        .withEnvironment(Map.of("APP_GROUP", GROUP, "APP_STREAM", stream)).withTimeoutSeconds(30))
                .logsEndpoint(logs.endpoint())
                .maxEnvironmentsPerFunction(1)
                .workDirectory(TestFunctions.ROOT.resolve("work-extensions-close"))
                .start();
        InvocationResult result;
        try {
            // the extension stores its line only once the close has begun (the Invoke API refuses connections)
            result = closing.invoke("Extended", "{\"after\":\"log\",\"untilClosed\":true}");
            assertNull(result.functionError(), result.payloadText());
            assertFalse(closing.idle("Extended"), "the extension still works after the response");
        } finally {
            closing.close();
        }
        List<String> stored = logs.streamExists(GROUP, stream) ? logs.events(GROUP, stream).stream()
                .map(StoredEvent::message).toList() : List.of();
        assertEquals(List.of("after the response of " + result.requestId() + " with a deadline ahead"), stored,
                "what the extension sent after the close began is stored: " + closing.output());
        assertFalse(ProcessHandle.of(result.pid()).map(ProcessHandle::isAlive).orElse(false), "killed once settled");
        String report = closing.output("Extended").stream().filter(OutputLine::platform).map(OutputLine::text)
                .filter(text -> text.startsWith("REPORT RequestId: " + result.requestId() + "\t")).findFirst()
                .orElseThrow(() -> new AssertionError("no REPORT line: " + closing.output()));
        assertFalse(report.contains("Status:"), "the invocation ended frozen, not killed at its deadline: " + report);
    }

    private static List<String> stored(String requestId) {
        return logs.events(GROUP, STREAM).stream().map(StoredEvent::message).filter(m -> m.contains(requestId)).toList();
    }

    private static java.util.Optional<String> report(String requestId) {
        return lambda.output("Extended").stream().filter(OutputLine::platform).map(OutputLine::text)
                .filter(text -> text.startsWith("REPORT RequestId: " + requestId + "\t")).findFirst();
    }

    private static void awaitSettled(long pid) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!lambda.idle("Extended")) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the environment of pid " + pid + " never settled: " + lambda.output());
            }
            Thread.sleep(5);
        }
    }
}
