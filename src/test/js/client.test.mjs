// A frontend's view of NewsGraph, with the real Apollo Client: normalized cache keyed by __typename + id,
// fragments (also on the Node interface, with possibleTypes from introspection as codegen makes them),
// cursor pagination through connections, automatic persisted queries over GET.
//
//   NEWSGRAPH_GRAPHQL_URL=http://localhost:8080/graphql node --test
//
// Run by org.newsgraph.client.JsClientIT in ./mvnw verify against the test server and the demo dataset.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';

const url = process.env.NEWSGRAPH_GRAPHQL_URL;
if (!url) {
  throw new Error('Set NEWSGRAPH_GRAPHQL_URL to the GraphQL endpoint, e.g. http://localhost:8080/graphql');
}

const ActorCard = gql`
  fragment ActorCard on Actor {
    id
    name
    kind
  }
`;

const StatementLine = gql`
  fragment StatementLine on Statement {
    id
    text
    kind
    saidOn
    speaker {
      ...ActorCard
    }
    events {
      id
      title
      participantsConnection(first: 20) {
        edges {
          node {
            id
            role
            actor {
              ...ActorCard
            }
          }
        }
      }
    }
  }
  ${ActorCard}
`;

const ACTORS_PAGE = gql`
  query ActorsPage($first: Int!, $after: String) {
    actors(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          __typename
          ...ActorCard
        }
      }
    }
  }
  ${ActorCard}
`;

const ACTOR_STATEMENTS_PAGE = gql`
  query ActorStatementsPage($name: String!, $first: Int!, $after: String) {
    actors(filter: { search: $name }, first: 1) {
      edges {
        node {
          ...ActorCard
          statements(first: $first, after: $after) {
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
            edges {
              cursor
              node {
                __typename
                ...StatementLine
              }
            }
          }
        }
      }
    }
  }
  ${ActorCard}
  ${StatementLine}
`;

const NODE = gql`
  query NodeLookup($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Actor {
        ...ActorCard
      }
      ... on Event {
        title
      }
    }
  }
  ${ActorCard}
`;

let possibleTypes;

before(async () => {
  // What @graphql-codegen/fragment-matcher generates: interface -> implementations, from introspection.
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: '{ __schema { types { kind name possibleTypes { name } } } }' }),
  });
  assert.equal(response.status, 200, 'introspection status');
  const { data } = await response.json();
  possibleTypes = {};
  for (const type of data.__schema.types) {
    if (type.possibleTypes) possibleTypes[type.name] = type.possibleTypes.map((t) => t.name);
  }
  assert.ok(possibleTypes.Node?.includes('Actor'), 'Node has Actor among its implementations');
});

function client(links) {
  return new ApolloClient({
    link: links ?? new HttpLink({ uri: url }),
    cache: new InMemoryCache({ possibleTypes }),
  });
}

test('pages through all actors with cursors, each page after the previous one', async () => {
  const apollo = client();
  const seen = [];
  let after = null;
  let pages = 0;
  let totalCount;
  do {
    const { data, error } = await apollo.query({ query: ACTORS_PAGE, variables: { first: 7, after }, fetchPolicy: 'network-only' });
    assert.equal(error, undefined);
    const connection = data.actors;
    totalCount = connection.totalCount;
    for (const edge of connection.edges) {
      assert.equal(edge.node.__typename, 'Actor');
      assert.ok(edge.cursor, 'every edge has a cursor');
      seen.push(edge.node);
    }
    assert.equal(connection.pageInfo.endCursor, connection.edges.at(-1)?.cursor ?? null);
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    pages++;
    assert.ok(pages <= 100, 'paging ends');
  } while (after);

  assert.equal(seen.length, totalCount, 'the pages together hold totalCount actors');
  assert.equal(new Set(seen.map((a) => a.id)).size, seen.length, 'no actor twice');
  assert.ok(pages > 1, 'more than one page');
  const { data: all } = await apollo.query({ query: ACTORS_PAGE, variables: { first: 100 }, fetchPolicy: 'network-only' });
  assert.deepEqual(seen.map((a) => a.id), all.actors.edges.map((e) => e.node.id), 'same order as one big page');
  const names = seen.map((a) => a.name);
  for (const name of ['Volodymyr Zelensky', 'Marco Rubio', 'Keith Kellogg', 'Reuters']) {
    assert.ok(names.includes(name), `${name} is among the actors`);
  }
});

test('traverses actor -> statements (paged) -> events -> participants with fragments', async () => {
  const apollo = client();
  const statements = [];
  let after = null;
  let totalCount;
  let actor;
  do {
    const { data } = await apollo.query({
      query: ACTOR_STATEMENTS_PAGE,
      variables: { name: 'Zelensky', first: 2, after },
      fetchPolicy: 'network-only',
    });
    actor = data.actors.edges[0].node;
    const page = actor.statements;
    totalCount = page.totalCount;
    statements.push(...page.edges.map((e) => e.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);

  assert.equal(actor.name, 'Volodymyr Zelensky');
  assert.equal(actor.kind, 'PERSON');
  assert.ok(totalCount >= 3, `Zelensky has statements (${totalCount})`);
  assert.equal(statements.length, totalCount);
  assert.equal(new Set(statements.map((s) => s.id)).size, statements.length);
  for (const statement of statements) {
    assert.equal(statement.__typename, 'Statement');
    assert.equal(statement.speaker.id, actor.id, 'the speaker is the actor');
  }
  const saidOn = statements.map((s) => s.saidOn).filter(Boolean);
  assert.deepEqual(saidOn, [...saidOn].sort().reverse(), 'newest first');
  const participants = statements.flatMap((s) => s.events.flatMap((e) => e.participantsConnection.edges.map((p) => p.node.actor.name)));
  assert.ok(participants.length > 0, 'the events have participants');

  // The normalized cache has the actor under __typename:id, readable with the fragment.
  const cached = apollo.readFragment({ id: apollo.cache.identify(actor), fragment: ActorCard });
  assert.equal(cached.name, 'Volodymyr Zelensky');
});

test('looks up nodes by global id through the Node interface', async () => {
  const apollo = client();
  const { data } = await apollo.query({ query: ACTORS_PAGE, variables: { first: 3 } });
  for (const edge of data.actors.edges) {
    const { data: found } = await apollo.query({ query: NODE, variables: { id: edge.node.id }, fetchPolicy: 'network-only' });
    assert.equal(found.node.__typename, 'Actor');
    assert.equal(found.node.name, edge.node.name);
  }
  const { data: missing, error } = await apollo.query({ query: NODE, variables: { id: 'bm90LWEtcmVhbC1pZA' }, errorPolicy: 'all' });
  assert.ok(missing?.node == null || error, 'an unknown id is null or an error, never another object');
});

test('sends automatic persisted queries by hash over GET, registering them once', async () => {
  const requests = [];
  const recordingFetch = (input, init) => {
    requests.push({ method: init?.method ?? 'GET', url: String(input), hasQuery: /"query"|[?&]query=/.test(`${input} ${init?.body ?? ''}`) });
    return fetch(input, init);
  };
  const sha256 = (text) => createHash('sha256').update(text).digest('hex');
  const links = new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(
    new HttpLink({ uri: url, fetch: recordingFetch }),
  );
  // a document no other test sent, so the server cannot know its hash yet
  const query = gql`
    query PersistedActors${Date.now()}($first: Int!) {
      actors(first: $first) {
        totalCount
        edges { node { ...ActorCard } }
      }
    }
    ${ActorCard}
  `;
  const first = await client(links).query({ query, variables: { first: 2 } });
  const second = await client(links).query({ query, variables: { first: 2 } });

  assert.deepEqual(second.data, first.data);
  assert.equal(first.data.actors.edges.length, 2);
  assert.deepEqual(requests.map((r) => `${r.method} ${r.hasQuery ? 'hash+query' : 'hash'}`),
    ['GET hash', 'POST hash+query', 'GET hash'], 'unknown hash, then registered, then served by hash');
});
