package org.newsgraph.web;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a GraphQL response map (the spec's {@code data}/{@code errors}/{@code extensions}) as JSON
 * with Jackson's streaming generator. The map holds only maps, lists, strings, numbers, booleans and
 * nulls (graphql-java has serialized every scalar already); writing those directly skips the
 * per-value serializer look-up of {@code MapSerializer}, which was most of the 8 % of the server's
 * CPU that JSON took on the deep traversal (~3,100 values). Anything else (an unusual value in an
 * error's extensions) is written by the application's {@link JsonMapper}, as before.
 */
final class ResponseJson {

    private ResponseJson() {}

    static byte[] write(JsonMapper mapper, Map<String, Object> response) {
        var out = new ByteArrayOutputStream(8192);
        try (JsonGenerator generator = mapper.createGenerator(out)) {
            writeValue(generator, response);
        }
        return out.toByteArray();
    }

    private static void writeValue(JsonGenerator generator, Object value) {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String string) {
            generator.writeString(string);
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (var entry : map.entrySet()) {
                generator.writeName(String.valueOf(entry.getKey()));
                writeValue(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                writeValue(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof Integer number) {
            generator.writeNumber(number);
        } else if (value instanceof Long number) {
            generator.writeNumber(number);
        } else if (value instanceof Double number && Double.isFinite(number)) {
            generator.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            generator.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            generator.writeNumber(number);
        } else {
            generator.writePOJO(value);
        }
    }
}
