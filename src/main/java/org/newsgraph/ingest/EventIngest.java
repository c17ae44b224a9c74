package org.newsgraph.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.newsgraph.ingest.IngestResult.Resolution;

/**
 * What an article writes to the events it resolved (see {@link BatchResolver}): the fields of the events it
 * matched exactly, their parents, participants and relations.
 */
final class EventIngest {

    private EventIngest() {}

    /** The latest report wins for what it states; what it leaves out is kept. Rows that would not change are not touched. */
    static void updateMatchedEvents(
            Writes writes, List<ArticleDocument.Event> events, List<Integer> matched, Long[] ids) {
        int n = matched.size();
        var order = new Integer[n];
        var rowIds = new Long[n];
        var kinds = new String[n];
        var titles = new String[n];
        var statuses = new String[n];
        var descriptions = new String[n];
        var starts = new String[n];
        var startPrecisions = new String[n];
        var ends = new String[n];
        var endPrecisions = new String[n];
        var locations = new String[n];
        var keys = new String[n];
        for (int k = 0; k < n; k++) {
            int i = matched.get(k);
            var e = events.get(i);
            order[k] = i;
            rowIds[k] = ids[i];
            kinds[k] = e.kind().name();
            titles[k] = org.newsgraph.resolution.NameForms.clean(e.title());
            statuses[k] = e.status().name();
            descriptions[k] = e.description();
            starts[k] = e.startsOn() == null ? null : e.startsOn().toString();
            startPrecisions[k] = name(e.startsOnPrecision());
            ends[k] = e.endsOn() == null ? null : e.endsOn().toString();
            endPrecisions[k] = name(e.endsOnPrecision());
            locations[k] = e.location();
            keys[k] = e.externalKey();
        }
        writes.update(
                """
                with input as (
                    select distinct on (id) *
                    from unnest(?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[],
                                ?::date[], ?::text[], ?::text[], ?::text[])
                         as t(i, id, kind, title, status, description, starts_on, starts_on_precision, ends_on,
                              ends_on_precision, location, external_key)
                    order by id, i desc),
                wanted as (
                    select e.id, u.kind, u.title, u.status,
                           coalesce(u.description, e.description) as description,
                           coalesce(u.starts_on, e.starts_on) as starts_on,
                           coalesce(u.starts_on_precision, e.starts_on_precision) as starts_on_precision,
                           coalesce(u.ends_on, e.ends_on) as ends_on,
                           coalesce(u.ends_on_precision, e.ends_on_precision) as ends_on_precision,
                           coalesce(u.location, e.location) as location,
                           coalesce(e.external_key, u.external_key) as external_key
                    from input u join events e on e.id = u.id)
                update events e set
                    kind = w.kind, title = w.title, status = w.status, description = w.description,
                    starts_on = w.starts_on, starts_on_precision = w.starts_on_precision, ends_on = w.ends_on,
                    ends_on_precision = w.ends_on_precision, location = w.location, external_key = w.external_key,
                    updated_at = now()
                from wanted w
                where e.id = w.id
                  and (e.kind, e.title, e.status, e.description, e.starts_on, e.starts_on_precision, e.ends_on,
                       e.ends_on_precision, e.location, e.external_key)
                      is distinct from
                      (w.kind, w.title, w.status, w.description, w.starts_on, w.starts_on_precision, w.ends_on,
                       w.ends_on_precision, w.location, w.external_key)""",
                order,
                rowIds,
                kinds,
                titles,
                statuses,
                descriptions,
                starts,
                startPrecisions,
                ends,
                endPrecisions,
                locations,
                keys);
    }

    static void linkEvents(
            Writes writes, ArticleDocument d, Map<String, Resolution> events, Map<String, Resolution> actors) {
        var eventIds = new ArrayList<Long>();
        var actorIds = new ArrayList<Long>();
        var roles = new ArrayList<String>();
        var represents = new ArrayList<Long>();
        var notes = new ArrayList<String>();
        var relationFrom = new ArrayList<Long>();
        var relationTo = new ArrayList<Long>();
        var relationKinds = new ArrayList<String>();
        for (var event : d.events()) {
            long eventId = events.get(event.ref()).id();
            if (event.parent() != null) {
                long parentId = events.get(event.parent()).id();
                if (parentId != eventId) {
                    writes.update(
                            "update events set parent_id = ?, updated_at = now() where id = ? and parent_id is distinct from ?",
                            parentId,
                            eventId,
                            parentId);
                }
            }
            for (var participant : event.participants()) {
                eventIds.add(eventId);
                actorIds.add(actors.get(participant.actor()).id());
                roles.add(participant.role().name());
                represents.add(
                        participant.represents() == null
                                ? null
                                : actors.get(participant.represents()).id());
                notes.add(participant.note());
            }
            for (var relation : event.relations()) {
                long relatedId = events.get(relation.event()).id();
                if (relatedId == eventId) continue; // two refs resolved to one event
                relationFrom.add(eventId);
                relationTo.add(relatedId);
                relationKinds.add(relation.kind().name());
            }
        }
        if (!eventIds.isEmpty()) {
            writes.participants(
                    eventIds.toArray(Long[]::new),
                    actorIds.toArray(Long[]::new),
                    roles.toArray(String[]::new),
                    represents.toArray(Long[]::new),
                    notes.toArray(String[]::new));
        }
        if (!relationFrom.isEmpty()) {
            writes.update(
                    """
                    insert into event_relations (event_id, related_event_id, kind)
                    select * from unnest(?::bigint[], ?::bigint[], ?::text[]) on conflict do nothing""",
                    relationFrom.toArray(Long[]::new),
                    relationTo.toArray(Long[]::new),
                    relationKinds.toArray(String[]::new));
        }
    }

    /** One article's event participants: inserted, or completed where they exist (represents, note: the latest given wins). */
    static final String PARTICIPANTS = """
                    with input as (
                        select distinct on (event_id, actor_id, role) *
                        from unnest(?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::text[])
                             as t(event_id, actor_id, role, represents_id, note)
                        order by event_id, actor_id, role, represents_id nulls last, note nulls last),
                    changed as (
                        update event_participants p set
                            represents_id = coalesce(i.represents_id, p.represents_id), note = coalesce(i.note, p.note)
                        from input i
                        where p.event_id = i.event_id and p.actor_id = i.actor_id and p.role = i.role
                          and (p.represents_id, p.note) is distinct from
                              (coalesce(i.represents_id, p.represents_id), coalesce(i.note, p.note))
                        returning p.id)
                    insert into event_participants (event_id, actor_id, role, represents_id, note)
                    select event_id, actor_id, role, represents_id, note from input i
                    where not exists (
                        select 1 from event_participants p
                        where p.event_id = i.event_id and p.actor_id = i.actor_id and p.role = i.role)
                    on conflict (event_id, actor_id, role) do nothing""";

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
