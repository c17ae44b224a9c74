package org.newsgraph.ingest;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.newsgraph.ingest.IngestResult.Resolution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The article row of one document with its bylines, events, statements and the statements' relays,
 * mentions and events, once its actors and events are resolved: inserted in one statement when new,
 * updated in place (keeping the IDs of unchanged statements) when changed.
 */
final class ArticleIngest {

    private final JdbcClient jdbc;

    ArticleIngest(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A new article with its bylines, events, statements and their relays, mentions and events in one SQL
     * statement (one round trip, which is what bounds the bulk import). A parallel insert of the same URL
     * fails it with a unique violation, and {@link IngestService#ingest} retries as an update.
     */
    long insertNewArticle(
            ArticleDocument d, String hash, Map<String, Resolution> actors, Map<String, Resolution> events) {
        var bylines = Bylines.of(d, actors);
        var index = new ArrayList<Integer>();
        for (int i = 0; i < d.statements().size(); i++) index.add(i);
        var speakers = new Long[d.statements().size()];
        for (int i = 0; i < speakers.length; i++)
            speakers[i] = actors.get(d.statements().get(i).speaker()).id();
        var statementColumns = statementColumns(d, index, speakers, new Long[speakers.length], false);
        var relayIndex = new ArrayList<Integer>();
        var relayPositions = new ArrayList<Integer>();
        var relayActors = new ArrayList<Long>();
        var mentionIndex = new ArrayList<Integer>();
        var mentionActors = new ArrayList<Long>();
        var eventIndex = new ArrayList<Integer>();
        var eventIds = new ArrayList<Long>();
        for (int i = 0; i < d.statements().size(); i++) {
            var s = d.statements().get(i);
            for (int r = 0; r < s.relayedVia().size(); r++) {
                relayIndex.add(i);
                relayPositions.add(r);
                relayActors.add(actors.get(s.relayedVia().get(r)).id());
            }
            for (var mention : s.mentions()) {
                mentionIndex.add(i);
                mentionActors.add(actors.get(mention).id());
            }
            for (var event : s.events()) {
                eventIndex.add(i);
                eventIds.add(events.get(event).id());
            }
        }
        var params = new ArrayList<Object>();
        params.add(d.url());
        params.add(d.title());
        params.add(d.publisher() == null ? null : actors.get(d.publisher()).id());
        params.add(
                d.publishedAt() == null ? null : Timestamp.from(d.publishedAt().toInstant()));
        params.add(d.language());
        params.add(d.summary());
        params.add(d.body());
        params.add(hash);
        params.add(bylines.actorIds());
        params.add(bylines.roles());
        params.add(bylines.positions());
        params.add(events.values().stream().map(Resolution::id).distinct().toArray(Long[]::new));
        params.addAll(statementColumns);
        params.add(relayIndex.toArray(Integer[]::new));
        params.add(relayPositions.toArray(Integer[]::new));
        params.add(relayActors.toArray(Long[]::new));
        params.add(mentionIndex.toArray(Integer[]::new));
        params.add(mentionActors.toArray(Long[]::new));
        params.add(eventIndex.toArray(Integer[]::new));
        params.add(eventIds.toArray(Long[]::new));
        return jdbc.sql("""
                with a as (
                    insert into articles (url, title, publisher_id, published_at, language, summary, body, content_hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    returning id),
                c as (
                    insert into article_contributors (article_id, actor_id, role, position)
                    select a.id, u.actor_id, u.role, u.position
                    from a, unnest(?::bigint[], ?::text[], ?::int[]) as u(actor_id, role, position)
                    on conflict do nothing),
                ae as (
                    insert into article_events (article_id, event_id)
                    select a.id, u.event_id from a, unnest(?::bigint[]) as u(event_id)
                    on conflict do nothing),
                s as (
                    insert into statements (article_id, position, speaker_id, kind, text, cue, channel, said_on, said_on_precision)
                    select a.id, u.* from a,
                        unnest(?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[]) as u
                    returning position, id, said_on),
                r as (
                    insert into statement_relays (statement_id, position, actor_id)
                    select s.id, u.position, u.actor_id
                    from unnest(?::int[], ?::int[], ?::bigint[]) as u(statement_position, position, actor_id)
                    join s on s.position = u.statement_position),
                m as (
                    insert into statement_mentions (statement_id, actor_id)
                    select s.id, u.actor_id from unnest(?::int[], ?::bigint[]) as u(statement_position, actor_id)
                    join s on s.position = u.statement_position
                    on conflict do nothing),
                e as (
                    insert into statement_events (statement_id, event_id, said_on_key)
                    select s.id, u.event_id, coalesce(s.said_on, '-infinity'::date)
                    from unnest(?::int[], ?::bigint[]) as u(statement_position, event_id)
                    join s on s.position = u.statement_position
                    on conflict do nothing)
                select id from a""").params(params).query(Long.class).single();
    }

    long upsertArticle(ArticleDocument d, String hash, Map<String, Resolution> actors) {
        Long publisherId =
                d.publisher() == null ? null : actors.get(d.publisher()).id();
        return jdbc.sql("""
                insert into articles (url, title, publisher_id, published_at, language, summary, body, content_hash)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (url) do update set
                    title = excluded.title, publisher_id = excluded.publisher_id, published_at = excluded.published_at,
                    language = excluded.language, summary = excluded.summary, body = excluded.body,
                    content_hash = excluded.content_hash, updated_at = now()
                returning id""")
                .param(d.url())
                .param(d.title())
                .param(publisherId)
                .param(
                        d.publishedAt() == null
                                ? null
                                : Timestamp.from(d.publishedAt().toInstant()))
                .param(d.language())
                .param(d.summary())
                .param(d.body())
                .param(hash)
                .query(Long.class)
                .single();
    }

    void writeContributors(long articleId, ArticleDocument d, Map<String, Resolution> actors, boolean isNew) {
        if (!isNew)
            jdbc.sql("delete from article_contributors where article_id = ?")
                    .param(articleId)
                    .update();
        var bylines = Bylines.of(d, actors);
        if (bylines.actorIds().length == 0) return;
        jdbc.sql("""
                insert into article_contributors (article_id, actor_id, role, position)
                select ?, * from unnest(?::bigint[], ?::text[], ?::int[]) on conflict do nothing""")
                .param(articleId)
                .param(bylines.actorIds())
                .param(bylines.roles())
                .param(bylines.positions())
                .update();
    }

    /** An article's authors and contributors as the parallel arrays that {@code unnest} takes. */
    record Bylines(Long[] actorIds, String[] roles, Integer[] positions) {

        static Bylines of(ArticleDocument d, Map<String, Resolution> actors) {
            var ids = new ArrayList<Long>();
            var roles = new ArrayList<String>();
            var positions = new ArrayList<Integer>();
            for (int i = 0; i < d.authors().size(); i++) {
                ids.add(actors.get(d.authors().get(i)).id());
                roles.add("AUTHOR");
                positions.add(i);
            }
            for (int i = 0; i < d.contributors().size(); i++) {
                ids.add(actors.get(d.contributors().get(i)).id());
                roles.add("CONTRIBUTOR");
                positions.add(i);
            }
            return new Bylines(
                    ids.toArray(Long[]::new), roles.toArray(String[]::new), positions.toArray(Integer[]::new));
        }
    }

    void writeArticleEvents(long articleId, Collection<Resolution> events, boolean isNew) {
        if (!isNew)
            jdbc.sql("delete from article_events where article_id = ?")
                    .param(articleId)
                    .update();
        if (events.isEmpty()) return;
        jdbc.sql(
                        "insert into article_events (article_id, event_id) select ?, unnest(?::bigint[]) on conflict do nothing")
                .param(articleId)
                .param(events.stream().map(Resolution::id).distinct().toArray(Long[]::new))
                .update();
    }

    private record StoredStatement(long id, long speakerId, String text) {}

    void writeStatements(
            long articleId,
            ArticleDocument d,
            Map<String, Resolution> actors,
            Map<String, Resolution> events,
            boolean isNew) {
        int n = d.statements().size();
        var speakers = new Long[n];
        for (int i = 0; i < n; i++)
            speakers[i] = actors.get(d.statements().get(i).speaker()).id();

        // Which stored row each statement reuses: first the row with the same speaker and text (its ID
        // stays even when statements were inserted before it), then the leftover rows in order.
        var ids = new Long[n];
        if (!isNew) {
            var stored = jdbc.sql("select id, speaker_id, text from statements where article_id = ? order by position")
                    .param(articleId)
                    .query((rs, row) -> new StoredStatement(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                    .list();
            var unused = new ArrayList<>(stored);
            for (int i = 0; i < n; i++) {
                var s = d.statements().get(i);
                for (var it = unused.iterator(); it.hasNext(); ) {
                    var row = it.next();
                    if (row.speakerId() == speakers[i] && row.text().equals(s.text())) {
                        ids[i] = row.id();
                        it.remove();
                        break;
                    }
                }
            }
            var leftover = unused.iterator();
            for (int i = 0; i < n; i++)
                if (ids[i] == null && leftover.hasNext())
                    ids[i] = leftover.next().id();
            var drop = new ArrayList<Long>();
            leftover.forEachRemaining(row -> drop.add(row.id()));
            if (!drop.isEmpty()) {
                jdbc.sql("delete from statements where id = any(?::bigint[])")
                        .param(drop.toArray(Long[]::new))
                        .update();
            }
        }

        var reusedIndex = new ArrayList<Integer>();
        var newIndex = new ArrayList<Integer>();
        for (int i = 0; i < n; i++) (ids[i] != null ? reusedIndex : newIndex).add(i);
        if (!reusedIndex.isEmpty()) {
            // Positions are unique per article and checked row by row: move the kept rows out of the way
            // first, then give each its new position and content (updated_at only where something changed).
            jdbc.sql("update statements set position = position + 1000000 where article_id = ?")
                    .param(articleId)
                    .update();
            jdbc.sql("""
                    update statements s set
                        position = u.position, speaker_id = u.speaker_id, kind = u.kind, text = u.text, cue = u.cue,
                        channel = u.channel, said_on = u.said_on, said_on_precision = u.said_on_precision,
                        updated_at = case when (s.speaker_id, s.kind, s.text, s.cue, s.channel, s.said_on, s.said_on_precision)
                                               is distinct from
                                               (u.speaker_id, u.kind, u.text, u.cue, u.channel, u.said_on, u.said_on_precision)
                                          then now() else s.updated_at end
                    from unnest(?::bigint[], ?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[])
                         as u(id, position, speaker_id, kind, text, cue, channel, said_on, said_on_precision)
                    where s.id = u.id""")
                    .params(statementColumns(d, reusedIndex, speakers, ids, true))
                    .update();
        }
        if (!newIndex.isEmpty()) {
            var inserted = jdbc.sql("""
                    insert into statements (article_id, position, speaker_id, kind, text, cue, channel, said_on, said_on_precision)
                    select ?, * from unnest(?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], ?::text[])
                    returning position, id""")
                    .params(prepend(articleId, statementColumns(d, newIndex, speakers, ids, false)))
                    .query((rs, row) -> new long[] {rs.getInt(1), rs.getLong(2)})
                    .list();
            for (var row : inserted) ids[(int) row[0]] = row[1];
        }

        var relayStatements = new ArrayList<Long>();
        var relayPositions = new ArrayList<Integer>();
        var relayActors = new ArrayList<Long>();
        var mentionStatements = new ArrayList<Long>();
        var mentionActors = new ArrayList<Long>();
        var eventStatements = new ArrayList<Long>();
        var eventIds = new ArrayList<Long>();
        for (int i = 0; i < n; i++) {
            var s = d.statements().get(i);
            for (int r = 0; r < s.relayedVia().size(); r++) {
                relayStatements.add(ids[i]);
                relayPositions.add(r);
                relayActors.add(actors.get(s.relayedVia().get(r)).id());
            }
            for (var mention : s.mentions()) {
                mentionStatements.add(ids[i]);
                mentionActors.add(actors.get(mention).id());
            }
            for (var event : s.events()) {
                eventStatements.add(ids[i]);
                eventIds.add(events.get(event).id());
            }
        }
        if (!isNew && !reusedIndex.isEmpty()) {
            var reused = reusedIndex.stream().map(i -> ids[i]).toArray(Long[]::new);
            jdbc.sql("""
                    with r as (delete from statement_relays where statement_id = any(?::bigint[])),
                         m as (delete from statement_mentions where statement_id = any(?::bigint[]))
                    delete from statement_events where statement_id = any(?::bigint[])""").param(reused).param(reused).param(reused).update();
        }
        if (!relayStatements.isEmpty() || !mentionStatements.isEmpty() || !eventStatements.isEmpty()) {
            jdbc.sql("""
                    with r as (insert into statement_relays (statement_id, position, actor_id)
                               select * from unnest(?::bigint[], ?::int[], ?::bigint[])),
                         m as (insert into statement_mentions (statement_id, actor_id)
                               select * from unnest(?::bigint[], ?::bigint[]) on conflict do nothing)
                    insert into statement_events (statement_id, event_id)
                    select * from unnest(?::bigint[], ?::bigint[]) on conflict do nothing""")
                    .param(relayStatements.toArray(Long[]::new))
                    .param(relayPositions.toArray(Integer[]::new))
                    .param(relayActors.toArray(Long[]::new))
                    .param(mentionStatements.toArray(Long[]::new))
                    .param(mentionActors.toArray(Long[]::new))
                    .param(eventStatements.toArray(Long[]::new))
                    .param(eventIds.toArray(Long[]::new))
                    .update();
        }
    }

    static List<Object> statementColumns(
            ArticleDocument d, List<Integer> index, Long[] speakers, Long[] ids, boolean withIds) {
        int n = index.size();
        var rowIds = new Long[n];
        var positions = new Integer[n];
        var speakerIds = new Long[n];
        var kinds = new String[n];
        var texts = new String[n];
        var cues = new String[n];
        var channels = new String[n];
        var dates = new String[n];
        var precisions = new String[n];
        for (int k = 0; k < n; k++) {
            int i = index.get(k);
            var s = d.statements().get(i);
            rowIds[k] = ids[i];
            positions[k] = i;
            speakerIds[k] = speakers[i];
            kinds[k] = s.kind().name();
            texts[k] = s.text();
            cues[k] = s.cue();
            channels[k] = s.channel();
            dates[k] = s.saidOn() == null ? null : s.saidOn().toString();
            precisions[k] = name(s.saidOnPrecision());
        }
        var columns = new ArrayList<Object>();
        if (withIds) columns.add(rowIds);
        columns.addAll(List.of(positions, speakerIds, kinds, texts));
        columns.add(cues);
        columns.add(channels);
        columns.add(dates);
        columns.add(precisions);
        return columns;
    }

    private static List<Object> prepend(Object first, List<Object> rest) {
        var all = new ArrayList<Object>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
