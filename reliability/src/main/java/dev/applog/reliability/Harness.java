package dev.applog.reliability;

import dev.applog.local.lambda.FunctionConfig;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What scenarios share: the size (short, for CI, or full), where the functions' jar, the layer zip and the
 * Lambda runtime are, a work directory, and how to make a function or a local Lambda against an endpoint.
 */
public final class Harness {

    /** The group every scenario function logs into (the stream is the scenario's own). */
    public static final String GROUP = "/app/reliability";

    private final boolean full;
    private final Path functionsJar;
    private final Path layerZip;
    private final Path runtime;
    private final Path work;
    /** APPLOG_DELIVERY for every function: before-return or after-response. */
    private final String delivery;

    /** The delivery modes every scenario runs in: {@code RELIABILITY_DELIVERY} names one, else both. */
    public static List<String> deliveries() {
        String chosen = System.getenv("RELIABILITY_DELIVERY");
        if (chosen == null || chosen.isBlank()) {
            return List.of("before-return", "after-response");
        }
        if (!chosen.equals("before-return") && !chosen.equals("after-response")) {
            throw new IllegalArgumentException("RELIABILITY_DELIVERY='" + chosen + "' is invalid: before-return or "
                    + "after-response (unset: both)");
        }
        return List.of(chosen);
    }

    public Harness(boolean full, Path functionsJar, Path layerZip, Path runtime, Path work) {
        this(full, functionsJar, layerZip, runtime, work, "before-return");
    }

    private Harness(boolean full, Path functionsJar, Path layerZip, Path runtime, Path work, String delivery) {
        this.delivery = delivery;
        this.full = full;
        this.functionsJar = functionsJar.toAbsolutePath().normalize();
        this.layerZip = layerZip.toAbsolutePath().normalize();
        this.runtime = runtime.toAbsolutePath().normalize();
        this.work = work.toAbsolutePath().normalize();
    }

    /**
     * From the system properties the build and reliability/run set: {@code reliability.functions.jar},
     * {@code applog.layer.zip}, {@code applog.lambda.runtime}; each must exist.
     */
    public static Harness fromSystemProperties(boolean full) throws IOException {
        Path jar = required("reliability.functions.jar", "the scenario functions' jar (./mvnw -pl reliability -am package)");
        Path zip = required("applog.layer.zip", "the layer zip (./mvnw -pl layer -am package)");
        Path runtime = required("applog.lambda.runtime", "the Lambda runtime folder (./mvnw -pl local package)");
        Path work = Files.createTempDirectory("applog-reliability");
        return new Harness(full, jar, zip, runtime, work);
    }

    private static Path required(String property, String what) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: it names " + what);
        }
        Path path = Path.of(value);
        if (!Files.exists(path)) {
            throw new IllegalStateException(property + " = " + path + " does not exist: build " + what);
        }
        return path;
    }

    /** The same harness with functions in another delivery mode (a work folder of its own). */
    public Harness withDelivery(String mode) throws IOException {
        return new Harness(full, functionsJar, layerZip, runtime, Files.createDirectories(work.resolve(mode)), mode);
    }

    public String delivery() {
        return delivery;
    }

    public boolean full() {
        return full;
    }

    /** {@code quick} in the short version, {@code full} in the full one. */
    public int size(int quick, int fullSize) {
        return full ? fullSize : quick;
    }

    /** A run id unique to this run of a scenario, for its event ids: letters, digits and dashes. */
    public String runId(String scenario) {
        return scenario.replaceAll("[^A-Za-z0-9]+", "-") + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    }

    public Path work(String scenario) throws IOException {
        return Files.createDirectories(work.resolve(scenario.replaceAll("[^A-Za-z0-9]+", "-")));
    }

    public Path layerZip() {
        return layerZip;
    }

    public Path functionsJar() {
        return functionsJar;
    }

    /**
     * A function from the scenario functions' jar with the layer, logging into {@link #GROUP} and
     * {@code stream} (through APPLOG_GROUP / APPLOG_STREAM), plus {@code environment}.
     */
    public FunctionConfig function(String name, Class<?> handler, String stream, int timeoutSeconds,
            Map<String, String> environment) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("APPLOG_GROUP", GROUP);
        variables.put("APPLOG_STREAM", stream);
        variables.put("APPLOG_DELIVERY", delivery);
        variables.putAll(environment);
        return new FunctionConfig(name, name, handler.getName() + "::handleRequest", functionsJar, List.of(layerZip),
                variables, timeoutSeconds, 512, "java21");
    }

    /** The events of one invocation ({@code run/invocation/*}) the stream holds now. */
    public static List<StoredEvent> storedNow(LocalLogsServer logs, String stream, String run, int invocation) {
        String prefix = "rid:" + run + "/" + invocation + "/";
        return logs.events(GROUP, stream).stream().filter(e -> e.message().contains(prefix)).toList();
    }

    /** A local Lambda builder whose functions log to {@code logs}, working in the scenario's folder. */
    public LocalLambda.Builder lambda(LocalLogsServer logs, String scenario) throws IOException {
        // after-response (also the library's default in Lambda): a scenario counts what is stored once the
        // environment settled; asked for before-return, once the response is back (the local Lambda answers then,
        // as Lambda does)
        return LocalLambda.builder().logsEndpoint(logs.endpoint()).runtimeDirectory(runtime)
                .workDirectory(work(scenario)).awaitExtensions(!delivery.equals("before-return"));
    }
}
