package dev.applog.local.lambda;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CloudFormation / SAM template written in YAML into plain Java values (maps, lists, strings,
 * numbers, booleans), turning the short-form intrinsic tags ({@code !Ref X}, {@code !Sub ...},
 * {@code !GetAtt X.Arn}, ...) into their long form ({@code {"Ref": "X"}}, {@code {"Fn::Sub": ...}}),
 * so one resolver serves both spellings. Jackson's YAML parser reports a node's tag as its type id, which
 * a tree mapper would drop: hence this token walk.
 */
final class TemplateYaml {

    /** The short-form tags CloudFormation defines; any other tag is refused rather than silently read. */
    private static final Set<String> INTRINSICS = Set.of("Ref", "Condition", "Base64", "Cidr", "FindInMap",
            "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals",
            "If", "Not", "Or", "ToJsonString", "Length");

    private TemplateYaml() {
    }

    static Object read(Reader reader, String source) throws IOException {
        try (YAMLParser parser = new YAMLFactory().createParser(reader)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new IllegalArgumentException(source + " is empty");
            }
            return value(parser, token, source);
        }
    }

    private static Object value(YAMLParser parser, JsonToken token, String source) throws IOException {
        String tag = parser.getTypeId();
        Object plain = switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                JsonToken next;
                while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    map.put(key, value(parser, parser.nextToken(), source));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(parser, next, source));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException(source + ": unexpected YAML token " + token
                    + " at line " + parser.currentLocation().getLineNr());
        };
        if (tag == null || tag.startsWith("tag:yaml.org,2002:")) {
            return plain;
        }
        if (!INTRINSICS.contains(tag)) {
            throw new IllegalArgumentException(source + ": unknown tag '!" + tag + "' near line "
                    + parser.currentLocation().getLineNr() + " (CloudFormation's short forms are "
                    + "!Ref, !Sub, !GetAtt, !Join, ...)");
        }
        String longForm = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
        if (tag.equals("GetAtt") && plain instanceof String text) {
            // !GetAtt X.Arn is the short form of {"Fn::GetAtt": ["X", "Arn"]}
            int dot = text.indexOf('.');
            plain = dot < 0 ? List.of(text) : List.of(text.substring(0, dot), text.substring(dot + 1));
        }
        Map<String, Object> intrinsic = new LinkedHashMap<>();
        intrinsic.put(longForm, plain);
        return intrinsic;
    }
}
