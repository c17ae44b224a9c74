package org.newsgraph.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.ingest.IngestResult.Match;
import org.newsgraph.ingest.IngestResult.Resolution;
import org.newsgraph.resolution.ActorChoice;
import org.newsgraph.resolution.ActorScorer;
import org.newsgraph.resolution.EventScorer;
import org.newsgraph.resolution.NameForms;
import org.newsgraph.resolution.Score;
import org.newsgraph.resolution.Thresholds;

/**
 * The resolution engine: resolves the actors and events of a run of articles (one article is a run of one) in
 * memory, article after article, each seeing what the articles before it created or added. It starts from the
 * stored rows that any name, alias, Wikidata ID, candidate key, external key, title or date of the run can
 * match ({@link ResolverRows}), read once per run.
 *
 * <p>An actor is first matched exactly: Wikidata ID, then its name key, then a name or alias equal to a known
 * name, then to a known alias (the oldest actor wins; never one with another Wikidata ID). Otherwise every
 * stored actor that shares a candidate key with it is scored ({@link ActorScorer}); the best pair decides
 * against {@link Thresholds}: merged (the evidence is kept as a decision), a candidate for a curator, or a new
 * actor. Pairs that fall short by name alone get a second pass after the article's events are resolved: an
 * event in common and actors in common add to the score. Events: see {@link EventResolver}.
 *
 * <p>What the run knows of actors (the indexes, what each article adds) is {@link ActorIndex}, which this class
 * extends so that the matching rules read the indexes directly.
 *
 * <p>Rows to create get placeholder IDs ({@link #VIRTUAL} and up, in creation order, so they sort after every
 * stored row as real IDs would); the caller inserts them and maps the placeholders to the real IDs.
 */
final class BatchResolver extends ActorIndex {

    static final long VIRTUAL = 1L << 60;

    record StoredActor(
            long id, ActorKind kind, String name, String nameKey, String wikidataId, boolean hasDescription) {}

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

    /** A candidate key of an actor (see {@link ActorScorer#blockingKeys}). */
    record KeyInsert(long actorId, String key) {}

    /** An actor row to insert, in insert order, with the name key it is stored under. */
    record ActorInsert(ActorKey key, String nameKey, String name, long virtualId) {}

    /** A scored pair worth keeping: a merge made on evidence, or a candidate for a curator. */
    record Decision(
            String entity,
            int article,
            String ref,
            Object mention,
            long subjectId,
            long otherId,
            Score score,
            String outcome) {}

    BatchResolver(ResolverRows rows, ActorScorer scorer, EventScorer eventScorer, Thresholds thresholds) {
        super(rows, scorer, eventScorer, thresholds);
    }

    /** Resolves the next article of the run, as if all before it were written. */
    void resolve(int article, ArticleDocument document, List<ActorKey> keys, List<String> titleKeys) {
        var m = new ArticleMentions(article, keys);
        int n = m.size;
        // 1. Exact matches, then scored candidates: organizations and countries first, so that people's
        //    affiliations are known by ID when they are scored.
        var order = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) order.add(i);
        order.sort(Comparator.comparing((Integer i) -> keys.get(i).actor().kind() == ActorKind.PERSON));
        for (int i : order) firstPass(m, i);
        // 1b. The fellow actors resolved so far, before the events: an actor that they set apart is a participant the
        //     events can be matched by (a namesake is left to the second pass, where the events may tell).
        for (int i = 0; i < n; i++) if (m.pending[i] != null) withFellows(m, i);
        // 2. The article's events, with the participants resolved so far.
        var eventPlan = events.resolve(article, document, titleKeys, m::resolved);
        // 3. Second pass for the actors that fell short: events and actors in common with the candidate.
        for (int i = 0; i < n; i++) if (m.pending[i] != null) secondPass(m, i, document, eventPlan.ids());
        // 3b. Two people of this article found as one actor while their affiliations disagree (a regulator's chair and
        //     a broker's analyst of one name) are two people: the one that fits less well (ties: the later) is new.
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n && m.found[i] != null; j++) {
                if (!m.found[i].equals(m.found[j]) || keys.get(i).actor().kind() != ActorKind.PERSON) continue;
                if (!ActorScorer.affiliationsDisagree(m.profiles[i], m.profiles[j])) continue;
                int weaker = m.fit[j] <= m.fit[i] ? j : i;
                var ref = keys.get(weaker).actor().ref();
                decisions.removeIf(d -> d.article() == article
                        && d.ref().equals(ref)
                        && d.outcome().equals("MERGED"));
                m.found[weaker] = null;
            }
        }
        // 4. Create the ones not found, in key order (as the database would give them IDs).
        var missing = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) if (m.found[i] == null) missing.add(i);
        missing.sort((a, b) -> keys.get(a).key().compareTo(keys.get(b).key()));
        var created = new Long[n];
        for (int i : missing) create(m, i, created);
        var resolutions = new Resolution[n];
        var matched = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) {
            var ref = keys.get(i).actor().ref();
            if (m.found[i] != null) {
                resolutions[i] = new Resolution(ref, m.found[i], Match.MATCHED);
                matched.add(i);
            } else {
                resolutions[i] = new Resolution(ref, created[i], Match.CREATED);
                if (m.candidates[i] != null) {
                    for (var c : m.candidates[i])
                        decisions.add(decision(article, keys.get(i), created[i], c.actor().id, c.score(), "CANDIDATE"));
                }
            }
        }
        complete(keys, matched, resolutions);
        learn(document, keys, resolutions, eventPlan.resolutions(), m.refIndex);
        plans.add(new ArticlePlan(
                resolutions,
                matched,
                eventPlan.resolutions(),
                eventPlan.matched(),
                eventPlan.ids(),
                eventPlan.changes()));
    }

    /** Step 1 for mention {@code i}: an exact match, else the candidates scored by name (merged, or pending). */
    private void firstPass(ArticleMentions m, int i) {
        var key = m.keys.get(i);
        var found = m.found;
        m.profiles[i] = mentionProfile(key, found, m.refIndex);
        if (key.actor().kind() == ActorKind.UNNAMED_SOURCE) {
            var same = actorsByKey.get(key.key());
            found[i] = same == null ? null : same.id;
            return;
        }
        var wikidata = key.actor().wikidataId();
        if (wikidata != null && actorsByWikidata.containsKey(wikidata)) {
            found[i] = actorsByWikidata.get(wikidata).id;
            return;
        }
        var exact = exactCandidates(key, m.profiles[i]);
        // One stored actor of this name and nothing to weigh: the fast path. Not when only an alias of the
        // mention matched ("Energy Ministry" of two countries' ministries): that pair is scored.
        if (exact.size() == 1
                && exact.values().iterator().next()
                && !ActorScorer.weakName(m.profiles[i].kind(), key.name())
                && !ActorScorer.acronymOnly(m.profiles[i].kind(), key.name())) {
            found[i] = exact.keySet().iterator().next().id;
            return;
        }
        var ranked = rank(m.profiles[i], exact);
        if (ranked.isEmpty()) return;
        var choice = ActorChoice.choose(ranked, thresholds.actor());
        // Namesakes: the article's context may still tell them apart (second pass).
        if (choice.merged() != null && !choice.namesake()) {
            found[i] = choice.merged().id;
            m.fit[i] = choice.score().total();
            if (!(exact.size() == 1 && exact.containsKey(choice.merged())))
                decisions.add(decision(m.article, key, found[i], found[i], choice.score(), "MERGED"));
        } else {
            m.pending[i] = ranked;
        }
    }

    /** Step 1b for a pending mention: its candidates with the fellow actors resolved so far. */
    private void withFellows(ArticleMentions m, int i) {
        var withFellows = new ArrayList<ActorChoice.Ranked<ActorState>>();
        for (var r : m.pending[i])
            withFellows.add(new ActorChoice.Ranked<>(
                    r.actor(), fellows(r.score(), r.actor(), m.found, i), r.undistinguished(), r.onlyShortForms()));
        var choice = ActorChoice.choose(withFellows, thresholds.actor());
        if (choice.merged() != null && !choice.namesake()) {
            m.found[i] = choice.merged().id;
            m.fit[i] = choice.score().total();
            decisions.add(decision(m.article, m.keys.get(i), m.found[i], m.found[i], choice.score(), "MERGED"));
            m.pending[i] = null;
        }
    }

    /** Step 3 for a pending mention: its candidates with the article's events and actors in common. */
    private void secondPass(ArticleMentions m, int i, ArticleDocument document, Long[] eventIds) {
        var withContext = new ArrayList<ActorChoice.Ranked<ActorState>>();
        for (var r : m.pending[i]) {
            var score = withContext(r, m.keys.get(i).actor().ref(), document, eventIds, m.found, i);
            withContext.add(new ActorChoice.Ranked<>(r.actor(), score, r.undistinguished(), r.onlyShortForms()));
        }
        var choice = ActorChoice.choose(withContext, thresholds.actor());
        if (choice.merged() != null) {
            m.found[i] = choice.merged().id;
            m.fit[i] = choice.score().total();
            decisions.add(decision(m.article, m.keys.get(i), m.found[i], m.found[i], choice.score(), "MERGED"));
        } else {
            m.candidates[i] = choice.candidates();
        }
    }

    /** Step 4 for a mention not found: the actor an earlier ref of the article created, else a new one. */
    private void create(ArticleMentions m, int i, Long[] created) {
        var key = m.keys.get(i);
        // Created by an earlier ref of this document (the same name or Wikidata ID twice).
        var again = createdBefore(key, m.profiles[i], created, m.profiles);
        if (again != null) {
            m.found[i] = again;
            return;
        }
        var wikidata = key.actor().wikidataId();
        // Same name key, but evidence says another actor (another Wikidata ID, other affiliations): a key of its own.
        var nameKey = key.key();
        if (actorsByKey.containsKey(nameKey)) nameKey = nameKey + " #" + distinction(key);
        while (actorsByKey.containsKey(nameKey)) nameKey = nameKey + "'";
        long id = nextActor++;
        var state = new ActorState(
                id, key.actor().kind(), nameKey, wikidata, key.actor().description() != null);
        actorsById.put(id, state);
        actorsByKey.put(nameKey, state);
        if (wikidata != null) actorsByWikidata.put(wikidata, state);
        if (key.actor().kind() != ActorKind.UNNAMED_SOURCE) addNameAndKeys(state, key.name());
        created[i] = id;
        actorInserts.add(new ActorInsert(key, nameKey, key.name(), id));
    }

    private Decision decision(int article, ActorKey key, long subject, long other, Score score, String outcome) {
        return new Decision("ACTOR", article, key.actor().ref(), key.actor(), subject, other, score, outcome);
    }

    private ActorScorer.Profile mentionProfile(ActorKey key, Long[] found, Map<String, Integer> refIndex) {
        var names = new ArrayList<String>();
        names.add(key.name());
        for (var alias : key.actor().aliases()) names.add(NameForms.clean(alias));
        var orgs = new HashSet<Long>();
        var titles = new HashSet<String>();
        for (var a : key.actor().affiliations()) {
            if (a.title() != null) titles.add(a.title());
            var i = a.organization() == null ? null : refIndex.get(a.organization());
            // An organization not resolved (yet): a new one, so unlike any stored actor's.
            if (i != null) orgs.add(found[i] != null ? found[i] : -1L - i);
        }
        return new ActorScorer.Profile(
                0, key.actor().kind().name(), names, key.actor().wikidataId(), orgs, titles);
    }

    /**
     * The stored actors the mention may be, scored, oldest first: those of an equal name or alias, and those that
     * share a candidate key with it; only pairs that context can still lift to a candidate.
     */
    private List<ActorChoice.Ranked<ActorState>> rank(ActorScorer.Profile mention, Map<ActorState, Boolean> exact) {
        var all = new java.util.TreeMap<Long, ActorState>();
        for (var actor : exact.keySet()) all.put(actor.id, actor);
        for (var name : mention.names())
            for (var key : CandidateKeys.of(scorer, mention.kind(), name))
                for (var actor : actorsByCandidateKey.getOrDefault(key, Set.of())) all.put(actor.id, actor);
        var ranked = new ArrayList<ActorChoice.Ranked<ActorState>>();
        var nameKey = NameForms.latin(mention.names().get(0));
        boolean weak = ActorScorer.weakName(mention.kind(), mention.names().get(0));
        for (var candidate : all.values()) {
            if (candidate.kind == ActorKind.UNNAMED_SOURCE) continue;
            var byOwnName = exact.get(candidate);
            var score = byOwnName == null
                    ? PairScores.score(scorer, mention, candidate.profile(), true)
                    : PairScores.score(scorer, mention, candidate.profile(), !byOwnName);
            // A short form ("Zelensky", "A. Jensen") that an outlet already used for this actor: a little evidence.
            if (byOwnName != null && weak && !score.vetoed())
                score = score.plus("known name", 1, "this form is already a name of the actor");
            if (score.vetoed()
                    || score.total() + CONTEXT_MAX < thresholds.actor().candidate()) continue;
            boolean shortForms = candidate.names.stream().allMatch(n -> ActorScorer.weakName(mention.kind(), n));
            boolean undistinguished =
                    candidate.names.stream().anyMatch(n -> NameForms.latin(n).equals(nameKey))
                            && (shortForms || (evidenceFree(candidate.profile()) && evidenceFree(mention)));
            ranked.add(new ActorChoice.Ranked<>(candidate, score, undistinguished, shortForms));
        }
        return ranked;
    }

    private static boolean evidenceFree(ActorScorer.Profile p) {
        return p.wikidataId() == null
                && p.organizations().isEmpty()
                && p.titles().isEmpty();
    }

    private static final double CONTEXT_MAX = 5;

    /** The mention's events (as resolved) and fellow actors against the candidate's: at most +5 together. */
    private Score withContext(
            ActorChoice.Ranked<ActorState> best,
            String ref,
            ArticleDocument document,
            Long[] eventIds,
            Long[] found,
            int self) {
        var score = best.score();
        var actor = best.actor();
        int events = 0;
        for (int e = 0; e < document.events().size(); e++) {
            var event = document.events().get(e);
            boolean takesPart = event.participants().stream().anyMatch(p -> ref.equals(p.actor()));
            if (takesPart && eventIds[e] != null && actor.events.contains(eventIds[e])) events++;
        }
        if (events > 0) score = score.plus("events in common", 3, events + " of the article's events");
        return fellows(score, actor, found, self);
    }

    /** The mention's fellow actors (as resolved) against the candidate's fellow participants: +1 or +2. */
    private static Score fellows(Score score, ActorState actor, Long[] found, int self) {
        var fellows = new HashSet<Long>();
        for (int j = 0; j < found.length; j++) if (j != self && found[j] != null) fellows.add(found[j]);
        fellows.retainAll(actor.neighbours());
        if (fellows.size() >= 2) score = score.plus("actors in common", 2, fellows.size() + " fellow participants");
        else if (fellows.size() == 1) score = score.plus("actors in common", 1, "1 fellow participant");
        return score;
    }

    /**
     * The stored actors of an equal name key, name or alias that evidence does not set apart from the mention
     * (see {@link #acceptable}), each with whether its own name (not only an alias) matched.
     */
    private Map<ActorState, Boolean> exactCandidates(ActorKey key, ActorScorer.Profile mention) {
        var found = new java.util.LinkedHashMap<ActorState, Boolean>();
        var exact = actorsByKey.get(key.key());
        if (exact != null) found.put(exact, true);
        for (var name : key.aliasKeys()) {
            var actor = actorsByKey.get(name);
            if (actor != null) found.putIfAbsent(actor, name.equals(key.nameKey()));
        }
        for (var name : key.aliasKeys())
            for (var actor : actorsByAlias.getOrDefault(name, Set.of()))
                found.putIfAbsent(actor, name.equals(key.nameKey()));
        found.entrySet()
                .removeIf(e ->
                        e.getKey().kind == ActorKind.UNNAMED_SOURCE || !acceptable(e.getKey(), mention, e.getValue()));
        return found;
    }

    /**
     * Whether an actor with an equal name or alias may be the mention: not when the scorer vetoes the pair
     * (different Wikidata IDs, a person against a body, different gazetteer entries such as two countries'
     * foreign ministries that share the alias "Foreign Ministry"; the full names too when only an alias of the
     * mention matched: "Sato Kenji" and "Sato Yuki" share the alias "Sato"), nor when both have affiliations
     * and share neither an organization nor a title word (two people of one name; see
     * {@link ActorScorer#affiliationsDisagree}).
     */
    private boolean acceptable(ActorState actor, ActorScorer.Profile mention, boolean byOwnName) {
        if (mention.wikidataId() != null && actor.wikidataId != null && !actor.wikidataId.equals(mention.wikidataId()))
            return false;
        if (actor.kind == ActorKind.UNNAMED_SOURCE || "UNNAMED_SOURCE".equals(mention.kind())) return true;
        // Matched by one of its aliases only: the full names must not contradict each other either.
        if (PairScores.score(scorer, mention, actor.profile(), !byOwnName).vetoed()) return false;
        return !ActorScorer.affiliationsDisagree(mention, actor.profile());
    }
}
