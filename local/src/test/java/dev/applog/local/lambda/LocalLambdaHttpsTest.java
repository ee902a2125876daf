package dev.applog.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.local.logs.LocalLogsServer;
import org.junit.jupiter.api.Test;

/**
 * A function reaches an HTTPS local endpoint as it reaches the service: its JVM trusts the run's certificate through
 * the truststore options the local Lambda puts in its JAVA_TOOL_OPTIONS, in front of the function's own; without
 * them the JDK refuses the handshake.
 */
class LocalLambdaHttpsTest {

    @Test
    void withTheTruststoreOptionsTheFunctionsHttpsRequestIsAnsweredWithoutItIsRefused() throws Exception {
        TestFunctions.build();
        try (LocalLogsServer logs = LocalLogsServer.builder().https(true).start()) {
            String options = logs.certificate().javaOptions();
            try (LocalLambda trusting = LocalLambda.builder()
                    .function(TestFunctions.function("Trusting", "TlsProbe"))
                    .function(TestFunctions.function("Echo", "Echo")
                            .withEnvironment(java.util.Map.of("JAVA_TOOL_OPTIONS", "-Dfunction.own=kept")))
                    .logsEndpoint(logs.endpoint()).javaToolOptions(options)
                    .workDirectory(TestFunctions.ROOT.resolve("work-https")).start()) {
                InvocationResult result = trusting.invoke("Trusting", "{\"group\":\"/over/tls\"}");
                assertEquals("\"status 200\"", result.payloadText());
                assertTrue(logs.groupExists("/over/tls"));
                String echoed = trusting.invoke("Echo", "{}").payloadText();
                assertTrue(echoed.contains("\"JAVA_TOOL_OPTIONS\":\"" + options + " -Dfunction.own=kept\""), echoed);
            }
            try (LocalLambda plain = LocalLambda.builder()
                    .function(TestFunctions.function("Untrusting", "TlsProbe"))
                    .logsEndpoint(logs.endpoint())
                    .workDirectory(TestFunctions.ROOT.resolve("work-https-untrusted")).start()) {
                String answer = plain.invoke("Untrusting", "{\"group\":\"/refused\"}").payloadText();
                assertTrue(answer.contains("SSLHandshakeException"), answer);
                assertFalse(logs.groupExists("/refused"));
            }
        }
    }
}
