// Relay, the strictest of the normalizing clients, against NewsGraph: relay-compiler compiles every published
// operation (graphql/operations) against the schema this server serves (GET /graphql/schema), and relay-runtime
// runs every published query against the server, normalizes the answer into its store (one record per global
// id) and reads it back whole, with no warning.
//
// relay-compiler only reads graphql tags in JavaScript modules named after their operations, which must end in
// Query/Mutation: each operation becomes module NAME.js holding `query NAMEQuery ...` (the operation's own text,
// renamed). Its comments are dropped: Relay's tag finder skips a template with an escaped backtick.
//
//   NEWSGRAPH_GRAPHQL_URL=http://localhost:8080/graphql node --test relay.test.mjs
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Environment, Network, RecordSource, Store, fetchQuery } from 'relay-runtime';
import { publishedOperations, consoleMessages, objectsWithId, rawData } from './operations.mjs';

const url = process.env.NEWSGRAPH_GRAPHQL_URL;
if (!url) {
  throw new Error('Set NEWSGRAPH_GRAPHQL_URL to the GraphQL endpoint, e.g. http://localhost:8080/graphql');
}

const operations = publishedOperations();
const compiler = fileURLToPath(new URL('node_modules/relay-compiler/cli.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'newsgraph-relay-'));
const artifacts = join(work, '__generated__');
let compiled;

/** The operation as Relay wants it: comments dropped, named NAME + Query|Mutation|Subscription. */
function relayText({ name, kind, text }) {
  const suffix = kind[0].toUpperCase() + kind.slice(1);
  return text
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n')
    .replace(new RegExp(`^${kind}\\s+${name}\\b`, 'm'), `${kind} ${name}${suffix}`);
}

before(async () => {
  const schema = await fetch(new URL('/graphql/schema', url));
  assert.equal(schema.status, 200, 'the server publishes its schema at /graphql/schema');
  writeFileSync(join(work, 'schema.graphql'), await schema.text());
  mkdirSync(join(work, 'src'));
  mkdirSync(artifacts);
  for (const operation of operations) {
    writeFileSync(
      join(work, 'src', `${operation.name}.js`),
      `import { graphql } from 'relay-runtime';\nexport default graphql\`\n${relayText(operation)}\`;\n`,
    );
  }
  // relay-compiler writes its artifacts as ES modules (export default): say so, for Node.js before 22
  writeFileSync(join(work, 'package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(
    join(work, 'relay.config.json'),
    JSON.stringify({ src: './src', schema: './schema.graphql', language: 'javascript', artifactDirectory: './__generated__' }),
  );
  compiled = spawnSync(process.execPath, [compiler], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
});

test('relay-compiler compiles every published operation against the served schema', () => {
  const output = `${compiled.stdout}\n${compiled.stderr}`;
  assert.equal(compiled.status, 0, output);
  assert.doesNotMatch(output, /\[ERROR\]|\[WARN\]/, output);
  const made = readdirSync(artifacts).filter((f) => f.endsWith('.graphql.js')).sort();
  const expected = operations.map((o) => `${o.name}${o.kind[0].toUpperCase()}${o.kind.slice(1)}.graphql.js`).sort();
  assert.deepEqual(made, expected, 'one artifact per published operation');
});

test('relay-compiler refuses an operation the schema does not have (the check above can fail)', () => {
  const broken = mkdtempSync(join(tmpdir(), 'newsgraph-relay-broken-'));
  mkdirSync(join(broken, 'src'));
  mkdirSync(join(broken, '__generated__'));
  writeFileSync(join(broken, 'schema.graphql'), readFileSync(join(work, 'schema.graphql'), 'utf8'));
  writeFileSync(
    join(broken, 'src', 'Broken.js'),
    "import { graphql } from 'relay-runtime';\nexport default graphql`\nquery BrokenQuery { event(externalKey: \"x\") { id noSuchField } }\n`;\n",
  );
  writeFileSync(
    join(broken, 'relay.config.json'),
    JSON.stringify({ src: './src', schema: './schema.graphql', language: 'javascript', artifactDirectory: './__generated__' }),
  );
  const run = spawnSync(process.execPath, [compiler], { cwd: broken, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.notEqual(run.status, 0);
  assert.match(`${run.stdout}${run.stderr}`, /noSuchField/);
});

function environment() {
  return new Environment({
    network: Network.create(async (params, variables) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ query: params.text, variables }),
      });
      return response.json();
    }),
    store: new Store(new RecordSource()),
  });
}

for (const operation of operations.filter((o) => o.kind === 'query')) {
  test(`relay-runtime normalizes ${operation.name} into its store and reads it back, without a warning`, async () => {
    assert.equal(compiled.status, 0, 'compiled');
    const { default: artifact } = await import(pathToFileURL(join(artifacts, `${operation.name}Query.graphql.js`)));
    const expected = await rawData(url, operation.text, operation.variables);
    const env = environment();
    let data;
    const messages = await consoleMessages(async () => {
      data = await fetchQuery(env, artifact, operation.variables).toPromise();
    });
    assert.deepEqual(messages, [], 'Relay logged nothing');
    assert.deepEqual(JSON.parse(JSON.stringify(data)), expected, 'read back from the store: the server\'s answer');
    const source = env.getStore().getSource();
    const withId = objectsWithId(expected);
    assert.ok(withId.length > 0, `${operation.name} returns objects with ids`);
    for (const object of withId) {
      const record = source.get(object.id);
      assert.ok(record, `a store record for ${object.id}`);
      if (object.__typename) assert.equal(record.__typename, object.__typename);
    }
  });
}
