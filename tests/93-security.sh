# 93-security: holes found in review, each a test that the host or the
# filter is not fooled.  Every section names the problem it covers:
#   1. seccomp rules bypassed through the i386 multiplexers socketcall(102)
#      and ipc(117) (a rule on socket/connect/semop/shmget/msgsnd must also
#      catch the multiplexed call, as libseccomp does)
#   2. seccomp argument checks bypassed from i386: the kernel drops the high
#      32 bits of a compat syscall's arguments, so the filter must compare
#      only the low word there (libseccomp), or 0x100000008 passes as 8
#   3. seccomp and syscall(-1): the default action's errno (not a kill),
#      and ENOSYS from the kernel under an allow-by-default profile
#   4. a cgroupsPath that already holds processes: refused, or with the
#      shared annotation, delete/kill --all/ps touch only the container's own
#      pid namespace; a cgroup rt did not make is never removed
#   5. cgroupsPath escaping the cgroup2 mount, or its slice, with ".." or "/"
#   6. --pid-file written through a planted symlink (P.tmp -> victim)
#   7. create with no /proc mount and files planted at /proc/self/fd/N: the
#      exec fifo reopened through the rootfs's fake /proc, so the process ran
#      before `start`
# tests/sys (in the rootfs as /bin/sys) makes one syscall and prints `ret N`
# or `errno NAME`; `sys -32 NR ARGS` makes an i386 one with int $0x80.

. "$TOP/tests/lib-lifecycle.sh"
. "$TOP/tests/lib-seccomp.sh"

# setup: lc_setup on a read-only rootfs with tests/sys (sys_bundle; the one
# test that writes its rootfs makes a copy), the --pid-file paths
setup() {
	lc_setup sys_bundle
	P=$TMPD/pid V=$TMPD/victim V2=$TMPD/victim2
}

after() { nothing_left "$1-nothing-left" "$ID"; }

ARCH=$(uname -m)
X86ALL=', "architectures": [ "SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32" ]'

# need_i386: return 1 without i386 syscalls (int $0x80) from an x86_64
# process, after a `skip i386` (once per run)
need_i386() {
	if [ "$ARCH" != x86_64 ]; then
		_w="x86_64 only"
	elif [ "$("$TOP/tests/sys" -32 24 2>&1)" != "ret $(id -u)" ]; then
		_w="no int \$0x80 on this kernel"
	else
		return 0
	fi
	if [ -z "$T_CACHE" ] || [ ! -e "$T_CACHE/i386.skipped" ]; then
		skip i386 "$_w"
		[ -z "$T_CACHE" ] || : > "$T_CACHE/i386.skipped"
	fi
	return 1
}

# ---- 1. i386 multiplexers: socketcall(102), ipc(117) ------------------------
# i386 numbers: socketcall 102 (SYS_SOCKET 1, SYS_CONNECT 3), socket 359,
# connect 362; ipc 117 (SEMOP 1, MSGSND 11, SHMGET 23), shmget 395,
# msgsnd 400.  The args pointer is NULL: a call the filter lets through
# gets EFAULT (socketcall) or EINVAL/EFAULT (ipc) from the kernel.

# deny socket: socketcall(SYS_SOCKET), the direct i386 call and the
# native one are all denied; socketcall(SYS_CONNECT) is not
t_security_mux_socket() {
	need_feature security-mux-socket CONFIG_SECCOMP || return 0
	need_i386 || return 0
	sc mux-socket "$(profile $ALLOW "$(rule '"socket"' SCMP_ACT_ERRNO)" "$X86ALL")" \
		'sys -32 102 1 0; sys -32 359 1 1 0; sys socket 1 1 0; sys -32 102 3 0'
	check_eq mux-socketcall-socket-denied "errno EPERM errno EPERM errno EPERM errno EFAULT" "$(echo $OUT)"
}

t_security_mux_connect() {
	need_feature security-mux-connect CONFIG_SECCOMP || return 0
	need_i386 || return 0
	sc mux-connect "$(profile $ALLOW "$(rule '"connect"' SCMP_ACT_ERRNO)" "$X86ALL")" \
		'sys -32 102 3 0; sys -32 362 0 0 0; sys -32 102 1 0'
	check_eq mux-socketcall-connect-denied "errno EPERM errno EPERM errno EFAULT" "$(echo $OUT)"
}

# SysV IPC: each rule catches its ipc() call and no other.  runc 1.1.5
# with libseccomp 2.5.4 leaves ipc(SEMOP) through (semget's ipc(2) it
# catches): rt only
t_security_mux_semop() {
	need_feature security-mux-semop CONFIG_SECCOMP || return 0
	need_i386 || return 0
	need_rt_only mux-ipc-semop-denied || return 0
	sc mux-semop "$(profile $ALLOW "$(rule '"semop"' SCMP_ACT_ERRNO)" "$X86ALL")" \
		'sys -32 117 1 0 0 0 0; sys -32 117 23 0 0 0 0'
	check_eq mux-ipc-semop-denied "errno EPERM errno EINVAL" "$(echo $OUT)"
}

t_security_mux_shmget() {
	need_feature security-mux-shmget CONFIG_SECCOMP || return 0
	need_i386 || return 0
	sc mux-shmget "$(profile $ALLOW "$(rule '"shmget"' SCMP_ACT_ERRNO)" "$X86ALL")" \
		'sys -32 117 23 0 0 0 0; sys -32 395 0 0 0; sys -32 117 1 0 0 0 0'
	check_eq mux-ipc-shmget-denied "errno EPERM errno EPERM errno EINVAL" "$(echo $OUT)"
}

t_security_mux_msgsnd() {
	need_feature security-mux-msgsnd CONFIG_SECCOMP || return 0
	need_i386 || return 0
	sc mux-msgsnd "$(profile $ALLOW "$(rule '"msgsnd"' SCMP_ACT_ERRNO)" "$X86ALL")" \
		'sys -32 117 11 0 0 0 0; sys -32 400 0 0 0 0; sys -32 117 23 0 0 0 0'
	check_eq mux-ipc-msgsnd-denied "errno EPERM errno EPERM errno EINVAL" "$(echo $OUT)"
}

# allow-list: socket allowed lets socketcall(SYS_SOCKET) reach the
# kernel; socketcall(SYS_CONNECT) gets the default errno
t_security_mux_allow() {
	need_feature security-mux-allow CONFIG_SECCOMP || return 0
	need_i386 || return 0
	sc mux-allow "$(profile SCMP_ACT_ERRNO "$(rule "$NEEDED, \"socket\"" $ALLOW)" "$X86ALL")" \
		'sys -32 102 1 0; sys -32 102 3 0; sys -32 359 1 1 0'
	check_match mux-socketcall-allowed "^errno EFAULT errno EPERM ret [0-9]+\$" "$(echo $OUT)"
}

# KILL: socketcall(SYS_SOCKET) kills like socket (128 + SIGSYS)
t_security_mux_kill() {
	need_feature security-mux-kill CONFIG_SECCOMP || return 0
	need_i386 || return 0
	sc mux-kill "$(profile $ALLOW "$(rule '"socket"' SCMP_ACT_KILL)" "$X86ALL")" \
		'sys -32 102 1 0; echo $?; sys -32 102 3 0'
	check_eq mux-socketcall-kill "159 errno EFAULT" "$(echo $OUT)"
	after mux-kill
}

# ---- 2. i386 arguments: only the low 32 bits count ---------------------------
# i386 personality (136) takes an unsigned int: the kernel acts on the low
# word, so the filter must judge that.  Allowed, it returns the previous
# persona (ret 0); denied, errno EPERM.

# persona NAME ARGS VALUES...: personality denied when ARGS match; RES is
# "VALUE:ret 0" or "VALUE:errno EPERM" per VALUE, space-joined
persona() {
	_n=$1 _a=$2
	shift 2
	_s=
	for v; do _s="$_s echo $v:\$(sys -32 136 $v);"; done
	sc "$_n" "$(profile $ALLOW "$(rule '"personality"' SCMP_ACT_ERRNO ", \"args\": [ $_a ]")" "$X86ALL")" "$_s"
	RES=$(echo "$OUT" | tr '\n' ' ' | sed 's/ $//')
}
t_security_arg32_eq() {
	need_feature security-arg32-eq CONFIG_SECCOMP || return 0
	need_i386 || return 0
	persona arg32-eq "$(arg 0 EQ 8)" 8 0x100000008 0 0x100000000 9
	check_eq arg32-eq "8:errno EPERM 0x100000008:errno EPERM 0:ret 0 0x100000000:ret 0 9:ret 0" "$RES"
}
t_security_arg32_ne() {
	need_feature security-arg32-ne CONFIG_SECCOMP || return 0
	need_i386 || return 0
	persona arg32-ne "$(arg 0 NE 8)" 8 0x100000008 9 0x100000009
	check_eq arg32-ne "8:ret 0 0x100000008:ret 0 9:errno EPERM 0x100000009:errno EPERM" "$RES"
}
t_security_arg32_gt() {
	need_feature security-arg32-gt CONFIG_SECCOMP || return 0
	need_i386 || return 0
	persona arg32-gt "$(arg 0 GT 8)" 8 9 0x100000000 0x100000007 0x100000009
	check_eq arg32-gt "8:ret 0 9:errno EPERM 0x100000000:ret 0 0x100000007:ret 0 0x100000009:errno EPERM" "$RES"
}
# the mask's high word, like the argument's, is not compared
t_security_arg32_masked_eq() {
	need_feature security-arg32-masked-eq CONFIG_SECCOMP || return 0
	need_i386 || return 0
	persona arg32-masked-eq "$(arg 0 MASKED_EQ $((0x1000000ff)) 8)" 8 0x108 0x100000008 9 0x100000009
	check_eq arg32-masked-eq "8:errno EPERM 0x108:errno EPERM 0x100000008:errno EPERM 9:ret 0 0x100000009:ret 0" "$RES"
	after arg32
}

# ---- 3. syscall(-1) ------------------------------------------------------------
# no architectures (native only): nr -1 is not a syscall the profile names,
# so it gets the default action -- an errno, not a kill.  The kernels of two
# architectures differ: s390x takes a number's low 16 bits (65535, above
# every name: runc's stub, ENOSYS), and 32-bit ARM skips an allowed nr -1
# and returns r0 as it was (its first argument, 0)
case $(uname -m) in
s390x) NR1_ERRNO="errno ENOSYS 1" NR1_ERRNO13="errno ENOSYS 1" NR1_ALLOW="errno ENOSYS 1" ;;
arm*) NR1_ERRNO="errno EPERM 1" NR1_ERRNO13="errno EACCES 1" NR1_ALLOW="ret 0 0" ;;
*) NR1_ERRNO="errno EPERM 1" NR1_ERRNO13="errno EACCES 1" NR1_ALLOW="errno ENOSYS 1" ;;
esac

t_security_nr_minus_1_default_errno() {
	need_feature security-nr-minus-1-default-errno CONFIG_SECCOMP || return 0
	sc nr-1-errno "$(profile SCMP_ACT_ERRNO "$(rule "$NEEDED" $ALLOW)")" 'sys -1; echo $?'
	check_eq nr-minus-1-default-errno "$NR1_ERRNO" "$(echo $OUT)"
}
t_security_nr_minus_1_default_errno_ret() {
	need_feature security-nr-minus-1-default-errno-ret CONFIG_SECCOMP || return 0
	sc nr-1-errno13 "$(profile SCMP_ACT_ERRNO "$(rule "$NEEDED" $ALLOW)" ', "defaultErrnoRet": 13')" 'sys -1; echo $?'
	check_eq nr-minus-1-default-errno-ret "$NR1_ERRNO13" "$(echo $OUT)"
}
t_security_nr_minus_1_allow_enosys() {
	need_feature security-nr-minus-1-allow-enosys CONFIG_SECCOMP || return 0
	sc nr-1-allow "$(profile $ALLOW "$(rule '"mkdir", "mkdirat"' SCMP_ACT_ERRNO)")" 'sys -1; echo $?'
	check_eq nr-minus-1-allow-enosys "$NR1_ALLOW" "$(echo $OUT)"
	after nr-minus-1
}

# ---- cgroup helpers (as in 80-cgroup.sh) --------------------------------------

CGM=$(awk '{ for (i = 7; i < NF; i++) if ($i == "-") { if ($(i + 1) == "cgroup2") { print $5; exit } break } }' /proc/self/mountinfo)
[ -n "$CGM" ] && [ -f "$CGM/cgroup.controllers" ] || CGM=
cg_of() { sed -n 's/^0:://p' "/proc/$1/cgroup" 2>/dev/null; }
isdir() { if [ -d "$1" ]; then echo dir; else echo gone; fi; }
N=t$$x
SP=
# need_cg NAME: skip NAME (return 1) without a cgroup2 hierarchy or under
# runc; else set the cleanup of what sections 4 and 5 make, or today's rt
# leaves: the host sleep, the directories a path joined without cleaning
# makes (on a hybrid host ${CGM%/*} is the tmpfs /sys/fs/cgroup; only t$$x*
# there), every t$$-*, t$$x*, t$$s*, t$$a* below $CGM
need_cg() {
	if [ -z "$CGM" ]; then
		skip "$1" "no cgroup2 hierarchy mounted"
		return 1
	fi
	need_rt_only "$1" || return 1
	T_EXTRA_CLEANUP='[ -n "$SP" ] && { kill "$SP"; wait "$SP"; } 2>/dev/null
	for d in "/tmp/$N" "${CGM%/*}/$N" "${CGM%/*}/$N.slice" "${CGM%/*/*}/$N"; do
		[ -d "$d" ] && rm -rf "$d"
	done
	find "$CGM" -depth -mindepth 1 -maxdepth 5 -type d -path "$CGM/t$$[-xsa]*" -exec rmdir {} + 2>/dev/null'
}

# ---- 5. cgroupsPath confined to the cgroup2 mount ----------------------------
# rt joined the path to the mount as given: "/../../../../tmp/x" named
# /tmp/x, "../x" and "a/../../b" a directory beside the mount (rt made them,
# then failed to attach the device program there and removed them), and
# the slice forms took cgroups the slice did not name.  Each is refused with
# one line, and nothing is made outside the mount.  runc 1.1.5 cleans such
# paths instead of refusing, and on a hybrid host puts them in the v1
# hierarchies (relative ones below its own v1 cgroups), where these tests
# must not go: rt only.

# leak_dirs: what a path joined without cleaning would have made
leak_dirs() {
	for d in "/tmp/$N" "${CGM%/*}/$N" "${CGM%/*}/$N.slice" "${CGM%/*/*}/$N"; do
		[ -e "$d" ] && echo "$d"
	done
	find "$CGM" -maxdepth 4 -name "*t$$[xsa]*" 2>/dev/null
}
t_security_cgpath_refused() {
	need_feature security-cgpath-refused CONFIG_CGROUPS || return 0
	need_cg cgpath || return 0
	DOTDOT='a ".." component is not allowed'
	SLASH='a slice, prefix or name cannot hold "/" or ".."'
	k=0	# (nothing_left clobbers i)
	for v in "/../../../../tmp/$N:$DOTDOT" "../$N:$DOTDOT" "t$$a/../../$N:$DOTDOT" \
		"t$$s.slice:../$N:y:$SLASH" "../$N.slice:p:n:$SLASH" \
		"t$$a/b.slice:p:n:$SLASH" "t$$s.slice:p:../../$N:$SLASH"; do
		k=$((k + 1))
		msg=${v##*:} v=${v%:*}
		C_LINUX_EXTRA=", \"cgroupsPath\": \"$v\"" create_ct "cgpath$k" 'echo ran'
		check_eq "cgpath-refused-$k" "exit 1: rt: config.json: linux.cgroupsPath: \"$v\": $msg" \
			"exit $RC: $ERR"
		after "cgpath-refused-$k"
		"$RT" delete -f "$ID" > /dev/null 2>&1	# one that was taken
	done
	check_eq cgpath-nothing-made-outside "" "$(leak_dirs)"
}

# "./" and "//" in an absolute path are cleaned, not refused
# (and delete removes every level: today's rt left /t$$-dot)
t_security_cgpath_dot_slash() {
	need_feature security-cgpath-dot-slash CONFIG_CGROUPS || return 0
	need_cg cgpath-dot-slash-cleaned || return 0
	C_LINUX_EXTRA=", \"cgroupsPath\": \"/t$$-dot/./a//b\"" create_ct cgdot 'exec sleep 1000'
	cg=$(cg_of "$(ct_pid "$ID")")
	"$RT" delete -f "$ID" > /dev/null 2>&1
	tp=$T_POLL T_POLL=20
	poll test ! -d "$CGM/t$$-dot"
	T_POLL=$tp
	check_eq cgpath-dot-slash-cleaned "exit 0: in /t$$-dot/a/b, then gone" \
		"exit $RC: ${ERR}in $cg, then $(isdir "$CGM/t$$-dot")"
	after cgpath-dot-slash
}

# ---- 4. a cgroupsPath that already holds processes -----------------------------
# A host process (sleep 1009) in the cgroup the config names.  rt took the
# cgroup as the container's: kill --all and delete -f killed the host
# process, ps listed it, and delete removed a cgroup it had not made.
# runc 1.1.5 only warns (runc 1.2 refuses with the same words), and on a
# hybrid host it uses cgroup v1: rt only.

SH=/t$$-shared
# host_sleep_start: a host sleep 1009 in $SH (again, if one of today's
# bugs killed it or removed $SH)
host_sleep_start() {
	if [ -z "$SP" ] || pid_dead "$SP"; then
		[ -n "$SP" ] && wait "$SP" 2>/dev/null
		sleep 1009 < /dev/null > /dev/null 2>&1 &
		SP=$!
	fi
	mkdir -p "$CGM$SH"
	echo "$SP" > "$CGM$SH/cgroup.procs"
}
# host_sleep: "alive $SH dir" when the host's sleep is alive and still
# in $SH, which is there
host_sleep() {
	echo "$(pid_dead "$SP" && echo dead || echo alive) $(cg_of "$SP") $(isdir "$CGM$SH")"
}
HOST="host: alive $SH dir"
# shared by the annotation: the container's own pid namespace only
SHARED_KEY=rt.cgroup-shared
SHARED=", \"annotations\": { \"$SHARED_KEY\": \"true\" }"

t_security_cgroup_not_empty_refused() {
	need_feature security-cgroup-not-empty-refused CONFIG_CGROUPS || return 0
	need_cg cgroup-shared || return 0
	host_sleep_start
	C_LINUX_EXTRA=", \"cgroupsPath\": \"$SH\"" create_ct notempty 'exec sleep 1000'
	check_eq cgroup-not-empty-refused "exit 1: rt: container's cgroup is not empty: 1 process(es) found; $HOST" \
		"exit $RC: $ERR; host: $(host_sleep)"
	after cgroup-not-empty-refused
}

t_security_cgroup_shared_kill_all() {
	need_feature security-cgroup-shared-kill-all CONFIG_CGROUPS || return 0
	need_cg cgroup-shared-kill-all || return 0
	host_sleep_start
	C_TOP_EXTRA=$SHARED C_LINUX_EXTRA=", \"cgroupsPath\": \"$SH\"" start_ct sharedok 'exec sleep 1000' ||
		return 0
	check_eq cgroup-shared-ps "$PID" "$(ps_pids "$ID" | xargs)"
	e=$("$RT" kill --all "$ID" KILL 2>&1)
	rc=$?
	poll pid_dead "$PID" && d=gone || d=alive
	check_eq cgroup-shared-kill-all "exit 0: init gone; $HOST" "exit $rc: ${e}init $d; host: $(host_sleep)"
	"$RT" delete -f "$ID" > /dev/null 2>&1
	check_eq cgroup-shared-delete-stopped "$HOST" "host: $(host_sleep)"
	after cgroup-shared-kill-all
}

t_security_cgroup_shared_delete_f() {
	need_feature security-cgroup-shared-delete-f CONFIG_CGROUPS || return 0
	need_cg cgroup-shared-delete-f || return 0
	host_sleep_start
	C_TOP_EXTRA=$SHARED C_LINUX_EXTRA=", \"cgroupsPath\": \"$SH\"" start_ct shareddel 'exec sleep 1000' ||
		return 0
	e=$("$RT" delete -f "$ID" 2>&1)
	rc=$?
	poll pid_dead "$PID" && d=gone || d=alive
	check_eq cgroup-shared-delete-f "exit 0: init gone; $HOST" "exit $rc: ${e}init $d; host: $(host_sleep)"
	after cgroup-shared-delete-f
}

# an empty cgroup made beforehand is not rt's to remove
t_security_cgroup_premade_kept() {
	need_feature security-cgroup-premade-kept CONFIG_CGROUPS || return 0
	need_cg cgroup-premade-kept || return 0
	mkdir "$CGM/t$$-empty"
	C_LINUX_EXTRA=", \"cgroupsPath\": \"/t$$-empty\"" start_ct premade 'exec sleep 1000' || return 0
	cg=$(cg_of "$PID")
	"$RT" delete -f "$ID" > /dev/null 2>&1
	poll pid_dead "$PID" && d=gone || d=alive
	check_eq cgroup-premade-kept "in /t$$-empty; init gone; dir" "in $cg; init $d; $(isdir "$CGM/t$$-empty")"
	after cgroup-premade
}

# every level rt made goes
t_security_cgroup_made_levels_removed() {
	need_feature security-cgroup-made-levels-removed CONFIG_CGROUPS || return 0
	need_cg cgroup-made-levels-removed || return 0
	C_LINUX_EXTRA=", \"cgroupsPath\": \"/t$$-made/a/b\"" start_ct made 'exec sleep 1000' || return 0
	"$RT" delete -f "$ID" > /dev/null 2>&1
	cg_gone cgroup-made-levels-removed "$CGM/t$$-made/a/b" "$CGM/t$$-made/a" "$CGM/t$$-made"
	after cgroup-made
}

# ---- 6. --pid-file and --log through planted symlinks ----------------------------
# rt wrote the pid file as P.tmp then renamed it to P: a symlink planted at
# P.tmp (the directory is often shared, e.g. with the engine's users) sent
# the pid into its target.  Symlinks at P.tmp and the other names a writer
# might pick point to $V; P ends up a regular file holding the pid, $V is
# unchanged.  runc writes ".P" with O_EXCL: planted there, it refuses (an
# error, no write), so ".P" is planted for rt only.

# (P, V, V2: setup)
# plant: fresh victims, the symlinks, no P
plant() {
	rm -f "$P" "$P.tmp" "$TMPD/.pid.tmp" "$P.new" "$P~" "$TMPD/.pid"
	echo "victim-$$" > "$V"
	echo "victim2-$$" > "$V2"
	for l in "$P.tmp" "$TMPD/.pid.tmp" "$P.new" "$P~"; do ln -s "$V" "$l"; done
	[ "$RT_IS_REF" = 0 ] && ln -s "$V" "$TMPD/.pid"
	return 0
}
# pidfile_state: what P is (regular, symlink, missing), its content, the victims'
pidfile_state() {
	if [ -L "$P" ]; then t=symlink; elif [ -f "$P" ]; then t=regular; else t=missing; fi
	echo "$t $(cat "$P" 2>/dev/null) $(cat "$V") $(cat "$V2")"
}
# cmd_is PID CMDLINE: /proc/PID/cmdline, NULs as spaces, is CMDLINE
cmd_is() { [ "$( (tr '\0' ' ' < "/proc/$1/cmdline") 2>/dev/null)" = "$2" ]; }
# want PID: pidfile_state as it should be
want() { echo "regular $1 victim-$$ victim2-$$"; }
# pidfile_run_d NAME CHECK: run -d with --pid-file $P; CHECK: P holds its pid
pidfile_run_d() {
	ID=$(newid "$1"); track "$ID"
	timeout "$T_TIMEOUT" "$RT" run -d --bundle "$B" --pid-file "$P" "$ID" < /dev/null > "$TMPD/out" 2>&1
	RC=$? ERR=$(cat "$TMPD/out")
	check_eq "$2" "exit 0: $(want "$(ct_pid "$ID")")" "exit $RC: $ERR$(pidfile_state)"
	"$RT" delete -f "$ID" > /dev/null 2>&1
}

t_security_pidfile_run_d() {
	sh_config 'exec sleep 1000'
	plant
	pidfile_run_d pidrun pidfile-run-d
}

# a symlink at P itself is replaced, not followed (runc renames over it)
t_security_pidfile_symlink_replaced() {
	sh_config 'exec sleep 1000'
	plant
	ln -s "$V2" "$P"
	pidfile_run_d pidlink pidfile-symlink-replaced
}

# create --pid-file, then exec -d --pid-file into the started container
t_security_pidfile_create_exec() {
	need_feature security-pidfile-create-exec CONFIG_EXEC || return 0
	plant
	create_ct pidcreate 'exec sleep 1000' --pid-file "$P"
	check_eq pidfile-create "exit 0: $(want "$(ct_pid "$ID")")" "exit $RC: $ERR$(pidfile_state)"
	CT=$ID
	if "$RT" start "$CT" > /dev/null 2>&1; then
		plant
		ex -d --pid-file "$P" "$CT" sleep 1001
		ep=$(cat "$P" 2>/dev/null)
		# runc writes the pid file before its init execs the process
		poll cmd_is "$ep" "sleep 1001 "
		check_eq pidfile-exec-d "exit 0: $(want "$ep") sleep 1001" \
			"exit $RC: $ERR$(pidfile_state) $(tr '\0' ' ' < "/proc/$ep/cmdline" 2>/dev/null | sed 's/ $//')"
	else
		fail pidfile-exec-d "a started container" "start of $CT failed"
	fi
	"$RT" delete -f "$CT" > /dev/null 2>&1
	ID=$CT after pidfile
}

# --log opens FILE itself (append): no FILE.tmp is made or followed
t_security_log_no_tmp_followed() {
	sh_config 'exec sleep 1000'
	L=$TMPD/log
	echo "victim-$$" > "$V"
	ln -s "$V" "$L.tmp"
	"$RT" --log "$L" delete nosuch-$$ > /dev/null 2>&1
	ID=$(newid logrun); track "$ID"
	timeout "$T_TIMEOUT" "$RT" --log "$L" run --bundle "$B" "$ID" < /dev/null > /dev/null 2>&1 &
	poll is_status "$ID" running
	"$RT" --log "$L" delete -f "$ID" > /dev/null 2>&1
	wait
	check_eq log-no-tmp-followed "victim-$$ $V regular" \
		"$(cat "$V") $(readlink "$L.tmp") $([ -f "$L" ] && [ ! -L "$L" ] && echo regular || echo "not regular")"
	after log
}

# ---- 7. no /proc mount, fake /proc/self/fd/N in the rootfs ----------------------
# create waits for start on exec.fifo, reopened as /proc/self/fd/N inside the
# container.  With no procfs mounted there, that name is whatever the rootfs
# holds: planted regular files made the open succeed at once, so the
# process ran at create.  It must not run before `start`; after it, it runs
# (the fixed rt) or the runtime fails with one line (runc 1.1.5 refuses at
# create: "/proc/self/fd is not on procfs").

# noproc_config SCRIPT: sh -c SCRIPT, read-write root, no /proc mount, no
# /proc maskedPaths or readonlyPaths
noproc_config() {
	C_ROOT_RO=false sh_config "$1"
	awk '/"destination": "\/proc", "type": "proc"/ { next }
		/"maskedPaths": \[/ { print "\t\t\"maskedPaths\": [ \"/sys/firmware\" ],"; skip = 1 }
		/"readonlyPaths": \[/ { print "\t\t\"readonlyPaths\": [ ]"; skip = 1 }
		skip { if (index($0, "]")) skip = 0; next } { print }' "$B/config.json" > "$B/config.json.new" &&
		mv "$B/config.json.new" "$B/config.json"
}
# one_line: $RC != 0 and a one-line $ERR
one_line() { [ "$RC" != 0 ] && [ -n "$ERR" ] && [ "$(printf '%s\n' "$ERR" | wc -l)" = 1 ]; }

t_security_noproc() {
	# a writable copy: files are planted in it
	mkbundle "$TMPD/np"
	mkdir -p "$B/rootfs/proc/self/fd"
	for f in $(seq 0 20); do : > "$B/rootfs/proc/self/fd/$f"; done
	R=$B/rootfs/ranfile
	rm -f "$R"
	ID=$(newid noproc); track "$ID"
	noproc_config 'echo ran > /ranfile'
	timeout "$T_TIMEOUT" "$RT" create --bundle "$B" "$ID" < /dev/null > "$TMPD/noproc.out" 2> "$TMPD/noproc.err"
	RC=$? ERR=$(cat "$TMPD/noproc.err")
	if [ "$RC" = 0 ]; then
		sleep 0.5
		before="$(ct_status "$ID"), $([ -e "$R" ] && echo "/ranfile: $(cat "$R")" || echo no /ranfile)"
		ERR=$("$RT" start "$ID" 2>&1)
		RC=$?
		if one_line; then post=ran-or-refused
		elif poll test -s "$R" && [ "$RC:$(cat "$R")" = 0:ran ]; then post=ran-or-refused
		else post="exit $RC: $ERR, $(cat "$R" 2>/dev/null || echo no /ranfile)"
		fi
		check_eq noproc-not-run-before-start "created, no /ranfile; start: ran-or-refused" "$before; start: $post"
	elif one_line; then
		ok noproc-not-run-before-start	# refused at create (runc 1.1.5)
	else
		fail noproc-not-run-before-start "create exit 0, or a one-line error" "exit $RC: $ERR"
	fi
	check_eq noproc-fake-fds-untouched "" "$(find "$B/rootfs/proc/self/fd" -type f -size +0 | sed "s|^$B/rootfs||")"
	"$RT" delete -f "$ID" > /dev/null 2>&1
	after noproc
}
