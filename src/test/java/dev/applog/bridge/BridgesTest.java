package dev.applog.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.Level;
import dev.applog.LoggerConfig;
import dev.applog.LoggerKind;
import dev.applog.lambda.LambdaLogging;
import dev.applog.lambda.LoggingSettings;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * java.util.logging and System.Logger into the invocation's stream (local endpoint, real SDK client), and the
 * lines logged where no invocation runs: held in the init phase for the first invocation, else printed.
 */
class BridgesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "/test/bridges";
    private static final String STREAM = "bridges";
    private static final LoggingSettings SETTINGS = LoggingSettings.builder().group(GROUP).stream(STREAM)
            .level("INFO").format("#json").build();

    private LocalLogsServer server;
    private CloudWatchLogsClient client;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @BeforeEach
    void start() {
        server = LocalLogsServer.start();
        client = CloudWatchLogsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        LambdaLogging.useShared(LambdaLogging.builder().environment(Map.of())
                .loggerConfig(b -> b.clientSupplier(() -> client).out(out)).build());
    }

    @AfterEach
    void stop() {
        Bridges.reset(false);
        LambdaLogging.useShared(LambdaLogging.builder().build());
        client.close();
        server.close();
    }

    private void invoke(Runnable body) {
        LambdaLogging.handle(SETTINGS, context(), () -> {
            body.run();
            return null;
        });
    }

    private List<JsonNode> records() throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (StoredEvent event : server.events(GROUP, STREAM)) {
            records.add(JSON.readTree(event.message()));
        }
        return records;
    }

    @Test
    void javaUtilLoggingIsInstalledInPlaceOfTheConsoleHandler() {
        invoke(() -> { });
        Handler[] handlers = LogManager.getLogManager().getLogger("").getHandlers();
        assertTrue(Arrays.stream(handlers).anyMatch(h -> h instanceof JulBridge), Arrays.toString(handlers));
        assertFalse(Arrays.stream(handlers).anyMatch(h -> h instanceof ConsoleHandler), Arrays.toString(handlers));
    }

    @Test
    void julLevelsMapOntoOurs() {
        assertEquals(Level.ERROR, JulBridge.levelOf(java.util.logging.Level.SEVERE));
        assertEquals(Level.WARNING, JulBridge.levelOf(java.util.logging.Level.WARNING));
        assertEquals(Level.INFO, JulBridge.levelOf(java.util.logging.Level.INFO));
        for (java.util.logging.Level fine : new java.util.logging.Level[] {java.util.logging.Level.CONFIG,
                java.util.logging.Level.FINE, java.util.logging.Level.FINER, java.util.logging.Level.FINEST,
                java.util.logging.Level.ALL}) {
            assertEquals(Level.DEBUG, JulBridge.levelOf(fine), fine.getName());
        }
        assertEquals(Level.ERROR, JulBridge.levelOf(java.util.logging.Level.parse("1100")), "above SEVERE");
        assertEquals(Level.WARNING, JulBridge.levelOf(java.util.logging.Level.parse("950")), "between WARNING and SEVERE");
    }

    @Test
    void theOptOutIsAFalseApplogJul() {
        java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
        long before = Arrays.stream(root.getHandlers()).filter(h -> h instanceof JulBridge).count();
        JulBridge.install(Map.of(JulBridge.OPT_OUT, "false")::get);
        assertEquals(before, Arrays.stream(root.getHandlers()).filter(h -> h instanceof JulBridge).count(),
                "opted out: nothing changed");
        assertTrue(JulBridge.optedOut(Map.of(JulBridge.OPT_OUT, " False ")::get));
        assertFalse(JulBridge.optedOut(Map.of(JulBridge.OPT_OUT, "true")::get));
        assertFalse(JulBridge.optedOut(Map.<String, String>of()::get));
    }

    @Test
    void julAndSystemLoggerLinesGoIntoTheInvocation() throws Exception {
        invoke(() -> {
            java.util.logging.Logger jul = java.util.logging.Logger.getLogger("com.example.jul.Repo");
            jul.info("loaded {0} rows from {1}");
            jul.log(java.util.logging.Level.INFO, "loaded {0} rows from {1}", new Object[] {3, "orders"});
            jul.fine("below the level");
            jul.log(java.util.logging.Level.SEVERE, "query failed", new IllegalStateException("no table"));
            System.Logger platform = System.getLogger("com.example.platform.Cache");
            platform.log(System.Logger.Level.WARNING, "cache {0} is cold", "prices");
            platform.log(System.Logger.Level.DEBUG, "below the level too");
            platform.log(System.Logger.Level.TRACE, "and this");
        });
        List<JsonNode> records = records();
        assertEquals(4, records.size(), records.toString());
        assertEquals("loaded {0} rows from {1}", records.get(0).get("message").asText(), "no parameters: as written");
        assertEquals("loaded 3 rows from orders", records.get(1).get("message").asText());
        assertEquals("com.example.jul.Repo", records.get(1).get("logger").asText());
        assertEquals("INFO", records.get(1).get("level").asText());
        assertEquals("ERROR", records.get(2).get("level").asText());
        assertEquals("no table", records.get(2).get("error").get("message").asText());
        assertEquals("WARNING", records.get(3).get("level").asText());
        assertEquals("cache prices is cold", records.get(3).get("message").asText());
        assertEquals("com.example.platform.Cache", records.get(3).get("logger").asText());
    }

    @Test
    void initPhaseLinesGoOutWithTheFirstInvocationWithTheirOwnTimestamps() throws Exception {
        Bridges.reset(true);
        long before = System.currentTimeMillis();
        Bridges.log("com.example.Init", Level.INFO, "static initializer ran", null, Map.of("phase", "init"));
        java.util.logging.Logger.getLogger("com.example.jul.Init").warning("a JUL line of the init phase");
        Bridges.log("com.example.Init", Level.DEBUG, "below the level", null, null);
        Thread.sleep(20);
        assertEquals("", printed.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("init")).reduce("", String::concat), "held, not printed");
        long invoked = System.currentTimeMillis();
        invoke(() -> java.util.logging.Logger.getLogger("com.example.jul.Handler").info("in the invocation"));
        List<JsonNode> records = records();
        assertEquals(3, records.size(), records.toString());
        assertEquals("static initializer ran", records.get(0).get("message").asText());
        assertEquals("init", records.get(0).get("phase").asText());
        assertTrue(records.get(0).hasNonNull("function_request_id"), "it is the first invocation's line");
        long initTime = Instant.parse(records.get(0).get("timestamp").asText()).toEpochMilli();
        assertTrue(initTime >= before && initTime < invoked, "its own timestamp: " + records.get(0));
        assertEquals("a JUL line of the init phase", records.get(1).get("message").asText());
        assertEquals("in the invocation", records.get(2).get("message").asText());

        invoke(() -> { });
        assertEquals(3, records().size(), "taken once");
    }

    @Test
    void theInitPhaseHoldsAtMostItsBoundAndPrintsTheRest() throws Exception {
        Bridges.reset(true);
        Bridges.configured(LoggerConfig.builder().kind(LoggerKind.PRINT).format("#json").out(out).build());
        int extra = 5;
        for (int i = 0; i < Bridges.INIT_LINES_MAX + extra; i++) {
            Bridges.log("com.example.Init", Level.INFO, "line " + i, null, null);
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).contains("applog: more than 1000 lines"), lines.get(0));
        assertEquals(extra, lines.stream().filter(l -> l.contains("\"message\":\"line ")).count(), lines.toString());
        invoke(() -> { });
        List<StoredEvent> stored = server.events(GROUP, STREAM);
        assertEquals(Bridges.INIT_LINES_MAX, stored.size());
        assertTrue(stored.get(Bridges.INIT_LINES_MAX - 1).message().contains("\"line 999\""));
    }

    /**
     * A function that logs only through SLF4J or java.util.logging, with the layer but no woven @AppLogging handler:
     * no invocation of ours ever takes the init phase's lines, and Lambda ends the JVM without exit hooks. Once the
     * runtime runs invocations, what was held and what comes after print, with one notice naming the fix.
     */
    @Test
    void onceTheRuntimeRunsInvocationsNoneOfOursStartedTheHeldLinesPrint() throws Exception {
        Bridges.reset(true);
        Bridges.configured(LoggerConfig.builder().kind(LoggerKind.PRINT).format("#json").out(out).build());
        Bridges.log("com.example.Init", Level.INFO, "static initializer ran", null, null);
        assertFalse(printed.toString(StandardCharsets.UTF_8).contains("static initializer ran"), "held in the init phase");
        String before = System.getProperty(Bridges.RUNTIME_TRACE_PROPERTY);
        System.setProperty(Bridges.RUNTIME_TRACE_PROPERTY, "Root=1-6b0fc92e-4f799c7b37a34ada693a2531;Sampled=0");
        try {
            Bridges.log("com.example.Handler", Level.INFO, "greeting ada", null, null);
            Bridges.log("com.example.Handler", Level.INFO, "greeting grace", null, null);
        } finally {
            if (before == null) {
                System.clearProperty(Bridges.RUNTIME_TRACE_PROPERTY);
            } else {
                System.setProperty(Bridges.RUNTIME_TRACE_PROPERTY, before);
            }
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : printed.toString(StandardCharsets.UTF_8).lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        assertEquals(List.of("static initializer ran", Bridges.UNCLAIMED_NOTICE, "greeting ada", "greeting grace"),
                lines.stream().map(l -> l.path("message").asText()).toList(), lines.toString());
        assertEquals("WARNING", lines.get(1).path("level").asText());
        assertTrue(server.events(GROUP, STREAM).isEmpty());
    }

    @Test
    void outsideTheInitPhaseAndAnyInvocationLinesPrintInTheConfiguredFormat() {
        invoke(() -> { });   // the settings are resolved: #json, INFO
        Bridges.log("com.example.Worker", Level.INFO, "from a thread of its own", null, Map.of("k", "v"));
        Bridges.log("com.example.Worker", Level.DEBUG, "below the level", null, null);
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\"message\":\"from a thread of its own\",\"logger\":\"com.example.Worker\","
                + "\"k\":\"v\"}"), text);
        assertFalse(text.contains("below the level"), text);
        assertTrue(server.events(GROUP, STREAM).isEmpty());
    }

    @Test
    void theProviderLineSaysWhenTheFunctionsSlf4jApiIsOneX() throws Exception {
        // this module's test class path has the SDK's slf4j-api 1.7.36; a provider registration beside it
        java.nio.file.Path registrations = java.nio.file.Files.createTempDirectory("providers");
        java.nio.file.Path services = registrations.resolve("META-INF/services");
        java.nio.file.Files.createDirectories(services);
        java.nio.file.Files.writeString(services.resolve("org.slf4j.spi.SLF4JServiceProvider"), ProviderReport.OURS + "\n");
        java.net.URL api = Class.forName("org.slf4j.LoggerFactory").getProtectionDomain().getCodeSource().getLocation();
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {api, registrations.toUri().toURL()}, null)) {
            String line = ProviderReport.line(loader);
            assertTrue(line.startsWith("applog: the function's slf4j-api (slf4j-api-1.7.36.jar) is 1.x"), line);
            assertTrue(line.contains("depend on org.slf4j:slf4j-api 2.0.x"), line);
        }
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(
                new java.net.URL[] {registrations.toUri().toURL()}, null)) {
            assertEquals("applog: SLF4J provider " + ProviderReport.OURS + " (the only one on the class path): SLF4J"
                    + " lines go to the application's stream", ProviderReport.line(loader));
        }
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {api}, null)) {
            assertEquals(null, ProviderReport.line(loader), "no provider registered: no line");
        }
    }

    private static Context context() {
        String id = UUID.randomUUID().toString();
        return new Context() {
            @Override public String getAwsRequestId() { return id; }
            @Override public String getLogGroupName() { return "/aws/lambda/bridges-test"; }
            @Override public String getLogStreamName() { return "local"; }
            @Override public String getFunctionName() { return "bridges-test"; }
            @Override public String getFunctionVersion() { return "$LATEST"; }
            @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:0:function:bridges-test"; }
            @Override public CognitoIdentity getIdentity() { return null; }
            @Override public ClientContext getClientContext() { return null; }
            @Override public int getRemainingTimeInMillis() { return 60_000; }
            @Override public int getMemoryLimitInMB() { return 512; }
            @Override public LambdaLogger getLogger() { return null; }
        };
    }
}
