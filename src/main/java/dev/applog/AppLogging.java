package dev.applog;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Switches on application logging for a Lambda handler method: before the method runs, the logger for
 * these settings is built (once per JVM) and injected into the handler's {@link AppLogger} fields; after
 * it, in a {@code finally}, an escaping exception is logged and rethrown unchanged and every buffered
 * event is sent before the method returns.
 *
 * <p>The method may be a {@code RequestHandler.handleRequest}, a {@code RequestStreamHandler.handleRequest}
 * or any method that receives a {@code com.amazonaws.services.lambda.runtime.Context} (without one it
 * still works, with the function name from {@code AWS_LAMBDA_FUNCTION_NAME} and no deadline).
 *
 * <p>Every value may name environment variables: {@code ${APP_LOG_GROUP}} (an error when unset) or
 * {@code ${APP_LOG_GROUP:-/app/shop}} (the default when unset or empty). The stream may also hold
 * {@code {function}} (the function's name) and {@code {date}} (the UTC day, {@code yyyy-MM-dd}).
 * Environment variables override these values at run time without a rebuild: see
 * {@link dev.applog.lambda.LoggingSettings} for the variables and their precedence.
 *
 * <p>The annotation takes effect where the AspectJ weaver has woven {@code dev.applog.lambda.AppLoggingAspect}
 * into the class (the library jar named in the aspectj-maven-plugin's {@code aspectLibraries}). Without
 * weaving, {@link dev.applog.lambda.LambdaLogging} gives the same behaviour by wrapping the handler.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AppLogging {

    /** The CloudWatch Logs group. Empty means no group: the logger prints to stdout, as the original did (the Python {@code custom_logging.py} logger; docs/logger.md#the-original). */
    String group() default "";

    /** The CloudWatch Logs stream, shared by every function of the application that names it. */
    String stream() default "applog-{date}";

    /** The threshold: DEBUG, INFO, WARNING, ERROR, CRITICAL (any case, aliases, or 10..50). Empty means INFO. */
    String level() default "";

    /** {@code #json}, {@code #standard}, {@code #short}, {@code #simple}, {@code #mini}, or a format string. */
    String format() default "#json";

    // ---- the options of Powertools for AWS Lambda (Java)'s @Logging, under its names ------------------------
    // each is also set by an APPLOG_* variable (and the POWERTOOLS_LOGGER_* one where Powertools has one):
    // see LoggingSettings for the variables and their precedence

    /** Logs the incoming event at INFO when the invocation starts ({@code APPLOG_LOG_EVENT}). */
    boolean logEvent() default false;

    /** Logs what the handler returns (a stream handler: what it wrote) at INFO ({@code APPLOG_LOG_RESPONSE}). */
    boolean logResponse() default false;

    /**
     * Logs an exception escaping the handler at ERROR with its stack trace ({@code APPLOG_LOG_ERROR}). On by default,
     * unlike Powertools: applog always did, and a failure nobody logged is the costliest line to miss.
     */
    boolean logError() default true;

    /**
     * A JMESPath expression whose value in the event is the invocation's {@code correlation_id}, e.g.
     * {@link dev.applog.CorrelationIdPaths#API_GATEWAY_REST} ({@code APPLOG_CORRELATION_ID_PATH}). Empty: the
     * event's {@code correlation_id} / {@code correlationId} / {@code x-correlation-id} header, else the request id.
     */
    String correlationIdPath() default "";

    /**
     * Keys added with {@code AppLog.appendKey} end with the invocation ({@code APPLOG_CLEAR_STATE}). False keeps
     * them for the next invocations of this handler in the JVM.
     */
    boolean clearState() default true;

    /**
     * The share of invocations, 0 to 1, logged at DEBUG whatever the level, decided once per invocation; the
     * events carry {@code sampling_rate} and {@code sampled} ({@code APPLOG_SAMPLING_RATE}).
     */
    double samplingRate() default 0;

    /**
     * Debug buffering: events at this level and below (DEBUG, INFO or WARNING) are held for the invocation and
     * stored only when it logs an ERROR or ends with an exception, or when the deadline watchdog fires; empty
     * holds nothing ({@code APPLOG_BUFFER_AT_VERBOSITY}).
     */
    String bufferAtVerbosity() default "";

    /** The most bytes held per invocation; the oldest make room, and one line says so ({@code APPLOG_BUFFER_MAX_BYTES}). */
    long bufferMaxBytes() default 20_480;

    /** An ERROR (or CRITICAL) event stores what is held first ({@code APPLOG_FLUSH_ON_ERROR_LOG}). */
    boolean flushOnErrorLog() default true;
}
