package dev.applog.lambda;

import dev.applog.AppLogConfigException;
import dev.applog.delivery.OwnThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delivery after the response, the default in Lambda ({@code APPLOG_DELIVERY} unset or {@code after-response}):
 * an internal Lambda extension (a thread of the function's JVM,
 * registered with the Extensions API in the init phase) that purges each invocation's loggers after the
 * runtime posted the response, before it asks for its next event. Lambda freezes the environment only when
 * the runtime and every extension wait for their next event, so what was logged is stored (or in the
 * fallback) before the freeze, and the response does not wait for CloudWatch Logs. The handler returns
 * without purging; its deadline watchdog stays armed until the extension's purge ends.
 *
 * <p>Where the Extensions API is missing (not in Lambda), refuses the registration (too late: after the
 * runtime's first request), or fails later, invocations purge before returning, as in {@code before-return}
 * mode; a line says so once when the mode was asked for by name, or when the registration was refused or the
 * extension failed. Lambda Managed Instances ({@code AWS_LAMBDA_MAX_CONCURRENCY} above 1) run many invocations
 * at once in one JVM and never freeze it between them, and SAM CLI's local emulator ({@code AWS_SAM_LOCAL=true})
 * stops the function as soon as the response is back: there the mode is before-return too.
 *
 * <p>Written on {@link HttpURLConnection} rather than the AWS SDK: the Extensions API is three plain local
 * HTTP calls that no SDK client covers.
 */
final class AfterResponseDelivery {

    /**
     * The environment variable that chooses the delivery mode: {@code after-response} (the default, where Lambda's
     * Extensions API can take the extension) or {@code before-return}.
     */
    static final String DELIVERY = "APPLOG_DELIVERY";
    static final String BEFORE_RETURN = "before-return";
    static final String AFTER_RESPONSE = "after-response";
    /** Set by Lambda Managed Instances: how many invocations one environment runs at once. */
    static final String MAX_CONCURRENCY = "AWS_LAMBDA_MAX_CONCURRENCY";
    /** Set to {@code true} by SAM CLI in the functions it runs locally ({@code sam local invoke}, {@code start-api}). */
    static final String SAM_LOCAL = "AWS_SAM_LOCAL";
    static final String EXTENSION_NAME = "applog-after-response";

    /** How many times the event loop asks for its next event over a connection that failed before it gives up. */
    static final int NEXT_ATTEMPTS = 4;

    private static final Pattern REQUEST_ID = Pattern.compile("\"requestId\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern DEADLINE = Pattern.compile("\"deadlineMs\"\\s*:\\s*(\\d+)");
    private static final Pattern EVENT_TYPE = Pattern.compile("\"eventType\"\\s*:\\s*\"([^\"]*)\"");

    /** The JVM's one extension, once registered; null otherwise. */
    private static volatile AfterResponseDelivery registered;
    /** True once a registration was tried in this JVM (it is tried once). */
    private static boolean tried;

    private final String api;
    private final String id;
    private final long reserveMillis;
    private final Object lock = new Object();
    /** Invocations whose handler returned, by request id, waiting for their INVOKE event's purge. Guarded by lock. */
    private final Map<String, CompletableFuture<Invocation>> returned = new ConcurrentHashMap<>();
    private boolean failed;
    /** Set when {@link #resetForTests()} forgets this extension: its loop ends without a word. */
    private volatile boolean retired;

    private AfterResponseDelivery(String api, String id, long reserveMillis) {
        this.api = api;
        this.id = id;
        this.reserveMillis = reserveMillis;
    }

    /** The delivery mode as set: {@code APPLOG_DELIVERY} unset (or blank) is {@link #DEFAULT}. */
    enum Mode {
        BEFORE_RETURN, AFTER_RESPONSE, DEFAULT;

        /** True when the invocation hands its purge to the extension, if one is registered. */
        boolean afterResponse() {
            return this != BEFORE_RETURN;
        }
    }

    /**
     * The delivery mode the environment asks for. Unset is {@link Mode#DEFAULT}: after the response where the
     * extension can be registered, else before the return, without a word. A value other than the two modes throws,
     * naming the rule.
     */
    static Mode mode(Function<String, String> env) {
        String mode = env.apply(DELIVERY);
        if (mode == null || mode.isBlank()) {
            return Mode.DEFAULT;
        }
        if (mode.strip().equalsIgnoreCase(BEFORE_RETURN)) {
            return Mode.BEFORE_RETURN;
        }
        if (mode.strip().equalsIgnoreCase(AFTER_RESPONSE)) {
            return Mode.AFTER_RESPONSE;
        }
        throw new AppLogConfigException("delivery mode", mode, "one of " + AFTER_RESPONSE + " (the default in Lambda: "
                + "stored after the response, before Lambda freezes the environment) or " + BEFORE_RETURN + " (each "
                + "invocation's events are stored before the handler returns)").withSource(DELIVERY + " (environment)");
    }

    /**
     * Registers the extension unless the environment asks for before-return delivery, once per JVM, where Lambda's
     * Extensions API is there and the environment is frozen after each invocation (not under Lambda Managed
     * Instances, nor in SAM CLI's local emulator, which stops the container as soon as the response is back). Must
     * run in the init phase (a handler class's static initialization, or making a wrapped handler), before the
     * runtime asks for its first invocation. Never throws: a bad mode is reported by each invocation. Where it
     * cannot register, delivery stays before-return; a line says so when {@code APPLOG_DELIVERY=after-response} was
     * set, or when Lambda refused the registration (made too late), and nothing else is said by default.
     */
    static void registerAtInit(Function<String, String> env, long reserveMillis) {
        synchronized (AfterResponseDelivery.class) {
            if (tried) {
                return;
            }
            Mode mode;
            try {
                mode = mode(env);
            } catch (AppLogConfigException e) {
                return; // each invocation fails with this error, as for any bad setting
            }
            if (!mode.afterResponse()) {
                return;
            }
            tried = true;
            boolean asked = mode == Mode.AFTER_RESPONSE;
            String runtimeApi = env.apply(LambdaLogging.RUNTIME_API_VARIABLE);
            if (runtimeApi == null || runtimeApi.isBlank()) {
                say(asked, "not in Lambda (no " + LambdaLogging.RUNTIME_API_VARIABLE + ")");
                return;
            }
            String concurrency = env.apply(MAX_CONCURRENCY);
            if (concurrency != null && !concurrency.isBlank() && !concurrency.strip().equals("1")) {
                say(asked, MAX_CONCURRENCY + "=" + concurrency.strip() + ": invocations run at once in this environment "
                        + "(Lambda Managed Instances), which is not frozen between them");
                return;
            }
            if ("true".equalsIgnoreCase(String.valueOf(env.apply(SAM_LOCAL)).strip())) {
                say(asked, SAM_LOCAL + "=true: SAM CLI's local emulator stops the function as soon as the response is "
                        + "back, so nothing may be left for after it");
                return;
            }
            String api = "http://" + runtimeApi.strip() + "/2020-01-01/extension/";
            try {
                HttpURLConnection connection = open(api + "register", "POST", null, 2_000);
                connection.setRequestProperty("Lambda-Extension-Name", EXTENSION_NAME);
                send(connection, "{\"events\":[\"INVOKE\"]}");
                int status = connection.getResponseCode();
                String body = read(connection);
                String id = connection.getHeaderField("Lambda-Extension-Identifier");
                if (status != 200 || id == null || id.isBlank()) {
                    say(true, "the Extensions API refused the registration (HTTP " + status + ": " + body.strip()
                            + "); it is accepted only in the init phase, e.g. from a handler class's static "
                            + "initialization or a field that holds LambdaLogging.wrap(...)");
                    return;
                }
                AfterResponseDelivery extension = new AfterResponseDelivery(api, id, reserveMillis);
                OwnThreads.start("applog-after-response", extension::loop);
                registered = extension;
            } catch (IOException | RuntimeException e) {
                say(asked, "the Extensions API cannot be reached (" + e + ")");
            }
        }
    }

    /**
     * Hands a returned invocation over to the extension, which purges it after the response; false when there is
     * no working extension (or no request id to pair it with its INVOKE event): the caller purges now.
     */
    static boolean handOff(Invocation invocation) {
        AfterResponseDelivery extension = registered;
        if (extension == null || invocation.requestId() == null) {
            return false;
        }
        synchronized (extension.lock) {
            if (extension.failed) {
                return false;
            }
            invocation.handlerReturned();
            extension.returned.computeIfAbsent(invocation.requestId(), k -> new CompletableFuture<>())
                    .complete(invocation);
            return true;
        }
    }

    /** True while this JVM has a working extension (after-response delivery in effect). */
    static boolean active() {
        AfterResponseDelivery extension = registered;
        if (extension == null) {
            return false;
        }
        synchronized (extension.lock) {
            return !extension.failed;
        }
    }

    /** For each INVOKE event: wait for that invocation's handler to return, purge it, ask for the next event. */
    private void loop() {
        try {
            while (true) {
                String body = null;
                int status = 0;
                for (int attempt = 1; body == null; attempt++) {
                    // Lambda ends the invocation (and freezes) only once this thread waits in event/next again: an
                    // extension that stopped asking would hold every later invocation until its timeout, billed. So
                    // a connection that failed (reset, cut by a freeze or a restore) is asked again, a few times.
                    try {
                        HttpURLConnection connection = open(api + "event/next", "GET", id, 0);
                        status = connection.getResponseCode();
                        body = read(connection);
                    } catch (IOException e) {
                        if (attempt >= NEXT_ATTEMPTS) {
                            throw e;
                        }
                        Thread.sleep(50L << attempt);
                    }
                }
                if (status != 200) {
                    throw new IOException("event/next answered HTTP " + status + ": " + body.strip());
                }
                Matcher type = EVENT_TYPE.matcher(body);
                if (type.find() && !type.group(1).equals("INVOKE")) {
                    continue; // only INVOKE is registered for; anything else has nothing to purge
                }
                Matcher request = REQUEST_ID.matcher(body);
                Matcher deadline = DEADLINE.matcher(body);
                long deadlineMs = deadline.find() ? Long.parseLong(deadline.group(1)) : System.currentTimeMillis() + 900_000;
                if (request.find()) {
                    purgeWhenReturned(request.group(1), deadlineMs);
                }
                purgeEveryReturned(); // an invocation paired with no event of its own is not left behind
            }
        } catch (IOException | RuntimeException e) {
            if (retired) {
                return;  // forgotten by a test that starts over; another extension may be registered by now
            }
            stop("the extension's event loop failed (" + e + ")");
        } catch (InterruptedException e) {
            stop("the extension's thread was interrupted");
        }
    }

    private void purgeWhenReturned(String requestId, long deadlineMs) throws InterruptedException {
        CompletableFuture<Invocation> handler;
        synchronized (lock) {
            handler = returned.computeIfAbsent(requestId, k -> new CompletableFuture<>());
        }
        try {
            // a handler that never returns through applog (its event could not be read, say) has nothing here: the
            // wait ends short of the deadline, so the environment is not held into a timeout
            long wait = deadlineMs - System.currentTimeMillis() - reserveMillis;
            Invocation invocation = handler.get(Math.max(wait, 0), TimeUnit.MILLISECONDS);
            invocation.close(reserveMillis);
        } catch (TimeoutException | ExecutionException e) {
            // nothing returned through applog for this request
        } finally {
            synchronized (lock) {
                returned.remove(requestId, handler);
            }
        }
    }

    private void purgeEveryReturned() {
        List<Invocation> left = new ArrayList<>();
        synchronized (lock) {
            returned.values().removeIf(handler -> {
                Invocation invocation = handler.getNow(null);
                if (invocation != null) {
                    left.add(invocation);
                }
                return invocation != null;
            });
        }
        for (Invocation invocation : left) {
            invocation.close(reserveMillis);
        }
    }

    /** The extension is gone: from now on invocations purge before returning; those handed over are purged now. */
    private void stop(String why) {
        List<Invocation> left = new ArrayList<>();
        synchronized (lock) {
            failed = true;
            for (CompletableFuture<Invocation> handler : returned.values()) {
                Invocation invocation = handler.getNow(null);
                if (invocation != null) {
                    left.add(invocation);
                }
            }
            returned.clear();
        }
        for (Invocation invocation : left) {
            invocation.close(reserveMillis);
        }
        say(true, why);
    }

    /** One line on stdout: delivery after the response is not in effect, and why; only when {@code loud}. */
    private static void say(boolean loud, String why) {
        if (loud) {
            System.out.println("applog: " + DELIVERY + "=" + AFTER_RESPONSE + " needs Lambda's Extensions API: " + why
                    + "; each invocation's events are sent before the handler returns (" + BEFORE_RETURN + ")");
        }
    }

    private static HttpURLConnection open(String url, String method, String id, int readTimeoutMillis) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(2_000);
        connection.setReadTimeout(readTimeoutMillis); // 0 for event/next: a long poll, frozen between invocations
        if (id != null) {
            connection.setRequestProperty("Lambda-Extension-Identifier", id);
        }
        return connection;
    }

    private static void send(HttpURLConnection connection, String body) throws IOException {
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String read(HttpURLConnection connection) throws IOException {
        InputStream stream = connection.getResponseCode() >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (stream == null) {
            return "";
        }
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Forgets the registration (tests that start over in one JVM). */
    static void resetForTests() {
        synchronized (AfterResponseDelivery.class) {
            tried = false;
            if (registered != null) {
                registered.retired = true;
            }
            registered = null;
        }
    }
}
