package dev.applog.delivery;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * What delivery needs of a logger's settings, already checked: the logger ({@code dev.applog.CloudWatchLogger}) makes
 * it from its {@code LoggerConfig}, so that delivery, below the logger, does not know the logger's settings type. The
 * accessors are named as {@code LoggerConfig}'s, which documents each. Internal; not API: public only for the logger.
 *
 * @param transport the transport setting ({@link Transports#LIGHT} or {@link Transports#SDK}); null for none: then
 *                  {@code APPLOG_TRANSPORT}, then light ({@link Transports#forConfig})
 */
public record DeliveryConfig(String group, PrintStream out, Duration requestTimeout, Duration deliveryDeadline,
                             long maxBufferBytes, int maxBufferedEvents, Duration maxBufferAge, String transport,
                             URI endpoint, String region, Function<String, String> environment,
                             Supplier<CloudWatchLogsClient> clientSupplier) {
}
