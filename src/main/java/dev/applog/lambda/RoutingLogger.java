package dev.applog.lambda;

import dev.applog.AppLog;
import dev.applog.AppLogger;

/**
 * The logger injected into a handler's {@link AppLogger} fields. It holds no state: every call goes to
 * {@link AppLog#current()}, the logger of the invocation running on the calling thread. So one handler
 * instance shared by concurrent invocations (Lambda Managed Instances) logs each event into the right
 * invocation's context, and a field set once keeps working for every later invocation.
 */
final class RoutingLogger extends ForwardingLogger {

    static final RoutingLogger INSTANCE = new RoutingLogger();

    private RoutingLogger() {}

    /** The running invocation's logger, found in this package; outside one, {@link AppLog#current()}'s answer. */
    @Override protected AppLogger delegate() {
        AppLogger current = InvocationScope.currentLogger();
        return current != null ? current : AppLog.current();
    }

    @Override public String toString() { return "AppLogger routed to the current invocation"; }
}
