package dev.applog;

/** {@link CloudWatchOversizeTest} through the light transport ({@link LightLogsTransport}): the same behaviour, asserted the same way. */
class CloudWatchOversizeLightTest extends CloudWatchOversizeTest {
    @Override
    protected boolean lightTransport() {
        return true;
    }
}
