package dev.applog.weaving;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.applog.AppLogger;
import dev.applog.AppLogging;
import dev.applog.CorrelationIdPaths;
import dev.applog.lambda.LambdaLogging;
import dev.applog.lambda.LoggingSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Handlers with the options named as Powertools names them: each annotated one (woven by the test build) has a
 * twin made with {@link LambdaLogging#wrap} and the same settings, so that a test runs both ways.
 */
final class OptionHandlers {

    static final String GROUP = "/test/powertools";
    static final String STREAM = "options";

    private OptionHandlers() {}

    /** What a handler does with its event and its logger. */
    @FunctionalInterface
    interface Body {
        Object run(AppLogger log, Map<String, Object> event, Context context) throws Exception;
    }

    /** The plain handler the twin wraps; the woven ones extend it. */
    static class Plain implements RequestHandler<Map<String, Object>, Object> {
        AppLogger log;
        final Body body;

        Plain(Body body) { this.body = body; }

        @Override
        public Object handleRequest(Map<String, Object> event, Context context) {
            try {
                return body.run(log, event, context);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static LoggingSettings.Builder base() {
        return LoggingSettings.builder().group(GROUP).stream(STREAM).format("#json");
    }

    /** logEvent, logResponse (logError is on by default). */
    static final LoggingSettings EVENTS = base().logEvent(true).logResponse(true).build();

    static class Events extends Plain {
        Events(Body body) { super(body); }

        @AppLogging(group = GROUP, stream = STREAM, logEvent = true, logResponse = true)
        @Override public Object handleRequest(Map<String, Object> event, Context context) {
            return super.handleRequest(event, context);
        }
    }

    /** Nothing but the defaults: for the options set by the environment. */
    static final LoggingSettings DEFAULTS = base().build();

    static class Defaults extends Plain {
        Defaults(Body body) { super(body); }

        @AppLogging(group = GROUP, stream = STREAM)
        @Override public Object handleRequest(Map<String, Object> event, Context context) {
            return super.handleRequest(event, context);
        }
    }

    static final LoggingSettings API_REST = base().correlationIdPath(CorrelationIdPaths.API_GATEWAY_REST).build();

    static class ApiRest extends Plain {
        ApiRest(Body body) { super(body); }

        @AppLogging(group = GROUP, stream = STREAM, correlationIdPath = CorrelationIdPaths.API_GATEWAY_REST)
        @Override public Object handleRequest(Map<String, Object> event, Context context) {
            return super.handleRequest(event, context);
        }
    }

    static final LoggingSettings API_HTTP = base().correlationIdPath(CorrelationIdPaths.API_GATEWAY_HTTP).build();

    static class ApiHttp extends Plain {
        ApiHttp(Body body) { super(body); }

        @AppLogging(group = GROUP, stream = STREAM, correlationIdPath = CorrelationIdPaths.API_GATEWAY_HTTP)
        @Override public Object handleRequest(Map<String, Object> event, Context context) {
            return super.handleRequest(event, context);
        }
    }

    static final LoggingSettings ALB = base().correlationIdPath(CorrelationIdPaths.APPLICATION_LOAD_BALANCER).build();

    static class Alb extends Plain {
        Alb(Body body) { super(body); }

        @AppLogging(group = GROUP, stream = STREAM, correlationIdPath = CorrelationIdPaths.APPLICATION_LOAD_BALANCER)
        @Override public Object handleRequest(Map<String, Object> event, Context context) {
            return super.handleRequest(event, context);
        }
    }

    static final LoggingSettings EVENT_BRIDGE = base().correlationIdPath(CorrelationIdPaths.EVENT_BRIDGE).build();

    static class EventBridge extends Plain {
        EventBridge(Body body) { super(body); }

        @AppLogging(group = GROUP, stream = STREAM, correlationIdPath = CorrelationIdPaths.EVENT_BRIDGE)
        @Override public Object handleRequest(Map<String, Object> event, Context context) {
            return super.handleRequest(event, context);
        }
    }

    static final LoggingSettings APPSYNC = base().correlationIdPath(CorrelationIdPaths.APPSYNC_RESOLVER).build();

    static class AppSync extends Plain {
        AppSync(Body body) { super(body); }

        @AppLogging(group = GROUP, stream = STREAM, correlationIdPath = CorrelationIdPaths.APPSYNC_RESOLVER)
        @Override public Object handleRequest(Map<String, Object> event, Context context) {
            return super.handleRequest(event, context);
        }
    }

    /** INFO, with half the invocations sampled at DEBUG. */
    static final LoggingSettings SAMPLED = base().level("INFO").samplingRate(0.5).build();

    static class Sampled extends Plain {
        Sampled(Body body) { super(body); }

        @AppLogging(group = GROUP, stream = STREAM, level = "INFO", samplingRate = 0.5)
        @Override public Object handleRequest(Map<String, Object> event, Context context) {
            return super.handleRequest(event, context);
        }
    }

    /** INFO, DEBUG events held until an error, at most 600 bytes of them. */
    static final LoggingSettings BUFFERED = base().level("INFO").bufferAtVerbosity("DEBUG").bufferMaxBytes(600).build();

    static class Buffered extends Plain {
        Buffered(Body body) { super(body); }

        @AppLogging(group = GROUP, stream = STREAM, level = "INFO", bufferAtVerbosity = "DEBUG", bufferMaxBytes = 600)
        @Override public Object handleRequest(Map<String, Object> event, Context context) {
            return super.handleRequest(event, context);
        }
    }

    /** Keys kept from one invocation to the next. */
    static final LoggingSettings KEEP_STATE = base().clearState(false).build();

    static class KeepState extends Plain {
        KeepState(Body body) { super(body); }

        @AppLogging(group = GROUP, stream = STREAM, clearState = false)
        @Override public Object handleRequest(Map<String, Object> event, Context context) {
            return super.handleRequest(event, context);
        }
    }

    /** A stream handler that echoes its input upper-cased, logging event and response, correlation from EventBridge's id. */
    static final LoggingSettings STREAMING = base().logEvent(true).logResponse(true)
            .correlationIdPath(CorrelationIdPaths.EVENT_BRIDGE).build();

    static class PlainStream implements RequestStreamHandler {
        AppLogger log;

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            String text = new String(input.readAllBytes(), StandardCharsets.UTF_8);
            log.info("read " + text.length() + " characters");
            output.write(text.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        }
    }

    static class Streaming extends PlainStream {
        @AppLogging(group = GROUP, stream = STREAM, logEvent = true, logResponse = true,
                correlationIdPath = CorrelationIdPaths.EVENT_BRIDGE)
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            super.handleRequest(input, output, context);
        }
    }
}
