package dev.applog.bench;

import dev.applog.AppLogger;
import dev.applog.AppLoggers;
import dev.applog.LoggerConfig;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;

/** What every benchmark shares: the message, credentials for the local endpoint, the logger settings. */
final class BenchSetup {

    /** The system property that carries the local endpoint's URL into JMH's forked JVMs. */
    static final String ENDPOINT_PROPERTY = "applog.bench.endpoint";

    /** A message of exactly 100 UTF-8 bytes, shaped like a handler's line. */
    static final String MESSAGE = pad("order 4711 accepted: 3 items, total 129.90 EUR, customer c-20931, warehouse eu-central-1b");

    static final String GROUP = "/bench/applog";

    /** What a harness gives one purge: the library's default delivery deadline. */
    static final java.time.Duration PURGE_WAIT = java.time.Duration.ofSeconds(10);

    private BenchSetup() {
    }

    private static String pad(String text) {
        StringBuilder b = new StringBuilder(text);
        while (b.length() < 100) {
            b.append('.');
        }
        return b.substring(0, 100);
    }

    /** The local endpoint ignores signatures; the SDK's default chain reads these system properties. */
    static void dummyCredentials() {
        System.setProperty("aws.accessKeyId", "bench");
        System.setProperty("aws.secretAccessKey", "bench");
        System.setProperty("aws.region", "us-east-1");
    }

    static URI endpointFromProperty() {
        String url = System.getProperty(ENDPOINT_PROPERTY);
        if (url == null) {
            throw new IllegalStateException("system property " + ENDPOINT_PROPERTY + " is not set: start the benchmarks "
                    + "with bench/run (it starts the local endpoint and passes its URL)");
        }
        return URI.create(url);
    }

    /** A CloudWatch logger into {@code stream} with the library's defaults, except what the caller changes. */
    static LoggerConfig.Builder cloudWatch(URI endpoint, String stream, String format) {
        dummyCredentials();
        return LoggerConfig.builder()
                .kind("cloud-watch")
                .group(GROUP)
                .stream(stream)
                .function("bench")
                .format(format)
                .echo(false)
                .endpoint(endpoint)
                .region("us-east-1");
    }

    static AppLogger create(LoggerConfig.Builder builder) {
        return AppLoggers.create(builder.build());
    }

    /**
     * Deletes {@code stream} at the local endpoint, which otherwise keeps every event of a long benchmark in memory
     * (millions per iteration). The logger recreates it on its next put, outside the caller's thread.
     */
    static void dropStream(URI endpoint, String stream) {
        dummyCredentials();
        try (software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient client =
                     software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient.builder()
                             .endpointOverride(endpoint)
                             .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                             .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
                             .build()) {
            client.deleteLogStream(r -> r.logGroupName(GROUP).logStreamName(stream));
        } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException e) {
            // nothing stored yet
        }
    }

    /** Where stdout goes in the println and Powertools benchmarks: counts the bytes (to show they arrive), keeps none. */
    static final class CountingNullStream extends OutputStream {
        final LongAdder bytes = new LongAdder();

        @Override
        public void write(int b) {
            bytes.increment();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.add(len);
        }
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
