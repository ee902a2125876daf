package dev.applog.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
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

    private static DeliveryConfig config(String transport, PrintStream out, Function<String, String> environment) {
        return new DeliveryConfig("/g", out, Duration.ofSeconds(2), Duration.ofSeconds(10), 1 << 20, 100,
                Duration.ofSeconds(1), transport, null, "us-east-1", environment, null);
    }

    /**
     * The base layer leaves the SDK's client to an add-on layer: asked for without it, one error naming both fixes,
     * and the light transport instead, so the events are still sent (LayerSplitIT shows them stored).
     */
    @Test
    void sdkWithoutTheSdksClientPrintsOneErrorNamingTheFixAndUsesTheLightTransport() {
        Transports.SDK_CLIENT_MISSING_REPORTED.set(false);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Function<String, String> sdkVariable = name -> "APPLOG_TRANSPORT".equals(name) ? "sdk" : null;
        Function<String, String> none = Map.<String, String>of()::get;
        Transport first = Transports.forConfig(config(null, out, sdkVariable), () -> false);
        Transport second = Transports.forConfig(config("sdk", out, none), () -> false);
        assertTrue(!(first instanceof SdkTransport) && !(second instanceof SdkTransport), first + " " + second);
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), "one error per JVM, not one per logger: " + text);
        assertTrue(text.startsWith("applog: error: APPLOG_TRANSPORT=sdk") && text.contains("applog-sdk-client-layer.zip")
                && text.contains("APPLOG_TRANSPORT=light") && text.contains("light transport meanwhile"), text);
        // with the client there (this module's class path has it): the SDK's transport, nothing printed
        assertTrue(SdkClients.clientPresent());
        assertInstanceOf(SdkTransport.class, Transports.forConfig(config("sdk", out, none)));
        assertEquals(text, printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theSettingsWordingNamesTheSettingItCameFrom() {
        assertTrue(Transports.sdkClientMissing(true).startsWith("error: the logger's transport setting sdk"));
        assertTrue(Transports.sdkClientMissing(false).startsWith("error: APPLOG_TRANSPORT=sdk"));
    }
}
