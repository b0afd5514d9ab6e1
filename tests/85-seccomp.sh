# 85-seccomp: linux.seccomp as runc (libseccomp) applies it: actions and their
# errno/signal, default actions, the -ENOSYS stub, argument operators on raw
# 64-bit registers, AND/OR of conditions, architectures, flags, the filter in
# run, create+start and exec, Docker's default profile, and the config errors.
# tests/sys (in each rootfs as /bin/sys) makes one syscall and prints
# `ret N` or `errno NAME`.
# rt's Kconfig switches every test here needs (lib.sh t_run skips without)
T_NEEDS="CONFIG_SECCOMP"

. "$TOP/tests/lib-lifecycle.sh"
. "$TOP/tests/lib-seccomp.sh"

setup() {
	lc_setup sys_bundle
}

after() { nothing_left "$1-nothing-left" "$ID"; }

ARCH=$(uname -m)
MKDIR='"mkdir", "mkdirat"'
DENY_MKDIR=$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_ERRNO)")
# The architecture's own numbers: SIGSYS (31, 12 on MIPS), EAFNOSUPPORT (97,
# 124 on MIPS), where syscall numbers start (MIPS o32: 4000)
SIGSYS=31 EAFNO=97 NR0=0
case $ARCH in mips*) SIGSYS=12 EAFNO=124 NR0=4000 ;; esac
# what a number above a profile's highest name gets from runc's -ENOSYS
# stub: ENOSYS; on 32-bit ARM, where the profiles here name set_tls (ARM's
# private 0xf0005), nothing is above the highest: the default, EPERM
STUB=ENOSYS
case $ARCH in arm*) STUB=EPERM ;; esac
# WIDE: 64-bit registers.  A 32-bit architecture's syscalls get only the low
# word of an argument, and libseccomp (so runc, and rt) compares only the
# low word of a rule's value there
case $ARCH in x86_64|aarch64|riscv64|s390x|ppc64*|mips64) WIDE=1 ;; *) WIDE= ;; esac
# what personality(0xffffffff) answers outside: 32-bit ARM's kernel starts
# every process as PER_LINUX_32BIT (0x800000), the others as 0
PERSONA=$("$TOP/tests/sys" personality 0xffffffff)
# little-endian MIPS (uname says mips for both)?
le() { [ "$(od -An -tx1 -j5 -N1 "$TOP/tests/sys" | tr -d ' ')" = 01 ]; }
# NATIVE: this machine's SCMP_ARCH; FOREIGN: another one of the same
# endianness (libseccomp refuses to mix endiannesses: EDOM)
case $ARCH in
x86_64) NATIVE=SCMP_ARCH_X86_64 FOREIGN=SCMP_ARCH_AARCH64 ;;
aarch64) NATIVE=SCMP_ARCH_AARCH64 FOREIGN=SCMP_ARCH_X86_64 ;;
riscv64) NATIVE=SCMP_ARCH_RISCV64 FOREIGN=SCMP_ARCH_X86_64 ;;
arm*) NATIVE=SCMP_ARCH_ARM FOREIGN=SCMP_ARCH_X86 ;;
mips) if le; then NATIVE=SCMP_ARCH_MIPSEL FOREIGN=SCMP_ARCH_ARM
	else NATIVE=SCMP_ARCH_MIPS FOREIGN=SCMP_ARCH_S390X; fi ;;
s390x) NATIVE=SCMP_ARCH_S390X FOREIGN=SCMP_ARCH_PPC64 ;;
*) NATIVE= FOREIGN= ;;
esac
ARCHS=${NATIVE:+, \"architectures\": [ \"$NATIVE\" ]}

# i386_why: why there is no i386 syscall (int $0x80) from an x86_64
# process here; empty when there is
i386_why() {
	if [ "$ARCH" != x86_64 ]; then
		echo "x86_64 only"
	elif [ "$("$TOP/tests/sys" -32 24 2>&1)" != "ret $(id -u)" ]; then
		echo "no int \$0x80 on this kernel"
	fi
}

# ---- SCMP_ACT_ERRNO ----------------------------------------------------------

t_seccomp_errno_ret_13() {
	sc errno13 "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_ERRNO ', "errnoRet": 13')")" \
		'mkdir /dev/shm/x; echo hi > /dev/shm/f; cat /dev/shm/f; ls /dev/shm'
	check_eq errno-ret-13 "exit 0: hi f: mkdir: can't create directory '/dev/shm/x': Permission denied" \
		"exit $RC: $(echo $OUT): $ERR"
	after errno13
}

t_seccomp_errno_default_eperm() {
	sc errno-default "$DENY_MKDIR" 'mkdir /dev/shm/x || echo failed'
	check_eq errno-default-eperm "exit 0: failed: mkdir: can't create directory '/dev/shm/x': Operation not permitted" \
		"exit $RC: $OUT: $ERR"
}

t_seccomp_unknown_name_skipped() {
	sc unknown-name "$(profile $ALLOW "$(rule "\"nosuchcall\", $MKDIR" SCMP_ACT_ERRNO)")" \
		'mkdir /dev/shm/x 2>&1; echo hi'
	check_eq unknown-name-skipped "mkdir: can't create directory '/dev/shm/x': Operation not permitted hi" "$(echo $OUT)"
}

t_seccomp_status() {
	sc status "$DENY_MKDIR" 'grep -E "^(NoNewPrivs|Seccomp):" /proc/self/status'
	check_eq status-seccomp-2 "NoNewPrivs:	1 Seccomp:	2" "$(echo "$OUT" | tr '\n' ' ' | sed 's/ $//')"
}

t_seccomp_status_no_nnp() {
	C_NNP=false sc nnp0 "$DENY_MKDIR" 'grep -E "^(NoNewPrivs|Seccomp):" /proc/self/status; mkdir /dev/shm/x 2>&1'
	check_eq status-no-nnp-still-filtered "NoNewPrivs:	0 Seccomp:	2 mkdir: can't create directory '/dev/shm/x': Operation not permitted" \
		"$(echo "$OUT" | tr '\n' ' ' | sed 's/ $//')"
	after nnp0
}

# ---- defaultAction SCMP_ACT_ERRNO, defaultErrnoRet, the -ENOSYS stub -----------

# getpriority (140 on x86_64) is not named; the profile's highest name is
# rseq (334 on x86_64), so clone3 (435, MIPS o32 4435) is above it: runc's
# stub makes it ENOSYS instead of the default EPERM (but see STUB).  The
# stub needs the native architecture listed.
t_seccomp_default_errno() {
	sc deferr "$(profile SCMP_ACT_ERRNO "$(rule "$NEEDED" $ALLOW)" "$ARCHS")" \
		"echo hi; sys getpriority 0 0; sys $((NR0 + 435))"
	check_eq default-errno-sh "exit 1: hi" "exit $RC: $(echo "$OUT" | sed -n 1p)$ERR"
	check_eq default-errno-eperm "errno EPERM" "$(echo "$OUT" | sed -n 2p)"
	if [ -n "$NATIVE" ]; then
		check_eq default-errno-enosys-stub "errno $STUB" "$(echo "$OUT" | sed -n 3p)"
	else
		skip default-errno-enosys-stub "no SCMP_ARCH for $ARCH"
	fi
	after deferr
}

t_seccomp_default_errno_ret_13() {
	sc deferr13 "$(profile SCMP_ACT_ERRNO "$(rule "$NEEDED" $ALLOW)" ', "defaultErrnoRet": 13')" \
		'echo hi; sys getpriority 0 0'
	check_eq default-errno-ret-13 "exit 1: hi errno EACCES: " "exit $RC: $(echo $OUT): $ERR"
}

# ---- arguments ----------------------------------------------------------------

# personality: only 0 and 0xffffffff (query) allowed; compared as 64 bits,
# as 32 on a 32-bit architecture, where 0x100000000 is 0 and 0x1ffffffff is
# 0xffffffff by the time they reach the kernel.  Each sys is a new process:
# the persona it sees is the shell's
t_seccomp_args_personality_eq() {
	_w="0x100000000 errno EPERM 0x1ffffffff errno EPERM"
	[ -n "$WIDE" ] || _w="0x100000000 $PERSONA 0x1ffffffff $PERSONA"
	p="$(rule '"personality"' $ALLOW ", \"args\": [ $(arg 0 EQ 0) ]"),
		$(rule '"personality"' $ALLOW ", \"args\": [ $(arg 0 EQ 4294967295) ]")"
	sc persona "$(profile SCMP_ACT_ERRNO "$(rule "$NEEDED" $ALLOW), $p")" \
		'for v in 0xffffffff 0 8 0x100000000 0x1ffffffff; do echo $v $(sys personality $v); done'
	check_eq args-personality-eq "0xffffffff $PERSONA 0 $PERSONA 8 errno EPERM $_w" "$(echo $OUT)"
}

t_seccomp_args_socket() {
	p=$(rule '"socket"' SCMP_ACT_ERRNO ", \"errnoRet\": $EAFNO, \"args\": [ $(arg 0 EQ 2) ]")
	sc socket "$(profile $ALLOW "$p")" 'sys socket 2 1 0; sys socket 1 1 0; sys socket 10 1 0'
	check_eq args-socket-af-inet-denied "errno EAFNOSUPPORT" "$(echo "$OUT" | sed -n 1p)"
	check_match args-socket-af-unix-allowed '^ret [0-9]+$' "$(echo "$OUT" | sed -n 2p)"
	check_match args-socket-af-inet6-allowed '^ret [0-9]+$' "$(echo "$OUT" | sed -n 3p)"
}

# yield NAME ARGS VALUES...: sched_yield (returns 0, ignores its arguments)
# denied with EPERM when ARGS (args[] body) match.  Each VALUE is a
# space-separated argument list (quote it); sets RES to "VALUE:0" or
# "VALUE:EPERM" per VALUE (its spaces turned into commas), space-joined.
yield() {
	_n=$1 _a=$2
	shift 2
	_s=
	for v; do
		_s="$_s r=\$(sys sched_yield $v); echo $(echo $v | tr ' ' ,):\${r#* };"
	done
	sc "$_n" "$(profile $ALLOW "$(rule '"sched_yield"' SCMP_ACT_ERRNO ", \"args\": [ $_a ]")")" "$_s"
	RES=$(echo $OUT)
}
# each operator on another argument index, at its boundaries and with values
# that differ only in the high 32 bits.  On a 32-bit architecture both the
# argument and the rule's value are their low words (see WIDE).
# w32 EXPECTED-64 EXPECTED-32: W, the one for this architecture
z1='0' z2='0 0' z3='0 0 0' z4='0 0 0 0' z5='0 0 0 0 0'
w32() { W=$1; [ -n "$WIDE" ] || W=$2; }
t_seccomp_op_ne() {
	yield op-ne "$(arg 0 NE 5)" 4 5 6 0x100000005
	w32 "4:EPERM 5:0 6:EPERM 0x100000005:EPERM" \
		"4:EPERM 5:0 6:EPERM 0x100000005:0"
	check_eq op-ne "$W" "$RES"
}
t_seccomp_op_lt() {
	yield op-lt "$(arg 1 LT 5)" "$z1 0" "$z1 4" "$z1 5" "$z1 0x100000004" "$z1 -1"
	w32 "0,0:EPERM 0,4:EPERM 0,5:0 0,0x100000004:0 0,-1:0" \
		"0,0:EPERM 0,4:EPERM 0,5:0 0,0x100000004:EPERM 0,-1:0"
	check_eq op-lt "$W" "$RES"
}
t_seccomp_op_le() {
	yield op-le "$(arg 2 LE 5)" "$z2 4" "$z2 5" "$z2 6" "$z2 0x100000005"
	w32 "0,0,4:EPERM 0,0,5:EPERM 0,0,6:0 0,0,0x100000005:0" \
		"0,0,4:EPERM 0,0,5:EPERM 0,0,6:0 0,0,0x100000005:EPERM"
	check_eq op-le "$W" "$RES"
}
t_seccomp_op_gt() {
	yield op-gt "$(arg 3 GT 4294967295)" "$z3 5" "$z3 0xffffffff" "$z3 0x100000000" "$z3 -1"
	w32 "0,0,0,5:0 0,0,0,0xffffffff:0 0,0,0,0x100000000:EPERM 0,0,0,-1:EPERM" \
		"0,0,0,5:0 0,0,0,0xffffffff:0 0,0,0,0x100000000:0 0,0,0,-1:0"
	check_eq op-gt "$W" "$RES"
}
t_seccomp_op_ge() {
	yield op-ge "$(arg 4 GE 5)" "$z4 4" "$z4 5" "$z4 6" "$z4 0x100000000"
	w32 "0,0,0,0,4:0 0,0,0,0,5:EPERM 0,0,0,0,6:EPERM 0,0,0,0,0x100000000:EPERM" \
		"0,0,0,0,4:0 0,0,0,0,5:EPERM 0,0,0,0,6:EPERM 0,0,0,0,0x100000000:0"
	check_eq op-ge "$W" "$RES"
}
t_seccomp_op_eq() {
	yield op-eq "$(arg 5 EQ $((0x100000005)))" "$z5 5" "$z5 0x100000005" "$z5 0x200000005" "$z5 0x100000004"
	w32 "0,0,0,0,0,5:0 0,0,0,0,0,0x100000005:EPERM 0,0,0,0,0,0x200000005:0 0,0,0,0,0,0x100000004:0" \
		"0,0,0,0,0,5:EPERM 0,0,0,0,0,0x100000005:EPERM 0,0,0,0,0,0x200000005:EPERM 0,0,0,0,0,0x100000004:0"
	check_eq op-eq "$W" "$RES"
}
t_seccomp_op_masked_eq() {
	yield op-masked-eq "$(arg 0 MASKED_EQ $((0xff0000ff00)) $((0x1200003400)))" \
		0x1200003400 0x12000034ff 0xff12ff003456 0x3400 0x1200000000 0x1300003400
	w32 "0x1200003400:EPERM 0x12000034ff:EPERM 0xff12ff003456:EPERM 0x3400:0 0x1200000000:0 0x1300003400:0" \
		"0x1200003400:EPERM 0x12000034ff:EPERM 0xff12ff003456:EPERM 0x3400:EPERM 0x1200000000:0 0x1300003400:EPERM"
	check_eq op-masked-eq "$W" "$RES"
	after op-masked-eq
}

# conditions on different arguments are ANDed
t_seccomp_args_and() {
	yield and "$(arg 0 EQ 1), $(arg 1 EQ 2)" "1 2" "1 3" "0 2" "2 1"
	check_eq args-and "1,2:EPERM 1,3:0 0,2:0 2,1:0" "$RES"
}
# two on one argument: runc adds every condition of the rule as its own rule,
# so they are ORed -- the one on args[1] too
t_seccomp_args_same_index_or() {
	yield or "$(arg 0 EQ 1), $(arg 0 EQ 2)" 1 2 3
	check_eq args-same-index-or "1:EPERM 2:EPERM 3:0" "$RES"
}
t_seccomp_args_same_index_or_all() {
	yield or3 "$(arg 0 EQ 1), $(arg 0 EQ 2), $(arg 1 EQ 7)" "1 0" "2 0" "3 7" "3 0"
	check_eq args-same-index-or-all "1,0:EPERM 2,0:EPERM 3,7:EPERM 3,0:0" "$RES"
}

# ---- other actions -------------------------------------------------------------

# sigsys ACTION: mkdir under a rule with ACTION is killed by SIGSYS (exit
# 128 + 31, 128 + 12 on MIPS); no core dump
sigsys() {
	ID=$(newid "$1" | tr _ -); track "$ID"
	C_RLIMITS='{ "type": "RLIMIT_CORE", "hard": 0, "soft": 0 }' C_ARGS='"mkdir", "/dev/shm/x"' \
	C_LINUX_EXTRA=", \"seccomp\": $(profile $ALLOW "$(rule "$MKDIR" $1)")" mkconfig "$B"
	run_ct "$ID"
	check_eq "action-$1-sigsys" "exit $((128 + SIGSYS)): : " "exit $RC: $OUT: $ERR"
	after "action-$1"
}
t_seccomp_action_kill() { sigsys SCMP_ACT_KILL; }
t_seccomp_action_kill_thread() { sigsys SCMP_ACT_KILL_THREAD; }
t_seccomp_action_kill_process() { sigsys SCMP_ACT_KILL_PROCESS; }
t_seccomp_action_trap() { sigsys SCMP_ACT_TRAP; }

t_seccomp_action_log() {
	sc log "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_LOG)")" 'mkdir /dev/shm/x && ls /dev/shm'
	check_eq action-log-allows "exit 0: x: " "exit $RC: $OUT: $ERR"
}

t_seccomp_action_trace() {
	sc trace "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_TRACE)")" 'mkdir /dev/shm/x; echo $?'
	check_eq action-trace-no-tracer-enosys "exit 0: 1: mkdir: can't create directory '/dev/shm/x': Function not implemented" \
		"exit $RC: $OUT: $ERR"
}

t_seccomp_action_allow() {
	sc allow-rule "$(profile SCMP_ACT_ERRNO "$(rule "$NEEDED" $ALLOW), $(rule "$MKDIR" $ALLOW)" ', "defaultErrnoRet": 1')" \
		'mkdir /dev/shm/x && ls /dev/shm && sys getpriority 0 0'
	check_eq action-allow "exit 1: x errno EPERM" "exit $RC: $(echo $OUT)"
}

# ---- architectures ---------------------------------------------------------------

t_seccomp_arch_native() {
	sc arch-native "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_ERRNO)" "$ARCHS")" 'mkdir /dev/shm/x 2>&1; echo hi'
	check_eq arch-native "exit 0: mkdir: can't create directory '/dev/shm/x': Operation not permitted hi" \
		"exit $RC: $(echo $OUT)"
}

# runc (libseccomp) always filters the native architecture, even unlisted
t_seccomp_arch_foreign() {
	if [ -z "$FOREIGN" ]; then
		skip arch-foreign-native-still-filtered "no SCMP_ARCH for $ARCH"
		return 0
	fi
	sc arch-foreign "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_ERRNO)" ", \"architectures\": [ \"$FOREIGN\" ]")" \
		'mkdir /dev/shm/x 2>&1; echo hi'
	check_eq arch-foreign-native-still-filtered "exit 0: mkdir: can't create directory '/dev/shm/x': Operation not permitted hi" \
		"exit $RC: $(echo $OUT)"
}

# an i386 syscall (int $0x80) from an x86_64 process: bad architecture (killed)
# unless SCMP_ARCH_X86 is listed, then the rules apply with i386 numbers
# (getuid 24, mkdir 39)
t_seccomp_arch_i386() {
	_w=$(i386_why)
	if [ -n "$_w" ]; then
		skip arch-i386 "$_w"
		return 0
	fi
	sc i386-no "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_ERRNO)" "$ARCHS")" 'sys -32 24; echo $?'
	check_eq arch-i386-unlisted-killed "$((128 + SIGSYS))" "$OUT"
	sc i386-none "$DENY_MKDIR" 'sys -32 24; echo $?'
	check_eq arch-i386-no-architectures-killed "$((128 + SIGSYS))" "$OUT"
	sc i386-yes "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_ERRNO)" ', "architectures": [ "SCMP_ARCH_X86_64", "SCMP_ARCH_X86" ]')" \
		'sys -32 24; sys -32 39 0 0'
	check_eq arch-i386-listed "exit 1: ret 0 errno EPERM" "exit $RC: $(echo $OUT)"
	after i386-yes
}

# a 32-bit ARM program on arm64 (tests/sys32: tests/sys.c built for armhf):
# killed unless SCMP_ARCH_ARM is listed, then the rules apply with ARM's
# numbers (mkdirat(AT_FDCWD, NULL, 0): EPERM from the filter, EFAULT past it)
t_seccomp_arch_arm32() {
	if [ "$ARCH" != aarch64 ]; then
		skip arch-arm32 "aarch64 only"
		return 0
	elif [ ! -x "$TOP/tests/sys32" ]; then
		fail arch-arm32 "tests/sys32 (tests/sys.c built for armhf)" "missing"
		return 0
	fi
	# a writable copy: the shared rootfs has no sys32
	mkbundle "$TMPD/arm"
	cp "$TOP/tests/sys" "$TOP/tests/sys32" "$B/rootfs/bin/"
	sc arm32-no "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_ERRNO)" "$ARCHS")" 'sys32 getuid; echo $?'
	check_eq arch-arm32-unlisted-killed "$((128 + SIGSYS))" "$OUT"
	sc arm32-yes "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_ERRNO)" ', "architectures": [ "SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM" ]')" \
		'sys32 getuid; sys32 mkdirat -100 0 0; sys32 getpid >/dev/null; echo $?'
	check_eq arch-arm32-listed "exit 0: ret 0 errno EPERM 0" "exit $RC: $(echo $OUT)"
	sc arm32-allowed "$(profile $ALLOW "$(rule '"getpid"' SCMP_ACT_ERRNO)" ', "architectures": [ "SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM" ]')" \
		'sys32 mkdirat -100 0 0'
	check_eq arch-arm32-other-rules "exit 1: errno EFAULT" "exit $RC: $(echo $OUT)"
	after arm32-allowed
}

# ---- flags ---------------------------------------------------------------------

# flag FLAG: a filter loaded with FLAG still filters.  runc 1.1.5 refuses
# every flag ("seccomp flags are not yet supported by runc"); runc 1.2 takes
# these three
flag() {
	need_rt_only "flag-$1" || return 0
	sc "$(echo $1 | tr _ - | tr A-Z a-z)" \
		"$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_ERRNO)" ", \"flags\": [ \"$1\" ]")" \
		'mkdir /dev/shm/x 2>&1; grep ^Seccomp: /proc/self/status'
	check_eq "flag-$1" "exit 0: mkdir: can't create directory '/dev/shm/x': Operation not permitted Seccomp: 2" \
		"exit $RC: $(echo $OUT)"
}
t_seccomp_flag_log() { flag SECCOMP_FILTER_FLAG_LOG; }
t_seccomp_flag_spec_allow() { flag SECCOMP_FILTER_FLAG_SPEC_ALLOW; }
t_seccomp_flag_tsync() { flag SECCOMP_FILTER_FLAG_TSYNC; }

# ---- create + start, exec --------------------------------------------------------

t_seccomp_create_start() {
	C_LINUX_EXTRA=", \"seccomp\": $DENY_MKDIR" \
		start_ct cs 'mkdir /dev/shm/x 2>&1; grep ^Seccomp: /proc/self/status' || return 0
	wait_status create-start-stopped "$ID" stopped
	check_eq create-start-filtered "mkdir: can't create directory '/dev/shm/x': Operation not permitted Seccomp: 2" \
		"$(echo $(cat "$TMPD/cs.out"))"
	"$RT" delete "$ID"
	after create-start
}

t_seccomp_exec() {
	C_LINUX_EXTRA=", \"seccomp\": $DENY_MKDIR" start_ct ex 'sleep 1000' || return 0
	timeout "$T_TIMEOUT" "$RT" exec "$ID" sh -c 'mkdir /dev/shm/y 2>&1; grep ^Seccomp: /proc/self/status; sys personality 0xffffffff' \
		< /dev/null > "$TMPD/out" 2>&1
	check_eq exec-filtered "exit 0: mkdir: can't create directory '/dev/shm/y': Operation not permitted Seccomp: 2 $PERSONA" \
		"exit $?: $(echo $(cat "$TMPD/out"))"
	"$RT" delete -f "$ID"
	after exec
}

# ---- SCMP_ACT_NOTIFY: an agent answers (tests/seccompagent) -----------------------

# agent NAME [ERRNO]: tests/seccompagent on $TMPD/NAME.sock, its output in
# $TMPD/NAME.agent ($APID); NOTIFY: a profile sending mkdir to it
agent() {
	rm -f "$TMPD/$1.sock"
	timeout "$T_TIMEOUT" "$TOP/tests/seccompagent" ${2:+-e $2} -o "$TMPD/$1.agent" "$TMPD/$1.sock" &
	APID=$!
	poll test -S "$TMPD/$1.sock"
	NOTIFY=$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_NOTIFY)" ", \"listenerPath\": \"$TMPD/$1.sock\", \"listenerMetadata\": \"m=1;\\\"q\\\"\"")
}
# agent_json NAME: the state the agent got, its fds, metadata and status
agent_json() {
	head -n 1 "$TMPD/$1.agent" | json_flat | grep -E '^\.(fds\[0\]|metadata|state\.id|state\.status) ' | tr '\n' ' '
}

# the notified mkdir is the agent's: "made" by its answer, yet nothing is
# there; the agent got the listener with runtime-spec's state.  rt only:
# Debian's runc 1.1.5 never connects to the agent, and the mkdir gets ENOSYS
t_seccomp_notify_run() {
	need_rt_only notify || return 0
	need_cmd notify "$TOP/tests/seccompagent" || return 0
	agent n
	sc notify "$NOTIFY" 'mkdir /dev/shm/n && echo made; ls -d /dev/shm/n 2>&1; echo end'
	check_eq notify-run "exit 0: made ls: /dev/shm/n: No such file or directory end" "exit $RC: $(echo $OUT)"
	wait $APID
	check_eq notify-agent-exit 0 "$?"
	check_eq notify-state ".fds[0] \"seccompFd\" .metadata \"m=1;\\\"q\\\"\" .state.id \"$ID\" .state.status \"creating\" " "$(agent_json n)"
	check_match notify-syscalls '^nr [0-9]+$' "$(sed 1d "$TMPD/n.agent")"
	after notify
	agent e 18
	sc notifyerr "$NOTIFY" 'mkdir /dev/shm/e 2>&1; echo end'
	check_eq notify-errno "exit 0: mkdir: can't create directory '/dev/shm/e': Invalid cross-device link end" "exit $RC: $(echo $OUT)"
	wait $APID
	after notify-errno
}

# create + start (the filter loads after start, no_new_privs being on), and
# exec, whose listener goes to the agent with the running container's state
t_seccomp_notify_create_exec() {
	need_rt_only notify-create || return 0
	agent c
	C_LINUX_EXTRA=", \"seccomp\": $NOTIFY" \
		start_ct nc 'mkdir /dev/shm/c && echo made; sleep 100' || return 0
	poll file_has "$TMPD/nc.out" made
	check_eq notify-create-start "made" "$(cat "$TMPD/nc.out")"
	check_match notify-create-state '"status":"creating"' "$(head -n 1 "$TMPD/c.agent")"
	# exec's listener goes where config.json said at create
	mv "$TMPD/c.agent" "$TMPD/c1.agent"
	agent c
	ex "$ID" sh -c 'mkdir /dev/shm/x && echo made; ls /dev/shm'
	check_eq notify-exec "exit 0: made: " "exit $RC: $OUT: $ERR"
	check_eq notify-exec-state ".fds[0] \"seccompFd\" .metadata \"m=1;\\\"q\\\"\" .state.id \"$ID\" .state.status \"running\" " "$(agent_json c)"
	"$RT" delete -f "$ID"
	wait
	after notify-create
}

# TSYNC with a listener: the kernel wants TSYNC_ESRCH beside it (EINVAL
# without), which rt adds as libseccomp does
t_seccomp_notify_tsync() {
	need_rt_only notify-tsync || return 0
	agent t
	sc notifytsync "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_NOTIFY)" ", \"listenerPath\": \"$TMPD/t.sock\", \"flags\": [ \"SECCOMP_FILTER_FLAG_TSYNC\" ]")" \
		'mkdir /dev/shm/t && echo made'
	check_eq notify-tsync "exit 0: made" "exit $RC: $OUT"
	wait $APID
	after notify-tsync
}

# SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (Linux 5.19) with a listener
t_seccomp_notify_wait_killable() {
	need_rt_only notify-wait-killable || return 0
	v=$(uname -r | awk -F. '{ print $1 * 100 + $2 }')
	if [ "$v" -lt 519 ]; then
		skip notify-wait-killable "Linux $(uname -r) has no SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (5.19)"
		return 0
	fi
	agent k
	sc killable "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_NOTIFY)" ", \"listenerPath\": \"$TMPD/k.sock\", \"flags\": [ \"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV\" ]")" \
		'mkdir /dev/shm/k && echo made'
	check_eq notify-wait-killable "exit 0: made" "exit $RC: $OUT"
	wait $APID
	after notify-wait-killable
}

# ---- Docker 20.10's default profile ----------------------------------------------

DOCKER=$(for_arch "$TOP/tests/seccomp/docker-default.json")

t_seccomp_docker_profile_busybox() {
	sc docker "$DOCKER" 'echo hi; cat /rootfs-marker; ls -d /bin /dev/shm
		mkdir /dev/shm/d && echo made && rm -r /dev/shm/d && echo removed
		ps -o pid,comm | sed -n 2p; wget -h 2>&1 | grep -c "^Usage: wget"
		date -u -d @86400 +%F; sleep 0.1 && echo slept; printf "b\na\n" | sort | head -n 1
		tar -cf /dev/shm/t.tar -C / rootfs-marker && tar -tf /dev/shm/t.tar; id'
	check_eq docker-profile-busybox "exit 0: : hi
rootfs
/bin
/dev/shm
made
removed
    1 sh
1
1970-01-02
slept
a
rootfs-marker
uid=0(root) gid=0(root)" "exit $RC: $ERR: $OUT"
	after docker
}

# denied by name (keyctl, unshare), by argument (personality), explicitly
# ENOSYS (clone3: errnoRet 38, which MIPS calls EL2NSYNC), above the highest
# name (450, MIPS o32 4450: the -ENOSYS stub); an i386 call, where there is
# one, allowed
t_seccomp_docker_profile_denied() {
	I386=
	[ -z "$(i386_why)" ] && I386=1
	_e38=ENOSYS
	case $ARCH in mips*) _e38=38 ;; esac
	sc docker-deny "$DOCKER" "for c in keyctl 'unshare 0x10000000' 'personality 1' 'personality 8' \
		'personality 0xffffffff' clone3 $((NR0 + 450)) ${I386:+"'-32 24'"}; do echo \"\$c: \$(sys \$c)\"; done"
	check_eq docker-profile-denied "keyctl: errno EPERM
unshare 0x10000000: errno EPERM
personality 1: errno EPERM
personality 8: $PERSONA
personality 0xffffffff: $PERSONA
clone3: errno $_e38
$((NR0 + 450)): errno $STUB${I386:+
-32 24: ret 0}" "$OUT"
}

# ---- config errors (rt's wording; runc: only exit 1 and nothing left) -------------

# sc_err NAME PROFILE MESSAGE
sc_err() {
	sc "$1" "$2" 'echo ran'
	check_eq "$1-exit" "exit 1: " "exit $RC: $OUT"
	if need_rt_only "$1"; then
		check_eq "$1" "$3" "$ERR"
	fi
	after "$1"
}
t_seccomp_err_action() {
	sc_err err-action "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_FOO)")" \
		'rt: config.json: linux.seccomp.syscalls[0].action: unknown action "SCMP_ACT_FOO"'
}
t_seccomp_err_notify() {
	sc_err err-notify "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_NOTIFY)")" \
		'rt: config.json: linux.seccomp.listenerPath: SCMP_ACT_NOTIFY needs one'
	sc_err err-notify-default "$(profile SCMP_ACT_NOTIFY "$(rule "$MKDIR" $ALLOW)" ', "listenerPath": "/run/x.sock"')" \
		'rt: config.json: linux.seccomp.defaultAction: SCMP_ACT_NOTIFY cannot be the default action'
	sc_err err-notify-relative "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_NOTIFY)" ', "listenerPath": "x.sock"')" \
		'rt: config.json: linux.seccomp.listenerPath: x.sock: not an absolute path'
	sc_err err-notify-no-agent "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_NOTIFY)" ", \"listenerPath\": \"$TMPD/none.sock\"")" \
		"rt: connect to the seccomp listener $TMPD/none.sock: No such file or directory"
}
t_seccomp_err_default_action() {
	sc_err err-default-action "$(profile SCMP_ACT_FOO "$(rule "$MKDIR" $ALLOW)")" \
		'rt: config.json: linux.seccomp.defaultAction: unknown action "SCMP_ACT_FOO"'
}
t_seccomp_err_op() {
	sc_err err-op "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_ERRNO ', "args": [ { "index": 0, "op": "SCMP_CMP_FOO", "value": 1 } ]')")" \
		'rt: config.json: linux.seccomp.syscalls[0].args[0].op: unknown operator "SCMP_CMP_FOO"'
}
t_seccomp_err_index() {
	sc_err err-index "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_ERRNO ", \"args\": [ $(arg 6 EQ 1) ]")")" \
		'rt: config.json: linux.seccomp.syscalls[0].args[0].index: 6 is out of range (0-5)'
}
t_seccomp_err_arch() {
	sc_err err-arch "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_ERRNO)" ', "architectures": [ "SCMP_ARCH_FOO" ]')" \
		'rt: config.json: linux.seccomp.architectures[0]: unknown architecture "SCMP_ARCH_FOO"'
}
t_seccomp_err_flag() {
	sc_err err-flag "$(profile $ALLOW "$(rule "$MKDIR" SCMP_ACT_ERRNO)" ', "flags": [ "X" ]')" \
		'rt: config.json: linux.seccomp.flags[0]: unknown flag "X"'
}
