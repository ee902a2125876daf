package dev.applog.local.logs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate made for this run, so that the local endpoint can speak HTTPS as the service does (a cold JVM's
 * first request then pays the TLS start-up it pays in AWS): a key pair for 127.0.0.1 and localhost, made by the
 * running JDK's {@code keytool}, and a truststore that holds only its certificate. A client trusts it by the
 * truststore ({@code -Djavax.net.ssl.trustStore=...}, {@link #javaOptions()}), never by turning verification off.
 * Made once per JVM (keytool is a process start), in a temporary folder removed at exit; valid for 2 days.
 */
public final class LocalCertificate {

    /** Only guards the throwaway key of a local run; keytool wants one of at least 6 characters. */
    private static final String PASSWORD = "applog-local";
    private static final String ALIAS = "applog-local";
    private static LocalCertificate instance;

    private final Path keyStore;
    private final Path trustStore;

    private LocalCertificate(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    /** The certificate of this JVM, made on the first call. */
    public static synchronized LocalCertificate forThisRun() {
        if (instance == null) {
            instance = make();
        }
        return instance;
    }

    /** The certificate this JVM made, or null when it made none (no HTTPS local endpoint started). */
    public static synchronized LocalCertificate ifMade() {
        return instance;
    }

    /** The PKCS12 truststore holding only this certificate. */
    public Path trustStore() {
        return trustStore;
    }

    public String trustStorePassword() {
        return PASSWORD;
    }

    /** The JVM options with which a Java client trusts this certificate (and only it), e.g. for JAVA_TOOL_OPTIONS. */
    public String javaOptions() {
        return "-Djavax.net.ssl.trustStore=" + trustStore + " -Djavax.net.ssl.trustStorePassword=" + PASSWORD
                + " -Djavax.net.ssl.trustStoreType=PKCS12";
    }

    /** A server-side TLS context on the key pair. */
    SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the local endpoint's certificate from " + keyStore + ": " + e, e);
        }
    }

    /** A client-side TLS context that trusts this certificate only, for tests in this JVM. */
    public SSLContext clientContext() {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(in, PASSWORD.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the truststore " + trustStore + ": " + e, e);
        }
    }

    private static LocalCertificate make() {
        try {
            Path folder = Files.createTempDirectory("applog-local-tls");
            Path keyStore = folder.resolve("endpoint.p12");
            Path trustStore = folder.resolve("truststore.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            // keytool rather than code of our own: the JDK's API has no public way to make a certificate
            List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=applog local endpoint", "-ext",
                    "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", keyStore.toString(),
                    "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.exists(keyStore)) {
                throw new IllegalStateException("keytool could not make the local endpoint's certificate ("
                        + String.join(" ", command) + "): " + output.strip());
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            Certificate certificate = keys.getCertificate(ALIAS);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry(ALIAS, certificate);
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trusted.store(out, PASSWORD.toCharArray());
            }
            for (Path file : List.of(folder, keyStore, trustStore)) {
                file.toFile().deleteOnExit();  // deleted in the reverse order: the folder last
            }
            return new LocalCertificate(keyStore, trustStore);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the local endpoint's certificate: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the local endpoint's truststore: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool made the local endpoint's certificate", e);
        }
    }
}
