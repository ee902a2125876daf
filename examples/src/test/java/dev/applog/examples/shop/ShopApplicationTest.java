package dev.applog.examples.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.lambda.LambdaLogging;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The shop's three functions co-operating: the order function calls the payment and inventory functions
 * through the real SDK's LambdaClient and the Lambda Invoke API (here served in-process), and all three
 * log into one stream of the local CloudWatch Logs endpoint, joined by the correlation id.
 */
class ShopApplicationTest {

    private static final String GROUP = "/test/shop";
    private static final String ORDER = "shop-order";
    private static final String PAYMENT = "shop-payment";
    private static final String INVENTORY = "shop-inventory";

    private LocalLogsServer logs;
    private CloudWatchLogsClient logsClient;
    private LambdaInvokeServer lambda;
    private LambdaClient lambdaClient;
    private OrderHandler orders;

    @BeforeEach
    void start() throws IOException {
        logs = LocalLogsServer.start();
        logsClient = CloudWatchLogsClient.builder()
                .endpointOverride(logs.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        // the deployment's setting, as template.yaml's Globals give it to every function
        LambdaLogging.useShared(LambdaLogging.builder()
                .environment(Map.of("APP_LOG_GROUP", GROUP))
                .loggerConfig(config -> config.clientSupplier(() -> logsClient))
                .build());
        lambda = new LambdaInvokeServer()
                .function(PAYMENT, new PaymentHandler(), PaymentRequest.class)
                .function(INVENTORY, new InventoryHandler(), StockRequest.class);
        lambdaClient = LambdaClient.builder()
                .endpointOverride(lambda.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        orders = new OrderHandler(new ShopFunctions(lambdaClient, PAYMENT, INVENTORY));
    }

    @AfterEach
    void stop() {
        LambdaLogging.useShared(LambdaLogging.builder().build());
        lambdaClient.close();
        lambda.close();
        logsClient.close();
        logs.close();
    }

    @Test
    void oneStreamHoldsEveryFunctionsEventsJoinedByTheCorrelationId() throws IOException {
        OrderReceipt first = place(order("o-1", "ada", "42.50", "checkout-1", "book", "lamp"), "req-1");
        OrderReceipt second = place(order("o-2", "grace", "19.90", null, "mug"), "req-2");

        assertEquals("CONFIRMED", first.getStatus());
        assertTrue(first.getAuthorizationId().startsWith("auth-"), first.getAuthorizationId());
        assertEquals("CONFIRMED", second.getStatus());

        List<Logged> events = streamEvents();
        assertEquals(10, events.size(), "5 events per order: received, the card network's (java.util.logging), "
                + "authorized, reserved (SLF4J), confirmed");
        assertEquals(Set.of(ORDER, PAYMENT, INVENTORY), field(events, "function_name"));

        // the first order's id came with its event; the second's is the order function's request id
        Map<String, List<Logged>> byCorrelation = events.stream()
                .collect(Collectors.groupingBy(e -> e.json().get("correlation_id").asText()));
        assertEquals(Set.of("checkout-1", "req-2"), byCorrelation.keySet());
        for (Map.Entry<String, List<Logged>> order : Map.of("o-1", byCorrelation.get("checkout-1"), "o-2", byCorrelation.get("req-2")).entrySet()) {
            String id = order.getKey();
            assertStory(order.getValue(),
                    "INFO " + ORDER + ": order " + id + " received from ",
                    "INFO " + PAYMENT + ": card network: ",
                    "INFO " + PAYMENT + ": payment of ",
                    "INFO " + INVENTORY + ": stock reserved for order " + id + ": ",
                    "INFO " + ORDER + ": order " + id + " confirmed: payment auth-");
        }

        // the lines of SLF4J (the inventory) and java.util.logging (the card network) name their logger
        assertEquals(Set.of(InventoryHandler.class.getName()), events.stream()
                .filter(e -> e.line().startsWith("INFO " + INVENTORY + ": stock reserved")).map(e -> e.json().get("logger").asText())
                .collect(Collectors.toSet()));
        assertEquals(Set.of("dev.applog.examples.cards.CardNetwork"), events.stream()
                .filter(e -> e.line().startsWith("INFO " + PAYMENT + ": card network")).map(e -> e.json().get("logger").asText())
                .collect(Collectors.toSet()));

        // the other functions ran as invocations of their own, under the order's correlation id
        for (Logged event : byCorrelation.get("req-2")) {
            if (!event.json().get("function_name").asText().equals(ORDER)) {
                assertNotEquals("req-2", event.json().get("function_request_id").asText());
            }
        }
        assertEquals(2, lambda.calls(PAYMENT));
        assertEquals(2, lambda.calls(INVENTORY));
    }

    @Test
    void theSampleEventsTellTheirStories() throws IOException {
        // read strictly: a misspelt key in a sample event would otherwise be silently ignored
        ObjectMapper strict = new ObjectMapper();
        Path events = Path.of(System.getProperty("events.directory", "../events"));
        Map<String, String> expected = Map.of(
                "order.json", "CONFIRMED null",
                "order-declined.json", "REJECTED payment declined: over the card limit of 500.00",
                "order-out-of-stock.json", "REJECTED out of stock: teapot");
        for (Map.Entry<String, String> sample : expected.entrySet()) {
            Order order = strict.readValue(events.resolve(sample.getKey()).toFile(), Order.class);
            OrderReceipt receipt = place(order, "req-" + sample.getKey());
            assertEquals(sample.getValue(), receipt.getStatus() + " " + receipt.getReason(), sample.getKey());
        }
        PaymentRequest payment = strict.readValue(events.resolve("payment.json").toFile(), PaymentRequest.class);
        assertTrue(new PaymentHandler().handleRequest(payment, new OrderHandlerWeavingTest.TestContext("req-p", PAYMENT)).isAuthorized());
        StockRequest stock = strict.readValue(events.resolve("inventory.json").toFile(), StockRequest.class);
        assertTrue(new InventoryHandler().handleRequest(stock, new OrderHandlerWeavingTest.TestContext("req-i", INVENTORY)).isReserved());

        assertEquals(Set.of("checkout-1001", "checkout-1002", "req-order-out-of-stock.json", "payment-check-1", "inventory-check-1"), field(streamEvents(), "correlation_id"),
                "the events' correlation ids, else the order function's request id");
    }

    @Test
    void theFunctionsNeedNoRightToCreateTheGroupTheStackCreated() throws IOException {
        // template.yaml creates the group and grants only CreateLogStream and PutLogEvents
        logsClient.createLogGroup(b -> b.logGroupName(GROUP));
        logs.resetCounters();

        place(order("o-8", "ada", "42.50", "checkout-8", "book"), "req-8");

        assertEquals(5, streamEvents().size());
        assertEquals(0, logs.requests("CreateLogGroup"), "the logger puts first and creates only what is missing");
        assertEquals(1, logs.requests("CreateLogStream"), "the day's stream, created once by the first function to log");
    }

    @Test
    void aDeclinedPaymentRejectsTheOrderWithoutReservingStock() throws IOException {
        OrderReceipt receipt = place(order("o-3", "alan", "950.00", "checkout-3", "kettle"), "req-3");

        assertEquals("REJECTED", receipt.getStatus());
        assertEquals("payment declined: over the card limit of 500.00", receipt.getReason());
        List<Logged> events = streamEvents();
        assertStory(events,
                "INFO " + ORDER + ": order o-3 received from alan: kettle, total 950.00",
                "WARNING " + PAYMENT + ": payment of 950.00 for order o-3 declined: over the card limit of 500.00",
                "WARNING " + ORDER + ": order o-3 rejected: payment declined (over the card limit of 500.00)");
        assertEquals(Set.of("checkout-3"), field(events, "correlation_id"));
        assertEquals(0, lambda.calls(INVENTORY));
    }

    @Test
    void anItemOutOfStockRejectsTheOrder() throws IOException {
        OrderReceipt receipt = place(order("o-4", "ada", "64.90", "checkout-4", "book", "teapot"), "req-4");

        assertEquals("REJECTED", receipt.getStatus());
        assertEquals("out of stock: teapot", receipt.getReason());
        assertStory(streamEvents(),
                "INFO " + ORDER + ": order o-4 received from ada: book, teapot, total 64.90",
                "INFO " + PAYMENT + ": card network: 64.90 approved for order o-4",
                "INFO " + PAYMENT + ": payment of 64.90 for order o-4 authorized: auth-",
                "WARNING " + INVENTORY + ": order o-4 cannot be reserved: out of stock: teapot",
                "WARNING " + ORDER + ": order o-4 rejected: out of stock: teapot (authorization auth-");
    }

    @Test
    void anOrderWithoutItemsIsRejectedWithoutCallingAnyone() throws IOException {
        OrderReceipt receipt = place(order("o-5", "ada", "0", "checkout-5"), "req-5");

        assertEquals("REJECTED", receipt.getStatus());
        assertEquals("no items", receipt.getReason());
        assertStory(streamEvents(),
                "INFO " + ORDER + ": order o-5 received from ada: , total 0",
                "WARNING " + ORDER + ": order o-5 rejected: no items");
        assertEquals(0, lambda.calls(PAYMENT) + lambda.calls(INVENTORY));
    }

    @Test
    void aFunctionThatCannotBeCalledFailsTheOrderAndTheFailureIsLogged() throws IOException {
        OrderHandler misnamed = new OrderHandler(new ShopFunctions(lambdaClient, "no-such-function", INVENTORY));

        RuntimeException failure = assertThrows(RuntimeException.class, () -> misnamed.handleRequest(
                order("o-6", "ada", "5.00", "checkout-6", "mug"), new OrderHandlerWeavingTest.TestContext("req-6", ORDER)));

        assertTrue(failure.getMessage().contains("Function not found: no-such-function"), failure.getMessage());
        List<Logged> events = streamEvents();
        assertStory(events, "INFO " + ORDER + ": order o-6 received", "ERROR " + ORDER + ": ");
        assertEquals(Set.of("checkout-6"), field(events, "correlation_id"));
    }

    @Test
    void aFunctionNameMissingFromTheEnvironmentIsNamedInTheError() {
        OrderHandler unconfigured = new OrderHandler(ShopFunctions.fromEnvironment(Map.of(ShopFunctions.INVENTORY_FUNCTION, INVENTORY)));

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> unconfigured.handleRequest(
                order("o-7", "ada", "5.00", null, "mug"), new OrderHandlerWeavingTest.TestContext("req-7", ORDER)));

        assertEquals("environment variable PAYMENT_FUNCTION is not set: set it to the name of the function to call"
                + " (template.yaml does)", failure.getMessage());
    }

    private OrderReceipt place(Order order, String requestId) {
        return orders.handleRequest(order, new OrderHandlerWeavingTest.TestContext(requestId, ORDER));
    }

    private static Order order(String id, String customer, String total, String correlationId, String... items) {
        Order order = new Order(id, customer, List.of(items));
        order.setTotal(new BigDecimal(total));
        order.setCorrelationId(correlationId);
        return order;
    }

    /** One stored event: its timestamp, its JSON, and "LEVEL function: message". */
    private record Logged(long timestamp, JsonNode json, String line) { }

    /**
     * The events are exactly these, each line starting with the text given, in this order of time. Events
     * of the same millisecond may be stored in either order (the stream orders by timestamp only).
     */
    private static void assertStory(List<Logged> events, String... story) {
        String all = events.stream().map(Logged::line).collect(Collectors.joining("\n"));
        assertEquals(story.length, events.size(), all);
        List<Logged> left = new ArrayList<>(events);
        long previous = Long.MIN_VALUE;
        for (String start : story) {
            Logged event = left.stream().filter(e -> e.line().startsWith(start)).findFirst().orElse(null);
            assertTrue(event != null, "no event starting with \"" + start + "\" in\n" + all);
            assertTrue(event.timestamp() >= previous, "\"" + start + "\" logged before the event it follows:\n" + all);
            previous = event.timestamp();
            left.remove(event);
        }
    }

    private List<Logged> streamEvents() throws IOException {
        List<Logged> records = new ArrayList<>();
        for (StoredEvent event : logs.events(GROUP, "shop-" + LocalDate.now(ZoneOffset.UTC))) {
            JsonNode json = new ObjectMapper().readTree(event.message());
            records.add(new Logged(event.timestamp(), json, json.get("level").asText() + " "
                    + json.get("function_name").asText() + ": " + json.get("message").asText()));
        }
        return records;
    }

    private static Set<String> field(List<Logged> events, String name) {
        return events.stream().map(e -> e.json().get(name).asText()).collect(Collectors.toSet());
    }
}
