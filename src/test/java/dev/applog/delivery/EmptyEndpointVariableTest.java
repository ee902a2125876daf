package dev.applog.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.EmptyEndpointVariableMain;
import dev.applog.local.logs.LocalLogsServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A SAM template declares {@code AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: ""} so that a local run can fill it in; in
 * Lambda the function then sees the variable set but empty. The SDK would refuse that value, so an empty
 * endpoint variable counts as unset.
 */
class EmptyEndpointVariableTest {

    private static Map<String, String> env(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void noVariableOrANonEmptyOneIsLeftToTheSdk() {
        assertNull(SdkClients.endpointForEmptyVariables(env(), "us-east-1"));
        assertNull(SdkClients.endpointForEmptyVariables(env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://127.0.0.1:1"), null));
        assertNull(SdkClients.endpointForEmptyVariables(env("AWS_ENDPOINT_URL", "http://127.0.0.1:1"), null));
        assertNull(SdkClients.endpointForEmptyVariables(
                env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://127.0.0.1:1", "AWS_ENDPOINT_URL", ""), null));
    }

    @Test
    void anEmptyServiceVariableFallsBackToTheGlobalOne() {
        assertEquals(URI.create("http://127.0.0.1:9"), SdkClients.endpointForEmptyVariables(
                env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "", "AWS_ENDPOINT_URL", "http://127.0.0.1:9"), "us-east-1"));
    }

    @Test
    void emptyVariablesMeanTheRegionsStandardEndpoint() {
        assertEquals(URI.create("https://logs.eu-west-1.amazonaws.com"),
                SdkClients.endpointForEmptyVariables(env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", " "), "eu-west-1"));
        assertEquals(URI.create("https://logs.us-east-1.amazonaws.com"), SdkClients.endpointForEmptyVariables(
                env("AWS_ENDPOINT_URL", "", "AWS_REGION", "us-east-1"), null));
        assertEquals(URI.create("https://logs.cn-north-1.amazonaws.com.cn"),
                SdkClients.endpointForEmptyVariables(env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", ""), "cn-north-1"));
    }

    @Test
    void withoutARegionTheSdkReportsIt() {
        assertNull(SdkClients.endpointForEmptyVariables(env("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", ""), null));
    }

    /** The whole path in a JVM whose environment really holds the empty variable, as a deployed function's does. */
    @Test
    void aLoggerInAProcessWithTheEmptyVariableDelivers() throws Exception {
        try (LocalLogsServer logs = LocalLogsServer.start()) {
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), EmptyEndpointVariableMain.class.getName());
            builder.environment().put("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "");
            builder.environment().put("AWS_ENDPOINT_URL", logs.endpoint().toString());
            builder.environment().put("AWS_REGION", "us-east-1");
            builder.environment().put("AWS_ACCESS_KEY_ID", "test");
            builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
            builder.environment().remove("AWS_SESSION_TOKEN");
            builder.redirectErrorStream(true);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
            assertEquals(0, process.exitValue(), output);
            assertEquals(1, logs.events("/app/empty-endpoint", "s").size(), output);
            assertTrue(output.contains("stored: true"), output);
        }
    }
}
