#!/usr/bin/env bash
# Stops the broker that scripts/kafka-start.sh started (found through its pid file; the same environment
# overrides apply, e.g. KAFKA_PORT). A clean SIGTERM shutdown first, SIGKILL if it has not exited after
# KAFKA_STOP_TIMEOUT seconds (default 60). Does nothing if that broker is not running.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=kafka/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/kafka/env.sh"

KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-60}"

if ! pid="$(kafka_running_pid)"; then
  rm -f "$KAFKA_PID_FILE"
  echo "kafka-stop: no broker started by kafka-start.sh is running for $KAFKA_DATA_DIR"
  exit 0
fi

kill -TERM "$pid"
deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
while kill -0 "$pid" 2>/dev/null; do
  if ((SECONDS >= deadline)); then
    echo "kafka-stop: broker (pid $pid) still running after ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    break
  fi
  sleep 0.5
done
while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
rm -f "$KAFKA_PID_FILE"
echo "kafka-stop: broker (pid $pid) stopped"
