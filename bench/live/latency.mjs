// Commit-to-subscriber latency with many open subscriptions while ingesting (bench/live.sh runs it).
// SUBS subscriptions over SUBS/PER_CONN WebSocket connections: one in LATENCY_EVERY (10) is articleChanged
// (its changedAt, the commit time written by the database on the same machine, gives the latency), the
// others statementAdded filtered by one speaker each (round robin over the demo article's speakers: each
// statement reaches about SUBS/12 subscribers). A writer ingests ARTICLES articles at RATE per second
// through the mutation. Prints p50/p90/p99/max latency and what arrived of what was expected.
//
// The statementAdded subscribers (9 in 10, ~1,800 events per article) run in a worker thread with their own
// connections and event loop (CLIENT=split, the default): in one Node event loop the articleChanged events,
// whose arrival is the measurement, waited behind that burst, and on a loaded machine the client's own queue
// was most of the latency measured. CLIENT=one keeps everything in one loop (the earlier measurement).
// Connections: SUBS/PER_CONN for each kind, so each carries the same share of both kinds as before.
import { readFileSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

if (!isMainThread) {
  // the statementAdded subscribers: counts what arrives, reports it to the main thread
  const { wsUrl, subscriptions } = workerData;
  let received = 0;
  const clients = [];
  for (const group of subscriptions) {
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    clients.push(client);
    for (const speakerId of group) {
      client.subscribe({ query: 'subscription($s: ID) { statementAdded(filter: {speaker: $s}) { id text kind saidOn } }', variables: { s: speakerId } }, {
        next: () => { received++; }, error: (e) => console.error('subscription error', e), complete: () => {},
      });
    }
  }
  setInterval(() => parentPort.postMessage(received), 50);
  parentPort.on('message', () => { clients.forEach((c) => c.dispose()); process.exit(0); });
  await new Promise(() => {});
}
const split = (process.env.CLIENT ?? 'split') !== 'one';

const url = process.env.URL ?? 'http://localhost:8162/graphql';
const subs = Number(process.env.SUBS ?? 1000);
const perConnection = Number(process.env.PER_CONN ?? 20);
const articles = Number(process.env.ARTICLES ?? 60);
const rate = Number(process.env.RATE ?? 2);
const key = process.env.EDITOR_KEY;
const demo = JSON.parse(readFileSync(new URL('../../db/demo/ukraine-peace-talks-2025-04-22.json', import.meta.url)));
const tag = process.env.TAG ?? String(Date.now());

async function graphql(query, variables = {}, headers = {}) {
  const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return r.json();
}

async function openSubscriptions() {
  const metrics = () => fetch(url.replace('/graphql', '/actuator/prometheus')).then((r) => r.text())
    .then((t) => Number((t.match(/^newsgraph_subscriptions_open\S* (\S+)/m) ?? [])[1] ?? 0));
  return metrics;
}

const latencyEvery = Number(process.env.LATENCY_EVERY ?? 10);
// the demo's first speakers (an article's own claims have none; several speakers list theirs in `speakers`)
const speakerNames = [...new Set(demo.statements.map((s) => s.speaker ?? s.speakers?.[0]).filter(Boolean))]
  .map((ref) => demo.actors.find((a) => a.ref === ref)?.name)
  .filter(Boolean);
const speakers = [];
for (const name of speakerNames) {
  const found = (await graphql('query($n: String) { actors(filter: {search: $n}, first: 1) { edges { node { id name } } } }', { n: name })).data.actors.edges[0]?.node;
  if (found && found.name === name) speakers.push({ id: found.id, subscribers: 0 });
}
// what each speaker's subscribers should receive: the statements the writes add to that speaker, counted by the server
const totalOf = async (speaker) => (await graphql('query($s: ID) { statements(filter: {speaker: $s}, first: 0) { totalCount } }', { s: speaker.id })).data.statements.totalCount;
for (const speaker of speakers) speaker.before = await totalOf(speaker);
let expectedStatements = 0;
let latencySubs = 0;
const latencies = [];
// per article (in the order they first arrived): where the slowest deliveries come from
const byArticle = new Map();
let statements = 0;
const clients = [];
const workerGroups = [];
for (let c = 0; c < subs / perConnection; c++) {
  const client = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
  clients.push(client);
  const workerGroup = [];
  workerGroups.push(workerGroup);
  for (let s = 0; s < perConnection; s++) {
    const n = c * perConnection + s;
    if (n % latencyEvery !== 0 && split) {
      const speaker = speakers[n % speakers.length];
      speaker.subscribers++;
      workerGroup.push(speaker.id);
    } else if (n % latencyEvery === 0) {
      latencySubs++;
      client.subscribe({ query: 'subscription { articleChanged { kind changedAt cursor article { id title publishedAt } } }' }, {
        next: (v) => {
          if (!v.data) return;
          const latency = Date.now() - Date.parse(v.data.articleChanged.changedAt);
          latencies.push(latency);
          const id = v.data.articleChanged.article?.id ?? v.data.articleChanged.cursor;
          if (!byArticle.has(id)) byArticle.set(id, []);
          byArticle.get(id).push(latency);
        },
        error: (e) => console.error('subscription error', e), complete: () => {},
      });
    } else {
      const speaker = speakers[n % speakers.length];
      speaker.subscribers++;
      client.subscribe({ query: 'subscription($s: ID) { statementAdded(filter: {speaker: $s}) { id text kind saidOn } }', variables: { s: speaker.id } }, {
        next: () => { statements++; }, error: (e) => console.error('subscription error', e), complete: () => {},
      });
    }
  }
}
let worker;
if (split) {
  worker = new Worker(new URL(import.meta.url), { workerData: { wsUrl: url.replace(/^http/, 'ws'), subscriptions: workerGroups } });
  worker.on('message', (count) => { statements = count; });
  worker.on('error', (e) => console.error('worker', e));
}
const open = await openSubscriptions();
for (let i = 0; i < 600 && (await open()) < subs; i++) await new Promise((r) => setTimeout(r, 100));
console.log(`open subscriptions (server gauge): ${await open()}`);
if (process.env.READY_FILE) {
  // bench/live.sh measures the server's memory now, then lets the writer start
  const { writeFileSync, existsSync } = await import('node:fs');
  writeFileSync(process.env.READY_FILE, 'open');
  while (!existsSync(process.env.READY_FILE + '.go')) await new Promise((r) => setTimeout(r, 100));
}

const started = Date.now();
for (let i = 0; i < articles; i++) {
  const due = started + (i * 1000) / rate;
  if (Date.now() < due) await new Promise((r) => setTimeout(r, due - Date.now()));
  const input = { ...structuredClone(demo), url: `https://example.org/bench/live/${tag}/${i}` };
  graphql('mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { outcome } }', { input }, { Authorization: `Bearer ${key}` })
    .then((r) => { if (r.data?.ingestArticle?.outcome !== 'CREATED') console.error('ingest', JSON.stringify(r)); });
}
const expected = latencySubs * articles;
for (let i = 0; i < 600 && latencies.length < expected; i++) await new Promise((r) => setTimeout(r, 100));
for (const speaker of speakers) expectedStatements += speaker.subscribers * ((await totalOf(speaker)) - speaker.before);
for (let i = 0; i < 600 && (latencies.length < expected || statements < expectedStatements); i++) await new Promise((r) => setTimeout(r, 100));
latencies.sort((a, b) => a - b);
const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
console.log(`client: ${split ? 'statementAdded subscribers in a worker thread' : 'one event loop'}; writes: ${articles} articles at ${rate}/s; articleChanged events ${latencies.length}/${expected}, statementAdded events ${statements}/${expectedStatements}`);
console.log(`commit-to-subscriber latency ms: p50 ${q(0.5)} p90 ${q(0.9)} p99 ${q(0.99)} max ${latencies.at(-1)}`);
// the first articles meet a cold delivery path (the JIT, 1,000 fresh subscriptions): the same figures without them
const skip = Number(process.env.SKIP_FIRST ?? 5);
const steady = [...byArticle.values()].slice(skip).flat().sort((a, b) => a - b);
const qs = (p) => steady[Math.min(steady.length - 1, Math.floor(p * steady.length))];
if (steady.length > 0) console.log(`without the first ${skip} articles (${steady.length} events): p50 ${qs(0.5)} p90 ${qs(0.9)} p99 ${qs(0.99)} max ${steady.at(-1)}`);
const articlesByMax = [...byArticle.values()].map((l, i) => ({ i: i + 1, min: Math.min(...l), max: Math.max(...l) }))
  .sort((a, b) => b.max - a.max);
console.log(`slowest articles (arrival order: first/last delivery ms): ${articlesByMax.slice(0, 5).map((a) => `#${a.i}: ${a.min}/${a.max}`).join(', ')}`);
// first delivery (commit to the first subscriber: feed, execution, write) apart from the spread to the last one (the
// fan-out to the ~100 subscribers of one shared execution)
const pick = (values, p) => values[Math.min(values.length - 1, Math.floor(p * values.length))];
const firsts = articlesByMax.map((a) => a.min).sort((a, b) => a - b);
const spreads = articlesByMax.map((a) => a.max - a.min).sort((a, b) => a - b);
console.log(`per article: first delivery ms p50 ${pick(firsts, 0.5)} p90 ${pick(firsts, 0.9)} max ${firsts.at(-1)}; last minus first ms p50 ${pick(spreads, 0.5)} p90 ${pick(spreads, 0.9)} max ${spreads.at(-1)}`);
clients.forEach((c) => c.dispose());
if (worker) worker.postMessage('stop');
process.exit(0);
