package org.newsgraph.relay;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The repository of a table whose rows are GraphQL {@code Node}s: its type name and its rows by id, the
 * one {@code findByIds} that {@code Query.node}/{@code nodes}, search and every to-one field use.
 */
@Transactional(readOnly = true)
public abstract class NodeRepository<T> {

    protected final JdbcClient jdbc;
    private final String nodeType;
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

    /** The row with this id, or null. */
    public T findById(long id) {
        return findByIds(List.of(id)).get(id);
    }
}
