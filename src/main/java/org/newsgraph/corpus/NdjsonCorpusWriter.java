package org.newsgraph.corpus;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.ingest.ArticleDocument;
import org.newsgraph.statement.StatementKind;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a generated corpus as NDJSON in the article document format ({@code db/FORMAT.md}), one article a
 * line, for the import benchmark. Each document carries the actors and events it refers to (refs
 * {@code a<id>} and {@code e<id>}); an event's parent and relations are kept when the related event is
 * reported by the same article, because a document can only refer to events it lists.
 */
public final class NdjsonCorpusWriter {

    private final JsonMapper mapper = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_EMPTY))
            .build();

    /** Writes every article; returns the number of statements written. */
    public long write(CorpusGenerator corpus, BufferedWriter out) {
        long[] statements = {0};
        corpus.articles(article -> {
            writeLine(document(corpus, article), out);
            statements[0] += article.statements().size();
        });
        return statements[0];
    }

    /** Writes {@code value} as one line of JSON, leaving out what is absent or empty. */
    void writeLine(Object value, BufferedWriter out) {
        try {
            out.write(mapper.writeValueAsString(value));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ArticleDocument document(CorpusGenerator corpus, CorpusGenerator.Article article) {
        var actorIds = new LinkedHashSet<Long>();
        actorIds.add(article.publisherId());
        actorIds.addAll(article.authorIds());
        actorIds.addAll(article.contributorIds());
        var eventIds = new LinkedHashSet<>(article.eventIds());
        for (var eventId : eventIds) {
            for (var p : corpus.event(eventId).participants()) {
                actorIds.add(p.actorId());
                if (p.representsId() != null) actorIds.add(p.representsId());
            }
        }
        for (var s : article.statements()) {
            actorIds.add(s.speakerId());
            actorIds.addAll(s.relayIds());
            actorIds.addAll(s.mentionIds());
        }
        for (var id : List.copyOf(actorIds)) {
            for (var f : corpus.actor(id).affiliations()) actorIds.add(f.organizationId());
        }

        var actors = new ArrayList<ArticleDocument.Actor>();
        for (var id : actorIds) actors.add(actor(corpus, id));
        var events = new ArrayList<ArticleDocument.Event>();
        for (var id : eventIds) {
            var e = corpus.event(id);
            var participants = e.participants().stream()
                    .map(p -> new ArticleDocument.Participant(
                            ref(p.actorId()),
                            p.role(),
                            p.representsId() == null ? null : ref(p.representsId()),
                            null,
                            null))
                    .toList();
            var relations = e.relations().stream()
                    .filter(r -> eventIds.contains(r.relatedEventId()))
                    .map(r -> new ArticleDocument.Relation(r.kind(), eventRef(r.relatedEventId())))
                    .toList();
            String parent = e.parentId() != null && eventIds.contains(e.parentId()) ? eventRef(e.parentId()) : null;
            events.add(new ArticleDocument.Event(
                    eventRef(id),
                    e.externalKey(),
                    e.kind(),
                    e.title(),
                    e.description(),
                    e.status(),
                    e.startsOn(),
                    e.startsOnPrecision(),
                    e.endsOn(),
                    e.endsOnPrecision(),
                    e.location(),
                    parent,
                    participants,
                    relations,
                    null,
                    null,
                    null));
        }
        var statements = article.statements().stream()
                .map(s -> statement(
                        ref(s.speakerId()),
                        s.kind(),
                        s.text(),
                        s.cue(),
                        s.channel(),
                        s.saidOn(),
                        s.saidOn() == null ? null : DatePrecision.DAY,
                        s.relayIds().stream().map(NdjsonCorpusWriter::ref).toList(),
                        s.mentionIds().stream().map(NdjsonCorpusWriter::ref).toList(),
                        s.eventIds().stream().map(NdjsonCorpusWriter::eventRef).toList()))
                .toList();
        return new ArticleDocument(
                article.url(),
                article.title(),
                ref(article.publisherId()),
                article.publishedAt(),
                null,
                article.language(),
                article.summary(),
                null,
                article.authorIds().stream().map(NdjsonCorpusWriter::ref).toList(),
                article.contributorIds().stream().map(NdjsonCorpusWriter::ref).toList(),
                actors,
                events,
                statements);
    }

    /**
     * A statement with the fields the generated corpora fill; none of the report's details (its own ref,
     * co-speakers, addressee, hedge, frequency, translation, nesting, relations).
     */
    static ArticleDocument.Statement statement(
            String speaker,
            StatementKind kind,
            String text,
            String cue,
            String channel,
            LocalDate saidOn,
            DatePrecision saidOnPrecision,
            List<String> relayedVia,
            List<String> mentions,
            List<String> events) {
        return new ArticleDocument.Statement(
                speaker,
                kind,
                text,
                cue,
                channel,
                saidOn,
                saidOnPrecision,
                relayedVia,
                mentions,
                events,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** The actor as a document lists it (ref {@code a<id>}). */
    ArticleDocument.Actor actor(CorpusGenerator corpus, long id) {
        var a = corpus.actor(id);
        var affiliations = a.affiliations().stream()
                .map(f ->
                        new ArticleDocument.Affiliation(ref(f.organizationId()), f.title(), f.validFrom(), f.validTo()))
                .toList();
        return new ArticleDocument.Actor(
                ref(id), a.kind(), a.name(), a.aliases(), a.description(), a.wikidataId(), affiliations);
    }

    private static String ref(long actorId) {
        return "a" + actorId;
    }

    private static String eventRef(long eventId) {
        return "e" + eventId;
    }
}
