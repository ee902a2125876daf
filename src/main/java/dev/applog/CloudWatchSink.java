package dev.applog;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.RejectedLogEventsInfo;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * The destination shared by a CloudWatch logger and the loggers made from it with {@code withContext}: the
 * group and stream, the SDK client, the counters, the fallback. It delivers shipments: cut into requests at the
 * service's limits, put first, create the group and stream only when the service says they are missing,
 * retry what is worth retrying inside the deadline, hand the rest to the fallback. It never throws.
 */
final class CloudWatchSink {

    /** Background senders: full buffers go out here while callers keep logging. Daemon threads, shared by the JVM. */
    static final ThreadPoolExecutor SENDERS = daemonPool("applog-sender", 4);
    /** Fires the buffer-age trigger. */
    static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, daemonFactory("applog-timer"));

    static {
        TIMER.setRemoveOnCancelPolicy(true);
    }

    private static final Set<String> RETRYABLE_CODES = Set.of("ThrottlingException", "ServiceUnavailableException",
            "OperationAbortedException", "RequestTimeout", "RequestTimeoutException", "InternalFailure",
            "TooManyRequestsException", "LimitExceededException");
    private static final Set<String> CREDENTIAL_CODES = Set.of("UnrecognizedClientException", "ExpiredToken",
            "ExpiredTokenException", "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch",
            "IncompleteSignature", "MissingAuthenticationToken");
    private static final long BACKOFF_BASE_MILLIS = 50;
    private static final long BACKOFF_CAP_MILLIS = 2_000;
    /** Less time than this left: an attempt would only time out, so the events go to the fallback now. */
    private static final long MIN_ATTEMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    final LoggerConfig config;
    final String group;
    private final String streamTemplate;
    private final boolean dated;
    final Fallback fallback;
    final Counters counters = new Counters();
    private volatile CompletableFuture<CloudWatchLogsClient> client;
    private volatile long cachedDay = Long.MIN_VALUE;
    private volatile String cachedStream;

    CloudWatchSink(LoggerConfig config) {
        this.config = config;
        this.group = config.group();
        this.fallback = new Fallback(config.out());
        String function = config.function() != null ? config.function() : System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        String template = config.stream();
        if (template.contains(LogNames.FUNCTION)) {
            template = LogNames.checkResolvedStream(template,
                    template.replace(LogNames.FUNCTION, function == null || function.isEmpty() ? "unknown-function" : function));
        }
        this.streamTemplate = template;
        this.dated = template.contains(LogNames.DATE);
        this.client = startClient();
    }

    /** The stream an event at {@code timestamp} goes to ({@code {date}} is the event's UTC day). */
    String streamFor(long timestamp) {
        if (!dated) {
            return streamTemplate;
        }
        long day = Math.floorDiv(timestamp, 86_400_000L);
        String cached = cachedStream;
        if (day == cachedDay && cached != null) {
            return cached;
        }
        String stream = streamTemplate.replace(LogNames.DATE, LocalDate.ofEpochDay(day).toString());
        cachedStream = stream;
        cachedDay = day;
        return stream;
    }

    /** Builds the client off the caller's thread, so that logging starts at once. */
    private CompletableFuture<CloudWatchLogsClient> startClient() {
        CompletableFuture<CloudWatchLogsClient> future = new CompletableFuture<>();
        Thread builder = new Thread(() -> {
            try {
                future.complete(config.clientSupplier() != null ? config.clientSupplier().get()
                        : SdkClients.shared(config.endpoint(), config.region(), config.requestTimeout()));
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "applog-client");
        builder.setDaemon(true);
        builder.start();
        return future;
    }

    /**
     * Waits for the client (at most {@code maxWait}) and runs one PutLogEvents through it that never leaves the
     * process ({@link SdkClients#dryRun}), so that the first real request finds the SDK's code loaded. Only for a
     * client {@link SdkClients} built (one from {@code clientSupplier} would send it). Never throws.
     *
     * @return true when the dry run went through
     */
    boolean warmUp(Duration maxWait) {
        if (config.clientSupplier() != null) {
            return false;
        }
        try {
            SdkClients.dryRun(client(maxWait.toNanos()), streamFor(System.currentTimeMillis()), config.requestTimeout());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception | LinkageError e) {
            return false;  // no client yet, or none can be made: the first shipment reports it as usual
        }
    }

    // ---- delivery ------------------------------------------------------------------------------------

    /** Delivers every event of {@code shipment}: stored, or in the fallback. Never throws. */
    void deliver(Shipment shipment) {
        try {
            for (Batcher.Batch batch : Batcher.cut(shipment.events)) {
                putBatch(shipment, batch.stream(), batch.events());
            }
        } catch (RuntimeException | Error e) {
            toFallback(shipment, null, shipment.events, "unexpected error in the sender: " + e);
        } finally {
            // anything not resolved by now (should not happen) still must not be lost
            List<LogEvent> left = shipment.takeAll();
            if (!left.isEmpty()) {
                shipment.markFallback();
                counters.fallback.add(left.size());
                fallback.write(group, null, left, "not delivered");
            }
        }
    }

    private void putBatch(Shipment shipment, String stream, List<LogEvent> batch) {
        int attempt = 0;
        boolean createdOnce = false;
        String lastError = null;
        while (shipment.anyUnresolved(batch)) {
            long remaining = shipment.deadlineNanos() - System.nanoTime();
            if (remaining < Math.min(MIN_ATTEMPT_NANOS, config.requestTimeout().toNanos())) {
                String reason = "not delivered within the delivery deadline"
                        + (lastError == null ? "" : " (last error: " + lastError + ")");
                fallback.diagnose("deadline", "CloudWatch Logs could not be reached in time for group " + group
                        + ", stream " + stream + ": " + reason + ". The events went to stdout as lines marked "
                        + "\"applog\":\"fallback\". Fix: give delivery more time (LoggerConfig.deliveryDeadline, or the "
                        + "function's timeout), and check that the function can reach the CloudWatch Logs endpoint "
                        + "(a function in a VPC needs a NAT gateway or an interface endpoint for logs). A request that timed out "
                        + "may have been stored as well: delivery is at-least-once.");
                toFallback(shipment, stream, batch, reason);
                return;
            }
            CloudWatchLogsClient logs;
            try {
                logs = client(remaining);
            } catch (TimeoutException e) {
                lastError = "the SDK client was not ready";
                continue;
            } catch (Exception e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                client = startClient();  // the next shipment tries again (e.g. after the environment is fixed)
                String reason = "no CloudWatch Logs client: " + cause.getMessage();
                fallback.diagnose("client", "cannot make a CloudWatch Logs client (" + cause.getMessage() + "). "
                        + "The events went to stdout as lines marked \"applog\":\"fallback\". Fix: " + clientFix(cause));
                toFallback(shipment, stream, batch, reason);
                return;
            }
            Duration attemptTimeout = Duration.ofNanos(Math.min(config.requestTimeout().toNanos(), remaining));
            try {
                counters.putRequests.increment();
                PutLogEventsResponse response = logs.putLogEvents(request(stream, batch, attemptTimeout));
                accepted(shipment, stream, batch, response.rejectedLogEventsInfo());
                return;
            } catch (ResourceNotFoundException e) {
                if (!createdOnce) {
                    createdOnce = true;
                    if (create(logs, stream, shipment, batch)) {
                        continue;
                    }
                    return;
                }
                lastError = errorText(e);  // created, yet not found: eventual consistency; retry with backoff
            } catch (InvalidParameterException e) {
                // never retried as is: the batch breaks a rule we did not foresee; halve it to isolate the event
                if (batch.size() > 1) {
                    int half = batch.size() / 2;
                    putBatch(shipment, stream, new ArrayList<>(batch.subList(0, half)));
                    putBatch(shipment, stream, new ArrayList<>(batch.subList(half, batch.size())));
                    return;
                }
                String reason = "refused by CloudWatch Logs: " + errorText(e);
                fallback.diagnose("invalid:" + e.getMessage(), "CloudWatch Logs refused an event for group " + group
                        + ", stream " + stream + " (" + errorText(e) + "); it went to stdout as a line marked "
                        + "\"applog\":\"fallback\". If the message says the event is too large, lower "
                        + "LoggerConfig.maxEventBytes to the limit the endpoint enforces.");
                toFallback(shipment, stream, batch, reason);
                return;
            } catch (AwsServiceException e) {
                String code = code(e);
                if (isPermanent(e, code)) {
                    refused(shipment, stream, batch, e, code, "PutLogEvents");
                    return;
                }
                if (!(RETRYABLE_CODES.contains(code) || e.statusCode() >= 500 || e.statusCode() == 429)) {
                    toFallback(shipment, stream, batch, "refused by CloudWatch Logs: " + errorText(e));
                    return;
                }
                lastError = errorText(e);
            } catch (SdkClientException e) {
                if (String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
                    fallback.diagnose("no-credentials", "no AWS credentials for CloudWatch Logs (" + e.getMessage()
                            + "). The events went to stdout as lines marked \"applog\":\"fallback\". Fix: run with "
                            + "credentials (in Lambda, the function's execution role; elsewhere AWS_ACCESS_KEY_ID / "
                            + "AWS_SECRET_ACCESS_KEY or a profile).");
                    toFallback(shipment, stream, batch, "no credentials: " + e.getMessage());
                    return;
                }
                lastError = "I/O: " + e.getMessage();  // connection reset, timeout: the request may have been stored
            } catch (SdkException e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            counters.retries.increment();
            backoff(shipment, attempt++);
        }
    }

    /** Creates the missing stream (and the group, when that is what is missing). False when it could not. */
    private boolean create(CloudWatchLogsClient logs, String stream, Shipment shipment, List<LogEvent> batch) {
        for (int step = 0; step < 2; step++) {
            try {
                counters.createRequests.increment();
                logs.createLogStream(b -> b.logGroupName(group).logStreamName(stream)
                        .overrideConfiguration(o -> o.apiCallAttemptTimeout(attemptTimeout(shipment))));
                return true;
            } catch (ResourceAlreadyExistsException e) {
                return true;  // another writer made it first
            } catch (ResourceNotFoundException e) {
                try {
                    counters.createRequests.increment();
                    logs.createLogGroup(b -> b.logGroupName(group)
                            .overrideConfiguration(o -> o.apiCallAttemptTimeout(attemptTimeout(shipment))));
                } catch (ResourceAlreadyExistsException already) {
                    // another writer made it first
                } catch (AwsServiceException other) {
                    return createFailed(shipment, stream, batch, other, "CreateLogGroup");
                }
            } catch (AwsServiceException e) {
                return createFailed(shipment, stream, batch, e, "CreateLogStream");
            } catch (SdkException e) {
                return true;  // I/O trouble: the put that follows retries and decides
            }
        }
        return true;
    }

    private boolean createFailed(Shipment shipment, String stream, List<LogEvent> batch, AwsServiceException e,
                                 String operation) {
        String code = code(e);
        if (isPermanent(e, code)) {
            refused(shipment, stream, batch, e, code, operation);
            return false;
        }
        return true;  // throttled or a fault: the put that follows retries
    }

    private Duration attemptTimeout(Shipment shipment) {
        long remaining = Math.max(1_000_000L, shipment.deadlineNanos() - System.nanoTime());
        return Duration.ofNanos(Math.min(config.requestTimeout().toNanos(), remaining));
    }

    private static boolean isPermanent(AwsServiceException e, String code) {
        return "AccessDeniedException".equals(code) || CREDENTIAL_CODES.contains(code) || e.statusCode() == 403;
    }

    /** Access denied or credentials refused: nothing to retry; say what to fix, once. */
    private void refused(Shipment shipment, String stream, List<LogEvent> batch, AwsServiceException e, String code,
                         String operation) {
        String fix;
        if (CREDENTIAL_CODES.contains(code)) {
            fix = "the credentials were not accepted. Fix: check the credentials the code runs with (in Lambda, the "
                    + "function's execution role; elsewhere AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN "
                    + "or a profile); an expired session token needs fresh credentials.";
        } else {
            fix = "permission denied. Fix: allow the IAM action logs:" + operation + " (the logger needs "
                    + "logs:PutLogEvents, and logs:CreateLogStream and logs:CreateLogGroup to create them on demand) "
                    + "on arn:aws:logs:<region>:<account>:log-group:" + group + ":* in the function's role.";
        }
        fallback.diagnose("refused:" + code + ":" + operation, "CloudWatch Logs refused " + operation + " for group "
                + group + ", stream " + stream + " (" + errorText(e) + "): " + fix
                + " Until then the events go to stdout as lines marked \"applog\":\"fallback\".");
        toFallback(shipment, stream, batch, operation + " refused: " + errorText(e));
    }

    private void accepted(Shipment shipment, String stream, List<LogEvent> batch, RejectedLogEventsInfo rejected) {
        if (rejected == null || (rejected.tooNewLogEventStartIndex() == null && rejected.tooOldLogEventEndIndex() == null
                && rejected.expiredLogEventEndIndex() == null)) {
            counters.sent.add(shipment.take(batch).size());
            return;
        }
        // tooNewLogEventStartIndex is inclusive; tooOld and expired end indexes are exclusive
        int n = batch.size();
        int tooNew = rejected.tooNewLogEventStartIndex() == null ? n : clamp(rejected.tooNewLogEventStartIndex(), n);
        int tooOld = rejected.tooOldLogEventEndIndex() == null ? 0 : clamp(rejected.tooOldLogEventEndIndex(), n);
        int expired = rejected.expiredLogEventEndIndex() == null ? 0 : clamp(rejected.expiredLogEventEndIndex(), n);
        List<LogEvent> stored = new ArrayList<>();
        List<LogEvent> old = new ArrayList<>();
        List<LogEvent> young = new ArrayList<>();
        List<LogEvent> gone = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i < expired) {
                gone.add(batch.get(i));
            } else if (i < tooOld) {
                old.add(batch.get(i));
            } else if (i >= tooNew) {
                young.add(batch.get(i));
            } else {
                stored.add(batch.get(i));
            }
        }
        counters.sent.add(shipment.take(stored).size());
        int count = old.size() + young.size() + gone.size();
        if (count == 0) {
            return;
        }
        fallback.diagnose("rejected", "CloudWatch Logs rejected " + count + " event(s) of group " + group + ", stream "
                + stream + " for their timestamps (more than 14 days old, older than the group's retention, or more "
                + "than 2 hours ahead); they went to stdout as lines marked \"applog\":\"fallback\". Fix: check the "
                + "clock of the machine that logs.");
        toFallback(shipment, stream, gone, "rejected by CloudWatch Logs: expired (older than the group's retention)");
        toFallback(shipment, stream, old, "rejected by CloudWatch Logs: too old (more than 14 days)");
        toFallback(shipment, stream, young, "rejected by CloudWatch Logs: too new (more than 2 hours ahead)");
    }

    private static int clamp(int index, int n) { return Math.max(0, Math.min(index, n)); }

    /** Hands the unresolved events of {@code batch} to the fallback. */
    void toFallback(Shipment shipment, String stream, List<LogEvent> batch, String reason) {
        List<LogEvent> taken = shipment.take(batch);
        if (!taken.isEmpty()) {
            shipment.markFallback();
            counters.fallback.add(taken.size());
            fallback.write(group, stream, taken, reason);
        }
    }

    private PutLogEventsRequest request(String stream, List<LogEvent> batch, Duration attemptTimeout) {
        List<InputLogEvent> events = new ArrayList<>(batch.size());
        for (LogEvent event : batch) {
            events.add(InputLogEvent.builder().timestamp(event.timestamp).message(event.text()).build());
        }
        return PutLogEventsRequest.builder().logGroupName(group).logStreamName(stream).logEvents(events)
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(attemptTimeout).apiCallTimeout(attemptTimeout))
                .build();
    }

    private CloudWatchLogsClient client(long remainingNanos) throws Exception {
        return client.get(remainingNanos, TimeUnit.NANOSECONDS);
    }

    /** Exponential backoff with full jitter, never past the deadline; wakes early when the deadline moves. */
    private static void backoff(Shipment shipment, int attempt) {
        long cap = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << Math.min(attempt, 10));
        long sleepUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        while (true) {
            long now = System.nanoTime();
            long end = Math.min(sleepUntil, shipment.deadlineNanos());
            if (end - now <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(end - now), 50)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                : e.awsErrorDetails().errorCode();
    }

    private static String errorText(AwsServiceException e) {
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return code(e) + ": " + message;
    }

    DeliveryStats stats() {
        return new DeliveryStats(counters.logged.sum(), counters.sent.sum(), counters.putRequests.sum(),
                counters.createRequests.sum(), counters.retries.sum(), counters.fallback.sum(), counters.split.sum(),
                counters.callerWaits.sum());
    }

    static final class Counters {
        final LongAdder logged = new LongAdder();
        final LongAdder sent = new LongAdder();
        final LongAdder putRequests = new LongAdder();
        final LongAdder createRequests = new LongAdder();
        final LongAdder retries = new LongAdder();
        final LongAdder fallback = new LongAdder();
        final LongAdder split = new LongAdder();
        final LongAdder callerWaits = new LongAdder();
    }

    private static ThreadPoolExecutor daemonPool(String name, int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonFactory(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static java.util.concurrent.ThreadFactory daemonFactory(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** What to do when no SDK client can be made: a version clash on the classpath reads differently from a missing setting. */
    static String clientFix(Throwable cause) {
        if (cause instanceof LinkageError) {
            return "the classpath holds AWS SDK classes of another version than this logger was built with "
                    + "(a function jar that bundles the SDK comes before the layer's jars). Use the applog layer's jar, "
                    + "whose SDK is relocated, instead of the plain library jar, or align the SDK versions.";
        }
        return "set AWS_REGION (Lambda sets it; elsewhere set it or LoggerConfig.region) and make credentials available.";
    }
}
