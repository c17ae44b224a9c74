package org.newsgraph.ingest;

import java.util.ArrayList;
import java.util.List;
import org.newsgraph.actor.ActorKind;

/**
 * The key that identifies an actor of a document: its name key, or for an unnamed source, the article and
 * name; {@code name} is the actor's name as stored ({@link org.newsgraph.resolution.NameForms#clean}). {@code aliasKeys} are what the actor is matched by (its name key and alias keys; none for an unnamed
 * source), {@code nameKey} and {@code foldedAliases} the keys of its name and of each alias.
 */
record ActorKey(
        ArticleDocument.Actor actor,
        String name,
        String key,
        List<String> aliasKeys,
        String nameKey,
        List<String> foldedAliases) {

    /** The keys of the document's actors, from the folded name and aliases of each actor in order. */
    static List<ActorKey> actorKeys(ArticleDocument document, java.util.Iterator<String> folded) {
        var keys = new ArrayList<ActorKey>();
        var problems = new ArrayList<IngestProblem>();
        for (int i = 0; i < document.actors().size(); i++) {
            var actor = document.actors().get(i);
            var nameKey = folded.next();
            var aliasKeys = new ArrayList<String>();
            aliasKeys.add(nameKey);
            for (int a = 0; a < actor.aliases().size(); a++) {
                var aliasKey = folded.next();
                if (aliasKey.isEmpty()) {
                    problems.add(new IngestProblem(
                            "actors[" + i + "].aliases[" + a + "]",
                            "INVALID",
                            "an alias needs at least one letter or digit"));
                }
                aliasKeys.add(aliasKey);
            }
            if (nameKey.isEmpty()) {
                problems.add(new IngestProblem(
                        "actors[" + i + "].name", "INVALID", "a name needs at least one letter or digit"));
            }
            var key = actor.kind() == ActorKind.UNNAMED_SOURCE
                    // An unnamed source is the same source only within one article.
                    ? "#" + document.canonicalUrl() + "#" + nameKey
                    : nameKey;
            keys.add(new ActorKey(
                    actor,
                    org.newsgraph.resolution.NameForms.clean(actor.name()),
                    key,
                    actor.kind() == ActorKind.UNNAMED_SOURCE ? List.of() : aliasKeys,
                    nameKey,
                    aliasKeys.subList(1, aliasKeys.size())));
        }
        if (!problems.isEmpty()) throw new InvalidDocumentException(problems);
        return keys;
    }
}
