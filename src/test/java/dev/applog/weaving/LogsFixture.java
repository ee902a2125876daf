package dev.applog.weaving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.lambda.LambdaLogging;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * A local CloudWatch Logs endpoint, a real SDK client for it, and a {@link LambdaLogging} installed as the
 * shared one (so woven handlers use it too) whose loggers write there and whose environment is a map.
 */
final class LogsFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final LocalLogsServer server = LocalLogsServer.start();
    final CloudWatchLogsClient client = CloudWatchLogsClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    final Map<String, String> environment = new HashMap<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    LambdaLogging logging;
    /** The sampling decisions' source; null: the library's default. */
    java.util.function.DoubleSupplier random;

    LogsFixture() {
        install();
    }

    /** A fresh shared LambdaLogging with the current {@link #environment}: call after changing it. */
    LogsFixture install() {
        LambdaLogging.Builder builder = LambdaLogging.builder();
        if (random != null) {
            builder.random(random);
        }
        logging = builder
                .environment(Map.copyOf(environment))
                .loggerConfig(b -> b.clientSupplier(() -> client).out(out))
                .build();
        LambdaLogging.useShared(logging);
        return this;
    }

    LogsFixture env(String name, String value) {
        environment.put(name, value);
        return install();
    }

    void createStream(String group, String stream) {
        client.createLogGroup(r -> r.logGroupName(group));
        client.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
    }

    List<StoredEvent> events(String group, String stream) {
        return server.events(group, stream);
    }

    /** The stored events' messages parsed as the JSON format's records. */
    List<JsonNode> records(String group, String stream) {
        List<JsonNode> records = new ArrayList<>();
        for (StoredEvent event : server.events(group, stream)) {
            try {
                records.add(JSON.readTree(event.message()));
            } catch (java.io.IOException e) {
                throw new AssertionError("not a JSON record: " + event.message(), e);
            }
        }
        return records;
    }

    /** The {@code message} of a JSON record. */
    static String readMessage(String record) {
        try {
            return JSON.readTree(record).get("message").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JSON record: " + record, e);
        }
    }

    /** What the loggers printed (fallback lines, diagnostics). */
    String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        LambdaLogging.useShared(LambdaLogging.builder().build());
        client.close();
        server.close();
    }
}
