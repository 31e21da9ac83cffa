#!/usr/bin/env bash
# End to end: run the real `npm start` under tmux, type the first demo token, read the screen.
# Usage: scripts/e2e-keypad.sh   (needs tmux; prints the captured screen; exit 0 when the top-up shows)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "tmux is not installed" >&2; exit 2; }
session="nowan-e2e-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT
tmux new-session -d -s "$session" -x 150 -y 40 "npm start --silent"
for _ in $(seq 1 50); do
  tmux capture-pane -p -t "$session" | grep -q 'top-up £10' && break
  sleep 0.2
done
token=$(tmux capture-pane -p -t "$session" | sed -n 's/^top-up £10 *//p' | head -1)
[[ -n "$token" ]] || { echo "no demo token on screen" >&2; tmux capture-pane -p -t "$session"; exit 1; }
tmux send-keys -t "$session" "$token"
sleep 0.3
tmux send-keys -t "$session" Enter
sleep 0.5
screen=$(tmux capture-pane -p -t "$session")
echo "$screen"
tmux send-keys -t "$session" q
grep -q 'ADDED £10.00' <<<"$screen" && echo "e2e: OK, the demo top-up was accepted"
