package org.newsgraph.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Folds names through the database's {@code newsgraph_name_key()}, remembering what it computed once: the
 * function is immutable, and a feed names the same actors and events again and again.
 */
final class NameKeys {

    private final JdbcClient jdbc;

    NameKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The keys of the document's actors (one round trip at most). */
    List<ActorKey> actorKeys(ArticleDocument document) {
        // Every name and alias through newsgraph_name_key() in one round trip.
        var texts = new ArrayList<String>();
        for (var actor : document.actors()) {
            texts.add(org.newsgraph.resolution.NameForms.clean(actor.name()));
            for (var alias : actor.aliases()) texts.add(org.newsgraph.resolution.NameForms.clean(alias));
        }
        return ActorKey.actorKeys(document, nameKeys(texts).iterator());
    }

    /**
     * newsgraph_name_key() of every text, in order, in at most one round trip. The function is immutable, so
     * keys the database computed once are remembered: a feed names the same actors and events again and again.
     */
    List<String> nameKeys(List<String> texts) {
        var missing = new LinkedHashSet<String>();
        for (var text : texts) if (!nameKeyCache.containsKey(text)) missing.add(text);
        if (!missing.isEmpty()) {
            var computed = jdbc.sql(
                            "select newsgraph_name_key(t) from unnest(?::text[]) with ordinality as u(t, n) order by n")
                    .param(missing.toArray(String[]::new))
                    .query(String.class)
                    .list();
            if (nameKeyCache.size() + missing.size() > NAME_KEY_CACHE_SIZE) nameKeyCache.clear();
            var it = computed.iterator();
            for (var text : missing) nameKeyCache.put(text, it.next());
        }
        var keys = new ArrayList<String>(texts.size());
        for (var text : texts) {
            var key = nameKeyCache.get(text);
            // Cleared by a parallel batch in between: ask again (rare).
            keys.add(
                    key != null
                            ? key
                            : jdbc.sql("select newsgraph_name_key(?)")
                                    .param(text)
                                    .query(String.class)
                                    .single());
        }
        return keys;
    }

    private static final int NAME_KEY_CACHE_SIZE = 200_000;
    private final Map<String, String> nameKeyCache = new java.util.concurrent.ConcurrentHashMap<>();
}
