#!/usr/bin/env bash
# Starts a single-node Apache Kafka broker (KRaft, broker+controller in one JVM) on 127.0.0.1:9092 for
# development and tests, using only Java 17 and Maven: the jars come from Maven Central (scripts/kafka/pom.xml)
# into a cache outside the repo, the storage is formatted once, the broker runs in the background and the
# script returns once a topic can be created. Idempotent: exits 0 at once if the port already answers.
#
#   bash scripts/kafka-start.sh               fetch jars if needed, start, wait until ready
#   bash scripts/kafka-start.sh --fetch-only  only make sure the jars are cached (CI warm-up)
#
# Environment: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (port+1), KAFKA_HOST (127.0.0.1), KAFKA_DATA_DIR,
# NEXUS_KAFKA_HOME (~/.cache/nexus-kafka), KAFKA_VERSION, KAFKA_HEAP_OPTS (-Xms256m -Xmx512m),
# KAFKA_START_TIMEOUT (seconds, 90). Stop it with scripts/kafka-stop.sh.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=kafka/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/kafka/env.sh"

KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
READINESS_TOPIC="nexus-broker-readiness"

fail() {
  printf 'kafka-start: %s\n' "$*" >&2
  exit 1
}

usage() {
  # The comment block at the top of this file, without its leading "# ".
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"
}

fetch_only=false
case "${1:-}" in
  "") ;;
  --fetch-only) fetch_only=true ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; fail "unknown argument: $1" ;;
esac

require_java_17() {
  command -v "$KAFKA_JAVA" >/dev/null || fail "java not found (Kafka $KAFKA_VERSION needs Java 17+)"
  local major
  major="$("$KAFKA_JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
  if ! [[ "$major" =~ ^[0-9]+$ ]] || ((major < 17)); then
    fail "Kafka $KAFKA_VERSION needs Java 17+, found '${major:-unknown}' at $KAFKA_JAVA"
  fi
}

# Copies the broker and its runtime dependencies into $KAFKA_LIBS_DIR once; later runs see the marker and
# never call Maven. Locked so concurrent callers (test runner + a developer) don't download twice.
fetch_jars() {
  local marker="$KAFKA_LIBS_DIR/.complete"
  [[ -f "$marker" ]] && return 0
  mkdir -p "$(dirname "$KAFKA_LIBS_DIR")"
  exec 8>"$(dirname "$KAFKA_LIBS_DIR")/.fetch.lock"
  flock -w 600 8 || fail "timed out waiting for another jar download"
  if [[ ! -f "$marker" ]]; then
    command -v mvn >/dev/null || fail "mvn not found: needed once to download Kafka $KAFKA_VERSION from Maven Central"
    local staging="$KAFKA_LIBS_DIR.partial" mvn_log
    mvn_log="$(mktemp)"
    rm -rf "$staging"
    echo "kafka-start: downloading Kafka $KAFKA_VERSION jars into $KAFKA_LIBS_DIR" >&2
    if ! mvn -B -q -Dstyle.color=never -f "$KAFKA_SCRIPT_DIR/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$staging" >"$mvn_log" 2>&1; then
      cat "$mvn_log" >&2
      rm -rf "$mvn_log" "$staging"
      fail "Maven could not fetch org.apache.kafka:kafka_2.13:$KAFKA_VERSION"
    fi
    rm -f "$mvn_log"
    compgen -G "$staging/kafka_2.13-$KAFKA_VERSION.jar" >/dev/null || fail "Maven finished but kafka_2.13-$KAFKA_VERSION.jar is missing"
    rm -rf "$KAFKA_LIBS_DIR"
    mv "$staging" "$KAFKA_LIBS_DIR"
    touch "$marker"
  fi
  exec 8>&-
}

render_config() {
  local log_dir="$KAFKA_DATA_DIR/logs"
  mkdir -p "$log_dir"
  sed -e "s|@HOST@|$KAFKA_HOST|g" -e "s|@PORT@|$KAFKA_PORT|g" \
    -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" -e "s|@LOG_DIR@|$log_dir|g" \
    "$KAFKA_SCRIPT_DIR/server.properties.in" >"$KAFKA_DATA_DIR/server.properties"
}

# `kafka-storage.sh format` once per data dir: a KRaft log dir must carry a cluster id before first start.
format_storage_once() {
  [[ -f "$KAFKA_DATA_DIR/logs/meta.properties" ]] && return 0
  local cluster_id format_log
  # A Kafka Uuid is 16 random bytes in unpadded URL-safe base64 (what `kafka-storage random-uuid` prints).
  cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
  format_log="$(mktemp)"
  if ! "$KAFKA_JAVA" -Xmx256m -Dlog4j2.configurationFile="$KAFKA_SCRIPT_DIR/log4j2.properties" \
    -cp "$KAFKA_LIBS_DIR/*" kafka.tools.StorageTool format \
    --cluster-id "$cluster_id" --config "$KAFKA_DATA_DIR/server.properties" >"$format_log" 2>&1; then
    cat "$format_log" >&2
    rm -f "$format_log"
    fail "could not format $KAFKA_DATA_DIR/logs"
  fi
  rm -f "$format_log"
}

start_broker() {
  [[ -f "$KAFKA_LOG_FILE" ]] && mv -f "$KAFKA_LOG_FILE" "$KAFKA_LOG_FILE.1"
  # setsid + nohup: the broker outlives the shell or test runner that started it. 9>&-: it must not inherit
  # (and so hold forever) the start lock.
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS is a list of JVM flags
  setsid nohup "$KAFKA_JAVA" $KAFKA_HEAP_OPTS -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_SCRIPT_DIR/log4j2.properties" \
    -cp "$KAFKA_LIBS_DIR/*" kafka.Kafka "$KAFKA_DATA_DIR/server.properties" \
    >"$KAFKA_LOG_FILE" 2>&1 </dev/null 9>&- &
  echo $! >"$KAFKA_PID_FILE"
}

topic_can_be_created() {
  timeout 30 "$KAFKA_JAVA" -Xmx128m -Dlog4j2.configurationFile="$KAFKA_SCRIPT_DIR/log4j2.properties" \
    -cp "$KAFKA_LIBS_DIR/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_HOST:$KAFKA_PORT" \
    --create --if-not-exists --topic "$READINESS_TOPIC" --partitions 1 --replication-factor 1 >/dev/null 2>&1
}

# Checked by pid alone: right after the fork the child has not exec'd java yet, so its command line
# does not name the broker (kafka_running_pid would miss it).
started_pid_alive() {
  [[ -f "$KAFKA_PID_FILE" ]] && kill -0 "$(<"$KAFKA_PID_FILE")" 2>/dev/null
}

broker_failed() {
  if started_pid_alive; then
    kill "$(<"$KAFKA_PID_FILE")" 2>/dev/null || true
  fi
  rm -f "$KAFKA_PID_FILE"
  printf 'kafka-start: %s\n--- last 40 lines of %s ---\n' "$1" "$KAFKA_LOG_FILE" >&2
  tail -n 40 "$KAFKA_LOG_FILE" >&2 2>/dev/null || true
  exit 1
}

wait_until_ready() {
  local deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    started_pid_alive || broker_failed "the broker exited during startup"
    if kafka_port_answers && topic_can_be_created; then
      return 0
    fi
    sleep 1
  done
  broker_failed "the broker was not ready after ${KAFKA_START_TIMEOUT}s; stopped it"
}

require_java_17
fetch_jars
if $fetch_only; then
  exit 0
fi

if kafka_port_answers; then
  echo "kafka-start: a broker already answers on $KAFKA_HOST:$KAFKA_PORT"
  exit 0
fi

mkdir -p "$KAFKA_DATA_DIR"
# Serialise concurrent starts on the same data dir: the second caller waits, then finds the broker up.
exec 9>"$KAFKA_DATA_DIR/.start.lock"
flock -w $((KAFKA_START_TIMEOUT + 60)) 9 || fail "timed out waiting for another kafka-start.sh"
if ! kafka_running_pid >/dev/null; then
  render_config
  format_storage_once
  start_broker
fi
wait_until_ready
echo "kafka-start: Kafka $KAFKA_VERSION ready on $KAFKA_HOST:$KAFKA_PORT (pid $(<"$KAFKA_PID_FILE"), log $KAFKA_LOG_FILE)"
