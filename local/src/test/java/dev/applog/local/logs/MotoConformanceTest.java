package dev.applog.local.logs;

import java.io.File;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

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
            Rule.FILTER_OPTIONAL_AND_EXCLUDED_TERMS, Rule.DESCRIBE_LIMIT, Rule.LOG_GROUP_ARN_IDENTIFIER,
            // moto 5.x matches terms and "quoted phrases" and lets every event through for other patterns
            Rule.FILTER_JSON, Rule.FILTER_SPACE_DELIMITED, Rule.FILTER_REGEX, Rule.FILTER_INVALID_PATTERN);

    private ExternalTools.Moto moto;

    @Override
    protected URI startEndpoint() throws Exception {
        moto = ExternalTools.startMoto(new File("target", "moto-server.log"));
        return moto.endpoint();
    }

    @Override
    protected void stopEndpoint() {
        if (moto != null) {
            moto.close();
        }
    }

    @Override
    protected boolean enforces(Rule rule) {
        return !LENIENT.contains(rule);
    }
}
