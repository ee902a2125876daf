package dev.applog.delivery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.EndpointTag;
import software.amazon.awssdk.regions.GeneratedPartitionMetadataProvider;
import software.amazon.awssdk.regions.PartitionEndpointKey;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.PartitionMetadataProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * PutLogEvents, CreateLogStream and CreateLogGroup over the service's JSON 1.1 protocol, built from the AWS SDK's
 * own pieces (its SigV4 signer, its credential providers, its HTTP client) without its generated service client.
 *
 * <p>Why not the client: in a fresh JVM the generated CloudWatch Logs client loads about 1,600 classes (its
 * model, marshallers, interceptors, endpoint rules, retry and metrics machinery) for three operations whose
 * requests are a few lines of JSON; that start-up lands on a function's cold start. Signing and credential
 * resolution stay the SDK's, never ours.
 *
 * <p>A failed call is first a {@link Failure}: the service's error code (the {@code __type} of the JSON error body,
 * or the {@code x-amzn-ErrorType} header) with the HTTP status, or an I/O or credentials failure; the
 * {@link Transport} methods turn it into the {@link TransportException.Reason} the SDK client's exception would
 * have given ({@link TransportException.Reason#ofService}), so the delivery policy cannot tell the two apart. Thread-safe.
 */
final class LightLogsTransport implements Transport, AutoCloseable {

    static final String TARGET_PREFIX = "Logs_20140328.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    /** The name CloudWatch Logs signs under (the endpoint's prefix too). */
    static final String SIGNING_NAME = "logs";

    private static final JsonFactory JSON = new JsonFactory();

    private final URI endpoint;
    private final String region;
    private final Duration requestTimeout;
    private final Supplier<AwsCredentialsProvider> credentialsFactory;
    /** Where the init type is read ({@code dev.applog.LoggerConfig#environment()}). */
    private final Function<String, String> environment;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private volatile AwsCredentialsProvider credentials;
    /**
     * True between {@link #closeConnections()} and {@link #reopenConnections()}: each request asks the endpoint to
     * close its connection afterwards ({@code Connection: close}, the one value of that header HttpURLConnection
     * lets a caller set), so that no connection is left open in the JDK's keep-alive cache, which closing the HTTP
     * client does not empty (it is global).
     */
    private volatile boolean closeEachConnection;
    private volatile SdkHttpClient http;

    /**
     * @param endpoint           where requests go ({@link #endpoint} resolves it as the SDK does)
     * @param region             the region the requests are signed for
     * @param credentialsFactory makes the credentials provider, again after {@link #reset()}
     */
    LightLogsTransport(URI endpoint, String region, Duration requestTimeout,
                       Supplier<AwsCredentialsProvider> credentialsFactory) {
        this(endpoint, region, requestTimeout, credentialsFactory, Environment.PROCESS);
    }

    LightLogsTransport(URI endpoint, String region, Duration requestTimeout,
                       Supplier<AwsCredentialsProvider> credentialsFactory, Function<String, String> environment) {
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("no region: set AWS_REGION (Lambda sets it) or LoggerConfig.region");
        }
        this.endpoint = endpoint;
        this.region = region;
        this.requestTimeout = requestTimeout;
        this.credentialsFactory = credentialsFactory;
        this.environment = environment;
    }

    /** A transport as the logger makes it: endpoint, region and credentials from the settings or the environment. */
    static LightLogsTransport fromEnvironment(URI endpoint, String region, Duration requestTimeout,
                                              Function<String, String> environment) {
        String effectiveRegion = region != null ? region : regionFromEnvironment(environment);
        if (effectiveRegion == null) {
            throw new IllegalStateException("Unable to load region: set AWS_REGION (Lambda sets it; elsewhere set it "
                    + "or LoggerConfig.region)");
        }
        URI effectiveEndpoint = endpoint != null ? endpoint : endpoint(environment, effectiveRegion,
                flag("aws.useFipsEndpoint", environment.apply("AWS_USE_FIPS_ENDPOINT")),
                flag("aws.useDualstackEndpoint", environment.apply("AWS_USE_DUALSTACK_ENDPOINT")));
        return new LightLogsTransport(effectiveEndpoint, effectiveRegion, requestTimeout,
                () -> defaultCredentials(environment), environment);
    }

    URI endpoint() {
        return endpoint;
    }

    String region() {
        return region;
    }

    // ---- the transport ---------------------------------------------------------------------------------

    @Override
    public Rejected putEvents(String group, String stream, List<Event> events, Duration timeout)
            throws TransportException {
        try {
            return putLogEvents(group, stream, events, timeout);
        } catch (Failure e) {
            if ("ResourceNotFoundException".equals(e.code)) {
                // the service names what is missing only in its message, as SdkTransport reads it
                throw new TransportException(e.text().toLowerCase(Locale.ROOT).contains("log group")
                        ? TransportException.Reason.GROUP_MISSING : TransportException.Reason.STREAM_MISSING,
                        e.code, e.text(), e);
            }
            throw exception(e);
        }
    }

    @Override
    public void createStream(String group, String stream, Duration timeout) throws TransportException {
        try {
            createLogStream(group, stream, timeout);
        } catch (Failure e) {
            if ("ResourceAlreadyExistsException".equals(e.code)) {
                return;  // another writer made it first
            }
            if ("ResourceNotFoundException".equals(e.code)) {
                throw new TransportException(TransportException.Reason.GROUP_MISSING, e.code, e.text(), e);
            }
            throw exception(e);
        }
    }

    @Override
    public void createGroup(String group, Duration timeout) throws TransportException {
        try {
            createLogGroup(group, timeout);
        } catch (Failure e) {
            if (!"ResourceAlreadyExistsException".equals(e.code)) {
                throw exception(e);
            }
        }
    }

    /**
     * One PutLogEvents through the whole path (JSON, signing, the HTTP client, reading the answer) that the
     * {@link DryRunHttpClient} answers without sending, signed with made-up credentials that are neither the
     * function's nor kept: a cold JVM loads and runs that code in the init phase, not in its first invocation.
     */
    @Override
    public boolean warmUp(Event probe, Duration maxWait) {
        boolean snapStart = "snap-start".equals(environment.apply("AWS_LAMBDA_INITIALIZATION_TYPE"));
        Thread connecting = null;
        if (!snapStart) {
            // the connection (TCP, and over HTTPS the TLS handshake, the longest part) on a thread of its own, while
            // this one runs the dry run: two cores work on it, and the first request waits for it (preconnecting)
            CountDownLatch done = new CountDownLatch(1);
            preconnecting = done;
            connecting = OwnThreads.start("applog-connect", () -> {
                try {
                    preconnect(maxWait);
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            byte[] body = putBody(SdkClients.DRY_RUN_GROUP, probe.stream, List.of(probe));
            rejected(send("PutLogEvents", body, maxWait, DRY_RUN_CREDENTIALS, true));
            if (!snapStart) {
                // the function's own credentials, as the first request resolves them (under SnapStart they would be
                // the snapshot's: fetched after the restore)
                credentials().resolveCredentials();
            }
        } catch (RuntimeException | LinkageError e) {
            return false;  // the first shipment reports any real trouble as usual
        } finally {
            if (connecting != null) {
                try {
                    connecting.join(Math.max(1, maxWait.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (snapStart) {
            // no connection may be in the snapshot: the JDK's TLS code runs against a loopback server instead
            TlsPriming.primeOnce(maxWait);
        }
        return true;
    }

    /**
     * Set while the warm-up opens the connection: a request made meanwhile waits for it (at most its own timeout) and
     * reuses it, instead of opening a second one with a second TLS handshake competing for the same cores.
     */
    private volatile CountDownLatch preconnecting;

    /**
     * This transport with every call answered by the dry-run client, never sent ({@link Transport#dryRun()}); it never
     * fails (a failure would put the dry run's event in the fallback, on stdout).
     */
    @Override
    public Transport dryRun() {
        LightLogsTransport real = this;
        return new Transport() {
            @Override
            public Rejected putEvents(String group, String stream, List<Event> events, Duration timeout) {
                try {
                    return rejected(real.send("PutLogEvents", putBody(group, stream, events), timeout, DRY_RUN_CREDENTIALS,
                            true));
                } catch (RuntimeException | LinkageError e) {
                    return Rejected.NONE;
                }
            }

            @Override
            public void createStream(String group, String stream, Duration timeout) { }

            @Override
            public void createGroup(String group, Duration timeout) { }
        };
    }

    /**
     * Opens the connection the first request will reuse (over HTTPS: the TLS handshake, and the JDK's TLS code
     * loaded and run) with an unsigned {@code GET /}, which the service refuses without storing anything: the JDK
     * keeps the connection alive for this transport's HTTP client. Costs the init phase one round trip instead of the
     * first invocation. Quiet: an endpoint that cannot be reached now is reported by the first shipment.
     */
    private void preconnect(Duration maxWait) {
        try {
            ExecutableHttpRequest request = http().prepareRequest(HttpExecuteRequest.builder()
                    .request(SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(endpoint)
                            .encodedPath(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/"
                                    : endpoint.getRawPath())
                            .putHeader("User-Agent", "applog-light-transport").build())
                    .build());
            ScheduledFuture<?> abort = OwnThreads.schedule(request::abort, Math.max(1, maxWait.toMillis()));
            try {
                HttpExecuteResponse response = request.call();
                if (response.responseBody().isPresent()) {
                    readAll(response.responseBody().get());  // read to the end, so the connection is kept
                }
            } finally {
                abort.cancel(false);
            }
        } catch (IOException | RuntimeException e) {
            // the first request connects then
        }
    }

    private static final AwsCredentials DRY_RUN_CREDENTIALS = SdkClients.DRY_RUN_CREDENTIALS;

    /** A {@link Failure} as the delivery policy reads it: the same reasons as the SDK client's errors. */
    static TransportException exception(Failure e) {
        TransportException.Reason reason;
        if (e.io) {
            reason = TransportException.Reason.CONNECTION_LOST;
        } else if (Failure.NO_CREDENTIALS.equals(e.code)) {
            reason = TransportException.Reason.NO_CREDENTIALS;
        } else if ("InvalidParameterException".equals(e.code)) {
            reason = TransportException.Reason.INVALID;
        } else {
            reason = TransportException.Reason.ofService(e.code, e.status);
        }
        String code = e.io || Failure.NO_CREDENTIALS.equals(e.code) ? "" : e.code;
        return new TransportException(reason, code, e.text(), e);
    }

    // ---- the three calls ------------------------------------------------------------------------------

    /** Stores {@code events} (each a timestamp and a message, in order) in the stream; what the service rejected. */
    Rejected putLogEvents(String group, String stream, List<Event> events, Duration attemptTimeout) {
        return rejected(call("PutLogEvents", putBody(group, stream, events), attemptTimeout));
    }

    private static byte[] putBody(String group, String stream, List<Event> events) {
        // sized for the events beforehand: a body of up to 1 MiB written into a buffer that starts small is copied
        // over and over as it doubles (several MiB of garbage per request on the sender, which the caller's thread
        // shares the cores and the heap with); each event's text is its UTF-8 bytes, plus JSON escapes (a #json
        // event's quotes: about an eighth) and its object's keys
        long capacity = 256L + group.length() + stream.length();
        for (Event event : events) {
            capacity += event.bytes + event.bytes / 8 + 48;
        }
        return write((int) Math.min(capacity, Integer.MAX_VALUE - 8), generator -> {
            generator.writeStringField("logGroupName", group);
            generator.writeStringField("logStreamName", stream);
            generator.writeArrayFieldStart("logEvents");
            for (Event event : events) {
                generator.writeStartObject();
                generator.writeNumberField("timestamp", event.timestamp);
                generator.writeStringField("message", event.text());
                generator.writeEndObject();
            }
            generator.writeEndArray();
        });
    }

    void createLogStream(String group, String stream, Duration attemptTimeout) {
        call("CreateLogStream", write(generator -> {
            generator.writeStringField("logGroupName", group);
            generator.writeStringField("logStreamName", stream);
        }), attemptTimeout);
    }

    void createLogGroup(String group, Duration attemptTimeout) {
        call("CreateLogGroup", write(generator -> generator.writeStringField("logGroupName", group)), attemptTimeout);
    }

    /**
     * Drops the HTTP client (and with it every open connection) and the credentials provider (and what it cached);
     * the next call makes fresh ones. Before a SnapStart checkpoint: neither may be cloned into other environments.
     */
    void reset() {
        SdkHttpClient oldHttp = http;
        AwsCredentialsProvider oldCredentials = credentials;
        http = null;
        credentials = null;
        if (oldHttp != null) {
            oldHttp.close();
        }
        if (oldCredentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    /**
     * SnapStart, before the checkpoint: from now on every request closes its connection, and the credentials and HTTP
     * client are dropped ({@link #reset()}). Over HTTPS a connection made before is not reused by a new HTTP client
     * anyway (the JDK's cache matches the TLS socket factory, which is the client's own).
     */
    void closeConnections() {
        closeEachConnection = true;
        reset();
    }

    /** After the restore: connections are kept alive again, made fresh with fresh credentials. */
    void reopenConnections() {
        closeEachConnection = false;
        reset();
    }

    @Override
    public void close() {
        reset();
    }

    // ---- one request ----------------------------------------------------------------------------------

    private byte[] call(String operation, byte[] body, Duration attemptTimeout) {
        AwsCredentials identity;
        try {
            identity = credentials().resolveCredentials();
        } catch (RuntimeException e) {
            throw new Failure(Failure.NO_CREDENTIALS, 0, "Unable to load credentials: " + e.getMessage(), false, e);
        }
        return send(operation, body, attemptTimeout, identity, false);
    }

    private byte[] send(String operation, byte[] body, Duration attemptTimeout, AwsCredentials identity, boolean dryRun) {
        CountDownLatch connecting = preconnecting;
        if (!dryRun && connecting != null) {
            try {
                connecting.await(Math.max(1, (attemptTimeout != null ? attemptTimeout : requestTimeout).toMillis()),
                        TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            preconnecting = null;
        }
        SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .encodedPath(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath())
                .putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("X-Amz-Target", TARGET_PREFIX + operation)
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader("User-Agent", "applog-light-transport");
        if (dryRun) {
            builder.putHeader(DryRunHttpClient.HEADER, "1");
        }
        if (closeEachConnection) {
            builder.putHeader("Connection", "close");
        }
        SdkHttpFullRequest request = builder.build();
        SignedRequest signed = signer.sign(r -> r.identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        ExecutableHttpRequest executable = http().prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request())
                .contentStreamProvider(signed.payload().orElse(null))
                .build());
        // the HTTP client's socket timeout is the whole request timeout; a shorter attempt (the deadline is near)
        // is cut by aborting the request, as the SDK's apiCallAttemptTimeout does
        ScheduledFuture<?> abort = attemptTimeout != null && attemptTimeout.compareTo(requestTimeout) < 0
                ? OwnThreads.schedule(executable::abort, Math.max(1, attemptTimeout.toMillis())) : null;
        int status;
        byte[] response;
        String errorTypeHeader;
        try {
            HttpExecuteResponse executed = executable.call();
            status = executed.httpResponse().statusCode();
            errorTypeHeader = executed.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse(null);
            response = executed.responseBody().isPresent() ? readAll(executed.responseBody().get()) : new byte[0];
        } catch (IOException | UncheckedIOException e) {
            throw new Failure(Failure.IO, 0, e.getClass().getSimpleName() + ": " + e.getMessage(), true, e);
        } finally {
            if (abort != null) {
                abort.cancel(false);
            }
        }
        if (status / 100 == 2) {
            return response;
        }
        throw failure(status, errorTypeHeader, response);
    }

    private AwsCredentialsProvider credentials() {
        AwsCredentialsProvider current = credentials;
        if (current == null) {
            synchronized (this) {
                current = credentials;
                if (current == null) {
                    current = credentialsFactory.get();
                    credentials = current;
                }
            }
        }
        return current;
    }

    private SdkHttpClient http() {
        SdkHttpClient current = http;
        if (current == null) {
            synchronized (this) {
                current = http;
                if (current == null) {
                    current = new DryRunHttpClient(UrlConnectionHttpClient.builder()
                            .connectionTimeout(SdkClients.CONNECT_TIMEOUT)
                            .socketTimeout(requestTimeout)
                            .build());
                    http = current;
                }
            }
        }
        return current;
    }

    /**
     * The credentials the SDK's default chain finds: the environment's directly when Lambda put the execution
     * role's there (the chain's other providers are then never asked, and never loaded), else the chain itself
     * (under SnapStart, the container provider).
     */
    static AwsCredentialsProvider defaultCredentials(Function<String, String> environment) {
        // an injected environment's keys are not where the SDK's providers read them: then the default chain decides
        Map<String, String> keys = new java.util.HashMap<>();
        for (String name : new String[] {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}) {
            String value = environment.apply(name);
            if (value != null) {
                keys.put(name, value);
            }
        }
        AwsCredentialsProvider fromEnvironment = environment == Environment.PROCESS
                ? SdkClients.credentialsFromEnvironment(keys) : null;
        return fromEnvironment != null ? fromEnvironment : DefaultCredentialsProvider.builder().build();
    }

    // ---- endpoint resolution -------------------------------------------------------------------------

    /**
     * The endpoint the SDK's client would use: {@code AWS_ENDPOINT_URL_CLOUDWATCH_LOGS}, else {@code AWS_ENDPOINT_URL}
     * (an empty one counts as unset, as in {@link SdkClients}), else the region's endpoint in its partition
     * ({@code logs.REGION.amazonaws.com}, {@code .amazonaws.com.cn} in aws-cn, ...), FIPS ({@code logs-fips.}) and
     * dual-stack (the partition's dual-stack suffix, e.g. {@code api.aws}) when asked. The SDK's partition metadata
     * gives the names; {@code LightLogsTransportEndpointTest} checks them against the client's endpoint rules for
     * every region the SDK knows.
     */
    private static final PartitionMetadataProvider PARTITIONS = new GeneratedPartitionMetadataProvider();

    static URI endpoint(Function<String, String> environment, String region, boolean fips, boolean dualStack) {
        String service = environment.apply(SdkClients.SERVICE_ENDPOINT_VARIABLE);
        if (service != null && !service.isBlank()) {
            return URI.create(service.trim());
        }
        String global = environment.apply(SdkClients.GLOBAL_ENDPOINT_VARIABLE);
        if (global != null && !global.isBlank()) {
            return URI.create(global.trim());
        }
        // the partitions' provider alone, not PartitionMetadata.of: that goes through the SDK's MetadataManager, which
        // also builds the metadata of every AWS service (some 400 classes, the better part of a second in a cold JVM
        // here) that this lookup never reads; the endpoint variables above skip it, so the cold-start bench did not see it
        PartitionMetadata partition = PARTITIONS.partitionMetadata(Region.of(region));
        List<EndpointTag> tags = new ArrayList<>(2);
        if (fips) {
            tags.add(EndpointTag.FIPS);
        }
        if (dualStack) {
            tags.add(EndpointTag.DUALSTACK);
        }
        String suffix = partition.dnsSuffix(PartitionEndpointKey.builder().tags(tags).build());
        // CloudWatch Logs' own rule (its endpoint rule set): in aws-us-gov the standard endpoint is already FIPS
        // validated, so FIPS without dual-stack names the standard host there
        boolean fipsHost = fips && !(!dualStack && "aws-us-gov".equals(partition.id()));
        String prefix = fipsHost ? SIGNING_NAME + "-fips" : SIGNING_NAME;
        return URI.create("https://" + prefix + "." + region + "." + suffix);
    }

    /** AWS_REGION as the SDK's chain reads it first; the {@code aws.region} system property wins, as there. */
    static String regionFromEnvironment(Function<String, String> environment) {
        String property = System.getProperty("aws.region");
        if (property != null && !property.isBlank()) {
            return property.trim();
        }
        String value = environment.apply("AWS_REGION");
        if (value == null || value.isBlank()) {
            value = environment.apply("AWS_DEFAULT_REGION");
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A boolean SDK setting: its system property first, then its environment variable; unset is false. */
    static boolean flag(String property, String environmentValue) {
        String value = System.getProperty(property);
        if (value == null) {
            value = environmentValue;
        }
        if (value == null || value.isBlank()) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true")) {
            return true;
        }
        if (v.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException(property + " / its environment variable must be true or false, not \""
                + value + "\"");
    }

    // ---- JSON ------------------------------------------------------------------------------------------

    private interface Body {
        void write(JsonGenerator generator) throws IOException;
    }

    private static byte[] write(Body body) {
        return write(256, body);
    }

    private static byte[] write(int capacity, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(capacity);
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            body.write(generator);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // into memory: cannot happen
        }
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    static Rejected rejected(byte[] response) {
        if (response.length == 0) {
            return Rejected.NONE;
        }
        int tooNew = -1;
        int tooOld = -1;
        int expired = -1;
        try (JsonParser parser = JSON.createParser(response)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Rejected.NONE;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("rejectedLogEventsInfo".equals(name) && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String field = parser.currentName();
                        JsonToken number = parser.nextToken();
                        int index = number == JsonToken.VALUE_NUMBER_INT ? Math.max(0, parser.getIntValue()) : -1;
                        switch (field) {
                            case "tooNewLogEventStartIndex" -> tooNew = index;
                            case "tooOldLogEventEndIndex" -> tooOld = index;
                            case "expiredLogEventEndIndex" -> expired = index;
                            default -> parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            // a 200 whose body is not JSON: stored, nothing known to be rejected (the SDK client would fail here,
            // and the sender would retry a request the service had accepted: a duplicate)
            return Rejected.NONE;
        }
        return tooNew < 0 && tooOld < 0 && expired < 0 ? Rejected.NONE : new Rejected(tooNew, tooOld, expired);
    }

    /** The service's error, as the SDK's JSON protocol reads it: the header's code, else the body's {@code __type}. */
    static Failure failure(int status, String errorTypeHeader, byte[] body) {
        String code = errorTypeHeader;
        String message = null;
        if (body.length > 0) {
            try (JsonParser parser = JSON.createParser(body)) {
                if (parser.nextToken() == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        JsonToken value = parser.nextToken();
                        if ("__type".equals(name) && value == JsonToken.VALUE_STRING && code == null) {
                            code = parser.getText();
                        } else if (("message".equalsIgnoreCase(name)) && value == JsonToken.VALUE_STRING) {
                            message = parser.getText();
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
            } catch (IOException e) {
                message = "an error response that is not JSON (HTTP " + status + ")";
            }
        }
        return new Failure(errorCode(code), status, message != null ? message : "HTTP " + status, false, null);
    }

    /** {@code aws.protocol#Name:extra} and {@code Name:http://...} both name {@code Name}, as the SDK strips them. */
    static String errorCode(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        String code = raw.trim();
        int colon = code.indexOf(':');
        if (colon >= 0) {
            code = code.substring(0, colon);
        }
        int hash = code.lastIndexOf('#');
        if (hash >= 0) {
            code = code.substring(hash + 1);
        }
        return code;
    }

    /**
     * A call that did not succeed: the service's error code and HTTP status, or {@link #IO} (no answer: the
     * request may or may not have been stored), or {@link #NO_CREDENTIALS}.
     */
    static final class Failure extends RuntimeException {
        static final String IO = "applog.io";
        static final String NO_CREDENTIALS = "applog.no-credentials";

        final String code;
        final int status;
        final boolean io;

        Failure(String code, int status, String message, boolean io, Throwable cause) {
            super(message, cause, false, false);
            this.code = code;
            this.status = status;
            this.io = io;
        }

        /** {@code code: message}, as the sender's diagnostics show a service error. */
        String text() {
            return (io ? "I/O" : code) + ": " + getMessage();
        }
    }
}
