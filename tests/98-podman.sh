# 98-podman: podman 4 with conmon drives $RT as its OCI runtime, rootful,
# with storage, run and tmp dirs, events and locks all in a private dir
# ($T_FILE_DIR, made and the image imported once by file_setup) and no
# network.  run (exit status, death by a signal, -t on a pty, -i from a
# pipe, -d), exec (status, -i, -t, a missing command), top and inspect
# against the host's /proc, pause/unpause by a counter that stops and goes
# on, stop past its timeout, kill, restart, rm, runc's exit codes and words
# for a missing or non-executable command, --cgroups=disabled, and at the
# end (file_teardown) nothing left: no state dir, mount, cgroup dir, conmon
# or container process.  Each test's teardown removes, through podman, the
# containers it left, and notes them for file_teardown's ps-a-empty.
#
# podman gives the runtime only `--log-format=json --log FILE` (the runtime's
# name is in runtime_supports_json) and no --root: the containers are under
# the runtime's default root, $STATE_ROOT.  On a hybrid host podman sees
# cgroup v1 (/sys/fs/cgroup is a tmpfs) and writes linux.cgroupsPath
# /libpod_parent/libpod-ID: rt makes that below the cgroup2 mount, runc in
# every v1 hierarchy.  --pids-limit -1 (podman writes "pids": {"limit": 0})
# turns off podman's default of 2048, whose controller may be v1's alone;
# podman's rootful nofile/nproc defaults (2^20 and more) need
# CAP_SYS_RESOURCE, so containers.conf sets low ones.  The engines are
# host-only: tests/vm/run leaves 97-99 out of the guests.
# rt's Kconfig switches every test here needs (lib.sh t_run skips without)
T_NEEDS="CONFIG_EXEC CONFIG_CGROUPS CONFIG_LOG_JSON CONFIG_SECCOMP"

# every check name here starts with podman- (97-99 run the same scenarios under three engines)
CHECK_PREFIX=podman-

. "$TOP/tests/lib-lifecycle.sh"

PD=$T_FILE_DIR/podman
IMG=localhost/rtbusybox
N=t$$			# container names: $N-NAME
# overlay as most hosts have it; vfs (plain copies) on a kernel without it
SD=vfs
grep -qw overlay /proc/filesystems && SD=overlay
# $PM: podman with every global option, a script so that timeout can run it
PM=$PD/podman

# file_setup: the store, containers.conf, $PM and the image
file_setup() {
	if [ "$(id -u)" != 0 ]; then
		skip podman "needs root (rootful podman)"
		return 2
	fi
	need_cmd podman podman || return 1
	if ! command -v conmon > /dev/null 2>&1 &&
		[ ! -x /usr/libexec/podman/conmon ] && [ ! -x /usr/lib/podman/conmon ]; then
		fail conmon "conmon in PATH, /usr/libexec/podman or /usr/lib/podman" "not found"
		return 1
	fi
	mkdir -p "$PD/storage" "$PD/run" "$PD/tmp" "$PD/net"
	: > "$PD/ids"

	# podman's own cgroups (libpod_parent and its conmon) that are not
	# there yet are ours to remove at the end
	for d in /sys/fs/cgroup/ /sys/fs/cgroup/*/; do
		[ -d "${d}libpod_parent" ] || echo "${d}libpod_parent"
	done > "$PD/cg-new"

	cat > "$PD/containers.conf" <<EOF
[containers]
default_ulimits = [ "nofile=1024:1024", "nproc=1024:1024" ]

[network]
network_backend = "cni"
network_config_dir = "$PD/net"

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
lock_type = "file"
tmp_dir = "$PD/tmp"
image_copy_tmp_dir = "$PD/tmp"
runtime_supports_json = [ "rt", "runc", "crun" ]
# podman 4.3 reads this key without the s of its man page
runtime_supports_nocgroup = [ "rt", "crun" ]
EOF

	cat > "$PM" <<EOF
#!/bin/sh
CONTAINERS_CONF="$PD/containers.conf" TMPDIR="$PD/tmp" exec podman \\
	--root "$PD/storage" --runroot "$PD/run" --tmpdir "$PD/tmp" \\
	--cgroup-manager cgroupfs --events-backend file \\
	--storage-driver $SD --runtime "$RT" "\$@"
EOF
	chmod 755 "$PM"

	mkbundle "$TMPD/b"
	tar -C "$B/rootfs" -cf "$TMPD/img.tar" .
	pm import "$TMPD/img.tar" "$IMG"
	if [ "$RC" != 0 ]; then
		fail podman-import "exit 0" "exit $RC: $ERR"
		return 1
	fi
	ok podman-import
	pm images --format '{{.Repository}}:{{.Tag}}'
	check_eq podman-image "$IMG:latest" "$OUT"
	[ "$OUT" = "$IMG:latest" ]
}

# rm_all_containers: podman rm -f of every container, conmons of ours
# still there killed (their cmdline has our dir)
rm_all_containers() {
	timeout 60 "$PM" rm -a -f -t 0 > /dev/null 2>&1
	for p in $(leftover_procs "$PD" | sed -n 's/^\([0-9]*\): .*conmon.*/\1/p'); do
		kill -9 "$p" 2>/dev/null
	done
}

# teardown: each test removes its containers; the names of those one left
# are noted in $PD/left (file_teardown's ps-a-empty), and they are removed
teardown() {
	[ -x "$PM" ] || return 0
	_l=$("$PM" ps -a --format '{{.Names}}' 2>&1)
	[ -n "$_l" ] && echo "$T_TEST:" $_l >> "$PD/left"
	[ -n "$_l" ] && rm_all_containers
	return 0
}

# file_teardown: nothing left after all the tests; then the image and
# what failed tests left are removed, and podman's cgroups that were not
# there before
file_teardown() {
	[ -x "$PM" ] || return 0
	check_eq ids-all-64-hex "" "$(grep -Evx '[0-9a-f]{64}' "$PD/ids")"
	check_eq ps-a-empty "" "$(cat "$PD/left" 2>/dev/null)$("$PM" ps -a -q 2>&1)"
	if poll left $(cat "$PD/ids"); then ok nothing-left
	else fail nothing-left "nothing" "$got"; fi

	rm_all_containers
	timeout 60 "$PM" rmi -a -f > /dev/null 2>&1
	for id in $(cat "$PD/ids" 2>/dev/null); do
		"$RT" delete -f "$id" > /dev/null 2>&1
	done
	for d in $(cat "$PD/cg-new" 2>/dev/null); do
		[ -d "$d/conmon" ] && rmdir "$d/conmon" 2>/dev/null
		[ -d "$d" ] && rmdir "$d" 2>/dev/null
	done
	return 0
}

# pm ARGS...: `$PM ARGS` with stdin /dev/null; sets OUT, ERR, RC
pm() {
	timeout "$T_TIMEOUT" "$PM" "$@" < /dev/null > "$TMPD/out" 2> "$TMPD/err"
	RC=$?
	OUT=$(cat "$TMPD/out")
	ERR=$(cat "$TMPD/err")
}

# cids NAME...: the ids podman wrote to $TMPD/NAME.cid, one a line
cids() {
	for _c; do
		[ -s "$TMPD/$_c.cid" ] && { cat "$TMPD/$_c.cid"; echo; }
	done
}
# remember NAME: keep the id of NAME for the end
remember() { cids "$1" >> "$PD/ids"; }

# prun NAME ARGS...: `podman run --name $N-NAME` with the cid file, no
# network and no pids limit, stdin /dev/null; sets OUT, ERR, RC
ropts() { echo "--name $N-$1 --cidfile $TMPD/$1.cid --network none --pids-limit -1"; }
prun() {
	_n=$1; shift
	pm run $(ropts "$_n") "$@"
	remember "$_n"
}

# pstatus NAME: podman's status of $N-NAME ("none" when inspect fails)
pstatus() {
	"$PM" inspect --format '{{.State.Status}}' "$N-$1" 2>/dev/null || echo none
}
# pstate NAME FIELD: one field of inspect's .State
pstate() { "$PM" inspect --format "{{.State.$2}}" "$N-$1" 2>&1; }
logs_have() { "$PM" logs "$N-$1" 2>&1 | grep -Fq -- "$2"; }
# count PID: the counter the container of PID keeps in its /tmp/count
count() { cat "/proc/$1/root/tmp/count" 2>/dev/null || echo none; }

# left ID...: nothing of these containers, or under our dir, is left ($got)
left() {
	got=
	for id; do
		[ -e "$STATE_ROOT/$id" ] && got="$got state dir $STATE_ROOT/$id;"
		[ -e "$PD/storage/$SD-containers/$id" ] &&
			got="$got podman's dir of $id;"
	done
	if [ $# -gt 0 ]; then
		c=$(find /sys/fs/cgroup -maxdepth 4 -type d 2>/dev/null |
			grep -F "$(printf '%s\n' "$@")")
		[ -n "$c" ] && got="$got cgroups: $c;"
	fi
	p=$(leftover_procs "$PD" "$@")
	[ -n "$p" ] && got="$got processes: $p;"
	# not the overlay driver's bind of its home on itself, which a podman
	# may leave when another one still has a layer mounted as it exits
	m=$(awk -v d="$T_FILE_DIR" -v h="$PD/storage/overlay" \
		'index($5, d) == 1 && $5 != h' /proc/self/mountinfo)
	[ -n "$m" ] && got="$got mounts: $m;"
	[ -z "$got" ]
}

# ---- run: exit status, signals, stdin --------------------------------------

t_podman_run_exit() {
	prun exit --rm "$IMG" sh -c 'echo hi; exit 3'
	check_eq run-exit-status "exit 3: hi" "exit $RC: $OUT"
	check_eq run-exit-stderr "" "$ERR"
	check_eq run-rm-removed "" "$("$PM" ps -a -q 2>&1)"
}

# pid 1 of a pid namespace is immune to its own SIGTERM: with --init the sh
# is catatonit's child, with --pid host it is in the host's namespace
t_podman_run_killed_by_signal() {
	prun sig-init --rm --init "$IMG" sh -c 'kill -TERM $$; echo survived'
	check_eq run-killed-by-signal-init "exit 143: " "exit $RC: $OUT"
	prun sig-pidhost --rm --pid host "$IMG" sh -c 'kill -TERM $$; echo survived'
	check_eq run-killed-by-signal-pid-host "exit 143: " "exit $RC: $OUT"
}

t_podman_run_i_pipe() {
	printf 'data\nmore data\n' | timeout "$T_TIMEOUT" "$PM" run -i --rm \
		$(ropts stdin) "$IMG" sh -c 'cat; echo eof' > "$TMPD/out" 2> "$TMPD/err"
	RC=$?
	remember stdin
	check_eq run-i-pipe "exit 0: data more data eof" "exit $RC: $(echo $(cat "$TMPD/out" "$TMPD/err"))"
}

t_podman_run_no_i() {
	prun noi --rm "$IMG" sh -c 'cat; echo eof'
	check_eq run-no-i-stdin-empty "exit 0: eof" "exit $RC: $OUT"
}

# ---- run -t and run -it on a pty --------------------------------------------

t_podman_run_t() {
	if [ ! -x "$PTYRUN" ]; then
		skip run-t "tests/ptyrun not built (make check builds it)"
		return
	fi
	timeout "$T_TIMEOUT" "$PTYRUN" -s 40x100 -- "$PM" run -t --rm $(ropts tty) \
		"$IMG" sh -c 'tty; stty size; echo TERM=$TERM; exit 4' \
		< /dev/null > "$TMPD/out" 2>&1
	RC=$?
	remember tty
	OUT=$(tr -d '\r' < "$TMPD/out")
	check_match run-t-tty '^/dev/pts/[0-9]+$' "$OUT"
	check_match run-t-size '^40 100$' "$OUT"
	check_match run-t-term '^TERM=xterm$' "$OUT"
	check_eq run-t-exit 4 "$RC"
	check_eq run-t-termios "ptyrun: termios restored" "$(echo "$OUT" | tail -n 1)"
}

t_podman_run_it() {
	if [ ! -x "$PTYRUN" ]; then
		skip run-it "tests/ptyrun not built (make check builds it)"
		return
	fi
	printf 'echo typed-$((6 * 7))\nexit 5\n' |
		timeout "$T_TIMEOUT" "$PTYRUN" -- "$PM" run -it --rm $(ropts it) \
		"$IMG" sh > "$TMPD/out" 2>&1
	RC=$?
	remember it
	OUT=$(tr -d '\r' < "$TMPD/out")
	check_match run-it-typed '^typed-42$' "$OUT"
	check_eq run-it-exit 5 "$RC"
	check_eq run-it-termios "ptyrun: termios restored" "$(echo "$OUT" | tail -n 1)"
}

# ---- a bad command: runc's words and podman's 127 and 126 ---------------------

t_podman_run_bad_cmd() {
	prun nocmd --rm "$IMG" nosuchcmd
	check_eq run-nocmd-exit 127 "$RC"
	check_has run-nocmd-msg 'exec: "nosuchcmd": executable file not found in $PATH' "$ERR"
	prun nofile --rm "$IMG" /no/such/file
	check_eq run-nofile-exit 127 "$RC"
	check_has run-nofile-msg 'exec: "/no/such/file": stat /no/such/file: no such file or directory' "$ERR"
	prun noexec --rm "$IMG" /etc/passwd
	check_eq run-noexec-exit 126 "$RC"
	check_has run-noexec-msg 'exec: "/etc/passwd": permission denied' "$ERR"
	prun dir --rm "$IMG" /tmp
	check_eq run-dir-exit 126 "$RC"
	check_has run-dir-msg 'exec: "/tmp": permission denied' "$ERR"
	check_eq run-bad-cmd-removed "" "$("$PM" ps -a -q 2>&1)"
	check_eq run-bad-cmd-ids 4 "$(cids nocmd nofile noexec dir | grep -c .)"
	if poll left $(cids nocmd nofile noexec dir); then ok run-bad-cmd-nothing-left
	else fail run-bad-cmd-nothing-left "nothing" "$got"; fi
}

# ---- run -d: a counter; inspect, ps and top against /proc; exec ---------------

# prun_d NAME SCRIPT: `run -d` of sh -c SCRIPT as $N-NAME, ok/FAIL
# run-d-NAME; sets PID to the init's host pid, returns 1 if it did not start
prun_d() {
	prun "$1" -d "$IMG" sh -c "$2"
	if [ "$RC" != 0 ]; then
		fail "run-d-$1" "exit 0" "exit $RC: $ERR"
		"$PM" rm -f -t 0 "$N-$1" > /dev/null 2>&1
		return 1
	fi
	ok "run-d-$1"
	PID=$(pstate "$1" Pid)
	case $PID in
	[1-9]*) [ -d "/proc/$PID" ] && return 0 ;;
	esac
	fail "run-d-$1-pid" "a live pid" "$PID ($(pstatus "$1"))"
	return 1
}

# the counter container $N-count: exit 0 on SIGTERM
COUNT='trap "exit 0" TERM; echo started; i=0
		while :; do i=$((i + 1)); echo $i > /tmp/count; sleep 0.1; done'
# (an empty count: read as the loop rewrote it)
counting() { _c=$(count "$PID"); case $_c in [0-9]*) [ "$_c" -ge 3 ] ;; *) false ;; esac; }

# count_ct: `run -d` of $COUNT as $N-count without a check of its own,
# PID its init's host pid, once it counts; FAIL TEST-run-d (the test's name
# without podman-) and return 1 if it does not
count_ct() {
	prun count -d "$IMG" sh -c "$COUNT"
	PID=$(pstate count Pid)
	case $PID in
	[1-9]*) [ "$RC" = 0 ] && [ -d "/proc/$PID" ] && poll counting && return 0 ;;
	esac
	fail "${T_TEST#podman-}-run-d" "exit 0, a live pid, counting" \
		"exit $RC: $ERR; pid $PID ($(pstatus count)) count $(count "$PID")"
	return 1
}
# rm_count: podman rm -f $N-count
rm_count() { "$PM" rm -f -t 0 "$N-count" > /dev/null 2>&1; }

t_podman_run_d() {
	prun_d count "$COUNT" || return
	check_match run-d-id '^[0-9a-f]{64}$' "$OUT"
	check_eq run-d-cidfile "$OUT" "$(cat "$TMPD/count.cid" 2>&1)"
	check_eq run-d-running running "$(pstatus count)"
	poll logs_have count started
	check_eq run-d-logs started "$("$PM" logs "$N-count" 2>&1)"

	check_eq inspect-pid-host-cmdline "sh -c trap" \
		"$(tr '\0\n' '  ' < "/proc/$PID/cmdline" 2>&1 | cut -d' ' -f1-3)"
	check_eq inspect-pid-is-init-of-its-ns 1 \
		"$(sed -n 's/^NSpid:.*[	 ]\([0-9]*\)$/\1/p' "/proc/$PID/status" 2>&1)"
	check_eq ps-pid "$N-count $PID" "$("$PM" ps --format '{{.Names}} {{.Pid}}' 2>&1)"

	pm top "$N-count" hpid pid comm
	check_match top-init "^$PID +1 +sh\$" "$OUT"
	# every other host pid shown is the init's child
	bad=
	for p in $(echo "$OUT" | awk 'NR > 1 { print $1 }'); do
		[ "$p" = "$PID" ] && continue
		pp=$(sed -n 's/^PPid:[	 ]*//p' "/proc/$p/status" 2>/dev/null)
		[ -z "$pp" ] || [ "$pp" = "$PID" ] || bad="$bad $p(ppid $pp)"
	done
	check_eq top-children-of-init "" "$bad"
	rm_count
}

t_podman_exec() {
	count_ct || return
	pm exec "$N-count" sh -c 'echo exec-out; echo exec-err >&2; exit 7'
	check_eq exec-status "exit 7: exec-out exec-err" "exit $RC: $OUT $ERR"
	pm exec "$N-count" sh -c 'tr "\0" " " < /proc/1/cmdline'
	check_match exec-in-pid-ns '^sh -c trap' "$OUT"
	printf 'piped\n' | timeout "$T_TIMEOUT" "$PM" exec -i "$N-count" cat \
		> "$TMPD/out" 2> "$TMPD/err"
	check_eq exec-i-pipe "exit 0: piped" "exit $?: $(cat "$TMPD/out" "$TMPD/err")"
	pm exec "$N-count" nosuchcmd
	check_eq exec-nocmd-exit 127 "$RC"
	check_has exec-nocmd-msg 'exec: "nosuchcmd": executable file not found in $PATH' "$ERR"
	pm exec "$N-count" /etc/passwd
	check_eq exec-noexec-exit 126 "$RC"
	check_has exec-noexec-msg 'exec: "/etc/passwd": permission denied' "$ERR"
	if [ -x "$PTYRUN" ]; then
		# podman sizes an exec's pty through conmon only once the process
		# runs (podman #10560): wait for the size to come
		timeout "$T_TIMEOUT" "$PTYRUN" -s 30x90 -- "$PM" exec -t "$N-count" \
			sh -c 'tty; i=0; while [ $i -lt 50 ]; do
				s=$(stty size 2>&1); case $s in [1-9]*) break ;; esac
				i=$((i + 1)); sleep 0.1; done; echo "$s"; exit 6' \
			< /dev/null > "$TMPD/out" 2>&1
		RC=$?
		OUT=$(tr -d '\r' < "$TMPD/out")
		check_match exec-t-tty '^/dev/pts/[0-9]+$' "$OUT"
		check_match exec-t-size '^30 90$' "$OUT"
		check_eq exec-t-exit 6 "$RC"
		check_eq exec-t-termios "ptyrun: termios restored" "$(echo "$OUT" | tail -n 1)"
	fi
	pm top "$N-count" pid comm
	check_eq exec-none-left "PID COMMAND 1 sh" "$(echo $(echo "$OUT" | grep -v ' sleep$'))"
	rm_count
}

# pause: the counter stops, and goes on after unpause
t_podman_pause() {
	count_ct || return
	pm pause "$N-count"
	check_eq pause "exit 0: $N-count" "exit $RC: $OUT$ERR"
	check_eq pause-status paused "$(pstatus count)"
	c1=$(count "$PID")
	sleep 0.5
	c2=$(count "$PID")
	check_eq pause-frozen "$c1" "$c2"
	pm exec "$N-count" true
	check_eq pause-exec-refused 1 "$([ "$RC" != 0 ] && echo 1 || echo "$RC")"
	pm unpause "$N-count"
	check_eq unpause "exit 0: $N-count" "exit $RC: $OUT$ERR"
	check_eq unpause-status running "$(pstatus count)"
	moved() { _c=$(count "$PID"); case $_c in [0-9]*) [ "$_c" -gt "$c2" ] ;; *) false ;; esac; }
	if poll moved; then ok unpause-counting
	else fail unpause-counting "more than $c2" "$(count "$PID")"; fi
	rm_count
}

# stop by SIGTERM, which the counter handles
t_podman_stop_term() {
	count_ct || return
	t0=$(date +%s)
	pm stop -t 10 "$N-count"
	t1=$(date +%s)
	check_eq stop-term "exit 0: $N-count" "exit $RC: $OUT$ERR"
	check_eq stop-term-exit-code "exited 0" "$(pstatus count) $(pstate count ExitCode)"
	if [ $((t1 - t0)) -lt 5 ]; then ok stop-term-quick
	else fail stop-term-quick "under 5s" "$((t1 - t0))s"; fi
	pids_gone stop-term-pid-gone "$PID"
	pm rm "$N-count"
	check_eq rm-exited "exit 0: $N-count" "exit $RC: $OUT$ERR"
}

# ---- stop by SIGKILL after the timeout; start again ------------------------------

t_podman_stop_kill() {
	prun_d deaf 'trap "" TERM; echo ready; while :; do sleep 0.1; done' || return
	DPID=$PID
	poll logs_have deaf ready
	t0=$(date +%s)
	pm stop -t 2 "$N-deaf"
	t1=$(date +%s)
	check_eq stop-kill "exit 0: $N-deaf" "exit $RC: $OUT"
	check_has stop-kill-warning "$N-deaf in 2 seconds, resorting to SIGKILL" "$ERR"
	check_eq stop-kill-exit-code "exited 137" "$(pstatus deaf) $(pstate deaf ExitCode)"
	if [ $((t1 - t0)) -ge 2 ] && [ $((t1 - t0)) -lt 8 ]; then ok stop-kill-after-timeout
	else fail stop-kill-after-timeout "2s to 8s" "$((t1 - t0))s"; fi
	pids_gone stop-kill-pid-gone "$DPID"

	pm start "$N-deaf"
	check_eq start-exited "exit 0: $N-deaf" "exit $RC: $OUT$ERR"
	check_eq start-exited-running running "$(pstatus deaf)"
	SPID=$(pstate deaf Pid)
	pm rm "$N-deaf"
	check_eq rm-running-refused 2 "$RC"
	check_has rm-running-msg "cannot remove container" "$ERR"
	pm rm -f -t 0 "$N-deaf"
	check_eq rm-f "exit 0: $N-deaf" "exit $RC: $OUT$ERR"
	pids_gone rm-f-pid-gone "$SPID"
}

# ---- kill, wait, restart ------------------------------------------------------------

t_podman_kill() {
	prun_d kill 'trap "echo got-USR1" USR1; echo ready; while :; do sleep 0.1; done' || return
	KPID=$PID
	poll logs_have kill ready
	pm kill -s USR1 "$N-kill"
	check_eq kill-usr1 "exit 0: $N-kill" "exit $RC: $OUT$ERR"
	if poll logs_have kill got-USR1; then ok kill-usr1-delivered
	else fail kill-usr1-delivered got-USR1 "$("$PM" logs "$N-kill" 2>&1)"; fi
	check_eq kill-usr1-running running "$(pstatus kill)"
	pm kill "$N-kill"
	check_eq kill-default "exit 0: $N-kill" "exit $RC: $OUT$ERR"
	pm wait "$N-kill"
	check_eq kill-wait "exit 0: 137" "exit $RC: $OUT$ERR"
	check_eq kill-exited "exited 137" "$(pstatus kill) $(pstate kill ExitCode)"
	pids_gone kill-pid-gone "$KPID"

	pm restart "$N-kill"
	check_eq restart-exited "exit 0: $N-kill" "exit $RC: $OUT$ERR"
	check_eq restart-exited-running running "$(pstatus kill)"
	RPID=$(pstate kill Pid)
	if [ "$RPID" != "$KPID" ] && [ "$RPID" != 0 ] && [ -d "/proc/$RPID" ]; then
		ok restart-exited-new-pid
	else fail restart-exited-new-pid "a live pid other than $KPID" "$RPID"; fi
	ready_twice() { [ "$("$PM" logs "$N-kill" 2>&1 | grep -c '^ready$')" -ge 2 ]; }
	if poll ready_twice; then ok restart-exited-ran-again
	else fail restart-exited-ran-again "ready twice" "$("$PM" logs "$N-kill" 2>&1)"; fi

	pm restart -t 1 "$N-kill"
	check_eq restart-running "exit 0: $N-kill" "exit $RC: $OUT"
	check_has restart-running-sigkill "resorting to SIGKILL" "$ERR"
	check_eq restart-running-status running "$(pstatus kill)"
	R2PID=$(pstate kill Pid)
	if [ "$R2PID" != "$RPID" ] && [ "$R2PID" != 0 ] && [ -d "/proc/$R2PID" ]; then
		ok restart-running-new-pid
	else fail restart-running-new-pid "a live pid other than $RPID" "$R2PID"; fi
	pids_gone restart-running-old-pid-gone "$RPID"

	pm rm -f -t 0 "$N-kill"
	check_eq rm-f-restarted "exit 0: $N-kill" "exit $RC: $OUT$ERR"
	pids_gone rm-f-restarted-pid-gone "$R2PID"
	check_eq rm-none-left "" "$("$PM" ps -a -q 2>&1)"
}

# ---- --cgroups=disabled ------------------------------------------------------------

# podman then gives the runtime crun's global option `--cgroup-manager
# disabled` (runc has no such option) and no linux.cgroupsPath: the container
# stays in conmon's cgroup, which is ours
t_podman_run_cgroups_disabled() {
	need_rt_only run-cgroups-disabled || return
	prun nocg --rm --cgroups=disabled "$IMG" sh -c 'echo no-cgroups; sed -n "s/^0:://p" /proc/self/cgroup'
	check_eq run-cgroups-disabled "exit 0: no-cgroups $(sed -n 's/^0:://p' /proc/self/cgroup)" \
		"exit $RC: $(echo $OUT)$ERR"
}
