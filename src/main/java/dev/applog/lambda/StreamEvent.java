package dev.applog.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.SequenceInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@code RequestStreamHandler}'s event: its input read once, so that the correlation id and {@code logEvent} can
 * look at it, and handed to the handler again, whole, as {@link #replay()}.
 */
final class StreamEvent {

    private final byte[] bytes;
    /** What reading the input failed with, or null: the handler's replay fails with it after the bytes read. */
    private final IOException failure;
    private volatile JsonNode tree;
    private volatile boolean parsed;

    private StreamEvent(byte[] bytes, IOException failure) {
        this.bytes = bytes;
        this.failure = failure;
    }

    /**
     * Reads {@code input} to its end. Never throws: an input that fails midway is kept as far as it was read, and the
     * handler's replay fails with the same exception at that point, as the original input would have.
     */
    static StreamEvent read(InputStream input) {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            for (int n; (n = input.read(chunk)) >= 0; ) {
                read.write(chunk, 0, n);
            }
            return new StreamEvent(read.toByteArray(), null);
        } catch (IOException e) {
            return new StreamEvent(read.toByteArray(), e);
        }
    }

    /** A new stream over the same bytes, for the handler. */
    InputStream replay() {
        InputStream bytesRead = new ByteArrayInputStream(bytes);
        if (failure == null) {
            return bytesRead;
        }
        return new SequenceInputStream(bytesRead, new InputStream() {
            @Override public int read() throws IOException { throw failure; }
        });
    }

    String text() { return new String(bytes, StandardCharsets.UTF_8); }

    /** The input as JSON, or {@code null} when it does not look like a JSON object or array. */
    JsonNode tree() {
        if (!parsed) {
            JsonNode node = null;
            int first = 0;
            while (first < bytes.length && bytes[first] <= ' ') {
                first++;
            }
            if (first < bytes.length && (bytes[first] == '{' || bytes[first] == '[')) {
                try {
                    node = CorrelationPath.MAPPER.readTree(bytes);
                } catch (IOException e) {
                    node = null;
                }
            }
            tree = node;
            parsed = true;
        }
        return tree;
    }
}
