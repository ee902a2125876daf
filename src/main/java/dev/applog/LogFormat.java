package dev.applog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How an event's text is written. Made from a label, a format string, a function, or {@link #json()}:
 * <ul>
 *   <li>{@code #standard}: {@code "{level}: {func}: {caller}: "} then the message;</li>
 *   <li>{@code #short}: {@code "{level}: {func}: "};</li>
 *   <li>{@code #simple}: {@code "{func}: "};</li>
 *   <li>{@code #mini}: the level only for WARNING and above, then the function name when there is one,
 *       each followed by {@code ": "};</li>
 *   <li>{@code #json}: one JSON object per event (see {@link #json()});</li>
 *   <li>any other text not starting with {@code #}: a format string in which {@code {level}}, {@code {func}}
 *       and {@code {caller}} are replaced (other braces are kept as written);</li>
 *   <li>a {@link PrefixFunction}; when it throws, the event is logged with {@code "(applog: the prefix function
 *       threw <exception>) "} in place of the prefix.</li>
 * </ul>
 * A label starting with {@code #} that is not one of the above is an error ({@link AppLogConfigException}).
 * {@code {func}} is the configured function name, else the context's {@code function_name}, else empty.
 * {@code {caller}} is the name of the method that called the logger, looked up only when the format uses it:
 * named by the call site in code woven with the library's aspect, else found with a short stack walk.
 */
public final class LogFormat {

    /** The labels {@link #parse(String)} knows. */
    public static final List<String> LABELS = List.of("#standard", "#short", "#simple", "#mini", "#json");

    private enum Shape { TEMPLATE, MINI, FUNCTION, JSON }

    private static final String CALLER = "{caller}";

    private final String label;
    private final Shape shape;
    private final String template;
    private final PrefixFunction function;
    private final boolean usesCaller;

    private LogFormat(String label, Shape shape, String template, PrefixFunction function, boolean usesCaller) {
        this.label = label;
        this.shape = shape;
        this.template = template;
        this.function = function;
        this.usesCaller = usesCaller;
    }

    /** The format for a label or format string; {@code null} or blank means {@code #standard}. */
    public static LogFormat parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return parse("#standard");
        }
        switch (spec.trim()) {
            case "#standard": return new LogFormat("#standard", Shape.TEMPLATE, "{level}: {func}: {caller}: ", null, true);
            case "#short": return new LogFormat("#short", Shape.TEMPLATE, "{level}: {func}: ", null, false);
            case "#simple": return new LogFormat("#simple", Shape.TEMPLATE, "{func}: ", null, false);
            case "#mini": return new LogFormat("#mini", Shape.MINI, null, null, false);
            case "#json": return json();
            default: break;
        }
        if (spec.trim().startsWith("#")) {
            throw new AppLogConfigException("format", spec, "a format label is one of " + String.join(", ", LABELS)
                    + "; any text not starting with '#' is a format string with {level}, {func} and {caller}");
        }
        return new LogFormat(spec, Shape.TEMPLATE, spec, null, spec.contains("{caller}"));
    }

    /**
     * A structured record per event, with the key names Powertools for AWS Lambda (Java) uses:
     * {@code timestamp} (ISO-8601 UTC), {@code level}, {@code message} (embedded as JSON when the message is a
     * JSON object or array), {@code service} (when configured), {@code function_name}, the logger's context
     * fields as top-level keys (e.g. {@code function_request_id}, {@code cold_start}, {@code xray_trace_id},
     * {@code correlation_id}), and {@code error}: {@code {"name", "message", "stack"}} when a throwable is given.
     * No caller, as Powertools writes none; a text format with {@code {caller}} gives it.
     */
    public static LogFormat json() {
        return new LogFormat("#json", Shape.JSON, null, null, false);
    }

    /** A format whose prefix {@code function} writes; the caller is not looked up (it is given as ""). */
    public static LogFormat of(PrefixFunction function) {
        return of(function, false);
    }

    /** A format whose prefix {@code function} writes; {@code withCaller} asks for the caller's name. */
    public static LogFormat of(PrefixFunction function, boolean withCaller) {
        return new LogFormat("#function", Shape.FUNCTION, null, Objects.requireNonNull(function, "function"), withCaller);
    }

    /** The label or format string this format was made from ({@code "#function"} for a function). */
    public String label() { return label; }

    public boolean isJson() { return shape == Shape.JSON; }

    /** True when the format needs the caller's method name (a stack walk per event). */
    public boolean usesCaller() { return usesCaller; }

    /**
     * The prefix for {@code level} with the function name {@code func} filled in, cut at each {@code {caller}}: the
     * prefix of an event is {@code pieces[0] + caller + pieces[1] + caller + ...}. Worked out once per logger (the
     * function name is fixed per logger), so that an event only joins pieces. Null for {@link #json()} and for a
     * {@link PrefixFunction}, whose prefix is written per event. For a format string this gives exactly what
     * replacing {@code {level}}, then {@code {func}}, then {@code {caller}} in the string gives.
     */
    String[] prefixPieces(Level level, String func) {
        String f = func == null ? "" : func;
        switch (shape) {
            case MINI: {
                String prefix = (level.atLeast(Level.WARNING) ? level.name() + ": " : "") + (f.isEmpty() ? "" : f + ": ");
                return new String[] {prefix};
            }
            case TEMPLATE: {
                String filled = template.replace("{level}", level.name()).replace("{func}", f);
                List<String> pieces = new ArrayList<>();
                int from = 0;
                for (int at = filled.indexOf(CALLER); at >= 0; at = filled.indexOf(CALLER, from)) {
                    pieces.add(filled.substring(from, at));
                    from = at + CALLER.length();
                }
                pieces.add(filled.substring(from));
                return pieces.toArray(new String[0]);
            }
            default:
                return null;
        }
    }

    /** The prefix a {@link PrefixFunction} writes for one event ("" for the other formats). */
    String functionPrefix(Level level, String func, String caller, String message) {
        if (shape != Shape.FUNCTION) {
            return "";
        }
        String prefix;
        try {
            prefix = function.prefix(level, func == null ? "" : func, caller == null ? "" : caller, message);
        } catch (RuntimeException e) {
            // the event is still logged: a note stands in for the prefix
            return "(applog: the prefix function threw " + EventFormatter.safeText(e) + ") ";
        }
        return prefix == null ? "" : prefix;
    }

    @Override
    public String toString() { return label; }
}
