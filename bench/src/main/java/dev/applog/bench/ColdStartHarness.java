package dev.applog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.local.lambda.FunctionConfig;
import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.lambda.OutputLine;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cold start through the local Lambda (the real runtime interface client, one JVM per execution environment):
 * three functions with the same handler logic ({@code src/coldstart}), built here as a user builds them:
 * <ul>
 *   <li>bare: no logging library;</li>
 *   <li>applog: {@code @AppLogging}, woven by ajc with the library jar as aspect library, run with the layer zip
 *       (the function holds only its own classes), logging 10 events, stored after the response, before the
 *       freeze (the default delivery); applog-before-return: the same, stored before the response;</li>
 *   <li>powertools: Powertools' {@code @Logging}, woven by ajc with powertools-logging as aspect library, its jars
 *       (Powertools, log4j2, SLF4J, Jackson, aspectjrt) in the function's {@code lib/}, logging 10 events
 *       through SLF4J with Powertools' JSON layout on stdout;</li>
 *   <li>applog-slf4j: as applog, but logging its 10 events through SLF4J (slf4j-api 2 in its {@code lib/}, the
 *       provider from the layer zip).</li>
 * </ul>
 * Each round starts a new local Lambda and invokes each function once (a new JVM: cold), the variants taking
 * turns so that the machine's noise falls on all three alike; same JVM flags (the local Lambda's) and memory
 * setting for all. The time is the local Lambda's: from starting the JVM to the runtime posting the response
 * ({@link InvocationResult#initDuration()} + {@link InvocationResult#duration()}). Classes loaded come from one
 * more, untimed start per variant with {@code -Xlog:class+load} in {@code JAVA_TOOL_OPTIONS} (which also warms
 * the file cache for the timed rounds).
 */
final class ColdStartHarness {

    static final String GROUP = "/bench/coldstart";
    static final String STREAM = "coldstart";
    static final List<String> VARIANTS = List.of("bare", "applog", "applog-sdk", "powertools", "applog-slf4j",
            "applog-before-return");

    /**
     * How the local Lambda starts the environment: on demand (the invocation waits for the init phase), init ahead
     * (provisioned concurrency: the init phase done before the invocation comes), SnapStart (the init phase and the
     * hooks before the snapshot done ahead; the invocation thaws the snapshot, the hooks after restore run first).
     */
    enum Mode {
        ON_DEMAND("on-demand"), INIT_AHEAD("provisioned-concurrency"), SNAP_START("snap-start");

        final String initType;

        Mode(String initType) {
            this.initType = initType;
        }
    }

    /** The jars a function using Powertools Logging v2 (log4j2) packages: its Maven dependency tree, and aspectjrt. */
    private static final List<String> POWERTOOLS_JARS = List.of("powertools-", "log4j-", "slf4j-api-",
            "jackson-databind-", "jackson-core-", "jackson-annotations-", "jackson-datatype-joda-", "jmespath-",
            "aws-lambda-java-events-", "joda-time-", "aspectjrt-");
    private static final int MEMORY_MB = 512;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Medians over the rounds, in milliseconds: JVM start to response, its init phase (JVM start to the runtime
     * taking the invocation) and the first invocation (to the response), and from the response to the environment's
     * freeze (an extension's work after the response: applog's delivery); classes loaded by the first response (by
     * the class log's uptime against the local Lambda's init + invocation times, which start a few ms before the
     * JVM's uptime does: a count on the high side) and by the freeze.
     */
    record Result(String variant, int rounds, double medianMs, double medianInitMs, double medianInvokeMs,
                  long classesByResponse, long classes, double aheadInvokeMs, double snapRestoreMs, double snapInvokeMs,
                  double frozenAfterMs) {
    }

    /** The three functions, built. */
    record Functions(Path root, List<FunctionConfig> configs) {
    }

    private ColdStartHarness() {
    }

    /** The bench module's folder (this class is in its target/classes). */
    static Path moduleDirectory() {
        return location(ColdStartHarness.class).getParent().getParent();
    }

    /** The layer zip the layer's build makes (-Dapplog.layer.zip=... to use another). */
    static Path layerZip() {
        String configured = System.getProperty("applog.layer.zip");
        return configured != null ? Path.of(configured)
                : moduleDirectory().getParent().resolve("layer").resolve("target").resolve("applog-layer.zip");
    }

    /** Builds the three functions into {@code root} (emptied first): compiled and woven by ajc. */
    static Functions build(Path root) throws IOException, InterruptedException {
        Path layerZip = layerZip();
        if (!Files.isRegularFile(layerZip)) {
            throw new IllegalStateException("the layer zip " + layerZip + " is not built: ./mvnw -B -ntp -pl bench -am package "
                    + "-DskipTests builds it (bench/run does)");
        }
        Path module = moduleDirectory();
        Path sources = module.resolve("src").resolve("coldstart");
        Path weaver = only(jars(module.resolve("target").resolve("weaver"), "aspectjtools-"), "the weaver (aspectjtools) in target/weaver");
        List<Path> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classpath.add(Path.of(entry));
        }
        Path lambdaCore = location(com.amazonaws.services.lambda.runtime.Context.class);
        delete(root);

        // as a user's build: applog's function against the library (a provided dependency, the aspect library)
        // and aspectjrt, which the layer supplies at run time; Powertools' against its jars, which it packages
        Path library = location(dev.applog.lambda.AppLoggingAspect.class);
        Path applog = root.resolve("applog");
        Process applogAjc = ajc(weaver, sources, "applog", List.of(library, location(org.aspectj.lang.JoinPoint.class), lambdaCore),
                library, applog);
        List<Path> powertoolsJars = named(classpath, POWERTOOLS_JARS);
        List<Path> powertoolsClasspath = new ArrayList<>(powertoolsJars);
        powertoolsClasspath.add(lambdaCore);
        Path powertools = root.resolve("powertools");
        Process powertoolsAjc = ajc(weaver, sources, "powertools", powertoolsClasspath,
                location(software.amazon.lambda.powertools.logging.Logging.class), powertools);
        Path slf4jApi = only(named(classpath, List.of("slf4j-api-2.")), "slf4j-api 2 on the bench class path");
        Path applogSlf4j = root.resolve("applog-slf4j");
        Process applogSlf4jAjc = ajc(weaver, sources, "applog-slf4j",
                List.of(library, location(org.aspectj.lang.JoinPoint.class), lambdaCore, slf4jApi), library, applogSlf4j);
        Path bare = root.resolve("bare");
        javac(sources, "bare", List.of(lambdaCore), bare);
        woven(applogAjc, "applog", applog, "dev.applog.lambda.AppLoggingAspect");
        woven(powertoolsAjc, "powertools", powertools, "software.amazon.lambda.powertools.logging.internal.LambdaLoggingAspect");
        woven(applogSlf4jAjc, "applog-slf4j", applogSlf4j, "dev.applog.lambda.AppLoggingAspect");
        Files.createDirectories(applogSlf4j.resolve("lib"));
        Files.copy(slf4jApi, applogSlf4j.resolve("lib").resolve(slf4jApi.getFileName()));
        Files.createDirectories(powertools.resolve("lib"));
        for (Path jar : powertoolsJars) {
            Files.copy(jar, powertools.resolve("lib").resolve(jar.getFileName()));
        }
        try (InputStream config = ColdStartHarness.class.getResourceAsStream("/log4j2.xml")) {
            Files.copy(config, powertools.resolve("log4j2.xml"));
        }

        return built(root);
    }

    /** The functions {@link #build} made in {@code root} before (a probe reuses them without weaving again). */
    static Functions built(Path root) {
        Path layerZip = layerZip();
        Path bare = root.resolve("bare");
        Path applog = root.resolve("applog");
        Path powertools = root.resolve("powertools");
        Path applogSlf4j = root.resolve("applog-slf4j");
        List<FunctionConfig> configs = List.of(
                function("bare", "coldstart.BareHandler::handleRequest", bare, List.of()),
                function("applog", "coldstart.AppLogHandler::handleRequest", applog, List.of(layerZip)),
                // the SDK's client is in the add-on layer, attached after the base as a function would
                function("applog-sdk", "coldstart.AppLogHandler::handleRequest", applog,
                        List.of(layerZip, layerZip.resolveSibling("applog-sdk-client-layer.zip")))
                        .withEnvironment(Map.of("APPLOG_TRANSPORT", "sdk")),
                function("powertools", "coldstart.PowertoolsHandler::handleRequest", powertools, List.of()),
                function("applog-slf4j", "coldstart.Slf4jHandler::handleRequest", applogSlf4j, List.of(layerZip)),
                // the delivery before the default (after the response, by the internal extension, before the freeze):
                // the response waits for the first PutLogEvents
                function("applog-before-return", "coldstart.AppLogHandler::handleRequest", applog, List.of(layerZip))
                        .withEnvironment(Map.of("APPLOG_DELIVERY", "before-return")));
        return new Functions(root, configs);
    }

    private static FunctionConfig function(String name, String handler, Path code, List<Path> layers) {
        return new FunctionConfig(name, name, handler, code, layers, Map.of(), 30, MEMORY_MB, "java21");
    }

    /**
     * Measures: one untimed start per variant counting classes, then {@code rounds} rounds of one cold start per
     * variant (with 0 rounds, as the smoke test runs it, the times are NaN). Checks every answer, and that the
     * logging variants logged their 10 events (applog: stored in the endpoint once the environment settled; Powertools:
     * JSON lines on stdout with the Lambda context its woven aspect adds).
     */
    static List<Result> run(LocalLogsServer server, Functions functions, int rounds) throws IOException, InterruptedException {
        Path work = functions.root().resolve("work");
        long[] classes = new long[VARIANTS.size()];
        long[] byResponse = new long[VARIANTS.size()];
        for (int v = 0; v < VARIANTS.size(); v++) {
            Path classLog = functions.root().resolve("classes-" + VARIANTS.get(v) + ".log");
            if (classLog.toString().matches(".*[\\s:,].*")) {
                throw new IllegalStateException("-Xlog's file= option cannot take a path with white space, ':' or ',': "
                        + classLog + " (build the bench module in a folder without them)");
            }
            Files.deleteIfExists(classLog);
            // the variant's own variables kept (applog-sdk's APPLOG_TRANSPORT), the class log added
            Map<String, String> environment = new java.util.HashMap<>(functions.configs().get(v).environment());
            environment.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLog);
            FunctionConfig counted = functions.configs().get(v).withEnvironment(environment);
            InvocationResult answered = once(server, counted, work, Mode.ON_DEMAND);
            double responseSeconds = (answered.initDuration().toNanos() + answered.duration().toNanos()) / 1e9;
            try (Stream<String> lines = Files.lines(classLog)) {
                List<String> loads = lines.filter(line -> line.contains("[class,load]")).toList();
                classes[v] = loads.size();
                // "[0.123s][info][class,load] name source: ...": the JVM's uptime when the class was loaded
                byResponse[v] = loads.stream().filter(line -> Double.parseDouble(line.substring(1, line.indexOf("s]")))
                        <= responseSeconds).count();
            }
        }
        double[][] init = new double[VARIANTS.size()][rounds];
        double[][] invoke = new double[VARIANTS.size()][rounds];
        double[][] total = new double[VARIANTS.size()][rounds];
        double[][] frozenAfter = new double[VARIANTS.size()][rounds];
        double[][] ahead = new double[VARIANTS.size()][rounds];
        double[][] restore = new double[VARIANTS.size()][rounds];
        double[][] restored = new double[VARIANTS.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int v = 0; v < VARIANTS.size(); v++) {
                long[] returned = new long[1];
                InvocationResult result = once(server, functions.configs().get(v), work, Mode.ON_DEMAND, returned);
                frozenAfter[v][round] = (returned[0] - result.respondedAtNanos()) / 1e6;
                init[v][round] = result.initDuration().toNanos() / 1e6;
                invoke[v][round] = result.duration().toNanos() / 1e6;
                total[v][round] = init[v][round] + invoke[v][round];
            }
            for (int v = 0; v < VARIANTS.size(); v++) {
                ahead[v][round] = once(server, functions.configs().get(v), work, Mode.INIT_AHEAD).duration().toNanos() / 1e6;
            }
            for (int v = 0; v < VARIANTS.size(); v++) {
                InvocationResult result = once(server, functions.configs().get(v), work, Mode.SNAP_START);
                restore[v][round] = result.restoreDuration().toNanos() / 1e6;
                restored[v][round] = result.duration().toNanos() / 1e6;
            }
        }
        List<Result> results = new ArrayList<>();
        for (int v = 0; v < VARIANTS.size(); v++) {
            results.add(new Result(VARIANTS.get(v), rounds, median(total[v]), median(init[v]), median(invoke[v]),
                    byResponse[v], classes[v], median(ahead[v]), median(restore[v]), median(restored[v]),
                    median(frozenAfter[v])));
        }
        return results;
    }

    private static double median(double[] values) {
        return values.length == 0 ? Double.NaN : ExitCostHarness.median(values);
    }

    /** The message each handler logs (10 times) and summarizes. */
    static String event() {
        try {
            return JSON.writeValueAsString(Map.of("message", BenchSetup.MESSAGE));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How every handler's answer to {@link #event()} starts (then a checksum): the handler ran on the event. */
    static String expectedResponse() {
        return "\"ok " + BenchSetup.MESSAGE.length() + " ";
    }

    /**
     * A new local Lambda, one invocation (on demand: cold; else after the init phase ran ahead, SnapStart: restored),
     * its checks. An HTTPS endpoint's certificate is trusted through the function JVM's truststore options.
     */
    static InvocationResult once(LocalLogsServer server, FunctionConfig function, Path work, Mode mode)
            throws IOException, InterruptedException {
        return once(server, function, work, mode, new long[1]);
    }

    /**
     * As {@link #once(LocalLogsServer, FunctionConfig, Path, Mode)}; sets {@code returned[0]} to {@link System#nanoTime()}
     * when the invoke returned, the environment settled (extensions done, frozen): against the result's
     * {@link InvocationResult#respondedAtNanos()}, the time from the response to the freeze.
     */
    static InvocationResult once(LocalLogsServer server, FunctionConfig function, Path work, Mode mode, long[] returned)
            throws IOException, InterruptedException {
        try (LocalLambda lambda = LocalLambda.builder().function(function).logsEndpoint(server.endpoint())
                .javaToolOptions(server.certificate() == null ? null : server.certificate().javaOptions())
                .initType(mode.initType).workDirectory(work).maxEnvironmentsPerFunction(1)
                // invoke returns once the extensions are done too (after-response sends then); the times are the
                // runtime's own (init, to the response), so waiting longer here changes none of them
                .awaitExtensions(true).start()) {
            String name = function.name();
            if (mode != Mode.ON_DEMAND) {
                lambda.initAhead(name);
            }
            int storedBefore = server.events(GROUP, STREAM).size();
            InvocationResult result = lambda.invoke(function.name(), event());
            returned[0] = System.nanoTime();
            boolean shape = mode == Mode.ON_DEMAND ? result.coldStart() && result.initDuration() != null
                    : !result.coldStart() && result.initDuration() == null
                    && (mode != Mode.SNAP_START || result.restoreDuration() != null);
            if (result.isError() || !shape || result.duration() == null) {
                throw new IllegalStateException("cold start '" + name + "' failed: " + result.payloadText() + " (cold "
                        + result.coldStart() + "); its output: " + lambda.output(name));
            }
            if (!result.payloadText().startsWith(expectedResponse())) {
                throw new IllegalStateException("cold start '" + name + "' answered " + result.payloadText() + ", expected "
                        + expectedResponse() + "...\"");
            }
            if (name.startsWith("applog")) {
                List<StoredEvent> stored = server.events(GROUP, STREAM);
                List<StoredEvent> added = stored.subList(storedBefore, stored.size());
                if (added.size() != 10 || !added.stream().allMatch(e -> e.message().contains(BenchSetup.MESSAGE))) {
                    throw new IllegalStateException("cold start '" + name + "' stored " + added.size() + " events before its response, "
                            + "expected 10 carrying the message; its output: " + lambda.output(name));
                }
            } else if (name.equals("powertools")) {
                checkPowertoolsLines(lambda, result, mode == Mode.ON_DEMAND);
            }
            return result;
        }
    }

    /** 10 JSON lines with the message on stdout, each with the context fields only Powertools' woven aspect adds. */
    private static void checkPowertoolsLines(LocalLambda lambda, InvocationResult result, boolean cold)
            throws InterruptedException, IOException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<JsonNode> lines = List.of();
        while (System.nanoTime() < until) {
            lines = new ArrayList<>();
            for (OutputLine line : lambda.output("powertools")) {
                if (!line.stderr() && line.text().startsWith("{") && line.text().contains(BenchSetup.MESSAGE)) {
                    lines.add(JSON.readTree(line.text()));
                }
            }
            if (lines.size() >= 10) {
                break;
            }
            Thread.sleep(5);
        }
        boolean woven = lines.size() == 10 && lines.stream().allMatch(line -> line.path("message").asText().equals(BenchSetup.MESSAGE)
                && (!cold || line.path("cold_start").asBoolean(false))
                && line.path("function_request_id").asText().equals(result.requestId()));
        if (!woven) {
            throw new IllegalStateException("cold start 'powertools' wrote " + lines.size() + " JSON lines with the message, expected "
                    + "10 with cold_start=true and function_request_id=" + result.requestId() + " (the woven @Logging adds them): "
                    + lambda.output("powertools"));
        }
    }

    private static void javac(Path sources, String variant, List<Path> classpath, Path out) throws IOException {
        List<String> args = new ArrayList<>(List.of("--release", "17", "-d", out.toString(), "-cp", join(classpath)));
        args.addAll(HandlerSources.of(sources, variant));
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        if (javax.tools.ToolProvider.getSystemJavaCompiler().run(null, errors, errors, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("javac could not build the '" + variant + "' function:\n"
                    + errors.toString(StandardCharsets.UTF_8));
        }
    }

    /** Starts ajc (a process of its own) compiling the variant's sources woven with the aspect library into {@code out}. */
    private static Process ajc(Path weaver, Path sources, String variant, List<Path> classpath, Path aspectLibrary, Path out)
            throws IOException {
        Files.createDirectories(out);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // a short run: C1 alone halves ajc's time
                "-cp", weaver.toString(), "org.aspectj.tools.ajc.Main", "-17", "-showWeaveInfo", "-d", out.toString(),
                "-cp", join(classpath), "-aspectpath", aspectLibrary.toString()));
        command.addAll(HandlerSources.of(sources, variant));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.resolveSibling("ajc-" + variant + ".txt").toFile()).start();
    }

    /** Waits for ajc; checks it built the function and that the aspect advised the handler. */
    private static void woven(Process ajc, String variant, Path out, String aspect) throws IOException, InterruptedException {
        boolean ended = ajc.waitFor(300, TimeUnit.SECONDS);
        String output = Files.readString(out.resolveSibling("ajc-" + variant + ".txt"));
        if (!ended || ajc.exitValue() != 0) {
            ajc.destroyForcibly();
            throw new IllegalStateException("ajc could not build the '" + variant + "' function:\n" + output);
        }
        if (!output.contains("advised by around advice from '" + aspect + "'")) {
            throw new IllegalStateException("ajc did not weave " + aspect + " into the '" + variant + "' handler:\n" + output);
        }
    }

    private static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    /** The entries whose file names start with one of the prefixes. */
    private static List<Path> named(List<Path> entries, List<String> prefixes) {
        return entries.stream().filter(entry -> {
            String name = entry.getFileName().toString();
            return name.endsWith(".jar") && prefixes.stream().anyMatch(name::startsWith);
        }).toList();
    }

    /** The jar (or classes folder) a class is loaded from. */
    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " is loaded from", e);
        }
    }

    private static Path only(List<Path> found, String what) {
        if (found.size() != 1) {
            throw new IllegalStateException("expected one jar, " + what + ", found " + found);
        }
        return found.get(0);
    }

    private static List<Path> jars(Path folder, String prefix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".jar"))
                    .sorted().toList();
        }
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
