package dev.applog.local.logs;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP/1.1 server (keep-alive, Content-Length and chunked request bodies) on a plain
 * {@link ServerSocket}, one pooled thread per connection. Written by hand rather than on the JDK's
 * com.sun.net.httpserver because a test must be able to close a connection without any response, the
 * way a network failure looks to a client, and because a slow (delayed) answer must not hold up other
 * connections. The local Lambda serves the Runtime API (whose {@code /next} is a long poll that blocks
 * its connection's thread) and the Invoke API on it too.
 *
 * <p>It only listens on the loopback interface, but a web page can still reach it through the browser (DNS
 * rebinding), and any local process can send it anything; so it takes no more than {@link Limits} allows:
 * bodies and headers of bounded size (counted without overflow), a bounded number of connection threads,
 * idle connections closed after a read timeout, and only {@code Host} headers that name the loopback
 * interface. What it refuses gets a 4xx/5xx answer naming the limit, then the connection is closed.
 */
public final class SmallHttpServer implements AutoCloseable {

    public record Request(String method, String target, Map<String, String> headers, byte[] body) {
        /** Header value by case-insensitive name, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public record Response(int status, String contentType, Map<String, String> headers, byte[] body) {}

    /** Answers a request; returns null to close the connection without sending anything. */
    public interface Handler {
        Response handle(Request request);
    }

    /**
     * What one server accepts. {@link #DEFAULTS}: a 64 MiB body, 64 KiB of request line and headers, 100
     * header lines, 256 connections at once, 60 s without a byte from an idle or slow client.
     */
    public record Limits(long maxBodyBytes, int maxHeaderBytes, int maxHeaderCount, int maxConnections,
                         int readTimeoutMillis) {
        public static final Limits DEFAULTS = new Limits(64L * 1024 * 1024, 64 * 1024, 100, 256, 60_000);

        public Limits {
            if (maxBodyBytes < 0 || maxHeaderBytes < 16 || maxHeaderCount < 1 || maxConnections < 1
                    || readTimeoutMillis < 1) {
                throw new IllegalArgumentException("limits must be positive: " + maxBodyBytes + ", " + maxHeaderBytes
                        + ", " + maxHeaderCount + ", " + maxConnections + ", " + readTimeoutMillis);
            }
        }
    }

    /** A request refused before it reached the handler: answered with {@code status}, then the connection closes. */
    private static final class Refused extends IOException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final Limits limits;

    private final int port;
    /** Replaced by {@link #listenAgain()}; closed while {@link #stopListening()} is in effect. */
    private volatile ServerSocket serverSocket;
    private final Object listenerLock = new Object();
    private final Handler handler;
    private final javax.net.ssl.SSLContext tls;
    private final ThreadPoolExecutor connections;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    public SmallHttpServer(int port, Handler handler) throws IOException {
        this(port, handler, Limits.DEFAULTS);
    }

    public SmallHttpServer(int port, Handler handler, Limits limits) throws IOException {
        this(port, handler, limits, null);
    }

    /** {@code tls} non-null: HTTPS with that context's key (see {@link LocalCertificate}); null: plain HTTP. */
    public SmallHttpServer(int port, Handler handler, Limits limits, javax.net.ssl.SSLContext tls) throws IOException {
        this.handler = handler;
        this.limits = limits;
        this.tls = tls;
        this.serverSocket = listen(port);
        this.port = serverSocket.getLocalPort();
        AtomicInteger threadNumber = new AtomicInteger();
        // bounded: a connection beyond maxConnections is answered 503 by the acceptor and closed
        this.connections = new ThreadPoolExecutor(0, limits.maxConnections(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "applog-local-http-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.acceptor = new Thread(this::acceptLoop, "applog-local-accept-" + serverSocket.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    private ServerSocket listen(int port) throws IOException {
        ServerSocket socket = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** Connections open now (a client's idle keep-alive connections included). */
    public int openConnections() {
        return openSockets.size();
    }

    /**
     * Closes the listening socket, so that new connections are refused (ECONNREFUSED, as from a host where
     * nothing listens), and resets every open connection; {@link #listenAgain()} reopens the same port.
     */
    public void stopListening() {
        synchronized (listenerLock) {
            try {
                serverSocket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            for (Socket socket : openSockets) {
                reset(socket);
            }
        }
    }

    /** Listens on the same port again after {@link #stopListening()}; nothing to do when already listening. */
    public void listenAgain() throws IOException {
        synchronized (listenerLock) {
            if (closed || !serverSocket.isClosed()) {
                return;
            }
            serverSocket = listen(port);
            listenerLock.notifyAll();
        }
    }

    /** False between {@link #stopListening()} and {@link #listenAgain()}, and once closed. */
    public boolean listening() {
        return !closed && !serverSocket.isClosed();
    }

    private void acceptLoop() {
        while (!closed) {
            ServerSocket listener = serverSocket;
            try {
                Socket socket = listener.accept();
                openSockets.add(socket);
                try {
                    connections.execute(() -> serve(socket));
                } catch (RejectedExecutionException e) {
                    if (connections.isShutdown()) {
                        return;  // the server is closing
                    }
                    refuseBusy(socket);
                }
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                awaitNewListener(listener);
            } catch (RuntimeException e) {
                // the pool was shut down while a connection arrived: the server is closing
                return;
            }
        }
    }

    /** After the listener was closed by {@link #stopListening()}: waits until another one replaces it. */
    private void awaitNewListener(ServerSocket old) {
        synchronized (listenerLock) {
            while (!closed && serverSocket == old && old.isClosed()) {
                try {
                    listenerLock.wait();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Every connection thread is taken: a short answer (it fits in the socket's send buffer), then close. */
    private void refuseBusy(Socket socket) {
        try (socket) {
            socket.setSoTimeout(1000);
            writeResponse(socket.getOutputStream(), new Response(503, "text/plain", Map.of(),
                    ("too many connections: at most " + limits.maxConnections() + " at once")
                            .getBytes(StandardCharsets.UTF_8)), false);
        } catch (IOException ignored) {
            // the client went away
        } finally {
            openSockets.remove(socket);
        }
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);  // RST rather than FIN, as a broken network path looks to the client
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            // a client that sends nothing for this long, between requests or inside one, loses its connection
            socket.setSoTimeout(limits.readTimeoutMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                int[] headerBudget = {limits.maxHeaderBytes()};
                String requestLine;
                Map<String, String> headers = new LinkedHashMap<>();
                String[] parts;
                byte[] body;
                try {
                    requestLine = readLine(in, headerBudget);
                    if (requestLine == null) {
                        return; // the client closed its keep-alive connection
                    }
                    if (requestLine.isEmpty()) {
                        continue; // tolerate a stray CRLF between requests
                    }
                    parts = requestLine.split(" ");
                    if (parts.length != 3) {
                        throw new Refused(400, "malformed request line");
                    }
                    String line;
                    int count = 0;
                    while ((line = readLine(in, headerBudget)) != null && !line.isEmpty()) {
                        if (++count > limits.maxHeaderCount()) {
                            throw new Refused(431, "more than " + limits.maxHeaderCount() + " header lines");
                        }
                        int colon = line.indexOf(':');
                        if (colon > 0) {
                            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                    line.substring(colon + 1).trim(), (a, b) -> a + "," + b);
                        }
                    }
                    if (line == null) {
                        return;
                    }
                    checkHost(headers.get("host"));
                    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
                        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                    body = readBody(in, headers, limits.maxBodyBytes());
                } catch (Refused refused) {
                    writeResponse(out, new Response(refused.status, "text/plain", Map.of(),
                            refused.getMessage().getBytes(StandardCharsets.UTF_8)), false);
                    return;
                } catch (SocketTimeoutException idle) {
                    return; // idle or too slow: close
                }
                boolean keepAlive = !"HTTP/1.0".equals(parts[2])
                        && !"close".equalsIgnoreCase(headers.get("connection"));
                Response response = handler.handle(new Request(parts[0], parts[1], headers, body));
                if (response == null) {
                    // an abrupt close: RST rather than FIN, as a broken network path looks to the client
                    socket.setSoLinger(true, 0);
                    return;
                }
                writeResponse(out, response, keepAlive);
                if (!keepAlive) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away or sent garbage: nothing to answer
        } finally {
            openSockets.remove(socket);
        }
    }

    /**
     * Loopback names and addresses only, with any port: {@code localhost} (and {@code *.localhost}, which
     * browsers resolve to loopback themselves), {@code 127.x.x.x}, {@code [::1]}. A page that rebinds its own
     * name to 127.0.0.1 still sends its own name, and is refused. {@code host.docker.internal} is let through
     * too: it is how containers ({@code sam local}, see docs/application.md) reach this host, and only Docker
     * resolves it, so no page can rebind it. No Host at all is let through: every browser sends one, and a
     * local tool that omits it is no DNS rebinding.
     */
    static boolean loopbackHost(String host) {
        if (host == null) {
            return true;
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int close = name.indexOf(']');
            if (close < 0 || !portOrNothing(name.substring(close + 1))) {
                return false;
            }
            String address = name.substring(1, close);
            return address.equals("::1") || address.equals("0:0:0:0:0:0:0:1");
        }
        int colon = name.indexOf(':');
        if (colon >= 0) {
            if (!portOrNothing(name.substring(colon))) {
                return false;
            }
            name = name.substring(0, colon);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);  // the absolute form of the same name
        }
        return name.equals("localhost") || name.endsWith(".localhost") || name.equals("host.docker.internal")
                || name.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");
    }

    private static boolean portOrNothing(String rest) {
        return rest.isEmpty() || rest.matches(":\\d{1,5}");
    }

    private static void checkHost(String host) throws Refused {
        if (!loopbackHost(host)) {
            throw new Refused(421, "Host " + host + " is not a loopback name or address: this local server only"
                    + " answers requests addressed to localhost, 127.0.0.1, [::1] or host.docker.internal (a page that rebinds its own"
                    + " name to 127.0.0.1 is refused)");
        }
    }

    private static byte[] readBody(InputStream in, Map<String, String> headers, long maxBody) throws IOException {
        String transferEncoding = headers.get("transfer-encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int[] lineBudget = {0};
            while (true) {
                lineBudget[0] = 8 * 1024;  // a size line, or a trailer line
                String sizeLine = readLine(in, lineBudget);
                if (sizeLine == null) {
                    throw new IOException("connection closed inside a chunked body");
                }
                int semicolon = sizeLine.indexOf(';');
                long size = number((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16,
                        "chunk size");
                if (size == 0) {
                    String trailer;
                    do {
                        lineBudget[0] = 8 * 1024;
                    } while ((trailer = readLine(in, lineBudget)) != null && !trailer.isEmpty());
                    return body.toByteArray();
                }
                // compared as a remainder, never as a sum, so a huge size cannot overflow past the check
                if (size > maxBody - body.size()) {
                    throw new Refused(413, "request body larger than " + maxBody + " bytes");
                }
                byte[] chunk = in.readNBytes((int) size);
                if (chunk.length != size) {
                    throw new IOException("connection closed inside a chunk");
                }
                body.write(chunk);
                lineBudget[0] = 8 * 1024;
                readLine(in, lineBudget);
            }
        }
        String contentLength = headers.get("content-length");
        if (contentLength == null) {
            return new byte[0];
        }
        long length = number(contentLength.trim(), 10, "Content-Length");
        if (length > maxBody) {
            throw new Refused(413, "request body larger than " + maxBody + " bytes (Content-Length " + length + ")");
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length != length) {
            throw new IOException("connection closed inside the body");
        }
        return body;
    }

    /** A non-negative number of at most 15 digits (no sign, no overflow), else a 400. */
    private static long number(String text, int radix, String what) throws Refused {
        if (text.isEmpty() || text.length() > 15 || !text.chars().allMatch(c -> Character.digit(c, radix) >= 0)) {
            throw new Refused(400, "bad " + what + ": " + (text.length() > 20 ? text.substring(0, 20) + "..." : text));
        }
        return Long.parseLong(text, radix);
    }

    /**
     * Reads one CRLF (or LF) terminated line as ISO-8859-1; null at end of stream before any byte. Every byte
     * read, line ends included, is taken from {@code budget[0]}; past it, a 431.
     */
    private static String readLine(InputStream in, int[] budget) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (--budget[0] < 0) {
                throw new Refused(431, "the request line and headers (or a chunk's size line) exceed this"
                        + " server's limit");
            }
            if (c == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    private static void writeResponse(OutputStream out, Response response, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder();
        head.append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status())).append("\r\n");
        head.append("Content-Type: ").append(response.contentType()).append("\r\n");
        head.append("Content-Length: ").append(response.body().length).append("\r\n");
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        head.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(response.body());
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 413 -> "Content Too Large";
            case 421 -> "Misdirected Request";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    @Override
    public void close() {
        synchronized (listenerLock) {
            closed = true;
            listenerLock.notifyAll();
        }
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : openSockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        connections.shutdownNow();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
