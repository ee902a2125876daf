package dev.applog.local.logs;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finding optional tools on the PATH and free ports, for tests that use them when present. */
public final class ExternalTools {

    private ExternalTools() {
    }

    /** The executable {@code name} on the PATH, if any. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A moto_server started on a free port of 127.0.0.1, its output in {@code log}. */
    public record Moto(Process process, java.net.URI endpoint) implements AutoCloseable {
        @Override
        public void close() {
            stop(process);
        }
    }

    /**
     * Starts moto_server from the PATH and waits until it listens; skips the calling test, saying so on the
     * console, when it is not installed.
     */
    public static Moto startMoto(File log) throws IOException, InterruptedException {
        Optional<Path> motoServer = onPath("moto_server");
        org.junit.jupiter.api.Assumptions.assumeTrue(motoServer.isPresent(), "moto_server is not on the PATH "
                + "(pip install 'moto[server]'): the check against moto is skipped");
        int port = freePort();
        Process moto = new ProcessBuilder(motoServer.get().toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log).start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                return new Moto(moto, java.net.URI.create("http://127.0.0.1:" + port));
            } catch (IOException notYet) {
                if (!moto.isAlive() || System.nanoTime() > deadline) {
                    stop(moto);
                    throw new IllegalStateException("moto_server did not start on port " + port + " (see " + log + ")");
                }
                Thread.sleep(100);
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops a process we started, and its children (a shim may have started the real program). */
    public static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
