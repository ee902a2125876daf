package dev.applog.local.logs;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

import java.net.URI;
import java.time.Duration;

/** Real SDK clients pointed at a local endpoint, the way the library's users configure them. */
final class SdkClients {

    private SdkClients() {
    }

    /** A client that never retries, so each call is exactly one request and a fault surfaces as is. */
    static CloudWatchLogsClient withoutRetries(URI endpoint) {
        return withoutRetries(endpoint, Duration.ofSeconds(30));
    }

    static CloudWatchLogsClient withoutRetries(URI endpoint, Duration attemptTimeout) {
        return CloudWatchLogsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(attemptTimeout))
                .build();
    }
}
