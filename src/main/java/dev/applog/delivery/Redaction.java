package dev.applog.delivery;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from texts that came from a service or the SDK before they are printed. AWS signature
 * errors have echoed the canonical request and string to sign, which carry the session token, the access key id
 * and the signature; stdout reaches the function's log group, readable by more people than the role's secrets
 * should be. Each secret value becomes {@value #MARK}; the names around it stay, so the text still says what
 * went wrong. Our own code: no maintained library knows these AWS forms, and five patterns are enough. Internal; not
 * API: public for the loggers and the Lambda part, above delivery.
 */
public final class Redaction {

    /** What a secret value is replaced with. */
    public static final String MARK = "[redacted]";

    /** A value ends at white space, a quote, or a separator of a header list, query or JSON text. */
    private static final String VALUE = "[^\\s\"'&,;<>\\\\]+";

    private static final List<Pattern> LABELLED = List.of(
            // X-Amz-Security-Token=... (query string) and x-amz-security-token:... (canonical request header)
            Pattern.compile("(?i)(x-amz-security-token\"?\\s*[:=]\\s*\"?)" + VALUE),
            // Credential=AKIA.../date/region/service/aws4_request (header and X-Amz-Credential= query)
            Pattern.compile("(?i)(credential\\s*=\\s*)" + VALUE),
            // Signature=hex (header and X-Amz-Signature= query)
            Pattern.compile("(?i)(signature\\s*=\\s*)" + VALUE),
            // aws_secret_access_key = ..., "SecretAccessKey": "...", secretAccessKey=...
            Pattern.compile("(?i)((?:aws_)?secret_?access_?key\"?\\s*[:=]?\\s*\"?)[A-Za-z0-9/+]{16,}=*"));

    /** Long-term (AKIA) and temporary (ASIA) access key ids, wherever they stand. */
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b");

    private Redaction() {
    }

    /** {@code text} with every secret value replaced by {@value #MARK}; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Pattern pattern : LABELLED) {
            Matcher matcher = pattern.matcher(result);
            if (matcher.find()) {
                result = matcher.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MARK));
            }
        }
        Matcher key = ACCESS_KEY_ID.matcher(result);
        return key.find() ? key.replaceAll(MARK) : result;
    }

    /** {@link Object#toString()} of a throwable, redacted. */
    public static String redact(Throwable error) {
        return redact(String.valueOf(error));
    }
}
