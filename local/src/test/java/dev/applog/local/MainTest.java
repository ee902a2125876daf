package dev.applog.local;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: usage errors in-process, and {@code serve} as a real process a client talks to. */
class MainTest {

    @Test
    void aMissingOrUnknownCommandPrintsUsageOnStderrAndExits2() {
        for (String[] args : List.of(new String[0], new String[] {"bogus"}, new String[] {"--port", "1"})) {
            CommandRun outcome = CommandRun.of(args);
            assertEquals(Main.USAGE_ERROR, outcome.status(), String.join(" ", args));
            assertTrue(outcome.err().contains("Usage: applog-local <command>"), outcome.err());
            assertTrue(outcome.err().contains("serve [--port N] [--legacy-event-limit] [--https] [--quiet]"), outcome.err());
            assertEquals("", outcome.out());
        }
        assertTrue(CommandRun.of("bogus").err().contains("unknown command 'bogus'"));
    }

    @Test
    void badServeOptionsPrintWhatIsWrongAndExit2() {
        CommandRun unknown = CommandRun.of("serve", "--verbose");
        assertEquals(Main.USAGE_ERROR, unknown.status());
        assertTrue(unknown.err().contains("unknown option '--verbose'"), unknown.err());
        assertTrue(CommandRun.of("serve", "--port").err().contains("--port needs a number"));
        assertTrue(CommandRun.of("serve", "--port", "http").err().contains("--port must be a number, got 'http'"));
        assertTrue(CommandRun.of("serve", "--port", "70000").err().contains("--port must be 0..65535"));
        for (CommandRun outcome : List.of(CommandRun.of("serve", "--port"), CommandRun.of("serve", "--port", "http"))) {
            assertEquals(Main.USAGE_ERROR, outcome.status());
        }
    }

    @Test
    void helpPrintsUsageOnStdoutAndExits0() {
        CommandRun help = CommandRun.of("help");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("serve [--port N]"), help.out());
        assertEquals(0, CommandRun.of("--help").status());
    }

    @Test
    void everyOptionTheHelpListsIsDocumented() throws Exception {
        String docs = java.nio.file.Files.readString(Path.of("../docs/local-lambda.md"))
                + java.nio.file.Files.readString(Path.of("../docs/local-endpoint.md"));
        java.util.regex.Matcher option = java.util.regex.Pattern.compile("--[a-z][a-z-]*").matcher(Main.usage());
        List<String> undocumented = new ArrayList<>();
        while (option.find()) {
            if (!docs.contains(option.group()) && !undocumented.contains(option.group())) {
                undocumented.add(option.group());
            }
        }
        assertEquals(List.of(), undocumented, "options in bin/applog-local help that docs/local-*.md do not mention");
    }

    @Test
    void servePrintsTheEndpointAndHowToUseItThenServesUntilStopped() throws Exception {
        try (ServeProcess serve = ServeProcess.start("--legacy-event-limit")) {
            String first = serve.banner.get(0);
            assertTrue(first.startsWith("applog local CloudWatch Logs endpoint listening on http://127.0.0.1:"), first);
            String url = serve.url;
            String text = serve.bannerText();
            assertTrue(text.contains("aws --endpoint-url " + url + " logs"), text);
            assertTrue(text.contains("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=" + url), text);
            assertTrue(text.contains("262144"), "names the legacy limit: " + text);

            try (CloudWatchLogsClient logs = serve.client()) {
                logs.createLogGroup(r -> r.logGroupName("/served"));
                logs.createLogStream(r -> r.logGroupName("/served").logStreamName("s"));
                long now = System.currentTimeMillis();
                logs.putLogEvents(r -> r.logGroupName("/served").logStreamName("s")
                        .logEvents(InputLogEvent.builder().timestamp(now).message("served").build()));
                assertEquals("served", logs.getLogEvents(r -> r.logGroupName("/served").logStreamName("s"))
                        .events().get(0).message());
                InvalidParameterException tooLarge = assertThrows(InvalidParameterException.class,
                        () -> logs.putLogEvents(r -> r.logGroupName("/served").logStreamName("s").logEvents(
                                InputLogEvent.builder().timestamp(now).message("x".repeat(262_144 - 25)).build())));
                assertTrue(tooLarge.getMessage().contains("exceeds limit of 262144"), tooLarge.getMessage());
            }
            String activity = serve.nextLines(3);
            assertTrue(activity.contains("CreateLogGroup /served: ok"), activity);
            assertTrue(activity.contains("CreateLogStream /served s: ok"), activity);
            assertTrue(activity.contains("PutLogEvents /served s: 1 events stored"), activity);
            assertTrue(serve.stop(), "serve stops when asked");  // SIGTERM, like Ctrl-C: the shutdown hook closes the server
            assertFalse(serve.process.isAlive());
        }
    }
}
