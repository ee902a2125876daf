package dev.applog.reliability.scenario;

import dev.applog.AppLogger;
import dev.applog.AppLoggers;
import dev.applog.CloudWatchLogger;
import dev.applog.DeliveryStats;
import dev.applog.LoggerConfig;
import dev.applog.delivery.OwnThreads;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.reliability.Harness;
import dev.applog.reliability.Row;
import dev.applog.reliability.Scenario;
import dev.applog.reliability.Tally;
import dev.applog.reliability.function.EventIds;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A busy application: many execution environments of several functions log into one stream at a request rate above
 * the account's PutLogEvents quota, which the local endpoint enforces ({@code putLogEventsQuota}). Each environment
 * is a thread with its own logger, sender and SDK client, as separate Lambda environments have (64 JVMs through the
 * local Lambda do not fit a 2-core machine); it runs invocations on a schedule (the application's traffic): logs a
 * few events, then purges, as the end of an invocation does. What is measured: PutLogEvents per second offered
 * (every attempt, retries included) and stored (accepted), requests throttled, and the time each invocation's purge
 * waited (its added delay: before the response in before-return delivery, before the environment takes its next
 * request in after-response delivery; the requests are the same in both modes, so it runs in one).
 */
public final class BusyApplication implements Scenario {

    static final List<String> FUNCTIONS = List.of("order", "payment", "inventory", "shipping");
    static final int EVENTS_PER_INVOCATION = 5;

    private final String name;
    /** Invocations offered per second, as a multiple of the quota. */
    private final double overQuota;
    private final int quickSeconds;
    private final int fullSeconds;

    private BusyApplication(String name, double overQuota, int quickSeconds, int fullSeconds) {
        this.name = name;
        this.overQuota = overQuota;
        this.quickSeconds = quickSeconds;
        this.fullSeconds = fullSeconds;
    }

    /** A burst: twice the quota for 2 s (1 s in the short version), then nothing; the retries absorb it. */
    public static BusyApplication burst() {
        return new BusyApplication("busy application: burst", 2.0, 1, 2);
    }

    /** Sustained: 1.5 times the quota for 10 s (2 s): more than the quota can store, a backlog that grows. */
    public static BusyApplication sustained() {
        return new BusyApplication("busy application: sustained", 1.5, 2, 10);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "128 execution environments (64 in the short version) of 4 functions, each a thread with its own logger "
                + "and SDK client, log 5 events per invocation into one stream at " + (overQuota == 2.0 ? "twice" : overQuota
                + " times") + " the account's PutLogEvents quota, which the local endpoint enforces at 200 per second "
                + "(100), for " + fullSeconds + " s (" + quickSeconds + " s); runs once, in the first delivery mode: the "
                + "requests are the same in both, only where the wait lands differs";
    }

    /** What one run offered, what the endpoint stored and refused, and how long the purges waited. */
    record Load(int environments, int invocations, double seconds, long putRequests, long throttled, long retries,
            double purgeP50Ms, double purgeP99Ms, double purgeMaxMs, long fallbackEvents, List<String> threadsLeft) {

        double offeredPerSecond() {
            return putRequests / seconds;
        }

        double storedPerSecond() {
            return (putRequests - throttled) / seconds;
        }
    }

    @Override
    public List<Row> run(Harness harness) throws Exception {
        if (!harness.delivery().equals(Harness.deliveries().get(0))) {
            return List.of();  // threads, not the local Lambda: the delivery mode changes nothing here (see above)
        }
        int environments = harness.size(64, 128);
        int quota = harness.size(100, 200);
        Duration length = Duration.ofSeconds(harness.size(quickSeconds, fullSeconds));
        double offeredInvocationsPerSecond = quota * overQuota;
        String run = harness.runId("busy");
        Tally tally = new Tally();
        List<String> problems = new ArrayList<>();
        Load load;
        List<String> printed = new ArrayList<>();
        try (LocalLogsServer logs = LocalLogsServer.builder().putLogEventsQuota(quota).start()) {
            load = run(logs, run, environments, offeredInvocationsPerSecond, length, tally, printed);
            tally.stored(logs.events(Harness.GROUP, run)).printed(printed);
            if (load.throttled() == 0) {
                problems.add("no request was throttled: the scenario did not reach the quota of " + quota + " per second");
            }
            if (!load.threadsLeft().isEmpty()) {
                problems.add("applog threads alive after every logger was closed: " + load.threadsLeft());
            }
        }
        String outcome = String.format(Locale.ROOT, "%d environments, 4 functions, one stream; quota %d/s; invocations "
                        + "offered %.0f/s for %d s; PutLogEvents offered %.0f/s (retries included), stored %.0f/s, over "
                        + "%.1f s; throttled %d; purge wait p50 %.0f ms, p99 %.0f ms, max %.0f ms%s",
                environments, quota, offeredInvocationsPerSecond, length.toSeconds(), load.offeredPerSecond(),
                load.storedPerSecond(), load.seconds(), load.throttled(), load.purgeP50Ms(), load.purgeP99Ms(),
                load.purgeMaxMs(), load.fallbackEvents() > 0 ? "; the fallback: events whose purge reached the "
                        + "delivery deadline (10 s) while throttled" : "");
        // throttling is CloudWatch refusing: what is still refused at the deadline goes to the fallback, never lost
        return List.of(tally.row(name(), load.invocations(), outcome, Set.of(Tally.Allow.FALLBACK), problems));
    }

    /**
     * Runs {@code environments} threads, each invoking on a schedule so that together they offer
     * {@code invocationsPerSecond} for {@code length}; an environment behind its schedule (its purges waited) invokes
     * again at once, as a busy Lambda environment takes its next request. Every event's id is expected in
     * {@code tally}; the loggers' fallback lines are added to {@code printed}. Returns what was offered and measured.
     */
    static Load run(LocalLogsServer logs, String run, int environments, double invocationsPerSecond, Duration length,
            Tally tally, List<String> printed) throws InterruptedException {
        long intervalNanos = (long) (environments * 1e9 / invocationsPerSecond);
        int perEnvironment = (int) Math.max(1, length.toNanos() / intervalNanos);
        AtomicInteger invocationIds = new AtomicInteger();
        ConcurrentLinkedQueue<Long> purgeNanos = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        List<ByteArrayOutputStream> outputs = new ArrayList<>();
        List<CloudWatchLogsClient> clients = new ArrayList<>();
        List<AppLogger> loggers = new ArrayList<>();
        for (int e = 0; e < environments; e++) {
            CloudWatchLogsClient client = client(logs);
            clients.add(client);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            outputs.add(out);
            loggers.add(AppLoggers.create(LoggerConfig.builder().kind("cloud-watch").group(Harness.GROUP).stream(run)
                    .function(FUNCTIONS.get(e % FUNCTIONS.size())).format("#json").echo(false)
                    .clientSupplier(() -> client).out(new PrintStream(out, true, StandardCharsets.UTF_8)).build()));
        }
        // the day's stream exists already, as in a busy application after its first minute: the figures are the
        // steady state, not 64 environments meeting a missing stream at once
        try {
            clients.get(0).createLogGroup(r -> r.logGroupName(Harness.GROUP));
        } catch (ResourceAlreadyExistsException e) {
            // made by an earlier run
        }
        clients.get(0).createLogStream(r -> r.logGroupName(Harness.GROUP).logStreamName(run));
        for (int i = 0; i < environments * perEnvironment; i++) {
            tally.expect(run, i, EVENTS_PER_INVOCATION);
        }
        long before = logs.requests("PutLogEvents");
        long throttledBefore = logs.throttled();
        CountDownLatch done = new CountDownLatch(environments);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        List<Thread> threads = new ArrayList<>();
        for (int e = 0; e < environments; e++) {
            AppLogger log = loggers.get(e);
            // environments start spread over one interval, as requests arrive at random
            long offset = intervalNanos * e / environments;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < perEnvironment; i++) {
                        long due = start + offset + i * intervalNanos;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        int invocation = invocationIds.getAndIncrement();
                        for (int seq = 0; seq < EVENTS_PER_INVOCATION; seq++) {
                            log.info(EventIds.message(run, invocation, seq, 120));
                        }
                        long purgeStart = System.nanoTime();
                        log.purge();
                        purgeNanos.add(System.nanoTime() - purgeStart);
                    }
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException ex) {
                    errors.add(ex.toString());
                } finally {
                    done.countDown();
                }
            }, "busy-environment-" + e);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        if (!done.await(5, TimeUnit.MINUTES)) {
            errors.add("the environments did not finish within 5 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long retries = 0;
        long fallback = 0;
        for (AppLogger log : loggers) {
            if (log instanceof CloudWatchLogger cloudWatch) {
                DeliveryStats stats = cloudWatch.stats();
                retries += stats.retries();
                fallback += stats.fallbackEvents();
            }
        }
        // as an application that ends (or a test) does: each logger purges what is left and, the last one closed,
        // the library's threads end; then none may be left
        for (AppLogger log : loggers) {
            log.close();
        }
        List<String> threadsLeft = applogThreads();
        for (CloudWatchLogsClient client : clients) {
            client.close();
        }
        for (ByteArrayOutputStream out : outputs) {
            printed.addAll(out.toString(StandardCharsets.UTF_8).lines().toList());
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("a log call or purge threw: " + errors);
        }
        long[] waits = purgeNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Load(environments, invocationIds.get(), seconds, logs.requests("PutLogEvents") - before,
                logs.throttled() - throttledBefore, retries, percentile(waits, 50), percentile(waits, 99),
                waits.length == 0 ? Double.NaN : waits[waits.length - 1] / 1e6, fallback, threadsLeft);
    }

    /** The names of the live threads of the library (named {@code applog-*}), but the local endpoint's. */
    static List<String> applogThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith(OwnThreads.THREAD_PREFIX))
                .filter(name -> !name.startsWith("applog-local-"))  // the local endpoint's, a test tool's
                .sorted().toList();
    }

    /** The p-th percentile (nearest rank) in milliseconds of sorted nanoseconds. */
    static double percentile(long[] sortedNanos, int p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    /**
     * An environment's own client, built as the library builds its own (retries off: the sender retries inside its
     * deadline, with backoff and jitter); the local endpoint does not check credentials.
     */
    private static CloudWatchLogsClient client(LocalLogsServer logs) {
        return CloudWatchLogsClient.builder()
                .endpointOverride(logs.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("busy", "busy")))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5)).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofSeconds(5)).apiCallTimeout(Duration.ofSeconds(5)))
                .build();
    }
}
