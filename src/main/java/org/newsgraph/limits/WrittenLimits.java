package org.newsgraph.limits;

import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import org.newsgraph.error.ErrorCode;

/**
 * The limits on a document as written, before fragments are expanded: how many aliases, directives and fields
 * it spells out, and how many IDs it gives {@code nodes(ids:)}. (Depth and cost, with fragments expanded, are
 * {@link QueryAnalysis}'s.)
 */
final class WrittenLimits {

    private WrittenLimits() {}

    /** The first of these limits the document breaks, or null. */
    static LimitViolation check(LimitsProperties limits, Document document, ArgumentValues values) {
        var counts = countAsWritten(document);
        if (counts.aliases > limits.maxAliases()) {
            return new LimitViolation(
                    ErrorCode.TOO_MANY_ALIASES,
                    "The query has " + counts.aliases + " aliases; at most " + limits.maxAliases() + " are allowed",
                    limits.maxAliases(),
                    counts.aliases);
        }
        if (counts.directives > limits.maxDirectives()) {
            return new LimitViolation(
                    ErrorCode.TOO_MANY_DIRECTIVES,
                    "The query has " + counts.directives + " directives; at most " + limits.maxDirectives()
                            + " are allowed",
                    limits.maxDirectives(),
                    counts.directives);
        }
        if (counts.fields > limits.maxFields()) {
            return new LimitViolation(
                    ErrorCode.TOO_MANY_FIELDS,
                    "The query selects " + counts.fields + " fields; at most " + limits.maxFields() + " are allowed",
                    limits.maxFields(),
                    counts.fields);
        }
        return null;
    }

    /** {@code ids} of {@code nodes} within the ID limit (page sizes are checked per field by the page request). */
    static LimitViolation checkArguments(LimitsProperties limits, Document document, ArgumentValues values) {
        LimitViolation[] found = new LimitViolation[1];
        new NodeTraverser()
                .preOrder(
                        new NodeVisitorStub() {
                            @Override
                            public TraversalControl visitField(Field field, TraverserContext<Node> context) {
                                for (var argument : field.getArguments()) {
                                    var problem = checkArgument(limits, values, field, argument);
                                    if (problem != null) {
                                        found[0] = problem;
                                        return TraversalControl.QUIT;
                                    }
                                }
                                return TraversalControl.CONTINUE;
                            }
                        },
                        document);
        return found[0];
    }

    private static LimitViolation checkArgument(
            LimitsProperties limits, ArgumentValues values, Field field, Argument argument) {
        if (argument.getName().equals("ids") && field.getName().equals("nodes")) {
            Long count = values.listSize(argument.getValue());
            if (count != null && count > limits.maxNodeIds()) {
                return new LimitViolation(
                        ErrorCode.TOO_MANY_IDS,
                        "nodes(ids:) takes at most " + limits.maxNodeIds() + " IDs; got " + count,
                        limits.maxNodeIds(),
                        count);
            }
        }
        return null;
    }

    private record Counts(long aliases, long fields, long directives) {}

    private static Counts countAsWritten(Document document) {
        long[] counts = new long[3];
        new NodeTraverser()
                .preOrder(
                        new NodeVisitorStub() {
                            @Override
                            public TraversalControl visitField(Field node, TraverserContext<Node> context) {
                                counts[1]++;
                                if (node.getAlias() != null) counts[0]++;
                                return TraversalControl.CONTINUE;
                            }

                            @Override
                            public TraversalControl visitDirective(Directive node, TraverserContext<Node> context) {
                                counts[2]++;
                                return TraversalControl.CONTINUE;
                            }
                        },
                        document);
        return new Counts(counts[0], counts[1], counts[2]);
    }
}
