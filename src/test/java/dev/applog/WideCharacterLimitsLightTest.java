package dev.applog;

/** {@link WideCharacterLimitsTest} through the light transport ({@link LightLogsTransport}): the same behaviour, asserted the same way. */
class WideCharacterLimitsLightTest extends WideCharacterLimitsTest {
    @Override
    protected boolean lightTransport() {
        return true;
    }
}
