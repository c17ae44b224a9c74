package org.newsgraph.sqlmetrics;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Wrapper;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's data source, counting the SQL statements run on its connections for
 * {@link SqlStatementCounter}. Only the connection is wrapped (one proxy per borrowed connection, a few
 * calls per transaction): a prepared or callable statement is counted when it is prepared, with the SQL and
 * the connection's read-only flag at hand, and handed out unwrapped, so its parameters, executions and
 * rows cost nothing extra. A plain {@link Statement} gets its SQL only when executed, so it is wrapped and
 * counts each execution (and each SQL of a batch).
 *
 * <p>It replaces datasource-proxy, which proxied every statement as well and recorded every parameter set
 * on it. Counting at preparation counts a prepared statement executed several times once; the application
 * runs each prepared statement once (JdbcTemplate and JdbcClient prepare per execution, a batch is one
 * {@code executeBatch}).
 */
final class CountingDataSource extends DelegatingDataSource {

    private static final ClassLoader LOADER = CountingDataSource.class.getClassLoader();
    /** The proxy classes' constructors, found once (Proxy.newProxyInstance looks them up on every call). */
    private static final Constructor<?> CONNECTION = constructor(Connection.class);

    private static final Constructor<?> STATEMENT = constructor(Statement.class);

    private final SqlStatementCounter counter;

    CountingDataSource(DataSource target, SqlStatementCounter counter) {
        super(target);
        this.counter = counter;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(obtainTargetDataSource().getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(obtainTargetDataSource().getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        return (Connection) instance(CONNECTION, new Counting(connection, counter));
    }

    private static Constructor<?> constructor(Class<?> type) {
        try {
            return Proxy.newProxyInstance(LOADER, new Class<?>[] {type}, (proxy, method, args) -> null)
                    .getClass()
                    .getConstructor(InvocationHandler.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("A JDK proxy class without its InvocationHandler constructor", e);
        }
    }

    private static Object instance(Constructor<?> proxyClass, InvocationHandler handler) {
        try {
            return proxyClass.newInstance(handler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not create a JDK proxy", e);
        }
    }

    /** The handler of a borrowed connection. */
    private static final class Counting implements InvocationHandler {
        private final Connection target;
        private final SqlStatementCounter counter;

        Counting(Connection target, SqlStatementCounter counter) {
            this.target = target;
            this.counter = counter;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "prepareStatement", "prepareCall" -> {
                    Object statement = call(target, method, args);
                    counter.counted((String) args[0], target.isReadOnly(), target.getAutoCommit());
                    return statement;
                }
                case "createStatement" -> {
                    var statement = (Statement) call(target, method, args);
                    return instance(STATEMENT, new CountingStatement(statement, (Connection) proxy, target, counter));
                }
                default -> {
                    return identityOrWrapped(proxy, target, method, args);
                }
            }
        }
    }

    /** The handler of a plain statement: counts each SQL it executes. */
    private static final class CountingStatement implements InvocationHandler {
        private final Statement target;
        private final Connection connection;
        private final Connection targetConnection;
        private final SqlStatementCounter counter;
        private List<String> batch;

        CountingStatement(
                Statement target, Connection connection, Connection targetConnection, SqlStatementCounter counter) {
            this.target = target;
            this.connection = connection;
            this.targetConnection = targetConnection;
            this.counter = counter;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "execute", "executeQuery", "executeUpdate", "executeLargeUpdate" -> {
                    try {
                        return call(target, method, args);
                    } finally {
                        counter.counted(
                                (String) args[0], targetConnection.isReadOnly(), targetConnection.getAutoCommit());
                    }
                }
                case "addBatch" -> {
                    if (batch == null) batch = new ArrayList<>();
                    batch.add((String) args[0]);
                    return call(target, method, args);
                }
                case "clearBatch" -> {
                    batch = null;
                    return call(target, method, args);
                }
                case "executeBatch", "executeLargeBatch" -> {
                    var executed = (batch == null) ? List.<String>of() : batch;
                    batch = null;
                    try {
                        return call(target, method, args);
                    } finally {
                        boolean readOnly = targetConnection.isReadOnly();
                        boolean autoCommit = targetConnection.getAutoCommit();
                        executed.forEach(sql -> counter.counted(sql, readOnly, autoCommit));
                    }
                }
                case "getConnection" -> {
                    return connection;
                }
                default -> {
                    return identityOrWrapped(proxy, target, method, args);
                }
            }
        }
    }

    /**
     * What both proxies answer alike: identity ({@code equals}, {@code hashCode}, {@code toString}), unwrapping to
     * the proxy or the target, and every other method passed to the target.
     */
    private static Object identityOrWrapped(Object proxy, Wrapper target, Method method, Object[] args)
            throws Throwable {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "Counting[" + target + "]";
            case "unwrap" -> ((Class<?>) args[0]).isInstance(proxy) ? proxy : target.unwrap((Class<?>) args[0]);
            case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(proxy) || target.isWrapperFor((Class<?>) args[0]);
            default -> call(target, method, args);
        };
    }

    /** {@code method} on {@code target}, with the target's exception as thrown. */
    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
