package org.newsgraph.analytics;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.newsgraph.limits.FieldCost;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the analytics fields cost in the query cost limit ({@code newsgraph.limits.max-complexity}, error
 * {@code QUERY_TOO_COMPLEX}; from {@code newsgraph.limits.expensive-cost} a query waits for the bulkhead): the
 * work they do, from their arguments and the row counts PostgreSQL keeps ({@code pg_class.reltuples}, read at
 * most once a minute), not one per field. One unit is about {@value #ROWS_PER_UNIT} rows aggregated, or one
 * point of a timeline; what the field returns costs as usual on top, and lists above the field multiply it.
 * <ul>
 * <li>{@code statementStats}, {@code eventStats}, {@code articleStats}: the rows the grouping reads (a
 * speaker/date grouping without filter reads its rollup, {@code EVENT} adds the statement-event links,
 * {@code PARTICIPANT} the participants) per unit, times the number of {@code groupBy} keys;</li>
 * <li>{@code Actor.timeline}, {@code Event.timeline}: the points a decade has in the bucket (DAY 3,660, WEEK 522,
 * MONTH 120, YEAR 10); a filtered actor timeline also reads statements: their rows per unit;</li>
 * <li>{@code Actor.network}: the rows of the link tables of the kinds asked ({@code via}, all four by default);</li>
 * <li>{@code actorPaths}: the rows of the participation and quotation links, times {@code maxDepth}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsCosts {

    static final long ROWS_PER_UNIT = 1000;

    private static final Set<String> SPEAKER_OR_DATE = Set.of("SPEAKER", "DAY", "WEEK", "MONTH", "YEAR");

    private static final Map<String, Long> POINTS_PER_DECADE =
            Map.of("DAY", 3660L, "WEEK", 522L, "MONTH", 120L, "YEAR", 10L);

    private static final Map<String, String> NETWORK_SOURCES = Map.of(
            "CO_PARTICIPANT", "event_participants",
            "QUOTED_ON_SAME_EVENT", "analytics_event_speakers",
            "RELAYED", "analytics_actor_links",
            "MENTIONED", "analytics_actor_links");

    /**
     * Estimated rows per table, read at start and then again at most once a minute, in the background: a
     * request never waits for them (nor counts their SQL as its own).
     */
    static class RowCounts {
        private static final long REFRESH_NANOS = 60_000_000_000L;
        private final JdbcClient jdbc;
        private final java.util.concurrent.atomic.AtomicBoolean reading =
                new java.util.concurrent.atomic.AtomicBoolean();
        private volatile Map<String, Long> rows = Map.of();
        private volatile long readAt = System.nanoTime() - REFRESH_NANOS - 1;

        RowCounts(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @org.springframework.context.event.EventListener(
                org.springframework.boot.context.event.ApplicationReadyEvent.class)
        void readAtStart() {
            refresh();
        }

        long of(String table) {
            if (System.nanoTime() - readAt > REFRESH_NANOS && reading.compareAndSet(false, true)) {
                var thread = new Thread(
                        () -> {
                            try {
                                refresh();
                            } finally {
                                reading.set(false);
                            }
                        },
                        "newsgraph-row-counts");
                thread.setDaemon(true);
                thread.start();
            }
            return rows.getOrDefault(table, 0L);
        }

        void refresh() {
            readAt = System.nanoTime();
            try {
                var counts = new HashMap<String, Long>();
                jdbc.sql("select relname, greatest(reltuples, 0)::bigint from pg_class"
                                + " where relkind = 'r' and relnamespace = current_schema()::regnamespace")
                        .query(rs -> {
                            counts.put(rs.getString(1), rs.getLong(2));
                        });
                rows = Map.copyOf(counts);
            } catch (RuntimeException e) {
                // keep the last counts (without any, every unit below floors at 1) and try again in a minute
            }
        }
    }

    @Bean
    RowCounts analyticsRowCounts(JdbcClient jdbc) {
        return new RowCounts(jdbc);
    }

    @Bean
    FieldCost statementStatsCost(RowCounts rows) {
        return cost("Query.statementStats", arguments -> {
            List<String> groupBy = names(arguments.get("groupBy"));
            long read;
            if (isEmpty(arguments.get("filter")) && SPEAKER_OR_DATE.containsAll(groupBy)) {
                boolean days = groupBy.contains("DAY") || groupBy.contains("WEEK");
                read = rows.of(days ? "analytics_speaker_days" : "analytics_speaker_months");
            } else {
                read = rows.of("statements") + (groupBy.contains("EVENT") ? rows.of("statement_events") : 0);
            }
            return units(read) * Math.max(1, groupBy.size());
        });
    }

    @Bean
    FieldCost eventStatsCost(RowCounts rows) {
        return cost("Query.eventStats", arguments -> {
            List<String> groupBy = names(arguments.get("groupBy"));
            long read = rows.of("events") + (groupBy.contains("PARTICIPANT") ? rows.of("event_participants") : 0);
            return units(read) * Math.max(1, groupBy.size());
        });
    }

    @Bean
    FieldCost articleStatsCost(RowCounts rows) {
        return cost("Query.articleStats", arguments -> {
            List<String> groupBy = names(arguments.get("groupBy"));
            return units(rows.of("articles")) * Math.max(1, groupBy.size());
        });
    }

    @Bean
    FieldCost actorTimelineCost(RowCounts rows) {
        return cost(
                "Actor.timeline",
                arguments -> points(arguments.get("bucket"))
                        + (isEmpty(arguments.get("filter")) ? 0 : units(rows.of("statements"))));
    }

    @Bean
    FieldCost eventTimelineCost() {
        return cost("Event.timeline", arguments -> points(arguments.get("bucket")));
    }

    @Bean
    FieldCost networkCost(RowCounts rows) {
        return cost("Actor.network", arguments -> {
            Collection<String> via = names(arguments.get("via"));
            if (via.isEmpty()) via = NETWORK_SOURCES.keySet();
            long read = 0;
            for (String kind : Set.copyOf(via)) {
                String table = NETWORK_SOURCES.get(kind);
                if (table != null) read += rows.of(table);
            }
            return units(read);
        });
    }

    @Bean
    FieldCost actorPathsCost(RowCounts rows) {
        return cost("Query.actorPaths", arguments -> {
            long depth = arguments.get("maxDepth") instanceof Number n ? Math.max(1, Math.min(n.longValue(), 3)) : 3;
            return units(rows.of("event_participants") + rows.of("analytics_event_speakers")) * depth;
        });
    }

    private static FieldCost cost(String field, ToLongFunction<Map<String, Object>> function) {
        return new FieldCost() {
            @Override
            public String field() {
                return field;
            }

            @Override
            public long cost(Map<String, Object> arguments) {
                return function.applyAsLong(arguments);
            }
        };
    }

    private static long units(long rows) {
        return Math.max(1, (rows + ROWS_PER_UNIT - 1) / ROWS_PER_UNIT);
    }

    /** The points of a timeline in the bucket over a decade; an unknown bucket as the finest. */
    private static long points(Object bucket) {
        return POINTS_PER_DECADE.getOrDefault(String.valueOf(bucket), POINTS_PER_DECADE.get("DAY"));
    }

    private static boolean isEmpty(Object filter) {
        return filter == null
                || (filter instanceof Map<?, ?> map && map.values().stream().allMatch(v -> v == null));
    }

    /** Enum values given as one value or a list. */
    private static List<String> names(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }
}
