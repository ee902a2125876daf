#set( $symbol_dollar = '$' )
#set( $symbol_pound = '#' )
package ${package};

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLog;
import dev.applog.AppLogger;
import dev.applog.AppLogging;
import java.util.Map;

/**
 * The function's handler. {@code @AppLogging}, woven in by the build (the aspectj-maven-plugin in pom.xml), gives
 * each invocation a logger into the application's one CloudWatch Logs stream and sends what was logged before
 * the handler returns. Settings can be changed at run time: APPLOG_GROUP, APPLOG_STREAM, APPLOG_LEVEL, APPLOG_FORMAT.
 */
public class FunctionHandler implements RequestHandler<Map<String, String>, String> {

    /** Filled in before each invocation by the woven aspect. */
    private AppLogger log;

    @Override
    @AppLogging(group = "${symbol_dollar}{APP_LOG_GROUP:-/app/${artifactId}}", stream = "${artifactId}-{date}", level = "INFO", format = "${symbol_pound}json")
    public String handleRequest(Map<String, String> event, Context context) {
        String name = event == null ? null : event.get("name");
        log.info("greeting " + (name == null ? "the world" : name));
        return greet(name);
    }

    /** Code the handler calls reaches the same logger with AppLog.current(). */
    static String greet(String name) {
        if (name == null || name.isBlank()) {
            AppLog.current().warning("no name in the event");
            return "Hello, world!";
        }
        return "Hello, " + name + "!";
    }
}
