// Live news with real clients: graphql-ws (graphql-transport-ws over WebSocket) and graphql-sse, against
// TWO NewsGraph instances on one database. Run by org.newsgraph.live.LiveSubscriptionsIT, which starts
// the instances and a database it can restart:
//
//   NEWSGRAPH_URL_A=... NEWSGRAPH_URL_B=... NEWSGRAPH_EDITOR_KEY=... NEWSGRAPH_CONTROL_URL=... \
//     node --test live/subscriptions.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createClient as createWsClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import WebSocket from 'ws';

const urlA = required('NEWSGRAPH_URL_A');
const urlB = required('NEWSGRAPH_URL_B');
const editorKey = required('NEWSGRAPH_EDITOR_KEY');
const controlUrl = required('NEWSGRAPH_CONTROL_URL');
const demo = JSON.parse(readFileSync(new URL('../../../../db/demo/ukraine-peace-talks-2025-04-22.json', import.meta.url)));

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (see the comment at the top of this file)`);
  return value;
}

const wsUrl = (url) => url.replace(/^http/, 'ws');
const clients = [];
after(() => clients.forEach((c) => c.dispose()));

function wsClient(url, connectionParams = {}) {
  const client = createWsClient({ url: wsUrl(url), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0 });
  clients.push(client);
  return client;
}

/** Subscribes and collects events; `until(n)` resolves once n events (or an error) arrived. */
function collect(client, query, variables = {}) {
  const events = [];
  const waiters = [];
  let failure = null;
  let completed = false;
  const settle = () => {
    for (const w of [...waiters]) {
      if (failure || completed || events.length >= w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const unsubscribe = client.subscribe({ query, variables }, {
    next: (value) => {
      if (value.errors) failure = value.errors;
      else events.push(value);
      settle();
    },
    error: (error) => {
      failure = error;
      settle();
    },
    complete: () => {
      completed = true;
      settle();
    },
  });
  return {
    events,
    get failure() { return failure; },
    get completed() { return completed; },
    until: (n) => new Promise((resolve) => { waiters.push({ n, resolve }); settle(); }),
    unsubscribe,
  };
}

async function graphql(url, query, variables = {}, headers = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

const editor = { Authorization: `Bearer ${editorKey}` };

/** Ingests the demo article under a new URL on `url`, retrying while the database comes back. */
async function ingest(url, articleUrl, change = (d) => d) {
  const input = change({ ...structuredClone(demo), url: articleUrl });
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await graphql(url, `mutation($input: IngestArticleInput!) {
        ingestArticle(input: $input) { outcome article { id statements(first: 100) { edges { node { id } } } } errors { code message } }
      }`, { input }, editor);
      if (result.data?.ingestArticle?.outcome) {
        return result.data.ingestArticle;
      }
      if (attempt >= 60) assert.fail(`ingest kept failing: ${JSON.stringify(result)}`);
    } catch (e) {
      if (attempt >= 60) throw e;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

const statementIds = (ingested) => ingested.article.statements.edges.map((e) => e.node.id).sort();

const STATEMENT_ADDED = `subscription($filter: StatementFilter, $after: String) {
  statementAdded(filter: $filter, after: $after) {
    id text
    speaker { id name }
    article { id title }
    events { id title }
  }
}`;

/** A gauge of instance `url`'s /actuator/prometheus. */
async function gauge(url, name) {
  const metrics = await (await fetch(url.replace('/graphql', '/actuator/prometheus'))).text();
  return Number(metrics.match(new RegExp(`^${name}\\S* (\\S+)`, 'm'))?.[1]);
}

/** Waits until gauge `name` of `url` is `value`; returns what it is then. */
async function gaugeReaches(url, name, value) {
  let now;
  for (let i = 0; i < 100; i++) {
    now = await gauge(url, name);
    if (now === value) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return now;
}

/**
 * Subscribes through `subscribe()` once nothing is open on instance B (the subscriptions of the test before
 * end in the background) and waits until instance B counts the `n` new ones open: from then on they follow the
 * feed, and writes can start. (A subscription counts as open once it is registered with the change feed.) Only
 * after WebSocket subscriptions: an SSE subscription that its client left is counted until the server next
 * writes to it (a keep-alive, up to 15 s later).
 */
async function openOnB(n, subscribe) {
  assert.equal(await gaugeReaches(urlB, 'newsgraph_subscriptions_open', 0), 0, 'nothing open on instance B before');
  const subscriptions = subscribe();
  assert.equal(await gaugeReaches(urlB, 'newsgraph_subscriptions_open', n), n, `${n} subscriptions open on instance B`);
  return subscriptions;
}

/** The cursor of the last change in the feed so far (null when there is none). */
async function feedEnd(url) {
  let after = null;
  for (;;) {
    const page = await graphql(url, 'query($after: String) { changes(first: 100, after: $after) { pageInfo { hasNextPage endCursor } } }', { after });
    if (page.data.changes.pageInfo.endCursor) after = page.data.changes.pageInfo.endCursor;
    if (!page.data.changes.pageInfo.hasNextPage) return after;
  }
}

test('identical subscriptions share one execution: each gets every event, one leaving does not end the others', async () => {
  const zelensky = (await graphql(urlB, '{ actors(filter: {search: "Volodymyr Zelensky"}, first: 1) { edges { node { id } } } }')).data.actors.edges[0].node;
  // the first test: nothing is open yet
  const openBefore = await gaugeReaches(urlB, 'newsgraph_subscriptions_open', 0);
  const executionsBefore = await gaugeReaches(urlB, 'newsgraph_subscriptions_executions', 0);
  // four identical subscriptions over three connections (instance B allows 3 per connection), one other
  const connections = [wsClient(urlB), wsClient(urlB), wsClient(urlB)];
  const same = [0, 1, 2, 0].map((c) => collect(connections[c], STATEMENT_ADDED, { filter: { speaker: zelensky.id } }));
  const other = collect(connections[1], 'subscription { statementAdded { id text } }');
  assert.equal(await gaugeReaches(urlB, 'newsgraph_subscriptions_open', openBefore + 5), openBefore + 5, 'five subscriptions open');

  const zelenskyCount = demo.statements.filter((s) => s.speaker === 'volodymyr-zelensky').length;
  const first = await ingest(urlA, 'https://example.org/live/shared-1');
  await Promise.all(same.map((s) => s.until(zelenskyCount)));
  await other.until(demo.statements.length);
  // read once every subscription has had its events, so every execution is following the feed by now
  assert.equal(await gauge(urlB, 'newsgraph_subscriptions_executions'), executionsBefore + 2, 'two executions follow the feed: the four identical ones share one');
  const expected = same[0].events.map((e) => [e.data.statementAdded.id, e.extensions.cursor]);
  assert.equal(expected.length, zelenskyCount);
  assert.ok(expected.every(([id, cursor]) => statementIds(first).includes(id) && cursor), 'the filter holds, cursors come along');
  for (const s of same) {
    assert.equal(s.failure, null);
    assert.deepEqual(s.events.map((e) => [e.data.statementAdded.id, e.extensions.cursor]), expected, 'the same events, in the same order');
  }

  // the one that executed leaves first: the others go on
  same[0].unsubscribe();
  const second = await ingest(urlA, 'https://example.org/live/shared-2');
  await Promise.all(same.slice(1).map((s) => s.until(2 * zelenskyCount)));
  for (const s of same.slice(1)) {
    assert.equal(s.events.length, 2 * zelenskyCount);
    assert.ok(s.events.slice(zelenskyCount).every((e) => statementIds(second).includes(e.data.statementAdded.id)));
  }
  assert.equal(same[0].events.length, zelenskyCount, 'nothing after unsubscribing');

  // all gone: the shared execution ends, and the next identical subscription executes anew
  same.slice(1).forEach((s) => s.unsubscribe());
  other.unsubscribe();
  assert.equal(await gaugeReaches(urlB, 'newsgraph_subscriptions_executions', executionsBefore), executionsBefore, 'no execution left behind');
  const again = collect(connections[2], STATEMENT_ADDED, { filter: { speaker: zelensky.id } });
  assert.equal(await gaugeReaches(urlB, 'newsgraph_subscriptions_open', openBefore + 1), openBefore + 1);
  const third = await ingest(urlA, 'https://example.org/live/shared-3');
  await again.until(zelenskyCount);
  assert.equal(again.failure, null);
  assert.ok(again.events.every((e) => statementIds(third).includes(e.data.statementAdded.id)));
  again.unsubscribe();
});

test('an ingest on instance A reaches subscribers on instance B, filtered (WebSocket) and unfiltered (SSE)', async () => {
  const zelensky = await graphql(urlB, '{ actors(filter: {search: "Volodymyr Zelensky"}, first: 1) { edges { node { id name } } } }');
  const speaker = zelensky.data.actors.edges[0].node;
  const sse = createSseClient({ url: urlB });
  clients.push(sse);
  // both subscriptions are open once instance B's gauge counts them (then the writes can start)
  const [filtered, unfiltered] = await openOnB(2, () => [
    collect(wsClient(urlB), STATEMENT_ADDED, { filter: { speaker: speaker.id } }),
    collect(sse, STATEMENT_ADDED),
  ]);

  const first = await ingest(urlA, 'https://example.org/live/across-1');
  assert.equal(first.outcome, 'CREATED');
  await unfiltered.until(demo.statements.length);
  const second = await ingest(urlA, 'https://example.org/live/across-2');
  await filtered.until(10);
  await unfiltered.until(2 * demo.statements.length);

  assert.equal(filtered.failure, null);
  const zelenskyCount = demo.statements.filter((s) => s.speaker === 'volodymyr-zelensky').length;
  assert.equal(filtered.events.length, 2 * zelenskyCount);
  for (const event of filtered.events) {
    assert.equal(event.data.statementAdded.speaker.name, speaker.name);
    assert.match(event.data.statementAdded.article.title, /Rubio pulls out/);
    assert.ok(event.extensions.cursor, 'every event carries its cursor');
  }
  assert.deepEqual(
    unfiltered.events.map((e) => e.data.statementAdded.id).sort(),
    [...statementIds(first), ...statementIds(second)].sort());
  // the payload is the whole statement: its events come along in the same selection
  assert.ok(unfiltered.events.some((e) => e.data.statementAdded.events.length > 0));
  filtered.unsubscribe();
  unfiltered.unsubscribe();
});

test('a subscriber that resumes with its cursor after a database restart gets every missed statement once, then live ones', async () => {
  // from the end of the feed so far: the ingest below reaches it whether or not it is registered by then (the
  // SSE subscription of the test before may still count as open, so the gauge cannot say)
  const before = collect(wsClient(urlB), STATEMENT_ADDED, { after: await feedEnd(urlB) });
  const seen = await ingest(urlA, 'https://example.org/live/before-restart');
  await before.until(demo.statements.length);
  const cursor = before.events.at(-1).extensions.cursor;
  before.unsubscribe();

  const restart = await fetch(`${controlUrl}/restart-database`, { method: 'POST' });
  assert.equal(restart.status, 204);
  const missed = await ingest(urlA, 'https://example.org/live/while-away');
  assert.equal(missed.outcome, 'CREATED');

  const resumed = collect(wsClient(urlB), STATEMENT_ADDED, { after: cursor });
  await resumed.until(demo.statements.length);
  const live = await ingest(urlA, 'https://example.org/live/after-resume');
  await resumed.until(2 * demo.statements.length);
  await new Promise((r) => setTimeout(r, 500)); // room for a duplicate, if there were one

  assert.equal(resumed.failure, null);
  const ids = resumed.events.map((e) => e.data.statementAdded.id);
  assert.equal(new Set(ids).size, ids.length, 'no statement twice');
  assert.deepEqual(ids.slice(0, demo.statements.length).sort(), statementIds(missed), 'first what was missed');
  assert.deepEqual(ids.slice(demo.statements.length).sort(), statementIds(live), 'then the live stream');
  assert.ok(!ids.some((id) => statementIds(seen).includes(id)), 'nothing from before the cursor');
  resumed.unsubscribe();
});

test('limits and bad documents on a subscription get a GraphQL error with a code', async () => {
  const client = wsClient(urlB);
  const errorOf = async (query, variables) => {
    const sub = collect(client, query, variables);
    await sub.until(1);
    const failure = sub.failure;
    assert.ok(failure, `an error for ${query}`);
    const errors = Array.isArray(failure) ? failure : [failure];
    return errors[0].extensions?.code;
  };
  let deep = 'id';
  for (let i = 0; i < 20; i++) deep = `speaker { statements(first: 1) { edges { node { ${deep} } } } }`;
  assert.equal(await errorOf(`subscription { statementAdded { ${deep} } }`), 'QUERY_TOO_DEEP');
  assert.equal(await errorOf('subscription { statementAdded { id '), 'GRAPHQL_PARSE_FAILED');
  assert.equal(await errorOf('subscription { statementAdded { nope } }'), 'GRAPHQL_VALIDATION_FAILED');
  assert.equal(await errorOf('subscription { statementAdded(after: "nope") { id } }'), 'INVALID_CURSOR');
  assert.equal(await errorOf('subscription { statementAdded(filter: {speaker: "x"}) { id } }'), 'INVALID_ID');

  // instance B allows 3 open subscriptions per connection: on a connection of its own (the refused ones above gave
  // their places back only after their errors were sent), the fourth is refused. The server takes a connection's
  // messages in order, so the three are counted before the fourth arrives.
  const limited = wsClient(urlB);
  const open = [1, 2, 3].map(() => collect(limited, 'subscription { statementAdded { id } }'));
  const fourth = collect(limited, 'subscription { eventChanged { id } }');
  await fourth.until(1);
  const refusal = Array.isArray(fourth.failure) ? fourth.failure[0] : fourth.failure;
  assert.equal(refusal?.extensions?.code, 'TOO_MANY_SUBSCRIPTIONS', JSON.stringify(fourth.failure));
  assert.deepEqual(open.map((s) => s.failure), [null, null, null], 'the three are open');
  open.forEach((s) => s.unsubscribe());

  const plain = await graphql(urlB, 'subscription { statementAdded { id } }');
  assert.equal(plain.errors[0].extensions.code, 'SUBSCRIPTION_NEEDS_STREAM');
});

test('the old subscriptions-transport-ws protocol and an unknown API key are refused with a reason', async () => {
  const legacy = new WebSocket(wsUrl(urlB), 'graphql-ws');
  const [code, reason] = await new Promise((resolve) => legacy.on('close', (c, r) => resolve([c, String(r)])));
  assert.equal(code, 4406);
  assert.match(reason, /graphql-transport-ws/);

  const unauthorized = createWsClient({
    url: wsUrl(urlB), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => {},
    connectionParams: { Authorization: 'Bearer not-a-key' },
  });
  const closed = await new Promise((resolve) => unauthorized.on('closed', (event) => resolve(event.code)));
  unauthorized.dispose();
  assert.equal(closed, 4401);
});

test('the change feed pages through mixed writes in commit order', async () => {
  // the last change so far
  let after = await feedEnd(urlB);

  const created = await ingest(urlA, 'https://example.org/live/feed');
  const updated = await ingest(urlA, 'https://example.org/live/feed', (d) => {
    d.statements.push({ ...d.statements[0], text: 'A statement added by the update.' });
    return d;
  });
  assert.equal(updated.outcome, 'UPDATED');
  const eventId = (await graphql(urlA, '{ events(first: 1) { edges { node { id } } } }')).data.events.edges[0].node.id;
  const eventUpdate = await graphql(urlA, `mutation($id: ID!) { updateEvent(input: {id: $id, description: "Changed by the change feed test"}) { errors { message } } }`, { id: eventId }, editor);
  assert.deepEqual(eventUpdate.data.updateEvent.errors, []);
  const upsert = async (name) => (await graphql(urlA, `mutation($name: String!) { upsertActor(input: {kind: PERSON, name: $name}) { actor { id } errors { message } } }`, { name }, editor)).data.upsertActor.actor.id;
  const keep = await upsert('Feed Test Keeper');
  const merge = await upsert('Feed Test Merged');
  const merged = await graphql(urlA, 'mutation($keep: ID!, $merge: ID!) { mergeActors(input: {keep: $keep, merge: $merge}) { errors { message } } }', { keep, merge }, editor);
  assert.deepEqual(merged.data.mergeActors.errors, []);
  const deleted = await graphql(urlA, 'mutation($id: ID!) { deleteArticle(input: {id: $id}) { errors { message } } }', { id: created.article.id }, editor);
  assert.deepEqual(deleted.data.deleteArticle.errors, []);

  // page through everything after `after` in small pages, on the other instance
  const changes = [];
  const cursors = [];
  for (;;) {
    const page = await graphql(urlB, `query($after: String) { changes(first: 7, after: $after) {
      edges { cursor node { kind subjectId relatedId changedAt } } pageInfo { hasNextPage endCursor } } }`, { after });
    assert.equal(page.errors, undefined, JSON.stringify(page.errors));
    for (const edge of page.data.changes.edges) {
      changes.push(edge.node);
      cursors.push(edge.cursor);
    }
    if (!page.data.changes.pageInfo.hasNextPage) break;
    after = page.data.changes.pageInfo.endCursor;
  }
  assert.equal(new Set(cursors).size, cursors.length, 'no change twice');
  const article = created.article.id;
  const interesting = changes
    .filter((c) => (c.kind.startsWith('ARTICLE_') && c.subjectId === article)
      || (c.kind === 'EVENT_CHANGED' && c.subjectId === eventId)
      || c.kind.startsWith('ACTOR_'))
    .map((c) => `${c.kind} ${c.subjectId === article ? 'article' : c.subjectId === eventId ? 'event' : c.subjectId === keep ? 'keep' : c.subjectId === merge ? 'merge' : c.subjectId}`);
  // in this order (an ingest may report the event as well, as it is linked to the article)
  const expected = [
    'ARTICLE_CREATED article',
    'ARTICLE_UPDATED article',
    'EVENT_CHANGED event',
    'ACTOR_UPDATED keep',
    'ACTOR_UPDATED merge',
    'ACTOR_MERGED merge',
    'ARTICLE_DELETED article',
  ];
  let next = 0;
  for (const line of interesting) if (line === expected[next]) next++;
  assert.equal(next, expected.length, `${JSON.stringify(expected)} in order within ${JSON.stringify(interesting)}`);
  for (const kind of ['ARTICLE_CREATED article', 'ARTICLE_UPDATED article', 'ARTICLE_DELETED article', 'ACTOR_MERGED merge']) {
    assert.equal(interesting.filter((line) => line === kind).length, 1, `${kind} once`);
  }
  const mergeChange = changes.find((c) => c.kind === 'ACTOR_MERGED' && c.subjectId === merge);
  assert.equal(mergeChange.relatedId, keep);
  const added = changes.filter((c) => c.kind === 'STATEMENT_ADDED' && c.relatedId === article);
  assert.equal(added.length, demo.statements.length + 1, 'the demo article\'s statements, 1 more with its update');
  const times = changes.map((c) => Date.parse(c.changedAt));
  assert.deepEqual([...times].sort((a, b) => a - b), times, 'commit order');
});
