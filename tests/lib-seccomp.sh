# tests/lib-seccomp.sh: linux.seccomp profile builders for 85-seccomp.sh
# and 93-security.sh (96-hooks.sh for for_arch), sourced after
# lib-lifecycle.sh.  POSIX sh.

# sys_bundle DIR: a bundle whose rootfs is the shared one plus /bin/sys
# (tests/sys), made once per run and bound read-only (mkbundle_ro)
sys_bundle() {
	if [ -z "$T_CACHE" ]; then
		mkbundle "$1"
		cp "$TOP/tests/sys" "$B/rootfs/bin/sys"
		return
	fi
	if [ ! -f "$T_CACHE/sys.done" ]; then
		mkbundle "$T_CACHE/sys" &&
			cp "$TOP/tests/sys" "$T_CACHE/sys/rootfs/bin/sys" &&
			: > "$T_CACHE/sys.done"
	fi
	mkbundle_ro "$1" "$T_CACHE/sys/rootfs"
}

# rule NAMES ACTION [MORE]: one syscalls[] entry; NAMES is a JSON list body
rule() { echo "{ \"names\": [ $1 ], \"action\": \"$2\"$3 }"; }
# arg INDEX OP VALUE [VALUETWO]: one args[] entry
arg() { echo "{ \"index\": $1, \"op\": \"SCMP_CMP_$2\", \"value\": $3${4:+, \"valueTwo\": $4} }"; }
# profile DEFAULT RULES [MORE]: a linux.seccomp object (MORE after the rules)
profile() { echo "{ \"defaultAction\": \"$1\", \"syscalls\": [ $2 ]$3 }"; }
# sc NAME PROFILE SCRIPT [RUN-OPTIONS]: run sh -c SCRIPT under PROFILE
sc() {
	_p=$2 _n=$1 _s=$3
	shift 3
	C_LINUX_EXTRA=", \"seccomp\": $_p" sh_ct "$_n" "$_s" "$@"
}

ALLOW=SCMP_ACT_ALLOW
# what runc's init (after it loads the filter), busybox sh, and sys need;
# 32-bit architectures also statx, sigreturn and their TLS call (set_tls on
# ARM, set_thread_area on MIPS)
NEEDED='"arch_prctl", "brk", "clone", "close", "dup2", "dup3", "epoll_ctl",
	"epoll_pwait", "execve", "exit", "exit_group", "fcntl", "fstat", "fstatfs",
	"futex", "getcwd", "getdents64", "getegid", "geteuid", "getgid", "getpid",
	"getppid", "getrandom", "gettid", "getuid", "ioctl", "lseek", "madvise",
	"mmap", "mprotect", "munmap", "nanosleep", "newfstatat", "open", "openat",
	"pipe2", "prctl", "prlimit64", "read", "readlink", "rseq", "rt_sigaction",
	"rt_sigprocmask", "rt_sigreturn", "sched_yield", "set_robust_list",
	"set_thread_area", "set_tid_address", "set_tls", "sigaltstack", "sigreturn",
	"stat", "statx", "tgkill", "uname", "vfork", "wait4", "write", "writev"'

# for_arch FILE: a JSON file with docker's or podman's seccomp profile (one
# line, as the engines write it: the profile alone or a config.json) as the
# engine writes it on this architecture.  The files are their x86_64 form;
# moby's and containers/common's profiles list other architectures
# (archMap: none on 32-bit ARM and MIPS, whose own is not a main one there)
# and allow each one's own calls; s390x's clone has its flags in args[1]
for_arch() {
	_f=$1 _n= _e=
	case $(uname -m) in
	aarch64) _a='"SCMP_ARCH_AARCH64","SCMP_ARCH_ARM"' _n=arm ;;
	arm*) _a= _n=arm ;;
	mips) _a= ;;
	riscv64) _a='"SCMP_ARCH_RISCV64"' _n='"riscv_flush_icache"' ;;
	s390x) _a='"SCMP_ARCH_S390X","SCMP_ARCH_S390"'
		_n='"s390_pci_mmio_read","s390_pci_mmio_write","s390_runtime_instr"'
		_e='s/"names":\["clone"\],"action":"SCMP_ACT_ALLOW","args":\[{"index":0/"names":["clone"],"action":"SCMP_ACT_ALLOW","args":[{"index":1/' ;;
	*) cat "$_f"; return ;;
	esac
	[ "$_n" = arm ] && _n='"arm_fadvise64_64","arm_sync_file_range","sync_file_range2","breakpoint","cacheflush","set_tls"'
	set -- -e "s/\"architectures\":\[[^]]*\]/\"architectures\":[$_a]/"
	[ -n "$_n" ] && set -- "$@" -e "s/\"syscalls\":\[/&{\"names\":[$_n],\"action\":\"SCMP_ACT_ALLOW\"},/"
	[ -n "$_e" ] && set -- "$@" -e "$_e"
	sed "$@" "$_f"
}
