package dev.applog.local.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * The plain-text filter patterns of CloudWatch Logs: terms separated by spaces that must all occur,
 * {@code "quoted phrases"} that must occur as written, {@code ?term} of which at least one must occur, and
 * {@code -term} that must not occur. Matching is case-sensitive, like the service's. JSON
 * ({@code { ... }}), space-delimited ({@code [ ... ]}) and regular-expression ({@code %...%}) patterns are
 * refused with an error that says so, rather than silently matching everything.
 */
final class FilterPattern {

    private final List<String> required;
    private final List<String> optional;
    private final List<String> excluded;

    private FilterPattern(List<String> required, List<String> optional, List<String> excluded) {
        this.required = required;
        this.optional = optional;
        this.excluded = excluded;
    }

    static FilterPattern parse(String pattern) {
        List<String> required = new ArrayList<>();
        List<String> optional = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        if (pattern == null || pattern.isBlank()) {
            return new FilterPattern(required, optional, excluded);
        }
        String text = pattern.strip();
        if (text.startsWith("{") || text.startsWith("[") || text.startsWith("%")) {
            throw LogsServiceException.invalidParameter("Invalid filter pattern '" + pattern + "': the local endpoint "
                    + "supports term, \"quoted phrase\", ?optional and -excluded patterns only, not JSON, "
                    + "space-delimited or regular-expression patterns.");
        }
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            List<String> target = required;
            if (c == '?' || c == '-') {
                target = c == '?' ? optional : excluded;
                i++;
                if (i >= text.length()) {
                    throw LogsServiceException.invalidParameter("Invalid filter pattern '" + pattern
                            + "': '" + c + "' must be followed by a term.");
                }
                c = text.charAt(i);
            }
            String term;
            if (c == '"') {
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    throw LogsServiceException.invalidParameter(
                            "Invalid filter pattern '" + pattern + "': a quoted phrase is not closed.");
                }
                term = text.substring(i + 1, close);
                i = close + 1;
            } else {
                int end = i;
                while (end < text.length() && text.charAt(end) != ' ' && text.charAt(end) != '\t') {
                    end++;
                }
                term = text.substring(i, end);
                i = end;
            }
            if (!term.isEmpty()) {
                target.add(term);
            }
        }
        return new FilterPattern(required, optional, excluded);
    }

    boolean matches(String message) {
        for (String term : required) {
            if (!message.contains(term)) {
                return false;
            }
        }
        for (String term : excluded) {
            if (message.contains(term)) {
                return false;
            }
        }
        if (optional.isEmpty()) {
            return true;
        }
        for (String term : optional) {
            if (message.contains(term)) {
                return true;
            }
        }
        return false;
    }
}
