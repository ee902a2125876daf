package dev.applog.weaving;

import static dev.applog.StructuredArguments.entry;
import static dev.applog.StructuredArguments.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.applog.AppLog;
import dev.applog.AppLogConfigException;
import dev.applog.lambda.LambdaLogging;
import dev.applog.lambda.LoggingSettings;
import dev.applog.local.logs.StoredEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The options Powertools for AWS Lambda (Java)'s {@code @Logging} has, each through a handler the build wove and
 * through the functional twin, against a local CloudWatch Logs endpoint through the real SDK.
 */
class PowertoolsOptionsTest {

    enum Way { WOVEN, TWIN }

    private LogsFixture fx;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() {
        fx = new LogsFixture();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static RequestHandler<Map<String, Object>, Object> make(Way way, Function<OptionHandlers.Body, OptionHandlers.Plain> woven,
                                                                  LoggingSettings settings, OptionHandlers.Body body) {
        return way == Way.WOVEN ? woven.apply(body) : LambdaLogging.wrap(settings, new OptionHandlers.Plain(body));
    }

    private FakeContext context() {
        return new FakeContext("req-" + requests.incrementAndGet(), "orders", 30_000);
    }

    private List<JsonNode> records() {
        return fx.records(OptionHandlers.GROUP, OptionHandlers.STREAM);
    }

    private List<JsonNode> records(String requestId) {
        return records().stream().filter(r -> requestId.equals(r.path("function_request_id").asText()))
                .collect(Collectors.toList());
    }

    private static List<String> messages(List<JsonNode> records) {
        return records.stream().map(r -> r.get("message").isTextual() ? r.get("message").asText() : r.get("message").toString())
                .collect(Collectors.toList());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(String file) throws Exception {
        Path path = Path.of("..", "events", file);
        if (!Files.exists(path)) {
            path = Path.of("events", file);
        }
        return LogsFixture.JSON.readValue(Files.readString(path), Map.class);
    }

    // ---- structured arguments and keys for the invocation ----------------------------------------------

    @ParameterizedTest
    @EnumSource(Way.class)
    void structuredArgumentsAndAppendedKeysReachTheRecordAndTheKeysEndWithTheInvocation(Way way) {
        RequestHandler<Map<String, Object>, Object> handler = make(way, OptionHandlers.Defaults::new, OptionHandlers.DEFAULTS,
                (log, event, context) -> {
                    if (event.containsKey("append")) {
                        AppLog.appendKey("cart", "c-9");
                        AppLog.appendKey("customer", Map.of("id", "ada"));
                    }
                    log.info("order placed", entry("orderId", "o-17"), entry("total", 42.5),
                            entry("items", List.of("book", "lamp")), json("raw", "{\"a\":[1,2]}"));
                    Thread worker = new Thread(() -> AppLog.current().info("from a thread"));
                    worker.start();
                    worker.join();
                    log.info("replaced", entry("cart", "c-10"));
                    return "ok";
                });
        FakeContext first = context();
        handler.handleRequest(Map.of("append", true), first);
        FakeContext second = context();
        handler.handleRequest(Map.of(), second);

        List<JsonNode> one = records(first.getAwsRequestId());
        assertEquals(List.of("order placed", "from a thread", "replaced"), messages(one));
        JsonNode placed = one.get(0);
        assertEquals("o-17", placed.get("orderId").asText());
        assertEquals(42.5, placed.get("total").asDouble());
        assertEquals("[\"book\",\"lamp\"]", placed.get("items").toString());
        assertEquals("{\"a\":[1,2]}", placed.get("raw").toString());
        assertEquals("c-9", placed.get("cart").asText());
        assertEquals("{\"id\":\"ada\"}", placed.get("customer").toString());
        assertEquals("c-9", one.get(1).get("cart").asText(), "a thread of the invocation carries its keys");
        assertEquals("c-10", one.get(2).get("cart").asText(), "the call's own pair wins over the invocation's key");

        List<JsonNode> two = records(second.getAwsRequestId());
        assertEquals(3, two.size());
        assertFalse(two.get(0).has("customer"), "keys end with the invocation (clearState)");
        assertEquals("o-17", two.get(0).get("orderId").asText());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void clearStateFalseKeepsTheKeysForTheNextInvocation(Way way) {
        RequestHandler<Map<String, Object>, Object> handler = make(way, OptionHandlers.KeepState::new, OptionHandlers.KEEP_STATE,
                (log, event, context) -> {
                    if (event.containsKey("append")) {
                        AppLog.appendKey("cart", "c-9");
                    }
                    log.info("step");
                    return "ok";
                });
        handler.handleRequest(Map.of("append", true), context());
        FakeContext second = context();
        handler.handleRequest(Map.of(), second);
        assertEquals("c-9", records(second.getAwsRequestId()).get(0).get("cart").asText());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void appendKeyOutsideAnInvocationSaysSo(Way way) {
        assertFalse(AppLog.appendKey("k", "v"));
        assertTrue(AppLog.keys().isEmpty());
    }

    // ---- logEvent, logResponse, logError -----------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Way.class)
    void logEventAndLogResponseWriteTheEventAndTheResponseAsJson(Way way) throws Exception {
        RequestHandler<Map<String, Object>, Object> handler = make(way, OptionHandlers.Events::new, OptionHandlers.EVENTS,
                (log, event, context) -> {
                    log.info("working");
                    return Map.of("status", "accepted");
                });
        FakeContext context = context();
        Map<String, Object> event = Map.of("orderId", "o-1", "items", List.of("book"));
        handler.handleRequest(event, context);
        List<JsonNode> records = records(context.getAwsRequestId());
        assertEquals(3, records.size(), records.toString());
        assertEquals(LogsFixture.JSON.valueToTree(event), records.get(0).get("message"));
        assertEquals("INFO", records.get(0).get("level").asText());
        assertEquals("working", records.get(1).get("message").asText());
        assertEquals("{\"status\":\"accepted\"}", records.get(2).get("message").toString());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aLargeEventIsSplitIntoPartsNeverTruncated(Way way) throws Exception {
        RequestHandler<Map<String, Object>, Object> handler = make(way, OptionHandlers.Events::new, OptionHandlers.EVENTS,
                (log, event, context) -> "ok");
        String blob = "x".repeat(1_200_000) + "the end";  // more than one event holds (1 MiB)
        handler.handleRequest(Map.of("blob", blob), context());
        List<StoredEvent> stored = fx.events(OptionHandlers.GROUP, OptionHandlers.STREAM);
        Pattern marker = Pattern.compile("^\\[applog-part ([0-9a-f]{8}) (\\d+)/(\\d+)\\] ");
        java.util.TreeMap<Integer, String> byIndex = new java.util.TreeMap<>();
        for (StoredEvent each : stored) {
            Matcher m = marker.matcher(each.message());
            if (m.find()) {
                byIndex.put(Integer.parseInt(m.group(2)), each.message().substring(m.end()));
            }
        }
        int parts = byIndex.size();
        String whole = String.join("", byIndex.values());
        assertTrue(parts >= 2, "split into parts: " + parts);
        JsonNode record = LogsFixture.JSON.readTree(whole);
        assertEquals(blob, record.get("message").get("blob").asText());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void logErrorLogsTheEscapingExceptionAndCanBeSwitchedOff(Way way) {
        RequestHandler<Map<String, Object>, Object> handler = make(way, OptionHandlers.Defaults::new, OptionHandlers.DEFAULTS,
                (log, event, context) -> {
                    throw new IllegalStateException("card declined");
                });
        FakeContext on = context();
        assertThrows(IllegalStateException.class, () -> handler.handleRequest(Map.of(), on));
        JsonNode error = records(on.getAwsRequestId()).get(0);
        assertEquals("ERROR", error.get("level").asText());
        assertTrue(error.get("message").asText().contains("card declined"));
        assertEquals("java.lang.IllegalStateException", error.get("error").get("name").asText());

        fx.env("APPLOG_LOG_ERROR", "false");
        FakeContext off = context();
        assertThrows(IllegalStateException.class, () -> handler.handleRequest(Map.of(), off));
        assertTrue(records(off.getAwsRequestId()).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void powertoolsVariablesAreReadAndOursWin(Way way) {
        RequestHandler<Map<String, Object>, Object> handler = make(way, OptionHandlers.Defaults::new, OptionHandlers.DEFAULTS,
                (log, event, context) -> "ok");
        fx.env("POWERTOOLS_LOGGER_LOG_EVENT", "true");
        FakeContext powertools = context();
        handler.handleRequest(Map.of("orderId", "o-2"), powertools);
        assertEquals("{\"orderId\":\"o-2\"}", records(powertools.getAwsRequestId()).get(0).get("message").toString());

        fx.env("APPLOG_LOG_EVENT", "false");
        FakeContext ours = context();
        handler.handleRequest(Map.of("orderId", "o-3"), ours);
        assertTrue(records(ours.getAwsRequestId()).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aBadOptionFailsTheInvocationNamingTheVariableAndTheRule(Way way) {
        RequestHandler<Map<String, Object>, Object> handler = make(way, OptionHandlers.Defaults::new, OptionHandlers.DEFAULTS,
                (log, event, context) -> "ran");
        String[][] bad = {
                {"APPLOG_LOG_EVENT", "yes", "true or false"},
                {"APPLOG_SAMPLING_RATE", "1.5", "from 0"},
                {"POWERTOOLS_LOGGER_SAMPLE_RATE", "half", "from 0"},
                {"APPLOG_CORRELATION_ID_PATH", "requestContext.[", "JMESPath"},
                {"APPLOG_BUFFER_AT_VERBOSITY", "ERROR", "DEBUG, INFO or WARNING"},
                {"APPLOG_BUFFER_MAX_BYTES", "0", "1 or more"},
                {"APPLOG_CLEAR_STATE", "maybe", "true or false"},
        };
        for (String[] each : bad) {
            fx.environment.clear();
            fx.env(each[0], each[1]);
            AppLogConfigException e = assertThrows(AppLogConfigException.class, () -> handler.handleRequest(Map.of(), context()));
            assertTrue(e.getMessage().contains(each[0]) && e.getMessage().contains(each[2]), e.getMessage());
        }
    }

    // ---- correlationIdPath ---------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Way.class)
    void theNamedPathsFindTheSampleEventsCorrelationIds(Way way) throws Exception {
        Object[][] cases = {
                {make(way, OptionHandlers.ApiRest::new, OptionHandlers.API_REST, (l, e, c) -> { l.info("rest"); return "ok"; }),
                        "api-gateway-rest.json", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"},
                {make(way, OptionHandlers.ApiHttp::new, OptionHandlers.API_HTTP, (l, e, c) -> { l.info("http"); return "ok"; }),
                        "api-gateway-http.json", "JKJaXmPLvHcESHA="},
                {make(way, OptionHandlers.Alb::new, OptionHandlers.ALB, (l, e, c) -> { l.info("alb"); return "ok"; }),
                        "alb.json", "Root=1-677a1b2c-0123456789abcdef01234567"},
                {make(way, OptionHandlers.EventBridge::new, OptionHandlers.EVENT_BRIDGE, (l, e, c) -> { l.info("bridge"); return "ok"; }),
                        "eventbridge.json", "6a7e8feb-b491-4cf7-a9f1-bf3703467718"},
        };
        for (Object[] each : cases) {
            @SuppressWarnings("unchecked")
            RequestHandler<Map<String, Object>, Object> handler = (RequestHandler<Map<String, Object>, Object>) each[0];
            FakeContext context = context();
            handler.handleRequest(event((String) each[1]), context);
            assertEquals(each[2], records(context.getAwsRequestId()).get(0).get("correlation_id").asText(), (String) each[1]);
        }
        RequestHandler<Map<String, Object>, Object> appsync = make(way, OptionHandlers.AppSync::new, OptionHandlers.APPSYNC,
                (l, e, c) -> { l.info("appsync"); return "ok"; });
        FakeContext context = context();
        appsync.handleRequest(Map.of("request", Map.of("headers", Map.of("x-amzn-trace-id", "Root=1-appsync"))), context);
        assertEquals("Root=1-appsync", records(context.getAwsRequestId()).get(0).get("correlation_id").asText());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aPathThatFindsNothingFallsBackToTheRequestIdAndTheVariableMayNameAPath(Way way) throws Exception {
        RequestHandler<Map<String, Object>, Object> rest = make(way, OptionHandlers.ApiRest::new, OptionHandlers.API_REST,
                (l, e, c) -> { l.info("rest"); return "ok"; });
        FakeContext context = context();
        rest.handleRequest(Map.of("other", 1), context);
        assertEquals(context.getAwsRequestId(), records(context.getAwsRequestId()).get(0).get("correlation_id").asText());

        fx.env("APPLOG_CORRELATION_ID_PATH", "EVENT_BRIDGE");
        RequestHandler<Map<String, Object>, Object> plain = make(way, OptionHandlers.Defaults::new, OptionHandlers.DEFAULTS,
                (l, e, c) -> { l.info("bridge"); return "ok"; });
        FakeContext bridge = context();
        plain.handleRequest(event("eventbridge.json"), bridge);
        assertEquals("6a7e8feb-b491-4cf7-a9f1-bf3703467718",
                records(bridge.getAwsRequestId()).get(0).get("correlation_id").asText());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aStreamHandlerGetsItsCorrelationIdAndItsWholeInput(Way way) throws Exception {
        RequestStreamHandler handler = way == Way.WOVEN ? new OptionHandlers.Streaming()
                : LambdaLogging.wrap(OptionHandlers.STREAMING, new OptionHandlers.PlainStream());
        String input = Files.readString(Files.exists(Path.of("..", "events", "eventbridge.json"))
                ? Path.of("..", "events", "eventbridge.json") : Path.of("events", "eventbridge.json"));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        FakeContext context = context();
        handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), output, context);
        assertEquals(input.toUpperCase(java.util.Locale.ROOT), output.toString(StandardCharsets.UTF_8));
        List<JsonNode> records = records(context.getAwsRequestId());
        assertEquals(3, records.size(), records.toString());
        for (JsonNode record : records) {
            assertEquals("6a7e8feb-b491-4cf7-a9f1-bf3703467718", record.get("correlation_id").asText());
        }
        assertEquals(LogsFixture.JSON.readTree(input), records.get(0).get("message"));
        assertEquals("read " + input.length() + " characters", records.get(1).get("message").asText());
        assertEquals(LogsFixture.JSON.readTree(input.toUpperCase(java.util.Locale.ROOT)), records.get(2).get("message"));
    }

    // ---- the context fields ------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Way.class)
    void theContextFieldsPowertoolsWritesAreWritten(Way way) {
        RequestHandler<Map<String, Object>, Object> handler = make(way, OptionHandlers.Defaults::new, OptionHandlers.DEFAULTS,
                (log, event, context) -> { log.info("hello"); return "ok"; });
        FakeContext tenant = context().tenant("tenant-7");
        handler.handleRequest(Map.of(), tenant);
        JsonNode record = records(tenant.getAwsRequestId()).get(0);
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:orders", record.get("function_arn").asText());
        assertEquals(512, record.get("function_memory_size").asInt());
        assertTrue(record.get("function_memory_size").isNumber());
        assertEquals("tenant-7", record.get("tenant_id").asText());
        assertEquals("orders", record.get("function_name").asText());
        assertTrue(record.has("cold_start"));
        assertFalse(record.has("sampling_rate"), "no rate set: no sampling fields");

        FakeContext none = context();
        handler.handleRequest(Map.of(), none);
        assertNull(records(none.getAwsRequestId()).get(0).get("tenant_id"));
    }

    // ---- samplingRate ------------------------------------------------------------------------------------

    /** Runs {@code count} invocations that log one DEBUG and one INFO event; per invocation, whether its DEBUG was stored. */
    private List<Boolean> sampledRuns(Way way, int count) {
        RequestHandler<Map<String, Object>, Object> handler = make(way, OptionHandlers.Sampled::new, OptionHandlers.SAMPLED,
                (log, event, context) -> {
                    log.debug("detail");
                    log.info("summary");
                    return "ok";
                });
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FakeContext context = context();
            handler.handleRequest(Map.of(), context);
            ids.add(context.getAwsRequestId());
        }
        Map<String, List<JsonNode>> byRequest = records().stream()
                .collect(Collectors.groupingBy(r -> r.path("function_request_id").asText()));
        List<Boolean> debugStored = new ArrayList<>();
        for (String id : ids) {
            List<JsonNode> mine = byRequest.getOrDefault(id, List.of());
            boolean debug = mine.stream().anyMatch(r -> r.get("level").asText().equals("DEBUG"));
            JsonNode summary = mine.stream().filter(r -> r.get("message").asText().equals("summary")).findFirst().orElseThrow();
            if (summary.has("sampled")) {
                assertEquals(summary.get("sampled").asBoolean(), debug, "the field tells the decision: " + mine);
            }
            debugStored.add(debug);
        }
        return debugStored;
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void samplingAtZeroNeverAndAtOneAlways(Way way) {
        fx.env("APPLOG_SAMPLING_RATE", "0");
        assertTrue(sampledRuns(way, 40).stream().noneMatch(b -> b));
        assertFalse(records().get(0).has("sampling_rate"));
        fx.environment.clear();
        fx.env("POWERTOOLS_LOGGER_SAMPLE_RATE", "1");
        assertTrue(sampledRuns(way, 40).stream().allMatch(b -> b));
        JsonNode last = records().get(records().size() - 1);
        assertEquals(1.0, last.get("sampling_rate").asDouble());
        assertTrue(last.get("sampled").asBoolean());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void samplingAtOneHalfFollowsTheRandomSource(Way way) {
        AtomicInteger draws = new AtomicInteger();
        fx.random = () -> draws.getAndIncrement() % 4 < 2 ? 0.49 : 0.5;  // below the rate twice in four
        fx.install();
        List<Boolean> runs = sampledRuns(way, 100);
        assertEquals(100, draws.get(), "decided once per invocation");
        for (int i = 0; i < runs.size(); i++) {
            assertEquals(i % 4 < 2, runs.get(i), "invocation " + i);
        }
    }

    /**
     * With the library's own random source: over 200 invocations at 0.5, both outcomes occur. The chance that this
     * fails while the code is right is 2 x 0.5^200 (about 3e-60).
     */
    @ParameterizedTest
    @EnumSource(Way.class)
    void samplingAtOneHalfWithTheDefaultSourceSamplesSomeAndNotOthers(Way way) {
        List<Boolean> runs = sampledRuns(way, 200);
        assertTrue(runs.contains(true) && runs.contains(false), runs.toString());
    }

    // ---- debug buffering -----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Way.class)
    void heldDebugLinesAreStoredAfterAnErrorAndNotAfterACleanInvocation(Way way) {
        RequestHandler<Map<String, Object>, Object> handler = make(way, OptionHandlers.Buffered::new, OptionHandlers.BUFFERED,
                (log, event, context) -> {
                    log.debug("step 1");
                    log.info("working");
                    log.debug("step 2", entry("item", "book"));
                    if (event.containsKey("fail")) {
                        log.error("payment failed");
                        log.debug("after the error");
                    }
                    return "ok";
                });
        FakeContext clean = context();
        handler.handleRequest(Map.of(), clean);
        assertEquals(List.of("working"), messages(records(clean.getAwsRequestId())));

        FakeContext failing = context();
        handler.handleRequest(Map.of("fail", true), failing);
        List<JsonNode> records = records(failing.getAwsRequestId());
        // held events keep their own time: within one millisecond the stream may show them after a later event
        assertEquals(List.of("payment failed"), messages(records).subList(3, 4));
        assertEquals(java.util.Set.of("step 1", "working", "step 2"), java.util.Set.copyOf(messages(records).subList(0, 3)));
        JsonNode step1 = records.stream().filter(r -> r.get("message").asText().equals("step 1")).findFirst().orElseThrow();
        JsonNode working = records.stream().filter(r -> r.get("message").asText().equals("working")).findFirst().orElseThrow();
        JsonNode step2 = records.stream().filter(r -> r.get("message").asText().equals("step 2")).findFirst().orElseThrow();
        assertEquals("DEBUG", step1.get("level").asText());
        assertTrue(step1.get("timestamp").asText().compareTo(working.get("timestamp").asText()) <= 0);
        assertTrue(working.get("timestamp").asText().compareTo(step2.get("timestamp").asText()) <= 0);
        assertEquals("book", step2.get("item").asText());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void anEscapingExceptionStoresWhatIsHeld(Way way) {
        RequestHandler<Map<String, Object>, Object> handler = make(way, OptionHandlers.Buffered::new, OptionHandlers.BUFFERED,
                (log, event, context) -> {
                    log.debug("about to fail");
                    throw new IllegalStateException("boom");
                });
        FakeContext context = context();
        assertThrows(IllegalStateException.class, () -> handler.handleRequest(Map.of(), context));
        List<String> messages = messages(records(context.getAwsRequestId()));
        assertEquals("about to fail", messages.get(0));
        assertTrue(messages.get(1).contains("boom"), messages.toString());
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void theBufferIsBoundedAndOneLineSaysWhereItOverflowed(Way way) {
        RequestHandler<Map<String, Object>, Object> handler = make(way, OptionHandlers.Buffered::new, OptionHandlers.BUFFERED,
                (log, event, context) -> {
                    for (int i = 0; i < 20; i++) {
                        log.debug(String.format("line %02d ", i) + "d".repeat(92));  // 100 bytes each
                    }
                    log.error("failed");
                    return "ok";
                });
        FakeContext context = context();
        handler.handleRequest(Map.of(), context);
        List<String> messages = messages(records(context.getAwsRequestId()));
        // 600 bytes hold the newest 6 of 20 lines of 100 bytes
        assertEquals(8, messages.size(), messages.toString());
        assertTrue(messages.get(0).contains("14 earlier event(s) held for this invocation (1400 bytes) were dropped"),
                messages.get(0));
        for (int i = 0; i < 6; i++) {
            assertTrue(messages.get(1 + i).startsWith(String.format("line %02d ", 14 + i)), messages.get(1 + i));
        }
        assertEquals("failed", messages.get(7));
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void theDeadlineWatchdogStoresWhatIsHeld(Way way) throws Exception {
        fx.env("APPLOG_FLUSH_MARGIN_MS", "5000");  // the watchdog fires 1 s in, and has 3.75 s to store
        RequestHandler<Map<String, Object>, Object> handler = make(way, OptionHandlers.Buffered::new, OptionHandlers.BUFFERED,
                (log, event, context) -> {
                    log.debug("held before the timeout");
                    // the invocation times out: wait until the watchdog has stored the held line
                    long until = System.nanoTime() + 20_000_000_000L;
                    while (System.nanoTime() < until && fx.events(OptionHandlers.GROUP, OptionHandlers.STREAM).stream()
                            .noneMatch(e -> e.message().contains("held before the timeout"))) {
                        Thread.sleep(50);
                    }
                    return "ok";
                });
        FakeContext context = new FakeContext("req-timeout-" + way, "orders", 6_000);
        handler.handleRequest(Map.of(), context);
        assertEquals(List.of("held before the timeout"), messages(records(context.getAwsRequestId())));
    }
}
