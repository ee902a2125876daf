package dev.applog.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Which transport a logger gets: the setting, then APPLOG_TRANSPORT, then light; a client supplier means the SDK's
 * client. How the logger refuses a bad variable is in {@code dev.applog.TransportChoiceTest}.
 */
class TransportsTest {

    private static DeliveryConfig config(String transport, Supplier<CloudWatchLogsClient> clientSupplier) {
        return new DeliveryConfig("/g", new PrintStream(PrintStream.nullOutputStream()), Duration.ofSeconds(2),
                Duration.ofSeconds(10), 1 << 20, 100, Duration.ofSeconds(1), transport, null, "us-east-1",
                Map.<String, String>of()::get, clientSupplier);
    }

    @Test
    void theSettingComesFirstThenTheVariableThenLight() {
        assertEquals("sdk", Transports.chosen(config("sdk", null), "light"));
        assertEquals("sdk", Transports.chosen(config(null, null), " SDK "));
        assertEquals("light", Transports.chosen(config(null, null), null));
        assertEquals("light", Transports.chosen(config(null, null), ""));
    }

    @Test
    void aVariableNamesATransportOrNone() {
        assertEquals("sdk", Transports.named(" SDK "));
        assertEquals("light", Transports.named("light"));
        assertNull(Transports.named(" "));
        assertNull(Transports.named("netty"));
    }

    @Test
    void aClientSupplierMeansTheSdksClientAndTheDefaultIsLight() {
        assertInstanceOf(SdkTransport.class, Transports.forConfig(config(null, () -> null)));
        assertInstanceOf(SdkTransport.class, Transports.forConfig(config("sdk", null)));
        assertTrue(!(Transports.forConfig(config("light", null)) instanceof SdkTransport));
        assertTrue(!(Transports.forConfig(config(null, null)) instanceof SdkTransport));
    }
}
