#!/usr/bin/env python3
"""Writes a synthetic NDJSON import file: one article per line in the db/FORMAT.md format.

Minimal on purpose (the import benchmark's input, not a corpus generator): articles draw their actors
and events from fixed pools, so most references match existing rows after the first articles, as in a
real feed. Deterministic for a given seed.

    python3 bench/generate-articles.py --statements 100000 > /tmp/articles.ndjson
"""
import argparse
import json
import random
import sys

KINDS = ["DIRECT_QUOTE", "PARTIAL_QUOTE", "PARAPHRASE"]
ROLES = ["HOST", "ATTENDEE", "PARTY", "OBSERVER", "MEDIATOR"]
STATUSES = ["SCHEDULED", "HAPPENED", "ONGOING", "PROPOSED"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--statements", type=int, default=100_000, help="total statements (default 100000)")
    parser.add_argument("--per-article", type=int, default=20, help="statements per article (default 20)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bad-every", type=int, default=0, help="make every Nth line invalid (0: none)")
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    articles = (args.statements + args.per_article - 1) // args.per_article
    out = sys.stdout
    for n in range(articles):
        if args.bad_every and n % args.bad_every == args.bad_every - 1:
            out.write('{"url": "https://bench.example/bad/%d", "title": "Bad", "statements": [{"speaker": "nobody"}]}\n' % n)
            continue
        people = rnd.sample(range(5000), 8)
        orgs = rnd.sample(range(300), 3)
        outlet = rnd.randrange(40)
        author = rnd.randrange(800)
        events = rnd.sample(range(2000), 2)
        actors = [
            {"ref": "outlet", "kind": "MEDIA_OUTLET", "name": f"Bench Outlet {outlet}"},
            {"ref": "author", "kind": "PERSON", "name": f"Bench Reporter {author}"},
            {"ref": "source", "kind": "UNNAMED_SOURCE", "name": "a person familiar with the matter"},
        ]
        for p in people:
            actor = {"ref": f"p{p}", "kind": "PERSON", "name": f"Bench Person {p}", "aliases": [f"B. Person {p}"]}
            if p % 10 == 0:
                actor["wikidataId"] = f"Q9{p:07d}"
            if p % 7 == 0:
                actor["affiliations"] = [{"organization": f"o{orgs[0]}", "title": "Minister"}]
            actors.append(actor)
        for o in orgs:
            actors.append({"ref": f"o{o}", "kind": "ORGANIZATION", "name": f"Bench Organisation {o}"})
        event_docs = []
        for e in events:
            day = 1 + e % 28
            event_docs.append({
                "ref": f"e{e}", "externalKey": f"bench-event-{e}", "kind": "MEETING",
                "title": f"Bench meeting {e}", "status": STATUSES[e % len(STATUSES)],
                "startsOn": f"2025-03-{day:02d}", "startsOnPrecision": "DAY",
                "participants": [{"actor": f"p{people[i]}", "role": ROLES[(e + i) % len(ROLES)]} for i in range(3)],
            })
        statements = []
        for s in range(args.per_article):
            speaker = "source" if s % 9 == 8 else f"p{rnd.choice(people)}"
            statement = {
                "speaker": speaker, "kind": rnd.choice(KINDS),
                "text": f"Statement {s} of bench article {n}: " + " ".join(rnd.choice(WORDS) for _ in range(18)),
                "cue": "said", "saidOn": "2025-03-%02d" % (1 + n % 28), "saidOnPrecision": "DAY",
                "mentions": [f"o{rnd.choice(orgs)}"], "events": [f"e{rnd.choice(events)}"],
            }
            if s % 5 == 0:
                statement["relayedVia"] = ["outlet"]
            statements.append(statement)
        doc = {
            "url": f"https://bench.example/{n}", "title": f"Bench article {n}", "publisher": "outlet",
            "publishedAt": "2025-03-%02dT10:00:00Z" % (1 + n % 28), "language": "en",
            "summary": "A generated article for the import benchmark.", "authors": ["author"],
            "actors": actors, "events": event_docs, "statements": statements,
        }
        out.write(json.dumps(doc, separators=(",", ":")) + "\n")


WORDS = ("talks ceasefire minister said agreement proposal sanctions border security council delegation "
         "negotiations support aid troops peace plan capital officials warned meeting week framework").split()

if __name__ == "__main__":
    main()
