package dev.applog.local.lambda;

import dev.applog.local.logs.SmallHttpServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One execution environment of a function: a JVM running the Lambda runtime interface client against its
 * own Runtime API server, one invocation at a time. Frozen (SIGSTOP) as soon as it has posted a response or
 * an error and every extension registered with its Extensions API waits for its next event, thawed (SIGCONT)
 * for the next invocation, killed (SIGKILL) at the deadline (which also covers what extensions do after the
 * response); after a kill or a crash the next invocation starts a new JVM (a cold start).
 *
 * <p>The Extensions API (2020-01-01) serves internal extensions, threads of the function's JVM: they register
 * during init (before the runtime first asks for an invocation), receive an INVOKE event per invocation, and
 * hold the environment unfrozen, after the runtime posted the response, until they ask for their next event.
 * The invoker gets the response as soon as the runtime posts it; the environment takes its next invocation
 * only once frozen ({@link #settled()}).
 */
final class ExecutionEnvironment implements AutoCloseable {

    private static final DateTimeFormatter STREAM_DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    /** The time at the start of Lambda's timeout message, e.g. 2026-11-25T09:00:00.123Z. */
    private static final DateTimeFormatter LAMBDA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** Settings shared by a local Lambda's environments. */
    record Settings(String region, Map<String, String> serviceEnvironment, Map<String, String> credentials,
            Path javaExecutable,
            List<Path> runtimeJars, Path nativeClient, Path workDirectory, Duration initLimit,
            Consumer<OutputLine> output, String javaToolOptions, String initType) {}

    /** Lambda's AWS_LAMBDA_INITIALIZATION_TYPE values. */
    static final String ON_DEMAND = "on-demand";
    static final String PROVISIONED = "provisioned-concurrency";
    static final String SNAP_START = "snap-start";
    /** Where a SnapStart environment's runtime finds its credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI). */
    static final String CREDENTIALS_PATH = "/2021-04-23/credentials";

    private final FunctionConfig function;
    private final int number;
    private final Settings settings;
    private final List<Path> classpath;
    private final Path taskRoot;
    private volatile Jvm jvm;
    private volatile boolean closed;
    /** Done when the last invocation has ended: frozen, killed or crashed; the next one waits for it. */
    private volatile CompletableFuture<Void> settled = CompletableFuture.completedFuture(null);

    ExecutionEnvironment(FunctionConfig function, int number, Settings settings, List<Path> classpath, Path taskRoot) {
        this.function = function;
        this.number = number;
        this.settings = settings;
        this.classpath = classpath;
        this.taskRoot = taskRoot;
    }

    int number() {
        return number;
    }

    /** The running JVM's pid, or -1. */
    long pid() {
        Jvm running = jvm;
        return running == null ? -1 : running.process.pid();
    }

    /**
     * Done once the last invocation has ended entirely: the environment frozen (the runtime and every extension
     * waiting for their next event), or its JVM killed at the deadline, or crashed.
     */
    CompletableFuture<Void> settled() {
        return settled;
    }

    /**
     * Starts the JVM and runs its init phase ahead of any invocation, as provisioned concurrency and SnapStart do,
     * and returns once the runtime is ready: it asks for its first invocation, or (SnapStart) it has run its
     * {@code beforeCheckpoint} hooks and waits in {@code restore/next}, where the JVM is frozen as Lambda snapshots
     * it. The next invocation then finds it initialized (SnapStart: restored first, its {@code afterRestore} hooks
     * run). Returns the init phase's duration; null when the environment was initialized already.
     */
    synchronized Duration initAhead() throws IOException, InterruptedException {
        if (closed) {
            throw new IOException("the local Lambda is closed: " + function.name() + " cannot run");
        }
        if (jvm != null && jvm.process.isAlive() && !jvm.dead) {
            return null;
        }
        if (jvm != null) {
            jvm.close();
        }
        Jvm started = new Jvm();
        jvm = started;
        try {
            long ready = CompletableFuture.anyOf(started.initReady, started.process.onExit())
                    .thenApply(done -> started.initReady.getNow(-1L))
                    .get(settings.initLimit().toMillis(), TimeUnit.MILLISECONDS);
            if (ready < 0 || started.dead) {
                started.kill();
                throw new IOException(function.name() + ": the init phase failed (see the function's output)");
            }
            return Duration.ofNanos(ready - started.startedNanos);
        } catch (TimeoutException | ExecutionException e) {
            started.kill();
            throw new IOException(function.name() + ": the init phase did not end within "
                    + settings.initLimit().toSeconds() + " seconds", e);
        }
    }

    /**
     * Runs one invocation until its answer: a response, an error, a timeout or a crash. Extensions may still run
     * after a response: {@link #settled()} tells when the environment is free again.
     */
    synchronized InvocationResult invoke(byte[] payload, String requestId, String traceId) throws IOException,
            InterruptedException {
        try {
            settled.get();
        } catch (ExecutionException e) {
            // the previous invocation's end is reported by it; this one starts all the same
        }
        if (closed) {
            throw new IOException("the local Lambda is closed: " + function.name() + " cannot run");
        }
        boolean cold = jvm == null || !jvm.process.isAlive();
        if (cold) {
            if (jvm != null) {
                jvm.close();
            }
            jvm = new Jvm();
            if (closed) {
                // closed while this JVM started: it must not outlive the local Lambda
                jvm.close();
                throw new IOException("the local Lambda is closed: " + function.name() + " cannot run");
            }
        }
        Jvm current = jvm;
        boolean restoring = current.restore();
        if (!cold && !restoring) {
            current.signal("CONT");
        }
        Invocation invocation = new Invocation(requestId, payload, traceId);
        current.handoff.put(invocation);
        Result result;
        try {
            long delivered = invocation.deliveredAt.get(settings.initLimit().toMillis(), TimeUnit.MILLISECONDS);
            long wait = delivered + function.timeoutSeconds() * 1000L - System.currentTimeMillis();
            result = invocation.result.get(Math.max(wait, 0), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            boolean initTimedOut = !invocation.deliveredAt.isDone();
            invocation.peakRssKb = peakRssKb(current.process.pid());
            current.kill();
            result = initTimedOut
                    ? Result.error("{\"errorType\":\"Runtime.Unknown\",\"errorMessage\":\"RequestId: " + requestId
                    + " Error: the function did not ask for its invocation within "
                    + settings.initLimit().toSeconds() + " seconds of its start (init timeout)\"}")
                    : Result.error("{\"errorMessage\":\"" + LAMBDA_TIME.format(Instant.now()) + " " + requestId
                    + " Task timed out after " + String.format(Locale.ROOT, "%.2f", (double) function.timeoutSeconds())
                    + " seconds\"}");
            invocation.result.complete(result);
        } catch (ExecutionException e) {
            throw new IOException("invocation " + requestId + " failed inside the local Lambda", e.getCause());
        }
        long delivered = invocation.deliveredNanos;
        long answered = invocation.answeredNanos;
        Duration init = cold && delivered != 0 ? Duration.ofNanos(delivered - current.startedNanos) : null;
        Duration duration = delivered != 0 && answered != 0 ? Duration.ofNanos(answered - delivered) : null;
        // a new environment reaches the checkpoint on this invocation's way: its restore starts there
        long restoreStarted = current.restoreStartedNanos;
        invocation.restoreDuration = restoring && restoreStarted != 0 && delivered != 0
                ? Duration.ofNanos(delivered - restoreStarted) : null;
        if (invocation.frozen.isDone() || !current.process.isAlive() || current.dead) {
            InvocationResult outcome = outcome(invocation, current, result, cold, init, duration);
            finish(invocation, current, outcome, result);
            return outcome;
        }
        // the runtime answered, an extension still works: the caller has the response now, the environment
        // stays busy until the extensions wait again or the deadline passes
        InvocationResult outcome = outcome(invocation, current, result, cold, init, duration);
        Result answer = result;
        CompletableFuture<Void> ending = new CompletableFuture<>();
        settled = ending;
        Thread waiter = new Thread(() -> {
            try {
                long left = invocation.deadlineMillis - System.currentTimeMillis();
                try {
                    // frozen, or the JVM gone (an extension's exit/error, a crash after the response)
                    CompletableFuture.anyOf(invocation.frozen, current.process.onExit())
                            .get(Math.max(left, 0), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    invocation.timedOutAfterResponse = true;
                    settings.output().accept(new OutputLine(function.name(), number, false, LAMBDA_TIME.format(
                            Instant.now()) + " " + requestId + " Task timed out after " + String.format(Locale.ROOT,
                            "%.2f", (double) function.timeoutSeconds()) + " seconds", true));
                    current.kill();
                } catch (ExecutionException e) {
                    // not completed exceptionally
                }
                finish(invocation, current, outcome, answer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ending.complete(null);
            }
        }, "applog-lambda-" + function.name() + "-" + number + "-extensions");
        waiter.setDaemon(true);
        waiter.start();
        return outcome;
    }

    private InvocationResult outcome(Invocation invocation, Jvm current, Result result, boolean cold, Duration init,
            Duration duration) {
        return new InvocationResult(invocation.requestId, result.body, result.error ? "Unhandled" : null,
                cold, number, current.process.pid(), init, duration, invocation.peakRssKb, invocation.restoreDuration,
                invocation.answeredNanos);
    }

    /** The invocation has ended entirely: forgets a dead JVM, writes the REPORT line. */
    private void finish(Invocation invocation, Jvm current, InvocationResult outcome, Result result) {
        if (!current.process.isAlive() || current.dead) {
            // a crash, a timeout or an init error: the next invocation starts a new JVM
            current.close();
            if (jvm == current) {
                jvm = null;
            }
        }
        settings.output().accept(new OutputLine(function.name(), number, false, report(outcome, invocation, current,
                result), true));
    }

    /**
     * Lambda's REPORT line, tab-separated as Lambda writes it, e.g. {@code REPORT RequestId: ID\tDuration:
     * 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB\tMax Memory Used: 87 MB\tInit Duration: 345.67
     * ms\t}. Billed Duration rounds Duration up to the millisecond, with Init Duration added on a cold start
     * (Lambda bills the init phase of on-demand functions since August 2025). An invocation that ended without
     * an answer (a timeout, a crash) reports the time until then, with Lambda's Status and Error Type.
     */
    private String report(InvocationResult outcome, Invocation invocation, Jvm jvm, Result result) {
        long end = System.nanoTime();
        long delivered = invocation.deliveredNanos;
        // as Lambda's, the duration runs until the environment is frozen: it includes what extensions did after
        // the response (Lambda's PostRuntimeExtensionsDuration), which is billed too
        Long frozenAt = invocation.frozen.getNow(null);
        double durationMs = invocation.timedOutAfterResponse ? (end - delivered) / 1e6
                : outcome.duration() != null && frozenAt != null && invocation.heldByExtensions
                ? (frozenAt - delivered) / 1e6
                : outcome.duration() != null ? outcome.duration().toNanos() / 1e6
                : (end - (delivered != 0 ? delivered : jvm.startedNanos)) / 1e6;
        double initMs = outcome.initDuration() == null ? 0 : outcome.initDuration().toNanos() / 1e6;
        long billed = (long) Math.ceil(durationMs + initMs);
        StringBuilder line = new StringBuilder("REPORT RequestId: ").append(outcome.requestId()).append('\t')
                .append(String.format(Locale.ROOT, "Duration: %.2f ms\t", durationMs))
                .append("Billed Duration: ").append(billed).append(" ms\t")
                .append("Memory Size: ").append(function.memoryMb()).append(" MB\t")
                .append("Max Memory Used: ").append(outcome.maxMemoryUsedMb()).append(" MB\t");
        if (outcome.initDuration() != null) {
            line.append(String.format(Locale.ROOT, "Init Duration: %.2f ms\t", initMs));
        }
        if (outcome.restoreDuration() != null) {
            line.append(String.format(Locale.ROOT, "Restore Duration: %.2f ms\t",
                    outcome.restoreDuration().toNanos() / 1e6));
        }
        if (invocation.timedOutAfterResponse) {
            line.append("Status: timeout");
        } else if (jvm.extensionError != null) {
            line.append("Status: error\tError Type: ").append(jvm.extensionError);
        } else if (outcome.duration() == null) {
            String body = new String(result.body, StandardCharsets.UTF_8);
            line.append(body.contains("Task timed out") ? "Status: timeout" : "Status: error\tError Type: "
                    + errorType(body));
        }
        return line.toString();
    }

    /**
     * The JVM's peak resident set size in KiB (VmHWM in /proc/PID/status: Linux's high-water mark of the
     * process's RSS, over its whole life, as Lambda's Max Memory Used is the environment's); 0 where /proc
     * cannot tell (the process is gone, or not Linux).
     */
    static long peakRssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or no /proc: reported as 0
        }
        return 0;
    }

    /**
     * Kills the JVM at once, also in the middle of an invocation (which then ends as a crash), without
     * waiting for it: closing must not wait for a long invocation to finish.
     */
    @Override
    public void close() {
        closed = true;
        Jvm running = jvm;
        if (running != null) {
            running.close();
        }
    }

    /**
     * Takes no more invocations, waits until the last one has settled (an invocation answered while its extensions
     * still work: until they all wait for their next event and the environment is frozen, or the deadline kills it),
     * at most until {@code deadlineNanos} ({@link System#nanoTime()}), then kills the JVM as {@link #close()} does.
     * What extensions send after the response (logs, say) is not lost to the close; an invocation with no answer
     * yet is not waited for.
     */
    void close(long deadlineNanos) {
        closed = true;
        try {
            settled.get(Math.max(deadlineNanos - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still unsettled at the bound: killed now
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** The error type of an error document that ended an invocation without an answer. */
    private static String errorType(String body) {
        for (String prefix : List.of("Runtime.", "Extension.")) {
            int at = body.indexOf("\"errorType\":\"" + prefix);
            if (at >= 0) {
                int start = at + "\"errorType\":\"".length();
                int end = body.indexOf('"', start);
                return end < 0 ? "Runtime.Unknown" : body.substring(start, end);
            }
        }
        return "Runtime.Unknown";
    }

    private record Result(byte[] body, boolean error) {
        static Result error(String json) {
            return new Result(json.getBytes(StandardCharsets.UTF_8), true);
        }
    }

    private static final class Invocation {
        final String requestId;
        final byte[] payload;
        final String traceId;
        final CompletableFuture<Long> deliveredAt = new CompletableFuture<>();
        final CompletableFuture<Result> result = new CompletableFuture<>();
        /**
         * Completed once the environment was frozen after this invocation, with System.nanoTime() when the runtime and
         * every extension were all waiting for their next event (just before the freeze).
         */
        final CompletableFuture<Long> frozen = new CompletableFuture<>();
        /** True once the runtime posted its response or error. Guarded by the JVM's phase lock. */
        boolean responded;
        /** The deadline (epoch milliseconds) given to the runtime and the extensions; 0 before. */
        volatile long deadlineMillis;
        /** An extension still worked when the runtime posted the response: the freeze came later. */
        volatile boolean heldByExtensions;
        /** The deadline passed after the response, while an extension still worked. */
        volatile boolean timedOutAfterResponse;
        /** System.nanoTime() when the runtime took it, and when it posted its response or error; 0 before. */
        volatile long deliveredNanos;
        volatile long answeredNanos;
        /** The JVM's peak RSS (KiB) when it answered, or when it was killed; 0 when unknown. */
        volatile long peakRssKb;
        /** SnapStart: the restore's duration, from thawing the snapshot to the runtime taking the invocation. */
        volatile Duration restoreDuration;

        Invocation(String requestId, byte[] payload, String traceId) {
            this.requestId = requestId;
            this.payload = payload;
            this.traceId = traceId;
        }
    }

    private static final String EXTENSION_PREFIX = "/2020-01-01/extension/";
    private static final String EXTENSION_ID_HEADER = "Lambda-Extension-Identifier";

    /** An extension registered for INVOKE: its events, and whether it waits in event/next now. */
    private static final class Extension {
        final String id;
        final String name;
        final boolean invokes;
        final BlockingQueue<Invocation> events = new LinkedBlockingQueue<>();
        /** Guarded by the JVM's phase lock. */
        boolean waiting;

        Extension(String id, String name, boolean invokes) {
            this.id = id;
            this.name = name;
            this.invokes = invokes;
        }
    }

    /** One JVM and the Runtime API it polls. */
    private final class Jvm implements AutoCloseable {
        final SmallHttpServer runtimeApi;
        final Process process;
        final BlockingQueue<Invocation> handoff = new LinkedBlockingQueue<>();
        volatile Invocation current;
        volatile boolean dead;
        /** Guards the extensions, the end of init and the freeze. */
        final Object phase = new Object();
        final Map<String, Extension> extensions = new LinkedHashMap<>();
        /** Set when the runtime first asks for an invocation: the init phase is over, registration closed. */
        boolean initDone;
        /** The error type an extension reported with init/error or exit/error, or null. */
        volatile String extensionError;
        /** System.nanoTime() when the runtime was ready: its first invocation/next, or (SnapStart) restore/next. */
        final CompletableFuture<Long> initReady = new CompletableFuture<>();
        /** SnapStart: opened when an invocation comes; restore/next answers then. */
        final CompletableFuture<Void> restoreGate = new CompletableFuture<>();
        /** SnapStart, guarded by {@link #phase}: frozen in restore/next (the snapshot), and a restore asked for. */
        boolean checkpointed;
        boolean restoreRequested;
        volatile long restoreStartedNanos;
        /** The credentials' generation a SnapStart environment is served: 0 before the snapshot, 1 after restore. */
        volatile int credentialsGeneration;
        final String credentialsToken = UUID.randomUUID().toString();
        final List<Thread> readers = new ArrayList<>();

        final Path temporaryFolder;
        /** System.nanoTime() just before the process was started. */
        final long startedNanos;

        Jvm() throws IOException {
            temporaryFolder = Files.createDirectories(settings.workDirectory().resolve("tmp")
                    .resolve(function.name() + "-" + number));
            runtimeApi = new SmallHttpServer(0, this::handle);
            List<String> command = new ArrayList<>();
            command.add(settings.javaExecutable().toString());
            // as Lambda's Java runtimes: a heap bounded by the memory setting, quick start-up over peak speed
            command.add("-Xmx" + Math.max(64, function.memoryMb() * 85 / 100) + "m");
            command.add("-XX:+TieredCompilation");
            command.add("-XX:TieredStopAtLevel=1");
            command.add("-XX:+UseSerialGC");
            command.add("-Xshare:auto");
            // the client's native library, unpacked once (see FunctionClasspath.nativeClient)
            command.add("-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI="
                    + settings.nativeClient());
            // a temporary folder of its own, as each Lambda environment has its own /tmp
            command.add("-Djava.io.tmpdir=" + temporaryFolder);
            if (SNAP_START.equals(settings.initType())) {
                // org.crac (io.github.crac:org-crac) delegates to the runtime interface client's own CRaC context,
                // whose hooks the client runs around restore/next, as in Lambda's Java runtimes
                command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
            }
            command.add("-cp");
            List<String> entries = new ArrayList<>();
            for (Path entry : classpath) {
                entries.add(entry.toString());
            }
            command.add(String.join(java.io.File.pathSeparator, entries));
            command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
            command.add(function.handler());
            ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
            Map<String, String> environment = builder.environment();
            String path = environment.get("PATH");
            environment.clear();
            environment.putAll(environment(path));
            startedNanos = System.nanoTime();
            process = builder.start();
            readers.add(reader(process.getInputStream(), false));
            readers.add(reader(process.getErrorStream(), true));
            process.onExit().thenRun(() -> {
                Invocation running = current;
                Invocation waiting = handoff.peek();
                Invocation affected = running != null && !running.result.isDone() ? running : waiting;
                if (affected != null) {
                    affected.deliveredAt.complete(System.currentTimeMillis());
                    affected.result.complete(exitError(affected.requestId));
                }
            });
        }

        private Result exitError(String requestId) {
            joinReaders();
            String reported = extensionError;
            if (reported != null) {
                return Result.error("{\"errorType\":\"" + reported + "\",\"errorMessage\":\"RequestId: " + requestId
                        + " Error: an extension failed (" + reported + "); the environment was reset\"}");
            }
            int status = process.exitValue();
            String how = status > 128 ? "signal: " + signalName(status - 128) : "exit status " + status;
            return Result.error("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: " + requestId
                    + " Error: Runtime exited with error: " + how + "\"}");
        }

        private Map<String, String> environment(String path) {
            Map<String, String> env = new LinkedHashMap<>(function.environment());
            // the local services, always: a template names the real service's endpoints (and an env.json
            // for sam local names Docker's host), which a local run must not reach
            env.putAll(settings.serviceEnvironment());
            if (settings.javaToolOptions() != null) {
                // ours first, so that the function's own options (e.g. -Xlog) still apply; Lambda reads the variable too
                String own = env.get("JAVA_TOOL_OPTIONS");
                env.put("JAVA_TOOL_OPTIONS", settings.javaToolOptions() + (own == null || own.isBlank() ? "" : " " + own));
            }
            String region = settings.region();
            env.put("PATH", path == null ? "/usr/local/bin:/usr/bin:/bin" : path);
            env.put("LANG", "en_US.UTF-8");
            env.put("TZ", ":UTC");
            env.put("TMPDIR", temporaryFolder.toString());
            env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
            env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
            env.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).format(STREAM_DAY) + "/[$LATEST]"
                    + UUID.randomUUID().toString().replace("-", ""));
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", settings.initType() == null ? ON_DEMAND : settings.initType());
            env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApi.port());
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
            env.put("AWS_REGION", region);
            env.put("AWS_DEFAULT_REGION", region);
            env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
            env.put("LAMBDA_RUNTIME_DIR", settings.runtimeJars().isEmpty() ? ""
                    : settings.runtimeJars().get(0).getParent().toString());
            env.put("_HANDLER", function.handler());
            if (SNAP_START.equals(settings.initType()) && settings.credentials().isEmpty()) {
                // as in Lambda under SnapStart: no keys in the environment, a credentials endpoint instead, whose
                // keys change at restore (what a snapshot cached is stale in the restored environment)
                env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:" + runtimeApi.port() + CREDENTIALS_PATH);
                env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", credentialsToken);
            } else if (settings.credentials().isEmpty()) {
                // dummy credentials: the local services do not check signatures
                env.put("AWS_ACCESS_KEY_ID", "local");
                env.put("AWS_SECRET_ACCESS_KEY", "local");
                env.put("AWS_SESSION_TOKEN", "local");
            } else {
                // the caller's own, for an endpoint that checks them (a real account): no dummy token beside them
                env.remove("AWS_SESSION_TOKEN");
                env.putAll(settings.credentials());
            }
            return env;
        }

        private Thread reader(InputStream stream, boolean stderr) {
            Thread thread = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        OutputLine outputLine = new OutputLine(function.name(), number, stderr, line);
                        settings.output().accept(outputLine);
                    }
                } catch (IOException e) {
                    // the JVM is gone
                }
            }, "applog-lambda-" + function.name() + "-" + number + (stderr ? "-err" : "-out"));
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        private void joinReaders() {
            for (Thread reader : readers) {
                try {
                    reader.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /**
         * SnapStart: lets the runtime out of restore/next for the invocation that comes now (thawing the snapshot
         * when it was frozen). True when this invocation restores the environment.
         */
        boolean restore() throws InterruptedException {
            if (!SNAP_START.equals(settings.initType())) {
                return false;
            }
            synchronized (phase) {
                if (restoreRequested) {
                    return false;
                }
                restoreRequested = true;
                restoreStartedNanos = checkpointed ? System.nanoTime() : 0;  // else when the runtime gets there
                credentialsGeneration = 1;
                if (checkpointed) {
                    signal("CONT");
                }
            }
            restoreGate.complete(null);
            return true;
        }

        /** SnapStart's restore/next: the hooks before the checkpoint ran; frozen as the snapshot until a restore. */
        private SmallHttpServer.Response restoreNext() throws InterruptedException {
            synchronized (phase) {
                initDone = true;
                if (!restoreRequested) {
                    checkpointed = true;
                    long ready = System.nanoTime();
                    signal("STOP");  // frozen before initAhead returns
                    initReady.complete(ready);
                } else {
                    restoreStartedNanos = System.nanoTime();  // a new environment: its invocation is waiting already
                }
            }
            try {
                restoreGate.get();
            } catch (ExecutionException e) {
                return null;
            }
            return json(200, "{}");
        }

        /** The container credentials endpoint of a SnapStart environment, as the SDK's container provider reads it. */
        private SmallHttpServer.Response credentials(SmallHttpServer.Request request) {
            if (!credentialsToken.equals(request.header("authorization"))) {
                return json(403, "{\"Code\":\"AccessDenied\",\"Message\":\"wrong or missing authorization token\"}");
            }
            String generation = credentialsGeneration == 0 ? "SNAPSHOT" : "RESTORED";
            String body = "{\"AccessKeyId\":\"ASIALOCAL" + generation + "\",\"SecretAccessKey\":\"local-" + generation
                    + "\",\"Token\":\"local-token-" + generation + "\",\"Expiration\":\""
                    + Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}";
            return new SmallHttpServer.Response(200, "application/json", Map.of(), body.getBytes(StandardCharsets.UTF_8));
        }

        /** The Runtime API, 2018-06-01, and the Extensions API, 2020-01-01. */
        private SmallHttpServer.Response handle(SmallHttpServer.Request request) {
            String target = request.target();
            if (target.equals(CREDENTIALS_PATH) && SNAP_START.equals(settings.initType())) {
                return credentials(request);
            }
            if (target.startsWith(EXTENSION_PREFIX)) {
                try {
                    return extensionApi(request, target.substring(EXTENSION_PREFIX.length()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            String prefix = "/2018-06-01/runtime/";
            if (!target.startsWith(prefix)) {
                return json(404, "{\"errorType\":\"NotFound\",\"errorMessage\":\"no such Runtime API path: "
                        + target + "\"}");
            }
            String path = target.substring(prefix.length());
            try {
                if (request.method().equals("GET") && path.equals("invocation/next")) {
                    return next();
                }
                if (request.method().equals("GET") && path.equals("restore/next") && SNAP_START.equals(settings.initType())) {
                    return restoreNext();
                }
                if (request.method().equals("POST") && (path.equals("init/error") || path.equals("restore/error"))) {
                    dead = true;
                    Invocation waiting = current != null ? current : handoff.peek();
                    if (waiting != null) {
                        waiting.deliveredAt.complete(System.currentTimeMillis());
                        waiting.result.complete(new Result(request.body(), true));
                    }
                    return json(202, "{\"status\":\"OK\"}");
                }
                if (request.method().equals("POST") && path.startsWith("invocation/")) {
                    String rest = path.substring("invocation/".length());
                    int slash = rest.lastIndexOf('/');
                    String id = slash < 0 ? rest : rest.substring(0, slash);
                    String kind = slash < 0 ? "" : rest.substring(slash + 1);
                    Invocation running = current;
                    if (running == null || !running.requestId.equals(id) || running.result.isDone()) {
                        return json(400, "{\"errorType\":\"InvalidRequestID\",\"errorMessage\":\"no invocation "
                                + id + " is running\"}");
                    }
                    if (!kind.equals("response") && !kind.equals("error")) {
                        return json(404, "{\"errorType\":\"NotFound\",\"errorMessage\":\"no such Runtime API path: "
                                + target + "\"}");
                    }
                    running.answeredNanos = System.nanoTime();
                    running.peakRssKb = peakRssKb(process.pid());
                    synchronized (phase) {
                        running.responded = true;
                        // without extensions at work, freeze first: the invoker hears of the result only once the
                        // JVM is stopped, as in Lambda; else the response goes out now and the freeze comes later
                        freezeIfAllWait();
                        running.heldByExtensions = !running.frozen.isDone();
                    }
                    running.result.complete(new Result(request.body(), kind.equals("error")));
                    return json(202, "{\"status\":\"OK\"}");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            return json(404, "{\"errorType\":\"NotFound\",\"errorMessage\":\"no such Runtime API path: "
                    + target + "\"}");
        }

        private SmallHttpServer.Response next() throws InterruptedException {
            synchronized (phase) {
                initDone = true;
            }
            initReady.complete(System.nanoTime());
            Invocation invocation = handoff.take();
            invocation.deliveredNanos = System.nanoTime();
            long now = System.currentTimeMillis();
            invocation.deadlineMillis = now + function.timeoutSeconds() * 1000L;
            synchronized (phase) {
                current = invocation;
                for (Extension extension : extensions.values()) {
                    if (!extension.invokes) {
                        continue;
                    }
                    // busy from now on, even before its thread wakes up with the event
                    extension.waiting = false;
                    extension.events.add(invocation);
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
            headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMillis));
            headers.put("Lambda-Runtime-Invoked-Function-Arn", function.arn(settings.region()));
            headers.put("Lambda-Runtime-Trace-Id", invocation.traceId);
            // the runtime interface client expects these two, empty when there is nothing to say
            headers.put("Lambda-Runtime-Client-Context", "");
            headers.put("Lambda-Runtime-Cognito-Identity", "");
            invocation.deliveredAt.complete(now);
            return new SmallHttpServer.Response(200, "application/json", headers, invocation.payload);
        }

        /** Freezes the JVM once the runtime has answered and every extension waits. Holding {@link #phase}. */
        private void freezeIfAllWait() throws InterruptedException {
            Invocation running = current;
            if (running == null || !running.responded || running.frozen.isDone()) {
                return;
            }
            for (Extension extension : extensions.values()) {
                if (extension.invokes && !extension.waiting) {
                    return;
                }
            }
            // the invocation ends when all wait (what Lambda's Duration measures), not when kill -STOP is done
            long allWaiting = System.nanoTime();
            signal("STOP");
            running.frozen.complete(allWaiting);
        }

        /** The Extensions API: register, event/next, init/error, exit/error. */
        private SmallHttpServer.Response extensionApi(SmallHttpServer.Request request, String path)
                throws InterruptedException {
            String method = request.method();
            if (method.equals("POST") && path.equals("register")) {
                return register(request);
            }
            String id = request.header(EXTENSION_ID_HEADER);
            Extension extension;
            synchronized (phase) {
                extension = id == null ? null : extensions.get(id);
            }
            if (!(method.equals("GET") && path.equals("event/next")) && !(method.equals("POST")
                    && (path.equals("init/error") || path.equals("exit/error")))) {
                return json(404, "{\"errorType\":\"NotFound\",\"errorMessage\":\"no such Extensions API path: "
                        + method + " " + EXTENSION_PREFIX + path + "\"}");
            }
            if (extension == null) {
                return json(403, "{\"errorType\":\"Extension.UnknownExtensionIdentifier\",\"errorMessage\":\""
                        + (id == null ? "missing header " + EXTENSION_ID_HEADER : "no extension registered as " + id)
                        + "\"}");
            }
            if (path.equals("event/next")) {
                synchronized (phase) {
                    extension.waiting = true;
                    freezeIfAllWait();
                }
                Invocation event = extension.events.take();
                String body = "{\"eventType\":\"INVOKE\",\"deadlineMs\":" + event.deadlineMillis
                        + ",\"requestId\":\"" + event.requestId + "\",\"invokedFunctionArn\":\""
                        + function.arn(settings.region()) + "\",\"tracing\":{\"type\":\"X-Amzn-Trace-Id\",\"value\":\""
                        + event.traceId + "\"}}";
                return new SmallHttpServer.Response(200, "application/json",
                        Map.of("Lambda-Extension-Event-Identifier", UUID.randomUUID().toString()),
                        body.getBytes(StandardCharsets.UTF_8));
            }
            // init/error or exit/error: Lambda resets the environment and reports the extension's error type
            String type = request.header("Lambda-Extension-Function-Error-Type");
            extensionError = type == null || type.isBlank() ? "Extension.Unknown"
                    : type.startsWith("Extension.") ? type : "Extension." + type;
            settings.output().accept(new OutputLine(function.name(), number, false, "EXTENSION\tName: "
                    + extension.name + "\tState: " + (path.equals("init/error") ? "InitError" : "ExitError")
                    + "\tError Type: " + extensionError, true));
            dead = true;
            Thread killer = new Thread(() -> process.destroyForcibly(), "applog-lambda-extension-error");
            killer.setDaemon(true);
            killer.start();
            return json(202, "{\"status\":\"OK\"}");
        }

        private SmallHttpServer.Response register(SmallHttpServer.Request request) {
            String name = request.header("Lambda-Extension-Name");
            if (name == null || name.isBlank()) {
                return json(400, "{\"errorType\":\"InvalidRequestException\",\"errorMessage\":\"missing header "
                        + "Lambda-Extension-Name\"}");
            }
            List<String> events = new ArrayList<>();
            try {
                com.fasterxml.jackson.databind.JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(request.body());
                for (com.fasterxml.jackson.databind.JsonNode event : body.path("events")) {
                    events.add(event.asText());
                }
            } catch (IOException e) {
                return json(400, "{\"errorType\":\"InvalidRequestException\",\"errorMessage\":\"the body is not "
                        + "JSON: expected {\\\"events\\\":[\\\"INVOKE\\\"]}\"}");
            }
            for (String event : events) {
                if (event.equals("SHUTDOWN")) {
                    // every extension here is internal (a thread of the function's JVM): Lambda refuses SHUTDOWN to those
                    return json(403, "{\"errorType\":\"Extension.ShutdownEventNotSupportedForInternalExtension\","
                            + "\"errorMessage\":\"an internal extension cannot register for SHUTDOWN\"}");
                }
                if (!event.equals("INVOKE")) {
                    return json(400, "{\"errorType\":\"InvalidRequestException\",\"errorMessage\":\"unknown event "
                            + "type; events are INVOKE and SHUTDOWN\"}");
                }
            }
            synchronized (phase) {
                if (initDone) {
                    return json(403, "{\"errorType\":\"Extension.InvalidStateTransition\",\"errorMessage\":\""
                            + "extensions register during the init phase only, before the runtime's first "
                            + "/runtime/invocation/next\"}");
                }
                for (Extension existing : extensions.values()) {
                    if (existing.name.equals(name)) {
                        return json(409, "{\"errorType\":\"Extension.AlreadyRegistered\",\"errorMessage\":\""
                                + "an extension named " + name + " is registered already\"}");
                    }
                }
                Extension extension = new Extension(UUID.randomUUID().toString(), name, events.contains("INVOKE"));
                extensions.put(extension.id, extension);
                String body = "{\"functionName\":\"" + function.name() + "\",\"functionVersion\":\"$LATEST\","
                        + "\"handler\":\"" + function.handler() + "\",\"accountId\":\"" + SamTemplate.ACCOUNT_ID + "\"}";
                return new SmallHttpServer.Response(200, "application/json",
                        Map.of(EXTENSION_ID_HEADER, extension.id), body.getBytes(StandardCharsets.UTF_8));
            }
        }

        /** kill -STOP / -CONT / -KILL: the JDK cannot stop a process itself. */
        void signal(String name) throws InterruptedException {
            try {
                Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                        .redirectErrorStream(true).start();
                kill.getInputStream().readAllBytes();
                kill.waitFor();
            } catch (IOException e) {
                throw new IllegalStateException("cannot signal the function's JVM (kill -" + name + "): "
                        + e.getMessage(), e);
            }
            if (name.equals("STOP")) {
                awaitState('T');
            }
        }

        /** Waits (briefly) until the kernel shows the process in that state, so "frozen" is true on return. */
        private void awaitState(char state) throws InterruptedException {
            Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
            if (!Files.exists(stat)) {
                return;
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < until) {
                if (ProcessState.of(stat) == state) {
                    return;
                }
                Thread.sleep(1);
            }
        }

        void kill() throws InterruptedException {
            dead = true;
            signal("KILL");
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // reported below as a JVM that would not die
            }
            joinReaders();
        }

        @Override
        public void close() {
            dead = true;
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // nothing more to do
            }
            runtimeApi.close();
        }
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 9 -> "killed";
            case 6 -> "aborted";
            case 11 -> "segmentation fault";
            case 15 -> "terminated";
            default -> "signal " + signal;
        };
    }

    private static SmallHttpServer.Response json(int status, String body) {
        return new SmallHttpServer.Response(status, "application/json", Map.of(),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
