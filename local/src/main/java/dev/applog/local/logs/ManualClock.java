package dev.applog.local.logs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock moved by hand, for {@link LocalLogsServer.Builder#clock(Clock)}: the account quota's one-second window and
 * the retention checks then follow the caller, not the machine's speed (tests and simulations). Also the clock of a
 * logger under test that must stamp its events with chosen times.
 */
public final class ManualClock extends Clock {
    private volatile Instant now;

    /** A clock standing at the machine's time now. */
    public ManualClock() {
        this(Instant.now());
    }

    /** A clock standing at {@code start}. */
    public ManualClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward by {@code by}. */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    /** Sets the clock to {@code instant} (backwards too). */
    public void set(Instant instant) {
        now = instant;
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
