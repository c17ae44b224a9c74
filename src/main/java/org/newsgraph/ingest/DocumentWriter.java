package org.newsgraph.ingest;

import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import org.newsgraph.ingest.IngestResult.Match;
import org.newsgraph.ingest.IngestResult.Outcome;
import org.newsgraph.ingest.IngestResult.Resolution;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What ingesting documents writes, inside the caller's transaction ({@link IngestService} owns transactions,
 * savepoints, retries and what is published after): an unchanged document (same content hash) writes nothing
 * and only looks up what its refs resolve to; a new article is written set-based ({@link SetBasedBatch}); a
 * changed one is updated in place ({@link ArticleIngest}, {@link ReportDetailsWriter}).
 */
final class DocumentWriter {

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ArticleIngest articleIngest;
    private final SetBasedBatch setBased;
    private final ReportDetailsWriter details;
    private final DeferredRollups rollups;

    DocumentWriter(
            JdbcClient jdbc,
            ArticleIngest articleIngest,
            SetBasedBatch setBased,
            ReportDetailsWriter details,
            DeferredRollups rollups) {
        this.jdbc = jdbc;
        this.articleIngest = articleIngest;
        this.setBased = setBased;
        this.details = details;
        this.rollups = rollups;
    }

    /** Checks and hashes a batch ({@link IngestService#prepare}): no hashes when a document is invalid. */
    IngestService.PreparedBatch prepare(List<ArticleDocument> documents) {
        for (var document : documents) {
            if (!DocumentValidator.validate(document).isEmpty())
                return new IngestService.PreparedBatch(documents, null);
        }
        return new IngestService.PreparedBatch(
                documents, documents.stream().map(this::contentHash).toList());
    }

    /**
     * Writes a batch of valid documents (one result per document, in order), or throws {@link BatchFailed} when
     * one is invalid, before anything is written: the caller then writes them one at a time under savepoints.
     */
    List<IngestResult> writeBatch(IngestService.PreparedBatch batch) {
        if (batch.hashes() == null) throw new BatchFailed();
        var documents = batch.documents();
        var hashes = batch.hashes();
        // One look-up for the whole batch finds the documents stored exactly like this already: they are
        // skipped without touching anything else (a re-import costs one query per batch).
        var stored = new HashMap<String, Object[]>();
        jdbc.sql("select url, id, content_hash from articles where url = any(?::text[])")
                .param(documents.stream().map(ArticleDocument::canonicalUrl).toArray(String[]::new))
                .query((rs, n) -> stored.put(rs.getString(1), new Object[] {rs.getLong(2), rs.getString(3)}))
                .list();
        // New articles (URL not stored, first of its URL in the batch) are written set-based, a run of them at
        // a time; a changed article or a repeated URL goes through the one-article path, in its place in the
        // batch, so that every article sees what the articles before it wrote.
        var results = new IngestResult[documents.size()];
        var run = new ArrayList<Integer>();
        var seen = new java.util.HashSet<String>();
        for (int i = 0; i < documents.size(); i++) {
            var document = documents.get(i);
            var row = stored.get(document.canonicalUrl());
            boolean firstOfUrl = seen.add(document.canonicalUrl());
            if (firstOfUrl && row != null && hashes.get(i).equals(row[1])) {
                results[i] = unchangedWithoutLookup(document, (Long) row[0]);
            } else if (firstOfUrl && row == null) {
                run.add(i);
            } else {
                setBased.writeNewArticles(documents, hashes, run, results);
                run.clear();
                results[i] = write(document, hashes.get(i));
            }
        }
        setBased.writeNewArticles(documents, hashes, run, results);
        return List.of(results);
    }

    /** An unchanged document of a batch: its refs are reported as matched, with ID 0 (they were not looked up). */
    private static IngestResult unchangedWithoutLookup(ArticleDocument document, long articleId) {
        return new IngestResult(
                articleId,
                Outcome.UNCHANGED,
                document.actors().stream()
                        .map(a -> new Resolution(a.ref(), 0, Match.MATCHED))
                        .toList(),
                document.events().stream()
                        .map(e -> new Resolution(e.ref(), 0, Match.MATCHED))
                        .toList(),
                document.statements().size());
    }

    IngestResult write(ArticleDocument document) {
        return write(document, contentHash(document));
    }

    IngestResult write(ArticleDocument document, String hash) {
        var existing = jdbc.sql("select id, content_hash from articles where url = ?")
                .param(document.canonicalUrl())
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)})
                .optional();
        boolean unchanged = existing.isPresent() && hash.equals(existing.get()[1]);
        if (unchanged) {
            // Seen exactly like this before: only look up what the refs resolve to, write nothing (so a
            // re-import is cheap, and a correction an editor made since is not overwritten).
            var result = resolveWithoutWriting(document, (Long) existing.get()[0]);
            if (result != null) return result;
        }
        if (existing.isEmpty()) return setBased.writeNewArticle(document, hash);

        var run = setBased.resolve(List.of(document), List.of(hash));
        var resolved = run.resolved().get(0);
        var actorResolutions = List.of(run.actors().get(0));
        var eventResolutions = List.of(run.events().get(0));
        long articleId = (Long) existing.get()[0];
        if (unchanged) {
            return new IngestResult(
                    articleId,
                    Outcome.UNCHANGED,
                    actorResolutions,
                    eventResolutions,
                    document.statements().size());
        }
        // The article may be one this transaction inserted (a URL twice in a batch): its rollups are counted first,
        // so that the triggers of the update move counted rows.
        rollups.apply();
        articleId = articleIngest.upsertArticle(document, hash, resolved.actors());
        articleIngest.writeContributors(articleId, document, resolved.actors(), false);
        articleIngest.writeArticleEvents(articleId, resolved.events().values(), false);
        articleIngest.writeStatements(articleId, document, resolved.actors(), resolved.events(), false);
        details.write(List.of(
                ReportDetailsWriter.Written.of(articleId, false, document, resolved.actors(), resolved.events())));
        setBased.insertDecisions(run, articleId);
        return new IngestResult(
                articleId,
                Outcome.UPDATED,
                actorResolutions,
                eventResolutions,
                document.statements().size());
    }

    /** The result of an unchanged document, or null if some actor or event of it is not stored (any more). */
    private IngestResult resolveWithoutWriting(ArticleDocument document, long articleId) {
        var plan = setBased.plan(List.of(document));
        if (!plan.actorInserts.isEmpty() || !plan.events.eventInserts.isEmpty()) return null;
        var article = plan.plans.get(0);
        return new IngestResult(
                articleId,
                Outcome.UNCHANGED,
                List.of(article.actors()),
                List.of(article.events()),
                document.statements().size());
    }

    /** How many articles were written set-based (committed or not): lets tests see which path ran. */
    long setBasedArticles() {
        return setBased.setBasedArticles();
    }

    private String contentHash(ArticleDocument document) {
        return contentHash(json, document);
    }

    /**
     * SHA-256 of the document's JSON (as {@code json} writes it, in UTF-8), in hex: what {@code content_hash} stores.
     * Written straight into the digest: building the JSON as a string and encoding it again cost a copy of every
     * document twice.
     */
    static String contentHash(JsonMapper json, ArticleDocument document) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        json.writeValue(new DigestOutputStream(OutputStream.nullOutputStream(), digest), document);
        return HexFormat.of().formatHex(digest.digest());
    }
}
