# shellcheck shell=bash
# Settings shared by scripts/kafka-start.sh and scripts/kafka-stop.sh (sourced, not run).
# Every value can be overridden from the environment.
# shellcheck disable=SC2034 # the variables are used by the scripts that source this file

KAFKA_VERSION="${KAFKA_VERSION:-4.3.1}"
KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
# Jars and data live outside the repo so a clean clone, `git clean` or a second checkout reuses them.
NEXUS_KAFKA_HOME="${NEXUS_KAFKA_HOME:-${HOME:-/root}/.cache/nexus-kafka}"
KAFKA_LIBS_DIR="$NEXUS_KAFKA_HOME/$KAFKA_VERSION/libs"
# One data dir per port, so brokers on different ports (KAFKA_PORT) never share a log dir.
KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-$NEXUS_KAFKA_HOME/$KAFKA_VERSION/data-$KAFKA_PORT}"
KAFKA_PID_FILE="$KAFKA_DATA_DIR/kafka.pid"
KAFKA_LOG_FILE="$KAFKA_DATA_DIR/kafka.log"
KAFKA_JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

KAFKA_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

kafka_port_answers() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$KAFKA_HOST/$KAFKA_PORT" 2>/dev/null
}

# Prints the pid from the pid file if that process is still our broker (pids get reused).
kafka_running_pid() {
  local pid
  [[ -f "$KAFKA_PID_FILE" ]] || return 1
  pid="$(<"$KAFKA_PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $KAFKA_DATA_DIR/server.properties" || return 1
  printf '%s\n' "$pid"
}
