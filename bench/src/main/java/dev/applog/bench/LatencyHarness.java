package dev.applog.bench;

import dev.applog.local.lambda.FunctionConfig;
import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.lambda.OutputLine;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.NetworkDelay;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Latency per invocation on a warm environment, through the local Lambda (the real runtime interface client, one
 * JVM per environment), against a local endpoint that answers each PutLogEvents after a delay standing for the
 * network ({@link #NETWORK}: 30 ms, 1 request in 20 at 150 ms, seeded). Three functions with the same handler logic
 * ({@code src/latency}): bare (no logging library); {@code @AppLogging} logging 10 events with
 * {@code APPLOG_DELIVERY=before-return}; the same with {@code after-response} (its internal extension sends after
 * the response). The variants take turns, one invocation each per round, after a cold start and warm-up rounds.
 *
 * <p>Per invocation: from invoke (the harness calling the local Lambda) to the response (the runtime posting it,
 * when Lambda passes it on; the local Lambda's {@code invoke} itself returns later when it freezes the JVM first),
 * from the handler's code returning (the time it puts into its response) to the response, and the duration the
 * local Lambda's REPORT line gives (until the runtime and every extension wait for their next event: what Lambda
 * bills, {@code Billed Duration} being it rounded up to the millisecond).
 */
final class LatencyHarness {

    static final String GROUP = "/bench/latency";
    static final String STREAM = "latency";
    static final List<String> VARIANTS = List.of("bare", "before-return", "after-response");
    /** The network the endpoint stands for: 30 ms per PutLogEvents, 1 in 20 at 150 ms. */
    static final NetworkDelay NETWORK = NetworkDelay.fixed(Duration.ofMillis(30)).withSlowTail(20, Duration.ofMillis(150))
            .seed(1);

    private static final Pattern RETURNED = Pattern.compile(" returned=(-?\\d+)\"?$");
    private static final Pattern REPORT = Pattern.compile("^REPORT RequestId: (\\S+)\\tDuration: ([0-9.]+) ms\\tBilled "
            + "Duration: (\\d+) ms");
    private static final int MEMORY_MB = 512;

    /** Medians and 99th percentiles in milliseconds over the measured invocations of one variant. */
    record Result(String variant, int invocations, double invokeToResponseP50, double invokeToResponseP99,
            double returnToResponseP50, double returnToResponseP99, double durationP50, double durationP99,
            double billedP50, double billedP99) {
    }

    private LatencyHarness() {
    }

    /** The endpoint the section runs against: its own, with the network delay. */
    static LocalLogsServer endpoint() {
        return LocalLogsServer.builder().putLogEventsDelay(NETWORK).start();
    }

    /** Builds the functions into {@code root} (emptied first): bare by javac, applog woven by ajc. */
    static List<FunctionConfig> build(Path root) throws IOException, InterruptedException {
        Path layerZip = ColdStartHarness.layerZip();
        if (!Files.isRegularFile(layerZip)) {
            throw new IllegalStateException("the layer zip " + layerZip + " is not built: ./mvnw -B -ntp -pl bench -am package "
                    + "-DskipTests builds it (bench/run does)");
        }
        Path module = ColdStartHarness.moduleDirectory();
        Path sources = module.resolve("src").resolve("latency");
        Path weaver = weaver(module.resolve("target").resolve("weaver"));
        Path lambdaCore = location(com.amazonaws.services.lambda.runtime.Context.class);
        Path library = location(dev.applog.lambda.AppLoggingAspect.class);
        delete(root);
        Path applog = root.resolve("applog");
        Path bare = root.resolve("bare");
        Files.createDirectories(applog);
        Files.createDirectories(bare);

        // the library is the aspect library, aspectjrt and the library come from the layer at run time
        List<String> ajc = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", weaver.toString(), "org.aspectj.tools.ajc.Main", "-17", "-showWeaveInfo",
                "-d", applog.toString(), "-cp", join(List.of(library, location(org.aspectj.lang.JoinPoint.class), lambdaCore)),
                "-aspectpath", library.toString()));
        ajc.addAll(HandlerSources.of(sources, "applog"));
        Path ajcOutput = root.resolve("ajc-applog.txt");
        Process weaving = new ProcessBuilder(ajc).redirectErrorStream(true).redirectOutput(ajcOutput.toFile()).start();

        List<String> javac = new ArrayList<>(List.of("--release", "17", "-d", bare.toString(), "-cp", lambdaCore.toString()));
        javac.addAll(HandlerSources.of(sources, "bare"));
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        if (javax.tools.ToolProvider.getSystemJavaCompiler().run(null, errors, errors, javac.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("javac could not build the bare function:\n" + errors.toString(StandardCharsets.UTF_8));
        }
        boolean ended = weaving.waitFor(300, TimeUnit.SECONDS);
        String woven = Files.readString(ajcOutput);
        if (!ended || weaving.exitValue() != 0 || !woven.contains("advised by around advice from 'dev.applog.lambda.AppLoggingAspect'")) {
            weaving.destroyForcibly();
            throw new IllegalStateException("ajc could not build and weave the applog function:\n" + woven);
        }
        return List.of(
                new FunctionConfig("bare", "bare", "latency.BareHandler::handleRequest", bare, List.of(), Map.of(), 30,
                        MEMORY_MB, "java21"),
                new FunctionConfig("before-return", "before-return", "latency.AppLogHandler::handleRequest", applog,
                        List.of(layerZip), Map.of("APPLOG_DELIVERY", "before-return"), 30, MEMORY_MB, "java21"),
                new FunctionConfig("after-response", "after-response", "latency.AppLogHandler::handleRequest", applog,
                        List.of(layerZip), Map.of("APPLOG_DELIVERY", "after-response"), 30, MEMORY_MB, "java21"));
    }

    /**
     * One local Lambda holding the three functions (one environment each): a cold start and {@code warmups} rounds,
     * not measured, then {@code rounds} rounds of one invocation per variant. Checks every answer, and that each
     * applog invocation's 10 events were stored (before the response, or before the environment settled).
     */
    static List<Result> run(LocalLogsServer server, List<FunctionConfig> functions, Path work, int warmups, int rounds)
            throws IOException, InterruptedException {
        Map<String, Matcher> reports = new ConcurrentHashMap<>();
        double[][] invokeToResponse = new double[VARIANTS.size()][rounds];
        double[][] returnToResponse = new double[VARIANTS.size()][rounds];
        String[][] requestIds = new String[VARIANTS.size()][rounds];
        String event = ColdStartHarness.event();
        try (LocalLambda lambda = LocalLambda.builder().functions(functions).logsEndpoint(server.endpoint())
                .workDirectory(work).maxEnvironmentsPerFunction(1)
                .outputListener(line -> remember(line, reports)).start()) {
            for (int round = -warmups - 1; round < rounds; round++) {
                for (int v = 0; v < VARIANTS.size(); v++) {
                    String name = VARIANTS.get(v);
                    int storedBefore = server.events(GROUP, STREAM).size();
                    long invoked = System.nanoTime();
                    InvocationResult result = lambda.invoke(name, event);
                    String payload = result.payloadText();
                    Matcher returned = RETURNED.matcher(payload);
                    if (result.isError() || result.respondedAtNanos() == 0 || !payload.startsWith(ColdStartHarness.expectedResponse())
                            || !returned.find()) {
                        throw new IllegalStateException("'" + name + "' answered " + payload + "; its output: " + lambda.output(name));
                    }
                    if (round >= 0) {
                        invokeToResponse[v][round] = (result.respondedAtNanos() - invoked) / 1e6;
                        returnToResponse[v][round] = (result.respondedAtNanos() - Long.parseLong(returned.group(1))) / 1e6;
                        requestIds[v][round] = result.requestId();
                    }
                    if (!name.equals("bare")) {
                        awaitIdle(lambda, name);
                        int added = server.events(GROUP, STREAM).size() - storedBefore;
                        if (added != 10) {
                            throw new IllegalStateException("'" + name + "' stored " + added + " events, expected 10; its "
                                    + "output: " + lambda.output(name));
                        }
                    }
                }
            }
            List<Result> results = new ArrayList<>();
            for (int v = 0; v < VARIANTS.size(); v++) {
                double[] duration = new double[rounds];
                double[] billed = new double[rounds];
                for (int round = 0; round < rounds; round++) {
                    Matcher report = awaitReport(reports, requestIds[v][round]);
                    duration[round] = Double.parseDouble(report.group(2));
                    billed[round] = Long.parseLong(report.group(3));
                }
                results.add(new Result(VARIANTS.get(v), rounds, percentile(invokeToResponse[v], 50),
                        percentile(invokeToResponse[v], 99), percentile(returnToResponse[v], 50),
                        percentile(returnToResponse[v], 99), percentile(duration, 50), percentile(duration, 99),
                        percentile(billed, 50), percentile(billed, 99)));
            }
            return results;
        }
    }

    private static void remember(OutputLine line, Map<String, Matcher> reports) {
        if (line.platform()) {
            Matcher report = REPORT.matcher(line.text());
            if (report.find()) {
                reports.put(report.group(1), report);
            }
        }
    }

    private static void awaitIdle(LocalLambda lambda, String function) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!lambda.idle(function)) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("'" + function + "' did not settle within 30 s of its response");
            }
            Thread.sleep(1);
        }
    }

    private static Matcher awaitReport(Map<String, Matcher> reports, String requestId) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Matcher report;
        while ((report = reports.get(requestId)) == null) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("no REPORT line for request " + requestId);
            }
            Thread.sleep(5);
        }
        return report;
    }

    /** The p-th percentile, nearest rank (NaN when there is nothing). */
    static double percentile(double[] values, int p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static Path weaver(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().startsWith("aspectjtools-")).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one aspectjtools jar in " + folder + " (the bench build copies it), "
                        + "found " + found);
            }
            return found.get(0);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException(folder + " is missing: build the bench module (bench/run does)", e);
        }
    }

    private static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " is loaded from", e);
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
