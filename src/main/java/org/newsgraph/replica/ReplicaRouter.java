package org.newsgraph.replica;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The data source of read-only transactions ({@code LazyConnectionDataSourceProxy}'s read-only data source):
 * a connection from a replica in the rotation that may serve the current request ({@link ReadRouting}), in
 * turn; a replica whose pool cannot give one within {@code connection-timeout} leaves the rotation and the
 * next is tried; with none left, the primary.
 */
final class ReplicaRouter extends AbstractDataSource {

    private final DataSource primary;
    private final java.util.function.Supplier<ReadReplicas> replicas;

    ReplicaRouter(DataSource primary, java.util.function.Supplier<ReadReplicas> replicas) {
        this.primary = primary;
        this.replicas = replicas;
    }

    @Override
    public Connection getConnection() throws SQLException {
        var route = ReadRouting.current();
        var tried = new ArrayList<Replica>(2);
        for (Replica replica = replicas.get().choose(route, tried);
                replica != null;
                replica = replicas.get().choose(route, tried)) {
            try {
                return replica.pool.getConnection();
            } catch (SQLException e) {
                replica.markDown(e.getMessage());
                tried.add(replica);
            }
        }
        return primary.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return primary.getConnection(username, password);
    }
}
