package dev.applog.local;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * {@code applog-local serve} in a JVM of its own, as a user starts it: its banner read up to "Stop with Ctrl-C", its
 * later output (one line per request) left to read. Closing it stops the process whatever happened.
 */
final class ServeProcess implements AutoCloseable {

    final Process process;
    final BufferedReader output;
    /** The banner's lines, the first naming the endpoint. */
    final List<String> banner = new ArrayList<>();
    final String url;

    /** Starts {@code serve} with {@code options} after {@code --port 0}. */
    static ServeProcess start(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0"));
        command.addAll(List.of(options));
        return new ServeProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private ServeProcess(Process process) throws IOException {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        try {
            while ((line = output.readLine()) != null) {
                banner.add(line);
                if (line.startsWith("Stop with Ctrl-C")) {
                    break;
                }
            }
            assertNotNull(line, "serve ended early: " + banner);
        } catch (IOException | RuntimeException | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
        String first = banner.get(0);
        this.url = first.substring(first.indexOf("http://"));
    }

    /** The banner as one text. */
    String bannerText() {
        return String.join("\n", banner);
    }

    /** A client of the real SDK for the served endpoint, with made-up credentials. */
    CloudWatchLogsClient client() {
        return CloudWatchLogsClient.builder().endpointOverride(URI.create(url)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The next {@code n} lines of its output, joined. */
    String nextLines(int n) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(output.readLine());
        }
        return String.join("\n", lines);
    }

    /** Asks it to stop as Ctrl-C does (SIGTERM): true when it stopped within 10 s. */
    boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
