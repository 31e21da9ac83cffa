#!/usr/bin/env bash
# End to end: run the real `npm start` in an 80x24 tmux window, type the first demo token, then type it
# again, and read the screen each time. Every byte the emulator writes is kept, to check that it never
# clears the whole screen after its first frame (ink does so once a frame is as tall as the terminal).
# Usage: scripts/e2e-keypad.sh   (needs tmux; prints both screens; exit 0 when all is well)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "tmux is not installed" >&2; exit 2; }
session="nowan-e2e-$$"
raw=$(mktemp)
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -f "$raw"' EXIT
tmux new-session -d -s "$session" -x 80 -y 24 "sleep 0.5; npm start --silent"
tmux pipe-pane -o -t "$session" "cat >> '$raw'"
screen() { tmux capture-pane -p -t "$session"; }
for _ in $(seq 1 100); do
  screen | grep -q 'top-up £10' && break
  sleep 0.2
done
token=$(screen | sed -n 's/^top-up £10 *//p' | head -1)
[[ -n "$token" ]] || { echo "no demo token on screen" >&2; screen; exit 1; }

tmux send-keys -t "$session" "$token"
sleep 0.3
tmux send-keys -t "$session" Enter
sleep 0.8
accepted=$(screen)
echo "--- after the demo top-up (80x24) ---"
echo "$accepted"

tmux send-keys -t "$session" "$token"
sleep 0.3
tmux send-keys -t "$session" Enter
sleep 0.8
refused=$(screen)
echo "--- after typing the same token again (80x24) ---"
echo "$refused"
tmux send-keys -t "$session" q
sleep 0.3

fail=0
grep -q 'ADDED £10.00' <<<"$accepted" || { echo "e2e: the top-up was not accepted" >&2; fail=1; }
grep -q 'DUPLICATE' <<<"$refused" || { echo "e2e: the second entry was not refused as DUPLICATE" >&2; fail=1; }
grep -q '^╭' <<<"$refused" || { echo "e2e: the top border of the LCD is cut off" >&2; fail=1; }
# ESC[2J (erase screen) or ESC[3J (erase scrollback): a full-screen clear
clears=$({ grep -aoE $'\x1b\\[[23]J' "$raw" || true; } | wc -l)
[[ "$clears" -eq 0 ]] || { echo "e2e: the emulator cleared the whole screen $clears times" >&2; fail=1; }
[[ "$fail" -eq 0 ]] && echo "e2e: OK, top-up accepted, repeat refused, no full-screen clears at 80x24"
exit "$fail"
