package dev.applog.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.applog.AppLogger;
import dev.applog.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A bridged line (logNamed, as SLF4J, JUL and System.Logger send it) through the invocation's view: held in the
 * logger's buffer while the handler runs (the end of the invocation purges it), sent at once after the handler
 * returned (after-response delivery: threads it started may still log), with the invocation's keys.
 * The recording logger is a seam of our own: what each call did, in order; the delivery itself is tested
 * against the local endpoint elsewhere (AfterResponseEndToEndTest, Slf4jBridgeTest).
 */
class BridgedLinesAfterReturnTest {

    /** Records each call: a bridged line as "logger:message fields", a purge as "purge". */
    private static final class Recording implements AppLogger {
        final List<String> calls = new ArrayList<>();

        @Override public void log(Level level, String message) { calls.add(message); }
        @Override public void log(Level level, String message, boolean withPurge) { calls.add(message); }
        @Override public void exception(String message, Throwable error) { calls.add(message); }
        @Override public void purge() { calls.add("purge"); }
        @Override public boolean purge(Duration maxWait) { calls.add("purge"); return true; }
        @Override public String classCode() { return "#recording"; }
        @Override public boolean isPurgeable() { return true; }
        @Override public Level level() { return Level.DEBUG; }
        @Override public Level levelFor(String loggerName) { return Level.DEBUG; }
        @Override public void log(Level level, String message, Throwable error, boolean withPurge) { calls.add(message); }
        @Override public AppLogger withContext(Map<String, ?> fields) { return this; }
        @Override public void logNamed(String loggerName, Level level, long timestamp, String message, Throwable error,
                                       Map<String, ?> fields) {
            calls.add(loggerName + ":" + message + " " + fields);
        }
    }

    @Test
    void whileTheHandlerRunsABridgedLineWaitsForThePurgeAfterItReturnedItIsSentAtOnce() {
        Recording base = new Recording();
        Invocation invocation = new Invocation(base, Map.of(), "r-1", null);
        invocation.appendKey("cart", "c-1");

        invocation.logger().logNamed("com.example.Pay", Level.INFO, 1L, "during", null, Map.of("k", "v"));
        assertEquals(List.of("com.example.Pay:during {cart=c-1, k=v}"), base.calls);

        invocation.handlerReturned();
        base.calls.clear();
        invocation.logger().logNamed("com.example.Pay", Level.INFO, 2L, "after", null, null);
        assertEquals(List.of("com.example.Pay:after {cart=c-1}", "purge"), base.calls);

        base.calls.clear();
        invocation.logger().withContext(Map.of("x", 1)).logNamed("a.B", Level.WARNING, 3L, "child", null, null);
        assertEquals(List.of("a.B:child {cart=c-1}", "purge"), base.calls,
                "a logger made with withContext after the return sends at once too");
    }
}
