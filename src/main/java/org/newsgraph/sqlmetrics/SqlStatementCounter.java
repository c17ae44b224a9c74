package org.newsgraph.sqlmetrics;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements the application sends to PostgreSQL (every {@code execute*} call; a JDBC
 * batch counts once). The count is global, not per request: the benchmark divides its growth over a run
 * by the number of requests, which holds whatever thread a DataLoader runs its SQL on.
 */
public final class SqlStatementCounter {

    private final LongAdder statements = new LongAdder();

    public long count() {
        return statements.sum();
    }

    DataSource wrap(DataSource target) {
        return new CountingDataSource(target);
    }

    private final class CountingDataSource extends DelegatingDataSource {

        CountingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return proxy(Connection.class, super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return proxy(Connection.class, super.getConnection(username, password));
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, T target) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new Counting(target));
    }

    private final class Counting implements InvocationHandler {

        private final Object target;

        Counting(Object target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            var name = method.getName();
            if (name.startsWith("execute") && target instanceof Statement) statements.increment();
            if (name.equals("unwrap") && args != null && args[0] instanceof Class<?> type && type.isInstance(target)) return target;
            try {
                Object result = method.invoke(target, args);
                if (result instanceof CallableStatement s) return proxy(CallableStatement.class, s);
                if (result instanceof PreparedStatement s) return proxy(PreparedStatement.class, s);
                if (result instanceof Statement s && !(target instanceof Statement)) return proxy(Statement.class, s);
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
