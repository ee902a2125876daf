package dev.applog.weaving;

import com.amazonaws.services.lambda.runtime.Context;
import dev.applog.lambda.LambdaLogging;
import dev.applog.lambda.LoggingSettings;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLogger;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A handler whose body a test supplies. Not woven: the functional twin wraps it. {@link WovenHandlers}
 * holds its annotated subclass, which the build weaves.
 */
class ScenarioHandler implements RequestHandler<Map<String, Object>, String> {

    static final String GROUP = "${TEST_LOG_GROUP:-/test/shop}";
    static final String STREAM = "{function}-{date}";
    static final String LEVEL = "DEBUG";
    static final String FORMAT = "#json";

    /** The settings the annotated subclass holds, for the twin. */
    static final LoggingSettings SETTINGS = LoggingSettings.builder()
            .group(GROUP).stream(STREAM).level(LEVEL).format(FORMAT).build();

    /** A body: what the handler does with its event. */
    @FunctionalInterface
    interface Body {
        String run(ScenarioHandler self, Map<String, Object> event, Context context) throws Exception;
    }

    AppLogger log;
    static AppLogger staticLog;
    private AppLogger ownLogger;
    private final Body body;

    ScenarioHandler(Body body) {
        this.body = body;
    }

    ScenarioHandler withOwnLogger(AppLogger logger) {
        this.ownLogger = logger;
        return this;
    }

    AppLogger ownLogger() { return ownLogger; }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        try {
            return body.run(this, event, context);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An inner step that is itself a handler (annotated in the woven subclass). */
    String nested(Context context, Supplier<String> step) {
        return LambdaLogging.handle(SETTINGS, context, null, step::get);
    }
}
