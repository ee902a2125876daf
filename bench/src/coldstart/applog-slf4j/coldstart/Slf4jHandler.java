package coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLogging;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import work.Work;

/**
 * The same handler logging 10 events through SLF4J: woven with the library's aspect, slf4j-api in its lib/, the
 * layer supplies the library and the SLF4J provider.
 */
public class Slf4jHandler implements RequestHandler<Map<String, Object>, String> {

    private static final Logger LOG = LoggerFactory.getLogger(Slf4jHandler.class);

    @Override
    @AppLogging(group = "/bench/coldstart", stream = "coldstart")
    public String handleRequest(Map<String, Object> event, Context context) {
        String message = Work.message(event);
        for (int i = 0; i < 10; i++) {
            LOG.info(message);
        }
        return Work.respond(event);
    }
}
