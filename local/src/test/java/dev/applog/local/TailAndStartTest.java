package dev.applog.local;

import dev.applog.local.lambda.TestApplication;
import dev.applog.local.logs.LocalLogsServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tail against a live endpoint (a stream, a group, --follow), and start as a real process. */
class TailAndStartTest {

    private static final AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("test", "test");

    private static String tail(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, status);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tailPrintsAStreamOrAGroupInTimeOrderWithJsonEventsCompact() throws Exception {
        try (LocalLogsServer logs = LocalLogsServer.start();
                CloudWatchLogsClient client = CloudWatchLogsClient.builder().endpointOverride(logs.endpoint())
                        .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
                        .httpClient(UrlConnectionHttpClient.create()).build()) {
            client.createLogGroup(b -> b.logGroupName("/app/t"));
            client.createLogStream(b -> b.logGroupName("/app/t").logStreamName("a"));
            client.createLogStream(b -> b.logGroupName("/app/t").logStreamName("b"));
            // a whole hour within the service's 14 days, so the times print as HH:00:00.mmm
            long t = (System.currentTimeMillis() / 3_600_000L - 1) * 3_600_000L;
            String hour = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH")
                    .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.ofEpochMilli(t));
            client.putLogEvents(b -> b.logGroupName("/app/t").logStreamName("a").logEvents(
                    InputLogEvent.builder().timestamp(t).message("{\"level\":\"INFO\",\"message\":\"order 1 received\","
                            + "\"function_name\":\"OrderFunction\",\"correlation_id\":\"c-1\",\"cold_start\":true}").build(),
                    InputLogEvent.builder().timestamp(t + 20).message("plain text event").build()));
            client.putLogEvents(b -> b.logGroupName("/app/t").logStreamName("b").logEvents(
                    InputLogEvent.builder().timestamp(t + 10).message("{\"level\":\"ERROR\",\"message\":\"declined\","
                            + "\"function_name\":\"PaymentFunction\",\"correlation_id\":\"c-1\",\"error\":{\"name\":"
                            + "\"java.lang.IllegalStateException\",\"message\":\"no money\",\"stack\":\"...\"}}").build()));

            String stream = tail("tail", "--endpoint", logs.endpoint().toString(), "--group", "/app/t", "--stream", "a");
            assertEquals(List.of(
                    hour + ":00:00.000 INFO     OrderFunction          c-1" + " ".repeat(34) + "order 1 received",
                    hour + ":00:00.020 plain text event"), stream.lines().toList());

            String group = tail("tail", "--endpoint", logs.endpoint().toString(), "--group", "/app/t");
            assertEquals(List.of(
                    hour + ":00:00.000 [a] INFO     OrderFunction          c-1" + " ".repeat(34) + "order 1 received",
                    hour + ":00:00.010 [b] ERROR    PaymentFunction        c-1" + " ".repeat(34) + "declined | "
                            + "java.lang.IllegalStateException: no money",
                    hour + ":00:00.020 [a] plain text event"), group.lines().toList());

            // --follow prints what arrives later, once
            ByteArrayOutputStream followed = new ByteArrayOutputStream();
            PrintStream followedOut = new PrintStream(followed, true, StandardCharsets.UTF_8);
            Thread follower = new Thread(() -> Main.run(new String[] {"tail", "--endpoint", logs.endpoint().toString(),
                    "--group", "/app/t", "--follow"}, followedOut, new PrintStream(new ByteArrayOutputStream())));
            follower.start();
            try {
                awaitLines(followed, 3);
                client.putLogEvents(b -> b.logGroupName("/app/t").logStreamName("b").logEvents(
                        InputLogEvent.builder().timestamp(t + 30).message("late event").build()));
                awaitLines(followed, 4);
                Thread.sleep(1500); // another poll or so: nothing is printed twice
                List<String> lines = followed.toString(StandardCharsets.UTF_8).lines().toList();
                assertEquals(4, lines.size(), lines.toString());
                assertEquals(hour + ":00:00.030 [b] late event", lines.get(3));
            } finally {
                follower.interrupt();
                follower.join(5000);
            }
        }
    }

    private static void awaitLines(ByteArrayOutputStream out, int count) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (out.toString(StandardCharsets.UTF_8).lines().count() < count) {
            if (System.nanoTime() > until) {
                throw new AssertionError("expected " + count + " lines, got: " + out.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(20);
        }
    }

    @Test
    void startServesBothServicesAndPrintsTheirUrls() throws Exception {
        Path template = TestApplication.prepare();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Dapplog.lambda.runtime=" + System.getProperty("applog.lambda.runtime"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "start", "--port", "0",
                "--logs-port", "0", "--template", template.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String logsLine = out.readLine();
            String lambdaLine = out.readLine();
            assertTrue(logsLine.startsWith("applog local CloudWatch Logs endpoint: http://127.0.0.1:"), logsLine);
            assertTrue(lambdaLine.startsWith("applog local Lambda (Invoke API):     http://127.0.0.1:"), lambdaLine);
            URI lambdaUrl = URI.create(lambdaLine.substring(lambdaLine.indexOf("http://")));
            try (LambdaClient client = LambdaClient.builder().endpointOverride(lambdaUrl).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                InvokeResponse response = client.invoke(b -> b.functionName("EchoFunction")
                        .payload(SdkBytes.fromUtf8String("{\"n\":7}")));
                assertNull(response.functionError(), response.payload().asUtf8String());
                assertTrue(response.payload().asUtf8String().contains("\"event\":{\"n\":7}"));
            }
        } finally {
            process.destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "start stops on SIGTERM (Ctrl-C)");
        }
    }

    @Test
    void startWithALogsEndpointSendsTheFunctionsEventsThereAndPrintsEachReportLine() throws Exception {
        Path template = TestApplication.prepare();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stderr = template.resolveSibling("start-stderr.txt");
        try (LocalLogsServer other = LocalLogsServer.start()) {
            Process process = new ProcessBuilder(java, "-Dapplog.lambda.runtime="
                    + System.getProperty("applog.lambda.runtime"), "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "start", "--port", "0", "--logs-endpoint", other.endpoint().toString(),
                    "--template", template.toString()).redirectError(stderr.toFile()).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8));
                assertEquals("applog local CloudWatch Logs endpoint: " + other.endpoint()
                        + " (--logs-endpoint: not started here)", out.readLine());
                String lambdaLine = out.readLine();
                URI lambdaUrl = URI.create(lambdaLine.substring(lambdaLine.indexOf("http://")));
                try (LambdaClient client = LambdaClient.builder().endpointOverride(lambdaUrl).region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(CREDENTIALS))
                        .httpClient(UrlConnectionHttpClient.create()).build()) {
                    InvokeResponse response = client.invoke(b -> b.functionName("applog-local-payments")
                            .payload(SdkBytes.fromUtf8String("{\"correlationId\":\"s-1\",\"count\":1}")));
                    assertNull(response.functionError(), response.payload().asUtf8String());
                }
                assertEquals(List.of("applog-local-payments s-1 event 1/1"), other.streams().keySet().stream()
                        .flatMap(group -> other.streams().get(group).stream()
                                .flatMap(stream -> other.events(group, stream).stream()))
                        .map(dev.applog.local.logs.StoredEvent::message).toList());
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!Files.readString(stderr).contains("[applog-local-payments#1 lambda] REPORT "
                        + "RequestId: ")) {
                    assertTrue(System.nanoTime() < until, Files.readString(stderr));
                    Thread.sleep(50);
                }
            } finally {
                process.destroy();
                assertTrue(process.waitFor(20, TimeUnit.SECONDS), "start stops on SIGTERM (Ctrl-C)");
            }
        }
    }
}
