package org.newsgraph.live;

import org.newsgraph.error.ApiException;
import org.newsgraph.error.ErrorCode;

/** A subscription whose client did not read fast enough: its buffer of undelivered changes was full. */
final class SlowConsumerException extends ApiException {

    static final String REASON = "slow consumer: more changes waiting than the send buffer holds";

    SlowConsumerException(int buffer) {
        this(buffer, "batches of changes");
    }

    /** @param unit what the buffer holds ("batches of changes", "events") */
    SlowConsumerException(int buffer, String unit) {
        super(
                ErrorCode.SLOW_CONSUMER,
                "The subscription was ended: the client read too slowly and more than " + buffer + " " + unit
                        + " were waiting; subscribe again with the last cursor to resume");
    }
}
