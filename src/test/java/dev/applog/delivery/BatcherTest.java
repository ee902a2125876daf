package dev.applog.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatcherTest {

    private static final long T0 = 1_700_000_000_000L;

    private static List<Event> events(int count, String message) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new TextEvent(T0, message, "s"));
        }
        return events;
    }

    private static void assertWithinLimits(List<Batcher.Batch> batches) {
        for (Batcher.Batch batch : batches) {
            long bytes = 0;
            for (Event e : batch.events()) {
                bytes += TextEvent.utf8(e.text()) + 26;
            }
            assertTrue(bytes <= 1_048_576, "batch bytes " + bytes);
            assertEquals(bytes, batch.bytes());
            assertTrue(batch.size() <= 10_000);
            for (int i = 1; i < batch.size(); i++) {
                assertTrue(batch.events().get(i - 1).timestamp <= batch.events().get(i).timestamp);
            }
            assertTrue(batch.events().get(batch.size() - 1).timestamp - batch.events().get(0).timestamp <= 86_400_000L);
        }
    }

    @Test
    void tenThousandEventsMakeOneBatchAndOneMoreMakesTwo() {
        assertEquals(1, Batcher.cut(events(10_000, "x")).size());
        List<Batcher.Batch> batches = Batcher.cut(events(10_001, "x"));
        assertEquals(2, batches.size());
        assertEquals(10_000, batches.get(0).size());
        assertEquals(1, batches.get(1).size());
    }

    @Test
    void bytesJustUnderAndJustOverTheLimit() {
        // 4 events of (262,118 + 26) bytes = 1,048,576 exactly: one batch
        String exact = "a".repeat(262_144 - 26);
        assertEquals(1, Batcher.cut(events(4, exact)).size());
        // one byte more in the last event: two batches
        List<Event> over = events(3, exact);
        over.add(new TextEvent(T0, exact + "a", "s"));
        List<Batcher.Batch> batches = Batcher.cut(over);
        assertEquals(2, batches.size());
        assertEquals(3, batches.get(0).size());
        assertWithinLimits(batches);
    }

    @Test
    void multiByteTextIsCountedInUtf8Bytes() {
        // "é" is 2 bytes, "€" 3, "😀" 4 (a surrogate pair in Java): count what the service counts
        String mixed = "é€😀";
        assertEquals(9, TextEvent.utf8(mixed));
        String euros = "€".repeat(100_000);  // 300,000 bytes, 100,000 chars
        List<Event> list = events(3, euros);  // 3 * 300,026 = 900,078: fits
        assertEquals(1, Batcher.cut(list).size());
        list.add(new TextEvent(T0, "€".repeat(49_500), "s"));  // + 148,526 = 1,048,604 > limit
        List<Batcher.Batch> batches = Batcher.cut(list);
        assertEquals(2, batches.size());
        assertWithinLimits(batches);
        List<Event> fits = events(3, euros);
        fits.add(new TextEvent(T0, "€".repeat(49_490), "s"));  // + 148,496 = 1,048,574: fits
        assertEquals(1, Batcher.cut(fits).size());
    }

    @Test
    void eventsAreSortedByTimestampKeepingLoggingOrderOnTies() {
        List<Event> list = new ArrayList<>();
        list.add(new TextEvent(T0 + 5, "late", "s"));
        list.add(new TextEvent(T0, "first", "s"));
        list.add(new TextEvent(T0, "second", "s"));
        list.add(new TextEvent(T0 + 1, "middle", "s"));
        List<Batcher.Batch> batches = Batcher.cut(list);
        assertEquals(1, batches.size());
        List<String> order = new ArrayList<>();
        batches.get(0).events().forEach(e -> order.add(e.text()));
        assertEquals(List.of("first", "second", "middle", "late"), order);
    }

    @Test
    void aSpanOfExactly24HoursIsOneBatchOneMillisecondMoreIsTwo() {
        long day = 86_400_000L;
        List<Event> exact = List.of(new TextEvent(T0, "a", "s"), new TextEvent(T0 + day, "b", "s"));
        assertEquals(1, Batcher.cut(exact).size());
        List<Event> over = List.of(new TextEvent(T0, "a", "s"), new TextEvent(T0 + day + 1, "b", "s"),
                new TextEvent(T0 + 3, "c", "s"));
        List<Batcher.Batch> batches = Batcher.cut(over);
        assertEquals(2, batches.size());
        assertEquals(2, batches.get(0).size());
        assertEquals("b", batches.get(1).events().get(0).text());
    }

    @Test
    void eachStreamGetsItsOwnBatches() {
        List<Event> list = List.of(new TextEvent(T0, "a", "day1"), new TextEvent(T0, "b", "day2"),
                new TextEvent(T0, "c", "day1"));
        List<Batcher.Batch> batches = Batcher.cut(list);
        assertEquals(2, batches.size());
        assertEquals("day1", batches.get(0).stream());
        assertEquals(2, batches.get(0).size());
        assertEquals("day2", batches.get(1).stream());
    }

    @Test
    void noEventsMakeNoBatch() {
        assertEquals(List.of(), Batcher.cut(List.of()));
    }

    @Test
    void aStrictlyDescendingBatchIsSortedBeforeSending() {
        List<Event> descending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            descending.add(new TextEvent(T0 - i, "event " + i, "s"));
        }
        List<Batcher.Batch> batches = Batcher.cut(descending);
        assertEquals(1, batches.size());
        List<String> sent = new ArrayList<>();
        batches.get(0).events().forEach(e -> sent.add(e.text()));
        assertEquals(List.of("event 4", "event 3", "event 2", "event 1", "event 0"), sent);
        assertWithinLimits(batches);
    }
}
