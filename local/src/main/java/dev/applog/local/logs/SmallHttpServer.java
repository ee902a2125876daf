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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP/1.1 server (keep-alive, Content-Length and chunked request bodies) on a plain
 * {@link ServerSocket}, one pooled thread per connection. Written by hand rather than on the JDK's
 * com.sun.net.httpserver because a test must be able to close a connection without any response, the
 * way a network failure looks to a client, and because a slow (delayed) answer must not hold up other
 * connections. The local Lambda serves the Runtime API (whose {@code /next} is a long poll that blocks
 * its connection's thread) and the Invoke API on it too.
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

    private static final int MAX_HEADER_LINE = 64 * 1024;
    private static final int MAX_BODY = 64 * 1024 * 1024;

    private final int port;
    /** Replaced by {@link #listenAgain()}; closed while {@link #stopListening()} is in effect. */
    private volatile ServerSocket serverSocket;
    private final Object listenerLock = new Object();
    private final Handler handler;
    private final ExecutorService connections;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    public SmallHttpServer(int port, Handler handler) throws IOException {
        this.handler = handler;
        this.serverSocket = listen(port);
        this.port = serverSocket.getLocalPort();
        AtomicInteger threadNumber = new AtomicInteger();
        this.connections = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "applog-local-http-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::acceptLoop, "applog-local-accept-" + serverSocket.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
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
                connections.execute(() -> serve(socket));
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
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                String requestLine = readLine(in);
                if (requestLine == null) {
                    return; // the client closed its keep-alive connection
                }
                if (requestLine.isEmpty()) {
                    continue; // tolerate a stray CRLF between requests
                }
                String[] parts = requestLine.split(" ");
                if (parts.length != 3) {
                    writeResponse(out, new Response(400, "text/plain", Map.of(),
                            "malformed request line".getBytes(StandardCharsets.UTF_8)), false);
                    return;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                String line;
                while ((line = readLine(in)) != null && !line.isEmpty()) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                line.substring(colon + 1).trim(), (a, b) -> a + "," + b);
                    }
                }
                if (line == null) {
                    return;
                }
                if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                byte[] body = readBody(in, headers);
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

    private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
        String transferEncoding = headers.get("transfer-encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in);
                if (sizeLine == null) {
                    throw new IOException("connection closed inside a chunked body");
                }
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
                if (size == 0) {
                    String trailer;
                    while ((trailer = readLine(in)) != null && !trailer.isEmpty()) {
                        // trailers are ignored
                    }
                    return body.toByteArray();
                }
                if (body.size() + size > MAX_BODY) {
                    throw new IOException("request body too large");
                }
                body.write(in.readNBytes(size));
                readLine(in);
            }
        }
        String contentLength = headers.get("content-length");
        if (contentLength == null) {
            return new byte[0];
        }
        int length = Integer.parseInt(contentLength.trim());
        if (length < 0 || length > MAX_BODY) {
            throw new IOException("bad content length " + length);
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new IOException("connection closed inside the body");
        }
        return body;
    }

    /** Reads one CRLF (or LF) terminated line as ISO-8859-1; null at end of stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_HEADER_LINE) {
                throw new IOException("header line too long");
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
