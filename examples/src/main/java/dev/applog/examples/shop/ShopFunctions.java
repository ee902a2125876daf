package dev.applog.examples.shop;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The order function's way to the payment and inventory functions: a synchronous Lambda Invoke
 * (RequestResponse) per call, the request as JSON. Their names come from the environment, which
 * template.yaml sets; the Lambda endpoint, region and credentials are the SDK's own business
 * ({@code AWS_ENDPOINT_URL_LAMBDA}, {@code AWS_REGION}, the function's role).
 */
public final class ShopFunctions {

    public static final String PAYMENT_FUNCTION = "PAYMENT_FUNCTION";
    public static final String INVENTORY_FUNCTION = "INVENTORY_FUNCTION";
    /** The environment variables the order function reads (template.yaml must declare them). */
    public static final List<String> VARIABLES = List.of(PAYMENT_FUNCTION, INVENTORY_FUNCTION);

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Supplier<LambdaClient> lambda;
    private final String paymentFunction;
    private final String inventoryFunction;

    public ShopFunctions(LambdaClient lambda, String paymentFunction, String inventoryFunction) {
        this(() -> lambda, paymentFunction, inventoryFunction);
    }

    private ShopFunctions(Supplier<LambdaClient> lambda, String paymentFunction, String inventoryFunction) {
        this.lambda = lambda;
        this.paymentFunction = paymentFunction;
        this.inventoryFunction = inventoryFunction;
    }

    /**
     * From the function's environment; the client is built on first use, so that a handler can be
     * created (and an order without items answered) where no AWS settings exist.
     */
    public static ShopFunctions fromEnvironment(Map<String, String> environment) {
        return new ShopFunctions(() -> DefaultClient.LAMBDA,
                environment.get(PAYMENT_FUNCTION), environment.get(INVENTORY_FUNCTION));
    }

    public PaymentReply authorizePayment(PaymentRequest request) {
        return invoke(named(PAYMENT_FUNCTION, paymentFunction), request, PaymentReply.class);
    }

    public StockReply reserveStock(StockRequest request) {
        return invoke(named(INVENTORY_FUNCTION, inventoryFunction), request, StockReply.class);
    }

    private <T> T invoke(String function, Object request, Class<T> replyType) {
        try {
            SdkBytes payload = SdkBytes.fromByteArray(JSON.writeValueAsBytes(request));
            InvokeResponse response = lambda.get().invoke(call -> call
                    .functionName(function)
                    .invocationType(InvocationType.REQUEST_RESPONSE)
                    .payload(payload));
            if (response.functionError() != null) {
                throw new IllegalStateException("function " + function + " failed (" + response.functionError()
                        + "): " + response.payload().asUtf8String());
            }
            return JSON.readValue(response.payload().asByteArray(), replyType);
        } catch (IOException e) {
            throw new UncheckedIOException("function " + function + ": request or answer not mapped to JSON", e);
        }
    }

    private static String named(String variable, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("environment variable " + variable
                    + " is not set: set it to the name of the function to call (template.yaml does)");
        }
        return name;
    }

    /** Built once per JVM, on first use: the url-connection HTTP client starts quickly. */
    private static final class DefaultClient {
        static final LambdaClient LAMBDA = lambdaClient(System.getenv());
    }

    /**
     * A client for the environment's region and credentials, and for {@code AWS_ENDPOINT_URL_LAMBDA} when it
     * names an endpoint. The SDK reads that variable itself but refuses an empty one, which a template may
     * declare so that local runs can set it: empty then means the region's own endpoint.
     */
    static LambdaClient lambdaClient(Map<String, String> environment) {
        LambdaClientBuilder builder = LambdaClient.builder().httpClient(UrlConnectionHttpClient.create());
        String endpoint = environment.get("AWS_ENDPOINT_URL_LAMBDA");
        String region = environment.get("AWS_REGION");
        if (endpoint != null && endpoint.isBlank() && region != null) {
            builder.endpointOverride(URI.create("https://" + LambdaClient.serviceMetadata().endpointFor(Region.of(region))));
        }
        return builder.build();
    }
}
