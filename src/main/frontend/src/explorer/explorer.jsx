// NewsGraph explorer: search, actor pages (timeline chart, clickable network, statements) and event pages
// (participants by role, sub-events, coverage over time). Talks to the GraphQL endpoint of this origin only,
// with urql and automatic persisted queries.
import { Client, fetchExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import cytoscape from 'cytoscape';
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ACTOR, EVENT, SEARCH } from './queries.js';
import './explorer.css';

const endpoint = document.querySelector('meta[name="graphql-path"]')?.content || '/graphql';

// Every request the page sends, for the browser test: its operation and whether it went as a persisted query.
window.__explorerRequests = [];
function recordingFetch(url, init) {
  try {
    const body = JSON.parse(init.body);
    window.__explorerRequests.push({
      url: new URL(String(url), window.location.href).href,
      operationName: body.operationName,
      persisted: Boolean(body.extensions?.persistedQuery?.sha256Hash),
      withQuery: typeof body.query === 'string',
    });
  } catch {
    window.__explorerRequests.push({ url: new URL(String(url), window.location.href).href });
  }
  return fetch(url, init);
}

const client = new Client({
  url: endpoint,
  exchanges: [persistedExchange({ preferGetForPersistedQueries: false }), fetchExchange],
  fetch: recordingFetch,
  requestPolicy: 'cache-first',
});

function useQuery(query, variables) {
  const [state, setState] = useState({ fetching: true });
  const key = JSON.stringify(variables);
  useEffect(() => {
    let live = true;
    setState({ fetching: true });
    client.query(query, variables).toPromise().then((result) => {
      if (live) setState({ fetching: false, data: result.data, error: result.error });
    });
    return () => { live = false; };
  }, [query, key]);
  return state;
}

function useRoute() {
  const read = () => {
    const [, page, id] = (window.location.hash || '#/').slice(1).split('/');
    return { page: page || 'search', id: id ? decodeURIComponent(id) : null };
  };
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute(read());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

const actorLink = (id) => `#/actor/${encodeURIComponent(id)}`;
const eventLink = (id) => `#/event/${encodeURIComponent(id)}`;

function Problem({ error }) {
  return error ? <p className="problem" role="alert">{error.message}</p> : null;
}

function Search() {
  const [text, setText] = useState(new URLSearchParams(window.location.search).get('q') || '');
  const [query, setQuery] = useState(text);
  return (
    <section>
      <form className="search" onSubmit={(e) => { e.preventDefault(); setQuery(text.trim()); }}>
        <input data-testid="search-input" type="search" value={text} placeholder="Search actors, events, statements…"
          aria-label="Search" onChange={(e) => setText(e.target.value)} autoFocus />
        <button type="submit">Search</button>
      </form>
      {query ? <SearchResults query={query} /> : <p className="hint">Try “Zelensky”, “London talks” or “ceasefire”.</p>}
    </section>
  );
}

function SearchResults({ query }) {
  const { fetching, data, error } = useQuery(SEARCH, { query });
  if (fetching) return <p className="hint">Searching…</p>;
  const edges = data?.search.edges ?? [];
  return (
    <>
      <Problem error={error} />
      <ul className="results" data-testid="search-results">
        {edges.map(({ node }, i) => (
          <li key={i}>
            {node.__typename === 'Actor' && <a href={actorLink(node.id)}>{node.name} <small>{node.actorKind}</small></a>}
            {node.__typename === 'Event' && <a href={eventLink(node.id)}>{node.title} <small>{node.eventKind}</small></a>}
            {node.__typename === 'Statement' && (
              <span>“{node.text}” — <a href={actorLink(node.speaker.id)}>{node.speaker.name}</a></span>
            )}
            {node.__typename === 'Article' && <span>{node.title}</span>}
          </li>
        ))}
        {edges.length === 0 && !error && <li className="hint">Nothing found.</li>}
      </ul>
    </>
  );
}

function BucketPicker({ bucket, onChange }) {
  return (
    <span className="buckets" role="group" aria-label="Period">
      {['DAY', 'WEEK', 'MONTH', 'YEAR'].map((b) => (
        <button key={b} type="button" className={b === bucket ? 'on' : ''} onClick={() => onChange(b)}>{b.toLowerCase()}</button>
      ))}
    </span>
  );
}

// Bars per period; periods coarser than the bucket (items datable only to the week, month...) are drawn
// hatched and labelled with their precision, never spread over guessed days.
function TimelineChart({ timeline }) {
  const points = timeline.points;
  const max = Math.max(1, ...points.map((p) => Math.max(p.statements, p.articles)));
  const width = Math.max(320, points.length * 50);
  const height = 160;
  const bar = 12;
  return (
    <figure className="timeline" data-testid="timeline">
      <svg width={width} height={height + 40} role="img" aria-label="Statements and articles over time">
        {points.map((p, i) => {
          const x = i * 50 + 4;
          const coarse = p.period.precision !== timeline.bucket;
          const hs = (p.statements / max) * height;
          const ha = (p.articles / max) * height;
          return (
            <g key={i} data-testid="timeline-point" data-precision={p.period.precision}>
              <title>{`${p.period.start}${p.period.end !== p.period.start ? ' – ' + p.period.end : ''} (${p.period.precision}): ${p.statements} statements, ${p.articles} articles`}</title>
              <rect x={x} y={height - hs} width={bar} height={hs} className={coarse ? 'statements coarse' : 'statements'} />
              <rect x={x + bar + 2} y={height - ha} width={bar} height={ha} className="articles" />
              <text x={x} y={height + 14} className="label">{p.period.start.slice(timeline.bucket === 'YEAR' ? 0 : 2, timeline.bucket === 'YEAR' ? 4 : 10)}</text>
              {coarse && <text x={x} y={height + 28} className="label coarse-label">{p.period.precision.toLowerCase()}</text>}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="key statements">statements</span> <span className="key articles">articles</span>{' '}
        <span className="key coarse">datable only to a coarser period</span>
        {timeline.undatedStatements > 0 && <> · {timeline.undatedStatements} undated statements</>}
      </figcaption>
    </figure>
  );
}

function NetworkGraph({ actor, network }) {
  const container = useRef(null);
  useEffect(() => {
    if (!container.current) return undefined;
    const elements = [
      { data: { id: actor.id, label: actor.name, center: 1 } },
      ...network.map((edge) => ({ data: { id: edge.actor.id, label: edge.actor.name } })),
      ...network.map((edge) => ({
        data: { id: `${actor.id}>${edge.actor.id}`, source: actor.id, target: edge.actor.id, weight: edge.weight },
      })),
    ];
    const maxWeight = Math.max(1, ...network.map((e) => e.weight));
    const cy = cytoscape({
      container: container.current,
      elements,
      layout: {
        name: 'concentric', concentric: (n) => (n.data('center') ? 2 : 1), levelWidth: () => 1,
        minNodeSpacing: 50, padding: 30, animate: false,
      },
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 9, 'text-valign': 'bottom', 'text-margin-y': 3, 'background-color': '#4a78b5', width: 16, height: 16 } },
        { selector: 'node[center]', style: { 'background-color': '#c0392b', width: 24, height: 24, 'font-weight': 'bold' } },
        { selector: 'edge', style: { width: (e) => 1 + (5 * e.data('weight')) / maxWeight, 'line-color': '#9aa9bd' } },
      ],
      userZoomingEnabled: false,
      autoungrabify: true,
    });
    cy.on('tap', 'node', (event) => {
      const id = event.target.id();
      if (id !== actor.id) window.location.hash = actorLink(id).slice(1);
    });
    window.__explorerGraph = cy;
    return () => { cy.destroy(); if (window.__explorerGraph === cy) window.__explorerGraph = null; };
  }, [actor.id, JSON.stringify(network)]);
  return <div className="graph" ref={container} data-testid="network-graph" />;
}

function Actor({ id }) {
  const [bucket, setBucket] = useState('MONTH');
  const { fetching, data, error } = useQuery(ACTOR, { id, bucket });
  if (fetching && !data) return <p className="hint">Loading…</p>;
  const actor = data?.actor;
  if (!actor) return <><Problem error={error} /><p className="hint">No such actor.</p></>;
  return (
    <article data-testid="actor-page">
      <h1 data-testid="actor-name">{actor.name}</h1>
      <p className="meta">{actor.kind}{actor.description ? ` · ${actor.description}` : ''}{actor.aliases.length ? ` · also ${actor.aliases.join(', ')}` : ''}</p>
      <h2>Over time <BucketPicker bucket={bucket} onChange={setBucket} /></h2>
      <TimelineChart timeline={actor.timeline} />
      <h2>Network</h2>
      <div className="network">
        <NetworkGraph actor={actor} network={actor.network} />
        <ol className="edges" data-testid="network-list">
          {actor.network.map((edge) => (
            <li key={edge.actor.id}>
              <a href={actorLink(edge.actor.id)}>{edge.actor.name}</a>{' '}
              <small>{edge.weight} · {edge.links.map((l) => `${l.via.toLowerCase().replaceAll('_', ' ')} ${l.weight}`).join(', ')}</small>
            </li>
          ))}
        </ol>
      </div>
      <h2>Statements <small>({actor.statements.totalCount})</small></h2>
      <ul className="statements" data-testid="statements">
        {actor.statements.edges.map(({ node }) => (
          <li key={node.id}>
            <blockquote>{node.text}</blockquote>
            <p className="meta">
              {node.saidOn ? `${node.saidOn}${node.saidOnPrecision !== 'DAY' ? ` (${node.saidOnPrecision.toLowerCase()})` : ''}` : 'undated'}
              {' · '}{node.article.publisher ? `${node.article.publisher.name}: ` : ''}
              <a href={node.article.url} rel="noreferrer">{node.article.title}</a>
              {node.relayedVia.length > 0 && <> · via {node.relayedVia.map((r, i) => (
                <span key={r.id}>{i > 0 && ' → '}<a href={actorLink(r.id)}>{r.name}</a></span>))}</>}
            </p>
            {node.events.length > 0 && (
              <p className="events">about {node.events.map((e, i) => (
                <span key={e.id}>{i > 0 && ', '}<a href={eventLink(e.id)}>{e.title}</a></span>))}</p>
            )}
          </li>
        ))}
      </ul>
    </article>
  );
}

/** Says how many of a list the page leaves out (it shows the first page of a connection). */
function More({ shown, total, what }) {
  return total > shown ? <p className="hint">and {total - shown} more {what}</p> : null;
}

function Event({ id }) {
  const [bucket, setBucket] = useState('DAY');
  const { fetching, data, error } = useQuery(EVENT, { id, bucket });
  if (fetching && !data) return <p className="hint">Loading…</p>;
  const event = data?.event;
  if (!event) return <><Problem error={error} /><p className="hint">No such event.</p></>;
  const roles = {};
  const participants = event.participantsConnection;
  const subEvents = event.subEventsConnection;
  participants.edges.forEach(({ node: p }) => { (roles[p.role] ??= []).push(p); });
  return (
    <article data-testid="event-page">
      <h1 data-testid="event-title">{event.title}</h1>
      <p className="meta">{event.kind} · {event.status}{event.startsOn ? ` · ${event.startsOn} (${event.startsOnPrecision.toLowerCase()})` : ''}{event.location ? ` · ${event.location}` : ''}</p>
      {event.description && <p>{event.description}</p>}
      {event.parent && <p>Part of <a href={eventLink(event.parent.id)}>{event.parent.title}</a></p>}
      <h2>Participants</h2>
      <dl className="roles" data-testid="participants">
        {Object.entries(roles).map(([role, list]) => (
          <div key={role}>
            <dt>{role.toLowerCase()}</dt>
            <dd>{list.map((p, i) => (
              <span key={p.id}>{i > 0 && ', '}<a href={actorLink(p.actor.id)}>{p.actor.name}</a>
                {p.represents && <small> for {p.represents.name}</small>}</span>))}</dd>
          </div>
        ))}
      </dl>
      <More shown={participants.edges.length} total={participants.totalCount} what="participants" />
      {subEvents.edges.length > 0 && (
        <>
          <h2>Sub-events</h2>
          <ul data-testid="sub-events">{subEvents.edges.map(({ node: e }) => <li key={e.id}><a href={eventLink(e.id)}>{e.title}</a></li>)}</ul>
          <More shown={subEvents.edges.length} total={subEvents.totalCount} what="sub-events" />
        </>
      )}
      <h2>Coverage over time <BucketPicker bucket={bucket} onChange={setBucket} /></h2>
      <TimelineChart timeline={event.timeline} />
      <table className="coverage" data-testid="coverage">
        <thead><tr><th>Outlet</th><th>Articles</th><th>Statements</th><th>First</th><th>Last</th></tr></thead>
        <tbody>
          {event.coverage.map((c, i) => (
            <tr key={i}>
              <td>{c.publisher ? <a href={actorLink(c.publisher.id)}>{c.publisher.name}</a> : 'unknown'}</td>
              <td>{c.articles}</td><td>{c.statements}</td>
              <td>{c.firstPublishedAt ?? ''}</td><td>{c.lastPublishedAt ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}

function App() {
  const route = useRoute();
  return (
    <>
      <header><a href="#/" className="home">NewsGraph explorer</a></header>
      <main>
        {route.page === 'actor' && route.id ? <Actor id={route.id} />
          : route.page === 'event' && route.id ? <Event id={route.id} />
          : <Search />}
      </main>
    </>
  );
}

createRoot(document.getElementById('explorer')).render(<StrictMode><App /></StrictMode>);
