package dev.applog;

import dev.applog.delivery.Batcher;
import dev.applog.delivery.DeliveryConfig;
import dev.applog.delivery.DeliveryCounters;
import dev.applog.delivery.EventBuffer;
import dev.applog.delivery.PrintedLines;
import dev.applog.delivery.Transport;
import dev.applog.delivery.Transports;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code cloud-watch} logger: buffers events and sends them to one CloudWatch Logs stream with as few
 * PutLogEvents requests as the service's limits allow.
 *
 * <ul>
 *   <li>A log call adds the event to this logger's buffer with its exact UTF-8 size; its text is written
 *       later, by the sender (see {@link #record}); nothing is sent on the caller's thread except by
 *       {@link #purge(Duration)}. A buffer that fills one request (10,000 events or 1 MiB),
 *       reaches {@code maxBufferedEvents}, or gets older than {@code maxBufferAge} goes to a background sender
 *       while the caller keeps logging.</li>
 *   <li>Memory is bounded: when the events held (buffered plus being sent) would pass {@code maxBufferBytes},
 *       the log call waits for the sender instead of dropping anything.</li>
 *   <li>{@link #purge(Duration)} sends the rest on the caller's thread and returns when every event logged
 *       before it is stored, or written to the fallback (stdout, lines marked {@code "applog":"fallback"}).</li>
 *   <li>A message larger than one event ({@code maxEventBytes}) is split into parts marked
 *       {@code [applog-part ID I/N] } (see the README); nothing is truncated.</li>
 *   <li>Delivery is <b>at-least-once</b>: a request that timed out or whose connection dropped may have been
 *       stored before it is retried (or before its events went to the fallback), so an event can appear twice.
 *       CloudWatch Logs has no idempotency key that would prevent it.</li>
 * </ul>
 *
 * Thread-safe. Loggers made with {@link #withContext(Map)} share this one's destination, client and counters,
 * and have buffers of their own.
 */
public final class CloudWatchLogger extends BaseLogger {

    private final EventBuffer buffer;
    private final StreamName streams;

    CloudWatchLogger(LoggerConfig config) {
        this(config, null);
    }

    /** A logger whose sink speaks through {@code transport} (null: the one the settings choose). */
    CloudWatchLogger(LoggerConfig config, Transport transport) {
        this(config, new StreamName(config), deliveryConfig(config, transport == null), transport);
    }

    private CloudWatchLogger(LoggerConfig config, StreamName streams, DeliveryConfig delivery, Transport transport) {
        super(config, Map.of());
        this.streams = streams;
        this.buffer = new EventBuffer(delivery, transport);  // holds the library's threads until close()
    }

    private CloudWatchLogger(LoggerConfig config, StreamName streams, EventBuffer buffer, Map<String, ?> context) {
        super(config, context);
        this.streams = streams;
        this.buffer = buffer;
    }

    /**
     * What delivery needs of {@code config}. When delivery is to choose the transport ({@code choose}: none is given),
     * a bad {@code APPLOG_TRANSPORT} is refused here, as every other setting is: a {@code clientSupplier} or the
     * {@code transport} setting means the variable is not read.
     */
    static DeliveryConfig deliveryConfig(LoggerConfig config, boolean choose) {
        if (choose && config.clientSupplier() == null && config.transport() == null) {
            String variable = config.environment().apply(Transports.VARIABLE);
            if (variable != null && !variable.isBlank() && Transports.named(variable) == null) {
                throw new AppLogConfigException(Transports.VARIABLE, variable, Transports.RULE);
            }
        }
        return new DeliveryConfig(config.group(), config.out(), config.requestTimeout(), config.deliveryDeadline(),
                config.maxBufferBytes(), config.maxBufferedEvents(), config.maxBufferAge(), config.transport(),
                config.endpoint(), config.region(), config.environment(), config.clientSupplier());
    }

    /**
     * Sends what is buffered (as {@link #purge(Duration)} with the delivery deadline) and lets go of the library's
     * threads: once every logger {@link AppLoggers} made for this destination's kind is closed, no {@code applog-*}
     * thread is left. For code outside Lambda (a command-line tool, a test, a container) that ends before the JVM
     * does; in Lambda the invocation purges and nothing needs closing. A logger used after {@code close()} still
     * delivers (its threads are made again on need). Closing a logger made with {@link #withContext} purges it only.
     *
     * @return nothing; what could not be stored is in the fallback, as for a purge
     */
    @Override
    public void close() {
        buffer.close();
    }

    /**
     * Gets the first request's cost out of the way without sending anything: waits for the SDK client (at most
     * {@code maxWait}) and runs one PutLogEvents through its whole pipeline, answered inside the process, never
     * sent. {@code @AppLogging} does it in Lambda's init phase; a function holding a logger of its own may call it
     * from its constructor. Does nothing for a client from {@code clientSupplier}. Never throws.
     *
     * @return true when the SDK's sending code ran
     */
    public boolean warmUp(Duration maxWait) {
        Duration wait = maxWait == null ? Duration.ZERO : maxWait;
        long now = System.currentTimeMillis();
        boolean warmed = buffer.warmUp(new LogEvent(now, "applog dry run", 14, streams.streamFor(now)), wait);
        Transport dry = warmed ? buffer.dryRunTransport() : null;
        if (dry != null) {
            // one event through a twin of this logger (same settings, its requests answered in the process): the
            // buffer, the batcher, a sender thread and the sink's code run now, not on the first invocation's path
            CloudWatchLogger twin = null;
            try {
                twin = new CloudWatchLogger(config.toBuilder().echo(false).level(Level.INFO)
                        .out(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())).build(), dry);
                twin.info("applog dry run");
                twin.purge(wait);
            } catch (RuntimeException | LinkageError e) {
                // only the warm-up is lost
            } finally {
                if (twin != null) {
                    twin.close();
                }
            }
        }
        return warmed;
    }

    /** The counters of this logger's destination (shared with its context loggers). */
    public DeliveryStats stats() {
        DeliveryCounters counters = buffer.counters();
        return new DeliveryStats(counters.logged.sum(), counters.sent.sum(), counters.putRequests.sum(),
                counters.createRequests.sum(), counters.retries.sum(), counters.fallback.sum(), counters.split.sum(),
                counters.callerWaits.sum());
    }

    /** The log group. */
    public String group() { return buffer.group(); }

    /** The stream events logged now go to ({@code {date}} and {@code {function}} filled in). */
    public String currentStream() { return streams.streamFor(System.currentTimeMillis()); }

    @Override
    public String classCode() { return LoggerKind.CLOUD_WATCH.label(); }

    @Override
    public boolean isPurgeable() { return true; }

    @Override
    public AppLogger withContext(Map<String, ?> fields) {
        return new CloudWatchLogger(config, streams, buffer.sibling(), mergedContext(fields));
    }

    /**
     * Buffers the event's parts with its exact size, and leaves writing its text to the sender, when the formatter
     * can tell the size without writing it. An event with a throwable (its stack trace is taken as it is now), an
     * echoed event, one too large for an event (split now) and one the formatter cannot size is written at once.
     */
    @Override
    protected void record(Level level, long timestamp, String message, Throwable error, String caller) {
        // a message that could forge a part marker is formatted now, so that emit escapes it
        if (error == null && !config.echo() && !ForgedMarkers.mayNeedEscaping(message)) {
            int bytes = formatter.deferredBytes(level, message, timestamp, caller);
            if (bytes >= 0 && bytes <= config.maxEventBytes() - Batcher.EVENT_OVERHEAD) {
                buffer.add(new LogEvent(timestamp, bytes, streams.streamFor(timestamp), formatter, level, message, caller));
                return;
            }
        }
        super.record(level, timestamp, message, error, caller);
    }

    /**
     * An event with a logger's name or fields: its fields part is written now (or taken as written, for the
     * invocation's keys, see {@link EventFormatter#fragment}); the rest of its text, message and JSON, is left to the
     * sender, on the same conditions as {@link #record}.
     */
    @Override
    protected void recordNamed(Level level, long timestamp, String loggerName, String message, Throwable error,
                               String caller, Map<String, ?> fields) {
        if (error == null && !config.echo() && !ForgedMarkers.mayNeedEscaping(message)) {
            Map<String, ?> own = fields == null || fields.isEmpty() ? null : fields;
            EventFormatter.Fragment named = formatter.fragment(loggerName, own);
            int bytes = formatter.deferredBytes(level, message, timestamp, caller, loggerName, named);
            if (bytes >= 0 && bytes <= config.maxEventBytes() - Batcher.EVENT_OVERHEAD) {
                buffer.add(new LogEvent(timestamp, bytes, streams.streamFor(timestamp), formatter, level, message, caller,
                        loggerName, named.text));
                return;
            }
            emit(level, timestamp, formatter.write(level, message, null, timestamp, caller, loggerName, named.text));
            return;
        }
        super.recordNamed(level, timestamp, loggerName, message, error, caller, fields);
    }

    @Override
    protected void emit(Level level, long timestamp, String formatted) {
        String line = ForgedMarkers.escape(formatted);  // only real parts start with [applog-part
        if (config.echo()) {
            config.out().println(PrintedLines.escape(line));
        }
        String stream = streams.streamFor(timestamp);
        int bytes = LogEvent.utf8Length(line);
        int maxBytes = config.maxEventBytes() - Batcher.EVENT_OVERHEAD;
        if (bytes <= maxBytes) {
            buffer.add(new LogEvent(timestamp, line, bytes, stream));  // the size counted once
            return;
        }
        buffer.counters().split.increment();
        for (String part : MessageSplitter.split(line, maxBytes)) {
            buffer.add(new LogEvent(timestamp, part, stream));
        }
    }

    /**
     * Sends what is buffered on this thread, hurries what the background sender holds, and returns when every
     * event logged before the call is stored or in the fallback, or when {@code maxWait} is over: then what is
     * still in flight goes to the fallback at once (it may also be stored: delivery is at-least-once).
     * Waits only for this logger's events, not for those of other context loggers.
     *
     * @return true when every event was stored by CloudWatch Logs
     */
    @Override
    public boolean purge(Duration maxWait) {
        return buffer.purge(maxWait);
    }
}
