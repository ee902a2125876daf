package dev.applog.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.ForgedMarkers;
import dev.applog.local.lambda.OutputLine;
import dev.applog.local.logs.StoredEvent;
import dev.applog.reliability.function.EventIds;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts, by id, where a scenario's events ended up: the ids expected (every event the handlers logged),
 * the messages found in the stream(s), and the fallback lines the functions printed. A message the logger
 * split into {@code [applog-part ID I/N]} parts counts once all its parts are found, rejoined. A message that
 * only looks like a part is counted as the message it is: the logger stores one that starts like a marker with
 * a backslash in front (one more than it had), which the rejoin removes; and a marker that cannot be a real
 * one (part 0, a part beyond its count, a count below 2) is no part.
 */
public final class Tally {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PART = Pattern.compile("^\\[applog-part ([0-9a-f]{8}) (\\d+)/(\\d+)\\] ");

    /** What is allowed in a scenario beyond "every event stored once". */
    public enum Allow {
        /** events in the fallback (CloudWatch refused them) */
        FALLBACK,
        /** events stored twice (a request retried after its answer was lost) */
        DUPLICATES,
        /** events lost where the README documents the loss (a process that dies); the row checks the count */
        LOSS
    }

    private final Set<String> expected = new LinkedHashSet<>();
    private final Map<String, Integer> stored = new HashMap<>();
    private final Set<String> fallback = new LinkedHashSet<>();
    private final Set<String> unexpected = new LinkedHashSet<>();
    /** Ids seen in the stream(s) so far, for the order check (a second copy of an id is a retry, not an order). */
    private final Set<String> seen = new HashSet<>();
    /** Per writer (one thread of one invocation), the sequence number of its last event found in the stream. */
    private final Map<String, Integer> lastSeq = new HashMap<>();
    private final List<String> orderViolations = new ArrayList<>();
    private long outOfOrder;
    /** Threads per invocation that log at once: thread {@code t} logs the events whose seq % writers == t. */
    private int writers = 1;
    /** Counts only the ids of this run (null: every id), for scenarios whose cases share a stream. */
    private final String run;

    public Tally() {
        this(null);
    }

    /**
     * A tally of the ids of {@code run} only: ids of other runs in the same stream or output (another case
     * sharing it) are left out, neither counted nor unexpected.
     */
    public Tally(String run) {
        this.run = run;
    }

    private boolean counts(String id) {
        return id != null && (run == null || id.startsWith(run + "/"));
    }

    /** Expects {@code events} events of one invocation (ids {@code run/invocation/0..events-1}). */
    public Tally expect(String run, int invocation, int events) {
        for (int seq = 0; seq < events; seq++) {
            expected.add(EventIds.id(run, invocation, seq));
        }
        return this;
    }

    public Tally expect(String id) {
        expected.add(id);
        return this;
    }

    /**
     * Each invocation's events are logged by {@code threads} threads at once, thread t logging seq t, t+threads, ...
     * (as {@code LogEvents} does): the order is checked per thread.
     */
    public Tally writers(int threads) {
        this.writers = Math.max(1, threads);
        return this;
    }

    /**
     * No order to check: each event is logged by a thread of its own (the threads race, so no logging order
     * exists between them).
     */
    public Tally unordered() {
        this.writers = Integer.MAX_VALUE;
        return this;
    }

    /**
     * Adds the messages of a stream, in the stream's order (as GetLogEvents returns them), and checks that each
     * writer's events are in the order it logged them: the first copy of each id in increasing sequence (a second
     * copy is a request stored twice, at-least-once, and says nothing about order).
     */
    public Tally stored(Collection<StoredEvent> events) {
        List<String> messages = new ArrayList<>(events.size());
        for (StoredEvent event : events) {
            messages.add(event.message());
        }
        checkOrder(messages);
        for (String message : rejoined(messages)) {
            String id = EventIds.find(message);
            if (counts(id)) {
                stored.merge(id, 1, Integer::sum);
            }
        }
        return this;
    }

    private void checkOrder(List<String> messages) {
        for (String message : messages) {
            if (PART.matcher(message).find() && !message.contains("rid:")) {
                continue;  // a later part of a split message: its first part carries the id
            }
            String id = EventIds.find(message);
            if (!counts(id) || !seen.add(id)) {
                continue;
            }
            int cut = id.lastIndexOf('/');
            int seq = Integer.parseInt(id.substring(cut + 1));
            String writer = id.substring(0, cut) + (writers > 1 ? " thread " + seq % writers : "");
            Integer before = lastSeq.put(writer, seq);
            if (before != null && before > seq) {
                outOfOrder++;
                if (orderViolations.size() < 3) {
                    orderViolations.add("event " + id + " stored after event " + id.substring(0, cut) + "/" + before);
                }
            }
        }
    }

    /** Events stored before an event their writer logged earlier (each writer's order is a promise). */
    public long outOfOrder() {
        return outOfOrder;
    }

    /** Adds the fallback lines among a function's output ({@code {"applog":"fallback",...}}). */
    public Tally output(Collection<OutputLine> lines) {
        List<String> texts = new ArrayList<>();
        for (OutputLine line : lines) {
            texts.add(line.text());
        }
        return printed(texts);
    }

    /** Adds the fallback lines among printed lines. */
    public Tally printed(Collection<String> lines) {
        List<String> messages = new ArrayList<>();
        for (String line : lines) {
            String message = fallbackMessage(line);
            if (message != null) {
                messages.add(message);
            }
        }
        for (String message : rejoined(messages)) {
            String id = EventIds.find(message);
            if (counts(id)) {
                fallback.add(id);
            }
        }
        return this;
    }

    /**
     * Adds the ids found in any of a function's output lines, split messages rejoined, counted as the fallback
     * column: for a logger that prints by design (no group) rather than sending.
     */
    public Tally printedPlainly(Collection<OutputLine> lines) {
        List<String> texts = new ArrayList<>();
        for (OutputLine line : lines) {
            texts.add(line.text());
        }
        for (String text : rejoined(texts)) {
            String id = EventIds.find(text);
            if (counts(id)) {
                fallback.add(id);
            }
        }
        return this;
    }

    /** The message of a fallback line, or null when the line is not one. */
    static String fallbackMessage(String line) {
        int start = line.indexOf('{');
        if (start < 0 || !line.contains("\"applog\":\"fallback\"")) {
            return null;
        }
        try {
            JsonNode json = JSON.readTree(line.substring(start));
            return "fallback".equals(json.path("applog").asText()) ? json.path("message").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Split messages rejoined (in part order) once every part is there; the others as they are. */
    public static List<String> rejoined(List<String> messages) {
        List<String> whole = new ArrayList<>();
        Map<String, TreeMap<Integer, String>> parts = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (String message : messages) {
            Matcher m = PART.matcher(message);
            if (!m.find() || !realPart(m)) {
                whole.add(ForgedMarkers.unescape(message));
                continue;
            }
            parts.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(Integer.parseInt(m.group(2)),
                    message.substring(m.end()));
            counts.put(m.group(1), Integer.parseInt(m.group(3)));
        }
        parts.forEach((id, found) -> {
            if (found.size() == counts.get(id)) {
                whole.add(String.join("", found.values()));
            }
        });
        return whole;
    }

    /** What the splitter writes: parts 1..N of N >= 2 (digits that fit an int). */
    private static boolean realPart(Matcher marker) {
        if (marker.group(2).length() > 9 || marker.group(3).length() > 9) {
            return false;
        }
        int index = Integer.parseInt(marker.group(2));
        int count = Integer.parseInt(marker.group(3));
        return count >= 2 && index >= 1 && index <= count;
    }

    public int logged() {
        return expected.size();
    }

    /**
     * Logged events both stored and in the fallback (the row counts them as stored): the logger gave up on a
     * request at its deadline and printed the events, and the endpoint stored them anyway (at-least-once).
     */
    public long storedAndInFallback() {
        return expected.stream().filter(id -> stored.containsKey(id) && fallback.contains(id)).count();
    }

    /**
     * The row for this tally. Every logged event must be stored or in the fallback; a fallback or a duplicate
     * not allowed, and an id nobody logged, are problems too.
     */
    public Row row(String scenario, long invocations, String outcome, Set<Allow> allowed, List<String> problems) {
        long storedCount = 0;
        long twice = 0;
        long inFallback = 0;
        long lost = 0;
        for (String id : expected) {
            Integer copies = stored.get(id);
            if (copies != null) {
                storedCount++;
                if (copies > 1) {
                    twice++;
                }
            } else if (fallback.contains(id)) {
                inFallback++;
            } else {
                lost++;
            }
        }
        for (String id : stored.keySet()) {
            if (!expected.contains(id)) {
                unexpected.add(id);
            }
        }
        List<String> all = new ArrayList<>(problems);
        if (lost > 0 && !allowed.contains(Allow.LOSS)) {
            all.add(lost + " events lost");
        }
        if (twice > 0 && !allowed.contains(Allow.DUPLICATES)) {
            all.add(twice + " events stored twice where no request was retried");
        }
        if (inFallback > 0 && !allowed.contains(Allow.FALLBACK)) {
            all.add(inFallback + " events sent to the fallback though CloudWatch did not refuse them");
        }
        if (outOfOrder > 0) {
            all.add(outOfOrder + " events stored out of the order their writer logged them, e.g. "
                    + String.join("; ", orderViolations));
        }
        if (!unexpected.isEmpty()) {
            all.add(unexpected.size() + " stored events nobody logged, e.g. " + unexpected.iterator().next());
        }
        return new Row(scenario, invocations, expected.size(), storedCount, twice, inFallback, lost, outcome, all);
    }
}
