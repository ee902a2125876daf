package dev.applog.bench;

import dev.applog.AppLogger;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogStreamRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The time {@code purge()} adds at the end of an invocation that logged N events (logged untimed, then the purge
 * timed), against the bare PutLogEvents of the same messages made with the raw SDK client (same endpoint, a stream
 * that exists, a client already used): the fewest calls the limits allow, one after the other, request building
 * included. Rounds alternate one purge and one bare send, so both meet the same state of the machine, the endpoint
 * and the JIT. Medians over {@code rounds}, after {@code warmups} untimed rounds of each.
 */
final class ExitCostHarness {

    record Result(int events, int rounds, double purgeMedianMs, double bareMedianMs, int bareRequests,
                  double purgeRequestsPerRound) {
        double ratio() {
            return purgeMedianMs / bareMedianMs;
        }
    }

    private ExitCostHarness() {
    }

    static List<Result> run(LocalLogsServer server, int warmups, int rounds, int... sizes) {
        BenchSetup.dummyCredentials();
        List<Result> results = new ArrayList<>();
        try (CloudWatchLogsClient raw = CloudWatchLogsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .build()) {
            for (int n : sizes) {
                String stream = "exit-" + n + "-" + System.nanoTime();
                AppLogger logger = BenchSetup.create(BenchSetup.cloudWatch(server.endpoint(), stream, "#short"));
                // the stream exists before any round, as the bare calls' stream does
                logger.info("stream creation, not measured");
                logger.purge(BenchSetup.PURGE_WAIT);
                // rounds alternate purge and bare, so both meet the same state of the machine, the endpoint and
                // the JIT; the bare calls send the messages the logger stored in the first round
                double[] purge = new double[rounds];
                double[] bare = new double[rounds];
                long purgePuts = 0;
                int requests = 0;
                List<String> messages = null;
                String bareStream = stream + "-bare";
                for (int round = -warmups; round < rounds; round++) {
                    long putsBefore = server.requests("PutLogEvents");
                    for (int i = 0; i < n; i++) {
                        logger.info(BenchSetup.MESSAGE);
                    }
                    long start = System.nanoTime();
                    boolean stored = logger.purge(BenchSetup.PURGE_WAIT);
                    long took = System.nanoTime() - start;
                    if (!stored) {
                        throw new IllegalStateException("a purge of " + n + " events did not store them all");
                    }
                    if (round >= 0) {
                        purge[round] = took / 1e6;
                        purgePuts += server.requests("PutLogEvents") - putsBefore;
                    }
                    if (messages == null) {
                        List<StoredEvent> all = server.events(BenchSetup.GROUP, stream);
                        messages = new ArrayList<>();
                        for (StoredEvent e : all.subList(all.size() - n, all.size())) {
                            messages.add(e.message());
                        }
                        raw.createLogStream(CreateLogStreamRequest.builder().logGroupName(BenchSetup.GROUP)
                                .logStreamName(bareStream).build());
                    }
                    start = System.nanoTime();
                    requests = putBare(raw, bareStream, messages);
                    took = System.nanoTime() - start;
                    if (round >= 0) {
                        bare[round] = took / 1e6;
                    }
                }
                double purgeRequests = purgePuts / (double) rounds;
                results.add(new Result(n, rounds, median(purge), median(bare), requests, purgeRequests));
            }
        }
        return results;
    }

    /** Sends the messages in the fewest PutLogEvents calls the limits allow (packed in order); returns the number. */
    private static int putBare(CloudWatchLogsClient raw, String stream, List<String> messages) {
        long now = System.currentTimeMillis();
        int requests = 0;
        List<InputLogEvent> batch = new ArrayList<>();
        long bytes = 0;
        for (String message : messages) {
            int cost = BenchSetup.utf8Length(message) + RequestsHarness.EVENT_OVERHEAD;
            if (!batch.isEmpty() && (bytes + cost > RequestsHarness.MAX_BATCH_BYTES || batch.size() == RequestsHarness.MAX_BATCH_EVENTS)) {
                put(raw, stream, batch);
                requests++;
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(InputLogEvent.builder().timestamp(now).message(message).build());
            bytes += cost;
        }
        if (!batch.isEmpty()) {
            put(raw, stream, batch);
            requests++;
        }
        return requests;
    }

    private static void put(CloudWatchLogsClient raw, String stream, List<InputLogEvent> batch) {
        raw.putLogEvents(PutLogEventsRequest.builder().logGroupName(BenchSetup.GROUP).logStreamName(stream).logEvents(batch).build());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
