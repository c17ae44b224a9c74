package org.newsgraph.ingest;

/** A batch that cannot be written set-based as it is: it is written again one article at a time. */
final class BatchFailed extends RuntimeException {
    BatchFailed() {
        super(null, null, false, false);
    }
}
