package org.newsgraph.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * Loads the demo dataset ({@code db/demo/*.json}) through the bulk import path when the database has no
 * articles yet, before the server takes requests. Off with {@code newsgraph.demo-data.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "newsgraph.demo-data.enabled", matchIfMissing = true)
class DemoDataLoader implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final JdbcClient jdbc;
    private final ArticleImporter importer;

    DemoDataLoader(JdbcClient jdbc, ArticleImporter importer) {
        this.jdbc = jdbc;
        this.importer = importer;
    }

    @Override
    public void afterSingletonsInstantiated() {
        long articles =
                jdbc.sql("select count(*) from articles").query(Long.class).single();
        if (articles > 0) {
            log.info("Database has {} articles; demo dataset not loaded", articles);
            return;
        }
        var sources = new ArrayList<ArticleImporter.Source>();
        try {
            var files = new PathMatchingResourcePatternResolver().getResources("classpath*:db/demo/*.json");
            Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            for (var file : files) {
                sources.add(new ArticleImporter.Source(
                        file.getFilename(), file.getContentAsString(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the demo dataset", e);
        }
        var problems = new ArrayList<String>();
        var report = importer.importSources(
                sources, new ArticleImporter.Options(true, 100), ArticleImporter.reportingTo(problems::add));
        if (!problems.isEmpty()) throw new IllegalStateException("The demo dataset does not load: " + problems);
        log.info(
                "Demo dataset loaded: {} articles, {} statements, {} actors created, {} events created",
                report.articlesCreated(),
                report.statements(),
                report.actorsCreated(),
                report.eventsCreated());
    }
}
