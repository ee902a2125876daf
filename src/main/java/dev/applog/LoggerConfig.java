package dev.applog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.delivery.Environment;
import dev.applog.delivery.Transports;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * The immutable settings of a logger. Made with {@link #builder()}, or from the original logger's (the Python {@code custom_logging.py}; docs/logger.md#the-original)
 * configuration map / JSON with {@link #fromMap(Map)} and {@link #fromJson(String)}. Names and formats are
 * checked by {@link Builder#build()}: a bad value is an {@link AppLogConfigException} naming the rule.
 *
 * <p>Defaults, and why:
 * <ul>
 *   <li>kind {@code cloud-watch}, level INFO, format {@code #standard}, stream {@code {date}}.</li>
 *   <li>echo to stdout: on when the level is DEBUG (as the original did), else off.</li>
 *   <li>{@code maxBufferedEvents} 10,000 and the byte trigger of one full request (1 MiB): a buffer is
 *       sent when it fills one PutLogEvents request, so a burst costs as few requests as the service
 *       allows (the original sent every 20 events).</li>
 *   <li>{@code maxBufferAge} 10 s: a long-running process still sees its events within seconds; in
 *       Lambda the purge at the end of each invocation sends the rest anyway.</li>
 *   <li>{@code maxBufferBytes} 8 MiB: the memory a logger may hold (buffered plus being sent) before a
 *       caller waits for the sender; eight full requests, small next to a Lambda's memory.</li>
 *   <li>{@code deliveryDeadline} 10 s: how long a purge, and a background send, may try before what is
 *       left goes to the fallback (stdout). In Lambda the invocation's remaining time is the bound
 *       (see {@link AppLogger#purge(Duration)}).</li>
 *   <li>{@code requestTimeout} 5 s: one HTTP attempt, never longer than what is left of the deadline.</li>
 *   <li>{@code maxEventBytes} 1,048,576: the service's limit for one event (UTF-8 bytes + 26); lower it for
 *       an emulator that still enforces the old 262,144.</li>
 *   <li>{@code transport} {@code light} (else {@code APPLOG_TRANSPORT}): what speaks to CloudWatch Logs, the light
 *       transport on the AWS SDK's signer and HTTP client, or {@code sdk}, the SDK's generated client; the light
 *       one starts a cold JVM faster (BENCHMARKS.md, cold start). A {@code clientSupplier} means the SDK's.</li>
 * </ul>
 */
public final class LoggerConfig {

    /** The service's limit for one request and for one event: UTF-8 bytes + 26 per event. */
    public static final int SERVICE_MAX_BYTES = 1_048_576;

    private final LoggerKind kind;
    private final Level level;
    private final LoggerLevels levels;
    private final String group;
    private final String stream;
    private final String function;
    private final LogFormat format;
    private final boolean echo;
    private final Level purgeLevel;
    private final String service;
    private final int maxBufferedEvents;
    private final Duration maxBufferAge;
    private final long maxBufferBytes;
    private final Duration deliveryDeadline;
    private final Duration requestTimeout;
    private final int maxEventBytes;
    private final String transport;
    private final URI endpoint;
    private final String region;
    private final Supplier<CloudWatchLogsClient> clientSupplier;
    private final PrintStream out;
    private final Clock clock;
    private final Function<String, String> environment;
    private final Builder source;

    private LoggerConfig(Builder b) {
        this.kind = b.kind;
        this.level = b.level;
        this.levels = b.levels;
        this.group = b.group;
        this.stream = b.stream;
        this.function = b.function;
        this.format = b.format;
        this.echo = b.echo != null ? b.echo : b.level == Level.DEBUG;
        this.purgeLevel = b.purgeLevel;
        this.service = b.service;
        this.maxBufferedEvents = b.maxBufferedEvents;
        this.maxBufferAge = b.maxBufferAge;
        this.maxBufferBytes = b.maxBufferBytes;
        this.deliveryDeadline = b.deliveryDeadline;
        this.requestTimeout = b.requestTimeout;
        this.maxEventBytes = b.maxEventBytes;
        this.transport = b.transport;
        this.endpoint = b.endpoint;
        this.region = b.region;
        this.clientSupplier = b.clientSupplier;
        this.out = b.out;
        this.clock = b.clock;
        this.environment = b.environment;
        this.source = b.copy();
    }

    public static Builder builder() { return new Builder(); }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() { return source.copy(); }

    public LoggerKind kind() { return kind; }
    public Level level() { return level; }
    /** Thresholds per logger name for the lines of SLF4J, java.util.logging and {@code System.Logger}. */
    public LoggerLevels levels() { return levels; }
    /** The threshold of the logger {@code name}: its {@link #levels()} entry, else {@link #level()}. */
    public Level levelFor(String name) { return levels.levelFor(name, level); }
    /** The log group, or {@code null} (a {@code cloud-watch} logger without a group prints). */
    public String group() { return group; }
    /** The stream name template ({@code {date}} and {@code {function}} filled in per event). */
    public String stream() { return stream; }
    /** Where environment variables are read (default: the process environment, {@link Environment#PROCESS}). */
    public Function<String, String> environment() { return environment; }

    /** The function name, or {@code null} (then the context's {@code function_name}, then {@code AWS_LAMBDA_FUNCTION_NAME}: {@link Environment#functionName}). */
    public String function() { return function; }
    public LogFormat format() { return format; }
    /** True when every event is also printed on {@link #out()}. */
    public boolean echo() { return echo; }
    /**
     * Events at this level or above are stored (or in the fallback) before the log call returns: the call purges.
     * Default {@link Level#CRITICAL}, as the original logger purged on critical events.
     */
    public Level purgeLevel() { return purgeLevel; }
    /** The JSON format's {@code service}, or {@code null} ({@code POWERTOOLS_SERVICE_NAME} then). */
    public String service() { return service; }
    public int maxBufferedEvents() { return maxBufferedEvents; }
    public Duration maxBufferAge() { return maxBufferAge; }
    public long maxBufferBytes() { return maxBufferBytes; }
    public Duration deliveryDeadline() { return deliveryDeadline; }
    public Duration requestTimeout() { return requestTimeout; }

    /** {@code light} or {@code sdk} as given; null when not given (then {@code APPLOG_TRANSPORT}, else light). */
    public String transport() { return transport; }
    public int maxEventBytes() { return maxEventBytes; }
    /** An explicit endpoint, or {@code null}: the SDK then reads AWS_ENDPOINT_URL_CLOUDWATCH_LOGS / AWS_ENDPOINT_URL. */
    public URI endpoint() { return endpoint; }
    /** An explicit region, or {@code null}: the SDK then reads AWS_REGION. */
    public String region() { return region; }
    /** The client to use instead of the shared one, or {@code null}. */
    public Supplier<CloudWatchLogsClient> clientSupplier() { return clientSupplier; }
    /** Where printed events, echoes, the fallback and diagnostics go (default {@code System.out}). */
    public PrintStream out() { return out; }
    /** Where event timestamps come from (default the system clock, UTC). */
    public Clock clock() { return clock; }

    @Override
    public String toString() {
        return "LoggerConfig{kind=" + kind + ", level=" + level + ", group=" + group + ", stream=" + stream
                + ", function=" + function + ", format=" + format + ", echo=" + echo + ", purgeLevel=" + purgeLevel + "}";
    }

    // ---- the original's configuration map ------------------------------------------------------------

    private static final Set<String> LOGGING_KEYS = Set.of("class", "level", "cloud-watch", "format", "function", "echo", "service",
            "purge-level", "levels");
    private static final Set<String> CLOUD_WATCH_KEYS = Set.of("group", "stream", "function", "format", "level", "service",
            "region", "endpoint");

    /**
     * Reads the original logger's configuration: {@code {"logging": {"class": ..., "level": ...,
     * "cloud-watch": {"group": ..., "stream": ..., "function": ..., "format": ...}}}} (other top-level keys are
     * left alone, they belong to the application), or its inner form {@code {"class": ..., ...}}. In the inner
     * form the format defaults to {@code #mini}, as the original's did; in the nested form to {@code #standard}.
     * Accepted besides: {@code format}, {@code function}, {@code echo}, {@code service}, {@code purge-level} in the
     * logging section;
     * {@code level}, {@code service}, {@code region}, {@code endpoint} in the cloud-watch section. An unknown key
     * in either section is an error (it is most likely a typo that would otherwise be ignored).
     */
    public static LoggerConfig fromMap(Map<String, ?> map) {
        return parseMap(map).build();
    }

    /** {@link #fromMap(Map)} for the same structure written as JSON. */
    public static LoggerConfig fromJson(String json) {
        return parseMap(readJson(json)).build();
    }

    /** Like {@link #fromMap(Map)}, but returns the builder, to add settings (e.g. a test client) before building. */
    public static Builder parseMap(Map<String, ?> map) {
        return parseMap(map, (path, value) -> { });
    }

    /**
     * {@link #parseMap(Map)}, telling {@code read} each value it takes, in the order it takes them, with its path in
     * the logging section ({@code "level"}, {@code "cloud-watch.group"}, ...): the Lambda part's settings resolution
     * learns from it where each value came from, without reading the map a second time.
     */
    public static Builder parseMap(Map<String, ?> map, java.util.function.BiConsumer<String, Object> read) {
        if (map == null) {
            throw new AppLogConfigException("logging configuration", "null",
                    "a logging configuration is {\"logging\": {\"class\": ...}} or {\"class\": ...}");
        }
        Builder builder = builder();
        Map<String, ?> logging;
        if (map.containsKey("logging")) {
            logging = section(map.get("logging"), "logging");
            builder.format(LogFormat.parse("#standard"));
        } else if (map.containsKey("class")) {
            logging = map;
            builder.format(LogFormat.parse("#mini"));
        } else {
            throw new AppLogConfigException("logging configuration", String.valueOf(map.keySet()),
                    "a logging configuration is {\"logging\": {\"class\": ...}} or {\"class\": ...}");
        }
        checkKeys(logging, LOGGING_KEYS, "logging");
        builder.kind(LoggerKind.parse(text(logging, "class", "logging")));
        report(read, "", logging, "class", "level", "format", "function", "service", "levels", "echo", "purge-level");
        apply(builder, logging, "logging");
        if (logging.get("purge-level") != null) {
            builder.purgeLevel(text(logging, "purge-level", "logging"));
        }
        if (logging.get("cloud-watch") != null) {
            Map<String, ?> cw = section(logging.get("cloud-watch"), "logging.cloud-watch");
            checkKeys(cw, CLOUD_WATCH_KEYS, "logging.cloud-watch");
            report(read, "cloud-watch.", cw, "group", "stream", "level", "format", "function", "service", "levels",
                    "echo", "region", "endpoint");
            apply(builder, cw, "logging.cloud-watch");
            if (cw.get("group") != null) {
                builder.group(text(cw, "group", "logging.cloud-watch"));
            }
            if (cw.get("stream") != null) {
                builder.stream(text(cw, "stream", "logging.cloud-watch"));
            }
            if (cw.get("region") != null) {
                builder.region(text(cw, "region", "logging.cloud-watch"));
            }
            if (cw.get("endpoint") != null) {
                builder.endpoint(URI.create(text(cw, "endpoint", "logging.cloud-watch")));
            }
        }
        return builder;
    }

    private static void report(java.util.function.BiConsumer<String, Object> read, String prefix, Map<String, ?> section,
                               String... keys) {
        for (String key : keys) {
            Object value = section.get(key);
            if (value != null) {
                read.accept(prefix + key, value);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void apply(Builder builder, Map<String, ?> section, String where) {
        Object level = section.get("level");
        if (level instanceof Number) {
            builder.level(Level.ofNumber(((Number) level).intValue()));
        } else if (level != null) {
            builder.level(Level.parse(level.toString(), builder.out::println));
        }
        if (section.get("format") != null) {
            builder.format(LogFormat.parse(text(section, "format", where)));
        }
        if (section.get("function") != null) {
            builder.function(text(section, "function", where));
        }
        if (section.get("service") != null) {
            builder.service(text(section, "service", where));
        }
        Object levels = section.get("levels");
        if (levels instanceof Map) {
            builder.levels(LoggerLevels.fromMap((Map<String, ?>) levels));
        } else if (levels != null) {
            builder.levels(LoggerLevels.parse(text(section, "levels", where)));
        }
        Object echo = section.get("echo");
        if (echo instanceof Boolean) {
            builder.echo((Boolean) echo);
        } else if (echo != null) {
            String value = echo.toString().trim().toLowerCase(java.util.Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw new AppLogConfigException(where + ".echo", echo.toString(), "echo is true or false");
            }
            builder.echo(Boolean.parseBoolean(value));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> section(Object value, String where) {
        if (!(value instanceof Map)) {
            throw new AppLogConfigException(where, String.valueOf(value), where + " must be an object (a map)");
        }
        return (Map<String, ?>) value;
    }

    private static String text(Map<String, ?> section, String key, String where) {
        Object value = section.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof Iterable) {
            throw new AppLogConfigException(where + "." + key, value.toString(), key + " must be text");
        }
        return value.toString();
    }

    private static void checkKeys(Map<String, ?> section, Set<String> known, String where) {
        for (String key : section.keySet()) {
            if (!known.contains(key)) {
                throw new AppLogConfigException("key in " + where, key, "the keys known in " + where + " are "
                        + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> readJson(String json) {
        try {
            Object value = new ObjectMapper().readValue(json == null ? "null" : json, Object.class);
            if (value instanceof Map) {
                return (Map<String, ?>) value;
            }
            return section(value, "logging configuration");
        } catch (JsonProcessingException e) {
            throw new AppLogConfigException("logging configuration", String.valueOf(json),
                    "it must be a JSON object (" + e.getOriginalMessage() + ")");
        }
    }

    // ---- builder -----------------------------------------------------------------------------------

    /** Collects settings; {@link #build()} checks them. Not thread-safe; the built config is. */
    public static final class Builder {
        private LoggerKind kind = LoggerKind.CLOUD_WATCH;
        private Level level = Level.INFO;
        private LoggerLevels levels = LoggerLevels.defaults();
        private String group;
        private String stream = LogNames.DATE;
        private String function;
        private LogFormat format = LogFormat.parse("#standard");
        private Boolean echo;
        private Level purgeLevel = Level.CRITICAL;
        private String service;
        private int maxBufferedEvents = 10_000;
        private Duration maxBufferAge = Duration.ofSeconds(10);
        private long maxBufferBytes = 8L * 1024 * 1024;
        private Duration deliveryDeadline = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(5);
        private int maxEventBytes = SERVICE_MAX_BYTES;
        private URI endpoint;
        private String region;
        private Supplier<CloudWatchLogsClient> clientSupplier;
        private String transport;
        private PrintStream out = System.out;
        private Clock clock = Clock.systemUTC();
        private Function<String, String> environment = Environment.PROCESS;

        private Builder() { }

        private Builder copy() {
            Builder b = new Builder();
            b.kind = kind; b.level = level; b.levels = levels; b.group = group; b.stream = stream; b.function = function;
            b.format = format; b.echo = echo; b.purgeLevel = purgeLevel; b.service = service; b.maxBufferedEvents = maxBufferedEvents;
            b.maxBufferAge = maxBufferAge; b.maxBufferBytes = maxBufferBytes; b.deliveryDeadline = deliveryDeadline;
            b.requestTimeout = requestTimeout; b.maxEventBytes = maxEventBytes; b.endpoint = endpoint;
            b.region = region; b.clientSupplier = clientSupplier; b.out = out; b.clock = clock; b.transport = transport;
            b.environment = environment;
            return b;
        }

        public Builder kind(LoggerKind kind) { this.kind = Objects.requireNonNull(kind, "kind"); return this; }

        /** A kind's label: {@code cloud-watch}, {@code #print}, {@code #null}, {@code #standard-logger}. */
        public Builder kind(String label) { return kind(LoggerKind.parse(label)); }

        public Builder level(Level level) { this.level = level == null ? Level.INFO : level; return this; }

        /** Thresholds per logger name (the library defaults stay unless an entry names them). */
        public Builder levels(LoggerLevels levels) { this.levels = levels == null ? LoggerLevels.defaults() : levels; return this; }

        /** A level as text, read by {@link Level#parse(String, java.util.function.Consumer)}. */
        public Builder level(String level) { return level(Level.parse(level, out::println)); }

        /** The log group; {@code null} or empty makes a {@code cloud-watch} logger print instead. */
        public Builder group(String group) { this.group = group == null || group.isEmpty() ? null : group; return this; }

        /** The stream name; may hold {@code {date}} (the event's UTC day) and {@code {function}}. */
        public Builder stream(String stream) { this.stream = stream; return this; }

        public Builder function(String function) { this.function = function == null || function.isEmpty() ? null : function; return this; }

        public Builder format(LogFormat format) { this.format = Objects.requireNonNull(format, "format"); return this; }

        /** A label or format string, read by {@link LogFormat#parse(String)}. */
        public Builder format(String format) { return format(LogFormat.parse(format)); }

        /** Prints every event on {@link #out(PrintStream)} too; {@code null} means "when the level is DEBUG". */
        public Builder echo(Boolean echo) { this.echo = echo; return this; }

        /**
         * The level from which a log call purges before it returns (default CRITICAL): the events that lead up to
         * a failure are stored even if the process dies right after. {@code exception(...)} always purges.
         */
        public Builder purgeLevel(Level purgeLevel) {
            this.purgeLevel = Objects.requireNonNull(purgeLevel, "purgeLevel");
            return this;
        }

        /** {@link #purgeLevel(Level)} from its name ({@code ERROR}, {@code critical}, {@code 40}, ...). */
        public Builder purgeLevel(String purgeLevel) {
            Level level = purgeLevel == null || purgeLevel.isBlank() ? null : Level.parseOrNull(purgeLevel);
            if (level == null) {
                throw new AppLogConfigException("purge level", String.valueOf(purgeLevel), "a purge level is a level "
                        + "name: CRITICAL (the default: critical events are stored before the call returns), ERROR "
                        + "(errors too), WARNING, INFO or DEBUG (any case; also WARN, FATAL, TRACE or 10..50)");
            }
            this.purgeLevel = level;
            return this;
        }

        public Builder service(String service) { this.service = service; return this; }

        /** Send the buffer when it holds this many events (1..10,000). */
        public Builder maxBufferedEvents(int count) { this.maxBufferedEvents = count; return this; }

        /** Send the buffer when its oldest event is this old. */
        public Builder maxBufferAge(Duration age) { this.maxBufferAge = Objects.requireNonNull(age, "maxBufferAge"); return this; }

        /** The memory bound: events held (buffered or being sent) before a caller waits for the sender. */
        public Builder maxBufferBytes(long bytes) { this.maxBufferBytes = bytes; return this; }

        /** How long delivery is tried before the rest goes to the fallback. */
        public Builder deliveryDeadline(Duration deadline) { this.deliveryDeadline = Objects.requireNonNull(deadline, "deliveryDeadline"); return this; }

        /** The longest one HTTP attempt may take. */
        public Builder requestTimeout(Duration timeout) { this.requestTimeout = Objects.requireNonNull(timeout, "requestTimeout"); return this; }

        /** The largest event (UTF-8 bytes + 26) sent as one; longer messages are split into parts. */
        public Builder maxEventBytes(int bytes) { this.maxEventBytes = bytes; return this; }

        /** An explicit endpoint (e.g. a local one); normally left unset so that the SDK reads the environment. */
        public Builder endpoint(URI endpoint) { this.endpoint = endpoint; return this; }

        /** An explicit region; normally left unset so that the SDK reads AWS_REGION. */
        public Builder region(String region) { this.region = region; return this; }

        /**
         * {@code light} (the light transport on the SDK's signer and HTTP client) or {@code sdk} (the SDK's generated
         * client); null: {@code APPLOG_TRANSPORT}, else light.
         */
        public Builder transport(String transport) { this.transport = transport; return this; }

        /** A client to use instead of the shared one (tests, or a client the application configures itself). */
        public Builder clientSupplier(Supplier<CloudWatchLogsClient> supplier) { this.clientSupplier = supplier; return this; }

        /** Where printed events, echoes, the fallback and diagnostics go. */
        public Builder out(PrintStream out) { this.out = Objects.requireNonNull(out, "out"); return this; }

        /**
         * Where environment variables are read ({@code AWS_LAMBDA_FUNCTION_NAME}, {@code POWERTOOLS_SERVICE_NAME},
         * {@code AWS_REGION}, the endpoint and credential variables); default: the process environment.
         */
        public Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** Where event timestamps come from; a fixed or offset clock is for tests. */
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock, "clock"); return this; }

        /** Checks the settings; throws {@link AppLogConfigException} naming the rule a value breaks. */
        public LoggerConfig build() {
            if (group != null) {
                LogNames.checkGroup(group);
            }
            LogNames.checkStream(stream);
            if (function != null && (function.contains(":") || function.contains("*")) && stream.contains(LogNames.FUNCTION)) {
                LogNames.checkResolvedStream(stream, stream.replace(LogNames.FUNCTION, function));
            }
            if (maxBufferedEvents < 1 || maxBufferedEvents > 10_000) {
                throw new AppLogConfigException("maxBufferedEvents", String.valueOf(maxBufferedEvents),
                        "it is 1 to 10,000 (the service takes at most 10,000 events per request)");
            }
            if (maxEventBytes < 256 || maxEventBytes > SERVICE_MAX_BYTES) {
                throw new AppLogConfigException("maxEventBytes", String.valueOf(maxEventBytes),
                        "it is 256 to 1,048,576 (the service's limit for one event, UTF-8 bytes + 26)");
            }
            if (maxBufferBytes < maxEventBytes) {
                throw new AppLogConfigException("maxBufferBytes", String.valueOf(maxBufferBytes),
                        "it is at least maxEventBytes (" + maxEventBytes + "), so that one event fits");
            }
            if (maxBufferAge.isNegative() || maxBufferAge.isZero()) {
                throw new AppLogConfigException("maxBufferAge", maxBufferAge.toString(), "it is positive");
            }
            if (deliveryDeadline.isNegative() || deliveryDeadline.isZero()) {
                throw new AppLogConfigException("deliveryDeadline", deliveryDeadline.toString(), "it is positive");
            }
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new AppLogConfigException("requestTimeout", requestTimeout.toString(), "it is positive");
            }
            if (transport != null && !Transports.NAMES.contains(transport)) {
                throw new AppLogConfigException("transport", transport, Transports.RULE);
            }
            return new LoggerConfig(this);
        }
    }

    /** The settings as the original's nested map (for diagnostics and round trips). */
    public Map<String, Object> toMap() {
        Map<String, Object> cw = new LinkedHashMap<>();
        if (group != null) cw.put("group", group);
        cw.put("stream", stream);
        if (function != null) cw.put("function", function);
        cw.put("format", format.label());
        Map<String, Object> logging = new LinkedHashMap<>();
        logging.put("class", kind.label());
        logging.put("level", level.name());
        if (purgeLevel != Level.CRITICAL) logging.put("purge-level", purgeLevel.name());
        if (!levels.given().isEmpty()) {
            Map<String, Object> named = new LinkedHashMap<>();
            levels.given().forEach((name, value) -> named.put(name, value.name()));
            logging.put("levels", named);
        }
        logging.put("cloud-watch", cw);
        return Map.of("logging", logging);
    }
}
