package org.newsgraph.actor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.KeysetQuery;
import org.newsgraph.relay.NodeRepository;
import org.newsgraph.relay.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * SQL access to {@code actors}, {@code actor_aliases}, {@code affiliations} and the actors linked to other
 * rows (authors, mentions, relays). Every method takes many ids and runs one statement.
 */
@Repository
@Transactional(readOnly = true)
public class ActorRepository implements NodeRepository<Actor> {

    static final String COLUMNS = "a.id, a.kind, a.name, a.description, a.wikidata_id";

    private final JdbcClient jdbc;

    public ActorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static Actor map(ResultSet rs, int row) throws SQLException {
        return new Actor(
                rs.getLong("id"),
                ActorKind.valueOf(rs.getString("kind")),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("wikidata_id"));
    }

    @Override
    public String nodeType() {
        return "Actor";
    }

    @Override
    public Map<Long, Actor> findByIds(Collection<Long> ids) {
        return Batch.byId(
                jdbc.sql("select " + COLUMNS + " from actors a where a.id = any(?)")
                        .param(Batch.array(ids))
                        .query(ActorRepository::map)
                        .list(),
                Actor::id);
    }

    /** Actors ordered by name, then id. */
    public Connection<Actor> page(ActorFilter filter, PageRequest page, boolean counts) {
        var query = KeysetQuery.<Actor>of("Actor")
                .select(COLUMNS)
                .from("actors a")
                .orderBy("a.name", KeysetQuery.KeyType.TEXT, "a.id", false)
                .map(ActorRepository::map);
        if (filter != null) {
            if (filter.kind() != null) {
                query.where("a.kind = ?", filter.kind().name());
            }
            if (filter.search() != null && !filter.search().isBlank()) {
                // Substring or fuzzy (trigram word similarity) match on the folded name and aliases;
                // both operators are served by the trigram GIN indexes (V1, V10). Not name_key: for unnamed
                // sources it holds the article URL too.
                // An id set (not an OR with EXISTS) so that each arm is a trigram index scan.
                query.where("""
                        a.id in (select n.id from actors n
                                  where newsgraph_name_key(n.name) like '%' || newsgraph_name_key(?) || '%'
                                     or newsgraph_name_key(?) <% newsgraph_name_key(n.name)
                                 union
                                 select al.actor_id from actor_aliases al
                                  where al.alias_key like '%' || newsgraph_name_key(?) || '%'
                                     or newsgraph_name_key(?) <% al.alias_key)""", filter.search(), filter.search(), filter.search(), filter.search());
            }
        }
        return query.fetchOne(jdbc, page, counts);
    }

    public Map<Long, List<String>> aliases(Collection<Long> actorIds) {
        var result = new LinkedHashMap<Long, List<String>>();
        jdbc.sql("select actor_id, alias from actor_aliases where actor_id = any(?) order by actor_id, alias")
                .param(Batch.array(actorIds))
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
                            .add(rs.getString(2));
                });
        return result;
    }

    /** Affiliations by their own ids (they are {@code Node}s). */
    public Map<Long, Affiliation> affiliationsByIds(Collection<Long> ids) {
        return Batch.byId(
                jdbc.sql("select id, actor_id, organization_id, title, valid_from, valid_to from affiliations"
                                + " where id = any(?)")
                        .param(Batch.array(ids))
                        .query((rs, n) -> new Affiliation(
                                rs.getLong("id"),
                                rs.getLong("actor_id"),
                                (Long) rs.getObject("organization_id"),
                                rs.getString("title"),
                                rs.getObject("valid_from", java.time.LocalDate.class),
                                rs.getObject("valid_to", java.time.LocalDate.class)))
                        .list(),
                Affiliation::id);
    }

    public Map<Long, List<Affiliation>> affiliations(Collection<Long> actorIds) {
        return jdbc
                .sql("""
                select id, actor_id, organization_id, title, valid_from, valid_to from affiliations
                where actor_id = any(?) order by actor_id, valid_from desc nulls last, id""")
                .param(Batch.array(actorIds))
                .query((rs, n) -> new Affiliation(
                        rs.getLong("id"),
                        rs.getLong("actor_id"),
                        (Long) rs.getObject("organization_id"),
                        rs.getString("title"),
                        rs.getObject("valid_from", java.time.LocalDate.class),
                        rs.getObject("valid_to", java.time.LocalDate.class)))
                .list()
                .stream()
                .collect(Collectors.groupingBy(Affiliation::actorId, LinkedHashMap::new, Collectors.toList()));
    }

    /** The actors of link-table rows, per owner: {@code select owner, actor_id from <links> where owner = any(?)}. */
    private Map<Long, List<Actor>> linked(String linkSql, Collection<Long> ownerIds) {
        var result = new LinkedHashMap<Long, List<Actor>>();
        jdbc.sql("select l.owner_id, " + COLUMNS + " from (" + linkSql + ") l join actors a on a.id = l.actor_id"
                        + " order by l.owner_id, l.ord, a.name, a.id")
                .params(java.util.Collections.nCopies(
                        (int) linkSql.chars().filter(c -> c == '?').count(), Batch.array(ownerIds)))
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("owner_id"), k -> new java.util.ArrayList<>())
                            .add(map(rs, 0));
                });
        return result;
    }

    /** The authors (role AUTHOR) or contributors of articles, in byline order. */
    public Map<Long, List<Actor>> contributorsOfArticles(Collection<Long> articleIds, String role) {
        return linked(
                "select article_id as owner_id, actor_id, position as ord from article_contributors"
                        + " where article_id = any(?) and role = '" + ("AUTHOR".equals(role) ? "AUTHOR" : "CONTRIBUTOR")
                        + "'",
                articleIds);
    }

    /** The actors a statement mentions, by name. */
    public Map<Long, List<Actor>> mentionedByStatements(Collection<Long> statementIds) {
        return linked(
                "select statement_id as owner_id, actor_id, 0 as ord from statement_mentions where statement_id = any(?)",
                statementIds);
    }

    /** The relay chain of statements, outermost first. */
    public Map<Long, List<Actor>> relaysOfStatements(Collection<Long> statementIds) {
        return linked(
                "select statement_id as owner_id, actor_id, position as ord from statement_relays where statement_id = any(?)",
                statementIds);
    }

    /** Every actor an article quotes, mentions, relays, or reports taking part in its events; by name. */
    public Map<Long, List<Actor>> actorsOfArticles(Collection<Long> articleIds) {
        return linked("""
                select distinct owner_id, actor_id, 0 as ord from (
                    select s.article_id as owner_id, s.speaker_id as actor_id from statements s where s.article_id = any(?)
                    union all
                    select s.article_id, m.actor_id from statements s join statement_mentions m on m.statement_id = s.id
                     where s.article_id = any(?)
                    union all
                    select s.article_id, r.actor_id from statements s join statement_relays r on r.statement_id = s.id
                     where s.article_id = any(?)
                    union all
                    select ae.article_id, p.actor_id from article_events ae join event_participants p on p.event_id = ae.event_id
                     where ae.article_id = any(?)) x""", articleIds);
    }
}
