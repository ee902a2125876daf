package dev.applog;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Inputs that used to fail inside a log call: an exception whose {@code toString()} or {@code getMessage()}
 * throws, a message supplier that throws, a prefix function that throws. The event must still be stored (with a note in place of what
 * could not be written) and the log call must return normally.
 */
class BadInputLoggingTest extends LocalEndpointTest {

    /** An exception whose {@code toString()} or {@code getMessage()} throws, as some libraries' do. */
    static final class Hostile extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean inToString;

        Hostile(boolean inToString) {
            super("hostile");
            this.inToString = inToString;
        }

        @Override
        public String getMessage() {
            if (!inToString) {
                throw new IllegalStateException("getMessage() refuses");
            }
            return "hostile";
        }

        @Override
        public String toString() {
            if (inToString) {
                throw new IllegalStateException("toString() refuses");
            }
            return super.toString();
        }
    }

    @Test
    void anExceptionWhoseToStringThrowsIsWrittenAsANoteAndTheEventStored() {
        create("/test/bad", "s");
        CloudWatchLogger log = logger(config("/test/bad", "s").format("#short"));

        assertDoesNotThrow(() -> log.error("payment failed", new Hostile(true)));
        log.purge();

        List<String> stored = stored("/test/bad", "s");
        assertEquals(1, stored.size(), stdout.text());
        String event = stored.get(0);
        assertTrue(event.startsWith("ERROR: : payment failed\n" + Hostile.class.getName()), event);
        assertTrue(event.contains("its stack trace could not be written: java.lang.IllegalStateException: toString() refuses"), event);
        assertTrue(event.contains("\tat dev.applog.BadInputLoggingTest."), "the frames are kept: " + event);
        assertEquals(List.of(), stdout.diagnostics());
    }

    @Test
    void anExceptionWhoseGetMessageThrowsIsWrittenAsANoteInTheJsonFormat() throws Exception {
        create("/test/bad", "j");
        CloudWatchLogger log = logger(config("/test/bad", "j").format("#json"));

        assertDoesNotThrow(() -> log.error("payment failed", new Hostile(false)));
        log.purge();

        List<String> stored = stored("/test/bad", "j");
        assertEquals(1, stored.size(), stdout.text());
        JsonNode record = new ObjectMapper().readTree(stored.get(0));
        assertEquals("payment failed", record.get("message").asText());
        assertEquals(Hostile.class.getName(), record.get("error").get("name").asText());
        assertTrue(record.get("error").get("message").asText().contains("getMessage() refuses"), record.toString());
        assertTrue(record.get("error").get("stack").asText().contains("its stack trace could not be written"), record.toString());
    }

    @Test
    void aPrefixFunctionThatThrowsLeavesANoteInPlaceOfThePrefixAndTheEventStored() {
        create("/test/bad", "f");
        CloudWatchLogger log = logger(config("/test/bad", "f").format(LogFormat.of((level, function, caller, message) -> {
            throw new IllegalArgumentException("no prefix for " + level);
        })));

        assertDoesNotThrow(() -> log.warning("stock low"));
        log.purge();

        assertEquals(List.of("(applog: the prefix function threw java.lang.IllegalArgumentException: no prefix for WARNING) "
                + "stock low"), stored("/test/bad", "f"));
        assertEquals(List.of(), stdout.diagnostics());
    }

    @Test
    void aSupplierThatThrowsIsLoggedAsItsFailureAndTheCallReturns() {
        create("/test/bad", "p");
        CloudWatchLogger log = logger(config("/test/bad", "p").format("#short"));

        assertDoesNotThrow(() -> log.info(() -> {
            throw new IllegalStateException("order 7 not loaded");
        }));
        log.purge();

        List<String> stored = stored("/test/bad", "p");
        assertEquals(1, stored.size(), stdout.text());
        assertTrue(stored.get(0).startsWith("INFO: : applog: the message supplier threw "
                + "java.lang.IllegalStateException: order 7 not loaded\njava.lang.IllegalStateException: order 7 not loaded"),
                stored.get(0));
    }
}
