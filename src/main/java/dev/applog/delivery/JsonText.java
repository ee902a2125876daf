package dev.applog.delivery;

/**
 * The JSON string escaping of the library's one hand-written JSON: the {@code #json} format's ({@code dev.applog}) and
 * the fallback's lines ({@link Fallback}), which sit below the formats. Written here rather than taken from Jackson so
 * that writing an event or a fallback line loads no JSON library on a cold JVM. Internal; not API.
 */
public final class JsonText {

    private JsonText() { }

    /**
     * Appends {@code text} from {@code start} to {@code end} escaped as Jackson escapes a JSON string,
     * without quotes: {@code "} and {@code \}, the control characters below U+0020 as {@code \b \t \n \f \r}, else as a
     * backslash, {@code u00} and two upper-case hex digits; nothing else.
     */
    public static StringBuilder escape(StringBuilder out, String text, int start, int end) {
        int from = start;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, from, i).append('\\');
            switch (c) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case '\b': out.append('b'); break;
                case '\t': out.append('t'); break;
                case '\n': out.append('n'); break;
                case '\f': out.append('f'); break;
                case '\r': out.append('r'); break;
                default: out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]); break;
            }
            from = i + 1;
        }
        return out.append(text, from, end);
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
}
