package dev.applog.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.AppLogConfigException;
import dev.applog.Level;
import dev.applog.LogNames;
import dev.applog.LoggerConfig;
import dev.applog.LoggerKind;
import dev.applog.LoggerLevels;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Turns {@link LoggingSettings} into a checked {@link LoggerConfig} for one function, applying the
 * environment in the order {@link LoggingSettings} documents. Every error names where the bad value came
 * from (the annotation and its attribute, or the environment variable) and the rule it breaks.
 */
final class SettingsResolver {

    static final String GROUP = "APPLOG_GROUP";
    static final String STREAM = "APPLOG_STREAM";
    static final String LEVEL = "APPLOG_LEVEL";
    static final String FORMAT = "APPLOG_FORMAT";
    static final String ECHO = "APPLOG_ECHO";
    static final String PURGE_LEVEL = "APPLOG_PURGE_LEVEL";
    static final String CONFIG = "APPLOG_CONFIG";
    static final String LEVELS = "APPLOG_LEVELS";
    static final String LAMBDA_LEVEL = "AWS_LAMBDA_LOG_LEVEL";

    /** The settings that decide which logger is used; equal keys share one logger in a JVM. */
    record LoggerKey(String kind, String group, String stream, String level, String format, String function,
                     String config, String echo, String purgeLevel, String levels) {}

    /** A checked configuration and the key under which its logger is cached. */
    record Resolved(LoggerKey key, LoggerConfig config) {}

    /** One setting's value and the text that names where it came from. */
    private record Value(String text, String source) {}

    private final Function<String, String> environment;
    private final UnaryOperator<LoggerConfig.Builder> customizer;

    SettingsResolver(Function<String, String> environment, UnaryOperator<LoggerConfig.Builder> customizer) {
        this.environment = environment;
        this.customizer = customizer;
    }

    /**
     * @param functionName the name that replaces {@code {function}} in the stream
     * @throws AppLogConfigException naming the source and the rule of the first bad value
     */
    Resolved resolve(LoggingSettings settings, String functionName) {
        Value group = fromSettings(settings, "group", settings.group());
        Value stream = fromSettings(settings, "stream", settings.stream());
        Value level = fromSettings(settings, "level", settings.level());
        Value format = fromSettings(settings, "format", settings.format());
        Value echo = fromSettings(settings, "echo", settings.echo());
        Value purgeLevel = fromSettings(settings, "purgeLevel", settings.purgeLevel());
        Value kind = new Value(LoggerKind.CLOUD_WATCH.label(), settings.describe());

        String lambdaLevel = env(LAMBDA_LEVEL);
        if (lambdaLevel != null) {
            level = new Value(lambdaLevel, fromEnvironment(LAMBDA_LEVEL, lambdaLevel, settings));
        }

        String configText = env(CONFIG);
        LoggerConfig.Builder builder = LoggerConfig.builder();
        String function = null;
        if (configText != null) {
            Map<String, Object> config = readConfig(configText, settings);
            // parsed once: LoggerConfig reads it and says which values it took, with their paths
            Map<String, Object> read = new java.util.LinkedHashMap<>();
            try {
                builder = LoggerConfig.parseMap(config, read::put);
            } catch (AppLogConfigException e) {
                throw e.withSource(fromEnvironment(CONFIG, configText, settings));
            }
            kind = fromConfig(read, "class", kind, settings);
            level = fromConfig(read, "level", level, settings);
            format = fromConfig(read, "format", format, settings);
            group = fromConfig(read, "cloud-watch.group", group, settings);
            stream = fromConfig(read, "cloud-watch.stream", stream, settings);
            level = fromConfig(read, "cloud-watch.level", level, settings);
            format = fromConfig(read, "cloud-watch.format", format, settings);
            echo = fromConfig(read, "echo", echo, settings);
            purgeLevel = fromConfig(read, "purge-level", purgeLevel, settings);
            // as LoggerConfig takes it: the cloud-watch section's function over the logging section's
            Object configuredFunction = read.containsKey("cloud-watch.function") ? read.get("cloud-watch.function")
                    : read.get("function");
            function = configuredFunction == null || configuredFunction.toString().isEmpty() ? null : configuredFunction.toString();
        }

        group = fromVariable(GROUP, group, settings);
        stream = fromVariable(STREAM, stream, settings);
        level = fromVariable(LEVEL, level, settings);
        format = fromVariable(FORMAT, format, settings);
        echo = fromVariable(ECHO, echo, settings);
        purgeLevel = fromVariable(PURGE_LEVEL, purgeLevel, settings);

        String streamName = Placeholders.expandStream(stream.text(), function != null ? function : functionName);
        try {
            builder.kind(kind.text());
        } catch (AppLogConfigException e) {
            throw e.withSource(kind.source());
        }
        String groupName = group.text();
        if (!groupName.isEmpty()) {
            check(() -> LogNames.checkGroup(groupName), group);
        }
        check(() -> LogNames.checkStream(streamName), stream);
        builder.group(group.text()).stream(streamName);
        Level threshold = Level.parse(level.text());
        builder.level(threshold);
        LoggerConfig.Builder configured = builder;
        String formatText = format.text();
        check(() -> configured.format(formatText), format);
        if (function != null) {
            builder.function(function);
        }
        Boolean echoes = echo(echo);
        if (echoes != null) {
            builder.echo(echoes);
        }
        String purgeText = purgeLevel.text();
        if (!purgeText.isEmpty()) {
            check(() -> configured.purgeLevel(purgeText), purgeLevel);
        }
        String levelsText = env(LEVELS);
        if (levelsText != null) {
            try {
                builder.levels(LoggerLevels.parse(levelsText));
            } catch (AppLogConfigException e) {
                throw e.withSource(fromEnvironment(LEVELS, levelsText, settings));
            }
        }
        builder.environment(environment);  // the logger reads AWS_LAMBDA_FUNCTION_NAME, the region... where this did
        LoggerConfig.Builder custom = customizer.apply(builder);
        LoggerConfig config;
        try {
            config = custom.build();
        } catch (AppLogConfigException e) {
            throw e.withSource(settings.describe());
        }
        LoggerKey key = new LoggerKey(config.kind().label(), group.text(), streamName, threshold.name(),
                format.text(), function, configText, echo.text(), purgeText, levelsText);
        return new Resolved(key, config);
    }

    static final String LOG_EVENT = "APPLOG_LOG_EVENT";
    static final String LOG_RESPONSE = "APPLOG_LOG_RESPONSE";
    static final String LOG_ERROR = "APPLOG_LOG_ERROR";
    static final String CORRELATION_ID_PATH = "APPLOG_CORRELATION_ID_PATH";
    static final String CLEAR_STATE = "APPLOG_CLEAR_STATE";
    static final String SAMPLING_RATE = "APPLOG_SAMPLING_RATE";
    static final String BUFFER_AT_VERBOSITY = "APPLOG_BUFFER_AT_VERBOSITY";
    static final String BUFFER_MAX_BYTES = "APPLOG_BUFFER_MAX_BYTES";
    static final String FLUSH_ON_ERROR_LOG = "APPLOG_FLUSH_ON_ERROR_LOG";
    /** Powertools for AWS Lambda (Java)'s variables, read below ours so that a function moved from it keeps working. */
    static final String POWERTOOLS_LOG_EVENT = "POWERTOOLS_LOGGER_LOG_EVENT";
    static final String POWERTOOLS_LOG_RESPONSE = "POWERTOOLS_LOGGER_LOG_RESPONSE";
    static final String POWERTOOLS_LOG_ERROR = "POWERTOOLS_LOGGER_LOG_ERROR";
    static final String POWERTOOLS_SAMPLE_RATE = "POWERTOOLS_LOGGER_SAMPLE_RATE";

    /**
     * The invocation's options: each the settings' value, replaced by Powertools' variable where it has one, replaced
     * by ours.
     *
     * @throws AppLogConfigException naming the source and the rule of the first bad value
     */
    InvocationOptions options(LoggingSettings settings) {
        boolean logEvent = flag(settings, "logEvent", settings.logEvent(), POWERTOOLS_LOG_EVENT, LOG_EVENT);
        boolean logResponse = flag(settings, "logResponse", settings.logResponse(), POWERTOOLS_LOG_RESPONSE, LOG_RESPONSE);
        boolean logError = flag(settings, "logError", settings.logError(), POWERTOOLS_LOG_ERROR, LOG_ERROR);
        boolean clearState = flag(settings, "clearState", settings.clearState(), null, CLEAR_STATE);
        boolean flushOnError = flag(settings, "flushOnErrorLog", settings.flushOnErrorLog(), null,
                FLUSH_ON_ERROR_LOG);

        Value rate = new Value(String.valueOf(settings.samplingRate()),
                settings.describe("samplingRate", String.valueOf(settings.samplingRate())));
        rate = fromVariable(POWERTOOLS_SAMPLE_RATE, rate, settings);
        rate = fromVariable(SAMPLING_RATE, rate, settings);
        double samplingRate;
        try {
            samplingRate = Double.parseDouble(rate.text().trim());
        } catch (NumberFormatException e) {
            samplingRate = Double.NaN;
        }
        if (!(samplingRate >= 0 && samplingRate <= 1)) {
            throw new AppLogConfigException("sampling rate", rate.text(),
                    "it is a number from 0 (never) to 1 (every invocation), e.g. 0.1").withSource(rate.source());
        }

        Value path = fromSettings(settings, "correlationIdPath", settings.correlationIdPath());
        path = fromVariable(CORRELATION_ID_PATH, path, settings);
        CorrelationPath correlationPath = null;
        if (!path.text().isBlank()) {
            String named = dev.applog.CorrelationIdPaths.named(path.text());
            String expression = named != null ? named : path.text();
            try {
                correlationPath = CorrelationPath.of(expression);
            } catch (IllegalArgumentException e) {
                throw new AppLogConfigException("correlation id path", path.text(), e.getMessage()
                        + "; or one of API_GATEWAY_REST, API_GATEWAY_HTTP, APPLICATION_LOAD_BALANCER, EVENT_BRIDGE,"
                        + " APPSYNC_RESOLVER").withSource(path.source());
            }
        }

        Value bufferAt = fromSettings(settings, "bufferAtVerbosity", settings.bufferAtVerbosity());
        bufferAt = fromVariable(BUFFER_AT_VERBOSITY, bufferAt, settings);
        Level bufferLevel = null;
        if (!bufferAt.text().isBlank()) {
            String name = bufferAt.text().trim().toUpperCase(java.util.Locale.ROOT);
            switch (name) {
                case "DEBUG": case "TRACE": bufferLevel = Level.DEBUG; break;
                case "INFO": bufferLevel = Level.INFO; break;
                case "WARNING": case "WARN": bufferLevel = Level.WARNING; break;
                default:
                    throw new AppLogConfigException("buffer level", bufferAt.text(), "it is DEBUG, INFO or WARNING"
                            + " (events at that level and below are held; ERROR and CRITICAL are never held), or empty"
                            + " to hold nothing").withSource(bufferAt.source());
            }
        }

        Value maxBytes = new Value(String.valueOf(settings.bufferMaxBytes()),
                settings.describe("bufferMaxBytes", String.valueOf(settings.bufferMaxBytes())));
        maxBytes = fromVariable(BUFFER_MAX_BYTES, maxBytes, settings);
        long bufferMaxBytes;
        try {
            bufferMaxBytes = Long.parseLong(maxBytes.text().trim());
        } catch (NumberFormatException e) {
            bufferMaxBytes = -1;
        }
        if (bufferMaxBytes < 1) {
            throw new AppLogConfigException("buffer size", maxBytes.text(), "it is a whole number of bytes, 1 or more")
                    .withSource(maxBytes.source());
        }
        return new InvocationOptions(logEvent, logResponse, logError, correlationPath, samplingRate, bufferLevel,
                bufferMaxBytes, flushOnError, clearState);
    }

    /** A true/false option: the settings' value, then Powertools' variable (when it has one), then ours. */
    private boolean flag(LoggingSettings settings, String attribute, boolean value, String powertools, String ours) {
        Value current = new Value(String.valueOf(value), settings.describe(attribute, String.valueOf(value)));
        if (powertools != null) {
            current = fromVariable(powertools, current, settings);
        }
        current = fromVariable(ours, current, settings);
        String text = current.text().trim();
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new AppLogConfigException(attribute, current.text(), "it is true or false").withSource(current.source());
    }

    /** The margin before the deadline at which the watchdog flushes, when set by {@code APPLOG_FLUSH_MARGIN_MS}. */
    Long flushMarginMillis(LoggingSettings settings) {
        String text = env(InvocationScope.FLUSH_MARGIN);
        if (text == null) {
            return null;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AppLogConfigException("flush margin", text, "it is a whole number of milliseconds, 0 or more")
                .withSource(InvocationScope.FLUSH_MARGIN + "=\"" + text + "\" (environment, read by " + settings.describe() + ")");
    }

    /** The echo setting: {@code null} when unset (the default: on only at DEBUG); an error names its source. */
    private static Boolean echo(Value echo) {
        String text = echo.text().trim().toLowerCase(java.util.Locale.ROOT);
        if (text.isEmpty()) {
            return null;
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        throw new AppLogConfigException("echo", echo.text(), "echo is true (every event also printed on stdout) or "
                + "false").withSource(echo.source());
    }

    String env(String name) {
        String value = environment.apply(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private Value fromSettings(LoggingSettings settings, String attribute, String raw) {
        try {
            return new Value(Placeholders.expandEnvironment(raw, this::env), settings.describe(attribute, raw));
        } catch (IllegalArgumentException e) {
            throw new AppLogConfigException(attribute, raw, e.getMessage())
                    .withSource(settings.describe(attribute, raw));
        }
    }

    private Value fromVariable(String variable, Value current, LoggingSettings settings) {
        String value = env(variable);
        return value == null ? current : new Value(value, fromEnvironment(variable, value, settings));
    }

    private static Value fromConfig(Map<String, Object> read, String path, Value current, LoggingSettings settings) {
        Object value = read.get(path);
        if (value == null) {
            return current;
        }
        return new Value(value.toString(), "APPLOG_CONFIG (logging." + path + " = \"" + value + "\", environment,"
                + " overrides " + settings.describe() + ")");
    }

    private static String fromEnvironment(String variable, String value, LoggingSettings settings) {
        return variable + "=\"" + value + "\" (environment, overrides " + settings.describe() + ")";
    }

    private static void check(Runnable check, Value value) {
        try {
            check.run();
        } catch (AppLogConfigException e) {
            throw e.withSource(value.source());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readConfig(String text, LoggingSettings settings) {
        Object parsed;
        try {
            parsed = new ObjectMapper().readValue(text, Object.class);
        } catch (java.io.IOException e) {
            throw new AppLogConfigException("logging configuration", text, "it must be a JSON object such as"
                    + " {\"logging\": {\"class\": \"cloud-watch\", ...}} (" + e.getMessage().lines().findFirst().orElse("") + ")")
                    .withSource(fromEnvironment(CONFIG, text, settings));
        }
        if (!(parsed instanceof Map)) {
            throw new AppLogConfigException("logging configuration", text, "it must be a JSON object such as"
                    + " {\"logging\": {\"class\": \"cloud-watch\", ...}}")
                    .withSource(fromEnvironment(CONFIG, text, settings));
        }
        return (Map<String, Object>) parsed;
    }
}
