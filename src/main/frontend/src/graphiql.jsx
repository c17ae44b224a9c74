// Offline GraphiQL for NewsGraph: everything (React, GraphiQL, Monaco and its workers, fonts) is
// bundled by build.mjs and served by the application under /graphiql/, so the page makes no request
// to any other host (Spring's built-in page loads all of this from esm.sh at run time).
import { createRoot } from 'react-dom/client';
import { useState } from 'react';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { UnStyledButton, useGraphiQL, useGraphiQLActions } from '@graphiql/react';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';
import 'graphiql/style.css';
import './graphiql.css';

// Monaco runs its language services in web workers. build.mjs bundles the three workers as separate
// files next to graphiql.js, so they resolve relative to this module's own URL (works under any
// context path, no blob: or data: workers, nothing from a CDN).
const WORKERS = {
  json: 'json.worker.js',
  graphql: 'graphql.worker.js',
  editor: 'editor.worker.js',
};
globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    const file = WORKERS[label] ?? WORKERS.editor;
    return new Worker(new URL(file, import.meta.url), { name: label });
  },
};

export const DEFAULT_QUERY = `# Who said what about which event, and who else took part?
query ActorTraversal {
  actors(first: 3, filter: { search: "Zelensky" }) {
    edges {
      node {
        id
        name
        kind
        statements(first: 5) {
          edges {
            node {
              text
              kind
              saidOn
              events {
                title
                status
                participantsConnection(first: 10) {
                  edges {
                    node {
                      role
                      actor {
                        name
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
`;

/**
 * Where the GraphQL endpoint is: `?path=` (the convention of Spring's built-in page), else the
 * `<meta name="graphql-path">` the server writes into index.html (it knows the context path and
 * `spring.graphql.http.path`), else `../graphql` relative to this script (= `/graphql`).
 */
function graphqlUrl() {
  const fromQuery = new URLSearchParams(window.location.search).get('path');
  const fromMeta = document.querySelector('meta[name="graphql-path"]')?.getAttribute('content');
  return new URL(fromQuery || fromMeta || '../graphql', fromQuery || fromMeta ? window.location.href : import.meta.url).href;
}

/**
 * Request headers every new tab starts with (the editor accepts JSON with comments): a hint for a
 * bearer token, plus Spring Security's cookie-based CSRF token when present, as Spring's page does.
 */
function initialHeaders() {
  const xsrf = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]+)/);
  const lines = ['  // "Authorization": "Bearer <token>",'];
  if (xsrf) lines.unshift(`  "X-XSRF-TOKEN": ${JSON.stringify(decodeURIComponent(xsrf[1]))},`);
  return `{\n${lines.join('\n')}\n}`;
}

/** Fetches /graphiql/examples.json (an array of {name, query, variables?}); [] when absent or invalid. */
async function loadExamples() {
  try {
    const response = await fetch(new URL('examples.json', import.meta.url), {
      headers: { Accept: 'application/json' },
      cache: 'no-cache',
    });
    if (!response.ok) return [];
    const data = await response.json();
    if (!Array.isArray(data)) return [];
    return data
      .filter((e) => e && typeof e.query === 'string' && e.query.trim() !== '')
      .map((e, i) => ({
        name: typeof e.name === 'string' && e.name ? e.name : `Example ${i + 1}`,
        query: e.query,
        variables:
          e.variables == null ? undefined : typeof e.variables === 'string' ? e.variables : JSON.stringify(e.variables, null, 2),
      }));
  } catch {
    return [];
  }
}

function ExamplesIcon(props) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" {...props}>
      <path d="M4 5.5A1.5 1.5 0 0 1 5.5 4H10l2 2h6.5A1.5 1.5 0 0 1 20 7.5v11a1.5 1.5 0 0 1-1.5 1.5h-13A1.5 1.5 0 0 1 4 18.5z" />
      <path d="M8 11h8M8 15h5" />
    </svg>
  );
}

/** Sidebar plugin listing the examples (shown only when there are some); a click opens one in a new tab. */
function examplesPlugin(examples) {
  function ExamplesContent() {
    const queryEditor = useGraphiQL((s) => s.queryEditor);
    const variableEditor = useGraphiQL((s) => s.variableEditor);
    const { addTab } = useGraphiQLActions();
    const [opened, setOpened] = useState(null);
    const open = (example) => {
      addTab();
      queryEditor?.setValue(example.query);
      variableEditor?.setValue(example.variables ?? '');
      setOpened(example.name);
    };
    return (
      <section aria-label="Examples" className="newsgraph-examples">
        <div className="graphiql-doc-explorer-title">Examples</div>
        <ul className="newsgraph-examples-list">
          {examples.map((example) => (
            <li key={example.name}>
              <UnStyledButton
                type="button"
                className="newsgraph-examples-item"
                aria-current={opened === example.name ? 'true' : undefined}
                onClick={() => open(example)}
                title={`Open "${example.name}" in a new tab`}
              >
                {example.name}
              </UnStyledButton>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return { title: 'Examples', icon: ExamplesIcon, content: ExamplesContent };
}

async function main() {
  const examples = await loadExamples();
  // Queries and mutations over HTTP; subscriptions over GraphQL over WebSocket (graphql-transport-ws, the
  // graphql-ws library) on the same path, connected on the first subscription.
  const url = graphqlUrl();
  const wsClient = createClient({ url: url.replace(/^http/, 'ws'), lazy: true });
  const fetcher = createGraphiQLFetcher({ url, wsClient });
  const headers = initialHeaders();

  // First tab: the traversal query; then one tab per example. GraphiQL uses defaultTabs only when the
  // browser has no tabs stored from an earlier visit; the Examples sidebar works either way.
  const defaultTabs = [
    { query: DEFAULT_QUERY, headers },
    ...examples.map((e) => ({ query: e.query, variables: e.variables ?? null, headers })),
  ];

  const root = createRoot(document.getElementById('graphiql'));
  root.render(
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={DEFAULT_QUERY}
      defaultTabs={defaultTabs}
      defaultHeaders={headers}
      isHeadersEditorEnabled
      shouldPersistHeaders={false}
      plugins={examples.length > 0 ? [HISTORY_PLUGIN, examplesPlugin(examples)] : [HISTORY_PLUGIN]}
    />,
  );
}

main();
