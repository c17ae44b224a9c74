package org.newsgraph.ingest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.newsgraph.resolution.ActorScorer;
import org.newsgraph.resolution.EventBlocking;
import org.newsgraph.resolution.EventDates;
import org.newsgraph.resolution.EventScorer;
import org.newsgraph.resolution.Gazetteer;
import org.newsgraph.resolution.Score;
import org.newsgraph.resolution.Thresholds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resolution engine run over what is stored (the {@code resolve} command): the candidate keys of every actor
 * are (re)computed, then every pair of stored actors that share a key, and every pair of stored events that can
 * match (date window and kind, or similar title), is scored with the rules of the ingest path. Pairs at or above
 * the merge threshold are merged (the older row stays; one decision per article of the merged row is recorded,
 * so a curator can split any of them off again); pairs between the thresholds become candidates, unless a
 * decision on the pair exists already (a rejected pair stays rejected). This repairs what ingest order left:
 * an article resolved before the one that carried the evidence.
 */
@Service
public class StoredDataResolver {

    private final JdbcClient jdbc;
    private final CurationService curation;
    private final TransactionTemplate transaction;
    private final ActorScorer actorScorer = new ActorScorer(Gazetteer.standard());
    private final EventScorer eventScorer = new EventScorer(Gazetteer.standard());
    private final Thresholds thresholds;
    private final JsonMapper json = JsonMapper.builder().build();

    public StoredDataResolver(
            JdbcClient jdbc, CurationService curation, TransactionTemplate transaction, Thresholds thresholds) {
        this.jdbc = jdbc;
        this.curation = curation;
        this.transaction = transaction;
        this.thresholds = thresholds;
    }

    /** What a run did. */
    public record Outcome(int keys, int actorMerges, int actorCandidates, int eventMerges, int eventCandidates) {}

    public Outcome run() {
        int keys = transaction.execute(status -> rekey());
        var actors = transaction.execute(status -> resolveActors());
        var events = transaction.execute(status -> resolveEvents());
        return new Outcome(keys, actors[0], actors[1], events[0], events[1]);
    }

    /**
     * The candidate keys of every stored actor computed anew with the running rules (keys of older rules removed),
     * and the rules' fingerprint recorded ({@code actor_match_keys_version}). Returns how many keys there are.
     */
    int rekey() {
        jdbc.sql("delete from actor_match_keys").update();
        int keys = backfillKeys();
        jdbc.sql("""
                insert into actor_match_keys_version (singleton, fingerprint, computed_at) values (true, ?, now())
                on conflict (singleton) do update set fingerprint = excluded.fingerprint, computed_at = now()""").param(ActorScorer.keysFingerprint()).update();
        return keys;
    }

    /** The fingerprint of the rules the stored keys were computed with, or null (none recorded). */
    String storedKeysFingerprint() {
        return jdbc.sql("select fingerprint from actor_match_keys_version")
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** Candidate keys of every actor's name and aliases (idempotent). Returns how many were added. */
    int backfillKeys() {
        var rows = jdbc.sql("""
                select a.id, a.kind, a.name from actors a where a.kind <> 'UNNAMED_SOURCE'
                union all
                select a.id, a.kind, al.alias from actor_aliases al join actors a on a.id = al.actor_id
                where a.kind <> 'UNNAMED_SOURCE'""")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)})
                .list();
        var ids = new ArrayList<Long>();
        var keys = new ArrayList<String>();
        for (var row : rows) {
            for (var key : actorScorer.blockingKeys((String) row[1], (String) row[2])) {
                ids.add((Long) row[0]);
                keys.add(key);
            }
        }
        return jdbc.sql("""
                insert into actor_match_keys (actor_id, key)
                select * from unnest(?::bigint[], ?::text[]) on conflict do nothing""")
                .param(ids.toArray(Long[]::new))
                .param(keys.toArray(String[]::new))
                .update();
    }

    private record Pair(long older, long newer, Score score) {}

    private int[] resolveActors() {
        var profiles = new LinkedHashMap<Long, ActorScorer.Profile>();
        jdbc.sql("select id, kind, name, wikidata_id from actors where kind <> 'UNNAMED_SOURCE' order by id")
                .query((rs, n) -> profiles.put(
                        rs.getLong(1),
                        new ActorScorer.Profile(
                                rs.getLong(1),
                                rs.getString(2),
                                new ArrayList<>(List.of(rs.getString(3))),
                                rs.getString(4),
                                new HashSet<>(),
                                new HashSet<>())))
                .list();
        jdbc.sql("select actor_id, alias from actor_aliases order by actor_id, alias_key")
                .query((rs, n) -> {
                    var p = profiles.get(rs.getLong(1));
                    if (p != null) p.names().add(rs.getString(2));
                    return null;
                })
                .list();
        jdbc.sql("select actor_id, organization_id, title from affiliations")
                .query((rs, n) -> {
                    var p = profiles.get(rs.getLong(1));
                    if (p == null) return null;
                    var org = (Long) rs.getObject(2);
                    if (org != null) p.organizations().add(org);
                    p.titles().add(rs.getString(3));
                    return null;
                })
                .list();
        var groups = new HashMap<String, List<Long>>();
        jdbc.sql("select key, actor_id from actor_match_keys order by key, actor_id")
                .query((rs, n) -> groups.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(rs.getLong(2)))
                .list();
        var pairs = new ArrayList<Pair>();
        var seen = new HashSet<String>();
        for (var group : groups.values()) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    long a = group.get(i), b = group.get(j);
                    if (!seen.add(a + ":" + b)) continue;
                    var pa = profiles.get(a);
                    var pb = profiles.get(b);
                    if (pa == null || pb == null) continue;
                    var score = actorScorer.score(pb, pa);
                    if (!score.vetoed() && score.total() >= thresholds.actor().candidate())
                        pairs.add(new Pair(a, b, score));
                }
            }
        }
        return decide("ACTOR", pairs, thresholds.actor());
    }

    private int[] resolveEvents() {
        record Row(
                long id,
                String kind,
                String title,
                LocalDate startsOn,
                String precision,
                String location,
                Long parentId,
                String titleKey,
                String language,
                Set<Long> participants,
                Set<String> names,
                Set<String> groups,
                List<EventScorer.Title> titles,
                List<EventDates.Dated> dates) {

            EventBlocking.Key key() {
                return new EventBlocking.Key(kind, startsOn, participants, parentId);
            }

            boolean candidateOf(Row newer) {
                return EventBlocking.Mention.of(newer.kind(), newer.titleKey(), newer.startsOn(), newer.precision())
                                .admits(kind, EventBlocking.trigramCodes(titleKey), startsOn, precision)
                        || EventBlocking.related(newer.key(), key());
            }

            EventScorer.Profile profile() {
                var known = EventDates.narrowest(new EventDates.Dated(startsOn, precision), dates);
                return new EventScorer.Profile(
                        id,
                        kind,
                        title,
                        known.on(),
                        known.precision(),
                        location,
                        parentId,
                        participants,
                        names,
                        groups,
                        language,
                        titles);
            }
        }
        var rows = new LinkedHashMap<Long, Row>();
        jdbc.sql("""
                        select e.id, e.kind, e.title, e.starts_on, e.starts_on_precision, e.location, e.parent_id,
                               e.title_key,
                               (select a.language from article_events ae join articles a on a.id = ae.article_id
                                where ae.event_id = e.id order by ae.article_id limit 1)
                        from events e order by e.id""")
                .query((rs, n) -> rows.put(
                        rs.getLong(1),
                        new Row(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getObject(4, LocalDate.class),
                                rs.getString(5),
                                rs.getString(6),
                                (Long) rs.getObject(7),
                                rs.getString(8),
                                rs.getString(9),
                                new HashSet<>(),
                                new HashSet<>(),
                                new HashSet<>(),
                                new ArrayList<>(),
                                new ArrayList<>())))
                .list();
        var actorNames = new HashMap<Long, List<String>>();
        jdbc.sql("""
                        select a.id, a.name from actors a where a.id in (select actor_id from event_participants)
                        union all
                        select l.actor_id, l.alias from actor_aliases l
                        where l.actor_id in (select actor_id from event_participants)""")
                .query((rs, n) -> actorNames
                        .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(rs.getString(2)))
                .list();
        jdbc.sql("select p.event_id, p.actor_id, a.kind from event_participants p join actors a on a.id = p.actor_id")
                .query((rs, n) -> {
                    var r = rows.get(rs.getLong(1));
                    if (r == null) return null;
                    r.participants().add(rs.getLong(2));
                    r.names().addAll(actorNames.getOrDefault(rs.getLong(2), List.of()));
                    r.groups().add(EventScorer.group(rs.getString(3)));
                    return null;
                })
                .list();
        jdbc.sql("""
                        select d.event_id, d.mention->>'title', a.language, (d.mention->>'startsOn')::date,
                               d.mention->>'startsOnPrecision'
                        from resolution_decisions d left join articles a on a.id = d.article_id
                        where d.entity = 'EVENT' and d.outcome = 'MERGED' and d.status = 'AUTOMATIC'
                          and d.event_id is not null
                        order by d.id""")
                .query((rs, n) -> {
                    var r = rows.get(rs.getLong(1));
                    if (r == null) return null;
                    var title = rs.getString(2);
                    if (title != null && !title.equals(r.title()))
                        r.titles().add(new EventScorer.Title(title, rs.getString(3)));
                    var on = rs.getObject(4, LocalDate.class);
                    if (on != null) r.dates().add(new EventDates.Dated(on, rs.getString(5)));
                    return null;
                })
                .list();
        // Two events one article reports are two events.
        var together = new HashSet<String>();
        jdbc.sql("""
                select a.event_id, b.event_id from article_events a
                join article_events b on b.article_id = a.article_id and b.event_id > a.event_id""")
                .query((rs, n) -> together.add(rs.getLong(1) + ":" + rs.getLong(2)))
                .list();
        // Dated events are compared within a sweep over their start dates (a year's period at most apart),
        // undated ones with every event (blocking decides: similar title, a participant, a parent in common).
        var dated = new ArrayList<Row>();
        var undated = new ArrayList<Row>();
        for (var r : rows.values()) (r.startsOn() == null ? undated : dated).add(r);
        dated.sort(Comparator.comparing(Row::startsOn));
        var pairs = new ArrayList<Pair>();
        java.util.function.BiConsumer<Row, Row> consider = (a, b) -> {
            var older = a.id() < b.id() ? a : b;
            var newer = older == a ? b : a;
            if (together.contains(older.id() + ":" + newer.id())) return;
            if (!older.candidateOf(newer)) return;
            var score = eventScorer.score(newer.profile(), older.profile());
            if (!score.vetoed() && score.total() >= thresholds.event().candidate())
                pairs.add(new Pair(older.id(), newer.id(), score));
        };
        for (int i = 0; i < dated.size(); i++) {
            var a = dated.get(i);
            for (int j = i + 1; j < dated.size(); j++) {
                var b = dated.get(j);
                if (b.startsOn().isAfter(a.startsOn().plusDays(400))) break;
                consider.accept(a, b);
            }
        }
        for (int i = 0; i < undated.size(); i++) {
            for (var b : dated) consider.accept(undated.get(i), b);
            for (int j = i + 1; j < undated.size(); j++) consider.accept(undated.get(i), undated.get(j));
        }
        return decide("EVENT", pairs, thresholds.event());
    }

    /** Merges the pairs at or above the merge threshold (best first), records the others as candidates. */
    private int[] decide(String entity, List<Pair> pairs, Thresholds.Pair t) {
        pairs.sort(Comparator.comparingDouble((Pair p) -> -p.score().total())
                .thenComparingLong(Pair::older)
                .thenComparingLong(Pair::newer));
        var column = entity.equals("ACTOR") ? "actor" : "event";
        // Pairs a curator decided stay decided; pending ones are scored again (and merged if they now reach it).
        var decided = new HashSet<String>();
        var pending = new HashMap<String, Long>();
        jdbc.sql(
                        "select id, status, %s_id, other_%s_id from resolution_decisions where entity = ? and other_%s_id is not null"
                                .formatted(column, column, column))
                .param(entity)
                .query((rs, n) -> {
                    var pair = Math.min(rs.getLong(3), rs.getLong(4)) + ":" + Math.max(rs.getLong(3), rs.getLong(4));
                    if (rs.getString(2).equals("PENDING")) pending.put(pair, rs.getLong(1));
                    else decided.add(pair);
                    return null;
                })
                .list();
        Set<Long> gone = new HashSet<>();
        int merges = 0, candidates = 0;
        for (var p : pairs) {
            var pair = p.older() + ":" + p.newer();
            if (decided.contains(pair)) continue;
            if (p.score().total() >= t.merge()) {
                if (gone.contains(p.older()) || gone.contains(p.newer())) continue; // one merge per row and run
                if (pending.containsKey(pair)) {
                    jdbc.sql("delete from resolution_decisions where id = ?")
                            .param(pending.get(pair))
                            .update();
                }
                recordMerge(entity, p);
                if (entity.equals("ACTOR")) curation.mergeActors(p.older(), p.newer());
                else curation.mergeEvents(p.older(), p.newer());
                gone.add(p.newer());
                merges++;
            } else if (!pending.containsKey(pair) && !gone.contains(p.older()) && !gone.contains(p.newer())) {
                jdbc.sql("""
                        insert into resolution_decisions (entity, outcome, status, mention, %s_id, other_%s_id, score, features)
                        select ?, 'CANDIDATE', 'PENDING', jsonb_build_object('name', n.name, 'title', n.name), ?, ?, ?, ?::jsonb
                        from (select %s as name from %s where id = ?) n""".formatted(column, column, entity.equals("ACTOR") ? "name" : "title", column + "s"))
                        .param(entity)
                        .param(p.newer())
                        .param(p.older())
                        .param(p.score().total())
                        .param(json.writeValueAsString(p.score().features()))
                        .param(p.newer())
                        .update();
                candidates++;
            }
        }
        return new int[] {merges, candidates};
    }

    /** One decision per article that names the row being merged away: each can be split off again. */
    private void recordMerge(String entity, Pair p) {
        var features = json.writeValueAsString(p.score().features());
        if (entity.equals("ACTOR")) {
            jdbc.sql("""
                    insert into resolution_decisions (entity, outcome, status, article_id, mention, actor_id, score, features)
                    select 'ACTOR', 'MERGED', 'AUTOMATIC', x.article_id,
                           jsonb_build_object('name', a.name, 'kind', a.kind, 'description', a.description), ?, ?, ?::jsonb
                    from actors a, (
                        select article_id from statements where speaker_id = ?
                        union select s.article_id from statement_relays r join statements s on s.id = r.statement_id where r.actor_id = ?
                        union select s.article_id from statement_mentions m join statements s on s.id = m.statement_id where m.actor_id = ?
                        union select article_id from article_contributors where actor_id = ?
                        union select id from articles where publisher_id = ?) x
                    where a.id = ?""")
                    .params(
                            p.older(),
                            p.score().total(),
                            features,
                            p.newer(),
                            p.newer(),
                            p.newer(),
                            p.newer(),
                            p.newer(),
                            p.newer())
                    .update();
        } else {
            jdbc.sql("""
                    insert into resolution_decisions (entity, outcome, status, article_id, mention, event_id, score, features)
                    select 'EVENT', 'MERGED', 'AUTOMATIC', ae.article_id,
                           jsonb_build_object('title', e.title, 'kind', e.kind, 'status', e.status, 'startsOn', e.starts_on,
                                              'startsOnPrecision', e.starts_on_precision, 'location', e.location), ?, ?, ?::jsonb
                    from events e join article_events ae on ae.event_id = e.id
                    where e.id = ?""")
                    .params(p.older(), p.score().total(), features, p.newer())
                    .update();
        }
    }
}
