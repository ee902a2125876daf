package dev.applog.reliability.scenario;

import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.lambda.OutputLine;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.reliability.Harness;
import dev.applog.reliability.Row;
import dev.applog.reliability.Tally;
import dev.applog.reliability.function.LogEvents;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the endpoint-fault scenarios share: a fresh local endpoint that records a line per request it answered,
 * a local Lambda running {@link LogEvents} into the scenario's own stream, invocations whose events the tally
 * expects, and what the endpoint and the functions' output say afterwards.
 */
final class LoggingRun implements AutoCloseable {

    static final String FUNCTION = "LogEvents";
    static final int EVENTS_PER_INVOCATION = 20;

    private static final Pattern STORED = Pattern.compile(": (\\d+) events stored");

    final LocalLogsServer logs;
    final LocalLambda lambda;
    final String run;
    final String stream;
    final Tally tally = new Tally();
    final List<String> problems = new ArrayList<>();
    /** The endpoint's line per answered request (operation, fault played, group, stream, outcome). */
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private CloudWatchLogsClient client;
    private int invocations;
    private int colds;

    /** A run of {@code scenario} whose function has a {@code timeoutSeconds} timeout. */
    LoggingRun(Harness harness, String scenario, int timeoutSeconds) throws Exception {
        this.run = harness.runId(scenario);
        this.stream = run;
        this.logs = LocalLogsServer.builder().requestListener(requestLines::add).start();
        try {
            this.lambda = harness.lambda(logs, scenario)
                    .function(harness.function(FUNCTION, LogEvents.class, stream, timeoutSeconds, Map.of())).start();
        } catch (Exception | Error e) {
            logs.close();
            throw e;
        }
    }

    /** Invokes the function: it logs {@link #EVENTS_PER_INVOCATION} events; {@code extra} adds payload fields. */
    InvocationResult invoke(String extra) throws Exception {
        int invocation = invocations++;
        tally.expect(run, invocation, EVENTS_PER_INVOCATION);
        InvocationResult result = lambda.invoke(FUNCTION, "{\"run\":\"" + run + "\",\"invocation\":" + invocation
                + ",\"events\":" + EVENTS_PER_INVOCATION + (extra.isEmpty() ? "" : "," + extra) + "}");
        colds += result.coldStart() ? 1 : 0;
        return result;
    }

    /** Invokes the function, and records a problem when the invocation failed: the handler saw an exception. */
    InvocationResult invokeOk(String extra) throws Exception {
        InvocationResult result = invoke(extra);
        if (result.isError() && result.payloadText().contains("Task timed out")) {
            problems.add("invocation " + (invocations - 1) + " was killed at its timeout while the logger still "
                    + "purged (the handler's own work ends long before): " + result.payloadText());
        } else if (result.isError()) {
            problems.add("invocation " + (invocations - 1) + " failed: " + result.payloadText());
        }
        return result;
    }

    int invocations() {
        return invocations;
    }

    /** Invocations that started a JVM: each has a logger of its own, and prints its own diagnostics. */
    int coldStarts() {
        return colds;
    }

    /** Adds what the stream holds now to the tally: before a deletion, or at the end ({@link #row}). */
    void readStream() {
        tally.stored(logs.events(Harness.GROUP, stream));
    }

    /** The endpoint's lines for {@code operation} requests that were answered (or dropped) so far. */
    List<String> requestLines(String operation) {
        return requestLines.stream().filter(line -> line.startsWith(operation)).toList();
    }

    /** Requests of {@code operation} answered with a fault (of those whose text contains {@code fault}). */
    long faulted(String operation, String fault) {
        return requestLines(operation).stream().filter(line -> line.contains(": played Fault[" + fault)).count();
    }

    /** Events stored by {@code operation} requests on which {@code fault} was played. */
    long storedBy(String operation, String fault) {
        long events = 0;
        for (String line : requestLines(operation)) {
            Matcher m = STORED.matcher(line);
            if (line.contains(": played Fault[" + fault) && m.find()) {
                events += Long.parseLong(m.group(1));
            }
        }
        return events;
    }

    /** The logger's diagnostics ({@code applog: ...} lines) the functions printed. */
    List<String> diagnostics() throws InterruptedException {
        // the line naming the SLF4J provider is a notice printed once per JVM, not a diagnostic of a failure
        return settledOutput().stream().map(OutputLine::text)
                .filter(text -> text.startsWith("applog: ") && !text.startsWith("applog: SLF4J provider")).toList();
    }

    /**
     * The function's output once the local Lambda has read what the JVMs wrote: a frozen JVM's last lines are
     * in the pipe when its invocation returns, and its reader thread takes them a moment later.
     */
    List<OutputLine> settledOutput() throws InterruptedException {
        List<OutputLine> lines = lambda.output(FUNCTION);
        for (int quiet = 0, rounds = 0; quiet < 3 && rounds < 50; rounds++) {
            Thread.sleep(100);
            List<OutputLine> now = lambda.output(FUNCTION);
            quiet = now.size() == lines.size() ? quiet + 1 : 0;
            lines = now;
        }
        return lines;
    }

    /** An SDK client on the endpoint, for what a scenario does to it itself (create, delete). */
    CloudWatchLogsClient client() {
        if (client == null) {
            client = CloudWatchLogsClient.builder().endpointOverride(logs.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClient(UrlConnectionHttpClient.create()).build();
        }
        return client;
    }

    /** The row: the stream read into the tally, the fallback lines of the functions' output counted. */
    Row row(String name, String outcome, Set<Tally.Allow> allowed) throws InterruptedException {
        readStream();
        tally.output(settledOutput());
        return tally.row(name, invocations, outcome, allowed, problems);
    }

    /** The first diagnostic, from its "Fix:" when it has one, shortened for a table cell; "none" when none. */
    static String excerpt(List<String> diagnostics) {
        if (diagnostics.isEmpty()) {
            return "none";
        }
        String text = diagnostics.get(0).substring("applog: ".length());
        int fix = text.indexOf("Fix:");
        String shown = fix >= 0 ? text.substring(fix) : text;
        return shown.length() <= 110 ? shown : shown.substring(0, 110) + "...";
    }

    /** {@code row} with another outcome: for an outcome that tells the row's own counts. */
    static Row withOutcome(Row row, String outcome) {
        return new Row(row.scenario(), row.invocations(), row.logged(), row.stored(), row.storedTwice(),
                row.fallback(), row.lost(), outcome, row.problems());
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        try {
            lambda.close();
        } finally {
            logs.close();
        }
    }
}
