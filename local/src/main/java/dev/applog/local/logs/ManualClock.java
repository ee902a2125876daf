package dev.applog.local.logs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock moved by hand, for {@link LocalLogsServer.Builder#clock(Clock)}: the account quota's one-second window and
 * the retention checks then follow the caller, not the machine's speed (tests and simulations).
 */
public final class ManualClock extends Clock {
    private volatile Instant now = Instant.now();

    /** Moves the clock forward by {@code by}. */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
