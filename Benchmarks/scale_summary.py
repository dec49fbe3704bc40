#!/usr/bin/env python3
"""Benchmarks/scale_summary.py SCALE_JSONL [LOAD_JSONL]: the scale.sh figures next to issue 11's targets.

Prints markdown: the machine, the load average while each part ran (from the 5 s samples), the
figures (medians where a part was repeated, with every run listed) and a target table.
"""
import json
import statistics
import sys


def read(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def mb(b):
    return "%.1f MiB (%.1f MB)" % (b / 1048576, b / 1e6)


def median(values):
    return statistics.median(values) if values else None


def main():
    lines = read(sys.argv[1])
    samples = read(sys.argv[2]) if len(sys.argv) > 2 else []

    out = []
    machine = next((l for l in lines if l.get("phase") == "machine"), {})
    out.append("Machine: %s cores, %s, %d MiB RAM, kernel %s, %s, SQLite %s; commit %s; started %s." % (
        machine.get("nproc"), machine.get("cpu"), machine.get("mem_kb", 0) // 1024, machine.get("kernel"),
        machine.get("swift"), machine.get("sqlite"), machine.get("commit"), machine.get("date")))
    if samples:
        xs = [s["load1"] for s in samples]
        out.append("1-minute load average over the whole run (every 5 s): %.1f-%.1f, median %.1f." % (
            min(xs), max(xs), median(xs)))
    out.append("")

    # Idle RSS
    idle = [l for l in lines if l.get("phase") == "idle_rss"]
    idle_rss = [l["rss_bytes"] for l in idle]
    out.append("### Idle RSS (fresh daemon, empty database, 2 s after it answered)")
    out.append("")
    for l in idle:
        out.append("- start %d: VmRSS %s (RssAnon %s: heap and stacks; RssFile %s: mapped pages of the binary and its libraries), VmHWM %s, %d threads, %d fds" % (
            l["repeat"], mb(l["rss_bytes"]), mb(l.get("anon_bytes", 0)), mb(l.get("file_bytes", 0)), mb(l["hwm_bytes"]), l["threads"], l["fds"]))
    out.append("")

    # One million users
    fund = next((l for l in lines if l.get("phase") == "fund_1m"), None)
    rss1m = next((l for l in lines if l.get("phase") == "rss_1m"), None)
    rssbig = next((l for l in lines if l.get("phase") == "rss_1m_big"), None)
    big_users = machine.get("big_users", 0)
    out.append("### %s users" % format(big_users, ","))
    out.append("")
    if fund:
        out.append("- funded %d users through the socket (credits.grant + idempotency key each) in %.1f s (%.0f/s); RSS then %s" % (
            fund["users"], fund["ms"] / 1000, fund["users"] / (fund["ms"] / 1000), mb(fund["rss_bytes"])))
    for phase, what in (("sweep_consume", "one credits.consume per user"), ("sweep_get", "one credits.get per user"),
                        ("sweep_get_big", "one credits.get per user, after the usage-row load and restart")):
        l = next((l for l in lines if l.get("phase") == phase and "result" in l), None)
        if l:
            r = l["result"]
            out.append("- %s: %d answers at %s ops/s, p99 %.2f ms, errors %s, daemon RSS after %s" % (
                what, r["requests"], r["ops_per_s"], float(r["p99_us"]) / 1000, r["errors"] or "none",
                mb(r["rss_bytes"]) if r.get("rss_bytes") else "n/a"))
    if rss1m:
        out.append("- after both sweeps: VmRSS %s, VmHWM %s, %d threads, %d fds; %d accounts, %d usage rows" % (
            mb(rss1m["rss_bytes"]), mb(rss1m["hwm_bytes"]), rss1m["threads"], rss1m["fds"], rss1m["accounts"], rss1m["usage_rows"]))
    if rssbig:
        out.append("- big database, daemon restarted, after the consume runs and a credits.get per user: VmRSS %s, VmHWM %s, %d usage rows, file %.2f GB" % (
            mb(rssbig["rss_bytes"]), mb(rssbig["hwm_bytes"]), rssbig["usage_rows"], rssbig["db_bytes"] / 1e9))
    load = next((l for l in lines if l.get("phase") == "big_load"), None)
    if load:
        out.append("- loaded %d usage rows in total (sqlite3 CLI, %.0f s); database file %.2f GB" % (
            load["rows"], load["load_ms"] / 1000, load["db_bytes"] / 1e9))
    rows_load = next((l for l in lines if l.get("phase") == "rows_load"), None)
    if rows_load:
        out.append("- rows-only database: %d usage rows over %s users (%.0f s); file %.2f GB" % (
            rows_load["rows"], format(rows_load["users"], ","), rows_load["load_ms"] / 1000, rows_load["db_bytes"] / 1e9))
    out.append("")

    # Start to serving
    starts = [l for l in lines if l.get("phase") == "startup"]
    dc = next((l for l in lines if l.get("phase") == "drop_caches_permitted"), {})
    out.append("### Start to serving (process start to the first answered system.health)")
    out.append("")
    out.append("drop_caches permitted: %s." % dc.get("permitted"))
    by_mode = {}
    for l in starts:
        by_mode.setdefault(l["mode"], []).append(l)
    for mode, ls in by_mode.items():
        ms = [l["ms"] for l in ls if l["ok"]]
        extra = ""
        if mode == "cold":
            res = ["%.1f MB (database files %.1f MB)" % (l["resident_bytes_after_evict"] / 1e6, l["resident_db_bytes_after_evict"] / 1e6)
                   for l in ls if l.get("resident_bytes_after_evict") is not None]
            extra = "; evicted with %s; still in the page cache after eviction (binary, libraries, database): %s" % (
                ls[0].get("evicted_with"), ", ".join(res))
        out.append("- %s: %s ms (median %s); RSS at first answer %s KiB; load %s%s" % (
            mode, ", ".join("%.0f" % m for m in ms), "%.0f" % median(ms) if ms else "n/a",
            ", ".join(str(l["rss_kib_at_first_answer"]) for l in ls),
            ", ".join("%.1f" % l["loadavg"] for l in ls), extra))
    out.append("")

    # Ratio
    ratio = [l for l in lines if l.get("phase") == "ratio" and "result" in l]
    start = next((l for l in lines if l.get("phase") == "ratio_start"), {})
    out.append("### consume, 64 connections: empty, rows-only and big databases (alternating, same run)")
    out.append("")
    out.append("Usage rows at the start: big %s, rows-only %s, empty %s." % (
        start.get("big_usage_rows"), start.get("rows_usage_rows"), start.get("empty_usage_rows")))
    out.append("")
    out.append("| db | users | depth | runs (ops/s @ load) | median ops/s | median p99 ms | daemon µs/op (median) |")
    out.append("|---|---:|---:|---|---:|---:|---:|")
    cells = {}
    for l in ratio:
        r = l["result"]
        cells.setdefault((l["db"], r["depth"]), []).append(r)
    medians = {}
    for (db, depth), rs in sorted(cells.items()):
        ops = [float(r["ops_per_s"]) for r in rs]
        medians[(db, depth)] = median(ops)
        users = format(big_users if db == "big_all_users" else machine.get("users", 0), ",")
        per_op = [float(r["daemon_cpu_us_per_op"]) for r in rs if r.get("daemon_cpu_us_per_op") is not None]
        out.append("| %s | %s | %d | %s | %.0f | %.1f | %s |" % (
            db, users, depth, ", ".join("%.0f @ %s" % (float(r["ops_per_s"]), r["loadavg"]) for r in rs), median(ops),
            median([float(r["p99_us"]) / 1000 for r in rs]), "%.0f" % median(per_op) if per_op else "n/a"))
    out.append("")

    # Targets
    out.append("### Targets")
    out.append("")
    out.append("| target | measured | verdict |")
    out.append("|---|---|---|")
    if rss1m:
        worst = max(rss1m["rss_bytes"], rssbig["rss_bytes"] if rssbig else 0)
        out.append("| %s users with state loaded: RSS <= 500 MB | %s after a grant, a consume and a get per user; %s on the %s-row database (VmHWM %s) | %s |" % (
            format(big_users, ","),
            mb(rss1m["rss_bytes"]), mb(rssbig["rss_bytes"]) if rssbig else "n/a", format(machine.get("big_rows", 0), ","),
            mb(max(rss1m["hwm_bytes"], rssbig["hwm_bytes"] if rssbig else 0)), "met" if worst <= 500e6 else "MISSED"))
    if idle_rss:
        out.append("| idle RSS < 30 MB | %s (median of %d starts) | %s |" % (
            mb(median(idle_rss)), len(idle_rss), "met" if median(idle_rss) < 30e6 else "MISSED"))
    for mode, ls in by_mode.items():
        ms = [l["ms"] for l in ls if l["ok"]]
        if ms:
            out.append("| start to serving < 2 s (%s, %s rows, %s users) | median %.0f ms, worst %.0f ms | %s |" % (
                mode, format(machine.get("big_rows", 0), ","), format(big_users, ","), median(ms), max(ms), "met" if max(ms) < 2000 else "MISSED"))
    for depth in (1, 32):
        e = medians.get(("empty", depth))
        for db, what in (("rows", "usage rows over %s users" % format(machine.get("users", 0), ",")),
                         ("big", "usage rows and %s accounts" % format(big_users, ","))):
            b = medians.get((db, depth))
            if e and b:
                out.append("| %s %s >= 90%% of empty (consume, 64 conns, depth %d) | %.0f vs %.0f ops/s = %.0f%% | %s |" % (
                    format(machine.get("big_rows", 0), ","), what, depth, b, e, 100 * b / e, "met" if b / e >= 0.9 else "MISSED"))
    print("\n".join(out))


if __name__ == "__main__":
    main()
