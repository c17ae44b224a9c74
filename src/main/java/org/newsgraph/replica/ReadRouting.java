package org.newsgraph.replica;

/**
 * Where the read-only transactions of the current request may go, decided per GraphQL request on the
 * request's thread (the API's data fetchers and DataLoaders run there) by {@link ConsistencyInterceptor}:
 * anywhere in the rotation, only to replicas that have replayed a client's consistency token, or only to
 * the primary (mutations, their payloads; a token no replica has reached; a retry after a replica failed).
 * Without a current route (startup, commands) reads go to the rotation.
 */
public final class ReadRouting {

    /** The route of one request. */
    static final class Route {
        /** Every read of this request goes to the primary. */
        volatile boolean primaryOnly;
        /** The least WAL position a replica must have replayed to serve this request (0: any). */
        volatile long minLsn;
        /** The request is a mutation. */
        volatile boolean mutation;
        /** A replica failed under this request (connection lost, server shut down). */
        volatile boolean replicaFailed;
    }

    private static final ThreadLocal<Route> CURRENT = new ThreadLocal<>();

    private ReadRouting() {}

    static Route current() {
        return CURRENT.get();
    }

    static Route begin() {
        var route = new Route();
        CURRENT.set(route);
        return route;
    }

    static void set(Route route) {
        if (route == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(route);
        }
    }

    static void end() {
        CURRENT.remove();
    }

    /** Runs {@code work} with every read on the primary (e.g. right after a notification of a fresh write). */
    public static <T> T onPrimary(java.util.function.Supplier<T> work) {
        Route previous = CURRENT.get();
        var route = new Route();
        route.primaryOnly = true;
        CURRENT.set(route);
        try {
            return work.get();
        } finally {
            set(previous);
        }
    }
}
