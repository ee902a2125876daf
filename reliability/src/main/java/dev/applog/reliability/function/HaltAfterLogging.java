package dev.applog.reliability.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLogger;
import dev.applog.AppLogging;
import dev.applog.Level;
import java.util.Map;

/**
 * A process that dies mid-invocation: logs {@code events} INFO events, then one more at {@code last} (a level
 * name, e.g. ERROR or CRITICAL; the event's seq is {@code events}), then {@code Runtime.getRuntime().halt(1)}, as
 * an out-of-memory kill or a native crash would end it: no finally block, no shutdown hook, no purge. Only what
 * the logger sent before, or printed on stdout, can survive. Settings from APPLOG_* (the scenario sets
 * APPLOG_PURGE_LEVEL or APPLOG_ECHO per row).
 */
public class HaltAfterLogging implements RequestHandler<Map<String, Object>, String> {

    private AppLogger log;

    @Override
    @AppLogging(group = "/app/reliability", stream = "reliability", format = "#short")
    public String handleRequest(Map<String, Object> event, Context context) {
        String run = String.valueOf(event.get("run"));
        int invocation = LogEvents.number(event, "invocation", 0);
        int events = LogEvents.number(event, "events", 10);
        Level last = Level.parse(String.valueOf(event.get("last")));
        for (int seq = 0; seq < events; seq++) {
            log.info(EventIds.message(run, invocation, seq, 100));
        }
        log.log(last, EventIds.message(run, invocation, events, 100));
        Runtime.getRuntime().halt(1);
        return "not reached";
    }
}
