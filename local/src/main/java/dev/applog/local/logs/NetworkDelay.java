package dev.applog.local.logs;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time the local endpoint waits before it answers a PutLogEvents, standing for the network between a function
 * and CloudWatch Logs (on one machine a round trip takes well under a millisecond, in AWS some 10 to 50 ms): a fixed
 * delay for every request, and optionally a slow tail, 1 request in {@code oneIn} taking {@code slow} instead. Which
 * requests are slow is drawn from a random sequence seeded by {@code seed}, so that two runs with the same seed
 * delay the same requests (the n-th PutLogEvents the endpoint answers is slow in both). Immutable; {@link #next()}
 * is thread-safe.
 */
public final class NetworkDelay {

    /** No delay at all: the default. */
    public static final NetworkDelay NONE = new NetworkDelay(Duration.ZERO, 0, Duration.ZERO, 1);

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s)");
    private static final Pattern SLOW_TAIL = Pattern.compile("1/(\\d+):(.+)");

    private final Duration fixed;
    private final int oneIn;
    private final Duration slow;
    private final long seed;
    private final Random draws;

    private NetworkDelay(Duration fixed, int oneIn, Duration slow, long seed) {
        this.fixed = fixed;
        this.oneIn = oneIn;
        this.slow = slow;
        this.seed = seed;
        this.draws = new Random(seed);
    }

    /** Every PutLogEvents waits {@code fixed} (zero: no delay). */
    public static NetworkDelay fixed(Duration fixed) {
        return new NetworkDelay(checked("the delay", fixed), 0, Duration.ZERO, 1);
    }

    /**
     * The same fixed delay, and 1 request in {@code oneIn} (at random, from {@link #seed(long)}'s sequence) waits
     * {@code slow} instead: {@code fixed(30 ms).withSlowTail(20, 150 ms)}.
     */
    public NetworkDelay withSlowTail(int oneIn, Duration slow) {
        if (oneIn < 1) {
            throw new IllegalArgumentException("the slow tail is 1 request in N with N at least 1 (1 = every request), got "
                    + oneIn);
        }
        return new NetworkDelay(fixed, oneIn, checked("the slow tail's delay", slow), seed);
    }

    /** The seed of the sequence that picks the slow requests (1 by default). */
    public NetworkDelay seed(long seed) {
        return new NetworkDelay(fixed, oneIn, slow, seed);
    }

    public Duration fixedDelay() {
        return fixed;
    }

    /** N of "1 request in N is slow"; 0 without a slow tail. */
    public int slowOneIn() {
        return oneIn;
    }

    public Duration slowDelay() {
        return slow;
    }

    public long seedValue() {
        return seed;
    }

    /** True when some request waits at all. */
    public boolean delays() {
        return !fixed.isZero() || oneIn > 0 && !slow.isZero();
    }

    /** The delay of the next request (the sequence of slow ones follows the seed). */
    public Duration next() {
        if (oneIn == 0) {
            return fixed;
        }
        int draw;
        synchronized (draws) {
            draw = draws.nextInt(oneIn);
        }
        return draw == 0 ? slow : fixed;
    }

    /** How the endpoint's banner shows it, e.g. {@code 30 ms, 1 in 20 at 150 ms (seed 1)}. */
    @Override
    public String toString() {
        if (!delays()) {
            return "none";
        }
        return fixed.toMillis() + " ms" + (oneIn == 0 ? "" : ", 1 in " + oneIn + " at " + slow.toMillis() + " ms (seed "
                + seed + ")");
    }

    /**
     * A duration as the command line writes it: {@code 30ms}, {@code 1.5s}, or {@code 0}. A bad one is refused
     * naming the option and the form.
     */
    public static Duration parseDuration(String option, String text) {
        Objects.requireNonNull(text, "text");
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " must be a duration such as 30ms or 1.5s, got '" + text + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = m.group(2).equals("s") ? amount * 1000 : amount;
        if (millis > Duration.ofMinutes(10).toMillis()) {
            throw new IllegalArgumentException(option + " must be at most 10 minutes, got '" + text + "'");
        }
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    /** The command line's slow tail, {@code 1/20:150ms}: 1 request in 20 waits 150 ms. */
    public NetworkDelay withSlowTail(String option, String text) {
        Matcher m = SLOW_TAIL.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " must be 1/N:DURATION, e.g. 1/20:150ms (1 request in 20 waits "
                    + "150 ms), got '" + text + "'");
        }
        int oneIn;
        try {
            oneIn = Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": N in 1/N must be a number from 1 to " + Integer.MAX_VALUE
                    + ", got '" + m.group(1) + "'");
        }
        if (oneIn < 1) {
            throw new IllegalArgumentException(option + ": N in 1/N must be at least 1, got '" + text + "'");
        }
        return withSlowTail(oneIn, parseDuration(option, m.group(2)));
    }

    private static Duration checked(String what, Duration delay) {
        Objects.requireNonNull(delay, what);
        if (delay.isNegative()) {
            throw new IllegalArgumentException(what + " must be zero or more, got " + delay);
        }
        return delay;
    }
}
