package dev.applog.delivery;

/**
 * An event as {@code #print} and echo put it on stdout: on one line, whatever the message holds. A line break
 * is written {@code \n} (and {@code \r}, U+2028, U+2029 likewise), and another C0 or C1 control character as
 * {@code \}{@code u00XX}, as in a fallback line's JSON; so a message cannot print a line of its own, such as a
 * standalone {@code {"applog":"fallback",...}} line, nor send escape sequences to a terminal. A backslash is
 * left as it is (the line is for reading, not for parsing back); {@code #json} lines are already escaped. Here, below
 * the loggers, since the fallback's diagnostics are printed so too. Internal; not API: public for the loggers.
 */
public final class PrintedLines {

    private PrintedLines() {
    }

    public static String escape(String line) {
        StringBuilder out = null;
        for (int i = 0, n = line.length(); i < n; i++) {
            char c = line.charAt(i);
            String replacement = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> null;
                default -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                        ? String.format("\\u%04x", (int) c) : null;
            };
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(n + 16).append(line, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? line : out.toString();
    }
}
