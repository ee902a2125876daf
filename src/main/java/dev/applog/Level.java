package dev.applog;

/**
 * The five levels of the original logger, with Python's numbers.
 * See {@link #parse(String)} for the names and aliases accepted.
 */
public enum Level {
    DEBUG(10), INFO(20), WARNING(30), ERROR(40), CRITICAL(50);

    private final int number;

    Level(int number) { this.number = number; }

    /** Python's number for this level (10, 20, 30, 40, 50). */
    public int number() { return number; }

    public boolean atLeast(Level threshold) { return number >= threshold.number; }
}
