package dev.applog.delivery;

import java.util.function.Function;

/**
 * The process environment, as the library reads it: the one place that calls {@code System.getenv}. Everything else
 * reads variables through a {@code Function<String, String>} it is given ({@code dev.applog.LoggerConfig#environment()},
 * {@code LambdaLogging.Builder.environment}), this one by default, so that a test or an embedding application can
 * inject another. The parts kept once per JVM (the bridges' printer and init phase, the notice of a logger used outside
 * an invocation) read {@link #current()}: the environment of the {@code LambdaLogging} the aspect uses. (The AWS SDK's
 * own lookups, such as its credentials chain, read the process environment.) Here, at the bottom, since delivery reads
 * it too (the transports' endpoint and credential variables). Internal; not API: public for the packages above.
 */
public final class Environment {

    /** The process environment. */
    public static final Function<String, String> PROCESS = System::getenv;

    /** The variable Lambda sets to the function's name. */
    public static final String FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";

    /** What {@code {function}} in a stream name becomes when no function name is known (outside Lambda). */
    public static final String UNNAMED_FUNCTION = "unnamed-function";

    private static volatile Function<String, String> current = PROCESS;

    private Environment() {}

    /**
     * The environment the library's once-per-JVM parts read: the one given to the {@code LambdaLogging} the aspect
     * uses ({@code LambdaLogging.useShared}), by default the process environment.
     */
    public static Function<String, String> current() {
        return current;
    }

    /** Makes {@code environment} the one {@link #current()} gives. Called by {@code LambdaLogging.useShared}. */
    public static void use(Function<String, String> environment) {
        if (environment == null) {
            throw new IllegalArgumentException("environment is null: pass Environment.PROCESS for the process environment");
        }
        current = environment;
    }

    /**
     * The function's name, the one rule every part uses: {@code configured} (the {@code function} setting), else
     * {@code fromContext} (the Lambda context's), else {@code AWS_LAMBDA_FUNCTION_NAME}; null when none of them is set
     * and not empty. A stream's {@code {function}} then becomes {@link #UNNAMED_FUNCTION}, the formats' {@code {func}}
     * and {@code function_name} are left empty.
     */
    public static String functionName(String configured, String fromContext, Function<String, String> environment) {
        if (configured != null && !configured.isEmpty()) {
            return configured;
        }
        if (fromContext != null && !fromContext.isBlank()) {
            return fromContext;
        }
        String fromEnvironment = environment.apply(FUNCTION_NAME);
        return fromEnvironment == null || fromEnvironment.isEmpty() ? null : fromEnvironment;
    }
}
