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
        return write(mapper, response, 8192);
    }

    /** Like {@link #write(JsonMapper, Map)}, into a buffer sized for {@code expectedSize} bytes. */
    static byte[] write(JsonMapper mapper, Map<String, Object> response, long expectedSize) {
        var out = new ByteArrayOutputStream((int) Math.max(256, Math.min(expectedSize + 256, 64L << 20)));
        try (JsonGenerator generator = mapper.createGenerator(out)) {
            writeValue(generator, response);
        }
        return out.toByteArray();
    }

    /**
     * The size of the JSON {@link #write} would produce, in characters, counting strings without their
     * escapes (close for text, a lower bound for control characters); stops counting once past
     * {@code stopAbove}. It walks the map only: nothing is allocated, so an answer too large to write is
     * refused before a byte of it is.
     */
    static long estimatedSize(Object value, long stopAbove) {
        long[] size = new long[1];
        estimate(value, size, stopAbove);
        return size[0];
    }

    private static void estimate(Object value, long[] size, long stopAbove) {
        if (size[0] > stopAbove) return;
        if (value == null) {
            size[0] += 4;
        } else if (value instanceof String string) {
            size[0] += string.length() + 3; // quotes and a separator
        } else if (value instanceof Map<?, ?> map) {
            size[0] += 2;
            for (var entry : map.entrySet()) {
                size[0] += String.valueOf(entry.getKey()).length() + 4;
                estimate(entry.getValue(), size, stopAbove);
                if (size[0] > stopAbove) return;
            }
        } else if (value instanceof List<?> list) {
            size[0] += 2;
            for (Object element : list) {
                estimate(element, size, stopAbove);
                if (size[0] > stopAbove) return;
            }
        } else {
            size[0] += 24; // a number or boolean
        }
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
