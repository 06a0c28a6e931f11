package io.trickle.engine.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * Counts what an engine sends to the server: every statement executed (one round trip each, a
 * multi-statement text included) and every commit or rollback, with the SQL. A decorator of the
 * engine's own pool (instrumentation, not a stand-in: every statement still reaches PostgreSQL).
 */
public final class StatementLog {

    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    /** The round trips since the last {@link #clear}, as the SQL sent ("COMMIT" / "ROLLBACK" for those). */
    public List<String> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    public void clear() {
        sent.clear();
    }

    public DataSource wrap(DataSource dataSource) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(dataSource, method, args);
                    return result instanceof Connection c ? connection(c) : result;
                });
    }

    private Connection connection(Connection c) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if ((name.equals("commit") || name.equals("rollback")) && !c.getAutoCommit()) {
                        sent.add(name.toUpperCase(java.util.Locale.ROOT));
                    }
                    Object result = invoke(c, method, args);
                    if (result instanceof PreparedStatement ps) {
                        return statement(ps, PreparedStatement.class, (String) args[0]);
                    }
                    if (result instanceof Statement st) {
                        return statement(st, Statement.class, null);
                    }
                    return result;
                });
    }

    private Object statement(Statement target, Class<?> type, String preparedSql) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                sent.add(args != null && args.length > 0 && args[0] instanceof String sql ? sql : preparedSql);
            }
            return invoke(target, method, args);
        };
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
