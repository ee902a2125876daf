package dev.applog;

/** {@link CloudWatchOrderTest} through the light transport ({@link LightLogsTransport}): the same behaviour, asserted the same way. */
class CloudWatchOrderLightTest extends CloudWatchOrderTest {
    @Override
    protected boolean lightTransport() {
        return true;
    }
}
