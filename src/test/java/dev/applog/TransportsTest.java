package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
