// Every published query (graphql/operations) through the two normalized caches frontends use, each holding
// the answers of all of them at once, as one app's cache would: Apollo Client's InMemoryCache keys every
// object with an id under __typename:id, urql's graphcache keys them by id, neither warns about anything, and
// each answer reads back whole from the cache alone, undisturbed by the others written after it. (The
// deliberate failure of the id check, an object without id, is in graphcache.test.mjs.)
//
//   NEWSGRAPH_GRAPHQL_URL=http://localhost:8080/graphql node --test caches.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { Client, fetchExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { getIntrospectionQuery } from 'graphql';
import { publishedOperations, consoleMessages, objectsWithId } from './operations.mjs';

const url = process.env.NEWSGRAPH_GRAPHQL_URL;
if (!url) {
  throw new Error('Set NEWSGRAPH_GRAPHQL_URL to the GraphQL endpoint, e.g. http://localhost:8080/graphql');
}

const queries = publishedOperations().filter((o) => o.kind === 'query');
let possibleTypes;
let introspection;

before(async () => {
  // Both caches match fragments on unions and interfaces (SearchResult, Node) by the schema, as their docs
  // ask: Apollo by possibleTypes (what @graphql-codegen/fragment-matcher generates), graphcache by the
  // introspection result (without it, it matches them heuristically and warns).
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  const { data } = await response.json();
  introspection = data;
  possibleTypes = {};
  for (const type of data.__schema.types) {
    if (type.possibleTypes) possibleTypes[type.name] = type.possibleTypes.map((t) => t.name);
  }
});

test('Apollo InMemoryCache keys every object of every published query and reads each back, without a warning', async () => {
  assert.ok(queries.length >= 6, 'the published queries');
  const apollo = new ApolloClient({ link: new HttpLink({ uri: url }), cache: new InMemoryCache({ possibleTypes }) });
  const answers = [];
  const messages = await consoleMessages(async () => {
    for (const operation of queries) {
      const query = gql(operation.text);
      const { data, error } = await apollo.query({ query, variables: operation.variables, fetchPolicy: 'network-only' });
      assert.equal(error, undefined, `${operation.name}: ${error}`);
      answers.push({ operation, query, data });
    }
    const cache = apollo.cache.extract();
    for (const { operation, query, data } of answers) {
      const withId = objectsWithId(data);
      assert.ok(withId.length > 0, `${operation.name} returns objects with ids`);
      for (const object of withId) {
        const key = apollo.cache.identify(object);
        assert.ok(key && cache[key], `${operation.name}: ${object.__typename} ${object.id} is a record of its own`);
      }
      assert.deepEqual(apollo.readQuery({ query, variables: operation.variables }), data, `${operation.name} from the cache`);
    }
  });
  assert.deepEqual(messages, [], 'Apollo warned');
});

test('urql graphcache keys every object of every published query and reads each back, without a warning', async () => {
  const warnings = [];
  const client = new Client({
    url,
    exchanges: [
      cacheExchange({
        schema: introspection,
        logger: (severity, message) => {
          if (severity === 'warn' || severity === 'error') warnings.push(message);
        },
      }),
      fetchExchange,
    ],
  });
  const answers = [];
  for (const operation of queries) {
    const result = await client.query(operation.text, operation.variables, { requestPolicy: 'network-only' }).toPromise();
    assert.equal(result.error, undefined, `${operation.name}: ${result.error}`);
    answers.push({ operation, data: result.data });
  }
  for (const { operation, data } of answers) {
    const cached = await client.query(operation.text, operation.variables, { requestPolicy: 'cache-only' }).toPromise();
    assert.equal(cached.stale, false, `${operation.name} from the cache`);
    assert.deepEqual(cached.data, data, `${operation.name} from the cache`);
  }
  assert.deepEqual(warnings, [], 'graphcache warned');
});

test('Apollo does warn, under the development condition these tests run with (the check above can fail)', async () => {
  const messages = await consoleMessages(async () => {
    const cache = new InMemoryCache();
    cache.writeQuery({
      query: gql`query { event(externalKey: "x") { id title } }`,
      data: { event: { __typename: 'Event', id: 'RXZlbnQ6MQ' } },
    });
  });
  assert.ok(messages.some((m) => m.includes('Missing field')), messages.join('\n'));
});
