package coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLogger;
import dev.applog.AppLogging;

import java.util.Map;
import work.Work;

/** The same handler logging 10 events through applog: woven with the library's aspect, the layer supplies it. */
public class AppLogHandler implements RequestHandler<Map<String, Object>, String> {

    /** Filled in by @AppLogging before each invocation. */
    private AppLogger log;

    @Override
    @AppLogging(group = "/bench/coldstart", stream = "coldstart")
    public String handleRequest(Map<String, Object> event, Context context) {
        String message = Work.message(event);
        for (int i = 0; i < 10; i++) {
            log.info(message);
        }
        return Work.respond(event);
    }
}
