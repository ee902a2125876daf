package dev.applog.reliability;

import dev.applog.local.lambda.OutputLine;
import dev.applog.local.logs.StoredEvent;
import dev.applog.reliability.function.EventIds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the tally counts: stored, stored twice, fallback, lost, split parts rejoined, ids nobody logged. */
class TallyTest {

    private static StoredEvent stored(String message) {
        return new StoredEvent(1L, message, 1L);
    }

    private static String fallbackLine(String message) {
        return "{\"applog\":\"fallback\",\"reason\":\"refused\",\"group\":\"/g\",\"stream\":\"s\",\"timestamp\":1,"
                + "\"message\":\"" + message + "\"}";
    }

    /** {@code message} in {@code n} parts as the logger marks them, in the order given by {@code order}. */
    private static List<StoredEvent> parts(String message, int... order) {
        int n = order.length;
        int size = (message.length() + n - 1) / n;
        List<StoredEvent> parts = new ArrayList<>();
        for (int index : order) {
            String body = message.substring((index - 1) * size, Math.min(message.length(), index * size));
            parts.add(stored("[applog-part 0000abcd " + index + "/" + n + "] " + body));
        }
        return parts;
    }

    @Test
    void eachLoggedEventIsCountedOnceWhereverItEndedUp() {
        Tally tally = new Tally().expect("r", 0, 5);
        List<StoredEvent> stream = new ArrayList<>();
        stream.add(stored(EventIds.message("r", 0, 0, 40)));
        stream.add(stored(EventIds.message("r", 0, 1, 40)));
        stream.add(stored(EventIds.message("r", 0, 1, 40)));       // stored twice
        stream.addAll(parts(EventIds.message("r", 0, 2, 90), 3, 1, 2));  // split, parts out of order
        stream.add(stored("INFO: f: " + EventIds.message("r", 7, 7, 40)));  // nobody logged it
        tally.stored(stream).printed(List.of(fallbackLine("rid:r/0/3 refused"), "some other line"));

        Row strict = tally.row("t", 1, "", Set.of(), List.of());
        assertEquals(5, strict.logged());
        assertEquals(3, strict.stored());
        assertEquals(1, strict.storedTwice());
        assertEquals(1, strict.fallback());
        assertEquals(1, strict.lost());   // r/0/4
        assertEquals(List.of("1 events lost", "1 events stored twice where no request was retried",
                "1 events sent to the fallback though CloudWatch did not refuse them",
                "1 stored events nobody logged, e.g. r/7/7"), strict.problems());

        Row lenient = tally.row("t", 1, "", Set.of(Tally.Allow.FALLBACK, Tally.Allow.DUPLICATES), List.of("given"));
        assertEquals(List.of("given", "1 events lost", "1 stored events nobody logged, e.g. r/7/7"), lenient.problems());
    }

    @Test
    void aSplitMessageMissingAPartIsNotStored() {
        List<StoredEvent> twoOfThree = parts(EventIds.message("r", 0, 0, 90), 1, 2, 3).subList(0, 2);
        Row row = new Tally().expect("r", 0, 1).stored(twoOfThree).row("t", 1, "", Set.of(), List.of());
        assertEquals(0, row.stored());
        assertEquals(1, row.lost());
    }

    @Test
    void splitPartsAreRejoinedInPartOrder() {
        String message = EventIds.message("r", 0, 0, 100);
        List<String> texts = parts(message, 2, 3, 1).stream().map(StoredEvent::message).toList();
        assertEquals(List.of(message), Tally.rejoined(texts));
    }

    @Test
    void aTallyOfOneRunLeavesOtherRunsOut() {
        Tally tally = new Tally("a").expect("a", 0, 1);
        tally.stored(List.of(stored("rid:a/0/0"), stored("rid:b/0/0"), stored("rid:ab/0/0")));
        Row row = tally.row("t", 1, "", Set.of(), List.of());
        assertEquals(1, row.stored());
        assertTrue(row.ok(), row.problems().toString());
    }

    @Test
    void plainlyPrintedLinesCountAsTheFallback() {
        Tally tally = new Tally().expect("r", 0, 2);
        tally.printedPlainly(List.of(new OutputLine("f", 1, false, "INFO: f: rid:r/0/0 x"),
                new OutputLine("f", 1, false, "START RequestId: 1")));
        Row row = tally.row("t", 1, "", Set.of(Tally.Allow.FALLBACK), List.of());
        assertEquals(1, row.fallback());
        assertEquals(1, row.lost());
    }

    @Test
    void aForgedPartMarkerCountsAsTheMessageItIsAndCannotCompleteOrSpoilARealSplit() {
        Tally tally = new Tally().expect("r", 0, 4);
        List<StoredEvent> stream = new ArrayList<>();
        // as the logger stores messages that start like a marker: one backslash more in front
        stream.add(stored("\\[applog-part 0000abcd 2/2] " + EventIds.message("r", 0, 0, 40)));
        stream.add(stored("\\\\[applog-part 0000abcd 1/2] " + EventIds.message("r", 0, 1, 40)));
        // markers no splitter writes (as an older logger would have stored a forged one): not parts
        stream.add(stored("[applog-part 0badf00d 1/1] " + EventIds.message("r", 0, 2, 40)));
        // the real split with the same id as the forged ones: rejoined from its own parts only
        stream.addAll(parts(EventIds.message("r", 0, 3, 90), 2, 1));

        Row row = tally.stored(stream).row("t", 1, "", Set.of(), List.of());
        assertEquals(4, row.stored());
        assertEquals(0, row.lost());
        assertEquals(List.of(), row.problems());
        assertTrue(Tally.rejoined(List.of("\\[applog-part 0000abcd 2/2] x")).contains("[applog-part 0000abcd 2/2] x"));
    }

    @Test
    void anEventStoredBeforeOneItsWriterLoggedEarlierIsAnOrderViolation() {
        Tally tally = new Tally().expect("r", 0, 4).expect("r", 1, 2);
        List<StoredEvent> stream = new ArrayList<>();
        stream.add(stored(EventIds.message("r", 0, 0, 40)));
        stream.add(stored(EventIds.message("r", 1, 1, 40)));  // another writer: its own order
        stream.add(stored(EventIds.message("r", 0, 2, 40)));
        stream.add(stored(EventIds.message("r", 0, 1, 40)));  // after 2: out of order
        stream.add(stored(EventIds.message("r", 1, 0, 40)));  // after 1: out of order
        stream.add(stored(EventIds.message("r", 0, 3, 40)));
        Row row = tally.stored(stream).row("t", 2, "", Set.of(), List.of());
        assertEquals(2, tally.outOfOrder());
        assertEquals(List.of("2 events stored out of the order their writer logged them, e.g. event r/0/1 stored "
                + "after event r/0/2; event r/1/0 stored after event r/1/1"), row.problems());
    }

    @Test
    void aSecondCopyOfARetriedRequestIsNoOrderViolation() {
        Tally tally = new Tally().expect("r", 0, 3);
        List<StoredEvent> stream = new ArrayList<>();
        for (int copy = 0; copy < 2; copy++) {  // a request stored twice: 0 1 2 0 1 2
            for (int seq = 0; seq < 3; seq++) {
                stream.add(stored(EventIds.message("r", 0, seq, 40)));
            }
        }
        Row row = tally.stored(stream).row("t", 1, "", Set.of(Tally.Allow.DUPLICATES), List.of());
        assertEquals(0, tally.outOfOrder());
        assertTrue(row.ok(), row.problems().toString());
    }

    @Test
    void withSeveralWritersPerInvocationEachThreadsOrderIsChecked() {
        // two threads: thread 0 logs 0, 2; thread 1 logs 1, 3; they interleave freely
        List<StoredEvent> stream = new ArrayList<>();
        for (int seq : new int[] {1, 3, 0, 2}) {
            stream.add(stored(EventIds.message("r", 0, seq, 40)));
        }
        Tally perThread = new Tally().writers(2).expect("r", 0, 4).stored(stream);
        assertEquals(0, perThread.outOfOrder());
        assertEquals(0, new Tally().unordered().expect("r", 0, 4).stored(stream).outOfOrder(), "a thread per event");
        Tally oneWriter = new Tally().expect("r", 0, 4).stored(stream);
        assertEquals(1, oneWriter.outOfOrder(), "read as one writer, 0 is stored after 3");
    }

    @Test
    void aDocumentedLossIsCountedButNoBrokenPromise() {
        Tally tally = new Tally().expect("r", 0, 3);
        Row row = tally.row("t", 1, "", Set.of(Tally.Allow.LOSS), List.of());
        assertEquals(3, row.lost());
        assertTrue(row.ok());
        assertEquals(List.of("3 events lost"), new Tally().expect("r", 0, 3).row("t", 1, "", Set.of(), List.of()).problems());
    }
}
