// The published operations (graphql/operations/NAME.graphql, with NAME.variables.json when it has one), as the
// JavaScript clients' tests read them.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const OPERATIONS_DIR = fileURLToPath(new URL('../../../graphql/operations/', import.meta.url));

/** [{ name, kind: 'query' | 'mutation' | 'subscription', text, variables }], by name. */
export function publishedOperations() {
  return readdirSync(OPERATIONS_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.graphql$/, '');
      const text = readFileSync(join(OPERATIONS_DIR, file), 'utf8');
      const kind = text.match(/^(query|mutation|subscription)\b/m)[1];
      const variablesFile = join(OPERATIONS_DIR, `${name}.variables.json`);
      const variables = existsSync(variablesFile) ? JSON.parse(readFileSync(variablesFile, 'utf8')) : {};
      return { name, kind, text, variables };
    });
}

/** Collects what a client library logs through console.warn and console.error while `body` runs. */
export async function consoleMessages(body) {
  const messages = [];
  const { warn, error } = console;
  console.warn = (...args) => messages.push(args.map(String).join(' '));
  console.error = (...args) => messages.push(args.map(String).join(' '));
  try {
    await body(messages);
  } finally {
    console.warn = warn;
    console.error = error;
  }
  return messages;
}

/** Every object of a response that has an id, as [{ id, __typename }] (the typename when selected). */
export function objectsWithId(value, found = []) {
  if (Array.isArray(value)) value.forEach((v) => objectsWithId(v, found));
  else if (value && typeof value === 'object') {
    if (typeof value.id === 'string') found.push({ id: value.id, __typename: value.__typename });
    Object.values(value).forEach((v) => objectsWithId(v, found));
  }
  return found;
}

/** The answer of the server itself, without a client library: POST, JSON. */
export async function rawData(url, text, variables) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query: text, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
