package org.newsgraph.ingest;

import java.util.ArrayList;
import java.util.Map;
import org.newsgraph.ingest.IngestResult.Resolution;

/** The affiliations of an article's actors, once they are resolved (see {@link BatchResolver}). */
final class ActorIngest {

    private ActorIngest() {}

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
}
