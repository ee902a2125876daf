package dev.applog.lambda;


import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.applog.AppLogConfigException;
import dev.applog.bridge.Bridges;
import dev.applog.bridge.JulBridge;
import dev.applog.AppLogger;
import dev.applog.AppLoggers;
import dev.applog.AppLogging;
import dev.applog.CloudWatchLogger;
import dev.applog.delivery.Environment;
import dev.applog.LoggerConfig;
import dev.applog.delivery.OwnThreads;
import dev.applog.delivery.Redaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What {@link AppLogging} does, as plain Java: the woven aspect hands over to this class, and code that
 * cannot be woven (Kotlin, Gradle builds without the AspectJ plugin, frameworks) calls it directly.
 *
 * <pre>{@code
 * // wrap a whole handler (the wrapped one's AppLogger fields are filled too)
 * RequestHandler<Order, Receipt> handler = LambdaLogging.wrap(
 *         LoggingSettings.builder().group("${APP_LOG_GROUP:-/app/shop}").stream("shop-{date}").build(),
 *         new OrderHandler());
 *
 * // or keep the handler and wrap its body
 * public Receipt handleRequest(Order order, Context context) {
 *     return LambdaLogging.handle(SETTINGS, context, order, () -> process(order));
 * }
 * }</pre>
 *
 * <p>Around the handler's body: the logger for the settings is built once per JVM and reused; the
 * invocation's logger (with Lambda's context fields) becomes {@link dev.applog.AppLog#current()} on this
 * thread and the threads it starts; a watchdog flushes near the deadline; an exception escaping the body
 * is logged at ERROR with its stack trace and rethrown unchanged; then every event is sent, bounded by the
 * invocation's remaining time: in Lambda, after the runtime posted the response and before the environment is
 * frozen ({@link AfterResponseDelivery}); with {@code APPLOG_DELIVERY=before-return}, and where no extension can
 * be registered, before the call returns. A bad setting fails the invocation with an
 * {@link AppLogConfigException} naming its source and rule; no other failure of logging reaches the
 * handler. A call made while an invocation with the same request id (or none) runs on the thread is part
 * of it: nested annotated methods purge once, at the outermost exit.
 */
public final class LambdaLogging {

    /** A handler body: returns a value or throws. */
    @FunctionalInterface
    public interface Body<T, E extends Throwable> {
        T run() throws E;
    }

    /**
     * Time kept free before the deadline when the exit purge waits for CloudWatch Logs: when a request lasts up
     * to the purge's limit, what follows (the SDK noticing its timeout, the fallback lines, the runtime posting
     * the response) must still end before Lambda's deadline. It took about 60 ms on an idle 2-core machine and
     * more than 100 ms on a busy one (the reliability harness's "slow responses" scenario), so 100 ms was not
     * enough there: the invocation timed out.
     */
    static final long EXIT_RESERVE_MILLIS = 250;

    /** Set by Lambda (and by every runtime emulator) for the runtime interface client: we run in Lambda. */
    static final String RUNTIME_API_VARIABLE = "AWS_LAMBDA_RUNTIME_API";

    /** Lambda's kind of init phase: {@code on-demand}, {@code provisioned-concurrency} or {@code snap-start}. */
    static final String INITIALIZATION_TYPE_VARIABLE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    static final String SNAP_START = "snap-start";

    /** How long the init-phase warm-up waits for the SDK client; Lambda allows the init phase 10 s. */
    static final Duration WARM_UP_WAIT = Duration.ofSeconds(5);

    private static volatile LambdaLogging shared;

    static {
        // installed as the handler class initializes (the woven aspect calls prepare): the init phase's lines too
        JulBridge.install();
    }

    private final Function<String, String> environment;
    private final SettingsResolver resolver;
    private final Map<SettingsKey, AppLogger> bySettings = new ConcurrentHashMap<>();
    private final Map<SettingsResolver.LoggerKey, AppLogger> byKey = new ConcurrentHashMap<>();
    private final Map<Method, LoggingSettings> annotated = new ConcurrentHashMap<>();
    private final AtomicBoolean coldStart = new AtomicBoolean(true);
    private final DoubleSupplier random;
    /** Keys appended by invocations whose settings say {@code clearState = false}, for the next one. */
    private final Map<LoggingSettings, Map<String, Object>> keptKeys = new ConcurrentHashMap<>();

    private record SettingsKey(LoggingSettings settings, String functionName) {}

    private LambdaLogging(Builder builder) {
        this.environment = builder.environment;
        this.random = builder.random;
        // the environment as given: the resolver reads an empty variable as unset itself, the SDK client must see it empty
        this.resolver = new SettingsResolver(builder.environment, builder.customizer);
    }

    /** The instance the aspect and the static methods use: the process environment, loggers shared per JVM. */
    public static LambdaLogging shared() {
        LambdaLogging instance = shared;
        if (instance == null) {
            synchronized (LambdaLogging.class) {
                if (shared == null) {
                    shared = builder().build();
                }
                instance = shared;
            }
        }
        return instance;
    }

    /** Replaces the instance the aspect and the static methods use (tests; a custom environment). */
    public static void useShared(LambdaLogging instance) {
        shared = Objects.requireNonNull(instance, "instance");
        // the once-per-JVM parts (bridges, the outside-invocation notice) read the environment the aspect's instance has
        Environment.use(instance.environment);
        Bridges.environmentChanged();
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- the functional twin ---------------------------------------------------------------------------

    /** {@code handler} with {@link AppLogging}'s behaviour around each call. */
    public static <I, O> RequestHandler<I, O> wrap(LoggingSettings settings, RequestHandler<I, O> handler) {
        Objects.requireNonNull(handler, "handler");
        LoggingSettings named = named(settings, handler.getClass());
        String where = named.where() + ".handleRequest";
        shared().registerExtensionAtInit();
        return (input, context) -> shared().run(named, handler, handler.getClass(), where, context, input,
                () -> handler.handleRequest(input, context));
    }

    /** {@code handler} with {@link AppLogging}'s behaviour around each call. */
    public static RequestStreamHandler wrap(LoggingSettings settings, RequestStreamHandler handler) {
        Objects.requireNonNull(handler, "handler");
        LoggingSettings named = named(settings, handler.getClass());
        String where = named.where() + ".handleRequest";
        shared().registerExtensionAtInit();
        return (input, output, context) -> {
            Object[] streams = {input, output};
            shared().runStream(named, handler, handler.getClass(), where, context, streams, () -> {
                handler.handleRequest((InputStream) streams[0], (OutputStream) streams[1], context);
                return null;
            });
        };
    }

    /**
     * Runs {@code body} as one invocation with {@link AppLogging}'s behaviour; returns what it returns and
     * throws what it throws. {@code context} and {@code event} may be null.
     */
    public static <T, E extends Throwable> T handle(LoggingSettings settings, Context context, Object event, Body<T, E> body)
            throws E {
        Objects.requireNonNull(settings, "settings");
        String where = settings.where() != null ? settings.where() : "LambdaLogging.handle";
        return shared().run(settings, null, null, where, context, event, body);
    }

    /** {@link #handle(LoggingSettings, Context, Object, Body)} without an event (no correlation id from it). */
    public static <T, E extends Throwable> T handle(LoggingSettings settings, Context context, Body<T, E> body) throws E {
        return handle(settings, context, null, body);
    }

    // ---- what the aspect calls -------------------------------------------------------------------------

    /**
     * The woven aspect's entry: {@code method} is the annotated method, {@code target} its instance (null
     * when static), {@code args} its arguments; the context is the first {@link Context} among them, the
     * event the first other argument that is not an output stream.
     */
    public Object runAnnotated(Method method, Object target, Object[] args, Body<Object, Throwable> body) throws Throwable {
        LoggingSettings settings = settingsOf(method);
        Context context = null;
        Object event = null;
        boolean eventFound = false;
        for (Object arg : args) {
            if (arg instanceof Context) {
                context = context == null ? (Context) arg : context;
            } else if (!eventFound && !(arg instanceof OutputStream)) {
                event = arg;
                eventFound = true;
            }
        }
        if (event instanceof InputStream) {
            // a stream handler: its streams are replaced in args, which the aspect proceeds with
            return runStream(settings, target, method.getDeclaringClass(), settings.where(), context, args, body);
        }
        return run(settings, target, method.getDeclaringClass(), settings.where(), context, event, body);
    }

    private LoggingSettings settingsOf(Method method) {
        return annotated.computeIfAbsent(method, m -> LoggingSettings.of(
                m.getAnnotation(AppLogging.class), m.getDeclaringClass().getName() + "." + m.getName()));
    }

    /**
     * The woven aspect's entry when a handler class is initialized, which Lambda's runtime does in the init
     * phase: {@link #prepareLoggers(Class)} on the shared instance. Never throws: it runs inside the class's
     * static initializer, and a handler class that failed to initialize could not be invoked at all.
     */
    public static void prepare(Class<?> handlerType) {
        OutsideInvocation.markWovenSeen();
        try {
            shared().prepareLoggers(handlerType);
        } catch (Throwable e) {
            // only an early start is lost; the first invocation builds the loggers as usual
        }
    }

    /**
     * Builds the loggers of {@code handlerType}'s {@link AppLogging} methods on a background thread, and warms
     * their SDK client up ({@link CloudWatchLogger#warmUp}: a PutLogEvents that is never sent), so that the client
     * and its sending code (the larger part of a cold start) are ready when the first invocation purges, built
     * while the runtime finishes its own init. Only inside a Lambda runtime ({@code AWS_LAMBDA_RUNTIME_API} set):
     * elsewhere (a unit test that only makes a handler) nothing is built. Quiet: a setting that cannot be
     * resolved is left for the first invocation, which fails with its error as it would without this (a logger
     * that cannot be built at all prints its diagnostic then too, and again at the invocation).
     *
     * @return the thread doing it, or null when there is nothing to prepare
     */
    Thread prepareLoggers(Class<?> handlerType) {
        if (handlerType == null || env(RUNTIME_API_VARIABLE) == null) {
            return null;
        }
        for (Method method : handlerType.getMethods()) {
            if (method.isAnnotationPresent(AppLogging.class)) {
                // now, on the runtime's thread: registration is accepted only before it asks for its first event
                registerExtensionAtInit();
                // and before the runtime's checkpoint under SnapStart
                registerSnapStartHooks();
                break;
            }
        }
        if (ContextFields.onDemand(this::env) && AfterResponseDelivery.active()) {
            // On demand with delivery after the response, nothing of the sending path is needed before the response,
            // and work started now competes with the runtime's own init for the cores: measured (bench/coldstart-probe
            // rounds, BENCHMARKS.md "Cold start: delivery after the response"), building the logger and warming the
            // transport here made the first response later, not sooner. The first invocation builds the logger; the
            // extension opens the connection after the response.
            return null;
        }
        Thread preparing = OwnThreads.start("applog-prepare", () -> {
            for (Method method : handlerType.getMethods()) {
                if (method.isAnnotationPresent(AppLogging.class)) {
                    prepareLogger(settingsOf(method));
                }
            }
        });
        if (!ContextFields.onDemand(this::env)) {
            // provisioned concurrency and SnapStart run the init phase ahead of any request, and Lambda freezes the
            // environment (or snapshots it) when the runtime is ready: a thread still preparing would be frozen with
            // it and finish on the first invocation's path. So the init phase waits for it here.
            try {
                preparing.join(WARM_UP_WAIT.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return preparing;
    }

    /**
     * Under SnapStart, registers the hooks that store every event and drop connections and credentials before the
     * checkpoint ({@link SnapStartHooks}); once per JVM. Never throws.
     */
    SnapStartHooks registerSnapStartHooks() {
        try {
            return SnapStartHooks.registerIfSnapStart(this::env, () -> new java.util.ArrayList<>(byKey.values()),
                    AppLoggers::dropConnections, AppLoggers::reopenConnections);
        } catch (RuntimeException | LinkageError e) {
            diagnostic("could not register the SnapStart hooks (org.crac); events logged in the init phase are sent "
                    + "after the restore", e);
            return null;
        }
    }

    /** The logger the first invocation will use, built now, as {@link #open} builds it; then its client warmed up. */
    private void prepareLogger(LoggingSettings settings) {
        try {
            AppLogger logger = logger(settings, ContextFields.functionName(null, this::env));
            // the light transport's dry run signs with made-up credentials; the SDK's skips itself under SnapStart
            if (logger instanceof CloudWatchLogger) {
                ((CloudWatchLogger) logger).warmUp(WARM_UP_WAIT);
            }
        } catch (RuntimeException | LinkageError e) {
            // reported by the first invocation, which resolves the settings again
        }
    }

    /**
     * With {@code APPLOG_DELIVERY=after-response}, registers this JVM's internal Lambda extension, which purges each
     * invocation after the response ({@link AfterResponseDelivery}); once per JVM, and only in the init phase.
     * The aspect does it when a woven handler class is initialized, {@link #wrap} when it makes a handler; code
     * that uses only {@link #handle} calls it from a static initializer. Never throws.
     */
    public void registerExtensionAtInit() {
        AfterResponseDelivery.registerAtInit(this::env, EXIT_RESERVE_MILLIS);
    }

    // ---- the invocation --------------------------------------------------------------------------------

    /**
     * Runs {@code body} as one invocation (or as part of the one already running on this thread).
     *
     * @param target the handler whose {@link AppLogger} fields are filled, or null
     * @param type the handler's class, for its static fields when {@code target} is null; may be null
     * @param where the handler's name in messages, e.g. {@code com.x.OrderHandler.handleRequest}
     */
    public <T, E extends Throwable> T run(LoggingSettings settings, Object target, Class<?> type, String where,
                                          Context context, Object event, Body<T, E> body) throws E {
        String requestId = requestId(context);
        Invocation running = InvocationScope.current();
        if (InvocationScope.joins(running, requestId)) {
            FieldInjector.inject(target, type);
            return body.run();
        }
        AfterResponseDelivery.Mode delivery = AfterResponseDelivery.mode(this::env); // a bad value throws here
        Invocation invocation = open(settings, target, type, context, event);
        return runOpen(settings, where, running, invocation, event, body, null, delivery);
    }

    /**
     * {@link #run} for a stream handler: {@code args} holds its input stream and output stream (and maybe more); the
     * input is read once (for the correlation id and {@code logEvent}) and replaced by a stream over the same bytes,
     * the output, with {@code logResponse}, by one that also keeps a copy; then {@code body} runs with them.
     */
    <T, E extends Throwable> T runStream(LoggingSettings settings, Object target, Class<?> type, String where,
                                         Context context, Object[] args, Body<T, E> body) throws E {
        String requestId = requestId(context);
        Invocation running = InvocationScope.current();
        if (InvocationScope.joins(running, requestId)) {
            FieldInjector.inject(target, type);
            return body.run();
        }
        AfterResponseDelivery.Mode delivery = AfterResponseDelivery.mode(this::env); // a bad value throws here
        StreamEvent event = null;
        ByteArrayOutputStream written = null;
        for (int i = 0; i < args.length; i++) {
            if (event == null && args[i] instanceof InputStream) {
                event = StreamEvent.read((InputStream) args[i]);
                args[i] = event.replay();
            }
        }
        Invocation invocation = open(settings, target, type, context, event);
        if (invocation.options().logResponse()) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof OutputStream) {
                    written = new ByteArrayOutputStream();
                    args[i] = new CopyingOutputStream((OutputStream) args[i], written);
                    break;
                }
            }
        }
        return runOpen(settings, where, running, invocation, event, body, written, delivery);
    }

    private <T, E extends Throwable> T runOpen(LoggingSettings settings, String where, Invocation running,
                                               Invocation invocation, Object event, Body<T, E> body,
                                               ByteArrayOutputStream written, AfterResponseDelivery.Mode delivery)
            throws E {
        if (delivery == AfterResponseDelivery.Mode.AFTER_RESPONSE) {
            registerExtensionAtInit(); // a no-op once tried; else too late, which it says once (the default stays quiet)
        }
        InvocationScope.set(invocation);
        try {
            if (invocation.options().logEvent()) {
                invocation.logger().info(asText(event));
            }
            T result = body.run();
            if (invocation.options().logResponse()) {
                invocation.logger().info(written != null ? written.toString(java.nio.charset.StandardCharsets.UTF_8)
                        : asText(result));
            }
            return result;
        } catch (Throwable error) {
            invocation.logEscaping(error, where);
            throw error;
        } finally {
            if (!invocation.options().clearState()) {
                keptKeys.put(settings, invocation.keys());
            }
            // after-response: the extension purges once the runtime posted the response; else (or without one) now
            if (!delivery.afterResponse() || !AfterResponseDelivery.handOff(invocation)) {
                invocation.close(EXIT_RESERVE_MILLIS);
            }
            InvocationScope.set(running == null || running.isClosed() ? null : running);
        }
    }

    /**
     * An event or a response as the message {@code logEvent} / {@code logResponse} log: as JSON (a POJO by its
     * getters, as the Lambda runtime writes it), a string or a stream's bytes as they are. In {@code #json} a JSON
     * message is written as JSON; a large one is split into parts like any message, never truncated.
     */
    static String asText(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof StreamEvent) {
            return ((StreamEvent) value).text();
        }
        if (value instanceof CharSequence) {
            return value.toString();
        }
        try {
            return CorrelationPath.MAPPER.writeValueAsString(value);
        } catch (Exception | LinkageError e) {
            return "applog: could not write the " + value.getClass().getName() + " as JSON (" + e + "): " + value;
        }
    }

    /** An output stream that also keeps a copy of what is written (for {@code logResponse}). */
    private static final class CopyingOutputStream extends OutputStream {
        private final OutputStream out;
        private final ByteArrayOutputStream copy;

        CopyingOutputStream(OutputStream out, ByteArrayOutputStream copy) {
            this.out = out;
            this.copy = copy;
        }

        @Override public void write(int b) throws IOException { out.write(b); copy.write(b); }

        @Override public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            copy.write(b, off, len);
        }

        @Override public void flush() throws IOException { out.flush(); }

        @Override public void close() throws IOException { out.close(); }
    }

    private Invocation open(LoggingSettings settings, Object target, Class<?> type, Context context, Object event) {
        OutsideInvocation.markWovenSeen();
        AppLogger logger;
        Long configuredMargin;
        InvocationOptions options;
        try {
            options = resolver.options(settings);  // a bad option throws here, like a bad setting
            logger = logger(settings, ContextFields.functionName(context, this::env));
            configuredMargin = resolver.flushMarginMillis(settings);
        } catch (AppLogConfigException e) {
            throw e; // a bad setting: the one failure the handler is meant to see
        } catch (RuntimeException | LinkageError e) {
            diagnostic("could not resolve the logging settings of " + settings.describe() + "; printing instead", e);
            logger = AppLoggers.printing();
            configuredMargin = null;
            options = InvocationOptions.DEFAULT;
        }
        // a cold start is an invocation that waited for the init phase: never under provisioned concurrency or
        // SnapStart, whose init phase ran ahead (init_type tells which), as Powertools reports it
        boolean cold = coldStart.getAndSet(false) && ContextFields.onDemand(this::env);
        boolean sampled = options.samplingRate() > 0 && random.getAsDouble() < options.samplingRate();
        Map<String, Object> fields;
        try {
            String fromPath = options.correlationIdPath() == null ? null : options.correlationIdPath().find(event);
            fields = ContextFields.of(context, event, cold, this::env, fromPath, options.samplingRate(), sampled);
        } catch (RuntimeException | LinkageError e) {
            // a context implementation that misbehaves must not fail the handler
            diagnostic("could not read the Lambda context's fields", e);
            fields = Map.of(ContextFields.COLD_START, cold);
        }
        Map<String, Object> kept = options.clearState() ? Map.of() : keptKeys.getOrDefault(settings, Map.of());
        Invocation invocation = new Invocation(logger, fields, requestId(context),
                context == null ? null : () -> context.getRemainingTimeInMillis(), options, sampled, kept);
        FieldInjector.inject(target, type);
        Bridges.invocationStarted(invocation.logger());
        if (context != null) {
            try {
                long remaining = context.getRemainingTimeInMillis();
                long margin = configuredMargin != null ? configuredMargin : defaultMargin(remaining, cold);
                InvocationScope.arm(invocation, remaining, margin);
            } catch (RuntimeException | LinkageError e) {
                diagnostic("no deadline watchdog for this invocation", e);
            }
        }
        return invocation;
    }

    /** The margin used when APPLOG_FLUSH_MARGIN_MS is unset: a tenth of the time left, from 200 ms to 2 s. */
    static long defaultMargin(long remainingMillis) {
        return Math.max(200, Math.min(2_000, remainingMillis / 10));
    }

    /**
     * As {@link #defaultMargin(long)}, but a cold JVM's first invocation gets half the time left (at most 2 s):
     * its first flush also pays for starting the SDK client and loading the sending code, which a tenth of a
     * short timeout does not cover.
     */
    static long defaultMargin(long remainingMillis, boolean cold) {
        long margin = defaultMargin(remainingMillis);
        return cold ? Math.max(margin, Math.min(2_000, remainingMillis / 2)) : margin;
    }

    /**
     * The logger for {@code settings} in the function {@code functionName} (null: unnamed), built once and reused.
     * A bad setting throws; a logger that cannot be built prints a diagnostic and a printing logger stands in.
     */
    private AppLogger logger(LoggingSettings settings, String functionName) {
        SettingsKey key = new SettingsKey(settings, functionName == null ? Environment.UNNAMED_FUNCTION : functionName);
        AppLogger logger = bySettings.get(key);
        if (logger != null) {
            return logger;
        }
        SettingsResolver.Resolved resolved = resolver.resolve(settings, key.functionName()); // a bad setting throws here
        try {
            logger = byKey.computeIfAbsent(resolved.key(), k -> AppLoggers.create(resolved.config()));
        } catch (AppLogConfigException e) {
            throw e.withSource(settings.describe());
        } catch (RuntimeException | LinkageError e) {
            diagnostic("could not build the logger for " + settings.describe() + "; printing instead", e);
            return AppLoggers.printing();
        }
        bySettings.put(key, logger);
        Bridges.configured(resolved.config());
        return logger;
    }

    /** How many distinct loggers this instance has built (one per distinct resolved settings). */
    int loggersBuilt() {
        return byKey.size();
    }

    private String env(String name) {
        String value = environment.apply(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static String requestId(Context context) {
        try {
            String id = context == null ? null : context.getAwsRequestId();
            return id == null || id.isEmpty() ? null : id;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The settings, naming the handler's class in messages unless they name something already. */
    private static LoggingSettings named(LoggingSettings settings, Class<?> handlerType) {
        Objects.requireNonNull(settings, "settings");
        return settings.where() != null ? settings : settings.toBuilder().where(handlerType.getName()).build();
    }

    private static void diagnostic(String what, Throwable cause) {
        System.out.println("applog: " + what + ": " + Redaction.redact(String.valueOf(cause)));
    }

    /** Builds a {@link LambdaLogging} with its own environment and logger cache. */
    public static final class Builder {
        private Function<String, String> environment = Environment.PROCESS;
        private UnaryOperator<LoggerConfig.Builder> customizer = UnaryOperator.identity();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder() {}

        /**
         * Where {@code samplingRate}'s decisions come from: a number in [0, 1) per invocation; an invocation is sampled
         * when it is below the rate (default: {@link ThreadLocalRandom}).
         */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Where settings' environment variables are read (default: the process environment). */
        public Builder environment(Map<String, String> variables) {
            Map<String, String> copy = Map.copyOf(variables);
            this.environment = copy::get;
            return this;
        }

        /** Where settings' environment variables are read (default: the process environment, {@code Environment.PROCESS}). */
        public Builder environment(Function<String, String> variables) {
            this.environment = Objects.requireNonNull(variables, "variables");
            return this;
        }

        /**
         * Changes every logger configuration after the settings are resolved, e.g. to set an endpoint, a
         * client or the output stream.
         */
        public Builder loggerConfig(UnaryOperator<LoggerConfig.Builder> customizer) {
            this.customizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        public LambdaLogging build() {
            return new LambdaLogging(this);
        }
    }
}
