package dev.applog;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A PrintStream whose text a test can read: stands in for stdout. */
final class Captured {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    synchronized String text() { return bytes.toString(StandardCharsets.UTF_8); }

    List<String> lines() {
        String text = text();
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\R"));
    }

    List<String> fallbackLines() {
        return lines().stream().filter(l -> l.startsWith("{\"applog\":\"fallback\"")).collect(Collectors.toList());
    }

    List<String> diagnostics() {
        return lines().stream().filter(l -> l.startsWith("applog: ")).collect(Collectors.toList());
    }
}
