package dev.applog.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.local.lambda.FunctionConfig;
import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.lambda.OutputLine;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * A function that logs through SLF4J, with the layer attached, in the local Lambda (its own JVM, the function's
 * jars before the layer's as in Lambda), bundling: slf4j-api alone; logback-classic; log4j-slf4j2-impl. The
 * provider a function bundles wins (SLF4J takes the first on the class path, and the function's jars come
 * first); {@code JAVA_TOOL_OPTIONS=-Dslf4j.provider=dev.applog.slf4j.AppLogServiceProvider} picks the layer's.
 * Each run prints one line naming the provider chosen.
 */
class Slf4jCoexistenceEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path COEXISTENCE = Path.of(System.getProperty("applog.coexistence", "target/coexistence"))
            .toAbsolutePath().normalize();
    private static final String OURS = "dev.applog.slf4j.AppLogServiceProvider";
    private static final String PICK_OURS = "-Dslf4j.provider=" + OURS;

    /** What one function run left: its answer, the stream's messages, its output. */
    private record Run(String factory, List<JsonNode> stream, List<String> output) {
        List<String> messages() { return stream.stream().map(r -> r.path("message").asText()).toList(); }

        String providerLine() {
            return output.stream().filter(l -> l.startsWith("applog: SLF4J provider")).findFirst()
                    .orElseThrow(() -> new AssertionError("no provider line in " + output));
        }
    }

    private static Run run(String variant, Map<String, String> environment) throws Exception {
        Path code = build(variant);
        FunctionConfig function = new FunctionConfig("Greeter", "Greeter", "slf4jfn.Greeter::handleRequest", code,
                List.of(ShopFunctions.LAYER_ZIP), environment, 20, 256, "java21");
        try (LocalLogsServer logs = LocalLogsServer.start();
                LocalLambda lambda = LocalLambda.builder().function(function).logsEndpoint(logs.endpoint())
                        .workDirectory(COEXISTENCE.resolve("work-" + variant)).start()) {
            InvocationResult result = lambda.invoke("Greeter", "{\"n\": 1}");
            assertNull(result.functionError(), result.payloadText());
            List<JsonNode> records = new ArrayList<>();
            for (StoredEvent event : logs.events("/app/coexist", "coexist")) {
                records.add(JSON.readTree(event.message()));
            }
            List<String> output = lambda.output("Greeter").stream().map(OutputLine::text).toList();
            return new Run(JSON.readTree(result.payloadText()).asText(), records, output);
        }
    }

    /** The function's classes in COEXISTENCE/variant, beside the lib/ the build filled for that variant. */
    private static synchronized Path build(String variant) throws IOException {
        ShopFunctions.build();   // unzips the layer
        Path folder = COEXISTENCE.resolve(variant);
        List<Path> classpath = new ArrayList<>(jars(ShopFunctions.ROOT.resolve("layer/java/lib")));
        classpath.addAll(jars(ShopFunctions.RUNTIME).stream()
                .filter(j -> j.getFileName().toString().startsWith("aws-lambda-java-core")).toList());
        classpath.addAll(jars(folder.resolve("lib")));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", folder.toString(), "-cp",
                String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList())));
        try (Stream<Path> sources = Files.walk(Path.of("src/test/slf4j-functions"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        if (compiler.run(null, errors, errors, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("the SLF4J function does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
        }
        return folder;
    }

    private static List<Path> jars(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }

    @Test
    void withOnlySlf4jApiBundledTheLayersProviderSendsEveryLineIntoTheStream() throws Exception {
        Run run = run("plain", Map.of());
        assertEquals("dev.applog.slf4j.AppLogLoggerFactory", run.factory());
        assertEquals(List.of("greeter class initialized", "through AppLogger", "through SLF4J 1"), run.messages(),
                run.stream().toString());
        JsonNode init = run.stream().get(0);
        assertEquals("slf4jfn.Greeter", init.path("logger").asText());
        // logged while the runtime initialized the handler class, before the invocation began: held, then sent
        // with the first invocation (its request id), keeping its own earlier time
        assertTrue(Instant.parse(init.path("timestamp").asText()).isBefore(
                Instant.parse(run.stream().get(1).path("timestamp").asText())), "its own time: " + run.stream());
        assertTrue(init.hasNonNull("function_request_id"), "sent with the first invocation: " + init);
        assertEquals("o-1", run.stream().get(2).path("order").asText());
        assertTrue(run.providerLine().contains(OURS + " (the only one on the class path)"), run.providerLine());
    }

    /**
     * The layer's own SDK client (relocated, bound to a relocated slf4j-nop) and the JDK's HttpURLConnection under it
     * (java.util.logging) with their wire logging at DEBUG: the stream holds the function's lines only, and the
     * HTTP connection's lines of the library's own send are printed, not sent.
     */
    @Test
    void withTheWireLoggingAtDebugTheStreamHoldsOnlyTheFunctionsLines() throws Exception {
        Run run = run("plain", Map.of("APPLOG_LEVELS", "software.amazon.awssdk=DEBUG,org.apache.http.wire=DEBUG,"
                + "dev.applog.shaded=DEBUG,sun.net.www.protocol.http=DEBUG"));
        assertEquals(List.of("greeter class initialized", "through AppLogger", "through SLF4J 1"), run.messages(),
                run.stream().toString());
        assertTrue(run.output().stream().anyMatch(l -> l.contains("\"logger\":\"sun.net.www.protocol.http.HttpURLConnection\"")),
                "the HTTP connection's DEBUG lines were logged, and printed: " + run.output());
    }

    @Test
    void aBundledLogbackWinsAndTheLineSaysSo() throws Exception {
        Run run = run("logback", Map.of());
        assertEquals("ch.qos.logback.classic.LoggerContext", run.factory());
        assertEquals(List.of("through AppLogger"), run.messages(), "SLF4J lines go to logback, not to the stream");
        assertTrue(run.output().stream().anyMatch(l -> l.contains("through SLF4J 1")), "logback printed it: " + run.output());
        assertTrue(run.providerLine().startsWith("applog: SLF4J provider ch.qos.logback.classic.spi.LogbackServiceProvider"
                + " (the first of [ch.qos.logback.classic.spi.LogbackServiceProvider, " + OURS + "]"), run.providerLine());
        assertTrue(run.providerLine().endsWith("JAVA_TOOL_OPTIONS=" + PICK_OURS), run.providerLine());
    }

    @Test
    void withLogbackBundledTheSystemPropertyPicksTheLayersProvider() throws Exception {
        Run run = run("logback", Map.of("JAVA_TOOL_OPTIONS", PICK_OURS));
        assertEquals("dev.applog.slf4j.AppLogLoggerFactory", run.factory());
        assertEquals(List.of("greeter class initialized", "through AppLogger", "through SLF4J 1"), run.messages());
        assertTrue(run.providerLine().contains(OURS + " (named by -Dslf4j.provider)"), run.providerLine());
    }

    @Test
    void aBundledLog4j2WinsAndTheLineSaysSo() throws Exception {
        Run run = run("log4j2", Map.of());
        assertEquals("org.apache.logging.slf4j.Log4jLoggerFactory", run.factory());
        assertEquals(List.of("through AppLogger"), run.messages(), "SLF4J lines go to log4j2, not to the stream");
        assertTrue(run.providerLine().startsWith("applog: SLF4J provider org.apache.logging.slf4j.SLF4JServiceProvider"
                + " (the first of"), run.providerLine());
    }

    @Test
    void withLog4j2BundledTheSystemPropertyPicksTheLayersProvider() throws Exception {
        Run run = run("log4j2", Map.of("JAVA_TOOL_OPTIONS", PICK_OURS));
        assertEquals("dev.applog.slf4j.AppLogLoggerFactory", run.factory());
        assertEquals(List.of("greeter class initialized", "through AppLogger", "through SLF4J 1"), run.messages());
    }
}
