package org.newsgraph.relay;

/**
 * The DataLoader key of a connection field with arguments: the parent row and the field's arguments.
 * Keys with equal arguments are loaded together, all parents in one SQL statement.
 *
 * @param filter the field's filter arguments (a record; may be null)
 * @param counts whether the query asked for what needs counting (totalCount, pageInfo across cursors)
 */
public record ParentPage<F>(long parentId, F filter, PageRequest page, boolean counts) {}
