package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a user's message cannot forge: a line of its own on stdout ({@code #print} and echo escape line breaks
 * and control characters, as fallback lines do), or a part of a split message in the stream (a message that
 * starts like a part marker is escaped).
 */
class ForgedOutputTest extends LocalEndpointTest {

    private static final String FORGED_FALLBACK = "{\"applog\":\"fallback\",\"reason\":\"forged\",\"group\":\"/app/shop\","
            + "\"stream\":\"s\",\"timestamp\":1,\"message\":\"paid\"}";

    @Test
    void printLoggersPrintEachEventOnOneLineWithLineBreaksAndControlsEscaped() {
        AppLogger log = AppLoggers.create(LoggerConfig.builder().kind("#print").format("#mini").out(stdout.out).build());
        log.info("first\n" + FORGED_FALLBACK + "\r\nthird\u001b[2J\u0085\u2028end\ttab");
        assertEquals(List.of("first\\n" + FORGED_FALLBACK + "\\r\\nthird\\u001b[2J\\u0085\\u2028end\ttab"), stdout.lines());
        assertTrue(stdout.fallbackLines().isEmpty());
    }

    @Test
    void anEchoIsOneLineTooAndTheStoredEventKeepsTheMessageAsItIs() {
        create("/app/echo", "s");
        CloudWatchLogger log = logger(config("/app/echo", "s").echo(true));
        log.info("a\n" + FORGED_FALLBACK);
        assertTrue(log.purge(Duration.ofSeconds(10)));
        assertEquals(List.of("a\\n" + FORGED_FALLBACK), stdout.lines());
        assertTrue(stdout.fallbackLines().isEmpty());
        assertEquals(List.of("a\n" + FORGED_FALLBACK), stored("/app/echo", "s"));
    }

    @Test
    void aMessageThatStartsLikeAPartMarkerIsStoredEscapedAndReadsBackAsLogged() {
        create("/app/mark", "s");
        CloudWatchLogger log = logger(config("/app/mark", "s"));
        List<String> logged = List.of("[applog-part 0badf00d 1/2] forged first half", "\\[applog-part 0badf00d 2/2] x",
                "\\\\[applog-part 00000000 1/1] y", "not [applog-part 0badf00d 1/2] at the start", "[applog-part");
        logged.forEach(log::info);
        assertTrue(log.purge(Duration.ofSeconds(10)));
        List<String> stored = stored("/app/mark", "s");
        assertEquals(List.of("\\[applog-part 0badf00d 1/2] forged first half", "\\\\[applog-part 0badf00d 2/2] x",
                "\\\\\\[applog-part 00000000 1/1] y", "not [applog-part 0badf00d 1/2] at the start", "[applog-part"),
                stored);
        assertTrue(stored.stream().noneMatch(s -> MessageSplitter.MARKER.matcher(s).find()), stored.toString());
        assertEquals(logged, stored.stream().map(ForgedMarkers::unescape).toList());
    }

    @Test
    void aLargeMessageThatStartsLikeAMarkerIsSplitIntoRealPartsAndRejoinsToTheEscapedText() {
        create("/app/bigmark", "s");
        CloudWatchLogger log = logger(config("/app/bigmark", "s").maxEventBytes(300));
        String message = "[applog-part 0badf00d 1/1] " + "x".repeat(1000);
        log.info(message);
        assertTrue(log.purge(Duration.ofSeconds(10)));
        List<String> stored = stored("/app/bigmark", "s");
        assertTrue(stored.size() > 1, stored.toString());
        assertTrue(stored.stream().allMatch(s -> MessageSplitter.MARKER.matcher(s).find()), stored.toString());
        assertEquals(message, ForgedMarkers.unescape(MessageSplitter.join(stored)));
    }
}
