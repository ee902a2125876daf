package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.delivery.Transports;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which transport a logger chooses: the setting, then APPLOG_TRANSPORT, then light; bad values refused by name. */
class TransportChoiceTest {

    private static LoggerConfig.Builder config() {
        return LoggerConfig.builder().group("/g").stream("s");
    }

    @Test
    void theSettingComesFirstThenTheVariableThenLight() {
        assertEquals("sdk", CloudWatchLogger.chosenTransport(config().transport("sdk").build(), "light"));
        assertEquals("sdk", CloudWatchLogger.chosenTransport(config().build(), " SDK "));
        assertEquals("light", CloudWatchLogger.chosenTransport(config().build(), null));
        assertEquals("light", CloudWatchLogger.chosenTransport(config().build(), ""));
    }

    @Test
    void aClientSupplierMeansTheSdksClientWhateverTheVariableSays() {
        LoggerConfig config = config().clientSupplier(() -> null)
                .environment(Map.of(Transports.VARIABLE, "netty")::get).build();
        assertEquals(Transports.SDK, CloudWatchLogger.deliveryConfig(config, true).transport());
    }

    @Test
    void anUnknownTransportIsRefusedNamingTheSettingAndTheValues() {
        AppLogConfigException fromBuilder = assertThrows(AppLogConfigException.class,
                () -> config().transport("fast").build());
        assertTrue(fromBuilder.getMessage().contains("transport") && fromBuilder.getMessage().contains("light")
                && fromBuilder.getMessage().contains("sdk"), fromBuilder.getMessage());
        AppLogConfigException fromVariable = assertThrows(AppLogConfigException.class,
                () -> CloudWatchLogger.chosenTransport(config().build(), "netty"));
        assertTrue(fromVariable.getMessage().contains("APPLOG_TRANSPORT") && fromVariable.getMessage().contains("netty"),
                fromVariable.getMessage());
    }
}
