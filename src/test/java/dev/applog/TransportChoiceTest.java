package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.delivery.Transports;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bad transport setting or APPLOG_TRANSPORT is refused by name when the logger is made, never later. */
class TransportChoiceTest {

    private static LoggerConfig.Builder config() {
        return LoggerConfig.builder().group("/g").stream("s").out(new Captured().out);
    }

    @Test
    void anUnknownTransportIsRefusedNamingTheSettingAndTheValues() {
        AppLogConfigException fromBuilder = assertThrows(AppLogConfigException.class,
                () -> config().transport("fast").build());
        assertTrue(fromBuilder.getMessage().contains("transport") && fromBuilder.getMessage().contains("light")
                && fromBuilder.getMessage().contains("sdk"), fromBuilder.getMessage());
        LoggerConfig withVariable = config().environment(Map.of(Transports.VARIABLE, "netty")::get).build();
        AppLogConfigException fromVariable = assertThrows(AppLogConfigException.class,
                () -> AppLoggers.create(withVariable));
        assertTrue(fromVariable.getMessage().contains("APPLOG_TRANSPORT") && fromVariable.getMessage().contains("netty"),
                fromVariable.getMessage());
    }

    @Test
    void theVariableIsNotReadWhenTheSettingOrAClientSupplierDecides() {
        Map<String, String> environment = Map.of(Transports.VARIABLE, "netty");
        try (AppLogger bySetting = AppLoggers.create(config().transport("light").environment(environment::get).build());
             AppLogger bySupplier = AppLoggers.create(config().clientSupplier(() -> null).environment(environment::get)
                     .build())) {
            assertEquals("cloud-watch", bySetting.classCode());
            assertEquals("cloud-watch", bySupplier.classCode());
        }
    }
}
