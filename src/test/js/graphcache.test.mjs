// urql's normalized cache (@urql/exchange-graphcache) against NewsGraph: every object it must key has an id.
// Graphcache warns ("Invalid key", code 15) for an object with a selection set but no id (its connections,
// edges and PageInfo excepted); participants, relations, affiliations, status changes and statement relations
// carry one, so it keys them and warns about nothing. A relation seen from each of its two events is two objects (their direction differs):
// read back from the cache alone, both directions stay right.
//
//   NEWSGRAPH_GRAPHQL_URL=http://localhost:8080/graphql node --test
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, fetchExchange, gql } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';

const url = process.env.NEWSGRAPH_GRAPHQL_URL;
if (!url) {
  throw new Error('Set NEWSGRAPH_GRAPHQL_URL to the GraphQL endpoint, e.g. http://localhost:8080/graphql');
}

function clientWithLog() {
  const warnings = [];
  const client = new Client({
    url,
    exchanges: [
      cacheExchange({
        logger: (severity, message) => {
          if (severity === 'warn' || severity === 'error') warnings.push(message);
        },
      }),
      fetchExchange,
    ],
  });
  return { client, warnings };
}

const TALKS = gql`
  query Talks {
    london: event(externalKey: "2025-04-23-london-ukraine-talks") {
      id
      title
      status
      statusHistoryConnection(first: 20) { edges { node { id status on } } }
      participantsConnection(first: 50) {
        totalCount
        edges { cursor node { id role stance note actor { id name } represents { id name } } }
      }
      relatedEventsConnection(first: 20) { edges { node { id kind direction event { id title } } } }
    }
    paris: event(externalKey: "2025-w16-paris-meeting-on-us-framework") {
      id
      title
      relatedEventsConnection(first: 20) { edges { node { id kind direction event { id title } } } }
    }
    actors(filter: { search: "Kellogg" }, first: 1) {
      edges { node { id name affiliationsConnection(first: 10) { edges { node { id title of { id name } holder { id name } } } } } }
    }
    statements(filter: { cue: "confirmed" }) {
      edges { node { id text relationsConnection(first: 10) { edges { node { id kind direction statement { id text } } } } } }
    }
  }
`;

test('graphcache keys participants, relations, affiliations and status changes without a warning', async () => {
  const { client, warnings } = clientWithLog();
  const network = await client.query(TALKS, {}).toPromise();
  assert.equal(network.error, undefined, String(network.error));
  assert.ok(network.data.london.participantsConnection.edges.length > 3);
  assert.ok(network.data.london.statusHistoryConnection.edges.length >= 2);
  assert.equal(network.data.actors.edges[0].node.affiliationsConnection.edges[0].node.of.name, 'Donald Trump');
  assert.deepEqual(warnings, []);

  // The same query from the cache alone: every object came back from its normalized record.
  const cached = await client.query(TALKS, {}, { requestPolicy: 'cache-only' }).toPromise();
  assert.equal(cached.stale, false);
  assert.deepEqual(stripTypename(cached.data), stripTypename(network.data));
  const londonToParis = cached.data.london.relatedEventsConnection.edges.map((e) => e.node).find((r) => r.event.title.startsWith('Paris'));
  const parisToLondon = cached.data.paris.relatedEventsConnection.edges.map((e) => e.node).find((r) => r.event.title.startsWith('London'));
  assert.equal(londonToParis.direction, 'OUTGOING');
  assert.equal(parisToLondon.direction, 'INCOMING');
  assert.notEqual(londonToParis.id, parisToLondon.id);
  assert.deepEqual(warnings, []);
});

test('graphcache does warn about an object without id (the check above can fail)', async () => {
  const { client, warnings } = clientWithLog();
  const result = await client
    .query(gql`
      query NoIds {
        event(externalKey: "2025-04-23-london-ukraine-talks") { id participantsConnection(first: 5) { edges { node { role actor { id name } } } } }
      }
    `, {})
    .toPromise();
  assert.equal(result.error, undefined, String(result.error));
  assert.ok(warnings.some((w) => w.includes('Invalid key')), warnings.join('\n'));
});

function stripTypename(value) {
  if (Array.isArray(value)) return value.map(stripTypename);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).filter(([k]) => k !== '__typename').map(([k, v]) => [k, stripTypename(v)]),
    );
  }
  return value;
}
