#!/usr/bin/env python3
"""Prints the medians and ratios of bench/promptfoo/run.sh's measurements (one JSON object a line).

    summarize.py MEASUREMENTS.jsonl
"""
import json
import math
import statistics
import sys

CONCURRENCY = 16


def median(rows, key):
    return statistics.median(r[key] for r in rows)


def describe(rows):
    wall = median(rows, "wall")
    cpu = statistics.median(r["user"] + r["sys"] for r in rows)
    calls = rows[0]["calls"]
    return {
        "runs": len(rows),
        "wall": wall,
        "cpu": cpu,
        "cpu_ms_per_call": 1000 * cpu / calls,
        "rss": median(rows, "peak_tree_rss_mb"),
        "single_rss": median(rows, "max_single_rss_mb"),
        "steal": statistics.median(r.get("host_steal", 0) for r in rows),
        "slots": {key: statistics.median(r["slots"][key] for r in rows)
                  for key in ("span_s", "mean_in_flight", "server_ms", "idle_ms_per_call",
                              "connections")
                  if all(key in r.get("slots", {}) for r in rows)},
    }


def line(label, d, extra=""):
    print(f"  {label:<10} runs {d['runs']}  wall {d['wall']:7.2f} s  cpu {d['cpu']:7.2f} s "
          f"({d['cpu_ms_per_call']:6.2f} ms/call)  peak RSS {d['rss']:7.1f} MB (tree), "
          f"{d['single_rss']:7.1f} MB (largest process), host steal {100 * d['steal']:.1f} %{extra}")


def main():
    rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
    print("\n== medians (wall: whole command; cpu: user+sys of the process tree; "
          "RSS: peak of the summed tree, sampled every 20 ms)")
    for scenario in dict.fromkeys(r["scenario"] for r in rows):
        in_scenario = [r for r in rows if r["scenario"] == scenario]
        for n in sorted({r["n"] for r in in_scenario}):
            latency = in_scenario[0]["latency_ms"]
            print(f"{scenario}: N={n}, latency {latency} ms, {2 * n} calls a run")
            by_tool = {}
            for tool in ("promptfoo", "ours"):
                selected = [r for r in in_scenario if r["tool"] == tool and r["n"] == n]
                if not selected:
                    continue
                d = describe(selected)
                by_tool[tool] = d
                extra = ""
                if latency > 0:
                    ideal = math.ceil(2 * n / CONCURRENCY) * latency / 1000
                    extra = f"  efficiency {ideal / d['wall']:.3f} (ideal {ideal:.2f} s)"
                line(tool, d, extra)
                if latency > 0 and len(d["slots"]) == 5:
                    s = d["slots"]
                    print(f"             server's view: calls from first read to last answer "
                          f"{s['span_s']:.2f} s (wall minus that: {d['wall'] - s['span_s']:.2f} s), "
                          f"{s['mean_in_flight']:.2f} in flight on average, {s['server_ms']:.1f} "
                          f"ms a call, {s['idle_ms_per_call']:.2f} ms idle slot time a call, "
                          f"{s['connections']:.0f} connections")
            if "promptfoo" in by_tool and "ours" in by_tool:
                p, o = by_tool["promptfoo"], by_tool["ours"]
                print(f"  ratios (ours / promptfoo): wall {o['wall'] / p['wall']:.4f} "
                      f"(1/{p['wall'] / o['wall']:.1f}), cpu {o['cpu'] / p['cpu']:.4f} "
                      f"(1/{p['cpu'] / o['cpu']:.1f}), peak RSS {o['rss'] / p['rss']:.4f} "
                      f"(1/{p['rss'] / o['rss']:.1f})")
        ours_by_n = {n: describe([r for r in in_scenario if r["tool"] == "ours" and r["n"] == n])
                     for n in sorted({r["n"] for r in in_scenario if r["tool"] == "ours"})}
        if scenario == "rss-10k" and 1000 in ours_by_n and 10000 in ours_by_n:
            a, b = ours_by_n[1000], ours_by_n[10000]
            print(f"  RSS growth N=10000 / N=1000: tree {b['rss'] / a['rss']:.3f}, "
                  f"largest process {b['single_rss'] / a['single_rss']:.3f} (target < 1.20)")


if __name__ == "__main__":
    main()
