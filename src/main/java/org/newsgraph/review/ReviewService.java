package org.newsgraph.review;

import java.util.List;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.ingest.CurationService;
import org.newsgraph.ingest.IngestProblem;
import org.newsgraph.resolution.ActorScorer;
import org.newsgraph.resolution.Gazetteer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a curator does with the resolution engine's decisions: confirm a candidate (the two become one), reject
 * it (they stay two, and the pair is remembered), or split off a mention that a merge joined to a node (the
 * mention becomes a node of its own again, with the statements and links its article gave it). Each is one
 * transaction; a decision in the wrong state is a payload error.
 */
@Service
public class ReviewService {

    private final JdbcClient jdbc;
    private final CurationService curation;
    private final DecisionRepository decisions;
    private final ActorScorer scorer = new ActorScorer(Gazetteer.standard());

    public ReviewService(JdbcClient jdbc, CurationService curation, DecisionRepository decisions) {
        this.jdbc = jdbc;
        this.curation = curation;
        this.decisions = decisions;
    }

    /** Thrown for a decision that cannot take this step; the controller puts it in the payload's errors. */
    public static final class NotApplicable extends RuntimeException {
        final IngestProblem problem;

        NotApplicable(ErrorCode code, String message) {
            super(message, null, false, false);
            this.problem = new IngestProblem("decision", code, message);
        }

        public IngestProblem problem() {
            return problem;
        }
    }

    private ResolutionDecision lock(long id) {
        var found = jdbc.sql("select id from resolution_decisions where id = ? for update")
                .param(id)
                .query(Long.class)
                .optional();
        if (found.isEmpty()) throw ApiException.notFound("no resolution decision with id " + id);
        return decisions.find(id);
    }

    /** The candidate pair is one: the newer node is folded into the one it was scored against. */
    @Transactional
    public ResolutionDecision confirm(long id) {
        var d = lock(id);
        if (!d.status().equals("PENDING"))
            throw new NotApplicable(
                    ErrorCode.NOT_PENDING, "only a pending candidate can be confirmed; this one is " + d.status());
        if (d.entity().equals("ACTOR")) {
            if (d.actorId() == null || d.otherActorId() == null)
                throw new NotApplicable(ErrorCode.NOT_FOUND, "one of the two actors no longer exists");
            long keep = d.otherActorId();
            long merge = d.actorId();
            mark(id, "CONFIRMED");
            if (keep != merge) curation.mergeActors(keep, merge);
            jdbc.sql("update resolution_decisions set actor_id = ?, other_actor_id = null where id = ?")
                    .param(keep)
                    .param(id)
                    .update();
        } else {
            if (d.eventId() == null || d.otherEventId() == null)
                throw new NotApplicable(ErrorCode.NOT_FOUND, "one of the two events no longer exists");
            long keep = d.otherEventId();
            long merge = d.eventId();
            mark(id, "CONFIRMED");
            if (keep != merge) curation.mergeEvents(keep, merge);
            jdbc.sql("update resolution_decisions set event_id = ?, other_event_id = null where id = ?")
                    .param(keep)
                    .param(id)
                    .update();
        }
        return decisions.find(id);
    }

    /** The candidate pair is two different things: it stays so, and the decision remembers the pair. */
    @Transactional
    public ResolutionDecision reject(long id) {
        var d = lock(id);
        if (!d.status().equals("PENDING"))
            throw new NotApplicable(
                    ErrorCode.NOT_PENDING, "only a pending candidate can be rejected; this one is " + d.status());
        mark(id, "REJECTED");
        return decisions.find(id);
    }

    /** What a split made: the new node. */
    public record Split(ResolutionDecision decision, Long actorId, Long eventId) {}

    /**
     * Undoes a merge (automatic or confirmed) for the mention of one article: a new actor (or event) is made
     * from the mention as the document gave it, and that article's statements, relays, mentions, bylines and
     * publication (or its report of the event and its statements' links) move to it. Nothing is deleted.
     */
    @Transactional
    public Split split(long id) {
        var d = lock(id);
        if (!(d.status().equals("AUTOMATIC") || d.status().equals("CONFIRMED")))
            throw new NotApplicable(ErrorCode.NOT_MERGED, "only a merge can be split; this decision is " + d.status());
        if (d.articleId() == null)
            throw new NotApplicable(ErrorCode.NOT_FOUND, "the article of this mention no longer exists");
        if (d.entity().equals("ACTOR")) {
            if (d.actorId() == null) throw new NotApplicable(ErrorCode.NOT_FOUND, "the merged actor no longer exists");
            long created = splitActor(d);
            jdbc.sql(
                            "update resolution_decisions set status = 'SPLIT', decided_at = now(), actor_id = ?, other_actor_id = ? where id = ?")
                    .param(created)
                    .param(d.actorId())
                    .param(id)
                    .update();
            return new Split(decisions.find(id), created, null);
        }
        if (d.eventId() == null) throw new NotApplicable(ErrorCode.NOT_FOUND, "the merged event no longer exists");
        long created = splitEvent(d);
        jdbc.sql(
                        "update resolution_decisions set status = 'SPLIT', decided_at = now(), event_id = ?, other_event_id = ? where id = ?")
                .param(created)
                .param(d.eventId())
                .param(id)
                .update();
        return new Split(decisions.find(id), null, created);
    }

    private void mark(long id, String status) {
        jdbc.sql("update resolution_decisions set status = ?, decided_at = now() where id = ?")
                .param(status)
                .param(id)
                .update();
    }

    private long splitActor(ResolutionDecision d) {
        long from = d.actorId();
        long article = d.articleId();
        var kind = jdbc.sql("select mention ->> 'kind' from resolution_decisions where id = ?")
                .param(d.id())
                .query(String.class)
                .single();
        var nameKey = jdbc.sql("select newsgraph_name_key(?)")
                .param(d.mention())
                .query(String.class)
                .single();
        var taken = jdbc.sql("select count(*) from actors where name_key = ?")
                .param(nameKey)
                .query(Long.class)
                .single();
        if (taken > 0) nameKey = nameKey + " #split" + d.id();
        long created = jdbc.sql("""
                insert into actors (kind, name, description, name_key)
                select ?, ?, mention ->> 'description', ? from resolution_decisions where id = ?
                returning id""")
                .param(kind)
                .param(d.mention())
                .param(nameKey)
                .param(d.id())
                .query(Long.class)
                .single();
        for (var key : scorer.blockingKeys(kind, d.mention())) {
            jdbc.sql("insert into actor_match_keys (key, actor_id) values (?, ?) on conflict do nothing")
                    .param(key)
                    .param(created)
                    .update();
        }
        for (var sql : List.of(
                "update statements set speaker_id = :to, updated_at = now() where article_id = :article and speaker_id = :from",
                """
                update statement_relays r set actor_id = :to from statements s
                where s.id = r.statement_id and s.article_id = :article and r.actor_id = :from""",
                """
                update statement_mentions m set actor_id = :to from statements s
                where s.id = m.statement_id and s.article_id = :article and m.actor_id = :from""",
                "update article_contributors set actor_id = :to where article_id = :article and actor_id = :from",
                "update articles set publisher_id = :to, updated_at = now() where id = :article and publisher_id = :from",
                """
                delete from actor_aliases where actor_id = :from and alias_key = newsgraph_name_key(:name)
                  and alias_key <> (select name_key from actors where id = :from)""")) {
            jdbc.sql(sql)
                    .param("to", created)
                    .param("from", from)
                    .param("article", article)
                    .param("name", d.mention())
                    .update();
        }
        return created;
    }

    private long splitEvent(ResolutionDecision d) {
        long from = d.eventId();
        long article = d.articleId();
        var mention = jdbc.sql("""
                select mention ->> 'kind', mention ->> 'title', coalesce(mention ->> 'status', 'HAPPENED'),
                       mention ->> 'startsOn', mention ->> 'startsOnPrecision', mention ->> 'location'
                from resolution_decisions where id = ?""")
                .param(d.id())
                .query((rs, n) -> new String[] {
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)
                })
                .single();
        var titleTaken = jdbc.sql("""
                select count(*) from events where external_key is null and title_key = newsgraph_name_key(?)
                  and coalesce(starts_on, 'infinity'::date) = coalesce(?::date, 'infinity'::date)""")
                .param(mention[1])
                .param(mention[3])
                .query(Long.class)
                .single();
        var title = titleTaken > 0 ? mention[1] + " (" + d.ref() + ")" : mention[1];
        long created = jdbc.sql("""
                insert into events (kind, title, status, starts_on, starts_on_precision, location)
                values (?, ?, ?, ?::date, ?, ?) returning id""")
                .param(mention[0])
                .param(title)
                .param(mention[2])
                .param(mention[3])
                .param(mention[3] == null ? null : mention[4])
                .param(mention[5])
                .query(Long.class)
                .single();
        for (var sql : List.of(
                "update article_events set event_id = :to where article_id = :article and event_id = :from", """
                update statement_events e set event_id = :to from statements s
                where s.id = e.statement_id and s.article_id = :article and e.event_id = :from""")) {
            jdbc.sql(sql)
                    .param("to", created)
                    .param("from", from)
                    .param("article", article)
                    .update();
        }
        return created;
    }
}
