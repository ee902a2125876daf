package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What bounds the loss of a process that dies mid-invocation: events at the purge level (CRITICAL by default,
 * ERROR by a setting) and {@code exception(...)} are stored before the log call returns, with what was logged
 * before them; with echo every event is also on stdout as it is logged.
 */
class PurgeLevelAndEchoTest extends LocalEndpointTest {

    @Test
    void aCriticalEventIsStoredWithTheLinesBeforeItWhenTheCallReturns() {
        create("/app/purge", "s");
        CloudWatchLogger log = logger(config("/app/purge", "s"));
        log.info("step 1");
        log.warning("step 2");
        log.error("step 3");
        assertEquals(List.of(), stored("/app/purge", "s"), "below the purge level nothing is sent yet");
        log.critical("giving up");
        assertEquals(List.of("step 1", "WARNING: step 2", "ERROR: step 3", "CRITICAL: giving up"),
                stored("/app/purge", "s"));
    }

    @Test
    void everyWayOfLoggingAtTheCriticalLevelPurges() {
        create("/app/purge", "s");
        CloudWatchLogger log = logger(config("/app/purge", "s"));
        log.log(Level.CRITICAL, "through log(level, message)");
        assertEquals(1, stored("/app/purge", "s").size());
        log.log(Level.CRITICAL, "through log(level, message, error, false)", new IllegalStateException("x"), false);
        assertEquals(2, stored("/app/purge", "s").size());
        log.log(Level.CRITICAL, () -> "through a supplier");
        assertEquals(3, stored("/app/purge", "s").size());
        log.critical("with an error", new IllegalStateException("y"));
        assertEquals(4, stored("/app/purge", "s").size());
    }

    @Test
    void exceptionIsStoredWhenTheCallReturns() {
        create("/app/purge", "s");
        CloudWatchLogger log = logger(config("/app/purge", "s"));
        log.info("before");
        log.exception("failed", new IllegalStateException("broken"));
        List<String> stored = stored("/app/purge", "s");
        assertEquals(2, stored.size());
        assertTrue(stored.get(1).startsWith("ERROR: failed"), stored.get(1));
        assertTrue(stored.get(1).contains("java.lang.IllegalStateException: broken"), stored.get(1));
    }

    @Test
    void withThePurgeLevelAtErrorAnErrorIsStoredWhenTheCallReturns() {
        create("/app/purge", "s");
        CloudWatchLogger log = logger(config("/app/purge", "s").purgeLevel(Level.ERROR));
        log.info("step 1");
        log.warning("step 2");
        assertEquals(List.of(), stored("/app/purge", "s"));
        log.error("step 3");
        assertEquals(List.of("step 1", "WARNING: step 2", "ERROR: step 3"), stored("/app/purge", "s"));
        // context loggers share the setting
        AppLogger child = log.withContext(Map.of("k", "v"));
        child.error("from a context logger");
        assertEquals(4, stored("/app/purge", "s").size());
    }

    @Test
    void anEventBelowTheThresholdIsNotLoggedAndDoesNotPurge() {
        create("/app/purge", "s");
        CloudWatchLogger log = logger(config("/app/purge", "s").level(Level.CRITICAL).purgeLevel(Level.ERROR));
        log.error("below the threshold");
        assertEquals(0, puts(), "nothing logged, nothing to send");
    }

    @Test
    void thePurgeLevelIsReadFromItsNameAndABadOneIsAnError() {
        assertEquals(Level.ERROR, LoggerConfig.builder().purgeLevel("error").build().purgeLevel());
        assertEquals(Level.WARNING, LoggerConfig.builder().purgeLevel("30").build().purgeLevel());
        assertEquals(Level.CRITICAL, LoggerConfig.builder().build().purgeLevel(), "the default");
        AppLogConfigException e = assertThrows(AppLogConfigException.class,
                () -> LoggerConfig.builder().purgeLevel("sometimes"));
        assertEquals("purge level", e.setting());
        assertTrue(e.getMessage().startsWith("purge level 'sometimes' is invalid: a purge level is a level name"),
                e.getMessage());
        assertThrows(AppLogConfigException.class, () -> LoggerConfig.builder().purgeLevel(""));
        LoggerConfig fromMap = LoggerConfig.fromJson("{\"logging\": {\"class\": \"cloud-watch\", \"purge-level\": \"ERROR\"}}");
        assertEquals(Level.ERROR, fromMap.purgeLevel());
        assertEquals("ERROR", ((Map<?, ?>) fromMap.toMap().get("logging")).get("purge-level"));
        AppLogConfigException inMap = assertThrows(AppLogConfigException.class, () -> LoggerConfig.fromJson(
                "{\"logging\": {\"class\": \"cloud-watch\", \"purge-level\": \"often\"}}"));
        assertEquals("often", inMap.value());
    }

    @Test
    void echoPrintsEveryEventOnStdoutAsItIsLoggedAndStoresItToo() {
        create("/app/echo", "s");
        CloudWatchLogger log = logger(config("/app/echo", "s").echo(true));
        log.info("one");
        log.warning("two");
        assertEquals(List.of("one", "WARNING: two"), stdout.lines(), "printed at the call, before any purge");
        assertTrue(log.purge(java.time.Duration.ofSeconds(10)));
        assertEquals(List.of("one", "WARNING: two"), stored("/app/echo", "s"), "the same text as stored");
    }
}
