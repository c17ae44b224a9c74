package org.newsgraph.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Statements collected per SQL text and sent as one JDBC batch each, in the order first seen. */
final class BatchedWrites implements Writes {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    BatchedWrites(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    private final Map<String, List<Object[]>> bySql = new java.util.LinkedHashMap<>();
    private int article = -1;
    private final List<Integer> participantArticle = new ArrayList<>();
    private final List<Long> participantEvents = new ArrayList<>();
    private final List<Long> participantActors = new ArrayList<>();
    private final List<String> participantRoles = new ArrayList<>();
    private final List<Long> participantRepresents = new ArrayList<>();
    private final List<String> participantNotes = new ArrayList<>();

    /** The statements that follow are the next article's. */
    void nextArticle() {
        article++;
    }

    @Override
    public void update(String sql, Object... params) {
        bySql.computeIfAbsent(sql, k -> new ArrayList<>()).add(params);
    }

    @Override
    public void participants(Long[] events, Long[] actors, String[] roles, Long[] represents, String[] notes) {
        for (int i = 0; i < events.length; i++) {
            participantArticle.add(article);
            participantEvents.add(events[i]);
            participantActors.add(actors[i]);
            participantRoles.add(roles[i]);
            participantRepresents.add(represents[i]);
            participantNotes.add(notes[i]);
        }
    }

    /**
     * The participants of all articles in two statements with the outcome of {@link EventIngest#PARTICIPANTS} per
     * article in turn: every article's rows (one per event, actor and role, as there) are offered for
     * insert in article order (a row that exists uses up an ID as it does there); then each row takes
     * the last represented actor and note that any article gave.
     */
    private void writeParticipants() {
        if (participantArticle.isEmpty()) return;
        var picked = """
                select distinct on (k, event_id, actor_id, role) *
                from unnest(?::int[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[], ?::text[])
                     as t(k, event_id, actor_id, role, represents_id, note)
                order by k, event_id, actor_id, role, represents_id nulls last, note nulls last""";
        var params = List.<Object>of(
                participantArticle.toArray(Integer[]::new),
                participantEvents.toArray(Long[]::new),
                participantActors.toArray(Long[]::new),
                participantRoles.toArray(String[]::new),
                participantRepresents.toArray(Long[]::new),
                participantNotes.toArray(String[]::new));
        jdbc.sql("""
                insert into event_participants (event_id, actor_id, role, represents_id, note)
                select event_id, actor_id, role, represents_id, note from (
                    select distinct on (event_id, actor_id, role) * from (%s) picked
                    order by event_id, actor_id, role, k) first_given
                where not exists (
                    select 1 from event_participants p
                    where p.event_id = first_given.event_id and p.actor_id = first_given.actor_id
                      and p.role = first_given.role)
                order by k, event_id, actor_id, role
                on conflict (event_id, actor_id, role) do nothing""".formatted(picked)).params(params).update();
        jdbc.sql("""
                with picked as (%s),
                latest as (
                    select event_id, actor_id, role,
                           (array_agg(represents_id order by k desc) filter (where represents_id is not null))[1]
                               as represents_id,
                           (array_agg(note order by k desc) filter (where note is not null))[1] as note
                    from picked group by event_id, actor_id, role)
                update event_participants p set
                    represents_id = coalesce(l.represents_id, p.represents_id), note = coalesce(l.note, p.note)
                from latest l
                where p.event_id = l.event_id and p.actor_id = l.actor_id and p.role = l.role
                  and (p.represents_id, p.note) is distinct from
                      (coalesce(l.represents_id, p.represents_id), coalesce(l.note, p.note))""".formatted(picked)).params(params).update();
    }

    // Each kind of statement touches its own tables and columns (actors and aliases; affiliations; the
    // fields of matched events; their parents; participants; relations), so running all of one kind
    // before the next leaves the same rows as running each article's statements in turn.
    void flush() {
        bySql.forEach((sql, rows) -> template.batchUpdate(sql, rows));
        writeParticipants();
    }
}
