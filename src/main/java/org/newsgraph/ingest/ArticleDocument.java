package org.newsgraph.ingest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.event.EventKind;
import org.newsgraph.event.EventRelationKind;
import org.newsgraph.event.EventStatus;
import org.newsgraph.event.ParticipantRole;
import org.newsgraph.input.ArticleUrl;
import org.newsgraph.statement.StatementKind;

/**
 * One article and every fact it reports, in the format of {@code db/FORMAT.md}: the demo dataset, the
 * {@code ingestArticle(input:)} mutation and the bulk import all speak it. Actors and events are named
 * by document-local {@code ref}s.
 */
public record ArticleDocument(
        String url,
        String title,
        String publisher,
        OffsetDateTime publishedAt,
        String language,
        String summary,
        String body,
        List<String> authors,
        List<String> contributors,
        List<Actor> actors,
        List<Event> events,
        List<Statement> statements) {

    /**
     * The article's identity: {@link #url()} in canonical form ({@link ArticleUrl}), so that spellings of one
     * address name one article. {@code url()} stays as given (stored as {@code articles.url_as_given}).
     */
    public String canonicalUrl() {
        return ArticleUrl.canonicalOrAsGiven(url);
    }

    public ArticleDocument {
        authors = orEmpty(authors);
        contributors = orEmpty(contributors);
        actors = orEmpty(actors);
        events = orEmpty(events);
        statements = orEmpty(statements);
    }

    public record Actor(
            String ref,
            ActorKind kind,
            String name,
            List<String> aliases,
            String description,
            String wikidataId,
            List<Affiliation> affiliations) {
        public Actor {
            aliases = orEmpty(aliases);
            affiliations = orEmpty(affiliations);
        }
    }

    public record Affiliation(String organization, String title, LocalDate validFrom, LocalDate validTo) {}

    public record Event(
            String ref,
            String externalKey,
            EventKind kind,
            String title,
            String description,
            EventStatus status,
            LocalDate startsOn,
            DatePrecision startsOnPrecision,
            LocalDate endsOn,
            DatePrecision endsOnPrecision,
            String location,
            String parent,
            List<Participant> participants,
            List<Relation> relations) {
        public Event {
            participants = orEmpty(participants);
            relations = orEmpty(relations);
        }
    }

    public record Participant(String actor, ParticipantRole role, String represents, String note) {}

    public record Relation(EventRelationKind kind, String event) {}

    public record Statement(
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
        public Statement {
            relayedVia = orEmpty(relayedVia);
            mentions = orEmpty(mentions);
            events = orEmpty(events);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        // Null elements are kept so that validation can point at them.
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
