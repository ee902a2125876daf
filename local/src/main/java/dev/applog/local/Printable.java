package dev.applog.local;

/**
 * Text from a log event or a request made safe to print on a terminal: a C0 or C1 control character (ANSI
 * escapes, which recolour the terminal or set its title; a {@code \r} that overwrites the line) is written as
 * an escape ({@code \r}, {@code \u001b}), and a line break starts an indented line, so an event can never
 * print something that looks like a line of its own. A tab stays a tab.
 */
public final class Printable {

    /** Where a printed message continues after a line break it contained. */
    public static final String CONTINUATION = "\n    ";

    private Printable() {
    }

    /** {@code text} with control characters escaped and each line break followed by {@link #CONTINUATION}'s indent. */
    public static String text(String text) {
        return escape(text, true);
    }

    /** {@code text} on one line: line breaks escaped too ({@code \n}), as a field such as a name must be. */
    public static String field(String text) {
        return escape(text, false);
    }

    private static String escape(String text, boolean indentLineBreaks) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = null;
            if (c == '\n') {
                replacement = indentLineBreaks ? CONTINUATION : "\\n";
            } else if (c == '\r') {
                // CRLF is one line break; a lone CR would move the cursor back over what was printed
                replacement = indentLineBreaks && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? "" : "\\r";
            } else if (c != '\t' && (c < 0x20 || (c >= 0x7f && c <= 0x9f))) {
                replacement = String.format("\\u%04x", (int) c);
            }
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
