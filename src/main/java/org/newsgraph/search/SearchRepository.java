package org.newsgraph.search;

import java.util.ArrayList;
import java.util.List;
import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.relay.Cursor;
import org.newsgraph.relay.GlobalId;
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
    public record Hit(String type, long id, double score) {

        String cursor() {
            return Cursor.encode("Search", id, score + ":" + type);
        }
    }

    /** The page of hits, plus one more if there is one, and the counts if asked for. */
    public record Hits(List<Hit> hits, Long total, Long atOrBeforeCursor) {}

    /**
     * The query text is bound at every use rather than computed once in a CTE: as parameters the planner sees their values and uses the GIN indexes for {@code @@} and {@code <%}.
     */
    private static final String MATCHES = """
            select x.type, x.id, x.score from (
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

    public Hits search(String text, int limit, Cursor after, boolean counts) {
        var key = after == null ? null : parse(after);
        var sql = new StringBuilder(MATCHES.replace("?1", "?"));
        var params = new ArrayList<Object>(java.util.Collections.nCopies(TEXT_PARAMETERS, text));
        if (key != null) {
            sql.append(" where (x.score, x.type, x.id) < (?, ?, ?)");
            params.add(key.score());
            params.add(key.type());
            params.add(key.id());
        }
        sql.append(" order by x.score desc, x.type desc, x.id desc limit ?");
        params.add(limit + 1);
        var hits = jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new Hit(rs.getString("type"), rs.getLong("id"), rs.getDouble("score")))
                .list();
        if (!counts) {
            return new Hits(hits, null, null);
        }
        var countSql = "select count(*) as total, "
                + (key == null ? "0" : "count(*) filter (where (x.score, x.type, x.id) >= (?, ?, ?))")
                + " as before from ("
                + MATCHES.replace("?1", "?").replace("select x.type, x.id, x.score from (", "select * from (") + ") x";
        var countParams = new ArrayList<Object>(java.util.Collections.nCopies(TEXT_PARAMETERS, text));
        if (key != null) {
            countParams.add(0, key.id());
            countParams.add(0, key.type());
            countParams.add(0, key.score());
        }
        var row = jdbc.sql(countSql)
                .params(countParams)
                .query((rs, n) -> new long[] {rs.getLong("total"), rs.getLong("before")})
                .single();
        return new Hits(hits, row[0], row[1]);
    }

    private static Hit parse(Cursor cursor) {
        String[] parts = cursor.key().split(":", 2);
        try {
            double score = Double.parseDouble(parts[0]);
            if (parts.length == 2 && GlobalId.NODE_TYPES.contains(parts[1]) && Double.isFinite(score)) {
                return new Hit(parts[1], cursor.id(), score);
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw ApiException.badInput(
                ErrorCode.INVALID_CURSOR,
                "The cursor '" + cursor.encode() + "' is damaged; pass a cursor returned by the same search");
    }
}
