package dev.applog.local.logs;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Run in a child JVM by {@link OtherClientsTest}: an SDK client configured with nothing but the
 * environment (no endpointOverride) creates the log group named by the first argument.
 */
public final class EnvironmentEndpointProbe {

    private EnvironmentEndpointProbe() {
    }

    public static void main(String[] args) {
        try (CloudWatchLogsClient logs = CloudWatchLogsClient.builder()
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            logs.createLogGroup(r -> r.logGroupName(args[0]));
        }
    }
}
