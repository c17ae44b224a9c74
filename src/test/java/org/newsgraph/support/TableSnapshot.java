package org.newsgraph.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fingerprint of every table in the public schema (row count and a hash of all rows in a fixed
 * order), for asserting that an operation changed nothing at all.
 */
public final class TableSnapshot {

    private TableSnapshot() {}

    public static Map<String, String> of(JdbcClient jdbc) {
        var tables = jdbc.sql("""
                select table_name from information_schema.tables
                where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'
                order by 1""").query(String.class).list();
        var snapshot = new LinkedHashMap<String, String>();
        for (var table : tables) {
            snapshot.put(
                    table,
                    jdbc.sql(
                                    "select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from "
                                            + table + " t")
                            .query(String.class)
                            .single());
        }
        return snapshot;
    }
}
