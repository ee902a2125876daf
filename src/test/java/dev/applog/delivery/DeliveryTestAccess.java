package dev.applog.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;

/**
 * What the logger's tests ({@code dev.applog}) reach of delivery beyond its public surface: the transports and the
 * SDK client factory, which stay package-private in the library since nothing above delivery makes them.
 */
public final class DeliveryTestAccess {

    private DeliveryTestAccess() { }

    /** The light transport over {@code endpoint}. */
    public static Transport light(URI endpoint, String region, Duration requestTimeout,
                                  Supplier<AwsCredentialsProvider> credentialsFactory) {
        return new LightLogsTransport(endpoint, region, requestTimeout, credentialsFactory);
    }

    /** A light transport made on first use, as the settings' default is (a failure to make it is NO_CLIENT). */
    public static Transport lazyLight(URI endpoint, String region, Duration requestTimeout,
                                      Supplier<AwsCredentialsProvider> credentialsFactory) {
        return Transports.lazy(() -> new LightLogsTransport(endpoint, region, requestTimeout, credentialsFactory));
    }

    /** An SDK client built as the shared ones are. */
    public static CloudWatchLogsClient sdkClient(URI endpoint, String region, Duration requestTimeout,
                                                 AwsCredentialsProvider credentials) {
        return SdkClients.build(endpoint, region, requestTimeout, credentials);
    }

    /** The warm-up's PutLogEvents through {@code client}, answered inside the process. */
    public static PutLogEventsResponse dryRun(CloudWatchLogsClient client, String stream, Duration timeout) {
        return SdkClients.dryRun(client, stream, timeout);
    }

    /** The group the warm-up's request names. */
    public static final String DRY_RUN_GROUP = SdkClients.DRY_RUN_GROUP;

    /** The JVM exit hook's purge of every live buffer. */
    public static void purgeAllAtExit() {
        EventBuffer.purgeAllAtExit();
    }
}
