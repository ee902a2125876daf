package shop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLogger;
import dev.applog.AppLoggers;
import dev.applog.LoggerConfig;

import java.time.Duration;
import java.util.Map;

/**
 * Logs without purging before it answers, leaving the event to the logger's background sender (which would
 * send it within 100 ms); purges only when the event asks. Shows what the freeze does to such a function.
 */
public class Lazy implements RequestHandler<Map<String, Object>, String> {
    private static final AppLogger LOG = AppLoggers.create(LoggerConfig.builder()
            .group(System.getenv("APP_GROUP")).stream(System.getenv("APP_STREAM")).format("#short")
            .maxBufferAge(Duration.ofMillis(100)).build());

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        LOG.info("lazy " + event.get("n"));
        if (Boolean.TRUE.equals(event.get("purge"))) {
            LOG.purge();
        }
        return "ok";
    }
}
