package dev.applog;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the {@link Transport} of a logger: the SDK's client when a {@code clientSupplier} gives one, else the
 * setting ({@link LoggerConfig#transport()}, then {@code APPLOG_TRANSPORT}), by default the light transport, which
 * starts a cold JVM faster (BENCHMARKS.md, cold start). Light transports are shared per JVM and (endpoint, region,
 * request timeout), as the SDK's clients are ({@link SdkClients}): one HTTP client and one credentials cache.
 */
final class Transports {

    static final String VARIABLE = "APPLOG_TRANSPORT";
    static final String LIGHT = "light";
    static final String SDK = "sdk";
    static final List<String> NAMES = List.of(LIGHT, SDK);
    static final String RULE = "it is light (the light transport on the AWS SDK's signer and HTTP client, the default) "
            + "or sdk (the AWS SDK's CloudWatch Logs client)";

    private static final Map<String, LightLogsTransport> SHARED_LIGHT = new ConcurrentHashMap<>();

    private Transports() { }

    static Transport forConfig(LoggerConfig config) {
        if (config.clientSupplier() != null || SDK.equals(chosen(config, config.environment().apply(VARIABLE)))) {
            return new SdkTransport(config);
        }
        String key = config.endpoint() + "|" + config.region() + "|" + config.requestTimeout()
                + (config.environment() == Environment.PROCESS ? "" : "|" + System.identityHashCode(config.environment()));
        return new LazyLight(() -> SHARED_LIGHT.computeIfAbsent(key, k -> LightLogsTransport.fromEnvironment(
                config.endpoint(), config.region(), config.requestTimeout(), config.environment())));
    }

    /** A light transport made by {@code maker} on first use; a failure to make it is NO_CLIENT, tried again later. */
    static Transport lazy(java.util.function.Supplier<LightLogsTransport> maker) {
        return new LazyLight(maker);
    }

    /** The transport's name: the logger's setting, else the variable's value, else light. A bad value is refused. */
    static String chosen(LoggerConfig config, String variable) {
        if (config.transport() != null) {
            return config.transport();
        }
        if (variable == null || variable.isBlank()) {
            return LIGHT;
        }
        String value = variable.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(value)) {
            throw new AppLogConfigException(VARIABLE, variable, RULE);
        }
        return value;
    }

    /**
     * Every light transport of this JVM drops its connections and credentials, and closes each connection after its
     * request from now on (SnapStart, before the checkpoint); the SDK's shared clients are closed (a transport on one
     * makes a new one at its next request) and their requests close their connections too. {@link #reopenAll()} ends
     * that.
     */
    static void closeAll() {
        SHARED_LIGHT.values().forEach(LightLogsTransport::closeConnections);
        DryRunHttpClient.closeEachConnection(true);
        SdkClients.closeAll();
    }

    /** After a restore: connections kept alive again, made fresh with fresh credentials. */
    static void reopenAll() {
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
        public Rejected putEvents(String group, String stream, List<LogEvent> events, Duration timeout)
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
        public boolean warmUp(String stream, Duration maxWait) {
            try {
                return transport().warmUp(stream, maxWait);
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
