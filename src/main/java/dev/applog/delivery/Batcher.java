package dev.applog.delivery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts events into PutLogEvents requests exactly at the service's limits: at most 10,000 events, at most
 * 1,048,576 bytes counting each event's UTF-8 bytes plus 26, ascending timestamps, and at most 24 hours
 * between the first and the last event of a request. Pure functions, no state. Internal; not API: public for its
 * limits, which the logger's event size checks (and the tests) read.
 */
public final class Batcher {

    public static final int EVENT_OVERHEAD = 26;
    public static final int MAX_BATCH_BYTES = 1_048_576;
    public static final int MAX_BATCH_EVENTS = 10_000;
    static final long MAX_SPAN_MILLIS = 24L * 60 * 60 * 1000;

    private Batcher() { }

    /** One request's worth of events for one stream, sorted by timestamp. */
    record Batch(String stream, List<Event> events, long bytes) {
        int size() { return events.size(); }
    }

    /** Splits {@code events} by stream (in order of first appearance), sorts each stream's events, cuts batches. */
    static List<Batch> cut(List<Event> events) {
        if (oneStream(events)) {
            return cutStream(events.get(0).stream, events);
        }
        Map<String, List<Event>> byStream = new LinkedHashMap<>();
        for (Event event : events) {
            byStream.computeIfAbsent(event.stream, s -> new ArrayList<>()).add(event);
        }
        List<Batch> batches = new ArrayList<>();
        for (Map.Entry<String, List<Event>> stream : byStream.entrySet()) {
            batches.addAll(cutStream(stream.getKey(), stream.getValue()));
        }
        return batches;
    }

    /** True when every event goes to the first one's stream (the usual case: one stream per day). */
    private static boolean oneStream(List<Event> events) {
        if (events.isEmpty()) {
            return false;
        }
        String first = events.get(0).stream;
        for (Event event : events) {
            if (!first.equals(event.stream)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Cuts one stream's events; a stable sort keeps events with the same timestamp in logging order. Events
     * already in order (the usual case) are neither copied nor sorted.
     */
    static List<Batch> cutStream(String stream, List<Event> events) {
        List<Event> sorted = events;
        if (!inOrder(events)) {
            sorted = new ArrayList<>(events);
            sorted.sort(Comparator.comparingLong(e -> e.timestamp));
        }
        List<Batch> batches = new ArrayList<>();
        List<Event> current = new ArrayList<>();
        long bytes = 0;
        for (Event event : sorted) {
            boolean full = !current.isEmpty() && (current.size() >= MAX_BATCH_EVENTS
                    || bytes + event.cost() > MAX_BATCH_BYTES
                    || event.timestamp - current.get(0).timestamp > MAX_SPAN_MILLIS);
            if (full) {
                batches.add(new Batch(stream, current, bytes));
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(event);
            bytes += event.cost();
        }
        if (!current.isEmpty()) {
            batches.add(new Batch(stream, current, bytes));
        }
        return batches;
    }

    private static boolean inOrder(List<Event> events) {
        for (int i = 1, n = events.size(); i < n; i++) {
            if (events.get(i).timestamp < events.get(i - 1).timestamp) {
                return false;
            }
        }
        return true;
    }
}
