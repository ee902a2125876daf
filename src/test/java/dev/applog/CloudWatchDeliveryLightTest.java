package dev.applog;

/** {@link CloudWatchDeliveryTest} through the light transport ({@link LightLogsTransport}): the same behaviour, asserted the same way. */
class CloudWatchDeliveryLightTest extends CloudWatchDeliveryTest {
    @Override
    protected boolean lightTransport() {
        return true;
    }
}
