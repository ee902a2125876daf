package dev.applog.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The local endpoint's line per request, kept to tell accepted PutLogEvents calls and their sizes from failed ones. */
final class RequestLog implements Consumer<String> {

    private static final Pattern STORED = Pattern.compile("PutLogEvents \\S+ (\\S+): (\\d+) events stored");
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

    @Override
    public void accept(String line) {
        lines.add(line);
    }

    void clear() {
        lines.clear();
    }

    /** The number of events each accepted PutLogEvents into {@code stream} stored, in arrival order. */
    List<Integer> storedBatches(String stream) {
        List<Integer> sizes = new ArrayList<>();
        for (String line : lines) {
            Matcher m = STORED.matcher(line);
            if (m.find() && m.group(1).equals(stream)) {
                sizes.add(Integer.parseInt(m.group(2)));
            }
        }
        return sizes;
    }
}
