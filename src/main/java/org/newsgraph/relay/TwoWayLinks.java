package org.newsgraph.relay;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A link table between two rows of one kind ({@code event_relations}, {@code statement_relations}: a kind of
 * link, its row's id, a "from" and a "to" column), read from either end. Each row is two links: OUTGOING as
 * seen from the "from" row, INCOMING as seen from the "to" row; as {@code Node}s they are two objects, keyed by
 * {@link #nodeKey}. Its three readings: every link of some rows (a plain list), a page of them (a connection),
 * and links by node key ({@code Query.node}).
 */
public final class TwoWayLinks<T> {

    /** Makes the row's object seen from {@code ownerId} ({@code direction} OUTGOING or INCOMING). */
    @FunctionalInterface
    public interface Mapper<T> {
        T map(long ownerId, String kind, String direction, long otherId, long rowId);
    }

    private final String cursorKind;
    private final String table;
    private final String from;
    private final String to;
    private final Mapper<T> mapper;

    /**
     * @param cursorKind the node type, which names its connection's cursors
     * @param fromColumn the column of the row the link goes out of; {@code toColumn} the one it goes to
     */
    public TwoWayLinks(String cursorKind, String table, String fromColumn, String toColumn, Mapper<T> mapper) {
        this.cursorKind = cursorKind;
        this.table = table;
        this.from = fromColumn;
        this.to = toColumn;
        this.mapper = mapper;
    }

    /** The key of a link's global ID: its row and direction, so each end sees an object of its own. */
    public static long nodeKey(long rowId, boolean incoming) {
        return rowId * 2 + (incoming ? 1 : 0);
    }

    /** Every link of each row, outgoing first, then by kind and the other end. */
    public Map<Long, List<T>> listsOf(JdbcClient jdbc, Collection<Long> ownerIds) {
        var result = new LinkedHashMap<Long, List<T>>();
        jdbc.sql(sql("""
                        select {from} as owner_id, kind::text as kind, 'OUTGOING' as direction, {to} as other_id, id
                          from {table} where {from} = any(?)
                        union all
                        select {to}, kind::text, 'INCOMING', {from}, id from {table} where {to} = any(?)
                        order by owner_id, direction desc, kind, other_id""")).params(Batch.array(ownerIds), Batch.array(ownerIds)).query(rs -> {
            result.computeIfAbsent(rs.getLong("owner_id"), k -> new ArrayList<>())
                    .add(row(rs));
        });
        return result;
    }

    /** A page of each row's links: outgoing first, then by kind and link, descending; one statement for all rows. */
    public Map<Long, Connection<T>> pagesOf(JdbcClient jdbc, Collection<Long> ownerIds, PageRequest page) {
        return KeysetQuery.<T>of(cursorKind)
                .select("r.owner_id, r.kind, r.direction, r.other_id, r.id")
                .from(sql("""
                        (select {from} as owner_id, kind::text as kind, 'OUTGOING' as direction, {to} as other_id, id
                           from {table}
                         union all
                         select {to}, kind::text, 'INCOMING', {from}, id from {table}) r"""))
                .where("r.owner_id = p.id")
                .orderBy(Keyset.of(
                        cursorKind,
                        List.of(
                                new Keyset.Key("r.direction", Keyset.KeyType.TEXT),
                                new Keyset.Key("r.kind", Keyset.KeyType.TEXT)),
                        "r.id",
                        true))
                .map((rs, n) -> row(rs))
                .fetch(jdbc, ownerIds, page);
    }

    /** The links with these node keys ({@link #nodeKey}); keys of no row are left out. */
    public List<T> byNodeKeys(JdbcClient jdbc, Collection<Long> keys) {
        return jdbc.sql(sql("""
                        select r.id, r.kind::text as kind,
                               case when k.key % 2 = 0 then r.{from} else r.{to} end as owner_id,
                               case when k.key % 2 = 0 then r.{to} else r.{from} end as other_id,
                               case when k.key % 2 = 0 then 'OUTGOING' else 'INCOMING' end as direction
                        from unnest(?::bigint[]) as k(key) join {table} r on r.id = k.key / 2"""))
                .param(Batch.array(keys))
                .query((rs, n) -> row(rs))
                .list();
    }

    /** The row's columns {@code owner_id, kind, direction, other_id, id} as the object seen from its owner. */
    private T row(ResultSet rs) throws SQLException {
        return mapper.map(
                rs.getLong("owner_id"),
                rs.getString("kind"),
                rs.getString("direction"),
                rs.getLong("other_id"),
                rs.getLong("id"));
    }

    private String sql(String template) {
        return template.replace("{table}", table).replace("{from}", from).replace("{to}", to);
    }
}
