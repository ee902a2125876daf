package dev.applog.examples.shop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The permissions each function really has once SAM has transformed the template (the output of
 * {@code effective_roles.py}): its role is declared in the template and carries no managed policy (whose
 * statements cannot be read here; SAM's AWSLambdaBasicExecutionRole allows the log actions on every group),
 * and its statements grant exactly what the README says: {@code logs:CreateLogStream} and
 * {@code logs:PutLogEvents} on the shop's group and on the function's own {@code /aws/lambda/NAME} group,
 * and {@code lambda:InvokeFunction} on exactly the functions it calls. Returns the problems, each naming the
 * function and the rule.
 */
final class DeployedPermissions {

    private static final Set<String> LOG_ACTIONS = Set.of("logs:CreateLogStream", "logs:PutLogEvents");

    private DeployedPermissions() { }

    static List<String> problems(JsonNode transformed, Map<String, Set<String>> callees) {
        List<String> problems = new ArrayList<>();
        JsonNode resources = transformed.path("resources");
        JsonNode functions = transformed.path("functions");
        if (functions.isEmpty()) {
            problems.add("the transformed template has no AWS::Lambda::Function");
        }
        functions.fields().forEachRemaining(entry -> {
            String id = entry.getKey();
            JsonNode role = entry.getValue();
            String roleId = role.path("role").asText();
            if (!"AWS::IAM::Role".equals(resources.path(roleId).path("Type").asText())) {
                problems.add(id + ": its role " + roleId + " is not an AWS::IAM::Role of the template, so its"
                        + " permissions cannot be checked");
                return;
            }
            for (JsonNode arn : role.path("managedPolicyArns")) {
                problems.add(id + ": role " + roleId + " has the managed policy " + arn
                        + " (AWSLambdaBasicExecutionRole allows logs:CreateLogGroup, logs:CreateLogStream and"
                        + " logs:PutLogEvents on every log group); declare the role's statements instead");
            }
            String ownGroup = ownLogGroup(resources, id);
            Set<String> logGroups = new TreeSet<>();
            Set<String> invoked = new TreeSet<>();
            for (JsonNode statement : role.path("statements")) {
                if (!"Allow".equals(statement.path("Effect").asText())) {
                    continue;  // a Deny takes away, never adds
                }
                Set<String> actions = texts(statement.path("Action"));
                List<JsonNode> targets = new ArrayList<>();
                JsonNode resource = statement.path("Resource");
                if (resource.isArray()) {
                    resource.forEach(targets::add);
                } else {
                    targets.add(resource);
                }
                if (statement.has("NotAction") || statement.has("NotResource")) {
                    problems.add(id + ": a statement with NotAction or NotResource grants more than it names");
                }
                for (String action : actions) {
                    if (action.contains("*")) {
                        problems.add(id + ": action " + action + " is a wildcard");
                    }
                }
                if (LOG_ACTIONS.containsAll(actions)) {
                    for (JsonNode target : targets) {
                        String group = logGroup(target);
                        if (group == null) {
                            problems.add(id + ": " + actions + " on " + target + ": the log actions must name a log"
                                    + " group of the template, never *");
                        } else if (!group.equals("ShopLogGroup") && !group.equals(ownGroup)) {
                            problems.add(id + ": " + actions + " on " + group + ", which is neither the shop's group"
                                    + " nor the function's own");
                        } else if (actions.equals(LOG_ACTIONS)) {
                            logGroups.add(group);
                        }
                    }
                } else if (actions.equals(Set.of("lambda:InvokeFunction"))) {
                    for (JsonNode target : targets) {
                        JsonNode getAtt = target.path("Fn::GetAtt");
                        if (getAtt.size() == 2 && "Arn".equals(getAtt.get(1).asText())) {
                            invoked.add(getAtt.get(0).asText());
                        } else {
                            problems.add(id + ": lambda:InvokeFunction on " + target + ": it must name a function by"
                                    + " its Arn");
                        }
                    }
                } else {
                    problems.add(id + ": actions " + actions + " are more than the function needs");
                }
            }
            if (!logGroups.contains("ShopLogGroup")) {
                problems.add(id + ": no logs:CreateLogStream and logs:PutLogEvents on ShopLogGroup");
            }
            if (ownGroup == null) {
                problems.add(id + ": its own log group (/aws/lambda/ and its FunctionName) is not declared with a"
                        + " retention");
            } else if (!logGroups.contains(ownGroup)) {
                problems.add(id + ": no logs:CreateLogStream and logs:PutLogEvents on its own group " + ownGroup
                        + ", where Lambda writes its stdout and the fallback");
            }
            Set<String> expected = callees.getOrDefault(id, Set.of());
            if (!invoked.equals(expected)) {
                problems.add(id + ": lambda:InvokeFunction on " + invoked + " but it calls " + expected);
            }
        });
        return problems;
    }

    /** The log group resource of {@code arn:...:log-group:${Group}:*}, or null. */
    private static String logGroup(JsonNode resource) {
        String sub = resource.path("Fn::Sub").asText("");
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("^arn:\\$\\{AWS::Partition}:logs:\\$\\{AWS::Region}:\\$\\{AWS::AccountId}:log-group:"
                        + "\\$\\{([A-Za-z0-9]+)}:\\*$").matcher(sub);
        return m.matches() ? m.group(1) : null;
    }

    /**
     * The AWS::Logs::LogGroup, with a retention, named {@code /aws/lambda/} + the function's FunctionName: where
     * Lambda writes the function's stdout.
     */
    static String ownLogGroup(JsonNode resources, String functionId) {
        String name = resources.path(functionId).path("Properties").path("FunctionName").path("Fn::Sub").asText(null);
        if (name == null) {
            return null;
        }
        for (var it = resources.fields(); it.hasNext(); ) {
            var resource = it.next();
            JsonNode properties = resource.getValue().path("Properties");
            if ("AWS::Logs::LogGroup".equals(resource.getValue().path("Type").asText())
                    && ("/aws/lambda/" + name).equals(properties.path("LogGroupName").path("Fn::Sub").asText())
                    && properties.has("RetentionInDays")) {
                return resource.getKey();
            }
        }
        return null;
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
}
