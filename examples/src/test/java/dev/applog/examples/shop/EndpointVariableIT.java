package dev.applog.examples.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The AWS SDK for Java reads {@code AWS_ENDPOINT_URL_LAMBDA} (and {@code AWS_ENDPOINT_URL_CLOUDWATCH_LOGS})
 * itself and refuses an empty value, so a function deployed with the empty declaration template.yaml makes
 * (for local runs to override) could not build a plain client: the shop's client takes an empty value for
 * the region's endpoint. Each case runs the function jar's SDK in a fresh JVM with the variable set as given.
 */
class EndpointVariableIT {

    @Test
    void anEmptyEndpointVariableBreaksAPlainClient() throws Exception {
        assertEquals("failed: The URI scheme of endpointOverride must not be null.", buildClientWith("plain", ""));
    }

    @Test
    void aSetVariableIsUsedByAPlainClient() throws Exception {
        assertEquals("built: https://lambda.us-east-1.amazonaws.com", buildClientWith("plain", "https://lambda.us-east-1.amazonaws.com"));
    }

    @Test
    void theShopsClientTakesAnEmptyVariableForTheRegionsEndpoint() throws Exception {
        assertEquals("built: https://lambda.us-east-1.amazonaws.com", buildClientWith("shop", ""));
    }

    @Test
    void theShopsClientLeavesASetVariableToTheSdk() throws Exception {
        assertEquals("built: http://127.0.0.1:3001", buildClientWith("shop", "http://127.0.0.1:3001"));
    }

    private static String buildClientWith(String which, String endpoint) throws Exception {
        Path jar = Path.of(System.getProperty("function.jar", "target/shop-functions.jar"));
        String classpath = jar + java.io.File.pathSeparator + location(EndpointVariableIT.class);
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the jar alone has slf4j-api but no provider (the layer brings it): keep SLF4J's warning out of the output
                "-Dslf4j.internal.verbosity=ERROR",
                "-cp", classpath, BuildClient.class.getName(), which)).redirectErrorStream(true);
        builder.environment().put("AWS_ENDPOINT_URL_LAMBDA", endpoint);
        builder.environment().put("AWS_REGION", "us-east-1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return output;
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** Builds a plain Lambda client or the shop's, and says whether it was built, with the endpoint it was given. */
    public static final class BuildClient {
        public static void main(String[] args) {
            try (LambdaClient client = args[0].equals("shop") ? ShopFunctions.lambdaClient(System.getenv())
                    : LambdaClient.builder().region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create()).build()) {
                System.out.println("built" + client.serviceClientConfiguration().endpointOverride().map(uri -> ": " + uri).orElse(""));
            } catch (RuntimeException e) {
                System.out.println("failed: " + e.getMessage());
            }
        }
    }
}
