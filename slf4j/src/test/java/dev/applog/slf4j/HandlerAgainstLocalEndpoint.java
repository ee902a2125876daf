package dev.applog.slf4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.lambda.LambdaLogging;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.MDC;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * The set-up the SLF4J tests share: a local endpoint per test, reached through the real SDK client; the woven
 * {@link Slf4jHandler} invoked with a body of the test's, under the environment the test puts in
 * {@link #environment} ({@link #install()} again after changing it); what it prints in {@link #printed}; the
 * events of the handler's stream read back. Each test starts and ends with an empty MDC on its thread.
 */
abstract class HandlerAgainstLocalEndpoint {

    static final ObjectMapper JSON = new ObjectMapper();

    LocalLogsServer server;
    CloudWatchLogsClient client;
    final Map<String, String> environment = new HashMap<>();
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @BeforeEach
    void start() {
        MDC.clear();
        server = LocalLogsServer.start();
        client = CloudWatchLogsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        install();
    }

    /** Makes the shared Lambda logging read {@link #environment} as it is now. */
    void install() {
        LambdaLogging.useShared(LambdaLogging.builder().environment(Map.copyOf(environment))
                .loggerConfig(b -> b.clientSupplier(() -> client).out(out)).build());
    }

    @AfterEach
    void stop() {
        MDC.clear();
        Slf4jHandler.body = (event, context) -> { };
        LambdaLogging.useShared(LambdaLogging.builder().build());
        client.close();
        server.close();
    }

    /** One invocation of the woven handler running {@code body}; returns its response. */
    String invoke(Runnable body) {
        Slf4jHandler.body = (event, context) -> body.run();
        return new Slf4jHandler().handleRequest(Map.of(), new FakeContext());
    }

    /** The events stored in the handler's stream of today. */
    List<StoredEvent> stored() {
        return server.events(Slf4jHandler.GROUP, "slf4j-" + LocalDate.now(ZoneOffset.UTC));
    }

    /** The stored events' messages read as JSON records (the handler logs {@code #json} unless told otherwise). */
    List<JsonNode> records() throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (StoredEvent event : stored()) {
            records.add(JSON.readTree(event.message()));
        }
        return records;
    }
}
