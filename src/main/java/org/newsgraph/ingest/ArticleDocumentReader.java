package org.newsgraph.ingest;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.newsgraph.date.DatePrecision;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Parses the JSON article document format; strict, so that a misspelt field is an error, not lost data. */
@Component
public class ArticleDocumentReader {

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** A {@code publishedAt} that gives only the day, as most wire copies do. */
    private static final Pattern DATE_ONLY_PUBLISHED =
            Pattern.compile("\"publishedAt\"\\s*:\\s*\"\\d{4}-\\d{2}-\\d{2}\"");

    /** @throws JacksonException when the text is not a well-formed article document */
    public ArticleDocument read(String json) {
        if (!DATE_ONLY_PUBLISHED.matcher(json).find()) {
            return mapper.readValue(json, ArticleDocument.class);
        }
        // "publishedAt": "2025-04-22" is the start of that day (UTC), with precision DAY unless stated.
        var tree = (ObjectNode) mapper.readTree(json);
        var day = LocalDate.parse(tree.get("publishedAt").asString());
        tree.put("publishedAt", day.atStartOfDay().atOffset(ZoneOffset.UTC).toString());
        var precision = tree.get("publishedAtPrecision");
        if (precision == null || precision.isNull()) {
            tree.put("publishedAtPrecision", DatePrecision.DAY.name());
        }
        return mapper.treeToValue(tree, ArticleDocument.class);
    }
}
