package dev.applog.local;

import dev.applog.local.logs.LocalLogsServer;
import dev.applog.local.logs.NetworkDelay;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The command line of the local tools: {@code applog-local <command> [options]}. Each command is one entry
 * of {@link #COMMANDS}; a command returns its exit status, or blocks while it serves.
 */
public final class Main {

    /** Exit status for a command line that cannot be understood. */
    public static final int USAGE_ERROR = 2;

    /** The default port of {@code serve}: fixed, so that a URL written into a config keeps working. */
    public static final int DEFAULT_PORT = 4577;

    /**
     * What {@code serve} tells a client to set: dummy credentials and a region, under both names a region goes by
     * (the Java SDK reads AWS_REGION; the AWS CLI v1 and boto3 only AWS_DEFAULT_REGION, and stop with "You must
     * specify a region" without it). {@code OtherClientsTest} runs the CLI and boto3 with exactly these.
     */
    public static final Map<String, String> CLIENT_ENVIRONMENT = clientEnvironment();

    private static Map<String, String> clientEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();  // in the order printed
        environment.put("AWS_ACCESS_KEY_ID", "test");
        environment.put("AWS_SECRET_ACCESS_KEY", "test");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        return Collections.unmodifiableMap(environment);
    }

    /** A sub-command: parses its own arguments, returns the process exit status. */
    interface Command {
        String synopsis();

        String description();

        int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
    }

    /** Thrown by a command for bad arguments: the message is shown with the usage, exit status 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("serve", new ServeCommand());
        COMMANDS.put("invoke", new LambdaCommands.InvokeCommand());
        COMMANDS.put("start", new LambdaCommands.StartCommand());
        COMMANDS.put("tail", new LambdaCommands.TailCommand());
        COMMANDS.put("demo", new LambdaCommands.DemoCommand());
    }

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command line; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("applog-local: a command is needed.");
            err.print(usage());
            return USAGE_ERROR;
        }
        String name = args[0];
        if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
            out.print(usage());
            return 0;
        }
        Command command = COMMANDS.get(name);
        if (command == null) {
            err.println("applog-local: unknown command '" + name + "'.");
            err.print(usage());
            return USAGE_ERROR;
        }
        try {
            return command.run(new ArrayList<>(Arrays.asList(args).subList(1, args.length)), out, err);
        } catch (UsageException e) {
            err.println("applog-local " + name + ": " + e.getMessage());
            err.print(usage());
            return USAGE_ERROR;
        } catch (Exception e) {
            err.println("applog-local " + name + " failed: " + describe(e));
            return 1;
        }
    }

    /**
     * What went wrong, for a person: the messages along the cause chain, or the exception's kind where there is
     * none (the JDK leaves some messages null, e.g. a refused connection's).
     */
    static String describe(Throwable e) {
        String text = messages(e);
        if (text.isEmpty()) {
            return e.getClass().getName() + (e.getCause() != null ? " (" + e.getCause().getClass().getName() + ")" : "");
        }
        return text;
    }

    /** The distinct non-blank messages along the cause chain, joined with ": "; empty when there are none. */
    static String messages(Throwable e) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < 10; t = t.getCause(), depth++) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString();
    }

    static String usage() {
        StringBuilder text = new StringBuilder("Usage: applog-local <command> [options]\n\nCommands:\n");
        for (Command command : COMMANDS.values()) {
            text.append("  ").append(command.synopsis()).append('\n');
            for (String line : command.description().split("\n")) {
                text.append("      ").append(line).append('\n');
            }
        }
        text.append("  help\n      Show this text.\n");
        return text.toString();
    }

    /** {@code serve}: a local CloudWatch Logs endpoint until the process is stopped (Ctrl-C). */
    static final class ServeCommand implements Command {

        @Override
        public String synopsis() {
            return "serve [--port N] [--legacy-event-limit] [--https] [--quiet] [--put-delay D] "
                    + "[--put-slow-tail 1/N:D] [--delay-seed S] [--put-quota N]";
        }

        @Override
        public String description() {
            return "Run a CloudWatch Logs compatible endpoint on 127.0.0.1 until Ctrl-C.\n"
                    + "--port N               the port (default " + DEFAULT_PORT + "; 0 picks a free one)\n"
                    + "--legacy-event-limit   enforce the old event size limit of "
                    + LocalLogsServer.LEGACY_EVENT_SIZE_LIMIT + " bytes instead of "
                    + LocalLogsServer.EVENT_SIZE_LIMIT + "\n"
                    + "--https                HTTPS with a certificate made for the run (its truststore is printed)\n"
                    + "--quiet                do not print a line per request\n"
                    + "--put-delay D          answer each PutLogEvents after D (30ms, 1.5s), standing for the network\n"
                    + "--put-slow-tail 1/N:D  1 PutLogEvents in N (at random, seeded) waits D instead, e.g. 1/20:150ms\n"
                    + "--delay-seed S         the seed that picks the slow requests (default 1): same seed, same ones\n"
                    + "--put-quota N          the account's PutLogEvents quota: at most N requests in any second,\n"
                    + "                       across every group and stream; beyond it ThrottlingException";
        }

        @Override
        public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
            LocalLogsServer.Builder builder = LocalLogsServer.builder().port(DEFAULT_PORT);
            int eventLimit = LocalLogsServer.EVENT_SIZE_LIMIT;
            boolean quiet = false;
            Duration putDelay = Duration.ZERO;
            String slowTail = null;
            long seed = 1;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--put-delay" -> putDelay = duration(arg, value(args, ++i, arg, "a duration such as 30ms"));
                    case "--put-slow-tail" -> slowTail = value(args, ++i, arg, "1/N:DURATION, e.g. 1/20:150ms");
                    case "--delay-seed" -> seed = seed(value(args, ++i, arg, "a number"));
                    case "--put-quota" -> builder.putLogEventsQuota(quota(value(args, ++i, arg, "a number of requests per second")));
                    case "--port" -> {
                        if (i + 1 >= args.size()) {
                            throw new UsageException("--port needs a number");
                        }
                        builder.port(parsePort(args.get(++i)));
                    }
                    case "--legacy-event-limit" -> eventLimit = LocalLogsServer.LEGACY_EVENT_SIZE_LIMIT;
                    case "--https" -> builder.https(true);
                    case "--quiet" -> quiet = true;
                    default -> {
                        if (arg.startsWith("--port=")) {
                            builder.port(parsePort(arg.substring("--port=".length())));
                        } else {
                            throw new UsageException("unknown option '" + arg + "'");
                        }
                    }
                }
            }
            if (!quiet) {
                DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
                builder.requestListener(line -> out.println(LocalTime.now().format(time) + " " + line));
            }
            NetworkDelay delay = NetworkDelay.fixed(putDelay).seed(seed);
            if (slowTail != null) {
                try {
                    delay = delay.withSlowTail("--put-slow-tail", slowTail);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
            LocalLogsServer server = builder.eventSizeLimit(eventLimit).putLogEventsDelay(delay).start();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "applog-local-shutdown"));
            String url = server.endpoint().toString();
            out.println("applog local CloudWatch Logs endpoint listening on " + url);
            out.println("  event size limit: " + eventLimit + " bytes (UTF-8 message + 26)"
                    + (eventLimit == LocalLogsServer.LEGACY_EVENT_SIZE_LIMIT ? ", the legacy limit" : ""));
            if (delay.delays()) {
                out.println("  PutLogEvents answered after a network delay of " + delay);
            }
            if (server.putLogEventsQuota() > 0) {
                out.println("  account quota: " + server.putLogEventsQuota() + " PutLogEvents per second "
                        + "(beyond it ThrottlingException)");
            }
            out.println("  AWS CLI:  aws --endpoint-url " + url + " logs describe-log-groups");
            out.println("  AWS SDK:  export AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=" + url);
            if (server.certificate() != null) {
                out.println("  HTTPS: a Java client trusts it with JAVA_TOOL_OPTIONS=\"" + server.certificate().javaOptions()
                        + "\" (the truststore is removed when this endpoint stops)");
            }
            out.println("  (any credentials and region will do, e.g. export " + CLIENT_ENVIRONMENT.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(" ")) + ")");
            out.println("Stop with Ctrl-C.");
            out.flush();
            stopped.await();
            return 0;
        }

        private static String value(List<String> args, int at, String option, String what) throws UsageException {
            if (at >= args.size()) {
                throw new UsageException(option + " needs " + what);
            }
            return args.get(at);
        }

        private static Duration duration(String option, String text) throws UsageException {
            try {
                return NetworkDelay.parseDuration(option, text);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }

        private static long seed(String text) throws UsageException {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new UsageException("--delay-seed must be a whole number, got '" + text + "'");
            }
        }

        private static int quota(String text) throws UsageException {
            try {
                int quota = Integer.parseInt(text);
                if (quota >= 1 && quota <= 1_000_000) {
                    return quota;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new UsageException("--put-quota must be a number of requests per second from 1 to 1000000 "
                    + "(the service's default is 5000), got '" + text + "'");
        }

        private static int parsePort(String text) throws UsageException {
            try {
                int port = Integer.parseInt(text);
                if (port < 0 || port > 65_535) {
                    throw new UsageException("--port must be 0..65535, got " + text);
                }
                return port;
            } catch (NumberFormatException e) {
                throw new UsageException("--port must be a number, got '" + text + "'");
            }
        }
    }
}
