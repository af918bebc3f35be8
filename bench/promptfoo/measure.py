#!/usr/bin/env python3
"""Runs one command and writes to OUT_JSON the resources its whole process tree used.

    measure.py OUT_JSON -- COMMAND [ARGS...]

- wall: seconds from start to the command's exit;
- user, sys: CPU seconds of the command and every descendant it waited for (getrusage children);
- peak_tree_rss_mb: the largest sum of RSS over the command and all its descendants, sampled from
  /proc every 20 ms (a process tree can hold more than its largest member);
- max_single_rss_mb: the largest RSS any one process reached (ru_maxrss, exact, not sampled);
- host_steal: the share of the machine's CPU time the hypervisor gave to others meanwhile (steal
  in /proc/stat): on a shared virtual machine, every time above moves with it.
The command's own output goes to this process's stdout/stderr; its exit status is returned.
"""
import json
import os
import resource
import subprocess
import sys
import time


def children_of():
    """Maps each pid to its child pids, from /proc/*/stat."""
    kids = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: split after the last ')'.
        fields = stat[stat.rfind(b")") + 2:].split()
        kids.setdefault(int(fields[1]), []).append(int(entry))
    return kids


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except OSError:
        return 0


def tree_rss_kb(root):
    kids = children_of()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss_kb(pid)
        todo.extend(kids.get(pid, []))
    return total


def cpu_times():
    """The machine's CPU time counters (all CPUs) from /proc/stat: (total, steal)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    return sum(fields[:8]), fields[7] if len(fields) > 7 else 0


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit("usage: measure.py OUT_JSON -- COMMAND [ARGS...]")
    out_path, command = sys.argv[1], sys.argv[3:]
    total_before, steal_before = cpu_times()
    start = time.monotonic()
    child = subprocess.Popen(command)
    peak = 0
    while child.poll() is None:
        peak = max(peak, tree_rss_kb(child.pid))
        time.sleep(0.02)
    wall = time.monotonic() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    total_after, steal_after = cpu_times()
    result = {
        "wall": round(wall, 3),
        "user": round(usage.ru_utime, 3),
        "sys": round(usage.ru_stime, 3),
        "peak_tree_rss_mb": round(peak / 1024, 1),
        "max_single_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "host_steal": round((steal_after - steal_before) / max(1, total_after - total_before), 4),
        "exit": child.returncode,
    }
    with open(out_path, "w") as f:
        json.dump(result, f)
    return child.returncode


if __name__ == "__main__":
    sys.exit(main())
