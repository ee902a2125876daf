package dev.applog.delivery;

import java.nio.charset.StandardCharsets;

/** An event of delivery's tests: a text written already, sized with the JDK's encoder. */
final class TextEvent extends Event {
    private final String text;

    TextEvent(long timestamp, String text, String stream) {
        super(timestamp, utf8(text), stream);
        this.text = text;
    }

    TextEvent(long timestamp, String text, int bytes, String stream) {
        super(timestamp, bytes, stream);
        this.text = text;
    }

    static int utf8(String text) { return text.getBytes(StandardCharsets.UTF_8).length; }

    @Override
    public String text() { return text; }
}
