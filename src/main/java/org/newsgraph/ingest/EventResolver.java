package org.newsgraph.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.newsgraph.ingest.IngestResult.Match;
import org.newsgraph.ingest.IngestResult.Resolution;
import org.newsgraph.resolution.EventBlocking;
import org.newsgraph.resolution.EventScorer;
import org.newsgraph.resolution.NameForms;
import org.newsgraph.resolution.Score;
import org.newsgraph.resolution.Thresholds;

/**
 * The events part of the resolution engine ({@link BatchResolver}). An event is matched exactly by its external
 * key, else by (title key, start date); a matched event takes what the document states (the latest report wins,
 * what it leaves out is kept). Otherwise every loaded event (stored ones near its date or with a similar title,
 * and the run's new ones) is scored with {@link EventScorer} against it, its participants resolved: merged
 * (evidence kept; the stored event keeps its own title and dates), a candidate for a curator, or a new event.
 */
final class EventResolver {

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
            String externalKey,
            Long parentId,
            String language) {}

    record EventInsert(ArticleDocument.Event event, String title, String titleKey, long virtualId) {}

    record EventOutcome(Resolution[] resolutions, List<Integer> matched, Long[] ids, boolean changes) {}

    /** What is known of an actor that takes part in events: its names (aliases too) and its group (people, bodies). */
    interface ParticipantNames {
        void describe(long actorId, Set<String> names, Set<String> groups);
    }

    private final EventIndex index = new EventIndex();
    private final Map<Long, EventState> byId = new HashMap<>();
    private final EventScorer scorer;
    private final Thresholds thresholds;
    private long nextEvent = BatchResolver.VIRTUAL;

    final List<EventInsert> eventInserts = new ArrayList<>();
    final List<BatchResolver.Decision> decisions;

    /** Names and groups of stored participants, as read; the run's actors are asked first ({@link #liveActors}). */
    private final Map<Long, ResolverRows.ParticipantActor> storedActors = new HashMap<>();

    private ParticipantNames liveActors = (id, names, groups) -> {};

    /** The (title key, start) each row without an external key holds in the database (or its insert) in this run. */
    private final Map<String, EventState> storedKeys = new HashMap<>();

    /**
     * An article of the run would create an event under a (title, start) that a stored row still holds in the
     * database, though an earlier article of the run moved that row to another (the update is written after
     * the run's inserts): the run must end before this article, as one-by-one ingests would have written it.
     */
    static final class KeyStillHeld extends RuntimeException {
        KeyStillHeld() {
            super(null, null, false, false);
        }
    }

    EventResolver(
            ResolverRows rows, EventScorer scorer, Thresholds thresholds, List<BatchResolver.Decision> decisions) {
        this.scorer = scorer;
        this.thresholds = thresholds;
        this.decisions = decisions;
        for (var row : rows.events()) {
            if (byId.containsKey(row.id())) continue;
            var state = new EventState(row);
            index.add(state);
            byId.put(row.id(), state);
            if (row.externalKey() == null) storedKeys.put(row.titleKey() + "|" + row.startsOn(), state);
        }
        for (var p : rows.eventParticipants()) {
            var e = byId.get(p.eventId());
            if (e != null) e.addParticipant(p.actorId(), p.role());
        }
        for (var a : rows.participantActors()) storedActors.put(a.id(), a);
        for (var m : rows.eventReports()) {
            var e = byId.get(m.eventId());
            if (e != null) e.absorb(m.title(), m.language(), m.startsOn(), m.startsOnPrecision());
        }
    }

    /** How many names a run's actor has so far (0 for others): names are only added, so an equal count is no change. */
    private java.util.function.ToLongFunction<Long> liveNameCounts = id -> 0;

    /**
     * The run's actors (names learnt during the run included): consulted before the rows read at its start; with the
     * count of each one's names.
     */
    void liveActors(ParticipantNames live, java.util.function.ToLongFunction<Long> nameCounts) {
        this.liveActors = live;
        this.liveNameCounts = nameCounts;
    }

    private final ParticipantNames participantNames = (id, names, groups) -> {
        int before = names.size() + groups.size();
        liveActors.describe(id, names, groups);
        if (names.size() + groups.size() > before) return;
        var stored = storedActors.get(id);
        if (stored == null) return;
        names.addAll(stored.names());
        groups.add(EventScorer.group(stored.kind()));
    };

    /** The participants a document gave the event, {@code roles} in the same order (a role may be null). */
    void addParticipants(long eventId, List<Long> actorIds, List<String> roles) {
        var e = byId.get(eventId);
        if (e == null) return;
        for (int i = 0; i < actorIds.size(); i++) e.addParticipant(actorIds.get(i), roles.get(i));
    }

    EventOutcome resolve(
            int article, ArticleDocument document, List<String> titleKeys, Function<String, Long> resolvedActor) {
        var documentEvents = document.events();
        int n = documentEvents.size();
        var resolutions = new Resolution[n];
        var found = new Long[n];
        var merged = new boolean[n];
        for (int i = 0; i < n; i++) found[i] = find(documentEvents.get(i), titleKeys.get(i));
        var createdHere = new HashSet<Long>();
        var newHere = new HashSet<Long>();
        // The events this document matches exactly are its own: none of its other events merges into them.
        for (var id : found) if (id != null) createdHere.add(id);
        var refIds = new HashMap<String, Long>();
        var actorsByRef = new HashMap<String, ArticleDocument.Actor>();
        for (var a : document.actors()) actorsByRef.putIfAbsent(a.ref(), a);
        // Parents first: a sub-event is compared with its parent resolved.
        for (int i : parentsFirst(documentEvents)) {
            var event = documentEvents.get(i);
            if (found[i] != null) {
                refIds.put(event.ref(), found[i]);
                continue;
            }
            var titleKey = titleKeys.get(i);
            boolean conflict = event.externalKey() != null
                    ? !index.withExternalKey(event.externalKey()).isEmpty()
                    : index.withTitleAndStart(titleKey, event.startsOn()).stream()
                            .anyMatch(e -> e.externalKey == null);
            if (conflict) {
                // The same event twice in this document: the second ref is the first one's event.
                found[i] = find(event, titleKey);
                if (found[i] == null) throw new IllegalStateException("event neither created nor found");
                refIds.put(event.ref(), found[i]);
                continue;
            }
            var mention = profile(event, document.language(), resolvedActor, refIds, newHere, actorsByRef);
            var blocking =
                    EventBlocking.Mention.of(mention.kind(), titleKey, mention.startsOn(), mention.startsOnPrecision());
            var candidate = bestCandidate(mention, blocking, createdHere, refIds);
            EventState best = candidate == null ? null : candidate.event();
            Score bestScore = candidate == null ? null : candidate.score();
            var outcome = bestScore == null ? Score.Outcome.DISTINCT : bestScore.outcome(thresholds.event());
            if (outcome == Score.Outcome.MERGE) {
                found[i] = best.id;
                merged[i] = true;
                decisions.add(new BatchResolver.Decision(
                        "EVENT", article, event.ref(), event, best.id, best.id, bestScore, "MERGED"));
                refIds.put(event.ref(), best.id);
                best.absorb(mention.title(), document.language(), event.startsOn(), name(event.startsOnPrecision()));
                continue;
            }
            if (event.externalKey() == null) {
                var holder = storedKeys.get(titleKey + "|" + event.startsOn());
                if (holder != null && article > 0) throw new KeyStillHeld();
            }
            long id = nextEvent++;
            var title = NameForms.clean(event.title());
            var state = new EventState(new StoredEvent(
                    id,
                    titleKey,
                    event.kind().name(),
                    title,
                    event.status().name(),
                    event.description(),
                    event.startsOn(),
                    name(event.startsOnPrecision()),
                    event.endsOn(),
                    name(event.endsOnPrecision()),
                    event.location(),
                    event.externalKey(),
                    mention.parentId(),
                    document.language()));
            state.addParticipants(mention.participants());
            state.addRoles(mention.roles());
            index.add(state);
            byId.put(id, state);
            if (event.externalKey() == null) storedKeys.put(titleKey + "|" + event.startsOn(), state);
            createdHere.add(id);
            newHere.add(id);
            resolutions[i] = new Resolution(event.ref(), id, Match.CREATED);
            eventInserts.add(new EventInsert(event, title, titleKey, id));
            refIds.put(event.ref(), id);
            if (outcome == Score.Outcome.CANDIDATE) {
                decisions.add(new BatchResolver.Decision(
                        "EVENT", article, event.ref(), event, id, best.id, bestScore, "CANDIDATE"));
            }
        }
        var matched = new ArrayList<Integer>();
        var updated = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) {
            if (found[i] != null) {
                resolutions[i] = new Resolution(documentEvents.get(i).ref(), found[i], Match.MATCHED);
                matched.add(i);
                if (!merged[i]) updated.add(i);
            }
        }
        var ids = new Long[n];
        for (int i = 0; i < n; i++) ids[i] = resolutions[i].id();
        // As EventIngest.linkEvents will write: each event's parent, where the document gives one.
        for (int i = 0; i < n; i++) {
            var parent = documentEvents.get(i).parent();
            var parentId = parent == null ? null : refIds.get(parent);
            if (parentId != null && !parentId.equals(ids[i]) && byId.containsKey(ids[i]))
                byId.get(ids[i]).parent(parentId);
        }
        boolean changes = !updated.isEmpty() && update(documentEvents, titleKeys, updated, found);
        return new EventOutcome(resolutions, updated, ids, changes);
    }

    private record Best(EventState event, Score score) {}

    /**
     * The loaded event that scores best against the mention (the first of equal scores), among those blocking admits
     * and the document's own events left aside; null when none is admitted or all are vetoed. A method of its own:
     * the compiler (JIT) works on it apart from the rest of {@link #resolve}.
     */
    private Best bestCandidate(
            EventScorer.Profile mention,
            EventBlocking.Mention blocking,
            Set<Long> createdHere,
            Map<String, Long> refIds) {
        var mentionKey =
                new EventBlocking.Key(mention.kind(), mention.startsOn(), mention.participants(), mention.parentId());
        var prepared = scorer.prepare(mention);
        EventState best = null;
        Score bestScore = null;
        // Of a dated mention, only the events its dates can share a day with, and the undated ones, can pass
        // blocking (both dated and disjoint: never admitted; related only by an undated one or by the parent).
        var near = index.near(mention.parentId() == null ? blocking.period() : null);
        for (var candidate : near) {
            // Two events of one document are two events: none is merged into another's.
            if (createdHere.contains(candidate.id) || refIds.containsValue(candidate.id)) continue;
            if (!blocking.admits(
                            candidate.kind, candidate.titleTrigrams, candidate.startsOn, candidate.startsOnPrecision)
                    // related needs one of the two undated, or a parent
                    && !((mention.startsOn() == null || candidate.startsOn == null || mention.parentId() != null)
                            && EventBlocking.related(mentionKey, candidate.key()))) continue;
            var profile = candidate.profile(participantNames, liveNameCounts);
            // Prepared already from this very profile (nothing of it changed): the preparation stands.
            if (candidate.prepared == null || candidate.prepared.profile() != profile)
                candidate.prepared = scorer.prepare(profile, candidate.prepared);
            var score = scorer.score(prepared, candidate.prepared);
            if (score.vetoed()) continue;
            if (bestScore == null || score.total() > bestScore.total()) {
                best = candidate;
                bestScore = score;
            }
        }
        return best == null ? null : new Best(best, bestScore);
    }

    /** The document's event indexes, each event's parent (within the document) before it. */
    static List<Integer> parentsFirst(List<ArticleDocument.Event> events) {
        var byRef = new HashMap<String, Integer>();
        for (int i = 0; i < events.size(); i++) byRef.putIfAbsent(events.get(i).ref(), i);
        var order = new ArrayList<Integer>();
        var seen = new boolean[events.size()];
        for (int i = 0; i < events.size(); i++) {
            var chain = new ArrayList<Integer>();
            for (Integer at = i; at != null && !seen[at]; ) {
                seen[at] = true;
                chain.add(at);
                var parent = events.get(at).parent();
                at = parent == null ? null : byRef.get(parent);
            }
            for (int c = chain.size() - 1; c >= 0; c--) order.add(chain.get(c));
        }
        return order;
    }

    private EventScorer.Profile profile(
            ArticleDocument.Event event,
            String language,
            Function<String, Long> resolvedActor,
            Map<String, Long> refIds,
            Set<Long> newHere,
            Map<String, ArticleDocument.Actor> actorsByRef) {
        var participants = new HashSet<Long>();
        var names = new HashSet<String>();
        var groups = new HashSet<String>();
        var roles = new HashMap<Long, Set<String>>();
        for (var p : event.participants()) {
            var actor = actorsByRef.get(p.actor());
            if (actor != null && actor.name() != null) {
                names.add(NameForms.clean(actor.name()));
                for (var alias : actor.aliases()) names.add(NameForms.clean(alias));
            }
            var id = resolvedActor.apply(p.actor());
            if (id == null) continue;
            participants.add(id);
            if (p.role() != null)
                roles.computeIfAbsent(id, k -> new HashSet<>()).add(p.role().name());
            if (actor != null && actor.kind() != null)
                groups.add(EventScorer.group(actor.kind().name()));
            participantNames.describe(id, names, new HashSet<>());
        }
        var parent = event.parent() == null ? null : refIds.get(event.parent());
        // A parent this article introduces is known to nothing stored: no evidence either way.
        if (parent != null && newHere.contains(parent)) parent = null;
        return new EventScorer.Profile(
                0,
                event.kind().name(),
                NameForms.clean(event.title()),
                event.startsOn(),
                name(event.startsOnPrecision()),
                event.location(),
                parent,
                participants,
                names,
                groups,
                language,
                List.of(),
                roles);
    }

    /** By external key, else by (title key, start) ({@link EventIndex#exact}). */
    private Long find(ArticleDocument.Event event, String titleKey) {
        return index.exact(event.externalKey(), titleKey, event.startsOn());
    }

    /**
     * The last ref of an event wins; what it states replaces, what it leaves out is kept, the external key only
     * fills a missing one. A change that would give an event another's unique key (title and start, or external
     * key) is left out: the event keeps what it had. Returns whether any row changes.
     */
    private boolean update(
            List<ArticleDocument.Event> documentEvents, List<String> titleKeys, List<Integer> matched, Long[] ids) {
        var last = new HashMap<Long, Integer>();
        for (int i : matched) last.merge(ids[i], i, Math::max);
        boolean any = false;
        var kept = new HashSet<Long>();
        for (int i : matched) {
            if (last.get(ids[i]) != i) continue;
            var state = byId.get(ids[i]);
            var e = documentEvents.get(i);
            var wanted = new EventState(new StoredEvent(
                    state.id,
                    titleKeys.get(i),
                    e.kind().name(),
                    NameForms.clean(e.title()),
                    e.status().name(),
                    or(e.description(), state.description),
                    or(e.startsOn(), state.startsOn),
                    or(name(e.startsOnPrecision()), state.startsOnPrecision),
                    or(e.endsOn(), state.endsOn),
                    or(name(e.endsOnPrecision()), state.endsOnPrecision),
                    or(e.location(), state.location),
                    or(state.externalKey, e.externalKey()),
                    state.parentId,
                    state.language));
            if (wanted.fields().equals(state.fields())) continue;
            boolean collides = wanted.externalKey != null
                    ? index.withExternalKey(wanted.externalKey).stream().anyMatch(other -> other.id != state.id)
                    : index.withTitleAndStart(wanted.titleKey, wanted.startsOn).stream()
                            .anyMatch(other -> other.id != state.id && other.externalKey == null);
            if (collides) {
                kept.add(state.id);
                continue;
            }
            index.take(state, wanted);
            any = true;
        }
        matched.removeIf(i -> kept.contains(ids[i]));
        return any;
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
