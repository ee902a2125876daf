package dev.applog.local.lambda;

import dev.applog.local.logs.SmallHttpServer;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A local AWS Lambda without Docker: each function runs in its own JVMs on the real Lambda Java runtime
 * interface client, with the function's code, then its layers' {@code java/lib} jars, then the runtime's
 * jars on the classpath, and the environment Lambda sets. The Invoke API
 * ({@code POST /2015-03-31/functions/NAME/invocations}) answers the AWS SDK's {@code LambdaClient} as Lambda
 * does, so functions that call each other reach the local ones through {@code AWS_ENDPOINT_URL_LAMBDA}.
 *
 * <p>Concurrency: an execution environment runs one invocation at a time; an invocation of a function whose
 * environments are all busy starts another one (another JVM, a cold start), as Lambda scales out, up to
 * {@link Builder#maxEnvironmentsPerFunction(int)}; beyond that it waits for one to be free.
 */
public final class LocalLambda implements AutoCloseable {

    /** How long a new JVM may take to ask for its first invocation; Lambda allows 10 s, a busy machine needs more. */
    public static final Duration DEFAULT_INIT_LIMIT = Duration.ofSeconds(30);

    private final Map<String, FunctionConfig> functions;
    private final Map<String, Pool> pools = new LinkedHashMap<>();
    private final ExecutionEnvironment.Settings settings;
    private final SmallHttpServer invokeApi;
    private final ExecutorService asyncInvocations;
    private final List<OutputLine> output = Collections.synchronizedList(new ArrayList<>());
    private final int maxEnvironments;
    private final boolean awaitExtensions;
    private final Path workDirectory;

    private LocalLambda(Builder builder) throws IOException {
        this.maxEnvironments = builder.maxEnvironments;
        this.awaitExtensions = builder.awaitExtensions;
        this.workDirectory = builder.workDirectory != null ? builder.workDirectory
                : Files.createTempDirectory("applog-local-lambda");
        Files.createDirectories(workDirectory);
        Path runtimeDirectory = builder.runtimeDirectory != null ? builder.runtimeDirectory : defaultRuntimeDirectory();
        List<Path> runtimeJars = FunctionClasspath.runtime(runtimeDirectory);
        this.functions = new LinkedHashMap<>();
        for (FunctionConfig function : builder.functions) {
            if (functions.put(function.name(), function) != null) {
                throw new IllegalArgumentException("two functions are named " + function.name());
            }
        }
        try {
            this.invokeApi = new SmallHttpServer(builder.port, this::handle);
        } catch (IOException e) {
            throw new IOException("cannot listen on 127.0.0.1:" + builder.port + " for the local Lambda's Invoke API: "
                    + e.getMessage() + (builder.port == 0 ? "" : " (is another local Lambda or sam local start-lambda "
                    + "running? --port N chooses another port, 0 a free one)"), e);
        }
        Map<String, String> services = new LinkedHashMap<>();
        services.put("AWS_ENDPOINT_URL_LAMBDA", endpoint().toString());
        if (builder.logsEndpoint != null) {
            services.put("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", builder.logsEndpoint.toString());
        }
        Path java = builder.javaHome.resolve("bin").resolve("java");
        Consumer<OutputLine> listener = builder.outputListener;
        Path nativeClient = FunctionClasspath.nativeClient(runtimeJars, workDirectory);
        this.settings = new ExecutionEnvironment.Settings(builder.region, services, builder.credentials, java,
                runtimeJars, nativeClient,
                workDirectory, builder.initLimit, line -> {
                    output.add(line);
                    listener.accept(line);
                }, builder.javaToolOptions, builder.initType);
        this.asyncInvocations = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "applog-lambda-async");
            thread.setDaemon(true);
            return thread;
        });
        for (FunctionConfig function : functions.values()) {
            pools.put(function.name(), new Pool(function));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Invoke API's URL (for {@code AWS_ENDPOINT_URL_LAMBDA} or {@code endpointOverride}). */
    public URI endpoint() {
        try {
            return new URI("http://127.0.0.1:" + invokeApi.port());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<FunctionConfig> functions() {
        return List.copyOf(functions.values());
    }

    /** Invokes a function (by name or logical id) directly, as RequestResponse. */
    public InvocationResult invoke(String function, String event) throws IOException, InterruptedException {
        return invoke(function, event.getBytes(StandardCharsets.UTF_8));
    }

    public InvocationResult invoke(String function, byte[] event) throws IOException, InterruptedException {
        Pool pool = pool(function);
        if (pool == null) {
            throw new IllegalArgumentException("no function '" + function + "' (functions: " + functions.keySet()
                    + ")");
        }
        return pool.invoke(event);
    }

    /**
     * Starts one more environment of the function and runs its init phase now, as Lambda does for provisioned
     * concurrency and when it makes a SnapStart snapshot; returns the init phase's duration once the runtime is
     * ready (SnapStart: frozen in restore/next). The next invocation finds this environment ready.
     */
    public Duration initAhead(String function) throws IOException, InterruptedException {
        Pool pool = pool(function);
        if (pool == null) {
            throw new IllegalArgumentException("no function '" + function + "' (functions: " + functions.keySet()
                    + ")");
        }
        return pool.initAhead();
    }

    /** Every line the functions' JVMs wrote so far, in the order read. */
    public List<OutputLine> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** The lines one function's JVMs wrote so far. */
    public List<OutputLine> output(String function) {
        return output().stream().filter(line -> line.function().equals(function)).toList();
    }

    /**
     * True when no invocation of the function is under way: every environment's last invocation has ended
     * entirely (the response posted and every extension waiting again, or the JVM killed or gone).
     */
    public boolean idle(String function) {
        Pool pool = pool(function);
        return pool == null || pool.idle();
    }

    /** The pids of a function's running JVMs (frozen ones included). */
    public List<Long> pids(String function) {
        Pool pool = pool(function);
        return pool == null ? List.of() : pool.pids();
    }

    private Pool pool(String nameOrLogicalId) {
        Pool pool = pools.get(nameOrLogicalId);
        if (pool != null) {
            return pool;
        }
        for (Pool candidate : pools.values()) {
            if (candidate.function.logicalId().equals(nameOrLogicalId)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Stops the Invoke API, lets each environment settle, then kills every function JVM. An environment whose
     * last invocation was answered while its extensions still work (delivery after the response) is killed
     * only once they are done and it is frozen, or once its function's timeout has passed since the close
     * began, so what they send is not lost; an invocation that has no answer yet is not waited for.
     */
    @Override
    public void close() {
        invokeApi.close();
        asyncInvocations.shutdownNow();
        long closing = System.nanoTime();
        for (Pool pool : pools.values()) {
            pool.refuse();
        }
        for (Pool pool : pools.values()) {
            pool.close(closing);
        }
    }

    /** The Invoke API: the part of Lambda's REST API that the SDK's invoke() uses. */
    private SmallHttpServer.Response handle(SmallHttpServer.Request request) {
        String path = request.target();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        String prefix = "/2015-03-31/functions/";
        String suffix = "/invocations";
        if (!request.method().equals("POST") || !path.startsWith(prefix) || !path.endsWith(suffix)
                || path.length() <= prefix.length() + suffix.length()) {
            return error(404, "UnknownOperationException", "the local Lambda serves only "
                    + "POST /2015-03-31/functions/{name}/invocations, not " + request.method() + " " + path);
        }
        String name = functionName(URLDecoder.decode(path.substring(prefix.length(), path.length() - suffix.length()),
                StandardCharsets.UTF_8));
        Pool pool = pool(name);
        if (pool == null) {
            return error(404, "ResourceNotFoundException", "Function not found: arn:aws:lambda:" + settings.region()
                    + ":" + SamTemplate.ACCOUNT_ID + ":function:" + name);
        }
        String type = Objects.requireNonNullElse(request.header("X-Amz-Invocation-Type"), "RequestResponse");
        byte[] event = request.body().length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : request.body();
        try {
            switch (type) {
                case "RequestResponse" -> {
                    InvocationResult result = pool.invoke(event);
                    Map<String, String> headers = new LinkedHashMap<>();
                    headers.put("X-Amz-Executed-Version", "$LATEST");
                    headers.put("x-amzn-RequestId", result.requestId());
                    if (result.isError()) {
                        headers.put("X-Amz-Function-Error", result.functionError());
                    }
                    return new SmallHttpServer.Response(200, "application/json", headers, result.payload());
                }
                case "Event" -> {
                    asyncInvocations.execute(() -> {
                        try {
                            pool.invoke(event);
                        } catch (IOException e) {
                            settings.output().accept(new OutputLine(pool.function.name(), 0, true,
                                    "local Lambda: an Event invocation failed: " + e.getMessage()));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    return new SmallHttpServer.Response(202, "application/json", Map.of(), new byte[0]);
                }
                case "DryRun" -> {
                    return new SmallHttpServer.Response(204, "application/json", Map.of(), new byte[0]);
                }
                default -> {
                    return error(400, "InvalidParameterValueException", "X-Amz-Invocation-Type must be "
                            + "RequestResponse, Event or DryRun, got " + type);
                }
            }
        } catch (IOException e) {
            return error(500, "ServiceException", "the local Lambda could not run " + name + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(500, "ServiceException", "the local Lambda is stopping");
        }
    }

    /** A name, a name:qualifier, or a (partial) ARN, to the bare function name. */
    static String functionName(String identifier) {
        String name = identifier;
        int function = name.indexOf(":function:");
        if (function >= 0) {
            name = name.substring(function + ":function:".length());
        } else if (name.startsWith("function:")) {
            name = name.substring("function:".length());
        }
        int qualifier = name.indexOf(':');
        return qualifier >= 0 ? name.substring(0, qualifier) : name;
    }

    private static SmallHttpServer.Response error(int status, String type, String message) {
        String body = "{\"Type\":\"User\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return new SmallHttpServer.Response(status, "application/json", Map.of("x-amzn-ErrorType", type),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static Path defaultRuntimeDirectory() {
        String configured = System.getProperty("applog.lambda.runtime");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            // target/classes or target/applog-local.jar: the build copies the runtime into target/lambda-runtime
            Path location = Path.of(LocalLambda.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent().resolve("lambda-runtime");
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell where the Lambda runtime jars are: set -Dapplog.lambda.runtime",
                    e);
        }
    }

    /** A function's execution environments. */
    private final class Pool implements AutoCloseable {
        final FunctionConfig function;
        final Semaphore permits;
        final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
        final List<ExecutionEnvironment> all = new ArrayList<>();
        List<Path> classpath;
        Path taskRoot;
        boolean closed;

        Pool(FunctionConfig function) {
            this.function = function;
            this.permits = new Semaphore(maxEnvironments, true);
        }

        /** An environment of this pool, under one of its permits (given back here if none can be had). */
        private ExecutionEnvironment acquire() throws IOException, InterruptedException {
            permits.acquire();
            try {
                return take();
            } catch (IOException | RuntimeException e) {
                permits.release();
                throw e;
            }
        }

        InvocationResult invoke(byte[] event) throws IOException, InterruptedException {
            ExecutionEnvironment environment = acquire();
            InvocationResult result;
            try {
                String requestId = java.util.UUID.randomUUID().toString();
                result = environment.invoke(event, requestId, traceId());
            } catch (IOException | InterruptedException | RuntimeException e) {
                release(environment);
                throw e;
            }
            // the caller has its answer; the environment is free again only once its extensions are done too
            java.util.concurrent.CompletableFuture<Void> settled = environment.settled();
            settled.whenComplete((done, error) -> release(environment));
            if (awaitExtensions) {
                try {
                    settled.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    // the end of the invocation is reported by its REPORT line; the answer stands
                }
            }
            return result;
        }

        Duration initAhead() throws IOException, InterruptedException {
            ExecutionEnvironment environment = acquire();
            try {
                return environment.initAhead();
            } finally {
                release(environment);
            }
        }

        private void release(ExecutionEnvironment environment) {
            synchronized (this) {
                idle.push(environment);
            }
            permits.release();
        }

        private synchronized ExecutionEnvironment take() throws IOException {
            if (closed) {
                throw new IOException("the local Lambda is closed: " + function.name() + " cannot run");
            }
            ExecutionEnvironment environment = idle.poll();
            if (environment != null) {
                return environment;
            }
            if (classpath == null) {
                FunctionClasspath.Code code = FunctionClasspath.code(function, workDirectory);
                List<Path> entries = new ArrayList<>(code.entries());
                int index = 0;
                for (Path layer : function.layers()) {
                    entries.addAll(FunctionClasspath.layer(layer, workDirectory, index++));
                }
                entries.addAll(settings.runtimeJars());
                classpath = List.copyOf(entries);
                taskRoot = code.taskRoot();
            }
            environment = new ExecutionEnvironment(function, all.size() + 1, settings, classpath, taskRoot);
            all.add(environment);
            return environment;
        }

        synchronized boolean idle() {
            for (ExecutionEnvironment environment : all) {
                if (!environment.settled().isDone() || !idle.contains(environment)) {
                    return false;
                }
            }
            return true;
        }

        synchronized List<Long> pids() {
            List<Long> pids = new ArrayList<>();
            for (ExecutionEnvironment environment : all) {
                long pid = environment.pid();
                if (pid > 0) {
                    pids.add(pid);
                }
            }
            return pids;
        }

        /** Takes no more invocations: none starts another environment. */
        synchronized void refuse() {
            closed = true;
        }

        @Override
        public void close() {
            close(System.nanoTime());
        }

        /** Each environment settled (at most the function's timeout after {@code closing}), then killed. */
        void close(long closing) {
            List<ExecutionEnvironment> environments;
            synchronized (this) {
                closed = true;
                environments = List.copyOf(all);
            }
            long deadline = closing + function.timeoutSeconds() * 1_000_000_000L;
            for (ExecutionEnvironment environment : environments) {
                environment.close(deadline);
            }
        }
    }

    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("Root=1-%08x-%024x;Parent=%016x;Sampled=0", System.currentTimeMillis() / 1000,
                new java.math.BigInteger(96, random), random.nextLong() & Long.MAX_VALUE);
    }

    public static final class Builder {
        private final List<FunctionConfig> functions = new ArrayList<>();
        private URI logsEndpoint;
        private String javaToolOptions;
        private String initType = ExecutionEnvironment.ON_DEMAND;
        private String region = "us-east-1";
        private int port;
        private int maxEnvironments = 4;
        private boolean awaitExtensions;
        private Path workDirectory;
        private Path runtimeDirectory;
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private Duration initLimit = DEFAULT_INIT_LIMIT;
        private Consumer<OutputLine> outputListener = line -> { };
        private Map<String, String> credentials = Map.of();

        private Builder() {
        }

        /**
         * The credentials the functions get, as AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and (when given)
         * AWS_SESSION_TOKEN, for an endpoint that checks signatures; by default dummy ones, which the local
         * services and moto accept.
         */
        public Builder credentials(String accessKeyId, String secretAccessKey, String sessionToken) {
            Map<String, String> given = new LinkedHashMap<>();
            given.put("AWS_ACCESS_KEY_ID", Objects.requireNonNull(accessKeyId, "accessKeyId"));
            given.put("AWS_SECRET_ACCESS_KEY", Objects.requireNonNull(secretAccessKey, "secretAccessKey"));
            if (sessionToken != null && !sessionToken.isBlank()) {
                given.put("AWS_SESSION_TOKEN", sessionToken);
            }
            this.credentials = Map.copyOf(given);
            return this;
        }

        public Builder function(FunctionConfig function) {
            functions.add(Objects.requireNonNull(function, "function"));
            return this;
        }

        public Builder functions(Iterable<FunctionConfig> all) {
            all.forEach(this::function);
            return this;
        }

        /**
         * The CloudWatch Logs endpoint given to functions as AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, replacing any
         * value the template gives (as AWS_ENDPOINT_URL_LAMBDA is always this local Lambda's Invoke API): a
         * {@code LocalLogsServer}, moto, or a real regional endpoint. Null leaves the template's value.
         */
        public Builder logsEndpoint(URI endpoint) {
            this.logsEndpoint = endpoint;
            return this;
        }

        /**
         * JVM options every function JVM gets in front of its own {@code JAVA_TOOL_OPTIONS}, e.g. the truststore of
         * an HTTPS local endpoint ({@code LocalCertificate.javaOptions()}), so the function trusts its certificate
         * as it trusts the service's; null for none.
         */
        public Builder javaToolOptions(String options) {
            this.javaToolOptions = options == null || options.isBlank() ? null : options.trim();
            return this;
        }

        /**
         * How Lambda initializes the functions' environments (AWS_LAMBDA_INITIALIZATION_TYPE): {@code on-demand}
         * (the default), {@code provisioned-concurrency} or {@code snap-start}. With {@code snap-start} the runtime
         * interface client runs the functions' CRaC hooks as in Lambda: {@code beforeCheckpoint} after the init
         * phase, then it waits in {@code restore/next}, where the JVM is frozen as the snapshot; an invocation thaws
         * it, the client runs {@code afterRestore} and takes the invocation. Credentials then come from a container
         * credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI) whose keys change at the restore.
         * {@link #initAhead} runs an init phase ahead of the invocations, as provisioned concurrency does.
         */
        public Builder initType(String type) {
            if (!List.of(ExecutionEnvironment.ON_DEMAND, ExecutionEnvironment.PROVISIONED, ExecutionEnvironment.SNAP_START)
                    .contains(type)) {
                throw new IllegalArgumentException("initType must be on-demand, provisioned-concurrency or snap-start"
                        + " (Lambda's AWS_LAMBDA_INITIALIZATION_TYPE values), got " + type);
            }
            this.initType = type;
            return this;
        }

        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** The Invoke API's port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * When true, an invocation returns only once its environment has settled (its extensions done after the
         * response, the JVM frozen or killed), as a caller that wants the invocation's whole effect; default false:
         * it returns with the response, as Lambda answers.
         */
        public Builder awaitExtensions(boolean await) {
            this.awaitExtensions = await;
            return this;
        }

        public Builder maxEnvironmentsPerFunction(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxEnvironmentsPerFunction must be at least 1, got " + max);
            }
            this.maxEnvironments = max;
            return this;
        }

        /** Where layer and code zips are unzipped (default: a new temporary folder). */
        public Builder workDirectory(Path directory) {
            this.workDirectory = directory;
            return this;
        }

        /** The runtime interface client's jars (default: target/lambda-runtime of the local tools' build). */
        public Builder runtimeDirectory(Path directory) {
            this.runtimeDirectory = directory;
            return this;
        }

        /** The JDK that runs the functions (default: this JVM's). */
        public Builder javaHome(Path home) {
            this.javaHome = Objects.requireNonNull(home, "home");
            return this;
        }

        public Builder initLimit(Duration limit) {
            this.initLimit = Objects.requireNonNull(limit, "limit");
            return this;
        }

        /** Called with every line a function JVM writes, as it is read. */
        public Builder outputListener(Consumer<OutputLine> listener) {
            this.outputListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public LocalLambda start() throws IOException {
            return new LocalLambda(this);
        }
    }
}
