package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.delivery.DeliveryTestAccess;
import dev.applog.delivery.Redaction;
import dev.applog.local.logs.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * No secret reaches stdout from a service's or the SDK's error: the local endpoint answers errors that quote
 * credentials, through the real SDK, and neither the diagnostic nor any fallback line's reason holds them.
 */
class SecretRedactionTest extends LocalEndpointTest {

    private static final String KEY_ID = "ASIAQWERTYUIOPASDFGH";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEKn//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+token/part==";

    /** Every printed line, and the reasons of the fallback lines, hold none of {@code secrets}. */
    private void assertNothingSecretPrinted(List<String> secrets) throws Exception {
        List<String> lines = stdout.lines();
        assertFalse(stdout.diagnostics().isEmpty(), "a diagnostic is printed: " + lines);
        assertFalse(stdout.fallbackLines().isEmpty(), "the events are in the fallback: " + lines);
        for (String line : lines) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), "printed: " + secret + " in " + line);
            }
        }
        for (String fallback : stdout.fallbackLines()) {
            String reason = new ObjectMapper().readTree(fallback).get("reason").asText();
            assertTrue(reason.contains(Redaction.MARK), reason);
        }
    }

    @Test
    void aSignatureErrorQuotingTheSignedRequestPrintsNeitherTokenNorKeyIdNorSignature() throws Exception {
        create("/app/sig", "s");
        try (CloudWatchLogsClient session = DeliveryTestAccess.sdkClient(server.endpoint(), "us-east-1", Duration.ofSeconds(2),
                StaticCredentialsProvider.create(AwsSessionCredentials.create(KEY_ID, SECRET, TOKEN)))) {
            // the endpoint quotes the request's own secrets: the SDK's exception holds them
            server.failNext("PutLogEvents", 1, Fault.invalidSignatureQuotingTheRequest());
            AwsServiceException raw = assertThrows(AwsServiceException.class, () -> session.putLogEvents(b -> b
                    .logGroupName("/app/sig").logStreamName("s").logEvents(e -> e.timestamp(System.currentTimeMillis())
                            .message("probe"))));
            assertTrue(raw.getMessage().contains("x-amz-security-token:" + TOKEN) && raw.getMessage().contains(
                    "Credential=" + KEY_ID + "/") && raw.getMessage().matches("(?s).*Signature=[0-9a-f]{64}.*"),
                    raw.getMessage());
            server.failNext("PutLogEvents", 1, Fault.invalidSignatureQuotingTheRequest());
            CloudWatchLogger log = logger(config("/app/sig", "s").clientSupplier(() -> session));
            log.info("one");
            log.info("two");
            assertFalse(log.purge(Duration.ofSeconds(10)));
        }
        String diagnostic = stdout.diagnostics().get(0);
        // the error is still readable: what it is, and which parts were there
        assertTrue(diagnostic.contains("InvalidSignatureException") && diagnostic.contains("x-amz-security-token:"
                + Redaction.MARK) && diagnostic.contains("Credential=" + Redaction.MARK)
                && diagnostic.contains("Signature=" + Redaction.MARK)
                && diagnostic.contains("X-Amz-Security-Token=" + Redaction.MARK), diagnostic);
        assertEquals(2, stdout.fallbackLines().size());
        // the signature is the request's own: whatever it was, no 64 hex digits are printed
        assertTrue(stdout.lines().stream().noneMatch(l -> l.matches(".*[0-9a-f]{64}.*")), stdout.text());
        assertNothingSecretPrinted(List.of(TOKEN, KEY_ID, TOKEN.substring(0, 24)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            x-amz-security-token header line | UnrecognizedClientException | canonical request: host:logs\\nx-amz-security-token:IQoJb3JpZ2luX2VjEKn+secret/token==\\nx-amz-date:1 | IQoJb3JpZ2luX2VjEKn+secret/token==
            X-Amz-Security-Token query value | InvalidSignatureException | query: X-Amz-Security-Token=IQoJb3JpZ2luX2VjEKn%2Bsecret&X-Amz-Date=1 | IQoJb3JpZ2luX2VjEKn%2Bsecret
            Credential= value | IncompleteSignature | Authorization: AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/logs/aws4_request, SignedHeaders=host | AKIDTEST/20260101
            Signature= value | SignatureDoesNotMatch | SignedHeaders=host, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7 | 5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7
            long-term access key id | InvalidClientTokenId | The security token for key AKIAIOSFODNN7EXAMPLE is invalid | AKIAIOSFODNN7EXAMPLE
            temporary access key id | ExpiredTokenException | The token of ASIAIOSFODNN7EXAMPLE has expired | ASIAIOSFODNN7EXAMPLE
            aws_secret_access_key value | UnrecognizedClientException | profile read: aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            """)
    void eachFormOfSecretInAServiceErrorIsRedacted(String form, String type, String message, String secret)
            throws Exception {
        create("/app/red", "s");
        server.failNext("PutLogEvents", 1, Fault.error(400, type, message.replace("\\n", "\n")));
        CloudWatchLogger log = logger(config("/app/red", "s"));
        log.info("event");
        assertFalse(log.purge(Duration.ofSeconds(10)));
        assertTrue(stdout.diagnostics().get(0).contains(type), form + ": " + stdout.text());
        assertNothingSecretPrinted(List.of(secret));
    }

    @Test
    void aRetryableErrorThatEndsInTheFallbackHasItsReasonRedactedToo() throws Exception {
        create("/app/other", "s");
        // a 400 the logger does not retry nor treat as a refusal: the reason is the error text itself
        server.failNext("PutLogEvents", 1, Fault.error(400, "SomeNewException",
                "bad request signed with Credential=ASIAQWERTYUIOPASDFGH/20260101/us-east-1/logs/aws4_request"));
        CloudWatchLogger log = logger(config("/app/other", "s"));
        log.info("event");
        assertFalse(log.purge(Duration.ofSeconds(10)));
        assertEquals(1, stdout.fallbackLines().size(), stdout.text());
        assertFalse(stdout.text().contains("ASIAQWERTYUIOPASDFGH"), stdout.text());
        assertTrue(stdout.fallbackLines().get(0).contains("Credential=" + Redaction.MARK), stdout.text());
    }

    @Test
    void redactionKeepsTheTextAroundAndLeavesOrdinaryTextAlone() {
        assertEquals("x-amz-security-token:" + Redaction.MARK + "\nhost:h",
                Redaction.redact("x-amz-security-token:abc/+=\nhost:h"));
        assertEquals("Credential=" + Redaction.MARK + ", SignedHeaders=host;x-amz-security-token, Signature="
                + Redaction.MARK, Redaction.redact("Credential=AKIAIOSFODNN7EXAMPLE/2026/r/logs/aws4_request, "
                + "SignedHeaders=host;x-amz-security-token, Signature=abcdef0123"));
        assertEquals("\"SecretAccessKey\":\"" + Redaction.MARK + "\"",
                Redaction.redact("\"SecretAccessKey\":\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\""));
        String ordinary = "User is not authorized to perform logs:PutLogEvents on arn:aws:logs:us-east-1:123456789012:"
                + "log-group:/app/shop:* (the signature you provided; AKIA is a prefix; aws_secret_access_key is unset)";
        assertEquals(ordinary, Redaction.redact(ordinary));
        assertEquals(null, Redaction.redact((String) null));
    }
}
