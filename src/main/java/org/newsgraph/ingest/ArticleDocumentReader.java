package org.newsgraph.ingest;

import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Parses the JSON article document format; strict, so that a misspelt field is an error, not lost data. */
@Component
public class ArticleDocumentReader {

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** @throws JacksonException when the text is not a well-formed article document */
    public ArticleDocument read(String json) {
        return mapper.readValue(json, ArticleDocument.class);
    }
}
