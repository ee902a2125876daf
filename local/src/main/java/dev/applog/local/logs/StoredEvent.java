package dev.applog.local.logs;

/**
 * One event as the local endpoint stored it.
 *
 * @param timestamp     the event's own time, epoch milliseconds, as the client sent it
 * @param message       the message, unchanged
 * @param ingestionTime when the endpoint accepted it, epoch milliseconds of the server's clock
 */
public record StoredEvent(long timestamp, String message, long ingestionTime) {}
