package org.newsgraph.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.ingest.BatchResolver.ActorFill;
import org.newsgraph.ingest.BatchResolver.ActorInsert;
import org.newsgraph.ingest.BatchResolver.AliasInsert;
import org.newsgraph.ingest.BatchResolver.ArticlePlan;
import org.newsgraph.ingest.BatchResolver.Decision;
import org.newsgraph.ingest.BatchResolver.KeyInsert;
import org.newsgraph.ingest.IngestResult.Resolution;
import org.newsgraph.resolution.ActorScorer;
import org.newsgraph.resolution.EventScorer;
import org.newsgraph.resolution.NameForms;
import org.newsgraph.resolution.Thresholds;

/**
 * What the resolution engine knows of actors during a run ({@link BatchResolver} adds the matching rules): the
 * stored actors of {@link ResolverRows} and those the run creates, indexed by name key, Wikidata ID, alias key
 * and candidate key, each with its names, affiliations, events and fellow participants; what an article adds to
 * them once it is resolved ({@link #complete}, {@link #learn}); and the rows the run will write.
 */
abstract class ActorIndex {

    static final class ActorState {
        final long id;
        final ActorKind kind;
        final String nameKey;
        String wikidataId;
        boolean hasDescription;
        final List<String> names = new ArrayList<>();
        final Set<Long> organizations = new HashSet<>();
        final Set<String> titles = new HashSet<>();
        final Set<Long> events = new HashSet<>();
        /** Fellow participants: those the run adds, and (once {@link #neighbours()} is asked) the stored ones. */
        private final Set<Long> neighbours = new HashSet<>();
        /** The stored events read for the actor (its latest), whose participants are its stored fellows. */
        private final List<Long> storedEvents = new ArrayList<>();

        private Map<Long, List<Long>> storedParticipants = Map.of();

        ActorState(long id, ActorKind kind, String nameKey, String wikidataId, boolean hasDescription) {
            this.id = id;
            this.kind = kind;
            this.nameKey = nameKey;
            this.wikidataId = wikidataId;
            this.hasDescription = hasDescription;
        }

        /**
         * Every actor it took part in an event with: of its stored events (their participants are read once per
         * event, not once per pair) and of the run's. Worked out when first asked: only the candidates that the
         * name leaves short of a match need it.
         */
        Set<Long> neighbours() {
            if (!storedEvents.isEmpty()) {
                for (var event : storedEvents)
                    for (var other : storedParticipants.getOrDefault(event, List.of()))
                        if (other != id) neighbours.add(other);
                storedEvents.clear();
            }
            return neighbours;
        }

        void addNeighbour(long other) {
            neighbours.add(other);
        }

        /** What {@link #profile} gave last: still its profile until a name, organization, title or ID is added. */
        private ActorScorer.Profile snapshot;

        /**
         * Its profile for scoring: a copy of its names, Wikidata ID, organizations and titles (in their order) that
         * does not change, taken again only after {@link #changed}. Pair scores are remembered by the contents of the
         * two profiles ({@link PairScores}); copying the actor's lists for every pair was 5 % of an import.
         */
        ActorScorer.Profile profile() {
            var p = snapshot;
            if (p == null) {
                snapshot = p = new ActorScorer.Profile(
                        id,
                        kind.name(),
                        java.util.Collections.unmodifiableList(new ArrayList<>(names)),
                        wikidataId,
                        java.util.Collections.unmodifiableSet(new LinkedHashSet<>(organizations)),
                        java.util.Collections.unmodifiableSet(new LinkedHashSet<>(titles)));
            }
            return p;
        }

        /** Its names, Wikidata ID, organizations or titles changed: the next {@link #profile} is taken anew. */
        void changed() {
            snapshot = null;
        }
    }

    final Map<Long, ActorState> actorsById = new HashMap<>();
    final Map<String, ActorState> actorsByKey = new HashMap<>();
    final Map<String, ActorState> actorsByWikidata = new HashMap<>();
    final Map<String, Set<ActorState>> actorsByAlias = new HashMap<>();
    final Map<String, Set<ActorState>> actorsByCandidateKey = new HashMap<>();
    /** The loaded actors known to take part in an event (the fellow participants a new participant gains). */
    final Map<Long, Set<ActorState>> participantsOf = new HashMap<>();

    long nextActor = BatchResolver.VIRTUAL;

    final List<Decision> decisions = new ArrayList<>();
    final ActorScorer scorer;
    final Thresholds thresholds;
    final EventResolver events;

    final List<ActorInsert> actorInserts = new ArrayList<>();
    final List<ActorFill> actorFills = new ArrayList<>();
    final List<AliasInsert> aliasInserts = new ArrayList<>();
    final List<KeyInsert> keyInserts = new ArrayList<>();
    final List<ArticlePlan> plans = new ArrayList<>();

    ActorIndex(ResolverRows rows, ActorScorer scorer, EventScorer eventScorer, Thresholds thresholds) {
        this.scorer = scorer;
        this.thresholds = thresholds;
        this.events = new EventResolver(rows, eventScorer, thresholds, decisions);
        this.events.liveActors(
                (id, names, groups) -> {
                    var actor = actorsById.get(id);
                    if (actor == null) return;
                    names.addAll(actor.names);
                    groups.add(EventScorer.group(actor.kind.name()));
                },
                id -> {
                    var actor = actorsById.get(id);
                    return actor == null ? 0 : actor.names.size();
                });
        for (var row : rows.actors()) {
            if (actorsById.containsKey(row.id())) continue;
            var state = new ActorState(row.id(), row.kind(), row.nameKey(), row.wikidataId(), row.hasDescription());
            actorsById.put(row.id(), state);
            actorsByKey.put(row.nameKey(), state);
            if (row.wikidataId() != null) actorsByWikidata.put(row.wikidataId(), state);
            if (row.kind() != ActorKind.UNNAMED_SOURCE) addName(state, row.name());
        }
        for (var alias : rows.aliases()) {
            var actor = actorsById.get(alias.actorId());
            if (actor == null) continue;
            actorsByAlias
                    .computeIfAbsent(alias.aliasKey(), k -> new HashSet<>())
                    .add(actor);
            addName(actor, alias.alias());
        }
        for (var a : rows.affiliations()) {
            var actor = actorsById.get(a.actorId());
            if (actor == null) continue;
            if (a.organizationId() != null) actor.organizations.add(a.organizationId());
            actor.titles.add(a.title());
            actor.changed();
        }
        var storedParticipants = new HashMap<Long, List<Long>>();
        for (var p : rows.fellowParticipants())
            storedParticipants
                    .computeIfAbsent(p.eventId(), k -> new ArrayList<>())
                    .add(p.actorId());
        for (var p : rows.participations()) {
            var actor = actorsById.get(p.actorId());
            if (actor == null) continue;
            actor.events.add(p.eventId());
            actor.storedEvents.add(p.eventId());
            actor.storedParticipants = storedParticipants;
            participantsOf
                    .computeIfAbsent(p.eventId(), k -> new LinkedHashSet<>())
                    .add(actor);
        }
    }

    void addName(ActorState actor, String name) {
        if (actor.names.contains(name)) return;
        actor.names.add(name);
        actor.changed();
        for (var key : CandidateKeys.of(scorer, actor.kind.name(), name)) {
            actorsByCandidateKey
                    .computeIfAbsent(key, k -> new LinkedHashSet<>())
                    .add(actor);
        }
    }

    void addNameAndKeys(ActorState actor, String name) {
        for (var key : CandidateKeys.of(scorer, actor.kind.name(), name)) {
            if (!actorsByCandidateKey.containsKey(key)
                    || !actorsByCandidateKey.get(key).contains(actor)) {
                keyInserts.add(new KeyInsert(actor.id, key));
            }
        }
        addName(actor, name);
    }

    /**
     * A matched actor gains the Wikidata ID (unless another actor has it) and description it lacked (the first
     * ref that gives one wins); the names and aliases of every ref become aliases of its actor.
     */
    void complete(List<ActorKey> keys, List<Integer> matched, Resolution[] resolutions) {
        var inputById = new java.util.LinkedHashMap<Long, ArticleDocument.Actor>();
        for (int i : matched) {
            var actor = keys.get(i).actor();
            if (actor.wikidataId() == null && actor.description() == null) continue;
            inputById.putIfAbsent(resolutions[i].id(), actor);
        }
        var filledWikidata = new HashSet<String>();
        inputById.forEach((id, input) -> {
            var actor = actorsById.get(id);
            boolean fillWikidata = input.wikidataId() != null
                    && actor.wikidataId == null
                    && !actorsByWikidata.containsKey(input.wikidataId())
                    && filledWikidata.add(input.wikidataId());
            boolean fillDescription = input.description() != null && !actor.hasDescription;
            if (!fillWikidata && !fillDescription) return;
            if (fillWikidata) {
                actor.wikidataId = input.wikidataId();
                actor.changed();
                actorsByWikidata.put(input.wikidataId(), actor);
            }
            if (fillDescription) actor.hasDescription = true;
            actorFills.add(new ActorFill(
                    id, fillWikidata ? input.wikidataId() : null, fillDescription ? input.description() : null));
        });
        for (int i = 0; i < keys.size(); i++) {
            var key = keys.get(i);
            var actor = actorsById.get(resolutions[i].id());
            // The texts in order (aliases, then the name): the first of a key wins.
            var names = new java.util.LinkedHashMap<String, String>();
            for (int a = 0; a < key.actor().aliases().size(); a++)
                names.putIfAbsent(
                        NameForms.clean(key.actor().aliases().get(a)),
                        key.foldedAliases().get(a));
            if (key.actor().kind() != ActorKind.UNNAMED_SOURCE) names.putIfAbsent(key.name(), key.nameKey());
            names.forEach((name, aliasKey) -> {
                if (aliasKey.isEmpty() || aliasKey.equals(actor.nameKey)) return;
                if (actorsByAlias
                        .computeIfAbsent(aliasKey, k -> new HashSet<>())
                        .add(actor)) {
                    aliasInserts.add(new AliasInsert(actor.id, name));
                    if (actor.kind != ActorKind.UNNAMED_SOURCE) addNameAndKeys(actor, name);
                }
            });
        }
    }

    /** What the article tells about its actors for the articles after it: affiliations, events, fellow participants. */
    void learn(
            ArticleDocument document,
            List<ActorKey> keys,
            Resolution[] actors,
            Resolution[] eventResolutions,
            Map<String, Integer> refIndex) {
        for (int i = 0; i < keys.size(); i++) {
            var actor = actorsById.get(actors[i].id());
            for (var a : keys.get(i).actor().affiliations()) {
                if (a.title() != null) actor.titles.add(a.title());
                var o = a.organization() == null ? null : refIndex.get(a.organization());
                if (o != null) actor.organizations.add(actors[o].id());
                actor.changed();
            }
        }
        for (int e = 0; e < document.events().size(); e++) {
            long eventId = eventResolutions[e].id();
            var ids = new ArrayList<Long>();
            var roles = new ArrayList<String>();
            for (var p : document.events().get(e).participants()) {
                var i = refIndex.get(p.actor());
                if (i == null) continue;
                ids.add(actors[i].id());
                roles.add(p.role() == null ? null : p.role().name());
            }
            var known = participantsOf.computeIfAbsent(eventId, k -> new LinkedHashSet<>());
            for (var id : ids) known.add(actorsById.get(id));
            for (var actor : known) {
                actor.events.add(eventId);
                for (var other : known) if (other != actor) actor.addNeighbour(other.id);
            }
            events.addParticipants(eventId, ids, roles);
        }
    }

    /**
     * The actor an earlier ref of this article created under the same Wikidata ID or name key, or null. Not one whose
     * affiliations disagree with the mention's: one article naming two people of one name by their two jobs ("Kim
     * Soo-jin", the regulator's chair, and "Kim Soo-jin", a bank's analyst) names two people.
     */
    Long createdBefore(ActorKey key, ActorScorer.Profile mention, Long[] created, ActorScorer.Profile[] profiles) {
        for (int j = 0; j < created.length; j++) {
            var id = created[j];
            if (id == null) continue;
            var actor = actorsById.get(id);
            if (key.actor().wikidataId() != null && key.actor().wikidataId().equals(actor.wikidataId)) return id;
            if (key.actor().kind() != ActorKind.UNNAMED_SOURCE
                    && actorsByKey.get(key.key()) == actor
                    && !ActorScorer.affiliationsDisagree(mention, profiles[j])) return id;
        }
        return null;
    }

    /** What tells a mention apart from a stored actor of the same name: its Wikidata ID, else its first affiliation. */
    static String distinction(ActorKey key) {
        if (key.actor().wikidataId() != null) return key.actor().wikidataId();
        for (var a : key.actor().affiliations()) {
            if (a.title() != null) return NameForms.latin(a.title());
        }
        return "2";
    }
}
