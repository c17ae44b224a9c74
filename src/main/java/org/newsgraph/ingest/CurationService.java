package org.newsgraph.ingest;

import java.util.List;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.live.ChangeOutbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Edits that an editor (or the resolution review) makes by hand to what ingests wrote: merge two actors or two
 * events that are one, delete an article. Each is one transaction. Creating or correcting one actor is
 * {@link ActorCorrections}, correcting one event {@link EventCorrections}.
 */
@Service
public class CurationService {

    private final JdbcClient jdbc;
    private final ChangeOutbox changes;

    public CurationService(JdbcClient jdbc, ChangeOutbox changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    /**
     * Folds actor {@code merge} into actor {@code keep}: every statement, relay, mention, participation,
     * affiliation, authorship and publication of {@code merge} now points at {@code keep}; the merged
     * actor's name and aliases become aliases of {@code keep}; a Wikidata ID or description that
     * {@code keep} lacks is taken over. Where both were already linked to the same thing (both took part
     * in one event in the same role), the one row of {@code keep} stays, completed from the other.
     * Then {@code merge} is deleted.
     */
    @Transactional
    public long mergeActors(long keep, long merge) {
        if (keep == merge)
            throw InvalidDocumentException.of("merge", ErrorCode.SAME_ACTOR, "an actor cannot be merged into itself");
        // Lock both rows, in ID order, so that two merges (or a merge and an ingest) cannot interleave.
        var locked = jdbc.sql("select id from actors where id in (?, ?) order by id for update")
                .param(keep)
                .param(merge)
                .query(Long.class)
                .list();
        if (!locked.contains(keep))
            throw InvalidDocumentException.of("keep", ErrorCode.NOT_FOUND, "no actor has this ID");
        if (!locked.contains(merge))
            throw InvalidDocumentException.of("merge", ErrorCode.NOT_FOUND, "no actor has this ID");

        // Names first: the merged name and aliases become aliases of the kept actor.
        jdbc.sql("""
                insert into actor_aliases (actor_id, alias)
                select ?, n.alias from (
                    select name as alias from actors where id = ? and kind <> 'UNNAMED_SOURCE'
                    union all
                    select alias from actor_aliases where actor_id = ?) n
                where newsgraph_name_key(n.alias) <> (select name_key from actors where id = ?)
                  and newsgraph_name_key(n.alias) <> ''
                on conflict do nothing""").param(keep).param(merge).param(merge).param(keep).update();

        // Rows that would collide with a row of the kept actor complete that row and go; the rest move.
        jdbc.sql("""
                update event_participants k set
                    represents_id = coalesce(k.represents_id, m.represents_id), note = coalesce(k.note, m.note)
                from event_participants m
                where k.actor_id = ? and m.actor_id = ? and k.event_id = m.event_id and k.role = m.role""").param(keep).param(merge).update();
        jdbc.sql("""
                delete from event_participants m using event_participants k
                where m.actor_id = ? and k.actor_id = ? and k.event_id = m.event_id and k.role = m.role""").param(merge).param(keep).update();
        jdbc.sql("update event_participants set actor_id = ? where actor_id = ?")
                .param(keep)
                .param(merge)
                .update();
        jdbc.sql("update event_participants set represents_id = ? where represents_id = ?")
                .param(keep)
                .param(merge)
                .update();

        jdbc.sql("""
                update affiliations k set valid_to = coalesce(k.valid_to, m.valid_to), updated_at = now()
                from affiliations m
                where k.actor_id = ? and m.actor_id = ?
                  and k.organization_id is not distinct from m.organization_id and k.title = m.title
                  and k.valid_from is not distinct from m.valid_from and k.valid_to is null and m.valid_to is not null""").param(keep).param(merge).update();
        jdbc.sql("""
                delete from affiliations m using affiliations k
                where m.actor_id = ? and k.actor_id = ?
                  and k.organization_id is not distinct from m.organization_id and k.title = m.title
                  and k.valid_from is not distinct from m.valid_from""").param(merge).param(keep).update();
        jdbc.sql("update affiliations set actor_id = ?, updated_at = now() where actor_id = ?")
                .param(keep)
                .param(merge)
                .update();
        jdbc.sql("""
                delete from affiliations m using affiliations k
                where m.organization_id = ? and k.organization_id = ?
                  and k.actor_id = m.actor_id and k.title = m.title and k.valid_from is not distinct from m.valid_from""").param(merge).param(keep).update();
        jdbc.sql("update affiliations set organization_id = ?, updated_at = now() where organization_id = ?")
                .param(keep)
                .param(merge)
                .update();

        jdbc.sql("""
                delete from article_contributors m using article_contributors k
                where m.actor_id = ? and k.actor_id = ? and k.article_id = m.article_id and k.role = m.role""").param(merge).param(keep).update();
        jdbc.sql("update article_contributors set actor_id = ? where actor_id = ?")
                .param(keep)
                .param(merge)
                .update();
        jdbc.sql("update articles set publisher_id = ?, updated_at = now() where publisher_id = ?")
                .param(keep)
                .param(merge)
                .update();

        jdbc.sql("update statements set speaker_id = ?, updated_at = now() where speaker_id = ?")
                .param(keep)
                .param(merge)
                .update();
        // Further speakers and addressees (migration what_news_reports_say); a statement the kept actor already speaks
        // keeps it once.
        jdbc.sql("""
                delete from statement_speakers m using statement_speakers k
                where m.actor_id = ? and k.actor_id = ? and k.statement_id = m.statement_id""").param(merge).param(keep).update();
        jdbc.sql("update statement_speakers set actor_id = ? where actor_id = ?")
                .param(keep)
                .param(merge)
                .update();
        jdbc.sql(
                        "delete from statement_speakers ss using statements s where s.id = ss.statement_id and ss.actor_id = s.speaker_id")
                .update();
        jdbc.sql("update statements set addressee_id = ? where addressee_id = ?")
                .param(keep)
                .param(merge)
                .update();
        jdbc.sql("update statement_relays set actor_id = ? where actor_id = ?")
                .param(keep)
                .param(merge)
                .update();
        jdbc.sql("""
                delete from statement_mentions m using statement_mentions k
                where m.actor_id = ? and k.actor_id = ? and k.statement_id = m.statement_id""").param(merge).param(keep).update();
        jdbc.sql("update statement_mentions set actor_id = ? where actor_id = ?")
                .param(keep)
                .param(merge)
                .update();

        // The resolution engine's decisions and candidate keys follow the kept actor.
        jdbc.sql("update resolution_decisions set actor_id = ? where actor_id = ?")
                .param(keep)
                .param(merge)
                .update();
        jdbc.sql("update resolution_decisions set other_actor_id = ? where other_actor_id = ?")
                .param(keep)
                .param(merge)
                .update();
        jdbc.sql("""
                insert into actor_match_keys (key, actor_id)
                select key, ? from actor_match_keys where actor_id = ? on conflict do nothing""").param(keep).param(merge).update();

        // The Wikidata ID is unique: free it on the merged actor before the kept one takes it.
        var taken = jdbc.sql("select wikidata_id, description from actors where id = ?")
                .param(merge)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .single();
        jdbc.sql("delete from actors where id = ?").param(merge).update();
        changes.actorMerged(merge, keep);
        jdbc.sql("""
                update actors set wikidata_id = coalesce(wikidata_id, ?), description = coalesce(description, ?),
                                  updated_at = now()
                where id = ?""").param(taken[0]).param(taken[1]).param(keep).update();
        return keep;
    }

    /**
     * Folds event {@code merge} into event {@code keep} (the same real-world event, reported twice): its
     * statements, article reports, participants (completing the kept rows where both have one), relations and
     * sub-events move to {@code keep}; a description, location or external key {@code keep} lacks is taken
     * over. Then {@code merge} is deleted.
     */
    @Transactional
    public long mergeEvents(long keep, long merge) {
        if (keep == merge)
            throw InvalidDocumentException.of("merge", ErrorCode.INVALID, "an event cannot be merged into itself");
        var locked = jdbc.sql("select id from events where id in (?, ?) order by id for update")
                .param(keep)
                .param(merge)
                .query(Long.class)
                .list();
        if (!locked.contains(keep))
            throw InvalidDocumentException.of("keep", ErrorCode.NOT_FOUND, "no event has this ID");
        if (!locked.contains(merge))
            throw InvalidDocumentException.of("merge", ErrorCode.NOT_FOUND, "no event has this ID");
        for (var sql : List.of(
                """
                delete from statement_events m using statement_events k
                where m.event_id = :merge and k.event_id = :keep and k.statement_id = m.statement_id""",
                "update statement_events set event_id = :keep where event_id = :merge",
                """
                delete from article_events m using article_events k
                where m.event_id = :merge and k.event_id = :keep and k.article_id = m.article_id""",
                "update article_events set event_id = :keep where event_id = :merge",
                """
                update event_participants k set
                    represents_id = coalesce(k.represents_id, m.represents_id), note = coalesce(k.note, m.note)
                from event_participants m
                where k.event_id = :keep and m.event_id = :merge and k.actor_id = m.actor_id and k.role = m.role""",
                """
                delete from event_participants m using event_participants k
                where m.event_id = :merge and k.event_id = :keep and k.actor_id = m.actor_id and k.role = m.role""",
                "update event_participants set event_id = :keep where event_id = :merge",
                """
                insert into event_relations (event_id, related_event_id, kind)
                select :keep, related_event_id, kind from event_relations
                where event_id = :merge and related_event_id <> :keep on conflict do nothing""",
                """
                insert into event_relations (event_id, related_event_id, kind)
                select event_id, :keep, kind from event_relations
                where related_event_id = :merge and event_id <> :keep on conflict do nothing""",
                "update events set parent_id = :keep, updated_at = now() where parent_id = :merge and id <> :keep",
                "update events set parent_id = null, updated_at = now() where id = :keep and parent_id = :merge",
                "update resolution_decisions set event_id = :keep where event_id = :merge",
                "update resolution_decisions set other_event_id = :keep where other_event_id = :merge")) {
            jdbc.sql(sql).param("keep", keep).param("merge", merge).update();
        }
        var taken = jdbc.sql("select description, location, external_key from events where id = ?")
                .param(merge)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .single();
        jdbc.sql("delete from events where id = ?").param(merge).update();
        jdbc.sql("""
                update events set description = coalesce(description, ?), location = coalesce(location, ?),
                                  external_key = coalesce(external_key, ?), updated_at = now()
                where id = ?""")
                .param(taken[0])
                .param(taken[1])
                .param(taken[2])
                .param(keep)
                .update();
        return keep;
    }

    /** Deletes an article with its statements (and their relays, mentions, event links); actors and events stay. */
    @Transactional
    public boolean deleteArticle(long id) {
        boolean deleted =
                jdbc.sql("delete from articles where id = ?").param(id).update() > 0;
        if (deleted) changes.articleDeleted(id);
        return deleted;
    }
}
