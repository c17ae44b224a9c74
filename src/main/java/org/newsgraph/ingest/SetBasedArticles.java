package org.newsgraph.ingest;

import java.util.ArrayList;
import java.util.List;
import org.newsgraph.ingest.IngestResult.Resolution;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The new articles of a batch, with everything they hold, in one statement (see {@link #insertNewArticles}). */
final class SetBasedArticles {

    private final JdbcClient jdbc;
    private final DeferredRollups rollups;

    SetBasedArticles(JdbcClient jdbc, DeferredRollups rollups) {
        this.jdbc = jdbc;
        this.rollups = rollups;
    }

    /**
     * All articles of the run with their bylines, events, statements and the statements' relays, mentions and
     * events in one statement; rows in article order, statements in position order (the IDs one-by-one
     * ingests would give). Returns the article IDs in run order.
     */
    long[] insertNewArticles(List<SetBasedBatch.Resolved> run) {
        var urls = new ArrayList<String>();
        var titles = new ArrayList<String>();
        var publishers = new ArrayList<Long>();
        var published = new ArrayList<String>();
        var languages = new ArrayList<String>();
        var summaries = new ArrayList<String>();
        var bodies = new ArrayList<String>();
        var hashes = new ArrayList<String>();
        var bylineArticle = new ArrayList<Integer>();
        var bylineActors = new ArrayList<Long>();
        var bylineRoles = new ArrayList<String>();
        var bylinePositions = new ArrayList<Integer>();
        var eventArticle = new ArrayList<Integer>();
        var eventIds = new ArrayList<Long>();
        var statementArticle = new ArrayList<Integer>();
        var positions = new ArrayList<Integer>();
        var speakers = new ArrayList<Long>();
        var kinds = new ArrayList<String>();
        var texts = new ArrayList<String>();
        var cues = new ArrayList<String>();
        var channels = new ArrayList<String>();
        var dates = new ArrayList<String>();
        var precisions = new ArrayList<String>();
        var relayArticle = new ArrayList<Integer>();
        var relayStatement = new ArrayList<Integer>();
        var relayPositions = new ArrayList<Integer>();
        var relayActors = new ArrayList<Long>();
        var mentionArticle = new ArrayList<Integer>();
        var mentionStatement = new ArrayList<Integer>();
        var mentionActors = new ArrayList<Long>();
        var linkArticle = new ArrayList<Integer>();
        var linkStatement = new ArrayList<Integer>();
        var linkEvents = new ArrayList<Long>();
        for (int k = 0; k < run.size(); k++) {
            var d = run.get(k).document();
            var actors = run.get(k).actors();
            var events = run.get(k).events();
            urls.add(d.canonicalUrl());
            titles.add(d.title());
            publishers.add(
                    d.publisher() == null ? null : actors.get(d.publisher()).id());
            published.add(
                    d.publishedAt() == null ? null : d.publishedAt().toInstant().toString());
            languages.add(d.language());
            summaries.add(d.summary());
            bodies.add(d.body());
            hashes.add(run.get(k).hash());
            var bylines = ArticleIngest.Bylines.of(d, actors);
            // Rows are made unique here (the first one wins, as ON CONFLICT DO NOTHING lets it): plain inserts
            // skip the conflict check of every row.
            var bylineKeys = new java.util.HashSet<String>();
            for (int b = 0; b < bylines.actorIds().length; b++) {
                if (!bylineKeys.add(bylines.actorIds()[b] + bylines.roles()[b])) continue;
                bylineArticle.add(k);
                bylineActors.add(bylines.actorIds()[b]);
                bylineRoles.add(bylines.roles()[b]);
                bylinePositions.add(bylines.positions()[b]);
            }
            for (var id :
                    events.values().stream().map(Resolution::id).distinct().toList()) {
                eventArticle.add(k);
                eventIds.add(id);
            }
            for (int i = 0; i < d.statements().size(); i++) {
                var s = d.statements().get(i);
                statementArticle.add(k);
                positions.add(i);
                speakers.add(actors.get(s.speaker()).id());
                kinds.add(s.kind().name());
                texts.add(s.text());
                cues.add(s.cue());
                channels.add(s.channel());
                dates.add(string(s.saidOn()));
                precisions.add(name(s.saidOnPrecision()));
                for (int r = 0; r < s.relayedVia().size(); r++) {
                    relayArticle.add(k);
                    relayStatement.add(i);
                    relayPositions.add(r);
                    relayActors.add(actors.get(s.relayedVia().get(r)).id());
                }
                for (var mentioned : s.mentions().stream()
                        .map(m -> actors.get(m).id())
                        .distinct()
                        .toList()) {
                    mentionArticle.add(k);
                    mentionStatement.add(i);
                    mentionActors.add(mentioned);
                }
                for (var event : s.events().stream()
                        .map(e -> events.get(e).id())
                        .distinct()
                        .toList()) {
                    linkArticle.add(k);
                    linkStatement.add(i);
                    linkEvents.add(event);
                }
            }
        }
        var ids = new long[run.size()];
        var arrays = arrays(
                urls,
                titles,
                publishers,
                published,
                languages,
                summaries,
                bodies,
                hashes,
                bylineArticle,
                bylineActors,
                bylineRoles,
                bylinePositions,
                eventArticle,
                eventIds,
                statementArticle,
                positions,
                speakers,
                kinds,
                texts,
                cues,
                channels,
                dates,
                precisions,
                relayArticle,
                relayStatement,
                relayPositions,
                relayActors,
                mentionArticle,
                mentionStatement,
                mentionActors,
                linkArticle,
                linkStatement,
                linkEvents);
        // The rollups of these articles are added later, once (DeferredRollups).
        rollups.insertDeferred(() -> insert(ids, arrays));
        for (int k = 0; k < run.size(); k++)
            ArticleIngest.keepUrlAsGiven(jdbc, run.get(k).document(), ids[k]);
        return ids;
    }

    private long[] insert(long[] ids, Object[] arrays) {
        jdbc.sql("""
                with input as (
                    select * from unnest(?::text[], ?::text[], ?::bigint[], ?::timestamptz[], ?::text[], ?::text[],
                                         ?::text[], ?::text[])
                         with ordinality as u(url, title, publisher_id, published_at, language, summary, body,
                                              content_hash, n)),
                a as (
                    insert into articles (url, title, publisher_id, published_at, language, summary, body, content_hash)
                    select url, title, publisher_id, published_at, language, summary, body, content_hash
                    from input order by n
                    returning id, url),
                ids as (select input.n - 1 as k, a.id from a join input on input.url = a.url),
                c as (
                    insert into article_contributors (article_id, actor_id, role, position)
                    select ids.id, u.actor_id, u.role, u.position
                    from unnest(?::int[], ?::bigint[], ?::text[], ?::int[]) as u(k, actor_id, role, position)
                    join ids on ids.k = u.k),
                ae as (
                    insert into article_events (article_id, event_id)
                    select ids.id, u.event_id from unnest(?::int[], ?::bigint[]) as u(k, event_id) join ids on ids.k = u.k),
                s as (
                    insert into statements (article_id, position, speaker_id, kind, text, cue, channel, said_on,
                                            said_on_precision)
                    select ids.id, u.position, u.speaker_id, u.kind, u.text, u.cue, u.channel, u.said_on, u.said_on_precision
                    from unnest(?::int[], ?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[],
                                ?::text[])
                         with ordinality as u(k, position, speaker_id, kind, text, cue, channel, said_on,
                                              said_on_precision, n)
                    join ids on ids.k = u.k
                    order by u.n
                    returning article_id, position, id, said_on),
                r as (
                    insert into statement_relays (statement_id, position, actor_id)
                    select s.id, u.position, u.actor_id
                    from unnest(?::int[], ?::int[], ?::int[], ?::bigint[]) as u(k, statement_position, position, actor_id)
                    join ids on ids.k = u.k join s on s.article_id = ids.id and s.position = u.statement_position),
                m as (
                    insert into statement_mentions (statement_id, actor_id)
                    select s.id, u.actor_id
                    from unnest(?::int[], ?::int[], ?::bigint[]) as u(k, statement_position, actor_id)
                    join ids on ids.k = u.k join s on s.article_id = ids.id and s.position = u.statement_position),
                e as (
                    -- said_on_key: V53's copy of the statement's sort key, given here so the trigger need not look it up
                    insert into statement_events (statement_id, event_id, said_on_key)
                    select s.id, u.event_id, coalesce(s.said_on, '-infinity'::date)
                    from unnest(?::int[], ?::int[], ?::bigint[]) as u(k, statement_position, event_id)
                    join ids on ids.k = u.k join s on s.article_id = ids.id and s.position = u.statement_position)
                select k, id from ids""")
                .params(arrays)
                .query((rs, n) -> ids[rs.getInt(1)] = rs.getLong(2))
                .list();
        return ids;
    }

    private static Object[] arrays(
            List<String> urls,
            List<String> titles,
            List<Long> publishers,
            List<String> published,
            List<String> languages,
            List<String> summaries,
            List<String> bodies,
            List<String> hashes,
            List<Integer> bylineArticle,
            List<Long> bylineActors,
            List<String> bylineRoles,
            List<Integer> bylinePositions,
            List<Integer> eventArticle,
            List<Long> eventIds,
            List<Integer> statementArticle,
            List<Integer> positions,
            List<Long> speakers,
            List<String> kinds,
            List<String> texts,
            List<String> cues,
            List<String> channels,
            List<String> dates,
            List<String> precisions,
            List<Integer> relayArticle,
            List<Integer> relayStatement,
            List<Integer> relayPositions,
            List<Long> relayActors,
            List<Integer> mentionArticle,
            List<Integer> mentionStatement,
            List<Long> mentionActors,
            List<Integer> linkArticle,
            List<Integer> linkStatement,
            List<Long> linkEvents) {
        return new Object[] {
            urls.toArray(String[]::new),
            titles.toArray(String[]::new),
            publishers.toArray(Long[]::new),
            published.toArray(String[]::new),
            languages.toArray(String[]::new),
            summaries.toArray(String[]::new),
            bodies.toArray(String[]::new),
            hashes.toArray(String[]::new),
            bylineArticle.toArray(Integer[]::new),
            bylineActors.toArray(Long[]::new),
            bylineRoles.toArray(String[]::new),
            bylinePositions.toArray(Integer[]::new),
            eventArticle.toArray(Integer[]::new),
            eventIds.toArray(Long[]::new),
            statementArticle.toArray(Integer[]::new),
            positions.toArray(Integer[]::new),
            speakers.toArray(Long[]::new),
            kinds.toArray(String[]::new),
            texts.toArray(String[]::new),
            cues.toArray(String[]::new),
            channels.toArray(String[]::new),
            dates.toArray(String[]::new),
            precisions.toArray(String[]::new),
            relayArticle.toArray(Integer[]::new),
            relayStatement.toArray(Integer[]::new),
            relayPositions.toArray(Integer[]::new),
            relayActors.toArray(Long[]::new),
            mentionArticle.toArray(Integer[]::new),
            mentionStatement.toArray(Integer[]::new),
            mentionActors.toArray(Long[]::new),
            linkArticle.toArray(Integer[]::new),
            linkStatement.toArray(Integer[]::new),
            linkEvents.toArray(Long[]::new)
        };
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
