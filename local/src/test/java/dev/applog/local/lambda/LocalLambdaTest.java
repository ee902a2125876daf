package dev.applog.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local Lambda through the real runtime interface client: functions built into a jar with a layer zip,
 * each in its own JVM, reached directly and through the AWS SDK's LambdaClient.
 */
class LocalLambdaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "/app/test";
    private static final String STREAM = "shop-stream";

    private static LocalLogsServer logs;
    private static LocalLambda lambda;
    private static LambdaClient client;

    @BeforeAll
    static void start() throws Exception {
        logs = LocalLogsServer.start();
        Map<String, String> appLog = Map.of("APP_GROUP", GROUP, "APP_STREAM", STREAM);
        lambda = LocalLambda.builder()
                .function(TestFunctions.function("Echo", "Echo").withMemoryMb(256)
                        .withEnvironment(Map.of("GREETING", "hello",
                                "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "https://logs.us-east-1.amazonaws.com")))
                .function(TestFunctions.function("Orders", "Logging").withEnvironment(appLog))
                .function(TestFunctions.function("Payments", "Logging").withEnvironment(appLog))
                .function(TestFunctions.function("Sleeper", "Sleeper").withEnvironment(appLog).withTimeoutSeconds(2))
                .function(TestFunctions.function("Crash", "Crash"))
                .function(TestFunctions.function("BrokenInit", "BrokenInit"))
                .logsEndpoint(logs.endpoint())
                .workDirectory(TestFunctions.ROOT.resolve("work"))
                .start();
        client = LambdaClient.builder().endpointOverride(lambda.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1))
                        .apiCallTimeout(Duration.ofSeconds(60)).build())
                .build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (lambda != null) {
            lambda.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    private static InvokeResponse invoke(String function, String event) {
        return client.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(event)));
    }

    @Test
    void aFunctionRunsInItsOwnJvmWithLambdasEnvironmentAndIsFrozenBetweenInvocations() throws Exception {
        InvokeResponse first = invoke("Echo", "{\"order\":1}");
        assertNull(first.functionError(), first.payload().asUtf8String());
        JsonNode answer = JSON.readTree(first.payload().asUtf8String());
        assertEquals(1, answer.at("/event/order").asInt());
        assertEquals("Echo", answer.at("/functionName").asText());
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:Echo", answer.at("/arn").asText());
        assertEquals(first.responseMetadata().requestId(), answer.at("/requestId").asText());
        assertEquals(256, answer.at("/memory").asInt());
        assertTrue(answer.at("/remaining").asLong() > 0 && answer.at("/remaining").asLong() <= 3000,
                answer.at("/remaining").toString());
        assertTrue(answer.at("/maxHeapMb").asLong() <= 256, answer.at("/maxHeapMb").toString());
        assertTrue(answer.at("/traceHeader").asText().matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0"),
                answer.at("/traceHeader").asText());
        assertEquals("null", answer.at("/clientContext").asText(), "sent empty: no client context");
        long pid = answer.at("/pid").asLong();
        assertNotEquals(ProcessHandle.current().pid(), pid);

        JsonNode env = answer.at("/env");
        assertEquals("Echo", env.at("/AWS_LAMBDA_FUNCTION_NAME").asText());
        assertEquals("$LATEST", env.at("/AWS_LAMBDA_FUNCTION_VERSION").asText());
        assertEquals("256", env.at("/AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText());
        assertEquals("/aws/lambda/Echo", env.at("/AWS_LAMBDA_LOG_GROUP_NAME").asText());
        assertTrue(env.at("/AWS_LAMBDA_LOG_STREAM_NAME").asText().matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}"));
        assertEquals("us-east-1", env.at("/AWS_REGION").asText());
        assertEquals("us-east-1", env.at("/AWS_DEFAULT_REGION").asText());
        assertEquals("on-demand", env.at("/AWS_LAMBDA_INITIALIZATION_TYPE").asText());
        assertEquals("fn.Echo::handleRequest", env.at("/_HANDLER").asText());
        assertEquals(":UTC", env.at("/TZ").asText());
        assertEquals(answer.at("/tmpdir").asText(), env.at("/TMPDIR").asText());
        assertTrue(answer.at("/tmpdir").asText().startsWith(TestFunctions.ROOT.resolve("work").toString()));
        assertEquals("hello", env.at("/GREETING").asText());
        assertFalse(env.at("/AWS_ACCESS_KEY_ID").asText().isEmpty());
        assertTrue(env.at("/AWS_LAMBDA_RUNTIME_API").asText().startsWith("127.0.0.1:"));
        assertEquals(TestFunctions.FUNCTIONS_JAR.getParent().toString(), env.at("/LAMBDA_TASK_ROOT").asText());
        // the template names the real service: a local run replaces it with the local endpoint
        assertEquals(logs.endpoint().toString(), env.at("/AWS_ENDPOINT_URL_CLOUDWATCH_LOGS").asText());
        assertEquals(lambda.endpoint().toString(), env.at("/AWS_ENDPOINT_URL_LAMBDA").asText());

        // the classpath in the runtime's order: function, layer, runtime
        List<String> classpath = List.of(answer.at("/classpath").asText().split(java.io.File.pathSeparator));
        assertEquals(TestFunctions.FUNCTIONS_JAR.toString(), classpath.get(0));
        // the layer's jars (org.crac for the SnapStart tests' hooks, the test library), in their folder's order
        assertTrue(classpath.get(1).endsWith("java/lib/org-crac.jar"), classpath.toString());
        assertTrue(classpath.get(2).endsWith("java/lib/testlib.jar"), classpath.toString());
        assertTrue(classpath.stream().skip(3).allMatch(entry -> entry.startsWith(
                TestFunctions.runtimeDirectory().toAbsolutePath().toString())), classpath.toString());

        // frozen as soon as it answered
        assertEquals('T', state(pid));
        InvokeResponse second = invoke("Echo", "{\"order\":2}");
        JsonNode secondAnswer = JSON.readTree(second.payload().asUtf8String());
        assertEquals(pid, secondAnswer.at("/pid").asLong(), "a warm invocation runs in the same JVM");
        assertEquals(2, secondAnswer.at("/invocationsInThisJvm").asInt());
        assertEquals('T', state(pid));

        // its stdout and stderr are captured apart
        awaitOutput("Echo", "echo " + answer.at("/requestId").asText(), false);
        awaitOutput("Echo", "echo on stderr", true);
    }

    @Test
    void aSecondInvocationWhileTheFirstRunsStartsASecondEnvironmentAsLambdaScalesOut() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<InvocationResult>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                // each sleeps 1.5 s: the second arrives while the first still holds its environment
                results.add(pool.submit(() -> lambda.invoke("Echo", "{\"sleepMillis\":1500}")));
            }
            InvocationResult a = results.get(0).get();
            InvocationResult b = results.get(1).get();
            assertNull(a.functionError(), a.payloadText());
            assertNull(b.functionError(), b.payloadText());
            assertNotEquals(a.pid(), b.pid(), "two invocations at once run in two JVMs");
            assertNotEquals(a.environment(), b.environment());
            assertEquals('T', state(a.pid()));
            assertEquals('T', state(b.pid()));
            // each environment has a temporary folder of its own, as each Lambda environment has its own /tmp
            assertNotEquals(JSON.readTree(a.payloadText()).at("/tmpdir").asText(),
                    JSON.readTree(b.payloadText()).at("/tmpdir").asText());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eventAndDryRunInvocationTypesAnswerAsLambdaDoes() {
        InvokeResponse dryRun = client.invoke(b -> b.functionName("Echo").invocationType("DryRun"));
        assertEquals(204, dryRun.statusCode());
        InvokeResponse event = client.invoke(b -> b.functionName("Echo").invocationType("Event")
                .payload(SdkBytes.fromUtf8String("{}")));
        assertEquals(202, event.statusCode());
    }

    @Test
    void anUnknownFunctionIsResourceNotFoundAsLambdaSaysIt() {
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> invoke("NoSuchFunction", "{}"));
        assertEquals(404, missing.statusCode());
        assertTrue(missing.getMessage().contains("Function not found: arn:aws:lambda:us-east-1:123456789012:function:"
                + "NoSuchFunction"), missing.getMessage());
    }

    @Test
    void anArnOrAQualifiedNameReachesTheFunction() {
        InvokeResponse byArn = invoke("arn:aws:lambda:us-east-1:123456789012:function:Echo:$LATEST", "{}");
        assertNull(byArn.functionError());
        assertTrue(byArn.payload().asUtf8String().contains("\"functionName\":\"Echo\""));
    }

    @Test
    void aHandlerExceptionIsAnUnhandledFunctionErrorWithLambdasErrorDocument() throws Exception {
        InvokeResponse response = invoke("Crash", "{\"how\":\"throw\"}");
        assertEquals("Unhandled", response.functionError());
        JsonNode error = JSON.readTree(response.payload().asUtf8String());
        assertEquals("the order cannot be paid", error.at("/errorMessage").asText());
        assertEquals("java.lang.IllegalStateException", error.at("/errorType").asText());
        assertTrue(error.at("/stackTrace").isArray());
    }

    @Test
    void aCrashIsRuntimeExitErrorAndTheNextInvocationStartsAFreshJvm() throws Exception {
        InvocationResult crash = lambda.invoke("Crash", "{\"how\":\"exit\"}");
        assertEquals("Unhandled", crash.functionError());
        JsonNode error = JSON.readTree(crash.payloadText());
        assertEquals("Runtime.ExitError", error.at("/errorType").asText());
        assertEquals("RequestId: " + crash.requestId() + " Error: Runtime exited with error: exit status 3",
                error.at("/errorMessage").asText());
        assertFalse(ProcessHandle.of(crash.pid()).map(ProcessHandle::isAlive).orElse(false));
        awaitOutput("Crash", "exiting with status 3", false);
        assertTrue(lambda.output("Crash").stream().filter(OutputLine::platform).map(OutputLine::text)
                .anyMatch(text -> text.startsWith("REPORT RequestId: " + crash.requestId() + "\t")
                        && text.endsWith("\tStatus: error\tError Type: Runtime.ExitError")), lambda.output().toString());

        InvocationResult after = lambda.invoke("Crash", "{\"how\":\"throw\"}");
        assertTrue(after.coldStart(), "after a crash the next invocation is a cold start");
        assertNotEquals(crash.pid(), after.pid());
    }

    @Test
    void aFailedInitIsReportedWithTheRuntimesErrorAndRetriedCold() throws Exception {
        InvocationResult first = lambda.invoke("BrokenInit", "{}");
        assertEquals("Unhandled", first.functionError());
        JsonNode error = JSON.readTree(first.payloadText());
        assertEquals("java.lang.ExceptionInInitializerError", error.at("/errorType").asText(), first.payloadText());
        assertEquals("Error loading class fn.BrokenInit", error.at("/errorMessage").asText());
        assertNull(first.initDuration(), "the runtime never took the invocation");
        assertNull(first.duration());
        InvocationResult second = lambda.invoke("BrokenInit", "{}");
        assertTrue(second.coldStart());
        assertTrue(second.isError());
    }

    @Test
    void anOverrunningFunctionIsKilledAtItsDeadlineReportedAsATimeoutAndRestartedCold() throws Exception {
        InvocationResult timedOut = lambda.invoke("Sleeper", "{\"millis\":60000}");
        assertEquals("Unhandled", timedOut.functionError());
        JsonNode error = JSON.readTree(timedOut.payloadText());
        assertTrue(error.at("/errorMessage").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z "
                + timedOut.requestId() + " Task timed out after 2\\.00 seconds"), timedOut.payloadText());
        assertFalse(ProcessHandle.of(timedOut.pid()).map(ProcessHandle::isAlive).orElse(false),
                "killed at the deadline");
        assertNull(timedOut.duration(), "it posted no response nor error");
        String report = lambda.output("Sleeper").stream().filter(OutputLine::platform).map(OutputLine::text)
                .filter(text -> text.contains(timedOut.requestId())).findFirst().orElseThrow();
        assertTrue(report.matches("REPORT RequestId: " + timedOut.requestId() + "\tDuration: \\d+\\.\\d\\d ms\t"
                + "Billed Duration: \\d+ ms\tMemory Size: 256 MB\tMax Memory Used: \\d+ MB\t"
                + "(Init Duration: \\d+\\.\\d\\d ms\t)?Status: timeout"), report);
        // what it sent before the deadline is in the stream; nothing after
        List<String> messages = logs.events(GROUP, STREAM).stream().map(StoredEvent::message).toList();
        assertTrue(messages.contains("before sleeping " + timedOut.requestId()), messages.toString());
        assertFalse(messages.contains("after sleeping " + timedOut.requestId()), messages.toString());

        InvocationResult quick = lambda.invoke("Sleeper", "{\"millis\":1}");
        assertTrue(quick.coldStart());
        assertNull(quick.functionError(), quick.payloadText());
        assertEquals("\"woke up\"", quick.payloadText());
    }

    @Test
    void oneFunctionCallsAnotherThroughTheInvokeApiAndBothLogToTheSharedStreamBeforeAnswering() throws Exception {
        int before = logs.events(GROUP, STREAM).size();
        for (int i = 1; i <= 3; i++) {
            String correlation = "corr-" + i;
            InvocationResult result = lambda.invoke("Orders", "{\"correlationId\":\"" + correlation
                    + "\",\"count\":4,\"call\":\"Payments\"}");
            assertNull(result.functionError(), result.payloadText());
            assertEquals("\"Orders logged 4; \\\"Payments logged 4\\\"\"", result.payloadText());
            // frozen, and the stream already holds every event of both functions for this request
            assertEquals('T', state(result.pid()));
            for (long pid : lambda.pids("Payments")) {
                assertEquals('T', state(pid));
            }
            List<String> messages = logs.events(GROUP, STREAM).stream().map(StoredEvent::message)
                    .filter(m -> m.contains(" " + correlation + " ")).toList();
            assertEquals(9, messages.size(), messages.toString());
            assertEquals(4, messages.stream().filter(m -> m.startsWith("Payments " + correlation + " event")).count());
            assertEquals(5, messages.stream().filter(m -> m.startsWith("Orders " + correlation + " ")).count());
        }
        // every event the functions say they logged (on stdout) is in the stream, and nothing else
        List<String> stored = logs.events(GROUP, STREAM).stream().map(StoredEvent::message)
                .filter(m -> m.startsWith("Orders ") || m.startsWith("Payments ")).sorted().toList();
        List<String> printed = lambda.output().stream().filter(l -> !l.stderr() && l.text().startsWith("logged: ")
                        && (l.function().equals("Orders") || l.function().equals("Payments")))
                .map(l -> l.text().substring("logged: ".length())).sorted().toList();
        assertEquals(printed, stored);
        assertEquals(27, stored.size());
        // the endpoint lists what was written: the shared stream, and the other tests' streams of that group
        assertTrue(logs.streams().get(GROUP).contains(STREAM), logs.streams().toString());
        assertEquals(List.of(GROUP), List.copyOf(logs.streams().keySet()));
        assertTrue(logs.events(GROUP, STREAM).size() >= before + 27);
    }

    @Test
    void aColdStartReportsItsInitAndItsDurationAWarmInvocationOnlyItsDuration() throws Exception {
        // JVM flags reach the function's JVM as in Lambda: JAVA_TOOL_OPTIONS among its variables
        java.nio.file.Path classLog = TestFunctions.ROOT.resolve("work").resolve("sleeper-classes.log");
        java.nio.file.Files.deleteIfExists(classLog);
        try (LocalLambda own = LocalLambda.builder()
                .function(TestFunctions.function("Sleeper", "Sleeper").withTimeoutSeconds(30)
                        .withEnvironment(Map.of("APP_GROUP", GROUP, "APP_STREAM", "durations",
                                "JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLog)))
                .logsEndpoint(logs.endpoint()).workDirectory(TestFunctions.ROOT.resolve("work")).start()) {
            long before = System.nanoTime();
            InvocationResult cold = own.invoke("Sleeper", "{\"millis\":300}");
            long span = System.nanoTime() - before;
            assertNull(cold.functionError(), cold.payloadText());
            assertTrue(cold.coldStart());
            assertNotNull(cold.initDuration(), "a cold start has an init phase");
            assertNotNull(cold.duration());
            assertTrue(cold.duration().toMillis() >= 300, "the handler slept 300 ms: " + cold.duration());
            assertTrue(cold.initDuration().plus(cold.duration()).toNanos() <= span,
                    "JVM start to answer lies within the invoke call: " + cold.initDuration() + " + "
                            + cold.duration() + " vs " + Duration.ofNanos(span));

            InvocationResult warm = own.invoke("Sleeper", "{\"millis\":1}");
            assertFalse(warm.coldStart());
            assertNull(warm.initDuration(), "a warm invocation has no init phase");
            assertNotNull(warm.duration());
            assertTrue(warm.duration().toNanos() > 0);

            // Lambda's REPORT line for each, as Lambda writes it: Init Duration only on the cold start
            List<String> reports = own.output().stream().filter(OutputLine::platform).map(OutputLine::text).toList();
            assertEquals(2, reports.size(), reports.toString());
            assertEquals(String.format(java.util.Locale.ROOT, "REPORT RequestId: %s\tDuration: %.2f ms\t"
                    + "Billed Duration: %d ms\tMemory Size: 256 MB\tMax Memory Used: %d MB\tInit Duration: %.2f ms\t",
                    cold.requestId(), cold.duration().toNanos() / 1e6,
                    (long) Math.ceil((cold.duration().toNanos() + cold.initDuration().toNanos()) / 1e6),
                    cold.maxMemoryUsedMb(), cold.initDuration().toNanos() / 1e6), reports.get(0));
            assertEquals(String.format(java.util.Locale.ROOT, "REPORT RequestId: %s\tDuration: %.2f ms\t"
                    + "Billed Duration: %d ms\tMemory Size: 256 MB\tMax Memory Used: %d MB\t", warm.requestId(),
                    warm.duration().toNanos() / 1e6, (long) Math.ceil(warm.duration().toNanos() / 1e6),
                    warm.maxMemoryUsedMb()), reports.get(1));
            // Max Memory Used is the JVM's peak RSS, which only grows in one environment
            assertTrue(cold.maxMemoryUsedMb() > 0, "VmHWM read from /proc");
            assertTrue(warm.maxMemoryUsedMb() >= cold.maxMemoryUsedMb());
            assertTrue(own.output().stream().filter(OutputLine::platform)
                    .allMatch(line -> line.labelled().startsWith("[Sleeper#1 lambda] REPORT RequestId: ")));
        }
        List<String> loaded = java.nio.file.Files.readAllLines(classLog);
        assertTrue(loaded.stream().anyMatch(line -> line.contains(" fn.Sleeper ")),
                "the JVM logged its class loading where JAVA_TOOL_OPTIONS said: " + loaded.size() + " lines");
    }

    @Test
    void closingKillsTheJvmsAtOnceEvenInTheMiddleOfAnInvocation() throws Exception {
        LocalLambda own = LocalLambda.builder()
                .function(TestFunctions.function("Sleeper", "Sleeper").withTimeoutSeconds(600)
                        .withEnvironment(Map.of("APP_GROUP", GROUP, "APP_STREAM", "closing")))
                .logsEndpoint(logs.endpoint()).workDirectory(TestFunctions.ROOT.resolve("work")).start();
        java.util.concurrent.CompletableFuture<InvocationResult> running = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return own.invoke("Sleeper", "{\"millis\":600000}");
                    } catch (Exception e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                });
        // wait until it is inside the handler: it has stored its first event
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (logs.events(GROUP, "closing").isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        List<Long> pids = own.pids("Sleeper");
        assertEquals(1, pids.size());
        own.close();
        InvocationResult ended = running.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("Unhandled", ended.functionError());
        assertTrue(ended.payloadText().contains("Runtime.ExitError"), ended.payloadText());
        assertFalse(ProcessHandle.of(pids.get(0)).map(ProcessHandle::isAlive).orElse(false));
        assertThrows(java.io.IOException.class, () -> own.invoke("Sleeper", "{}"));
    }

    static char state(long pid) {
        return ProcessState.of(pid);
    }

    private static void awaitOutput(String function, String text, boolean stderr) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            if (lambda.output(function).stream().anyMatch(l -> l.stderr() == stderr && l.text().equals(text))) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no " + (stderr ? "stderr" : "stdout") + " line '" + text + "' from " + function
                + " in " + lambda.output(function));
    }
}
