package dev.applog.delivery;

import java.time.Duration;
import java.util.List;

/**
 * The three CloudWatch Logs calls delivery makes, and nothing else: the seam between the delivery policy
 * ({@link CloudWatchSink}: retry, create on missing, fallback) and whatever speaks to the service. An
 * implementation maps its own errors onto a {@link TransportException.Reason}; the policy reads reasons only,
 * never an SDK type or an error code (but to quote it in a diagnostic).
 *
 * <p>Implementations: {@link SdkTransport} (the AWS SDK's client). A scripted one serves the policy's tests.
 *
 * <p>Contract, for every method: {@code timeout} bounds the whole call (an implementation never waits longer);
 * the method either returns normally or throws {@link TransportException}, never another exception (but an
 * {@link Error}); it is called from several threads at once (one sink's senders and purges, and sinks sharing
 * an implementation).
 *
 * <p>Internal; not API: public only for the logger above delivery, which hands a transport of its choosing (a test's)
 * to the sink.
 */
public interface Transport {

    /**
     * One PutLogEvents of {@code events} (already cut to the service's limits, in timestamp order) into
     * {@code group}/{@code stream}. Each event's timestamp is {@link Event#timestamp}, its text {@link Event#text()}.
     *
     * @return the events the service refused for their timestamps, as its {@code rejectedLogEventsInfo} says;
     *         {@link Rejected#NONE} when it took them all
     * @throws TransportException with {@code STREAM_MISSING} / {@code GROUP_MISSING} when the stream or the group
     *         does not exist, or any other reason the call failed for
     */
    Rejected putEvents(String group, String stream, List<Event> events, Duration timeout) throws TransportException;

    /** CreateLogStream. A stream that exists already is success (another writer made it first). */
    void createStream(String group, String stream, Duration timeout) throws TransportException;

    /** CreateLogGroup. A group that exists already is success. */
    void createGroup(String group, Duration timeout) throws TransportException;

    /**
     * Gets the cost of the first request out of the way without storing anything (loads and runs the code a first
     * request needs), waiting at most {@code maxWait}. Never throws. {@code probe}, an event for the stream logged to
     * now, is what a request would carry; it is never stored.
     *
     * @return true when the sending code ran; false when this transport has nothing to warm up or could not
     */
    default boolean warmUp(Event probe, Duration maxWait) { return false; }

    /**
     * This transport as one whose every call is answered inside the process and never sent (the dry-run client), with
     * the same code on the way; null when it has none. A logger's warm-up runs one event through its whole path (the
     * buffer, the batcher, a sender thread, the sink) into it, so that the first invocation finds that code loaded.
     */
    default Transport dryRun() { return null; }

    /**
     * The events of one PutLogEvents the service refused, as index bounds into the request's events:
     * {@code [0, expiredEnd)} older than the group's retention, {@code [0, tooOldEnd)} more than 14 days old,
     * {@code [tooNewStart, n)} more than 2 hours ahead. Each bound is -1 when the service gave none, the exclusive
     * ends and the inclusive start exactly as the service's {@code RejectedLogEventsInfo} has them.
     */
    record Rejected(int tooNewStart, int tooOldEnd, int expiredEnd) {
        static final Rejected NONE = new Rejected(-1, -1, -1);

        boolean any() { return tooNewStart >= 0 || tooOldEnd >= 0 || expiredEnd >= 0; }
    }
}
