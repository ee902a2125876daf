package dev.applog.examples.shop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}, RequestResponse) on
 * 127.0.0.1 and a free port, running the named handlers in this JVM, each call with its own request id,
 * the JSON mapped to the handler's input type as Lambda's Java runtime maps it. A handler's exception is
 * answered as Lambda answers it (200, {@code X-Amz-Function-Error: Unhandled}); an unknown function gets
 * the service's 404 ResourceNotFoundException.
 */
final class LambdaInvokeServer implements AutoCloseable {

    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Map<String, Function<?, ?>> functions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private record Function<I, O>(RequestHandler<I, O> handler, Class<I> input) {
        Object call(byte[] payload, Context context) throws IOException {
            return handler.handleRequest(JSON.readValue(payload, input), context);
        }
    }

    LambdaInvokeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(threads);
        server.start();
    }

    <I, O> LambdaInvokeServer function(String name, RequestHandler<I, O> handler, Class<I> input) {
        functions.put(name, new Function<>(handler, input));
        return this;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How many times the function was invoked. */
    int calls(String name) {
        AtomicInteger count = calls.get(name);
        return count == null ? 0 : count.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] payload = exchange.getRequestBody().readAllBytes();
            Matcher invoke = INVOKE.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !invoke.matches()) {
                answer(exchange, 404, "UnknownOperationException", "{\"message\":\"not the Invoke API\"}");
                return;
            }
            String name = invoke.group(1);
            Function<?, ?> function = functions.get(name);
            if (function == null) {
                answer(exchange, 404, "ResourceNotFoundException",
                        "{\"Type\":\"User\",\"message\":\"Function not found: " + name + "\"}");
                return;
            }
            calls.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            Context context = new OrderHandlerWeavingTest.TestContext(UUID.randomUUID().toString(), name);
            try {
                answer(exchange, 200, null, JSON.writeValueAsString(function.call(payload, context)));
            } catch (RuntimeException | IOException e) {
                exchange.getResponseHeaders().add("X-Amz-Function-Error", "Unhandled");
                answer(exchange, 200, null, JSON.writeValueAsString(Map.of(
                        "errorMessage", String.valueOf(e.getMessage()), "errorType", e.getClass().getName())));
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String errorType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (errorType != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
