package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The name rules at their edges, and the explanation each refusal gives. */
class LogNamesTest {

    private static String refusal(Runnable check) {
        return assertThrows(AppLogConfigException.class, check::run).getMessage();
    }

    @Test
    void aGroupNameIsRefusedWithTheReason() {
        assertTrue(refusal(() -> LogNames.checkGroup(null)).contains("(it is empty)"));
        assertTrue(refusal(() -> LogNames.checkGroup("")).contains("(it is empty)"));
        assertTrue(refusal(() -> LogNames.checkGroup("g".repeat(513))).contains("(it is 513 characters long)"));
        // 512 characters is a length the rule allows: the reason is the bad character, not the length
        String message = refusal(() -> LogNames.checkGroup("g".repeat(511) + "!"));
        assertTrue(message.contains("(found '!' at index 511)"), message);
    }

    @Test
    void aStreamTemplateOf512CharactersIsAcceptedAndOneMoreIsNot() {
        String longest = "s".repeat(502) + LogNames.DATE;  // {date} stands for 10 characters
        assertEquals(longest, LogNames.checkStream(longest));
        assertTrue(refusal(() -> LogNames.checkStream("s".repeat(503) + LogNames.DATE)).contains("(it is 513 characters long)"));
    }

    @Test
    void theRefusalOfAStreamNamesTheForbiddenCharacterAndWhereItIs() {
        assertTrue(refusal(() -> LogNames.checkStream("abc:d")).contains("(found ':' at index 3)"));
        assertTrue(refusal(() -> LogNames.checkStream("*")).contains("(found '*' at index 0)"));
    }

    @Test
    void aFilledInStreamNameIsCheckedAtEachEdge() {
        assertEquals("orders", LogNames.checkResolvedStream("{function}", "orders"));
        assertEquals("s".repeat(512), LogNames.checkResolvedStream("{function}", "s".repeat(512)));
        assertTrue(refusal(() -> LogNames.checkResolvedStream("{function}", "")).contains("filled in it reads ''"));
        assertTrue(refusal(() -> LogNames.checkResolvedStream("{function}", "s".repeat(513))).contains("log stream name"));
        assertTrue(refusal(() -> LogNames.checkResolvedStream("{function}", ":x")).contains("filled in it reads ':x'"));
        assertTrue(refusal(() -> LogNames.checkResolvedStream("{function}", "x*")).contains("filled in it reads 'x*'"));
    }
}
