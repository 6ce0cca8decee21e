#!/usr/bin/env bash
# Opens the gallery page fullscreen, without a cursor, crash bubbles or a first-run dialog, and
# waits for the server first (at power-on the browser may be faster than the JVM). The page itself
# reconnects when the server restarts.
set -euo pipefail
url="${1:-http://127.0.0.1:8721/}"
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$url" && break
  sleep 1
done
profile="${XDG_STATE_HOME:-$HOME/.local/state}/bloom/kiosk-profile"
mkdir -p "$profile"
# a power cut leaves Chromium believing it crashed: say it exited cleanly so no bubble shows
sed -i 's/"exited_cleanly":false/"exited_cleanly":true/; s/"exit_type":"Crashed"/"exit_type":"Normal"/' \
  "$profile/Default/Preferences" 2>/dev/null || true
exec chromium --kiosk --user-data-dir="$profile" --noerrdialogs --disable-infobars --no-first-run \
  --disable-session-crashed-bubble --autoplay-policy=no-user-gesture-required --disable-features=Translate "$url"
