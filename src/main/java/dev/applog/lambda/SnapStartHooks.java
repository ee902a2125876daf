package dev.applog.lambda;

import dev.applog.AppLogger;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart's runtime hooks (org.crac, which Lambda's Java runtime calls around the snapshot). Before the checkpoint:
 * every event logged so far is stored (a purge of every logger the process built, its requests closing their
 * connections), then every cached credential and HTTP client of the light transports is dropped, so that none is
 * cloned into the environments the snapshot seeds. After the restore: connections kept alive again, the next request
 * makes them fresh with freshly fetched credentials; a {@code {date}} stream is computed from each event's own
 * timestamp, so events after a restore on another day go to that day's stream.
 *
 * <p>Registered only when {@code AWS_LAMBDA_INITIALIZATION_TYPE} is {@code snap-start}: elsewhere org.crac is never
 * loaded. The runtime holds hooks weakly: the registered instance is kept here.
 */
final class SnapStartHooks implements Resource {

    /** How long the purge before the checkpoint may take; the init phase's limit under SnapStart is minutes. */
    static final Duration CHECKPOINT_PURGE = Duration.ofSeconds(10);

    private static SnapStartHooks registered;

    private final Supplier<Iterable<AppLogger>> loggers;
    private final Runnable dropConnections;
    private final Runnable reopenConnections;
    /** How many checkpoints and restores this process went through (tests, diagnostics). */
    volatile int checkpoints;
    volatile int restores;

    SnapStartHooks(Supplier<Iterable<AppLogger>> loggers, Runnable dropConnections, Runnable reopenConnections) {
        this.loggers = loggers;
        this.dropConnections = dropConnections;
        this.reopenConnections = reopenConnections;
    }

    /** Registers the hooks once per JVM when the environment says SnapStart; the registered hooks, or null. */
    static synchronized SnapStartHooks registerIfSnapStart(Function<String, String> environment,
                                                          Supplier<Iterable<AppLogger>> loggers,
                                                          Runnable dropConnections, Runnable reopenConnections) {
        if (!LambdaLogging.SNAP_START.equals(environment.apply(LambdaLogging.INITIALIZATION_TYPE_VARIABLE))) {
            return null;
        }
        if (registered == null) {
            SnapStartHooks hooks = new SnapStartHooks(loggers, dropConnections, reopenConnections);
            Core.getGlobalContext().register(hooks);
            registered = hooks;
        }
        return registered;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        dropConnections.run();  // the purge's requests close their connections
        for (AppLogger logger : loggers.get()) {
            logger.purge(CHECKPOINT_PURGE);
        }
        dropConnections.run();  // the credentials the purge fetched
        checkpoints++;
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        reopenConnections.run();
        restores++;
    }
}
