package dev.applog.delivery;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Which transport delivery makes for the name the logger chose: a client supplier means the SDK's client, else the
 * name, light by default. How the logger chooses the name is in {@code dev.applog.TransportChoiceTest}.
 */
class TransportsTest {

    private static DeliveryConfig config(String transport, Supplier<CloudWatchLogsClient> clientSupplier) {
        return new DeliveryConfig("/g", new PrintStream(PrintStream.nullOutputStream()), Duration.ofSeconds(2),
                Duration.ofSeconds(10), 1 << 20, 100, Duration.ofSeconds(1), transport, null, "us-east-1",
                Environment.PROCESS, clientSupplier);
    }

    @Test
    void aClientSupplierMeansTheSdksClientAndTheDefaultIsLight() {
        assertInstanceOf(SdkTransport.class, Transports.forConfig(config(Transports.LIGHT, () -> null)));
        assertInstanceOf(SdkTransport.class, Transports.forConfig(config(Transports.SDK, null)));
        assertTrue(!(Transports.forConfig(config(Transports.LIGHT, null)) instanceof SdkTransport));
    }
}
