#!/usr/bin/env python3
"""Turns Benchmarks/out/results.jsonl (written by run.sh) into Markdown tables of medians,
the Redis comparison with its ratio, RSS figures, the 10M-row figure and the issue-5 targets."""
import json
import statistics
import sys
from collections import defaultdict


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def num(x):
    return float(x) if x is not None else None


def fmt_ops(v):
    return "-" if v is None else f"{v:,.0f}"


def fmt_us(v):
    if v is None:
        return "-"
    return f"{v / 1000:.2f} ms" if v >= 1000 else f"{v:.0f} us"


def fmt_mib(v):
    return "-" if v is None else f"{v / 1048576:.1f} MiB"


def cells(rows, phase):
    groups = defaultdict(list)
    for row in rows:
        if row.get("phase") == phase:
            r = row["result"]
            groups[(r["mix"], r["connections"], r["depth"], r.get("idempotency", False))].append(r)
    return groups


def summary(runs):
    errors = defaultdict(int)
    for r in runs:
        for k, v in r["errors"].items():
            errors[k] += v
    return {
        "ops": med(num(r["ops_per_s"]) for r in runs),
        "p50": med(num(r["p50_us"]) for r in runs),
        "p99": med(num(r["p99_us"]) for r in runs),
        "p999": med(num(r["p999_us"]) for r in runs),
        "gen": med(num(r["client_cpu_pct"]) for r in runs),
        "daemon": med(num(r.get("daemon_cpu_pct")) for r in runs),
        "rpc": med(num(r.get("requests_per_commit")) for r in runs),
        "errors": ", ".join(f"{k} {v}" for k, v in sorted(errors.items())) or "none",
        "n": len(runs),
    }


def table(groups, title):
    out = [f"### {title}", "",
           "| mix | conns | depth | ops/s | p50 | p99 | p99.9 | writes/commit | generator CPU | daemon CPU | errors (all runs) |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    order = {"consume": 0, "get90": 1, "reserve-commit": 2, "get": 3, "health": 4}
    for key in sorted(groups, key=lambda k: (order.get(k[0], 9), k[1], k[2])):
        s = summary(groups[key])
        mix = key[0] + (" +idem" if key[3] else "")
        rpc = "-" if s["rpc"] is None else f"{s['rpc']:.1f}"
        gen = "-" if s["gen"] is None else f"{s['gen']:.0f}%"
        dae = "-" if s["daemon"] is None else f"{s['daemon']:.0f}%"
        out.append(f"| {mix} | {key[1]} | {key[2]} | {fmt_ops(s['ops'])} | {fmt_us(s['p50'])} | {fmt_us(s['p99'])} | "
                   f"{fmt_us(s['p999'])} | {rpc} | {gen} | {dae} | {s['errors']} |")
    out.append("")
    return out


def main(path):
    rows = load(path)
    out = []
    machine = next((r for r in rows if r.get("phase") == "machine"), None)
    if machine:
        out += ["## Machine", "",
                f"- nproc {machine['nproc']}, CPU {machine['cpu']}, memory {machine['mem_kb'] // 1024} MiB, kernel {machine['kernel']}",
                f"- {machine['swift']}; sqlite3 CLI {machine['sqlite']}",
                f"- date {machine['date']}; each cell {machine['duration']} s measured (after warm-up), {machine['repeats']} runs, medians shown", ""]

    for phase, title in [("generator", "Generator check: system.health, 64 connections (no database work)"),
                         ("matrix", "billingd matrix (durable: answered after the batch is synced)"),
                         ("idempotency", "consume with a unique idempotency_key per request")]:
        groups = cells(rows, phase)
        if groups:
            out += table(groups, title)

    # Redis
    redis = defaultdict(list)
    for row in rows:
        if row.get("phase") == "redis":
            parts = row["csv"].split(",")
            # test, rps, avg, min, p50, p95, p99, max (latencies in ms)
            redis[(row["appendfsync"], row["pipeline"])].append(
                {"rps": float(parts[1]), "p50": float(parts[4]) * 1000, "p99": float(parts[6]) * 1000})
    matrix = cells(rows, "matrix")
    if redis:
        out += ["### Redis 7: Lua check balance + DECRBY + XADD (redis-benchmark -c 64, EVALSHA)", "",
                "| appendfsync | pipeline | ops/s | p50 | p99 |", "|---|---:|---:|---:|---:|"]
        for key in sorted(redis):
            runs = redis[key]
            out.append(f"| {key[0]} | {key[1]} | {fmt_ops(med(r['rps'] for r in runs))} | {fmt_us(med(r['p50'] for r in runs))} | "
                       f"{fmt_us(med(r['p99'] for r in runs))} |")
        check = next((r for r in rows if r.get("phase") == "redis_check"), None)
        if check:
            out.append(f"\nRedis stream length after the runs: {check['xlen']} (requests sent: {check['expected']}).")
        out += ["", "### Side by side: durable consume, 64 connections", "",
                "| depth / pipeline | billingd ops/s | Redis always ops/s | ratio | Redis everysec ops/s | ratio |",
                "|---:|---:|---:|---:|---:|---:|"]
        for depth in (1, 32):
            ours = matrix.get(("consume", 64, depth, False))
            if not ours:
                continue
            b = summary(ours)["ops"]
            a = med(r["rps"] for r in redis.get(("always", depth), []))
            e = med(r["rps"] for r in redis.get(("everysec", depth), []))
            ra = f"{b / a:.2f}x" if a else "-"
            re_ = f"{b / e:.2f}x" if e else "-"
            out.append(f"| {depth} | {fmt_ops(b)} | {fmt_ops(a)} | {ra} | {fmt_ops(e)} | {re_} |")
        out.append("")

    # RSS
    idle = next((r["rss_bytes"] for r in rows if r.get("phase") == "rss_idle"), None)
    after = next((r["rss_bytes"] for r in rows if r.get("phase") == "rss_after_load"), None)
    thousand = med(r["result"]["rss_bytes"] for r in rows if r.get("phase") == "rss_1000")
    opened = med(r["result"]["open_connections"] for r in rows if r.get("phase") == "rss_1000")
    redis_rss = next((r["rss_bytes"] for r in rows if r.get("phase") == "redis_rss"), None)
    out += ["### Memory (RSS)", "", "| when | RSS |", "|---|---:|",
            f"| billingd idle, just started | {fmt_mib(idle)} |",
            f"| billingd with {opened if opened is not None else 1000:.0f} open connections | {fmt_mib(thousand)} |",
            f"| billingd after the whole matrix | {fmt_mib(after)} |",
            f"| redis-server after its runs | {fmt_mib(redis_rss)} |", ""]

    # 10M rows
    empty = cells(rows, "big_empty")
    big = cells(rows, "big_10m")
    loaded = next((r for r in rows if r.get("phase") == "big_load"), None)
    if empty and big:
        out += ["### usage_logs with 10 million rows", ""]
        if loaded:
            out.append(f"Loaded {loaded['rows']:,} rows in {loaded['load_ms'] / 1000:.0f} s; database file {loaded['db_bytes'] / 1e9:.2f} GB.\n")
        out += ["| consume, 64 conns | empty ops/s | 10M ops/s | ratio | empty p99 | 10M p99 |", "|---:|---:|---:|---:|---:|---:|"]
        for key in sorted(empty):
            if key in big:
                e, b = summary(empty[key]), summary(big[key])
                out.append(f"| depth {key[2]} | {fmt_ops(e['ops'])} | {fmt_ops(b['ops'])} | {b['ops'] / e['ops']:.2f} | "
                           f"{fmt_us(e['p99'])} | {fmt_us(b['p99'])} |")
        out.append("")

    # Targets
    def ops(mix, c, d):
        g = matrix.get((mix, c, d, False))
        return summary(g) if g else None

    out += ["### Issue 5 targets", "", "| target | measured | verdict |", "|---|---|---|"]
    c1, c32 = ops("consume", 64, 1), ops("consume", 64, 32)
    best = max([s for s in (c1, c32) if s], key=lambda s: s["ops"], default=None)
    ra = med(r["rps"] for r in redis.get(("always", 1), []))
    ra32 = med(r["rps"] for r in redis.get(("always", 32), []))
    if c1 and ra:
        out.append(f"| consume 64 conns >= 1.5x Redis appendfsync always (depth 1 vs -P 1) | {c1['ops'] / ra:.2f}x | "
                   f"{'met' if c1['ops'] >= 1.5 * ra else 'missed'} |")
    if c32 and ra32:
        out.append(f"| same, pipelined (depth 32 vs -P 32) | {c32['ops'] / ra32:.2f}x | {'met' if c32['ops'] >= 1.5 * ra32 else 'missed'} |")
    if best:
        out.append(f"| >= 50x SQLAlchemy (700-1,100/s, i.e. >= 55,000/s for the upper figure) | {best['ops']:,.0f}/s = "
                   f"{best['ops'] / 1100:.0f}x-{best['ops'] / 700:.0f}x | {'met' if best['ops'] >= 55000 else ('met vs 700/s only' if best['ops'] >= 35000 else 'missed')} |")
    for s, d in ((c1, 1), (c32, 32)):
        if s:
            out.append(f"| p99 < 2 ms, consume 64 conns depth {d} | {fmt_us(s['p99'])} | {'met' if s['p99'] < 2000 else 'missed'} |")
    g = [s for s in (ops("get", 64, 1), ops("get", 64, 32)) if s]
    if g:
        gb = max(g, key=lambda s: s["ops"])
        out.append(f"| credits.get 64 conns >= 100,000/s | {gb['ops']:,.0f}/s (best depth) | {'met' if gb['ops'] >= 100000 else 'missed'} |")
    if idle:
        out.append(f"| idle RSS < 30 MB | {fmt_mib(idle)} | {'met' if idle < 30e6 else 'missed'} |")
    if thousand:
        out.append(f"| RSS with 1,000 connections < 100 MB | {fmt_mib(thousand)} | {'met' if thousand < 100e6 else 'missed'} |")
    if empty and big:
        ratios = [summary(big[k])["ops"] / summary(empty[k])["ops"] for k in empty if k in big]
        if ratios:
            out.append(f"| 10M rows >= 80% of empty | {min(ratios) * 100:.0f}% (worst depth) | {'met' if min(ratios) >= 0.8 else 'missed'} |")
    out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "Benchmarks/out/results.jsonl")
