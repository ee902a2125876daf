package dev.applog;

/**
 * A snapshot of a CloudWatch logger's counters, shared by the logger and every logger made from it with
 * {@link AppLogger#withContext(java.util.Map)}.
 *
 * @param eventsLogged   events accepted by log calls (after splitting: one oversized message counts as its parts)
 * @param eventsSent     events CloudWatch Logs accepted
 * @param putRequests    PutLogEvents requests made (retries included)
 * @param createRequests CreateLogGroup and CreateLogStream requests made
 * @param retries        requests repeated after throttling, a server fault or an I/O error
 * @param fallbackEvents events written to the fallback (stdout) instead
 * @param splitMessages  messages too large for one event, split into parts
 * @param callerWaits    times a log call waited for the sender because the memory bound was reached
 */
public record DeliveryStats(long eventsLogged, long eventsSent, long putRequests, long createRequests, long retries,
                            long fallbackEvents, long splitMessages, long callerWaits) {

    /** Events neither stored nor in the fallback yet (buffered or being sent). */
    public long eventsPending() { return eventsLogged - eventsSent - fallbackEvents; }
}
