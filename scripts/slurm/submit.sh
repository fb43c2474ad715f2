#!/usr/bin/env bash
# Submits a jikun run as a K-task Slurm array of shards plus a merge job that starts when every
# shard has succeeded (--dependency=afterok). Prints the two job ids.
#
#   scripts/slurm/submit.sh K RUN_DIR [jikun simulate arguments…]
#   scripts/slurm/submit.sh 4 run/ scenarios/chongqing-2020.toml --trials 100000 --seed 7
#
# Extra sbatch options (a partition, an account, a time limit) go in $SBATCH_OPTIONS.
set -euo pipefail
shards=${1:?usage: submit.sh K RUN_DIR [jikun simulate arguments…]}
run=${2:?usage: submit.sh K RUN_DIR [jikun simulate arguments…]}
shift 2
template=$(cd "$(dirname "$0")" && pwd)/simulate-array.sbatch
mkdir -p "$run/logs"
if compgen -G "$run/shard-*" >/dev/null; then
    echo "submit.sh: $run already holds shard folders; use an empty RUN_DIR" >&2; exit 1
fi
# shellcheck disable=SC2086  # SBATCH_OPTIONS is a list of options
array=$(sbatch --parsable ${SBATCH_OPTIONS:-} --array=1-"$shards" --output="$run/logs/shard-%a.log" "$template" shard "$run" "$@")
array=${array%%;*}
# shellcheck disable=SC2086
merge=$(sbatch --parsable ${SBATCH_OPTIONS:-} --job-name=jikun-merge --dependency=afterok:"$array" --kill-on-invalid-dep=yes \
        --output="$run/logs/merge.log" "$template" merge "$run")
merge=${merge%%;*}
echo "$array $merge"
