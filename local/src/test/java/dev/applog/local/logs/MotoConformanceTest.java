package dev.applog.local.logs;

import java.io.File;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The conformance suite against moto_server, when it is on the PATH, to check that the suite describes the
 * service and not only the local endpoint. The rules moto does not enforce are listed in {@link #LENIENT}
 * and skipped, saying so.
 */
class MotoConformanceTest extends LogsConformanceSuite {

    /** What moto accepts although the service refuses it (found by running the suite against moto 5.x). */
    static final Set<Rule> LENIENT = EnumSet.of(
            Rule.BATCH_BYTES, Rule.BATCH_EVENT_COUNT, Rule.EVENT_SIZE, Rule.EMPTY_MESSAGE, Rule.BATCH_SPAN,
            Rule.GROUP_NAME_CHARACTERS, Rule.RESERVED_GROUP_PREFIX, Rule.STREAM_NAME_LENGTH,
            Rule.STREAM_NAME_CHARACTERS, Rule.TOO_OLD_END_INDEX_EXCLUSIVE, Rule.RETENTION_EXPIRY,
            Rule.RETENTION_VALUES, Rule.FILTER_INTERLEAVED, Rule.GET_END_TIME_EXCLUSIVE,
            Rule.UNKNOWN_OPERATION_SHAPE, Rule.SERIALIZATION_ERROR, Rule.STREAM_ALREADY_EXISTS_MESSAGE,
            Rule.FILTER_OPTIONAL_AND_EXCLUDED_TERMS, Rule.DESCRIBE_LIMIT, Rule.LOG_GROUP_ARN_IDENTIFIER);

    private Process moto;

    @Override
    protected URI startEndpoint() throws Exception {
        Optional<Path> motoServer = ExternalTools.onPath("moto_server");
        assumeTrue(motoServer.isPresent(), "moto_server is not on the PATH (pip install 'moto[server]'): "
                + "the conformance suite against moto is skipped");
        int port = ExternalTools.freePort();
        moto = new ProcessBuilder(motoServer.get().toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(new File("target", "moto-server.log"))
                .start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                break;
            } catch (java.io.IOException notYet) {
                if (!moto.isAlive() || System.nanoTime() > deadline) {
                    ExternalTools.stop(moto);
                    throw new IllegalStateException("moto_server did not start on port " + port
                            + " (see target/moto-server.log)");
                }
                Thread.sleep(100);
            }
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    protected void stopEndpoint() {
        ExternalTools.stop(moto);
    }

    @Override
    protected boolean enforces(Rule rule) {
        return !LENIENT.contains(rule);
    }
}
