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
import org.newsgraph.event.ParticipantStance;
import org.newsgraph.input.ArticleUrl;
import org.newsgraph.statement.Frequency;
import org.newsgraph.statement.Hedge;
import org.newsgraph.statement.StatementKind;
import org.newsgraph.statement.StatementRelationKind;

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
        DatePrecision publishedAtPrecision,
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
        if (publisher != null && statements.stream().anyMatch(s -> s != null && s.needsPublisherAsSpeaker())) {
            // The article's own claims are the publisher's unless the document names someone else.
            statements = statements.stream()
                    .map(s -> s != null && s.needsPublisherAsSpeaker() ? s.withSpeaker(publisher) : s)
                    .toList();
        }
    }

    /** The same document with this precision of {@code publishedAt}. */
    public ArticleDocument withPublishedAtPrecision(DatePrecision precision) {
        return new ArticleDocument(
                url,
                title,
                publisher,
                publishedAt,
                precision,
                language,
                summary,
                body,
                authors,
                contributors,
                actors,
                events,
                statements);
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
            List<Relation> relations,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            List<StatusChange> statusHistory) {
        public Event {
            participants = orEmpty(participants);
            relations = orEmpty(relations);
            statusHistory = orEmpty(statusHistory);
            // With HOUR precision the day is the instant's own (in the offset given), unless stated.
            if (startsOn == null && startsAt != null) startsOn = startsAt.toLocalDate();
            if (endsOn == null && endsAt != null) endsOn = endsAt.toLocalDate();
        }
    }

    /** A status the event had from a day on: proposed on one day, rejected on another. */
    public record StatusChange(EventStatus status, LocalDate on, DatePrecision onPrecision, String note) {}

    /** An actor's part in an event; {@code stance} is its position on it (agreed, rejected, undecided). */
    public record Participant(
            String actor, ParticipantRole role, String represents, String note, ParticipantStance stance) {}

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
            List<String> events,
            String ref,
            List<String> speakers,
            String addressee,
            Hedge hedge,
            Frequency frequency,
            Boolean translated,
            String originalLanguage,
            String within,
            List<StatementLink> relations) {
        public Statement {
            relayedVia = orEmpty(relayedVia);
            mentions = orEmpty(mentions);
            events = orEmpty(events);
            speakers = orEmpty(speakers);
            relations = orEmpty(relations);
            // "speakers" names several; the first of them is the speaker.
            if (speaker == null && !speakers.isEmpty()) speaker = speakers.get(0);
        }

        /** Every speaker, first one first: {@code speakers} if given, else the one {@code speaker}. */
        public List<String> allSpeakers() {
            if (!speakers.isEmpty()) return speakers;
            return speaker == null ? List.of() : List.of(speaker);
        }

        boolean needsPublisherAsSpeaker() {
            return speaker == null && kind == StatementKind.ARTICLE_CLAIM;
        }

        Statement withSpeaker(String ref) {
            return new Statement(
                    ref,
                    kind,
                    text,
                    cue,
                    channel,
                    saidOn,
                    saidOnPrecision,
                    relayedVia,
                    mentions,
                    events,
                    this.ref,
                    speakers,
                    addressee,
                    hedge,
                    frequency,
                    translated,
                    originalLanguage,
                    within,
                    relations);
        }
    }

    /** A statement this one is about: it confirms, denies, responds to, repeats or corrects it. */
    public record StatementLink(StatementRelationKind kind, String statement) {}

    private static <T> List<T> orEmpty(List<T> list) {
        // Null elements are kept so that validation can point at them.
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
