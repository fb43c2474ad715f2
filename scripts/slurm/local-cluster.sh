#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, from Debian's slurmctld, slurmd, slurm-client and
# munge, without systemd: for trying the templates in scripts/slurm/ and for CI.
#
#   scripts/slurm/local-cluster.sh start   # prints the SLURM_CONF to export
#   scripts/slurm/local-cluster.sh stop
#   scripts/slurm/local-cluster.sh status
#
# Run as root. Everything lives in $JIKUN_SLURM_DIR (default /tmp/jikun-slurm): the config, the
# state, the logs and the pids of the daemons this script started; stop ends only those. start
# also leaves a watchdog that stops the cluster after $JIKUN_SLURM_TIMEOUT seconds (default
# 600), so the cluster never outlives a run that forgot to stop it.
set -euo pipefail

dir=${JIKUN_SLURM_DIR:-/tmp/jikun-slurm}
timeout=${JIKUN_SLURM_TIMEOUT:-600}
conf=$dir/slurm.conf
here=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")

log() { echo "local-cluster: $*" >&2; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_pid() {   # stop_pid NAME PIDFILE: TERM, then KILL after 10 s, the process in PIDFILE
    local name=$1 file=$2 pid
    [ -f "$file" ] || return 0
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$pid" 2>/dev/null && { log "$name ($pid) did not stop: killing it"; kill -9 "$pid" 2>/dev/null || true; }
        log "stopped $name ($pid)"
    fi
    rm -f "$file"
}

stop() {
    stop_pid slurmd "$dir/slurmd.pid"
    stop_pid slurmctld "$dir/slurmctld.pid"
    stop_pid munged "$dir/munged.pid"
    # The watchdog last (unless this is the watchdog itself).
    if [ -f "$dir/watchdog.pid" ] && [ "$(cat "$dir/watchdog.pid")" != "${JIKUN_SLURM_WATCHDOG:-}" ]; then
        stop_pid watchdog "$dir/watchdog.pid"
    fi
    rm -f "$dir/watchdog.pid"
}

start() {
    [ "$(id -u)" = 0 ] || { log "run as root (the daemons and munge's socket need it)"; exit 1; }
    for tool in munged slurmctld slurmd sbatch; do
        command -v "$tool" >/dev/null || { log "$tool is missing: apt-get install slurmctld slurmd slurm-client munge"; exit 1; }
    done
    if alive "$dir/slurmctld.pid"; then log "already running (SLURM_CONF=$conf)"; echo "$conf"; return; fi
    mkdir -p "$dir/state" "$dir/spool"
    local host; host=$(hostname)

    # munge: its key, /run/munge owned by munge, munged run as munge.
    if ! alive "$dir/munged.pid"; then
        [ -s /etc/munge/munge.key ] || { mungekey --create --keyfile /etc/munge/munge.key; chown munge:munge /etc/munge/munge.key; chmod 600 /etc/munge/munge.key; }
        mkdir -p /run/munge /var/log/munge /var/lib/munge
        chown munge:munge /run/munge /var/log/munge /var/lib/munge
        chmod 755 /run/munge
        if [ -S /run/munge/munge.socket.2 ] && munge -n >/dev/null 2>&1; then
            log "a munged is already serving /run/munge: using it"
        else
            runuser -u munge -- munged --force
            for _ in $(seq 50); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
            cp /run/munge/munged.pid "$dir/munged.pid"
            log "started munged ($(cat "$dir/munged.pid"))"
        fi
    fi

    # NodeName equal to `hostname`, with this machine's CPUs and memory as slurmd sees them.
    local node; node=$(slurmd -C | head -1 | sed "s/^NodeName=[^ ]*/NodeName=$host/")
    cat > "$conf" <<CONF
ClusterName=jikun
SlurmctldHost=$host
SlurmctldPort=${JIKUN_SLURMCTLD_PORT:-6817}
SlurmdPort=${JIKUN_SLURMD_PORT:-6818}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
# Without systemd or cgroups: track processes by their parent, no task confinement.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SlurmdTimeout=60
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
$node State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF
    export SLURM_CONF=$conf
    slurmctld -c -f "$conf"
    slurmd -f "$conf"
    for _ in $(seq 100); do
        if sinfo -h -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)'; then break; fi
        sleep 0.3
    done
    if ! sinfo -h -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)'; then
        log "the node did not come up; logs:"; tail -n 20 "$dir/slurmctld.log" "$dir/slurmd.log" >&2 || true
        stop; exit 1
    fi
    log "started slurmctld ($(cat "$dir/slurmctld.pid")) and slurmd ($(cat "$dir/slurmd.pid")) on $host; SLURM_CONF=$conf"

    # The watchdog: stop everything after $timeout seconds whatever happens.
    # (stop ends it with TERM, which also ends its sleep.)
    (
        trap '' HUP
        trap 'kill "$nap" 2>/dev/null; exit 0' TERM
        sleep "$timeout" & nap=$!
        wait "$nap"
        log "watchdog: $timeout s are up, stopping the cluster"
        JIKUN_SLURM_WATCHDOG=$BASHPID "$here" stop
    ) </dev/null >>"$dir/watchdog.log" 2>&1 &
    echo $! > "$dir/watchdog.pid"
    echo "$conf"
}

case ${1:-} in
    start) start ;;
    stop) stop ;;
    status) SLURM_CONF=$conf sinfo; SLURM_CONF=$conf squeue ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
