package org.newsgraph.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.newsgraph.actor.ActorKind;
import org.newsgraph.ingest.IngestResult.Match;
import org.newsgraph.ingest.IngestResult.Resolution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The actors of one article, one statement per step: matched among the stored actors (Wikidata ID, name,
 * aliases) or created, completed with what the article adds (Wikidata ID, description, aliases), and
 * their affiliations written.
 */
final class ActorIngest {

    private final JdbcClient jdbc;
    private final NameKeys nameKeys;
    private final Writes direct;

    ActorIngest(JdbcClient jdbc, NameKeys nameKeys) {
        this.jdbc = jdbc;
        this.nameKeys = nameKeys;
        this.direct = Writes.direct(jdbc);
    }

    /** Resolves the document's actors: matched among the stored ones, or created; matched ones completed. */
    List<Resolution> resolveActors(ArticleDocument document) {
        var actors = document.actors();
        int n = actors.size();
        if (n == 0) return List.of();
        var keys = nameKeys.actorKeys(document);

        // 1. Look up every actor at once: Wikidata ID, then exact name key, then a name or alias of the
        //    document equal to a known name, then to a known alias; the oldest actor wins a tie.
        var found = match(keys, i -> true);

        // 2. Create the ones not found. ON CONFLICT DO NOTHING covers both unique keys (name key, Wikidata
        //    ID) and duplicates within the batch; whoever lost the race looks the winner up afterwards.
        var missing = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) if (found[i] == null) missing.add(i);
        var created = new HashMap<String, Long>();
        if (!missing.isEmpty()) {
            // Insert in key order so that parallel ingests take the unique-index locks in the same order.
            missing.sort((a, b) -> keys.get(a).key().compareTo(keys.get(b).key()));
            jdbc.sql("""
                    insert into actors (kind, name, description, wikidata_id, name_key)
                    select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                    on conflict do nothing
                    returning name_key, id""")
                    .param(missing.stream()
                            .map(i -> actors.get(i).kind().name())
                            .toArray(String[]::new))
                    .param(missing.stream().map(i -> actors.get(i).name()).toArray(String[]::new))
                    .param(missing.stream()
                            .map(i -> actors.get(i).description())
                            .toArray(String[]::new))
                    .param(missing.stream().map(i -> actors.get(i).wikidataId()).toArray(String[]::new))
                    .param(missing.stream().map(i -> keys.get(i).key()).toArray(String[]::new))
                    .query((rs, row) -> created.put(rs.getString(1), rs.getLong(2)))
                    .list();
        }
        var resolutions = new Resolution[n];
        var matched = new ArrayList<Integer>();
        var lostRace = new java.util.HashSet<Integer>();
        for (int i = 0; i < n; i++) {
            var ref = actors.get(i).ref();
            if (found[i] != null) {
                resolutions[i] = new Resolution(ref, found[i], Match.MATCHED);
                matched.add(i);
            } else if (created.containsKey(keys.get(i).key())) {
                long id = created.remove(keys.get(i).key());
                resolutions[i] = new Resolution(ref, id, Match.CREATED);
            } else {
                lostRace.add(i);
            }
        }
        if (!lostRace.isEmpty()) {
            var again = match(keys, lostRace::contains);
            for (int i : lostRace) {
                if (again[i] == null) {
                    throw new IllegalStateException("actor " + actors.get(i).name() + " was neither created nor found");
                }
                resolutions[i] = new Resolution(actors.get(i).ref(), again[i], Match.MATCHED);
                matched.add(i);
            }
        }
        completeActors(direct, matched, keys, resolutions);
        return List.of(resolutions);
    }

    /** The ID each selected actor resolves to among the actors already stored, or null. */
    Long[] match(List<ActorKey> keys, Predicate<Integer> selected) {
        var index = new ArrayList<Integer>();
        var wikidata = new ArrayList<String>();
        var nameKeys = new ArrayList<String>();
        var aliasIndex = new ArrayList<Integer>();
        var aliasKeys = new ArrayList<String>();
        for (int i = 0; i < keys.size(); i++) {
            if (!selected.test(i)) continue;
            index.add(i);
            wikidata.add(keys.get(i).actor().wikidataId());
            nameKeys.add(keys.get(i).key());
            for (var aliasKey : keys.get(i).aliasKeys()) {
                aliasIndex.add(i);
                aliasKeys.add(aliasKey);
            }
        }
        var result = new Long[keys.size()];
        jdbc.sql("""
                with input as (select * from unnest(?::int[], ?::text[], ?::text[]) as t(i, wikidata_id, name_key)),
                     names as (select * from unnest(?::int[], ?::text[]) as t(i, k))
                select input.i, (
                    select c.id from (
                        select a.id, 0 as rank from actors a where a.wikidata_id = input.wikidata_id
                        union all
                        select a.id, 1 from actors a where a.name_key = input.name_key
                        union all
                        select a.id, 2 from names join actors a on a.name_key = names.k
                        where names.i = input.i and a.kind <> 'UNNAMED_SOURCE'
                        union all
                        select a.id, 3 from names join actor_aliases al on al.alias_key = names.k
                             join actors a on a.id = al.actor_id
                        where names.i = input.i and a.kind <> 'UNNAMED_SOURCE'
                    ) c order by c.rank, c.id limit 1)
                from input""")
                .param(index.toArray(Integer[]::new))
                .param(wikidata.toArray(String[]::new))
                .param(nameKeys.toArray(String[]::new))
                .param(aliasIndex.toArray(Integer[]::new))
                .param(aliasKeys.toArray(String[]::new))
                .query((rs, row) -> {
                    long id = rs.getLong(2);
                    if (!rs.wasNull()) result[rs.getInt(1)] = id;
                    return null;
                })
                .list();
        return result;
    }

    /**
     * In one statement: a matched actor gains a Wikidata ID or description it lacked (what it had is kept),
     * and the document's name and aliases of every actor become aliases, unless equal to its own name.
     */
    private void completeActors(Writes writes, List<Integer> matched, List<ActorKey> keys, Resolution[] resolutions) {
        var ids = new ArrayList<Long>();
        var wikidata = new ArrayList<String>();
        var descriptions = new ArrayList<String>();
        for (int i : matched) {
            var actor = keys.get(i).actor();
            if (actor.wikidataId() == null && actor.description() == null) continue;
            ids.add(resolutions[i].id());
            wikidata.add(actor.wikidataId());
            descriptions.add(actor.description());
        }
        var aliasIds = new ArrayList<Long>();
        var aliases = new ArrayList<String>();
        for (int i = 0; i < keys.size(); i++) {
            var actor = keys.get(i).actor();
            var names = new LinkedHashSet<>(actor.aliases());
            if (actor.kind() != ActorKind.UNNAMED_SOURCE) names.add(actor.name());
            for (var name : names) {
                aliasIds.add(resolutions[i].id());
                aliases.add(name);
            }
        }
        if (ids.isEmpty() && aliasIds.isEmpty()) return;
        writes.update(
                """
                with input as (
                    select distinct on (id) * from unnest(?::bigint[], ?::text[], ?::text[]) as t(id, wikidata_id, description)
                    order by id),
                filled as (
                    update actors a set
                        wikidata_id = case when a.wikidata_id is null and not exists (
                                               select 1 from actors o where o.wikidata_id = input.wikidata_id)
                                           then input.wikidata_id else a.wikidata_id end,
                        description = coalesce(a.description, input.description),
                        updated_at = now()
                    from input
                    where a.id = input.id
                      and ((a.wikidata_id is null and input.wikidata_id is not null
                            and not exists (select 1 from actors o where o.wikidata_id = input.wikidata_id))
                           or (a.description is null and input.description is not null))
                    returning a.id)
                insert into actor_aliases (actor_id, alias)
                select u.id, u.alias from unnest(?::bigint[], ?::text[]) as u(id, alias)
                join actors a on a.id = u.id
                where newsgraph_name_key(u.alias) <> a.name_key and newsgraph_name_key(u.alias) <> ''
                order by u.id, newsgraph_name_key(u.alias)
                on conflict do nothing""",
                ids.toArray(Long[]::new),
                wikidata.toArray(String[]::new),
                descriptions.toArray(String[]::new),
                aliasIds.toArray(Long[]::new),
                aliases.toArray(String[]::new));
    }

    static void writeAffiliations(Writes writes, ArticleDocument d, Map<String, Resolution> actors) {
        var actorIds = new ArrayList<Long>();
        var organizationIds = new ArrayList<Long>();
        var titles = new ArrayList<String>();
        var froms = new ArrayList<String>();
        var tos = new ArrayList<String>();
        for (var actor : d.actors()) {
            for (var affiliation : actor.affiliations()) {
                actorIds.add(actors.get(actor.ref()).id());
                organizationIds.add(
                        affiliation.organization() == null
                                ? null
                                : actors.get(affiliation.organization()).id());
                titles.add(affiliation.title());
                froms.add(
                        affiliation.validFrom() == null
                                ? null
                                : affiliation.validFrom().toString());
                tos.add(
                        affiliation.validTo() == null
                                ? null
                                : affiliation.validTo().toString());
            }
        }
        if (actorIds.isEmpty()) return;
        // Update only what differs and insert with DO NOTHING: unlike DO UPDATE, neither locks rows that stay
        // as they are, so parallel imports naming the same affiliation do not queue behind each other.
        writes.update(
                """
                with input as (
                    select distinct on (actor_id, organization_id, title, valid_from) *
                    from unnest(?::bigint[], ?::bigint[], ?::text[], ?::date[], ?::date[])
                         as t(actor_id, organization_id, title, valid_from, valid_to)
                    order by actor_id, organization_id, title, valid_from, valid_to nulls last),
                changed as (
                    update affiliations a set valid_to = i.valid_to, updated_at = now()
                    from input i
                    where a.actor_id = i.actor_id and a.organization_id is not distinct from i.organization_id
                      and a.title = i.title and a.valid_from is not distinct from i.valid_from
                      and i.valid_to is not null and a.valid_to is distinct from i.valid_to
                    returning a.id)
                insert into affiliations (actor_id, organization_id, title, valid_from, valid_to)
                select actor_id, organization_id, title, valid_from, valid_to from input
                on conflict (actor_id, organization_id, title, valid_from) do nothing""",
                actorIds.toArray(Long[]::new),
                organizationIds.toArray(Long[]::new),
                titles.toArray(String[]::new),
                froms.toArray(String[]::new),
                tos.toArray(String[]::new));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
