package org.newsgraph.relay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The repository of a table whose rows are GraphQL {@code Node}s: its type name and its rows by id, the
 * one {@code findByIds} that {@code Query.node}/{@code nodes}, search and every to-one field use.
 *
 * <p>Each method runs one statement, so it needs no transaction of its own: {@code SUPPORTS} joins the caller's
 * (an ingest's) or runs the statement by itself, without the {@code BEGIN READ ONLY} ... {@code COMMIT} round
 * trip; with read replicas it is still routed as a read ({@code ReadReplicaConfiguration}).
 */
@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
public abstract class NodeRepository<T> {

    protected final JdbcClient jdbc;
    private final String nodeType;
    private final String columns;
    private final String table;
    private final String idColumn;
    private final String byIdsSql;
    private final RowMapper<T> mapper;
    private final Function<T, Long> id;

    /**
     * @param columns the select list, e.g. {@code a.id, a.name}
     * @param table the table with the alias the columns use, e.g. {@code actors a}
     * @param idColumn the id column with that alias, e.g. {@code a.id}
     */
    protected NodeRepository(
            JdbcClient jdbc,
            String nodeType,
            String columns,
            String table,
            String idColumn,
            RowMapper<T> mapper,
            Function<T, Long> id) {
        this.jdbc = jdbc;
        this.nodeType = nodeType;
        this.columns = columns;
        this.table = table;
        this.idColumn = idColumn;
        this.byIdsSql = "select " + columns + " from " + table + " where " + idColumn + " = any(?)";
        this.mapper = mapper;
        this.id = id;
    }

    /** The GraphQL type name, e.g. {@code Actor}. */
    public String nodeType() {
        return nodeType;
    }

    /** The rows with these ids, in one statement; missing ids are absent from the map. */
    public Map<Long, T> findByIds(Collection<Long> ids) {
        return Batch.byId(
                jdbc.sql(byIdsSql).param(Batch.array(ids)).query(mapper).list(), id);
    }

    /**
     * The rows of another feature's link-table rows, per owner: {@code linkSql} selects {@code owner_id} and
     * the column {@code rowId} that holds this table's id (every {@code ?} is bound to {@code ownerIds}).
     *
     * @param order the order of an owner's rows, e.g. {@code l.ord, a.name, a.id}
     */
    protected Map<Long, List<T>> ofLinks(String linkSql, String rowId, String order, Collection<Long> ownerIds) {
        var result = new LinkedHashMap<Long, List<T>>();
        jdbc.sql("select l.owner_id, " + columns + " from (" + linkSql + ") l join " + table + " on " + idColumn
                        + " = l." + rowId + " order by l.owner_id, " + order)
                .params(Collections.nCopies(
                        (int) linkSql.chars().filter(c -> c == '?').count(), Batch.array(ownerIds)))
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong("owner_id"), k -> new ArrayList<>())
                            .add(mapper.mapRow(rs, 0));
                });
        return result;
    }

    /** The row with this id, or null. */
    public T findById(long id) {
        return findByIds(List.of(id)).get(id);
    }
}
