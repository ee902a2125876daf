package dev.applog.local;

import com.sun.net.httpserver.HttpServer;
import dev.applog.local.lambda.TestApplication;
import dev.applog.local.logs.ExternalTools;
import dev.applog.local.logs.LocalLogsServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every failure of a command names what failed: the endpoint and its address, the refusal, the missing file. */
class FailureMessagesTest {

    private static CommandRun failed(String... args) {
        CommandRun run = CommandRun.of(args);
        assertEquals(1, run.status(), run.err());
        assertFalse(run.err().contains("failed: null"), run.err());
        return run;
    }

    @Test
    void tailWithNothingListeningNamesTheEndpointAndWhatUsuallyServesIt() throws Exception {
        int port = ExternalTools.freePort();
        CommandRun run = failed("tail", "--endpoint", "http://127.0.0.1:" + port, "--group", "/app/shop");
        assertEquals("applog-local tail failed: cannot reach the CloudWatch Logs endpoint http://127.0.0.1:" + port
                + " (FilterLogEvents): connection refused. Is bin/applog-local serve or start running there? "
                + "(--endpoint URL names another endpoint)", run.err().strip());
        CommandRun stream = failed("tail", "--endpoint", "http://127.0.0.1:" + port, "--group", "g", "--stream", "s");
        assertTrue(stream.err().contains("http://127.0.0.1:" + port + " (GetLogEvents): connection refused"),
                stream.err());
    }

    @Test
    void tailOfAMissingGroupOrStreamGivesTheServicesRefusalWithItsCodeAndMessage() {
        try (LocalLogsServer logs = LocalLogsServer.start()) {
            CommandRun group = failed("tail", "--endpoint", logs.endpoint().toString(), "--group", "/app/none");
            assertEquals("applog-local tail failed: the CloudWatch Logs endpoint " + logs.endpoint()
                    + " refused FilterLogEvents for log group /app/none: HTTP 400 ResourceNotFoundException: "
                    + "The specified log group does not exist.", group.err().strip());
            CommandRun stream = failed("tail", "--endpoint", logs.endpoint().toString(), "--group", "/app/none",
                    "--stream", "s1");
            assertTrue(stream.err().contains("refused GetLogEvents for log group /app/none, stream s1: HTTP 400 "
                    + "ResourceNotFoundException: "), stream.err());
        }
    }

    @Test
    void tailAgainstSomethingElseSaysItDoesNotAnswerLikeCloudWatchLogs() throws Exception {
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/", exchange -> {
            byte[] page = "<html><body>Not Found</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        web.start();
        try {
            String url = "http://127.0.0.1:" + web.getAddress().getPort();
            CommandRun run = failed("tail", "--endpoint", url, "--group", "g");
            assertEquals("applog-local tail failed: " + url + " answered FilterLogEvents with HTTP 404 and a body "
                    + "that is not JSON (<html><body>Not Found</body></html>): is it a CloudWatch Logs endpoint?",
                    run.err().strip());
        } finally {
            web.stop(0);
        }
    }

    @Test
    void aMissingEventFileIsNamed() throws Exception {
        Path template = TestApplication.prepare();
        CommandRun run = failed("invoke", "EchoFunction", "-e", "no-such-event.json", "--template", template.toString());
        assertTrue(run.err().contains("applog-local invoke failed: event file no-such-event.json does not exist"),
                run.err());
    }

    @Test
    void aPortInUseIsNamedWithTheOptionThatChoosesAnother() throws Exception {
        Path template = TestApplication.prepare();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CommandRun start = failed("start", "--port", String.valueOf(port), "--logs-port", "0", "--template",
                    template.toString());
            assertTrue(start.err().contains("applog-local start failed: cannot listen on 127.0.0.1:" + port
                    + " for the local Lambda's Invoke API: "), start.err());
            assertTrue(start.err().contains("--port N chooses another port"), start.err());
            CommandRun logs = failed("start", "--port", "0", "--logs-port", String.valueOf(port), "--template",
                    template.toString());
            assertTrue(logs.err().contains("cannot listen on 127.0.0.1:" + port), logs.err());
            CommandRun serve = failed("serve", "--port", String.valueOf(port), "--quiet");
            assertTrue(serve.err().startsWith("applog-local serve failed: cannot listen on 127.0.0.1:" + port
                    + " (is the port in use? use port 0 for a free one): "), serve.err());
        }
    }

    @Test
    void aDemoWithoutItsEventsNamesTheFolderAndTheOptionThatChoosesAnother() throws Exception {
        Path template = TestApplication.prepare();
        CommandRun run = failed("demo", "--template", template.toString(), "--events", "no-such-folder");
        assertTrue(run.err().contains("applog-local demo failed: no events folder no-such-folder (the sample events "
                + "live in events/ next to the template; or give --events DIR)"), run.err());
        CommandRun none = failed("demo", "--template", template.toString(), "--events-glob", "nothing-*.json");
        assertTrue(none.err().contains("no events matching nothing-*.json in "), none.err());
    }

    @Test
    void anExceptionWithoutAMessageIsDescribedByItsKindAndCause() {
        assertEquals("java.lang.IllegalStateException (java.net.ConnectException)",
                Main.describe(new IllegalStateException((String) null, new java.net.ConnectException())));
        assertEquals("outer: inner", Main.describe(new RuntimeException("outer", new RuntimeException("inner"))));
        assertEquals("same", Main.describe(new RuntimeException("same", new RuntimeException("same"))));
    }
}
