package dev.applog.weaving;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.applog.AppLog;
import dev.applog.AppLogging;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Supplier;

/** Annotated handlers: the test build weaves them with the library's aspect, as a user's build does. */
final class WovenHandlers {

    private WovenHandlers() {}

    /** The scenario handler, annotated; its AppLogger fields are inherited. */
    static class Scenario extends ScenarioHandler {
        Scenario(Body body) { super(body); }

        @AppLogging(group = GROUP, stream = STREAM, level = LEVEL, format = FORMAT)
        @Override
        public String handleRequest(Map<String, Object> event, Context context) {
            return super.handleRequest(event, context);
        }

        @AppLogging(group = GROUP, stream = STREAM, level = LEVEL, format = FORMAT)
        @Override
        String nested(Context context, Supplier<String> step) {
            return step.get();
        }
    }

    /** A stream handler, woven. */
    static class Stream implements RequestStreamHandler {
        @AppLogging(group = ScenarioHandler.GROUP, stream = ScenarioHandler.STREAM, format = "#json")
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            AppLog.current().info("stream handler read " + input.readAllBytes().length + " bytes");
            throw new IOException("disk on fire");
        }
    }

    /** A method that receives no Context. */
    static class NoContext {
        @AppLogging(group = ScenarioHandler.GROUP, stream = "jobs-{function}", format = "#json")
        String work(String job) {
            AppLog.current().info("working on " + job);
            return job + " done";
        }
    }

    static class BadGroup implements RequestHandler<String, String> {
        @AppLogging(group = "bad name")
        @Override public String handleRequest(String event, Context context) { return "ran"; }
    }

    static class BadStream implements RequestHandler<String, String> {
        @AppLogging(group = "/test/bad", stream = "orders:today")
        @Override public String handleRequest(String event, Context context) { return "ran"; }
    }

    static class BadFormat implements RequestHandler<String, String> {
        @AppLogging(group = "/test/bad", format = "#fancy")
        @Override public String handleRequest(String event, Context context) { return "ran"; }
    }

    static class UnsetVariable implements RequestHandler<String, String> {
        @AppLogging(group = "${APPLOG_TEST_NEVER_SET}")
        @Override public String handleRequest(String event, Context context) { return "ran"; }
    }

    static class BadPlaceholder implements RequestHandler<String, String> {
        @AppLogging(group = "/test/${not a name}")
        @Override public String handleRequest(String event, Context context) { return "ran"; }
    }

    /** Good annotation values, for the environment's bad values. */
    static class Good implements RequestHandler<String, String> {
        @AppLogging(group = "/test/good")
        @Override public String handleRequest(String event, Context context) { return "ran"; }
    }
}
