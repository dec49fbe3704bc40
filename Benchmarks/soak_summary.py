#!/usr/bin/env python3
"""Benchmarks/soak_summary.py SOAK_JSONL SAMPLES_JSONL: soak.sh's minutes, and the first next to the last.

Per minute: each generator's ops/s and p50/p99 (its own 60 s run), and from the 5 s samples
taken inside that minute the daemon's VmRSS (median), open descriptors (max), threads and the
load average. Then the first minute against the last, with the issue's 10% bound.
"""
import json
import statistics
import sys

STREAMS = ("consume", "get", "reserve-commit")


def read(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def change(first, last):
    return 100.0 * (last - first) / first if first else float("nan")


def main():
    lines = read(sys.argv[1])
    samples = read(sys.argv[2])
    rate = next((l for l in lines if l.get("phase") == "rate"), {})
    peaks = [float(l["result"]["ops_per_s"]) for l in lines if l.get("phase") == "peak"]
    minutes = {}
    for l in lines:
        if l.get("phase") == "minute":
            minutes.setdefault(l["minute"], {})[l["stream"]] = l
    out = []
    if peaks:
        out.append("Peak (consume, 64 connections, depth 1, flat out): %s ops/s, median %s; soak rate %s requests/s "
                   "(consume 50%%, get 30%%, reserve+commit 20%%)." % (
                       ", ".join("%.0f" % p for p in peaks), rate.get("peak"), rate.get("rate")))
    else:
        out.append("Soak rate given: %s requests/s (consume 50%%, get 30%%, reserve+commit 20%%); no peak run." % rate.get("rate"))
    machine = next((l for l in lines if l.get("phase") == "machine"), {})
    if machine.get("daemon_args"):
        out.append("Daemon options: `%s`." % machine["daemon_args"])
    out.append("")
    out.append("| minute | consume ops/s | consume p50 / p99 ms | get ops/s | get p99 ms | reserve+commit ops/s | r+c p99 ms | errors | RSS (median) | fds (max) | threads | load (1 min) |")
    out.append("|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|")
    rows = {}
    for m in sorted(minutes):
        streams = minutes[m]
        t0 = min(s["t0"] for s in streams.values())
        t1 = max(s["t"] for s in streams.values())
        inside = [s for s in samples if t0 <= s["t"] <= t1]
        rss = statistics.median(s["rss_bytes"] for s in inside) if inside else None
        fds = max(s["fds"] for s in inside) if inside else None
        threads = max(s["threads"] for s in inside) if inside else None
        loads = [s["load1"] for s in inside]
        row = {"rss": rss, "fds": fds}
        cells = []
        errors = {}
        for name in STREAMS:
            r = streams.get(name, {}).get("result")
            if r is None:
                cells += ["failed", "", ""] if name == "consume" else ["failed", ""]
                continue
            for k, v in r["errors"].items():
                errors[k] = errors.get(k, 0) + v
            row[name + "_ops"] = float(r["ops_per_s"])
            row[name + "_p99"] = float(r["p99_us"]) / 1000
            if name == "consume":
                row["consume_p50"] = float(r["p50_us"]) / 1000
                cells += [r["ops_per_s"], "%.2f / %.2f" % (row["consume_p50"], row["consume_p99"])]
            else:
                cells += [r["ops_per_s"], "%.2f" % row[name + "_p99"]]
        rows[m] = row
        out.append("| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            m, cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], errors or "none",
            "%.1f MiB" % (rss / 1048576) if rss else "n/a", fds, threads,
            "%.1f-%.1f" % (min(loads), max(loads)) if loads else "n/a"))
    out.append("")
    if len(rows) >= 2:
        first, last = rows[min(rows)], rows[max(rows)]
        out.append("First minute vs last minute (target: within 10%):")
        out.append("")
        out.append("| figure | minute %d | minute %d | change | within 10%% |" % (min(rows), max(rows)))
        out.append("|---|---:|---:|---:|---|")
        for key, label, fmt in (("rss", "daemon RSS", lambda v: "%.1f MiB" % (v / 1048576)),
                                ("fds", "open fds", lambda v: "%d" % v),
                                ("consume_p99", "consume p99", lambda v: "%.2f ms" % v),
                                ("get_p99", "credits.get p99", lambda v: "%.2f ms" % v),
                                ("reserve-commit_p99", "reserve/commit p99", lambda v: "%.2f ms" % v),
                                ("consume_ops", "consume ops/s", lambda v: "%.0f" % v)):
            if first.get(key) is not None and last.get(key) is not None:
                c = change(first[key], last[key])
                out.append("| %s | %s | %s | %+.1f%% | %s |" % (label, fmt(first[key]), fmt(last[key]), c,
                                                               "yes" if abs(c) <= 10 else "NO"))
        out.append("")
    hwm = max((s["hwm_bytes"] for s in samples), default=0)
    if samples:
        out.append("Over the soak: VmRSS %.1f-%.1f MiB, VmHWM at the end %.1f MiB, fds %d-%d, database %.0f -> %.0f MB, WAL %.0f-%.0f MB." % (
            min(s["rss_bytes"] for s in samples) / 1048576, max(s["rss_bytes"] for s in samples) / 1048576, hwm / 1048576,
            min(s["fds"] for s in samples), max(s["fds"] for s in samples),
            samples[0]["db_bytes"] / 1e6, samples[-1]["db_bytes"] / 1e6,
            min(s["wal_bytes"] for s in samples) / 1e6, max(s["wal_bytes"] for s in samples) / 1e6))
    verify = next((l for l in lines if l.get("phase") == "verify"), None)
    end = next((l for l in lines if l.get("phase") == "end"), None)
    if verify:
        out.append("`billingd verify` at the end: `%s`" % verify["answer"][:300].strip())
    if end:
        out.append("usage rows at the end: %d." % end["usage_rows"])
    print("\n".join(out))


if __name__ == "__main__":
    main()
