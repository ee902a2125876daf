package dev.applog.examples.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * template.yaml as it is deployed: the functions' permissions after SAM's transform (samtranslator, as
 * {@code sam deploy} runs it), and the log groups kept, encrypted on demand and given a retention. Needs no
 * build: it reads the template only.
 */
class DeployedTemplateTest {

    private static final Path TEMPLATE = Path.of(System.getProperty("template.file", "../template.yaml")).toAbsolutePath().normalize();
    private static final Map<String, Set<String>> CALLEES = Map.of("OrderFunction", Set.of("PaymentFunction", "InventoryFunction"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    /** The transformed template's functions and resources, or a skip naming what is missing. */
    private JsonNode transform(String template) throws Exception {
        Path python = onPath("python3");
        if (python == null) {
            System.out.println("DeployedTemplateTest skipped: python3 is not on the PATH, so the SAM transform of"
                    + " template.yaml is not checked (install Python 3 and pip install aws-sam-translator)");
        }
        assumeTrue(python != null, "python3 is not on the PATH: the SAM transform of template.yaml not checked"
                + " (install Python 3 and pip install aws-sam-translator)");
        Path script = work.resolve("effective_roles.py");
        try (InputStream in = getClass().getResourceAsStream("/effective_roles.py")) {
            Files.copy(in, script);
        }
        Path file = work.resolve("template.yaml");
        Files.writeString(file, template);
        Process process = new ProcessBuilder(python.toString(), script.toString(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "samtranslator did not finish");
        if (process.exitValue() == 3) {
            System.out.println("DeployedTemplateTest skipped: " + output.trim());
        }
        assumeTrue(process.exitValue() != 3, output.trim());
        assertEquals(0, process.exitValue(), "the SAM transform failed: " + output);
        return JSON.readTree(output);
    }

    @Test
    void afterTheSamTransformEachFunctionMayWriteOnlyTheShopsGroupAndItsOwnAndCallOnlyItsCallees() throws Exception {
        JsonNode transformed = transform(Files.readString(TEMPLATE));
        Set<String> functions = new java.util.TreeSet<>();
        transformed.path("functions").fieldNames().forEachRemaining(functions::add);
        assertEquals(Set.of("OrderFunction", "PaymentFunction", "InventoryFunction"), functions);
        assertEquals(List.of(), DeployedPermissions.problems(transformed, CALLEES));
        // no role of the transformed template has a managed policy, or any logs:* statement on *
        transformed.path("resources").fields().forEachRemaining(resource -> {
            if ("AWS::IAM::Role".equals(resource.getValue().path("Type").asText())) {
                assertTrue(resource.getValue().path("Properties").path("ManagedPolicyArns").isMissingNode(),
                        resource.getKey() + ": " + resource.getValue());
                assertTrue(!resource.getValue().toString().contains("\"Resource\":\"*\""), resource.getKey());
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            the role SAM generates (with AWSLambdaBasicExecutionRole) | InventoryFunction: role InventoryFunctionRole has the managed policy "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
            a managed policy on a declared role | PaymentFunction: role PaymentFunctionRole has the managed policy "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
            log actions on every group | OrderFunction: [logs:CreateLogStream, logs:PutLogEvents] on "*": the log actions must name a log group of the template, never *
            logs:* | PaymentFunction: action logs:* is a wildcard
            another function's own group | PaymentFunction: [logs:CreateLogStream, logs:PutLogEvents] on InventoryFunctionLogGroup, which is neither the shop's group nor the function's own
            no right to its own group | InventoryFunction: no logs:CreateLogStream and logs:PutLogEvents on its own group InventoryFunctionLogGroup, where Lambda writes its stdout and the fallback
            """)
    void aTemplateThatGrantsMoreOrLessIsCaughtAfterTheTransform(String what, String expected) throws Exception {
        String template = Files.readString(TEMPLATE);
        String broken = switch (what) {
            case "the role SAM generates (with AWSLambdaBasicExecutionRole)" -> replace(replace(template,
                    "      Role: !GetAtt InventoryFunctionRole.Arn\n", "      Policies:\n        - Statement:\n"
                            + "            - Effect: Allow\n              Action: [logs:CreateLogStream, logs:PutLogEvents]\n"
                            + "              Resource: !Sub \"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:"
                            + "log-group:${ShopLogGroup}:*\"\n"),
                    "  InventoryFunctionRole:\n    Type: AWS::IAM::Role\n", "  UnusedRole:\n    Type: AWS::IAM::Role\n");
            case "a managed policy on a declared role" -> replace(template, "  PaymentFunctionRole:\n"
                    + "    Type: AWS::IAM::Role\n    Properties:\n", "  PaymentFunctionRole:\n    Type: AWS::IAM::Role\n"
                    + "    Properties:\n      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]\n");
            case "log actions on every group" -> template.replaceFirst(Pattern.quote(
                    "log-group:${ShopLogGroup}:*\""), Matcher.quoteReplacement("log-group:${ShopLogGroup}:*\"\n"
                    + "              - Effect: Allow\n                Action: [logs:CreateLogStream, logs:PutLogEvents]\n"
                    + "                Resource: \"*\""));
            case "logs:*" -> replace(template, "${PaymentFunctionLogGroup}:*\"\n", "${PaymentFunctionLogGroup}:*\"\n"
                    + "              - Effect: Allow\n                Action: logs:*\n"
                    + "                Resource: !Sub \"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:"
                    + "log-group:${ShopLogGroup}:*\"\n");
            case "another function's own group" -> replace(template, "log-group:${PaymentFunctionLogGroup}:*",
                    "log-group:${InventoryFunctionLogGroup}:*");
            case "no right to its own group" -> replace(template, "log-group:${InventoryFunctionLogGroup}:*",
                    "log-group:${ShopLogGroup}:*");
            default -> throw new IllegalArgumentException(what);
        };

        List<String> problems = DeployedPermissions.problems(transform(broken), CALLEES);

        assertTrue(problems.stream().anyMatch(p -> p.startsWith(expected)), what + ": expected " + expected
                + ", found " + problems);
    }

    @Test
    void theLogGroupsAreKeptByDefaultDeletedOnlyOnRequestAndEncryptedWhenAKeyIsGiven() throws Exception {
        JsonNode template = CloudFormationYaml.read(Files.readString(TEMPLATE));
        JsonNode keep = template.path("Parameters").path("KeepLogs");
        assertEquals("true", keep.path("Default").asText());
        assertEquals("[\"true\",\"false\"]", keep.path("AllowedValues").toString());
        assertEquals("{\"Fn::Equals\":[{\"Ref\":\"KeepLogs\"},\"true\"]}",
                template.path("Conditions").path("KeepTheLogs").toString());
        assertTrue(template.path("Transform").toString().contains("AWS::LanguageExtensions"),
                "intrinsic functions in DeletionPolicy need the AWS::LanguageExtensions transform");
        JsonNode kms = template.path("Parameters").path("LogGroupKmsKeyArn");
        assertEquals("", kms.path("Default").asText());
        assertEquals("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"LogGroupKmsKeyArn\"},\"\"]}]}",
                template.path("Conditions").path("EncryptTheLogs").toString());
        assertEquals("{\"Fn::If\":[\"EncryptTheLogs\",{\"Ref\":\"LogGroupKmsKeyArn\"},{\"Ref\":\"AWS::NoValue\"}]}",
                template.path("Resources").path("ShopLogGroup").path("Properties").path("KmsKeyId").toString());
        for (String group : List.of("ShopLogGroup", "OrderFunctionLogGroup", "PaymentFunctionLogGroup",
                "InventoryFunctionLogGroup")) {
            JsonNode resource = template.path("Resources").path(group);
            String retain = "{\"Fn::If\":[\"KeepTheLogs\",\"Retain\",\"Delete\"]}";
            assertEquals(retain, resource.path("DeletionPolicy").toString(), group);
            assertEquals(retain, resource.path("UpdateReplacePolicy").toString(), group);
            assertEquals("{\"Ref\":\"LogRetentionDays\"}", resource.path("Properties").path("RetentionInDays").toString(),
                    group);
        }
    }

    @Test
    void eachFunctionsOwnGroupIsDeclaredUnderItsNameAndExistsBeforeIt() throws Exception {
        JsonNode template = CloudFormationYaml.read(Files.readString(TEMPLATE));
        JsonNode resources = template.path("Resources");
        for (String function : List.of("OrderFunction", "PaymentFunction", "InventoryFunction")) {
            String group = DeployedPermissions.ownLogGroup(resources, function);
            assertEquals(function + "LogGroup", group, function + ": /aws/lambda/<FunctionName> declared with a retention");
            assertEquals(group, resources.path(function).path("DependsOn").asText(), function);
        }
        // a function renamed without its group is caught
        String renamed = replace(Files.readString(TEMPLATE), "FunctionName: !Sub \"${AWS::StackName}-payment\"",
                "FunctionName: !Sub \"${AWS::StackName}-pay\"");
        assertEquals(null, DeployedPermissions.ownLogGroup(CloudFormationYaml.read(renamed).path("Resources"),
                "PaymentFunction"));
    }

    private static String replace(String text, String find, String replacement) {
        assertTrue(text.contains(find), "the template no longer contains " + find);
        return text.replace(find, replacement);
    }

    private static Path onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
