# 99-docker: docker.io 20.10 drives $RT for real.  A private dockerd (its own
# data-root, exec-root, socket, pidfile, key file and config file; the
# containerd it starts and manages lives under its exec-root; no networking),
# started once by file_setup under $T_FILE_DIR, has $RT registered as runtime
# "rt" (RT=runc registers runc's path the same way).  Every container is
# `docker run --runtime rt --network none` with docker's default seccomp
# profile, on an image imported from a busybox-static rootfs.  Exit codes,
# signals, -t, -i, -d, the prestart hook, exec, top, pause, stop, kill,
# restart, rm and bad commands; each test's teardown removes the containers
# it left (noted for no-containers); then file_teardown stops dockerd and
# nothing may be left: runtime state, cgroups, mounts, processes.  The
# engines are host-only: tests/vm/run leaves 97-99 out of the guests.
#
# docker 20.10 facts the checks rely on: the runtime gets
# `--root <exec-root>/runtime-runc/moby` whatever the runtime's name, and
# `--log <bundle>/log.json --log-format json`, the bundle being
# <exec-root>/containerd/daemon/io.containerd.runtime.v2.task/moby/<id>; even
# with --network none the config carries the libnetwork-setkey prestart hook
# and the net.ipv4 sysctls; cgroupsPath is /docker/<id>.
#
# DK_STORAGE=vfs where overlay2 does not work on /tmp; DOCKER=PATH for another
# CLI than the one next to dockerd.
# rt's Kconfig switches every test here needs (lib.sh t_run skips without)
T_NEEDS="CONFIG_EXEC CONFIG_CGROUPS CONFIG_LOG_JSON CONFIG_SECCOMP"

# every check name here starts with docker- (97-99 run the same scenarios under three engines)
CHECK_PREFIX=docker-

. "$TOP/tests/lib-lifecycle.sh"

DOCKERD=$(command -v dockerd 2>/dev/null)
# the CLI of dockerd's own package (/usr/bin/docker for /usr/sbin/dockerd):
# another docker on PATH may be a different version
if [ -z "$DOCKER" ] && [ -n "$DOCKERD" ]; then
	DOCKER=${DOCKERD%/*}
	DOCKER=${DOCKER%/sbin}/bin/docker
	[ -x "$DOCKER" ] || DOCKER=
fi
[ -n "$DOCKER" ] || DOCKER=$(command -v docker 2>/dev/null)
: "${DK_STORAGE:=overlay2}"

case $RT in
/*) ;;
*) RT=$(cd "$(dirname "$RT")" && pwd)/${RT##*/} ;;
esac

D=$T_FILE_DIR
DSOCK=$D/docker.sock
DEXEC=$D/exec
DDATA=$D/data
TASKS=$DEXEC/containerd/daemon/io.containerd.runtime.v2.task/moby
IMG=rtbusybox
export DOCKER_CONFIG="$D/cli"
unset DOCKER_HOST DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH
DPID=$(cat "$D/dockerd.pid" 2>/dev/null)	# dockerd as file_setup started it

# ---- helpers ---------------------------------------------------------------

# dk ARGS...: the CLI on our socket.  SIGKILL on timeout: `docker run`
# forwards SIGTERM to the container instead of dying.
dk() { timeout -s KILL "$T_TIMEOUT" "$DOCKER" -H "unix://$DSOCK" "$@"; }

# waitn N CMD...: poll CMD every 0.1s, N times at most
waitn() {
	_w=$1; shift
	until "$@"; do
		_w=$((_w - 1))
		[ "$_w" -le 0 ] && return 1
		sleep 0.1
	done
	return 0
}

dk_ready() { timeout -s KILL 5 "$DOCKER" -H "unix://$DSOCK" version > /dev/null 2>&1; }
dk_up_or_dead() { dk_ready || pid_dead "$DPID"; }

# dk_down: stop our dockerd (TERM, then KILL after 30s), then KILL whatever
# of ours still runs: its containerd and shims carry $D in their arguments,
# container processes are in our containers' cgroups
dk_down() {
	if [ -n "$DPID" ]; then
		if ! pid_dead "$DPID"; then
			kill -TERM "$DPID" 2>/dev/null
			waitn 300 pid_dead "$DPID" || kill -KILL "$DPID" 2>/dev/null
		fi
		DPID=
	fi
	for _p in $(leftover_procs "$D" | cut -d: -f1); do
		kill -KILL "$_p" 2>/dev/null
	done
	# and what a runtime left in our containers' cgroups
	while read -r _i; do
		for _c in $(cgroup_dirs "$_i"); do
			for _p in $(cat "$_c/cgroup.procs" 2>/dev/null); do
				kill -KILL "$_p" 2>/dev/null
			done
			waitn 20 rmdir "$_c" 2>/dev/null
		done
	done < "$D/cids"
	if [ "$(cat "$D/rundocker" 2>/dev/null)" = 0 ]; then
		rmdir /run/docker/plugins /run/docker 2>/dev/null
	fi
	return 0
}

# inspect FORMAT CT: docker inspect -f FORMAT
inspect() { dk inspect -f "$1" "$2" 2>&1; }

# dk_run NAME RUN-ARGS...: docker run --runtime rt --network none, named
# t$$-NAME, stdin /dev/null; sets OUT, ERR, RC and CID (from --cidfile)
dk_run() {
	_n=$1; shift
	rm -f "$TMPD/$_n.cid"
	dk run --runtime rt --network none --name "t$$-$_n" --cidfile "$TMPD/$_n.cid" \
		"$@" < /dev/null > "$TMPD/out" 2> "$TMPD/err"
	RC=$?
	OUT=$(cat "$TMPD/out")
	ERR=$(cat "$TMPD/err")
	CID=$(cat "$TMPD/$_n.cid" 2>/dev/null)
	[ -n "$CID" ] && echo "$CID" >> "$D/cids"
}

# dk_exec EXEC-ARGS...: docker exec, stdin /dev/null; sets OUT, ERR, RC
dk_exec() {
	dk exec "$@" < /dev/null > "$TMPD/out" 2> "$TMPD/err"
	RC=$?
	OUT=$(cat "$TMPD/out")
	ERR=$(cat "$TMPD/err")
}

# dk_pty NAME FEEDER [PTYRUN-OPTIONS] -- DOCKER-ARGS...: docker on a pty
# (tests/ptyrun); FEEDER's stdout is the keyboard.  Sets OUT (CRs removed),
# RC, LAST (the last line: ptyrun's termios report).
dk_pty() {
	_feed=$2; shift 2
	_o=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do _o="$_o $1"; shift; done
	shift
	# shellcheck disable=SC2086
	( eval "$_feed" ) | timeout -s KILL "$T_TIMEOUT" "$PTYRUN" $_o -- \
		"$DOCKER" -H "unix://$DSOCK" "$@" > "$TMPD/out" 2>&1
	RC=$?
	OUT=$(tr -d '\r' < "$TMPD/out")
	LAST=$(printf '%s\n' "$OUT" | tail -n 1)
}

# cgroup_dirs CID: the container's cgroup directories in any hierarchy
cgroup_dirs() {
	for _c in /sys/fs/cgroup/*/docker/"$1" /sys/fs/cgroup/docker/"$1"; do
		[ -d "$_c" ] && echo "$_c"
	done
}

# our_mounts: mountinfo lines under $D that were not there after dockerd
# came up (other engines' tests may mount elsewhere meanwhile)
our_mounts() {
	grep -F "$D" /proc/self/mountinfo | grep -vxF -f "$D/dk-mounts.snap"
}

# leftovers CID [PID]: what is left of container CID, empty if nothing
leftovers() {
	_g=
	for _s in "$DEXEC"/runtime-*/moby/"$1"; do
		[ -e "$_s" ] && _g="$_g${_g:+; }runtime state $_s"
	done
	[ -e "$TASKS/$1" ] && _g="$_g${_g:+; }bundle $TASKS/$1"
	_c=$(cgroup_dirs "$1")
	[ -n "$_c" ] && _g="$_g${_g:+; }cgroups $_c"
	_c=$(leftover_procs "$1")
	[ -n "$_c" ] && _g="$_g${_g:+; }processes $_c"
	if [ -n "$2" ] && ! pid_dead "$2"; then
		_g="$_g${_g:+; }pid $2 alive"
	fi
	_c=$(our_mounts)
	[ -n "$_c" ] && _g="$_g${_g:+; }mounts $_c"
	printf '%s' "$_g"
}
no_leftovers() { [ -z "$(leftovers "$@")" ]; }

# gone NAME CID [PID]: poll until nothing of CID is left; ok/FAIL NAME
gone() {
	if [ -z "$2" ]; then
		fail "$1" "a container id" "none"
	elif waitn 100 no_leftovers "$2" "$3"; then
		ok "$1"
	else
		fail "$1" "nothing left" "$(leftovers "$2" "$3")"
	fi
}

# count: the counter the loop container writes (renames) every 0.1s
count() { cat "$TMPD/vol/count" 2>/dev/null || echo 0; }
count_above() { [ "$(count)" -gt "$1" ]; }
logs_have() { dk logs "$1" 2>&1 | grep -qx -- "$2"; }
logs_count() { dk logs "$1" 2>&1 | grep -cx -- "$2"; }
# dk_pid CT: the container's host pid, empty unless it runs; remembered for
# the final check that every container process is gone
dk_pid() {
	_p=$(inspect '{{.State.Pid}}' "$1")
	case $_p in
	[1-9]*) echo "$_p" >> "$D/pids"; echo "$_p" ;;
	esac
}
status_is() { [ "$(inspect '{{.State.Status}}' "$1")" = "$2" ]; }
# ppid PID: the parent of PID
ppid() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f2; }
# children PID: pids whose parent is PID
children() {
	for _p in /proc/[0-9]*; do
		[ "$(ppid "${_p#/proc/}")" = "$1" ] && echo "${_p#/proc/}"
	done
}

# teardown: each test removes its containers; those one left are noted in
# $D/left (file_teardown's no-containers) and removed
teardown() {
	[ -n "$DPID" ] || return 0
	_l=$(dk ps -aq 2>/dev/null)
	[ -n "$_l" ] || return 0
	echo "$T_TEST:" $_l >> "$D/left"
	dk rm -f $_l > /dev/null 2>&1
	return 0
}

# ---- dockerd and the image ------------------------------------------------------

# file_setup: dockerd on $DSOCK (its pid in $D/dockerd.pid), the image
file_setup() {
	if [ "$(id -u)" != 0 ]; then
		skip docker "not root"
		return 2
	fi
	need_cmd docker dockerd "${DOCKER:-docker}" || return 1
	# dockerd uses a system containerd when that socket exists: a host
	# whose containerd runs is no host for this file
	if [ -e /run/containerd/containerd.sock ] || [ -L /run/containerd/containerd.sock ]; then
		skip docker "/run/containerd/containerd.sock exists: dockerd would not start its own containerd"
		return 2
	fi
	: > "$D/cids"
	: > "$D/pids"
	mkdir -p "$D/cli"
	# dockerd makes /run/docker/plugins whatever its exec-root
	if [ -e /run/docker ]; then echo 1; else echo 0; fi > "$D/rundocker"

	# the image's rootfs: busybox-static with its applets, passwd, group
	mkbundle "$D/img"
	tar -C "$D/img/rootfs" -cf "$D/rootfs.tar" .

	cat > "$D/daemon.json" <<EOF
{
	"runtimes": { "rt": { "path": "$(json_str "$RT")" } },
	"deprecated-key-path": "$(json_str "$D/key.json")"
}
EOF
	"$DOCKERD" --config-file "$D/daemon.json" --data-root "$DDATA" \
		--exec-root "$DEXEC" -H "unix://$DSOCK" --pidfile "$D/docker.pid" \
		--iptables=false --ip6tables=false --ip-forward=false --ip-masq=false \
		--bridge=none --storage-driver "$DK_STORAGE" \
		--exec-opt native.cgroupdriver=cgroupfs \
		> "$D/dockerd.log" 2>&1 < /dev/null &
	DPID=$!
	echo "$DPID" > "$D/dockerd.pid"
	waitn 300 dk_up_or_dead
	if ! dk_ready; then
		fail dockerd-start "docker version answering on $DSOCK" \
			"$(tail -n 5 "$D/dockerd.log")"
		return 1
	fi
	ok dockerd-start
	check_eq dockerd-pidfile "$DPID" "$(cat "$D/docker.pid" 2>&1)"
	CPID=$(cat "$DEXEC/containerd/containerd.pid" 2>/dev/null)
	echo "$CPID" > "$D/containerd.pid"
	check_eq containerd-child-of-dockerd "$DPID" "$(ppid "$CPID")"
	check_has containerd-private "--config $DEXEC/containerd/containerd.toml" \
		"$(tr '\0' ' ' < "/proc/$CPID/cmdline" 2>&1)"
	check_eq docker-runtime-rt "$RT" "$(dk info -f '{{(index .Runtimes "rt").Path}}' 2>&1)"
	check_eq docker-cgroupfs cgroupfs "$(dk info -f '{{.CgroupDriver}}' 2>&1)"
	grep -F "$D" /proc/self/mountinfo > "$D/dk-mounts.snap"

	e=$(dk import "$D/rootfs.tar" "$IMG" 2>&1)
	check_match image-import '^sha256:[0-9a-f]{64}$' "$e"
	e=$(dk images --format '{{.Repository}}:{{.Tag}}' "$IMG" 2>&1)
	check_eq image-tag "$IMG:latest" "$e"
	[ "$e" = "$IMG:latest" ]
}

# file_teardown: nothing left in dockerd, dockerd stops, and then nothing
# left at all; whatever is left is killed and removed (dk_down)
file_teardown() {
	[ -n "$DPID" ] || return 0
	if pid_dead "$DPID"; then
		fail dockerd-stopped "dockerd $DPID running until the end" \
			"dead: $(tail -n 5 "$D/dockerd.log")"
		dk_down
		return 0
	fi
	check_eq no-containers "" "$(cat "$D/left" 2>/dev/null)$(dk ps -aq 2>&1)"
	check_eq no-runtime-state "" "$(ls -A "$DEXEC"/runtime-*/moby 2>/dev/null)"
	check_eq no-bundles "" "$(ls -A "$TASKS" 2>/dev/null)"

	CPID=$(cat "$D/containerd.pid")
	kill -TERM "$DPID"
	if waitn 300 pid_dead "$DPID"; then ok dockerd-stopped
	else fail dockerd-stopped "dockerd $DPID gone after TERM" "alive"; fi
	pids_gone containerd-stopped "$CPID"
	check_eq left-processes "" "$(leftover_procs "$D")"
	check_eq left-mounts "" "$(grep -F "$D" /proc/self/mountinfo)"
	got=
	while read -r cid; do got="$got$(cgroup_dirs "$cid")"; done < "$D/cids"
	check_eq left-cgroups "" "$got"
	got=
	for p in $(cat "$D/pids"); do pid_dead "$p" || got="$got $p"; done
	check_eq left-container-pids "" "$got"
	check_eq left-runtime-state "" "$(ls -A "$DEXEC"/runtime-*/moby 2>/dev/null)"
	dk_down
}

# ---- run in the foreground: output, exit codes, signals ----------------------

t_docker_run_exit() {
	dk_run exit --rm "$IMG" sh -c 'echo hi; echo err >&2; exit 3'
	check_eq run-exit "hi/err/exit 3" "$OUT/$ERR/exit $RC"
	gone run-exit-nothing-left "$CID"
}

# docker's defaults reach the process: its capabilities, its seccomp profile
# (filter mode, one filter), no no_new_privs
t_docker_run_caps_seccomp() {
	dk_run status --rm "$IMG" grep -E '^(CapBnd|Seccomp|Seccomp_filters|NoNewPrivs):' /proc/self/status
	check_eq run-caps-seccomp "CapBnd:	00000000a80425fb
NoNewPrivs:	0
Seccomp:	2
Seccomp_filters:	1
exit 0" "$OUT
exit $RC${ERR:+: $ERR}"
}

# the linux.sysctl docker always sets, in the container's own netns
t_docker_run_sysctl() {
	dk_run sysctl --rm "$IMG" cat /proc/sys/net/ipv4/ip_unprivileged_port_start \
		/proc/sys/net/ipv4/ping_group_range
	check_eq run-sysctl "0
0	2147483647
exit 0" "$OUT
exit $RC${ERR:+: $ERR}"
}

# pid 1 of the pid namespace ignores a signal it has no handler for
t_docker_run_pid1_ignores_term() {
	dk_run pid1-term --rm "$IMG" sh -c 'kill -TERM $$; echo survived'
	check_eq run-pid1-ignores-term "survived/exit 0" "$OUT/exit $RC${ERR:+: $ERR}"
}

# under docker-init (tini, bind-mounted in) sh is not pid 1: tini reports 143
t_docker_run_init_term() {
	dk_run init-term --rm --init "$IMG" sh -c 'kill -TERM $$; echo survived'
	check_eq run-init-term "/exit 143" "$OUT/exit $RC${ERR:+: $ERR}"
	gone run-init-term-nothing-left "$CID"
}

# no pid namespace: sh dies of SIGTERM, the shim reports 128 + 15
t_docker_run_killed_by_term() {
	dk_run hostpid-term --rm --pid host "$IMG" sh -c 'kill -TERM $$; echo survived'
	check_eq run-killed-by-term "/exit 143" "$OUT/exit $RC${ERR:+: $ERR}"
	gone run-killed-by-term-nothing-left "$CID"
}

# no pid namespace: when the init exits, the shim runs `kill --all` on the
# stopped container, then delete, and nothing of the container may survive
t_docker_run_hostpid_child() {
	dk_run hostpid-child --rm --pid host "$IMG" sh -c 'sleep 1000 & echo $!'
	check_match run-hostpid-child "^[0-9]+/exit 0\$" "$OUT/exit $RC${ERR:+: $ERR}"
	case $OUT in
	[1-9]*)	echo "$OUT" >> "$D/pids"
		pids_gone run-hostpid-child-killed "$OUT" ;;
	esac
	gone run-hostpid-child-nothing-left "$CID"
}

# ---- stdin through a pipe ----------------------------------------------------

t_docker_run_stdin_pipe() {
	OUT=$(echo data | dk run -i --rm --runtime rt --network none "$IMG" cat 2>&1)
	check_eq run-stdin-pipe "data/exit 0" "$OUT/exit $?"
	want=$(seq 1 30000 | md5sum | cut -d' ' -f1)
	OUT=$(seq 1 30000 | dk run -i --rm --runtime rt --network none "$IMG" md5sum 2>&1)
	check_eq run-stdin-pipe-big "$want  -" "$OUT"
}

# ---- a terminal ----------------------------------------------------------------

t_docker_run_t() {
	if [ ! -x "$PTYRUN" ]; then
		skip run-t "tests/ptyrun not built (make check builds it)"
		return
	fi
	# docker 20.10 sets the size after the start: wait for it (busybox
	# stty prints nothing, or an error, while it is 0 0)
	dk_pty run-t '' -s 40x100 -- run -t --rm --runtime rt --network none "$IMG" \
		sh -c 'i=0; until s=$(stty size 2>/dev/null); [ -n "$s" ] && [ "$s" != "0 0" ] || [ $i -ge 50 ]; do
				sleep 0.1; i=$((i+1)); done; tty; stty size; echo TERM=$TERM; exit 4'
	check_match run-t-tty '^/dev/pts/[0-9]+$' "$OUT"
	check_match run-t-size '^40 100$' "$OUT"
	check_match run-t-term '^TERM=xterm$' "$OUT"
	check_eq run-t-exit 4 "$RC"
	check_eq run-t-restored "ptyrun: termios restored" "$LAST"
}

t_docker_run_it() {
	if [ ! -x "$PTYRUN" ]; then
		skip run-it "tests/ptyrun not built (make check builds it)"
		return
	fi
	dk_pty run-it 'sleep 1; echo "echo typed-\$((2+3)); exit 5"' -- \
		run -it --rm --runtime rt --network none "$IMG" sh
	check_match run-it-input '^typed-5$' "$OUT"
	check_eq run-it-exit 5 "$RC"
	check_eq run-it-restored "ptyrun: termios restored" "$LAST"
}

# ---- run -d: a counter loop, logs, the hook, pause, signals, restart ---------

# the loop container: a counter in /vol/count ($TMPD/vol), USR1 and TERM
# handled
LOOP='echo started; trap "echo got-USR1" USR1; trap "echo got-TERM; exit 0" TERM
i=0; while :; do i=$((i+1)); echo $i > /vol/c; mv /vol/c /vol/count; sleep 0.1; done'

# loop_ct: `run -d` of $LOOP without a check of its own: its id in A, its
# pid in PA, once it counts; FAIL TEST-run-d (the test's name without
# docker-) and return 1 if it does not
loop_ct() {
	mkdir -p "$TMPD/vol"
	dk_run loop -d -v "$TMPD/vol:/vol" "$IMG" sh -c "$LOOP"
	A=$CID
	if [ "$RC" = 0 ] && [ -n "$A" ] && waitn 100 count_above 2; then
		PA=$(dk_pid "$A")
		waitn 100 logs_have "$A" started
		return 0
	fi
	fail "${T_TEST#docker-}-run-d" "running and counting" "exit $RC: $OUT$ERR; count $(count)"
	return 1
}

t_docker_run_d() {
	mkdir -p "$TMPD/vol"
	dk_run loop -d -v "$TMPD/vol:/vol" "$IMG" sh -c "$LOOP"
	check_match run-d-id '^[0-9a-f]{64}$' "$OUT"
	check_eq run-d-cidfile "$OUT" "$CID"
	A=$CID
	check_eq run-d-running "running rt" "$(inspect '{{.State.Status}} {{.HostConfig.Runtime}}' "$A")"
	check_has run-d-shim-runs-rt "\"binary_name\":\"$RT\"" "$(cat "$TASKS/$A/options.json" 2>&1)"
	set -- "$DEXEC"/runtime-*/moby/"$A"
	if [ -d "$1" ]; then ok run-d-state-dir
	else fail run-d-state-dir "$DEXEC/runtime-*/moby/$A" "$(ls "$DEXEC"/runtime-*/moby 2>&1)"; fi
	if waitn 100 logs_have "$A" started; then ok run-d-logs
	else fail run-d-logs started "$(dk logs "$A" 2>&1)"; fi
	if waitn 100 count_above 2; then ok run-d-counting
	else fail run-d-counting "a count above 2" "$(count)"; fi
	PA=$(dk_pid "$A")
	check_eq run-d-pid-is-pid1 "1" "$(sed -n 's/^NSpid:.*[	 ]//p' "/proc/$PA/status" 2>&1)"
	check_match run-d-cgroup ":/docker/$A\$" "$(cat "/proc/$PA/cgroup" 2>&1)"
	# the prestart hook (dockerd's libnetwork-setkey) ran with the state on its
	# stdin: dockerd bind-mounted the container's netns at its SandboxKey
	check_has run-d-config-hook libnetwork-setkey "$(cat "$TASKS/$A/config.json" 2>&1)"
	sk=$(inspect '{{.NetworkSettings.SandboxKey}}' "$A")
	check_eq run-d-prestart-hook "$(readlink "/proc/$PA/ns/net")" \
		"$(awk -v p="$sk" '$5 == p { print $4 }' /proc/self/mountinfo)"
	dk rm -f "$A" > /dev/null 2>&1
}

t_docker_pause() {
	loop_ct || return
	e=$(dk pause "$A" 2>&1)
	check_eq pause "exit 0: $A" "exit $?: $e"
	check_eq pause-status "paused true" "$(inspect '{{.State.Status}} {{.State.Paused}}' "$A")"
	c1=$(count); sleep 0.6; c2=$(count)
	check_eq pause-frozen "$c1" "$c2"
	e=$(dk unpause "$A" 2>&1)
	check_eq unpause "exit 0: $A" "exit $?: $e"
	if waitn 100 count_above "$c2"; then ok unpause-thawed
	else fail unpause-thawed "a count above $c2" "$(count)"; fi
	check_eq unpause-status "running false" "$(inspect '{{.State.Status}} {{.State.Paused}}' "$A")"
	dk rm -f "$A" > /dev/null 2>&1
}

t_docker_kill_usr1() {
	loop_ct || return
	e=$(dk kill -s USR1 "$A" 2>&1)
	check_eq kill-usr1 "exit 0: $A" "exit $?: $e"
	if waitn 100 logs_have "$A" got-USR1; then ok kill-usr1-handled
	else fail kill-usr1-handled got-USR1 "$(dk logs "$A" 2>&1)"; fi
	check_eq kill-usr1-running running "$(inspect '{{.State.Status}}' "$A")"
	dk rm -f "$A" > /dev/null 2>&1
}

t_docker_restart() {
	loop_ct || return
	e=$(dk restart -t 10 "$A" 2>&1)
	check_eq restart "exit 0: $A" "exit $?: $e"
	PA2=$(dk_pid "$A")
	check_eq restart-running running "$(inspect '{{.State.Status}}' "$A")"
	if [ -n "$PA2" ] && [ "$PA2" != "$PA" ] && [ -d "/proc/$PA2" ]; then ok restart-new-pid
	else fail restart-new-pid "a new live pid, not $PA" "$PA2"; fi
	pids_gone restart-old-pid-gone "$PA"
	if waitn 100 logs_have "$A" got-TERM; then ok restart-term-handled
	else fail restart-term-handled got-TERM "$(dk logs "$A" 2>&1)"; fi
	waitn 100 eval '[ "$(logs_count "$A" started)" = 2 ]'
	check_eq restart-started-twice 2 "$(logs_count "$A" started)"
	dk rm -f "$A" > /dev/null 2>&1
}

# stop: TERM reaches the handler, exit 0 at once; the task is deleted
t_docker_stop() {
	loop_ct || return
	t0=$(date +%s)
	e=$(dk stop -t 10 "$A" 2>&1)
	t1=$(date +%s)
	check_eq stop-graceful "exit 0: exited 0" "exit $?: $(inspect '{{.State.Status}} {{.State.ExitCode}}' "$A")"
	if [ $((t1 - t0)) -lt 5 ]; then ok stop-graceful-quick
	else fail stop-graceful-quick "under 5s" "$((t1 - t0))s"; fi
	gone stop-nothing-left "$A" "$PA"
	dk rm -f "$A" > /dev/null 2>&1
}

# a stopped container started again, killed, removed
t_docker_start_kill_rm() {
	loop_ct || return
	dk stop -t 10 "$A" > /dev/null 2>&1
	e=$(dk start "$A" 2>&1)
	check_eq start-again "exit 0: running" "exit $?: $(inspect '{{.State.Status}}' "$A")"
	PA3=$(dk_pid "$A")
	c1=$(count)
	if waitn 100 count_above "$c1"; then ok start-again-counting
	else fail start-again-counting "a count above $c1" "$(count)"; fi

	e=$(dk kill "$A" 2>&1)
	check_eq kill "exit 0: $A" "exit $?: $e"
	waitn 100 status_is "$A" exited
	check_eq kill-exit-137 "exited 137" "$(inspect '{{.State.Status}} {{.State.ExitCode}}' "$A")"
	gone kill-nothing-left "$A" "$PA3"

	e=$(dk rm "$A" 2>&1)
	check_eq rm "exit 0: $A" "exit $?: $e"
	e=$(dk inspect "$A" 2>&1)
	check_eq rm-gone "exit 1: Error: No such object: $A" "exit $?: $(printf '%s\n' "$e" | tail -n 1)"
}

# ---- exec, top and stop on a process that ignores SIGTERM --------------------

# ign_ct: `run -d` of a sh ignoring SIGTERM with a child `sleep 1000`: its
# id in B, pid in PB, the child's in SB; FAIL TEST-run-d (the test's name
# without docker-) and return 1 if it does not run
ign_ct() {
	dk_run ign -d "$IMG" sh -c 'trap "" TERM; sleep 1000 & echo ready; wait'
	B=$CID
	PB=$(dk_pid "$B")
	waitn 100 logs_have "$B" ready
	SB=
	[ -n "$PB" ] && SB=$(children "$PB")
	[ -n "$SB" ] && echo "$SB" >> "$D/pids"
	[ -n "$PB" ] && return 0
	fail "${T_TEST#docker-}-run-d" "running" "exit $RC: $OUT$ERR"
	return 1
}
# top_pids: `docker top $B` pid and command, sorted
top_pids() {
	dk top "$B" -eo pid,comm 2>&1 | sed 1d | awk '{ print $1, $2 }' | sort
}

# docker top: runtime ps gives the pids, dockerd filters the host's ps
t_docker_top() {
	ign_ct || return
	TOPOUT=$(dk top "$B" -eo pid,comm 2>&1)
	check_eq top-host-pids "$(printf '%s sh\n%s sleep\n' "$PB" "$SB" | sort)" \
		"$(printf '%s\n' "$TOPOUT" | sed 1d | awk '{ print $1, $2 }' | sort)"
	check_match top-header '^PID +COMMAND$' "$(printf '%s\n' "$TOPOUT" | sed -n 1p)"
	dk rm -f "$B" > /dev/null 2>&1
}

t_docker_exec() {
	ign_ct || return
	dk_exec "$B" sh -c 'echo in-$((1+1)) $(cat /proc/1/comm); exit 7'
	check_eq exec "in-2 sh/exit 7" "$OUT/exit $RC${ERR:+: $ERR}"
	dk_exec -u nobody -e FOO=bar -w /tmp "$B" sh -c 'echo $(id -u) $FOO $(pwd)'
	check_eq exec-user-env-cwd "65534 bar /tmp/exit 0" "$OUT/exit $RC${ERR:+: $ERR}"
	OUT=$(echo data | dk exec -i "$B" cat 2>&1)
	check_eq exec-stdin-pipe "data/exit 0" "$OUT/exit $?"
	dk_exec "$B" nosuchcmd
	check_eq exec-nosuchcmd-exit 126 "$RC"
	# docker 20.10 prints exec's error on stdout
	check_has exec-nosuchcmd-msg 'exec: "nosuchcmd": executable file not found in $PATH' "$OUT$ERR"
	if [ -x "$PTYRUN" ]; then
		dk_pty exec-t '' -- exec -t "$B" sh -c 'tty; exit 6'
		check_match exec-t-tty '^/dev/pts/[0-9]+$' "$OUT"
		check_eq exec-t-exit 6 "$RC"
		check_eq exec-t-restored "ptyrun: termios restored" "$LAST"
	fi
	check_eq exec-none-left "$(printf '%s sh\n%s sleep\n' "$PB" "$SB" | sort)" "$(top_pids)"
	dk rm -f "$B" > /dev/null 2>&1
}

t_docker_stop_ignored_term() {
	ign_ct || return
	t0=$(date +%s)
	e=$(dk stop -t 2 "$B" 2>&1)
	t1=$(date +%s)
	check_eq stop-ignored-term "exit 0: exited 137" "exit $?: $(inspect '{{.State.Status}} {{.State.ExitCode}}' "$B")"
	if [ $((t1 - t0)) -ge 2 ] && [ $((t1 - t0)) -lt 10 ]; then ok stop-after-timeout
	else fail stop-after-timeout "2 to 9s" "$((t1 - t0))s"; fi
	gone stop-ignored-nothing-left "$B" "$PB"
	pids_gone stop-ignored-children-gone "$SB"
	e=$(dk rm "$B" 2>&1)
	check_eq rm-stopped "exit 0: $B" "exit $?: $e"
}

# rm -f of a running container
t_docker_rm_f() {
	dk_run rmf -d "$IMG" sleep 1000
	C=$CID
	PC=$(dk_pid "$C")
	e=$(dk rm -f "$C" 2>&1)
	check_eq rm-f-running "exit 0: $C" "exit $?: $e"
	gone rm-f-nothing-left "$C" "$PC"
}

# ---- bad commands: the runtime's create fails with runc's words --------------
# docker shows the msg of the last line of the runtime's --log json file
# (runc's has "runc create failed: unable to start container process: "
# before it) and maps "executable file not found" and "no such file or
# directory" to exit 127, "permission denied" to 126.  A create that
# succeeds and an exec that fails after start is exit 1 instead.

# create_err MSG: docker's whole error line for a create failing with MSG
create_err() {
	printf '^docker: Error response from daemon: failed to create shim task: OCI runtime create failed: (runc create failed: unable to start container process: )?%s: unknown\\.$' "$1"
}

t_docker_run_nosuchcmd() {
	dk_run nosuch --rm "$IMG" nosuchcmd
	check_eq run-nosuchcmd-exit 127 "$RC"
	check_match run-nosuchcmd-msg "$(create_err 'exec: "nosuchcmd": executable file not found in \$PATH')" "$ERR"
	check_eq run-nosuchcmd-no-output "" "$OUT"
	gone run-nosuchcmd-nothing-left "$CID"
}

t_docker_run_nofile() {
	dk_run nofile --rm "$IMG" /no/such/file
	check_eq run-nofile-exit 127 "$RC"
	check_match run-nofile-msg "$(create_err 'exec: "/no/such/file": stat /no/such/file: no such file or directory')" "$ERR"
	gone run-nofile-nothing-left "$CID"
}

t_docker_run_noexec() {
	dk_run noexec --rm "$IMG" /etc/passwd
	check_eq run-noexec-exit 126 "$RC"
	check_match run-noexec-msg "$(create_err 'exec: "/etc/passwd": permission denied')" "$ERR"
	gone run-noexec-nothing-left "$CID"
}
