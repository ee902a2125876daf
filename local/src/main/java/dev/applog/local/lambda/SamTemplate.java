package dev.applog.local.lambda;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The functions of a SAM template, as the local Lambda runs them: {@code AWS::Serverless::Function}
 * resources (with {@code Globals.Function} merged in) and the {@code AWS::Serverless::LayerVersion}s they
 * name. {@code Ref}, {@code Fn::Sub}, {@code Fn::GetAtt} and {@code Fn::Join} (long or short form) are
 * resolved against the parameters (defaults, then overrides), the pseudo parameters and the resources'
 * names, far enough for names and environment values. Anything the local run cannot honour (a layer that
 * is not in the template, code in S3, an unknown intrinsic) is an error that names the function and
 * the property, never silently skipped.
 */
public final class SamTemplate {

    /** The account id in ARNs the local run makes up (the one the AWS documentation uses). */
    public static final String ACCOUNT_ID = "123456789012";

    private static final String FUNCTION = "AWS::Serverless::Function";
    private static final String LAYER = "AWS::Serverless::LayerVersion";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
    private static final int MAX_DEPTH = 20;

    private final Path file;
    private final Map<String, Object> resources;
    private final Map<String, String> parameters;
    private final String region;
    private final String stackName;
    private final Map<String, FunctionConfig> functions = new LinkedHashMap<>();

    private SamTemplate(Path file, Map<String, Object> root, Map<String, String> parameterOverrides, String region,
            String stackName) {
        this.file = file;
        this.region = region;
        this.stackName = stackName;
        this.resources = mapOrEmpty(root.get("Resources"), "Resources");
        this.parameters = new LinkedHashMap<>();
        Map<String, Object> declared = mapOrEmpty(root.get("Parameters"), "Parameters");
        for (Map.Entry<String, Object> parameter : declared.entrySet()) {
            Object defaultValue = mapOrEmpty(parameter.getValue(), "Parameters." + parameter.getKey()).get("Default");
            if (defaultValue != null) {
                parameters.put(parameter.getKey(), scalar(defaultValue));
            }
        }
        for (Map.Entry<String, String> override : parameterOverrides.entrySet()) {
            if (!declared.containsKey(override.getKey())) {
                throw new IllegalArgumentException("parameter override '" + override.getKey()
                        + "' is not declared in " + file + " (declared: " + declared.keySet() + ")");
            }
            parameters.put(override.getKey(), override.getValue());
        }
        Map<String, Object> globals = mapOrEmpty(mapOrEmpty(root.get("Globals"), "Globals").get("Function"),
                "Globals.Function");
        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            Map<String, Object> body = mapOrEmpty(resource.getValue(), "Resources." + resource.getKey());
            if (FUNCTION.equals(body.get("Type"))) {
                FunctionConfig function = function(resource.getKey(),
                        mapOrEmpty(body.get("Properties"), resource.getKey() + ".Properties"), globals);
                functions.put(resource.getKey(), function);
            }
        }
    }

    /** Reads a template; {@code parameterOverrides} replace parameters' defaults (names must be declared). */
    public static SamTemplate load(Path file, Map<String, String> parameterOverrides, String region, String stackName)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("template " + file + " does not exist");
        }
        Object root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = TemplateYaml.read(reader, file.toString());
        }
        if (!(root instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(file + " is not a template: its top level is not a mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) root;
        return new SamTemplate(file.toAbsolutePath().normalize(), map, parameterOverrides, region, stackName);
    }

    public Path file() {
        return file;
    }

    public String region() {
        return region;
    }

    /** The parameters' values after overrides. */
    public Map<String, String> parameters() {
        return Map.copyOf(parameters);
    }

    /** The functions by logical id, in template order. */
    public Map<String, FunctionConfig> functions() {
        return Map.copyOf(functions);
    }

    public Collection<FunctionConfig> functionList() {
        return List.copyOf(functions.values());
    }

    /** A function by logical id or by function name. */
    public FunctionConfig function(String logicalIdOrName) {
        FunctionConfig byId = functions.get(logicalIdOrName);
        if (byId != null) {
            return byId;
        }
        for (FunctionConfig function : functions.values()) {
            if (function.name().equals(logicalIdOrName)) {
                return function;
            }
        }
        throw new IllegalArgumentException("no function '" + logicalIdOrName + "' in " + file + " (functions: "
                + functions.keySet() + ")");
    }

    private FunctionConfig function(String logicalId, Map<String, Object> properties, Map<String, Object> globals) {
        String where = logicalId + ".Properties";
        Object handler = property("Handler", properties, globals);
        if (handler == null) {
            throw new IllegalArgumentException(where + ".Handler is missing (e.g. com.example.Handler::handleRequest)");
        }
        Object codeUri = property("CodeUri", properties, globals);
        if (codeUri == null) {
            throw new IllegalArgumentException(where + ".CodeUri is missing: the local run needs the function's code");
        }
        Object resolvedCode = resolve(codeUri, 0);
        if (!(resolvedCode instanceof String codePath)) {
            throw new IllegalArgumentException(where + ".CodeUri must be a local path (code in S3 cannot be run "
                    + "locally), got " + resolvedCode);
        }
        int timeout = integer(property("Timeout", properties, globals), 3, where + ".Timeout");
        if (timeout < 1 || timeout > 900) {
            throw new IllegalArgumentException(where + ".Timeout must be 1..900 seconds, got " + timeout);
        }
        int memory = integer(property("MemorySize", properties, globals), 128, where + ".MemorySize");
        if (memory < 128 || memory > 10_240) {
            throw new IllegalArgumentException(where + ".MemorySize must be 128..10240 MB, got " + memory);
        }
        Object nameProperty = properties.get("FunctionName");
        String name = nameProperty == null ? logicalId : scalar(resolve(nameProperty, 0));

        Map<String, String> environment = new LinkedHashMap<>();
        environment.putAll(variables(globals, "Globals.Function"));
        environment.putAll(variables(properties, where));

        List<Path> layers = new ArrayList<>();
        List<Object> layerRefs = new ArrayList<>();
        layerRefs.addAll(list(globals.get("Layers"), "Globals.Function.Layers"));
        layerRefs.addAll(list(properties.get("Layers"), where + ".Layers"));
        for (Object layerRef : layerRefs) {
            layers.add(layer(layerRef, where + ".Layers"));
        }
        Object runtime = property("Runtime", properties, globals);
        return new FunctionConfig(logicalId, name, scalar(resolve(handler, 0)),
                file.getParent().resolve(codePath).normalize(), layers, environment, timeout, memory,
                runtime == null ? "java21" : scalar(resolve(runtime, 0)));
    }

    private Path layer(Object layerRef, String where) {
        String logicalId = null;
        if (layerRef instanceof Map<?, ?> map && map.size() == 1 && map.get("Ref") instanceof String ref) {
            logicalId = ref;
        }
        if (logicalId == null) {
            Object resolved = resolve(layerRef, 0);
            throw new IllegalArgumentException(where + ": layer " + resolved + " is not defined in this template;"
                    + " the local run can only put a template's own AWS::Serverless::LayerVersion on the classpath"
                    + " (refer to it with !Ref)");
        }
        Map<String, Object> resource = mapOrEmpty(resources.get(logicalId), "Resources." + logicalId);
        if (!LAYER.equals(resource.get("Type"))) {
            throw new IllegalArgumentException(where + ": !Ref " + logicalId + " is not an " + LAYER);
        }
        Object contentUri = mapOrEmpty(resource.get("Properties"), logicalId + ".Properties").get("ContentUri");
        Object resolved = contentUri == null ? null : resolve(contentUri, 0);
        if (!(resolved instanceof String path)) {
            throw new IllegalArgumentException(logicalId + ".Properties.ContentUri must be a local path (a layer "
                    + "zip or a folder holding java/lib), got " + resolved);
        }
        return file.getParent().resolve(path).normalize();
    }

    private Map<String, String> variables(Map<String, Object> properties, String where) {
        Map<String, Object> environment = mapOrEmpty(properties.get("Environment"), where + ".Environment");
        Map<String, Object> variables = mapOrEmpty(environment.get("Variables"), where + ".Environment.Variables");
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> variable : variables.entrySet()) {
            Object value = resolve(variable.getValue(), 0);
            if (value != NO_VALUE) {
                values.put(variable.getKey(), value == null ? "" : scalar(value));
            }
        }
        return values;
    }

    private static Object property(String name, Map<String, Object> properties, Map<String, Object> globals) {
        return properties.containsKey(name) ? properties.get(name) : globals.get(name);
    }

    /** What {@code !Ref AWS::NoValue} resolves to: the property is left out. */
    private static final Object NO_VALUE = new Object();

    /** Resolves intrinsics in a value, recursively. */
    Object resolve(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(file + ": references nest too deep (a cycle?) at " + value);
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                resolved.add(resolve(item, depth + 1));
            }
            return resolved;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        if (map.size() == 1) {
            Map.Entry<?, ?> only = map.entrySet().iterator().next();
            String key = String.valueOf(only.getKey());
            Object argument = only.getValue();
            switch (key) {
                case "Ref" -> {
                    return ref(scalar(resolve(argument, depth + 1)), depth);
                }
                case "Fn::Sub" -> {
                    return sub(argument, depth);
                }
                case "Fn::GetAtt" -> {
                    Object resolved = resolve(argument, depth + 1);
                    List<?> parts = resolved instanceof List<?> l ? l : List.of(scalar(resolved).split("\\.", 2));
                    if (parts.size() != 2) {
                        throw new IllegalArgumentException(file + ": Fn::GetAtt needs [resource, attribute], got "
                                + resolved);
                    }
                    return getAtt(scalar(parts.get(0)), scalar(parts.get(1)), depth);
                }
                case "Fn::Join" -> {
                    Object resolved = resolve(argument, depth + 1);
                    if (!(resolved instanceof List<?> l) || l.size() != 2 || !(l.get(1) instanceof List<?> items)) {
                        throw new IllegalArgumentException(file + ": Fn::Join needs [separator, [values]], got "
                                + resolved);
                    }
                    List<String> texts = new ArrayList<>();
                    for (Object item : items) {
                        texts.add(scalar(item));
                    }
                    return String.join(scalar(l.get(0)), texts);
                }
                default -> {
                    if (key.startsWith("Fn::") || key.equals("Condition")) {
                        throw new IllegalArgumentException(file + ": " + key + " is not supported by the local run"
                                + " (supported: Ref, Fn::Sub, Fn::GetAtt, Fn::Join)");
                    }
                }
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            resolved.put(String.valueOf(entry.getKey()), resolve(entry.getValue(), depth + 1));
        }
        return resolved;
    }

    private Object ref(String name, int depth) {
        switch (name) {
            case "AWS::Region":
                return region;
            case "AWS::StackName":
                return stackName;
            case "AWS::AccountId":
                return ACCOUNT_ID;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::StackId":
                return "arn:aws:cloudformation:" + region + ":" + ACCOUNT_ID + ":stack/" + stackName + "/local";
            case "AWS::NoValue":
                return NO_VALUE;
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        Object resource = resources.get(name);
        if (resource instanceof Map<?, ?> body) {
            String type = String.valueOf(body.get("Type"));
            Map<?, ?> properties = body.get("Properties") instanceof Map<?, ?> p ? p : Map.of();
            return switch (type) {
                case FUNCTION -> functionName(name, properties, depth);
                case LAYER -> "arn:aws:lambda:" + region + ":" + ACCOUNT_ID + ":layer:"
                        + (properties.get("LayerName") == null ? name
                        : scalar(resolve(properties.get("LayerName"), depth + 1))) + ":1";
                case "AWS::Logs::LogGroup" -> properties.get("LogGroupName") == null ? name
                        : scalar(resolve(properties.get("LogGroupName"), depth + 1));
                default -> name;
            };
        }
        throw new IllegalArgumentException(file + ": !Ref " + name + " names no parameter, pseudo parameter or resource"
                + (parameters.isEmpty() ? "" : " (parameters with a value: " + parameters.keySet() + ")"));
    }

    private String functionName(String logicalId, Map<?, ?> properties, int depth) {
        return properties.get("FunctionName") == null ? logicalId
                : scalar(resolve(properties.get("FunctionName"), depth + 1));
    }

    private Object getAtt(String logicalId, String attribute, int depth) {
        Object resource = resources.get(logicalId);
        if (!(resource instanceof Map<?, ?> body)) {
            throw new IllegalArgumentException(file + ": !GetAtt " + logicalId + "." + attribute
                    + " names no resource");
        }
        String type = String.valueOf(body.get("Type"));
        Map<?, ?> properties = body.get("Properties") instanceof Map<?, ?> p ? p : Map.of();
        if (!attribute.equals("Arn")) {
            throw new IllegalArgumentException(file + ": !GetAtt " + logicalId + "." + attribute
                    + " is not supported by the local run (only .Arn)");
        }
        return switch (type) {
            case FUNCTION -> "arn:aws:lambda:" + region + ":" + ACCOUNT_ID + ":function:"
                    + functionName(logicalId, properties, depth);
            case "AWS::Logs::LogGroup" -> "arn:aws:logs:" + region + ":" + ACCOUNT_ID + ":log-group:"
                    + ref(logicalId, depth + 1) + ":*";
            default -> "arn:aws:local:" + region + ":" + ACCOUNT_ID + ":" + logicalId;
        };
    }

    private String sub(Object argument, int depth) {
        String text;
        Map<String, Object> variables = new LinkedHashMap<>();
        if (argument instanceof List<?> list && list.size() == 2 && list.get(1) instanceof Map<?, ?> map) {
            text = scalar(list.get(0));
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                variables.put(String.valueOf(entry.getKey()), resolve(entry.getValue(), depth + 1));
            }
        } else if (argument instanceof String string) {
            text = string;
        } else {
            throw new IllegalArgumentException(file + ": Fn::Sub needs a string or [string, {variables}], got "
                    + argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            Object value;
            if (variables.containsKey(name)) {
                value = variables.get(name);
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                value = getAtt(name.substring(0, dot), name.substring(dot + 1), depth + 1);
            } else {
                value = ref(name, depth + 1);
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(scalar(value)));
        }
        matcher.appendTail(result);
        // ${!Literal} is written as ${Literal}
        return result.toString().replace("${!", "${");
    }

    private static String scalar(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Boolean || value instanceof String) {
            return String.valueOf(value);
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d);
        }
        throw new IllegalArgumentException("expected a single value, got " + Objects.toString(value));
    }

    private int integer(Object value, int fallback, String where) {
        if (value == null) {
            return fallback;
        }
        String text = scalar(resolve(value, 0));
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a whole number, got '" + text + "'");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOrEmpty(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(where + " must be a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    private static List<Object> list(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(where + " must be a list, got " + value);
        }
        return new ArrayList<>(list);
    }
}
