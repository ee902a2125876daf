package dev.applog.examples.shop;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.AppLogging;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks template.yaml against what the build produced: for every function, that its handler names a
 * class in the function jar and a handler method of that class, that its code is that jar, that its
 * layer is the LayerVersion whose content is the layer zip (and fits the function's runtime), that every
 * environment variable its code reads is declared, and that its role grants the shop's log group (and its own) and
 * the functions it calls, and nothing else. Returns the problems, each naming the resource and the rule.
 */
final class TemplateCheck {

    /** The variables each handler reads besides its @AppLogging placeholders, and the handler each names. */
    static final Map<String, Map<String, String>> CALLS = Map.of(
            OrderHandler.class.getName(), Map.of(
                    ShopFunctions.PAYMENT_FUNCTION, PaymentHandler.class.getName(),
                    ShopFunctions.INVENTORY_FUNCTION, InventoryHandler.class.getName()));

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> LOG_ACTIONS = Set.of("logs:CreateLogStream", "logs:PutLogEvents");

    private final JsonNode template;
    private final Path directory;
    private final Path functionJar;
    private final Path layerZip;
    private final List<String> problems = new ArrayList<>();

    private TemplateCheck(JsonNode template, Path directory, Path functionJar, Path layerZip) {
        this.template = template;
        this.directory = directory;
        this.functionJar = functionJar;
        this.layerZip = layerZip;
    }

    /** The problems of the template text, read as if it were in {@code directory}. */
    static List<String> problems(String templateText, Path directory, Path functionJar, Path layerZip) throws IOException {
        TemplateCheck check = new TemplateCheck(CloudFormationYaml.read(templateText), directory, functionJar, layerZip);
        check.run();
        return check.problems;
    }

    /** The problems of a {@code sam local invoke --env-vars} file: SAM ignores what the template does not declare. */
    static List<String> envVarsProblems(String templateText, String envJson) throws IOException {
        TemplateCheck check = new TemplateCheck(CloudFormationYaml.read(templateText), null, null, null);
        JsonNode env = new ObjectMapper().readTree(envJson);
        Map<String, JsonNode> functions = check.functions();
        for (Iterator<Map.Entry<String, JsonNode>> it = env.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            List<String> targets = entry.getKey().equals("Parameters")
                    ? List.copyOf(functions.keySet()) : List.of(entry.getKey());
            for (String target : targets) {
                if (!functions.containsKey(target)) {
                    check.problems.add("env vars: " + target + " is not a function of the template");
                    continue;
                }
                Set<String> declared = check.environment(functions.get(target)).keySet();
                entry.getValue().fieldNames().forEachRemaining(name -> {
                    if (!declared.contains(name)) {
                        check.problems.add("env vars: " + name + " is not declared for " + target + ", so SAM would ignore it");
                    }
                });
            }
        }
        return check.problems;
    }

    private void run() throws IOException {
        Map<String, JsonNode> functions = functions();
        if (functions.isEmpty()) {
            problems.add("the template has no AWS::Serverless::Function");
        }
        for (Map.Entry<String, JsonNode> function : functions.entrySet()) {
            checkFunction(function.getKey(), function.getValue(), functions);
        }
        JsonNode group = resource("ShopLogGroup");
        if (!"AWS::Logs::LogGroup".equals(group.path("Type").asText())) {
            problems.add("ShopLogGroup: an AWS::Logs::LogGroup is expected");
        } else if (!group.path("Properties").has("RetentionInDays")) {
            problems.add("ShopLogGroup: RetentionInDays is missing");
        }
    }

    private void checkFunction(String id, JsonNode function, Map<String, JsonNode> functions) throws IOException {
        String handler = property(function, "Handler").asText();
        Method method = handlerMethod(id, handler);

        Path code = directory.resolve(property(function, "CodeUri").asText()).normalize();
        if (!code.equals(functionJar.normalize())) {
            problems.add(id + ": CodeUri " + property(function, "CodeUri").asText() + " is not the jar the build makes (" + functionJar + ")");
        } else if (!Files.isRegularFile(code)) {
            problems.add(id + ": CodeUri " + code + " does not exist (build it first)");
        }

        String runtime = property(function, "Runtime").asText();
        JsonNode layers = property(function, "Layers");
        boolean ourLayer = false;
        for (JsonNode layer : layers) {
            String ref = layer.path("Ref").asText();
            JsonNode resource = resource(ref);
            if (!"AWS::Serverless::LayerVersion".equals(resource.path("Type").asText())) {
                problems.add(id + ": layer " + layer + " is not a AWS::Serverless::LayerVersion of the template");
                continue;
            }
            String contentUri = resource.path("Properties").path("ContentUri").asText();
            Path content = directory.resolve(contentUri).normalize();
            if (!content.equals(layerZip.normalize())) {
                problems.add(id + ": layer " + ref + " has ContentUri " + contentUri + ", not the zip the layer module builds (" + layerZip + ")");
            } else if (!Files.isRegularFile(content)) {
                problems.add(id + ": layer " + ref + ": " + content + " does not exist (build the layer module first)");
            } else {
                ourLayer = true;
            }
            Set<String> runtimes = texts(resource.path("Properties").path("CompatibleRuntimes"));
            if (!runtimes.contains(runtime)) {
                problems.add(id + ": runtime " + runtime + " is not among layer " + ref + "'s CompatibleRuntimes " + runtimes);
            }
        }
        if (!ourLayer) {
            problems.add(id + ": no layer with the library (Layers must reference the applog LayerVersion)");
        }

        Map<String, JsonNode> environment = environment(function);
        Set<String> needed = new TreeSet<>(Set.of("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"));
        AppLogging logging = method == null ? null : method.getAnnotation(AppLogging.class);
        if (method != null && logging == null) {
            problems.add(id + ": " + handler + " is not annotated with @AppLogging");
        }
        if (logging != null) {
            for (String value : List.of(logging.group(), logging.stream(), logging.level(), logging.format())) {
                Matcher placeholder = PLACEHOLDER.matcher(value);
                while (placeholder.find()) {
                    needed.add(placeholder.group(1));
                }
            }
        }
        String handlerClass = handler.split("::")[0];
        Map<String, String> calls = CALLS.getOrDefault(handlerClass, Map.of());
        needed.addAll(calls.keySet());
        if (!calls.isEmpty()) {
            needed.add("AWS_ENDPOINT_URL_LAMBDA");
        }
        for (String variable : needed) {
            if (!environment.containsKey(variable)) {
                problems.add(id + ": environment variable " + variable + " is read by " + handlerClass + " but not declared");
            }
        }
        Set<String> callees = new TreeSet<>();
        for (Map.Entry<String, String> call : calls.entrySet()) {
            String callee = environment.getOrDefault(call.getKey(), NULL).path("Ref").asText();
            JsonNode target = functions.get(callee);
            if (target == null || !property(target, "Handler").asText().startsWith(call.getValue() + "::")) {
                problems.add(id + ": " + call.getKey() + " must be !Ref of the function whose handler is " + call.getValue());
            } else {
                callees.add(callee);
            }
        }
        checkPolicies(id, policies(id, function), callees);
    }

    /**
     * The policy documents of the function's role: the declared AWS::IAM::Role its {@code Role} names (the
     * template's way, so that SAM adds no managed policy), else the SAM {@code Policies}.
     */
    private JsonNode policies(String id, JsonNode function) {
        JsonNode role = function.path("Properties").path("Role").path("Fn::GetAtt");
        if (role.isMissingNode()) {
            return function.path("Properties").path("Policies");
        }
        JsonNode resource = resource(role.path(0).asText());
        if (!"AWS::IAM::Role".equals(resource.path("Type").asText())) {
            problems.add(id + ": Role must be !GetAtt of an AWS::IAM::Role of the template, not " + role);
            return new ObjectMapper().createArrayNode();
        }
        com.fasterxml.jackson.databind.node.ArrayNode documents = new ObjectMapper().createArrayNode();
        resource.path("Properties").path("Policies").forEach(policy -> documents.add(policy.path("PolicyDocument")));
        return documents;
    }

    private Method handlerMethod(String id, String handler) throws IOException {
        String[] parts = handler.split("::");
        if (parts.length != 2) {
            problems.add(id + ": Handler " + handler + " is not of the form package.Class::method");
            return null;
        }
        String entry = parts[0].replace('.', '/') + ".class";
        try (JarFile jar = new JarFile(functionJar.toFile())) {
            if (jar.getEntry(entry) == null) {
                problems.add(id + ": handler class " + parts[0] + " is not in " + functionJar.getFileName());
                return null;
            }
        }
        try (ShopClassLoader loader = new ShopClassLoader(functionJar.toUri().toURL(), getClass().getClassLoader())) {
            Class<?> type = loader.loadClass(parts[0]);
            for (Method method : type.getMethods()) {
                Class<?>[] parameters = method.getParameterTypes();
                if (method.getName().equals(parts[1]) && !method.isBridge() && parameters.length == 2
                        && parameters[1] == Context.class) {
                    return method;
                }
            }
            problems.add(id + ": handler class " + parts[0] + " has no public method " + parts[1] + "(input, Context)");
            return null;
        } catch (ClassNotFoundException | LinkageError e) {
            problems.add(id + ": handler class " + parts[0] + " does not load from " + functionJar.getFileName() + ": " + e);
            return null;
        }
    }

    /**
     * Least privilege: the shop's group (and the function's own, {@code <id>LogGroup}) for the two log actions,
     * and lambda:InvokeFunction on exactly the callees.
     */
    private void checkPolicies(String id, JsonNode policies, Set<String> callees) {
        boolean logs = false;
        Set<String> invoked = new TreeSet<>();
        for (JsonNode policy : policies) {
            for (JsonNode statement : policy.path("Statement")) {
                Set<String> actions = texts(statement.path("Action"));
                JsonNode resources = statement.path("Resource").isArray() ? statement.path("Resource")
                        : new ObjectMapper().createArrayNode().add(statement.path("Resource"));
                if (actions.equals(LOG_ACTIONS)) {
                    for (JsonNode resource : resources) {
                        String arn = resource.path("Fn::Sub").asText();
                        if (arn.endsWith(":log-group:${ShopLogGroup}:*")) {
                            logs = true;
                        } else if (!arn.endsWith(":log-group:${" + id + "LogGroup}:*")) {
                            problems.add(id + ": the log actions must be granted on the shop's log group (and the function's own) only, not " + resource);
                        }
                    }
                } else if (actions.equals(Set.of("lambda:InvokeFunction"))) {
                    for (JsonNode resource : resources) {
                        JsonNode getAtt = resource.path("Fn::GetAtt");
                        if (getAtt.size() == 2 && getAtt.get(1).asText().equals("Arn")) {
                            invoked.add(getAtt.get(0).asText());
                        } else {
                            problems.add(id + ": lambda:InvokeFunction must name a function of the template by !GetAtt X.Arn, not " + resource);
                        }
                    }
                } else {
                    problems.add(id + ": statement with actions " + actions + " is more than the function needs");
                }
            }
        }
        if (!logs) {
            problems.add(id + ": no statement grants logs:CreateLogStream and logs:PutLogEvents on the shop's log group");
        }
        if (!invoked.equals(callees)) {
            problems.add(id + ": lambda:InvokeFunction is granted on " + invoked + " but the function calls " + callees);
        }
    }

    private Map<String, JsonNode> functions() {
        Map<String, JsonNode> functions = new LinkedHashMap<>();
        template.path("Resources").fields().forEachRemaining(resource -> {
            if ("AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) {
                functions.put(resource.getKey(), resource.getValue());
            }
        });
        return functions;
    }

    private JsonNode resource(String id) {
        return template.path("Resources").path(id);
    }

    /** A function's property, else the one Globals gives. */
    private JsonNode property(JsonNode function, String name) {
        JsonNode own = function.path("Properties").path(name);
        return own.isMissingNode() ? template.path("Globals").path("Function").path(name) : own;
    }

    /** Globals' variables, overridden by the function's. */
    private Map<String, JsonNode> environment(JsonNode function) {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        template.path("Globals").path("Function").path("Environment").path("Variables").fields()
                .forEachRemaining(v -> variables.put(v.getKey(), v.getValue()));
        function.path("Properties").path("Environment").path("Variables").fields()
                .forEachRemaining(v -> variables.put(v.getKey(), v.getValue()));
        return variables;
    }

    private static Set<String> texts(JsonNode node) {
        Set<String> texts = new TreeSet<>();
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        } else if (!node.isMissingNode()) {
            texts.add(node.asText());
        }
        return texts;
    }

    private static final JsonNode NULL = new ObjectMapper().nullNode();
}
