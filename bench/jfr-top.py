#!/usr/bin/env python3
"""Summarises a JFR recording's execution samples: where the server's CPU time goes.

    python3 bench/jfr-top.py recording.jfr [more.jfr ...] [TOP]

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


# components whose share of the samples (anywhere on the stack) says where a GraphQL request's time goes
COMPONENTS = [("graphql.parser.", "graphql-java: parse"), ("graphql.validation.", "graphql-java: validate"),
              ("graphql.execution.", "graphql-java: execute"),
              ("org.springframework.graphql.observation.", "Spring GraphQL: observations (Micrometer)"),
              ("org.springframework.graphql.data.method.", "Spring GraphQL: controller method invocation"),
              ("org.springframework.graphql.execution.ContextDataFetcherDecorator", "Spring GraphQL: context propagation per field"),
              ("org.dataloader.", "java-dataloader"), ("org.postgresql.", "PostgreSQL JDBC driver"),
              ("net.ttddyy.", "datasource-proxy (SQL counter)"), ("org.newsgraph.", "NewsGraph code"),
              ("io.micrometer.context.", "Micrometer context-propagation"), ("reactor.", "Reactor"),
              ("tools.jackson.", "Jackson (JSON)"), ("org.springframework.security.", "Spring Security"),
              ("org.apache.catalina.", "Tomcat")]


def main():
    paths = [a for a in sys.argv[1:] if a.endswith(".jfr")]
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    top = int(numbers[0]) if numbers else 15
    events = []
    for path in paths:
        raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "2048", "--events", "jdk.ExecutionSample", path],
                             check=True, capture_output=True, text=True).stdout
        events += json.loads(raw)["recording"]["events"]
    path = ", ".join(paths)
    component_total = collections.Counter()
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
        for prefix, label in COMPONENTS:
            if any(n.startswith(prefix) for n in names):
                component_total[label] += 1
    n = len(events) or 1
    print(f"{len(events)} execution samples in {path}")
    print("by area (self = top frame; total = anywhere on the stack):")
    for a, c in area_self.most_common():
        print(f"  {a:18} self {100 * c / n:5.1f}%   total {100 * area_total[a] / n:5.1f}%")
    print("by component (anywhere on the stack):")
    for prefix, label in COMPONENTS:
        print(f"  {label:48} {100 * component_total[label] / n:5.1f}%")
    print(f"hottest methods by self time:")
    for name, c in self_time.most_common(top):
        print(f"  {100 * c / n:5.1f}%  {name}")
    print(f"NewsGraph methods by total time:")
    ours = [(name, c) for name, c in total.most_common()
            if name.startswith("org.newsgraph.") and ".doFilter" not in name]  # servlet filters wrap everything
    for name, c in ours[:top]:
        print(f"  {100 * c / n:5.1f}%  {name}")
    allocations(paths, top)


def allocations(paths, top):
    """Allocated bytes (jdk.ObjectAllocationSample weights) by component and by first non-JDK frame."""
    events = []
    for path in paths:
        raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "2048", "--events", "jdk.ObjectAllocationSample",
                              path], check=True, capture_output=True, text=True).stdout
        events += json.loads(raw)["recording"]["events"]
    total = sum(e["values"]["weight"] for e in events) or 1
    components = collections.Counter()
    sites = collections.Counter()
    for e in events:
        frames = (e["values"].get("stackTrace") or {}).get("frames") or []
        names = [(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".") for f in frames]
        for prefix, label in COMPONENTS:
            if any(n.startswith(prefix) for n in names):
                components[label] += e["values"]["weight"]
        site = next((n for n in names if not n.startswith(("java.", "jdk.", "sun."))), None)
        if site:
            sites[site] += e["values"]["weight"]
    print(f"allocation samples: {len(events)} ({total / 1e6:.0f} MB sampled weight)")
    print("allocated bytes by component (anywhere on the stack):")
    for prefix, label in COMPONENTS:
        print(f"  {label:48} {100 * components[label] / total:5.1f}%")
    print("top allocation sites (first non-JDK frame):")
    for name, w in sites.most_common(top):
        print(f"  {100 * w / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
