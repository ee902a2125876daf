package dev.applog.local.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local HTTP server under hostile input, over raw sockets: every limit answers, none overflows. */
class SmallHttpServerLimitsTest {

    private final AtomicInteger handled = new AtomicInteger();

    private SmallHttpServer server(SmallHttpServer.Limits limits) throws IOException {
        return new SmallHttpServer(0, request -> {
            handled.incrementAndGet();
            return new SmallHttpServer.Response(200, "text/plain", Map.of(),
                    ("got " + request.body().length).getBytes(StandardCharsets.UTF_8));
        }, limits);
    }

    private static Socket connect(SmallHttpServer server) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(20_000);  // only a guard against a hanging test: every case ends well before
        return socket;
    }

    /** Sends {@code head} (and whatever follows), then reads until the server closes: the whole answer. */
    private static String exchange(SmallHttpServer server, String request) throws IOException {
        try (Socket socket = connect(server)) {
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException refusedMidway) {
                // the server answered and closed before the whole request was written: read its answer
            }
            return readAll(socket.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                answer.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // a reset after the answer: what was read is the answer
        }
        return answer.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aChunkSizeNearIntegerMaxIsRefusedNotOverflowed() throws Exception {
        try (SmallHttpServer server = server(SmallHttpServer.Limits.DEFAULTS)) {
            String answer = exchange(server, "POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "10\r\n0123456789abcdef\r\n7fffffff\r\nxxxx");
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
            assertTrue(answer.contains("request body larger than 67108864 bytes"), answer);
            assertEquals(0, handled.get());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ffffffffffffffffffff", "-1", "+5", "zz", ""})
    void aChunkSizeThatIsNoNumberOrTooLongIsABadRequest(String size) throws Exception {
        try (SmallHttpServer server = server(SmallHttpServer.Limits.DEFAULTS)) {
            String answer = exchange(server, "POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + size + "\r\nabc\r\n0\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400 ") && answer.contains("bad chunk size"), answer);
            assertEquals(0, handled.get());
        }
    }

    @Test
    void chunksThatTogetherPassTheBodyLimitAreRefusedAndABodyWithinItIsServed() throws Exception {
        SmallHttpServer.Limits limits = new SmallHttpServer.Limits(20, 64 * 1024, 100, 16, 60_000);
        try (SmallHttpServer server = server(limits)) {
            String ok = exchange(server, "POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\na\r\n0123456789\r\na\r\n0123456789\r\n0\r\n\r\n");
            assertTrue(ok.startsWith("HTTP/1.1 200 ") && ok.endsWith("got 20"), ok);
            String tooMuch = exchange(server, "POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "a\r\n0123456789\r\na\r\n0123456789\r\n1\r\nx\r\n0\r\n\r\n");
            assertTrue(tooMuch.startsWith("HTTP/1.1 413 "), tooMuch);
            String length = exchange(server, "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999999\r\n\r\n");
            assertTrue(length.startsWith("HTTP/1.1 413 "), length);
            assertEquals(1, handled.get());
        }
    }

    @Test
    void moreHeaderLinesThanTheLimitAreRefused() throws Exception {
        try (SmallHttpServer server = server(SmallHttpServer.Limits.DEFAULTS)) {
            StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: localhost\r\n");
            for (int i = 0; i < 100; i++) {
                request.append("X-H").append(i).append(": v\r\n");
            }
            String answer = exchange(server, request + "\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 431 ") && answer.contains("more than 100 header lines"), answer);
            assertEquals(0, handled.get());
        }
    }

    @Test
    void headersLargerInTotalThanTheLimitAreRefusedThoughEachLineIsShort() throws Exception {
        try (SmallHttpServer server = server(SmallHttpServer.Limits.DEFAULTS)) {
            StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: localhost\r\n");
            for (int i = 0; i < 40; i++) {
                request.append("X-H").append(i).append(": ").append("v".repeat(2000)).append("\r\n");
            }
            String answer = exchange(server, request + "\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 431 "), answer);
            assertEquals(0, handled.get());
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheReadTimeout() throws Exception {
        SmallHttpServer.Limits limits = new SmallHttpServer.Limits(1024, 64 * 1024, 100, 16, 200);
        try (SmallHttpServer server = server(limits); Socket idle = connect(server)) {
            // nothing sent: the server closes, so the read ends (-1) instead of waiting for the guard
            assertEquals(-1, idle.getInputStream().read());
            // a connection that sent half a request and stalled is closed the same way
            try (Socket stalled = connect(server)) {
                stalled.getOutputStream().write("GET / HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.ISO_8859_1));
                assertEquals("", readAll(stalled.getInputStream()));
            }
            assertEquals(0, handled.get());
        }
    }

    @Test
    void connectionsBeyondTheBoundAreAnswered503AndTheOthersAreServed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch bothIn = new CountDownLatch(2);
        SmallHttpServer.Limits limits = new SmallHttpServer.Limits(1024, 64 * 1024, 100, 2, 60_000);
        try (SmallHttpServer server = new SmallHttpServer(0, request -> {
            bothIn.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new SmallHttpServer.Response(200, "text/plain", Map.of(), "done".getBytes(StandardCharsets.UTF_8));
        }, limits)) {
            List<Socket> busy = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Socket socket = connect(server);
                    socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    busy.add(socket);
                }
                assertTrue(bothIn.await(20, TimeUnit.SECONDS), "both connections reach the handler");
                String third = exchange(server, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertTrue(third.startsWith("HTTP/1.1 503 ") && third.contains("at most 2 at once"), third);
                release.countDown();
                for (Socket socket : busy) {
                    String answer = readAll(socket.getInputStream());
                    assertTrue(answer.startsWith("HTTP/1.1 200 ") && answer.endsWith("done"), answer);
                }
            } finally {
                release.countDown();
                for (Socket socket : busy) {
                    socket.close();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:4566", "localhost.evil.example", "127.0.0.1.nip.io",
            "10.0.0.1", "0.0.0.0", "[::2]", "[::1]x", "localhost:http", "127.0.0.256", "", "docker.internal",
            "evil.host.docker.internal"})
    void aHostThatIsNotLoopbackIsRefused(String host) throws Exception {
        try (SmallHttpServer server = server(SmallHttpServer.Limits.DEFAULTS)) {
            String answer = exchange(server, "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 421 ") && answer.contains("is not a loopback name or address"),
                    host + ": " + answer);
            assertEquals(0, handled.get());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LocalHost:4566", "localhost.", "app.localhost:80", "127.0.0.1",
            "127.0.0.1:65535", "127.1.2.3:9", "[::1]", "[::1]:4566", "[0:0:0:0:0:0:0:1]:1",
            "host.docker.internal:4577"})
    void loopbackHostsWithAnyPortAreServed(String host) throws Exception {
        try (SmallHttpServer server = server(SmallHttpServer.Limits.DEFAULTS)) {
            String answer = exchange(server, "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 200 "), host + ": " + answer);
        }
    }

    @Test
    void aRequestWithoutHostIsServedNoBrowserSendsOne() throws Exception {
        try (SmallHttpServer server = server(SmallHttpServer.Limits.DEFAULTS)) {
            String answer = exchange(server, "GET / HTTP/1.0\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
            assertFalse(answer.contains("loopback"));
        }
    }
}
