package dev.applog.examples.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import dev.applog.lambda.LambdaLogging;
import dev.applog.local.logs.LocalLogsServer;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Runs the handler from the packaged function jar, the one a deployment uploads, with the library on the
 * class path as the layer puts it there: its events reach CloudWatch Logs (the local endpoint).
 */
class PackagedHandlerIT {

    @Test
    void theJarsHandlerIsWovenAndLogs() throws Exception {
        Path jar = Path.of(System.getProperty("function.jar", "target/shop-functions.jar"));
        assertTrue(Files.isRegularFile(jar), "the function jar is built by the package phase: " + jar);
        try (LocalLogsServer server = LocalLogsServer.start();
             CloudWatchLogsClient client = CloudWatchLogsClient.builder()
                     .endpointOverride(server.endpoint())
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .httpClient(UrlConnectionHttpClient.create())
                     .build();
             ShopClassLoader loader = new ShopClassLoader(jar.toUri().toURL(), getClass().getClassLoader())) {
            LambdaLogging.useShared(LambdaLogging.builder()
                    .environment(Map.of("APP_LOG_GROUP", "/test/packaged"))
                    .loggerConfig(config -> config.clientSupplier(() -> client))
                    .build());

            // an order without items: answered without calling the other functions
            Class<?> handlerClass = loader.loadClass(OrderHandler.class.getName());
            assertNotSame(OrderHandler.class, handlerClass, "loaded from the jar");
            Class<?> orderClass = loader.loadClass(Order.class.getName());
            Object order = orderClass.getConstructor(String.class, String.class, List.class)
                    .newInstance("o-7", "grace", List.of());
            Method handle = handlerClass.getMethod("handleRequest", orderClass, Context.class);
            handle.invoke(handlerClass.getConstructor().newInstance(), order,
                    new OrderHandlerWeavingTest.TestContext("req-7", "shop-order"));

            // the jar's other handlers are woven too
            Class<?> paymentClass = loader.loadClass(PaymentHandler.class.getName());
            Class<?> requestClass = loader.loadClass(PaymentRequest.class.getName());
            Object request = requestClass.getConstructor(String.class, String.class, BigDecimal.class, String.class)
                    .newInstance("o-8", "grace", new BigDecimal("12.00"), "checkout-8");
            paymentClass.getMethod("handleRequest", requestClass, Context.class).invoke(
                    paymentClass.getConstructor().newInstance(), request,
                    new OrderHandlerWeavingTest.TestContext("req-8", "shop-payment"));

            // the order's 2, the payment's own and its card network's (java.util.logging)
            assertEquals(4, server.events("/test/packaged", "shop-" + LocalDate.now(ZoneOffset.UTC)).size());
        } finally {
            LambdaLogging.useShared(LambdaLogging.builder().build());
        }
    }
}
