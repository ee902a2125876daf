package dev.applog.delivery;

import dev.applog.delivery.TransportException.Reason;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Transport} scripted per call, for fast tests of the delivery policy: each call takes the next step
 * queued for its operation ({@code PutLogEvents}, {@code CreateLogStream}, {@code CreateLogGroup}), or succeeds
 * when none is queued. It keeps every call it saw, and the texts of the events it stored, per stream.
 */
public final class ScriptedTransport implements Transport {

    /** One scripted answer: a failure, or (failure null) success with {@code rejected}. */
    record Step(TransportException failure, Rejected rejected) {}

    private final Map<String, Deque<Step>> script = new ConcurrentHashMap<>();
    final List<String> calls = new ArrayList<>();
    public final Map<String, List<String>> stored = new ConcurrentHashMap<>();

    public ScriptedTransport fail(String operation, int times, Reason reason, String code) {
        for (int i = 0; i < times; i++) {
            queue(operation).add(new Step(new TransportException(reason, code, code + ": scripted", null), null));
        }
        return this;
    }

    public ScriptedTransport reject(Rejected rejected) {
        queue("PutLogEvents").add(new Step(null, rejected));
        return this;
    }

    private Deque<Step> queue(String operation) {
        return script.computeIfAbsent(operation, k -> new ArrayDeque<>());
    }

    private synchronized Step next(String operation, String target) throws TransportException {
        calls.add(operation + " " + target);
        Step step = queue(operation).poll();
        if (step != null && step.failure() != null) {
            throw step.failure();
        }
        return step;
    }

    public synchronized List<String> calls() { return new ArrayList<>(calls); }

    @Override
    public Rejected putEvents(String group, String stream, List<Event> events, Duration timeout)
            throws TransportException {
        Step step = next("PutLogEvents", group + "/" + stream + " x" + events.size());
        Rejected rejected = step == null ? Rejected.NONE : step.rejected();
        int n = events.size();
        int from = Math.max(Math.max(rejected.tooOldEnd(), rejected.expiredEnd()), 0);
        int to = rejected.tooNewStart() < 0 ? n : Math.min(rejected.tooNewStart(), n);
        List<String> into = stored.computeIfAbsent(stream, k -> new ArrayList<>());
        synchronized (into) {
            for (int i = from; i < to; i++) {
                into.add(events.get(i).text());
            }
        }
        return rejected;
    }

    @Override
    public void createStream(String group, String stream, Duration timeout) throws TransportException {
        next("CreateLogStream", group + "/" + stream);
    }

    @Override
    public void createGroup(String group, Duration timeout) throws TransportException {
        next("CreateLogGroup", group);
    }
}
