package org.newsgraph.relay;

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

    private Batch() {
    }

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

    /** For a to-one field: each item's row by its foreign key; items without one (or whose row is gone) are left out. */
    public static <K, V> Map<K, V> pick(List<K> items, Function<K, Long> foreignKey, Map<Long, V> found) {
        var result = new LinkedHashMap<K, V>();
        items.forEach(item -> {
            Long key = foreignKey.apply(item);
            if (key != null && found.containsKey(key)) {
                result.put(item, found.get(key));
            }
        });
        return result;
    }

    /** For a list field: each item's list by its id, empty when it has none. */
    public static <K, V> Map<K, List<V>> lists(List<K> items, Function<K, Long> id, Map<Long, List<V>> found) {
        var result = new LinkedHashMap<K, List<V>>();
        items.forEach(item -> result.put(item, found.getOrDefault(id.apply(item), List.of())));
        return result;
    }
}
