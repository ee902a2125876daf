package dev.applog;

import java.util.Locale;

/** The kinds of logger the factory makes, with the original's (the Python {@code custom_logging.py} logger; docs/logger.md#the-original) labels. */
public enum LoggerKind {
    /** The buffered CloudWatch Logs sink ({@link CloudWatchLogger}); with no group configured it prints. */
    CLOUD_WATCH("cloud-watch"),
    /** One line per event on stdout, above the threshold. */
    PRINT("#print"),
    /** Swallows everything (for tests and for switching logging off). */
    NULL("#null"),
    /** Hands events to the platform logging API, {@link System.Logger} (java.util.logging unless a bridge is installed). */
    STANDARD_LOGGER("#standard-logger");

    private final String label;

    LoggerKind(String label) { this.label = label; }

    /** The label used in configurations and returned by {@link AppLogger#classCode()}. */
    public String label() { return label; }

    /** The kind for a label (any case); {@code null} or blank means {@code cloud-watch}. */
    public static LoggerKind parse(String label) {
        if (label == null || label.isBlank()) {
            return CLOUD_WATCH;
        }
        String wanted = label.trim().toLowerCase(Locale.ROOT);
        for (LoggerKind kind : values()) {
            if (kind.label.equals(wanted)) {
                return kind;
            }
        }
        throw new AppLogConfigException("logger kind", label,
                "a logger kind is one of cloud-watch, #print, #null, #standard-logger");
    }

    @Override
    public String toString() { return label; }
}
