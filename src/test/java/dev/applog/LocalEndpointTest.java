package dev.applog;

import dev.applog.delivery.DeliveryTestAccess;
import dev.applog.local.logs.LocalLogsServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Tests against the local CloudWatch Logs endpoint on 127.0.0.1 and a free port, through the real SDK client,
 * built the way the library builds its shared one, with dummy static credentials.
 */
abstract class LocalEndpointTest {

    protected LocalLogsServer server;
    protected CloudWatchLogsClient client;
    protected Captured stdout;

    @BeforeEach
    void startEndpoint() {
        server = startServer();
        client = DeliveryTestAccess.sdkClient(server.endpoint(), "us-east-1", Duration.ofSeconds(2),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")));
        stdout = new Captured();
    }

    /** Tests that need other server settings override this. */
    protected LocalLogsServer startServer() {
        return LocalLogsServer.start();
    }

    @AfterEach
    void stopEndpoint() {
        client.close();
        server.close();
    }

    protected LoggerConfig.Builder config(String group, String stream) {
        return LoggerConfig.builder().group(group).stream(stream).format("#mini").clientSupplier(() -> client)
                .out(stdout.out).requestTimeout(Duration.ofSeconds(2)).deliveryDeadline(Duration.ofSeconds(20));
    }

    protected CloudWatchLogger logger(LoggerConfig.Builder config) {
        if (lightTransport()) {
            // the same endpoint and test credentials, through the light transport instead of the SDK's client
            LoggerConfig built = config.build();
            return new CloudWatchLogger(built, DeliveryTestAccess.light(server.endpoint(), "us-east-1",
                    built.requestTimeout(), () -> StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIDTEST", "secret"))));
        }
        return (CloudWatchLogger) AppLoggers.create(config.build());
    }

    /** True in the suites that run these tests through the light transport ({@code *LightTest}). */
    protected boolean lightTransport() {
        return false;
    }

    /** Makes the group and stream, so that the first put finds them (the steady state of a warm application). */
    protected void create(String group, String stream) {
        client.createLogGroup(b -> b.logGroupName(group));
        client.createLogStream(b -> b.logGroupName(group).logStreamName(stream));
        server.resetCounters();
    }

    protected List<String> stored(String group, String stream) {
        if (!server.streamExists(group, stream)) {
            return List.of();
        }
        return server.events(group, stream).stream().map(e -> e.message()).collect(Collectors.toList());
    }

    /**
     * Runs {@code body} with credentials in the system properties, where the SDK's default chain finds them: for a
     * logger whose client the library builds itself (no {@code clientSupplier}).
     */
    protected static void withSystemPropertyCredentials(Runnable body) {
        String[] keys = {"aws.accessKeyId", "aws.secretAccessKey"};
        System.setProperty(keys[0], "AKIDTEST");
        System.setProperty(keys[1], "secret");
        try {
            body.run();
        } finally {
            for (String key : keys) {
                System.clearProperty(key);
            }
        }
    }

    protected long puts() {
        return server.requests("PutLogEvents");
    }
}
