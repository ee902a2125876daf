package dev.applog.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A stream handler's input, read once for the correlation id and logEvent, and handed to the handler whole. */
class StreamEventTest {

    @Test
    void theReplayHoldsEveryByteAndTheTreeIsTheJson() throws IOException {
        byte[] input = "  {\"id\":\"e-1\",\"detail\":{\"n\":1}}".getBytes(StandardCharsets.UTF_8);
        StreamEvent event = StreamEvent.read(new ByteArrayInputStream(input));
        assertArrayEquals(input, event.replay().readAllBytes());
        assertArrayEquals(input, event.replay().readAllBytes(), "each replay starts over");
        assertEquals("e-1", event.tree().get("id").asText());
        assertEquals("e-1", CorrelationPath.of("id").find(event));
    }

    @Test
    void anInputThatIsNotJsonHasNoTreeAndNoCorrelationId() {
        StreamEvent event = StreamEvent.read(new ByteArrayInputStream("plain text".getBytes(StandardCharsets.UTF_8)));
        assertNull(event.tree());
        assertNull(ContextFields.correlationId(event));
        assertNull(CorrelationPath.of("id").find(event));
        StreamEvent broken = StreamEvent.read(new ByteArrayInputStream("{\"id\": ".getBytes(StandardCharsets.UTF_8)));
        assertNull(broken.tree());
    }

    @Test
    void anInputThatFailsMidwayFailsTheHandlersReplayAtTheSamePointWithTheSameException() throws IOException {
        IOException failure = new IOException("connection reset");
        InputStream failing = new InputStream() {
            private int sent;
            @Override public int read() throws IOException {
                if (sent == 5) {
                    throw failure;
                }
                return "hello".charAt(sent++);
            }
        };
        StreamEvent event = StreamEvent.read(failing);
        InputStream replay = event.replay();
        byte[] first = replay.readNBytes(5);
        assertEquals("hello", new String(first, StandardCharsets.UTF_8));
        assertSame(failure, assertThrows(IOException.class, replay::read));
    }

    @Test
    void theDefaultLookupFindsTheEventsOwnCorrelationIdInAStream() {
        StreamEvent event = StreamEvent.read(new ByteArrayInputStream(
                "{\"headers\":{\"X-Correlation-Id\":\"corr-9\"}}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("corr-9", ContextFields.correlationId(event));
    }
}
