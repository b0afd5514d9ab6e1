# 97-containerd: containerd 1.6 and ctr drive $RT as their runc, for real.
# file_setup starts a private containerd (own config, root, state and socket
# under $T_FILE_DIR, CRI off) and imports a one-layer busybox OCI image it
# builds itself; every test runs its containers with `ctr run --runc-binary
# $RT --runc-root DIR`, so the runc v2 shim calls `$RT --root DIR/NS --log
# BUNDLE/log.json --log-format json create|start|exec|kill|ps|pause|...`.
# Output, exit codes and ctr's error lines (which carry the runtime's last
# logged error) are checked.  Each test's teardown removes, through ctr, the
# containers it left (and notes them for file_teardown's end checks);
# file_teardown checks that nothing is left: no container, state dir, mount,
# cgroup, shim or container process, no runtime error in containerd's log,
# and that the daemon stops by its pid.  The engines are host-only:
# tests/vm/run leaves 97-99 out of the guests.
# RT=runc tests/run 97-containerd.sh checks the test itself.
# rt's Kconfig switches every test here needs (lib.sh t_run skips without)
T_NEEDS="CONFIG_EXEC CONFIG_CGROUPS CONFIG_LOG_JSON CONFIG_SECCOMP"

# every check name here starts with ctr- (97-99 run the same scenarios under three engines)
CHECK_PREFIX=ctr-

. "$TOP/tests/lib-lifecycle.sh"

CD=$T_FILE_DIR/ctd
SOCK=$CD/containerd.sock
NS=rt-test-${T_FILE_DIR##*.}	# unique to the run: cgroups /NS/ID are ours
RROOT=$CD/runc			# --runc-root: the shim adds /$NS
RSTATE=$RROOT/$NS		# $RT --root $RSTATE state ID
FIFO=$CD/fifo
TASKS=$CD/state/io.containerd.runtime.v2.task/$NS	# bundles, log.json
IMG=rt-test/busybox:latest

# CTR ARGS...: ctr on our daemon and namespace, with a timeout
CTR() { timeout -s KILL "$T_TIMEOUT" ctr -a "$SOCK" -n "$NS" "$@"; }

# cx ARGS...: CTR ARGS with stdin /dev/null; sets OUT, ERR, RC
cx() {
	CTR "$@" < /dev/null > "$TMPD/out" 2> "$TMPD/err"
	RC=$?
	OUT=$(cat "$TMPD/out")
	ERR=$(cat "$TMPD/err")
}

# the flags that make containerd's runc v2 shim use $RT
RUNOPTS="--runc-binary $RT --runc-root $RROOT --fifo-dir $FIFO"
# `ctr run` puts linux.resources.cpu.shares 1024 (its --cpu-shares default)
# in every spec; the tests but ctr-run-default-spec pass --cpu-shares 0 (no
# cpu section) so that a runtime refusing the shares fails one test, not all
RUNX="$RUNOPTS --cpu-shares 0"
# cx_run ARGS...: `ctr run` without the cpu shares (cx run $RUNX ARGS)
cx_run() { cx run $RUNX "$@"; }

# task_field ID N: column N of ID's line in `ctr task ls` (2 pid, 3 status)
task_field() { CTR task ls 2>/dev/null | awk -v id="$1" -v n="$2" '$1 == id { print $n }'; }
task_is() { [ "$(task_field "$1" 3)" = "$2" ]; }
# rt_status ID, rt_pid ID: the status, pid in `$RT --root $RSTATE state ID`, or none
rt_status() {
	ST=$("$RT" --root "$RSTATE" state "$1" 2>/dev/null) || { echo none; return; }
	state_field status
}
rt_pid() {
	ST=$("$RT" --root "$RSTATE" state "$1" 2>/dev/null) || return 1
	state_field pid
}
# rtlog ID: the runtime's log.json in ID's bundle (its errors), for FAILs
rtlog() { cat "$TASKS/$1/log.json" 2>/dev/null | tail -n 3; }
# check_done NAME ID: ctr (cx) succeeded silently; else FAIL with the
# runtime's log.json lines
check_done() {
	if [ "$RC" = 0 ] && [ -z "$OUT$ERR" ]; then ok "$1"
	else fail "$1" "exit 0: " "exit $RC: $OUT$ERR; log.json: $(rtlog "$2")"; fi
}
# rootfs_file ID PATH: a file in ID's rootfs as the host sees it
rootfs_file() { echo "$TASKS/$1/rootfs$2"; }
counter() { cat "$(rootfs_file "$1" /n)" 2>/dev/null; }
counter_above() { _c=$(counter "$1"); [ -n "$_c" ] && [ "$_c" -gt "$2" ]; }

# bg_run NAME ARGS...: `ctr run $RUNX ARGS` in the background, output in
# $TMPD/NAME.out/.err and its exit code in $TMPD/NAME.rc at the end
bg_run() {
	_n=$1; shift
	rm -f "$TMPD/$_n.rc"
	( CTR run $RUNX "$@" < /dev/null > "$TMPD/$_n.out" 2> "$TMPD/$_n.err"
	  echo $? > "$TMPD/$_n.rc" ) &
}
# bg_rc NAME: wait for bg_run NAME to end; sets RC, OUT, ERR
bg_rc() {
	poll test -s "$TMPD/$1.rc"
	RC=$(cat "$TMPD/$1.rc" 2>/dev/null)
	OUT=$(cat "$TMPD/$1.out")
	ERR=$(cat "$TMPD/$1.err")
}

# procs_in_ns: pids whose cgroup (any hierarchy) is under /$NS/, that is the
# containers' processes (runc and rt name the cgroup /NS/ID from the spec)
procs_in_ns() {
	grep -l ":/$NS/" /proc/[0-9]*/cgroup 2>/dev/null |
		sed 's|^/proc/\([0-9]*\)/cgroup$|\1|' | while read -r p; do
		pid_dead "$p" || echo "$p"
	done
}
# ns_cgroups: cgroup dirs of our containers left in any hierarchy
ns_cgroups() { find /sys/fs/cgroup -mindepth 2 -maxdepth 3 -type d -path "*/$NS/*" 2>/dev/null; }
# our_procs: processes (not containerd itself) naming our dir: shims, $RT
our_procs() { leftover_procs "$CD" | grep -v " --config $CD/config.toml "; }

# rm_all_containers: kill, then remove through ctr, every task and
# container of our namespace; their ids on stdout
rm_all_containers() {
	for id in $(CTR container ls -q 2>/dev/null); do
		echo "$id"
		CTR task kill -s SIGKILL "$id" >/dev/null 2>&1
		CTR task rm -f "$id" >/dev/null 2>&1
		CTR container rm "$id" >/dev/null 2>&1
	done
}

# teardown: each test removes its containers; what one left is removed
# here and listed in $CD/left (file_teardown's end-no-container), as is
# runtime state left behind ($CD/left-state, end-no-runtime-state)
teardown() {
	_l=$(rm_all_containers)
	[ -n "$_l" ] && echo "$T_TEST:" $_l >> "$CD/left"
	for _d in "$RSTATE"/*; do
		[ -d "$_d" ] || continue
		echo "$T_TEST: ${_d##*/}" >> "$CD/left-state"
		"$RT" --root "$RSTATE" delete -f "${_d##*/}" >/dev/null 2>&1
	done
	return 0
}

# ---- the daemon and the image --------------------------------------------------

# file_setup: containerd on $SOCK, its pid in $CD/containerd.pid, and the
# image $IMG imported
file_setup() {
	if [ "$(id -u)" != 0 ]; then
		skip containerd "needs root"
		return 2
	fi
	need_cmd containerd containerd ctr containerd-shim-runc-v2 || return 1
	mkdir -p "$CD" "$FIFO"
	cat > "$CD/config.toml" <<EOF
version = 2
root = "$CD/root"
state = "$CD/state"
disabled_plugins = ["io.containerd.grpc.v1.cri", "io.containerd.snapshotter.v1.aufs",
	"io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs",
	"io.containerd.snapshotter.v1.devmapper"]
[grpc]
  address = "$SOCK"
[ttrpc]
  address = "$CD/containerd.ttrpc.sock"
[debug]
  address = ""
[plugins."io.containerd.internal.v1.opt"]
  path = "$CD/opt"
EOF
	containerd --config "$CD/config.toml" > "$CD/containerd.log" 2>&1 < /dev/null &
	echo $! > "$CD/containerd.pid"
	if poll test -S "$SOCK" && CTR version > /dev/null 2>&1; then ok containerd-up
	else
		fail containerd-up "socket $SOCK" "$(tail -n 5 "$CD/containerd.log")"
		return 1
	fi
	mkimage
	cx image import --base-name rt-test/busybox "$IM/busybox.tar"
	check_eq image-import "exit 0: unpacking $IMG (sha256:$DG)...done" "exit $RC: $OUT$ERR"
	cx image ls -q
	check_eq image-listed "$IMG" "$OUT"
	[ "$OUT" = "$IMG" ]
}

# mkimage: busybox in one layer, an OCI archive $IM/busybox.tar; $DG the
# manifest's digest
mkimage() {
	case $(uname -m) in
	x86_64) ARCH=amd64 ;; aarch64) ARCH=arm64 ;; armv*) ARCH=arm ;;
	i?86) ARCH=386 ;; *) ARCH=$(uname -m) ;;
	esac
	IM=$TMPD/img
	r=$IM/rootfs
	mkdir -p "$r/bin" "$r/etc" "$r/tmp" "$r/root" "$IM/oci/blobs/sha256"
	chmod 1777 "$r/tmp"
	cp /bin/busybox "$r/bin/busybox"
	for a in $(/bin/busybox --list); do
		[ "$a" = busybox ] || ln -s busybox "$r/bin/$a"
	done
	printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$r/etc/passwd"
	printf 'root:x:0:\ntty:x:5:\nnogroup:x:65534:\n' > "$r/etc/group"
	printf 'not a program\n' > "$r/etc/noexec"

	tar -C "$r" -cf "$IM/layer.tar" .
	DIFF=$(sha256sum < "$IM/layer.tar" | cut -d' ' -f1)
	gzip -c "$IM/layer.tar" > "$IM/layer.tar.gz"
	blob "$IM/layer.tar.gz"; LDG=$DG LSZ=$SZ
	printf '{"architecture":"%s","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"],"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
		"$ARCH" "$DIFF" > "$IM/config.json"
	blob "$IM/config.json"; CDG=$DG CSZ=$SZ
	printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
		"$CDG" "$CSZ" "$LDG" "$LSZ" > "$IM/manifest.json"
	blob "$IM/manifest.json"
	printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"architecture":"%s","os":"linux"},"annotations":{"org.opencontainers.image.ref.name":"latest"}}]}' \
		"$DG" "$SZ" "$ARCH" > "$IM/oci/index.json"
	echo '{"imageLayoutVersion":"1.0.0"}' > "$IM/oci/oci-layout"
	tar -C "$IM/oci" -cf "$IM/busybox.tar" oci-layout index.json blobs
}

# blob FILE: FILE stored under blobs/sha256, its digest in $DG, size in $SZ
blob() {
	DG=$(sha256sum < "$1" | cut -d' ' -f1)
	SZ=$(wc -c < "$1" | tr -d ' ')
	cp "$1" "$IM/oci/blobs/sha256/$DG"
}

# file_teardown: nothing left after all the tests, then containerd stops by
# its pid; whatever failed tests left is removed (shims, rt state, mounts,
# cgroups)
file_teardown() {
	CPID=$(cat "$CD/containerd.pid" 2>/dev/null)
	[ -n "$CPID" ] || return 0
	if pid_dead "$CPID"; then
		fail containerd-stopped "containerd $CPID running until the end" \
			"dead: $(tail -n 5 "$CD/containerd.log")"
	else
		end_checks
		kill "$CPID"
		if poll pid_dead "$CPID"; then ok containerd-stopped
		else fail containerd-stopped "pid $CPID gone" "alive"; fi
		pid_dead "$CPID" || kill -9 "$CPID" 2>/dev/null
		check_eq end-no-process "" "$(leftover_procs "$CD")"
	fi
	for p in $(our_procs | sed 's/:.*//'); do kill -9 "$p" 2>/dev/null; done
	for d in "$RSTATE"/*; do
		[ -d "$d" ] && "$RT" --root "$RSTATE" delete -f "${d##*/}" >/dev/null 2>&1
	done
	umount_under "$CD"
	for d in /sys/fs/cgroup/*/"$NS" /sys/fs/cgroup/"$NS"; do
		[ -d "$d" ] || continue
		find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null
	done
	return 0
}

# end_checks: what the tests left, from their teardowns and now
end_checks() {
	cx container ls -q
	check_eq end-no-container "" "$(cat "$CD/left" 2>/dev/null)$OUT"
	check_eq end-no-runtime-state "" "$(cat "$CD/left-state" 2>/dev/null)$(ls -A "$RSTATE" 2>/dev/null)"
	no_our_procs() { [ -z "$(our_procs)" ]; }
	poll no_our_procs
	check_eq end-no-shim-or-runtime-process "" "$(our_procs)"
	check_eq end-no-container-process "" "$(procs_in_ns)"
	check_eq end-no-mounts "" "$(grep -F " $T_FILE_DIR" /proc/self/mountinfo)"
	check_eq end-no-cgroups "" "$(ns_cgroups)"

	# no runtime call failed behind ctr's back (containerd logs the shims'
	# errors).  Left out, as runc gives them too: containerd 1.6's "copy shim
	# log" race and the `delete --force` of its cleanup after a shim exits,
	# which sometimes ends "exit status 255" with no message.
	LOGERR=$(grep -E 'did not terminate successfully|level=error' "$CD/containerd.log" |
		grep -v 'msg="copy shim log"' |
		grep -v 'failed to remove runc container.* did not terminate successfully: exit status 255: \\" runtime' |
		cut -c 1-400)
	check_eq end-containerd-log-clean "" "$LOGERR"
}

# ---- run in the foreground: output, stdin, exit codes ------------------------

# what a user types: ctr run's default spec (cpu.shares 1024, devices
# cgroup rules, cgroupsPath /NS/ID), nothing but the runtime flags
# Where cgroup2 lacks the cpu controller (a hybrid host: cgroup v1 has it),
# rt refuses the shares, naming the controller, rather than drop them; runc
# writes them to v1.
t_ctr_run_default_spec() {
	ID=$(newid default)
	cx run $RUNOPTS --rm "$IMG" "$ID" sh -c 'echo default-spec; exit 3'
	cg2=$(awk '$0 ~ / - cgroup2 / { print $5; exit }' /proc/self/mountinfo)
	if [ "$RT_IS_REF" = 0 ] && [ -n "$cg2" ] &&
	   ! grep -qw cpu "$cg2/cgroup.controllers" 2>/dev/null; then
		check_match run-default-spec \
			'linux.resources needs the cpu controller, which .* does not offer' \
			"exit $RC: $OUT$ERR"
	else
		check_eq run-default-spec "exit 3: default-spec" "exit $RC: $OUT$ERR"
	fi
}

t_ctr_run_output() {
	ID=$(newid run)
	cx_run --rm "$IMG" "$ID" sh -c 'echo hi; echo oops >&2; exit 3'
	check_eq run-output hi "$OUT"
	check_eq run-stderr oops "$ERR"
	check_rc run-exit-code 3
	cx container ls -q
	check_eq run-rm-removed "" "$OUT"
}

t_ctr_run_env_cwd() {
	ID=$(newid env)
	cx_run --rm --env FOO=bar --cwd /etc "$IMG" "$ID" sh -c 'echo $FOO $(pwd) $(hostname) $(id -u)'
	# no hostname in ctr's spec: the new uts namespace keeps the host's name
	check_eq run-env-cwd "bar /etc $(uname -n) 0" "$OUT$ERR"
}

# ctr run never closes the task's stdin at its EOF (only ctr task exec
# does), so the container reads lines, not up to EOF
t_ctr_run_stdin_pipe() {
	ID=$(newid stdin)
	printf 'data\nline 2\n' | CTR run $RUNX --rm "$IMG" "$ID" sh -c 'read a; read b; echo "[$a] [$b]"' \
		> "$TMPD/out" 2> "$TMPD/err"
	RC=$?
	check_eq run-stdin-pipe "exit 0: [data] [line 2]" "exit $RC: $(cat "$TMPD/out" "$TMPD/err")"
}

# pid 1 of a pid namespace ignores signals it has no handler for, even its
# own: runc's init sh survives `kill -TERM $$` and exits 0
t_ctr_run_pid1_ignores_term() {
	ID=$(newid selfterm)
	cx_run --rm "$IMG" "$ID" sh -c 'kill -TERM $$; echo alive'
	check_eq run-pid1-ignores-term "exit 0: alive" "exit $RC: $OUT$ERR"
}

# an init that handles SIGTERM: `ctr task kill` (SIGTERM) reaches it
t_ctr_kill_term() {
	ID=$(newid term)
	bg_run term --rm "$IMG" "$ID" sh -c 'trap "echo got-term; exit 7" TERM; echo ready; while :; do sleep 0.1; done'
	poll file_has "$TMPD/term.out" ready
	cx task kill "$ID"
	check_eq kill-term "exit 0: " "exit $RC: $OUT$ERR"
	bg_rc term
	check_eq kill-term-handled "exit 7: ready
got-term" "exit $RC: $OUT$ERR"
}

# an init ignoring SIGTERM: still running after `ctr task kill`; SIGKILL
# ends it with 128 + 9
t_ctr_kill_term_ignored() {
	ID=$(newid ignterm)
	bg_run ignterm --rm "$IMG" "$ID" sh -c "trap '' TERM; echo ready; while :; do sleep 0.1; done"
	poll file_has "$TMPD/ignterm.out" ready
	cx task kill "$ID"
	sleep 0.5	# time for the SIGTERM to have killed it, had it not been ignored
	check_eq kill-term-ignored RUNNING "$(task_field "$ID" 3)"
	cx task kill -s SIGKILL "$ID"
	check_eq kill-sigkill "exit 0: " "exit $RC: $OUT$ERR"
	bg_rc ignterm
	check_eq kill-sigkill-137 "exit 137: ready" "exit $RC: $OUT$ERR"
}

# ---- run -t on a pty ---------------------------------------------------------

# ctr sends its window size (Resize) only after the task started: the
# container waits for it (busybox stty size prints nothing while it is 0x0)
TTYSCRIPT='tty; [ -t 0 ] && echo stdin-is-tty; i=0
until s=$(stty size 2>/dev/null) && [ -n "$s" ] && [ "$s" != "0 0" ] || [ $i -ge 50 ]; do
	sleep 0.1; i=$((i + 1))
done; echo "$s"; exit 4'
t_ctr_run_t() {
	if [ ! -x "$PTYRUN" ]; then
		skip run-t "tests/ptyrun not built (make check builds it)"
		return
	fi
	ID=$(newid tty)
	timeout -s KILL "$T_TIMEOUT" "$PTYRUN" -s 30x90 -- ctr -a "$SOCK" -n "$NS" run $RUNX -t --rm \
		"$IMG" "$ID" sh -c "$TTYSCRIPT" \
		< /dev/null > "$TMPD/out" 2>&1
	RC=$?
	OUT=$(tr -d '\r' < "$TMPD/out")
	check_match run-t-tty '^/dev/pts/[0-9]+$' "$OUT"
	check_has run-t-stdin-tty stdin-is-tty "$OUT"
	check_match run-t-size '^30 90$' "$OUT"
	check_eq run-t-exit 4 "$RC"
	check_eq run-t-restored "ptyrun: termios restored" "$(echo "$OUT" | tail -n 1)"
}

# ---- errors: what containerd says when the runtime's create fails -----------

t_ctr_run_errors() {
	ID=$(newid nocmd)
	cx_run --rm "$IMG" "$ID" nosuchcmd
	check_rc run-nosuchcmd-exit 1
	# runc: "OCI runtime create failed: runc create failed: unable to start
	# container process: exec: ..."; the runtime's own prefix may differ
	check_match run-nosuchcmd-msg '^ctr: failed to create shim task: OCI runtime create failed: (.*: )?exec: "nosuchcmd": executable file not found in \$PATH: unknown$' "$ERR"
	check_eq run-nosuchcmd-no-output "" "$OUT"

	ID=$(newid noexec)
	cx_run --rm "$IMG" "$ID" /etc/noexec
	check_rc run-noexec-exit 1
	check_match run-noexec-msg '^ctr: failed to create shim task: OCI runtime create failed: (.*: )?exec: "/etc/noexec": permission denied: unknown$' "$ERR"
	check_eq run-noexec-no-output "" "$OUT"

	ID=$(newid dircmd)
	cx_run --rm "$IMG" "$ID" /tmp
	check_rc run-dir-exit 1
	check_match run-dir-msg '^ctr: failed to create shim task: OCI runtime create failed: (.*: )?exec: "/tmp": permission denied: unknown$' "$ERR"

	cx container ls -q
	check_eq run-errors-no-container "" "$OUT"
	cx task ls -q
	check_eq run-errors-no-task "" "$OUT"
}

# ---- run -d: the task, its pids, exec, ps, pause/resume, restart -------------

# the run -d container: a counter in /n and a child `sleep 1000`
LOOP='sleep 1000 & i=0; while :; do i=$((i+1)); echo $i > /n; sleep 0.1; done'

t_ctr_run_d() {
	ID=$(newid detached); D=$ID
	cx_run -d --pid-file "$TMPD/$D.pid" "$IMG" "$D" sh -c "$LOOP"
	check_eq run-d "exit 0: " "exit $RC: $OUT$ERR"
	poll task_is "$D" RUNNING
	check_eq run-d-running RUNNING "$(task_field "$D" 3)"
	DPID=$(task_field "$D" 2)
	check_eq run-d-rt-state running "$(rt_status "$D")"
	check_eq run-d-rt-pid "$DPID" "$(rt_pid "$D")"
	check_eq run-d-pid-file "$DPID" "$(cat "$TMPD/$D.pid" 2>/dev/null)"
	check_eq run-d-shim-init-pid "$DPID" "$(cat "$TASKS/$D/init.pid" 2>/dev/null)"
	check_eq run-d-runtime-state-dir yes "$([ -d "$RSTATE/$D" ] && echo yes)"
	check_has run-d-shim-options "\"binary_name\":\"$RT\"" "$(cat "$TASKS/$D/options.json" 2>/dev/null)"
	poll counter_above "$D" 0
	check_match run-d-counting '^[1-9][0-9]*$' "$(counter "$D")"
	rm_detached
}

# run_detached: `ctr run -d` of $LOOP as a new container $D, its init's pid
# in $DPID, once it is counting; FAIL TEST-run-d (the test's name without
# ctr-) and return 1 if it does not get there
run_detached() {
	D=$(newid "${T_TEST#ctr-}")
	cx_run -d "$IMG" "$D" sh -c "$LOOP"
	if poll task_is "$D" RUNNING && poll counter_above "$D" 0; then
		DPID=$(task_field "$D" 2)
		return 0
	fi
	fail "${T_TEST#ctr-}-run-d" "task RUNNING and counting" \
		"exit $RC: $OUT$ERR; $(task_field "$D" 3); log.json: $(rtlog "$D")"
	return 1
}
# rm_detached: SIGKILL the task of $D, remove it and the container
rm_detached() {
	CTR task kill -s SIGKILL "$D" >/dev/null 2>&1
	poll task_is "$D" STOPPED
	CTR task rm "$D" >/dev/null 2>&1
	CTR container rm "$D" >/dev/null 2>&1
}

# stable: the pids on stdin that are alive and not the loop's passing
# `sleep 0.1`, sorted (the lists below are read at different times)
stable() {
	sort -n | while read -r p; do
		c=$( (tr '\0' ' ' < "/proc/$p/cmdline") 2>/dev/null) || continue
		[ "$c" = "sleep 0.1 " ] || echo "$p"
	done
}
# has_children PID: PID has a child process (the init's `sleep 1000 &`)
has_children() { [ -n "$(cat /proc/"$1"/task/*/children 2>/dev/null | tr -d ' ')" ]; }
# task_ps_pids: the stable pids of `ctr task ps $D`
task_ps_pids() { CTR task ps "$D" | awk 'NR > 1 { print $1 }' | stable; }

# the pids `ctr task ps` shows are host pids: the init and its children, the
# same set as $RT ps and the container's cgroup.procs in cgroup2
t_ctr_task_ps() {
	run_detached || return
	poll has_children "$DPID"
	cx task ps "$D"
	check_match task-ps-header '^PID +INFO$' "$(echo "$OUT" | sed -n 1p)"
	PS=$(echo "$OUT" | awk 'NR > 1 { print $1 }' | stable)
	check_eq task-ps-has-init "$DPID" "$(echo "$PS" | grep -x "$DPID")"
	check_eq task-ps-is-rt-ps "$("$RT" --root "$RSTATE" ps --format json "$D" | json_ints | stable)" "$PS"
	CGP=/sys/fs/cgroup/unified/$NS/$D/cgroup.procs
	[ -f "$CGP" ] || CGP=/sys/fs/cgroup/$NS/$D/cgroup.procs
	check_eq task-ps-is-cgroup "$(stable < "$CGP" 2>/dev/null)" "$PS"
	n=0; for p in $PS; do [ -d "/proc/$p" ] && n=$((n + 1)); done
	check_eq task-ps-host-pids "$(echo "$PS" | wc -l | tr -d ' ')" "$n"
	rm_detached
}

# exec: output, exit code, the same pid namespace as the init
t_ctr_exec() {
	run_detached || return
	cx task exec --exec-id e1 "$D" sh -c 'echo in-exec; cat /proc/1/cmdline | tr "\0" " "; echo; exit 5'
	check_eq exec-output "in-exec
$(printf 'sh -c %s \n' "$LOOP")" "$OUT$ERR"
	check_rc exec-exit-code 5
	printf 'piped\n' | CTR task exec --exec-id e2 "$D" cat > "$TMPD/out" 2>&1
	check_eq exec-stdin-pipe "exit 0: piped" "exit $?: $(cat "$TMPD/out")"
	cx task exec --exec-id e3 "$D" sh -c 'kill -TERM $$'
	check_rc exec-killed-by-term-143 143
	cx task exec --exec-id e4 "$D" nosuchcmd
	check_rc exec-nosuchcmd-exit 1
	check_match exec-nosuchcmd-msg '^ctr: OCI runtime exec failed: (.*: )?exec: "nosuchcmd": executable file not found in \$PATH: unknown$' "$ERR"
	# the shim took that from the runtime's --log file, --log-format json
	check_match exec-nosuchcmd-log-json '^\{"level":"error","msg":"(.*: )?exec: \\"nosuchcmd\\": executable file not found in \$PATH","time":"[0-9T:Z.+-]+"\}$' "$(rtlog "$D")"
	cx task exec --exec-id e5 "$D" /etc/noexec
	check_rc exec-noexec-exit 1
	check_match exec-noexec-msg '^ctr: OCI runtime exec failed: (.*: )?exec: "/etc/noexec": permission denied: unknown$' "$ERR"
	rm_detached
}

t_ctr_exec_t() {
	if [ ! -x "$PTYRUN" ]; then
		skip exec-t "tests/ptyrun not built"
		return
	fi
	run_detached || return
	timeout -s KILL "$T_TIMEOUT" "$PTYRUN" -- ctr -a "$SOCK" -n "$NS" task exec -t --exec-id et "$D" \
		sh -c 'tty; [ -t 0 ] && echo stdin-is-tty; exit 6' < /dev/null > "$TMPD/out" 2>&1
	RC=$?
	OUT=$(tr -d '\r' < "$TMPD/out")
	check_match exec-t-tty '^/dev/pts/[0-9]+$' "$OUT"
	check_has exec-t-stdin-tty stdin-is-tty "$OUT"
	check_eq exec-t-exit 6 "$RC"
	rm_detached
}

# pause really freezes: the counter stops, then goes on after resume
t_ctr_pause() {
	run_detached || return
	cx task pause "$D"
	check_done pause "$D"
	check_eq pause-task-status PAUSED "$(task_field "$D" 3)"
	check_eq pause-rt-state paused "$(rt_status "$D")"
	a=$(counter "$D")
	sleep 0.6	# six ticks of the loop, had it not been frozen
	b=$(counter "$D")
	check_eq pause-counter-stopped "$a" "$b"
	cx task resume "$D"
	check_done resume "$D"
	check_eq resume-task-status RUNNING "$(task_field "$D" 3)"
	check_eq resume-rt-state running "$(rt_status "$D")"
	if poll counter_above "$D" "${b:-0}"; then ok resume-counter-goes-on
	else fail resume-counter-goes-on "above $b" "$(counter "$D")"; fi
	rm_detached
}

# kill --all: every process of the container, a detached exec'd one too
t_ctr_kill_all() {
	run_detached || return
	poll has_children "$DPID"
	ALLPIDS=$(task_ps_pids)
	# a detached exec shows in ps, then dies with the kill --all
	cx task exec -d --exec-id e6 "$D" sleep 999
	check_eq exec-d "exit 0: " "exit $RC: $OUT$ERR"
	EPID=$(CTR task ps "$D" | awk 'NR > 1 { print $1 }' | while read -r p; do
		[ "$( (tr '\0' ' ' < "/proc/$p/cmdline") 2>/dev/null)" = "sleep 999 " ] && echo "$p"
	done)
	check_match exec-d-in-ps '^[1-9][0-9]*$' "$EPID"
	cx task kill --all -s SIGKILL "$D"
	check_done kill-all "$D"
	poll task_is "$D" STOPPED
	check_eq kill-all-stopped STOPPED "$(task_field "$D" 3)"
	pids_gone kill-all-pids-gone $ALLPIDS $EPID
	check_eq kill-all-rt-state stopped "$(rt_status "$D")"
	rm_detached
}

# restart: delete the stopped task, start the same container again
t_ctr_restart() {
	run_detached || return
	CTR task kill -s SIGKILL "$D" >/dev/null 2>&1
	poll task_is "$D" STOPPED
	cx task rm "$D"
	check_eq task-rm "exit 0: " "exit $RC: $OUT$(echo "$ERR" | grep -v 'level=warning')"
	check_eq task-rm-rt-state-gone "" "$(ls "$RSTATE" 2>/dev/null | grep -x "$D")"
	cx task ls -q
	check_eq task-rm-no-task "" "$OUT"
	cx container ls -q
	check_eq task-rm-container-kept "$D" "$OUT"
	cx task start -d "$D"
	check_eq task-start-again "exit 0: " "exit $RC: $OUT$ERR"
	poll task_is "$D" RUNNING
	NPID=$(task_field "$D" 2)
	check_eq restart-running running "$(rt_status "$D")"
	if [ -n "$NPID" ] && [ "$NPID" != "$DPID" ] && [ -d "/proc/$NPID" ]; then ok restart-new-pid
	else fail restart-new-pid "a new live pid (old $DPID)" "$NPID"; fi
	# the rootfs (the container's snapshot) is the same: /n is still there
	c0=$(counter "$D")
	if poll counter_above "$D" "${c0:-0}"; then ok restart-counting
	else fail restart-counting "above $c0" "$(counter "$D")"; fi
	cx task kill -s SIGKILL "$D"
	poll task_is "$D" STOPPED
	check_eq restart-killed STOPPED "$(task_field "$D" 3)"
	cx task rm "$D"
	check_eq restart-task-rm 0 "$RC"
	cx container rm "$D"
	check_eq container-rm "exit 0: " "exit $RC: $OUT$ERR"
	cx container ls -q
	check_eq container-rm-gone "" "$OUT"
}

# a container run in the foreground without --rm, then its task started again
# by `ctr task start` (foreground): output and exit code of each run
t_ctr_run_again() {
	ID=$(newid again)
	cx_run "$IMG" "$ID" sh -c 'echo x >> /runs; echo run $(wc -l < /runs); exit 2'
	check_eq run-again-1 "exit 2: run 1" "exit $RC: $OUT$ERR"
	cx task start "$ID"
	check_eq run-again-2 "exit 2: run 2" "exit $RC: $OUT$ERR"
	cx task start "$ID"
	check_eq run-again-3 "exit 2: run 3" "exit $RC: $OUT$ERR"
	cx container rm "$ID"
	check_eq run-again-rm "exit 0: " "exit $RC: $OUT$ERR"
}

# ctr task rm -f: the shim kills a task that ignores SIGTERM, then deletes it
t_ctr_task_rm_force() {
	ID=$(newid force)
	cx_run -d "$IMG" "$ID" sh -c "trap '' TERM; while :; do sleep 0.1; done"
	poll task_is "$ID" RUNNING
	FPID=$(task_field "$ID" 2)
	cx task rm -f "$ID"
	check_eq task-rm-force "exit 0" "exit $RC"
	pids_gone task-rm-force-pid-gone "$FPID"
	cx container rm "$ID"
	check_eq task-rm-force-container-rm 0 "$RC"
}
