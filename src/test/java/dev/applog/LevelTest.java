package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LevelTest {

    @Test
    void namesInAnyCase() {
        assertEquals(Level.DEBUG, Level.parse("debug"));
        assertEquals(Level.INFO, Level.parse("Info"));
        assertEquals(Level.WARNING, Level.parse("WARNING"));
        assertEquals(Level.ERROR, Level.parse(" error "));
        assertEquals(Level.CRITICAL, Level.parse("cRiTiCaL"));
    }

    @Test
    void aliasesUsedByLambdaAndOtherLoggers() {
        assertEquals(Level.WARNING, Level.parse("WARN"));
        assertEquals(Level.CRITICAL, Level.parse("FATAL"));
        assertEquals(Level.DEBUG, Level.parse("TRACE"));
        assertEquals(Level.DEBUG, Level.parse("trace"));
    }

    @Test
    void pythonNumbers() {
        assertEquals(Level.DEBUG, Level.parse("10"));
        assertEquals(Level.INFO, Level.parse("20"));
        assertEquals(Level.WARNING, Level.parse("30"));
        assertEquals(Level.ERROR, Level.parse("40"));
        assertEquals(Level.CRITICAL, Level.parse("50"));
        assertEquals(Level.INFO, Level.parse("25"), "a number in between means the level below it");
        assertEquals(Level.DEBUG, Level.parse("0"));
        assertEquals(Level.CRITICAL, Level.parse("60"));
        for (Level level : Level.values()) {
            assertEquals(level, Level.ofNumber(level.number()));
        }
    }

    @Test
    void emptyOrMissingMeansInfo() {
        List<String> warnings = new ArrayList<>();
        assertEquals(Level.INFO, Level.parse(null, warnings::add));
        assertEquals(Level.INFO, Level.parse("", warnings::add));
        assertEquals(Level.INFO, Level.parse("   ", warnings::add));
        assertTrue(warnings.isEmpty(), "no warning for an absent level");
    }

    @Test
    void unknownMeansInfoWithOneWarningNeverAnException() {
        List<String> warnings = new ArrayList<>();
        assertEquals(Level.INFO, Level.parse("verbose-unknown-1", warnings::add));
        assertEquals(Level.INFO, Level.parse("verbose-unknown-1", warnings::add));
        assertEquals(1, warnings.size(), "the same unknown text warns once");
        assertTrue(warnings.get(0).contains("verbose-unknown-1") && warnings.get(0).contains("using INFO"), warnings.get(0));
    }

    @Test
    void thresholds() {
        assertTrue(Level.ERROR.atLeast(Level.WARNING));
        assertFalse(Level.DEBUG.atLeast(Level.INFO));
        assertTrue(Level.INFO.atLeast(Level.INFO));
    }

    @Test
    void aKnownNameGivesItsLevelWithoutAWarning() {
        List<String> warnings = new ArrayList<>();
        assertEquals(Level.INFO, Level.parse("INFO", warnings::add));
        assertEquals(Level.ERROR, Level.parse("error", warnings::add));
        assertTrue(warnings.isEmpty(), warnings.toString());
        // an unknown text warns once per JVM: read the level itself too, which does not depend on what ran before
        assertEquals(Level.INFO, Level.parseOrNull("INFO"));
        assertEquals(Level.INFO, Level.parseOrNull(" info "));
    }
}
