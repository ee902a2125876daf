package dev.applog.delivery;

import dev.applog.delivery.TransportException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.RejectedLogEventsInfo;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * The {@link Transport} on the AWS SDK's {@link CloudWatchLogsClient}: the one class of delivery that knows SDK
 * types and the service's error codes. The client is built off the caller's thread (so that logging starts at
 * once), shared per JVM ({@link SdkClients}) unless {@link DeliveryConfig#clientSupplier()} gives one, and built
 * again after a failure, so that a later shipment finds the environment fixed.
 */
final class SdkTransport implements Transport {

    private final DeliveryConfig config;
    private volatile CompletableFuture<CloudWatchLogsClient> client;
    /** {@link SdkClients#generation()} when {@link #client} was started: a shared client closed since is made again. */
    private volatile int generation;

    SdkTransport(DeliveryConfig config) {
        this.config = config;
        this.client = startClient();
    }

    private Supplier<CloudWatchLogsClient> supplier() {
        return config.clientSupplier() != null ? config.clientSupplier()
                : () -> SdkClients.shared(config.endpoint(), config.region(), config.requestTimeout(), config.environment());
    }

    private CompletableFuture<CloudWatchLogsClient> startClient() {
        generation = SdkClients.generation();
        return OwnThreads.supply("applog-client", supplier());
    }

    @Override
    public Rejected putEvents(String group, String stream, List<Event> events, Duration timeout)
            throws TransportException {
        CloudWatchLogsClient logs = client(timeout);
        List<InputLogEvent> input = new ArrayList<>(events.size());
        for (Event event : events) {
            input.add(InputLogEvent.builder().timestamp(event.timestamp).message(event.text()).build());
        }
        PutLogEventsRequest request = PutLogEventsRequest.builder().logGroupName(group).logStreamName(stream)
                .logEvents(input)
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(timeout).apiCallTimeout(timeout))
                .build();
        try {
            return rejected(logs.putLogEvents(request).rejectedLogEventsInfo());
        } catch (ResourceNotFoundException e) {
            // the service names what is missing only in its message, which is no contract: "group" when it says so
            String text = errorText(e);
            throw new TransportException(text.toLowerCase(java.util.Locale.ROOT).contains("log group")
                    ? Reason.GROUP_MISSING : Reason.STREAM_MISSING, code(e), text, e);
        } catch (SdkException e) {
            throw failure(e);
        }
    }

    @Override
    public void createStream(String group, String stream, Duration timeout) throws TransportException {
        CloudWatchLogsClient logs = client(timeout);
        try {
            logs.createLogStream(b -> b.logGroupName(group).logStreamName(stream)
                    .overrideConfiguration(o -> o.apiCallAttemptTimeout(timeout)));
        } catch (ResourceAlreadyExistsException e) {
            // another writer made it first
        } catch (ResourceNotFoundException e) {
            throw new TransportException(Reason.GROUP_MISSING, code(e), errorText(e), e);
        } catch (SdkException e) {
            throw failure(e);
        }
    }

    @Override
    public void createGroup(String group, Duration timeout) throws TransportException {
        CloudWatchLogsClient logs = client(timeout);
        try {
            logs.createLogGroup(b -> b.logGroupName(group).overrideConfiguration(o -> o.apiCallAttemptTimeout(timeout)));
        } catch (ResourceAlreadyExistsException e) {
            // another writer made it first
        } catch (SdkException e) {
            throw failure(e);
        }
    }

    /**
     * Runs one PutLogEvents that never leaves the process ({@link SdkClients#dryRun}), so that the first real request
     * finds the SDK's code loaded (under SnapStart too, signed with made-up credentials). Only for a client
     * {@link SdkClients} built: one from {@code clientSupplier} would send it.
     */
    @Override
    public boolean warmUp(Event probe, Duration maxWait) {
        if (config.clientSupplier() != null) {
            return false;
        }
        // under SnapStart signed with made-up credentials: the client's own would fetch the function's into the snapshot
        boolean snapStart = "snap-start".equals(config.environment().apply("AWS_LAMBDA_INITIALIZATION_TYPE"));
        try {
            SdkClients.dryRun(client.get(maxWait.toNanos(), TimeUnit.NANOSECONDS), probe.stream, config.requestTimeout(), snapStart);
            if (snapStart) {
                TlsPriming.primeOnce(maxWait);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception | LinkageError e) {
            return false;  // no client yet, or none can be made: the first shipment reports it as usual
        }
    }

    /**
     * The client, waiting for it at most {@code timeout} (the request then gets its own {@code timeout}: building
     * the client is a one-off). A failed build is started again for the next call.
     */
    private CloudWatchLogsClient client(Duration timeout) throws TransportException {
        if (config.clientSupplier() == null && generation != SdkClients.generation()) {
            synchronized (this) {
                if (generation != SdkClients.generation()) {
                    client = startClient();  // the shared client was closed (SnapStart's checkpoint): a new one
                }
            }
        }
        CompletableFuture<CloudWatchLogsClient> current = client;
        try {
            return current.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new TransportException(Reason.NOT_READY, "", "the SDK client was not ready", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException(Reason.NO_CLIENT, "", "interrupted while waiting for the SDK client", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (client == current) {
                client = startClient();  // the next shipment tries again (e.g. after the environment is fixed)
            }
            throw new TransportException(Reason.NO_CLIENT, "", String.valueOf(cause.getMessage()), cause);
        }
    }

    private static Rejected rejected(RejectedLogEventsInfo info) {
        if (info == null || (info.tooNewLogEventStartIndex() == null && info.tooOldLogEventEndIndex() == null
                && info.expiredLogEventEndIndex() == null)) {
            return Rejected.NONE;
        }
        return new Rejected(orNone(info.tooNewLogEventStartIndex()), orNone(info.tooOldLogEventEndIndex()),
                orNone(info.expiredLogEventEndIndex()));
    }

    private static int orNone(Integer index) { return index == null ? -1 : Math.max(0, index); }

    /** The reason of an SDK failure other than a missing resource. */
    static TransportException failure(SdkException e) {
        if (e instanceof InvalidParameterException invalid) {
            return new TransportException(Reason.INVALID, code(invalid), errorText(invalid), e);
        }
        if (e instanceof AwsServiceException service) {
            String code = code(service);
            return new TransportException(Reason.ofService(code, service.statusCode()), code, errorText(service), e);
        }
        if (e instanceof SdkClientException) {
            if (String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
                return new TransportException(Reason.NO_CREDENTIALS, "", e.getMessage(), e);
            }
            // connection reset, timeout: the request may have been stored
            return new TransportException(Reason.CONNECTION_LOST, "", "I/O: " + e.getMessage(), e);
        }
        return new TransportException(Reason.OTHER, "", e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                : e.awsErrorDetails().errorCode();
    }

    private static String errorText(AwsServiceException e) {
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return code(e) + ": " + message;
    }
}
