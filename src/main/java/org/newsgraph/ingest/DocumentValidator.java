package org.newsgraph.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.input.ArticleUrl;
import org.newsgraph.input.StorableDates;
import org.newsgraph.input.Text;

/**
 * Checks an {@link ArticleDocument} before anything is written and reports every problem with its path.
 * The database enforces the same rules again; this exists so a client learns all of them at once.
 */
final class DocumentValidator {

    private static final Pattern URL = Pattern.compile("(?i)^https?://\\S+$");
    private static final Pattern WIKIDATA = Pattern.compile("^Q[0-9]+$");
    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z0-9]+)*$");
    static final int MAX_TEXT = 20_000;
    static final int MAX_NAME = 500;

    private final List<IngestProblem> problems = new ArrayList<>();

    private DocumentValidator() {}

    static List<IngestProblem> validate(ArticleDocument document) {
        var validator = new DocumentValidator();
        validator.check(document);
        return validator.problems;
    }

    private void check(ArticleDocument d) {
        if (blank(d.url())) problem("url", "REQUIRED", "the article URL is required");
        else if (!URL.matcher(d.url().strip()).matches()
                || d.url().length() > 2_000
                || ArticleUrl.canonical(d.url()).isEmpty())
            problem("url", "INVALID", "must be an http(s) URL of at most 2000 characters");
        date("publishedAt", d.publishedAt());
        text("title", d.title(), true, MAX_NAME);
        if (d.language() != null && !LANGUAGE.matcher(d.language()).matches())
            problem("language", "INVALID", "must be a language tag such as \"en\" or \"pt-BR\"");
        text("summary", d.summary(), false, MAX_TEXT);
        if (d.body() != null && d.body().length() > 1_000_000)
            problem("body", "TOO_LONG", "at most 1,000,000 characters");

        Set<String> actorRefs = new HashSet<>();
        for (int i = 0; i < d.actors().size(); i++) {
            var path = "actors[" + i + "]";
            var actor = d.actors().get(i);
            if (actor == null) {
                problem(path, "REQUIRED", "an actor cannot be null");
                continue;
            }
            if (blank(actor.ref())) problem(path + ".ref", "REQUIRED", "every actor needs a ref");
            else if (!actorRefs.add(actor.ref()))
                problem(path + ".ref", "DUPLICATE_REF", "ref \"" + actor.ref() + "\" is used by an earlier actor");
            if (actor.kind() == null) problem(path + ".kind", "REQUIRED", "the actor kind is required");
            text(path + ".name", actor.name(), true, MAX_NAME);
            for (int a = 0; a < actor.aliases().size(); a++)
                text(path + ".aliases[" + a + "]", actor.aliases().get(a), true, MAX_NAME);
            text(path + ".description", actor.description(), false, MAX_TEXT);
            if (actor.wikidataId() != null
                    && !WIKIDATA.matcher(actor.wikidataId()).matches())
                problem(path + ".wikidataId", "INVALID", "a Wikidata ID looks like Q324546");
        }
        Set<String> eventRefs = new HashSet<>();
        for (int i = 0; i < d.events().size(); i++) {
            var event = d.events().get(i);
            if (event == null) continue;
            if (blank(event.ref())) problem("events[" + i + "].ref", "REQUIRED", "every event needs a ref");
            else if (!eventRefs.add(event.ref()))
                problem(
                        "events[" + i + "].ref",
                        "DUPLICATE_REF",
                        "ref \"" + event.ref() + "\" is used by an earlier event");
        }

        actorRef("publisher", d.publisher(), actorRefs, false);
        for (int i = 0; i < d.authors().size(); i++)
            actorRef("authors[" + i + "]", d.authors().get(i), actorRefs, true);
        for (int i = 0; i < d.contributors().size(); i++)
            actorRef("contributors[" + i + "]", d.contributors().get(i), actorRefs, true);
        for (int i = 0; i < d.actors().size(); i++) {
            var actor = d.actors().get(i);
            if (actor == null) continue;
            for (int a = 0; a < actor.affiliations().size(); a++) {
                var path = "actors[" + i + "].affiliations[" + a + "]";
                var affiliation = actor.affiliations().get(a);
                if (affiliation == null) {
                    problem(path, "REQUIRED", "an affiliation cannot be null");
                    continue;
                }
                actorRef(path + ".organization", affiliation.organization(), actorRefs, false);
                text(path + ".title", affiliation.title(), true, MAX_NAME);
                date(path + ".validFrom", affiliation.validFrom());
                date(path + ".validTo", affiliation.validTo());
                if (affiliation.validFrom() != null
                        && affiliation.validTo() != null
                        && affiliation.validTo().isBefore(affiliation.validFrom()))
                    problem(path + ".validTo", "INVALID", "validTo is before validFrom");
            }
        }

        for (int i = 0; i < d.events().size(); i++) {
            var path = "events[" + i + "]";
            var event = d.events().get(i);
            if (event == null) {
                problem(path, "REQUIRED", "an event cannot be null");
                continue;
            }
            if (event.kind() == null) problem(path + ".kind", "REQUIRED", "the event kind is required");
            if (event.status() == null) problem(path + ".status", "REQUIRED", "the event status is required");
            text(path + ".title", event.title(), true, MAX_NAME);
            text(path + ".description", event.description(), false, MAX_TEXT);
            text(path + ".location", event.location(), false, MAX_NAME);
            if (event.externalKey() != null
                    && (event.externalKey().isBlank() || event.externalKey().length() > MAX_NAME))
                problem(path + ".externalKey", "INVALID", "an external key is 1 to 500 characters");
            date(path + ".startsOn", event.startsOn());
            date(path + ".endsOn", event.endsOn());
            precision(path + ".startsOn", event.startsOn() != null, event.startsOnPrecision());
            precision(path + ".endsOn", event.endsOn() != null, event.endsOnPrecision());
            if (event.startsOn() != null
                    && event.endsOn() != null
                    && event.endsOn().isBefore(event.startsOn()))
                problem(path + ".endsOn", "INVALID", "endsOn is before startsOn");
            if (event.parent() != null) {
                if (event.parent().equals(event.ref()))
                    problem(path + ".parent", "INVALID", "an event cannot be its own parent");
                else eventRef(path + ".parent", event.parent(), eventRefs);
            }
            for (int p = 0; p < event.participants().size(); p++) {
                var participantPath = path + ".participants[" + p + "]";
                var participant = event.participants().get(p);
                if (participant == null) {
                    problem(participantPath, "REQUIRED", "a participant cannot be null");
                    continue;
                }
                actorRef(participantPath + ".actor", participant.actor(), actorRefs, true);
                if (participant.role() == null)
                    problem(participantPath + ".role", "REQUIRED", "the participant role is required");
                actorRef(participantPath + ".represents", participant.represents(), actorRefs, false);
                text(participantPath + ".note", participant.note(), false, MAX_NAME);
            }
            for (int r = 0; r < event.relations().size(); r++) {
                var relationPath = path + ".relations[" + r + "]";
                var relation = event.relations().get(r);
                if (relation == null) {
                    problem(relationPath, "REQUIRED", "a relation cannot be null");
                    continue;
                }
                if (relation.kind() == null)
                    problem(relationPath + ".kind", "REQUIRED", "the relation kind is required");
                if (relation.event() != null && relation.event().equals(event.ref()))
                    problem(relationPath + ".event", "INVALID", "an event cannot relate to itself");
                else eventRef(relationPath + ".event", relation.event(), eventRefs);
            }
        }

        for (int i = 0; i < d.statements().size(); i++) {
            var path = "statements[" + i + "]";
            var statement = d.statements().get(i);
            if (statement == null) {
                problem(path, "REQUIRED", "a statement cannot be null");
                continue;
            }
            actorRef(path + ".speaker", statement.speaker(), actorRefs, true);
            if (statement.kind() == null) problem(path + ".kind", "REQUIRED", "the statement kind is required");
            text(path + ".text", statement.text(), true, MAX_TEXT);
            text(path + ".cue", statement.cue(), false, MAX_NAME);
            text(path + ".channel", statement.channel(), false, MAX_NAME);
            date(path + ".saidOn", statement.saidOn());
            precision(path + ".saidOn", statement.saidOn() != null, statement.saidOnPrecision());
            for (int r = 0; r < statement.relayedVia().size(); r++)
                actorRef(path + ".relayedVia[" + r + "]", statement.relayedVia().get(r), actorRefs, true);
            for (int m = 0; m < statement.mentions().size(); m++)
                actorRef(path + ".mentions[" + m + "]", statement.mentions().get(m), actorRefs, true);
            for (int e = 0; e < statement.events().size(); e++)
                eventRef(path + ".events[" + e + "]", statement.events().get(e), eventRefs);
        }
        ReportDetailsRules.check(d, problems);
    }

    /** Years 1 to 9999 only ({@link StorableDates}): the database's calendar and our cursors hold no others. */
    private void date(String path, java.time.temporal.Temporal value) {
        boolean storable = (value instanceof java.time.LocalDate day)
                ? StorableDates.storable(day)
                : !(value instanceof java.time.OffsetDateTime time) || StorableDates.storable(time);
        if (!storable) problem(path, "INVALID", "must be a date " + StorableDates.RANGE);
    }

    private void precision(String path, boolean hasDate, DatePrecision precision) {
        if (hasDate && precision == null)
            problem(path + "Precision", "REQUIRED", "a date needs its precision (DAY, WEEK, MONTH or YEAR)");
        if (!hasDate && precision != null) problem(path, "REQUIRED", "a precision was given without a date");
    }

    private void actorRef(String path, String ref, Set<String> refs, boolean required) {
        if (ref == null) {
            if (required) problem(path, "REQUIRED", "an actor reference is required");
        } else if (!refs.contains(ref)) {
            problem(path, "UNKNOWN_REFERENCE", "unknown actor reference \"" + ref + "\"");
        }
    }

    private void eventRef(String path, String ref, Set<String> refs) {
        if (ref == null) problem(path, "REQUIRED", "an event reference is required");
        else if (!refs.contains(ref)) problem(path, "UNKNOWN_REFERENCE", "unknown event reference \"" + ref + "\"");
    }

    private void text(String path, String value, boolean required, int max) {
        if (value == null) {
            if (required) problem(path, "REQUIRED", "is required");
        } else if (value.isBlank()) {
            problem(path, required ? "REQUIRED" : "INVALID", "must not be blank");
        } else if (value.length() > max) {
            problem(path, "TOO_LONG", "at most " + max + " characters");
        } else if (value.indexOf('\0') >= 0) {
            problem(path, "INVALID", "must not contain NUL characters");
        } else if (Text.hasLoneSurrogate(value)) {
            problem(path, "INVALID", "must not contain a lone UTF-16 surrogate (half of a character)");
        }
    }

    /**
     * The problems of a text field of an edit made by hand ({@link ActorCorrections}, {@link EventCorrections}):
     * the rules of a document's optional text; null means not given.
     */
    static void checkText(List<IngestProblem> problems, String path, String value, int max) {
        var validator = new DocumentValidator();
        validator.text(path, value, false, max);
        problems.addAll(validator.problems);
    }

    private void problem(String path, String code, String message) {
        problems.add(new IngestProblem(path, code, message));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
