package dev.applog.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.local.logs.LocalLogsServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

/** What tail and serve print cannot be forged: control characters escaped, line breaks indented or escaped. */
class PrintedOutputTest {

    private static final String ESC = "\u001b";

    /** True when a printed line holds a C0 or C1 control character other than a tab. */
    private static boolean hasControl(String line) {
        return line.chars().anyMatch(c -> c != '\t' && (c < 0x20 || (c >= 0x7f && c <= 0x9f)));
    }

    @Test
    void printableEscapesC0AndC1AndIndentsOrEscapesLineBreaks() {
        assertEquals("a\\u001b[31mred\\u001b]0;title\\u0007 \\u009b2J\\r\\u007fb\tc",
                Printable.text("a" + ESC + "[31mred" + ESC + "]0;title\u0007 \u009b2J\r\u007fb\tc"));
        assertEquals("one\n    two\n    three", Printable.text("one\ntwo\r\nthree"));
        assertEquals("one\\ntwo\\r\\nthree", Printable.field("one\ntwo\r\nthree"));
        assertEquals("plain ü €", Printable.text("plain ü €"));
    }

    @Test
    void tailEscapesEveryFieldAndAnEventCannotPrintALineOfItsOwn() throws Exception {
        try (LocalLogsServer logs = LocalLogsServer.start();
                CloudWatchLogsClient client = CloudWatchLogsClient.builder().endpointOverride(logs.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .httpClient(UrlConnectionHttpClient.create()).build()) {
            client.createLogGroup(b -> b.logGroupName("/app/forge"));
            client.createLogStream(b -> b.logGroupName("/app/forge").logStreamName("s"));
            long t = System.currentTimeMillis() - 60_000;
            String forgedLine = "2026-01-01 00:00:00.000 [s] INFO     PaymentFunction        c-9              paid";
            client.putLogEvents(b -> b.logGroupName("/app/forge").logStreamName("s").logEvents(
                    InputLogEvent.builder().timestamp(t).message("text " + ESC + "]0;pwned" + "\u0007" + ESC + "[2J\r"
                            + forgedLine).build(),
                    InputLogEvent.builder().timestamp(t + 1).message("{\"level\":\"INFO" + "\\u001b[31m\","
                            + "\"function_name\":\"OrderFunction\\n" + forgedLine + "\",\"correlation_id\":\"c\\r1\","
                            + "\"message\":\"json\\n" + forgedLine + "\\u009b\","
                            + "\"error\":{\"name\":\"E\\n" + forgedLine + "\",\"message\":\"m\\u0007\"}}").build()));

            for (String[] args : List.of(new String[] {"tail", "--endpoint", logs.endpoint().toString(), "--group",
                    "/app/forge"}, new String[] {"tail", "--endpoint", logs.endpoint().toString(), "--group",
                    "/app/forge", "--stream", "s"})) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
                assertEquals(0, status);
                List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
                assertFalse(lines.isEmpty());
                for (String line : lines) {
                    assertFalse(hasControl(line), "a control character printed raw: " + line);
                    // every line is an event's own (starts with its time) or the indented rest of a message
                    assertTrue(line.startsWith("    ") || line.matches("^\\d{4}-\\d\\d-\\d\\d \\d\\d:.*"), line);
                    assertFalse(line.startsWith("2026-01-01"), "a forged event line: " + line);
                }
                String text = String.join("\n", lines);
                assertTrue(text.contains("text \\u001b]0;pwned\\u0007\\u001b[2J\\r2026-01-01"), text);
                assertTrue(text.contains("INFO\\u001b[31m") && text.contains("OrderFunction\\n2026-01-01")
                        && text.contains("c\\r1") && text.contains("json\n    2026-01-01")
                        && text.contains("E\\n2026") && text.contains("m\\u0007"), text);
            }
        }
    }

    @Test
    void serveEscapesTheGroupAndStreamNamesItPrints() throws Exception {
        List<String> printed = new CopyOnWriteArrayList<>();
        try (LocalLogsServer logs = LocalLogsServer.builder().requestListener(printed::add).start()) {
            HttpRequest request = HttpRequest.newBuilder(logs.endpoint())
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .header("X-Amz-Target", "Logs_20140328.CreateLogGroup")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"logGroupName\":\"/app/x\\n12:00:00 PutLogEvents"
                            + " /app/shop s: 3 events stored\\u001b[2J\"}")).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(400, response.statusCode(), response.body());
        }
        assertEquals(1, printed.size(), printed.toString());
        String line = printed.get(0);
        assertFalse(hasControl(line), line);
        assertTrue(line.contains("/app/x\\n12:00:00 PutLogEvents /app/shop s: 3 events stored\\u001b[2J"), line);
    }
}
