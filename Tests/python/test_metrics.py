"""`system.metrics` and `billingd metrics` parse with the Prometheus project's own text parser."""
import os
import subprocess

from prometheus_client.parser import text_string_to_metric_families

from conftest import BINARY, call


def families(text):
    return {family.name: family for family in text_string_to_metric_families(text)}


def sample(family, suffix="", **labels):
    """The value of the one sample of `family` named name+suffix with exactly `labels`."""
    matches = [s.value for s in family.samples if s.name == family.name + suffix and s.labels == labels]
    assert len(matches) == 1, f"{family.name}{suffix}{labels}: {family.samples}"
    return matches[0]


def test_metrics_text_parses_and_counts_what_happened(daemon):
    assert "result" in call(daemon, "subscriptions.create", {"user_id": "p1", "plan_id": "free"})
    assert "result" in call(daemon, "credits.consume", {"user_id": "p1", "amount": 2})
    refused = call(daemon, "credits.consume", {"user_id": "p1", "amount": 1000})
    assert refused["error"]["data"]["type"] == "insufficient_credits"
    unsigned = call(daemon, "webhooks.lemonsqueezy", {"payload": "{}", "signature": "00"})
    assert unsigned["error"]["data"]["type"] == "unavailable"

    printed = subprocess.run([BINARY, "metrics", "--socket", daemon], capture_output=True, text=True, timeout=60)
    assert printed.returncode == 0, printed.stderr
    found = families(printed.stdout)
    # prometheus_client drops a counter's _total suffix from the family name.
    assert found["billingd_requests"].type == "counter"
    assert sample(found["billingd_requests"], "_total", method="credits.consume") == 2
    assert sample(found["billingd_request_errors"], "_total", method="credits.consume", error_type="insufficient_credits") == 1
    assert sample(found["billingd_webhook_deliveries"], "_total", outcome="unavailable") == 1
    latency = found["billingd_request_duration_seconds"]
    assert latency.type == "histogram"
    buckets = [s for s in latency.samples if s.name.endswith("_bucket") and s.labels["method"] == "credits.consume"]
    counts = [s.value for s in sorted(buckets, key=lambda s: float(s.labels["le"]))]
    assert counts == sorted(counts), "buckets are cumulative"
    assert counts[-1] == sample(latency, "_count", method="credits.consume") == 2
    batches = found["billingd_write_batch_size_requests"]
    assert batches.type == "histogram"
    assert sample(batches, "_sum") >= 3
    assert sample(found["billingd_commit_duration_seconds"], "_count") == sample(batches, "_count")
    assert found["billingd_write_queue_depth"].type == "gauge"
    assert sample(found["billingd_open_connections"]) >= 1
    assert sample(found["billingd_resident_memory_bytes"]) > 1_000_000
    assert sample(found["billingd_scheduler_failures"], "_total") == 0
    for name, family in found.items():
        # node_exporter's textfile collector serves these next to its own process_* and node_* families.
        assert name.startswith("billingd_"), name
        assert family.documentation, f"{name} has no HELP"


def test_system_metrics_answers_the_same_format_over_the_socket(daemon):
    answer = call(daemon, "system.metrics")["result"]
    assert answer["content_type"] == "text/plain; version=0.0.4"
    found = families(answer["text"])
    assert sample(found["billingd_requests"], "_total", method="system.metrics") == 0  # counted once answered
    assert sample(found["billingd_build_info"], version=call(daemon, "system.health")["result"]["version"]) == 1


def test_output_file_is_replaced_whole(daemon, workdir):
    target = os.path.join(workdir, "billingd.prom")
    with open(target, "w") as old:
        old.write("stale\n")
    written = subprocess.run([BINARY, "metrics", "--socket", daemon, "--output", target], capture_output=True, text=True, timeout=60)
    assert written.returncode == 0, written.stderr
    with open(target) as new:
        assert "billingd_requests" in families(new.read())
    assert not [name for name in os.listdir(workdir) if ".tmp." in name], "no temporary file is left behind"
