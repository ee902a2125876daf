package dev.applog.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.local.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The endpoint works for clients other than the Java SDK with only an endpoint URL and the environment
 * {@code serve} prints ({@link Main#CLIENT_ENVIRONMENT}): the AWS CLI and boto3, when they are installed
 * (skipped, saying so, when not).
 */
class OtherClientsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalLogsServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        server = LocalLogsServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Result(int exitCode, String stdout, String stderr) {}

    /** Runs a client with dummy credentials and no user configuration, so nothing reaches real AWS. */
    private Result run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.putAll(Main.CLIENT_ENVIRONMENT);  // what `serve` tells a user to set, no more
        env.put("AWS_CONFIG_FILE", temp.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", temp.resolve("no-credentials").toString());
        Path out = temp.resolve("out-" + UUID.randomUUID());
        Path err = temp.resolve("err-" + UUID.randomUUID());
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            ExternalTools.stop(process);
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Result aws(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(awsCli(), "--endpoint-url", server.endpoint().toString(),
                "--output", "json", "logs"));
        command.addAll(List.of(args));
        return run(command);
    }

    private Result awsOk(String... args) throws Exception {
        Result result = aws(args);
        assertEquals(0, result.exitCode(), "aws logs " + String.join(" ", args) + ": " + result.stderr());
        return result;
    }

    private static String awsCli() {
        Optional<Path> aws = ExternalTools.onPath("aws");
        assumeTrue(aws.isPresent(), "the AWS CLI (aws) is not on the PATH: the AWS CLI check is skipped");
        return aws.get().toString();
    }

    @Test
    void theAwsCliCreatesPutsAndReadsBack() throws Exception {
        String group = "/cli/" + UUID.randomUUID();
        awsOk("create-log-group", "--log-group-name", group);
        awsOk("create-log-stream", "--log-group-name", group, "--log-stream-name", "s");
        long now = System.currentTimeMillis();
        Path events = temp.resolve("events.json");
        Files.writeString(events, "[{\"timestamp\": " + now + ", \"message\": \"hello from the CLI\"},"
                + " {\"timestamp\": " + (now + 1) + ", \"message\": \"grüße 😀\"}]", StandardCharsets.UTF_8);
        awsOk("put-log-events", "--log-group-name", group, "--log-stream-name", "s",
                "--log-events", "file://" + events);

        JsonNode read = JSON.readTree(awsOk("get-log-events", "--log-group-name", group, "--log-stream-name", "s",
                "--start-from-head").stdout());
        assertEquals("hello from the CLI", read.at("/events/0/message").asText());
        assertEquals("grüße 😀", read.at("/events/1/message").asText());
        assertEquals(now, read.at("/events/0/timestamp").asLong());
        assertTrue(read.at("/nextForwardToken").asText().startsWith("f/"));
        assertEquals(2, server.events(group, "s").size());

        Result missing = aws("put-log-events", "--log-group-name", group, "--log-stream-name", "missing",
                "--log-events", "file://" + events);
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.stderr().contains("ResourceNotFoundException"), missing.stderr());
        assertTrue(missing.stderr().contains("The specified log stream does not exist."), missing.stderr());
    }

    @Test
    void theAwsCliFiltersWithAJsonPatternAsDocsApplicationSuggests() throws Exception {
        String group = "/cli/" + UUID.randomUUID();
        awsOk("create-log-group", "--log-group-name", group);
        awsOk("create-log-stream", "--log-group-name", group, "--log-stream-name", "s");
        long now = System.currentTimeMillis();
        Path events = temp.resolve("json-events.json");
        Files.writeString(events, "[{\"timestamp\": " + now + ", \"message\": \"{\\\"level\\\":\\\"INFO\\\","
                + "\\\"correlation_id\\\":\\\"checkout-1001\\\"}\"}, {\"timestamp\": " + (now + 1) + ", \"message\": "
                + "\"{\\\"level\\\":\\\"ERROR\\\",\\\"correlation_id\\\":\\\"checkout-1002\\\"}\"}]",
                StandardCharsets.UTF_8);
        awsOk("put-log-events", "--log-group-name", group, "--log-stream-name", "s", "--log-events", "file://" + events);
        JsonNode errors = JSON.readTree(awsOk("filter-log-events", "--log-group-name", group, "--filter-pattern",
                "{ $.level = \"ERROR\" }").stdout());
        assertEquals(1, errors.path("events").size(), errors.toString());
        assertTrue(errors.at("/events/0/message").asText().contains("checkout-1002"), errors.toString());
        JsonNode one = JSON.readTree(awsOk("filter-log-events", "--log-group-name", group, "--filter-pattern",
                "{ $.correlation_id = \"checkout-1001\" }").stdout());
        assertEquals(1, one.path("events").size(), one.toString());
        Result refused = aws("filter-log-events", "--log-group-name", group, "--filter-pattern", "{ $.level = }");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stderr().contains("InvalidParameterException"), refused.stderr());
    }

    @Test
    void theJavaSdkFindsTheEndpointInTheEnvironmentVariable() throws Exception {
        String group = "/environment/" + UUID.randomUUID();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EnvironmentEndpointProbe.class.getName(), group);
        Map<String, String> env = child.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", server.endpoint().toString());
        env.putAll(Main.CLIENT_ENVIRONMENT);
        env.put("AWS_CONFIG_FILE", temp.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", temp.resolve("no-credentials").toString());
        Path log = temp.resolve("probe.log");
        Process process = child.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe finished");
        assertEquals(0, process.exitValue(), Files.readString(log));
        assertTrue(server.groupExists(group), "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS pointed the SDK at the endpoint");
    }

    @Test
    void boto3CreatesPutsAndReadsBack() throws Exception {
        Optional<Path> python = ExternalTools.onPath("python3");
        assumeTrue(python.isPresent(), "python3 is not on the PATH: the boto3 check is skipped");
        assumeTrue(run(List.of(python.get().toString(), "-c", "import boto3")).exitCode() == 0,
                "boto3 is not installed for python3 (pip install boto3): the boto3 check is skipped");
        String group = "/boto3/" + UUID.randomUUID();
        Path script = temp.resolve("roundtrip.py");
        Files.writeString(script, String.join("\n",
                "import json, sys, time, boto3",
                "logs = boto3.client('logs', endpoint_url=sys.argv[1])",
                "group = sys.argv[2]",
                "logs.create_log_group(logGroupName=group)",
                "logs.create_log_stream(logGroupName=group, logStreamName='s')",
                "now = int(time.time() * 1000)",
                "put = logs.put_log_events(logGroupName=group, logStreamName='s', logEvents=[",
                "    {'timestamp': now - 20 * 86400000, 'message': 'too old'},",
                "    {'timestamp': now, 'message': 'from boto3'}])",
                "got = logs.get_log_events(logGroupName=group, logStreamName='s', startFromHead=True)",
                "print(json.dumps({'rejected': put.get('rejectedLogEventsInfo'),",
                "                  'messages': [e['message'] for e in got['events']]}))",
                ""), StandardCharsets.UTF_8);
        Result result = run(List.of(python.get().toString(), script.toString(), server.endpoint().toString(), group));
        assertEquals(0, result.exitCode(), result.stderr());
        JsonNode output = JSON.readTree(result.stdout());
        assertEquals(1, output.at("/rejected/tooOldLogEventEndIndex").asInt());
        assertEquals(List.of("from boto3"), List.of(output.at("/messages/0").asText()));
        assertEquals(1, output.at("/messages").size());
    }
}
