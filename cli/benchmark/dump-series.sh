#!/usr/bin/env bash
# Writes a series of `jcmd Thread.print` dumps of a real JVM holding about 2,000 threads, 2 more of them leaked
# before each dump: the input of the command line's speed and memory measurement (BENCHMARKS.md).
# Usage, from the repository root after `mvn -B -ntp -pl cli -am test-compile`:
#   cli/benchmark/dump-series.sh OUTPUT_FILE [DUMPS] [THREADS]
set -euo pipefail
output=$1
dumps=${2:-100}
threads=${3:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkfifo "$work/commands"
rm -f "$output"
# A background job of a script ignores SIGQUIT, which the attach mechanism that jcmd uses needs.
env --default-signal=QUIT java -Xss256k -cp cli/target/test-classes io.github.threadleaks.cli.LeakingService \
  < "$work/commands" > "$work/answers" 2>&1 &
exec 3> "$work/commands"
echo "leak $((threads - 2 * dumps))" >&3
until [ "$(grep -c '^ok' "$work/answers")" -ge 1 ]; do sleep 0.1; done
pid=$(head -n 1 "$work/answers" | cut -d ' ' -f 2)
for i in $(seq 1 "$dumps"); do
  echo "leak 2" >&3
  until [ "$(grep -c '^ok' "$work/answers")" -ge $((i + 1)) ]; do sleep 0.05; done
  jcmd "$pid" Thread.print >> "$output"
done
echo exit >&3
exec 3>&-
wait
echo "$(grep -c 'Full thread dump' "$output") dumps, $(du -h "$output" | cut -f 1) in $output"
