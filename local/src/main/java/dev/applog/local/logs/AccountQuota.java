package dev.applog.local.logs;

import java.time.Clock;
import java.util.Arrays;

/**
 * The account-wide PutLogEvents quota of CloudWatch Logs (5,000 requests per second and Region by default,
 * adjustable), across every group and stream: at most {@code perSecond} requests accepted in any one-second window
 * (a sliding window; the service does not document its algorithm, and a sliding window never lets more through than
 * the quota says, also across the edge of a second). A request over it is not counted against the quota, as a
 * throttled request stores nothing. Thread-safe.
 */
final class AccountQuota {

    private final int perSecond;
    private final Clock clock;
    /** When each of the last {@code perSecond} accepted requests came, oldest at {@link #next}. */
    private final long[] accepted;
    private int next;

    AccountQuota(int perSecond, Clock clock) {
        this.perSecond = perSecond;
        this.clock = clock;
        this.accepted = new long[perSecond];
        Arrays.fill(accepted, Long.MIN_VALUE);
    }

    int perSecond() {
        return perSecond;
    }

    /** True when one more request fits now (and counts it), false when it is over the quota. */
    synchronized boolean tryAcquire() {
        long now = clock.millis();
        long oldest = accepted[next];
        if (oldest != Long.MIN_VALUE && now - oldest < 1000) {
            return false;
        }
        accepted[next] = now;
        next = (next + 1) % perSecond;
        return true;
    }
}
