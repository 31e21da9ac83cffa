#!/usr/bin/env bash
# The whole conformance suite through each way a DUT can be reached: a command line (nowan adapter on
# stdin/stdout), a TCP port (nowan adapter --listen) and a serial line (nowan adapter --serial on one
# end of a socat pseudo-terminal pair). npm test runs the whole suite through the first two and a
# vector of every area through the serial line; this runs all three in full.
# Usage: scripts/conformance-transports.sh   (needs socat)
set -euo pipefail
cd "$(dirname "$0")/.."
# Background servers are started as node itself (not through the function) so $! is the pid to stop.
nowan() { node --import tsx cli/main.ts "$@"; }
dir=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$dir"' EXIT

wait_for() { # file, pattern
  for _ in $(seq 1 300); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for $2 in $1" >&2; cat "$1" >&2; return 1
}

echo "== command: nowan adapter"
nowan conformance --target "node --import tsx cli/main.ts adapter" --json "$dir/command.json" | tail -3

echo "== tcp: nowan adapter --listen"
node --import tsx cli/main.ts adapter --listen tcp://127.0.0.1:0 2>"$dir/tcp.err" & pids+=($!)
wait_for "$dir/tcp.err" 'listening on'
port=$(sed -n 's/^listening on tcp:\/\/127\.0\.0\.1:\([0-9]*\)$/\1/p' "$dir/tcp.err")
nowan conformance --target "tcp://127.0.0.1:$port" --json "$dir/tcp.json" | tail -3

echo "== serial: nowan adapter --serial over a socat pty pair"
socat -d -d "pty,raw,echo=0,link=$dir/meter" "pty,raw,echo=0,link=$dir/runner" 2>"$dir/socat.err" & pids+=($!)
wait_for "$dir/socat.err" 'starting data transfer loop'
node --import tsx cli/main.ts adapter --serial "$dir/meter" 2>"$dir/serial.err" & pids+=($!)
wait_for "$dir/serial.err" 'serving on'
nowan conformance --target "serial:$dir/runner?baud=115200" --json "$dir/serial.json" | tail -3

node -e '
const [c, t, s] = process.argv.slice(1).map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")));
for (const r of [c, t, s]) console.log(`${r.dut.transport.padEnd(8)} ${r.passed}/${r.total} passed, ${r.durationMs} ms`);
const same = (a, b) => JSON.stringify(a.results.map((x) => [x.id, x.passed])) === JSON.stringify(b.results.map((x) => [x.id, x.passed]));
if (!same(c, t) || !same(c, s) || c.failed || t.failed || s.failed) { console.error("transports disagree or failed"); process.exit(1); }
' "$dir/command.json" "$dir/tcp.json" "$dir/serial.json"
