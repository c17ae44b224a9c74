package org.newsgraph.relay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The id plumbing of batched fields ({@code @BatchMapping} methods and the repositories' many-ids
 * methods): the distinct ids of a batch, the ids as a SQL array parameter, and the rows found matched
 * back to the batch's items.
 */
public final class Batch {

    private Batch() {}

    /** The ids as a {@code bigint[]} parameter, for {@code = any(?)}. */
    public static long[] array(Collection<Long> ids) {
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** The distinct non-null ids (own ids or foreign keys) of a batch's items, in order. */
    public static <K> List<Long> ids(List<K> items, Function<K, Long> id) {
        return items.stream().map(id).filter(Objects::nonNull).distinct().toList();
    }

    /** Rows keyed by their id. */
    public static <T> Map<Long, T> byId(List<T> rows, Function<T, Long> id) {
        var result = new LinkedHashMap<Long, T>();
        rows.forEach(row -> result.put(id.apply(row), row));
        return result;
    }

    /** Rows grouped by the row they belong to, each group in the rows' order (for a list field's many-ids query). */
    public static <T> Map<Long, List<T>> byOwner(List<T> rows, Function<T, Long> owner) {
        var result = new LinkedHashMap<Long, List<T>>();
        rows.forEach(row ->
                result.computeIfAbsent(owner.apply(row), k -> new ArrayList<>()).add(row));
        return result;
    }

    /**
     * For a to-one field: fetches the rows of the items' distinct foreign keys at once and gives each item its
     * row; items without a foreign key (or whose row is gone) are left out, i.e. null.
     */
    public static <K, V> Map<K, V> pick(
            List<K> items, Function<K, Long> foreignKey, Function<List<Long>, Map<Long, V>> fetch) {
        var found = fetch.apply(ids(items, foreignKey));
        var result = new LinkedHashMap<K, V>();
        items.forEach(item -> {
            Long key = foreignKey.apply(item);
            if (key != null && found.containsKey(key)) {
                result.put(item, found.get(key));
            }
        });
        return result;
    }

    /** For a list field: fetches the lists of the items' distinct ids at once; an item without any gets an empty list. */
    public static <K, V> Map<K, List<V>> lists(
            List<K> items, Function<K, Long> id, Function<List<Long>, Map<Long, List<V>>> fetch) {
        var found = fetch.apply(ids(items, id));
        var result = new LinkedHashMap<K, List<V>>();
        items.forEach(item -> result.put(item, found.getOrDefault(id.apply(item), List.of())));
        return result;
    }
}
