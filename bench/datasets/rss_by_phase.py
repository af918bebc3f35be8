#!/usr/bin/env python3
"""Runs `modelcompare run ...` and samples its resident memory every 20 ms, printing the peak while
cases are being sent (run.db's run_info state is "running"; the exports that read the store back
come after) and the peak over the whole process.

    rss_by_phase.py RUNS_PARENT -- BINARY run CONFIG [args...]
"""
import os
import sqlite3
import subprocess
import sys
import time

def sending(run_dir):
    """True until the run leaves the "running" state (or while its store is not readable yet)."""
    try:
        db = sqlite3.connect(f"file:{os.path.join(run_dir, 'run.db')}?mode=ro", uri=True, timeout=0.1)
        try:
            row = db.execute("SELECT value FROM run_info WHERE key = 'state'").fetchone()
        finally:
            db.close()
        return row is None or row[0] == "running"
    except sqlite3.Error:
        return True


parent = sys.argv[1]
command = sys.argv[sys.argv.index("--") + 1:]
before = set(os.listdir(parent)) if os.path.isdir(parent) else set()
process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
sending_peak = whole_peak = 0
run_dir = None
while process.poll() is None:
    try:
        with open(f"/proc/{process.pid}/status") as f:
            rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        break
    whole_peak = max(whole_peak, rss)
    if run_dir is None and os.path.isdir(parent):
        new = [d for d in os.listdir(parent) if d not in before and os.path.isdir(os.path.join(parent, d))]
        run_dir = os.path.join(parent, new[0]) if new else None
    if run_dir is None or sending(run_dir):
        sending_peak = max(sending_peak, rss)
    time.sleep(0.02)
print(f"sending_peak_kib={sending_peak} whole_peak_kib={whole_peak} exit={process.wait()}")
