package dev.applog.local.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.applog.local.Printable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A CloudWatch Logs compatible endpoint on 127.0.0.1 for tests, the demo and benchmarks. It speaks the
 * service's protocol (AWS JSON 1.1, {@code X-Amz-Target: Logs_20140328.<Operation>}), so the unmodified
 * AWS SDK, the AWS CLI and boto3 talk to it given only {@link #endpoint()}. It enforces the service's
 * PutLogEvents rules with the service's error names and messages, plays faults on demand
 * ({@link #failNext}) and counts what it received.
 *
 * <pre>{@code
 * try (LocalLogsServer logs = LocalLogsServer.start()) {
 *     CloudWatchLogsClient client = CloudWatchLogsClient.builder().endpointOverride(logs.endpoint())...;
 *     logs.failNext("PutLogEvents", 1, Fault.throttling());
 *     ...
 *     assertEquals(2, logs.requests("PutLogEvents"));
 * }
 * }</pre>
 */
public final class LocalLogsServer implements AutoCloseable {

    /** The service's event size limit since April 2025: UTF-8 bytes + 26 per event. */
    public static final int EVENT_SIZE_LIMIT = 1_048_576;
    /** The former event size limit that LocalStack and older emulators still enforce. */
    public static final int LEGACY_EVENT_SIZE_LIMIT = 262_144;

    static final String TARGET_PREFIX = "Logs_20140328.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SmallHttpServer http;
    private final LocalCertificate certificate;
    private final List<String> accessKeyIds = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LogsService service;
    private final Deque<QueuedFault> faults = new ArrayDeque<>();
    /** Guarded by {@link #faults}, like the queue. */
    private final List<RepeatingFault> repeating = new ArrayList<>();
    private final Object outageLock = new Object();
    private Thread outage;
    private final Map<String, LongAdder> requestsByOperation = new ConcurrentHashMap<>();
    private final LongAdder totalRequests = new LongAdder();
    private final LongAdder eventsReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder eventsRejected = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final NetworkDelay putDelay;
    /** Null when no quota is enforced (the default). */
    private final AccountQuota quota;
    private final URI endpoint;
    private final Consumer<String> requestListener;

    private static final class QueuedFault {
        final String operation;
        final Fault fault;
        int remaining;

        QueuedFault(String operation, int remaining, Fault fault) {
            this.operation = operation;
            this.remaining = remaining;
            this.fault = fault;
        }
    }

    /** A cycle of faults, one per call, then {@code passes} calls answered normally, again and again. */
    private static final class RepeatingFault {
        final String operation;
        final List<Fault> faults;
        final int passes;
        int position;

        RepeatingFault(String operation, List<Fault> faults, int passes) {
            this.operation = operation;
            this.faults = faults;
            this.passes = passes;
        }

        /** The fault for this call, or null when it passes. */
        Fault next() {
            Fault fault = position < faults.size() ? faults.get(position) : null;
            position = (position + 1) % (faults.size() + passes);
            return fault;
        }
    }

    private LocalLogsServer(Builder builder) {
        this.service = new LogsService(builder.clock, builder.eventSizeLimit);
        this.requestListener = builder.requestListener;
        this.certificate = builder.https ? LocalCertificate.forThisRun() : null;
        this.putDelay = builder.putDelay;
        this.quota = builder.putQuota > 0 ? new AccountQuota(builder.putQuota, builder.clock) : null;
        try {
            this.http = new SmallHttpServer(builder.port, this::handle, SmallHttpServer.Limits.DEFAULTS,
                    certificate == null ? null : certificate.serverContext());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + builder.port
                    + " (is the port in use? use port 0 for a free one)", e);
        }
        this.endpoint = URI.create((certificate == null ? "http" : "https") + "://127.0.0.1:" + http.port());
    }

    /** Starts an endpoint on 127.0.0.1 and a free port with the service's current limits. */
    public static LocalLogsServer start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a {@link LocalLogsServer}. */
    public static final class Builder {
        private int port;
        private int eventSizeLimit = EVENT_SIZE_LIMIT;
        private Clock clock = Clock.systemUTC();
        private Consumer<String> requestListener;
        private boolean https;
        private NetworkDelay putDelay = NetworkDelay.NONE;
        private int putQuota;

        private Builder() {
        }

        /**
         * HTTPS instead of plain HTTP, with a certificate made for this run ({@link LocalCertificate}): a client
         * trusts it through {@link LocalLogsServer#certificate()}'s truststore. As the service, whose first request
         * in a cold JVM pays the TLS start-up.
         */
        public Builder https(boolean https) {
            this.https = https;
            return this;
        }

        /** The port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535 (0 = a free port), got " + port);
            }
            this.port = port;
            return this;
        }

        /** The largest event (UTF-8 bytes + 26), {@link #EVENT_SIZE_LIMIT} by default. */
        public Builder eventSizeLimit(int eventSizeLimit) {
            if (eventSizeLimit < 27 || eventSizeLimit > LogsService.MAX_BATCH_BYTES) {
                throw new IllegalArgumentException("eventSizeLimit must be 27.." + LogsService.MAX_BATCH_BYTES
                        + " bytes (a one-byte message plus 26), got " + eventSizeLimit);
            }
            this.eventSizeLimit = eventSizeLimit;
            return this;
        }

        /** The clock that decides "now" for too-new / too-old events and ingestion times. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Receives a one-line summary of every request once it is answered (operation, group, stream,
         * outcome), e.g. for a console; called on the connection's thread, so keep it quick.
         */
        public Builder requestListener(Consumer<String> requestListener) {
            this.requestListener = Objects.requireNonNull(requestListener, "requestListener");
            return this;
        }

        /**
         * Every PutLogEvents is answered after this delay, standing for the network between a function and the
         * service (e.g. {@code NetworkDelay.fixed(Duration.ofMillis(30)).withSlowTail(20, Duration.ofMillis(150))});
         * other operations are answered at once. Other connections are served meanwhile. None by default.
         */
        public Builder putLogEventsDelay(NetworkDelay delay) {
            this.putDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /**
         * The account's PutLogEvents quota, across every group and stream: at most {@code perSecond} requests in any
         * one-second window (of {@link #clock}); one over it is answered as the service answers it, HTTP 400
         * {@code ThrottlingException} "Rate exceeded", and stores nothing. 0 (the default): no quota.
         */
        public Builder putLogEventsQuota(int perSecond) {
            if (perSecond < 0 || perSecond > 1_000_000) {
                throw new IllegalArgumentException("the PutLogEvents quota must be 1..1000000 requests per second, or 0 "
                        + "for none, got " + perSecond);
            }
            this.putQuota = perSecond;
            return this;
        }

        public LocalLogsServer start() {
            return new LocalLogsServer(this);
        }
    }

    /** {@code http://127.0.0.1:PORT}: give it to the SDK's endpointOverride or the CLI's --endpoint-url. */
    public URI endpoint() {
        return endpoint;
    }

    /** The certificate an HTTPS endpoint serves (its truststore for clients); null for plain HTTP. */
    public LocalCertificate certificate() {
        return certificate;
    }

    /**
     * The next {@code times} calls of {@code operation} (e.g. "PutLogEvents"; null = any operation) get
     * {@code fault}. Faults queued earlier are played first.
     */
    public void failNext(String operation, int times, Fault fault) {
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times);
        }
        synchronized (faults) {
            faults.addLast(new QueuedFault(operation, times, fault));
        }
    }

    /**
     * From now until {@link #clearFaults()}: calls of {@code operation} (null = any operation) get
     * {@code cycle}'s faults in turn, one per call, then {@code passes} calls are answered normally, and again
     * from the first fault. {@code failRepeatedly("PutLogEvents", List.of(Fault.throttling()), 1)} throttles
     * every other call; {@code passes} 0 fails every call. Faults queued by {@link #failNext} are played first;
     * with several repeating faults for a call, the one set first applies.
     */
    public void failRepeatedly(String operation, List<Fault> cycle, int passes) {
        List<Fault> copy = List.copyOf(cycle);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("cycle must hold at least one fault");
        }
        if (passes < 0) {
            throw new IllegalArgumentException("passes must be 0 or more, got " + passes);
        }
        synchronized (faults) {
            repeating.add(new RepeatingFault(operation, copy, passes));
        }
    }

    /** Forgets every queued fault and every repeating one. */
    public void clearFaults() {
        synchronized (faults) {
            faults.clear();
            repeating.clear();
        }
    }

    /**
     * An outage: from now on for {@code duration}, connections are refused (nothing listens on the port, as
     * on a host that is down) and the open ones are reset; then the endpoint listens on the same port again,
     * by itself. Returns at once. Requests never reach the endpoint meanwhile, so they are not counted.
     */
    public void refuseConnectionsFor(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
        synchronized (outageLock) {
            if (outage != null && outage.isAlive()) {
                throw new IllegalStateException("the endpoint already refuses connections");
            }
            http.stopListening();
            outage = new Thread(() -> {
                try {
                    Thread.sleep(duration.toMillis());
                    http.listenAgain();
                } catch (InterruptedException e) {
                    // the endpoint is closing
                } catch (IOException e) {
                    System.err.println("applog local endpoint: cannot listen on " + endpoint + " again after "
                            + duration + " of refused connections: " + e);
                }
            }, "applog-local-outage-" + http.port());
            outage.setDaemon(true);
            outage.start();
        }
    }

    /** True during a {@link #refuseConnectionsFor} outage (and once closed). */
    public boolean refusingConnections() {
        return !http.listening();
    }

    /** Calls received for {@code operation}, including those answered with a fault or an error. */
    public long requests(String operation) {
        LongAdder count = requestsByOperation.get(operation);
        return count == null ? 0 : count.sum();
    }

    /**
     * The access key id each CloudWatch Logs request was signed with (SigV4's {@code Credential=KEY/...}), in order;
     * "" for an unsigned one. The endpoint checks no signature: this shows which credentials a client used.
     */
    public List<String> accessKeyIds() {
        return List.copyOf(accessKeyIds);
    }

    static String accessKeyId(String authorization) {
        if (authorization == null) {
            return "";
        }
        int at = authorization.indexOf("Credential=");
        if (at < 0) {
            return "";
        }
        int start = at + "Credential=".length();
        int slash = authorization.indexOf('/', start);
        return slash < 0 ? "" : authorization.substring(start, slash);
    }

    /** Client connections open now, idle keep-alive ones included: whether a client dropped its connections. */
    public int openConnections() {
        return http.openConnections();
    }

    /** Calls received, of every operation. */
    public long totalRequests() {
        return totalRequests.sum();
    }

    /** Events stored by accepted PutLogEvents calls (events rejected as too new / too old not included). */
    public long eventsReceived() {
        return eventsReceived.sum();
    }

    /** UTF-8 message bytes + 26 per event, of the events counted by {@link #eventsReceived()}. */
    public long bytesReceived() {
        return bytesReceived.sum();
    }

    /** Events of accepted PutLogEvents calls rejected one by one (too new, too old, expired). */
    public long eventsRejected() {
        return eventsRejected.sum();
    }

    /** PutLogEvents answered with ThrottlingException because they were over the account quota. */
    public long throttled() {
        return throttled.sum();
    }

    /** The delay before each PutLogEvents answer ({@link NetworkDelay#NONE} unless set). */
    public NetworkDelay putLogEventsDelay() {
        return putDelay;
    }

    /** The account's PutLogEvents quota in requests per second; 0 when none is enforced. */
    public int putLogEventsQuota() {
        return quota == null ? 0 : quota.perSecond();
    }

    /** Sets every counter back to zero (stored events stay). */
    public void resetCounters() {
        requestsByOperation.clear();
        totalRequests.reset();
        eventsReceived.reset();
        bytesReceived.reset();
        eventsRejected.reset();
        throttled.reset();
    }

    /** The events of a stream in timestamp order (equal timestamps in arrival order); empty if none. */
    public List<StoredEvent> events(String group, String stream) {
        return service.events(group, stream);
    }

    /** Every log group's stream names, both in name order (a snapshot). */
    public Map<String, List<String>> streams() {
        return service.streams();
    }

    public boolean groupExists(String group) {
        return service.groupExists(group);
    }

    public boolean streamExists(String group, String stream) {
        return service.streamExists(group, stream);
    }

    @Override
    public void close() {
        synchronized (outageLock) {
            if (outage != null) {
                outage.interrupt();
            }
        }
        http.close();
    }

    // ---------------------------------------------------------------- the protocol

    private SmallHttpServer.Response handle(SmallHttpServer.Request request) {
        String requestId = UUID.randomUUID().toString();
        StringBuilder activity = requestListener == null ? null : new StringBuilder();
        try {
            return answer(request, requestId, activity);
        } finally {
            if (activity != null && activity.length() > 0) {
                try {
                    // names and targets come from the request, unchecked: printed escaped, on one line
                    requestListener.accept(Printable.field(activity.toString()));
                } catch (RuntimeException ignored) {
                    // a listener's failure must not change the answer
                }
            }
        }
    }

    private SmallHttpServer.Response answer(SmallHttpServer.Request request, String requestId, StringBuilder activity) {
        String target = request.header("x-amz-target");
        if (!"POST".equals(request.method()) || target == null || !target.startsWith(TARGET_PREFIX)) {
            note(activity, request.method() + " " + request.target() + ": not a CloudWatch Logs request");
            return error(requestId, 400, "UnknownOperationException", "Expected POST / with the header "
                    + "X-Amz-Target: " + TARGET_PREFIX + "<Operation> (AWS JSON 1.1, CloudWatch Logs); got "
                    + request.method() + " " + request.target()
                    + (target == null ? " without X-Amz-Target" : " with X-Amz-Target: " + target));
        }
        String operation = target.substring(TARGET_PREFIX.length());
        accessKeyIds.add(accessKeyId(request.header("authorization")));
        note(activity, operation);
        requestsByOperation.computeIfAbsent(operation, name -> new LongAdder()).increment();
        totalRequests.increment();
        boolean dropAnswer = false;
        try {
            Fault fault = takeFault(operation);
            if (fault != null) {
                note(activity, ": played " + fault);
                switch (fault.kind) {
                    case DROP_CONNECTION:
                        return null;
                    case DROP_AFTER_STORING:
                        dropAnswer = true;
                        note(activity, ", then");
                        break;
                    case ERROR:
                        return error(requestId, fault.status, fault.errorType, fault.message);
                    case ECHO_SIGNATURE:
                        return error(requestId, fault.status, fault.errorType, fault.quoting(request));
                    case DELAY:
                        try {
                            Thread.sleep(fault.delay.toMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return null; // the server is closing
                        }
                        note(activity, ", then");
                        break;
                    default:
                        throw new IllegalStateException("unknown fault " + fault);
                }
            }

            if (operation.equals("PutLogEvents")) {
                if (!waitForTheNetwork(activity)) {
                    return null; // the server is closing
                }
                if (quota != null && !quota.tryAcquire()) {
                    throttled.increment();
                    Fault over = Fault.throttling();
                    note(activity, ": ThrottlingException: over the account quota of " + quota.perSecond() + " per second");
                    return error(requestId, over.status, over.errorType, over.message);
                }
            }

            JsonNode input = parse(request.body());
            for (String member : new String[] {"logGroupName", "logGroupIdentifier", "logStreamName"}) {
                JsonNode value = input.get(member);
                if (value != null && value.isTextual()) {
                    note(activity, " " + value.asText());
                }
            }
            ObjectNode output = service.handle(operation, input, outcome -> {
                eventsReceived.add(outcome.stored());
                bytesReceived.add(outcome.storedBytes());
                eventsRejected.add(outcome.rejected());
                note(activity, ": " + outcome.stored() + " events stored"
                        + (outcome.rejected() > 0 ? ", " + outcome.rejected() + " rejected (too new/old)" : ""));
            });
            if (!operation.equals("PutLogEvents")) {
                note(activity, ": ok");
            }
            return dropAnswer ? null : new SmallHttpServer.Response(200, CONTENT_TYPE,
                    Map.of("x-amzn-RequestId", requestId), MAPPER.writeValueAsBytes(output));
        } catch (LogsServiceException e) {
            note(activity, ": " + e.errorType + ": " + e.getMessage());
            return dropAnswer ? null : error(requestId, e.status, e.errorType, e.getMessage());
        } catch (JsonProcessingException | RuntimeException e) {
            note(activity, ": InternalFailure: " + e);
            return dropAnswer ? null : error(requestId, 500, "InternalFailure", "The local endpoint failed: " + e);
        }
    }

    /**
     * Waits the injected network delay of one PutLogEvents (before the quota is checked, so that a throttled request
     * costs the caller its round trip too); false when interrupted (the server is closing).
     */
    private boolean waitForTheNetwork(StringBuilder activity) {
        Duration delay = putDelay.next();
        if (delay.isZero()) {
            return true;
        }
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        note(activity, " (after a " + delay.toMillis() + " ms network delay)");
        return true;
    }

    private static void note(StringBuilder activity, String text) {
        if (activity != null) {
            activity.append(text);
        }
    }

    private Fault takeFault(String operation) {
        synchronized (faults) {
            for (Iterator<QueuedFault> it = faults.iterator(); it.hasNext(); ) {
                QueuedFault queued = it.next();
                if (queued.operation == null || queued.operation.equals(operation)) {
                    if (--queued.remaining == 0) {
                        it.remove();
                    }
                    return queued.fault;
                }
            }
            for (RepeatingFault cycle : repeating) {
                if (cycle.operation == null || cycle.operation.equals(operation)) {
                    return cycle.next();
                }
            }
            return null;
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw LogsService.serialization("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw LogsService.serialization("The request body cannot be read: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            return MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw LogsService.serialization("The request body must be a JSON object");
        }
        return node;
    }

    private static SmallHttpServer.Response error(String requestId, int status, String type, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("__type", type);
        body.put("message", message);
        return new SmallHttpServer.Response(status, CONTENT_TYPE,
                Map.of("x-amzn-RequestId", requestId, "x-amzn-ErrorType", type),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
