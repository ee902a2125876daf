package dev.applog.local;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        try (ServeProcess serve = ServeProcess.start("--put-delay", "30ms", "--put-slow-tail", "1/20:150ms",
                "--delay-seed", "3", "--put-quota", "5000")) {
            String text = serve.bannerText();
            assertTrue(text.contains("PutLogEvents answered after a network delay of 30 ms, 1 in 20 at 150 ms (seed 3)"), text);
            assertTrue(text.contains("account quota: 5000 PutLogEvents per second"), text);
            try (CloudWatchLogsClient logs = serve.client()) {
                logs.createLogGroup(r -> r.logGroupName("/served"));
                logs.createLogStream(r -> r.logGroupName("/served").logStreamName("s"));
                logs.putLogEvents(r -> r.logGroupName("/served").logStreamName("s").logEvents(
                        InputLogEvent.builder().timestamp(System.currentTimeMillis()).message("late").build()));
            }
            String activity = serve.nextLines(3);
            assertTrue(activity.contains("CreateLogStream /served s: ok"), activity);
            for (String request : activity.split("\n")) {
                assertEquals(request.contains("PutLogEvents"), request.contains("network delay"), "PutLogEvents only: " + request);
            }
            assertTrue(activity.matches("(?s).*PutLogEvents \\(after a (30|150) ms network delay\\) /served s: 1 events stored.*"),
                    activity);
            assertTrue(serve.stop(), "serve stops when asked");
        }
    }
}
