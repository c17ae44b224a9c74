package org.newsgraph.corpus;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.newsgraph.date.DatePrecision;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a generated corpus into the tables of {@code V1__news_model.sql} with PostgreSQL {@code COPY}, in
 * one transaction, constraints and indexes in place. Ids are written explicitly (COPY writes identity
 * columns like {@code OVERRIDING SYSTEM VALUE}); the identity sequences are moved past them afterwards.
 */
public final class CorpusLoader {

    private static final Logger log = LoggerFactory.getLogger(CorpusLoader.class);

    /** Rows written per table, in load order. */
    public record LoadReport(Map<String, Long> rows, long millis) {}

    private final DataSource dataSource;

    public CorpusLoader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public LoadReport load(CorpusGenerator corpus) throws SQLException, IOException {
        long start = System.nanoTime();
        var rows = new LinkedHashMap<String, Long>();
        Path dir = Files.createTempDirectory("newsgraph-corpus");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement();
                    var rs = statement.executeQuery("select count(*) from actors")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new IllegalStateException(
                            "the database already has " + rs.getLong(1)
                                    + " actors; the generator loads into an empty database (give it a new database or data directory)");
                }
            }
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            writeFixedTables(corpus, dir);
            writeArticleTables(corpus, dir);
            long generated = System.nanoTime();
            log.info("Corpus generated into {} in {} ms; loading with COPY", dir, (generated - start) / 1_000_000);
            for (var table : TABLES.entrySet()) {
                long t = System.nanoTime();
                try (Reader in = Files.newBufferedReader(dir.resolve(table.getKey()), StandardCharsets.UTF_8)) {
                    long n = copy.copyIn("copy " + table.getKey() + " (" + table.getValue() + ") from stdin", in);
                    rows.put(table.getKey(), n);
                    log.info("  {}: {} rows in {} ms", table.getKey(), n, (System.nanoTime() - t) / 1_000_000);
                }
            }
            try (var statement = connection.createStatement()) {
                for (var table :
                        new String[] {"actors", "affiliations", "events", "event_participants", "articles", "statements"
                        }) {
                    statement.execute("select setval(pg_get_serial_sequence('public." + table
                            + "', 'id'), (select max(id) from " + table + "))");
                }
                try (var rs = statement.executeQuery(
                        "select count(*) from actors where name_key <> newsgraph_name_key(name)")) {
                    rs.next();
                    if (rs.getLong(1) > 0)
                        throw new IllegalStateException(
                                rs.getLong(1) + " actors have a name key that differs from newsgraph_name_key(name)");
                }
            }
            connection.commit();
            try (var statement = connection.createStatement()) {
                connection.setAutoCommit(true);
                statement.execute("analyze");
            }
        } finally {
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
        return new LoadReport(rows, (System.nanoTime() - start) / 1_000_000);
    }

    /** COPY column lists, in foreign-key order. */
    static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("actors", "id, kind, name, description, wikidata_id, name_key, created_at, updated_at");
        TABLES.put("actor_aliases", "actor_id, alias");
        TABLES.put(
                "affiliations", "id, actor_id, organization_id, title, valid_from, valid_to, created_at, updated_at");
        TABLES.put(
                "events",
                "id, kind, title, description, status, starts_on, starts_on_precision, ends_on, ends_on_precision, "
                        + "location, parent_id, external_key, created_at, updated_at");
        TABLES.put("event_participants", "id, event_id, actor_id, role, represents_id, note");
        TABLES.put("event_relations", "event_id, related_event_id, kind");
        TABLES.put("articles", "id, url, title, publisher_id, published_at, language, summary, created_at, updated_at");
        TABLES.put("article_contributors", "article_id, actor_id, role, position");
        TABLES.put("article_events", "article_id, event_id");
        TABLES.put(
                "statements",
                "id, article_id, speaker_id, position, kind, text, cue, channel, said_on, said_on_precision, "
                        + "created_at, updated_at");
        TABLES.put("statement_relays", "statement_id, position, actor_id");
        TABLES.put("statement_mentions", "statement_id, actor_id");
        TABLES.put("statement_events", "statement_id, event_id");
    }

    private static void writeFixedTables(CorpusGenerator corpus, Path dir) throws IOException {
        var created = CorpusGenerator.CREATED;
        try (var actors = writer(dir, "actors");
                var aliases = writer(dir, "actor_aliases");
                var affiliations = writer(dir, "affiliations")) {
            for (var a : corpus.actors()) {
                actors.field(a.id())
                        .field(a.kind())
                        .field(a.name())
                        .field(a.description())
                        .field(a.wikidataId())
                        .field(a.nameKey())
                        .field(created)
                        .field(created)
                        .end();
                for (var alias : a.aliases()) aliases.field(a.id()).field(alias).end();
                for (var f : a.affiliations()) {
                    affiliations
                            .field(f.id())
                            .field(f.actorId())
                            .field(f.organizationId())
                            .field(f.title())
                            .field(f.validFrom())
                            .field(f.validTo())
                            .field(created)
                            .field(created)
                            .end();
                }
            }
        }
        try (var events = writer(dir, "events");
                var participants = writer(dir, "event_participants");
                var relations = writer(dir, "event_relations")) {
            for (var e : corpus.events()) {
                events.field(e.id())
                        .field(e.kind())
                        .field(e.title())
                        .field(e.description())
                        .field(e.status())
                        .field(e.startsOn())
                        .field(e.startsOnPrecision())
                        .field(e.endsOn())
                        .field(e.endsOnPrecision())
                        .field(e.location())
                        .field(e.parentId())
                        .field(e.externalKey())
                        .field(created)
                        .field(created)
                        .end();
                for (var p : e.participants()) {
                    participants
                            .field(p.id())
                            .field(e.id())
                            .field(p.actorId())
                            .field(p.role())
                            .field(p.representsId())
                            .field(null)
                            .end();
                }
                for (var r : e.relations())
                    relations
                            .field(e.id())
                            .field(r.relatedEventId())
                            .field(r.kind())
                            .end();
            }
        }
    }

    private static void writeArticleTables(CorpusGenerator corpus, Path dir) throws IOException {
        try (var articles = writer(dir, "articles");
                var contributors = writer(dir, "article_contributors");
                var articleEvents = writer(dir, "article_events");
                var statements = writer(dir, "statements");
                var relays = writer(dir, "statement_relays");
                var mentions = writer(dir, "statement_mentions");
                var statementEvents = writer(dir, "statement_events")) {
            corpus.articles(a -> {
                articles.field(a.id())
                        .field(a.url())
                        .field(a.title())
                        .field(a.publisherId())
                        .field(a.publishedAt())
                        .field(a.language())
                        .field(a.summary())
                        .field(a.publishedAt())
                        .field(a.publishedAt())
                        .end();
                int position = 0;
                for (var author : a.authorIds())
                    contributors
                            .field(a.id())
                            .field(author)
                            .field("AUTHOR")
                            .field(position++)
                            .end();
                for (var contributor : a.contributorIds())
                    contributors
                            .field(a.id())
                            .field(contributor)
                            .field("CONTRIBUTOR")
                            .field(position++)
                            .end();
                for (var event : a.eventIds())
                    articleEvents.field(a.id()).field(event).end();
                for (var s : a.statements()) {
                    statements
                            .field(s.id())
                            .field(a.id())
                            .field(s.speakerId())
                            .field(s.position())
                            .field(s.kind())
                            .field(s.text())
                            .field(s.cue())
                            .field(s.channel())
                            .field(s.saidOn())
                            .field(s.saidOn() == null ? null : DatePrecision.DAY)
                            .field(a.publishedAt())
                            .field(a.publishedAt())
                            .end();
                    int relay = 0;
                    for (var via : s.relayIds())
                        relays.field(s.id()).field(relay++).field(via).end();
                    for (var mention : s.mentionIds())
                        mentions.field(s.id()).field(mention).end();
                    for (var event : s.eventIds())
                        statementEvents.field(s.id()).field(event).end();
                }
            });
        }
    }

    private static CopyWriter writer(Path dir, String table) throws IOException {
        return new CopyWriter(Files.newBufferedWriter(dir.resolve(table), StandardCharsets.UTF_8));
    }
}
