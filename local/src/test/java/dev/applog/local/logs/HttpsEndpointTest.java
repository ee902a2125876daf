package dev.applog.local.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.security.KeyStore;
import java.io.InputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * The endpoint over HTTPS with a certificate made for the run: the AWS SDK's client trusting only that certificate
 * talks to it as to the service; a client with the JDK's default trust is refused the handshake (verification is
 * never turned off).
 */
class HttpsEndpointTest {

    private static CloudWatchLogsClient client(LocalLogsServer server, TrustManagerFactory trust) {
        return CloudWatchLogsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                .httpClient(UrlConnectionHttpClient.builder()
                        .tlsTrustManagersProvider(trust == null ? null : trust::getTrustManagers).build())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    private static TrustManagerFactory trusting(LocalCertificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificate.trustStore())) {
            store.load(in, certificate.trustStorePassword().toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    @Test
    void theSdksClientTrustingTheRunsCertificateCreatesAGroupAndStoresEventsOverHttps() throws Exception {
        try (LocalLogsServer server = LocalLogsServer.builder().https(true).start()) {
            assertEquals("https", server.endpoint().getScheme());
            assertNotNull(server.certificate());
            try (CloudWatchLogsClient logs = client(server, trusting(server.certificate()))) {
                logs.createLogGroup(b -> b.logGroupName("/tls"));
                logs.createLogStream(b -> b.logGroupName("/tls").logStreamName("s"));
                logs.putLogEvents(b -> b.logGroupName("/tls").logStreamName("s")
                        .logEvents(e -> e.timestamp(System.currentTimeMillis()).message("over tls")));
            }
            assertEquals(List.of("over tls"), server.events("/tls", "s").stream().map(StoredEvent::message).toList());
        }
    }

    @Test
    void aClientWithTheJdksDefaultTrustIsRefusedTheHandshakeAndNothingIsStored() {
        try (LocalLogsServer server = LocalLogsServer.builder().https(true).start();
             CloudWatchLogsClient logs = client(server, null)) {
            SdkClientException e = assertThrows(SdkClientException.class,
                    () -> logs.createLogGroup(b -> b.logGroupName("/untrusted")));
            Throwable cause = e;
            while (cause != null && !(cause instanceof SSLHandshakeException)) {
                cause = cause.getCause();
            }
            assertNotNull(cause, "a failed handshake: " + e);
            assertTrue(!server.groupExists("/untrusted"));
        }
    }

    @Test
    void onePlainHttpEndpointHasNoCertificateAndTheCertificateIsMadeOncePerRun() {
        try (LocalLogsServer plain = LocalLogsServer.start()) {
            assertEquals("http", plain.endpoint().getScheme());
            assertNull(plain.certificate());
        }
        assertTrue(LocalCertificate.forThisRun() == LocalCertificate.forThisRun());
        String options = LocalCertificate.forThisRun().javaOptions();
        assertTrue(options.contains("-Djavax.net.ssl.trustStore=" + LocalCertificate.forThisRun().trustStore()), options);
    }
}
