package dev.applog.local.logs;

import java.net.URI;

/** The conformance suite against the local endpoint: every rule enforced. */
class LocalLogsConformanceTest extends LogsConformanceSuite {

    private LocalLogsServer server;

    @Override
    protected URI startEndpoint() {
        server = LocalLogsServer.start();
        return server.endpoint();
    }

    @Override
    protected void stopEndpoint() {
        if (server != null) {
            server.close();
        }
    }
}
