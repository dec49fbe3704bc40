#!/usr/bin/env bash
# Rebuilds Fuzz/corpus/: one seed per `send` line of Protocol/transcripts/*.jsonl, plus a few
# hand-made streams the transcripts cannot express (see README.md for the 2-byte header).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/corpus"
rm -rf "$out"
mkdir -p "$out"

# Header "\x00\x00": default 1 MiB line limit, the whole stream in one read.
for transcript in "$here"/../Protocol/transcripts/*.jsonl; do
    name="$(basename "$transcript" .jsonl)"
    n=0
    while IFS= read -r encoded; do
        n=$((n + 1))
        { printf '\x00\x00'; printf '%s' "$encoded" | base64 -d; printf '\n'; } > "$out/$name-$(printf %03d "$n")"
    done < <(jq -r 'select(has("send")) | .send | @base64' "$transcript")
done

seed() { printf "$2" > "$out/hand-$1"; }
# Several requests in one stream, cut into short reads (header byte 1 = 7), with CRLF and blank lines.
seed multi-line '\x00\x07{"jsonrpc":"2.0","id":1,"method":"system.health"}\r\n\r\n \t\n{"id":2,"method":"plans.get","params":{"plan_id":"pro"}}\n[{"id":3,"method":"credits.get","params":{"user_id":"u"}},{"method":"system.clock"}]\n'
# A last line with no newline before EOF.
seed unterminated '\x00\x00{"jsonrpc":"2.0","id":"eof","method":"system.clock"}'
# Line limit 16 bytes (header byte 0 = 0x8F): a long line split over reads, then a short one.
seed oversized '\x8f\x03{"jsonrpc":"2.0","id":1,"method":"system.health"}\n{"id":2}\n[]\n'
# Invalid UTF-8 inside a string, a lone surrogate escape, a NUL byte.
seed invalid-utf8 '\x00\x00{"id":1,"method":"credits.get","params":{"user_id":"\xc3\x28\xff"}}\n{"id":2,"method":"x\\ud800"}\n{"id":3,"method":"a\x00b"}\n'
# Nesting past the parser's depth limit.
seed deep "\\x00\\x00$(printf '[%.0s' {1..70})$(printf ']%.0s' {1..70})\\n"
# Money and time edge cases in params.
seed values '\x00\x00{"id":1,"method":"credits.consume","params":{"user_id":"u","amount":1,"cost_usd":"1e-6"}}\n{"id":2,"method":"payments.record","params":{"user_id":"u","amount":-0.10,"currency":"USD","status":"pending"}}\n{"id":3,"method":"credits.grant","params":{"user_id":"u","amount":9223372036854775808,"expires_at":"2026-02-29T00:00:00+23:59"}}\n'
# Regressions: inputs that once crashed or broke a property (see README.md, "Findings").
seed regress-money-exponent '\x00\x00{"id":1,"method":"credits.consume","params":{"user_id":"u","amount":1,"cost_usd":"1e-9223372036854775808"}}\n'
seed regress-time-offset '\x00\x00{"id":1,"method":"credits.grant","params":{"user_id":"u","amount":1,"expires_at":"0000-01-01T00:00:00+01:00"}}\n["9999-12-31T23:30:00-01:00"]\n'
echo "$(ls "$out" | wc -l) seeds in $out"
