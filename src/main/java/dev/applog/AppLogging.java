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

    /** The CloudWatch Logs group. Empty means no group: the logger prints to stdout, as the original did. */
    String group() default "";

    /** The CloudWatch Logs stream, shared by every function of the application that names it. */
    String stream() default "applog-{date}";

    /** The threshold: DEBUG, INFO, WARNING, ERROR, CRITICAL (any case, aliases, or 10..50). Empty means INFO. */
    String level() default "";

    /** {@code #json}, {@code #standard}, {@code #short}, {@code #simple}, {@code #mini}, or a format string. */
    String format() default "#json";
}
