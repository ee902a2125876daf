package dev.applog.delivery;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP client of the clients {@link SdkClients} builds: it passes every request to the real one, except a
 * request carrying {@link #HEADER}, which it answers itself with an empty success and never sends. The warm-up
 * ({@code dev.applog.CloudWatchLogger#warmUp}) sends such a request through the whole SDK pipeline (marshalling, endpoint
 * rules, signing, response parsing), so that a cold JVM loads that code before its first real PutLogEvents.
 */
final class DryRunHttpClient implements SdkHttpClient {

    /** Marks a request this client answers itself. */
    static final String HEADER = "x-applog-dry-run";

    private static final byte[] EMPTY_SUCCESS = "{}".getBytes(StandardCharsets.UTF_8);

    /**
     * True from a SnapStart checkpoint's hook until the restore ({@link #closeEachConnection(boolean)}): every request
     * passed on asks the endpoint to close its connection afterwards ({@code Connection: close}, the one value of that
     * header HttpURLConnection lets a caller set), so that none is left in the JDK's keep-alive cache (global: closing
     * an HTTP client does not empty it) and cloned with the snapshot.
     */
    private static volatile boolean closeEachConnection;

    private final SdkHttpClient delegate;

    DryRunHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    /** See {@link #closeEachConnection}: set before a SnapStart checkpoint, cleared after the restore. */
    static void closeEachConnection(boolean close) {
        closeEachConnection = close;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        if (request.httpRequest().firstMatchingHeader(HEADER).isEmpty()) {
            if (closeEachConnection) {
                // the Connection header is not signed: adding it after the signer keeps the signature valid
                return delegate.prepareRequest(HttpExecuteRequest.builder()
                        .request(request.httpRequest().toBuilder().putHeader("Connection", "close").build())
                        .contentStreamProvider(request.contentStreamProvider().orElse(null))
                        .build());
            }
            return delegate.prepareRequest(request);
        }
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", "application/x-amz-json-1.1")
                                .putHeader("x-amzn-RequestId", "applog-dry-run")
                                .putHeader("Content-Length", Integer.toString(EMPTY_SUCCESS.length))
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(EMPTY_SUCCESS)))
                        .build();
            }

            @Override
            public void abort() {
                // nothing in flight
            }
        };
    }

    @Override
    public String clientName() {
        return delegate.clientName();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
