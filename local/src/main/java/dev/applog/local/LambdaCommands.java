package dev.applog.local;

import dev.applog.local.lambda.EnvVarsOverrides;
import dev.applog.local.lambda.FunctionConfig;
import dev.applog.local.lambda.InvocationResult;
import dev.applog.local.lambda.LocalLambda;
import dev.applog.local.lambda.OutputLine;
import dev.applog.local.lambda.ProcessState;
import dev.applog.local.lambda.SamTemplate;
import dev.applog.local.logs.LocalLogsServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** The commands that run the application's functions: {@code invoke}, {@code start}, {@code tail}, {@code demo}. */
final class LambdaCommands {

    /** The default port of the local Lambda's Invoke API in {@code start} (SAM's {@code start-lambda} uses 3001). */
    static final int DEFAULT_LAMBDA_PORT = 3001;

    private LambdaCommands() {
    }

    /** Options shared by the commands that read a template. */
    private static final class TemplateOptions {
        Path template = Path.of("template.yaml");
        Path envVars;
        String region = "us-east-1";
        String stackName = "applog-local";
        /** The CloudWatch Logs endpoint the functions use; null: a local one started for the command. */
        URI logsEndpoint;
        /** --snapstart: the functions' environments start as SnapStart restores them (hooks, restore/next). */
        boolean snapStart;
        /** --https: the local CloudWatch Logs endpoint serves HTTPS with a certificate made for the run. */
        boolean https;
        final Map<String, String> parameters = new LinkedHashMap<>();

        /** Consumes a template option at args[i]; returns the index of its last word, or -1 if not one. */
        int accept(List<String> args, int i) throws Main.UsageException {
            String arg = args.get(i);
            switch (arg) {
                case "--template", "-t" -> template = Path.of(value(args, i));
                case "--env-vars", "-n" -> envVars = Path.of(value(args, i));
                case "--region" -> region = value(args, i);
                case "--stack-name" -> stackName = value(args, i);
                case "--logs-endpoint" -> logsEndpoint = httpUrl("--logs-endpoint", value(args, i));
                case "--snapstart" -> {
                    snapStart = true;
                    return i;
                }
                case "--https" -> {
                    https = true;
                    return i;
                }
                case "--parameter-overrides" -> {
                    for (String pair : value(args, i).trim().split("\\s+")) {
                        // SAM's long form too: ParameterKey=Stage,ParameterValue=prod
                        java.util.regex.Matcher longForm = java.util.regex.Pattern
                                .compile("ParameterKey=([^,]+),ParameterValue=(.*)").matcher(pair);
                        if (longForm.matches()) {
                            parameters.put(longForm.group(1), longForm.group(2));
                            continue;
                        }
                        int equals = pair.indexOf('=');
                        if (equals <= 0) {
                            throw new Main.UsageException("--parameter-overrides takes Name=Value pairs, got '"
                                    + pair + "'");
                        }
                        parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
                    }
                }
                default -> {
                    return -1;
                }
            }
            return i + 1;
        }

        /**
         * A local Lambda for these options' functions, logging to {@code logs}; with --logs-endpoint, the
         * functions get the caller's AWS credentials when the environment has them (a real account checks them).
         */
        LocalLambda.Builder lambda(List<FunctionConfig> functions, URI logs) {
            LocalLambda.Builder builder = LocalLambda.builder().functions(functions).logsEndpoint(logs).region(region)
                    .initType(snapStart ? "snap-start" : "on-demand");
            if (https && logsEndpoint == null) {
                // the functions trust the local endpoint's certificate as they trust the service's
                builder.javaToolOptions(dev.applog.local.logs.LocalCertificate.forThisRun().javaOptions());
            }
            String key = System.getenv("AWS_ACCESS_KEY_ID");
            String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
            if (logsEndpoint != null && key != null && !key.isBlank() && secret != null && !secret.isBlank()) {
                builder.credentials(key, secret, System.getenv("AWS_SESSION_TOKEN"));
            }
            return builder;
        }

        /** A local CloudWatch Logs endpoint for the command, unless --logs-endpoint names one. */
        LocalLogsServer localLogs(int port) {
            return logsEndpoint != null ? null : LocalLogsServer.builder().port(port).https(https).start();
        }

        SamTemplate load() throws IOException {
            return SamTemplate.load(template, parameters, region, stackName);
        }

        List<FunctionConfig> functions(SamTemplate template, PrintStream err) throws IOException {
            EnvVarsOverrides overrides = envVars == null ? EnvVarsOverrides.none() : EnvVarsOverrides.read(envVars);
            List<FunctionConfig> functions = new ArrayList<>();
            for (FunctionConfig function : template.functionList()) {
                functions.add(overrides.apply(function));
            }
            for (String ignored : overrides.ignored()) {
                err.println("applog-local: --env-vars " + ignored + " is ignored, as sam local does");
            }
            for (FunctionConfig function : functions) {
                for (String endpoint : List.of("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "AWS_ENDPOINT_URL_LAMBDA")) {
                    String value = function.environment().get(endpoint);
                    if (envVars != null && value != null && !value.isBlank()
                            && !value.equals(template.function(function.logicalId()).environment().get(endpoint))) {
                        boolean given = logsEndpoint != null && endpoint.equals("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS");
                        err.println("applog-local: " + function.logicalId() + " " + endpoint + "=" + value
                                + " from --env-vars is replaced by " + (given ? "--logs-endpoint " + logsEndpoint
                                : "the local service's URL"));
                    }
                }
            }
            return functions;
        }
    }

    static URI httpUrl(String option, String url) throws Main.UsageException {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new Main.UsageException(option + " must be an http(s) URL, got '" + url + "'");
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null) {
                throw new Main.UsageException(option + " must name a host, got '" + url + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new Main.UsageException(option + " is not a URL: " + e.getMessage());
        }
    }

    static String value(List<String> args, int i) throws Main.UsageException {
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new Main.UsageException(args.get(i) + " needs a value");
        }
        return args.get(i + 1);
    }

    static int port(String option, String text) throws Main.UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65_535) {
                throw new Main.UsageException(option + " must be 0..65535, got " + text);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new Main.UsageException(option + " must be a number, got '" + text + "'");
        }
    }

    private static Consumer<OutputLine> labelled(PrintStream err) {
        return line -> {
            synchronized (err) {
                err.println(line.labelled());
            }
        };
    }

    private static String templateHelp() {
        return "--template FILE        the SAM template (default ./template.yaml)\n"
                + "--env-vars FILE        {\"FunctionName\": {\"VAR\": \"value\"}, \"Parameters\": {...}} as sam local:\n"
                + "                       only variables the template declares are overridden\n"
                + "--parameter-overrides 'Name=Value ...'   template parameters\n"
                + "--snapstart            run the functions as SnapStart does: init, the beforeCheckpoint hooks,\n"
                + "                       a restore (afterRestore hooks) before the first invocation\n"
                + "--https                the local CloudWatch Logs endpoint speaks HTTPS (a certificate made for\n"
                + "                       the run, trusted by the functions through JAVA_TOOL_OPTIONS)\n"
                + "--logs-endpoint URL    the CloudWatch Logs endpoint the functions use (moto, another local\n"
                + "                       endpoint, https://logs.REGION.amazonaws.com with your credentials)\n"
                + "                       instead of a local one started for the command";
    }

    /** {@code invoke}: like {@code sam local invoke}, without Docker. */
    static final class InvokeCommand implements Main.Command {
        @Override
        public String synopsis() {
            return "invoke FUNCTION [-e event.json] [--env-vars env.json] [--template template.yaml] "
                    + "[--logs-endpoint URL]";
        }

        @Override
        public String description() {
            return "Run one invocation of a template's function (logical id or name) in its own JVM on the\n"
                    + "Lambda Java runtime interface client, with a local CloudWatch Logs endpoint and the other\n"
                    + "functions reachable through the local Invoke API. Prints the response on stdout; on stderr\n"
                    + "the function's stdout/stderr (labelled), Lambda's REPORT line (Duration, Billed Duration,\n"
                    + "Max Memory Used: the JVM's peak RSS, Init Duration on a cold start), then the events logged.\n"
                    + "-e, --event FILE       the event (default {}; - reads stdin)\n"
                    + templateHelp();
        }

        @Override
        public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
            TemplateOptions options = new TemplateOptions();
            String function = null;
            Path event = null;
            for (int i = 0; i < args.size(); i++) {
                int next = options.accept(args, i);
                if (next >= 0) {
                    i = next;
                    continue;
                }
                String arg = args.get(i);
                if (arg.equals("-e") || arg.equals("--event")) {
                    event = Path.of(value(args, i));
                    i++;
                } else if (arg.startsWith("-")) {
                    throw new Main.UsageException("unknown option '" + arg + "'");
                } else if (function == null) {
                    function = arg;
                } else {
                    throw new Main.UsageException("one function at a time, got '" + function + "' and '" + arg + "'");
                }
            }
            if (function == null) {
                throw new Main.UsageException("which function? e.g. invoke OrderFunction -e events/order.json");
            }
            byte[] payload = event == null ? "{}".getBytes(StandardCharsets.UTF_8)
                    : event.toString().equals("-") ? System.in.readAllBytes() : readEvent(event);
            SamTemplate template = options.load();
            String name = template.function(function).name();
            List<FunctionConfig> functions = options.functions(template, err);
            try (LocalLogsServer local = options.localLogs(0)) {
                URI logs = logsUrl(options, local);
                // closed before the events are read: closing waits until the environments have settled, so what
                // a function sends after its response (APPLOG_DELIVERY's default in Lambda, after-response) is stored
                try (LocalLambda lambda = options.lambda(functions, logs).outputListener(labelled(err)).start()) {
                    InvocationResult result = lambda.invoke(name, payload);
                    out.println(result.payloadText());
                    out.flush();
                    if (result.isError()) {
                        err.println("applog-local: " + name + " failed (X-Amz-Function-Error: " + result.functionError()
                                + ")");
                    }
                }
                ByteArrayOutputStream events = new ByteArrayOutputStream();
                PrintStream eventsOut = new PrintStream(events, true, StandardCharsets.UTF_8);
                int count;
                try {
                    count = new LogTail(logs).printAllGroups(eventsOut);
                } catch (IOException e) {
                    err.println("applog-local: cannot read the events back from " + logs + ": " + Main.describe(e));
                    return 0;
                }
                String where = local != null ? "the local CloudWatch Logs endpoint" : logs.toString();
                if (count == 0) {
                    err.println("applog-local: the functions logged no events to " + where);
                } else {
                    err.println("applog-local: events the functions logged to " + where
                            + (local != null ? ":" : " (every log group there):"));
                    err.print(events.toString(StandardCharsets.UTF_8));
                }
                return 0;
            }
        }
    }

    /** The endpoint the functions log to: --logs-endpoint, or the local one started for the command. */
    private static URI logsUrl(TemplateOptions options, LocalLogsServer local) {
        return local != null ? local.endpoint() : options.logsEndpoint;
    }

    static byte[] readEvent(Path event) throws IOException {
        if (!Files.isRegularFile(event)) {
            throw new IllegalArgumentException("event file " + event + " does not exist");
        }
        return Files.readAllBytes(event);
    }

    /** {@code start}: both local services until Ctrl-C. */
    static final class StartCommand implements Main.Command {
        @Override
        public String synopsis() {
            return "start [--port N] [--logs-port N | --logs-endpoint URL] [--template template.yaml] "
                    + "[--env-vars env.json]";
        }

        @Override
        public String description() {
            return "Serve the local CloudWatch Logs endpoint and the local Lambda (Invoke API) together until\n"
                    + "Ctrl-C, printing both URLs; function output, and Lambda's REPORT line for each invocation,\n"
                    + "are printed labelled on stderr.\n"
                    + "--port N               the Invoke API's port (default " + DEFAULT_LAMBDA_PORT + "; 0 = free)\n"
                    + "--logs-port N          the CloudWatch Logs endpoint's port (default " + Main.DEFAULT_PORT
                    + "; 0 = free)\n"
                    + templateHelp();
        }

        @Override
        public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
            TemplateOptions options = new TemplateOptions();
            int lambdaPort = DEFAULT_LAMBDA_PORT;
            Integer logsPort = null;
            for (int i = 0; i < args.size(); i++) {
                int next = options.accept(args, i);
                if (next >= 0) {
                    i = next;
                    continue;
                }
                switch (args.get(i)) {
                    case "--port" -> lambdaPort = port("--port", value(args, i++));
                    case "--logs-port" -> logsPort = port("--logs-port", value(args, i++));
                    default -> throw new Main.UsageException("unknown option '" + args.get(i) + "'");
                }
            }
            if (logsPort != null && options.logsEndpoint != null) {
                throw new Main.UsageException("--logs-port is the port of the local CloudWatch Logs endpoint, which "
                        + "--logs-endpoint replaces: give one of them");
            }
            SamTemplate template = options.load();
            List<FunctionConfig> functions = options.functions(template, err);
            LocalLogsServer local = options.localLogs(logsPort == null ? Main.DEFAULT_PORT : logsPort);
            URI logs = logsUrl(options, local);
            LocalLambda lambda;
            try {
                lambda = options.lambda(functions, logs).port(lambdaPort).outputListener(labelled(err)).start();
            } catch (IOException | RuntimeException e) {
                if (local != null) {
                    local.close();
                }
                throw e;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                lambda.close();
                if (local != null) {
                    local.close();
                }
                stopped.countDown();
            }, "applog-local-shutdown"));
            out.println("applog local CloudWatch Logs endpoint: " + logs
                    + (local == null ? " (--logs-endpoint: not started here)" : ""));
            out.println("applog local Lambda (Invoke API):     " + lambda.endpoint());
            for (FunctionConfig function : functions) {
                out.println("  " + function.name() + " (" + function.handler() + ", " + function.timeoutSeconds()
                        + " s, " + function.memoryMb() + " MB)");
            }
            out.println("  AWS CLI:  aws --endpoint-url " + lambda.endpoint() + " lambda invoke --function-name "
                    + (functions.isEmpty() ? "NAME" : functions.get(0).name())
                    + " --payload fileb://event.json out.json");
            out.println("  read:     bin/applog-local tail --endpoint " + logs + " --group GROUP --follow");
            out.println("  each invocation's REPORT line (Duration, Billed Duration, Max Memory Used, Init Duration)"
                    + " is printed on stderr");
            out.println("Stop with Ctrl-C.");
            out.flush();
            stopped.await();
            return 0;
        }
    }

    /** {@code tail}: a stream or a group, for a person. */
    static final class TailCommand implements Main.Command {
        @Override
        public String synopsis() {
            return "tail --group G [--stream S] [--follow] [--endpoint URL]";
        }

        @Override
        public String description() {
            return "Print a log stream (or a whole group) in timestamp order, one line per event with its UTC\n"
                    + "time; #json events compactly (level, function, correlation id, message).\n"
                    + "--endpoint URL         the CloudWatch Logs endpoint (default http://127.0.0.1:"
                    + Main.DEFAULT_PORT + ")\n"
                    + "--follow               keep printing new events until Ctrl-C";
        }

        @Override
        public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
            URI endpoint = URI.create("http://127.0.0.1:" + Main.DEFAULT_PORT);
            String group = null;
            String stream = null;
            boolean follow = false;
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--endpoint" -> endpoint = httpUrl("--endpoint", value(args, i++));
                    case "--group" -> group = value(args, i++);
                    case "--stream" -> stream = value(args, i++);
                    case "--follow", "-f" -> follow = true;
                    default -> throw new Main.UsageException("unknown option '" + args.get(i) + "'");
                }
            }
            if (group == null) {
                throw new Main.UsageException("--group is required");
            }
            new LogTail(endpoint).print(group, stream, follow, out);
            return 0;
        }
    }

    /** {@code demo}: the sample application end to end, and its one stream. */
    static final class DemoCommand implements Main.Command {

        /** The sample application's entry function and its events folder. */
        static final String DEFAULT_FUNCTION = "OrderFunction";
        static final String DEFAULT_EVENTS = "events";
        /** The entry function's events in the events folder (which also holds other functions' and env.json). */
        static final String DEFAULT_EVENTS_GLOB = "order*.json";

        @Override
        public String synopsis() {
            return "demo [--template template.yaml] [--function " + DEFAULT_FUNCTION + "] [--events "
                    + DEFAULT_EVENTS + "/] [--events-glob '" + DEFAULT_EVENTS_GLOB + "'] [--logs-endpoint URL]";
        }

        @Override
        public String description() {
            return "Run the sample application without Docker (bin/applog-local builds what is missing\n"
                    + "first): start both local services, invoke the entry function once per event file (its\n"
                    + "JVMs frozen between invocations, as in Lambda), then print the application's one stream,\n"
                    + "every function's events interleaved in time order, and the requests by correlation id.\n"
                    + "--function NAME        the entry function (default " + DEFAULT_FUNCTION + ")\n"
                    + "--events DIR           its events' folder (default " + DEFAULT_EVENTS
                    + "/ next to the template)\n"
                    + "--events-glob GLOB     which files there, in name order (default " + DEFAULT_EVENTS_GLOB
                    + ")\n"
                    + templateHelp() + "\n"
                    + "(bin/applog-local runs the repository's template.yaml unless --template is given)";
        }

        @Override
        public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
            TemplateOptions options = new TemplateOptions();
            // bin/applog-local names the repository's root: the demo is its application
            String root = System.getenv("APPLOG_ROOT");
            if (root != null && !root.isBlank()) {
                options.template = Path.of(root, "template.yaml");
            }
            String function = DEFAULT_FUNCTION;
            Path events = null;
            String glob = DEFAULT_EVENTS_GLOB;
            for (int i = 0; i < args.size(); i++) {
                int next = options.accept(args, i);
                if (next >= 0) {
                    i = next;
                    continue;
                }
                switch (args.get(i)) {
                    case "--function" -> function = value(args, i++);
                    case "--events" -> events = Path.of(value(args, i++));
                    case "--events-glob" -> glob = value(args, i++);
                    default -> throw new Main.UsageException("unknown option '" + args.get(i) + "'");
                }
            }
            SamTemplate template = options.load();
            String entry = template.function(function).name();
            Path eventsFolder = events != null ? events : template.file().getParent().resolve(DEFAULT_EVENTS);
            List<Path> eventFiles = eventFiles(eventsFolder, glob);
            List<FunctionConfig> functions = options.functions(template, err);
            requireBuilt(functions);
            try (LocalLogsServer local = options.localLogs(0);
                    // each invocation's whole effect before the next: its functions' events stored after the
                    // response too (after-response delivery), each environment frozen and ready again
                    LocalLambda lambda = options.lambda(functions, logsUrl(options, local)).outputListener(line -> { })
                            .awaitExtensions(true).start()) {
                URI logs = logsUrl(options, local);
                out.println("== " + template.file().getFileName() + ": " + functions.size() + " functions, each in its"
                        + " own JVM; " + (local != null ? "local " : "") + "CloudWatch Logs at " + logs + " ==");
                for (Path eventFile : eventFiles) {
                    InvocationResult result = lambda.invoke(entry, readEvent(eventFile));
                    out.println(entry + " <- " + eventsFolder.relativize(eventFile) + " ("
                            + (result.coldStart() ? "cold" : "warm") + "): "
                            + (result.isError() ? "ERROR " : "") + result.payloadText());
                }
                List<String> jvms = new ArrayList<>();
                for (FunctionConfig each : functions) {
                    for (long pid : lambda.pids(each.name())) {
                        jvms.add(each.name() + " pid " + pid + (ProcessState.of(pid) == 'T' ? " (frozen)" : ""));
                    }
                }
                out.println("function JVMs now: " + (jvms.isEmpty() ? "none" : String.join(", ", jvms)));
                out.println();
                out.println("== the application's stream: every function's events in time order ==");
                List<String> messages = new ArrayList<>();
                int printed = new LogTail(logs, messages::add).printAllGroups(out);
                out.println();
                List<String> summary = LogTail.correlationSummary(messages);
                if (summary.isEmpty()) {
                    out.println(printed + " events.");
                } else {
                    out.println(printed + " events. The requests, by correlation id (follow one with "
                            + "bin/applog-local demo | grep <correlation id>):");
                    summary.forEach(out::println);
                }
                List<OutputLine> fallback = lambda.output().stream()
                        .filter(line -> line.text().startsWith("{\"applog\":\"fallback\"")
                                || line.text().startsWith("applog: ")).toList();
                for (OutputLine line : fallback) {
                    err.println(line.labelled());
                }
                return 0;
            }
        }

        private static List<Path> eventFiles(Path folder, String glob) throws IOException {
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("no events folder " + folder + " (the sample events live in "
                        + DEFAULT_EVENTS + "/ next to the template; or give --events DIR)");
            }
            java.nio.file.PathMatcher matcher = folder.getFileSystem().getPathMatcher("glob:" + glob);
            try (Stream<Path> files = Files.list(folder)) {
                // by name without the extension: order.json before order-declined.json
                List<Path> events = files.filter(f -> Files.isRegularFile(f) && matcher.matches(f.getFileName()))
                        .sorted(java.util.Comparator.comparing(f -> f.getFileName().toString().replaceAll("\\.json$", "")))
                        .toList();
                if (events.isEmpty()) {
                    throw new IllegalArgumentException("no events matching " + glob + " in " + folder
                            + " (--events-glob GLOB chooses them)");
                }
                return events;
            }
        }

        /** bin/applog-local builds a fresh clone before the demo; anything still missing is named here. */
        private static void requireBuilt(List<FunctionConfig> functions) throws IOException {
            for (FunctionConfig function : functions) {
                if (!built(function.code())) {
                    throw new IllegalStateException(function.logicalId() + "'s code " + function.code()
                            + " is not built: run ./mvnw -q -B -ntp -DskipTests package from the repository's root");
                }
                for (Path layer : function.layers()) {
                    if (!Files.exists(layer)) {
                        throw new IllegalStateException("layer " + layer + " of " + function.logicalId()
                                + " is not built: run ./mvnw -q -B -ntp -DskipTests package from the repository's root");
                    }
                }
            }
        }

        private static boolean built(Path code) throws IOException {
            if (!Files.exists(code)) {
                return false;
            }
            if (Files.isDirectory(code) && Files.isRegularFile(code.resolve("pom.xml"))) {
                Path target = code.resolve("target");
                if (!Files.isDirectory(target)) {
                    return false;
                }
                try (Stream<Path> files = Files.list(target)) {
                    return files.anyMatch(f -> f.getFileName().toString().endsWith(".jar"));
                }
            }
            return true;
        }
    }
}
