#!/usr/bin/env python3
"""Reads the fake server's GET /timeline (JSON [[connection, read_us, written_us], ...]) and prints
one JSON object: how busy the SLOTS request slots were as the server saw them.

    timeline.py TIMELINE.json LATENCY_MS SLOTS

- span_s: first request read to last answer written;
- mean_in_flight: calls in flight averaged over the span (SLOTS when the client never lets a slot
  rest);
- server_ms: mean time from reading a request to writing its answer (the latency plus the
  server's own delay);
- idle_ms_per_call: the span's unused slot time, SLOTS x span - sum of call times, per call: the
  client's delay between an answer and the next request on that slot;
- connections: how many connections the calls came over (SLOTS when every one is reused).
"""
import json
import sys


def main():
    calls = json.load(open(sys.argv[1]))
    slots = int(sys.argv[3])
    if not calls:
        print(json.dumps({}))
        return
    start = min(c[1] for c in calls)
    end = max(c[2] for c in calls)
    span = (end - start) / 1e6
    busy = sum(c[2] - c[1] for c in calls) / 1e6
    print(json.dumps({
        "span_s": span,
        "mean_in_flight": busy / span if span > 0 else 0,
        "server_ms": 1000 * busy / len(calls),
        "idle_ms_per_call": 1000 * (slots * span - busy) / len(calls),
        "connections": len({c[0] for c in calls}),
    }))


if __name__ == "__main__":
    main()
