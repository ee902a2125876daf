package coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.Logging;

import java.util.Map;
import work.Work;

/**
 * The same handler logging 10 events through Powertools for AWS Lambda (Java) Logging v2: woven with its
 * aspect, SLF4J through log4j2 with its JSON layout on stdout.
 */
public class PowertoolsHandler implements RequestHandler<Map<String, Object>, String> {

    private static final Logger LOG = LoggerFactory.getLogger(PowertoolsHandler.class);

    @Override
    @Logging
    public String handleRequest(Map<String, Object> event, Context context) {
        String message = Work.message(event);
        for (int i = 0; i < 10; i++) {
            LOG.info(message);
        }
        return Work.respond(event);
    }
}
