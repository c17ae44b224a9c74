#!/usr/bin/env python3
"""Runs a command and prints the CPU time (user + system) of it and of ALL its descendants, also the
daemons it starts and that outlive their parent (the embedded PostgreSQL, which pg_ctl leaves behind):
this process makes itself their "subreaper" (Linux prctl PR_SET_CHILD_SUBREAPER), so orphans are
re-parented here and their CPU is counted when they are reaped.

    bench/cpu-of.py OUTFILE command args...

The command's output passes through; OUTFILE gets one line: "<cpu seconds> <wall seconds>".
"""
import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def main():
    out, command = sys.argv[1], sys.argv[2:]
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit("prctl(PR_SET_CHILD_SUBREAPER) failed: %s" % os.strerror(ctypes.get_errno()))
    started = time.monotonic()
    child = subprocess.Popen(command)
    status = None
    # reap the command and every orphan re-parented here, until none is left
    while True:
        try:
            pid, code = os.wait()
        except ChildProcessError:
            break
        if pid == child.pid:
            status = os.waitstatus_to_exitcode(code)
    wall = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "w") as f:
        f.write("%.2f %.2f\n" % (usage.ru_utime + usage.ru_stime, wall))
    sys.exit(status if status is not None else 0)


if __name__ == "__main__":
    main()
