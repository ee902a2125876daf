package dev.applog.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The destination shared by a CloudWatch logger's {@link EventBuffer} and those of the loggers made from it with
 * {@code withContext}: the group, the {@link Transport}, the counters, the fallback. It delivers shipments, and is
 * the delivery policy: cut into requests at the service's limits, put first, create the group and stream only when the
 * transport says they are missing, retry what its reason says is worth retrying inside the deadline, hand the
 * rest to the fallback. It reads failure reasons only, never an SDK type. It never throws.
 */
final class CloudWatchSink {

    private static final long BACKOFF_BASE_MILLIS = 50;
    private static final long BACKOFF_CAP_MILLIS = 2_000;
    /** Less time than this left: an attempt would only time out, so the events go to the fallback now. */
    private static final long MIN_ATTEMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    final DeliveryConfig config;
    final String group;
    final Fallback fallback;
    final DeliveryCounters counters = new DeliveryCounters();
    private final Transport transport;

    /** A sink over {@code transport}; null for the one the settings choose ({@link Transports#forConfig}). */
    CloudWatchSink(DeliveryConfig config, Transport transport) {
        this.config = config;
        this.group = config.group();
        this.fallback = new Fallback(config.out());
        this.transport = transport != null ? transport : Transports.forConfig(config);
    }

    /**
     * Gets the first request's cost out of the way without storing anything (see {@link Transport#warmUp}), waiting
     * for the transport at most {@code maxWait}. Never throws.
     *
     * @param probe an event for the stream events logged now go to, never stored: the logger's own kind of event,
     *              so that the warm-up runs the sending code with the one event class delivery sees
     * @return true when the sending code ran
     */
    boolean warmUp(Event probe, Duration maxWait) {
        return transport.warmUp(probe, maxWait);
    }

    /** This sink's transport answering in the process ({@link Transport#dryRun()}), or null. */
    Transport dryRunTransport() {
        return transport.dryRun();
    }

    // ---- delivery ------------------------------------------------------------------------------------

    /** Delivers every event of {@code shipment}: stored, or in the fallback. Never throws. */
    void deliver(Shipment shipment) {
        try {
            for (Batcher.Batch batch : Batcher.cut(shipment.events)) {
                putBatch(shipment, batch.stream(), batch.events());
            }
        } catch (RuntimeException | Error e) {
            toFallback(shipment, null, shipment.events, "unexpected error in the sender: " + e);
        } finally {
            // anything not resolved by now (should not happen) still must not be lost
            List<Event> left = shipment.takeAll();
            if (!left.isEmpty()) {
                shipment.markFallback();
                counters.fallback.add(left.size());
                fallback.write(group, null, left, "not delivered");
            }
        }
    }

    private void putBatch(Shipment shipment, String stream, List<Event> batch) {
        int attempt = 0;
        boolean createdOnce = false;
        String lastError = null;
        while (shipment.anyUnresolved(batch)) {
            long remaining = shipment.deadlineNanos() - System.nanoTime();
            if (remaining < Math.min(MIN_ATTEMPT_NANOS, config.requestTimeout().toNanos())) {
                String reason = "not delivered within the delivery deadline"
                        + (lastError == null ? "" : " (last error: " + lastError + ")");
                fallback.deadlineMissed(group, stream, reason);
                toFallback(shipment, stream, batch, reason);
                return;
            }
            Duration attemptTimeout = Duration.ofNanos(Math.min(config.requestTimeout().toNanos(), remaining));
            try {
                Transport.Rejected rejected = transport.putEvents(group, stream, batch, attemptTimeout);
                counters.putRequests.increment();
                accepted(shipment, stream, batch, rejected);
                return;
            } catch (TransportException e) {
                if (e.reason().requestMade()) {
                    counters.putRequests.increment();
                }
                switch (e.reason()) {
                    case NOT_READY:
                        lastError = e.getMessage();  // nothing was sent: wait for the transport while time is left
                        continue;
                    case NO_CLIENT:
                        fallback.noClient(e.getCause());
                        toFallback(shipment, stream, batch, "no CloudWatch Logs client: " + e.getMessage());
                        return;
                    case STREAM_MISSING:
                    case GROUP_MISSING:
                        if (!createdOnce) {
                            createdOnce = true;
                            if (create(stream, shipment, batch)) {
                                continue;
                            }
                            return;
                        }
                        lastError = e.getMessage();  // created, yet not found: eventual consistency; retry with backoff
                        break;
                    case INVALID:
                        // never retried as is: the batch breaks a rule we did not foresee; halve it to isolate the event
                        if (batch.size() > 1) {
                            int half = batch.size() / 2;
                            putBatch(shipment, stream, new ArrayList<>(batch.subList(0, half)));
                            putBatch(shipment, stream, new ArrayList<>(batch.subList(half, batch.size())));
                            return;
                        }
                        fallback.eventRefused(group, stream, e.getMessage());
                        toFallback(shipment, stream, batch, "refused by CloudWatch Logs: " + e.getMessage());
                        return;
                    case ACCESS_DENIED:
                    case CREDENTIALS_REFUSED:
                        refused(shipment, stream, batch, e, "PutLogEvents");
                        return;
                    case NO_CREDENTIALS:
                        fallback.noCredentials(e.getMessage());
                        toFallback(shipment, stream, batch, "no credentials: " + e.getMessage());
                        return;
                    case REFUSED:
                        toFallback(shipment, stream, batch, "refused by CloudWatch Logs: " + e.getMessage());
                        return;
                    default:
                        lastError = e.getMessage();  // throttled, a fault, the connection: retry with backoff
                        break;
                }
            }
            counters.retries.increment();
            backoff(shipment, attempt++);
        }
    }

    /**
     * Creates the missing stream (and the group, when that is what is missing). False when it could not. Starts
     * from the stream whatever the put said was missing: which one the service names is in its message only.
     */
    private boolean create(String stream, Shipment shipment, List<Event> batch) {
        for (int step = 0; step < 2; step++) {
            try {
                counters.createRequests.increment();
                transport.createStream(group, stream, attemptTimeout(shipment));
                return true;
            } catch (TransportException e) {
                if (e.reason() != TransportException.Reason.GROUP_MISSING) {
                    return createFailed(shipment, stream, batch, e, "CreateLogStream");
                }
            }
            try {
                counters.createRequests.increment();
                transport.createGroup(group, attemptTimeout(shipment));
            } catch (TransportException e) {
                if (!createFailed(shipment, stream, batch, e, "CreateLogGroup")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** False (the events in the fallback) when the create was refused for good; else the put that follows decides. */
    private boolean createFailed(Shipment shipment, String stream, List<Event> batch, TransportException e,
                                 String operation) {
        switch (e.reason()) {
            case ACCESS_DENIED:
            case CREDENTIALS_REFUSED:
                refused(shipment, stream, batch, e, operation);
                return false;
            default:
                return true;  // throttled, a fault, I/O: the put that follows retries and decides
        }
    }

    private Duration attemptTimeout(Shipment shipment) {
        long remaining = Math.max(1_000_000L, shipment.deadlineNanos() - System.nanoTime());
        return Duration.ofNanos(Math.min(config.requestTimeout().toNanos(), remaining));
    }

    /** Access denied or credentials refused: nothing to retry; say what to fix, once. */
    private void refused(Shipment shipment, String stream, List<Event> batch, TransportException e, String operation) {
        fallback.refused(group, stream, operation, e.code(), e.reason() == TransportException.Reason.CREDENTIALS_REFUSED,
                e.getMessage());
        toFallback(shipment, stream, batch, operation + " refused: " + e.getMessage());
    }

    private void accepted(Shipment shipment, String stream, List<Event> batch, Transport.Rejected rejected) {
        if (rejected == null || !rejected.any()) {
            counters.sent.add(shipment.take(batch).size());
            return;
        }
        // tooNewStart is inclusive; tooOld and expired ends are exclusive
        int n = batch.size();
        int tooNew = rejected.tooNewStart() < 0 ? n : clamp(rejected.tooNewStart(), n);
        int tooOld = rejected.tooOldEnd() < 0 ? 0 : clamp(rejected.tooOldEnd(), n);
        int expired = rejected.expiredEnd() < 0 ? 0 : clamp(rejected.expiredEnd(), n);
        List<Event> stored = new ArrayList<>();
        List<Event> old = new ArrayList<>();
        List<Event> young = new ArrayList<>();
        List<Event> gone = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i < expired) {
                gone.add(batch.get(i));
            } else if (i < tooOld) {
                old.add(batch.get(i));
            } else if (i >= tooNew) {
                young.add(batch.get(i));
            } else {
                stored.add(batch.get(i));
            }
        }
        counters.sent.add(shipment.take(stored).size());
        int count = old.size() + young.size() + gone.size();
        if (count == 0) {
            return;
        }
        fallback.rejected(group, stream, count);
        toFallback(shipment, stream, gone, "rejected by CloudWatch Logs: expired (older than the group's retention)");
        toFallback(shipment, stream, old, "rejected by CloudWatch Logs: too old (more than 14 days)");
        toFallback(shipment, stream, young, "rejected by CloudWatch Logs: too new (more than 2 hours ahead)");
    }

    private static int clamp(int index, int n) { return Math.max(0, Math.min(index, n)); }

    /** Hands the unresolved events of {@code batch} to the fallback. */
    void toFallback(Shipment shipment, String stream, List<Event> batch, String reason) {
        List<Event> taken = shipment.take(batch);
        if (!taken.isEmpty()) {
            shipment.markFallback();
            counters.fallback.add(taken.size());
            fallback.write(group, stream, taken, reason);
        }
    }

    /**
     * Exponential backoff with equal jitter (a wait between half the cap and the cap), never past the deadline; wakes
     * early when the deadline moves.
     */
    private static void backoff(Shipment shipment, int attempt) {
        long cap = Math.min(BACKOFF_CAP_MILLIS, BACKOFF_BASE_MILLIS << Math.min(attempt, 10));
        long sleepUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        while (true) {
            long now = System.nanoTime();
            long end = Math.min(sleepUntil, shipment.deadlineNanos());
            if (end - now <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(end - now), 50)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
