// Bundles the offline GraphiQL page with esbuild.
//
//   node build.mjs <outdir> [--operations <dir>]
//
// <outdir>/../explore receives the explorer (src/explorer: index.html, explorer.js, explorer.css), which the
// app serves at /explore.
// <outdir> (or env GRAPHIQL_OUT_DIR) receives index.html, graphiql.js, graphiql.css, the three Monaco
// worker bundles, the fonts and examples.json (one entry per *.graphql file in the operations folder).
// Maven passes target/classes/static/graphiql, which the app serves at /graphiql/.
// --operations (or env GRAPHIQL_OPERATIONS_DIR) defaults to the repository's graphql/operations.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const args = { outdir: process.env.GRAPHIQL_OUT_DIR, operations: process.env.GRAPHIQL_OPERATIONS_DIR };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--operations') args.operations = argv[++i];
    else if (argv[i].startsWith('--operations=')) args.operations = argv[i].slice('--operations='.length);
    else if (!argv[i].startsWith('--')) args.outdir = argv[i];
    else throw new Error(`unknown option ${argv[i]}`);
  }
  if (!args.outdir) throw new Error('usage: node build.mjs <outdir> [--operations <dir>] (or set GRAPHIQL_OUT_DIR)');
  args.outdir = resolve(args.outdir);
  args.operations = resolve(args.operations ?? join(here, '..', '..', '..', 'graphql', 'operations'));
  return args;
}

// Browsers with module scripts, module workers aside (the workers are classic scripts).
const target = ['es2022', 'chrome111', 'edge111', 'firefox111', 'safari16.4'];

const common = {
  bundle: true,
  minify: true,
  target,
  platform: 'browser',
  logLevel: 'warning',
  legalComments: 'eof',
  define: { 'process.env.NODE_ENV': '"production"' },
  absWorkingDir: here,
};

const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light dark">
  <title>NewsGraph · GraphiQL</title>
  <!-- The server rewrites this to the GraphQL endpoint (context path + spring.graphql.http.path). -->
  <meta name="graphql-path" content="">
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="graphiql.css">
  <script type="module" src="graphiql.js"></script>
</head>
<body>
  <div id="graphiql"><div class="newsgraph-loading">Loading GraphiQL…</div></div>
  <noscript>GraphiQL needs JavaScript.</noscript>
</body>
</html>
`;

const EXPLORER_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>NewsGraph · Explorer</title>
  <!-- The server rewrites this to the GraphQL endpoint (context path + spring.graphql.http.path). -->
  <meta name="graphql-path" content="">
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="explorer.css">
  <script type="module" src="explorer.js"></script>
</head>
<body>
  <div id="explorer">Loading the explorer…</div>
  <noscript>The explorer needs JavaScript.</noscript>
</body>
</html>
`;

/** One example per graphql/operations/*.graphql, named after the file; NAME.variables.json if present. */
function collectExamples(dir) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return null;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => a.localeCompare(b));
  return files.map((file) => {
    const name = basename(file, '.graphql');
    const example = { name, query: readFileSync(join(dir, file), 'utf8') };
    const variablesFile = join(dir, `${name}.variables.json`);
    if (existsSync(variablesFile)) {
      const text = readFileSync(variablesFile, 'utf8');
      JSON.parse(text); // fail the build on broken JSON rather than ship it
      example.variables = text.trim();
    }
    return example;
  });
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

async function main() {
  const { outdir, operations } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });

  // The page: React + GraphiQL + Monaco, CSS extracted to graphiql.css, fonts copied next to it.
  // Code splitting turns GraphiQL's dynamic imports (Monaco, Prettier) into chunks/*.js, so the first
  // script is smaller and Prettier loads only when a user prettifies.
  const page = esbuild.build({
    ...common,
    entryPoints: { graphiql: 'src/graphiql.jsx' },
    outdir,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    jsx: 'automatic',
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'dataurl', '.png': 'dataurl' },
    assetNames: '[name]-[hash]',
  });

  // Monaco's language workers, each one self-contained classic script; graphiql.jsx returns them
  // from MonacoEnvironment.getWorker.
  const workers = esbuild.build({
    ...common,
    entryPoints: {
      'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
      'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
      'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
    },
    outdir,
    format: 'iife',
  });

  // The explorer: React + urql (persisted queries) + Cytoscape.js, one script and one stylesheet.
  const explorerDir = resolve(outdir, '..', 'explore');
  rmSync(explorerDir, { recursive: true, force: true });
  mkdirSync(explorerDir, { recursive: true });
  const explorer = esbuild.build({
    ...common,
    entryPoints: { explorer: 'src/explorer/explorer.jsx' },
    outdir: explorerDir,
    format: 'esm',
    jsx: 'automatic',
  });

  await Promise.all([page, workers, explorer]);
  writeFileSync(join(explorerDir, 'index.html'), EXPLORER_HTML);

  // esbuild writes the CSS that Monaco's lazily imported modules import into chunks/*.css, which no
  // page loads; graphiql/style.css (in graphiql.css) already carries all of Monaco's styles.
  const chunks = join(outdir, 'chunks');
  if (existsSync(chunks)) {
    for (const f of readdirSync(chunks).filter((f) => f.endsWith('.css'))) unlinkSync(join(chunks, f));
  }

  writeFileSync(join(outdir, 'index.html'), INDEX_HTML);

  // Always written (an empty list without the folder), so the page's fetch of it never 404s.
  const examples = collectExamples(operations);
  writeFileSync(join(outdir, 'examples.json'), JSON.stringify(examples ?? [], null, 2) + '\n');
  console.log(
    examples === null
      ? `graphiql: examples.json empty (no folder ${operations})`
      : `graphiql: examples.json with ${examples.length} example(s) from ${operations}`,
  );

  // Nothing in the bundle may load from another host: no absolute URL in the page's src/href or in a
  // CSS url(), no import of an absolute URL in the scripts (as Spring's built-in page does from esm.sh).
  const external = [];
  const patterns = {
    html: /(?:src|href)\s*=\s*["']?(?:https?:)?\/\/[^"'\s>]+/g,
    css: /url\(\s*["']?(?:https?:)?\/\/[^)]+\)|@import\s+(?:url\()?\s*["']?(?:https?:)?\/\//g,
    js: /(?:\bimport\s*\(\s*|\bfrom\s*|\bimport\s*)["'](?:https?:)?\/\/[^"']+["']|importScripts\(\s*["'](?:https?:)?\/\//g,
  };
  for (const file of [...listFiles(outdir), ...listFiles(explorerDir)]) {
    const pattern = patterns[file.slice(file.lastIndexOf('.') + 1)];
    if (!pattern) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(pattern)) {
      external.push(`${relative(outdir, file)}: ${m[0].slice(0, 120)}`);
    }
  }
  if (external.length) throw new Error(`bundle references other hosts:\n  ${external.join('\n  ')}`);

  let total = 0;
  const lines = [...listFiles(outdir), ...listFiles(explorerDir)]
    .sort()
    .map((f) => {
      const size = statSync(f).size;
      total += size;
      return `  ${relative(dirname(outdir), f).padEnd(36)} ${(size / 1024).toFixed(0).padStart(6)} KiB`;
    });
  console.log(`graphiql: built ${outdir} in ${Date.now() - started} ms\n${lines.join('\n')}\n  ${'total'.padEnd(36)} ${(total / 1024).toFixed(0).padStart(6)} KiB`);
}

main().catch((error) => {
  console.error(`graphiql: build failed: ${error.message ?? error}`);
  process.exit(1);
});
