package dev.applog;

/**
 * A logger setting that breaks a rule: a log group or stream name the service would refuse, an unknown
 * format label or logger kind, a malformed configuration map. Thrown when the logger is made, never by a
 * log call.
 *
 * <p>{@link #getMessage()} reads "{@code <setting> '<value>' is invalid: <rule>}". Callers that know
 * where the value came from (an annotation attribute, an environment variable) can prefix it with
 * {@link #withSource(String)}.
 */
public class AppLogConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String value;
    private final String rule;

    public AppLogConfigException(String setting, String value, String rule) {
        this(setting, value, rule, null);
    }

    private AppLogConfigException(String setting, String value, String rule, String source) {
        super((source == null ? "" : source + ": ") + setting + " '" + value + "' is invalid: " + rule);
        this.setting = setting;
        this.value = value;
        this.rule = rule;
    }

    /** What the value was meant for, e.g. {@code "log group name"}, {@code "format"}. */
    public String setting() { return setting; }

    /** The value refused, as given. */
    public String value() { return value; }

    /** The rule broken, written for a person: what is allowed. */
    public String rule() { return rule; }

    /** The same error, its message prefixed with where the value came from (e.g. {@code "@AppLogging(group)"}). */
    public AppLogConfigException withSource(String source) {
        AppLogConfigException copy = new AppLogConfigException(setting, value, rule, source);
        copy.setStackTrace(getStackTrace());
        return copy;
    }
}
