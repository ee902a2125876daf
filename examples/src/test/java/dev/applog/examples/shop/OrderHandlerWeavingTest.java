package dev.applog.examples.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.lambda.LambdaLogging;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Proves that this project's build wove the library's aspect into the handler: the compiled class calls
 * the aspect, and calling the handler directly (no wrapper, as the Lambda runtime does) stores its events
 * in CloudWatch Logs (here the local endpoint) before it returns, through the injected field.
 */
class OrderHandlerWeavingTest {

    private LocalLogsServer server;
    private CloudWatchLogsClient client;

    @BeforeEach
    void start() {
        server = LocalLogsServer.start();
        client = CloudWatchLogsClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        // the deployment's setting, given as the environment the woven handler reads
        LambdaLogging.useShared(LambdaLogging.builder()
                .environment(Map.of("APP_LOG_GROUP", "/test/shop"))
                .loggerConfig(config -> config.clientSupplier(() -> client))
                .build());
    }

    @AfterEach
    void stop() {
        LambdaLogging.useShared(LambdaLogging.builder().build());
        client.close();
        server.close();
    }

    @Test
    void theCompiledHandlerCallsTheLibrarysAspect() throws IOException {
        try (InputStream in = OrderHandler.class.getResourceAsStream("OrderHandler.class")) {
            String classFile = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(classFile.contains("dev/applog/lambda/AppLoggingAspect"), "OrderHandler.class is not woven");
        }
    }

    @Test
    void theWovenHandlerStoresItsEventsBeforeItReturns() throws IOException {
        Order order = new Order("o-1001", "ada", List.of("book", "lamp"));
        order.setCorrelationId("checkout-42");

        OrderReceipt receipt = new OrderHandler().handleRequest(order, new TestContext("req-1001", "shop-order"));

        assertEquals("ACCEPTED", receipt.getStatus());
        List<JsonNode> records = new ArrayList<>();
        for (StoredEvent event : server.events("/test/shop", "shop-" + LocalDate.now(ZoneOffset.UTC))) {
            records.add(new ObjectMapper().readTree(event.message()));
        }
        assertEquals(2, records.size(), "INFO events stored, the DEBUG one below the level");
        assertEquals("order o-1001 from ada with 2 items", records.get(0).get("message").asText());
        assertEquals("order o-1001 accepted", records.get(1).get("message").asText());
        for (JsonNode record : records) {
            assertEquals("shop-order", record.get("function_name").asText());
            assertEquals("req-1001", record.get("function_request_id").asText());
            assertEquals("checkout-42", record.get("correlation_id").asText());
        }
    }

    /** What the Lambda runtime passes: here a fixed request and a minute to run. */
    static final class TestContext implements Context {
        private final String requestId;
        private final String functionName;
        private final long deadline = System.currentTimeMillis() + 60_000;

        TestContext(String requestId, String functionName) {
            this.requestId = requestId;
            this.functionName = functionName;
        }

        @Override public String getAwsRequestId() { return requestId; }
        @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
        @Override public String getLogStreamName() { return "local"; }
        @Override public String getFunctionName() { return functionName; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, deadline - System.currentTimeMillis()); }
        @Override public int getMemoryLimitInMB() { return 512; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.out.print(message); }
                @Override public void log(byte[] message) { System.out.print(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}
