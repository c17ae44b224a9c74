package org.newsgraph.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.ingest.IngestResult.Match;
import org.newsgraph.ingest.IngestResult.Resolution;

/**
 * Resolves the actors and events of a run of new articles in memory, with the outcome that ingesting them
 * one after the other would have ({@code IngestService.resolveActors} / {@code resolveEvents}): the same
 * matches, the same rows created in the same order (so the same IDs), including what an earlier article
 * of the run changes for a later one (actors it created, aliases and Wikidata IDs it added, events it
 * created or re-keyed). It starts from the stored rows any name, alias, Wikidata ID, external key or
 * (title, start) of the run can match, read once per run.
 *
 * <p>Rows to create get placeholder IDs ({@link #VIRTUAL} and up, in creation order, so they sort after
 * every stored row as real IDs would); the caller inserts them and maps the placeholders to the real IDs.
 * Where the outcome one by one would depend on something this model does not follow (an arbitrary pick
 * by the database, a unique violation), it throws {@link Unmodeled} and the caller writes the run one
 * article at a time.
 */
final class BatchResolver {

    static final long VIRTUAL = 1L << 60;

    /** A case the model does not follow: write these articles one at a time. */
    static final class Unmodeled extends RuntimeException {
        Unmodeled(String why) {
            super(why, null, false, false);
        }
    }

    record StoredActor(
            long id, ActorKind kind, String nameKey, String wikidataId, boolean hasDescription, String aliasKey) {}

    /** An event row as stored (enum values by name). */
    record StoredEvent(
            long id,
            String titleKey,
            String kind,
            String title,
            String status,
            String description,
            LocalDate startsOn,
            String startsOnPrecision,
            LocalDate endsOn,
            String endsOnPrecision,
            String location,
            String externalKey) {}

    /** What one article's refs resolved to, and which of them matched (the input of the completing statements). */
    record ArticlePlan(
            Resolution[] actors,
            List<Integer> matchedActors,
            Resolution[] events,
            List<Integer> matchedEvents,
            Long[] eventIds,
            boolean eventsChange) {}

    /** A Wikidata ID or description that a matched actor gains (null: keeps its own). */
    record ActorFill(long actorId, String wikidataId, String description) {}

    /** A name or alias of a document that becomes an alias of the actor it resolved to. */
    record AliasInsert(long actorId, String alias) {}

    /** An actor or event row to insert, in insert order; {@code virtualId} 0 for a row that will conflict. */
    record ActorInsert(ActorKey key, long virtualId) {}

    record EventInsert(ArticleDocument.Event event, String titleKey, long virtualId) {}

    private static final class ActorState {
        final long id;
        final ActorKind kind;
        final String nameKey;
        String wikidataId;
        boolean hasDescription;

        ActorState(long id, ActorKind kind, String nameKey, String wikidataId, boolean hasDescription) {
            this.id = id;
            this.kind = kind;
            this.nameKey = nameKey;
            this.wikidataId = wikidataId;
            this.hasDescription = hasDescription;
        }
    }

    private static final class EventState {
        final long id;
        String titleKey;
        String kind, title, status, description, startsOnPrecision, endsOnPrecision, location, externalKey;
        LocalDate startsOn, endsOn;

        EventState(
                long id,
                String titleKey,
                String kind,
                String title,
                String status,
                String description,
                LocalDate startsOn,
                String startsOnPrecision,
                LocalDate endsOn,
                String endsOnPrecision,
                String location,
                String externalKey) {
            this.id = id;
            this.titleKey = titleKey;
            this.kind = kind;
            this.title = title;
            this.status = status;
            this.description = description;
            this.startsOn = startsOn;
            this.startsOnPrecision = startsOnPrecision;
            this.endsOn = endsOn;
            this.endsOnPrecision = endsOnPrecision;
            this.location = location;
            this.externalKey = externalKey;
        }

        static EventState of(long id, ArticleDocument.Event e, String titleKey) {
            return new EventState(
                    id,
                    titleKey,
                    e.kind().name(),
                    e.title(),
                    e.status().name(),
                    e.description(),
                    e.startsOn(),
                    name(e.startsOnPrecision()),
                    e.endsOn(),
                    name(e.endsOnPrecision()),
                    e.location(),
                    e.externalKey());
        }

        EventState copy() {
            return new EventState(
                    id,
                    titleKey,
                    kind,
                    title,
                    status,
                    description,
                    startsOn,
                    startsOnPrecision,
                    endsOn,
                    endsOnPrecision,
                    location,
                    externalKey);
        }

        List<Object> fields() {
            return java.util.Arrays.asList(
                    kind,
                    title,
                    status,
                    description,
                    startsOn,
                    startsOnPrecision,
                    endsOn,
                    endsOnPrecision,
                    location,
                    externalKey);
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private final Map<Long, ActorState> actorsById = new HashMap<>();
    private final Map<String, ActorState> actorsByKey = new HashMap<>();
    private final Map<String, ActorState> actorsByWikidata = new HashMap<>();
    private final Map<String, Set<ActorState>> actorsByAlias = new HashMap<>();
    private final List<EventState> events = new ArrayList<>();
    private long nextActor = VIRTUAL;
    private long nextEvent = VIRTUAL;

    final List<ActorInsert> actorInserts = new ArrayList<>();
    final List<EventInsert> eventInserts = new ArrayList<>();
    final List<ActorFill> actorFills = new ArrayList<>();
    final List<AliasInsert> aliasInserts = new ArrayList<>();
    final List<ArticlePlan> plans = new ArrayList<>();

    BatchResolver(List<StoredActor> storedActors, List<StoredEvent> storedEvents) {
        for (var row : storedActors) {
            var actor = actorsById.computeIfAbsent(row.id(), id -> {
                var state = new ActorState(id, row.kind(), row.nameKey(), row.wikidataId(), row.hasDescription());
                actorsByKey.put(row.nameKey(), state);
                if (row.wikidataId() != null) actorsByWikidata.put(row.wikidataId(), state);
                return state;
            });
            if (row.aliasKey() != null)
                actorsByAlias
                        .computeIfAbsent(row.aliasKey(), k -> new HashSet<>())
                        .add(actor);
        }
        for (var row : storedEvents) {
            if (events.stream().noneMatch(e -> e.id == row.id())) {
                events.add(new EventState(
                        row.id(),
                        row.titleKey(),
                        row.kind(),
                        row.title(),
                        row.status(),
                        row.description(),
                        row.startsOn(),
                        row.startsOnPrecision(),
                        row.endsOn(),
                        row.endsOnPrecision(),
                        row.location(),
                        row.externalKey()));
            }
        }
    }

    /** Resolves the next article of the run, as if all before it were written. */
    void resolve(List<ActorKey> keys, List<ArticleDocument.Event> documentEvents, List<String> titleKeys) {
        var actors = resolveActors(keys);
        var eventPlan = resolveEvents(documentEvents, titleKeys);
        plans.add(new ArticlePlan(
                actors.resolutions,
                actors.matched,
                eventPlan.resolutions,
                eventPlan.matched,
                eventPlan.ids,
                eventPlan.changes));
    }

    // ---------------------------------------------------------------- actors

    private record ActorOutcome(Resolution[] resolutions, List<Integer> matched) {}

    private ActorOutcome resolveActors(List<ActorKey> keys) {
        int n = keys.size();
        var resolutions = new Resolution[n];
        var matched = new ArrayList<Integer>();
        if (n == 0) return new ActorOutcome(resolutions, matched);
        var found = new Long[n];
        for (int i = 0; i < n; i++) found[i] = match(keys.get(i));

        // As IngestService inserts the missing ones: in key order, one statement, ON CONFLICT DO NOTHING.
        var missing = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) if (found[i] == null) missing.add(i);
        missing.sort((a, b) -> keys.get(a).key().compareTo(keys.get(b).key()));
        var created = new HashMap<String, Long>();
        for (int i : missing) {
            var key = keys.get(i);
            var wikidata = key.actor().wikidataId();
            boolean conflict =
                    actorsByKey.containsKey(key.key()) || (wikidata != null && actorsByWikidata.containsKey(wikidata));
            if (conflict) {
                actorInserts.add(new ActorInsert(key, 0));
                continue;
            }
            long id = nextActor++;
            var state = new ActorState(
                    id, key.actor().kind(), key.key(), wikidata, key.actor().description() != null);
            actorsById.put(id, state);
            actorsByKey.put(key.key(), state);
            if (wikidata != null) actorsByWikidata.put(wikidata, state);
            created.put(key.key(), id);
            actorInserts.add(new ActorInsert(key, id));
        }
        var lostRace = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) {
            var ref = keys.get(i).actor().ref();
            if (found[i] != null) {
                resolutions[i] = new Resolution(ref, found[i], Match.MATCHED);
                matched.add(i);
            } else if (created.containsKey(keys.get(i).key())) {
                resolutions[i] = new Resolution(ref, created.remove(keys.get(i).key()), Match.CREATED);
            } else {
                lostRace.add(i);
            }
        }
        for (int i : lostRace) {
            var again = match(keys.get(i));
            if (again == null) throw new Unmodeled("actor neither created nor found");
            resolutions[i] = new Resolution(keys.get(i).actor().ref(), again, Match.MATCHED);
            matched.add(i);
        }
        complete(keys, matched, resolutions);
        return new ActorOutcome(resolutions, matched);
    }

    /** IngestService.match: Wikidata ID, exact key, a name equal to a known name, then to a known alias; oldest first. */
    private Long match(ActorKey key) {
        var wikidata = key.actor().wikidataId();
        if (wikidata != null && actorsByWikidata.containsKey(wikidata)) return actorsByWikidata.get(wikidata).id;
        if (actorsByKey.containsKey(key.key())) return actorsByKey.get(key.key()).id;
        Long best = null;
        for (var name : key.aliasKeys()) {
            var actor = actorsByKey.get(name);
            if (actor != null && actor.kind != ActorKind.UNNAMED_SOURCE && (best == null || actor.id < best))
                best = actor.id;
        }
        if (best != null) return best;
        for (var name : key.aliasKeys()) {
            for (var actor : actorsByAlias.getOrDefault(name, Set.of())) {
                if (actor.kind != ActorKind.UNNAMED_SOURCE && (best == null || actor.id < best)) best = actor.id;
            }
        }
        return best;
    }

    /**
     * IngestService.completeActors: a matched actor gains the Wikidata ID (unless another actor has it) and
     * description it lacked; the names and aliases of every ref become aliases of its actor. Collects
     * exactly the rows that statement would change or add, so that the caller writes them in two statements
     * for the whole run.
     */
    private void complete(List<ActorKey> keys, List<Integer> matched, Resolution[] resolutions) {
        // The statement takes one input row per actor (DISTINCT ON): an arbitrary one when refs disagree.
        var inputById = new java.util.LinkedHashMap<Long, ArticleDocument.Actor>();
        for (int i : matched) {
            var actor = keys.get(i).actor();
            if (actor.wikidataId() == null && actor.description() == null) continue;
            var other = inputById.putIfAbsent(resolutions[i].id(), actor);
            if (other != null
                    && (!Objects.equals(other.wikidataId(), actor.wikidataId())
                            || !Objects.equals(other.description(), actor.description()))) {
                throw new Unmodeled("refs of one actor with different Wikidata IDs or descriptions");
            }
        }
        var filledWikidata = new HashMap<String, ActorState>();
        var fills = new ArrayList<ActorFill>();
        inputById.forEach((id, input) -> {
            var actor = actorsById.get(id);
            // All rows are checked against the actors as they were before the statement.
            boolean fillWikidata = input.wikidataId() != null
                    && actor.wikidataId == null
                    && !actorsByWikidata.containsKey(input.wikidataId());
            boolean fillDescription = input.description() != null && !actor.hasDescription;
            if (!fillWikidata && !fillDescription) return;
            if (fillWikidata && filledWikidata.put(input.wikidataId(), actor) != null) {
                throw new Unmodeled("one Wikidata ID filled into two actors");
            }
            fills.add(new ActorFill(
                    id, fillWikidata ? input.wikidataId() : null, fillDescription ? input.description() : null));
        });
        for (var fill : fills) {
            var actor = actorsById.get(fill.actorId());
            if (fill.wikidataId() != null) {
                actor.wikidataId = fill.wikidataId();
                actorsByWikidata.put(fill.wikidataId(), actor);
            }
            if (fill.description() != null) actor.hasDescription = true;
            actorFills.add(fill);
        }
        for (int i = 0; i < keys.size(); i++) {
            var key = keys.get(i);
            var actor = actorsById.get(resolutions[i].id());
            // The texts in the order the statement gets them (aliases, then the name): the first of a key wins.
            var names = new LinkedHashSet<>(key.actor().aliases());
            var folded = new HashMap<String, String>();
            for (int a = 0; a < key.actor().aliases().size(); a++)
                folded.putIfAbsent(
                        key.actor().aliases().get(a), key.foldedAliases().get(a));
            if (key.actor().kind() != ActorKind.UNNAMED_SOURCE) {
                names.add(key.actor().name());
                folded.putIfAbsent(key.actor().name(), key.nameKey());
            }
            for (var name : names) {
                var aliasKey = folded.get(name);
                if (aliasKey.isEmpty() || aliasKey.equals(actor.nameKey)) continue;
                if (actorsByAlias
                        .computeIfAbsent(aliasKey, k -> new HashSet<>())
                        .add(actor)) {
                    aliasInserts.add(new AliasInsert(actor.id, name));
                }
            }
        }
    }

    // ---------------------------------------------------------------- events

    private record EventOutcome(Resolution[] resolutions, List<Integer> matched, Long[] ids, boolean changes) {}

    private EventOutcome resolveEvents(List<ArticleDocument.Event> documentEvents, List<String> titleKeys) {
        int n = documentEvents.size();
        var resolutions = new Resolution[n];
        var found = new Long[n];
        for (int i = 0; i < n; i++) found[i] = find(documentEvents.get(i), titleKeys.get(i));
        for (int i = 0; i < n; i++) {
            if (found[i] != null) continue;
            var event = documentEvents.get(i);
            var titleKey = titleKeys.get(i);
            boolean conflict = event.externalKey() != null
                    ? events.stream().anyMatch(e -> event.externalKey().equals(e.externalKey))
                    : events.stream()
                            .anyMatch(e -> e.externalKey == null
                                    && titleKey.equals(e.titleKey)
                                    && Objects.equals(e.startsOn, event.startsOn()));
            if (!conflict) {
                long id = nextEvent++;
                events.add(EventState.of(id, event, titleKey));
                resolutions[i] = new Resolution(event.ref(), id, Match.CREATED);
                eventInserts.add(new EventInsert(event, titleKey, id));
            } else {
                eventInserts.add(new EventInsert(event, titleKey, 0));
                found[i] = find(event, titleKey);
                if (found[i] == null) throw new Unmodeled("event neither created nor found");
            }
        }
        var matched = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) {
            if (found[i] != null) {
                resolutions[i] = new Resolution(documentEvents.get(i).ref(), found[i], Match.MATCHED);
                matched.add(i);
            }
        }
        boolean changes = !matched.isEmpty() && update(documentEvents, titleKeys, matched, found);
        return new EventOutcome(resolutions, matched, found, changes);
    }

    /** IngestService.findEvents: by external key, else by (title key, start); the exact external key first, then the oldest. */
    private Long find(ArticleDocument.Event event, String titleKey) {
        EventState best = null;
        boolean bestExact = false;
        for (var e : events) {
            boolean byKey = event.externalKey() != null && event.externalKey().equals(e.externalKey);
            boolean byTitle = titleKey.equals(e.titleKey)
                    && Objects.equals(e.startsOn, event.startsOn())
                    && (e.externalKey == null || event.externalKey() == null);
            if (!byKey && !byTitle) continue;
            boolean exact = Objects.equals(e.externalKey, event.externalKey());
            if (best == null || (exact && !bestExact) || (exact == bestExact && e.id < best.id)) {
                best = e;
                bestExact = exact;
            }
        }
        return best == null ? null : best.id;
    }

    /**
     * IngestService.updateMatchedEvents: the last ref of an event wins; what it states replaces, what it leaves
     * out is kept, the external key only fills a missing one. Returns whether any row changes (if not, that
     * statement would write nothing and need not run).
     */
    private boolean update(
            List<ArticleDocument.Event> documentEvents, List<String> titleKeys, List<Integer> matched, Long[] ids) {
        var last = new HashMap<Long, Integer>();
        for (int i : matched) last.merge(ids[i], i, Math::max);
        var changed = new HashSet<EventState>();
        var before = new ArrayList<EventState>();
        for (var entry : last.entrySet()) {
            var state = events.stream()
                    .filter(e -> e.id == entry.getKey())
                    .findFirst()
                    .orElseThrow();
            var e = documentEvents.get(entry.getValue());
            var wanted = new EventState(
                    state.id,
                    titleKeys.get(entry.getValue()),
                    e.kind().name(),
                    e.title(),
                    e.status().name(),
                    or(e.description(), state.description),
                    or(e.startsOn(), state.startsOn),
                    or(name(e.startsOnPrecision()), state.startsOnPrecision),
                    or(e.endsOn(), state.endsOn),
                    or(name(e.endsOnPrecision()), state.endsOnPrecision),
                    or(e.location(), state.location),
                    or(state.externalKey, e.externalKey()));
            if (wanted.fields().equals(state.fields())) continue;
            before.add(state.copy());
            state.titleKey = wanted.titleKey;
            state.kind = wanted.kind;
            state.title = wanted.title;
            state.status = wanted.status;
            state.description = wanted.description;
            state.startsOn = wanted.startsOn;
            state.startsOnPrecision = wanted.startsOnPrecision;
            state.endsOn = wanted.endsOn;
            state.endsOnPrecision = wanted.endsOnPrecision;
            state.location = wanted.location;
            state.externalKey = wanted.externalKey;
            changed.add(state);
        }
        // A change that meets another event on a unique key fails in the database (or depends on row order there).
        var compared = new ArrayList<>(events);
        compared.addAll(before);
        for (var state : changed) {
            for (var other : compared) {
                if (other.id == state.id) continue;
                boolean sameKey = state.externalKey != null && state.externalKey.equals(other.externalKey);
                boolean sameTitle = state.externalKey == null
                        && other.externalKey == null
                        && state.titleKey.equals(other.titleKey)
                        && Objects.equals(state.startsOn, other.startsOn);
                if (sameKey || sameTitle) throw new Unmodeled("an event update meets another event's unique key");
            }
        }
        return !changed.isEmpty();
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
