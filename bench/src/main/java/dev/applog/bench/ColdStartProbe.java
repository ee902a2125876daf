package dev.applog.bench;

import dev.applog.local.lambda.FunctionConfig;
import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.logs.LocalLogsServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quick looks at the cold start, for exploring what a change does before a full {@code bench/run full coldstart}
 * (whose figures are the ones reported): the coldstart functions ({@link ColdStartHarness}) against a local HTTPS
 * endpoint, each variant optionally with variables of its own.
 *
 * <pre>
 *   bench/coldstart-probe timeline applog [on-demand|provisioned-concurrency|snap-start] [KEY=VALUE...]
 *       one start with the class log's uptime and thread: when preparation, TLS, signing, credentials and the
 *       invocation happen, on which thread; classes by package
 *   bench/coldstart-probe rounds N MODE[,MODE] VARIANT[@LAYER.zip][:KEY=VALUE[:KEY=VALUE]]...
 *       N rounds of the variants taking turns in each mode; medians (init, first invocation, total); a variant with
 *       another layer zip (e.g. one built from another commit) compares builds in one sitting
 * </pre>
 *
 * The functions are woven once ({@code -Dprobe.build=true}, or when missing) into bench/target/coldstart and reused.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ColdStartProbe timeline VARIANT [MODE] [KEY=VALUE...] | rounds N MODES VARIANT[:K=V]...");
            System.exit(2);
        }
        Path root = ColdStartHarness.moduleDirectory().resolve("target").resolve("coldstart");
        ColdStartHarness.Functions functions = Boolean.getBoolean("probe.build") || !Files.isDirectory(root.resolve("applog"))
                ? ColdStartHarness.build(root) : ColdStartHarness.built(root);
        try (LocalLogsServer server = LocalLogsServer.builder().https(true).start()) {
            if (args[0].equals("timeline")) {
                timeline(server, functions, args);
            } else {
                rounds(server, functions, args);
            }
        }
    }

    /** {@code name[@layer.zip][:KEY=VALUE]...}: a variant, with another layer zip (a build to compare) and variables. */
    private static FunctionConfig variant(ColdStartHarness.Functions functions, String spec) {
        String[] parts = spec.split(":");
        String layer = null;
        if (parts[0].contains("@")) {
            layer = parts[0].substring(parts[0].indexOf('@') + 1);
            parts[0] = parts[0].substring(0, parts[0].indexOf('@'));
        }
        FunctionConfig base = functions.configs().stream().filter(c -> c.name().equals(parts[0])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variant " + parts[0] + "; " + ColdStartHarness.VARIANTS));
        Map<String, String> environment = new HashMap<>(base.environment());
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            environment.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        FunctionConfig config = base.withEnvironment(environment);
        return layer == null ? config : config.withLayers(List.of(Path.of(layer)));
    }

    private static ColdStartHarness.Mode mode(String name) {
        for (ColdStartHarness.Mode mode : ColdStartHarness.Mode.values()) {
            if (mode.initType.equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode is on-demand, provisioned-concurrency or snap-start, not " + name);
    }

    private static void rounds(LocalLogsServer server, ColdStartHarness.Functions functions, String[] args) throws Exception {
        int rounds = Integer.parseInt(args[1]);
        List<ColdStartHarness.Mode> modes = new ArrayList<>();
        for (String m : args[2].split(",")) {
            modes.add(mode(m));
        }
        List<String> specs = List.of(args).subList(3, args.length);
        Path work = functions.root().resolve("work");
        Map<String, double[][]> times = new LinkedHashMap<>();  // spec|mode -> [round][init, invoke, restore]
        for (ColdStartHarness.Mode mode : modes) {
            for (String spec : specs) {
                times.put(spec + " | " + mode.initType, new double[rounds][4]);
            }
        }
        for (int round = 0; round < rounds; round++) {
            for (ColdStartHarness.Mode mode : modes) {
                for (String spec : specs) {
                    long[] returned = new long[1];
                    InvocationResult result = ColdStartHarness.once(server, variant(functions, spec), work, mode, returned);
                    double[] row = times.get(spec + " | " + mode.initType)[round];
                    row[0] = result.initDuration() == null ? 0 : result.initDuration().toNanos() / 1e6;
                    row[1] = result.duration().toNanos() / 1e6;
                    row[2] = result.restoreDuration() == null ? 0 : result.restoreDuration().toNanos() / 1e6;
                    row[3] = (returned[0] - result.respondedAtNanos()) / 1e6;
                }
            }
        }
        System.out.println("| variant | mode | init ms | first invocation ms | restore ms | total ms | response to frozen ms |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        times.forEach((key, rows) -> {
            double[] init = new double[rounds];
            double[] invoke = new double[rounds];
            double[] restore = new double[rounds];
            double[] total = new double[rounds];
            double[] after = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                init[i] = rows[i][0];
                invoke[i] = rows[i][1];
                restore[i] = rows[i][2];
                total[i] = rows[i][0] + rows[i][1] + rows[i][2];
                after[i] = rows[i][3];
            }
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f |%n", key, ExitCostHarness.median(init),
                    ExitCostHarness.median(invoke), ExitCostHarness.median(restore), ExitCostHarness.median(total),
                    ExitCostHarness.median(after));
        });
    }

    /**
     * What marks a step of the cold start in the class log: the first class loaded that matches (delivery's classes
     * by their package before and after it moved to dev.applog.delivery, so that older layers can be compared).
     */
    private static final Map<String, Predicate<String>> MILESTONES = new LinkedHashMap<>();

    static {
        MILESTONES.put("runtime client's main class", n -> n.equals("com.amazonaws.services.lambda.runtime.api.client.AWSLambda"));
        MILESTONES.put("handler class loaded", n -> n.startsWith("coldstart.") && n.endsWith("Handler"));
        MILESTONES.put("applog: LambdaLogging (preparation starts)", n -> n.equals("dev.applog.lambda.LambdaLogging"));
        MILESTONES.put("applog: CloudWatchLogger", n -> n.equals("dev.applog.CloudWatchLogger"));
        MILESTONES.put("applog: LightLogsTransport", n -> n.equals("dev.applog.delivery.LightLogsTransport") || n.equals("dev.applog.LightLogsTransport"));
        MILESTONES.put("SDK: first relocated SDK class", n -> n.startsWith("dev.applog.shaded.awssdk."));
        MILESTONES.put("SDK: SigV4 signer", n -> n.endsWith(".DefaultAwsV4HttpSigner"));
        MILESTONES.put("SDK: URL connection client", n -> n.endsWith(".UrlConnectionHttpClient"));
        MILESTONES.put("dry run answered", n -> n.equals("dev.applog.delivery.DryRunHttpClient$1") || n.equals("dev.applog.DryRunHttpClient$1"));
        MILESTONES.put("JDK: HttpURLConnection (a request)", n -> n.equals("sun.net.www.protocol.http.HttpURLConnection"));
        MILESTONES.put("JDK TLS: first sun.security.ssl class", n -> n.startsWith("sun.security.ssl."));
        MILESTONES.put("JDK TLS: ClientHello", n -> n.startsWith("sun.security.ssl.ClientHello"));
        MILESTONES.put("JDK TLS: server certificate checked", n -> n.startsWith("sun.security.validator.PKIXValidator"));
        MILESTONES.put("JDK TLS: Finished", n -> n.startsWith("sun.security.ssl.Finished"));
        MILESTONES.put("credentials: a provider", n -> n.contains(".auth.credentials.") && n.endsWith("Provider"));
        MILESTONES.put("credentials: container provider", n -> n.endsWith("ContainerCredentialsProvider"));
        MILESTONES.put("first invocation: applog Invocation", n -> n.equals("dev.applog.lambda.Invocation"));
        MILESTONES.put("first invocation: a shipment", n -> n.equals("dev.applog.delivery.Shipment") || n.equals("dev.applog.Shipment"));
        MILESTONES.put("SnapStart: hooks", n -> n.equals("dev.applog.lambda.SnapStartHooks"));
    }

    private static final Pattern LINE = Pattern.compile("^\\[(\\d+\\.\\d+)s\\]\\[(\\d+)\\]\\s*(\\S+) source: (.*)$");

    private static void timeline(LocalLogsServer server, ColdStartHarness.Functions functions, String[] args) throws Exception {
        String spec = args[1];
        ColdStartHarness.Mode mode = args.length > 2 && !args[2].contains("=") ? mode(args[2]) : ColdStartHarness.Mode.ON_DEMAND;
        StringBuilder withVariables = new StringBuilder(spec);
        for (int i = 2; i < args.length; i++) {
            if (args[i].contains("=")) {
                withVariables.append(':').append(args[i]);
            }
        }
        FunctionConfig function = variant(functions, withVariables.toString());
        Path classLog = functions.root().resolve("timeline-" + function.name() + ".log");
        Files.deleteIfExists(classLog);
        Map<String, String> environment = new HashMap<>(function.environment());
        String own = environment.get("JAVA_TOOL_OPTIONS");
        environment.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLog + ":uptime,tid"
                + (own == null ? "" : " " + own));
        InvocationResult result = ColdStartHarness.once(server, function.withEnvironment(environment),
                functions.root().resolve("work"), mode);
        System.out.printf(Locale.ROOT, "%s, %s: init %s ms, restore %s ms, first invocation %.1f ms (the local Lambda's)%n",
                withVariables, mode.initType,
                result.initDuration() == null ? "-" : String.format(Locale.ROOT, "%.1f", result.initDuration().toNanos() / 1e6),
                result.restoreDuration() == null ? "-" : String.format(Locale.ROOT, "%.1f", result.restoreDuration().toNanos() / 1e6),
                result.duration().toNanos() / 1e6);
        List<String[]> loads = new ArrayList<>();  // uptime, tid, class
        for (String line : Files.readAllLines(classLog)) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                loads.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
        }
        String mainThread = loads.isEmpty() ? "" : loads.get(0)[1];
        Map<String, String> threadNames = new LinkedHashMap<>();
        Map<String, int[]> perThread = new LinkedHashMap<>();
        Map<String, double[]> span = new LinkedHashMap<>();
        for (String[] load : loads) {
            String tid = load[1];
            threadNames.putIfAbsent(tid, tid.equals(mainThread) ? "main (runtime client, handler)" : "first: " + load[2]);
            if (load[2].startsWith("dev.applog.") && threadNames.get(tid).startsWith("first: ")
                    && !threadNames.get(tid).contains(" / applog: ")) {
                threadNames.put(tid, threadNames.get(tid) + " / applog: " + load[2]);
            }
            perThread.computeIfAbsent(tid, t -> new int[1])[0]++;
            double t = Double.parseDouble(load[0]);
            span.computeIfAbsent(tid, x -> new double[] {t, t})[1] = t;
        }
        System.out.println("\nmilestones (uptime of the JVM, the thread that loaded the class):");
        for (Map.Entry<String, Predicate<String>> milestone : MILESTONES.entrySet()) {
            for (String[] load : loads) {
                if (milestone.getValue().test(load[2])) {
                    System.out.printf(Locale.ROOT, "  %8.0f ms  %-45s tid %s  (%s)%n", Double.parseDouble(load[0]) * 1000,
                            milestone.getKey(), load[1], load[2]);
                    break;
                }
            }
        }
        System.out.println("\nthreads (classes loaded, first and last load):");
        perThread.forEach((tid, n) -> System.out.printf(Locale.ROOT, "  tid %-8s %5d classes  %6.0f .. %6.0f ms  %s%n", tid,
                n[0], span.get(tid)[0] * 1000, span.get(tid)[1] * 1000, threadNames.get(tid)));
        System.out.println("\nclasses loaded per 50 ms, main thread / others:");
        TreeMap<Integer, int[]> buckets = new TreeMap<>();
        for (String[] load : loads) {
            int bucket = (int) (Double.parseDouble(load[0]) * 1000 / 50);
            buckets.computeIfAbsent(bucket, b -> new int[2])[load[1].equals(mainThread) ? 0 : 1]++;
        }
        buckets.forEach((b, n) -> System.out.printf(Locale.ROOT, "  %5d ms  %4d / %4d%n", b * 50, n[0], n[1]));
        System.out.println("\nclasses by package (" + loads.size() + " in all):");
        Map<String, Integer> packages = new HashMap<>();
        for (String[] load : loads) {
            packages.merge(group(load[2]), 1, Integer::sum);
        }
        packages.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(Integer.getInteger("probe.packages", 40))
                .forEach(e -> System.out.printf(Locale.ROOT, "  %5d  %s%n", e.getValue(), e.getKey()));
        System.out.println("\nthe class log: " + classLog);
    }

    /** A class's package, cut to a depth that tells the parts apart (the relocated SDK by its module). */
    static String group(String className) {
        String name = className.replaceAll("\\$.*", "");
        int depth = name.startsWith("dev.applog.shaded.awssdk.") ? 6
                : name.startsWith("dev.applog.shaded.") ? 4
                : name.startsWith("com.amazonaws.") ? 7 : 3;
        String[] parts = name.split("\\.");
        StringBuilder group = new StringBuilder();
        for (int i = 0; i < Math.min(depth, parts.length - 1); i++) {
            group.append(i == 0 ? "" : ".").append(parts[i]);
        }
        if (className.contains("$$Lambda")) {
            return group + " (lambdas)";
        }
        return group.toString();
    }
}
