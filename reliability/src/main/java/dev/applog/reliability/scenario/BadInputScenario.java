package dev.applog.reliability.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.AppLogConfigException;
import dev.applog.AppLogger;
import dev.applog.ForgedMarkers;
import dev.applog.AppLoggers;
import dev.applog.LogFormat;
import dev.applog.LoggerConfig;
import dev.applog.local.lambda.FunctionConfig;
import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.lambda.OutputLine;
import dev.applog.local.logs.Fault;
import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.StoredEvent;
import dev.applog.reliability.Harness;
import dev.applog.reliability.Row;
import dev.applog.reliability.Scenario;
import dev.applog.reliability.Tally;
import dev.applog.reliability.function.BadInput;
import dev.applog.reliability.function.BadMessages;
import dev.applog.reliability.function.EventIds;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Bad input, one row per case ({@code bad input: CASE}): what a handler logs (null, empty, 3 MB, invalid text,
 * control characters, JSON, hostile exceptions, a throwing supplier, late threads) through the woven handler
 * {@link BadInput} in the local Lambda; bad configuration (names, levels, formats, annotation, region,
 * endpoint) through functions whose environment or annotation is bad; and a skewed clock, which only the
 * library API can set ({@code LoggerConfig.clock}), in this JVM against the same local endpoint with the
 * fallback captured through {@code LoggerConfig.out}. Each row states what the user sees, and checks it.
 */
public final class BadInputScenario implements Scenario {

    private static final java.util.concurrent.atomic.AtomicInteger UNKNOWN_LEVELS = new java.util.concurrent.atomic.AtomicInteger();

    static final String FUNCTION = "BadInput";
    static final String JSON_FUNCTION = "BadInputJson";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A case about what a handler logs: the function (text or JSON format) that logs it, the events per
     * invocation, what the user sees, and the check of each stored (rejoined) text: null when it is as stated.
     */
    record Content(String name, String function, int events, String outcome, Function<String, String> check) {
    }

    @Override
    public String name() {
        return "bad input";
    }

    @Override
    public String description() {
        return "one row per case: bad messages logged by a woven handler (each case invoked 3 times, 5 events per "
                + "invocation, 1 for the multi-megabyte ones; once with 2 in the short version), functions with a bad "
                + "setting (invoked 3 times; once), and a skewed clock in-process (20 events; 3); each row states "
                + "what the user sees and checks it";
    }

    @Override
    public List<Row> run(Harness harness) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (LocalLogsServer logs = LocalLogsServer.start()) {
            rows.addAll(content(harness, logs));
            rows.addAll(configuration(harness, logs));
            rows.addAll(InProcess.rows(harness, logs));
        }
        return rows;
    }

    static String rowName(String name) {
        return "bad input: " + name;
    }

    // ---- what a handler logs ------------------------------------------------------------------------------

    static List<Content> contentCases() {
        String shortPrefix = "INFO: " + FUNCTION + ": ";
        List<Content> cases = new ArrayList<>();
        cases.add(new Content("null", JSON_FUNCTION, 5, "stored as the text \"null\" (#json: \"message\":\"null\"; "
                + "the id is in the context field " + BadMessages.ID_FIELD + ")", jsonMessage("null")));
        cases.add(new Content("empty", JSON_FUNCTION, 5, "stored with \"message\":\"\" (#json; a text format stores "
                + "its prefix alone)", jsonMessage("")));
        cases.add(new Content("whitespace", JSON_FUNCTION, 5, "stored as-is, blanks and tabs kept (#json)",
                jsonMessage(" \t  \t ")));
        for (String name : List.of("3 MB", "emoji at split boundaries")) {
            cases.add(new Content(name, FUNCTION, 1, name.equals("3 MB")
                    ? "split into parts of at most 1 MiB marked [applog-part ID I/N]; rejoined equal to the message"
                    : "1.4 M chars of 4-byte UTF-8 split into parts, never inside a character; rejoined equal to the message",
                    text(shortPrefix, name)));
        }
        cases.add(new Content("long line without spaces", FUNCTION, 5, "stored as one event, unchanged (200,000 "
                + "characters, under the 1 MiB event limit)", text(shortPrefix, "long line without spaces")));
        String surrogate = "sent as-is, the lone surrogate escaped in the request's JSON (\\u%s), and stored "
                + "unchanged by the local endpoint; no request refused, nothing dropped";
        cases.add(new Content("unpaired high surrogate", FUNCTION, 5, String.format(surrogate, "d83d"),
                text(shortPrefix, "unpaired high surrogate")));
        cases.add(new Content("unpaired low surrogate", FUNCTION, 5, String.format(surrogate, "de00"),
                text(shortPrefix, "unpaired low surrogate")));
        cases.add(new Content("other invalid text", FUNCTION, 5, "a reversed surrogate pair, the noncharacters U+FFFE "
                + "U+FFFF and a BOM: sent and stored as-is (escaped in the request's JSON)", text(shortPrefix, "other invalid text")));
        for (String control : List.of("NUL", "ESC", "DEL", "BEL")) {
            cases.add(new Content(control, FUNCTION, 5, "stored as-is, the " + control + " character kept "
                    + "(escaped in the request's JSON, not stripped)", text(shortPrefix, control)));
        }
        cases.add(new Content("newlines \\n", FUNCTION, 5, "one event, the line breaks kept (not one event per line)",
                text(shortPrefix, "newlines \\n")));
        cases.add(new Content("newlines \\r\\n", FUNCTION, 5, "one event, the CR LF kept", text(shortPrefix, "newlines \\r\\n")));
        cases.add(new Content("JSON message (#short)", FUNCTION, 5, "stored as the text after the prefix, unchanged",
                text(shortPrefix, "JSON message (#short)")));
        cases.add(new Content("JSON message (#json)", JSON_FUNCTION, 5, "embedded: \"message\" is the JSON object "
                + "itself, not a string", stored -> {
                    JsonNode message = json(stored).path("message");
                    return message.isObject() && message.path("order").asInt() == 42 ? null
                            : "\"message\" is not the embedded object: " + cut(stored);
                }));
        cases.add(new Content("broken JSON (#short)", FUNCTION, 5, "stored as the text after the prefix, unchanged",
                text(shortPrefix, "broken JSON (#short)")));
        cases.add(new Content("broken JSON (#json)", JSON_FUNCTION, 5, "not embedded: \"message\" is the text as "
                + "written, the record stays valid JSON", stored -> {
                    JsonNode message = json(stored).path("message");
                    return message.isTextual() && message.asText().endsWith("[\"a\",") ? null
                            : "\"message\" is not the text as written: " + cut(stored);
                }));
        String hostile = "stored at ERROR with the message; in place of the stack trace the exception's class, "
                + "\"(applog: its stack trace could not be written: java.lang.IllegalStateException: %s() of a hostile "
                + "exception)\" and its frames";
        cases.add(new Content("toString() throws", FUNCTION, 5, String.format(hostile, "toString"),
                errorLine("toString() throws")));
        cases.add(new Content("getMessage() throws", FUNCTION, 5, String.format(hostile, "getMessage"),
                errorLine("getMessage() throws")));
        cases.add(new Content("Supplier throws", FUNCTION, 5, "the log call returns; stored at the call's level as "
                + "\"applog: the message supplier threw java.lang.IllegalStateException: ...\" with its stack trace",
                stored -> stored.startsWith(shortPrefix + "applog: the message supplier threw java.lang.IllegalStateException: "
                        + BadMessages.message("Supplier throws", EventIds.find(stored)) + "\n") ? null
                        : "not the supplier's failure: " + escape(cut(stored))));
        cases.add(new Content("null level", FUNCTION, 5, "stored at INFO (a null level is INFO, documented)",
                text(shortPrefix, "null level")));
        cases.add(new Content("logging after purge", FUNCTION, 5, "stored: each event after a purge() is "
                + "buffered again and sent at the end of the invocation", text(shortPrefix, "logging after purge")));
        cases.add(new Content("thread still logging after return", FUNCTION, 5, "stored during the next invocation: "
                + "the frozen JVM runs the thread again when it is thawed, and its events are sent at once (the "
                + "invocation is closed); an environment never invoked again keeps them in memory",
                text(shortPrefix, "thread still logging after return")));
        return cases;
    }

    private List<Row> content(Harness harness, LocalLogsServer logs) throws Exception {
        int invocations = harness.size(1, 3);
        String streamText = harness.runId("bad-text");
        String streamJson = harness.runId("bad-json");
        List<Content> cases = contentCases();
        Map<String, String> runs = new LinkedHashMap<>();
        Map<String, List<String>> problems = new HashMap<>();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        try (LocalLambda lambda = harness.lambda(logs, name() + "-content")
                .function(harness.function(FUNCTION, BadInput.class, streamText, 30, Map.of()))
                .function(harness.function(JSON_FUNCTION, BadInput.class, streamJson, 30, Map.of("APPLOG_FORMAT", "#json")))
                .start()) {
            for (Content c : cases) {
                String run = harness.runId("bad-" + c.name());
                runs.put(c.name(), run);
                Tally tally = new Tally(run);
                if (c.name().equals("thread still logging after return")) {
                    tally.unordered();  // each event is logged by a late thread of its own: they race
                }
                tallies.put(c.name(), tally);
                List<String> found = new ArrayList<>();
                problems.put(c.name(), found);
                int events = c.events() == 1 ? 1 : harness.size(2, c.events());
                for (int i = 0; i < invocations; i++) {
                    tally.expect(run, i, events);
                    InvocationResult result = lambda.invoke(c.function(), "{\"run\":\"" + run + "\",\"invocation\":" + i
                            + ",\"events\":" + events + ",\"case\":" + JSON.writeValueAsString(c.name()) + "}");
                    if (result.isError() || !result.payloadText().contains("logged")) {
                        found.add("invocation " + i + ": " + cut(result.payloadText()));
                    }
                }
            }
            // one more invocation, which waits a second: the late threads of the last case log while the JVM runs
            lambda.invoke(FUNCTION, "{\"run\":\"settle\",\"invocation\":0,\"events\":0,\"case\":\"NUL\",\"pauseMs\":1000}");
            List<StoredEvent> text = events(logs, streamText);
            List<StoredEvent> json = events(logs, streamJson);
            List<Row> rows = new ArrayList<>();
            for (Content c : cases) {
                boolean isJson = c.function().equals(JSON_FUNCTION);
                List<StoredEvent> stored = isJson ? json : text;
                Tally tally = tallies.get(c.name()).stored(stored).output(lambda.output(c.function()));
                List<String> found = problems.get(c.name());
                found.addAll(checkTexts(runs.get(c.name()), stored, c.check()));
                rows.add(tally.row(rowName(c.name()), invocations, c.outcome() + " (local Lambda, woven handler, "
                        + (isJson ? "#json" : "#short") + ")", Set.of(), found));
            }
            return rows;
        }
    }

    static List<StoredEvent> events(LocalLogsServer logs, String stream) {
        return logs.streamExists(Harness.GROUP, stream) ? logs.events(Harness.GROUP, stream) : List.of();
    }

    /** Checks every stored (rejoined) text of {@code run}; a problem for the first few that are not as stated. */
    static List<String> checkTexts(String run, List<StoredEvent> stored, Function<String, String> check) {
        List<String> messages = new ArrayList<>();
        for (StoredEvent event : stored) {
            messages.add(event.message());
        }
        List<String> problems = new ArrayList<>();
        for (String message : Tally.rejoined(messages)) {
            String id = EventIds.find(message);
            if (id == null || !id.startsWith(run + "/")) {
                continue;
            }
            String problem = check.apply(message);
            if (problem != null && problems.size() < 2) {
                problems.add("stored text not as stated: " + problem);
            }
        }
        return problems;
    }

    private static Function<String, String> text(String prefix, String name) {
        return stored -> {
            String id = EventIds.find(stored);
            String expected = prefix + BadMessages.message(name, id);
            return stored.equals(expected) ? null : "expected " + cut(escape(expected)) + ", stored " + cut(escape(stored));
        };
    }

    private static Function<String, String> jsonMessage(String message) {
        return stored -> {
            JsonNode node = json(stored);
            return node.path("message").isTextual() && node.path("message").asText().equals(message)
                    && node.path(BadMessages.ID_FIELD).isTextual() ? null : "expected \"message\":" + escape(message)
                    + " and " + BadMessages.ID_FIELD + ", stored " + escape(cut(stored));
        };
    }

    private static Function<String, String> errorLine(String name) {
        return stored -> {
            String id = EventIds.find(stored);
            String head = "ERROR: " + FUNCTION + ": " + BadMessages.message(name, id);
            String note = " (applog: its stack trace could not be written: java.lang.IllegalStateException: ";
            return stored.startsWith(head + "\n" + BadMessages.class.getName() + "$Hostile" + note) ? null
                    : "expected " + head + " and the note" + note + "..., stored " + escape(cut(stored));
        };
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    static String cut(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c >= 0xfff0 ? String.format("\\u%04x", (int) c) : c);
        }
        return out.toString();
    }

    // ---- bad configuration --------------------------------------------------------------------------------

    /**
     * A function with a bad setting. {@code handler} and {@code environment} make it; {@code error} is the text
     * its failure must hold (null when it must not fail); {@code output} a line its output must hold (null: none).
     */
    record Config(String name, Class<?> handler, Map<String, String> environment, String error, String output,
            boolean fallback, boolean prints, String outcome) {
    }

    static List<Config> configCases() {
        String w = BadInput.class.getName() + "$";
        String rule = "a log group name is 1 to 512 characters of A-Z a-z 0-9 _ - / . #";
        String streamRule = "a log stream name is 1 to 512 characters with no ':' and no '*'";
        List<Config> cases = new ArrayList<>();
        cases.add(new Config("group with a space (APPLOG_GROUP)", BadInput.class, Map.of("APPLOG_GROUP", "/app/my group"),
                "APPLOG_GROUP=\"/app/my group\" (environment, overrides @AppLogging on " + BadInput.class.getName()
                        + ".handleRequest): log group name '/app/my group' is invalid: " + rule, null, false, false,
                "every invocation fails before the handler runs: \"APPLOG_GROUP=... log group name '/app/my group' is "
                        + "invalid: " + rule + "... (found ' ' at index 7)\""));
        cases.add(new Config("group of 513 characters (APPLOG_GROUP)", BadInput.class, Map.of("APPLOG_GROUP", "/" + "g".repeat(512)),
                "(it is 513 characters long)", null, false, false,
                "every invocation fails before the handler runs: \"log group name '/ggg...' is invalid: ... (it is 513 characters long)\""));
        cases.add(new Config("group starting with aws/ (APPLOG_GROUP)", BadInput.class, Map.of("APPLOG_GROUP", "aws/app"),
                "(it starts with 'aws/')", null, false, false,
                "every invocation fails before the handler runs: \"... may not start with 'aws/' (reserved for AWS services) (it starts with 'aws/')\""));
        cases.add(new Config("stream with ':' (APPLOG_STREAM)", BadInput.class, Map.of("APPLOG_STREAM", "orders:today"),
                "log stream name 'orders:today' is invalid: " + streamRule, null, false, false,
                "every invocation fails before the handler runs: \"APPLOG_STREAM=... log stream name 'orders:today' is "
                        + "invalid: " + streamRule + " ... (found ':' at index 6)\""));
        cases.add(new Config("stream with '*' (APPLOG_STREAM)", BadInput.class, Map.of("APPLOG_STREAM", "orders-*"),
                "(found '*' at index 7)", null, false, false,
                "every invocation fails before the handler runs: \"log stream name 'orders-*' is invalid: ... (found '*' at index 7)\""));
        cases.add(new Config("stream of 600 characters (APPLOG_STREAM)", BadInput.class, Map.of("APPLOG_STREAM", "s".repeat(600)),
                "(it is 600 characters long)", null, false, false,
                "every invocation fails before the handler runs: \"log stream name 'sss...' is invalid: ... (it is 600 characters long)\""));
        cases.add(new Config("unknown format (APPLOG_FORMAT)", BadInput.class, Map.of("APPLOG_FORMAT", "#fancy"),
                "APPLOG_FORMAT=\"#fancy\" (environment, overrides @AppLogging on " + BadInput.class.getName()
                        + ".handleRequest): format '#fancy' is invalid: a format label is one of #standard, #short, #simple, #mini, #json",
                null, false, false, "every invocation fails before the handler runs: \"APPLOG_FORMAT=\"#fancy\" ...: "
                        + "format '#fancy' is invalid: a format label is one of #standard, #short, #simple, #mini, #json...\""));
        cases.add(new Config("unknown format (@AppLogging)", BadInput.FancyFormat.class, Map.of("APPLOG_FORMAT", ""),
                "@AppLogging(format = \"#fancy\") on " + w + "FancyFormat.handleRequest: format '#fancy' is invalid: "
                        + "a format label is one of", null, false, false,
                "every invocation fails before the handler runs: \"@AppLogging(format = \"#fancy\") on ...: format '#fancy' "
                        + "is invalid: a format label is one of ...\""));
        cases.add(new Config("placeholder naming no variable (@AppLogging)", BadInput.BadPlaceholder.class, Map.of("APPLOG_GROUP", ""),
                "@AppLogging(group = \"/app/${not a name}\") on " + w + "BadPlaceholder.handleRequest: group "
                        + "'/app/${not a name}' is invalid: \"${not a name}\" does not name an environment variable",
                null, false, false, "every invocation fails before the handler runs: \"@AppLogging(group = "
                        + "\"/app/${not a name}\") ...: \"${not a name}\" does not name an environment variable: a name is "
                        + "letters, digits and '_'...\""));
        cases.add(new Config("unknown level (APPLOG_LEVEL)", BadInput.class, Map.of("APPLOG_LEVEL", "chatty"),
                null, "applog: unknown log level 'chatty', using INFO", false, false,
                "stored at INFO; one line on stderr: \"applog: unknown log level 'chatty', using INFO. Known levels: ...\""));
        cases.add(new Config("unknown level (@AppLogging)", BadInput.LoudLevel.class, Map.of(),
                null, "applog: unknown log level 'LOUD', using INFO", false, false,
                "stored at INFO; one line on stderr: \"applog: unknown log level 'LOUD', using INFO. Known levels: ...\""));
        cases.add(new Config("empty group (@AppLogging)", BadInput.NoGroup.class, Map.of("APPLOG_GROUP", ""),
                null, null, false, true, "printed on stdout, one line per event, as documented for an empty group "
                + "(the original's behaviour); nothing sent"));
        return cases;
    }

    private List<Row> configuration(Harness harness, LocalLogsServer logs) throws Exception {
        int invocations = harness.size(1, 3);
        int events = harness.size(2, 5);
        List<Config> cases = new ArrayList<>(configCases());
        List<Row> rows = new ArrayList<>();
        Map<String, FunctionConfig> functions = new LinkedHashMap<>();
        Map<String, String> streams = new HashMap<>();
        int n = 0;
        for (Config c : cases) {
            String stream = harness.runId("bad-config");
            streams.put(c.name(), c.environment().getOrDefault("APPLOG_STREAM", stream));
            functions.put(c.name(), harness.function("BadConfig" + n++, c.handler(), stream, 30, c.environment()));
        }
        try (LocalLambda lambda = harness.lambda(logs, name() + "-config").functions(functions.values()).start()) {
            for (Config c : cases) {
                rows.add(config(lambda, logs, functions.get(c.name()), streams.get(c.name()), c, harness.runId("bad"),
                        invocations, events));
            }
        }
        rows.addAll(Endpoints.rows(harness, logs, invocations, events));
        return rows;
    }

    /** Invokes a function with a bad setting and checks its failure, output, and where its events went. */
    static Row config(LocalLambda lambda, LocalLogsServer logs, FunctionConfig function, String stream, Config c,
            String run, int invocations, int events) throws Exception {
        Tally tally = new Tally(run);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < invocations; i++) {
            InvocationResult result = lambda.invoke(function.name(), "{\"run\":\"" + run + "\",\"invocation\":" + i
                    + ",\"events\":" + events + ",\"case\":\"NUL\"}");
            if (c.error() != null) {
                // the handler's body does not run: nothing is logged, and the error must say what to fix
                if (!result.isError()) {
                    problems.add("invocation " + i + " did not fail: " + cut(result.payloadText()));
                } else if (!json(result.payloadText()).path("errorMessage").asText().contains(c.error())) {
                    problems.add("the error does not name the rule (" + cut(c.error()) + "): " + cut(result.payloadText()));
                }
            } else {
                tally.expect(run, i, events);
                if (result.isError() || !result.payloadText().contains("logged")) {
                    problems.add("invocation " + i + ": " + cut(result.payloadText()));
                }
            }
        }
        List<OutputLine> output = lambda.output(function.name());
        if (c.output() != null && output.stream().noneMatch(line -> line.text().contains(c.output()))) {
            problems.add("no line \"" + c.output() + "\" in the function's output");
        }
        tally.stored(events(logs, stream)).output(output);
        if (c.prints()) {
            tally.printedPlainly(output);
        }
        Set<Tally.Allow> allowed = c.fallback() || c.prints() ? Set.of(Tally.Allow.FALLBACK) : Set.of();
        return tally.row(rowName(c.name()), invocations, c.outcome() + " (local Lambda)", allowed, problems);
    }

    /** A TCP port on 127.0.0.1 nothing listens on (taken from the system, then released). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Region and endpoint cases: each needs a local Lambda of its own (they set the services' environment). */
    static final class Endpoints {

        private Endpoints() {
        }

        static List<Row> rows(Harness harness, LocalLogsServer logs, int invocations, int events) throws Exception {
            List<Row> rows = new ArrayList<>();
            String clientFix = "set AWS_REGION (Lambda sets it; elsewhere set it or LoggerConfig.region)";
            rows.add(one(harness, logs, "missing region (AWS_REGION empty)", b -> b.region("").logsEndpoint(logs.endpoint()),
                    Map.of("AWS_EC2_METADATA_DISABLED", "true"), clientFix, true, invocations, events,
                    "fallback: every event on stdout as {\"applog\":\"fallback\",...,\"reason\":\"no CloudWatch Logs client: "
                            + "...\"}, and one diagnostic: \"cannot make a CloudWatch Logs client (...). ... Fix: " + clientFix + "...\""));
            URI refused = URI.create("http://127.0.0.1:" + closedPort());
            rows.add(one(harness, logs, "unreachable endpoint (connection refused)", b -> b.logsEndpoint(refused),
                    Map.of("APPLOG_FLUSH_MARGIN_MS", "200"), "CloudWatch Logs could not be reached in time", true, invocations, events,
                    "retried until the invocation's deadline, then fallback: every event on stdout, and one "
                            + "diagnostic: \"CloudWatch Logs could not be reached in time ... (last error: I/O: ...) ...\""));
            rows.add(one(harness, logs, "no endpoint configured", b -> b.logsEndpoint(null),
                    Map.of("APPLOG_FLUSH_MARGIN_MS", "200"), "applog: ", true, invocations, events,
                    "no endpoint variable: the SDK uses the region's own endpoint (logs.us-east-1.amazonaws.com); "
                            + "from this machine it cannot be reached (with internet access, AWS refuses the local "
                            + "credentials instead): every event in the fallback with one diagnostic; the handler "
                            + "answers as usual"));
            rows.add(one(harness, logs, "empty endpoint variable", b -> b.logsEndpoint(null),
                    Map.of("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "", "AWS_ENDPOINT_URL", logs.endpoint().toString()),
                    null, false, invocations, events,
                    "stored: AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=\"\" counts as unset, AWS_ENDPOINT_URL is used (documented)"));
            rows.add(one(harness, logs, "malformed endpoint", b -> b.logsEndpoint(null),
                    Map.of("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://[not a host"),
                    "cannot make a CloudWatch Logs client", true, invocations, events,
                    "fallback: every event on stdout, and one diagnostic: \"cannot make a CloudWatch Logs client (...)\""));
            return rows;
        }

        private static Row one(Harness harness, LocalLogsServer logs, String name,
                UnaryOperator<LocalLambda.Builder> lambdaSettings, Map<String, String> environment,
                String output, boolean fallback, int invocations, int events, String outcome) throws Exception {
            String stream = harness.runId("bad-endpoint");
            FunctionConfig function = harness.function("BadEndpoint", BadInput.class, stream, 6, environment);
            try (LocalLambda lambda = lambdaSettings.apply(harness.lambda(logs, "bad input " + name)).function(function).start()) {
                return config(lambda, logs, function, stream, new Config(name, BadInput.class, environment, null, output,
                        fallback, false, outcome), harness.runId("bad"), invocations, events);
            }
        }
    }

    // ---- in this JVM, through the library API ---------------------------------------------------------------

    /** Cases only the library API can express (a custom clock) or that fail before any function could run. */
    static final class InProcess {

        private InProcess() {
        }

        static List<Row> rows(Harness harness, LocalLogsServer logs) throws Exception {
            int events = harness.size(3, 20);
            List<Row> rows = new ArrayList<>();
            try (CloudWatchLogsClient client = CloudWatchLogsClient.builder().endpointOverride(logs.endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .build()) {
                rows.add(clock(harness, logs, client, "clock 15 days behind", Duration.ofDays(-15), null, events,
                        "too old (more than 14 days)", "fallback: rejected by CloudWatch Logs as too old; every event on "
                                + "stdout with \"reason\":\"rejected by CloudWatch Logs: too old (more than 14 days)\", one "
                                + "diagnostic naming the clock"));
                rows.add(clock(harness, logs, client, "clock 3 days behind, 1-day retention", Duration.ofDays(-3), 1, events,
                        "expired (older than the group's retention)", "fallback: rejected as expired; every event on stdout "
                                + "with \"reason\":\"rejected by CloudWatch Logs: expired (older than the group's retention)\""));
                rows.add(clock(harness, logs, client, "clock 2 h behind", Duration.ofHours(-2), null, events, null,
                        "stored, with the skewed timestamp (the service takes up to 14 days back)"));
                rows.add(clock(harness, logs, client, "clock 3 h ahead", Duration.ofHours(3), null, events,
                        "too new (more than 2 hours ahead)", "fallback: rejected by CloudWatch Logs as too new; every event "
                                + "on stdout with \"reason\":\"rejected by CloudWatch Logs: too new (more than 2 hours ahead)\""));
                rows.add(counted(harness, logs, client, "null (#short, own stream)", LogFormat.parse("#short"), null,
                        "INFO: reliability: null", events, "stored as \"INFO: reliability: null\" (the id cannot be in "
                        + "the message: counted as the texts \"...: null\" in a stream only this case writes; in-process)"));
                rows.add(counted(harness, logs, client, "empty line (#function, own stream)",
                        LogFormat.of((level, function, caller, message) -> ""), "", "(empty)", events,
                        "stored as \"(empty)\": the service refuses empty messages (counted as the texts \"(empty)\" in "
                        + "a stream only this case writes; in-process, a prefix function that writes nothing)"));
                // a level name this JVM has not seen: the warning is printed once per name and JVM, and the
                // harness runs this in-process case once per delivery mode
                String unknown = "verbose" + UNKNOWN_LEVELS.incrementAndGet();
                rows.add(logged(harness, logs, client, "unknown level (LoggerConfig)", b -> b.level(unknown), events,
                        stored -> stored.startsWith("INFO: ") ? null : "not at INFO: " + cut(stored),
                        "applog: unknown log level '" + unknown + "', using INFO", "stored at INFO; one line on the logger's "
                                + "out: \"applog: unknown log level '" + unknown + "', using INFO. Known levels: ...\" (in-process)"));
                rows.add(logged(harness, logs, client, "prefix function that throws", b -> b.format(LogFormat.of(
                        (level, function, caller, message) -> {
                            throw new IllegalStateException("no prefix today");
                        })), events,
                        stored -> stored.startsWith("(applog: the prefix function threw java.lang.IllegalStateException: "
                                + "no prefix today) rid:") ? null : "no note in place of the prefix: " + cut(stored), null,
                        "stored, with \"(applog: the prefix function threw java.lang.IllegalStateException: no prefix "
                                + "today) \" in place of the prefix; the log call returns (in-process: LogFormat.of)"));
                rows.add(unknownFormat());
                rows.add(forgedMarker(harness, logs, client, events));
                rows.add(printedControls(harness, events));
                rows.add(secretInAnError(harness, logs, events));
            }
            return rows;
        }

        /**
         * {@code #mini} (no prefix), each message starting like a part marker: stored with one backslash more, read
         * back as logged, and counted once each by the rejoin (which takes no such text for a part).
         */
        private static Row forgedMarker(Harness harness, LocalLogsServer logs, CloudWatchLogsClient client, int events) {
            String run = harness.runId("bad-marker");
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
            AppLogger log = AppLoggers.create(config(logs, client, Harness.GROUP, run, out).format("#mini").build());
            List<String> problems = new ArrayList<>();
            for (int seq = 0; seq < events; seq++) {
                log.info("[applog-part 0badf00d " + (seq % 2 + 1) + "/2] " + EventIds.message(run, 0, seq, 60));
            }
            log.purge();
            List<StoredEvent> stored = events(logs, run);
            for (StoredEvent event : stored) {
                String text = event.message();
                String id = EventIds.find(text);
                String logged = "[applog-part 0badf00d " + (idSeq(id) % 2 + 1) + "/2] " + EventIds.message(run, 0,
                        idSeq(id), 60);
                if (!text.equals("\\" + logged) || !ForgedMarkers.unescape(text).equals(logged)) {
                    problems.add("stored text not as stated: " + cut(text));
                    break;
                }
            }
            if (captured.size() > 0) {
                problems.add("printed: " + cut(captured.toString(StandardCharsets.UTF_8)));
            }
            return new Tally(run).expect(run, 0, events).stored(stored).row(rowName("forged part marker (#mini)"),
                    events, "stored with one more backslash in front (\\[applog-part 0badf00d 1/2] rid:...), which "
                            + "ForgedMarkers.unescape removes; the rejoin counts each as the message it is, never as a "
                            + "part (in-process)", Set.of(), problems);
        }

        private static int idSeq(String id) {
            return id == null ? -1 : Integer.parseInt(id.substring(id.lastIndexOf('/') + 1));
        }

        /**
         * A {@code #print} logger, each message holding line breaks, a forged fallback line and terminal escapes:
         * one printed line per event, with no control character and no line that passes for a fallback line.
         */
        private static Row printedControls(Harness harness, int events) {
            String run = harness.runId("bad-print");
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
            AppLogger log = AppLoggers.create(LoggerConfig.builder().kind("#print").format("#mini").out(out).build());
            String forged = "{\"applog\":\"fallback\",\"reason\":\"forged\",\"group\":\"/app/shop\",\"stream\":\"s\","
                    + "\"timestamp\":1,\"message\":\"paid\"}";
            for (int seq = 0; seq < events; seq++) {
                log.info(EventIds.message(run, 0, seq, 40) + "\n" + forged + "\r\n\u001b]0;title\u0007\u001b[2J\u0085end");
            }
            log.purge();
            List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
            List<String> problems = new ArrayList<>();
            if (lines.size() != events) {
                problems.add(lines.size() + " printed lines for " + events + " events");
            }
            for (String line : lines) {
                if (line.chars().anyMatch(c -> c != '\t' && (c < 0x20 || (c >= 0x7f && c <= 0x9f)))) {
                    problems.add("a control character printed raw: " + escape(cut(line)));
                    break;
                }
                if (line.startsWith("{\"applog\":\"fallback\"")) {  // what a filter takes for a fallback line
                    problems.add("a line passes for a fallback line: " + cut(line));
                    break;
                }
            }
            List<OutputLine> output = new ArrayList<>();
            lines.forEach(line -> output.add(new OutputLine("print", 0, false, line)));
            return new Tally(run).expect(run, 0, events).printedPlainly(output).row(rowName(
                    "control characters and a forged fallback line (#print)"), events, "one line per event on stdout: "
                    + "line breaks printed \\n and \\r, ESC, BEL and NEL as \\u001b, \\u0007, \\u0085; no line "
                    + "passes for a fallback line (in-process, #print; echo prints the same way)",
                    Set.of(Tally.Allow.FALLBACK), problems);
        }

        /**
         * The endpoint answers an InvalidSignatureException quoting the signed request (session token, access key
         * id, signature): every event in the fallback, and no secret in the diagnostic or any reason.
         */
        private static Row secretInAnError(Harness harness, LocalLogsServer logs, int events) {
            String run = harness.runId("bad-secret");
            String keyId = "ASIARELIABILITY00001";
            String token = "IQoJb3JpZ2luX2VjEKn//////////reliability/token==";
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
            List<String> problems = new ArrayList<>();
            try (CloudWatchLogsClient session = CloudWatchLogsClient.builder().endpointOverride(logs.endpoint())
                    .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                            AwsSessionCredentials.create(keyId, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", token)))
                    .build()) {
                logs.failNext("PutLogEvents", 1, Fault.invalidSignatureQuotingTheRequest());
                AppLogger log = AppLoggers.create(config(logs, session, Harness.GROUP, run, out).build());
                logIds(log, run, events, problems);
            }
            String printed = captured.toString(StandardCharsets.UTF_8);
            for (String secret : List.of(keyId, token, token.substring(0, 20))) {
                if (printed.contains(secret)) {
                    problems.add("a secret printed: " + secret);
                }
            }
            if (!printed.contains("x-amz-security-token:[redacted]") || !printed.contains("Signature=[redacted]")) {
                problems.add("the diagnostic does not show the redacted error: " + cut(printed));
            }
            List<StoredEvent> stored = events(logs, run);
            return new Tally(run).expect(run, 0, events).stored(stored).printed(printed.lines().toList())
                    .row(rowName("secret in a service error"), events, "fallback: every event on stdout; the "
                            + "diagnostic and each reason name InvalidSignatureException with the session token, "
                            + "Credential= and Signature= values and the access key id replaced by [redacted] (in-process; "
                            + "the endpoint quotes the real signed request)", Set.of(Tally.Allow.FALLBACK), problems);
        }

        /** Logs {@code events} events with ids of {@code run}, a call that throws being a problem, then purges. */
        private static void logIds(AppLogger log, String run, int events, List<String> problems) {
            for (int seq = 0; seq < events; seq++) {
                try {
                    log.info(EventIds.message(run, 0, seq, 100));
                } catch (RuntimeException e) {
                    problems.add("a log call threw " + e);
                }
            }
            log.purge();
        }

        private static LoggerConfig.Builder config(LocalLogsServer logs, CloudWatchLogsClient client, String group,
                String stream, PrintStream out) {
            return LoggerConfig.builder().group(group).stream(stream).format("#short").clientSupplier(() -> client)
                    .out(out).endpoint(logs.endpoint());
        }

        private static Row clock(Harness harness, LocalLogsServer logs, CloudWatchLogsClient client, String name,
                Duration skew, Integer retentionDays, int events, String reason, String outcome) {
            String run = harness.runId("bad-clock");
            String group = retentionDays == null ? Harness.GROUP : Harness.GROUP + "-retention-" + run;
            if (retentionDays != null) {
                client.createLogGroup(b -> b.logGroupName(group));
                client.putRetentionPolicy(b -> b.logGroupName(group).retentionInDays(retentionDays));
            }
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
            Clock skewed = Clock.offset(Clock.systemUTC(), skew);
            AppLogger log = AppLoggers.create(config(logs, client, group, run, out).clock(skewed).build());
            Tally tally = new Tally(run).expect(run, 0, events);
            List<String> problems = new ArrayList<>();
            logIds(log, run, events, problems);
            List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
            List<StoredEvent> stored = logs.streamExists(group, run) ? logs.events(group, run) : List.of();
            tally.stored(stored).printed(lines);
            if (reason != null && lines.stream().noneMatch(l -> l.contains(reason))) {
                problems.add("no fallback line with the reason \"" + reason + "\"");
            }
            long expected = Clock.systemUTC().millis() + skew.toMillis();
            for (StoredEvent event : stored) {
                if (Math.abs(event.timestamp() - expected) > Duration.ofMinutes(10).toMillis()) {
                    problems.add("stored with timestamp " + event.timestamp() + ", not the clock's");
                    break;
                }
            }
            return tally.row(rowName(name), events, outcome + " (in-process: LoggerConfig.clock)",
                    reason == null ? Set.of() : Set.of(Tally.Allow.FALLBACK), problems);
        }

        /**
         * A message that cannot carry its id, logged {@code events} times into a stream of its own: the events are
         * counted as the stored texts equal to {@code storedText} (each given the next id), any other text there
         * being a problem.
         */
        private static Row counted(Harness harness, LocalLogsServer logs, CloudWatchLogsClient client, String name,
                LogFormat format, String message, String storedText, int events, String outcome) {
            String run = harness.runId("bad-counted");
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
            AppLogger log = AppLoggers.create(config(logs, client, Harness.GROUP, run, out).format(format)
                    .function("reliability").build());
            List<String> problems = new ArrayList<>();
            for (int seq = 0; seq < events; seq++) {
                log.info(message);
            }
            log.purge();
            List<StoredEvent> counted = new ArrayList<>();
            for (StoredEvent event : events(logs, run)) {
                if (event.message().equals(storedText)) {
                    counted.add(new StoredEvent(event.timestamp(), "rid:" + EventIds.id(run, 0, counted.size()),
                            event.ingestionTime()));
                } else if (problems.size() < 2) {
                    problems.add("stored text not as stated: " + escape(cut(event.message())));
                }
            }
            String printed = captured.toString(StandardCharsets.UTF_8);
            if (!printed.isEmpty()) {
                problems.add("printed: " + cut(printed));
            }
            return new Tally(run).expect(run, 0, events).stored(counted).row(rowName(name), events, outcome, Set.of(), problems);
        }

        /**
         * {@code events} events with ids logged by a logger with {@code settings}; each stored text checked, and
         * the logger's out must hold {@code printedLine} (null: must be empty).
         */
        private static Row logged(Harness harness, LocalLogsServer logs, CloudWatchLogsClient client, String name,
                UnaryOperator<LoggerConfig.Builder> settings, int events, Function<String, String> check,
                String printedLine, String outcome) {
            String run = harness.runId("bad-logged");
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
            List<String> problems = new ArrayList<>();
            AppLogger log = AppLoggers.create(settings.apply(config(logs, client, Harness.GROUP, run, out)).build());
            Tally tally = new Tally(run).expect(run, 0, events);
            logIds(log, run, events, problems);
            String printed = captured.toString(StandardCharsets.UTF_8);
            if (printedLine == null ? !printed.isEmpty() : !printed.contains(printedLine)) {
                problems.add("the logger's out " + (printedLine == null ? "is not empty" : "lacks \"" + printedLine + "\"")
                        + ": " + cut(printed));
            }
            List<StoredEvent> stored = events(logs, run);
            problems.addAll(checkTexts(run, stored, check));
            tally.stored(stored).printed(printed.lines().toList());
            return tally.row(rowName(name), events, outcome, Set.of(), problems);
        }

        private static Row unknownFormat() {
            List<String> problems = new ArrayList<>();
            String rule = "format '#fancy' is invalid: a format label is one of #standard, #short, #simple, #mini, #json";
            try {
                LoggerConfig.builder().group(Harness.GROUP).format("#fancy").build();
                problems.add("LoggerConfig took the format #fancy");
            } catch (AppLogConfigException e) {
                if (!e.getMessage().contains(rule)) {
                    problems.add("the error does not name the rule: " + e.getMessage());
                }
            }
            return new Row(rowName("unknown format (LoggerConfig)"), 0, 0, 0, 0, 0, 0, "AppLogConfigException when the "
                    + "configuration is built, before any logger exists: \"" + rule + "; any text not starting with '#' "
                    + "is a format string...\" (in-process)", problems);
        }
    }
}
