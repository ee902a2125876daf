package dev.applog.bench;

import dev.applog.local.logs.LocalLogsServer;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every benchmark against one local endpoint, prints each figure beside its comparison from the same run,
 * and rewrites the results section of BENCHMARKS.md (between its two marker lines).
 *
 * <p>Arguments: {@code quick} or {@code full}, then the path of BENCHMARKS.md (optional: without it nothing is
 * written). The environment variables {@code BENCH_COMMAND} and {@code BENCH_NOTE} name the command and what else
 * ran on the machine; {@code BENCH_LAYER_SIZE} is the path of the layer's size file.
 */
public final class RunBenchmarks {

    static final String START_MARKER = "<!-- results: written by bench/run, do not edit by hand -->";
    static final String END_MARKER = "<!-- end of results -->";

    private RunBenchmarks() {
    }

    /** The sections, by the names {@code bench/run MODE SECTION...} takes. */
    static final List<String> SECTIONS = List.of("calls", "slf4j", "requests", "exit", "coldstart", "throughput",
            "latency");

    public static void main(String[] args) throws Exception {
        boolean quick = args.length == 0 || args[0].equals("quick");
        List<String> only = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
        if (args.length > 0 && !args[0].equals("quick") && !args[0].equals("full") || !SECTIONS.containsAll(only)) {
            System.err.println("usage: RunBenchmarks quick|full [BENCHMARKS.md [SECTION...]], sections: " + String.join(" ", SECTIONS));
            System.exit(2);
        }
        // a run of some sections prints them but leaves BENCHMARKS.md, whose table is one whole run's
        Path doc = args.length > 1 && only.isEmpty() ? Path.of(args[1]) : null;
        List<String> sections = only.isEmpty() ? SECTIONS : only;
        StringBuilder md = new StringBuilder();
        RequestLog log = new RequestLog();
        try (LocalLogsServer server = LocalLogsServer.builder().requestListener(log).start()) {
            md.append(header(quick));
            if (sections.contains("calls")) {
                md.append(logCalls(server, quick));
            }
            if (sections.contains("slf4j")) {
                md.append(slf4jCalls(server, quick));
            }
            if (sections.contains("requests")) {
                md.append(requests(server, log));
            }
            if (sections.contains("exit")) {
                md.append(exitCost(server, quick));
            }
            if (sections.contains("coldstart")) {
                md.append(coldStart(server, quick));
            }
            if (sections.contains("throughput")) {
                md.append(throughput(server, quick));
            }
            if (sections.contains("latency")) {
                md.append(latency(quick));
            }
        }
        System.out.println();
        System.out.println(md);
        if (doc != null) {
            write(doc, md.toString());
            System.out.println("written: " + doc);
        } else if (!only.isEmpty()) {
            System.out.println("(some sections only: " + String.join(" ", only) + "; BENCHMARKS.md not written)");
        }
    }

    // ---- header ----------------------------------------------------------------------------------------

    private static String header(boolean quick) {
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String command = System.getenv().getOrDefault("BENCH_COMMAND", "bench/run" + (quick ? " quick" : ""));
        String note = System.getenv().getOrDefault("BENCH_NOTE", "");
        return "## Results of the last run\n\n"
                + "| | |\n|---|---|\n"
                + "| date | " + date + " |\n"
                + "| settings | " + (quick ? "quick (short: noisy, for checking that it runs)" : "full") + " |\n"
                + "| machine | " + System.getenv().getOrDefault("BENCH_MACHINE",
                        Runtime.getRuntime().availableProcessors() + " processors, " + memory()) + " |\n"
                + "| JDK | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " |\n"
                + "| command | `" + command + "` |\n"
                + (note.isBlank() ? "" : "| also running | " + note + " |\n")
                + "\n";
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.1f GiB memory", kb / 1048576.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: leave it out
        }
        return "memory unknown";
    }

    // ---- (1) one log call ------------------------------------------------------------------------------

    private static String logCalls(LocalLogsServer server, boolean quick) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(LogCallBenchmark.class.getName())
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend("-D" + BenchSetup.ENDPOINT_PROPERTY + "=" + server.endpoint());
        if (quick) {
            options.forks(1).warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(2).measurementTime(TimeValue.seconds(1));
        } else {
            options.forks(2).warmupIterations(3).warmupTime(TimeValue.seconds(2))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(2));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, double[]> byName = new LinkedHashMap<>();  // name -> {ns/op, error, B/op}
        for (RunResult run : results) {
            String method = run.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            String format = run.getParams().getParam("format");
            String name = switch (method) {
                case "ours" -> "ours " + format;
                case "oursStandardNotWoven" -> "ours #standard, call site not woven (stack walk)";
                case "oursShortEcho" -> "ours #short, echo on (APPLOG_ECHO=true)";
                case "oursShortCriticalPurges" -> "ours #short, CRITICAL: purges, stored before it returns";
                case "originalEvery20" -> "original policy (ours, a request every 20 events, #standard)";
                case "powertoolsJson" -> "Powertools Logging v2, JSON";
                case "oursJsonTwoArguments" -> "ours #json, two structured arguments (entry)";
                case "powertoolsTwoEntries" -> "Powertools Logging v2, JSON, two StructuredArguments.entry";
                case "println" -> "System.out.println";
                default -> method;
            };
            Result<?> primary = run.getPrimaryResult();
            Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
            if (alloc == null) {
                alloc = run.getSecondaryResults().get("·gc.alloc.rate.norm");  // older JMH names
            }
            byName.put(name, new double[] {primary.getScore(), primary.getScoreError(), alloc == null ? Double.NaN : alloc.getScore()});
        }
        double[] powertools = byName.get("Powertools Logging v2, JSON");
        double[] println = byName.get("System.out.println");
        StringBuilder md = new StringBuilder("### 1. One log call on the caller's thread (100-byte message)\n\n"
                + "The benchmark's call sites are woven with the library's aspect, as a user's function project is; the "
                + "row \"call site not woven\" calls through a method handle, as code built without AspectJ would.\n\n"
                + "| logger | ns per call | ± (99.9%) | bytes allocated per call | time / Powertools | time / println |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, double[]> e : byName.entrySet()) {
            double[] v = e.getValue();
            md.append("| ").append(e.getKey()).append(" | ").append(f1(v[0])).append(" | ").append(f1(v[1]))
                    .append(" | ").append(f0(v[2])).append(" | ").append(ratio(v[0], powertools[0]))
                    .append(" | ").append(ratio(v[0], println[0])).append(" |\n");
        }
        md.append("\nGoal: at most 1/10 of Powertools' time per call, and below println's.\n\n");
        for (String format : List.of("#standard", "#short", "#json", "#standard, call site not woven (stack walk)")) {
            double[] ours = byName.get("ours " + format);
            double toPowertools = ours[0] / powertools[0];
            double toPrintln = ours[0] / println[0];
            md.append("- ours ").append(format).append(": ours / Powertools = ").append(r(toPowertools))
                    .append(toPowertools <= 0.1 ? ", meets the 0.10 goal" : ", misses the 0.10 goal (" + r(toPowertools / 0.1) + " times too slow)")
                    .append("; ours / println = ").append(r(toPrintln))
                    .append(toPrintln < 1 ? ", meets" : ", misses").append(" the goal of below 1.\n");
        }
        double[] oursArgs = byName.get("ours #json, two structured arguments (entry)");
        double[] powertoolsArgs = byName.get("Powertools Logging v2, JSON, two StructuredArguments.entry");
        if (oursArgs != null && powertoolsArgs != null) {
            md.append("- two structured arguments (the same call in each library's form): ours / Powertools = ")
                    .append(r(oursArgs[0] / powertoolsArgs[0])).append("; bytes allocated per call ")
                    .append(f0(oursArgs[2])).append(" vs ").append(f0(powertoolsArgs[2])).append(".\n");
        }
        return md.append('\n').toString();
    }

    // ---- (1b) one SLF4J call ----------------------------------------------------------------------------

    private static String slf4jCalls(LocalLogsServer server, boolean quick) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(Slf4jCallBenchmark.class.getName())
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend("-D" + BenchSetup.ENDPOINT_PROPERTY + "=" + server.endpoint());
        if (quick) {
            options.forks(1).warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(2).measurementTime(TimeValue.seconds(1));
        } else {
            options.forks(2).warmupIterations(3).warmupTime(TimeValue.seconds(2))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(2));
        }
        Map<String, double[]> byName = new LinkedHashMap<>();  // name -> {ns/op, error, B/op}
        for (RunResult run : new Runner(options.build()).run()) {
            String method = run.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            String name = switch (method) {
                case "oursSlf4j" -> "ours, SLF4J into the invocation's #json CloudWatch logger";
                case "oursSlf4jBelowLevel" -> "ours, SLF4J debug below the level (in the invocation)";
                case "oursSlf4jBelowLevelNoWrap" -> "ours, SLF4J debug below the level (the check alone)";
                case "invocationWrapOnly" -> "(AppLog.wrap alone: a task of the invocation entered by a pool thread, per task)";
                case "powertoolsSlf4j" -> "Powertools Logging v2, SLF4J -> log4j2 JSON";
                default -> method;
            };
            Result<?> primary = run.getPrimaryResult();
            Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
            byName.put(name, new double[] {primary.getScore(), primary.getScoreError(), alloc == null ? Double.NaN : alloc.getScore()});
        }
        double[] powertools = byName.get("Powertools Logging v2, SLF4J -> log4j2 JSON");
        StringBuilder md = new StringBuilder("### 1b. One SLF4J call: two {} arguments, three MDC entries\n\n"
                + "`logger.info(\"order {} accepted: {} items\", id, count)` with three MDC entries, through applog's SLF4J "
                + "provider into a running invocation (one invocation per iteration, the MDC put in it, where it is the "
                + "invocation's keys; the calls made " + Slf4jCallBenchmark.CALLS + " in a row on the worker thread inside "
                + "one task of the invocation, as a handler's body makes them; the invocation's exit purge untimed) and "
                + "through Powertools' SLF4J -> log4j2 JSON on a null stdout (the MDC on the calling thread), by the same "
                + "loop; times per call.\n\n"
                + "| call | ns per call | ± (99.9%) | bytes allocated per call | time / Powertools |\n|---|---:|---:|---:|---:|\n");
        for (Map.Entry<String, double[]> e : byName.entrySet()) {
            double[] v = e.getValue();
            md.append("| ").append(e.getKey()).append(" | ").append(f1(v[0])).append(" | ").append(f1(v[1]))
                    .append(" | ").append(f0(v[2])).append(" | ").append(ratio(v[0], powertools[0])).append(" |\n");
        }
        double ours = byName.get("ours, SLF4J into the invocation's #json CloudWatch logger")[0];
        double below = byName.get("ours, SLF4J debug below the level (the check alone)")[0];
        md.append("\nGoals: at most 0.2 of Powertools' time per call; a call below the level at most 5 ns.\n\n")
                .append("- ours / Powertools = ").append(r(ours / powertools[0]))
                .append(ours / powertools[0] <= 0.2 ? ", meets the 0.2 goal.\n" : ", misses the 0.2 goal.\n")
                .append("- below the level: ").append(f1(below)).append(" ns")
                .append(below <= 5 ? ", meets the 5 ns goal.\n" : ", misses the 5 ns goal.\n");
        return md.append('\n').toString();
    }

    // ---- (2) requests ----------------------------------------------------------------------------------

    private static String requests(LocalLogsServer server, RequestLog log) {
        List<RequestsHarness.Result> results = RequestsHarness.run(server, log, 100, 1_000, 10_000, 100_000);
        StringBuilder md = new StringBuilder("### 2. Requests for N events into a new stream (default settings, #short, 100-byte message)\n\n"
                + "| events | PutLogEvents, all | accepted | refused (no stream yet) | Create* requests | bytes stored (UTF-8 + 26 each) "
                + "| minimum the limits allow | accepted / minimum | original (1 per 20) | accepted / original | caller waits |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder batches = new StringBuilder();
        StringBuilder verdicts = new StringBuilder();
        for (RequestsHarness.Result x : results) {
            md.append("| ").append(x.events()).append(" | ").append(x.putRequests()).append(" | ").append(x.acceptedPuts())
                    .append(" | ").append(x.putRequests() - x.acceptedPuts()).append(" | ").append(x.otherRequests())
                    .append(" | ").append(x.bytesSent()).append(" | ").append(x.minimumRequests())
                    .append(" | ").append(ratio(x.acceptedPuts(), x.minimumRequests()))
                    .append(" | ").append(x.originalRequests()).append(" | ").append(ratio(x.acceptedPuts(), x.originalRequests()))
                    .append(" | ").append(x.callerWaits()).append(" |\n");
            batches.append("- ").append(x.events()).append(": ").append(x.storedBatches()).append('\n');
            verdicts.append("- ").append(x.events()).append(" events: ")
                    .append(x.acceptedPuts() == x.minimumRequests() ? "accepted requests = the minimum" :
                            "accepted requests " + x.acceptedPuts() + " vs minimum " + x.minimumRequests())
                    .append(x.putRequests() == x.minimumRequests() ? "; all requests = the minimum." :
                            "; all requests " + x.putRequests() + " + " + x.otherRequests() + " Create* (the new stream).")
                    .append('\n');
        }
        md.append("\nMinimum = max(ceil(sum of UTF-8 bytes + 26 over the stored events / 1,048,576), ceil(events / 10,000)). "
                + "A new stream costs a refused PutLogEvents and a CreateLogStream (and CreateLogGroup the first time) per "
                + "sender that meets it missing. Caller waits: log calls that found the memory bound (maxBufferBytes, 8 MiB) "
                + "full and waited (DeliveryStats.callerWaits).\n\nEvents stored by each accepted PutLogEvents, in arrival order:\n\n")
                .append(batches)
                .append("\nGoal: exactly the minimum number of requests.\n\n").append(verdicts).append('\n');
        return md.toString();
    }

    // ---- (3) cost at exit ------------------------------------------------------------------------------

    private static String exitCost(LocalLogsServer server, boolean quick) {
        int warmups = quick ? 3 : 20;
        int rounds = quick ? 5 : 31;
        List<ExitCostHarness.Result> results = ExitCostHarness.run(server, warmups, rounds, 100, 1_000, 10_000);
        StringBuilder md = new StringBuilder("### 3. Cost at exit: purge() after N events vs bare PutLogEvents of the same messages\n\n"
                + "Medians of " + rounds + " rounds after " + warmups + " warm-up rounds each.\n\n"
                + "| events | purge() ms | PutLogEvents by the purge (per round) | bare SDK ms | bare PutLogEvents | purge / bare |\n"
                + "|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder verdicts = new StringBuilder();
        for (ExitCostHarness.Result x : results) {
            md.append("| ").append(x.events()).append(" | ").append(f2(x.purgeMedianMs())).append(" | ")
                    .append(f1(x.purgeRequestsPerRound())).append(" | ").append(f2(x.bareMedianMs())).append(" | ")
                    .append(x.bareRequests()).append(" | ").append(r(x.ratio())).append(" |\n");
            verdicts.append("- ").append(x.events()).append(" events: ")
                    .append("purge / bare = ").append(r(x.ratio())).append(x.ratio() <= 1.2 ? ", meets" : ", misses").append(" the goal of at most 1.2.\n");
        }
        md.append("\nGoal: at most 1.2 times the bare PutLogEvents.\n\n").append(verdicts).append('\n');
        return md.toString();
    }

    // ---- (4) cold start --------------------------------------------------------------------------------

    private static String coldStart(LocalLogsServer server, boolean quick) throws IOException, InterruptedException {
        int rounds = quick ? 3 : 15;
        ColdStartHarness.Functions functions = ColdStartHarness.build(ColdStartHarness.moduleDirectory().resolve("target").resolve("coldstart"));
        List<ColdStartHarness.Result> results;
        // over HTTPS, as in AWS: a cold JVM's first request pays the TLS start-up (the runner's endpoint is plain HTTP)
        try (LocalLogsServer tls = LocalLogsServer.builder().https(true).start()) {
            results = ColdStartHarness.run(tls, functions, rounds);
        }
        java.util.Map<String, ColdStartHarness.Result> by = new java.util.LinkedHashMap<>();
        results.forEach(x -> by.put(x.variant(), x));
        ColdStartHarness.Result bare = by.get("bare");
        StringBuilder md = new StringBuilder("### 4. Cold start through the local Lambda (runtime interface client, a new JVM per round)\n\n"
                + "Over HTTPS: the endpoint serves a certificate made for the run, which each function's JVM trusts through the "
                + "truststore options the local Lambda puts in its `JAVA_TOOL_OPTIONS` (all variants alike). "
                + "On demand: from starting the function's JVM to the runtime posting the first response, split into the init phase "
                + "(to the runtime taking the invocation) and the first invocation. Init ahead (provisioned concurrency): the local "
                + "Lambda runs the init phase, waits until the runtime asks for its first invocation, then invokes; the first "
                + "invocation's duration. SnapStart: the init phase and the `beforeCheckpoint` hooks run ahead, the JVM is frozen "
                + "as the snapshot; the invocation thaws it (the restore: `afterRestore` hooks until the runtime takes the invocation) "
                + "and the first invocation runs. Handlers: a bare one; the same with `@AppLogging` (woven, the library from the layer "
                + "zip) logging 10 events, stored in the endpoint after the response and before the freeze by its internal "
                + "extension (the default delivery), through the light transport (applog, the default) or the SDK's client "
                + "(applog-sdk, `APPLOG_TRANSPORT=sdk`); the same with Powertools' `@Logging` (woven, its jars in the function) "
                + "logging 10 events through SLF4J as JSON on stdout; applog-slf4j: the `@AppLogging` handler logging through "
                + "SLF4J; applog-before-return: the `@AppLogging` function with `APPLOG_DELIVERY=before-return` (stored before the "
                + "response). The harness checks the 10 events stored once the environment settled. "
                + "*Response to freeze*: on demand, from the response to the environment's freeze (the extension's delivery; the "
                + "environment takes no other request meanwhile). "
                + "512 MB and the local Lambda's JVM flags for all. Medians of " + rounds + " rounds, the variants "
                + "taking turns in each mode; classes loaded by the first response (by the class log's uptime; on the high side) "
                + "and by the freeze, in one more on-demand start each (`-Xlog:class+load`).\n\n"
                + "| handler | on demand: ms to first response | init ms | first invocation ms | added to bare, ms "
                + "| response to freeze, ms | classes by the response | classes by the freeze "
                + "| init ahead: first invocation ms | over bare, ms | SnapStart: restore ms | first invocation ms | restore + invocation added to bare, ms |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        double bareSnap = bare.snapRestoreMs() + bare.snapInvokeMs();
        for (ColdStartHarness.Result x : results) {
            md.append("| ").append(x.variant()).append(" | ").append(f1(x.medianMs())).append(" | ").append(f1(x.medianInitMs()))
                    .append(" | ").append(f1(x.medianInvokeMs())).append(" | ").append(f1(x.medianMs() - bare.medianMs()))
                    .append(" | ").append(f1(x.frozenAfterMs())).append(" | ").append(x.classesByResponse())
                    .append(" | ").append(x.classes()).append(" | ").append(f1(x.aheadInvokeMs())).append(" | ")
                    .append(f1(x.aheadInvokeMs() - bare.aheadInvokeMs())).append(" | ").append(f1(x.snapRestoreMs()))
                    .append(" | ").append(f1(x.snapInvokeMs())).append(" | ")
                    .append(f1(x.snapRestoreMs() + x.snapInvokeMs() - bareSnap)).append(" |\n");
        }
        double powertools = by.get("powertools").medianMs() - bare.medianMs();
        for (String variant : List.of("applog", "applog-sdk", "applog-before-return")) {
            ColdStartHarness.Result x = by.get(variant);
            double added = x.medianMs() - bare.medianMs();
            md.append("\nGoal (").append(variant).append("): cold start added to bare at most 0.5 of Powertools': ")
                    .append(r(added / powertools)).append(added <= 0.5 * powertools ? ", meets" : ", misses")
                    .append(". Init ahead, first invocation at most 50 ms over bare's: ")
                    .append(f1(x.aheadInvokeMs() - bare.aheadInvokeMs())).append(" ms")
                    .append(x.aheadInvokeMs() - bare.aheadInvokeMs() <= 50 ? ", meets" : ", misses")
                    .append(". Classes by the first response at most bare's + 1,200: ")
                    .append(x.classesByResponse() - bare.classesByResponse()).append(" more")
                    .append(x.classesByResponse() - bare.classesByResponse() <= 1_200 ? ", meets" : ", misses")
                    .append(" (by the freeze: ").append(x.classes() - bare.classes()).append(" more).\n");
        }
        double slf4j = by.get("applog-slf4j").medianMs() - by.get("applog").medianMs();
        md.append("\nGoal: logging through SLF4J (applog-slf4j) adds at most 30 ms to the `@AppLogging` row: it adds ")
                .append(f1(slf4j)).append(" ms").append(slf4j <= 30 ? ", meets" : ", misses").append(" the goal.\n\n");
        Path sizes = Path.of(System.getenv().getOrDefault("BENCH_LAYER_SIZE", "layer/target/layer-size.txt"));
        if (Files.isRegularFile(sizes)) {
            md.append("The layer's size, from `").append(sizes).append("` (written by the layer's build):\n\n```\n")
                    .append(Files.readString(sizes).strip()).append("\n```\n\n");
        } else {
            md.append("The layer's size: `").append(sizes).append("` is missing (run `./mvnw -B -ntp verify` first).\n\n");
        }
        return md.toString();
    }

    // ---- (5) throughput --------------------------------------------------------------------------------

    private static String throughput(LocalLogsServer server, boolean quick) throws InterruptedException {
        int events = quick ? 100_000 : 1_000_000;
        ThroughputHarness.run(server, 1, events / 10);  // warm-up, not reported
        ThroughputHarness.Result one = ThroughputHarness.run(server, 1, events);
        ThroughputHarness.Result eight = ThroughputHarness.run(server, 8, events);
        return "### 5. Throughput into one stream (logging and delivery, until purge() returns with all stored)\n\n"
                + "| threads | events | seconds | events per second | / 1 thread |\n|---:|---:|---:|---:|---:|\n"
                + "| 1 | " + one.events() + " | " + f2(one.seconds()) + " | " + f0(one.eventsPerSecond()) + " | 1.00 |\n"
                + "| 8 | " + eight.events() + " | " + f2(eight.seconds()) + " | " + f0(eight.eventsPerSecond()) + " | "
                + ratio(eight.eventsPerSecond(), one.eventsPerSecond()) + " |\n\n"
                + "The local endpoint runs in the same JVM as the loggers, so its work shares the cores.\n\n";
    }

    // ---- (6) latency with a network delay ---------------------------------------------------------------

    private static String latency(boolean quick) throws IOException, InterruptedException {
        int warmups = quick ? 3 : 20;
        int rounds = quick ? 20 : 500;
        Path root = ColdStartHarness.moduleDirectory().resolve("target").resolve("latency");
        List<dev.applog.local.lambda.FunctionConfig> functions = LatencyHarness.build(root);
        List<LatencyHarness.Result> results;
        try (LocalLogsServer server = LatencyHarness.endpoint()) {
            results = LatencyHarness.run(server, functions, root.resolve("work"), warmups, rounds);
        }
        StringBuilder md = new StringBuilder("### 6. Latency per invocation with a network delay (local Lambda, warm)\n\n"
                + "The local endpoint answers each PutLogEvents after " + LatencyHarness.NETWORK + ", standing for the "
                + "network to CloudWatch Logs. Three functions with the same handler on warm environments (512 MB, one "
                + "environment each), taking turns, " + rounds + " invocations each after a cold start and " + warmups
                + " warm-up rounds: bare; `@AppLogging` logging 10 events, `APPLOG_DELIVERY=before-return`; the same, "
                + "`after-response`. **To response**: from invoke to the runtime posting the response (when Lambda "
                + "passes it on). **Return to response**: from the handler's code returning (the time it puts into its "
                + "response) to the same moment. **Duration**: the local Lambda's REPORT line, until the runtime and every "
                + "extension wait for their next event, what Lambda bills; **billed** is it rounded up to the ms. "
                + "Milliseconds, median and 99th percentile.\n\n"
                + "| handler | to response p50 | p99 | return to response p50 | p99 | Duration p50 | p99 | Billed p50 | p99 |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LatencyHarness.Result x : results) {
            md.append("| ").append(x.variant()).append(" | ").append(f2(x.invokeToResponseP50())).append(" | ")
                    .append(f2(x.invokeToResponseP99())).append(" | ").append(f2(x.returnToResponseP50())).append(" | ")
                    .append(f2(x.returnToResponseP99())).append(" | ").append(f2(x.durationP50())).append(" | ")
                    .append(f2(x.durationP99())).append(" | ").append(f0(x.billedP50())).append(" | ")
                    .append(f0(x.billedP99())).append(" |\n");
        }
        LatencyHarness.Result bare = results.get(0);
        LatencyHarness.Result before = results.get(1);
        LatencyHarness.Result after = results.get(2);
        double added = after.invokeToResponseP50() - bare.invokeToResponseP50();
        double addedP99 = after.invokeToResponseP99() - bare.invokeToResponseP99();
        md.append("\nGoals: after-response adds at most 2 ms to the response over bare; its billed duration is at most "
                        + "before-return's.\n\n")
                .append("- after-response adds ").append(f2(added)).append(" ms to the response at the median (")
                .append(f2(addedP99)).append(" ms at p99)").append(added <= 2 ? ", meets" : ", misses")
                .append(" the 2 ms goal; before-return adds ").append(f2(before.invokeToResponseP50() - bare.invokeToResponseP50()))
                .append(" ms (").append(f2(before.invokeToResponseP99() - bare.invokeToResponseP99())).append(" ms at p99).\n")
                .append("- billed duration, median: after-response ").append(f0(after.billedP50())).append(" ms, before-return ")
                .append(f0(before.billedP50())).append(" ms (Duration ").append(f2(after.durationP50())).append(" vs ")
                .append(f2(before.durationP50())).append("; p99 ").append(f2(after.durationP99())).append(" vs ")
                .append(f2(before.durationP99())).append(")")
                .append(after.billedP50() <= before.billedP50() ? ", meets" : ", misses").append(" the goal.\n\n");
        return md.toString();
    }

    // ---- output ----------------------------------------------------------------------------------------

    static void write(Path doc, String results) throws IOException {
        String text = Files.isRegularFile(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
        int start = text.indexOf(START_MARKER);
        int end = text.indexOf(END_MARKER);
        String section = START_MARKER + "\n\n" + results.strip() + "\n\n" + END_MARKER;
        String updated = start >= 0 && end > start
                ? text.substring(0, start) + section + text.substring(end + END_MARKER.length())
                : text + (text.isEmpty() ? "" : "\n") + section + "\n";
        Files.writeString(doc, updated, StandardCharsets.UTF_8);
    }

    private static String ratio(double a, double b) {
        return r(a / b);
    }

    private static String r(double v) {
        return String.format(Locale.ROOT, v < 0.1 ? "%.3f" : "%.2f", v);
    }

    private static String f0(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
