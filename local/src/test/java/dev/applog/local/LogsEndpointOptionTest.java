package dev.applog.local;

import dev.applog.local.lambda.TestApplication;
import dev.applog.local.logs.ExternalTools;
import dev.applog.local.logs.LocalLogsServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --logs-endpoint: the functions of invoke and demo log to the endpoint given (another LocalLogsServer,
 * moto_server), not to one the command starts; what they logged is read back there through the SDK.
 */
class LogsEndpointOptionTest {

    private static Path template;

    @BeforeAll
    static void application() throws Exception {
        template = TestApplication.prepare();
    }

    private static List<String> stored(URI endpoint, String group) {
        try (CloudWatchLogsClient client = CloudWatchLogsClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            return client.filterLogEvents(b -> b.logGroupName(group)).events().stream()
                    .map(FilteredLogEvent::message).toList();
        }
    }

    private void invokeLogsTo(URI endpoint) {
        Path event = template.resolveSibling("events").resolve("order-1.json");
        CommandRun outcome = CommandRun.of("invoke", "OrderFunction", "-e", event.toString(), "--template",
                template.toString(), "--env-vars", template.resolveSibling("env.json").toString(),
                "--logs-endpoint", endpoint.toString());
        assertEquals(0, outcome.status(), outcome.err());
        assertTrue(outcome.err().contains("OrderFunction AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=http://host.docker.internal:"
                + "4577 from --env-vars is replaced by --logs-endpoint " + endpoint), outcome.err());
        assertTrue(outcome.err().contains("applog-local: events the functions logged to " + endpoint
                + " (every log group there):"), outcome.err());
        List<String> stored = stored(endpoint, "/app/shop");
        assertEquals(List.of("applog-local-orders order-0001 called applog-local-payments",
                "applog-local-orders order-0001 event 1/2", "applog-local-orders order-0001 event 2/2",
                "applog-local-payments order-0001 event 1/2", "applog-local-payments order-0001 event 2/2"),
                stored.stream().sorted().toList());
    }

    @Test
    void invokeLogsToAnotherLocalEndpoint() {
        try (LocalLogsServer other = LocalLogsServer.start()) {
            invokeLogsTo(other.endpoint());
        }
    }

    @Test
    void invokeLogsToMotoWhenInstalled() throws Exception {
        try (ExternalTools.Moto moto = ExternalTools.startMoto(new File("target", "moto-logs-endpoint.log"))) {
            invokeLogsTo(moto.endpoint());
        }
    }

    @Test
    void demoLogsToTheEndpointGivenAndPrintsTheStreamFromThere() {
        try (LocalLogsServer other = LocalLogsServer.start()) {
            CommandRun outcome = CommandRun.of("demo", "--template", template.toString(), "--logs-endpoint",
                    other.endpoint().toString());
            assertEquals(0, outcome.status(), outcome.err());
            assertTrue(outcome.out().contains("CloudWatch Logs at " + other.endpoint() + " =="), outcome.out());
            assertTrue(outcome.out().contains("12 events."), outcome.out());
            assertEquals(12, stored(other.endpoint(), "/app/shop").size());
        }
    }

    @Test
    void theOptionMustBeAUrlAndExcludesTheLocalEndpointsPort() {
        CommandRun notUrl = CommandRun.of("invoke", "EchoFunction", "--logs-endpoint", "localhost:4566");
        assertEquals(Main.USAGE_ERROR, notUrl.status());
        assertTrue(notUrl.err().contains("--logs-endpoint must be an http(s) URL, got 'localhost:4566'"), notUrl.err());
        CommandRun both = CommandRun.of("start", "--logs-port", "0", "--logs-endpoint", "http://127.0.0.1:4566");
        assertEquals(Main.USAGE_ERROR, both.status());
        assertTrue(both.err().contains("--logs-port is the port of the local CloudWatch Logs endpoint, which "
                + "--logs-endpoint replaces"), both.err());
    }
}
