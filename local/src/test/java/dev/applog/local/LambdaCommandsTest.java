package dev.applog.local;

import dev.applog.local.lambda.TestApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** invoke, demo, tail and start on the command line: usage errors, and real runs of the test application. */
class LambdaCommandsTest {

    private static Path template;

    @BeforeAll
    static void application() throws Exception {
        template = TestApplication.prepare();
    }

    @Test
    void usageErrorsSayWhatIsWrongAndExit2() {
        List<List<String>> cases = List.of(
                List.of("invoke"), List.of("invoke", "A", "B"), List.of("invoke", "A", "--bogus"),
                List.of("invoke", "A", "-e"), List.of("invoke", "A", "--parameter-overrides", "NoEquals"),
                List.of("start", "--port", "x"), List.of("start", "--logs-port", "70000"), List.of("start", "--what"),
                List.of("tail"), List.of("tail", "--group", "g", "--endpoint", "localhost:1"),
                List.of("tail", "--group"), List.of("demo", "--events"), List.of("demo", "--bogus"));
        List<String> messages = List.of("which function?", "one function at a time", "unknown option '--bogus'",
                "-e needs a value", "Name=Value pairs", "--port must be a number", "--logs-port must be 0..65535",
                "unknown option '--what'", "--group is required", "--endpoint must be an http(s) URL",
                "--group needs a value", "--events needs a value", "unknown option '--bogus'");
        for (int i = 0; i < cases.size(); i++) {
            CommandRun outcome = CommandRun.of(cases.get(i).toArray(String[]::new));
            assertEquals(Main.USAGE_ERROR, outcome.status(), cases.get(i).toString());
            assertTrue(outcome.err().contains(messages.get(i)), cases.get(i) + ": " + outcome.err());
            assertTrue(outcome.err().contains("Usage: applog-local"), outcome.err());
        }
        CommandRun help = CommandRun.of("help");
        for (String command : List.of("invoke FUNCTION", "start [", "tail --group", "demo [")) {
            assertTrue(help.out().contains(command), help.out());
        }
    }

    @Test
    void invokeWithSnapstartAndHttpsRestoresEachEnvironmentAndTheFunctionsReachTheEndpointOverTls() {
        Path event = template.resolveSibling("events").resolve("order-1.json");
        CommandRun outcome = CommandRun.of("invoke", "OrderFunction", "-e", event.toString(), "--template",
                template.toString(), "--env-vars", template.resolveSibling("env.json").toString(), "--snapstart", "--https");
        assertEquals(0, outcome.status(), outcome.err());
        assertEquals("\"applog-local-orders logged 2; \\\"applog-local-payments logged 2\\\"\"", outcome.out().strip());
        assertTrue(outcome.err().contains("Restore Duration: "), outcome.err());
        assertTrue(outcome.err().contains("== log group /app/shop =="), outcome.err());
    }

    @Test
    void aMissingTemplateOrFunctionIsAnErrorNotAUsageError() {
        CommandRun noTemplate = CommandRun.of("invoke", "OrderFunction", "--template", "does-not-exist.yaml");
        assertEquals(1, noTemplate.status());
        assertTrue(noTemplate.err().contains("template does-not-exist.yaml does not exist"), noTemplate.err());
        CommandRun noFunction = CommandRun.of("invoke", "Nope", "--template", template.toString());
        assertEquals(1, noFunction.status());
        assertTrue(noFunction.err().contains("no function 'Nope'"), noFunction.err());
    }

    @Test
    void invokePrintsTheResponseOnStdoutAndTheFunctionsOutputAndEventsOnStderr() {
        Path event = template.resolveSibling("events").resolve("order-1.json");
        CommandRun outcome = CommandRun.of("invoke", "OrderFunction", "-e", event.toString(), "--template", template.toString(),
                "--env-vars", template.resolveSibling("env.json").toString());
        assertEquals(0, outcome.status(), outcome.err());
        assertEquals("\"applog-local-orders logged 2; \\\"applog-local-payments logged 2\\\"\"", outcome.out().strip());
        assertTrue(outcome.err().contains("[applog-local-orders#1 stdout] logged: applog-local-orders order-0001 event 1/2"),
                outcome.err());
        assertTrue(outcome.err().contains("[applog-local-payments#1 stdout] logged: applog-local-payments order-0001 "
                + "event 2/2"), outcome.err());
        assertTrue(outcome.err().contains("--env-vars OrderFunction.NOT_DECLARED (not declared"), outcome.err());
        assertTrue(outcome.err().contains("OrderFunction AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=http://host.docker.internal:4577"
                + " from --env-vars is replaced by the local service's URL"), outcome.err());
        assertTrue(outcome.err().contains("== log group /app/shop =="), outcome.err());
        // Lambda's REPORT line for each function's invocation, both cold starts: Init Duration present
        Matcher report = Pattern.compile("(?m)^\\[(applog-local-(?:orders|payments))#1 lambda] REPORT RequestId: "
                + "[0-9a-f-]{36}\tDuration: (\\d+\\.\\d\\d) ms\tBilled Duration: (\\d+) ms\tMemory Size: 256 MB\t"
                + "Max Memory Used: (\\d+) MB\tInit Duration: (\\d+\\.\\d\\d) ms\t$").matcher(outcome.err());
        int reports = 0;
        while (report.find()) {
            reports++;
            double duration = Double.parseDouble(report.group(2));
            double init = Double.parseDouble(report.group(5));
            long billed = Long.parseLong(report.group(3));
            // Duration + Init Duration rounded up to the millisecond (from the unrounded times)
            assertTrue(billed >= duration + init - 0.01 && billed < duration + init + 1.01, report.group());
            assertTrue(Long.parseLong(report.group(4)) > 0, "the JVM's peak RSS from /proc: " + report.group());
        }
        assertEquals(2, reports, outcome.err());
        assertTrue(outcome.err().contains("[shop-dev] applog-local-payments order-0001 event 1/2"), outcome.err());
    }

    @Test
    void invokePrintsWhatAnExtensionStoredAfterTheResponseTheLocalLambdaClosedOnlyOnceItIsDone() throws Exception {
        // a function whose internal extension stores its line after the response, once the local Lambda is being
        // closed (as a woven handler's events are stored by default in Lambda: after the response)
        Path extended = template.resolveSibling("extended-template.yaml");
        java.nio.file.Files.writeString(extended, String.join("\n",
                "AWSTemplateFormatVersion: \"2010-09-09\"",
                "Transform: AWS::Serverless-2016-10-31",
                "Resources:",
                "  TestLayer:",
                "    Type: AWS::Serverless::LayerVersion",
                "    Properties:",
                "      ContentUri: test-layer.zip",
                "  ExtendedFunction:",
                "    Type: AWS::Serverless::Function",
                "    Properties:",
                "      Handler: fn.Extended::handleRequest",
                "      CodeUri: functions.jar",
                "      Runtime: java21",
                "      Timeout: 30",
                "      Layers:",
                "        - !Ref TestLayer",
                "      Environment:",
                "        Variables:",
                "          APP_GROUP: /app/extension",
                "          APP_STREAM: after-close",
                ""));
        Path event = template.resolveSibling("until-closed.json");
        java.nio.file.Files.writeString(event, "{\"after\":\"log\",\"untilClosed\":true}");
        CommandRun outcome = CommandRun.of("invoke", "ExtendedFunction", "-e", event.toString(), "--template",
                extended.toString());
        assertEquals(0, outcome.status(), outcome.err());
        // the handler's answer is a String holding JSON: the runtime sends it as a JSON string
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String requestId = json.readTree(json.readTree(outcome.out()).asText()).path("requestId").asText();
        assertTrue(outcome.err().contains("== log group /app/extension =="), outcome.err());
        assertTrue(outcome.err().contains("after the response of " + requestId + " with a deadline ahead"),
                outcome.err());
        assertTrue(outcome.err().indexOf("REPORT RequestId: " + requestId) < outcome.err().indexOf("== log group"),
                "the invocation ended (its REPORT line) before the events were read: " + outcome.err());
    }

    @Test
    void aFailedInvocationThatLoggedNothingSaysSoInsteadOfAnEmptyHeading() throws Exception {
        Path event = template.resolveSibling("bad-count.json");
        java.nio.file.Files.writeString(event, "{\"correlationId\":\"x\",\"count\":\"two\"}");
        CommandRun outcome = CommandRun.of("invoke", "OrderFunction", "-e", event.toString(), "--template",
                template.toString());
        assertEquals(0, outcome.status(), outcome.err());
        assertTrue(outcome.out().contains("ClassCastException"), outcome.out());
        assertTrue(outcome.err().contains("applog-local: applog-local-orders failed (X-Amz-Function-Error: Unhandled)"),
                outcome.err());
        assertTrue(outcome.err().contains("applog-local: the functions logged no events to the local CloudWatch Logs "
                + "endpoint"), outcome.err());
        assertTrue(!outcome.err().contains("events the functions logged to"), outcome.err());
    }

    @Test
    void parameterOverridesInBothOfSamsFormsReachTheFunctions() throws Exception {
        for (String overrides : List.of("Stage=qa AppLogGroup=/app/qa",
                "ParameterKey=Stage,ParameterValue=qa ParameterKey=AppLogGroup,ParameterValue=/app/qa")) {
            CommandRun outcome = CommandRun.of("invoke", "EchoFunction", "--template", template.toString(),
                    "--parameter-overrides", overrides);
            assertEquals(0, outcome.status(), outcome.err());
            com.fasterxml.jackson.databind.JsonNode env = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(outcome.out()).path("env");
            assertEquals("shop-qa", env.path("APP_STREAM").asText(), overrides);
            assertEquals("/app/qa", env.path("APP_GROUP").asText(), overrides);
        }
    }

    @Test
    void demoInvokesTheEntryFunctionPerEventAndPrintsTheOneStreamInTimeOrder() {
        CommandRun outcome = CommandRun.of("demo", "--template", template.toString());
        assertEquals(0, outcome.status(), outcome.err());
        String out = outcome.out();
        assertTrue(out.contains("applog-local-orders <- order-1.json (cold): "), out);
        assertTrue(out.contains("applog-local-orders <- order-2.json (warm): "), out);
        assertTrue(out.matches("(?s).*function JVMs now: applog-local-orders pid \\d+ \\(frozen\\), "
                + "applog-local-payments pid \\d+ \\(frozen\\)\n.*"), out);
        // the stream: 2 + 1 + 2 events for order 1, 3 + 1 + 3 for order 2, each line a time then the message
        Pattern line = Pattern.compile("(?m)^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}) \\[shop-dev] "
                + "(applog-local-(orders|payments) order-000(\\d) .*)$");
        Matcher matcher = line.matcher(out);
        int events = 0;
        String previous = "";
        int[] perOrder = new int[3];
        boolean ordersAndPayments = false;
        while (matcher.find()) {
            events++;
            assertTrue(matcher.group(1).compareTo(previous) >= 0, "time order: " + out);
            previous = matcher.group(1);
            perOrder[Integer.parseInt(matcher.group(4))]++;
            ordersAndPayments |= matcher.group(3).equals("payments");
        }
        assertEquals(12, events, out);
        assertEquals(5, perOrder[1]);
        assertEquals(7, perOrder[2]);
        assertTrue(ordersAndPayments);
        assertTrue(out.contains("12 events."), out);
    }
}
