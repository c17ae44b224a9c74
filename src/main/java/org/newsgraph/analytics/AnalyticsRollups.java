package org.newsgraph.analytics;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rollup tables of V140 ({@code analytics_*}). Statement-level triggers keep them equal to the base
 * tables on every write, whatever writes (ingest, bulk import, the corpus loader's COPY, merges of actors,
 * deletes); {@link #refresh()} rebuilds them from scratch, for a repair or after writes with triggers
 * disabled.
 */
@Service
public class AnalyticsRollups {

    private final JdbcClient jdbc;

    public AnalyticsRollups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Rebuilds every rollup from the base tables, in the caller's transaction or its own. */
    @Transactional
    public void refresh() {
        jdbc.sql("select analytics_refresh()").query((rs, n) -> null).list();
    }
}
