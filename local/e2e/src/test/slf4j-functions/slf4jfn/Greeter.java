package slf4jfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLog;
import dev.applog.lambda.LambdaLogging;
import dev.applog.lambda.LoggingSettings;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A function that logs through SLF4J (and once through AppLogger), built with whichever SLF4J provider the test
 * bundles in its lib/. Answers with the class of the logger factory SLF4J chose.
 */
public class Greeter implements RequestHandler<Map<String, Object>, String> {

    private static final Logger LOG = LoggerFactory.getLogger(Greeter.class);
    private static final LoggingSettings SETTINGS = LoggingSettings.builder().group("/app/coexist").stream("coexist")
            .level("INFO").format("#json").build();

    static {
        LOG.info("greeter class initialized");
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return LambdaLogging.handle(SETTINGS, context, event, () -> {
            AppLog.current().info("through AppLogger");
            MDC.put("order", "o-" + event.get("n"));
            try {
                LOG.info("through SLF4J {}", event.get("n"));
            } finally {
                MDC.clear();
            }
            return LoggerFactory.getILoggerFactory().getClass().getName();
        });
    }
}
