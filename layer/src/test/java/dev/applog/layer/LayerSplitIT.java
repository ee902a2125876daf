package dev.applog.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.applog.delivery.LightPathProbe;
import dev.applog.layer.function.LayerHandler;
import dev.applog.local.lambda.FunctionConfig;
import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.lambda.OutputLine;
import dev.applog.local.logs.Fault;
import dev.applog.local.logs.LocalLogsServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base layer alone runs everything with the light transport, and the add-on layer brings the SDK's client back
 * for {@code APPLOG_TRANSPORT=sdk}. Through the local Lambda (the real runtime interface client, each layer zip's
 * java/lib on the class path as Lambda puts it): base alone, light; base alone, sdk asked for (one error, the events
 * still stored); base and add-on, sdk. In plain JVMs on the base layer's jars alone: the light transport's paths that
 * a Lambda function may reach, each of which would fail here if it needed a class the base leaves out: endpoints of
 * every partition with FIPS and dual-stack, every failure the service answers, credentials from a profile file, from
 * the container endpoint (SnapStart's) and past a web-identity setting the SDK cannot serve without its STS module.
 */
class LayerSplitIT {

    /** Packages of the artifacts the base leaves to the add-on (layer/pom.xml, sdk.client.only). */
    private static final List<String> ADD_ON_PACKAGES = List.of("dev.applog.shaded.awssdk.services.cloudwatchlogs.",
            "dev.applog.shaded.awssdk.awscore.", "dev.applog.shaded.awssdk.protocols.json.",
            "dev.applog.shaded.awssdk.protocols.core.", "dev.applog.shaded.awssdk.utilslite.");
    private static final int EVENTS = 5;

    @TempDir
    static Path work;

    private static Path baseZip;
    private static Path addOnZip;
    private static List<Path> baseJars;

    @BeforeAll
    static void unzipTheBase() throws IOException {
        baseZip = Path.of(System.getProperty("layer.zip", "target/applog-layer.zip")).toAbsolutePath();
        addOnZip = Path.of(System.getProperty("layer.addon.zip", "target/applog-sdk-client-layer.zip")).toAbsolutePath();
        assertTrue(Files.isRegularFile(baseZip) && Files.isRegularFile(addOnZip), "the layer zips are not built");
        baseJars = unzip(baseZip, work.resolve("base"));
    }

    // ---- the local Lambda ---------------------------------------------------------------------------------------

    @Test
    void theBaseLayerAloneSendsWithTheLightTransportAndNeverLoadsAClassOfTheAddOn() throws Exception {
        Path classLog = work.resolve("classes-light.log");
        Invoked run = invoke("light", List.of(baseZip), Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLog));
        assertEquals("\"stored true\"", run.result.payloadText(), run.output);
        assertEquals(EVENTS, run.stored);
        List<String> loaded = Files.readAllLines(classLog);
        assertTrue(loaded.stream().anyMatch(l -> l.contains("dev.applog.delivery.LightLogsTransport ")), "no class log: " + classLog);
        List<String> addOn = loaded.stream().filter(l -> ADD_ON_PACKAGES.stream().anyMatch(l::contains)).toList();
        assertTrue(addOn.isEmpty(), "the light transport loaded classes the base leaves to the add-on: " + addOn);
        // a figure for BENCHMARKS.md: how much of the SDK in the base one light invocation loads (endpoint given)
        long sdkLoaded = loaded.stream().filter(l -> l.contains(" dev.applog.shaded.awssdk.")).count();
        long sdkInBase;
        Path libraryJar = baseJars.stream().filter(j -> j.getFileName().toString().matches("applog-\\d.*")).findFirst()
                .orElseThrow();
        try (ZipFile jar = new ZipFile(libraryJar.toFile())) {
            sdkInBase = jar.stream().filter(e -> e.getName().startsWith("dev/applog/shaded/awssdk/")
                    && e.getName().endsWith(".class")).count();
        }
        System.out.printf("light transport, one invocation: %d of the base layer's %d relocated AWS SDK classes loaded%n",
                sdkLoaded, sdkInBase);
    }

    @Test
    void sdkAskedForWithoutTheAddOnPrintsOneErrorNamingTheFixAndTheEventsAreStillStored() throws Exception {
        Invoked run = invoke("sdk-without-add-on", List.of(baseZip), Map.of("APPLOG_TRANSPORT", "sdk"));
        assertEquals("\"stored true\"", run.result.payloadText(), run.output);
        assertEquals(EVENTS, run.stored, "sent by the light transport instead");
        List<String> errors = run.output.lines().filter(l -> l.contains("applog: error: APPLOG_TRANSPORT=sdk")).toList();
        assertEquals(1, errors.size(), run.output);
        assertTrue(errors.get(0).contains("applog-sdk-client-layer.zip") && errors.get(0).contains("APPLOG_TRANSPORT=light"),
                errors.get(0));
    }

    @Test
    void theBaseWithTheAddOnSendsThroughTheSdksClientLoadedFromTheAddOn() throws Exception {
        Path classLog = work.resolve("classes-sdk.log");
        Map<String, String> environment = Map.of("APPLOG_TRANSPORT", "sdk",
                "JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLog);
        Invoked run = invoke("sdk-with-add-on", List.of(baseZip, addOnZip), environment);
        assertEquals("\"stored true\"", run.result.payloadText(), run.output);
        assertEquals(EVENTS, run.stored);
        assertTrue(run.output.lines().noneMatch(l -> l.contains("applog: error")), run.output);
        assertTrue(Files.readAllLines(classLog).stream().anyMatch(l ->
                        l.contains("dev.applog.shaded.awssdk.services.cloudwatchlogs.DefaultCloudWatchLogsClient ")
                                && l.contains("applog-sdk-client-")),
                "the SDK's client was not loaded from the add-on's jar: " + classLog);
    }

    private record Invoked(InvocationResult result, String output, int stored) {}

    private static Invoked invoke(String stream, List<Path> layers, Map<String, String> extra) throws Exception {
        Map<String, String> environment = new HashMap<>(extra);
        environment.put("LAYER_STREAM", stream);
        Path code = Path.of(System.getProperty("function.classes", "target/test-classes")).toAbsolutePath();
        FunctionConfig function = new FunctionConfig("Layer", "layer-" + stream,
                LayerHandler.class.getName() + "::handleRequest", code, layers, environment, 30, 512, "java21");
        try (LocalLogsServer logs = LocalLogsServer.start();
             LocalLambda lambda = LocalLambda.builder().function(function).logsEndpoint(logs.endpoint())
                     .workDirectory(work.resolve("lambda-" + stream))
                     .runtimeDirectory(Path.of(System.getProperty("applog.lambda.runtime", "../local/target/lambda-runtime")))
                     .start()) {
            InvocationResult result = lambda.invoke("Layer", "{\"count\": " + EVENTS + "}");
            String output = lambda.output().stream().map(OutputLine::text).collect(Collectors.joining("\n"));
            assertNull(result.functionError(), result.payloadText() + "\n" + output);
            int stored = logs.streamExists("/app/layer", stream) ? logs.events("/app/layer", stream).size() : 0;
            return new Invoked(result, output, stored);
        }
    }

    // ---- plain JVMs on the base layer's jars alone -------------------------------------------------------------

    /** The same endpoints as the whole library's (whose resolution LightLogsTransportEndpointTest checks). */
    @Test
    void endpointsOfEachPartitionWithFipsAndDualStackAreTheWholeLibrarysFromTheBaseAlone() throws Exception {
        Run fromBase = probe(baseClasspath(), Map.of(), "endpoints");
        assertEquals(0, fromBase.exitCode, fromBase.output);
        List<String> plain = new ArrayList<>();
        for (String entry : System.getProperty("plain.library.classpath").split(File.pathSeparator)) {
            plain.add(entry);
        }
        plain.add(0, Path.of(System.getProperty("function.classes", "target/test-classes")).toAbsolutePath().toString());
        Run fromLibrary = probe(String.join(File.pathSeparator, plain), Map.of(), "endpoints");
        assertEquals(0, fromLibrary.exitCode, fromLibrary.output);
        assertEquals(fromLibrary.output, fromBase.output);
        assertEquals(24, fromBase.output.lines().count(), fromBase.output);
        for (String expected : List.of("cn-north-1 fips=false dualstack=false -> https://logs.cn-north-1.amazonaws.com.cn",
                "us-gov-west-1 fips=true dualstack=false -> https://logs.us-gov-west-1.amazonaws.com",
                "us-east-1 fips=true dualstack=true -> https://logs-fips.us-east-1.api.aws")) {
            assertTrue(fromBase.output.contains(expected), expected + " in\n" + fromBase.output);
        }
    }

    @Test
    void everyFailureTheServiceAnswersIsReadFromTheBaseAlone() throws Exception {
        try (LocalLogsServer logs = LocalLogsServer.start()) {
            // retried: throttling, a 5xx, a dropped connection; then stored
            logs.failNext("PutLogEvents", 1, Fault.throttling());
            Run retried = probe(logs, keys("AKIDRETRY"), "/app/probe", "retried");
            logs.failNext("PutLogEvents", 1, Fault.serviceUnavailable());
            Run afterFault = probe(logs, keys("AKIDRETRY"), "/app/probe", "fault");
            logs.failNext("PutLogEvents", 1, Fault.dropConnection());
            Run afterDrop = probe(logs, keys("AKIDRETRY"), "/app/probe", "dropped");
            for (Run run : List.of(retried, afterFault, afterDrop)) {
                assertTrue(run.output.contains("purge stored everything: true"), run.output);
            }
            for (String stream : List.of("retried", "fault", "dropped")) {
                assertEquals(EVENTS, logs.events("/app/probe", stream).size(), stream);
            }
            // not retried: access denied, refused credentials; every event in the fallback, with the service's code
            logs.failNext("PutLogEvents", 1, Fault.accessDenied());
            Run denied = probe(logs, keys("AKIDDENIED"), "/app/probe", "denied");
            logs.failNext("PutLogEvents", 1, Fault.unrecognizedClient());
            Run refused = probe(logs, keys("AKIDREFUSED"), "/app/probe", "refused");
            assertEquals(EVENTS, fallbackLines(denied, "AccessDeniedException"), denied.output);
            assertEquals(EVENTS, fallbackLines(refused, "UnrecognizedClientException"), refused.output);
            assertTrue(!denied.output.contains("NoClassDefFoundError") && !refused.output.contains("NoClassDefFoundError"));
        }
    }

    @Test
    void credentialsFromAProfileFromTheContainerEndpointAndPastAWebIdentityWithoutSts() throws Exception {
        Path credentials = Files.writeString(work.resolve("credentials"),
                "[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n");
        Path token = Files.writeString(work.resolve("web-identity-token"), "a-token");
        HttpServer container = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        container.createContext("/credentials", exchange -> {
            boolean authorized = "container-token".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"AccessKeyId\":\"AKIDCONTAINER\",\"SecretAccessKey\":\"container-secret\",\"Token\":\"t\","
                    + "\"Expiration\":\"" + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(authorized ? 200 : 401, authorized ? body.length : -1);
            if (authorized) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        container.start();
        try (LocalLogsServer logs = LocalLogsServer.start()) {
            Map<String, String> profile = Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
            Run fromProfile = probe(logs, profile, "/app/probe", "profile");
            Map<String, String> webIdentity = new HashMap<>(profile);
            webIdentity.put("AWS_WEB_IDENTITY_TOKEN_FILE", token.toString());
            webIdentity.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/probe");
            Run pastWebIdentity = probe(logs, webIdentity, "/app/probe", "web-identity");
            Run fromContainer = probe(logs, Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI",
                            "http://127.0.0.1:" + container.getAddress().getPort() + "/credentials",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-token"), "/app/probe", "container");
            for (Run run : List.of(fromProfile, pastWebIdentity, fromContainer)) {
                assertTrue(run.output.contains("purge stored everything: true"), run.output);
            }
            for (String stream : List.of("profile", "web-identity", "container")) {
                assertEquals(EVENTS, logs.events("/app/probe", stream).size(), stream);
            }
            assertTrue(logs.accessKeyIds().containsAll(List.of("AKIDPROFILE", "AKIDCONTAINER")), logs.accessKeyIds().toString());
        } finally {
            container.stop(0);
        }
    }

    private static Map<String, String> keys(String accessKeyId) {
        return Map.of("AWS_ACCESS_KEY_ID", accessKeyId, "AWS_SECRET_ACCESS_KEY", "secret");
    }

    private static long fallbackLines(Run run, String code) {
        return run.output.lines().filter(l -> l.startsWith("{\"applog\":\"fallback\"") && l.contains(code)).count();
    }

    private record Run(int exitCode, String output) {}

    private static String baseClasspath() {
        List<String> entries = new ArrayList<>();
        entries.add(Path.of(System.getProperty("function.classes", "target/test-classes")).toAbsolutePath().toString());
        baseJars.forEach(j -> entries.add(j.toString()));
        return String.join(File.pathSeparator, entries);
    }

    private static Run probe(LocalLogsServer logs, Map<String, String> credentials, String group, String stream)
            throws Exception {
        Map<String, String> environment = new HashMap<>(credentials);
        environment.put("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", logs.endpoint().toString());
        environment.put("AWS_REGION", "us-east-1");
        Run run = probe(baseClasspath(), environment, "log", group, stream, String.valueOf(EVENTS));
        assertEquals(0, run.exitCode, run.output);
        return run;
    }

    /** A JVM on {@code classpath} running {@link LightPathProbe}, with no AWS variable but {@code environment}'s. */
    private static Run probe(String classpath, Map<String, String> environment, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", classpath, LightPathProbe.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("JAVA_TOOL_OPTIONS"));
        // nothing of this machine's own AWS set-up: no profile, config or instance metadata
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
        builder.environment().put("AWS_CONFIG_FILE", work.resolve("no-config").toString());
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Run(process.exitValue(), output);
    }

    private static List<Path> unzip(Path zip, Path target) throws IOException {
        Path lib = Files.createDirectories(target.resolve("java/lib"));
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : file.stream().collect(Collectors.toList())) {
                if (entry.getName().startsWith("java/lib/") && entry.getName().endsWith(".jar")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, lib.resolve(entry.getName().substring("java/lib/".length())),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.sorted().toList();
        }
    }
}
