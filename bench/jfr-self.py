#!/usr/bin/env python3
"""Share of a JFR recording's CPU samples spent in given code itself (not in what it calls).

    python3 bench/jfr-self.py recording.jfr PREFIX [PREFIX ...]

A sample counts for a prefix when the first frame from the top that is not the JDK's (java., jdk., sun.)
starts with it: JDK code called by that code (a map look-up in a timer) counts as its own, the JDBC driver
under a JDBC proxy does not. Used for the cost of the metrics on Q1 (bench/README.md).
"""
import collections
import json
import subprocess
import sys


def main():
    path, prefixes = sys.argv[1], sys.argv[2:]
    raw = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    counts = collections.Counter()
    for event in events:
        frames = (event["values"].get("stackTrace") or {}).get("frames") or []
        for frame in frames:
            name = frame["method"]["type"]["name"].replace("/", ".")
            if name.startswith(("java.", "jdk.", "sun.")):
                continue
            for prefix in prefixes:
                if name.startswith(prefix):
                    counts[prefix] += 1
            break
    total = len(events)
    print(f"{total} execution samples in {path}")
    for prefix in prefixes:
        share = 100.0 * counts[prefix] / total if total else 0
        print(f"  {prefix:40s} {counts[prefix]:6d} samples  {share:5.2f} %")
    inside = sum(counts.values())
    print(f"  {'all of them':40s} {inside:6d} samples  {100.0 * inside / total if total else 0:5.2f} %")


if __name__ == "__main__":
    main()
