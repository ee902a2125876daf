package dev.applog;

/** {@link SecretRedactionTest} through the light transport: the service's error texts quoting secrets are redacted alike. */
class SecretRedactionLightTest extends SecretRedactionTest {
    @Override
    protected boolean lightTransport() {
        return true;
    }
}
