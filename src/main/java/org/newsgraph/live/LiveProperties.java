package org.newsgraph.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Subscriptions and the change feed ({@code newsgraph.live.*}).
 *
 * @param retention how long {@code change_log} keeps a change: a subscriber can resume, and
 *        {@code Query.changes} page, from a cursor this old; older cursors answer {@code CURSOR_EXPIRED};
 *        default 7 days
 * @param maxSubscriptionsPerConnection open subscriptions one WebSocket connection may hold (more are
 *        refused with {@code TOO_MANY_SUBSCRIPTIONS}); default 20
 * @param sendBuffer batches of changes (one per committed transaction or import batch) a subscription may
 *        have waiting for its client; when full it ends with {@code SLOW_CONSUMER} and a WebSocket
 *        connection is closed with that reason; default 256
 * @param shareExecutions whether subscriptions with the same document, variables and caller share one
 *        execution of their selection ({@link SharedSubscriptions}); default true
 * @param sharedSendBuffer events (executed payloads) a subscriber of a shared execution may have waiting for
 *        its client; when full that subscriber alone ends with {@code SLOW_CONSUMER} and its WebSocket
 *        connection is closed with that reason. The events are one object for all subscribers of the
 *        execution, so a waiting event costs a subscriber a reference; default 2048
 * @param pollInterval how long the listener waits for a notification before it reads the outbox anyway;
 *        default 5 s
 * @param connectionSendBuffer messages (events, protocol messages, results) a WebSocket connection may have
 *        waiting to be written to its client; when full the connection is closed with 1013 and the slow
 *        consumer's reason; default 4096
 * @param sendThreads threads that write the messages of all WebSocket connections; default 4
 */
@ConfigurationProperties("newsgraph.live")
public record LiveProperties(
        Duration retention,
        Integer maxSubscriptionsPerConnection,
        Integer sendBuffer,
        Boolean shareExecutions,
        Integer sharedSendBuffer,
        Duration pollInterval,
        Integer connectionSendBuffer,
        Integer sendThreads) {

    public LiveProperties {
        retention = (retention != null) ? retention : Duration.ofDays(7);
        maxSubscriptionsPerConnection = (maxSubscriptionsPerConnection != null) ? maxSubscriptionsPerConnection : 20;
        sendBuffer = (sendBuffer != null) ? sendBuffer : 256;
        shareExecutions = (shareExecutions != null) ? shareExecutions : Boolean.TRUE;
        sharedSendBuffer = (sharedSendBuffer != null) ? sharedSendBuffer : 2048;
        pollInterval = (pollInterval != null) ? pollInterval : Duration.ofSeconds(5);
        connectionSendBuffer = (connectionSendBuffer != null) ? connectionSendBuffer : 4096;
        sendThreads = (sendThreads != null) ? sendThreads : 4;
    }
}
