package org.newsgraph.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes what a news report says beyond "X said Y about Z", after the ingest has written the articles, their
 * statements, events and participants: statements' further speakers, addressees, hedges, frequency,
 * translation, nesting and relations to other statements; events' times of day, status history and the
 * participants' stances; the precision of {@code published_at}. Both the one-article path and the set-based
 * batch path call {@link #write} with what they wrote, so that both store the same rows; a handful of
 * set-based statements for the whole batch, whatever its size.
 *
 * <p>Statements are found by (article, position); an article that was ingested before has its details
 * replaced, a new one only gets rows where the document says something.
 */
final class ReportDetailsWriter {

    /**
     * One article as just written.
     *
     * @param isNew whether the article was created now (nothing of it to replace)
     * @param actorId the stored actor of each actor ref of the document
     * @param eventId the stored event of each event ref of the document
     */
    record Written(
            long articleId,
            boolean isNew,
            ArticleDocument document,
            Function<String, Long> actorId,
            Function<String, Long> eventId) {

        /** An article as the ingest wrote it, with what its actor and event refs resolved to. */
        static Written of(
                long articleId,
                boolean isNew,
                ArticleDocument document,
                Map<String, IngestResult.Resolution> actors,
                Map<String, IngestResult.Resolution> events) {
            return new Written(articleId, isNew, document, idOf(actors), idOf(events));
        }

        private static Function<String, Long> idOf(Map<String, IngestResult.Resolution> resolutions) {
            return ref -> {
                var resolution = resolutions.get(ref);
                return resolution == null ? null : resolution.id();
            };
        }
    }

    private final JdbcClient jdbc;

    ReportDetailsWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void write(List<Written> articles) {
        if (articles.isEmpty()) return;
        writeArticles(articles);
        writeStatements(articles);
        writeEvents(articles);
    }

    private void writeArticles(List<Written> articles) {
        var ids = new ArrayList<Long>();
        var precisions = new ArrayList<String>();
        for (var a : articles) {
            if (a.isNew() && a.document().publishedAtPrecision() == null) continue;
            ids.add(a.articleId());
            precisions.add(name(a.document().publishedAtPrecision()));
        }
        if (ids.isEmpty()) return;
        jdbc.sql("""
                update articles r set published_at_precision = u.precision
                from unnest(?::bigint[], ?::text[]) as u(id, precision)
                where r.id = u.id and r.published_at_precision is distinct from u.precision""")
                .params(ids.toArray(Long[]::new), precisions.toArray(String[]::new))
                .update();
    }

    private void writeStatements(List<Written> articles) {
        var replaced = articles.stream()
                .filter(a -> !a.isNew())
                .map(Written::articleId)
                .toArray(Long[]::new);
        if (replaced.length > 0) {
            jdbc.sql("""
                    with s as (select id from statements where article_id = any(?::bigint[])),
                         sp as (delete from statement_speakers where statement_id in (select id from s))
                    delete from statement_relations where statement_id in (select id from s)""").param(replaced).update();
        }
        var columns = new Columns(8);
        var speakers = new Columns(4);
        var relations = new Columns(4);
        for (var a : articles) {
            var statements = a.document().statements();
            var positionOfRef = new java.util.HashMap<String, Integer>();
            for (int i = 0; i < statements.size(); i++)
                if (statements.get(i).ref() != null)
                    positionOfRef.put(statements.get(i).ref(), i);
            for (int i = 0; i < statements.size(); i++) {
                var s = statements.get(i);
                boolean plain = s.addressee() == null
                        && s.hedge() == null
                        && s.frequency() == null
                        && !Boolean.TRUE.equals(s.translated())
                        && s.within() == null;
                if (!plain || !a.isNew()) {
                    columns.add(
                            a.articleId(),
                            i,
                            s.addressee() == null ? null : a.actorId().apply(s.addressee()),
                            name(s.hedge()),
                            name(s.frequency()),
                            Boolean.TRUE.equals(s.translated()),
                            s.originalLanguage(),
                            s.within() == null ? null : positionOfRef.get(s.within()));
                }
                var all = s.allSpeakers();
                for (int k = 1; k < all.size(); k++)
                    speakers.add(a.articleId(), i, k, a.actorId().apply(all.get(k)));
                for (var link : s.relations())
                    relations.add(
                            a.articleId(),
                            i,
                            positionOfRef.get(link.statement()),
                            link.kind().name());
            }
        }
        if (columns.size() > 0) {
            jdbc.sql("""
                    update statements s set
                        addressee_id = u.addressee_id, hedge = u.hedge, frequency = u.frequency,
                        translated = u.translated, original_language = u.original_language,
                        within_id = (select w.id from statements w
                                      where w.article_id = u.article_id and w.position = u.within_position)
                    from unnest(?::bigint[], ?::int[], ?::bigint[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::int[])
                         as u(article_id, position, addressee_id, hedge, frequency, translated, original_language,
                              within_position)
                    where s.article_id = u.article_id and s.position = u.position""")
                    .params(columns.arrays(
                            Long[]::new,
                            Integer[]::new,
                            Long[]::new,
                            String[]::new,
                            String[]::new,
                            Boolean[]::new,
                            String[]::new,
                            Integer[]::new))
                    .update();
        }
        if (speakers.size() > 0) {
            jdbc.sql("""
                    insert into statement_speakers (statement_id, position, actor_id)
                    select s.id, u.speaker_position, u.actor_id
                    from unnest(?::bigint[], ?::int[], ?::int[], ?::bigint[]) as u(article_id, position, speaker_position, actor_id)
                    join statements s on s.article_id = u.article_id and s.position = u.position""")
                    .params(speakers.arrays(Long[]::new, Integer[]::new, Integer[]::new, Long[]::new))
                    .update();
        }
        if (relations.size() > 0) {
            jdbc.sql("""
                    insert into statement_relations (statement_id, related_statement_id, kind)
                    select s.id, r.id, u.kind
                    from unnest(?::bigint[], ?::int[], ?::int[], ?::text[]) as u(article_id, position, related_position, kind)
                    join statements s on s.article_id = u.article_id and s.position = u.position
                    join statements r on r.article_id = u.article_id and r.position = u.related_position
                    on conflict do nothing""")
                    .params(relations.arrays(Long[]::new, Integer[]::new, Integer[]::new, String[]::new))
                    .update();
        }
    }

    private void writeEvents(List<Written> articles) {
        var times = new Columns(3);
        var stances = new Columns(4);
        var history = new Columns(5);
        for (var a : articles) {
            for (var e : a.document().events()) {
                Long id = a.eventId().apply(e.ref());
                if (id == null) continue;
                if (e.startsAt() != null || e.endsAt() != null) times.add(id, text(e.startsAt()), text(e.endsAt()));
                for (var p : e.participants())
                    if (p.stance() != null)
                        stances.add(
                                id,
                                a.actorId().apply(p.actor()),
                                p.role().name(),
                                p.stance().name());
                for (var change : e.statusHistory())
                    history.add(
                            id, change.status().name(), text(change.on()), name(change.onPrecision()), change.note());
            }
        }
        if (times.size() > 0) {
            jdbc.sql("""
                    update events e set starts_at = coalesce(u.starts_at, e.starts_at), ends_at = coalesce(u.ends_at, e.ends_at)
                    from unnest(?::bigint[], ?::timestamptz[], ?::timestamptz[]) as u(id, starts_at, ends_at)
                    where e.id = u.id
                      and (e.starts_at, e.ends_at) is distinct from (coalesce(u.starts_at, e.starts_at), coalesce(u.ends_at, e.ends_at))""")
                    .params(times.arrays(Long[]::new, String[]::new, String[]::new))
                    .update();
        }
        if (stances.size() > 0) {
            jdbc.sql("""
                    update event_participants p set stance = u.stance
                    from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) as u(event_id, actor_id, role, stance)
                    where p.event_id = u.event_id and p.actor_id = u.actor_id and p.role = u.role
                      and p.stance is distinct from u.stance""")
                    .params(stances.arrays(Long[]::new, Long[]::new, String[]::new, String[]::new))
                    .update();
        }
        if (history.size() > 0) {
            jdbc.sql("""
                    insert into event_status_changes (event_id, status, changed_on, changed_on_precision, note)
                    select distinct on (event_id, status, changed_on) *
                    from unnest(?::bigint[], ?::text[], ?::date[], ?::text[], ?::text[])
                         as u(event_id, status, changed_on, changed_on_precision, note)
                    on conflict (event_id, status, changed_on) do update
                        set note = coalesce(excluded.note, event_status_changes.note),
                            changed_on_precision = excluded.changed_on_precision""")
                    .params(history.arrays(Long[]::new, String[]::new, String[]::new, String[]::new, String[]::new))
                    .update();
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** Column-wise rows for {@code unnest(?::type[], ...)}. */
    private static final class Columns {
        private final List<List<Object>> columns = new ArrayList<>();

        Columns(int count) {
            for (int i = 0; i < count; i++) columns.add(new ArrayList<>());
        }

        void add(Object... row) {
            for (int i = 0; i < row.length; i++) columns.get(i).add(row[i]);
        }

        int size() {
            return columns.get(0).size();
        }

        @SafeVarargs
        final Object[] arrays(java.util.function.IntFunction<? extends Object[]>... types) {
            var result = new Object[columns.size()];
            for (int i = 0; i < result.length; i++) result[i] = columns.get(i).toArray(types[i].apply(0));
            return result;
        }
    }
}
