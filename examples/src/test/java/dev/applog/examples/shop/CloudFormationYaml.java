package dev.applog.examples.shop;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;

/**
 * Reads a CloudFormation / SAM template written in YAML into a JSON tree, turning the short forms of the
 * intrinsic functions into their long forms, as CloudFormation does: {@code !Ref X} becomes
 * {@code {"Ref": "X"}}, {@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}}, {@code !Sub s}
 * becomes {@code {"Fn::Sub": "s"}}, and so on. (Jackson reads YAML through SnakeYAML's event stream, so a
 * tag it does not know is reported, not refused; a data-binding read would silently drop it.)
 */
final class CloudFormationYaml {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CloudFormationYaml() { }

    static JsonNode read(String yaml) throws IOException {
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            if (parser.nextToken() == null) {
                throw new IOException("the template is empty");
            }
            return value(parser);
        }
    }

    private static JsonNode value(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId();
        JsonToken token = parser.currentToken();
        JsonNode value;
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                object.set(name, value(parser));
            }
            value = object;
        } else if (token == JsonToken.START_ARRAY) {
            ArrayNode array = NODES.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(value(parser));
            }
            value = array;
        } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            value = NODES.numberNode(parser.getDecimalValue());
        } else if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            value = NODES.booleanNode(parser.getBooleanValue());
        } else if (token == JsonToken.VALUE_NULL) {
            value = NODES.nullNode();
        } else {
            value = NODES.textNode(parser.getText());
        }
        return tag == null ? value : intrinsic(tag, value);
    }

    private static JsonNode intrinsic(String tag, JsonNode value) throws IOException {
        String name = tag.replaceFirst("^!+", "");
        if (name.startsWith("tag:yaml.org")) {
            return value; // a core YAML tag such as !!str: the value as it is
        }
        if (!name.matches("Ref|Condition|Base64|Cidr|FindInMap|GetAtt|GetAZs|ImportValue|Join|Select|Split|Sub|Transform|And|Equals|If|Not|Or|Length|ToJsonString")) {
            throw new IOException("unknown tag !" + name + ": CloudFormation's short forms are !Ref, !Sub, !GetAtt, ...");
        }
        ObjectNode intrinsic = NODES.objectNode();
        if (name.equals("Ref") || name.equals("Condition")) {
            intrinsic.set(name, value);
        } else if (name.equals("GetAtt") && value.isTextual()) {
            String text = value.asText();
            int dot = text.indexOf('.');
            if (dot < 0) {
                throw new IOException("!GetAtt " + text + ": write it as LogicalId.Attribute");
            }
            intrinsic.set("Fn::GetAtt", NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1)));
        } else {
            intrinsic.set("Fn::" + name, value);
        }
        return intrinsic;
    }
}
