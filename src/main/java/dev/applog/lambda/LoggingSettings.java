package dev.applog.lambda;

import dev.applog.AppLogging;
import java.util.Objects;

/**
 * The logging settings of a handler as written: by an {@link AppLogging} annotation, or in code for
 * {@link LambdaLogging}'s wrappers. Immutable; made with {@link #builder()} or {@link #of(AppLogging)}.
 *
 * <p>Values may hold {@code ${VAR}} / {@code ${VAR:-default}} and the stream {@code {function}} and
 * {@code {date}}. At each invocation they are resolved against the environment, lowest to highest
 * precedence (a later source replaces only the settings it names):
 * <ol>
 *   <li>these values (the annotation's attributes, or the builder's);</li>
 *   <li>{@code AWS_LAMBDA_LOG_LEVEL} (Lambda's advanced logging controls), for the level only;</li>
 *   <li>{@code APPLOG_CONFIG}: the original logger's (the Python {@code custom_logging.py}; docs/logger.md#the-original) JSON configuration, {@code {"logging": {"class": ...,
 *       "level": ..., "cloud-watch": {"group": ..., "stream": ..., "function": ..., "format": ...}}}} or its
 *       inner form {@code {"class": ..., ...}}; only the keys it holds override;</li>
 *   <li>{@code APPLOG_GROUP}, {@code APPLOG_STREAM}, {@code APPLOG_LEVEL}, {@code APPLOG_FORMAT}, {@code APPLOG_ECHO},
 *       {@code APPLOG_PURGE_LEVEL}.</li>
 * </ol>
 * The invocation's options, under Powertools for AWS Lambda (Java)'s names: these values, then the
 * {@code POWERTOOLS_LOGGER_*} variable where Powertools has one (so a function moved from it keeps its
 * configuration), then ours, which win: {@code logEvent} ({@code POWERTOOLS_LOGGER_LOG_EVENT},
 * {@code APPLOG_LOG_EVENT}), {@code logResponse} ({@code POWERTOOLS_LOGGER_LOG_RESPONSE}, {@code APPLOG_LOG_RESPONSE}),
 * {@code logError} ({@code POWERTOOLS_LOGGER_LOG_ERROR}, {@code APPLOG_LOG_ERROR}), {@code samplingRate}
 * ({@code POWERTOOLS_LOGGER_SAMPLE_RATE}, {@code APPLOG_SAMPLING_RATE}), {@code correlationIdPath}
 * ({@code APPLOG_CORRELATION_ID_PATH}), {@code clearState} ({@code APPLOG_CLEAR_STATE}), {@code bufferAtVerbosity}
 * ({@code APPLOG_BUFFER_AT_VERBOSITY}), {@code bufferMaxBytes} ({@code APPLOG_BUFFER_MAX_BYTES}),
 * {@code flushOnErrorLog} ({@code APPLOG_FLUSH_ON_ERROR_LOG}).
 * An empty environment variable counts as unset. Every environment value is a deployment decision, so it
 * beats what was compiled in; ours beat Lambda's because they are specific to this logger.
 */
public final class LoggingSettings {

    /** {@link AppLogging#bufferMaxBytes()}'s default. */
    public static final long DEFAULT_BUFFER_MAX_BYTES = 20_480;

    private final String group;
    private final String stream;
    private final String level;
    private final String format;
    private final String echo;
    private final String purgeLevel;
    private final String where;
    private final boolean fromAnnotation;
    private final boolean logEvent;
    private final boolean logResponse;
    private final boolean logError;
    private final String correlationIdPath;
    private final boolean clearState;
    private final double samplingRate;
    private final String bufferAtVerbosity;
    private final long bufferMaxBytes;
    private final boolean flushOnErrorLog;

    private LoggingSettings(Builder b) {
        this.logEvent = b.logEvent;
        this.logResponse = b.logResponse;
        this.logError = b.logError;
        this.correlationIdPath = b.correlationIdPath;
        this.clearState = b.clearState;
        this.samplingRate = b.samplingRate;
        this.bufferAtVerbosity = b.bufferAtVerbosity;
        this.bufferMaxBytes = b.bufferMaxBytes;
        this.flushOnErrorLog = b.flushOnErrorLog;
        this.group = b.group;
        this.stream = b.stream;
        this.level = b.level;
        this.format = b.format;
        this.echo = b.echo;
        this.purgeLevel = b.purgeLevel;
        this.where = b.where;
        this.fromAnnotation = b.fromAnnotation;
    }

    /** Settings with the annotation's defaults; change them with the builder's methods. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings an annotation holds. */
    public static LoggingSettings of(AppLogging annotation) {
        return of(annotation, null);
    }

    /**
     * The settings an annotation holds; {@code where} (e.g. {@code "com.x.Handler.handleRequest"}) is named
     * in error messages.
     */
    public static LoggingSettings of(AppLogging annotation, String where) {
        Builder b = builder().group(annotation.group()).stream(annotation.stream()).level(annotation.level())
                .format(annotation.format()).where(where)
                .logEvent(annotation.logEvent()).logResponse(annotation.logResponse()).logError(annotation.logError())
                .correlationIdPath(annotation.correlationIdPath()).clearState(annotation.clearState())
                .samplingRate(annotation.samplingRate()).bufferAtVerbosity(annotation.bufferAtVerbosity())
                .bufferMaxBytes(annotation.bufferMaxBytes()).flushOnErrorLog(annotation.flushOnErrorLog());
        b.fromAnnotation = true;
        return b.build();
    }

    public String group() { return group; }

    public String stream() { return stream; }

    public String level() { return level; }

    public String format() { return format; }

    /** {@code true} or {@code false}, or empty: the default (on only at DEBUG). */
    public String echo() { return echo; }

    /** The purge level's name, or empty: the default (CRITICAL). */
    public String purgeLevel() { return purgeLevel; }

    public boolean logEvent() { return logEvent; }

    public boolean logResponse() { return logResponse; }

    public boolean logError() { return logError; }

    public String correlationIdPath() { return correlationIdPath; }

    public boolean clearState() { return clearState; }

    public double samplingRate() { return samplingRate; }

    public String bufferAtVerbosity() { return bufferAtVerbosity; }

    public long bufferMaxBytes() { return bufferMaxBytes; }

    public boolean flushOnErrorLog() { return flushOnErrorLog; }

    /** Where these settings were written (a method or class name), or {@code null}. */
    public String where() { return where; }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder().group(group).stream(stream).level(level).format(format).echo(echo)
                .purgeLevel(purgeLevel).where(where)
                .logEvent(logEvent).logResponse(logResponse).logError(logError).correlationIdPath(correlationIdPath)
                .clearState(clearState).samplingRate(samplingRate).bufferAtVerbosity(bufferAtVerbosity)
                .bufferMaxBytes(bufferMaxBytes).flushOnErrorLog(flushOnErrorLog);
        b.fromAnnotation = fromAnnotation;
        return b;
    }

    /**
     * How an attribute is named in an error message: {@code @AppLogging(group = "bad name") on
     * com.x.Handler.handleRequest}, or {@code LoggingSettings.group("bad name") for com.x.Handler}.
     */
    String describe(String attribute, String value) {
        String quoted = '"' + String.valueOf(value) + '"';
        String text = fromAnnotation
                ? "@AppLogging(" + attribute + " = " + quoted + ")" + (where == null ? "" : " on " + where)
                : "LoggingSettings." + attribute + "(" + quoted + ")" + (where == null ? "" : " for " + where);
        return text;
    }

    /** Names the settings as a whole, e.g. {@code @AppLogging on com.x.Handler.handleRequest}. */
    String describe() {
        String name = fromAnnotation ? "@AppLogging" : "LoggingSettings";
        return where == null ? name : name + (fromAnnotation ? " on " : " for ") + where;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LoggingSettings)) {
            return false;
        }
        LoggingSettings s = (LoggingSettings) o;
        return group.equals(s.group) && stream.equals(s.stream) && level.equals(s.level) && format.equals(s.format)
                && echo.equals(s.echo) && purgeLevel.equals(s.purgeLevel) && Objects.equals(where, s.where) && fromAnnotation == s.fromAnnotation
                && logEvent == s.logEvent && logResponse == s.logResponse && logError == s.logError
                && correlationIdPath.equals(s.correlationIdPath) && clearState == s.clearState
                && Double.compare(samplingRate, s.samplingRate) == 0 && bufferAtVerbosity.equals(s.bufferAtVerbosity)
                && bufferMaxBytes == s.bufferMaxBytes && flushOnErrorLog == s.flushOnErrorLog;
    }

    @Override
    public int hashCode() {
        return Objects.hash(group, stream, level, format, echo, purgeLevel, where, fromAnnotation, logEvent, logResponse, logError,
                correlationIdPath, clearState, samplingRate, bufferAtVerbosity, bufferMaxBytes, flushOnErrorLog);
    }

    @Override
    public String toString() {
        return describe() + "{group=" + group + ", stream=" + stream + ", level=" + level + ", format=" + format
                + (echo.isEmpty() ? "" : ", echo=" + echo) + (purgeLevel.isEmpty() ? "" : ", purgeLevel=" + purgeLevel) + "}";
    }

    /** Collects settings. The defaults are the annotation's. */
    public static final class Builder {
        private String group = "";
        private String stream = "applog-{date}";
        private String level = "";
        private String format = "#json";
        private String echo = "";
        private String purgeLevel = "";
        private String where;
        private boolean fromAnnotation;
        private boolean logEvent;
        private boolean logResponse;
        private boolean logError = true;
        private String correlationIdPath = "";
        private boolean clearState = true;
        private double samplingRate;
        private String bufferAtVerbosity = "";
        private long bufferMaxBytes = DEFAULT_BUFFER_MAX_BYTES;
        private boolean flushOnErrorLog = true;

        private Builder() {}

        /** Log the incoming event at INFO. */
        public Builder logEvent(boolean logEvent) { this.logEvent = logEvent; return this; }

        /** Log the handler's response at INFO. */
        public Builder logResponse(boolean logResponse) { this.logResponse = logResponse; return this; }

        /** Log an escaping exception at ERROR (default true). */
        public Builder logError(boolean logError) { this.logError = logError; return this; }

        /** A JMESPath expression for the correlation id (see {@link dev.applog.CorrelationIdPaths}); empty: the default lookup. */
        public Builder correlationIdPath(String path) { this.correlationIdPath = nonNull(path); return this; }

        /** Appended keys end with the invocation (default true). */
        public Builder clearState(boolean clearState) { this.clearState = clearState; return this; }

        /** The share of invocations logged at DEBUG, 0 to 1 (checked when resolved). */
        public Builder samplingRate(double rate) { this.samplingRate = rate; return this; }

        /** Hold events at this level and below until the invocation fails; empty: hold nothing. */
        public Builder bufferAtVerbosity(String level) { this.bufferAtVerbosity = nonNull(level); return this; }

        /** The most bytes held per invocation (checked when resolved). */
        public Builder bufferMaxBytes(long bytes) { this.bufferMaxBytes = bytes; return this; }

        /** An ERROR event stores what is held first (default true). */
        public Builder flushOnErrorLog(boolean flush) { this.flushOnErrorLog = flush; return this; }

        /** The log group; empty means none (the logger prints). May hold {@code ${VAR:-default}}. */
        public Builder group(String group) { this.group = nonNull(group); return this; }

        /** The stream; may hold {@code ${VAR:-default}}, {@code {function}} and {@code {date}}. */
        public Builder stream(String stream) { this.stream = nonNull(stream); return this; }

        /** The threshold's name; empty means INFO. */
        public Builder level(String level) { this.level = nonNull(level); return this; }

        /** A format label ({@code #json}, {@code #standard}, ...) or a format string. */
        public Builder format(String format) { this.format = nonNull(format); return this; }

        /**
         * {@code "true"}: every event is also printed on stdout as it is logged (the function's own log stream,
         * which keeps it if the process dies); empty: the default (on only at DEBUG). May hold {@code ${VAR}}.
         */
        public Builder echo(String echo) { this.echo = nonNull(echo); return this; }

        /**
         * The level from which a log call stores its event before it returns, e.g. {@code "ERROR"}; empty: the
         * default, CRITICAL. May hold {@code ${VAR}}.
         */
        public Builder purgeLevel(String purgeLevel) { this.purgeLevel = nonNull(purgeLevel); return this; }

        /** Names where the settings belong (e.g. the handler's class) in error messages. */
        public Builder where(String where) { this.where = where; return this; }

        public LoggingSettings build() { return new LoggingSettings(this); }

        private static String nonNull(String value) { return value == null ? "" : value; }
    }
}
