#!/usr/bin/env python3
"""Summarises a JFR recording's execution samples: where the server's CPU time goes.

    python3 bench/jfr-top.py recording.jfr [TOP]

Prints the hottest methods by self time (top frame) and by total time (anywhere on the stack, for
the methods of the areas that matter: NewsGraph, graphql-java, Spring GraphQL, Jackson, JDBC/PostgreSQL,
HikariCP, Tomcat).
"""
import collections
import json
import subprocess
import sys

AREAS = [("org.newsgraph.", "NewsGraph"), ("graphql.", "graphql-java"), ("org.dataloader.", "java-dataloader"),
         ("org.springframework.graphql.", "Spring GraphQL"), ("tools.jackson.", "Jackson"),
         ("com.fasterxml.jackson.", "Jackson"), ("org.postgresql.", "PostgreSQL JDBC"), ("com.zaxxer.hikari.", "HikariCP"),
         ("org.apache.tomcat.", "Tomcat"), ("org.apache.catalina.", "Tomcat"), ("org.apache.coyote.", "Tomcat"),
         ("org.springframework.jdbc.", "Spring JDBC"), ("org.springframework.web.", "Spring MVC"),
         ("io.micrometer.", "Micrometer"), ("java.util.regex.", "JDK regex"), ("java.", "JDK"), ("jdk.", "JDK"),
         ("sun.", "JDK")]


def area(frame_name):
    for prefix, name in AREAS:
        if frame_name.startswith(prefix):
            return name
    return "other"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    raw = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    self_time = collections.Counter()
    total = collections.Counter()
    area_self = collections.Counter()
    area_total = collections.Counter()
    for event in events:
        frames = (event["values"].get("stackTrace") or {}).get("frames") or []
        names = [(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".") for f in frames]
        if not names:
            continue
        self_time[names[0]] += 1
        area_self[area(names[0])] += 1
        for name in set(names):
            total[name] += 1
        for a in {area(n) for n in names}:
            area_total[a] += 1
    n = len(events) or 1
    print(f"{len(events)} execution samples in {path}")
    print("by area (self = top frame; total = anywhere on the stack):")
    for a, c in area_self.most_common():
        print(f"  {a:18} self {100 * c / n:5.1f}%   total {100 * area_total[a] / n:5.1f}%")
    print(f"hottest methods by self time:")
    for name, c in self_time.most_common(top):
        print(f"  {100 * c / n:5.1f}%  {name}")
    print(f"NewsGraph methods by total time:")
    ours = [(name, c) for name, c in total.most_common() if name.startswith("org.newsgraph.")]
    for name, c in ours[:top]:
        print(f"  {100 * c / n:5.1f}%  {name}")


if __name__ == "__main__":
    main()
