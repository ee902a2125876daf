package dev.applog.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * CloudWatch Logs' filter pattern syntax, as its "Filter pattern syntax" documentation describes it, in its
 * three forms:
 * <ul>
 *   <li>term patterns: terms separated by spaces that must all occur, {@code "quoted phrases"}, {@code ?term}
 *       of which at least one must occur, {@code -term} that must not occur, {@code %regex%};</li>
 *   <li>JSON patterns, for events that are JSON objects: {@code { $.level = "ERROR" }}, with {@code &&},
 *       {@code ||} and parentheses; {@code =} and {@code !=} against strings (quoted or not, {@code *} a
 *       wildcard), numbers or {@code %regex%}; {@code < > <= >=} against numbers; {@code IS TRUE},
 *       {@code IS FALSE}, {@code IS NULL}, {@code EXISTS}, {@code NOT EXISTS}; selectors such as
 *       {@code $.user.id}, {@code $.users[0].email};</li>
 *   <li>space-delimited patterns, {@code [ip, user, ..., status = 4*, bytes > 1000]}: one name per field of
 *       the event (split at spaces; a field in {@code "..."} or {@code [...]} is one field), {@code ...} for
 *       any number of fields, conditions on a field joined by {@code &&} and {@code ||}.</li>
 * </ul>
 * Matching is case-sensitive, like the service's. A condition on a JSON field the event lacks does not match,
 * {@code !=} included. A pattern the syntax does not allow is refused with InvalidParameterException, as the
 * service refuses it. Regular expressions are Java's, a superset of the subset the service accepts.
 * Written here rather than taken from a library: no maintained Java library implements this syntax.
 */
final class FilterPattern {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Predicate<String> matcher;

    private FilterPattern(Predicate<String> matcher) {
        this.matcher = matcher;
    }

    static FilterPattern parse(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            return new FilterPattern(message -> true);
        }
        String text = pattern.strip();
        if (text.startsWith("{")) {
            return new FilterPattern(new JsonParser(pattern, text).parse());
        }
        if (text.startsWith("[")) {
            return new FilterPattern(new DelimitedParser(pattern, text).parse());
        }
        return new FilterPattern(terms(pattern, text));
    }

    boolean matches(String message) {
        return matcher.test(message);
    }

    static LogsServiceException invalid(String pattern, String rule) {
        return LogsServiceException.invalidParameter("Invalid filter pattern '" + pattern + "': " + rule);
    }

    // ---------------------------------------------------------------- term patterns

    private static Predicate<String> terms(String pattern, String text) {
        List<Predicate<String>> required = new ArrayList<>();
        List<Predicate<String>> optional = new ArrayList<>();
        List<Predicate<String>> excluded = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            List<Predicate<String>> target = required;
            if (c == '?' || c == '-') {
                target = c == '?' ? optional : excluded;
                i++;
                if (i >= text.length() || text.charAt(i) == ' ') {
                    throw invalid(pattern, "'" + c + "' must be followed by a term.");
                }
                c = text.charAt(i);
            }
            if (c == '"') {
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    throw invalid(pattern, "a quoted phrase is not closed.");
                }
                String phrase = text.substring(i + 1, close);
                target.add(message -> message.contains(phrase));
                i = close + 1;
            } else if (c == '%') {
                int close = text.indexOf('%', i + 1);
                if (close < 0) {
                    throw invalid(pattern, "a regular expression %...% is not closed.");
                }
                Pattern regex = regex(pattern, text.substring(i + 1, close));
                target.add(message -> regex.matcher(message).find());
                i = close + 1;
            } else {
                int end = i;
                while (end < text.length() && text.charAt(end) != ' ' && text.charAt(end) != '\t') {
                    end++;
                }
                String term = text.substring(i, end);
                target.add(message -> message.contains(term));
                i = end;
            }
        }
        return message -> {
            for (Predicate<String> term : required) {
                if (!term.test(message)) {
                    return false;
                }
            }
            for (Predicate<String> term : excluded) {
                if (term.test(message)) {
                    return false;
                }
            }
            return optional.isEmpty() || optional.stream().anyMatch(term -> term.test(message));
        };
    }

    private static Pattern regex(String pattern, String expression) {
        if (expression.isEmpty()) {
            throw invalid(pattern, "a regular expression %...% is empty.");
        }
        try {
            return Pattern.compile(expression);
        } catch (PatternSyntaxException e) {
            throw invalid(pattern, "the regular expression %" + expression + "% is not valid: " + e.getDescription()
                    + ".");
        }
    }

    // ---------------------------------------------------------------- values shared by JSON and space-delimited

    /** The right-hand side of a comparison: a string (quoted or not, * a wildcard), a number, or a regex. */
    private record Value(String text, boolean quoted, Pattern regex, BigDecimal number) {

        static Value of(String pattern, String token, boolean quoted) {
            if (!quoted && token.length() >= 2 && token.startsWith("%") && token.endsWith("%")) {
                return new Value(token, false, FilterPattern.regex(pattern, token.substring(1, token.length() - 1)), null);
            }
            BigDecimal number = null;
            if (!quoted) {
                try {
                    number = new BigDecimal(token);
                } catch (NumberFormatException notANumber) {
                    // a string
                }
            }
            return new Value(token, quoted, null, number);
        }

        /** String equality with * matching any run of characters, or the regex found in the text. */
        boolean matchesText(String candidate) {
            if (regex != null) {
                return regex.matcher(candidate).find();
            }
            if (text.indexOf('*') < 0) {
                return candidate.equals(text);
            }
            List<String> parts = new ArrayList<>();
            for (String part : text.split("\\*", -1)) {
                parts.add(Pattern.quote(part));
            }
            return Pattern.compile(String.join(".*", parts), Pattern.DOTALL).matcher(candidate).matches();
        }
    }

    private static boolean compare(String op, BigDecimal actual, BigDecimal expected) {
        int order = actual.compareTo(expected);
        return switch (op) {
            case "=" -> order == 0;
            case "!=" -> order != 0;
            case "<" -> order < 0;
            case ">" -> order > 0;
            case "<=" -> order <= 0;
            case ">=" -> order >= 0;
            default -> throw new IllegalStateException(op);
        };
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A field's text compared with a value: numerically when both are numbers, else as strings (= and != only). */
    private static boolean compareText(String op, String actual, Value value) {
        if (value.number() != null) {
            BigDecimal number = number(actual);
            if (number != null) {
                return compare(op, number, value.number());
            }
            if (!op.equals("=") && !op.equals("!=")) {
                return false;
            }
        }
        boolean equal = value.matchesText(actual);
        return op.equals("=") == equal;
    }

    // ---------------------------------------------------------------- a small tokenizer for both structured forms

    private static class Tokens {
        final String pattern;
        final String text;
        int position;

        Tokens(String pattern, String text, int position) {
            this.pattern = pattern;
            this.text = text;
            this.position = position;
        }

        void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        boolean atEnd() {
            skipSpaces();
            return position >= text.length();
        }

        boolean consume(String symbol) {
            skipSpaces();
            if (text.startsWith(symbol, position)) {
                position += symbol.length();
                return true;
            }
            return false;
        }

        /** A keyword (IS, NOT, EXISTS, TRUE, FALSE, NULL), whole-word and case-insensitive. */
        boolean consumeWord(String word) {
            skipSpaces();
            int end = position + word.length();
            if (text.regionMatches(true, position, word, 0, word.length())
                    && (end >= text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                position = end;
                return true;
            }
            return false;
        }

        char peek() {
            skipSpaces();
            return position < text.length() ? text.charAt(position) : '\0';
        }

        String operator() {
            skipSpaces();
            for (String op : List.of("!=", "<=", ">=", "=", "<", ">")) {
                if (text.startsWith(op, position)) {
                    position += op.length();
                    return op;
                }
            }
            return null;
        }

        /** A value after an operator: "quoted" (with \" inside), %regex%, or a bare word up to a delimiter. */
        Value value(String delimiters) {
            skipSpaces();
            if (position >= text.length()) {
                throw invalid(pattern, "a value is missing after the operator at the end.");
            }
            char c = text.charAt(position);
            if (c == '"') {
                StringBuilder value = new StringBuilder();
                int i = position + 1;
                while (i < text.length() && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < text.length()) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                if (i >= text.length()) {
                    throw invalid(pattern, "a quoted value is not closed.");
                }
                position = i + 1;
                return Value.of(pattern, value.toString(), true);
            }
            if (c == '%') {
                int close = text.indexOf('%', position + 1);
                if (close < 0) {
                    throw invalid(pattern, "a regular expression %...% is not closed.");
                }
                String token = text.substring(position, close + 1);
                position = close + 1;
                return Value.of(pattern, token, false);
            }
            int end = position;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))
                    && delimiters.indexOf(text.charAt(end)) < 0 && !text.startsWith("&&", end)
                    && !text.startsWith("||", end)) {
                end++;
            }
            if (end == position) {
                throw invalid(pattern, "a value is missing at position " + (position + 1) + ".");
            }
            String token = text.substring(position, end);
            position = end;
            return Value.of(pattern, token, false);
        }

        LogsServiceException unexpected(String expected) {
            skipSpaces();
            String rest = position >= text.length() ? "the end" : "'" + text.substring(position,
                    Math.min(text.length(), position + 20)) + "'";
            return invalid(pattern, expected + " expected at position " + (position + 1) + ", found " + rest + ".");
        }
    }

    // ---------------------------------------------------------------- JSON patterns

    private static final class JsonParser extends Tokens {

        JsonParser(String pattern, String text) {
            super(pattern, text, 0);
        }

        Predicate<String> parse() {
            consume("{");
            if (!text.endsWith("}")) {
                throw invalid(pattern, "a JSON pattern ends with '}'.");
            }
            Predicate<JsonNode> expression = or();
            if (!consume("}")) {
                throw unexpected("'&&', '||', ')' or '}'");
            }
            if (!atEnd()) {
                throw unexpected("nothing after the closing '}'");
            }
            return message -> {
                String trimmed = message.strip();
                if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
                    return false;
                }
                try {
                    return expression.test(JSON.readTree(trimmed));
                } catch (IOException notJson) {
                    return false;
                }
            };
        }

        private Predicate<JsonNode> or() {
            Predicate<JsonNode> left = and();
            while (consume("||")) {
                left = left.or(and());
            }
            return left;
        }

        private Predicate<JsonNode> and() {
            Predicate<JsonNode> left = primary();
            while (consume("&&")) {
                left = left.and(primary());
            }
            return left;
        }

        private Predicate<JsonNode> primary() {
            if (consume("(")) {
                Predicate<JsonNode> inner = or();
                if (!consume(")")) {
                    throw unexpected("')'");
                }
                return inner;
            }
            return condition();
        }

        private Predicate<JsonNode> condition() {
            List<Object> selector = selector();
            if (consumeWord("IS")) {
                if (consumeWord("TRUE")) {
                    return event -> resolve(event, selector).isBoolean() && resolve(event, selector).booleanValue();
                }
                if (consumeWord("FALSE")) {
                    return event -> resolve(event, selector).isBoolean() && !resolve(event, selector).booleanValue();
                }
                if (consumeWord("NULL")) {
                    return event -> resolve(event, selector).isNull();
                }
                throw unexpected("TRUE, FALSE or NULL after IS");
            }
            if (consumeWord("EXISTS")) {
                return event -> !resolve(event, selector).isMissingNode();
            }
            if (consumeWord("NOT")) {
                if (consumeWord("EXISTS")) {
                    return event -> resolve(event, selector).isMissingNode();
                }
                throw unexpected("EXISTS after NOT");
            }
            String op = operator();
            if (op == null) {
                throw unexpected("an operator (= != < > <= >=, IS, EXISTS or NOT EXISTS) after the selector");
            }
            Value value = value("()}");
            if (!op.equals("=") && !op.equals("!=") && value.number() == null) {
                throw invalid(pattern, "'" + op + "' compares numbers, and " + (value.quoted() ? "\"" + value.text()
                        + "\"" : value.text()) + " is not a number.");
            }
            return event -> {
                JsonNode field = resolve(event, selector);
                if (field.isMissingNode() || field.isNull() || field.isContainerNode()) {
                    return false;
                }
                if (field.isNumber() && value.number() != null) {
                    return compare(op, field.decimalValue(), value.number());
                }
                if (value.number() != null && !op.equals("=") && !op.equals("!=")) {
                    return false; // < > <= >= compare numbers only
                }
                return op.equals("=") == value.matchesText(field.asText());
            };
        }

        /** $.a.b[0].c: field names and array indexes. */
        private List<Object> selector() {
            skipSpaces();
            if (!consume("$")) {
                throw unexpected("a selector starting with '$'");
            }
            List<Object> steps = new ArrayList<>();
            while (position < text.length()) {
                char c = text.charAt(position);
                if (c == '.') {
                    int start = ++position;
                    while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                            || "_-@$:".indexOf(text.charAt(position)) >= 0)) {
                        position++;
                    }
                    if (position == start) {
                        throw unexpected("a field name after '.'");
                    }
                    steps.add(text.substring(start, position));
                } else if (c == '[') {
                    int close = text.indexOf(']', position);
                    String index = close < 0 ? "" : text.substring(position + 1, close).strip();
                    if (!index.matches("\\d+")) {
                        throw invalid(pattern, "an array selector takes an index, as in $.items[0].");
                    }
                    steps.add(Integer.parseInt(index));
                    position = close + 1;
                } else {
                    break;
                }
            }
            if (steps.isEmpty()) {
                throw invalid(pattern, "a selector names a field, as in $.level.");
            }
            return steps;
        }

        private static JsonNode resolve(JsonNode event, List<Object> selector) {
            JsonNode node = event;
            for (Object step : selector) {
                node = step instanceof Integer index ? node.path(index) : node.path((String) step);
                if (node.isMissingNode()) {
                    return MissingNode.getInstance();
                }
            }
            return node;
        }
    }

    // ---------------------------------------------------------------- space-delimited patterns

    /** One field of a space-delimited pattern: {@code ...}, a name, or a name with conditions. */
    private record Field(String name, Predicate<String> condition, boolean ellipsis) {}

    private static final class DelimitedParser extends Tokens {

        DelimitedParser(String pattern, String text) {
            super(pattern, text, 0);
        }

        Predicate<String> parse() {
            consume("[");
            List<Field> fields = new ArrayList<>();
            List<String> names = new ArrayList<>();
            if (consume("]")) {
                throw invalid(pattern, "a space-delimited pattern names at least one field, as in [ip, user, ...].");
            }
            do {
                Field field = field();
                if (!field.ellipsis()) {
                    if (names.contains(field.name())) {
                        throw invalid(pattern, "the field name '" + field.name() + "' is used twice.");
                    }
                    names.add(field.name());
                }
                fields.add(field);
            } while (consume(","));
            if (!consume("]")) {
                throw unexpected("',' or ']'");
            }
            if (!atEnd()) {
                throw unexpected("nothing after the closing ']'");
            }
            return message -> matchFields(fields, 0, split(message), 0);
        }

        private Field field() {
            if (consume("...")) {
                return new Field(null, value -> true, true);
            }
            String name = name();
            Predicate<String> condition = orCondition(name);
            return new Field(name, condition, false);
        }

        private String name() {
            skipSpaces();
            int start = position;
            while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position))
                    || text.charAt(position) == '_' || text.charAt(position) == '-')) {
                position++;
            }
            if (start == position) {
                throw unexpected("a field name or '...'");
            }
            return text.substring(start, position);
        }

        private Predicate<String> orCondition(String name) {
            Predicate<String> left = andCondition(name, true);
            while (consume("||")) {
                left = left.or(andCondition(name, false));
            }
            return left;
        }

        private Predicate<String> andCondition(String name, boolean first) {
            Predicate<String> left = comparison(name, first);
            while (consume("&&")) {
                left = left.and(comparison(name, false));
            }
            return left;
        }

        /** {@code op value} after the field's name, or {@code name op value} after && and ||; none: any value. */
        private Predicate<String> comparison(String name, boolean first) {
            if (!first) {
                String again = name();
                if (!again.equals(name)) {
                    throw invalid(pattern, "a condition in the field '" + name + "' names '" + again
                            + "': each field's conditions are on that field.");
                }
            }
            String op = operator();
            if (op == null) {
                if (first) {
                    return value -> true;
                }
                throw unexpected("an operator (= != < > <= >=)");
            }
            Value value = value(",]");
            if (!op.equals("=") && !op.equals("!=") && value.number() == null) {
                throw invalid(pattern, "'" + op + "' compares numbers, and " + value.text() + " is not a number.");
            }
            return actual -> compareText(op, actual, value);
        }

        /** The event's fields: split at spaces, a "quoted" or [bracketed] run being one field, without its marks. */
        static List<String> split(String message) {
            List<String> fields = new ArrayList<>();
            int i = 0;
            String text = message.strip();
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                char close = c == '"' ? '"' : c == '[' ? ']' : 0;
                int end;
                if (close != 0 && text.indexOf(close, i + 1) > 0) {
                    end = text.indexOf(close, i + 1);
                    fields.add(text.substring(i + 1, end));
                    i = end + 1;
                } else {
                    end = i;
                    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                        end++;
                    }
                    fields.add(text.substring(i, end));
                    i = end;
                }
            }
            return fields;
        }

        private static boolean matchFields(List<Field> fields, int f, List<String> values, int v) {
            if (f == fields.size()) {
                return v == values.size();
            }
            Field field = fields.get(f);
            if (field.ellipsis()) {
                for (int next = v; next <= values.size(); next++) {
                    if (matchFields(fields, f + 1, values, next)) {
                        return true;
                    }
                }
                return false;
            }
            return v < values.size() && field.condition().test(values.get(v)) && matchFields(fields, f + 1, values, v + 1);
        }
    }
}
