package dev.applog.delivery;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one destination, shared by the buffers of a logger and of the loggers made from it;
 * {@code dev.applog.DeliveryStats} is their snapshot and documents each. Internal; not API: public for the logger.
 */
public final class DeliveryCounters {
    public final LongAdder logged = new LongAdder();
    public final LongAdder sent = new LongAdder();
    public final LongAdder putRequests = new LongAdder();
    public final LongAdder createRequests = new LongAdder();
    public final LongAdder retries = new LongAdder();
    public final LongAdder fallback = new LongAdder();
    public final LongAdder split = new LongAdder();
    public final LongAdder callerWaits = new LongAdder();
}
