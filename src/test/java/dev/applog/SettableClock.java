package dev.applog;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand, to give events chosen timestamps. */
final class SettableClock extends Clock {
    private volatile Instant now;

    SettableClock(Instant start) { this.now = start; }

    void set(Instant instant) { now = instant; }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
}
