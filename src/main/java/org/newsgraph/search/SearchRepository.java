package org.newsgraph.search;

import java.util.Collections;
import java.util.List;
import org.newsgraph.relay.Connection;
import org.newsgraph.relay.Keyset;
import org.newsgraph.relay.KeysetQuery;
import org.newsgraph.relay.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The search over all four node types in one statement: full-text matches ({@code search @@
 * newsgraph_tsquery(q)}, ranked with {@code ts_rank}) of articles, events and statements, and fuzzy name
 * matches of actors ({@code pg_trgm} word similarity on the folded name and aliases), ordered by score,
 * then type and id, descending; the cursor is that keyset.
 */
@Repository
@Transactional(readOnly = true)
public class SearchRepository {

    /** One match: which row, and how well it matched. */
    public record Hit(String type, long id, double score) {}

    /** The order: score, then type and id, descending; the cursor key is {@code score:type}. */
    static final Keyset ORDER = Keyset.of(
            "Search",
            List.of(new Keyset.Key("x.score", Keyset.KeyType.DOUBLE), new Keyset.Key("x.type", Keyset.KeyType.TEXT)),
            "x.id",
            true);

    /**
     * The query text is bound at every use rather than computed once in a CTE: as parameters the planner sees their values and uses the GIN indexes for {@code @@} and {@code <%}.
     */
    private static final String MATCHES = """
            (
                select 'Article' as type, r.id, ts_rank(r.search, newsgraph_tsquery(?1))::float8 as score
                  from articles r where r.search @@ newsgraph_tsquery(?1)
                union all
                select 'Event', e.id, ts_rank(e.search, newsgraph_tsquery(?1))::float8 from events e where e.search @@ newsgraph_tsquery(?1)
                union all
                select 'Statement', s.id, ts_rank(s.search, newsgraph_tsquery(?1))::float8 from statements s
                 where s.search @@ newsgraph_tsquery(?1)
                union all
                select 'Actor', a.id, greatest(word_similarity(newsgraph_name_key(?1), newsgraph_name_key(a.name)),
                           coalesce((select max(word_similarity(newsgraph_name_key(?1), al.alias_key)) from actor_aliases al
                                      where al.actor_id = a.id), 0))::float8
                  from actors a
                 where a.id in (select n.id from actors n where newsgraph_name_key(?1) <% newsgraph_name_key(n.name)
                                union
                                select al.actor_id from actor_aliases al where newsgraph_name_key(?1) <% al.alias_key)
            ) x""";

    /** How many times {@link #MATCHES} binds the query text. */
    private static final int TEXT_PARAMETERS = 10;

    private final JdbcClient jdbc;

    public SearchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of the matches, as any connection is paged ({@link KeysetQuery}, one statement). */
    public Connection<Hit> search(String text, PageRequest page) {
        return KeysetQuery.<Hit>of("Search")
                .select("x.type, x.id, x.score")
                .from(
                        MATCHES.replace("?1", "?"),
                        Collections.nCopies(TEXT_PARAMETERS, text).toArray())
                .orderBy(ORDER)
                .map((rs, n) -> new Hit(rs.getString("type"), rs.getLong("id"), rs.getDouble("score")))
                .fetchOne(jdbc, page);
    }
}
