package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Thresholds per logger name: parsing, the longest covering entry, the library defaults, bad entries. */
class LoggerLevelsTest {

    @Test
    void theLongestEntryCoveringTheNameAtADotWins() {
        LoggerLevels levels = LoggerLevels.parse(" com.example = DEBUG , com.example.noisy=ERROR,com=40");
        assertEquals(Level.DEBUG, levels.levelFor("com.example", Level.INFO));
        assertEquals(Level.DEBUG, levels.levelFor("com.example.orders.Repo", Level.INFO));
        assertEquals(Level.ERROR, levels.levelFor("com.example.noisy.Poller", Level.INFO));
        assertEquals(Level.ERROR, levels.levelFor("com.examples.Other", Level.INFO), "com=40 covers it, not com.example");
        assertEquals(Level.INFO, levels.levelFor("org.other", Level.INFO));
        assertEquals(Level.CRITICAL, levels.levelFor("org.other", Level.CRITICAL), "the logger's own level otherwise");
        assertEquals(Level.INFO, levels.levelFor("", Level.INFO));
        assertEquals(Level.INFO, levels.levelFor(null, Level.INFO));
    }

    /**
     * A name looked up again (the same object, as a logger passes its own name), right after another, or as an equal
     * string of its own, has its own threshold; a name no entry covers has the fallback of each call.
     */
    @Test
    void aNameLookedUpAgainKeepsItsOwnThreshold() {
        LoggerLevels levels = LoggerLevels.parse("com.example=DEBUG,com.example.noisy=ERROR");
        String orders = "com.example.Orders";
        String poller = "com.example.noisy.Poller";
        for (int i = 0; i < 3; i++) {
            assertEquals(Level.DEBUG, levels.levelFor(orders, Level.INFO));
            assertEquals(Level.DEBUG, levels.levelFor(orders, Level.INFO));
            assertEquals(Level.ERROR, levels.levelFor(poller, Level.INFO));
            assertEquals(Level.ERROR, levels.levelFor(new String(poller), Level.INFO));
            assertEquals(Level.DEBUG, levels.levelFor(new String(orders), Level.INFO));
            assertEquals(Level.INFO, levels.levelFor("org.other", Level.INFO));
            assertEquals(Level.WARNING, levels.levelFor("org.other", Level.WARNING), "the fallback of this call");
            assertEquals(Level.WARNING, levels.levelFor("software.amazon.awssdk.request", Level.DEBUG));
        }
    }

    @Test
    void libraryLoggersStartAtWarningUnlessAnEntryNamesThem() {
        LoggerLevels defaults = LoggerLevels.defaults();
        assertEquals(Level.WARNING, defaults.levelFor("software.amazon.awssdk.request", Level.DEBUG));
        assertEquals(Level.WARNING, defaults.levelFor("org.apache.http.wire", Level.DEBUG));
        assertEquals(Level.WARNING, defaults.levelFor("com.amazonaws.request", Level.DEBUG));
        assertEquals(Level.WARNING, defaults.levelFor("io.netty.channel", Level.DEBUG));
        assertEquals(Level.DEBUG, defaults.levelFor("com.example", Level.DEBUG));
        LoggerLevels user = LoggerLevels.parse("software.amazon.awssdk.request=DEBUG");
        assertEquals(Level.DEBUG, user.levelFor("software.amazon.awssdk.request", Level.INFO));
        assertEquals(Level.WARNING, user.levelFor("software.amazon.awssdk.core", Level.INFO));
        assertEquals(Level.DEBUG, user.lowest());
        assertEquals(Level.WARNING, LoggerLevels.parse("").lowest());
        assertEquals(LoggerLevels.defaults(), LoggerLevels.parse(null));
    }

    @Test
    void aliasesAndNumbersAreLevelsToo() {
        LoggerLevels levels = LoggerLevels.parse("a=trace,b=WARN,c=fatal,d=25");
        assertEquals(Level.DEBUG, levels.levelFor("a", Level.INFO));
        assertEquals(Level.WARNING, levels.levelFor("b", Level.INFO));
        assertEquals(Level.CRITICAL, levels.levelFor("c", Level.INFO));
        assertEquals(Level.INFO, levels.levelFor("d", Level.ERROR));
    }

    @Test
    void aBadEntryIsAnErrorNamingItAndTheRule() {
        for (String bad : new String[] {"com.example", "=DEBUG", "com.example=", "com.example=LOUD", "a=DEBUG,b"}) {
            AppLogConfigException error = assertThrows(AppLogConfigException.class, () -> LoggerLevels.parse(bad), bad);
            assertEquals("levels", error.setting());
            assertTrue(error.getMessage().contains("logger.name=LEVEL"), error.getMessage());
        }
    }

    @Test
    void theConfigurationMapTakesLevelsAsTextOrAsAnObject() {
        LoggerConfig text = LoggerConfig.fromMap(Map.of("logging", Map.of("class", "#print",
                "levels", "com.example=DEBUG")));
        assertEquals(Level.DEBUG, text.levelFor("com.example.X"));
        assertEquals(Level.INFO, text.levelFor("org.X"));
        LoggerConfig object = LoggerConfig.fromMap(Map.of("logging", Map.of("class", "#print",
                "levels", Map.of("com.example", "DEBUG", "software.amazon.awssdk", 40))));
        assertEquals(Level.DEBUG, object.levelFor("com.example.X"));
        assertEquals(Level.ERROR, object.levelFor("software.amazon.awssdk.core"));
        assertEquals(object.levels(), LoggerConfig.fromMap(object.toMap()).levels(), "toMap keeps the entries");
        assertThrows(AppLogConfigException.class, () -> LoggerConfig.fromMap(Map.of("logging", Map.of("class", "#print",
                "levels", Map.of("com.example", "LOUD")))));
    }
}
