package org.newsgraph.article;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsgraph.actor.Actor;
import org.newsgraph.actor.ActorRepository;
import org.newsgraph.event.Event;
import org.newsgraph.event.EventRepository;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.Keyset;
import org.newsgraph.relay.KeysetQuery;
import org.newsgraph.relay.NodeRepository;
import org.newsgraph.relay.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * SQL access to {@code articles}, {@code article_contributors} and {@code article_events}. Lists are newest first: {@code published_at desc
 * nulls last, id desc}.
 */
@Repository
@Transactional(readOnly = true)
public class ArticleRepository extends NodeRepository<Article> {

    static final String COLUMNS = "r.id, r.url, r.title, r.publisher_id, r.published_at, r.language, r.summary";
    static final String SORT_KEY = "coalesce(r.published_at, '-infinity'::timestamptz)";

    /** Whose articles a connection lists; the conditions use {@code p.id} for the parent. */
    static final KeysetQuery.Parent ALL = KeysetQuery.Parent.topLevel("articles r");

    public static final KeysetQuery.Parent BY_EVENT =
            new KeysetQuery.Parent("article_events ae join articles r on r.id = ae.article_id", "ae.event_id = p.id");
    public static final KeysetQuery.Parent BY_CONTRIBUTOR = new KeysetQuery.Parent(
            "articles r",
            "exists (select 1 from article_contributors ac where ac.article_id = r.id and ac.actor_id = p.id)");

    private final ActorRepository actors;
    private final EventRepository events;

    public ArticleRepository(JdbcClient jdbc, ActorRepository actors, EventRepository events) {
        super(jdbc, "Article", COLUMNS, "articles r", "r.id", ArticleRepository::map, Article::id);
        this.actors = actors;
        this.events = events;
    }

    static Article map(ResultSet rs, int row) throws SQLException {
        return new Article(
                rs.getLong("id"),
                rs.getString("url"),
                rs.getString("title"),
                (Long) rs.getObject("publisher_id"),
                rs.getObject("published_at", OffsetDateTime.class),
                rs.getString("language"),
                rs.getString("summary"));
    }

    /** The authors of articles ({@code article_contributors} with role AUTHOR), in byline order. */
    public Map<Long, List<Actor>> authorsOf(Collection<Long> articleIds) {
        return actors.ofLinks(
                "select article_id as owner_id, actor_id, position as ord from article_contributors"
                        + " where article_id = any(?) and role = 'AUTHOR'",
                articleIds);
    }

    /** The other contributors of articles (role CONTRIBUTOR), in byline order. */
    public Map<Long, List<Actor>> contributorsOf(Collection<Long> articleIds) {
        return actors.ofLinks(
                "select article_id as owner_id, actor_id, position as ord from article_contributors"
                        + " where article_id = any(?) and role = 'CONTRIBUTOR'",
                articleIds);
    }

    /** The events articles report on ({@code article_events}), newest first. */
    public Map<Long, List<Event>> eventsOf(Collection<Long> articleIds) {
        return events.ofLinks(
                "select article_id as owner_id, event_id from article_events where article_id = any(?)", articleIds);
    }

    public Optional<Article> findByUrl(String url) {
        return jdbc.sql("select " + COLUMNS + " from articles r where r.url = ?")
                .param(url)
                .query(ArticleRepository::map)
                .optional();
    }

    public Connection<Article> page(ArticleFilter.Criteria filter, PageRequest page) {
        return page(ALL, List.of(0L), filter, page).get(0L);
    }

    public Map<Long, Connection<Article>> page(
            KeysetQuery.Parent parent, Collection<Long> parentIds, ArticleFilter.Criteria filter, PageRequest page) {
        var query = KeysetQuery.<Article>of("Article")
                .select(COLUMNS)
                .from(parent)
                .orderBy(SORT_KEY, Keyset.KeyType.TIMESTAMP, "r.id", true)
                .map(ArticleRepository::map);
        if (filter != null) {
            if (filter.publisherId() != null) {
                query.where("r.publisher_id = ?", filter.publisherId());
            }
            // On the sort key, so that the ranges are index conditions of articles_keyset; undated excluded.
            if (filter.from() != null) {
                query.where(SORT_KEY + " >= (cast(cast(? as date) as timestamp) at time zone 'UTC')", filter.from());
            }
            if (filter.to() != null) {
                query.where(
                        SORT_KEY + " < (cast(cast(? as date) + 1 as timestamp) at time zone 'UTC') and " + SORT_KEY
                                + " > '-infinity'::timestamptz",
                        filter.to());
            }
            if (filter.text() != null) {
                query.where("r.search @@ newsgraph_tsquery(?)", filter.text());
            }
        }
        return query.fetch(jdbc, parentIds, page);
    }
}
