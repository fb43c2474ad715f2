#!/usr/bin/env bash
# CI: a 4-task Slurm array of shards plus the merge job on a one-node cluster of this machine,
# compared byte for byte with one run of the same trials. Run as root from the package root;
# uses $JIKUN, else .build/release/jikun, else .build/debug/jikun (built when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."

bash .ci/apt-install slurmctld slurmd slurm-client munge

jikun=${JIKUN:-}
if [ -z "$jikun" ]; then
    for candidate in .build/release/jikun .build/debug/jikun; do
        [ -x "$candidate" ] && { jikun=$candidate; break; }
    done
fi
if [ -z "$jikun" ]; then swift build --product jikun; jikun=.build/debug/jikun; fi
export JIKUN; JIKUN=$(cd "$(dirname "$jikun")" && pwd)/$(basename "$jikun")
echo "slurm check with $JIKUN ($("$JIKUN" --version))"

work=$(mktemp -d /tmp/jikun-slurm-ci.XXXXXX)
export JIKUN_SLURM_DIR=$work/cluster JIKUN_SLURM_TIMEOUT=${JIKUN_SLURM_TIMEOUT:-420}
# The cluster stops at the end whatever happens (and its watchdog stops it after the timeout).
trap 'scripts/slurm/local-cluster.sh stop' EXIT
SLURM_CONF=$(scripts/slurm/local-cluster.sh start)
export SLURM_CONF

args=(scenarios/chongqing-2020.toml --trials 400 --seed 7)
read -r array merge < <(scripts/slurm/submit.sh 4 "$work/run" "${args[@]}")
echo "submitted array $array and merge $merge"

deadline=$((SECONDS + 240))
while squeue -h -j "$array,$merge" 2>/dev/null | grep -q .; do
    if [ $SECONDS -gt $deadline ]; then
        echo "the jobs did not finish in 240 s:" >&2; squeue >&2; scancel "$array" "$merge" || true; exit 1
    fi
    sleep 2
done
state=$(scontrol show job "$merge" | grep -o 'JobState=[A-Z_]*' | head -1)
if [ "$state" != JobState=COMPLETED ]; then
    echo "the merge job ended in $state" >&2
    tail -n 20 "$work"/run/logs/*.log >&2 || true
    exit 1
fi

"$JIKUN" simulate "${args[@]}" --out "$work/single" > "$work/single.txt"
for file in summary.json trials.csv scenario.resolved.toml; do
    cmp "$work/single/$file" "$work/run/merged/$file"
done
cmp "$work/single.txt" "$work/run/merged.txt"
if python3 -c 'import jsonschema' 2>/dev/null; then
    python3 scripts/check-schema.py "$work/run/merged/summary.json"
fi
echo "slurm check: 4 shards merged on Slurm are byte-identical to the single run ($(wc -l < "$work/single/trials.csv") lines of trials.csv)"
rm -rf "$work/run" "$work/single"
