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
 *   <li>{@code APPLOG_CONFIG}: the original logger's JSON configuration, {@code {"logging": {"class": ...,
 *       "level": ..., "cloud-watch": {"group": ..., "stream": ..., "function": ..., "format": ...}}}} or its
 *       inner form {@code {"class": ..., ...}}; only the keys it holds override;</li>
 *   <li>{@code APPLOG_GROUP}, {@code APPLOG_STREAM}, {@code APPLOG_LEVEL}, {@code APPLOG_FORMAT}, {@code APPLOG_ECHO},
 *       {@code APPLOG_PURGE_LEVEL}.</li>
 * </ol>
 * An empty environment variable counts as unset. Every environment value is a deployment decision, so it
 * beats what was compiled in; ours beat Lambda's because they are specific to this logger.
 */
public final class LoggingSettings {

    private final String group;
    private final String stream;
    private final String level;
    private final String format;
    private final String echo;
    private final String purgeLevel;
    private final String where;
    private final boolean fromAnnotation;

    private LoggingSettings(Builder b) {
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
                .format(annotation.format()).where(where);
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

    /** Where these settings were written (a method or class name), or {@code null}. */
    public String where() { return where; }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder().group(group).stream(stream).level(level).format(format).echo(echo)
                .purgeLevel(purgeLevel).where(where);
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
                && echo.equals(s.echo) && purgeLevel.equals(s.purgeLevel) && Objects.equals(where, s.where) && fromAnnotation == s.fromAnnotation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(group, stream, level, format, echo, purgeLevel, where, fromAnnotation);
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

        private Builder() {}

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
