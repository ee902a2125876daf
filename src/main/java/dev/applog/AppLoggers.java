package dev.applog;

import dev.applog.delivery.Transports;
import java.util.Map;

/**
 * Makes loggers: the one entry point, like the original's (the Python {@code custom_logging.py} logger; docs/logger.md#the-original) {@code createPolymorphicLogger}.
 *
 * <pre>{@code
 * AppLogger log = AppLoggers.create(LoggerConfig.builder()
 *         .group("/app/shop").stream("shop-{date}").level("INFO").format("#standard").build());
 * AppLogger same = AppLoggers.fromJson(
 *         "{\"logging\": {\"class\": \"cloud-watch\", \"level\": \"INFO\","
 *       + " \"cloud-watch\": {\"group\": \"/app/shop\", \"stream\": \"shop-{date}\"}}}");
 * }</pre>
 *
 * Bad settings throw {@link AppLogConfigException} here, never later from a log call.
 */
public final class AppLoggers {

    private AppLoggers() { }

    /**
     * Drops every cached credential and HTTP client of this JVM's light transports, and makes each later request close
     * its connection, until {@link #reopenConnections()}. SnapStart's hook calls it before the checkpoint (and again
     * after the purge there), so that no connection or credential is cloned with the snapshot.
     */
    public static void dropConnections() {
        Transports.closeAll();
    }

    /** After a SnapStart restore: fresh credentials and connections, kept alive again. */
    public static void reopenConnections() {
        Transports.reopenAll();
    }

    /**
     * The logger for {@code config}: a {@link CloudWatchLogger} for {@code cloud-watch} with a group (with no
     * group it prints, as the original did), a printing logger for {@code #print}, a silent one for
     * {@code #null}, a {@link System.Logger} one for {@code #standard-logger}.
     */
    public static AppLogger create(LoggerConfig config) {
        switch (config.kind()) {
            case CLOUD_WATCH:
                return config.group() == null ? new PrintLogger(config, Map.of()) : new CloudWatchLogger(config);
            case PRINT:
                return new PrintLogger(config, Map.of());
            case NULL:
                return new NullLogger(config, Map.of());
            case STANDARD_LOGGER:
                return new StandardLogger(config, Map.of());
            default:
                throw new IllegalStateException("unhandled logger kind " + config.kind());
        }
    }

    /** The logger for the original's configuration map (see {@link LoggerConfig#fromMap(Map)}). */
    public static AppLogger fromMap(Map<String, ?> configuration) {
        return create(LoggerConfig.fromMap(configuration));
    }

    /** The logger for the original's configuration as JSON (see {@link LoggerConfig#fromJson(String)}). */
    public static AppLogger fromJson(String configuration) {
        return create(LoggerConfig.fromJson(configuration));
    }

    /** A logger that prints to stdout at INFO and above with {@code #standard}: the safe default, never null. */
    public static AppLogger printing() {
        return new PrintLogger(LoggerConfig.builder().kind(LoggerKind.PRINT).build(), Map.of());
    }
}
