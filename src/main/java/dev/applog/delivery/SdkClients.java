package dev.applog.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClientBuilder;
import software.amazon.awssdk.services.cloudwatchlogs.endpoints.CloudWatchLogsEndpointProvider;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;

/**
 * One CloudWatch Logs client per JVM and per (endpoint, region): clients are costly to build and hold a
 * connection pool, and every logger of a process writes through the same one.
 *
 * <p>The region comes from {@code AWS_REGION} and the endpoint from {@code AWS_ENDPOINT_URL_CLOUDWATCH_LOGS} /
 * {@code AWS_ENDPOINT_URL}, read by the SDK itself, unless a logger's settings name them. The SDK's own retries
 * are off: the sender retries itself, inside its delivery deadline, and knows which errors to retry.
 *
 * <p>An endpoint variable that is set but empty counts as unset (a SAM template declares
 * {@code AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: ""} so that {@code sam local invoke --env-vars} may fill it in; the SDK
 * itself would refuse the empty value and no client could be made).
 */
final class SdkClients {

    private static final ConcurrentHashMap<String, CloudWatchLogsClient> SHARED = new ConcurrentHashMap<>();

    /** Bumped when the shared clients are closed ({@link #closeAll()}): a transport holding an older one makes a new one. */
    private static volatile int generation;

    /** Connecting is quick or not at all; a longer wait only eats the invocation's time. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private SdkClients() { }

    /** The JVM's client for these settings, read through {@code environment} (one client per environment source). */
    static CloudWatchLogsClient shared(URI endpoint, String region, Duration requestTimeout,
                                       Function<String, String> environment) {
        String key = endpoint + "|" + region + (environment == Environment.PROCESS ? "" : "|" + System.identityHashCode(environment));
        BUILDERS.putIfAbsent(key, () -> build(endpoint, region, requestTimeout, null, environment));
        return SHARED.computeIfAbsent(key, k -> BUILDERS.get(k).get());
    }

    /** How each shared client was built, to build it again after a SnapStart restore ({@link #rebuildAll()}). */
    private static final ConcurrentHashMap<String, java.util.function.Supplier<CloudWatchLogsClient>> BUILDERS =
            new ConcurrentHashMap<>();

    /**
     * After a SnapStart restore: builds the clients {@link #closeAll()} closed again, on a thread of ours, so that the
     * first request after the restore finds one (their classes are loaded already, in the snapshot) instead of waiting
     * for the build. Their credentials are fetched at their first request, in the restored environment.
     */
    static void rebuildAll() {
        for (String key : BUILDERS.keySet()) {
            if (!SHARED.containsKey(key)) {
                OwnThreads.start("applog-client", () -> {
                    try {
                        SHARED.computeIfAbsent(key, k -> BUILDERS.get(k).get());
                    } catch (RuntimeException | LinkageError e) {
                        // the first request builds it and reports what fails
                    }
                });
            }
        }
    }

    /** Which set of shared clients is current: a client from {@link #shared} made before a {@link #closeAll()} is closed. */
    static int generation() {
        return generation;
    }

    /**
     * Closes every shared client (with it its HTTP client and the credentials it cached) and forgets it; the next
     * {@link #shared} call builds a new one. SnapStart, before the checkpoint (after the purge, whose requests closed
     * their connections: {@link DryRunHttpClient#closeEachConnection}): no client, connection or credential of the
     * snapshot is cloned into the environments it seeds, and each builds its own after the restore.
     */
    static void closeAll() {
        generation++;
        for (String key : SHARED.keySet()) {
            CloudWatchLogsClient client = SHARED.remove(key);
            if (client != null) {
                try {
                    client.close();
                } catch (RuntimeException e) {
                    // closing frees; a client that cannot is dropped all the same
                }
            }
        }
    }

    static CloudWatchLogsClient build(URI endpoint, String region, Duration requestTimeout) {
        return build(endpoint, region, requestTimeout, null);
    }

    /** A client as the shared ones are built; {@code credentials} null means the SDK's default chain. */
    static CloudWatchLogsClient build(URI endpoint, String region, Duration requestTimeout,
                                      AwsCredentialsProvider credentials) {
        return build(endpoint, region, requestTimeout, credentials, Environment.PROCESS);
    }

    /** As {@link #build(URI, String, Duration, AwsCredentialsProvider)}, the variables read through {@code environment}. */
    static CloudWatchLogsClient build(URI endpoint, String region, Duration requestTimeout,
                                      AwsCredentialsProvider credentials, Function<String, String> environment) {
        CloudWatchLogsClientBuilder builder = CloudWatchLogsClient.builder()
                .httpClient(new DryRunHttpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(requestTimeout)
                        .build()))
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(requestTimeout)
                        .apiCallTimeout(requestTimeout));
        Map<String, String> variables = new java.util.HashMap<>();
        for (String name : new String[] {"AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                SERVICE_ENDPOINT_VARIABLE, GLOBAL_ENDPOINT_VARIABLE}) {
            String value = environment.apply(name);
            if (value != null) {
                variables.put(name, value);
            }
        }
        String effectiveRegion = region != null ? region : regionFromEnvironment(variables);
        if (effectiveRegion != null) {
            builder.region(Region.of(effectiveRegion));
        }
        URI effective = endpoint != null ? endpoint : endpointForEmptyVariables(variables, region);
        if (effective != null) {
            builder.endpointOverride(effective);
        }
        // an injected environment's keys are not where the SDK's provider reads them: then its default chain decides
        AwsCredentialsProvider effectiveCredentials = credentials != null ? credentials
                : environment == Environment.PROCESS ? credentialsFromEnvironment(variables) : null;
        if (effectiveCredentials != null) {
            builder.credentialsProvider(effectiveCredentials);
        }
        return builder.build();
    }

    /**
     * The region the SDK's default chain would find first when it is {@code AWS_REGION} (Lambda always sets it),
     * given directly so the client does not load and run the chain; null (the chain decides) when a system
     * property {@code aws.region} would come first or the variable is unset.
     */
    static String regionFromEnvironment(Map<String, String> environment) {
        String value = environment.get("AWS_REGION");
        if (System.getProperty("aws.region") != null || value == null || value.isBlank()) {
            return null;
        }
        return value.trim();
    }

    /**
     * The credentials the SDK's default chain would find first when they are in the environment (Lambda puts the
     * execution role's there), given directly so the client does not load and run the chain; null (the default
     * chain) when system properties would come first or the variables are unset.
     */
    static AwsCredentialsProvider credentialsFromEnvironment(Map<String, String> environment) {
        String key = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (System.getProperty("aws.accessKeyId") != null || key == null || key.isBlank() || secret == null
                || secret.isBlank()) {
            return null;
        }
        return EnvironmentVariableCredentialsProvider.create();
    }

    /**
     * True when the SDK's generated client and the SDK's client core (aws-core) can be loaded. The base layer leaves
     * both to its add-on layer ({@link Transports#SDK_CLIENT_LAYER}); the library's own jar has them as dependencies.
     */
    static boolean clientPresent() {
        try {
            // loading the interface loads its super-interfaces too (SdkClient, AwsClient of aws-core)
            return CloudWatchLogsClient.class.getInterfaces().length > 0;
        } catch (LinkageError e) {
            return false;
        }
    }

    /** A log group name the service refuses (':'), so that a dry run could store nothing even if it were sent. */
    static final String DRY_RUN_GROUP = "applog:dry-run";

    /**
     * One PutLogEvents through {@code client}'s whole pipeline that {@link DryRunHttpClient} answers without sending:
     * only for a client {@link #build} made. Loads and runs the code a first real request needs.
     */
    static PutLogEventsResponse dryRun(CloudWatchLogsClient client, String stream, Duration timeout) {
        return dryRun(client, stream, timeout, false);
    }

    /**
     * As {@link #dryRun(CloudWatchLogsClient, String, Duration)}; with {@code madeUpCredentials} the request is signed with
     * credentials that are not the function's (SnapStart: the client's own provider would fetch the function's into the
     * snapshot), so the pipeline is run without resolving them.
     */
    static PutLogEventsResponse dryRun(CloudWatchLogsClient client, String stream, Duration timeout, boolean madeUpCredentials) {
        return client.putLogEvents(PutLogEventsRequest.builder().logGroupName(DRY_RUN_GROUP).logStreamName(stream)
                .logEvents(InputLogEvent.builder().timestamp(System.currentTimeMillis()).message("applog dry run").build())
                .overrideConfiguration(o -> {
                    o.putHeader(DryRunHttpClient.HEADER, "1").apiCallAttemptTimeout(timeout).apiCallTimeout(timeout);
                    if (madeUpCredentials) {
                        o.credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                                DRY_RUN_CREDENTIALS));
                    }
                })
                .build());
    }

    /** Credentials that are nobody's, for signing a request that is never sent. */
    static final software.amazon.awssdk.auth.credentials.AwsCredentials DRY_RUN_CREDENTIALS =
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDAPPLOGDRYRUN", "applog-dry-run");

    static final String SERVICE_ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS";
    static final String GLOBAL_ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL";

    /**
     * The endpoint to give the SDK when an endpoint variable is set but empty, so that the empty one is not
     * read; null when the SDK's own resolution is right (no such variable, or a non-empty one it will use).
     * Falls back from the service's variable to the global one, then to the region's standard endpoint.
     */
    static URI endpointForEmptyVariables(Map<String, String> environment, String region) {
        String service = environment.get(SERVICE_ENDPOINT_VARIABLE);
        String global = environment.get(GLOBAL_ENDPOINT_VARIABLE);
        if (service != null && !service.isBlank()) {
            return null;  // the SDK uses it
        }
        boolean globalSet = global != null && !global.isBlank();
        if (service == null && (global == null || globalSet)) {
            return null;  // nothing empty: the SDK's own resolution is right
        }
        if (globalSet) {
            return URI.create(global.trim());
        }
        String regionName = region != null ? region : environment.get("AWS_REGION");
        if (regionName == null || regionName.isBlank()) {
            return null;  // the SDK then reports the missing region, which the sink turns into a diagnostic
        }
        return CloudWatchLogsEndpointProvider.defaultProvider()
                .resolveEndpoint(p -> p.region(Region.of(regionName.trim())))
                .join()
                .url();
    }
}
