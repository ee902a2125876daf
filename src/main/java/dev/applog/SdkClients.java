package dev.applog;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClientBuilder;

/**
 * One CloudWatch Logs client per JVM and per (endpoint, region): clients are costly to build and hold a
 * connection pool, and every logger of a process writes through the same one.
 *
 * <p>The region comes from {@code AWS_REGION} and the endpoint from {@code AWS_ENDPOINT_URL_CLOUDWATCH_LOGS} /
 * {@code AWS_ENDPOINT_URL}, read by the SDK itself, unless a logger's settings name them. The SDK's own retries
 * are off: the sender retries itself, inside its delivery deadline, and knows which errors to retry.
 */
final class SdkClients {

    private static final ConcurrentHashMap<String, CloudWatchLogsClient> SHARED = new ConcurrentHashMap<>();

    /** Connecting is quick or not at all; a longer wait only eats the invocation's time. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private SdkClients() { }

    static CloudWatchLogsClient shared(URI endpoint, String region, Duration requestTimeout) {
        String key = endpoint + "|" + region;
        return SHARED.computeIfAbsent(key, k -> build(endpoint, region, requestTimeout));
    }

    static CloudWatchLogsClient build(URI endpoint, String region, Duration requestTimeout) {
        return build(endpoint, region, requestTimeout, null);
    }

    /** A client as the shared ones are built; {@code credentials} null means the SDK's default chain. */
    static CloudWatchLogsClient build(URI endpoint, String region, Duration requestTimeout,
                                      AwsCredentialsProvider credentials) {
        CloudWatchLogsClientBuilder builder = CloudWatchLogsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(requestTimeout))
                .overrideConfiguration(o -> o
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(requestTimeout)
                        .apiCallTimeout(requestTimeout));
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        return builder.build();
    }
}
