package dev.applog.delivery;

/**
 * One event as delivery sees it: its timestamp, its exact UTF-8 size, its stream, and its text, written when delivery
 * asks for it ({@link #text()}, on the sender's thread). Delivery knows nothing else of an event: not its level,
 * format or logger. Internal; not API: public only for the logger ({@code dev.applog}) above delivery.
 *
 * <p>An abstract class rather than an interface: it also holds delivery's own mark ({@link #resolved}, guarded by the
 * {@link Shipment} the event is in), and the fields read per event when cutting requests are plain field reads. The
 * library has one subclass, {@code dev.applog.LogEvent} ({@code LayersTest} checks it), so {@link #text()} stays a
 * monomorphic call on the hot path.
 */
public abstract class Event {
    public final long timestamp;
    /** The UTF-8 bytes of {@link #text()}: what the service counts. */
    public final int bytes;
    public final String stream;
    /** Taken by whoever delivers it (stored, or written to the fallback); guarded by its {@link Shipment}. */
    boolean resolved;

    protected Event(long timestamp, int bytes, String stream) {
        this.timestamp = timestamp;
        this.bytes = bytes;
        this.stream = stream;
    }

    /**
     * The event's text, exactly {@link #bytes} UTF-8 bytes long. Written again each time it is asked for (a retry,
     * the fallback); never throws.
     */
    public abstract String text();

    /** What the event costs in a request: its UTF-8 bytes plus the service's 26 per event. */
    public final int cost() { return bytes + Batcher.EVENT_OVERHEAD; }
}
