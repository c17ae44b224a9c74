package org.newsgraph.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Loads the demo dataset ({@code db/demo/*.json}) through the ingest path when the database has no
 * articles yet, before the server takes requests. Off with {@code newsgraph.demo-data.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "newsgraph.demo-data.enabled", matchIfMissing = true)
class DemoDataLoader implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final JdbcClient jdbc;
    private final IngestService ingest;
    private final ArticleDocumentReader reader;

    DemoDataLoader(JdbcClient jdbc, IngestService ingest, ArticleDocumentReader reader) {
        this.jdbc = jdbc;
        this.ingest = ingest;
        this.reader = reader;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long articles = jdbc.sql("select count(*) from articles").query(Long.class).single();
        if (articles > 0) {
            log.info("Database has {} articles; demo dataset not loaded", articles);
            return;
        }
        try {
            var files = new PathMatchingResourcePatternResolver().getResources("classpath*:db/demo/*.json");
            Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            for (var file : files) {
                var result = ingest.ingest(reader.read(file.getContentAsString(StandardCharsets.UTF_8)));
                log.info("Demo dataset {}: article {} {}, {} statements, {} actors ({} new), {} events",
                        file.getFilename(), result.articleId(), result.outcome(), result.statements(),
                        result.actors().size(), result.actorsCreated(), result.events().size());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the demo dataset", e);
        }
    }
}
