# 96-hooks: OCI hooks (all six: their order, the state JSON on stdin, args,
# env, the namespaces each runs in; failures, timeouts, bad paths) and
# the config.json / process.json files docker, podman and containerd wrote
# (tests/configs/, copies of what the engines handed runc) run with only
# their host-specific parts rewritten.

# rt's Kconfig switches every test here needs (lib.sh t_run skips without)
T_NEEDS="CONFIG_HOOKS"

. "$TOP/tests/lib-lifecycle.sh"
. "$TOP/tests/lib-seccomp.sh"

setup() {
	lc_setup
	HOSTMNT=$(readlink /proc/self/ns/mnt)

	# /hook.sh KIND LOG (in the rootfs; the host hooks run it by its host path)
	# appends to LOG one line each: the state JSON read from stdin, its own argv
	# and environ (those of this sh, read through its /proc/self: a child's
	# would show what sh exports), its mount namespace, and whether / is the
	# rootfs (only the rootfs has /rootfs-marker)
	cat > "$B/rootfs/hook.sh" <<-'EOF'
	n=$1
	cd /proc/self || exit 1
	{
		echo "$n state $(cat)"
		echo "$n argv $(tr '\0' ' ' < cmdline | sed 's/ $//')"
		echo "$n env $(tr '\0' '|' < environ | sed 's/|$//')"
		echo "$n mnt $(readlink ns/mnt)"
		echo "$n root $([ -e /rootfs-marker ] && echo rootfs || echo host)"
	} >> "$2"
	EOF
	LOG=$B/rootfs/tmp/hooks.log
	# every kind once; startContainer runs in the container: its path and log
	# are the container's
	HOOKS=", \"annotations\": { \"hooktest\": \"yes\", \"org.example.b\": \"2\" },
		\"hooks\": { \"prestart\": [ $(hk prestart "$LOG") ],
		\"createRuntime\": [ $(hk createRuntime "$LOG") ],
		\"createContainer\": [ $(hk createContainer "$LOG") ],
		\"startContainer\": [ $(hk startContainer /tmp/hooks.log '') ],
		\"poststart\": [ $(hk poststart "$LOG") ],
		\"poststop\": [ $(hk poststop "$LOG") ] }"
	POSTSTART=running
	[ "$RT_IS_REF" = 1 ] && POSTSTART=created
	cat > "$TMPD/fail.sh" <<-'EOF'
	#!/bin/sh
	echo "out-$1"
	echo "err-$1" >&2
	exit 1
	EOF
	cat > "$TMPD/slow.sh" <<-'EOF'
	#!/bin/sh
	sleep 5
	EOF
	chmod 755 "$TMPD/fail.sh" "$TMPD/slow.sh"
	mkdir -p "$TMPD/files/shm"
	for f in resolv.conf hostname hosts .containerenv; do echo "$f" > "$TMPD/files/$f"; done
	printf '#!/bin/sh\necho "$* | $(sed -n '\''s/.*"id":"\\([^"]*\\)".*/\\1/p'\'')" >> "%s"\n' \
		"$TMPD/hook.log" > "$TMPD/hook.sh"
	chmod 755 "$TMPD/hook.sh"
}


# after NAME: the id $ID left nothing behind
after() { nothing_left "$1-nothing-left" "$ID"; }


# ---- hooks: the state on stdin, args, env, namespaces, order --------------------
# hk KIND LOG [DIR]: one hook running DIR/hook.sh (DIR: the rootfs's host
# path by default) by /bin/busybox with argv[0] "sh", and an env of two
hk() {
	echo "{ \"path\": \"/bin/busybox\", \"args\": [ \"sh\", \"${3-$B/rootfs}/hook.sh\", \"$1\", \"$2\" ], \"env\": [ \"HOOK=$1\", \"X=a b\" ] }"
}
# hl KIND WHAT: line WHAT (state argv env mnt root) that hook KIND logged
hl() { sed -n "s/^$1 $2 //p" "$LOG"; }
# order: the kinds in the order they ran
order() { echo $(sed -n 's/^\([A-Za-z]*\) state .*/\1/p' "$LOG" 2>/dev/null); }

# check_hook P KIND STATUS PIDS MNT ROOT: what hook KIND logged: valid state
# JSON with this ociVersion, id, status STATUS, pid one of PIDS (none: not
# checked), bundle and annotations; argv and env exactly as configured; the
# mount namespace MNT, / being ROOT (rootfs or host)
check_hook() {
	_p=$1 _k=$2 _dir=$B/rootfs _log=$LOG
	[ "$_k" = startContainer ] && _dir= _log=/tmp/hooks.log
	_s=$(hl "$_k" state)
	if ! _f=$(printf '%s\n' "$_s" | json_flat); then
		fail "$_p-$_k-state-json" "one line of JSON" "$_s: $_f"
		return
	fi
	check_eq "$_p-$_k-state" "$OCIV $ID $3 $B yes 2" \
		"$(jget "$_f" '\.ociVersion') $(jget "$_f" '\.id') $(jget "$_f" '\.status') $(jget "$_f" '\.bundle') $(jget "$_f" '\.annotations\.hooktest') $(jget "$_f" '\.annotations\.org\.example\.b')"
	_pid=$(jget "$_f" '\.pid')
	case " $4 " in
	"  ") ;;
	*" $_pid "*) ok "$_p-$_k-state-pid" ;;
	*) fail "$_p-$_k-state-pid" "pid $4" "$_pid" ;;
	esac
	check_eq "$_p-$_k-argv" "sh $_dir/hook.sh $_k $_log" "$(hl "$_k" argv)"
	check_eq "$_p-$_k-env" "HOOK=$_k|X=a b" "$(hl "$_k" env)"
	check_eq "$_p-$_k-ns" "$5 $6" "$(hl "$_k" mnt) $(hl "$_k" root)"
}


# run: a container that waits for the gate, so its state can be read while
# it runs; then every hook's log
t_hooks_run() {
	rm -f "$LOG"
	ID=$(newid hrun); track "$ID"
	C_ROOT_RO=false C_TOP_EXTRA=$HOOKS sh_config "$(gate_wait hrun); echo done"
	timeout "$T_TIMEOUT" "$RT" run --bundle "$B" "$ID" \
		< /dev/null > "$TMPD/hrun.out" 2> "$TMPD/hrun.err" &
	RUNP=$!
	wait_status hooks-run-running "$ID" running
	ST=$("$RT" state "$ID" 2>&1)
	PID=$(state_field pid) OCIV=$(state_field ociVersion)
	CTMNT=$(readlink "/proc/$PID/ns/mnt")
	check_eq hooks-run-ct-mntns-differs yes "$([ -n "$CTMNT" ] && [ "$CTMNT" != "$HOSTMNT" ] && echo yes || echo "$CTMNT")"
	gate_open hrun
	wait $RUNP
	check_eq hooks-run "exit 0: done: " "exit $?: $(cat "$TMPD/hrun.out"): $(cat "$TMPD/hrun.err")"
	# runc 1.1.5's run starts the process (and so runs startContainer) only
	# after the poststart hooks, which the spec puts after the process started
	if [ "$RT_IS_REF" = 1 ]; then
		check_eq hooks-run-order "prestart createRuntime createContainer poststart startContainer poststop" "$(order)"
	else
		check_eq hooks-run-order "prestart createRuntime createContainer startContainer poststart poststop" "$(order)"
	fi
	# pid: the init's host pid as state shows it; in the two hooks run inside
	# the container runc 1.1.5 gives its pid there, 1.  poststart: runc 1.1.5
	# says "created" (it has not started the process yet, above); the process
	# runs, so rt says "running".  poststop: the pid is gone (runc omits it).
	POSTSTART=running
	[ "$RT_IS_REF" = 1 ] && POSTSTART=created
	check_hook hooks-run prestart creating "$PID" "$HOSTMNT" host
	check_hook hooks-run createRuntime creating "$PID" "$HOSTMNT" host
	check_hook hooks-run createContainer creating "$PID 1" "$CTMNT" host
	check_hook hooks-run startContainer created "$PID 1" "$CTMNT" rootfs
	check_hook hooks-run poststart $POSTSTART "$PID" "$HOSTMNT" host
	check_hook hooks-run poststop stopped "" "$HOSTMNT" host
	after hooks-run
}

# create, start, delete: each runs its own hooks
t_hooks_create_start_delete() {
	rm -f "$LOG"
	C_ROOT_RO=false C_TOP_EXTRA=$HOOKS create_ct hcs "$(gate_wait hcs); echo done"
	check_eq hooks-create "exit 0: " "exit $RC: $ERR"
	# runc 1.1.5 runs the poststart hooks in create, before the process started
	if [ "$RT_IS_REF" = 1 ]; then
		check_eq hooks-create-order "prestart createRuntime createContainer poststart" "$(order)"
	else
		check_eq hooks-create-order "prestart createRuntime createContainer" "$(order)"
	fi
	ST=$("$RT" state "$ID" 2>&1)
	PID=$(state_field pid) OCIV=$(state_field ociVersion)
	CTMNT=$(readlink "/proc/$PID/ns/mnt")
	check_hook hooks-create prestart creating "$PID" "$HOSTMNT" host
	check_hook hooks-create createRuntime creating "$PID" "$HOSTMNT" host
	check_hook hooks-create createContainer creating "$PID 1" "$CTMNT" host
	e=$("$RT" start "$ID" 2>&1)
	check_eq hooks-start "exit 0: " "exit $?: $e"
	has_started() { grep -q '^startContainer root ' "$LOG"; }
	poll has_started
	# runc 1.1.5's poststart ran in create (above)
	if [ "$RT_IS_REF" = 1 ]; then
		check_eq hooks-start-order "prestart createRuntime createContainer poststart startContainer" "$(order)"
	else
		check_eq hooks-start-order "prestart createRuntime createContainer startContainer poststart" "$(order)"
	fi
	check_hook hooks-start startContainer created "$PID 1" "$CTMNT" rootfs
	check_hook hooks-start poststart $POSTSTART "$PID" "$HOSTMNT" host
	gate_open hcs
	wait_status hooks-stopped "$ID" stopped
	check_eq hooks-no-poststop-before-delete "" "$(hl poststop state)"
	e=$("$RT" delete "$ID" 2>&1)
	check_eq hooks-delete "exit 0: " "exit $?: $e"
	check_eq hooks-delete-order "poststop" "$(order | awk '{ print $NF }')"
	check_hook hooks-delete poststop stopped "" "$HOSTMNT" host
	after hooks-delete
}

# ---- hooks that fail --------------------------------------------------------------

OKHOOK='{ "path": "/bin/busybox", "args": [ "true" ] }'
# failhooks KIND: KIND's hooks are one that succeeds, then #1 fails
failhooks() {
	echo ", \"hooks\": { \"$1\": [ $OKHOOK, { \"path\": \"$TMPD/fail.sh\", \"args\": [ \"fail.sh\", \"$1\" ] } ] }"
}
# check_hookerr NAME MESSAGE: $ERR is rt's MESSAGE, or runc 1.1.5's words
check_hookerr() {
	if [ "$RT_IS_REF" = 1 ]; then
		check_has "$1" "error running hook #1: error running hook: exit status 1" "$ERR"
	else
		check_eq "$1" "$2" "$ERR"
	fi
}


# before the process starts: run fails with the hook's status and output,
# and the container is gone
t_hooks_fail_before_start() {
	for k in prestart createRuntime createContainer; do
		C_TOP_EXTRA=$(failhooks $k) sh_ct "f$k" 'echo ran'
		check_eq "hook-fail-$k-rc" "exit 1: " "exit $RC: $OUT"
		check_hookerr "hook-fail-$k-msg" \
			"rt: error running $k hook #1: exit status 1, stdout: out-$k, stderr: err-$k"
		after "hook-fail-$k"
	done
}

# poststart: runtime-spec 1.3 says generate an error and stop the container
# (1.0 said warn and go on); runc fails the run too.  The process is
# killed before it gets to echo, and nothing is left.
t_hooks_fail_poststart() {
	C_TOP_EXTRA=$(failhooks poststart) sh_ct fpoststart 'sleep 10; echo ran'
	check_eq hook-fail-poststart-rc "exit 1: " "exit $RC: $OUT"
	check_hookerr hook-fail-poststart-msg \
		"rt: error running poststart hook #1: exit status 1, stdout: out-poststart, stderr: err-poststart"
	after hook-fail-poststart
}

# the same through create and start: start fails, the container is
# stopped (its process killed) and delete removes it
t_hooks_fail_poststart_start() {
	need_rt_only hook-fail-poststart-start || return
	C_TOP_EXTRA=$(failhooks poststart) create_ct fpoststarts 'sleep 10; echo ran'
	PID=$("$RT" state "$ID" | sed -n 's/.*"pid": \([0-9]*\).*/\1/p')
	ERR=$("$RT" start "$ID" 2>&1)
	check_eq hook-fail-poststart-start "exit 1: rt: error running poststart hook #1: exit status 1, stdout: out-poststart, stderr: err-poststart" \
		"exit $?: $ERR"
	check_eq hook-fail-poststart-start-status stopped "$("$RT" state "$ID" | sed -n 's/.*"status": "\(.*\)".*/\1/p')"
	# gone, or a zombie until whoever adopted it reaps it
	st=$(sed 's/.*) //' "/proc/$PID/stat" 2>/dev/null | cut -d' ' -f1)
	case ${PID:-none}:${st:-gone} in
	none:*) fail hook-fail-poststart-start-killed "the init's pid" "none" ;;
	*:gone|*:Z) ok hook-fail-poststart-start-killed ;;
	*) fail hook-fail-poststart-start-killed "pid $PID gone" "state $st" ;;
	esac
	"$RT" delete "$ID"
	after hook-fail-poststart-start
}

# poststop: a warning, delete succeeds all the same
t_hooks_fail_poststop() {
	C_TOP_EXTRA=$(failhooks poststop) create_ct fpoststop 'true'
	"$RT" start "$ID"
	wait_status hook-fail-poststop-stopped "$ID" stopped
	ERR=$("$RT" delete "$ID" 2>&1)
	check_eq hook-fail-poststop-rc 0 "$?"
	check_hookerr hook-fail-poststop-msg \
		"rt: warning: error running poststop hook #1: exit status 1, stdout: out-poststop, stderr: err-poststop"
	after hook-fail-poststop
}

# timeout 1 on a hook that sleeps 5: killed after 1s.  runc 1.1.5 kills the
# hook's sh but then waits for the sleep, which holds its stdout, and says
# "1.0s".
t_hooks_timeout() {
	t0=$(date +%s)
	C_TOP_EXTRA=", \"hooks\": { \"prestart\": [ { \"path\": \"$TMPD/slow.sh\", \"timeout\": 1 } ] }" \
		sh_ct slow 'echo ran'
	t1=$(date +%s)
	check_eq hook-timeout-rc "exit 1: " "exit $RC: $OUT"
	if need_rt_only hook-timeout-msg; then
		check_eq hook-timeout-msg "rt: error running prestart hook #0: hook ran past specified timeout of 1s" "$ERR"
		if [ $((t1 - t0)) -le 3 ]; then ok hook-timeout-time
		else fail hook-timeout-time "1-3s" "$((t1 - t0))s"; fi
	fi
	after hook-timeout
}

# a relative path: refused when the config is read (runc 1.1.5 tries it
# relative to its cwd)
t_hooks_relative_path() {
	if need_rt_only hook-relative-path; then
		C_TOP_EXTRA=', "hooks": { "prestart": [ { "path": "bin/x" } ] }' sh_ct hrel 'echo ran'
		check_eq hook-relative-path "exit 1: : rt: config.json: hooks.prestart[0].path: bin/x: not an absolute path" \
			"exit $RC: $OUT: $ERR"
		after hook-relative-path
	fi
}

# ---- the engines' config.json and process.json ------------------------------------------

# tests/configs/: docker 20.10, podman 4.3 and containerd 1.6 (ctr) as they
# ran busybox with runc on Debian 12 (-run-d detached, -run-t with a
# terminal; -exec, -exec-t the process of an exec).  Rewritten here with sed
# -E for this host: root.path to our rootfs; namespace paths dropped (new
# namespaces); every hook path to $TMPD/hook.sh, which logs its arguments
# and the id from the state (a prestart hook is added at the end where
# there is none, so process.args stays the first "args");
# bind mount sources to files in $TMPD/files; cgroupsPath /ID;
# resources other than devices dropped (a hybrid host has no memory, pids,
# cpu or io controller in cgroup2); terminal false; process.args (the first
# "args") replaced; the seccomp profile as the engine writes it on this
# architecture (for_arch).
STATUS='"sh","-c","id; grep -E \"^(Cap[A-Za-z]+|NoNewPrivs|Seccomp):\" /proc/self/status"'
CAP_NAMES="CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID
	SETPCAP LINUX_IMMUTABLE NET_BIND_SERVICE NET_BROADCAST NET_ADMIN NET_RAW
	IPC_LOCK IPC_OWNER SYS_MODULE SYS_RAWIO SYS_CHROOT SYS_PTRACE SYS_PACCT
	SYS_ADMIN SYS_BOOT SYS_NICE SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG MKNOD
	LEASE AUDIT_WRITE AUDIT_CONTROL SETFCAP MAC_OVERRIDE MAC_ADMIN SYSLOG
	WAKE_ALARM BLOCK_SUSPEND AUDIT_READ PERFMON BPF CHECKPOINT_RESTORE"

# sed_repl STRING: STRING made safe as a sed s### replacement
sed_repl() { printf '%s' "$1" | sed 's/[\\&#]/\\&/g'; }

# engine_config NAME ARGS: tests/configs/NAME.config.json for this host
# into $B/config.json, process.args ARGS (a JSON list body), cgroup /$ID
engine_config() {
	_src=$TOP/tests/configs/$1.config.json
	_ins=
	grep -q '"hooks":' "$_src" ||
		_ins='s#\}$#,"hooks":{"prestart":[{"path":"x","args":["hook","'"$1"'"]}]}}#'
	for_arch "$_src" | sed -E -e "${_ins:-s#^##}" \
		-e 's#("type":"[a-z]+"),"path":"[^"]*"#\1#g' \
		-e 's#"path":"[^"]*"#"path":"'"$(sed_repl "$TMPD/hook.sh")"'"#g' \
		-e 's#"root":\{"path":"[^"]*"#"root":{"path":"'"$(sed_repl "$B/rootfs")"'"#' \
		-e 's#"source":"/[^"]*/([^/"]+)"#"source":"'"$(sed_repl "$TMPD/files")"'/\1"#g' \
		-e 's#"cgroupsPath":"[^"]*"#"cgroupsPath":"/'"$ID"'"#' \
		-e 's#,"(memory|pids|cpu|blockIO)":\{[^}]*\}##g' \
		-e 's#"terminal":true#"terminal":false#' \
		-e 's#"args":\[("([^"\\]|\\.)*",?)*\]#"args":['"$(sed_repl "$2")"']#' \
		> "$B/config.json"
}
# engine_process NAME ARGS: tests/configs/NAME.process.json, terminal false,
# args ARGS if given, into $TMPD/process.json
engine_process() {
	sed -E -e 's#"terminal":true#"terminal":false#' \
		-e "${2:+s#\"args\":\\[(\"([^\"\\\\]|\\\\.)*\",?)*\\]#\"args\":[$(sed_repl "$2")]#}" \
		"$TOP/tests/configs/$1.process.json" > "$TMPD/process.json"
}

# capmask FLAT PATH: the hex mask of the capability names in array PATH
capmask() {
	_m=0
	for _c in $(jlist "$1" "$2"); do
		_i=0
		for _k in $CAP_NAMES; do
			[ "CAP_$_k" = "$_c" ] && _m=$((_m | (1 << _i)))
			_i=$((_i + 1))
		done
	done
	printf '%016x' "$_m"
}
# want_status FLAT PREFIX SECCOMP: the /proc/self/status lines STATUS prints
# for the capabilities and noNewPrivileges at PREFIX (\.process or empty),
# and Seccomp SECCOMP
want_status() {
	_nnp=0
	[ "$(jget "$1" "$2\.noNewPrivileges")" = true ] && _nnp=1
	echo "CapInh: $(capmask "$1" "$2\.capabilities\.inheritable")" \
		"CapPrm: $(capmask "$1" "$2\.capabilities\.permitted")" \
		"CapEff: $(capmask "$1" "$2\.capabilities\.effective")" \
		"CapBnd: $(capmask "$1" "$2\.capabilities\.bounding")" \
		"CapAmb: $(capmask "$1" "$2\.capabilities\.ambient")" \
		"NoNewPrivs: $_nnp Seccomp: $3"
}
# want_id FLAT: busybox id's line for process.user (root, additionalGids)
want_id() {
	_g=
	for _i in $(jlist "$1" '\.process\.user\.additionalGids'); do
		_g="$_g,$_i($(awk -F: -v g="$_i" '$3 == g { print $1 }' "$B/rootfs/etc/group"))"
	done
	echo "uid=0(root) gid=0(root)${_g:+ groups=${_g#,}}"
}
got_status() {
	echo $(printf '%s\n' "$1" | grep -E '^(Cap(Inh|Prm|Eff|Bnd|Amb)|NoNewPrivs|Seccomp):')
}

t_hooks_engine_configs() {
	need_feature hooks-engine-configs CONFIG_CGROUPS || return 0
	need_feature hooks-engine-configs CONFIG_CGROUP_DEVICES || return 0
	need_feature hooks-engine-configs CONFIG_EXEC || return 0
	need_feature hooks-engine-configs CONFIG_SECCOMP || return 0
	SECCOMP=$(jget "$("$RT" features 2>/dev/null | json_flat)" '\.linux\.seccomp\.enabled')
	for cfg in docker-run-d docker-run-t podman-run-d podman-run-t \
		containerd-ctr-run-d containerd-ctr-run-t; do
		ID=$(newid "$cfg"); track "$ID"
		engine_config "$cfg" "$STATUS"
		if ! CF=$(json_flat < "$B/config.json"); then
			fail "config-$cfg-rewritten" "valid JSON" "$CF"
			continue
		fi
		SC=0
		[ -n "$(jget "$CF" '\.linux\.seccomp\.defaultAction')" ] && SC=2
		if [ "$SC" = 2 ] && [ "$SECCOMP" != true ]; then
			skip "config-$cfg" "seccomp not enabled in this build"
			continue
		fi
		: > "$TMPD/hook.log"
		run_ct "$ID"
		check_eq "config-$cfg-run" "exit 0: " "exit $RC: $ERR"
		check_eq "config-$cfg-id" "$(want_id "$CF")" "$(echo "$OUT" | sed -n 1p)"
		check_eq "config-$cfg-status" "$(want_status "$CF" '\.process' $SC)" "$(got_status "$OUT")"
		# the hook's args (after argv[0]) and the id from its stdin
		check_eq "config-$cfg-hook" "$(echo $(jget "$CF" '\.hooks\.prestart\[0\]\.args\[[1-9][0-9]*\]')) | $ID" \
			"$(cat "$TMPD/hook.log")"
		after "config-$cfg"

		# the matching process.json exec'd into the same config, detached
		ID=$(newid "$cfg-x"); track "$ID"
		engine_config "$cfg" '"sleep","1000"'
		timeout "$T_TIMEOUT" "$RT" run -d --bundle "$B" "$ID" \
			< /dev/null > "$TMPD/rund.out" 2>&1
		check_eq "config-$cfg-run-d" "exit 0: " "exit $?: $(cat "$TMPD/rund.out")"
		case $cfg in
		*-d) p=${cfg%-run-d}-exec
			engine_process "$p"
			ex --process "$TMPD/process.json" "$ID"
			check_eq "config-$p" "exit 7: in-exec sleep 1000: " "exit $RC: $OUT: $ERR" ;;
		*-t) p=${cfg%-run-t}-exec-t
			engine_process "$p" "$STATUS"
			PF=$(json_flat < "$TMPD/process.json")
			ex --process "$TMPD/process.json" "$ID"
			check_eq "config-$p-rc" "exit 0: " "exit $RC: $ERR"
			check_eq "config-$p-status" "$(want_status "$PF" '' $SC)" "$(got_status "$OUT")" ;;
		esac
		"$RT" delete -f "$ID" > /dev/null 2>&1
		after "config-$cfg-x"
	done

}
