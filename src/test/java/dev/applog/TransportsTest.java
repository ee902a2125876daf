package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which transport a logger gets: the setting, then APPLOG_TRANSPORT, then light; bad values refused by name. */
class TransportsTest {

    private static LoggerConfig.Builder config() {
        return LoggerConfig.builder().group("/g").stream("s");
    }

    @Test
    void theSettingComesFirstThenTheVariableThenLight() {
        assertEquals("sdk", Transports.chosen(config().transport("sdk").build(), "light"));
        assertEquals("sdk", Transports.chosen(config().build(), " SDK "));
        assertEquals("light", Transports.chosen(config().build(), null));
        assertEquals("light", Transports.chosen(config().build(), ""));
    }

    @Test
    void aClientSupplierMeansTheSdksClientAndTheDefaultIsLight() {
        assertInstanceOf(SdkTransport.class, Transports.forConfig(config().clientSupplier(() -> null).build()));
        assertInstanceOf(SdkTransport.class, Transports.forConfig(config().transport("sdk").build()));
        assertTrue(!(Transports.forConfig(config().transport("light").build()) instanceof SdkTransport));
    }

    @Test
    void anUnknownTransportIsRefusedNamingTheSettingAndTheValues() {
        AppLogConfigException fromBuilder = assertThrows(AppLogConfigException.class,
                () -> config().transport("fast").build());
        assertTrue(fromBuilder.getMessage().contains("transport") && fromBuilder.getMessage().contains("light")
                && fromBuilder.getMessage().contains("sdk"), fromBuilder.getMessage());
        AppLogConfigException fromVariable = assertThrows(AppLogConfigException.class,
                () -> Transports.chosen(config().build(), "netty"));
        assertTrue(fromVariable.getMessage().contains("APPLOG_TRANSPORT") && fromVariable.getMessage().contains("netty"),
                fromVariable.getMessage());
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
        LoggerConfig fromVariable = config().out(out).environment(name -> "APPLOG_TRANSPORT".equals(name) ? "sdk" : null)
                .build();
        Transport first = Transports.forConfig(fromVariable, () -> false);
        Transport second = Transports.forConfig(config().out(out).transport("sdk").build(), () -> false);
        assertTrue(!(first instanceof SdkTransport) && !(second instanceof SdkTransport), first + " " + second);
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), "one error per JVM, not one per logger: " + text);
        assertTrue(text.startsWith("applog: error: APPLOG_TRANSPORT=sdk") && text.contains("applog-sdk-client-layer.zip")
                && text.contains("APPLOG_TRANSPORT=light") && text.contains("light transport meanwhile"), text);
        // with the client there (this module's class path has it): the SDK's transport, nothing printed
        assertTrue(SdkClients.clientPresent());
        assertInstanceOf(SdkTransport.class, Transports.forConfig(config().out(out).transport("sdk").build()));
        assertEquals(text, printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theSettingsWordingNamesTheSettingItCameFrom() {
        assertTrue(Transports.sdkClientMissing(true).startsWith("error: the logger's transport setting sdk"));
        assertTrue(Transports.sdkClientMissing(false).startsWith("error: APPLOG_TRANSPORT=sdk"));
    }
}
