#!/usr/bin/env bash
# Overhead of threadleaks under HTTP load: the sample app serves GET /leaks under wrk, with the starter sampling
# every second ("on") and with --threadleaks.enabled=false ("off"), in alternating runs, each in a fresh JVM.
# Prints each run and the on/off ratios of throughput and p99 latency as Markdown.
#
# Needs java, mvn, curl and wrk on PATH (wrk: `apt-get install wrk` on Debian/Ubuntu). Java is whichever `java`
# is first on PATH. Settings, from the environment:
#   PAIRS (4)  WARMUP (15s)  DURATION (20s)  CONNECTIONS (8)  WRK_THREADS (1)  HEAP (512m)  URL_PATH (/leaks)
set -euo pipefail

PAIRS=${PAIRS:-4}
WARMUP=${WARMUP:-15s}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-8}
WRK_THREADS=${WRK_THREADS:-1}
HEAP=${HEAP:-512m}
URL_PATH=${URL_PATH:-/leaks}

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/threadleaks-load.XXXXXX")"
app_pid=""

stop_app() {
  if [[ -n "$app_pid" ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$app_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  app_pid=""
}

cleanup() {
  stop_app
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in java mvn curl wrk; do
  if ! command -v "$tool" >/dev/null; then
    echo "load.sh needs '$tool' on PATH." >&2
    [[ "$tool" == wrk ]] && echo "On Debian or Ubuntu: apt-get install wrk" >&2
    exit 1
  fi
done

echo "Building the sample app..." >&2
(cd "$root" && mvn -B -ntp -q -pl sample-app -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=runtime) >&2
classpath="$root/sample-app/target/classes:$(cat "$work/classpath.txt")"

# Starts the app on a free port (the JVM picks it) with the given extra arguments; sets app_pid and port.
start_app() {
  local log="$work/app-$1.log"
  shift
  java -Xms"$HEAP" -Xmx"$HEAP" -cp "$classpath" io.github.threadleaks.sample.SampleApplication \
    --server.port=0 "$@" >"$log" 2>&1 &
  app_pid=$!
  port=""
  for _ in $(seq 1 600); do
    port=$(grep -oE 'started on port [0-9]+' "$log" | grep -oE '[0-9]+$' | head -n 1 || true)
    if [[ -n "$port" ]] && curl -fs -o /dev/null "http://127.0.0.1:$port$URL_PATH"; then
      return 0
    fi
    if ! kill -0 "$app_pid" 2>/dev/null; then
      echo "The sample app ended during start-up; its log:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "The sample app did not answer within 120 s; its log:" >&2
  cat "$log" >&2
  exit 1
}

# wrk's latency with its unit (950.00us, 12.34ms, 1.20s) in milliseconds.
to_millis() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
    else { printf "%s", v }
  }'
}

# One run: a fresh app, a warm-up, a measured wrk run. Appends "mode requests/s p99-ms" to results.
run_once() {
  local mode=$1 run=$2
  if [[ "$mode" == on ]]; then
    start_app "$run-$mode" --threadleaks.enabled=true --threadleaks.sample-interval=1s
  else
    start_app "$run-$mode" --threadleaks.enabled=false
  fi
  local url="http://127.0.0.1:$port$URL_PATH"
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" >"$work/wrk-$run-$mode.txt"
  local rps p99 sampler
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$work/wrk-$run-$mode.txt")
  p99=$(to_millis "$(awk '$1 == "99%" { print $2 }' "$work/wrk-$run-$mode.txt")")
  if [[ "$mode" == on ]]; then
    # Proof that the sampler ran, and what it measured of itself.
    sampler=$(curl -fs "http://127.0.0.1:$port/actuator/threadleaks" \
      | grep -oE '"(threads|samples|sampleMillis)":[0-9.]+' | tr '\n' ' ')
    [[ "$sampler" == *'"samples":'* ]] || { echo "The sampler did not report in the 'on' run" >&2; exit 1; }
  else
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/threadleaks")
    [[ "$status" == 404 ]] || { echo "threadleaks answered $status with threadleaks.enabled=false" >&2; exit 1; }
    sampler="disabled"
  fi
  stop_app
  echo "$mode $rps $p99" >>"$work/results.txt"
  printf '| %d | %s | %s | %s | %s |\n' "$run" "$mode" "$rps" "$p99" "$sampler"
}

echo "HTTP load: GET $URL_PATH, wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION after a $WARMUP warm-up, $PAIRS alternating pairs, heap $HEAP"
echo "$(java -version 2>&1 | head -n 1), $(nproc) cores, load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo
echo "| run | threadleaks | requests/s | p99 (ms) | sampler (latest report) |"
echo "|---|---|---|---|---|"
: >"$work/results.txt"
for pair in $(seq 1 "$PAIRS"); do
  # Alternate which mode goes first, so that a drift in machine load does not favour one mode.
  if (( pair % 2 == 1 )); then order="on off"; else order="off on"; fi
  for mode in $order; do
    run_once "$mode" "$pair"
  done
done

echo
echo "Load average at end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
awk '
  { rps[$1] = rps[$1] " " $2; p99[$1] = p99[$1] " " $3 }
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    on_rps = median(rps["on"]); off_rps = median(rps["off"]); on_p99 = median(p99["on"]); off_p99 = median(p99["off"])
    printf "\n| median of %d runs | requests/s | p99 (ms) |\n|---|---|---|\n", NR / 2
    printf "| threadleaks on, 1 s sampling | %.0f | %.3f |\n", on_rps, on_p99
    printf "| threadleaks off | %.0f | %.3f |\n", off_rps, off_p99
    printf "| on / off | %.3f (%+.1f%% throughput) | %.3f |\n", on_rps / off_rps, (on_rps / off_rps - 1) * 100, on_p99 / off_p99
  }' "$work/results.txt"
