package dev.applog.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --env-vars env.json}, with {@code sam local invoke}'s rules: {@code {"FunctionName": {"VAR": "value"},
 * "Parameters": {"VAR": "value"}}}, where a function's section is found by logical id or function name and
 * {@code Parameters} applies to every function, the function's own section winning. Only variables the
 * template declares for that function are overridden; the others are ignored (SAM does the same), and
 * {@link #ignored()} lists them so a typo can be reported rather than silently lost.
 */
public final class EnvVarsOverrides {

    private final Map<String, Map<String, String>> byFunction;
    private final Map<String, String> forAll;
    private final List<String> ignored = new ArrayList<>();

    private EnvVarsOverrides(Map<String, Map<String, String>> byFunction, Map<String, String> forAll) {
        this.byFunction = byFunction;
        this.forAll = forAll;
    }

    public static EnvVarsOverrides none() {
        return new EnvVarsOverrides(Map.of(), Map.of());
    }

    public static EnvVarsOverrides read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--env-vars file " + file + " does not exist");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("--env-vars file " + file + " is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("--env-vars file " + file + " must hold a JSON object such as "
                    + "{\"OrderFunction\": {\"VAR\": \"value\"}, \"Parameters\": {\"VAR\": \"value\"}}");
        }
        Map<String, Map<String, String>> byFunction = new LinkedHashMap<>();
        Map<String, String> forAll = Map.of();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            Map<String, String> values = values(file, section.getKey(), section.getValue());
            if (section.getKey().equals("Parameters")) {
                forAll = values;
            } else {
                byFunction.put(section.getKey(), values);
            }
        }
        return new EnvVarsOverrides(byFunction, forAll);
    }

    private static Map<String, String> values(Path file, String section, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("--env-vars file " + file + ": \"" + section
                    + "\" must be an object of variable names to values");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> variable = it.next();
            JsonNode value = variable.getValue();
            if (value.isContainerNode()) {
                throw new IllegalArgumentException("--env-vars file " + file + ": " + section + "."
                        + variable.getKey() + " must be a string, number or boolean");
            }
            values.put(variable.getKey(), value.isNull() ? "" : value.asText());
        }
        return values;
    }

    /** The function with its declared variables overridden. */
    public FunctionConfig apply(FunctionConfig function) {
        Map<String, String> environment = new LinkedHashMap<>(function.environment());
        Map<String, String> own = byFunction.containsKey(function.logicalId()) ? byFunction.get(function.logicalId())
                : byFunction.getOrDefault(function.name(), Map.of());
        override(environment, forAll, function, "Parameters", false);
        override(environment, own, function, function.logicalId(), true);
        return function.withEnvironment(environment);
    }

    private void override(Map<String, String> environment, Map<String, String> values, FunctionConfig function,
            String section, boolean reportIgnored) {
        for (Map.Entry<String, String> value : values.entrySet()) {
            if (environment.containsKey(value.getKey())) {
                environment.put(value.getKey(), value.getValue());
            } else if (reportIgnored) {
                ignored.add(section + "." + value.getKey() + " (not declared in the template's Environment of "
                        + function.logicalId() + ")");
            }
        }
    }

    /** Overrides that named a variable the function does not declare, so were not applied. */
    public List<String> ignored() {
        return List.copyOf(ignored);
    }
}
