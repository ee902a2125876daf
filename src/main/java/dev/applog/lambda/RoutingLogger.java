package dev.applog.lambda;

import dev.applog.AppLog;
import dev.applog.AppLogger;
import dev.applog.Level;
import java.time.Duration;
import java.util.Map;

/**
 * The logger injected into a handler's {@link AppLogger} fields. It holds no state: every call goes to
 * {@link AppLog#current()}, the logger of the invocation running on the calling thread. So one handler
 * instance shared by concurrent invocations (Lambda Managed Instances) logs each event into the right
 * invocation's context, and a field set once keeps working for every later invocation.
 */
final class RoutingLogger implements AppLogger {

    static final RoutingLogger INSTANCE = new RoutingLogger();

    private RoutingLogger() {}

    @Override public void log(Level level, String message) { AppLog.current().log(level, message); }

    @Override public void log(Level level, String message, boolean withPurge) {
        AppLog.current().log(level, message, withPurge);
    }

    @Override public void exception(String message, Throwable error) { AppLog.current().exception(message, error); }

    @Override public void log(Level level, String message, Throwable error, boolean withPurge) {
        AppLog.current().log(level, message, error, withPurge);
    }

    @Override public void purge() { AppLog.current().purge(); }

    @Override public boolean purge(Duration maxWait) { return AppLog.current().purge(maxWait); }

    @Override public String classCode() { return AppLog.current().classCode(); }

    @Override public boolean isPurgeable() { return AppLog.current().isPurgeable(); }

    @Override public Level level() { return AppLog.current().level(); }

    @Override public AppLogger withContext(Map<String, ?> fields) { return AppLog.current().withContext(fields); }

    @Override public String toString() { return "AppLogger routed to the current invocation"; }
}
