package dev.applog.layer.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLogger;
import dev.applog.AppLoggers;
import java.time.Duration;
import java.util.Map;

/**
 * A function run by {@code LayerSplitIT} in the local Lambda with the layer zips: logs {@code count} events of the
 * event into the stream LAYER_STREAM of group /app/layer, through whichever transport the settings choose, and
 * answers whether the purge stored them all.
 */
public final class LayerHandler implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        AppLogger log = AppLoggers.fromJson("{\"logging\": {\"class\": \"cloud-watch\", \"level\": \"INFO\","
                + " \"cloud-watch\": {\"group\": \"/app/layer\", \"stream\": \"" + System.getenv("LAYER_STREAM")
                + "\", \"format\": \"#short\"}}}");
        int count = ((Number) event.get("count")).intValue();
        for (int i = 0; i < count; i++) {
            log.info("layer event " + i);
        }
        return "stored " + log.purge(Duration.ofSeconds(10));
    }
}
