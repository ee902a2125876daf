package dev.applog;

/** {@link BadInputLoggingTest} through the light transport ({@link LightLogsTransport}): the same behaviour, asserted the same way. */
class BadInputLoggingLightTest extends BadInputLoggingTest {
    @Override
    protected boolean lightTransport() {
        return true;
    }
}
