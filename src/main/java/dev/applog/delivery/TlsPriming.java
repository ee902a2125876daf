package dev.applog.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.TlsTrustManagersProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Runs, before a SnapStart checkpoint, code the first request after the restore would otherwise run for the first
 * time on its path, against a loopback server of its own in this process, and keeps nothing:
 the JDK's TLS: one HTTPS request through the SDK's URL connection client (the transports' HTTP client) to a
 * loopback TLS server holding a key made for this (the {@code tls-priming.p12} resource: a self-signed RSA 2048 key
 * of no account, as the service's certificates are RSA 2048), trusted by this request's client alone; the JDK's
 * default trust store is loaded too, as the real connection checks against it. The request asks for its connection
 * to be closed, server and client are closed: the snapshot holds loaded and compiled code only. Quiet: a failure
 * only loses the priming. Also the SDK's fetch of credentials from a container endpoint, against a loopback server
 * answering made-up ones ({@link #primeCredentialsFetch()}). (The signing is primed by the transports' dry run, with
 * made-up credentials.)
 */
final class TlsPriming {

    static final String KEYSTORE = "tls-priming.p12";
    /** Not a secret: it opens a key made only for this loopback handshake, shipped in the jar. */
    private static final char[] PASSWORD = "applog-tls-priming".toCharArray();

    private static final java.util.concurrent.atomic.AtomicBoolean PRIMED = new java.util.concurrent.atomic.AtomicBoolean();

    private TlsPriming() { }

    /** Both primings, once per JVM (the transports' warm-up calls it under SnapStart). */
    static void primeOnce(Duration maxWait) {
        if (PRIMED.compareAndSet(false, true)) {
            primeTls(maxWait);
            primeCredentialsFetch();
            primeCredentialsChain();
        }
    }

    /** The HTTPS request; true when it completed. */
    static boolean primeTls(Duration maxWait) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = TlsPriming.class.getResourceAsStream(KEYSTORE)) {
                if (in == null) {
                    return false;
                }
                keys.load(in, PASSWORD);
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, PASSWORD);
            SSLContext serverContext = SSLContext.getInstance("TLS");
            serverContext.init(keyManagers.getKeyManagers(), null, null);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("priming", keys.getCertificate("priming"));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            // the default trust store (cacerts, or javax.net.ssl.trustStore), which the real connection checks against
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).init((KeyStore) null);
            SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
                    .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
            TlsTrustManagersProvider trustProvider = trust::getTrustManagers;
            try (LoopbackServer loopback = new LoopbackServer(server, "{}")) {
                SdkHttpClient client = UrlConnectionHttpClient.builder().tlsTrustManagersProvider(trustProvider)
                        .connectionTimeout(maxWait).socketTimeout(maxWait).build();
                try {
                    return get(client, URI.create("https://127.0.0.1:" + server.getLocalPort() + "/"));
                } finally {
                    client.close();
                }
            }
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    /**
     * The SDK's fetch of credentials from a container endpoint (how Lambda hands them out under SnapStart: its plain
     * HTTP request and the parsing of the answer), against a loopback server answering made-up credentials; true when
     * they were read. The credentials chain itself is not run: it would fetch the function's own.
     */
    static boolean primeCredentialsFetch() {
        String document = "{\"AccessKeyId\": \"AKIDAPPLOGPRIMING\", \"SecretAccessKey\": \"applog-priming\", "
                + "\"Token\": \"applog-priming\", \"Expiration\": \"" + java.time.Instant.now().plusSeconds(3600) + "\"}";
        try (LoopbackServer loopback = new LoopbackServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), document)) {
            URI uri = URI.create("http://127.0.0.1:" + loopback.port() + "/");
            // the loader the SDK's container provider uses (an internal class of the SDK, pinned with the layer's copy)
            return "AKIDAPPLOGPRIMING".equals(software.amazon.awssdk.auth.credentials.internal.HttpCredentialsLoader
                    .create("applog-priming").loadCredentials(() -> uri).getAwsCredentials().accessKeyId());
        } catch (Exception | LinkageError e) {
            return false;
        }
    }

    /**
     * The default credentials chain's providers that find nothing in a SnapStart environment (profile files, a web
     * identity token file: neither is there) asked once, and the chain built but never asked: their code is loaded
     * before the checkpoint. The providers that would find the function's credentials (environment, container) are
     * not asked; the container's fetch is primed by {@link #primeCredentialsFetch()}.
     */
    static void primeCredentialsChain() {
        List<java.util.function.Supplier<software.amazon.awssdk.auth.credentials.AwsCredentialsProvider>> providers = List.of(
                software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider::create,
                software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider::create);
        for (java.util.function.Supplier<software.amazon.awssdk.auth.credentials.AwsCredentialsProvider> make : providers) {
            try {
                make.get().resolveCredentials();
            } catch (RuntimeException | LinkageError e) {
                // expected: nothing there
            }
        }
        try {
            software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.builder().build().close();
        } catch (RuntimeException | LinkageError e) {
            // only the priming is lost
        }
    }

    private static boolean get(SdkHttpClient client, URI uri) throws IOException {
        ExecutableHttpRequest request = client.prepareRequest(HttpExecuteRequest.builder()
                .request(SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(uri).encodedPath("/")
                        .putHeader("Connection", "close").build())
                .build());
        HttpExecuteResponse response = request.call();
        if (response.responseBody().isPresent()) {
            try (InputStream body = response.responseBody().get()) {
                body.readAllBytes();
            }
        }
        return response.httpResponse().statusCode() == 200;
    }

    /** Answers each connection's one request with {@code body} and closes it, on a thread of ours, until closed. */
    private static final class LoopbackServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        LoopbackServer(ServerSocket socket, String body) {
            this.socket = socket;
            byte[] answer = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
            this.thread = OwnThreads.start("applog-priming", () -> {
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        readHead(connection.getInputStream());
                        OutputStream out = connection.getOutputStream();
                        out.write(answer);
                        out.flush();
                    } catch (IOException e) {
                        // closed, or a client that gave up: the priming is only lost
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        /** Reads up to the blank line after the headers (a GET has no body); what it says is not kept. */
        private static void readHead(InputStream in) throws IOException {
            int last4 = 0;
            int b;
            while ((b = in.read()) >= 0) {
                last4 = (last4 << 8) | b;
                if (last4 == 0x0d0a0d0a) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
