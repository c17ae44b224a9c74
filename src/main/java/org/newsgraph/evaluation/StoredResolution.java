package org.newsgraph.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsgraph.ingest.ArticleDocument;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads back from the stored graph which actor, event and utterance each mention of a document ended up
 * as, whatever path wrote it and whatever merged it since: refs never reach the database, so a ref is
 * anchored through the rows that carry it (publisher, byline positions, a statement's speaker and relay
 * positions, the ref an automatic event merge recorded in {@code resolution_decisions}), then by elimination (the one unanchored mention of a statement, the one unanchored event of
 * an article, a participant role, an affiliation title). A ref that nothing anchors stays unknown.
 */
@Component
public class StoredResolution {

    /** What the documents of one URL resolved to; {@code null} entries are unknown. */
    public record Resolved(
            Map<String, Long> actors, Map<String, Long> events, List<Long> utterances, long[] tracedByName) {}

    private final JdbcClient jdbc;

    public StoredResolution(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record StoredStatement(
            long id, long speaker, Map<Integer, Long> relays, Set<Long> mentions, Set<Long> events, Long utterance) {}

    private record Article(
            long id,
            Long publisher,
            Map<String, Long> bylines,
            List<StoredStatement> statements,
            Set<Long> events,
            Map<String, Long> mergedEvents) {}

    private record Participant(long actor, String role, Long represents) {}

    private record AffiliationRow(Long organization, String title) {}

    /** Resolves the given documents (any number; read in one round of queries, so pass chunks of ~1,000). */
    public Map<String, Resolved> read(List<ArticleDocument> documents) {
        var urls =
                documents.stream().map(ArticleDocument::canonicalUrl).distinct().toArray(String[]::new);
        var articles = new HashMap<String, Article>();
        var byId = new HashMap<Long, String>();
        jdbc.sql("select id, url, publisher_id from articles where url = any(?)")
                .param(urls)
                .query((rs, n) -> {
                    long id = rs.getLong(1);
                    var article = new Article(
                            id,
                            (Long) rs.getObject(3),
                            new HashMap<>(),
                            new ArrayList<>(),
                            new HashSet<>(),
                            new HashMap<>());
                    articles.put(rs.getString(2), article);
                    byId.put(id, rs.getString(2));
                    return null;
                })
                .list();
        var ids = articles.values().stream().map(Article::id).toArray(Long[]::new);
        jdbc.sql("select article_id, actor_id, role, position from article_contributors where article_id = any(?)")
                .param(ids)
                .query((rs, n) -> articles.get(byId.get(rs.getLong(1)))
                        .bylines()
                        .put(rs.getString(3) + rs.getInt(4), rs.getLong(2)))
                .list();
        boolean utterancesStored = jdbc.sql("select to_regclass('utterance_reports') is not null")
                .query(Boolean.class)
                .single();
        var statements = new HashMap<Long, StoredStatement>();
        jdbc.sql("select s.article_id, s.position, s.id, s.speaker_id, "
                        + (utterancesStored
                                ? "(select r.utterance_id from utterance_reports r where r.statement_id = s.id)"
                                : "null::bigint")
                        + " from statements s where s.article_id = any(?) order by s.article_id, s.position")
                .param(ids)
                .query((rs, n) -> {
                    var list = articles.get(byId.get(rs.getLong(1))).statements();
                    while (list.size() < rs.getInt(2)) list.add(null);
                    var s = new StoredStatement(
                            rs.getLong(3), rs.getLong(4), new HashMap<>(), new HashSet<>(), new HashSet<>(), (Long)
                                    rs.getObject(5));
                    list.add(s);
                    statements.put(s.id(), s);
                    return null;
                })
                .list();
        var statementIds = statements.keySet().toArray(Long[]::new);
        jdbc.sql("select statement_id, position, actor_id from statement_relays where statement_id = any(?)")
                .param(statementIds)
                .query((rs, n) -> statements.get(rs.getLong(1)).relays().put(rs.getInt(2), rs.getLong(3)))
                .list();
        jdbc.sql("select statement_id, actor_id from statement_mentions where statement_id = any(?)")
                .param(statementIds)
                .query((rs, n) -> statements.get(rs.getLong(1)).mentions().add(rs.getLong(2)))
                .list();
        jdbc.sql("select statement_id, event_id from statement_events where statement_id = any(?)")
                .param(statementIds)
                .query((rs, n) -> statements.get(rs.getLong(1)).events().add(rs.getLong(2)))
                .list();
        jdbc.sql("select article_id, event_id from article_events where article_id = any(?)")
                .param(ids)
                .query((rs, n) -> articles.get(byId.get(rs.getLong(1))).events().add(rs.getLong(2)))
                .list();
        boolean decisionsStored = jdbc.sql("select to_regclass('resolution_decisions') is not null")
                .query(Boolean.class)
                .single();
        if (decisionsStored) {
            // An event merged on evidence is recorded with its document ref: the one anchor of a merged event that
            // no statement of its article names while another event of the article is unanchored too.
            jdbc.sql("""
                            select article_id, ref, event_id from resolution_decisions
                            where article_id = any(?) and entity = 'EVENT' and outcome = 'MERGED'
                              and status = 'AUTOMATIC' and ref is not null""")
                    .param(ids)
                    .query((rs, n) ->
                            articles.get(byId.get(rs.getLong(1))).mergedEvents().put(rs.getString(2), rs.getLong(3)))
                    .list();
        }
        var eventIds = articles.values().stream()
                .flatMap(a -> a.events().stream())
                .distinct()
                .toArray(Long[]::new);
        var participants = new HashMap<Long, List<Participant>>();
        jdbc.sql("select event_id, actor_id, role, represents_id from event_participants where event_id = any(?)")
                .param(eventIds)
                .query((rs, n) -> participants
                        .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new Participant(rs.getLong(2), rs.getString(3), (Long) rs.getObject(4))))
                .list();
        var parents = new HashMap<Long, Long>();
        jdbc.sql("select id, parent_id from events where id = any(?) and parent_id is not null")
                .param(eventIds)
                .query((rs, n) -> parents.put(rs.getLong(1), rs.getLong(2)))
                .list();
        var actorIds = new HashSet<Long>();
        for (var a : articles.values()) {
            if (a.publisher() != null) actorIds.add(a.publisher());
            actorIds.addAll(a.bylines().values());
            for (var s : a.statements()) {
                if (s == null) continue;
                actorIds.add(s.speaker());
                actorIds.addAll(s.relays().values());
                actorIds.addAll(s.mentions());
            }
        }
        participants.values().forEach(list -> list.forEach(p -> actorIds.add(p.actor())));
        var affiliations = new HashMap<Long, List<AffiliationRow>>();
        jdbc.sql("select actor_id, organization_id, title from affiliations where actor_id = any(?)")
                .param(actorIds.toArray(Long[]::new))
                .query((rs, n) -> affiliations
                        .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new AffiliationRow((Long) rs.getObject(2), rs.getString(3))))
                .list();

        var result = new HashMap<String, Resolved>();
        for (var d : documents) {
            var article = articles.get(d.canonicalUrl());
            if (article == null) continue;
            result.put(d.canonicalUrl(), anchor(d, article, participants, parents, affiliations));
        }
        byName(documents, articles, participants, result);
        return result;
    }

    /**
     * The last resort for a ref that no row carries (an actor only listed, a participant among several of
     * one role): the stored actor whose name or alias is the document's name, preferring the participants
     * of the document's events; an event of the article with the document's title. Only a unique answer
     * counts; the engine under test is free to have stored the name nowhere (then the ref stays unknown).
     */
    private void byName(
            List<ArticleDocument> documents,
            Map<String, Article> articles,
            Map<Long, List<Participant>> participants,
            Map<String, Resolved> result) {
        var names = new HashSet<String>();
        var titles = new HashSet<String>();
        for (var d : documents) {
            var r = result.get(d.canonicalUrl());
            if (r == null) continue;
            for (var a : d.actors()) if (a.name() != null && !r.actors().containsKey(a.ref())) names.add(a.name());
            for (var e : d.events()) if (e.title() != null && !r.events().containsKey(e.ref())) titles.add(e.title());
        }
        if (names.isEmpty() && titles.isEmpty()) return;
        var actorsByName = new HashMap<String, Set<Long>>();
        jdbc.sql("""
                        with n(name) as (select distinct unnest(?::text[]))
                        select n.name, a.id from n join actors a on a.name_key = newsgraph_name_key(n.name)
                        union
                        select n.name, l.actor_id from n join actor_aliases l on l.alias_key = newsgraph_name_key(n.name)
                        """)
                .param(names.toArray(String[]::new))
                .query((rs, n) -> actorsByName
                        .computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                        .add(rs.getLong(2)))
                .list();
        var eventsByTitle = new HashMap<String, Set<Long>>();
        jdbc.sql("""
                        with n(title) as (select distinct unnest(?::text[]))
                        select n.title, e.id from n join events e on e.title_key = newsgraph_name_key(n.title)
                        """)
                .param(titles.toArray(String[]::new))
                .query((rs, n) -> eventsByTitle
                        .computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                        .add(rs.getLong(2)))
                .list();
        for (var d : documents) {
            var r = result.get(d.canonicalUrl());
            if (r == null) continue;
            var article = articles.get(d.canonicalUrl());
            var local = new HashSet<Long>();
            for (var e : d.events()) {
                var id = r.events().get(e.ref());
                if (id != null) participants.getOrDefault(id, List.of()).forEach(p -> local.add(p.actor()));
            }
            for (var a : d.actors()) {
                if (r.actors().containsKey(a.ref())) continue;
                var found = actorsByName.getOrDefault(a.name(), Set.of());
                var near = new HashSet<>(found);
                near.retainAll(local);
                if (near.size() == 1) r.actors().put(a.ref(), near.iterator().next());
                else if (found.size() == 1)
                    r.actors().put(a.ref(), found.iterator().next());
                else continue;
                r.tracedByName()[0]++;
            }
            for (var e : d.events()) {
                if (r.events().containsKey(e.ref())) continue;
                var found = new HashSet<>(eventsByTitle.getOrDefault(e.title(), Set.of()));
                found.retainAll(article.events());
                if (found.size() != 1) continue;
                r.events().put(e.ref(), found.iterator().next());
                r.tracedByName()[0]++;
            }
        }
    }

    private static Resolved anchor(
            ArticleDocument d,
            Article article,
            Map<Long, List<Participant>> participants,
            Map<Long, Long> parents,
            Map<Long, List<AffiliationRow>> affiliations) {
        var actors = new HashMap<String, Long>();
        var events = new HashMap<String, Long>();
        put(actors, d.publisher(), article.publisher());
        for (int i = 0; i < d.authors().size(); i++)
            put(actors, d.authors().get(i), article.bylines().get("AUTHOR" + i));
        for (int i = 0; i < d.contributors().size(); i++)
            put(actors, d.contributors().get(i), article.bylines().get("CONTRIBUTOR" + i));
        var utterances = new ArrayList<Long>();
        for (int i = 0; i < d.statements().size(); i++) {
            var s = d.statements().get(i);
            var stored = i < article.statements().size() ? article.statements().get(i) : null;
            utterances.add(stored == null ? null : stored.utterance() == null ? -stored.id() : stored.utterance());
            if (stored == null) continue;
            put(actors, s.speaker(), stored.speaker());
            for (int j = 0; j < s.relayedVia().size(); j++)
                put(actors, s.relayedVia().get(j), stored.relays().get(j));
        }
        var eventsByRef = new HashMap<String, ArticleDocument.Event>();
        for (var e : d.events()) {
            eventsByRef.put(e.ref(), e);
            var merged = article.mergedEvents().get(e.ref());
            if (merged != null && article.events().contains(merged)) put(events, e.ref(), merged);
        }
        for (boolean progress = true; progress; ) {
            progress = false;
            for (int i = 0;
                    i < d.statements().size() && i < article.statements().size();
                    i++) {
                var stored = article.statements().get(i);
                if (stored == null) continue;
                progress |= eliminate(actors, d.statements().get(i).mentions(), stored.mentions());
                progress |= eliminate(events, d.statements().get(i).events(), stored.events());
            }
            progress |= eliminate(events, eventsByRef.keySet(), article.events());
            for (var e : d.events()) {
                var id = events.get(e.ref());
                if (id == null) continue;
                if (e.parent() != null) progress |= put(events, e.parent(), parents.get(id));
                var stored = participants.getOrDefault(id, List.of());
                var roles = new LinkedHashSet<String>();
                e.participants()
                        .forEach(p ->
                                roles.add(p.role() == null ? null : p.role().name()));
                for (var role : roles) {
                    var refs = e.participants().stream()
                            .filter(p -> p.role() != null && p.role().name().equals(role))
                            .map(ArticleDocument.Participant::actor)
                            .toList();
                    var rows = stored.stream()
                            .filter(p -> p.role().equals(role))
                            .map(Participant::actor)
                            .toList();
                    progress |= eliminate(actors, refs, rows);
                }
                for (var p : e.participants()) {
                    var actor = actors.get(p.actor());
                    if (p.represents() == null || actor == null || p.role() == null) continue;
                    var rows = stored.stream()
                            .filter(r -> r.actor() == actor
                                    && r.role().equals(p.role().name())
                                    && r.represents() != null)
                            .map(Participant::represents)
                            .distinct()
                            .toList();
                    if (rows.size() == 1) progress |= put(actors, p.represents(), rows.get(0));
                }
            }
            for (var a : d.actors()) {
                var id = actors.get(a.ref());
                if (id == null) continue;
                for (var f : a.affiliations()) {
                    if (f.organization() == null || actors.containsKey(f.organization()) || f.title() == null) continue;
                    var orgs = affiliations.getOrDefault(id, List.of()).stream()
                            .filter(r -> r.organization() != null
                                    && r.title().strip().equals(f.title().strip()))
                            .map(AffiliationRow::organization)
                            .distinct()
                            .toList();
                    if (orgs.size() == 1) progress |= put(actors, f.organization(), orgs.get(0));
                }
            }
        }
        return new Resolved(actors, events, utterances, new long[1]);
    }

    private static boolean put(Map<String, Long> map, String ref, Long id) {
        if (ref == null || id == null || map.containsKey(ref)) return false;
        map.put(ref, id);
        return true;
    }

    /** The one unanchored ref of a group gets the one stored row of the group that no anchored ref took. */
    private static boolean eliminate(Map<String, Long> map, Collection<String> refs, Collection<Long> rows) {
        var open = new LinkedHashSet<String>();
        var taken = new HashSet<Long>();
        for (var ref : refs) {
            if (ref == null) continue;
            var id = map.get(ref);
            if (id == null) open.add(ref);
            else taken.add(id);
        }
        if (open.size() != 1) return false;
        var left = new HashSet<>(rows);
        left.removeAll(taken);
        if (left.size() == 1)
            return put(map, open.iterator().next(), left.iterator().next());
        if (left.isEmpty() && taken.size() == 1 && new HashSet<>(rows).equals(taken))
            return put(map, open.iterator().next(), taken.iterator().next());
        return false;
    }
}
