package dev.applog.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Chooses the {@link Transport} of a logger: the SDK's client when a {@code clientSupplier} gives one, else the
 * setting ({@link DeliveryConfig#transport()}, then {@code APPLOG_TRANSPORT}), by default the light transport, which
 * starts a cold JVM faster (BENCHMARKS.md, cold start). {@code sdk} without the SDK's client on the class path (the
 * base layer without its add-on) prints one error naming the fix and sends with the light transport. Light
 * transports are shared per JVM and (endpoint, region, request timeout), as the SDK's clients are
 * ({@link SdkClients}): one HTTP client and one credentials cache.
 * Internal; not API: public for the logger above delivery (the names of the transports, dropping connections).
 */
public final class Transports {

    public static final String VARIABLE = "APPLOG_TRANSPORT";
    public static final String LIGHT = "light";
    public static final String SDK = "sdk";
    public static final List<String> NAMES = List.of(LIGHT, SDK);
    public static final String RULE = "it is light (the light transport on the AWS SDK's signer and HTTP client, the default) "
            + "or sdk (the AWS SDK's CloudWatch Logs client)";

    private static final Map<String, LightLogsTransport> SHARED_LIGHT = new ConcurrentHashMap<>();

    private Transports() { }

    static Transport forConfig(DeliveryConfig config) {
        return forConfig(config, SdkClients::clientPresent);
    }

    /** As {@link #forConfig(DeliveryConfig)}; {@code sdkClientPresent} says whether the SDK's client can be loaded. */
    static Transport forConfig(DeliveryConfig config, BooleanSupplier sdkClientPresent) {
        if (config.clientSupplier() != null) {
            return new SdkTransport(config);
        }
        if (SDK.equals(chosen(config, config.environment().apply(VARIABLE)))) {
            if (sdkClientPresent.getAsBoolean()) {
                return new SdkTransport(config);
            }
            // nothing is lost for a missing add-on: the light transport sends the same requests
            if (SDK_CLIENT_MISSING_REPORTED.compareAndSet(false, true)) {
                synchronized (config.out()) {
                    config.out().println("applog: " + sdkClientMissing(config.transport() != null));
                    config.out().flush();
                }
            }
        }
        String key = config.endpoint() + "|" + config.region() + "|" + config.requestTimeout()
                + (config.environment() == Environment.PROCESS ? "" : "|" + System.identityHashCode(config.environment()));
        return new LazyLight(() -> SHARED_LIGHT.computeIfAbsent(key, k -> LightLogsTransport.fromEnvironment(
                config.endpoint(), config.region(), config.requestTimeout(), config.environment())));
    }

    /** Whether {@link #sdkClientMissing} was printed in this JVM: once is enough, every logger would repeat it. */
    static final AtomicBoolean SDK_CLIENT_MISSING_REPORTED = new AtomicBoolean();

    static final String SDK_CLIENT_LAYER = "applog-sdk-client-layer.zip";

    /** What to fix when the SDK's client was asked for and is not there: the base layer leaves it to an add-on. */
    static String sdkClientMissing(boolean fromSetting) {
        return "error: " + (fromSetting ? "the logger's transport setting sdk" : VARIABLE + "=sdk")
                + " asks for the AWS SDK's CloudWatch Logs client, which is not on the class path: the applog layer"
                + " leaves it to its add-on layer. Attach the add-on layer (" + SDK_CLIENT_LAYER + ", AppLogSdkClientLayer"
                + " in template.yaml) after the applog layer, or set " + VARIABLE + "=" + LIGHT + "."
                + " Sending with the light transport meanwhile.";
    }

    /** A light transport made by {@code maker} on first use; a failure to make it is NO_CLIENT, tried again later. */
    static Transport lazy(java.util.function.Supplier<LightLogsTransport> maker) {
        return new LazyLight(maker);
    }

    /**
     * The transport's name: the logger's setting, else the variable's value, else light. A variable that names no
     * transport was refused where the logger was made ({@link #named}), with the logger's configuration error.
     */
    static String chosen(DeliveryConfig config, String variable) {
        if (config.transport() != null) {
            return config.transport();
        }
        String named = named(variable);
        return named == null ? LIGHT : named;
    }

    /** The transport {@code variable} ({@code APPLOG_TRANSPORT}'s value) names; null when it is blank or names none. */
    public static String named(String variable) {
        if (variable == null || variable.isBlank()) {
            return null;
        }
        String value = variable.trim().toLowerCase(Locale.ROOT);
        return NAMES.contains(value) ? value : null;
    }

    /**
     * Every light transport of this JVM drops its connections and credentials, and closes each connection after its
     * request from now on (SnapStart, before the checkpoint); the SDK's shared clients are closed (a transport on one
     * makes a new one at its next request) and their requests close their connections too. {@link #reopenAll()} ends
     * that.
     */
    public static void closeAll() {
        SHARED_LIGHT.values().forEach(LightLogsTransport::closeConnections);
        DryRunHttpClient.closeEachConnection(true);
        SdkClients.closeAll();
    }

    /** After a restore: connections kept alive again, made fresh with fresh credentials. */
    public static void reopenAll() {
        SHARED_LIGHT.values().forEach(LightLogsTransport::reopenConnections);
        DryRunHttpClient.closeEachConnection(false);
        SdkClients.rebuildAll();
    }

    /** Made on first use, so a missing region is reported by the first shipment (as for the SDK's client). */
    private static final class LazyLight implements Transport {
        private final java.util.function.Supplier<LightLogsTransport> maker;
        private volatile LightLogsTransport made;

        LazyLight(java.util.function.Supplier<LightLogsTransport> maker) {
            this.maker = maker;
        }

        private LightLogsTransport transport() throws TransportException {
            LightLogsTransport current = made;
            if (current != null) {
                return current;
            }
            try {
                current = maker.get();
            } catch (RuntimeException | LinkageError e) {
                throw new TransportException(TransportException.Reason.NO_CLIENT, "", String.valueOf(e.getMessage()), e);
            }
            made = current;
            return current;
        }

        @Override
        public Rejected putEvents(String group, String stream, List<Event> events, Duration timeout)
                throws TransportException {
            try {
                return transport().putEvents(group, stream, events, timeout);
            } catch (LinkageError e) {
                throw clash(e);
            }
        }

        @Override
        public void createStream(String group, String stream, Duration timeout) throws TransportException {
            try {
                transport().createStream(group, stream, timeout);
            } catch (LinkageError e) {
                throw clash(e);
            }
        }

        @Override
        public void createGroup(String group, Duration timeout) throws TransportException {
            try {
                transport().createGroup(group, timeout);
            } catch (LinkageError e) {
                throw clash(e);
            }
        }

        /**
         * SDK classes of another version on the classpath (a function jar bundling the SDK before the plain library
         * jar) fail only at the first request, since this transport is made of the SDK's pieces: no client can work,
         * which the fallback's diagnostic names as a version clash.
         */
        private static TransportException clash(LinkageError e) {
            return new TransportException(TransportException.Reason.NO_CLIENT, "", String.valueOf(e.getMessage()), e);
        }

        @Override
        public boolean warmUp(Event probe, Duration maxWait) {
            try {
                return transport().warmUp(probe, maxWait);
            } catch (TransportException e) {
                return false;
            }
        }

        @Override
        public Transport dryRun() {
            LightLogsTransport current = made;
            return current == null ? null : current.dryRun();
        }
    }
}
