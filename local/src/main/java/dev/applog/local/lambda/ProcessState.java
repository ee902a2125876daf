package dev.applog.local.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's state as Linux shows it in /proc/PID/stat: 'T' stopped (a frozen function), 'R', 'S', ... */
public final class ProcessState {

    private ProcessState() {
    }

    /** The state letter, or '?' when the process is gone or /proc cannot be read. */
    public static char of(long pid) {
        return of(Path.of("/proc", Long.toString(pid), "stat"));
    }

    static char of(Path stat) {
        try {
            String text = Files.readString(stat);
            // the command name in parentheses may hold spaces: the state follows the last ')'
            int close = text.lastIndexOf(')');
            return close < 0 || close + 2 >= text.length() ? '?' : text.charAt(close + 2);
        } catch (IOException e) {
            return '?';
        }
    }
}
