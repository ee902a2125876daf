package dev.applog.reliability.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLogger;
import dev.applog.AppLogging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bad-input scenario's function: an ordinary handler woven with {@code @AppLogging} that logs, for the case
 * its event names, {@code events} events whose messages {@link BadMessages} makes (each carrying its id, or its
 * id in a context field when the message cannot hold it). The group, stream and format come from APPLOG_GROUP,
 * APPLOG_STREAM, APPLOG_FORMAT. Every log call is made inside a try: the answer lists what a log call threw
 * ({@code "threw: ..."}), which must be nothing.
 *
 * <p>Event: {@code run}, {@code invocation}, {@code case} (a {@link BadMessages} case), {@code events} (1),
 * {@code pauseMs} (0: how long to wait after logging).
 * The nested classes are the same handler with a bad {@code @AppLogging}: the scenario's configuration cases.
 */
public class BadInput implements RequestHandler<Map<String, Object>, String> {

    /** Filled in by @AppLogging before each invocation. */
    private AppLogger log;

    @Override
    @AppLogging(group = "/app/reliability", stream = "reliability", format = "#short")
    public String handleRequest(Map<String, Object> event, Context context) {
        return logCase(log, event);
    }

    /** Logs the events of the case {@code event} names; answers what the log calls threw, if anything. */
    static String logCase(AppLogger log, Map<String, Object> event) {
        String run = String.valueOf(event.get("run"));
        int invocation = LogEvents.number(event, "invocation", 0);
        int events = LogEvents.number(event, "events", 1);
        String name = String.valueOf(event.get("case"));
        List<String> thrown = new ArrayList<>();
        for (int seq = 0; seq < events; seq++) {
            String id = EventIds.id(run, invocation, seq);
            try {
                BadMessages.log(name, log, id);
            } catch (RuntimeException | Error e) {
                thrown.add(e.toString());
            }
        }
        long pauseMs = LogEvents.number(event, "pauseMs", 0);
        if (pauseMs > 0) {
            try {
                Thread.sleep(pauseMs);  // gives threads of earlier invocations time to run while the JVM is thawed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return thrown.isEmpty() ? "logged " + events : "threw: " + thrown;
    }

    /** {@code level = "LOUD"}: not a level. */
    public static class LoudLevel implements RequestHandler<Map<String, Object>, String> {
        private AppLogger log;

        @Override
        @AppLogging(group = "/app/reliability", stream = "reliability", level = "LOUD", format = "#short")
        public String handleRequest(Map<String, Object> event, Context context) {
            return logCase(log, event);
        }
    }

    /** {@code format = "#fancy"}: not a format label. */
    public static class FancyFormat implements RequestHandler<Map<String, Object>, String> {
        private AppLogger log;

        @Override
        @AppLogging(group = "/app/reliability", stream = "reliability", format = "#fancy")
        public String handleRequest(Map<String, Object> event, Context context) {
            return logCase(log, event);
        }
    }

    /** {@code group = ""}: no group, so the logger prints (as the original did). */
    public static class NoGroup implements RequestHandler<Map<String, Object>, String> {
        private AppLogger log;

        @Override
        @AppLogging(group = "", stream = "reliability", format = "#short")
        public String handleRequest(Map<String, Object> event, Context context) {
            return logCase(log, event);
        }
    }

    /** {@code group = "/app/${not a name}"}: a placeholder that names no variable. */
    public static class BadPlaceholder implements RequestHandler<Map<String, Object>, String> {
        private AppLogger log;

        @Override
        @AppLogging(group = "/app/${not a name}", stream = "reliability", format = "#short")
        public String handleRequest(Map<String, Object> event, Context context) {
            return logCase(log, event);
        }
    }
}
