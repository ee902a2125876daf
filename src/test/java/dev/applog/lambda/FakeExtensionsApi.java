package dev.applog.lambda;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lambda's Extensions API as far as the after-response extension uses it: registration answers an identifier;
 * each {@code event/next} takes the next scripted answer ({@link #CUT}: the connection closed with no answer; else
 * a JSON event), and with none left waits until {@link #close()}.
 */
final class FakeExtensionsApi implements AutoCloseable {

    /** A scripted answer: the connection is closed without a response. */
    static final String CUT = "cut";

    final AtomicInteger registrations = new AtomicInteger();
    final AtomicInteger nextCalls = new AtomicInteger();
    private final BlockingQueue<String> script = new LinkedBlockingQueue<>();
    private final HttpServer server;
    private final CountDownLatch closing = new CountDownLatch(1);

    FakeExtensionsApi(List<String> answers) throws IOException {
        script.addAll(answers);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fake-extensions-api");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/2020-01-01/extension/register", exchange -> {
            registrations.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Lambda-Extension-Identifier", "id-1");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/2020-01-01/extension/event/next", exchange -> {
            nextCalls.incrementAndGet();
            String answer = script.poll();
            try {
                while (answer == null && !closing.await(10, TimeUnit.MILLISECONDS)) {
                    answer = script.poll();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (answer == null || answer.equals(CUT)) {
                exchange.close();  // no status line: the client's read fails
                return;
            }
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** An INVOKE event for {@code requestId}, its deadline a minute away. */
    static String invoke(String requestId) {
        return "{\"eventType\":\"INVOKE\",\"requestId\":\"" + requestId + "\",\"deadlineMs\":"
                + (System.currentTimeMillis() + 60_000) + "}";
    }

    /** {@code host:port}, as {@code AWS_LAMBDA_RUNTIME_API} holds it. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
