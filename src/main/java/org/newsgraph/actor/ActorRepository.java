package org.newsgraph.actor;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.newsgraph.relay.Batch;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.Keyset;
import org.newsgraph.relay.KeysetQuery;
import org.newsgraph.relay.NodeRepository;
import org.newsgraph.relay.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * SQL access to {@code actors}, {@code actor_aliases} and {@code affiliations}, and the actors of other
 * features' link tables ({@link #ofLinks}). Every method takes many ids and runs one statement, so needs no
 * transaction of its own ({@code SUPPORTS}, as {@link NodeRepository}).
 */
@Repository
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public class ActorRepository extends NodeRepository<Actor> {

    static final String COLUMNS = "a.id, a.kind, a.name, a.description, a.wikidata_id";

    public ActorRepository(JdbcClient jdbc) {
        super(jdbc, "Actor", COLUMNS, "actors a", "a.id", ActorRepository::map, Actor::id);
    }

    public static Actor map(ResultSet rs, int row) throws SQLException {
        return new Actor(
                rs.getLong("id"),
                ActorKind.valueOf(rs.getString("kind")),
                rs.getString("name"),
                rs.getString("description"),
                rs.getString("wikidata_id"));
    }

    /** Actors ordered by name, then id. */
    public Connection<Actor> page(ActorFilter filter, PageRequest page) {
        var query = KeysetQuery.<Actor>of("Actor")
                .select(COLUMNS)
                .from("actors a")
                .orderBy("a.name", Keyset.KeyType.TEXT, "a.id", false)
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
        return query.fetchOne(jdbc, page);
    }

    public Map<Long, List<String>> aliases(Collection<Long> actorIds) {
        var result = new LinkedHashMap<Long, List<String>>();
        jdbc.sql("select actor_id, alias from actor_aliases where actor_id = any(?) order by actor_id, alias")
                .param(Batch.array(actorIds))
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(rs.getString(2));
                });
        return result;
    }

    private static final String AFFILIATION_COLUMNS =
            "af.id, af.actor_id, af.organization_id, af.title, af.valid_from, af.valid_to";

    private static Affiliation mapAffiliation(ResultSet rs, int row) throws SQLException {
        return new Affiliation(
                rs.getLong("id"),
                rs.getLong("actor_id"),
                (Long) rs.getObject("organization_id"),
                rs.getString("title"),
                rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_to", LocalDate.class));
    }

    /** The roles of actors, a page each: most recent start first (undated last), then the newest row. */
    public Map<Long, Connection<Affiliation>> affiliationPages(Collection<Long> actorIds, PageRequest page) {
        return KeysetQuery.<Affiliation>of("Affiliation")
                .select(AFFILIATION_COLUMNS)
                .from("affiliations af")
                .where("af.actor_id = p.id")
                .orderBy("coalesce(af.valid_from, '-infinity'::date)", Keyset.KeyType.DATE, "af.id", true)
                .map(ActorRepository::mapAffiliation)
                .fetch(jdbc, actorIds, page);
    }

    public Map<Long, List<Affiliation>> affiliations(Collection<Long> actorIds) {
        return Batch.byOwner(
                jdbc.sql(
                                "select " + AFFILIATION_COLUMNS + " from affiliations af"
                                        + " where af.actor_id = any(?) order by af.actor_id, af.valid_from desc nulls last, af.id")
                        .param(Batch.array(actorIds))
                        .query(ActorRepository::mapAffiliation)
                        .list(),
                Affiliation::actorId);
    }

    /**
     * The actors of another feature's link-table rows, per owner, ordered by {@code ord}, then name and id.
     *
     * @param linkSql {@code select <owner> as owner_id, actor_id, <n> as ord from <links> where <owner> = any(?)};
     *     every {@code ?} is bound to {@code ownerIds}
     */
    public Map<Long, List<Actor>> ofLinks(String linkSql, Collection<Long> ownerIds) {
        return ofLinks(linkSql, "actor_id", "l.ord, a.name, a.id", ownerIds);
    }
}
