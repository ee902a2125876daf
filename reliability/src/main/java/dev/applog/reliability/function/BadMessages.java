package dev.applog.reliability.function;

import dev.applog.AppLogger;
import dev.applog.Level;

import java.util.Map;

/**
 * The bad-input scenario's messages, shared by the function that logs them and the scenario that checks what
 * was stored. {@link #message} is the text a case logs for an event id; {@link #log} logs it the case's way.
 */
public final class BadMessages {

    /** The context field that carries the id when the message cannot (null, empty, blank messages). */
    public static final String ID_FIELD = "event_id";

    /** 3 MiB: three times the service's limit for one event, so the logger must split it. */
    public static final int BIG = 3 * 1024 * 1024;

    private BadMessages() {
    }

    /** The message case {@code name} logs for event {@code id} (for null, empty and blank: that message). */
    public static String message(String name, String id) {
        String rid = "rid:" + id;
        switch (name) {
            case "null": return null;
            case "empty": return "";
            case "whitespace": return " \t  \t ";
            case "3 MB": return EventIds.message(idRun(id), idInvocation(id), idSeq(id), BIG);
            case "emoji at split boundaries": {
                // an odd-length ASCII head, then 4-byte characters: the 1 MiB cuts fall inside one unless handled
                StringBuilder text = new StringBuilder(rid).append(" x");
                while (text.length() < 1_400_000) {
                    text.append("\uD83D\uDE00\uD83E\uDD16");  // U+1F600, U+1F916
                }
                return text.toString();
            }
            case "long line without spaces": {
                StringBuilder text = new StringBuilder(rid).append(' ');
                for (int i = 0; text.length() < 200_000; i++) {
                    text.append((char) ('0' + i % 10));
                }
                return text.toString();
            }
            case "unpaired high surrogate": return rid + " high \uD83D alone";
            case "unpaired low surrogate": return rid + " low \uDE00 alone";
            case "other invalid text": return rid + " reversed pair \uDE00\uD83D, noncharacters \uFFFE\uFFFF, BOM \uFEFF";
            case "NUL": return rid + " a\u0000b";
            case "ESC": return rid + " \u001b[31mred\u001b[0m";
            case "DEL": return rid + " a\u007fb";
            case "BEL": return rid + " a\u0007b";
            case "newlines \\n": return rid + " line 1\nline 2\nline 3";
            case "newlines \\r\\n": return rid + " line 1\r\nline 2\r\n";
            case "JSON message (#short)", "JSON message (#json)":
                return "{\"rid\":\"" + rid + "\",\"order\":42,\"items\":[\"a\",\"b\"]}";
            case "broken JSON (#short)", "broken JSON (#json)":
                return "{\"rid\":\"" + rid + "\",\"order\":42,\"items\":[\"a\",";
            case "toString() throws", "getMessage() throws": return rid + " the call failed";
            case "Supplier throws": return rid + " from a supplier that throws";
            case "null level": return rid + " logged with a null level";
            case "logging after purge": return rid + " logged after a purge";
            case "thread still logging after return": return rid + " logged after the handler returned";
            default: throw new IllegalArgumentException("no bad-input case '" + name + "'");
        }
    }

    /** Logs event {@code id} of case {@code name} the way the case does. */
    static void log(String name, AppLogger log, String id) {
        String message = message(name, id);
        switch (name) {
            case "null", "empty", "whitespace" -> log.withContext(Map.of(ID_FIELD, "rid:" + id)).log(Level.INFO, message);
            case "toString() throws" -> log.error(message, new Hostile(true));
            case "getMessage() throws" -> log.error(message, new Hostile(false));
            case "null level" -> log.log((Level) null, message);
            case "Supplier throws" -> log.info(() -> {
                throw new IllegalStateException(message);
            });
            case "logging after purge" -> {
                log.purge();
                log.info(message);
            }
            case "thread still logging after return" -> {
                Thread late = new Thread(() -> {
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    log.info(message);
                }, "still-logging");
                late.start();
            }
            default -> log.info(message);
        }
    }

    /** An exception whose {@code toString()} (or {@code getMessage()}) throws, as some libraries' do. */
    static final class Hostile extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean inToString;

        Hostile(boolean inToString) {
            super("hostile");
            this.inToString = inToString;
        }

        @Override
        public String getMessage() {
            if (!inToString) {
                throw new IllegalStateException("getMessage() of a hostile exception");
            }
            return "hostile";
        }

        @Override
        public String toString() {
            if (inToString) {
                throw new IllegalStateException("toString() of a hostile exception");
            }
            return super.toString();
        }
    }

    private static String idRun(String id) {
        return id.substring(0, id.indexOf('/'));
    }

    private static int idInvocation(String id) {
        return Integer.parseInt(id.substring(id.indexOf('/') + 1, id.lastIndexOf('/')));
    }

    private static int idSeq(String id) {
        return Integer.parseInt(id.substring(id.lastIndexOf('/') + 1));
    }
}
