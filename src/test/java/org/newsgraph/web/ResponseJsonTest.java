package org.newsgraph.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ResponseJsonTest {

    final JsonMapper mapper = JsonMapper.builder().findAndAddModules().build();

    record Location(int line, int column) {}

    @Test
    void writesEveryKindOfValue_exactlyAsTheObjectMapperDoes() {
        var node = new LinkedHashMap<String, Object>();
        node.put("text", "Zelensky said \"no\" \u2014 tab\there, NUL-free, \u00e9\u4e2d \ud83d\ude00");
        node.put("count", 42);
        node.put("big", 9_007_199_254_740_993L);
        node.put("ratio", 1.5);
        node.put("decimal", new BigDecimal("12345678901234567890.125"));
        node.put("huge", new BigInteger("123456789012345678901234567890"));
        node.put("yes", true);
        node.put("missing", null);
        node.put("empty", List.of());
        node.put("nested", Arrays.asList(Map.of("a", 1), null, List.of("x", List.of(false))));
        var error = new LinkedHashMap<String, Object>();
        error.put("message", "bad");
        error.put("locations", List.of(new Location(1, 7)));
        error.put("extensions", Map.of("at", OffsetDateTime.of(2025, 4, 22, 10, 0, 0, 0, ZoneOffset.UTC)));
        var response = new LinkedHashMap<String, Object>();
        response.put("errors", new ArrayList<>(List.of(error)));
        response.put("data", Map.of("node", node));

        String written = new String(ResponseJson.write(mapper, response), StandardCharsets.UTF_8);

        assertThat(written).isEqualTo(mapper.writeValueAsString(response));
        assertThat(mapper.readTree(written).at("/data/node/big").asLong()).isEqualTo(9_007_199_254_740_993L);
        assertThat(mapper.readTree(written).at("/errors/0/locations/0/column").asInt())
                .isEqualTo(7);
    }
}
