package dev.applog.local;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code serve}'s network delay and account quota options: bad values refused naming the rule, good ones applied. */
class ServeNetworkOptionsTest {

    @Test
    void badValuesAreRefusedWithTheRuleAndExit2() {
        assertRefused("--put-delay must be a duration such as 30ms or 1.5s, got 'fast'", "--put-delay", "fast");
        assertRefused("--put-delay needs a duration such as 30ms", "--put-delay");
        assertRefused("--put-slow-tail must be 1/N:DURATION, e.g. 1/20:150ms (1 request in 20 waits 150 ms), got '20:150ms'",
                "--put-slow-tail", "20:150ms");
        assertRefused("--put-slow-tail: N in 1/N must be at least 1, got '1/0:150ms'", "--put-slow-tail", "1/0:150ms");
        assertRefused("--delay-seed must be a whole number, got 'x'", "--delay-seed", "x");
        assertRefused("--put-quota must be a number of requests per second from 1 to 1000000 (the service's default is "
                + "5000), got '0'", "--put-quota", "0");
        assertRefused("--put-quota must be a number of requests per second", "--put-quota", "lots");
    }

    private static void assertRefused(String message, String... options) {
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0"));
        args.addAll(List.of(options));
        CommandRun run = CommandRun.of(args.toArray(String[]::new));
        assertEquals(Main.USAGE_ERROR, run.status(), run.err());
        assertTrue(run.err().contains(message), run.err());
    }

    @Test
    void serveAppliesTheDelayAndSaysSo() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--port", "0", "--put-delay", "30ms", "--put-slow-tail", "1/20:150ms", "--delay-seed", "3",
                "--put-quota", "5000").redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = output.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("Stop with Ctrl-C")) {
                    break;
                }
            }
            assertNotNull(line, "serve ended early: " + lines);
            String text = String.join("\n", lines);
            assertTrue(text.contains("PutLogEvents answered after a network delay of 30 ms, 1 in 20 at 150 ms (seed 3)"), text);
            assertTrue(text.contains("account quota: 5000 PutLogEvents per second"), text);
            String url = lines.get(0).substring(lines.get(0).indexOf("http://"));
            try (CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(URI.create(url))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                logs.createLogGroup(r -> r.logGroupName("/served"));
                logs.createLogStream(r -> r.logGroupName("/served").logStreamName("s"));
                logs.putLogEvents(r -> r.logGroupName("/served").logStreamName("s").logEvents(
                        InputLogEvent.builder().timestamp(System.currentTimeMillis()).message("late").build()));
            }
            String activity = output.readLine() + "\n" + output.readLine() + "\n" + output.readLine();
            assertTrue(activity.contains("CreateLogStream /served s: ok"), activity);
            for (String request : activity.split("\n")) {
                assertEquals(request.contains("PutLogEvents"), request.contains("network delay"), "PutLogEvents only: " + request);
            }
            assertTrue(activity.matches("(?s).*PutLogEvents \\(after a (30|150) ms network delay\\) /served s: 1 events stored.*"),
                    activity);
            process.destroy();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "serve stops when asked");
        } finally {
            process.destroyForcibly();
        }
    }
}
