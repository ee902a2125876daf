package dev.applog.local.lambda;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One function as the local Lambda runs it.
 *
 * @param logicalId   the template's logical id
 * @param name        the function name (FunctionName, else the logical id): what the Invoke API answers to
 * @param handler     the handler string, e.g. {@code com.example.OrderHandler::handleRequest}
 * @param code        the function's code: a jar, a classes folder, a deployment zip, or a Maven project folder
 * @param layers      layer zips or folders (each holding {@code java/lib}), in the template's order
 * @param environment the template's variables (Globals merged with the function's), after overrides
 * @param timeoutSeconds the invocation timeout
 * @param memoryMb    MemorySize, also the function JVM's heap bound
 * @param runtime     the template's Runtime (informational: the local JVM runs every function)
 */
public record FunctionConfig(String logicalId, String name, String handler, Path code, List<Path> layers,
        Map<String, String> environment, int timeoutSeconds, int memoryMb, String runtime) {

    public FunctionConfig {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(code, "code");
        layers = List.copyOf(layers);
        environment = Map.copyOf(new LinkedHashMap<>(environment));
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException(logicalId + ": timeout must be at least 1 second");
        }
    }

    /** A function without a template: name = logical id, no layers, no variables, 3 s, 512 MB. */
    public static FunctionConfig of(String name, String handler, Path code) {
        return new FunctionConfig(name, name, handler, code, List.of(), Map.of(), 3, 512, "java21");
    }

    public FunctionConfig withLayers(List<Path> newLayers) {
        return new FunctionConfig(logicalId, name, handler, code, newLayers, environment, timeoutSeconds, memoryMb,
                runtime);
    }

    public FunctionConfig withEnvironment(Map<String, String> newEnvironment) {
        return new FunctionConfig(logicalId, name, handler, code, layers, newEnvironment, timeoutSeconds, memoryMb,
                runtime);
    }

    public FunctionConfig withTimeoutSeconds(int seconds) {
        return new FunctionConfig(logicalId, name, handler, code, layers, environment, seconds, memoryMb, runtime);
    }

    public FunctionConfig withMemoryMb(int megabytes) {
        return new FunctionConfig(logicalId, name, handler, code, layers, environment, timeoutSeconds, megabytes,
                runtime);
    }

    /** The ARN Lambda would give it, in the local account. */
    public String arn(String region) {
        return "arn:aws:lambda:" + region + ":" + SamTemplate.ACCOUNT_ID + ":function:" + name;
    }
}
