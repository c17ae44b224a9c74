package org.newsgraph.ingest;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.newsgraph.date.DatePrecision;
import org.newsgraph.statement.StatementKind;

/**
 * The rules of {@link DocumentValidator} for what a news report says beyond "X said Y about Z": several
 * speakers, addressees, translations, nesting and statements about statements, the article's own claims,
 * publication and event times, status history and parent cycles. Problems are reported with their paths,
 * like the rest of validation.
 */
final class ReportDetailsRules {

    private static final Pattern LANGUAGE = Pattern.compile("^[a-z]{2,3}(-[A-Za-z0-9]+)*$");

    private final List<IngestProblem> problems;
    private final Set<String> actorRefs = new HashSet<>();
    private final Set<String> eventRefs = new HashSet<>();

    private ReportDetailsRules(List<IngestProblem> problems) {
        this.problems = problems;
    }

    static void check(ArticleDocument d, List<IngestProblem> problems) {
        new ReportDetailsRules(problems).checkDocument(d);
    }

    private void checkDocument(ArticleDocument d) {
        d.actors().stream()
                .filter(Objects::nonNull)
                .map(ArticleDocument.Actor::ref)
                .forEach(actorRefs::add);
        d.events().stream()
                .filter(Objects::nonNull)
                .map(ArticleDocument.Event::ref)
                .forEach(eventRefs::add);
        publishedAt(d);
        for (int i = 0; i < d.events().size(); i++) {
            var event = d.events().get(i);
            if (event != null) event("events[" + i + "]", event);
        }
        parentCycles(d.events());
        statements(d);
    }

    private void publishedAt(ArticleDocument d) {
        var precision = d.publishedAtPrecision();
        if (precision == null) return;
        if (d.publishedAt() == null) {
            problem("publishedAt", "REQUIRED", "a publishedAtPrecision was given without publishedAt");
        } else if (precision != DatePrecision.HOUR && !startOfDayUtc(d.publishedAt())) {
            problem(
                    "publishedAt",
                    "INVALID",
                    "with precision " + precision
                            + " publishedAt is a date such as \"2025-04-22\" (start of the day, UTC)");
        }
    }

    private void event(String path, ArticleDocument.Event event) {
        hour(path + ".startsAt", event.startsAt(), event.startsOnPrecision());
        hour(path + ".endsAt", event.endsAt(), event.endsOnPrecision());
        if (event.startsAt() != null && event.endsAt() != null && event.endsAt().isBefore(event.startsAt()))
            problem(path + ".endsAt", "INVALID", "endsAt is before startsAt");
        if (event.startsAt() != null
                && event.startsOn() != null
                && !event.startsAt().toLocalDate().equals(event.startsOn()))
            problem(path + ".startsOn", "INVALID", "startsOn is not the day of startsAt; leave it out");
        if (event.endsAt() != null
                && event.endsOn() != null
                && !event.endsAt().toLocalDate().equals(event.endsOn()))
            problem(path + ".endsOn", "INVALID", "endsOn is not the day of endsAt; leave it out");
        var seen = new HashSet<String>();
        for (int h = 0; h < event.statusHistory().size(); h++) {
            var changePath = path + ".statusHistory[" + h + "]";
            var change = event.statusHistory().get(h);
            if (change == null) {
                problem(changePath, "REQUIRED", "a status change cannot be null");
                continue;
            }
            if (change.status() == null) problem(changePath + ".status", "REQUIRED", "the status is required");
            if (change.on() != null && change.onPrecision() == null)
                problem(
                        changePath + ".onPrecision",
                        "REQUIRED",
                        "a date needs its precision (DAY, WEEK, MONTH or YEAR)");
            if (change.on() == null && change.onPrecision() != null)
                problem(changePath + ".on", "REQUIRED", "a precision was given without a date");
            if (change.onPrecision() == DatePrecision.HOUR)
                problem(changePath + ".onPrecision", "INVALID", "a status change is dated to the day at most");
            if (change.note() != null
                    && (change.note().isBlank() || change.note().length() > DocumentValidator.MAX_NAME))
                problem(changePath + ".note", "INVALID", "a note is 1 to 500 characters");
            if (!seen.add(change.status() + "@" + change.on()))
                problem(changePath, "DUPLICATE", "the same status on the same day is listed twice");
        }
    }

    private void hour(String path, OffsetDateTime time, DatePrecision precision) {
        String day = path.substring(0, path.length() - 2) + "On";
        if (time != null && precision != DatePrecision.HOUR)
            problem(day + "Precision", "INVALID", "a time of day (" + shortName(path) + ") needs precision HOUR");
        if (time == null && precision == DatePrecision.HOUR)
            problem(path, "REQUIRED", "precision HOUR needs the time: " + shortName(path) + " with offset");
    }

    /** A walk up the parents of the document's events must end: A inside B inside A is refused. */
    private void parentCycles(List<ArticleDocument.Event> events) {
        Map<String, String> parents = new HashMap<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            var event = events.get(i);
            if (event == null || event.ref() == null) continue;
            index.putIfAbsent(event.ref(), i);
            if (event.parent() != null && !event.parent().equals(event.ref()))
                parents.putIfAbsent(event.ref(), event.parent());
        }
        Set<String> reported = new HashSet<>();
        for (var start : parents.keySet()) {
            var chain = new LinkedHashSet<String>();
            String at = start;
            while (at != null && chain.add(at)) at = parents.get(at);
            if (at != null && at.equals(start) && reported.add(String.join(",", new java.util.TreeSet<>(chain)))) {
                var path = new ArrayList<>(chain);
                path.add(start);
                problem(
                        "events[" + index.get(start) + "].parent",
                        "PARENT_CYCLE",
                        "events cannot be inside each other: " + String.join(" is inside ", path));
            }
        }
    }

    private void statements(ArticleDocument d) {
        Map<String, Integer> refs = new HashMap<>();
        for (int i = 0; i < d.statements().size(); i++) {
            var statement = d.statements().get(i);
            if (statement == null || statement.ref() == null) continue;
            if (statement.ref().isBlank()) problem("statements[" + i + "].ref", "INVALID", "a ref must not be blank");
            else if (refs.putIfAbsent(statement.ref(), i) != null)
                problem(
                        "statements[" + i + "].ref",
                        "DUPLICATE_REF",
                        "ref \"" + statement.ref() + "\" is used by an earlier statement");
        }
        Map<Integer, Integer> within = new HashMap<>();
        for (int i = 0; i < d.statements().size(); i++) {
            var path = "statements[" + i + "]";
            var s = d.statements().get(i);
            if (s == null) continue;
            if (!s.speakers().isEmpty()) speakers(path, s);
            if (s.addressee() != null && !actorRefs.contains(s.addressee()))
                problem(path + ".addressee", "UNKNOWN_REFERENCE", "unknown actor reference \"" + s.addressee() + "\"");
            if (s.saidOnPrecision() == DatePrecision.HOUR)
                problem(path + ".saidOnPrecision", "INVALID", "a statement is dated to the day at most");
            if (s.originalLanguage() != null) {
                if (!LANGUAGE.matcher(s.originalLanguage()).matches())
                    problem(path + ".originalLanguage", "INVALID", "must be a language tag such as \"ru\" or \"uk\"");
                if (!Boolean.TRUE.equals(s.translated()))
                    problem(path + ".translated", "INVALID", "an original language is given for translations only");
            }
            if (s.kind() == StatementKind.ARTICLE_CLAIM && s.relayedVia().size() > 0)
                problem(path + ".relayedVia", "INVALID", "the article's own claims are not relayed by anyone");
            var relays = new HashSet<String>();
            for (int r = 0; r < s.relayedVia().size(); r++)
                if (s.relayedVia().get(r) != null && !relays.add(s.relayedVia().get(r)))
                    problem(
                            path + ".relayedVia[" + r + "]",
                            "DUPLICATE",
                            "an actor is listed twice in the relay chain");
            if (s.within() != null) {
                Integer parent = refs.get(s.within());
                if (parent == null)
                    problem(
                            path + ".within",
                            "UNKNOWN_REFERENCE",
                            "unknown statement reference \"" + s.within() + "\"");
                else if (parent == i) problem(path + ".within", "INVALID", "a statement cannot be inside itself");
                else within.put(i, parent);
            }
            var links = new HashSet<String>();
            for (int r = 0; r < s.relations().size(); r++) {
                var linkPath = path + ".relations[" + r + "]";
                var link = s.relations().get(r);
                if (link == null) {
                    problem(linkPath, "REQUIRED", "a relation cannot be null");
                    continue;
                }
                if (link.kind() == null) problem(linkPath + ".kind", "REQUIRED", "the relation kind is required");
                if (link.statement() == null)
                    problem(linkPath + ".statement", "REQUIRED", "a statement reference is required");
                else if (!refs.containsKey(link.statement()))
                    problem(
                            linkPath + ".statement",
                            "UNKNOWN_REFERENCE",
                            "unknown statement reference \"" + link.statement() + "\"");
                else if (refs.get(link.statement()) == i)
                    problem(linkPath + ".statement", "INVALID", "a statement cannot relate to itself");
                else if (!links.add(link.kind() + "→" + link.statement()))
                    problem(linkPath, "DUPLICATE", "the same relation is listed twice");
            }
        }
        for (var start : within.keySet()) {
            Set<Integer> seen = new HashSet<>();
            Integer at = start;
            while (at != null && seen.add(at)) at = within.get(at);
            if (at != null && at.equals(start))
                problem(
                        "statements[" + start + "].within",
                        "NESTING_CYCLE",
                        "statements cannot be quoted inside each other in a circle");
        }
    }

    private void speakers(String path, ArticleDocument.Statement s) {
        if (s.speaker() != null && !s.speaker().equals(s.speakers().get(0)))
            problem(
                    path + ".speaker",
                    "INVALID",
                    "give speaker or speakers; with both, speaker is the first of speakers");
        var seen = new HashSet<String>();
        for (int k = 0; k < s.speakers().size(); k++) {
            var ref = s.speakers().get(k);
            var speakerPath = path + ".speakers[" + k + "]";
            if (ref == null) problem(speakerPath, "REQUIRED", "an actor reference is required");
            else if (!actorRefs.contains(ref))
                problem(speakerPath, "UNKNOWN_REFERENCE", "unknown actor reference \"" + ref + "\"");
            else if (!seen.add(ref)) problem(speakerPath, "DUPLICATE", "a speaker is listed twice");
        }
    }

    private static boolean startOfDayUtc(OffsetDateTime time) {
        return time.getOffset().equals(ZoneOffset.UTC) && time.toLocalTime().equals(LocalTime.MIDNIGHT);
    }

    private static String shortName(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private void problem(String path, String code, String message) {
        problems.add(new IngestProblem(path, code, message));
    }
}
