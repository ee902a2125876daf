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
 * Why template.yaml declares the endpoint variables with the region's endpoints rather than empty: the
 * AWS SDK for Java reads {@code AWS_ENDPOINT_URL_LAMBDA} (and {@code AWS_ENDPOINT_URL_CLOUDWATCH_LOGS})
 * itself and refuses an empty value, so a function deployed with an empty one could not build its client.
 * Each case runs the function jar's own SDK in a fresh JVM with the variable set as given.
 */
class EndpointVariableIT {

    @Test
    void anEmptyEndpointVariableBreaksTheClient() throws Exception {
        assertEquals("failed: The URI scheme of endpointOverride must not be null.", buildClientWith(""));
    }

    @Test
    void theRegionsEndpointAsTheTemplateDeclaresItWorks() throws Exception {
        assertEquals("built: https://lambda.us-east-1.amazonaws.com", buildClientWith("https://lambda.us-east-1.amazonaws.com"));
    }

    private static String buildClientWith(String endpoint) throws Exception {
        Path jar = Path.of(System.getProperty("function.jar", "target/shop-functions.jar"));
        String classpath = jar + java.io.File.pathSeparator + location(EndpointVariableIT.class);
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, BuildClient.class.getName())).redirectErrorStream(true);
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

    /** Builds a Lambda client as the order function does, and says what the SDK made of the environment. */
    public static final class BuildClient {
        public static void main(String[] args) {
            try (LambdaClient client = LambdaClient.builder().region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                System.out.println("built: " + System.getenv("AWS_ENDPOINT_URL_LAMBDA"));
            } catch (RuntimeException e) {
                System.out.println("failed: " + e.getMessage());
            }
        }
    }
}
