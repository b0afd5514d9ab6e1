/*
 * rt: an OCI container runtime for embedded Linux.
 *
 * One static binary that runs the same bundles as runc and crun and that
 * container engines can call in runc's place.  config.json is parsed with
 * jsmn into fixed-size structs whose limits come from Kconfig; namespaces
 * come from clone(2), the root from pivot_root(2) (MS_MOVE plus chroot
 * where the host root is an initramfs), and everything else from plain
 * syscalls: no libseccomp, libcap, systemd, dbus or yajl.
 *
 * How to read this file: top to bottom, names are defined before use and
 * main() is last.  A function named child_* runs only in the cloned child
 * between clone and execve; x* functions die on failure; cmd_* are the
 * subcommands.  Errors are one line, "rt: <object>: <problem>", and leave
 * nothing behind (see the undo list in section 7).
 *
 * Licence: MIT.
 *
 * Contents (grep -n '^ \* ==== ' runtime.c):
 *   1 prologue     2 includes    3 compat       4 limits      5 types
 *   6 globals      7 diagnostics 8 utilities    9 json       10 spec
 *  11 state       12 cgroup     13 namespaces  14 rootfs     15 seccomp
 *  16 process     17 hooks      18 container   19 commands   20 main
 *
 * Which process runs what: cmd_* and ctr_* run in rt (the parent);
 * child_* in the child cloned for the container's init or for exec,
 * between clone and execve; hook_* in rt or the child, forking the hook.
 * A create, run or exec carries its shared state in struct run (section
 * 5), passed to every ctr_* and child_* on its path.
 */

/*
 * ==== 2. includes =========================================================
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/personality.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "syscalls.h"		/* sc_names, sc_nrs: made by make */

#define JSMN_STATIC
#define JSMN_STRICT
#include JSMN_FILE

/*
 * ==== 3. compat ===========================================================
 * Constants and syscalls that musl's headers lack (musl ships no linux/
 * headers).  Values from the kernel's uapi headers.
 */
/* The runtime-spec version rt implements: --version, state, features's
 * ociVersionMax, `rt spec`'s config and the seccomp agent's state say it. */
#define SPEC_VERSION "1.3.0"
#ifndef RT_VERSION			/* the Makefile passes it */
#define RT_VERSION "0.1.0"
#endif
#ifndef SYS_openat2
#define SYS_openat2 437
#endif
#ifndef SYS_close_range
#define SYS_close_range 436
#endif
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif
#define RESOLVE_NO_MAGICLINKS	0x02
#define RESOLVE_IN_ROOT		0x10
#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_RAISE 2
#endif
#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif
#define CLONE_INTO_CGROUP 0x200000000ULL
#ifndef TIOCGPTPEER
#define TIOCGPTPEER 0x5441
#endif
#ifndef PROC_SUPER_MAGIC
#define PROC_SUPER_MAGIC 0x9fa0
#endif
#ifndef MS_LAZYTIME
#define MS_LAZYTIME (1 << 25)
#endif
/* linux/mount.h: mount_setattr(2), Linux 5.12 (NOSYMFOLLOW 5.14) */
#define MOUNT_ATTR_RDONLY	0x00000001U
#define MOUNT_ATTR_NOSUID	0x00000002U
#define MOUNT_ATTR_NODEV	0x00000004U
#define MOUNT_ATTR_NOEXEC	0x00000008U
#define MOUNT_ATTR__ATIME	0x00000070U
#define MOUNT_ATTR_RELATIME	0x00000000U
#define MOUNT_ATTR_NOATIME	0x00000010U
#define MOUNT_ATTR_STRICTATIME	0x00000020U
#define MOUNT_ATTR_NODIRATIME	0x00000080U
#define MOUNT_ATTR_NOSYMFOLLOW	0x00200000U
#define MOUNT_ATTR_IDMAP	0x00100000U
#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif
#define OPEN_TREE_CLONE		1	/* linux/mount.h: open_tree(2) */
#define MOVE_MOUNT_F_EMPTY_PATH	0x00000004	/* move_mount(2) */
#define MOVE_MOUNT_T_EMPTY_PATH	0x00000040
#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif
#ifdef SYS_setresuid32			/* i386, arm: the 32-bit-id calls */
#define SYS_SETRESUID SYS_setresuid32
#define SYS_SETRESGID SYS_setresgid32
#define SYS_SETGROUPS SYS_setgroups32
#else
#define SYS_SETRESUID SYS_setresuid
#define SYS_SETRESGID SYS_setresgid
#define SYS_SETGROUPS SYS_setgroups
#endif

/* rtnetlink (linux/netlink.h, linux/rtnetlink.h, linux/if_addr.h,
 * linux/if_link.h), under rt's own names. */
struct nlhdr {
	uint32_t len;
	uint16_t type, flags;
	uint32_t seq, pid;
};
struct nlattr {
	uint16_t len, type;
};
struct nl_ifinfo {
	uint8_t family, pad;
	uint16_t type;
	int32_t index;
	uint32_t flags, change;
};
struct nl_ifaddr {
	uint8_t family, prefixlen, flags, scope;
	uint32_t index;
};
enum {
	NL_ROUTE = 0, NL_ERROR = 2, NL_DONE = 3,
	NL_NEWLINK = 16, NL_GETLINK = 18, NL_NEWADDR = 20, NL_GETADDR = 22,
	NL_F_REQUEST = 1, NL_F_ACK = 4, NL_F_EXCL = 0x200, NL_F_CREATE = 0x400,
	NL_F_DUMP = 0x300,
	NL_IFNAME = 3, NL_NET_NS_FD = 28,		/* IFLA_* */
	NL_ADDRESS = 1, NL_LOCAL = 2, NL_BROADCAST = 4, NL_AFLAGS = 8,	/* IFA_* */
	NL_F_PERMANENT = 0x80,				/* IFA_F_PERMANENT */
};
#define NL_ALIGN(n) (((n) + 3U) & ~3U)

/* Classic BPF and seccomp (linux/filter.h, linux/seccomp.h, linux/audit.h). */
struct sock_filter {
	uint16_t code;
	uint8_t jt, jf;
	uint32_t k;
};
struct sock_fprog {
	unsigned short len;
	struct sock_filter *filter;
};
enum {
	BPF_LD_W_ABS = 0x20,		/* BPF_LD | BPF_W | BPF_ABS */
	BPF_JA = 0x05,			/* BPF_JMP | BPF_JA */
	BPF_JEQ_K = 0x15, BPF_JGT_K = 0x25, BPF_JGE_K = 0x35,
	BPF_AND_K = 0x54,		/* BPF_ALU | BPF_AND | BPF_K */
	BPF_RET_K = 0x06,
	BPF_MAXINSNS = 4096,
	SECCOMP_SET_MODE_FILTER = 1,
	SC_OFF_NR = 0, SC_OFF_ARCH = 4, SC_OFF_ARGS = 16,	/* seccomp_data */
};
#define SECCOMP_RET_KILL_PROCESS 0x80000000U
#define SECCOMP_RET_KILL_THREAD	0x00000000U
#define SECCOMP_RET_TRAP	0x00030000U
#define SECCOMP_RET_ERRNO	0x00050000U
#define SECCOMP_RET_USER_NOTIF	0x7fc00000U
#define SECCOMP_RET_TRACE	0x7ff00000U
#define SECCOMP_RET_LOG		0x7ffc0000U
#define SECCOMP_RET_ALLOW	0x7fff0000U
#define SC_X32_BIT		0x40000000U	/* __X32_SYSCALL_BIT */
#define SC_ARCH_X32		1U	/* not an audit arch: x86_64's, nr | bit */
#if defined(__x86_64__)
#define SC_ARCH_NATIVE 0xc000003eU
#elif defined(__aarch64__)
#define SC_ARCH_NATIVE 0xc00000b7U
#elif defined(__i386__)
#define SC_ARCH_NATIVE 0x40000003U
#elif defined(__arm__)
#define SC_ARCH_NATIVE 0x40000028U
#elif defined(__riscv) && __riscv_xlen == 64
#define SC_ARCH_NATIVE 0xc00000f3U
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SC_ARCH_NATIVE 0xc0000015U
#elif defined(__powerpc64__)
#define SC_ARCH_NATIVE 0x80000015U
#elif defined(__s390x__)
#define SC_ARCH_NATIVE 0x80000016U
#elif defined(__mips__) && defined(__mips64)
#define SC_ARCH_NATIVE (__MIPSEL__ ? 0xc0000008U : 0x80000008U)
#elif defined(__mips__)
#define SC_ARCH_NATIVE (__MIPSEL__ ? 0x40000008U : 0x00000008U)
#elif defined(__loongarch64)
#define SC_ARCH_NATIVE 0xc0000102U
#else
#error "rt: unknown architecture for seccomp (add its AUDIT_ARCH_ value)"
#endif

struct sched_attr {			/* linux/sched/types.h, version 0 */
	uint32_t size, policy;
	uint64_t flags;
	int32_t nice;
	uint32_t priority;
	uint64_t runtime, deadline, period;
};

struct open_how {			/* linux/openat2.h */
	uint64_t flags, mode, resolve;
};

struct clone_args {			/* linux/sched.h, clone3 */
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};

struct cap_header {			/* linux/capability.h, version 3 */
	uint32_t version;
	int pid;
};
struct cap_data {
	uint32_t effective, permitted, inheritable;
};
#define CAP_VERSION_3 0x20080522

static int
sys_openat2(int dirfd, const char *path, int flags, uint64_t resolve)
{
	struct open_how how = { .flags = (uint64_t)flags, .resolve = resolve };

	return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
}

/* clone(2) used as fork: flags, no new stack.  s390 takes the stack first
 * (the kernel's CLONE_BACKWARDS2), every other architecture the flags. */
static long
sys_clone(unsigned long flags)
{
#if defined(__s390__)
	return syscall(SYS_clone, 0, flags, NULL, NULL, NULL);
#else
	return syscall(SYS_clone, flags, NULL, NULL, NULL, NULL);
#endif
}

static int
sys_pivot_root(const char *new_root, const char *put_old)
{
	return (int)syscall(SYS_pivot_root, new_root, put_old);
}

/*
 * musl's setresuid, setresgid and setgroups go through __setxid, which
 * applies them to every thread with three rt_sigprocmask calls around;
 * rt is single-threaded, so the plain syscalls do.
 */
static int
sys_setresuid(uid_t uid)
{
	return (int)syscall(SYS_SETRESUID, uid, uid, uid);
}

static int
sys_setresgid(gid_t gid)
{
	return (int)syscall(SYS_SETRESGID, gid, gid, gid);
}

static int
sys_setgroups(int n, const gid_t *gids)
{
	return (int)syscall(SYS_SETGROUPS, n, gids);
}

/*
 * rt's printf family, which the names below stand for: musl's vfprintf
 * brings its float formatter along (12 KB of rt's binary), and rt prints
 * no float.  Integers (hh h l ll z j t; d i u x X o), c, s, p and %, with
 * the flags - and 0, a width and a precision (each may be *), as C has
 * them; a conversion it does not know is printed as written.  Defined in
 * section 8; printf goes through stdout's FILE, so fflush still applies.
 */
static int rt_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
static __attribute__((format(__printf__, 3, 4))) int
rt_snprintf(char *buf, size_t n, const char *fmt, ...);
static __attribute__((format(__printf__, 2, 3))) int
rt_dprintf(int fd, const char *fmt, ...);
static __attribute__((format(__printf__, 1, 2))) int
rt_printf(const char *fmt, ...);
#define vsnprintf rt_vsnprintf
#define snprintf rt_snprintf
#define dprintf rt_dprintf
#define printf rt_printf

/*
 * ==== 4. limits ===========================================================
 * Kconfig symbols (config.h) size every table; LIMIT and LIMIT_NAME
 * (section 8) name them in messages.
 */
enum {
	MAX_CONFIG_SIZE = CONFIG_MAX_CONFIG_SIZE,
	MAX_JSON_TOKENS = CONFIG_MAX_JSON_TOKENS,
	MAX_PATH = CONFIG_MAX_PATH,
	MAX_ARGS = CONFIG_MAX_ARGS,
	MAX_ENV = CONFIG_MAX_ENV,
	MAX_GIDS = CONFIG_MAX_GIDS,
	MAX_RLIMITS = CONFIG_MAX_RLIMITS,
	MAX_MOUNTS = CONFIG_MAX_MOUNTS,
	MAX_MOUNT_OPTIONS = CONFIG_MAX_MOUNT_OPTIONS,
	MAX_NAMESPACES = CONFIG_MAX_NAMESPACES,
	MAX_DEVICES = CONFIG_MAX_DEVICES,
	MAX_MASKED_PATHS = CONFIG_MAX_MASKED_PATHS,
	MAX_ID = CONFIG_MAX_ID,
	MAX_ANNOTATIONS = CONFIG_MAX_ANNOTATIONS,
	MAX_ANNOTATIONS_SIZE = CONFIG_MAX_ANNOTATIONS_SIZE,
	MAX_PIDS = CONFIG_MAX_PIDS,
	MAX_CONTAINERS = CONFIG_MAX_CONTAINERS,
	MAX_DEVICE_RULES = CONFIG_MAX_DEVICE_RULES,
	MAX_RES = CONFIG_MAX_RESOURCE_ENTRIES,
	MAX_SC_RULES = CONFIG_MAX_SECCOMP_RULES,
	MAX_IDMAP = CONFIG_MAX_ID_MAPPINGS,
	MAX_HOOKS = CONFIG_MAX_HOOKS,
	MAX_SYSCTLS = CONFIG_MAX_SYSCTLS,
	MAX_NET_DEVICES = CONFIG_MAX_NET_DEVICES,
	MAX_NET_ADDRS = CONFIG_MAX_NET_ADDRS,
	MAX_CPUS = CONFIG_MAX_CPUS,
	MAX_NUMA_NODES = 1024,		/* the kernel's largest MAX_NUMNODES
					   (NODES_SHIFT is at most 10) */
	MAX_SC_ARCHS = 24,		/* every SCMP_ARCH_ name once */
	ERRMSG_MAX = 1024,		/* one error line, child to parent */
	MAX_UNDO = 16,			/* side effects of one command */
	MAX_COPY_DEPTH = 64,		/* tmpcopyup's directory levels, 4 KiB
					   of the child's stack each */
	NCAPSETS = 5,			/* bounding effective inheritable ... */
	MAX_OPTLIST = MAX_ENV,		/* a repeated flag: -e at most env's */
	/* runc's state JSON, whole: the annotations as stored and 16 bytes
	 * of quotes and indent each, two escaped paths (6 bytes a byte at
	 * most), the id and the small members */
	STATE_JSON_MAX = MAX_ANNOTATIONS_SIZE + 16 * MAX_ANNOTATIONS +
			 12 * MAX_PATH + MAX_ID + 512,
};

_Static_assert(MAX_PATH >= 256, "paths hold at least a state dir");
_Static_assert(MAX_ID + 64 < MAX_PATH, "a state path fits a path buffer");

/*
 * ==== 5. types ============================================================
 */
struct idmap {				/* linux.uidMappings[] */
	uint32_t inner, outer, size;	/* containerID, hostID, size */
};

struct mnt {				/* one entry of config.json mounts */
	char *dest, *src, *type;
	unsigned long flags;		/* MS_* for mount(2), MS_BIND for binds */
	unsigned long prop[4];		/* propagation, one mount(2) each */
	int nprop;
	unsigned attr_set, attr_clr;	/* MOUNT_ATTR_*, recursive (rro ...) */
	bool copyup;			/* tmpcopyup */
	unsigned char idmap;		/* 1 idmap, 2 ridmap (recursive) */
	struct idmap uidmap[MAX_IDMAP], gidmap[MAX_IDMAP];	/* the mount's */
	int nuidmap, ngidmap;		/* CONFIG_MAX_ID_MAPPINGS */
	char *data;			/* unknown options, comma-joined */
	int srcfd;			/* a bind's source opened by rt, or -1 */
};

struct dev {				/* one entry of linux.devices */
	char *path;
	mode_t mode;			/* S_IFCHR/S_IFBLK/S_IFIFO | perms */
	dev_t rdev;
	uid_t uid;
	gid_t gid;
	unsigned char given;		/* DEV_MODE, DEV_UID, DEV_GID */
};
enum { DEV_MODE = 1, DEV_UID = 2, DEV_GID = 4 };

struct nsent {				/* one entry of linux.namespaces */
	int flag;			/* CLONE_NEW* */
	char *path;			/* join instead of create */
};

struct rlim {
	int res;
	struct rlimit lim;
};

enum { CAP_BND, CAP_EFF, CAP_INH, CAP_PRM, CAP_AMB };

struct proc {				/* config.json process */
	bool terminal;
	unsigned short rows, cols;	/* consoleSize */
	uid_t uid;
	gid_t gid;
	gid_t gids[MAX_GIDS];		/* CONFIG_MAX_GIDS */
	int ngids;
	mode_t umask;
	char *args[MAX_ARGS + 1];	/* CONFIG_MAX_ARGS, NULL-terminated */
	int nargs;
	char *env[MAX_ENV + 1];		/* CONFIG_MAX_ENV, NULL-terminated */
	int nenv;
	char *cwd;
	bool has_caps;			/* absent: capabilities are left alone */
	uint64_t caps[NCAPSETS];
	struct rlim rlimits[MAX_RLIMITS];	/* CONFIG_MAX_RLIMITS */
	int nrlimits;
	bool nnp;
	bool has_oom;
	int oom_score_adj;
	bool has_sched;
	struct sched_attr sched;	/* process.scheduler */
	int ioprio;			/* process.ioPriority, -1 if none */
	char *apparmor, *selinux;	/* labels for the exec, NULL if none */
	struct affinity {		/* execCPUAffinity, for exec only */
		bool has_initial, has_final;
		unsigned long initial[(MAX_CPUS + LONG_BIT - 1) / LONG_BIT];
		unsigned long final[(MAX_CPUS + LONG_BIT - 1) / LONG_BIT];	/* CONFIG_MAX_CPUS */
	} aff;
};

struct netdev {				/* linux.netDevices.<host name> */
	char *host, *name;		/* name: in the container, or NULL */
};

struct mpol {				/* linux.memoryPolicy */
	bool on;
	int mode;			/* MPOL_* (0 to 6) */
	unsigned flags;			/* MPOL_F_* */
	unsigned long nodes[MAX_NUMA_NODES / LONG_BIT];
	int nnodes;
};

#define UNSET INT64_MIN			/* a resource that was not given */

struct devrule {			/* linux.resources.devices[] */
	char type;			/* 'a', 'c' or 'b' */
	long long major, minor;		/* -1 for any */
	unsigned access;		/* BPF_DEVCG_ACC_*: mknod 1, read 2, write 4 */
	bool allow;
};

struct iodev {				/* a blockIO device entry */
	long long major, minor;
	long long v;			/* weight or rate */
};

struct kv {
	char *k, *v;
};

struct resources {			/* linux.resources; UNSET if absent */
	long long mem_limit, mem_low, mem_swap;
	bool mem_check;			/* memory.checkBeforeUpdate */
	long long pids;
	long long cpu_shares, cpu_quota, cpu_period, cpu_burst, cpu_idle;
	long long rt_runtime, rt_period;
	char *cpus, *mems;
	long long io_weight;
	struct iodev io_wdev[MAX_RES];	/* CONFIG_MAX_RESOURCE_ENTRIES */
	struct iodev io_max[4][MAX_RES];	/* rbps wbps riops wiops */
	int n_wdev, n_max[4];
	struct kv huge[MAX_RES];	/* page size, limit */
	int nhuge;
	struct kv unified[MAX_RES];
	int nunified;
	struct devrule dev[MAX_DEVICE_RULES];	/* CONFIG_MAX_DEVICE_RULES */
	int ndev;
	bool other;			/* network, rdma: v1-only or unsupported */
};

struct sc_cond {			/* linux.seccomp.syscalls[].args[] */
	uint8_t index, op;		/* 0-5; enum sc_op */
	uint64_t v, v2;			/* value, valueTwo */
};

struct sc_rule {			/* one syscall name of one rule */
	int sys;			/* its row in sc_nrs, -1 if none */
	int mux;			/* its row in sc_muxed, -1 if none */
	uint32_t action;		/* SECCOMP_RET_* | errno */
	unsigned short cond, ncond;	/* its conditions in seccomp.conds */
};

struct seccomp {			/* linux.seccomp, before compiling */
	bool on;
	bool notify;			/* a rule says SCMP_ACT_NOTIFY */
	char *listener, *metadata;	/* listenerPath, listenerMetadata */
	uint32_t def;			/* defaultAction | defaultErrnoRet */
	bool stub;			/* runc's ENOSYS stub */
	unsigned flags;			/* SECCOMP_FILTER_FLAG_* */
	uint32_t archs[MAX_SC_ARCHS];	/* audit arches besides the native */
	int narchs;
	struct sc_rule rules[MAX_SC_RULES];	/* CONFIG_MAX_SECCOMP_RULES */
	int nrules;
	struct sc_cond conds[MAX_SC_RULES];
	int nconds;
};

enum hook_kind {			/* config.json hooks, in spec order */
	H_PRESTART, H_CREATE_RUNTIME, H_CREATE_CONTAINER, H_START_CONTAINER,
	H_POSTSTART, H_POSTSTOP, NHOOKKINDS,
};

struct hook {				/* one entry of a hooks list */
	char *path;
	int args, env;			/* their JSON array tokens, -1 if none */
	int timeout;			/* seconds, 0 for none */
};

struct spec {				/* config.json; static, never on a stack */
	char *oci_version;
	struct proc proc;
	char *root;
	bool root_ro;
	char *hostname, *domainname;
	char *mount_label;		/* linux.mountLabel, on SELinux only */
	bool has_idmap;			/* a mount has idmap or ridmap */
	char *userns_path;		/* a user namespace joined by path */
	struct mpol mpol;
	struct netdev netdev[MAX_NET_DEVICES];	/* CONFIG_MAX_NET_DEVICES */
	int nnetdev;
	struct mnt mounts[MAX_MOUNTS];		/* CONFIG_MAX_MOUNTS */
	int nmounts;
	struct nsent ns[MAX_NAMESPACES];	/* CONFIG_MAX_NAMESPACES */
	int nns;
	int clone_flags;		/* namespaces to create */
	bool own_uts;			/* new, or joined and not rt's */
	struct dev devices[MAX_DEVICES];	/* CONFIG_MAX_DEVICES */
	int ndevices;
	char *masked[MAX_MASKED_PATHS + 1];	/* CONFIG_MAX_MASKED_PATHS, and NULL */
	int nmasked;
	char *readonly[MAX_MASKED_PATHS + 1];
	int nreadonly;
	unsigned long root_prop;	/* linux.rootfsPropagation */
	char *annot[MAX_ANNOTATIONS][2];	/* CONFIG_MAX_ANNOTATIONS */
	int nannot;
	char *cgroups_path;		/* linux.cgroupsPath */
	struct resources res;
	struct seccomp sc;
	struct idmap uidmap[MAX_IDMAP], gidmap[MAX_IDMAP];	/* CONFIG_MAX_ID_MAPPINGS */
	int nuidmap, ngidmap;
	char timens[128];		/* linux.timeOffsets, for timens_offsets */
	bool has_personality;
	unsigned long personality;	/* linux.personality.domain */
	struct hook hooks[NHOOKKINDS][MAX_HOOKS];	/* CONFIG_MAX_HOOKS */
	int nhooks[NHOOKKINDS];
	int hooks_tok;			/* the hooks object, 0 if none */
	struct kv sysctl[MAX_SYSCTLS];	/* CONFIG_MAX_SYSCTLS */
	int nsysctl;
};

struct state {				/* /run/rt/<id>/state */
	pid_t pid;			/* the container's init, host pid */
	unsigned long long start;	/* its starttime, /proc/PID/stat */
	uid_t owner;
	char created[64];		/* RFC 3339 with nanoseconds */
	char bundle[MAX_PATH];
	char rootfs[MAX_PATH];
	char cgroup[MAX_PATH];		/* its cgroup directory, "" if none */
	int cg_made;			/* how many levels of it rt created */
	unsigned long long pidns;	/* its own pid namespace's inode, 0 if
					   it shares rt's */
};

enum msg_kind {				/* records on the child's sync socket */
	MSG_ERROR = 1,			/* child failed: text says why */
	MSG_PTY,			/* the pty master rides along (SCM_RIGHTS) */
	MSG_READY,			/* set up; waiting for start */
	MSG_GO,				/* parent to child: go on */
	MSG_HOOKS,			/* mounts done: run prestart, createRuntime */
	MSG_BINDS,			/* parent to child: bind sources (SCM_RIGHTS) */
};

struct errmsg {				/* one record on the sync socket */
	int kind;			/* enum msg_kind */
	int errnum;			/* errno in the child, 0 if none */
	char text[ERRMSG_MAX];
};

struct optlist {			/* a repeatable option (-e, --cap) */
	const char *v[MAX_OPTLIST];	/* -g, --cap: their own limits too */
	int n;
};

struct upd_opts {			/* rt update's flags */
	const char *resources, *memory, *memory_swap, *memory_reservation;
	const char *pids_limit, *cpu_quota, *cpu_period, *cpu_share;
	const char *cpu_burst, *cpu_idle;
	const char *cpuset_cpus, *cpuset_mems, *blkio_weight;
	const char *rt_period, *rt_runtime;
};

struct exec_opts {			/* rt exec's flags for the process */
	const char *cwd, *user, *label, *apparmor;
	bool tty, nnp;
	struct optlist env, caps, gids, cgroup;
};

struct undo {
	void (*fn)(intptr_t);
	intptr_t arg;
};

enum mode {				/* what the child does after its setup */
	MODE_RUN,			/* exec at once; dies with rt (foreground) */
	MODE_DETACH,			/* exec at once; outlives rt (run -d) */
	MODE_CREATE,			/* wait on exec.fifo for start, then exec */
};

/*
 * One create, run or exec, from its cmd_* through the clone to the child's
 * execve: what the functions of sections 13-17 on that path share.  The
 * cmd_* fills the first block from its flags; the rest is set on the way,
 * each in one function and read in the others named.
 */
struct run {
	enum mode mode;
	bool exec;			/* rt exec: entering a running container */
	bool no_pivot, no_new_keyring;	/* --no-pivot, --no-new-keyring */
	int preserve_fds;		/* --preserve-fds */
	const char *bundle;		/* --bundle, or NULL: the cwd */
	const char *pid_file;		/* --pid-file, absolute, or NULL */
	const char *console_socket;	/* --console-socket, absolute, or NULL */
	const char *pidfd_socket;	/* --pidfd-socket, absolute, or NULL */
	int pidfd_sock;			/* ... connected, or -1 */
	bool cg_off;			/* --cgroup-manager disabled */
	bool cg_rootless;		/* runc's --rootless: true, or auto
					   without root, ignore a cgroup rt
					   may not write (only when the config
					   needs none of its limits) */

	pid_t pid;			/* the child, on the host; 0 once reaped */
	int cg_fd;			/* the cgroup it is cloned into, or -1 */
	const char *cg_dir;		/* its path, for the "cgroup" mount */
	bool clone3_ok;			/* ctr_clone: cloned into its cgroup */
	bool need_go;			/* the child waits for MSG_GO (ctr_go) */
	pid_t hook_pid;			/* the init's pid on the host (hooks) */
	int fifo_fd;			/* create: exec.fifo, O_PATH */
	int fifo_procfd;		/* the host's /proc/self/fd, for it */
	int nsfd[8], nsflag[8], nns;	/* exec: the namespaces to join */
	int rootfd;			/* exec: the container's root */
	dev_t rt_dev;			/* rt's binary, stat'ed by ctr_spawn */
	ino_t rt_ino;
	struct stat exe_st;		/* the executable, as child_find_exec
					   found it, for child_not_rt */
};
/* rt exec's run: never without CONFIG_EXEC, so that its paths leave too */
#define RUN_EXEC(r) (CONFIG_EXEC && (r)->exec)
#define RUN_INIT { .cg_fd = -1, .cg_dir = "", .fifo_fd = -1, \
		   .fifo_procfd = -1, .rootfd = -1, .pidfd_sock = -1 }

struct self {				/* rt's /proc/self/status */
	bool read;			/* false: all below unknown */
	uid_t uid;			/* real; (uid_t)-1 if unknown */
	gid_t egid;			/* effective; (gid_t)-1 if unknown */
	uint64_t sigign;		/* SigIgn: ignored signals, bit sig-1 */
};

/*
 * ==== 6. globals ==========================================================
 */
enum { STAGE_PARENT, STAGE_CHILD };

/* The command line, set by section 20's opts[] and read only there (by
 * main, the cmd_* functions, the option table's own functions and
 * run_new, which turns create's, run's and exec's flags into a struct
 * run); every other function is given the values it needs. */
static const char *opt_root = "/run/rt";
static bool opt_root_set;		/* --root given */
static const char *opt_log;
static const char *opt_log_format = "text";
static bool opt_debug;
static const char *opt_cgroup_manager = "cgroupfs";	/* crun's option */
static bool opt_systemd_cgroup;		/* runc's: the same as the above */
static const char *opt_rootless_cg = "auto";	/* runc's global --rootless */
static bool opt_help, opt_version;
static const char *opt_bundle;
static const char *opt_pid_file;
static const char *opt_console_socket;
static const char *opt_pidfd_socket;
static bool opt_rootless, opt_detach, opt_keep, opt_no_subreaper;
static bool opt_no_pivot, opt_no_new_keyring;
static long opt_preserve_fds;
static const char *opt_format = "table";
static bool opt_quiet, opt_all, opt_force;
static const char *opt_process;
static bool opt_ignore_paused;
static struct exec_opts opt_exec;
static const char *opt_interval = "5s";
static bool opt_stats;
static struct upd_opts opt_upd;

/* What die() needs wherever it is called from (section 7). */
static uid_t rt_euid;			/* geteuid() once: rt never changes it */
static int stage = STAGE_PARENT;	/* die() in the child writes a record */
static int die_status = 1;		/* rt exec, like runc exec, says 255 */
static int syncfd = -1;			/* child's end of the sync socket: the
					   record goes there (struct run holds
					   the rest of what a run shares) */
static int logfd = -1;			/* --log, for die() and warn() */
static bool log_json;			/* --log-format json */
static bool log_debug;			/* --debug: debug() prints */
static struct undo undos[MAX_UNDO];	/* the undo list, run by die() */
static int nundo;

/* State one command keeps for its one container, shared by the functions
 * of one section (the section in brackets); global since a command
 * handles one container, and the big ones for size. */
static struct self rt_self;		/* rt's /proc/self/status (8) */
static const char *st_root = "/run/rt";	/* --root or its default, set
					   by main (11, and rt list's 19) */
static char st_path[MAX_PATH];		/* the state directory (11) */
static int st_fd = -1;			/* its fd, flock()ed till exit (11) */
static unsigned st_made;		/* st_files this rt wrote, by bit,
					   for undo (11) */
static char cg_mnt[MAX_PATH];		/* the cgroup2 mount, "" if none,
					   found once (12) */
static struct sock_filter sc_prog[BPF_MAXINSNS];	/* linux.seccomp
					   compiled before clone (15) */
static int sc_len;			/* its instructions (15) */
static char sc_state[STATE_JSON_MAX];	/* SCMP_ACT_NOTIFY: the state JSON
					   for the agent, before clone (15) */
static int sc_sock = -1;		/* ... the child's connection to it */
static pid_t sc_pid;			/* ... the child's pid on the host */
static unsigned sc_flags;		/* its seccomp(2) flags (15) */
static int sc_mux_rows[2];		/* socketcall's and ipc's rows (15) */
static int cap_last = -1;		/* the kernel's highest capability,
					   read by the parent (16) */
static sigset_t orig_mask;		/* rt's mask before blocking (16, 18) */
static int lsm_fd = -1;			/* the exec label's /proc file, opened
					   before the mounts (16) */
static char hook_tmpl[STATE_JSON_MAX];	/* the hooks' state JSON, rendered
					   before clone (17) */
static pid_t hook_child;		/* a hook running now, for
					   setup_interrupted (17, 18) */
static struct termios saved_tty;	/* the user's terminal, put back by
					   the undo list (18) */
static bool tty_raw;			/* saved_tty needs putting back (18) */
static pid_t setup_pid;			/* rt, while the handler is set (18) */
static const char *list_ids[MAX_CONTAINERS];	/* rt list: qsort's
					   comparator takes no context (19) */
static int list_n;			/* entries in list_ids (19) */
static pid_t ps_pids[MAX_PIDS];		/* rt ps, CONFIG_MAX_PIDS (19) */
static int ps_npids;			/* entries in ps_pids (19) */

/* Static arrays inside functions (about 40) are static for size only:
 * rt's stack stays small (the child runs on a copy of it) and nothing
 * is allocated.  The five that are returned (user_name, mountinfo_read,
 * lc_strerror, abs_path, spec_text) are used by the caller before it
 * calls again, except abs_path's, which takes three buffers in turn for
 * the three paths a command makes absolute. */

/* The parsed input: global for size (MAX_CONFIG_SIZE and the tokens),
 * filled by sections 9-10 and read by every section after them.  Each
 * starts a page: used from its start, it costs the pages its use needs
 * and never one more for straddling a page boundary. */
#define PAGE_START __attribute__((aligned(4096)))
static struct spec spec PAGE_START;
static char cfgbuf[MAX_CONFIG_SIZE + 2] PAGE_START;	/* one byte more
							   tells N+1 */
static jsmntok_t toks[MAX_JSON_TOKENS] PAGE_START;
static int ntoks;
static const char *js_file = "config.json";	/* named in messages */
static char pool[MAX_CONFIG_SIZE] PAGE_START;	/* joined mount data strings */
static size_t npool;

/*
 * ==== 7. diagnostics ======================================================
 * die() prints one line, runs the undo list and exits 1.  In the child it
 * sends the line to the parent instead, which dies with it.
 */

/* Runs and forgets the undo list, newest first; keeps errno. */
static void
undo_all(void)
{
	int saved = errno;

	while (nundo > 0) {
		nundo--;
		undos[nundo].fn(undos[nundo].arg);
	}
	errno = saved;
}

/*
 * The time now in RFC 3339 UTC, with nanoseconds if asked (runc's "created"
 * field); civil date from days after Howard Hinnant's days_from_civil
 * inverse, which spares the binary strftime and the timezone code.
 */
static void
rfc3339(char *out, size_t n, bool nanos)	/* n >= 64 */
{
	struct timespec ts;
	long long days, secs, era, doe, yoe, doy, mp, y, m, d;

	clock_gettime(CLOCK_REALTIME, &ts);
	days = ts.tv_sec / 86400;
	secs = ts.tv_sec % 86400;
	days += 719468;
	era = days / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = yoe + era * 400 + (m <= 2);
	snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02d", (int)y % 10000,
		 (int)m % 100, (int)d % 100, (int)secs / 3600 % 100,
		 (int)secs / 60 % 60, (int)secs % 60);
	if (nanos && ts.tv_nsec) {	/* Go's RFC3339Nano: no trailing zeros */
		size_t len = 20 + 9;

		snprintf(out + 19, n - 19, ".%09d", (int)ts.tv_nsec % 1000000000);
		while (out[len - 1] == '0')
			len--;
		out[len] = 0;
	}
	strcat(out, "Z");
}

/* Success: the side effects stay (create, run -d). */
static void
undo_forget(void)
{
	nundo = 0;
}

/* JSON string body of s into out (at most n bytes with the NUL, n > 0);
 * false if it was cut there. */
static bool
json_escape(char *out, size_t n, const char *s)
{
	size_t o = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		size_t need = c == '"' || c == '\\' ? 2 : 1;

		if (c < 0x20)
			need = 6;
		if (o + need >= n)
			break;
		if (need == 6) {
			o += (size_t)snprintf(out + o, n - o, "\\u%04x", c);
		} else {
			if (need == 2)
				out[o++] = '\\';
			out[o++] = (char)c;
		}
	}
	out[o] = 0;
	return !*s;
}

/* --log: one line in logrus's text or JSON form, as engines parse it. */
static void
log_line(const char *level, const char *msg)
{
	char ts[64], esc[2 * ERRMSG_MAX];

	if (logfd < 0)
		return;
	rfc3339(ts, sizeof(ts), false);
	json_escape(esc, sizeof(esc), msg);
	if (CONFIG_LOG_JSON && log_json)
		dprintf(logfd, "{\"level\":\"%s\",\"msg\":\"%s\",\"time\":\"%s\"}\n",
			level, esc, ts);
	else
		dprintf(logfd, "time=\"%s\" level=%s msg=\"%s\"\n", ts, level, esc);
}

static _Noreturn void
vdie(int errnum, const char *fmt, va_list ap)
{
	struct errmsg m = { .kind = MSG_ERROR, .errnum = errnum };
	int n = vsnprintf(m.text, sizeof(m.text), fmt, ap);

	if (errnum && n >= 0 && (size_t)n < sizeof(m.text))
		snprintf(m.text + n, sizeof(m.text) - n, ": %s", strerror(errnum));
	if (stage == STAGE_CHILD) {
		if (send(syncfd, &m, sizeof(m), MSG_NOSIGNAL) < 0)
			dprintf(2, "rt: %s\n", m.text);	/* parent gone */
		_exit(1);
	}
	dprintf(2, "rt: %s\n", m.text);
	log_line("error", m.text);
	undo_all();
	exit(die_status);
}

static _Noreturn __attribute__((format(__printf__, 1, 2))) void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdie(0, fmt, ap);
}

static _Noreturn __attribute__((format(__printf__, 1, 2))) void
die_errno(const char *fmt, ...)
{
	int errnum = errno;
	va_list ap;

	va_start(ap, fmt);
	vdie(errnum, fmt, ap);
}

/* A side effect done, to be undone if rt dies.  The list never fills (a
 * command pushes each of 4 kinds once); if it did, this one is undone at
 * once and rt dies rather than forget it. */
static void
undo_push(void (*fn)(intptr_t), intptr_t arg)
{
	if (nundo == MAX_UNDO) {
		fn(arg);
		die("the undo list is full (%d entries)", MAX_UNDO);
	}
	undos[nundo++] = (struct undo){ fn, arg };
}

static __attribute__((format(__printf__, 1, 2))) void
warn(const char *fmt, ...)
{
	char text[ERRMSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	dprintf(2, "rt: warning: %s\n", text);
	log_line("warning", text);
}

static __attribute__((format(__printf__, 1, 2))) void
debug(const char *fmt, ...)
{
	char text[ERRMSG_MAX];
	va_list ap;

	if (!log_debug)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (logfd >= 0)
		log_line("debug", text);
	else
		dprintf(2, "rt: debug: %s\n", text);
}

/*
 * mount(2) says EINVAL for most things and ENOENT for a missing source or
 * target alike; name the usual cause instead (after bwrap's mount_strerror).
 */
static const char *
mount_strerror(int errnum)
{
	if (errnum == ENOSPC)
		return "too many mounts (kernel limit fs.mount-max)";
	return strerror(errnum);
}

/*
 * ==== 8. utilities ========================================================
 * Helpers used by every later section: limits in messages, bounded copies
 * and joins, whole-file reads and writes, atomic files.
 */

static int writeall(int fd, const void *buf, size_t len);

/* Where rt_fmt's output goes: a buffer (its length counted beyond it, as
 * snprintf's), or an fd or a FILE, in chunks of tmp. */
struct sink {
	char *buf;
	size_t cap, len, ntmp;
	int fd;
	FILE *f;
	char tmp[256];
};

static void
sink_flush(struct sink *s)
{
	if (s->fd >= 0)
		(void)!writeall(s->fd, s->tmp, s->ntmp);
	else if (s->f)
		fwrite(s->tmp, 1, s->ntmp, s->f);
	s->ntmp = 0;
}

static void
sink_put(struct sink *s, const char *p, size_t k)
{
	for (size_t i = 0; i < k; i++) {
		if (s->buf && s->len + i + 1 < s->cap)
			s->buf[s->len + i] = p[i];
		if (!s->buf) {
			if (s->ntmp == sizeof(s->tmp))
				sink_flush(s);
			s->tmp[s->ntmp++] = p[i];
		}
	}
	s->len += k;
}

static void
sink_pad(struct sink *s, char c, int k)
{
	for (; k > 0; k--)
		sink_put(s, &c, 1);
}

/* One integer conversion: v's digits in base, the sign, the precision's
 * and the width's zeros or spaces. */
static void
fmt_int(struct sink *s, unsigned long long v, bool neg, int base, bool upper,
	int width, int prec, bool left, bool zero)
{
	char d[24];
	int k = 0, len;

	do {
		d[sizeof(d) - ++k] = (upper ? "0123456789ABCDEF" :
				      "0123456789abcdef")[v % (unsigned)base];
		v /= (unsigned)base;
	} while (v);
	if (prec == 0 && k == 1 && d[sizeof(d) - 1] == '0')
		k = 0;			/* "%.0d" of 0 is nothing */
	len = (prec > k ? prec : k) + neg;
	if (!left && !(zero && prec < 0))
		sink_pad(s, ' ', width - len);
	if (neg)
		sink_put(s, "-", 1);
	if (!left && zero && prec < 0)
		sink_pad(s, '0', width - len);
	sink_pad(s, '0', prec - k);
	sink_put(s, d + sizeof(d) - k, (size_t)k);
	if (left)
		sink_pad(s, ' ', width - len);
}

/* An integer argument of the length modifier (0 none, 1 l, 2 ll, -1 h,
 * -2 hh, 3 z/j/t), signed or not, as its magnitude and sign. */
static unsigned long long
fmt_arg(va_list *ap, int len, bool sign, bool *neg)
{
	long long v;

	*neg = false;
	if (!sign) {
		unsigned long long u = len == 2 ? va_arg(*ap, unsigned long long) :
				       len == 1 || len == 3 ?
				       va_arg(*ap, unsigned long) :
				       va_arg(*ap, unsigned);

		return len == -1 ? (unsigned short)u : len == -2 ?
		       (unsigned char)u : u;
	}
	v = len == 2 ? va_arg(*ap, long long) : len == 1 || len == 3 ?
	    va_arg(*ap, long) : va_arg(*ap, int);
	if (len == -1)
		v = (short)v;
	else if (len == -2)
		v = (signed char)v;
	*neg = v < 0;
	return *neg ? -(unsigned long long)v : (unsigned long long)v;
}

static void
rt_fmt(struct sink *s, const char *fmt, va_list ap)
{
	va_list a;

	va_copy(a, ap);
	while (*fmt) {
		size_t lit = strcspn(fmt, "%");
		int width = 0, prec = -1, len = 0;
		bool left = false, zero = false, neg = false;
		unsigned long long v;
		const char *start;
		char c;

		sink_put(s, fmt, lit);
		if (!*(fmt += lit))
			break;
		start = fmt++;
		for (; *fmt == '-' || *fmt == '0'; fmt++)
			*fmt == '-' ? (left = true) : (zero = true);
		if (*fmt == '*' && fmt++) {
			if ((width = va_arg(a, int)) < 0)
				left = true, width = -width;
		}
		for (; isdigit((unsigned char)*fmt); fmt++)
			width = width * 10 + (*fmt - '0');
		if (*fmt == '.' && fmt++) {
			prec = 0;
			if (*fmt == '*' && fmt++)
				prec = va_arg(a, int);
			for (; isdigit((unsigned char)*fmt); fmt++)
				prec = prec * 10 + (*fmt - '0');
		}
		for (; *fmt == 'l' || *fmt == 'h'; fmt++)
			len += *fmt == 'l' ? 1 : -1;
		if (*fmt == 'z' || *fmt == 'j' || *fmt == 't')
			len = 3, fmt++;
		switch ((c = *fmt ? *fmt++ : 0)) {
		case 'd': case 'i':
			v = fmt_arg(&a, len, true, &neg);
			fmt_int(s, v, neg, 10, false, width, prec, left, zero);
			break;
		case 'u': case 'x': case 'X': case 'o':
			v = fmt_arg(&a, len, false, &neg);
			fmt_int(s, v, false, c == 'u' ? 10 : c == 'o' ? 8 : 16,
				c == 'X', width, prec, left, zero);
			break;
		case 'p':
			sink_put(s, "0x", 2);
			fmt_int(s, (uintptr_t)va_arg(a, void *), false, 16, false,
				0, -1, false, false);
			break;
		case 'c': case 's': {
			char ch = c == 'c' ? (char)va_arg(a, int) : 0;
			const char *str = c == 'c' ? &ch : va_arg(a, const char *);
			size_t n = c == 'c' ? 1 : strnlen(str ? str : "(null)",
					prec < 0 ? SIZE_MAX : (size_t)prec);

			if (!str)
				str = "(null)";
			if (!left)
				sink_pad(s, ' ', width - (int)n);
			sink_put(s, str, n);
			if (left)
				sink_pad(s, ' ', width - (int)n);
			break;
		}
		case '%':
			sink_put(s, "%", 1);
			break;
		default:		/* not rt's: as written */
			sink_put(s, start, (size_t)(fmt - start));
		}
	}
	va_end(a);
}

static int
rt_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
	struct sink s = { .buf = buf, .cap = n, .fd = -1 };

	rt_fmt(&s, fmt, ap);
	if (n)
		buf[s.len < n ? s.len : n - 1] = 0;
	return s.len > INT_MAX ? -1 : (int)s.len;
}

static int
rt_snprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = rt_vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	return r;
}

/* dprintf's and printf's: to fd, or to the FILE f when fd is -1. */
static int
sink_vprintf(int fd, FILE *f, const char *fmt, va_list ap)
{
	struct sink s = { .fd = fd, .f = f };

	rt_fmt(&s, fmt, ap);
	sink_flush(&s);
	return (int)s.len;
}

static int
rt_dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sink_vprintf(fd, NULL, fmt, ap);
	va_end(ap);
	return r;
}

static int
rt_printf(const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sink_vprintf(-1, stdout, fmt, ap);
	va_end(ap);
	return r;
}

/* A limit as two arguments, its value and its Kconfig symbol's name, from
 * one token: LIMIT(MAX_ARGS) is CONFIG_MAX_ARGS, "CONFIG_MAX_ARGS", so the
 * name in a message cannot be mistyped (a misspelt one does not compile).
 * LIMIT_NAME is the name alone, where a message shows no value or a
 * derived one (MAX_PATH - 1). */
#define LIMIT(SYM) CONFIG_##SYM, "CONFIG_" #SYM
#define LIMIT_NAME(SYM) ((void)CONFIG_##SYM, "CONFIG_" #SYM)

/* The rows of a table: one form, so no length is written by hand. */
#define ARRAY_LEN(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void
check_limit(const char *what, long n, long max, const char *sym)
{
	if (n > max)
		die("%s: %s: %ld entries, limit is %ld (raise %s)", js_file,
		    what, n, max, sym);
}

/* snprintf that dies instead of truncating. */
static __attribute__((format(__printf__, 3, 4))) void
xsnprintf(char *buf, size_t n, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, n, fmt, ap);
	va_end(ap);
	if (r < 0 || (size_t)r >= n)
		die("path too long: %.64s... (raise %s)", buf,
		    LIMIT_NAME(MAX_PATH));
}

/* Appends to a bounded buffer; a full buffer stays full (callers size it). */
static __attribute__((format(__printf__, 3, 4))) void
buf_add(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

/* Every open in rt is openat(AT_FDCWD, ...): musl's open() follows an
 * O_CLOEXEC open with fcntl(F_SETFD) for kernels before 2.6.23, its
 * openat() does not. */
static int
xopen(const char *path, int flags, mode_t mode)
{
	int fd = openat(AT_FDCWD, path, flags | O_CLOEXEC, mode);

	if (fd < 0)
		die_errno("open %s", path);
	return fd;
}

static int
writeall(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Reads at most n-1 bytes of a file, NUL-terminated; -1 with errno.  once:
 * a /proc file the kernel makes whole at the first read (a single_open
 * seq file such as status, stat, cgroup or comm; a sysctl), so that one
 * read(2) does, without a second one for EOF.  Not for files of many
 * records, such as mountinfo, which come a page at a time.
 */
static ssize_t
readpath(const char *path, char *buf, size_t n, bool once)
{
	int fd = openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
	ssize_t len, total = 0;

	if (fd < 0)
		return -1;
	while ((size_t)total < n - 1 &&
	       (len = read(fd, buf + total, n - 1 - (size_t)total)) != 0) {
		if (len < 0 && errno == EINTR)
			continue;
		if (len < 0) {
			total = -1;
			break;
		}
		total += len;
		if (once)
			break;
	}
	close(fd);
	if (total >= 0)
		buf[total] = 0;
	return total;
}

static ssize_t
readfile(const char *path, char *buf, size_t n)
{
	return readpath(path, buf, n, false);
}

static ssize_t
readproc(const char *path, char *buf, size_t n)
{
	return readpath(path, buf, n, true);
}

/*
 * rt's real uid, effective gid and ignored signals, from one read of
 * /proc/self/status, by the parent before clone (the child has the
 * copy).  A number that cannot be read is all ones: no such id, and
 * every signal to be reset; so is all of it without a self_read.
 */
static void
self_read(void)
{
	static const char *const key[] = { "\nUid:", "\nGid:", "\nSigIgn:" };
	unsigned long long v[3];
	char buf[4096], *end;

	buf[0] = 0;
	readproc("/proc/self/status", buf, sizeof(buf));
	for (int k = 0; k < 3; k++) {
		char *p = strstr(buf, key[k]);

		v[k] = ~0ULL;
		if (!p)
			continue;
		p += strlen(key[k]);
		if (k == 1)		/* Gid: real, then effective */
			strtoull(p, &p, 10);
		v[k] = strtoull(p, &end, k == 2 ? 16 : 10);
		if (end == p)
			v[k] = ~0ULL;
	}
	rt_self.read = true;
	rt_self.uid = (uid_t)v[0];
	rt_self.egid = (gid_t)v[1];
	rt_self.sigign = v[2];
}

struct dirscan {			/* getdents64, without opendir's malloc */
	int fd;
	long n, off;
	_Alignas(8) char buf[4096];
};

struct dent64 {				/* linux_dirent64 */
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

static bool
dir_open(struct dirscan *d, const char *path)
{
	d->n = d->off = 0;
	d->fd = openat(AT_FDCWD, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return d->fd >= 0;
}

/* The next entry's name, or NULL at the end, when the dir is closed. */
static const char *
dir_next(struct dirscan *d)
{
	struct dent64 *e;

	if (d->off >= d->n) {
		d->n = syscall(SYS_getdents64, d->fd, d->buf, sizeof(d->buf));
		d->off = 0;
		if (d->n <= 0) {
			close(d->fd);
			d->fd = -1;
			return NULL;
		}
	}
	e = (struct dent64 *)(void *)(d->buf + d->off);
	d->off += e->reclen;
	return e->name;
}

/* Writes a whole small file; -1 with errno. */
static int
writefile(const char *path, const char *s, int flags, mode_t mode)
{
	int fd = openat(AT_FDCWD, path, O_WRONLY | O_CLOEXEC | flags, mode);
	int r;

	if (fd < 0)
		return -1;
	r = writeall(fd, s, strlen(s));
	if (close(fd) < 0)
		r = -1;
	return r;
}

/* Replaces the first `from` in buf (of size bytes) by `to`. */
static void
str_replace(char *buf, size_t size, const char *from, const char *to)
{
	char *p = strstr(buf, from);
	size_t fl = strlen(from), tl = strlen(to), len = strlen(buf);

	if (!p || len - fl + tl >= size)
		return;
	memmove(p + tl, p + fl, len - (size_t)(p - buf) - fl + 1);
	memcpy(p, to, tl);
}

/*
 * A tmp file plus rename, so readers see the old or the new file whole.
 * The tmp file's name is unpredictable and it is made new, never through
 * a symlink (O_EXCL | O_NOFOLLOW): a symlink planted beside a --pid-file
 * in a directory others can write cannot send the write elsewhere; the
 * rename replaces a symlink at path itself, never following it.
 */
static void
xwrite_atomic(const char *path, const char *s)
{
	char tmp[MAX_PATH];
	uint64_t r = 0;

	if (syscall(SYS_getrandom, &r, sizeof(r), 0) != (long)sizeof(r)) {
		struct timespec ts;	/* no getrandom (Linux < 3.17) */

		clock_gettime(CLOCK_MONOTONIC, &ts);
		r = (uint64_t)ts.tv_nsec << 20 ^ (uint64_t)getpid();
	}
	xsnprintf(tmp, sizeof(tmp), "%s.%016llx.tmp", path,
		  (unsigned long long)r);
	if (writefile(tmp, s, O_CREAT | O_EXCL | O_NOFOLLOW, 0644) < 0) {
		int e = errno;

		unlink(tmp);
		errno = e;
		die_errno("write %s", tmp);
	}
	if (rename(tmp, path) < 0) {
		unlink(tmp);
		die_errno("rename %s", path);
	}
}

/*
 * Field f (0 name, 5 home) of uid's line in /etc/passwd, or NULL.  Read
 * into the free end of the pool: callers use it before anything else is
 * added there (the child after the spec, list before any spec).
 */
static const char *
passwd_field(uid_t uid, int f)
{
	char *buf = pool + npool, *line, *next, *fld[7];

	if (readfile("/etc/passwd", buf, sizeof(pool) - npool) < 0)
		return NULL;
	for (line = buf; *line; line = next) {
		int n = 0;

		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = 0;
		for (char *p = line; n < 7; p++) {	/* name:pw:uid:gid:gecos:dir:shell */
			fld[n++] = p;
			p += strcspn(p, ":");
			if (!*p)
				break;
			*p = 0;
		}
		if (n == 7 && *fld[2] && strtoul(fld[2], NULL, 10) == uid)
			return fld[f];
	}
	return NULL;
}

/* Copies s into the pool (for mount data); dies past the pool. */
static char *
pool_add(const char *s, size_t len)
{
	char *p = pool + npool;

	if (npool + len + 1 > sizeof(pool))
		die("%s: too much mount data (raise %s)", js_file,
		    LIMIT_NAME(MAX_CONFIG_SIZE));
	memcpy(p, s, len);
	p[len] = 0;
	npool += len + 1;
	return p;
}

/* A UID or GID in decimal, 0 to 2^32 - 2 (-1 means "unchanged" to the
 * kernel); returns what follows it, NULL if s starts with no digit or the
 * number is too big. */
static const char *
id_parse(const char *s, unsigned *v)
{
	unsigned long long n = 0;
	const char *d = s;

	for (; *d >= '0' && *d <= '9'; d++)
		if ((n = n * 10 + (unsigned)(*d - '0')) > UINT32_MAX - 1)
			return NULL;
	*v = (unsigned)n;
	return d == s ? NULL : d;
}

/*
 * ==== 9. json =============================================================
 * jsmn glue.  The file is read once into cfgbuf and parsed in place: each
 * string token is unescaped where it lies and NUL-terminated over its
 * closing quote, so the spec points into cfgbuf and copies nothing.
 * Paths in messages ("process.args[1]") are built by the callers.
 */
enum { JP_MAX = 192 };			/* a JSON path in a message */

/* Builds a JSON path for messages ("mounts[3].options[1]"); a cut-off
 * path in a message is harmless, so this does not check the length. */
static __attribute__((format(__printf__, 2, 3))) void
jp_make(char *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out, JP_MAX, fmt, ap);
	va_end(ap);
}

static int
js_skip(int i)
{
	int n = 1;

	while (n > 0 && i < ntoks) {
		if (toks[i].type == JSMN_OBJECT)
			n += 2 * toks[i].size;
		else if (toks[i].type == JSMN_ARRAY)
			n += toks[i].size;
		n--;
		i++;
	}
	return i;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	return (c | 0x20) - 'a' + 10;
}

static size_t
utf8_put(char *o, unsigned long cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* The 4 hex digits of a \\u escape at s, or -1 when s holds none. */
static long
js_u4(const char *s, const char *end)
{
	if (end - s < 6 || s[0] != '\\' || s[1] != 'u')
		return -1;
	return hexval(s[2]) << 12 | hexval(s[3]) << 8 | hexval(s[4]) << 4 |
	       hexval(s[5]);
}

/* Unescapes one string token in place; jsmn (strict) checked the syntax.
 * A surrogate pair is one code point; a lone or mismatched surrogate is
 * U+FFFD, as Go's encoding/json (runc) decodes it. */
static void
js_unescape(jsmntok_t *t)
{
	char *s = cfgbuf + t->start, *end = cfgbuf + t->end, *o = s;
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";

	while (s < end) {
		long cp, lo;

		if (*s != '\\') {
			*o++ = *s++;
			continue;
		}
		if (s[1] != 'u') {
			*o++ = to[strchr(from, s[1]) - from];
			s += 2;
			continue;
		}
		cp = js_u4(s, end);
		s += 6;
		if (cp >= 0xd800 && cp < 0xe000) {
			lo = js_u4(s, end);
			if (cp < 0xdc00 && lo >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				s += 6;
			} else {
				cp = 0xfffd;
			}
		}
		if (cp == 0)
			die("%s: string at byte %d holds a NUL", js_file, t->start);
		o += utf8_put(o, (unsigned long)cp);
	}
	*o = 0;
}

/* Reads and tokenizes config.json (or a process.json) into cfgbuf/toks. */
static void
js_load(const char *path, const char *name)
{
	jsmn_parser p;
	ssize_t len;
	int n;

	js_file = name;
	len = readfile(path, cfgbuf, sizeof(cfgbuf));
	if (len < 0)
		die_errno("%s", name);
	if (len > MAX_CONFIG_SIZE)
		die("%s: more than %d bytes (raise %s)",
		    name, LIMIT(MAX_CONFIG_SIZE));
	for (int pass = 0; pass < 2; pass++) {	/* count, then fill */
		jsmn_init(&p);
		n = jsmn_parse(&p, cfgbuf, (size_t)len, pass ? toks : NULL,
			       pass ? MAX_JSON_TOKENS : 0);
		if (n == JSMN_ERROR_INVAL)
			die("%s: invalid JSON at byte %u", name, p.pos);
		if (n == JSMN_ERROR_PART)	/* only the fill pass sees all */
			die("%s: truncated JSON", name);
		if (n > MAX_JSON_TOKENS)
			die("%s: %d JSON tokens, limit is %d (raise %s)",
			    name, n, LIMIT(MAX_JSON_TOKENS));
	}
	ntoks = n;
	if (ntoks < 1 || toks[0].type != JSMN_OBJECT)
		die("%s: expected a JSON object", name);
	for (int i = 0; i < ntoks; i++)
		if (toks[i].type == JSMN_STRING)
			js_unescape(&toks[i]);
}

static const char *
js_typename(int type)
{
	switch (type) {
	case JSMN_OBJECT: return "an object";
	case JSMN_ARRAY: return "an array";
	case JSMN_STRING: return "a string";
	default: return "a number";
	}
}

static void
js_expect(int i, int type, const char *jp)
{
	if ((int)toks[i].type != type)
		die("%s: %s: expected %s", js_file, jp, js_typename(type));
}

static bool
js_is(int i, const char *s)
{
	return toks[i].type == JSMN_STRING && !strcmp(cfgbuf + toks[i].start, s);
}

/* A primitive token that is exactly word: jsmn takes any primitive that
 * starts with t, f or n (tx, nul) for a literal. */
static bool
js_word(int i, const char *word)
{
	size_t len = (size_t)(toks[i].end - toks[i].start);

	return toks[i].type == JSMN_PRIMITIVE && len == strlen(word) &&
	       !memcmp(cfgbuf + toks[i].start, word, len);
}

static bool
js_null(int i)
{
	return js_word(i, "null");
}

static char *
js_str(int i, const char *jp)
{
	js_expect(i, JSMN_STRING, jp);
	return cfgbuf + toks[i].start;
}

/* A path string: checked against CONFIG_MAX_PATH. */
static char *
js_path(int i, const char *jp)
{
	char *s = js_str(i, jp);
	size_t len = strlen(s);

	if (len >= MAX_PATH)
		die("%s: %s: %zu bytes, limit is %d (raise %s)", js_file,
		    jp, len, MAX_PATH - 1, LIMIT_NAME(MAX_PATH));
	return s;
}

static bool
js_bool(int i, const char *jp)
{
	if (!js_word(i, "true") && !js_word(i, "false"))
		die("%s: %s: expected true or false", js_file, jp);
	return js_word(i, "true");
}

/* An integer in [lo, hi]; unsigned 64-bit values go through js_u64. */
static long long
js_int(int i, const char *jp, long long lo, long long hi)
{
	char num[32], *end;
	int len = toks[i].end - toks[i].start;
	long long v;

	if (toks[i].type != JSMN_PRIMITIVE || len >= (int)sizeof(num) ||
	    !strchr("-0123456789", cfgbuf[toks[i].start]))
		die("%s: %s: expected a number", js_file, jp);
	memcpy(num, cfgbuf + toks[i].start, (size_t)len);
	num[len] = 0;
	errno = 0;
	v = strtoll(num, &end, 10);
	if (*end || errno || v < lo || v > hi)
		die("%s: %s: %s is not an integer in %lld..%lld", js_file,
		    jp, num, lo, hi);
	return v;
}

static unsigned long long
js_u64(int i, const char *jp)
{
	char num[32], *end;
	int len = toks[i].end - toks[i].start;
	unsigned long long v;

	if (toks[i].type != JSMN_PRIMITIVE || len >= (int)sizeof(num) ||
	    !isdigit((unsigned char)cfgbuf[toks[i].start]))
		die("%s: %s: expected a number", js_file, jp);
	memcpy(num, cfgbuf + toks[i].start, (size_t)len);
	num[len] = 0;
	errno = 0;
	v = strtoull(num, &end, 10);
	if (*end || errno)
		die("%s: %s: %s is not a 64-bit unsigned integer", js_file, jp, num);
	return v;
}

/* Iterates the members of object i: k is the key token, k+1 the value. */
#define JS_EACH_MEMBER(i, k, n) \
	for (k = (i) + 1, n = toks[i].size; n > 0; k = js_skip(k + 1), n--)
/* Iterates the elements of array i: e is the element token, x its index. */
#define JS_EACH_ELEM(i, e, x) \
	for (e = (i) + 1, x = 0; x < toks[i].size; e = js_skip(e), x++)

/*
 * ==== 10. spec ============================================================
 * config.json -> struct spec, in the order of the OCI runtime spec
 * (config.md, config-linux.md).  Unknown members are ignored, as the spec
 * requires; members rt knows but does not apply yet are rejected when they
 * ask for something, never silently dropped.
 */
static const char *const cap_names[] = {
	"CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL",
	"SETGID", "SETUID", "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE",
	"NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
	"SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT",
	"SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME",
	"SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL",
	"SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM",
	"BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF", "CHECKPOINT_RESTORE",
};
#define NCAPS ARRAY_LEN(cap_names)
static const char *const rlimit_names[] = {
	"CPU", "FSIZE", "DATA", "STACK", "CORE", "RSS", "NPROC", "NOFILE",
	"MEMLOCK", "AS", "LOCKS", "SIGPENDING", "MSGQUEUE", "NICE", "RTPRIO",
	"RTTIME",
};

static const struct {
	const char *name;
	int flag;
} ns_types[] = {
	{ "pid", CLONE_NEWPID }, { "network", CLONE_NEWNET },
	{ "mount", CLONE_NEWNS }, { "ipc", CLONE_NEWIPC },
	{ "uts", CLONE_NEWUTS }, { "user", CLONE_NEWUSER },
	{ "cgroup", CLONE_NEWCGROUP }, { "time", CLONE_NEWTIME },
};

/*
 * Mount option words: runtime-spec config.md's table (mount(8)'s words and
 * the recursive forms) and runc's extensions; others go to the data
 * string.  MO_SB flags are the filesystem's (a bind remount cannot change
 * them, so a bind refuses them); MO_REC ones are mount_setattr(2)
 * attributes for the mount and every mount below it.  An MO_ATIME word,
 * set or cleared, also clears MOUNT_ATTR__ATIME, since the kernel takes
 * the atime mode only whole (mount_setattr(2)), as runc does: a mode
 * replaces the one before it, and ratime or rnostrictatime alone leave
 * relatime, the kernel's default.
 */
enum { MO_FLAG, MO_SB, MO_PROP, MO_REC, MO_ATIME, MO_COPYUP, MO_IDMAP };
static const struct mntopt {
	const char *name;
	unsigned long set, clear;
	unsigned char kind;
} mntopts[] = {
	{ "defaults", 0, 0, MO_FLAG },	{ "ro", MS_RDONLY, 0, MO_FLAG },
	{ "rw", 0, MS_RDONLY, MO_FLAG }, { "nosuid", MS_NOSUID, 0, MO_FLAG },
	{ "suid", 0, MS_NOSUID, MO_FLAG }, { "nodev", MS_NODEV, 0, MO_FLAG },
	{ "dev", 0, MS_NODEV, MO_FLAG }, { "noexec", MS_NOEXEC, 0, MO_FLAG },
	{ "exec", 0, MS_NOEXEC, MO_FLAG }, { "sync", MS_SYNCHRONOUS, 0, MO_SB },
	{ "async", 0, MS_SYNCHRONOUS, MO_FLAG },
	{ "dirsync", MS_DIRSYNC, 0, MO_SB },
	{ "remount", MS_REMOUNT, 0, MO_FLAG }, { "mand", MS_MANDLOCK, 0, MO_SB },
	{ "nomand", 0, MS_MANDLOCK, MO_FLAG },
	{ "atime", 0, MS_NOATIME, MO_FLAG }, { "noatime", MS_NOATIME, 0, MO_FLAG },
	{ "diratime", 0, MS_NODIRATIME, MO_FLAG },
	{ "nodiratime", MS_NODIRATIME, 0, MO_FLAG },
	{ "relatime", MS_RELATIME, 0, MO_FLAG },
	{ "norelatime", 0, MS_RELATIME, MO_FLAG },
	{ "strictatime", MS_STRICTATIME, 0, MO_FLAG },
	{ "nostrictatime", 0, MS_STRICTATIME, MO_FLAG },
	{ "lazytime", MS_LAZYTIME, 0, MO_SB },
	{ "nolazytime", 0, MS_LAZYTIME, MO_FLAG },
	{ "iversion", MS_I_VERSION, 0, MO_SB },
	{ "noiversion", 0, MS_I_VERSION, MO_FLAG },
	{ "silent", MS_SILENT, 0, MO_SB }, { "loud", 0, MS_SILENT, MO_FLAG },
	{ "nosymfollow", MS_NOSYMFOLLOW, 0, MO_FLAG },
	{ "symfollow", 0, MS_NOSYMFOLLOW, MO_FLAG },
	{ "bind", MS_BIND, 0, MO_FLAG }, { "rbind", MS_BIND | MS_REC, 0, MO_FLAG },
	{ "private", MS_PRIVATE, 0, MO_PROP },
	{ "rprivate", MS_PRIVATE | MS_REC, 0, MO_PROP },
	{ "shared", MS_SHARED, 0, MO_PROP },
	{ "rshared", MS_SHARED | MS_REC, 0, MO_PROP },
	{ "slave", MS_SLAVE, 0, MO_PROP },
	{ "rslave", MS_SLAVE | MS_REC, 0, MO_PROP },
	{ "unbindable", MS_UNBINDABLE, 0, MO_PROP },
	{ "runbindable", MS_UNBINDABLE | MS_REC, 0, MO_PROP },
	{ "rro", MOUNT_ATTR_RDONLY, 0, MO_REC },
	{ "rrw", 0, MOUNT_ATTR_RDONLY, MO_REC },
	{ "rnosuid", MOUNT_ATTR_NOSUID, 0, MO_REC },
	{ "rsuid", 0, MOUNT_ATTR_NOSUID, MO_REC },
	{ "rnodev", MOUNT_ATTR_NODEV, 0, MO_REC },
	{ "rdev", 0, MOUNT_ATTR_NODEV, MO_REC },
	{ "rnoexec", MOUNT_ATTR_NOEXEC, 0, MO_REC },
	{ "rexec", 0, MOUNT_ATTR_NOEXEC, MO_REC },
	{ "rnodiratime", MOUNT_ATTR_NODIRATIME, 0, MO_REC },
	{ "rdiratime", 0, MOUNT_ATTR_NODIRATIME, MO_REC },
	{ "rrelatime", MOUNT_ATTR_RELATIME, MOUNT_ATTR__ATIME, MO_ATIME },
	{ "rnorelatime", 0, MOUNT_ATTR_RELATIME, MO_ATIME },
	{ "rnoatime", MOUNT_ATTR_NOATIME, MOUNT_ATTR__ATIME, MO_ATIME },
	{ "ratime", 0, MOUNT_ATTR_NOATIME, MO_ATIME },
	{ "rstrictatime", MOUNT_ATTR_STRICTATIME, MOUNT_ATTR__ATIME, MO_ATIME },
	{ "rnostrictatime", 0, MOUNT_ATTR_STRICTATIME, MO_ATIME },
	{ "rnosymfollow", MOUNT_ATTR_NOSYMFOLLOW, 0, MO_REC },
	{ "rsymfollow", 0, MOUNT_ATTR_NOSYMFOLLOW, MO_REC },
	{ "tmpcopyup", 0, 0, MO_COPYUP },
	{ "idmap", 1, 0, MO_IDMAP },	{ "ridmap", 2, 0, MO_IDMAP },
};
#define NMNTOPTS ARRAY_LEN(mntopts)

/*
 * A JSON object as a table: one row per member rt knows, walked by
 * spec_object, which builds each member's path once and dies naming it.
 * Members without a row are ignored, as the spec requires; a member known
 * and deliberately not applied has an MK_IGNORED row, one refused unless
 * it asks for nothing an MK_UNSUPPORTED row, and one whose feature is
 * compiled out an MK_OFF row naming its Kconfig symbol (M_FN_IF ...).
 * off and size place the value in the caller's struct (the base); fn is
 * for members with real logic, given the member's token, path and base +
 * off.  Every table is at file scope, so that tests/unit.c walks them all
 * and checks every row.
 */
enum mkind {
	MK_BOOL,			/* true or false */
	MK_INT,				/* an integer in lo..hi */
	MK_U64,				/* an unsigned 64-bit integer */
	MK_STR,				/* a string, kept in place */
	MK_PATH,			/* a string within CONFIG_MAX_PATH */
	MK_ENUM,			/* a string of tab, stored as its index */
	MK_TOKEN,			/* its token, of type lo (0: any), for later */
	MK_OBJ,				/* an object of rows tab at base + off */
	MK_ARRAY,			/* elements of kind elem, count at cnt */
	MK_FN,				/* fn(token, path, base + off) */
	MK_IGNORED,			/* known, deliberately not applied */
	MK_UNSUPPORTED,			/* refused unless it asks for nothing */
	MK_OFF,				/* the same, naming the symbol, what */
	NMKINDS
};

enum {
	MF_REQ = 1,			/* "<object>.<name>: missing" */
	MF_NULL = 2,			/* null is as if it were absent */
};
#define REQUIRED .flags = MF_REQ
#define OR_NULL .flags = MF_NULL

/* The limits MK_ARRAY rows check: a row names one (MAX_ARGS) and stores
 * its index, and the value and the symbol for the message come from here. */
enum limit_id {
	L_MAX_ARGS, L_MAX_ENV, L_MAX_RLIMITS, L_MAX_MOUNTS, L_MAX_NAMESPACES,
	L_MAX_DEVICES, L_MAX_MASKED_PATHS, L_MAX_RESOURCE_ENTRIES,
	L_MAX_DEVICE_RULES, L_MAX_ID_MAPPINGS, L_MAX_HOOKS, NROW_LIMITS
};
static const struct row_limit {
	int max;
	const char *sym;
} row_limits[] = {
	[L_MAX_ARGS] = { LIMIT(MAX_ARGS) },
	[L_MAX_ENV] = { LIMIT(MAX_ENV) },
	[L_MAX_RLIMITS] = { LIMIT(MAX_RLIMITS) },
	[L_MAX_MOUNTS] = { LIMIT(MAX_MOUNTS) },
	[L_MAX_NAMESPACES] = { LIMIT(MAX_NAMESPACES) },
	[L_MAX_DEVICES] = { LIMIT(MAX_DEVICES) },
	[L_MAX_MASKED_PATHS] = { LIMIT(MAX_MASKED_PATHS) },
	[L_MAX_RESOURCE_ENTRIES] = { LIMIT(MAX_RESOURCE_ENTRIES) },
	[L_MAX_DEVICE_RULES] = { LIMIT(MAX_DEVICE_RULES) },
	[L_MAX_ID_MAPPINGS] = { LIMIT(MAX_ID_MAPPINGS) },
	[L_MAX_HOOKS] = { LIMIT(MAX_HOOKS) },
};
_Static_assert(ARRAY_LEN(row_limits) == NROW_LIMITS, "a value per limit");

/*
 * A row is 32 bytes on 64-bit targets (issue 14): no kind uses both tab
 * and fn, MK_INT's lo and hi share space with what other kinds use, and
 * an MK_ARRAY's limit is an index into row_limits.
 */
struct member {
	const char *name;
	union {				/* by kind, and an MK_ARRAY's by elem */
		const void *tab;	/* MK_OBJ's rows, MK_ENUM's names */
		void (*fn)(int v, const char *jp, void *dst);	/* MK_FN */
		long long lo;		/* MK_INT's range; MK_TOKEN's type */
	};
	unsigned off;			/* in the base: the destination */
	unsigned short size;		/* of the destination or an element */
	unsigned char kind : 4;		/* enum mkind */
	unsigned char flags : 4;	/* MF_* */
	unsigned char ntab;		/* rows or names in tab */
	union {
		long long hi;		/* MK_INT's range */
		const char *what;	/* MK_ENUM: "unknown <what>" */
		struct {		/* MK_ARRAY */
			unsigned cnt;	/* in the base: the count */
			unsigned char elem;	/* the elements' kind */
			unsigned char lim;	/* enum limit_id */
		};
	};
};
_Static_assert(NMKINDS <= 16, "a kind fits its 4 bits");
_Static_assert(sizeof(struct member) <= 32, "a row is 32 bytes at most");

/* v, once the build checked that it fits a row's field of type T */
#define M_FIT(v, T) (0 * sizeof(struct { \
	_Static_assert((v) == (T)(v), #v " fits its field in struct member"); \
	int x; }) + (T)(v))
#define M_ROW(n, k) .name = n, .kind = k
#define M_OFF(T, f) .off = M_FIT(offsetof(T, f), unsigned)
#define M_AT(T, f) M_OFF(T, f), \
	.size = M_FIT(sizeof(((T *)0)->f), unsigned short)
#define M_ELEMS(T, f, nf, l) M_OFF(T, f), \
	.size = M_FIT(sizeof(((T *)0)->f[0]), unsigned short), \
	.cnt = M_FIT(offsetof(T, nf), unsigned), .lim = L_##l
#define M_TAB(t) .tab = t, .ntab = M_FIT(ARRAY_LEN(t), unsigned char)
#define M_BOOL(n, T, f, ...) { M_ROW(n, MK_BOOL), M_AT(T, f), __VA_ARGS__ }
#define M_INT(n, T, f, l, h, ...) \
	{ M_ROW(n, MK_INT), M_AT(T, f), .lo = l, .hi = h, __VA_ARGS__ }
#define M_U64(n, T, f, ...) { M_ROW(n, MK_U64), M_AT(T, f), __VA_ARGS__ }
#define M_STR(n, T, f, ...) { M_ROW(n, MK_STR), M_AT(T, f), __VA_ARGS__ }
#define M_PATH(n, T, f, ...) { M_ROW(n, MK_PATH), M_AT(T, f), __VA_ARGS__ }
/* names[x] is stored as x; w names it in "unknown <w>" */
#define M_ENUM(n, T, f, names, w, ...) \
	{ M_ROW(n, MK_ENUM), M_AT(T, f), M_TAB(names), .what = w, __VA_ARGS__ }
#define M_TOKEN(n, T, f, type, ...) \
	{ M_ROW(n, MK_TOKEN), M_AT(T, f), .lo = type, __VA_ARGS__ }
/* rows relative to the same base, or to the base's member f */
#define M_OBJ(n, rows, ...) { M_ROW(n, MK_OBJ), M_TAB(rows), __VA_ARGS__ }
#define M_OBJ_AT(n, T, f, rows, ...) \
	{ M_ROW(n, MK_OBJ), M_OFF(T, f), M_TAB(rows), __VA_ARGS__ }
/* arrays within the limit CONFIG_<lim> (one of row_limits) into f[],
 * their count into nf: of strings or paths (f[] ends with NULL), of
 * objects of rows, or of fun(element) */
#define M_STRS(n, T, f, nf, lim, ...) { M_ROW(n, MK_ARRAY), .elem = MK_STR, \
	M_ELEMS(T, f, nf, lim), __VA_ARGS__ }
#define M_PATHS(n, T, f, nf, lim, ...) { M_ROW(n, MK_ARRAY), \
	.elem = MK_PATH, M_ELEMS(T, f, nf, lim), __VA_ARGS__ }
#define M_OBJS(n, T, f, nf, lim, rows, ...) { M_ROW(n, MK_ARRAY), \
	.elem = MK_OBJ, M_ELEMS(T, f, nf, lim), M_TAB(rows), __VA_ARGS__ }
#define M_FNS(n, T, f, nf, lim, fun, ...) { M_ROW(n, MK_ARRAY), \
	.elem = MK_FN, M_ELEMS(T, f, nf, lim), .fn = fun, __VA_ARGS__ }
#define M_FN(n, fun, ...) { M_ROW(n, MK_FN), .fn = fun, __VA_ARGS__ }
#define M_FN_AT(n, T, f, fun, ...) \
	{ M_ROW(n, MK_FN), M_OFF(T, f), .fn = fun, __VA_ARGS__ }
#define M_IGNORED(n) { M_ROW(n, MK_IGNORED) }
#define M_UNSUPPORTED(n, ...) { M_ROW(n, MK_UNSUPPORTED), __VA_ARGS__ }
/* a row of feature SYM's: when SYM is compiled out an MK_OFF row, its fn
 * or tab folded to NULL, so that they leave the binary with the feature */
#define M_KIND_IF(SYM, n, k) M_ROW(n, CONFIG_##SYM ? k : MK_OFF), \
	.what = "CONFIG_" #SYM
#define M_FN_IF(SYM, n, fun, ...) { M_KIND_IF(SYM, n, MK_FN), \
	.fn = CONFIG_##SYM ? fun : NULL, __VA_ARGS__ }
#define M_FN_AT_IF(SYM, n, T, f, fun, ...) { M_KIND_IF(SYM, n, MK_FN), \
	M_OFF(T, f), .fn = CONFIG_##SYM ? fun : NULL, __VA_ARGS__ }
#define M_OBJ_IF(SYM, n, rows, ...) { M_KIND_IF(SYM, n, MK_OBJ), \
	.tab = CONFIG_##SYM ? rows : NULL, \
	.ntab = M_FIT(ARRAY_LEN(rows), unsigned char), __VA_ARGS__ }
#define M_OBJ_AT_IF(SYM, n, T, f, rows, ...) { M_KIND_IF(SYM, n, MK_OBJ), \
	M_OFF(T, f), .tab = CONFIG_##SYM ? rows : NULL, \
	.ntab = M_FIT(ARRAY_LEN(rows), unsigned char), __VA_ARGS__ }

/* Stores v in a destination of 1, 2, 4 or 8 bytes. */
static void
spec_store(void *dst, size_t size, long long v)
{
	uint8_t u8 = (uint8_t)v;
	uint16_t u16 = (uint16_t)v;
	uint32_t u32 = (uint32_t)v;
	const void *src = &v;

	if (size == 1)
		src = &u8;
	else if (size == 2)
		src = &u16;
	else if (size == 4)
		src = &u32;
	memcpy(dst, src, size);
}

/* A member's path: "jp.name", or "name" at the top of a file. */
static void
jp_member(char *kp, const char *jp, const char *name)
{
	jp_make(kp, "%s%s%s", jp, *jp ? "." : "", name);
}

/* Checks an array and its count against a limit; returns its size. */
static int
js_array(int i, const char *jp, long max, const char *sym)
{
	js_expect(i, JSMN_ARRAY, jp);
	check_limit(jp, toks[i].size, max, sym);
	return toks[i].size;
}

/* A name from a table of names; dies naming the JSON path otherwise. */
static int
spec_enum(int i, const char *jp, const char *const *names, int n,
	  const char *what)
{
	const char *v = js_str(i, jp);

	for (int x = 0; x < n; x++)
		if (names[x] && !strcmp(v, names[x]))
			return x;
	die("%s: %s: unknown %s \"%s\"", js_file, jp, what, v);
}

#define SPEC_ENUM(i, jp, tab, what) spec_enum(i, jp, tab, ARRAY_LEN(tab), what)

/* A member rt knows but does not apply yet, or whose feature (sym) is
 * compiled out: fine when it asks for nothing, "", [], {}, null or false. */
static void
spec_unsupported(int i, const char *jp, const char *sym)
{
	const jsmntok_t *t = &toks[i];

	if (js_null(i) || (t->type == JSMN_STRING && t->end == t->start) ||
	    ((t->type == JSMN_ARRAY || t->type == JSMN_OBJECT) && !t->size) ||
	    js_word(i, "false"))
		return;
	if (sym)
		die("%s: %s: not in this build (%s=n)", js_file, jp, sym);
	die("%s: %s: not supported yet", js_file, jp);
}

/* spec_object and an MK_ARRAY's elements call each other. */
static uint64_t spec_object(int i, const char *jp, const struct member *rows,
			    int nrows, void *base);

/* An MK_ARRAY: the count, then each element at dst + x * size. */
static void
spec_elems(const struct member *m, int v, const char *kp, char *base)
{
	char *dst = base + m->off, *el, ep[JP_MAX];
	int e, x, n = js_array(v, kp, row_limits[m->lim].max,
			       row_limits[m->lim].sym);

	*(int *)(base + m->cnt) = n;
	JS_EACH_ELEM(v, e, x) {
		el = dst + (size_t)x * m->size;
		jp_make(ep, "%s[%d]", kp, x);
		if (m->elem == MK_STR)
			*(char **)el = js_str(e, ep);
		else if (m->elem == MK_PATH)
			*(char **)el = js_path(e, ep);
		else if (m->elem == MK_OBJ)
			spec_object(e, ep, m->tab, m->ntab, el);
		else
			m->fn(e, ep, el);
	}
	if (m->elem == MK_STR || m->elem == MK_PATH)
		((char **)dst)[n] = NULL;
}

static void
spec_member(const struct member *m, int v, const char *kp, char *base)
{
	char *dst = base + m->off;

	switch (m->kind) {
	case MK_BOOL:
		*(bool *)dst = js_bool(v, kp);
		break;
	case MK_INT:
		spec_store(dst, m->size, js_int(v, kp, m->lo, m->hi));
		break;
	case MK_U64:
		spec_store(dst, m->size, (long long)js_u64(v, kp));
		break;
	case MK_STR:
		*(char **)dst = js_str(v, kp);
		break;
	case MK_PATH:
		*(char **)dst = js_path(v, kp);
		break;
	case MK_ENUM:
		spec_store(dst, m->size, spec_enum(v, kp, m->tab, m->ntab,
						   m->what));
		break;
	case MK_TOKEN:
		if (m->lo)
			js_expect(v, (int)m->lo, kp);
		spec_store(dst, m->size, v);
		break;
	case MK_OBJ:
		spec_object(v, kp, m->tab, m->ntab, dst);
		break;
	case MK_ARRAY:
		spec_elems(m, v, kp, base);
		break;
	case MK_FN:
		m->fn(v, kp, dst);
		break;
	case MK_UNSUPPORTED:
		spec_unsupported(v, kp, NULL);
		break;
	case MK_OFF:
		spec_unsupported(v, kp, m->what);
		break;
	}
}

/* Walks object i (path jp) by its rows; returns the rows seen, bit n
 * for rows[n], after checking the required ones. */
static uint64_t
spec_object(int i, const char *jp, const struct member *rows, int nrows,
	    void *base)
{
	uint64_t seen = 0;
	char kp[JP_MAX];
	int k, n, r;

	js_expect(i, JSMN_OBJECT, *jp ? jp : "(top level)");
	JS_EACH_MEMBER(i, k, n) {
		for (r = 0; r < nrows && !js_is(k, rows[r].name); r++)
			;
		if (r == nrows || ((rows[r].flags & MF_NULL) && js_null(k + 1)))
			continue;
		jp_member(kp, jp, rows[r].name);
		spec_member(&rows[r], k + 1, kp, base);
		seen |= 1ULL << r;
	}
	for (r = 0; r < nrows; r++)
		if ((rows[r].flags & MF_REQ) && !(seen & 1ULL << r))
			die("%s: %s%s%s: missing", js_file, jp, *jp ? "." : "",
			    rows[r].name);
	return seen;
}

#define SPEC_OBJECT(i, jp, rows, base) \
	spec_object(i, jp, rows, ARRAY_LEN(rows), base)

/* A capability set: unknown names are skipped with a warning (runc:
 * "ignoring unknown or unavailable"). */
static void
spec_capset(int i, const char *jp, void *dst)
{
	uint64_t mask = 0;
	int e, x, c;
	char ep[JP_MAX];

	js_expect(i, JSMN_ARRAY, jp);
	JS_EACH_ELEM(i, e, x) {
		const char *name;

		jp_make(ep, "%s[%d]", jp, x);
		name = js_str(e, ep);
		for (c = 0; c < NCAPS; c++)
			if (!strncmp(name, "CAP_", 4) && !strcmp(name + 4, cap_names[c]))
				break;
		if (c == NCAPS)
			warn("%s: %s: unknown capability \"%s\" ignored",
			     js_file, ep, name);
		else
			mask |= 1ULL << c;
	}
	*(uint64_t *)dst = mask;
}

static const struct member capset_rows[] = {	/* process.capabilities */
	M_FN_AT("bounding", struct proc, caps[CAP_BND], spec_capset),
	M_FN_AT("effective", struct proc, caps[CAP_EFF], spec_capset),
	M_FN_AT("inheritable", struct proc, caps[CAP_INH], spec_capset),
	M_FN_AT("permitted", struct proc, caps[CAP_PRM], spec_capset),
	M_FN_AT("ambient", struct proc, caps[CAP_AMB], spec_capset),
};

static void
spec_capabilities(int i, const char *jp, void *dst)
{
	struct proc *p = dst;

	p->has_caps = true;
	SPEC_OBJECT(i, jp, capset_rows, p);
}

static void
spec_rlimit_type(int i, const char *jp, void *dst)
{
	const char *t = js_str(i, jp);
	int x;

	for (x = 0; x < ARRAY_LEN(rlimit_names); x++)
		if (!strncmp(t, "RLIMIT_", 7) && !strcmp(t + 7, rlimit_names[x]))
			break;
	if (x == ARRAY_LEN(rlimit_names))
		die("%s: %s: unknown rlimit \"%s\"", js_file, jp, t);
	*(int *)dst = x;
}

static const struct member rlimit_rows[] = {	/* process.rlimits[] */
	M_FN_AT("type", struct rlim, res, spec_rlimit_type, REQUIRED),
	M_U64("soft", struct rlim, lim.rlim_cur),
	M_U64("hard", struct rlim, lim.rlim_max),
};

static void
spec_gids(int i, const char *jp, void *dst)
{
	struct proc *p = dst;
	int e, x;
	char ep[JP_MAX];

	p->ngids = js_array(i, jp, LIMIT(MAX_GIDS));
	JS_EACH_ELEM(i, e, x) {
		jp_make(ep, "%s[%d]", jp, x);
		p->gids[x] = (gid_t)js_int(e, ep, 0, UINT32_MAX - 1);
	}
}

static const struct member user_rows[] = {	/* process.user */
	M_INT("uid", struct proc, uid, 0, UINT32_MAX - 1),
	M_INT("gid", struct proc, gid, 0, UINT32_MAX - 1),
	M_INT("umask", struct proc, umask, 0, 0777),
	M_FN("additionalGids", spec_gids),
	M_IGNORED("username"),	/* config.md: "Windows User" only */
};

static const struct member console_rows[] = {	/* process.consoleSize */
	M_INT("height", struct proc, rows, 0, 65535),
	M_INT("width", struct proc, cols, 0, 65535),
};

static const char *const sched_policies[] = {	/* SCHED_* values */
	"SCHED_OTHER", "SCHED_FIFO", "SCHED_RR", "SCHED_BATCH", "SCHED_ISO",
	"SCHED_IDLE", "SCHED_DEADLINE",
};
static const char *const sched_flag_names[] = {	/* bit n is 1 << n */
	"SCHED_FLAG_RESET_ON_FORK", "SCHED_FLAG_RECLAIM",
	"SCHED_FLAG_DL_OVERRUN", "SCHED_FLAG_KEEP_POLICY",
	"SCHED_FLAG_KEEP_PARAMS", "SCHED_FLAG_UTIL_CLAMP_MIN",
	"SCHED_FLAG_UTIL_CLAMP_MAX",
};

/* An array of flag names, bit n for names[n], ORed into *mask. */
static void
spec_flags(int i, const char *jp, const char *const *names, int n,
	   long max, const char *sym, uint64_t *mask)
{
	int e, x;
	char ep[JP_MAX];

	js_array(i, jp, max, sym);
	JS_EACH_ELEM(i, e, x) {
		jp_make(ep, "%s[%d]", jp, x);
		*mask |= 1ULL << spec_enum(e, ep, names, n, "flag");
	}
}

static void
spec_sched_flags(int i, const char *jp, void *dst)
{
	spec_flags(i, jp, sched_flag_names, ARRAY_LEN(sched_flag_names),
		   ARRAY_LEN(sched_flag_names), "the 7 SCHED_FLAG_ names", dst);
}

static const struct member sched_rows[] = {	/* process.scheduler */
	M_ENUM("policy", struct sched_attr, policy, sched_policies, "policy",
	       REQUIRED),
	M_INT("nice", struct sched_attr, nice, -20, 19),
	M_INT("priority", struct sched_attr, priority, 0, 99),
	M_U64("runtime", struct sched_attr, runtime),
	M_U64("deadline", struct sched_attr, deadline),
	M_U64("period", struct sched_attr, period),
	M_FN_AT("flags", struct sched_attr, flags, spec_sched_flags, OR_NULL),
};

/* process.scheduler, for sched_setattr(2) (runc 1.2). */
static void
spec_scheduler(int i, const char *jp, void *dst)
{
	struct proc *p = dst;

	memset(&p->sched, 0, sizeof(p->sched));
	p->sched.size = sizeof(p->sched);
	SPEC_OBJECT(i, jp, sched_rows, &p->sched);
	p->has_sched = true;
}

static const char *const ioprio_classes[] = {	/* IOPRIO_CLASS_* values */
	NULL, "IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE",
};

struct ioprio {				/* process.ioPriority */
	int cls, prio;
};

static const struct member ioprio_rows[] = {	/* process.ioPriority */
	M_ENUM("class", struct ioprio, cls, ioprio_classes, "class", REQUIRED),
	M_INT("priority", struct ioprio, prio, 0, 7),
};

/* process.ioPriority, for ioprio_set(2): class << 13 | priority. */
static void
spec_ioprio(int i, const char *jp, void *dst)
{
	struct ioprio io = { 0, 0 };

	SPEC_OBJECT(i, jp, ioprio_rows, &io);
	*(int *)dst = io.cls << 13 | io.prio;
}

/* A label for an LSM: refused, naming the field, where the host does not
 * run that LSM (never silently ignored); "" means none. */
#define LSM_APPARMOR "/sys/module/apparmor/parameters/enabled", "AppArmor"
#define LSM_SELINUX "/sys/fs/selinux/enforce", "SELinux"

static bool
lsm_enabled(const char *probe, const char *lsm)
{
	char buf[4];

	return readfile(probe, buf, sizeof(buf)) >= 1 &&
	       (*lsm != 'A' || buf[0] == 'Y');
}

static char *
spec_lsm(int i, const char *jp, const char *probe, const char *lsm)
{
	char *v = js_str(i, jp);

	if (!*v)
		return NULL;
	if (!lsm_enabled(probe, lsm))
		die("%s: %s: %s is not enabled on this host", js_file, jp, lsm);
	return v;
}

static void
spec_apparmor(int i, const char *jp, void *dst)
{
	*(char **)dst = spec_lsm(i, jp, LSM_APPARMOR);
}

static void
spec_selinux(int i, const char *jp, void *dst)
{
	*(char **)dst = spec_lsm(i, jp, LSM_SELINUX);
}

static void
spec_oom(int i, const char *jp, void *dst)
{
	struct proc *p = dst;

	p->has_oom = true;
	p->oom_score_adj = (int)js_int(i, jp, -1000, 1000);
}

/*
 * A list of CPUs or NUMA nodes as the spec writes it ("0-3,7"; like runc,
 * spaces and empty elements are passed over) into mask, every number below
 * max (sym names the limit, or NULL for the kernel's).  Returns how many
 * it set; dies naming jp.
 */
static int
spec_cpulist(const char *s, const char *jp, unsigned long *mask, long max,
	     const char *sym)
{
	const char *p = s;
	char *end;
	long lo, hi;
	int n = 0;

	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		if (!*p)
			break;
		if (!isdigit((unsigned char)*p))
			die("%s: %s: \"%s\": not a list such as 0-3,7", js_file,
			    jp, s);
		lo = hi = strtol(p, &end, 10);
		if (*end == '-' && isdigit((unsigned char)end[1]))
			hi = strtol(end + 1, &end, 10);
		while (*end == ' ')
			end++;
		if (*end && *end != ',')
			die("%s: %s: \"%s\": not a list such as 0-3,7", js_file,
			    jp, s);
		if (hi < lo)
			die("%s: %s: \"%s\": the range %ld-%ld goes down",
			    js_file, jp, s, lo, hi);
		if (hi >= max)
			die("%s: %s: \"%s\": %ld is past the limit of %ld%s%s%s",
			    js_file, jp, s, hi, max - 1, sym ? " (raise " : "",
			    sym ? sym : "", sym ? ")" : " (the kernel's)");
		for (; lo <= hi; lo++, n++)
			mask[lo / LONG_BIT] |= 1UL << (lo % LONG_BIT);
		p = end;
	}
	return n;
}

/* process.execCPUAffinity.initial and final: "" is none. */
static void
spec_aff_initial(int i, const char *jp, void *dst)
{
	struct affinity *a = dst;

	memset(a->initial, 0, sizeof(a->initial));
	a->has_initial = spec_cpulist(js_str(i, jp), jp, a->initial, MAX_CPUS,
				      LIMIT_NAME(MAX_CPUS)) > 0;
}

static void
spec_aff_final(int i, const char *jp, void *dst)
{
	struct affinity *a = dst;

	memset(a->final, 0, sizeof(a->final));
	a->has_final = spec_cpulist(js_str(i, jp), jp, a->final, MAX_CPUS,
				    LIMIT_NAME(MAX_CPUS)) > 0;
}

/* The spec: "not applicable to the container's init process"; exec uses
 * it (runc: config.json's, unless process.json has its own). */
static const struct member affinity_rows[] = {	/* process.execCPUAffinity */
	M_FN_AT("initial", struct proc, aff, spec_aff_initial),
	M_FN_AT("final", struct proc, aff, spec_aff_final),
};

static const struct member process_rows[] = {	/* process */
	M_BOOL("terminal", struct proc, terminal),
	M_OBJ("consoleSize", console_rows),
	M_OBJ("user", user_rows),
	M_STRS("args", struct proc, args, nargs, MAX_ARGS),
	M_STRS("env", struct proc, env, nenv, MAX_ENV),
	M_PATH("cwd", struct proc, cwd),
	M_FN("capabilities", spec_capabilities),
	M_OBJS("rlimits", struct proc, rlimits, nrlimits, MAX_RLIMITS,
	       rlimit_rows),
	M_BOOL("noNewPrivileges", struct proc, nnp),
	M_FN("oomScoreAdj", spec_oom),
	M_FN_IF(SCHEDULER, "scheduler", spec_scheduler),
	M_FN_AT_IF(IOPRIORITY, "ioPriority", struct proc, ioprio, spec_ioprio),
	M_FN_AT_IF(LSM, "apparmorProfile", struct proc, apparmor,
		   spec_apparmor),
	M_FN_AT_IF(LSM, "selinuxLabel", struct proc, selinux, spec_selinux),
	M_OBJ_IF(EXEC_CPU_AFFINITY, "execCPUAffinity", affinity_rows,
		 OR_NULL),
	M_IGNORED("commandLine"),	/* config.md: "executed on Windows" */
};

/* config.json's process (jp "process"), or a whole process.json (""). */
static void
spec_process(int i, const char *jp, void *dst)
{
	struct proc *p = dst;
	char kp[JP_MAX];

	memset(p, 0, sizeof(*p));
	p->umask = 022;
	p->ioprio = -1;
	SPEC_OBJECT(i, jp, process_rows, p);
	jp_member(kp, jp, "args");
	if (p->nargs == 0)
		die("%s: %s: must not be empty", js_file, kp);
	if (!p->cwd)
		p->cwd = "/";
	jp_member(kp, jp, "cwd");
	if (p->cwd[0] != '/')
		die("%s: %s: %s: not an absolute path", js_file, kp, p->cwd);
	if (p->terminal && !CONFIG_TERMINAL)
		die("%s: process.terminal: not in this build "
		    "(CONFIG_TERMINAL=n)", js_file);
}

static const struct member root_rows[] = {
	M_PATH("path", struct spec, root),
	M_BOOL("readonly", struct spec, root_ro),
};

/* What spec_mount_option found that depends on the mount's type. */
struct mntseen {
	int sb, data;			/* first MO_SB word, first data word */
	int copyup;			/* the tmpcopyup word, or -1 */
};

/* mount_setattr(2) is there (Linux 5.12): asked once, with arguments it
 * refuses (EINVAL or EBADF), only by a config that uses a recursive word. */
static bool
mnt_setattr_works(void)
{
	static int known;

	if (!known)
		known = syscall(SYS_mount_setattr, -1, "", 0, NULL, 0) < 0 &&
			errno == ENOSYS ? 2 : 1;
	return known == 1;
}

/* Sorts options[x], at jp, into flags, propagation, recursive attributes,
 * tmpcopyup or data. */
static void
spec_mount_option(struct mnt *m, const char *jp, int x, struct mntseen *sn,
		  char *data, size_t *dlen)
{
	const char *o = js_str(x, jp);
	const struct mntopt *t;
	size_t len = strlen(o);

	for (t = mntopts; t < mntopts + NMNTOPTS; t++)
		if (!strcmp(o, t->name))
			break;
	if (t < mntopts + NMNTOPTS && t->kind == MO_PROP) {
		if (m->nprop == 4)
			die("%s: %s: more than 4 propagation options", js_file,
			    jp);
		m->prop[m->nprop++] = t->set;
	} else if (t < mntopts + NMNTOPTS &&
		   (t->kind == MO_REC || t->kind == MO_ATIME)) {
		if (!mnt_setattr_works())
			die("%s: %s: %s needs Linux 5.12 (mount_setattr)",
			    js_file, jp, o);
		if (t->kind == MO_ATIME) {	/* a mode replaces the last */
			m->attr_set = (m->attr_set & ~(unsigned)t->clear) |
				      (unsigned)t->set;
			m->attr_clr |= MOUNT_ATTR__ATIME;
		} else {
			m->attr_set = (m->attr_set | (unsigned)t->set) &
				      ~(unsigned)t->clear;
			m->attr_clr = (m->attr_clr | (unsigned)t->clear) &
				      ~(unsigned)t->set;
		}
	} else if (t < mntopts + NMNTOPTS && t->kind == MO_COPYUP) {
		m->copyup = true;
		sn->copyup = x;
	} else if (t < mntopts + NMNTOPTS && t->kind == MO_IDMAP) {
		if (!CONFIG_USERNS)
			die("%s: %s: %s: not in this build (CONFIG_USERNS=n)",
			    js_file, jp, o);
		if (!mnt_setattr_works())
			die("%s: %s: %s needs Linux 5.12 (mount_setattr)",
			    js_file, jp, o);
		m->idmap = (unsigned char)t->set;
	} else if (t < mntopts + NMNTOPTS) {
		m->flags = (m->flags | t->set) & ~t->clear;
		if (t->kind == MO_SB && sn->sb < 0)
			sn->sb = x;
	} else {
		if (*dlen + (*dlen > 0) + len + 1 > MAX_PATH)	/* comma, NUL */
			die("%s: mount %s: options longer than %d bytes "
			    "(raise %s)", js_file, m->dest, MAX_PATH - 1,
			    LIMIT_NAME(MAX_PATH));
		if (*dlen)
			data[(*dlen)++] = ',';
		memcpy(data + *dlen, o, len + 1);
		*dlen += len;
		if (sn->data < 0)
			sn->data = x;
	}
}

static const struct member idmap_rows[] = {	/* linux.uidMappings[] */
	M_INT("containerID", struct idmap, inner, 0, UINT32_MAX),
	M_INT("hostID", struct idmap, outer, 0, UINT32_MAX),
	M_INT("size", struct idmap, size, 1, UINT32_MAX, REQUIRED),
};

/* mounts[]: options, whose data string names the destination in its
 * error, are sorted once the destination is known. */
static const struct member mount_rows[] = {
	M_PATH("destination", struct mnt, dest),
	M_PATH("source", struct mnt, src),
	M_STR("type", struct mnt, type),
	M_IGNORED("options"),		/* by spec_mount, second */
	M_OBJS("uidMappings", struct mnt, uidmap, nuidmap, MAX_ID_MAPPINGS,
	       idmap_rows),
	M_OBJS("gidMappings", struct mnt, gidmap, ngidmap, MAX_ID_MAPPINGS,
	       idmap_rows),
};

/*
 * idmap and ridmap: on a bind mount, as root (the kernel wants
 * CAP_SYS_ADMIN where the filesystem was mounted), with both mappings or
 * none; none means the container's own user namespace (runtime-spec).
 */
static void
spec_mount_idmap(const struct mnt *m, const char *jp, const char *type)
{
	if (!(m->flags & MS_BIND))
		die("%s: %s.options: an idmapped mount is a bind mount, not "
		    "\"%s\"", js_file, jp, type);
	if (!m->nuidmap != !m->ngidmap)
		die("%s: %s.%s: needs %s too", js_file, jp, m->nuidmap ?
		    "uidMappings" : "gidMappings", m->nuidmap ? "gidMappings" :
		    "uidMappings");
	if (rt_euid)
		die("%s: %s.options: an idmapped mount needs root", js_file, jp);
	spec.has_idmap = true;
}

/*
 * What a bind mount cannot do is refused, never dropped: the kernel takes
 * no filesystem data and no superblock flag on a bind (runc passes both
 * and the kernel ignores them); tmpcopyup is for a tmpfs only.
 */
static void
spec_mount_check(struct mnt *m, const char *jp, const struct mntseen *sn)
{
	const char *t = m->type ? m->type : "bind";
	char ep[JP_MAX];

	if (sn->copyup >= 0 && strcmp(t, "tmpfs")) {
		jp_make(ep, "%s.options", jp);
		die("%s: %s: tmpcopyup is for a tmpfs mount, not \"%s\"",
		    js_file, ep, t);
	}
	if ((m->nuidmap || m->ngidmap) && !CONFIG_USERNS)
		die("%s: %s.%s: not in this build (CONFIG_USERNS=n)", js_file,
		    jp, m->nuidmap ? "uidMappings" : "gidMappings");
	if ((m->nuidmap || m->ngidmap) && !m->idmap)
		m->idmap = 1;	/* the spec's SHOULD; runc maps them all the same */
	if (CONFIG_USERNS && m->idmap)
		spec_mount_idmap(m, jp, t);
	if (!(m->flags & MS_BIND))
		return;
	if (sn->data >= 0)	/* js_str ended each word in place */
		die("%s: %s.options: \"%s\": not a mount option rt knows, and a "
		    "bind mount takes no filesystem data", js_file, jp,
		    cfgbuf + toks[sn->data].start);
	if (sn->sb >= 0)
		die("%s: %s.options: \"%s\": a filesystem's option, which a "
		    "bind mount cannot change", js_file, jp,
		    cfgbuf + toks[sn->sb].start);
}

static void
spec_mount(int i, const char *jp, void *dst)
{
	struct mnt *m = dst;
	struct mntseen sn = { -1, -1, -1 };
	int k, n, e, x;
	char kp[JP_MAX], ep[JP_MAX], data[MAX_PATH];
	size_t dlen = 0;

	data[0] = 0;
	SPEC_OBJECT(i, jp, mount_rows, m);
	if (!m->dest)	/* not REQUIRED: a repeated "mounts" keeps it */
		die("%s: %s.destination: missing", js_file, jp);
	m->srcfd = -1;
	JS_EACH_MEMBER(i, k, n) {
		if (!js_is(k, "options"))
			continue;
		jp_make(kp, "%s.options", jp);
		js_array(k + 1, kp, LIMIT(MAX_MOUNT_OPTIONS));
		JS_EACH_ELEM(k + 1, e, x) {
			jp_make(ep, "%s[%d]", kp, x);
			spec_mount_option(m, ep, e, &sn, data, &dlen);
		}
	}
	if (m->type && !strcmp(m->type, "bind"))
		m->flags |= MS_BIND;
	if (!m->type && !(m->flags & MS_BIND))
		die("%s: %s.type: missing", js_file, jp);
	m->data = dlen ? pool_add(data, dlen) : NULL;
	spec_mount_check(m, jp, &sn);
}

struct nsin {				/* linux.namespaces[], as given */
	char *type, *path;
};

static const struct member ns_rows[] = {	/* linux.namespaces[] */
	M_STR("type", struct nsin, type, REQUIRED),
	M_PATH("path", struct nsin, path),
};

/* linux.namespaces[]: the type is looked up once the path is read. */
static void
spec_namespace(int i, const char *jp, void *dst)
{
	struct nsent *ns = dst;
	struct nsin in = { NULL, ns->path };
	int t;

	SPEC_OBJECT(i, jp, ns_rows, &in);
	ns->path = in.path && *in.path ? in.path : NULL;
	for (t = 0; t < ARRAY_LEN(ns_types); t++)
		if (!strcmp(in.type, ns_types[t].name))
			break;
	if (t == ARRAY_LEN(ns_types))
		die("%s: %s.type: unknown namespace \"%s\"", js_file, jp, in.type);
	ns->flag = ns_types[t].flag;
	if ((ns->flag == CLONE_NEWUSER && !CONFIG_USERNS) ||
	    (ns->flag == CLONE_NEWTIME && !CONFIG_TIMENS))
		die("%s: %s.type: %s: not in this build (CONFIG_%s=n)", js_file,
		    jp, in.type, ns->flag == CLONE_NEWUSER ? "USERNS" : "TIMENS");
	if (ns->flag == CLONE_NEWUSER && ns->path)
		spec.userns_path = ns->path;
	for (struct nsent *o = spec.ns; o < ns; o++)
		if (o->flag == ns->flag)
			die("%s: %s.type: duplicate namespace \"%s\"", js_file,
			    jp, in.type);
	if (!ns->path)
		spec.clone_flags |= ns->flag;
}

struct devin {				/* linux.devices[], as given */
	char *path, *type;
	long long major, minor, mode;
	uid_t uid;
	gid_t gid;
};

static const struct member device_rows[] = {	/* linux.devices[] */
	M_PATH("path", struct devin, path),
	M_STR("type", struct devin, type),
	M_INT("major", struct devin, major, 0, 4095),
	M_INT("minor", struct devin, minor, 0, 1048575),
	M_INT("fileMode", struct devin, mode, 0, 07777),
	M_INT("uid", struct devin, uid, 0, UINT32_MAX - 1),
	M_INT("gid", struct devin, gid, 0, UINT32_MAX - 1),
};

/* linux.devices[]: type, major, minor and fileMode make mode and rdev. */
static void
spec_device(int i, const char *jp, void *dst)
{
	struct dev *d = dst;
	struct devin in = { d->path, NULL, -1, -1, -1, (uid_t)-1, (gid_t)-1 };
	const char *type;

	SPEC_OBJECT(i, jp, device_rows, &in);
	d->path = in.path;
	d->given = (in.mode >= 0 ? DEV_MODE : 0) |
		   (in.uid != (uid_t)-1 ? DEV_UID : 0) |
		   (in.gid != (gid_t)-1 ? DEV_GID : 0);
	d->uid = in.uid != (uid_t)-1 ? in.uid : 0;
	d->gid = in.gid != (gid_t)-1 ? in.gid : 0;
	type = in.type;
	if (!d->path || d->path[0] != '/')
		die("%s: %s.path: missing or not absolute", js_file, jp);
	if (!type || !strchr("cubp", type[0]) || type[1])
		die("%s: %s.type: expected \"c\", \"b\", \"u\" or \"p\"", js_file, jp);
	if (type[0] != 'p' && (in.major < 0 || in.minor < 0))
		die("%s: %s: major and minor are required", js_file, jp);
	d->mode = S_IFCHR;
	if (type[0] == 'b')
		d->mode = S_IFBLK;
	else if (type[0] == 'p')
		d->mode = S_IFIFO;
	d->mode |= in.mode >= 0 ? (mode_t)in.mode : 0666;
	d->rdev = type[0] == 'p' ? 0 : makedev(in.major, in.minor);
}

static void
spec_propagation(int i, const char *jp, void *dst)
{
	const char *s = js_str(i, jp);

	for (size_t x = 0; x < NMNTOPTS; x++)
		if (mntopts[x].kind == MO_PROP && !strcmp(s, mntopts[x].name)) {
			*(unsigned long *)dst = mntopts[x].set;
			return;
		}
	die("%s: %s: unknown propagation \"%s\"", js_file, jp, s);
}

/*
 * Members cgroup v2 has no file for (runc's fs2 driver drops them all,
 * the spec lets no runtime ignore them): accepted where they ask for
 * nothing, null, 0 or -1 (no limit), false, and useHierarchy true (v2's
 * only way); refused otherwise, naming the member.  swappiness asks for
 * something at any value, 0 (the spec's example) too.
 */
static void
spec_no_v2(int i, const char *jp, void *dst)
{
	const char *name = strrchr(jp, '.') + 1;
	const char *ok = !strcmp(name, "swappiness") ? NULL :
			 !strcmp(name, "useHierarchy") ? "true" :
			 !strcmp(name, "disableOOMKiller") ? "false" : "0";

	(void)dst;
	if (js_null(i) || (ok && js_word(i, ok)) ||
	    (ok && *ok == '0' && js_word(i, "-1")))
		return;
	die("%s: %s: not on cgroup v2 (accepted: %snull)", js_file, jp,
	    !ok ? "" : *ok == '0' ? "0, -1 or " : *ok == 't' ? "true or " :
	    "false or ");
}

static const struct member memory_rows[] = {	/* linux.resources.memory */
	M_INT("limit", struct resources, mem_limit, -1, INT64_MAX),
	M_INT("reservation", struct resources, mem_low, -1, INT64_MAX),
	M_INT("swap", struct resources, mem_swap, -1, INT64_MAX),
	M_FN("kernel", spec_no_v2),
	M_FN("kernelTCP", spec_no_v2),
	M_FN("swappiness", spec_no_v2),
	M_FN("disableOOMKiller", spec_no_v2),
	M_FN("useHierarchy", spec_no_v2),
	M_BOOL("checkBeforeUpdate", struct resources, mem_check),
};

static const struct member cpu_rows[] = {	/* linux.resources.cpu */
	M_U64("shares", struct resources, cpu_shares),
	M_INT("quota", struct resources, cpu_quota, -1, INT64_MAX),
	M_U64("burst", struct resources, cpu_burst),
	M_U64("period", struct resources, cpu_period),
	M_INT("realtimeRuntime", struct resources, rt_runtime, -1, INT64_MAX),
	M_U64("realtimePeriod", struct resources, rt_period),
	M_STR("cpus", struct resources, cpus),
	M_STR("mems", struct resources, mems),
	M_INT("idle", struct resources, cpu_idle, 0, 1),
};

static const struct member pids_rows[] = {	/* linux.resources.pids */
	M_INT("limit", struct resources, pids, INT64_MIN + 1, INT64_MAX),
};

/* linux.resources.pids: a limit of 0 asks for none (runc). */
static void
spec_pids(int i, const char *jp, void *dst)
{
	struct resources *r = dst;

	SPEC_OBJECT(i, jp, pids_rows, r);
	if (r->pids == 0)
		r->pids = UNSET;
}

static const struct member weight_rows[] = {	/* blockIO.weightDevice[] */
	M_INT("major", struct iodev, major, 0, 4095),
	M_INT("minor", struct iodev, minor, 0, 1048575),
	M_U64("weight", struct iodev, v),
	M_FN("leafWeight", spec_no_v2),
}, rate_rows[] = {				/* blockIO.throttle*[] */
	M_INT("major", struct iodev, major, 0, 4095),
	M_INT("minor", struct iodev, minor, 0, 1048575),
	M_U64("rate", struct iodev, v),
};

/* A blockIO device entry: major, minor and its weight or rate. */
static void
spec_iodev(int i, const char *jp, struct iodev *d, const char *field)
{
	d->major = d->minor = d->v = UNSET;
	if (*field == 'w')
		SPEC_OBJECT(i, jp, weight_rows, d);
	else
		SPEC_OBJECT(i, jp, rate_rows, d);
	if (d->major == UNSET || d->minor == UNSET || d->v == UNSET)
		die("%s: %s: needs major, minor and %s", js_file, jp, field);
}

static void
spec_weightdev(int i, const char *jp, void *dst)
{
	spec_iodev(i, jp, dst, "weight");
}

static void
spec_ratedev(int i, const char *jp, void *dst)
{
	spec_iodev(i, jp, dst, "rate");
}

#define M_RATES(n, l) M_FNS(n, struct resources, io_max[l], n_max[l], \
			    MAX_RESOURCE_ENTRIES, spec_ratedev)
static const struct member blockio_rows[] = {	/* linux.resources.blockIO */
	M_INT("weight", struct resources, io_weight, 0, 10000),
	M_FN("leafWeight", spec_no_v2),
	M_FNS("weightDevice", struct resources, io_wdev, n_wdev,
	      MAX_RESOURCE_ENTRIES, spec_weightdev),
	M_RATES("throttleReadBpsDevice", 0),
	M_RATES("throttleWriteBpsDevice", 1),
	M_RATES("throttleReadIOPSDevice", 2),
	M_RATES("throttleWriteIOPSDevice", 3),
};

/* A number's text, ended in place: a hugepage limit is written as given. */
static void
spec_numtext(int i, const char *jp, void *dst)
{
	js_u64(i, jp);			/* checks it is a number */
	*(char **)dst = cfgbuf + toks[i].start;
	cfgbuf[toks[i].end] = 0;
}

static const struct member hugepage_rows[] = {	/* hugepageLimits[] */
	M_STR("pageSize", struct kv, k),
	M_FN_AT("limit", struct kv, v, spec_numtext),
};

/* hugepageLimits[] and unified{} both become (file suffix, value). */
static void
spec_hugepage(int i, const char *jp, void *dst)
{
	struct kv *h = dst;

	SPEC_OBJECT(i, jp, hugepage_rows, h);
	if (!h->k || !h->v)	/* a repeated hugepageLimits keeps them */
		die("%s: %s: needs pageSize and limit", js_file, jp);
}

static void
spec_unified(int i, const char *jp, void *dst)
{
	struct resources *r = dst;
	int k, n;
	char kp[JP_MAX];

	js_expect(i, JSMN_OBJECT, jp);
	check_limit(jp, toks[i].size, LIMIT(MAX_RESOURCE_ENTRIES));
	JS_EACH_MEMBER(i, k, n) {
		const char *key = cfgbuf + toks[k].start;

		jp_make(kp, "%s.%s", jp, key);
		if (strchr(key, '/') || !strchr(key, '.'))
			die("%s: %s: not a cgroup file name", js_file, kp);
		r->unified[r->nunified].k = (char *)key;
		r->unified[r->nunified++].v = js_str(k + 1, kp);
	}
}

/* One letter, or 0 (refused below) for "" and longer strings ("cx"). */
static void
spec_devrule_type(int i, const char *jp, void *dst)
{
	const char *t = js_str(i, jp);

	*(char *)dst = t[0] && !t[1] ? t[0] : 0;
}

struct rulein {				/* linux.resources.devices[] */
	struct devrule d;
	const char *access;
};

/* linux.resources.devices[]: a null member is as if absent (runc). */
static const struct member devrule_rows[] = {
	M_BOOL("allow", struct rulein, d.allow),
	M_FN_AT("type", struct rulein, d.type, spec_devrule_type, OR_NULL),
	M_INT("major", struct rulein, d.major, -1, 4095, OR_NULL),
	M_INT("minor", struct rulein, d.minor, -1, 1048575, OR_NULL),
	M_STR("access", struct rulein, access, OR_NULL),
};

static void
spec_devrule(int i, const char *jp, void *dst)
{
	struct devrule *d = dst;
	struct rulein in = { { .type = 'a', .major = -1, .minor = -1 }, "rwm" };
	const char *access;

	SPEC_OBJECT(i, jp, devrule_rows, &in);
	*d = in.d;
	access = in.access;
	if (!strchr("acb", d->type) || !d->type)
		die("%s: %s.type: expected \"a\", \"c\" or \"b\"", js_file, jp);
	for (const char *a = access; *a; a++) {
		if (!strchr("rwm", *a))
			die("%s: %s.access: \"%s\": expected r, w and m", js_file,
			    jp, access);
		if (*a == 'm')
			d->access |= 1;
		else if (*a == 'r')
			d->access |= 2;
		else
			d->access |= 4;
	}
	if (!*access)
		d->access = 7;
}

static void
spec_res_init(struct resources *r)
{
	memset(r, 0, sizeof(*r));
	r->mem_limit = r->mem_low = r->mem_swap = UNSET;
	r->pids = r->cpu_shares = r->cpu_quota = r->cpu_period = UNSET;
	r->cpu_burst = r->cpu_idle = r->rt_runtime = r->rt_period = UNSET;
	r->io_weight = UNSET;
}

/* linux.resources (also the file of `rt update --resources`): a null
 * member is as if absent; network and rdma are v1-only or not applied. */
static const struct member resources_rows[] = {
	M_OBJ("memory", memory_rows, OR_NULL),
	M_OBJ("cpu", cpu_rows, OR_NULL),
	M_FN("pids", spec_pids, OR_NULL),
	M_OBJ("blockIO", blockio_rows, OR_NULL),
	M_FNS("hugepageLimits", struct resources, huge, nhuge,
	      MAX_RESOURCE_ENTRIES, spec_hugepage, OR_NULL),
	M_FN("unified", spec_unified, OR_NULL),
	M_FNS("devices", struct resources, dev, ndev, MAX_DEVICE_RULES,
	      spec_devrule, OR_NULL),
	M_UNSUPPORTED("network", OR_NULL),
	M_UNSUPPORTED("rdma", OR_NULL),
};

/*
 * linux.seccomp, kept as rules; the parent compiles them to BPF (section
 * 15).  Names the C library does not know are skipped, as runc does, and
 * a rule testing one argument twice becomes one rule per condition (runc:
 * libseccomp cannot AND two conditions on one argument).
 */
static const struct {
	const char *name;
	uint32_t ret;
} sc_actions[] = {
	{ "SCMP_ACT_KILL", SECCOMP_RET_KILL_THREAD },
	{ "SCMP_ACT_KILL_THREAD", SECCOMP_RET_KILL_THREAD },
	{ "SCMP_ACT_KILL_PROCESS", SECCOMP_RET_KILL_PROCESS },
	{ "SCMP_ACT_TRAP", SECCOMP_RET_TRAP },
	{ "SCMP_ACT_ERRNO", SECCOMP_RET_ERRNO },
	{ "SCMP_ACT_TRACE", SECCOMP_RET_TRACE },
	{ "SCMP_ACT_LOG", SECCOMP_RET_LOG },
	{ "SCMP_ACT_ALLOW", SECCOMP_RET_ALLOW },
	{ "SCMP_ACT_NOTIFY", SECCOMP_RET_USER_NOTIF },
};

enum sc_op { SC_NE, SC_LT, SC_LE, SC_EQ, SC_GE, SC_GT, SC_MASKED_EQ };
static const char *const sc_ops[] = {
	"SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ",
	"SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ",
};

static const struct {
	const char *name;
	uint32_t audit;
} sc_arches[] = {
	{ "SCMP_ARCH_X86", 0x40000003 }, { "SCMP_ARCH_X86_64", 0xc000003e },
	{ "SCMP_ARCH_X32", SC_ARCH_X32 }, { "SCMP_ARCH_ARM", 0x40000028 },
	{ "SCMP_ARCH_AARCH64", 0xc00000b7 }, { "SCMP_ARCH_MIPS", 0x00000008 },
	{ "SCMP_ARCH_MIPS64", 0x80000008 }, { "SCMP_ARCH_MIPS64N32", 0xa0000008 },
	{ "SCMP_ARCH_MIPSEL", 0x40000008 }, { "SCMP_ARCH_MIPSEL64", 0xc0000008 },
	{ "SCMP_ARCH_MIPSEL64N32", 0xe0000008 }, { "SCMP_ARCH_PPC", 0x00000014 },
	{ "SCMP_ARCH_PPC64", 0x80000015 }, { "SCMP_ARCH_PPC64LE", 0xc0000015 },
	{ "SCMP_ARCH_S390", 0x00000016 }, { "SCMP_ARCH_S390X", 0x80000016 },
	{ "SCMP_ARCH_PARISC", 0x0000000f }, { "SCMP_ARCH_PARISC64", 0x8000000f },
	{ "SCMP_ARCH_RISCV64", 0xc00000f3 }, { "SCMP_ARCH_LOONGARCH64", 0xc0000102 },
	{ "SCMP_ARCH_M68K", 0x00000004 },
};

/* The flags a config may set: bit n is 1 << n, but the last, which is
 * 1 << 5 (3 is NEW_LISTENER, rt's for SCMP_ACT_NOTIFY; 4 TSYNC_ESRCH). */
static const char *const sc_flag_names[] = {
	"SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG",
	"SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV",
};
#define SC_FLAG_NEW_LISTENER (1U << 3)
#define SC_FLAG_WAIT_KILLABLE (1U << 5)

/*
 * The socket and SysV IPC calls that 32-bit ABIs (i386, s390, MIPS o32)
 * also reach through one multiplexer, socketcall(call, args) or ipc(call,
 * ...): a rule for one is also a rule for its multiplexer with arg0 ==
 * its call number, as libseccomp adds it (linux/net.h SYS_*, ipc.h).
 */
enum { MUX_SOCKET, MUX_IPC };
static const struct {
	const char *name;
	uint8_t mux, call;
} sc_muxed[] = {
	{ "socket", MUX_SOCKET, 1 }, { "bind", MUX_SOCKET, 2 },
	{ "connect", MUX_SOCKET, 3 }, { "listen", MUX_SOCKET, 4 },
	{ "accept", MUX_SOCKET, 5 }, { "getsockname", MUX_SOCKET, 6 },
	{ "getpeername", MUX_SOCKET, 7 }, { "socketpair", MUX_SOCKET, 8 },
	{ "send", MUX_SOCKET, 9 }, { "recv", MUX_SOCKET, 10 },
	{ "sendto", MUX_SOCKET, 11 }, { "recvfrom", MUX_SOCKET, 12 },
	{ "shutdown", MUX_SOCKET, 13 }, { "setsockopt", MUX_SOCKET, 14 },
	{ "getsockopt", MUX_SOCKET, 15 }, { "sendmsg", MUX_SOCKET, 16 },
	{ "recvmsg", MUX_SOCKET, 17 }, { "accept4", MUX_SOCKET, 18 },
	{ "recvmmsg", MUX_SOCKET, 19 }, { "sendmmsg", MUX_SOCKET, 20 },
	{ "semop", MUX_IPC, 1 }, { "semget", MUX_IPC, 2 },
	{ "semctl", MUX_IPC, 3 }, { "semtimedop", MUX_IPC, 4 },
	{ "msgsnd", MUX_IPC, 11 }, { "msgrcv", MUX_IPC, 12 },
	{ "msgget", MUX_IPC, 13 }, { "msgctl", MUX_IPC, 14 },
	{ "shmat", MUX_IPC, 21 }, { "shmdt", MUX_IPC, 22 },
	{ "shmget", MUX_IPC, 23 }, { "shmctl", MUX_IPC, 24 },
};

static int
sc_mux_lookup(const char *name)
{
	for (int i = 0; i < ARRAY_LEN(sc_muxed); i++)
		if (!strcmp(sc_muxed[i].name, name))
			return i;
	return -1;
}

/* A syscall's row in sc_nrs, or -1. */
static int
sc_lookup(const char *name)
{
	const char *p = sc_names;

	for (int i = 0; *p; i++, p += strlen(p) + 1)
		if (!strcmp(p, name))
			return i;
	return -1;
}

/* An action and its errno (errnoRet, or EPERM as runc defaults it). */
static uint32_t
spec_sc_action(int i, const char *jp, long long err)
{
	const char *name = js_str(i, jp);

	for (size_t a = 0; a < ARRAY_LEN(sc_actions); a++) {
		uint32_t ret = sc_actions[a].ret;

		if (strcmp(name, sc_actions[a].name))
			continue;
		if (ret == SECCOMP_RET_USER_NOTIF && !CONFIG_SECCOMP_NOTIFY)
			die("%s: %s: SCMP_ACT_NOTIFY: not in this build "
			    "(CONFIG_SECCOMP_NOTIFY=n)", js_file, jp);
		if (ret == SECCOMP_RET_USER_NOTIF)
			spec.sc.notify = true;
		if (ret == SECCOMP_RET_ERRNO || ret == SECCOMP_RET_TRACE)
			ret |= (uint32_t)(err < 0 ? EPERM : err);
		return ret;
	}
	die("%s: %s: unknown action \"%s\"", js_file, jp, name);
}

/* args[].index: any integer is read, and the message says 0-5. */
static void
spec_sc_index(int i, const char *jp, void *dst)
{
	long long x = js_int(i, jp, LLONG_MIN, LLONG_MAX);

	if (x < 0 || x > 5)
		die("%s: %s: %lld is out of range (0-5)", js_file, jp, x);
	*(uint8_t *)dst = (uint8_t)x;
}

static const struct member sc_cond_rows[] = {	/* syscalls[].args[] */
	M_FN_AT("index", struct sc_cond, index, spec_sc_index),
	M_U64("value", struct sc_cond, v),
	M_U64("valueTwo", struct sc_cond, v2),
	M_ENUM("op", struct sc_cond, op, sc_ops, "operator", REQUIRED),
};

/* Adds one rule per name (and per condition when conditions share an
 * argument); conds are the rule's conditions, already in sc->conds. */
static void
spec_sc_add(int names, const char *jp, uint32_t action, int cond, int ncond)
{
	struct seccomp *sc = &spec.sc;
	int e, x, split = 0;
	char ep[JP_MAX];

	for (int a = cond; a < cond + ncond; a++)
		for (int b = cond; b < a; b++)
			if (sc->conds[a].index == sc->conds[b].index)
				split = 1;
	JS_EACH_ELEM(names, e, x) {
		int sys, mux;

		jp_make(ep, "%s[%d]", jp, x);
		sys = sc_lookup(js_str(e, ep));
		mux = sc_mux_lookup(js_str(e, ep));
		if (sys < 0 && mux < 0)
			continue;
		for (int c = 0; c < (split ? ncond : 1); c++) {
			struct sc_rule *r = &sc->rules[sc->nrules];

			check_limit("linux.seccomp.syscalls", sc->nrules + 1,
				    LIMIT(MAX_SECCOMP_RULES));
			r->sys = sys;
			r->mux = mux;
			r->action = action;
			r->cond = (unsigned short)(cond + c);
			r->ncond = (unsigned short)(split ? 1 : ncond);
			sc->nrules++;
		}
	}
}

static void
spec_sc_args(int i, const char *jp, void *dst)
{
	struct seccomp *sc = &spec.sc;
	int e, x;
	char ep[JP_MAX];

	(void)dst;
	js_array(i, jp, 6, "the kernel's 6 arguments");
	JS_EACH_ELEM(i, e, x) {
		jp_make(ep, "%s[%d]", jp, x);
		check_limit("linux.seccomp.syscalls[].args", sc->nconds + 1,
			    LIMIT(MAX_SECCOMP_RULES));
		SPEC_OBJECT(e, ep, sc_cond_rows, &sc->conds[sc->nconds++]);
	}
}

struct scin {				/* linux.seccomp.syscalls[] */
	int names, act;
	long long err;
};

static const struct member sc_syscall_rows[] = {	/* seccomp.syscalls[] */
	M_TOKEN("names", struct scin, names, JSMN_ARRAY),
	M_TOKEN("action", struct scin, act, 0, REQUIRED),
	M_INT("errnoRet", struct scin, err, 0, 4095, OR_NULL),
	M_FN("args", spec_sc_args, OR_NULL),
};

/* linux.seccomp.syscalls[]: the action is read once errnoRet is known. */
/* SCMP_ACT_NOTIFY on the call that sends the listener to the agent would
 * wait for an agent that has no listener yet: the process never starts. */
static void
spec_sc_notify_names(int i, const char *jp)
{
	int e, x;

	if (toks[i].type != JSMN_ARRAY)
		return;			/* spec_sc_add says what is wrong */
	JS_EACH_ELEM(i, e, x)
		if (js_is(e, "sendmsg") || js_is(e, "socketcall"))
			die("%s: %s[%d]: SCMP_ACT_NOTIFY on %.*s: rt sends the "
			    "listener to the agent with it", js_file, jp, x,
			    toks[e].end - toks[e].start, cfgbuf + toks[e].start);
}

static void
spec_sc_syscall(int i, const char *jp, void *dst)
{
	struct scin in = { -1, -1, -1 };
	int cond = spec.sc.nconds;
	uint32_t a;
	char kp[JP_MAX];

	(void)dst;
	SPEC_OBJECT(i, jp, sc_syscall_rows, &in);
	jp_make(kp, "%s.action", jp);
	a = spec_sc_action(in.act, kp, in.err);	/* with names or without */
	if (in.names >= 0) {
		jp_make(kp, "%s.names", jp);
		if (a == SECCOMP_RET_USER_NOTIF)
			spec_sc_notify_names(in.names, kp);
		spec_sc_add(in.names, kp, a, cond, spec.sc.nconds - cond);
	}
}

static void
spec_sc_arches(int i, const char *jp, void *dst)
{
	struct seccomp *sc = &spec.sc;
	int e, x;
	size_t a;
	char ep[JP_MAX];

	(void)dst;
	js_array(i, jp, MAX_SC_ARCHS, "the number of SCMP_ARCH_ names");
	JS_EACH_ELEM(i, e, x) {
		const char *name;

		jp_make(ep, "%s[%d]", jp, x);
		name = js_str(e, ep);
		for (a = 0; a < ARRAY_LEN(sc_arches); a++)
			if (!strcmp(name, sc_arches[a].name))
				break;
		if (a == ARRAY_LEN(sc_arches))
			die("%s: %s: unknown architecture \"%s\"", js_file, ep,
			    name);
		if (sc_arches[a].audit != SC_ARCH_NATIVE)
			sc->archs[sc->narchs++] = sc_arches[a].audit;
	}
}

static void
spec_sc_flags(int i, const char *jp, void *dst)
{
	struct seccomp *sc = &spec.sc;
	uint64_t mask = sc->flags;

	(void)dst;
	spec_flags(i, jp, sc_flag_names, ARRAY_LEN(sc_flag_names), 8,
		   "the number of seccomp flags", &mask);
	if ((mask & 1U << 3) && !CONFIG_SECCOMP_NOTIFY)
		die("%s: %s: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV: not in this "
		    "build (CONFIG_SECCOMP_NOTIFY=n)", js_file, jp);
	if (mask & 1U << 3)			/* WAIT_KILLABLE_RECV, Linux 5.19 */
		mask = (mask & ~(1U << 3)) | SC_FLAG_WAIT_KILLABLE;
	sc->flags = (unsigned)mask;
}

/* For SCMP_ACT_NOTIFY (the spec): the agent's socket, and what it is
 * told with the listener fd. */
static void
spec_sc_listener(int i, const char *jp, void *dst)
{
	char *v = js_str(i, jp);

	(void)dst;
	if (!strcmp(jp + strlen(jp) - 4, "Path")) {
		if (*v != '/')
			die("%s: %s: %s: not an absolute path", js_file, jp, v);
		spec.sc.listener = v;
	} else {
		spec.sc.metadata = v;
	}
}

static void
spec_sc_syscalls(int i, const char *jp, void *dst)
{
	int e, x;
	char ep[JP_MAX];

	js_expect(i, JSMN_ARRAY, jp);
	JS_EACH_ELEM(i, e, x) {
		jp_make(ep, "%s[%d]", jp, x);
		spec_sc_syscall(e, ep, dst);
	}
}

struct scdef {				/* linux.seccomp's default */
	int def;
	long long err;
};

static const struct member seccomp_rows[] = {	/* linux.seccomp */
	M_TOKEN("defaultAction", struct scdef, def, 0, REQUIRED),
	M_INT("defaultErrnoRet", struct scdef, err, 0, 4095, OR_NULL),
	M_FN("architectures", spec_sc_arches, OR_NULL),
	M_FN("flags", spec_sc_flags, OR_NULL),
	M_FN_IF(SECCOMP_NOTIFY, "listenerPath", spec_sc_listener),
	M_FN_IF(SECCOMP_NOTIFY, "listenerMetadata", spec_sc_listener),
	M_FN("syscalls", spec_sc_syscalls, OR_NULL),
};

/* linux.seccomp: the default action is read once its errno is known. */
static void
spec_seccomp(int i, const char *jp, void *dst)
{
	struct seccomp *sc = dst;
	struct scdef in = { -1, -1 };
	char kp[JP_MAX];

	js_expect(i, JSMN_OBJECT, jp);
	SPEC_OBJECT(i, jp, seccomp_rows, &in);
	jp_make(kp, "%s.defaultAction", jp);
	sc->def = spec_sc_action(in.def, kp, in.err);
	if (sc->def == SECCOMP_RET_USER_NOTIF)	/* libseccomp refuses it too */
		die("%s: %s: SCMP_ACT_NOTIFY cannot be the default action",
		    js_file, kp);
	if (sc->notify && !sc->listener)
		die("%s: %s.listenerPath: SCMP_ACT_NOTIFY needs one", js_file,
		    jp);
	if ((sc->flags & SC_FLAG_WAIT_KILLABLE) && !sc->notify)
		die("%s: %s.flags: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV is "
		    "for a filter with SCMP_ACT_NOTIFY (the kernel says EINVAL)",
		    js_file, jp);
	sc->on = true;
	/* runc's patchbpf: unless the default lets syscalls through (or
	 * already says ENOSYS), syscalls newer than the profile get ENOSYS,
	 * so that glibc falls back from clone3 or faccessat2. */
	sc->stub = sc->def != SECCOMP_RET_ALLOW && sc->def != SECCOMP_RET_LOG &&
		   sc->def != (SECCOMP_RET_ERRNO | ENOSYS) &&
		   (sc->def & 0xffff0000U) != SECCOMP_RET_TRACE;
}


struct offset {				/* one clock of linux.timeOffsets */
	long long secs, nsecs;
};

static const struct member offset_rows[] = {	/* timeOffsets.<clock> */
	M_INT("secs", struct offset, secs, LLONG_MIN, LLONG_MAX),
	M_INT("nanosecs", struct offset, nsecs, 0, 999999999),
};

/* linux.timeOffsets: lines for /proc/self/timens_offsets. */
static void
spec_time_offsets(int i, const char *jp, void *dst)
{
	struct offset o;
	int k, n;
	size_t len = 0;
	char kp[JP_MAX];

	(void)dst;
	js_expect(i, JSMN_OBJECT, jp);
	JS_EACH_MEMBER(i, k, n) {
		jp_make(kp, "%s.%s", jp, cfgbuf + toks[k].start);
		if (!js_is(k, "monotonic") && !js_is(k, "boottime"))
			die("%s: %s: unknown clock (monotonic or boottime)",
			    js_file, kp);
		o.secs = o.nsecs = 0;
		SPEC_OBJECT(k + 1, kp, offset_rows, &o);
		if (strstr(spec.timens, cfgbuf + toks[k].start))
			die("%s: %s: given twice", js_file, kp);
		len += (size_t)snprintf(spec.timens + len, sizeof(spec.timens) - len,
					"%s %lld %lld\n", cfgbuf + toks[k].start,
					o.secs, o.nsecs);	/* 2 lines of < 50 fit */
	}
}

static const char *const personality_domains[] = { "LINUX", "LINUX32" };
static const struct member personality_rows[] = {	/* linux.personality */
	M_ENUM("domain", struct spec, personality, personality_domains,
	       "domain"),
	M_UNSUPPORTED("flags"),
};

/* linux.personality: the execution domain; no flags are defined. */
static void
spec_personality(int i, const char *jp, void *dst)
{
	struct spec *s = dst;

	/* domain is not REQUIRED: a repeated "personality" keeps it */
	if (SPEC_OBJECT(i, jp, personality_rows, s) & 1) {
		s->personality = s->personality ? 0x0008 : 0;
		s->has_personality = true;
	}
	if (!s->has_personality)
		die("%s: %s.domain: missing", js_file, jp);
}

/*
 * linux.cgroupsPath, confined below the cgroup2 mount: a ".." component
 * (or, in the "slice:prefix:name" form, a "/" or ".." in any part) is
 * refused; "." and doubled slashes are dropped.  Cleaned in place.
 */
static void
spec_cgroups_path(int i, const char *jp, void *dst)
{
	char *p = js_path(i, jp), *o = p;
	const char *c = p;

	if (*p != '/' && strchr(p, ':')) {
		if (strstr(p, "..") || strchr(p, '/'))
			die("%s: %s: \"%s\": a slice, prefix or name cannot hold "
			    "\"/\" or \"..\"", js_file, jp, p);
		*(char **)dst = p;
		return;
	}
	while (*c) {
		size_t n = strcspn(c, "/");

		if (n == 2 && c[0] == '.' && c[1] == '.')
			die("%s: %s: \"%s\": a \"..\" component is not allowed",
			    js_file, jp, p);
		if (n && !(n == 1 && c[0] == '.')) {
			if (o > p || *p == '/')
				*o++ = '/';
			memmove(o, c, n);
			o += n;
		}
		c += n;
		c += *c == '/';
	}
	if (o == p && *p == '/')
		*o++ = '/';
	*o = 0;
	*(char **)dst = p;
}

static int sysctl_tok;			/* linux.sysctl, parsed last */

/* A namespace of this type joined by path that is not rt's own (the
 * host's): its parameters are the container's. */
static bool
spec_ns_path(int flag, const char *self)
{
	struct stat a, b;

	for (int i = 0; i < spec.nns; i++)
		if (spec.ns[i].flag == flag && spec.ns[i].path)
			return stat(spec.ns[i].path, &a) == 0 &&
			       stat(self, &b) == 0 && (a.st_ino != b.st_ino ||
						       a.st_dev != b.st_dev);
	return false;
}

/* The path of a namespace of this type joined by path, or NULL. */
static const char *
spec_ns_join_path(int flag)
{
	for (int i = 0; i < spec.nns; i++)
		if (spec.ns[i].flag == flag && spec.ns[i].path)
			return spec.ns[i].path;
	return NULL;
}

/* The container is in a user namespace: a new one, or one joined by
 * path (a pod's), which owns the namespaces the container makes. */
static bool
spec_userns(void)
{
	return CONFIG_USERNS &&
	       ((spec.clone_flags & CLONE_NEWUSER) || spec.userns_path);
}

/* A namespace of this type to create, or one to join by path. */
static bool
spec_has_ns(int flag)
{
	for (int i = 0; i < spec.nns; i++)
		if (spec.ns[i].flag == flag)
			return true;
	return false;
}

/* A uts namespace of the container's own: new, or joined by a path that
 * is not rt's (whose hostname is the host's). */
static bool
spec_own_uts(void)
{
	return (spec.clone_flags & CLONE_NEWUTS) ||
	       spec_ns_path(CLONE_NEWUTS, "/proc/self/ns/uts");
}

/* hooks: runtime-spec config.md "POSIX-platform Hooks". */
static const char *const hook_names[NHOOKKINDS] = {
	"prestart", "createRuntime", "createContainer", "startContainer",
	"poststart", "poststop",
};

/* A JSON array of strings within a limit; returns its token or -1. */
static int
spec_str_array(int i, const char *jp, long max, const char *sym)
{
	int e, x;
	char ep[JP_MAX];

	if (js_null(i))
		return -1;
	js_array(i, jp, max, sym);
	JS_EACH_ELEM(i, e, x) {
		jp_make(ep, "%s[%d]", jp, x);
		js_str(e, ep);
	}
	return i;
}

static void
spec_hook_args(int i, const char *jp, void *dst)
{
	*(int *)dst = spec_str_array(i, jp, LIMIT(MAX_ARGS));
}

static void
spec_hook_env(int i, const char *jp, void *dst)
{
	*(int *)dst = spec_str_array(i, jp, LIMIT(MAX_ENV));
}

static const struct member hook_rows[] = {	/* hooks.<kind>[] */
	M_PATH("path", struct hook, path, REQUIRED),
	M_FN_AT("args", struct hook, args, spec_hook_args),
	M_FN_AT("env", struct hook, env, spec_hook_env),
	M_INT("timeout", struct hook, timeout, 1, INT_MAX, OR_NULL),
};

static void
spec_hook(int i, const char *jp, void *dst)
{
	struct hook *h = dst;

	memset(h, 0, sizeof(*h));
	h->args = h->env = -1;
	SPEC_OBJECT(i, jp, hook_rows, h);
	if (h->path[0] != '/')
		die("%s: %s.path: %s: not an absolute path", js_file, jp, h->path);
}

#define M_HOOKS(n, kind) M_FNS(n, struct spec, hooks[kind], nhooks[kind], \
			       MAX_HOOKS, spec_hook, OR_NULL)
static const struct member hooks_rows[] = {	/* in hook_names' order */
	M_HOOKS("prestart", H_PRESTART),
	M_HOOKS("createRuntime", H_CREATE_RUNTIME),
	M_HOOKS("createContainer", H_CREATE_CONTAINER),
	M_HOOKS("startContainer", H_START_CONTAINER),
	M_HOOKS("poststart", H_POSTSTART),
	M_HOOKS("poststop", H_POSTSTOP),
};

static void
spec_hooks(int i, const char *jp, void *dst)
{
	struct spec *s = dst;

	js_expect(i, JSMN_OBJECT, jp);
	s->hooks_tok = i;
	SPEC_OBJECT(i, jp, hooks_rows, s);
}

/* a sysctl's namespace (ipc, uts or network): its word, or the
 * /proc/self/ns file of the host's */
static const char *
sysctl_ns(int ns, bool word)
{
	if (ns == CLONE_NEWNET)
		return word ? "network" : "/proc/self/ns/net";
	if (ns == CLONE_NEWIPC)
		return word ? "ipc" : "/proc/self/ns/ipc";
	return word ? "uts" : "/proc/self/ns/uts";
}

/* linux.sysctl: only parameters of a namespace the container has of its
 * own (runc's validation): ipc, uts, and net.* with a network namespace. */
static void
spec_sysctl(int i, const char *jp)
{
	static const struct {
		const char *prefix;
		int ns;
	} nsd[] = {
		{ "kernel.msgmax", CLONE_NEWIPC }, { "kernel.msgmnb", CLONE_NEWIPC },
		{ "kernel.msgmni", CLONE_NEWIPC }, { "kernel.sem", CLONE_NEWIPC },
		{ "kernel.shmall", CLONE_NEWIPC }, { "kernel.shmmax", CLONE_NEWIPC },
		{ "kernel.shmmni", CLONE_NEWIPC },
		{ "kernel.shm_rmid_forced", CLONE_NEWIPC },
		{ "fs.mqueue.", CLONE_NEWIPC }, { "net.", CLONE_NEWNET },
		{ "kernel.hostname", CLONE_NEWUTS },
		{ "kernel.domainname", CLONE_NEWUTS },
	};
	int k, n;
	char kp[JP_MAX];

	js_expect(i, JSMN_OBJECT, jp);
	check_limit(jp, toks[i].size, LIMIT(MAX_SYSCTLS));
	JS_EACH_MEMBER(i, k, n) {
		char *key = cfgbuf + toks[k].start;
		size_t d;

		jp_make(kp, "%s.%s", jp, key);
		for (d = 0; d < ARRAY_LEN(nsd); d++)
			if (!strncmp(key, nsd[d].prefix, strlen(nsd[d].prefix)))
				break;
		if (d == ARRAY_LEN(nsd))
			die("%s: %s: not a namespaced parameter (runc refuses "
			    "it too)", js_file, kp);
		if (!(spec.clone_flags & nsd[d].ns) &&
		    !spec_ns_path(nsd[d].ns, sysctl_ns(nsd[d].ns, false)))
			die("%s: %s: the container shares the host's %s "
			    "namespace", js_file, kp, sysctl_ns(nsd[d].ns, true));
		if (strstr(key, "..") || strchr(key, '/'))
			die("%s: %s: not a parameter name", js_file, kp);
		spec.sysctl[spec.nsysctl].k = key;
		spec.sysctl[spec.nsysctl++].v = js_str(k + 1, kp);
	}
}

/* linux.mountLabel: kept where SELinux is enabled; elsewhere ignored with
 * a debug line (no label can apply, and crun does the same). */
static void
spec_mount_label(int i, const char *jp, void *dst)
{
	char *v = js_str(i, jp);

	if (!*v)
		return;
	if (lsm_enabled(LSM_SELINUX))
		*(char **)dst = v;
	else
		debug("%s: %s: ignored: SELinux is not enabled on this host",
		      js_file, jp);
}

/*
 * mountLabel as context="LABEL" in the data of every filesystem mount that
 * takes it (runc: not proc, sysfs, cgroup or mqueue, which is labelled by
 * its xattr; a bind takes no data).
 */
static void
spec_mount_labels(void)
{
	static const char *const skip[] = {
		"proc", "sysfs", "cgroup", "cgroup2", "mqueue",
	};
	char data[MAX_PATH];
	struct mnt *m;
	int k;

	for (m = spec.mounts; spec.mount_label && m < spec.mounts +
	     spec.nmounts; m++) {
		for (k = 0; k < ARRAY_LEN(skip); k++)
			if (!strcmp(m->type ? m->type : "", skip[k]))
				break;
		if ((m->flags & MS_BIND) || k < ARRAY_LEN(skip))
			continue;
		if (snprintf(data, sizeof(data), "%s%scontext=\"%s\"",
			     m->data ? m->data : "", m->data ? "," : "",
			     spec.mount_label) >= (int)sizeof(data))
			die("%s: mount %s: options and linux.mountLabel longer "
			    "than %d bytes (raise %s)", js_file, m->dest,
			    MAX_PATH - 1, LIMIT_NAME(MAX_PATH));
		m->data = pool_add(data, strlen(data));
	}
}

/* linux.memoryPolicy: MPOL_* modes at their kernel values, flags ORed in
 * (linux/mempolicy.h). */
static const char *const mpol_modes[] = {
	"MPOL_DEFAULT", "MPOL_PREFERRED", "MPOL_BIND", "MPOL_INTERLEAVE",
	"MPOL_LOCAL", "MPOL_PREFERRED_MANY", "MPOL_WEIGHTED_INTERLEAVE",
};
static const char *const mpol_flag_names[] = {	/* 1 << 13 ... 1 << 15 */
	"MPOL_F_NUMA_BALANCING", "MPOL_F_RELATIVE_NODES", "MPOL_F_STATIC_NODES",
};

static void
spec_mpol_nodes(int i, const char *jp, void *dst)
{
	struct mpol *m = dst;

	memset(m->nodes, 0, sizeof(m->nodes));
	m->nnodes = spec_cpulist(js_str(i, jp), jp, m->nodes, MAX_NUMA_NODES,
				 NULL);
}

static void
spec_mpol_flags(int i, const char *jp, void *dst)
{
	struct mpol *m = dst;
	char ep[JP_MAX];
	const char *f;
	int e, x, k;

	m->flags = 0;
	js_expect(i, JSMN_ARRAY, jp);
	JS_EACH_ELEM(i, e, x) {
		jp_make(ep, "%s[%d]", jp, x);
		f = js_str(e, ep);
		for (k = 0; k < ARRAY_LEN(mpol_flag_names); k++)
			if (!strcmp(f, mpol_flag_names[k]))
				break;
		if (k == ARRAY_LEN(mpol_flag_names))
			die("%s: %s: unknown flag \"%s\"", js_file, ep, f);
		m->flags |= 1U << (13 + k);
	}
}

static const struct member mpol_rows[] = {	/* linux.memoryPolicy */
	M_ENUM("mode", struct mpol, mode, mpol_modes, "mode", REQUIRED),
	M_FN("nodes", spec_mpol_nodes),
	M_FN("flags", spec_mpol_flags),
};

/* linux.memoryPolicy: the nodes a mode takes, checked as runc does. */
static void
spec_mpol(int i, const char *jp, void *dst)
{
	struct mpol *m = dst;
	bool none;

	SPEC_OBJECT(i, jp, mpol_rows, m);
	none = m->mode == 0 || m->mode == 4;	/* DEFAULT, LOCAL */
	if (none && m->nnodes)
		die("%s: %s.nodes: %s takes no nodes", js_file, jp,
		    mpol_modes[m->mode]);
	if (!none && m->mode != 1 && !m->nnodes)	/* PREFERRED: 0 or 1 */
		die("%s: %s.nodes: %s needs at least one node", js_file, jp,
		    mpol_modes[m->mode]);
	m->on = true;
}

static const struct member netdev_rows[] = {	/* linux.netDevices.<dev> */
	M_STR("name", struct netdev, name),
};

/* linux.netDevices: host devices, by name, to move into the container's
 * network namespace (checked there once the namespaces are known). */
static void
spec_net_devices(int i, const char *jp, void *dst)
{
	struct spec *s = dst;
	char kp[JP_MAX];
	int k, n;

	js_expect(i, JSMN_OBJECT, jp);
	check_limit(jp, toks[i].size, LIMIT(MAX_NET_DEVICES));
	s->nnetdev = 0;
	JS_EACH_MEMBER(i, k, n) {
		struct netdev *d = &s->netdev[s->nnetdev++];
		const char *h = cfgbuf + toks[k].start;

		jp_make(kp, "%s.%s", jp, h);
		d->host = js_str(k, kp);
		d->name = NULL;
		SPEC_OBJECT(k + 1, kp, netdev_rows, d);
		if (!*d->host || strlen(d->host) >= IFNAMSIZ ||
		    (d->name && (!*d->name || strlen(d->name) >= IFNAMSIZ)))
			die("%s: %s: not a network device name (1 to %d bytes)",
			    js_file, kp, IFNAMSIZ - 1);
	}	/* on the host: by ctr_net_devices (exec reads this again) */
}

/* linux.intelRdt: refused, saying why where the host has no resctrl (no
 * RDT to apply it to); {} asks for nothing. */
static void
spec_intel_rdt(int i, const char *jp, void *dst)
{
	struct statfs sf;

	(void)dst;
	js_expect(i, JSMN_OBJECT, jp);
	if (!toks[i].size)
		return;
	if (statfs("/sys/fs/resctrl", &sf) < 0 || sf.f_type != 0x7655821)
		die("%s: %s: resctrl is not mounted at /sys/fs/resctrl (no "
		    "Intel RDT here)", js_file, jp);
	die("%s: %s: not supported yet", js_file, jp);
}

/* linux.sysctl is checked against the namespaces, after the others. */
static void
spec_sysctl_tok(int i, const char *jp, void *dst)
{
	(void)jp, (void)dst;
	sysctl_tok = i;
}

static const struct member linux_rows[] = {	/* linux */
	M_FNS("namespaces", struct spec, ns, nns, MAX_NAMESPACES,
	      spec_namespace),
	M_FNS("devices", struct spec, devices, ndevices, MAX_DEVICES,
	      spec_device),
	M_PATHS("maskedPaths", struct spec, masked, nmasked, MAX_MASKED_PATHS),
	M_PATHS("readonlyPaths", struct spec, readonly, nreadonly,
		MAX_MASKED_PATHS),
	M_FN_AT("rootfsPropagation", struct spec, root_prop, spec_propagation),
	M_OBJ_AT_IF(CGROUPS, "resources", struct spec, res, resources_rows),
	M_FN_AT_IF(CGROUPS, "cgroupsPath", struct spec, cgroups_path,
		   spec_cgroups_path),
	M_FN_AT_IF(SECCOMP, "seccomp", struct spec, sc, spec_seccomp,
		   OR_NULL),
	M_OBJS("uidMappings", struct spec, uidmap, nuidmap,
	       MAX_ID_MAPPINGS, idmap_rows),
	M_OBJS("gidMappings", struct spec, gidmap, ngidmap,
	       MAX_ID_MAPPINGS, idmap_rows),
	M_FN_IF(TIMENS, "timeOffsets", spec_time_offsets),
	M_FN_IF(PERSONALITY, "personality", spec_personality),
	M_FN_AT_IF(LSM, "mountLabel", struct spec, mount_label,
		   spec_mount_label),
	M_FN_IF(SYSCTL, "sysctl", spec_sysctl_tok),
	M_FN("intelRdt", spec_intel_rdt, OR_NULL),
	M_FN_IF(NET_DEVICES, "netDevices", spec_net_devices),
	M_FN_AT_IF(MEMORY_POLICY, "memoryPolicy", struct spec, mpol,
		   spec_mpol, OR_NULL),
};

static void
spec_linux(int i, const char *jp, void *dst)
{
	SPEC_OBJECT(i, jp, linux_rows, dst);
	if (CONFIG_SYSCTL && sysctl_tok > 0 && !js_null(sysctl_tok))
		spec_sysctl(sysctl_tok, "linux.sysctl");
}

static void
spec_version(int i, const char *jp, void *dst)
{
	const char *v = js_str(i, jp);

	if (strncmp(v, "1.0.", 4) && strncmp(v, "1.1.", 4) &&
	    strncmp(v, "1.2.", 4) && strncmp(v, "1.3.", 4))
		die("%s: ociVersion: unsupported version \"%s\"", js_file, v);
	*(char **)dst = (char *)v;
}

static void
spec_annotations(int i, const char *jp, void *dst)
{
	struct spec *s = dst;
	int k, n;
	char kp[JP_MAX];

	js_expect(i, JSMN_OBJECT, jp);
	check_limit(jp, toks[i].size, LIMIT(MAX_ANNOTATIONS));
	JS_EACH_MEMBER(i, k, n) {
		jp_make(kp, "%s.%s", jp, cfgbuf + toks[k].start);
		s->annot[s->nannot][0] = cfgbuf + toks[k].start;
		s->annot[s->nannot++][1] = js_str(k + 1, kp);
	}
}

/* The arrays of features compiled out (MK_ARRAY rows have no room for
 * the symbol of an MK_OFF row): refused once parsed. */
static void
spec_off_arrays(void)
{
	const char *jp = NULL;

	if (!CONFIG_USERNS && (spec.nuidmap || spec.ngidmap))
		jp = spec.nuidmap ? "linux.uidMappings" : "linux.gidMappings";
	if (jp)
		die("%s: %s: not in this build (CONFIG_USERNS=n)", js_file, jp);
	if (!CONFIG_CGROUP_DEVICES && spec.res.ndev)
		die("%s: linux.resources.devices: not in this build "
		    "(CONFIG_CGROUP_DEVICES=n)", js_file);
}

/* Checks that need the whole spec. */
static void
spec_validate(void)
{
	spec_off_arrays();
	if (!spec.oci_version)
		die("%s: ociVersion: missing", js_file);
	if (!spec.proc.nargs)
		die("%s: process: missing", js_file);
	if (!spec.root)
		die("%s: root.path: missing", js_file);
	/* a deliberate deviation from the spec, which lets a missing mount
	 * namespace mean rt's own: every mount would land in the host's */
	if (!spec_has_ns(CLONE_NEWNS))
		die("%s: linux.namespaces: no mount namespace: rt would mount into "
		    "the host's (add one, or join one by path)", js_file);
	if (!(spec.clone_flags & CLONE_NEWNS) &&
	    !spec_ns_path(CLONE_NEWNS, "/proc/self/ns/mnt"))
		die("%s: linux.namespaces: the mount namespace joined by path is "
		    "rt's own: every mount would land there", js_file);
	if (*spec.timens && !(spec.clone_flags & CLONE_NEWTIME))
		die("%s: linux.timeOffsets: needs a new time namespace", js_file);
	if ((spec.nuidmap || spec.ngidmap) && !spec_userns())
		die("%s: linux.%s: needs a user namespace", js_file,
		    spec.nuidmap ? "uidMappings" : "gidMappings");
	if ((spec.clone_flags & CLONE_NEWUSER) && (!spec.nuidmap || !spec.ngidmap))
		die("%s: linux.%s: a new user namespace needs mappings", js_file,
		    spec.nuidmap ? "gidMappings" : "uidMappings");
	spec.own_uts = spec_own_uts();
	if (spec.hostname && *spec.hostname && !spec.own_uts)
		die("%s: hostname: needs a new uts namespace (or one joined by "
		    "path)", js_file);
	if (spec.domainname && *spec.domainname && !spec.own_uts)
		die("%s: domainname: needs a new uts namespace (or one joined by "
		    "path)", js_file);
	spec_mount_labels();
	if (spec.nnetdev && !(spec.clone_flags & CLONE_NEWNET) &&
	    !spec_ns_path(CLONE_NEWNET, "/proc/self/ns/net"))
		die("%s: linux.netDevices: needs a network namespace of the "
		    "container's own", js_file);
	for (int i = 0; i < spec.nmounts; i++)
		if (spec.mounts[i].idmap && !spec.mounts[i].nuidmap &&
		    !spec_userns())
			die("%s: mounts[%d]: idmap without uidMappings and "
			    "gidMappings needs a user namespace", js_file, i);
	for (int i = 0; i < spec.nsysctl; i++) {	/* runc's words */
		const char *k = spec.sysctl[i].k;

		if (!strcmp(k, "kernel.hostname") ||
		    (!strcmp(k, "kernel.domainname") && spec.domainname))
			die("%s: linux.sysctl.%s: not allowed, as it conflicts "
			    "with the OCI \"%s\" field", js_file, k, k + 7);
	}
}

static const struct member spec_rows[] = {	/* config.json */
	M_FN_AT("ociVersion", struct spec, oci_version, spec_version),
	M_FN_AT("process", struct spec, proc, spec_process),
	M_OBJ("root", root_rows),
	M_STR("hostname", struct spec, hostname),
	M_STR("domainname", struct spec, domainname),
	M_FNS("mounts", struct spec, mounts, nmounts, MAX_MOUNTS,
	      spec_mount),
	M_FN("linux", spec_linux),
	M_FN("annotations", spec_annotations),
	M_FN_IF(HOOKS, "hooks", spec_hooks, OR_NULL),
};

/* Parses config.json in the current directory (the bundle). */
static void
spec_load(void)
{
	js_load("config.json", "config.json");
	spec_res_init(&spec.res);
	SPEC_OBJECT(0, "", spec_rows, &spec);
	spec_validate();
}

/*
 * ==== 11. state ===========================================================
 * /run/rt/<id>/ (global --root moves it), 0700: `state` (key value lines,
 * written atomically), `annotations` (escaped key and value, a tab between)
 * and, from create to start, `exec.fifo`.  The directory is locked with
 * flock(2) by every command that changes it.  A live init is told from a
 * reused pid by its starttime in /proc/PID/stat.
 */

/* runc's rule: letters, digits, "_+-." ; not "." or ".." */
static void
st_check_id(const char *id)
{
	size_t len = strlen(id);

	if (len == 0 || len > MAX_ID || !strcmp(id, ".") || !strcmp(id, "..") ||
	    strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		   "0123456789_+-.") != len)
		die("%s: invalid container ID format", id);
}

static void
st_file(char *buf, const char *name)
{
	xsnprintf(buf, MAX_PATH, "%s/%s", st_path, name);
}

static const char *const st_files[] = {	/* what rt puts in the dir */
	"state", "annotations", "exec.fifo", "seccomp", "hooks", "exec",
	"seccomp.notify",
};
enum { SF_STATE = 1 << 0, SF_ANNOT = 1 << 1, SF_FIFO = 1 << 2,
       SF_SECCOMP = 1 << 3, SF_HOOKS = 1 << 4, SF_EXEC = 1 << 5,
       SF_NOTIFY = 1 << 6 };

/*
 * Removes the state directory and what rt puts in it: all it holds
 * (delete: a killed rt may have left a tmp file), or, undoing this rt's
 * create (only_made), the files it wrote; xwrite_atomic leaves no tmp
 * file behind when it dies.
 */
static void
st_remove_dir(intptr_t only_made)
{
	static struct dirscan d;
	char path[MAX_PATH];
	const char *name;

	for (size_t i = 0; only_made && i < ARRAY_LEN(st_files); i++) {
		if (!(st_made >> i & 1))
			continue;
		st_file(path, st_files[i]);
		unlink(path);
	}
	if (!only_made && dir_open(&d, st_path))
		while ((name = dir_next(&d)))
			if (strcmp(name, ".") && strcmp(name, ".."))
				unlinkat(d.fd, name, 0);
	rmdir(st_path);
}

static void
st_lock(int op, const char *id)
{
	if (flock(st_fd, op) < 0)
		die_errno("%s: lock", id);
}

/* mkdir -p of the state root */
static void
st_create_root(void)
{
	char dir[MAX_PATH];

	xsnprintf(dir, sizeof(dir), "%s", st_root);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(dir, 0755) < 0 && errno != EEXIST)
			die_errno("mkdir %s", dir);
		*p = '/';
	}
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		die_errno("mkdir %s", dir);
}

/* The container's directory, locked; the state root first when it is
 * not there yet. */
static void
st_create(const char *id)
{
	int r;

	xsnprintf(st_path, sizeof(st_path), "%s/%s", st_root, id);
	r = mkdir(st_path, 0700);
	if (r < 0 && errno == ENOENT) {
		st_create_root();
		r = mkdir(st_path, 0700);
	}
	if (r < 0) {
		if (errno == EEXIST)
			die("%s: container with given ID already exists", id);
		die_errno("mkdir %s", st_path);
	}
	undo_push(st_remove_dir, 1);
	st_fd = xopen(st_path, O_RDONLY | O_DIRECTORY, 0);
	st_lock(LOCK_EX, id);
}

/* The starttime of pid (field 22 of /proc/PID/stat), 0 if it is gone or a
 * zombie (runc counts a zombie init as stopped). */
static unsigned long long
proc_starttime(pid_t pid)
{
	char path[32], buf[1024], *p;
	unsigned long long start = 0;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (pid <= 0 || readproc(path, buf, sizeof(buf)) < 0)
		return 0;
	p = strrchr(buf, ')');		/* comm may hold spaces and ')' */
	if (!p || p[1] != ' ' || p[2] == 'Z' || p[2] == 'X')
		return 0;
	p += 2;
	for (int field = 3; field < 22 && p; field++) {
		p = strchr(p, ' ');
		p = p ? p + 1 : NULL;
	}
	if (p)
		start = strtoull(p, NULL, 10);
	return start;
}

/* The inode of pid's pid namespace, 0 if it cannot be read. */
static unsigned long long
pidns_of(pid_t pid)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/ns/pid", (int)pid);
	return stat(path, &st) == 0 ? (unsigned long long)st.st_ino : 0;
}

/* The parent pid of pid (field 4 of /proc/PID/stat), 0 if it is gone. */
static pid_t
proc_ppid(pid_t pid)
{
	char path[32], buf[1024], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (pid <= 0 || readproc(path, buf, sizeof(buf)) < 0)
		return 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] ? (pid_t)atoi(p + 4) : 0;
}

static bool
st_alive(const struct state *s)
{
	return s->pid > 0 && s->start && proc_starttime(s->pid) == s->start;
}

static void
st_save(const struct state *s)
{
	static char buf[4 * MAX_PATH];
	char path[MAX_PATH];

	snprintf(buf, sizeof(buf), "pid %d\nstart %llu\nowner %u\ncreated %s\n"
		 "bundle %s\nrootfs %s\ncgroup %s\ncg_made %d\npidns %llu\n",
		 (int)s->pid, s->start, (unsigned)s->owner, s->created, s->bundle,
		 s->rootfs, s->cgroup, s->cg_made, s->pidns);
	st_made |= SF_STATE;
	st_file(path, "state");
	xwrite_atomic(path, buf);
}

/* annotations as escaped "key\tvalue" lines, ready to print as JSON:
 * CONFIG_MAX_ANNOTATIONS_SIZE bytes at most, so that state, list and the
 * hooks' state show them whole. */
static void
st_save_annotations(void)
{
	static char buf[MAX_ANNOTATIONS_SIZE + 1];
	char path[MAX_PATH];
	size_t o = 0;

	if (!spec.nannot)
		return;
	for (int i = 0; i < 2 * spec.nannot; i++) {	/* key, value, ... */
		const char *kv = spec.annot[i / 2][i % 2];

		if (o + 1 >= sizeof(buf) ||
		    !json_escape(buf + o, sizeof(buf) - 1 - o, kv))
			die("%s: annotations: more than %d bytes stored as JSON "
			    "(raise %s)", js_file, LIMIT(MAX_ANNOTATIONS_SIZE));
		o += strlen(buf + o);
		buf[o++] = i % 2 ? '\n' : '\t';
	}
	buf[o] = 0;
	st_made |= SF_ANNOT;
	st_file(path, "annotations");
	xwrite_atomic(path, buf);
}

/* Parses the state file; -1 if it is missing or damaged. */
static int
st_load(struct state *s)
{
	static char buf[4 * MAX_PATH + 256];
	char path[MAX_PATH], *line, *next;

	st_file(path, "state");
	memset(s, 0, sizeof(*s));
	if (readfile(path, buf, sizeof(buf)) < 0)
		return -1;
	for (line = buf; *line; line = next) {
		char *v = line + strcspn(line, " \n");

		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = 0;
		if (*v)
			*v++ = 0;
		if (!strcmp(line, "pid"))
			s->pid = (pid_t)atoi(v);
		else if (!strcmp(line, "start"))
			s->start = strtoull(v, NULL, 10);
		else if (!strcmp(line, "owner"))
			s->owner = (uid_t)strtoul(v, NULL, 10);
		else if (!strcmp(line, "created"))
			snprintf(s->created, sizeof(s->created), "%s", v);
		else if (!strcmp(line, "bundle"))
			snprintf(s->bundle, sizeof(s->bundle), "%s", v);
		else if (!strcmp(line, "rootfs"))
			snprintf(s->rootfs, sizeof(s->rootfs), "%s", v);
		else if (!strcmp(line, "cgroup"))
			snprintf(s->cgroup, sizeof(s->cgroup), "%s", v);
		else if (!strcmp(line, "cg_made"))
			s->cg_made = atoi(v);
		else if (!strcmp(line, "pidns"))
			s->pidns = strtoull(v, NULL, 10);
	}
	return s->bundle[0] ? 0 : -1;
}

/*
 * Opens an existing container's state, locked with op (LOCK_EX to change
 * it, LOCK_SH to read it).  -1 when there is no such container; a dir
 * without a state file is what a killed create leaves.
 */
static int
st_open(const char *id, int op, struct state *s)
{
	st_check_id(id);
	xsnprintf(st_path, sizeof(st_path), "%s/%s", st_root, id);
	if (st_fd >= 0)
		close(st_fd);
	st_fd = openat(AT_FDCWD, st_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (st_fd < 0) {
		if (errno == ENOENT)
			return -1;
		die_errno("%s", st_path);
	}
	if (op)
		st_lock(op, id);
	return st_load(s);
}

static const char *
st_status(const struct state *s)
{
	char path[MAX_PATH];

	char frozen[8];

	if (!st_alive(s))
		return "stopped";
	st_file(path, "exec.fifo");
	if (access(path, F_OK) == 0)
		return "created";
	xsnprintf(path, sizeof(path), "%s/cgroup.freeze", s->cgroup);
	if (s->cgroup[0] && readfile(path, frozen, sizeof(frozen)) > 0 &&
	    frozen[0] == '1')
		return "paused";
	return "running";
}

/* Dies with runc's words unless the container exists. */
static void
st_must_open(const char *id, int op, struct state *s)
{
	if (st_open(id, op, s) < 0)
		die("%s: container does not exist", id);
}

/* uid -> user name from /etc/passwd (list's OWNER), or the number. */
static const char *
user_name(uid_t uid)
{
	static char num[16];
	const char *f = passwd_field(uid, 0);

	if (f)
		return f;
	snprintf(num, sizeof(num), "#%u", (unsigned)uid);
	return num;
}

/* The rootfs as state shows it: absolute and clean (bundle_enter), as
 * runc's "rootfs" field. */
static void
st_fill(struct state *st)
{
	memset(st, 0, sizeof(*st));
	st->owner = rt_self.uid;
	if (!rt_self.read || st->owner == (uid_t)-1)
		st->owner = getuid();
	rfc3339(st->created, sizeof(st->created), true);
	if (!getcwd(st->bundle, sizeof(st->bundle)))
		die_errno("getcwd");
	xsnprintf(st->rootfs, sizeof(st->rootfs), "%s", spec.root);
	if (strchr(st->bundle, '\n') || strchr(st->rootfs, '\n'))
		die("bundle %s: a path with a newline cannot be stored",
		    st->bundle);
}

/* runc's state JSON into out (the hooks' stdin, `state`, `list`). */
#define HOOK_PID_MARK "\"pid\":2147483647"	/* a pid of INT_MAX, rendered */

static void
state_json(char *out, size_t size, const char *id, const struct state *st,
	   const char *status, bool pretty, const char *owner)
{
	static char buf[MAX_ANNOTATIONS_SIZE + 2], b[6 * MAX_PATH],
		    r[6 * MAX_PATH];
	char path[MAX_PATH];
	const char *nl = pretty ? "\n  " : "", *sp = pretty ? " " : "";
	pid_t pid = strcmp(status, "stopped") ? st->pid : 0;
	ssize_t n;

	json_escape(b, sizeof(b), st->bundle);
	json_escape(r, sizeof(r), st->rootfs);
	*out = 0;
	buf_add(out, size, "{%s\"ociVersion\":%s\"" SPEC_VERSION "\",%s\"id\":%s\"%s\",%s"
		"\"pid\":%s%d,%s\"status\":%s\"%s\",%s\"bundle\":%s\"%s\",%s"
		"\"rootfs\":%s\"%s\",%s\"created\":%s\"%s\",", nl, sp, nl, sp, id,
		nl, sp, (int)pid, nl, sp, status, nl, sp, b, nl, sp, r, nl, sp,
		st->created);
	st_file(path, "annotations");
	n = readfile(path, buf, sizeof(buf));
	if (n > MAX_ANNOTATIONS_SIZE)	/* another build's, bigger */
		die("%s: more than %d bytes (raise %s)", path,
		    LIMIT(MAX_ANNOTATIONS_SIZE));
	if (n > 0) {
		char *line = buf, *next;

		buf_add(out, size, "%s\"annotations\":%s{", nl, sp);
		for (; *line; line = next) {
			char *tab = strchr(line, '\t');

			next = line + strcspn(line, "\n");
			if (*next)
				*next++ = 0;
			if (!tab)
				continue;
			*tab = 0;
			buf_add(out, size, "%s\"%s\":%s\"%s\"%s", pretty ?
				"\n    " : "", line, sp, tab + 1, *next ? "," : "");
		}
		buf_add(out, size, "%s},", pretty ? "\n  " : "");
	}
	if (owner)			/* runc's state has it, hooks' not */
		buf_add(out, size, "%s\"owner\":%s\"%s\"", nl, sp, owner);
	else
		out[strlen(out) - 1] = 0;	/* the last comma */
	buf_add(out, size, "%s}", pretty ? "\n" : "");
}

static void
print_state_json(const char *id, const struct state *st, const char *status,
		 bool pretty, const char *owner)
{
	static char out[STATE_JSON_MAX];

	state_json(out, sizeof(out), id, st, status, pretty, owner);
	fputs(out, stdout);
}

/*
 * ==== 12. cgroup ==========================================================
 * cgroup v2 by file writes; parent only.  The container's directory comes
 * from linux.cgroupsPath as runc's fs2 driver reads it; the controllers it
 * needs are enabled top-down in each ancestor's cgroup.subtree_control;
 * the init is cloned straight into it (clone3 CLONE_INTO_CGROUP, Linux
 * 5.7) so it runs no code outside it.  Device rules become an eBPF program
 * (section 12b).  On a hybrid host the unified hierarchy has no
 * controllers: containers that ask for no limits still get their own
 * directory there (freeze, kill and procs work), the others are refused.
 */

/* The cgroup2 mount: "/sys/fs/cgroup" on a pure v2 host and
 * "/sys/fs/cgroup/unified" on a hybrid one (where runc looks), asked of
 * statfs; elsewhere the first cgroup2 mount in mountinfo. */
static bool
cg_find_mount(void)
{
	static const char *const usual[] = {
		"/sys/fs/cgroup", "/sys/fs/cgroup/unified",
	};
	static char buf[65536];
	char *line, *next;
	struct statfs sf;

	if (cg_mnt[0])
		return true;
	for (size_t i = 0; i < ARRAY_LEN(usual); i++)
		if (statfs(usual[i], &sf) == 0 &&
		    sf.f_type == CGROUP2_SUPER_MAGIC) {
			strcpy(cg_mnt, usual[i]);
			return true;
		}
	if (readfile("/proc/self/mountinfo", buf, sizeof(buf)) < 0)
		return false;
	for (line = buf; *line; line = next) {
		char *f[10], *p = line;
		int n = 0;

		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = 0;
		while (n < 10 && (f[n] = strsep(&p, " ")))
			n++;
		for (int i = 6; i + 1 < n; i++)	/* optional fields end at "-" */
			if (!strcmp(f[i], "-") && !strcmp(f[i + 1], "cgroup2")) {
				xsnprintf(cg_mnt, sizeof(cg_mnt), "%s", f[4]);
				return true;
			}
	}
	return false;
}

/* "a-b-c.slice" -> "/a.slice/a-b.slice/a-b-c.slice", as systemd nests
 * slices (runc's ExpandSlice). */
static void
cg_expand_slice(char *out, size_t n, const char *slice)
{
	size_t len = strlen(slice) - 6, o = 0;	/* without ".slice" */

	out[0] = 0;
	if (!strcmp(slice, "-.slice"))
		return;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && slice[i] != '-')
			continue;
		o += (size_t)snprintf(out + o, n - o, "/%.*s.slice", (int)i, slice);
		if (o >= n)
			die("%s: linux.cgroupsPath: slice too long", js_file);
	}
}

/* linux.cgroupsPath -> a path below the cgroup2 mount (runc's fs2
 * defaultDirPath; "slice:prefix:name" as systemd would place the unit). */
static void
cg_path(char *out, const char *id)
{
	const char *p = spec.cgroups_path ? spec.cgroups_path : "";
	char own[MAX_PATH], slice[MAX_PATH], *c;

	if (*p != '/' && strchr(p, ':')) {
		const char *c1 = strchr(p, ':'), *c2 = strchr(c1 + 1, ':');
		char s[MAX_PATH];

		if (!c2 || c1 - p + 7 >= MAX_PATH)
			die("%s: linux.cgroupsPath: \"%s\": expected slice:prefix:name",
			    js_file, p);
		snprintf(s, sizeof(s), "%.*s", (int)(c1 - p), p);
		if (!*s)
			strcpy(s, "system.slice");
		if (strlen(s) < 7 || strcmp(s + strlen(s) - 6, ".slice"))
			die("%s: linux.cgroupsPath: %s: not a slice", js_file, s);
		cg_expand_slice(slice, sizeof(slice), s);
		xsnprintf(out, MAX_PATH, "%s%s/%.*s-%s.scope", cg_mnt, slice,
			  (int)(c2 - c1 - 1), c1 + 1, c2 + 1);
		return;
	}
	if (*p == '/') {
		xsnprintf(out, MAX_PATH, "%s%s", cg_mnt, p);
		return;
	}
	/* relative or empty: below the parent of rt's own cgroup, whose
	 * processes would keep it from enabling controllers (runc) */
	if (readproc("/proc/self/cgroup", own, sizeof(own)) < 0 ||
	    !(c = strstr(own, "0::/")))
		die_errno("/proc/self/cgroup: no cgroup v2 line");
	c += 3;
	c[strcspn(c, "\n")] = 0;
	if (strrchr(c, '/') == c)
		c[1] = 0;
	else
		*strrchr(c, '/') = 0;
	xsnprintf(out, MAX_PATH, "%s%s%s%s", cg_mnt, strcmp(c, "/") ? c : "",
		  "/", *p ? p : id);
}

/* Reads a cgroup file into buf; "" when it is missing. */
static const char *
cg_read(const char *dir, const char *file, char *buf, size_t n)
{
	char path[MAX_PATH];

	xsnprintf(path, sizeof(path), "%s/%s", dir, file);
	if (readfile(path, buf, n) < 0)
		buf[0] = 0;
	return buf;
}

/* The cgroup has that file (its controller is on, the kernel has it). */
static bool
cg_has(const char *dir, const char *file)
{
	char path[MAX_PATH];

	xsnprintf(path, sizeof(path), "%s/%s", dir, file);
	return access(path, F_OK) == 0;
}

/* The linux.resources member cg_apply is writing ("" between them). */
static char cg_jp[96];

static void
cg_at(const char *member, int idx)
{
	if (idx < 0)
		snprintf(cg_jp, sizeof(cg_jp), "linux.resources.%s: ", member);
	else
		snprintf(cg_jp, sizeof(cg_jp), "linux.resources.%s[%d]: ",
			 member, idx);
}

/* A file in a cgroup directory; dies naming it (and the member it
 * applies) when the kernel refuses. */
static void
cg_write(const char *dir, const char *file, const char *val)
{
	char path[MAX_PATH];

	xsnprintf(path, sizeof(path), "%s/%s", dir, file);
	if (writefile(path, val, 0, 0) < 0)
		die_errno("cgroup: %swrite \"%s\" to %s", cg_jp, val, path);
}

static void
cg_writef(const char *dir, const char *file, const char *fmt, ...)
	__attribute__((format(__printf__, 3, 4)));

static void
cg_writef(const char *dir, const char *file, const char *fmt, ...)
{
	char val[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(val, sizeof(val), fmt, ap);
	va_end(ap);
	cg_write(dir, file, val);
}

static bool
set(long long v)
{
	return v != UNSET;
}

/* The controllers r needs, as "memory pids ..." words. */
static void
cg_needed(const struct resources *r, char *out, size_t n)
{
	static const char *const ctl[] = {
		"cpu", "cpuset", "io", "memory", "pids", "hugetlb", "rdma", "misc",
	};
	bool need[8] = {
		set(r->cpu_quota) || set(r->cpu_period) || set(r->cpu_burst) ||
		set(r->cpu_idle) || (set(r->cpu_shares) && r->cpu_shares),
		(r->cpus && *r->cpus) || (r->mems && *r->mems),
		(set(r->io_weight) && r->io_weight) || r->n_wdev || r->n_max[0] ||
		r->n_max[1] || r->n_max[2] || r->n_max[3],
		set(r->mem_limit) || set(r->mem_low) || set(r->mem_swap),
		set(r->pids), r->nhuge > 0,
	};

	for (int i = 0; i < r->nunified; i++)
		for (int c = 0; c < 8; c++)
			if (!strncmp(r->unified[i].k, ctl[c], strlen(ctl[c])) &&
			    r->unified[i].k[strlen(ctl[c])] == '.')
				need[c] = true;
	out[0] = 0;
	for (int c = 0; c < 8; c++)
		if (need[c])
			snprintf(out + strlen(out), n - strlen(out), "%s%s",
				 *out ? " " : "", ctl[c]);
}

/* Is word (len bytes, not NUL-terminated) a word of the list of words
 * separated by spaces or newlines? */
static bool
word_in(const char *list, const char *word, size_t len)
{
	for (const char *p = list + strspn(list, " \n"); *p;) {
		size_t n = strcspn(p, " \n");

		if (n == len && !strncmp(p, word, len))
			return true;
		p += n;
		p += strspn(p, " \n");
	}
	return false;
}

/* Writes "+ctl" to a subtree_control file; EBUSY (a process moving in
 * or out) is retried for a needed controller, which dies if it fails. */
static int
cg_subtree_one(const char *file, const char *ctl, size_t len, bool needed)
{
	char add[64];
	struct timespec ts = { 0, 10000000 };

	snprintf(add, sizeof(add), "+%.*s", (int)len, ctl);
	for (int tries = 0; writefile(file, add, 0, 0) < 0; tries++) {
		if (!needed)
			return -1;
		if (errno != EBUSY || tries == 50)
			die_errno("cgroup: write \"%s\" to %s", add, file);
		nanosleep(&ts, NULL);
	}
	return 0;
}

/*
 * One ancestor's cgroup.subtree_control gets every controller in all (the
 * root's cgroup.controllers) that it offers and lacks, as runc's fs2
 * CreateCgroupPath does, so that pids.current, memory.current and cpu.stat
 * exist for every container; all at once, else one by one, where only a
 * needed controller's failure is an error (a level holding processes
 * cannot delegate, EBUSY: runc skips it too).
 */
static void
cg_subtree(const char *path, const char *needed, const char *all)
{
	static char cur[1024], have[1024], add[1024];
	char file[MAX_PATH + 32];

	add[0] = 0;
	xsnprintf(file, sizeof(file), "%s/cgroup.subtree_control", path);
	if (readfile(file, cur, sizeof(cur)) < 0)
		die_errno("cgroup: %s", file);
	xsnprintf(file, sizeof(file), "%s/cgroup.controllers", path);
	if (readfile(file, have, sizeof(have)) < 0)
		die_errno("cgroup: %s", file);
	xsnprintf(file, sizeof(file), "%s/cgroup.subtree_control", path);
	for (const char *w = all; *w; w += strcspn(w, " \n"), w += strspn(w, " \n")) {
		size_t len = strcspn(w, " \n");

		if (len && !word_in(cur, w, len) && word_in(have, w, len))
			buf_add(add, sizeof(add), "%s+%.*s", *add ? " " : "",
				(int)len, w);
	}
	if (!*add || writefile(file, add, 0, 0) == 0)
		return;
	for (const char *w = add; *w; w += strcspn(w, " "), w += *w == ' ') {
		size_t len = strcspn(w, " ") - 1;

		cg_subtree_one(file, w + 1, len, word_in(needed, w + 1, len));
	}
}

/* Dies naming a needed controller that path's cgroup.controllers lacks. */
static void
cg_available(const char *path, const char *needed)
{
	char avail[1024], file[MAX_PATH + 32];

	if (!*needed)
		return;
	xsnprintf(file, sizeof(file), "%s/cgroup.controllers", path);
	if (readfile(file, avail, sizeof(avail)) < 0)
		die_errno("cgroup: %s", file);
	avail[strcspn(avail, "\n")] = 0;
	for (const char *w = needed; *w; w += strcspn(w, " "), w += *w == ' ') {
		size_t len = strcspn(w, " ");

		if (!word_in(avail, w, len))
			die("cgroup: linux.resources needs the %.*s controller, which "
			    "%s does not offer (cgroup.controllers: \"%s\"; on a "
			    "hybrid host it belongs to cgroup v1)", (int)len, w,
			    path, avail);
	}
}

/* Top-down from the mount to dir: each level must offer the controllers,
 * and each ancestor passes them on in its subtree_control. */
static void
cg_enable(const char *dir, const char *needed)
{
	static char all[1024];
	char path[MAX_PATH], file[MAX_PATH + 32];
	size_t i = strlen(cg_mnt);

	xsnprintf(file, sizeof(file), "%s/cgroup.controllers", cg_mnt);
	if (readfile(file, all, sizeof(all)) < 0)
		die_errno("cgroup: %s", file);
	if (!*needed && !all[strspn(all, " \n")])
		return;			/* a hybrid host: nothing to enable */
	xsnprintf(path, sizeof(path), "%s", dir);
	for (;;) {
		char save = path[i];

		path[i] = 0;
		cg_available(*path ? path : "/", needed);
		if (!save)
			break;
		cg_subtree(*path ? path : "/", needed, all);
		path[i] = save;
		i += 1 + strcspn(path + i + 1, "/");
	}
}

/* How many levels of dir below the mount do not exist yet. */
static int
cg_missing(const char *dir)
{
	char path[MAX_PATH];
	int n = 0;

	xsnprintf(path, sizeof(path), "%s", dir);
	while (strlen(path) > strlen(cg_mnt) && access(path, F_OK) < 0) {
		n++;
		*strrchr(path, '/') = 0;
	}
	return n;
}

/* mkdir -p below the mount; returns how many levels it created. */
static int
cg_mkdir(char *dir)
{
	int made = 0;

	for (char *p = dir + strlen(cg_mnt) + 1; ; p++) {
		char c = *p;

		if (c && c != '/')
			continue;
		*p = 0;
		if (mkdir(dir, 0755) == 0)
			made++;
		else if (errno != EEXIST)
			die_errno("cgroup: mkdir %s", dir);
		*p = c;
		if (!c)
			return made;
	}
}

/* The cgroups below dir, deepest first (made in the container, or for
 * exec --cgroup): its processes are gone, so they go with it, as runc's
 * delete removes them; EBUSY while the last ones exit is waited out. */
static void
cg_remove_below(const char *dir, int depth)
{
	struct dirscan d;
	struct timespec ts = { 0, 5000000 };
	char sub[MAX_PATH];
	const char *name;
	struct stat st;

	if (depth > 64 || !dir_open(&d, dir))
		return;
	while ((name = dir_next(&d))) {
		if (!strcmp(name, ".") || !strcmp(name, "..") ||
		    fstatat(d.fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISDIR(st.st_mode) ||
		    snprintf(sub, sizeof(sub), "%s/%s", dir, name) >=
		    (int)sizeof(sub))
			continue;
		cg_remove_below(sub, depth + 1);
		for (int t = 0; rmdir(sub) < 0 && errno == EBUSY && t < 200; t++)
			nanosleep(&ts, NULL);
	}
}

/* rmdir of the levels rt made, deepest first, and what is below the
 * container's own; EBUSY while the last processes exit is waited out a
 * little.  -1 (EBUSY) when the container's own level still has processes. */
static int
cg_remove(const char *cgdir, int made)
{
	char dir[MAX_PATH];
	struct timespec ts = { 0, 5000000 };
	int r = 0;

	xsnprintf(dir, sizeof(dir), "%s", cgdir);
	if (made > 0)
		cg_remove_below(dir, 0);
	for (int i = 0; i < made; i++) {
		char *slash;
		int t;

		for (t = 0; rmdir(dir) < 0 && errno == EBUSY; t++) {
			if (t == 400 || (i > 0 && t == 20)) {
				r = i == 0 ? -1 : r;	/* its own level: in use */
				break;
			}
			nanosleep(&ts, NULL);
		}
		slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			break;
		*slash = 0;
	}
	errno = EBUSY;
	return r;
}

/* A limit where -1 (or, for pids, anything below 1) means none. */
static void
cg_limit(const char *dir, const char *file, long long v)
{
	if (v < 0)
		cg_write(dir, file, "max");
	else
		cg_writef(dir, file, "%lld", v);
}

/* runc's ConvertMemorySwapToCgroupV2Value: v1's memory+swap becomes v2's
 * swap alone. */
static void
cg_swap(const char *dir, const struct resources *r)
{
	long long mem = set(r->mem_limit) ? r->mem_limit : 0, sw = r->mem_swap;

	if (mem == -1 && sw == 0)
		sw = -1;
	if (sw == 0)
		return;
	if (sw > 0 && (mem == 0 || mem == -1))
		die("cgroup: memory.swap: unable to set swap limit without "
		    "memory limit");
	if (sw > 0 && sw < mem)
		die("cgroup: memory.swap: memory+swap limit should be >= "
		    "memory limit");
	cg_limit(dir, "memory.swap.max", sw < 0 ? -1 : sw - mem);
}

/*
 * memory.checkBeforeUpdate: a limit at or under what the cgroup already
 * uses is refused (cgroup v1's behaviour), with runc's words; memory.current
 * not there or unreadable: no check, as runc.
 */
static void
cg_memory_check(const char *dir, const struct resources *r)
{
	char buf[32];
	unsigned long long use;

	if (!r->mem_check || !*cg_read(dir, "memory.current", buf, sizeof(buf)))
		return;
	use = strtoull(buf, NULL, 10);
	if (set(r->mem_swap) && r->mem_swap > 0 &&
	    (unsigned long long)r->mem_swap <= use)
		die("cgroup: rejecting memory+swap limit %lld <= usage %llu",
		    r->mem_swap, use);
	if (set(r->mem_limit) && r->mem_limit > 0 &&
	    (unsigned long long)r->mem_limit <= use)
		die("cgroup: rejecting memory limit %lld <= usage %llu",
		    r->mem_limit, use);
}

static void
cg_memory(const char *dir, const struct resources *r)
{
	cg_memory_check(dir, r);
	cg_at("memory.limit", -1);
	if (set(r->mem_limit) && r->mem_limit)
		cg_limit(dir, "memory.max", r->mem_limit);
	cg_at("memory.reservation", -1);
	if (set(r->mem_low) && r->mem_low)
		cg_limit(dir, "memory.low", r->mem_low);
	cg_at("memory.swap", -1);
	if (set(r->mem_swap))
		cg_swap(dir, r);
}

/* log2(x) for x >= 1, without libm (its log2 and pow cost rt 12 KB):
 * x = m 2^k, m within [1/sqrt 2, sqrt 2), log2 m = 2 atanh(z) / ln 2. */
static double
cg_log2(double x)
{
	double z, z2, t, sum = 0;
	int k = 0;

	while (x >= 1.4142135623730951) {
		x /= 2;
		k++;
	}
	z = (x - 1) / (x + 1);
	z2 = z * z;
	t = z;
	for (int n = 1; n < 40; n += 2, t *= z2)
		sum += t / n;
	return k + 2 * sum / 0.6931471805599453;
}

/* 10^e for e >= 0: exact for a whole e, else 2^i e^(f ln 2) by series. */
static double
cg_exp10(double e)
{
	double y = e * 3.321928094887362, f, r = 1, t = 1;
	int i = (int)y;

	if (e == (int)e) {
		for (i = 0; i < (int)e; i++)
			r *= 10;
		return r;
	}
	f = (y - i) * 0.6931471805599453;
	for (int n = 1; n < 25; n++) {
		t *= f / n;
		r += t;
	}
	for (; i > 0; i--)
		r *= 2;
	return r;
}

/*
 * cpu.weight from cpu.shares by the curve of runc 1.3 and crun 1.23, which
 * maps 2 to 1, the v1 default 1024 to the v2 default 100, and 262144 to
 * 10000: ceil(10^((l^2 + 125 l) / 612 - 7/34)), l = log2(shares).  The old
 * linear formula gave 1024 a weight of 39, below every plain process.
 * Equal to libm's log2 and pow for every shares (checked for 0 to 300000).
 */
static unsigned long long
cg_weight(unsigned long long shares)
{
	double l, v;
	unsigned long long c;

	if (shares <= 2)
		return 1;
	if (shares >= 262144)
		return 10000;
	l = cg_log2((double)shares);
	v = cg_exp10((l * l + 125 * l) / 612.0 - 7.0 / 34.0);
	c = (unsigned long long)v;
	return c + (v > (double)c);
}

static void
cg_cpu(const char *dir, const struct resources *r)
{
	char max[64];

	cg_at("cpu.shares", -1);
	if (set(r->cpu_shares) && r->cpu_shares)
		cg_writef(dir, "cpu.weight", "%llu",
			  cg_weight((unsigned long long)r->cpu_shares));
	if ((set(r->cpu_quota) && r->cpu_quota) ||
	    (set(r->cpu_period) && r->cpu_period)) {
		if (set(r->cpu_quota) && r->cpu_quota > 0)
			snprintf(max, sizeof(max), "%lld", r->cpu_quota);
		else
			strcpy(max, "max");
		if (set(r->cpu_period) && r->cpu_period)
			snprintf(max + strlen(max), sizeof(max) - strlen(max),
				 " %lld", r->cpu_period);
		cg_at("cpu.quota/period", -1);
		cg_write(dir, "cpu.max", max);
	}
	cg_at("cpu.burst", -1);
	if (set(r->cpu_burst))
		cg_writef(dir, "cpu.max.burst", "%lld", r->cpu_burst);
	cg_at("cpu.idle", -1);
	if (set(r->cpu_idle))
		cg_writef(dir, "cpu.idle", "%lld", r->cpu_idle);
	if ((set(r->rt_runtime) && r->rt_runtime) ||
	    (set(r->rt_period) && r->rt_period))
		die("cgroup: linux.resources.cpu.realtimeRuntime/realtimePeriod: "
		    "not supported on cgroup v2");
	cg_at("cpu.cpus", -1);
	if (r->cpus && *r->cpus)
		cg_write(dir, "cpuset.cpus", r->cpus);
	cg_at("cpu.mems", -1);
	if (r->mems && *r->mems)
		cg_write(dir, "cpuset.mems", r->mems);
}

/* blkio weight: io.bfq.weight when BFQ is there (same 10..1000 scale),
 * else io.weight scaled to 1..10000, as runc does. */
static void
cg_io(const char *dir, const struct resources *r)
{
	static const char *const key[4] = { "rbps", "wbps", "riops", "wiops" };
	static const char *const member[4] = {
		"blockIO.throttleReadBpsDevice", "blockIO.throttleWriteBpsDevice",
		"blockIO.throttleReadIOPSDevice", "blockIO.throttleWriteIOPSDevice",
	};
	char path[MAX_PATH];
	bool bfq = false;

	if ((set(r->io_weight) && r->io_weight) || r->n_wdev) {
		xsnprintf(path, sizeof(path), "%s/io.bfq.weight", dir);
		bfq = access(path, F_OK) == 0;
	}
	cg_at("blockIO.weight", -1);
	if (set(r->io_weight) && r->io_weight)
		cg_writef(dir, bfq ? "io.bfq.weight" : "io.weight", "%lld",
			  bfq ? r->io_weight : 1 + (r->io_weight - 10) * 9999 / 990);
	for (int i = 0; i < r->n_wdev; i++) {
		const struct iodev *d = &r->io_wdev[i];

		cg_at("blockIO.weightDevice", i);
		cg_writef(dir, bfq ? "io.bfq.weight" : "io.weight",
			  "%lld:%lld %lld", d->major, d->minor,
			  bfq ? d->v : 1 + (d->v - 10) * 9999 / 990);
	}
	for (int l = 0; l < 4; l++)
		for (int i = 0; i < r->n_max[l]; i++) {
			cg_at(member[l], i);
			cg_writef(dir, "io.max", "%lld:%lld %s=%lld",
				  r->io_max[l][i].major, r->io_max[l][i].minor,
				  key[l], r->io_max[l][i].v);
		}
}

/* Every linux.resources field to its file (runc's fs2 mapping). */
static void
cg_apply(const char *dir, const struct resources *r)
{
	char file[128];

	cg_memory(dir, r);
	cg_at("pids.limit", -1);
	if (set(r->pids))
		cg_limit(dir, "pids.max", r->pids > 0 ? r->pids : -1);
	cg_cpu(dir, r);
	cg_io(dir, r);
	/* hugepageLimits also bound reservations where the kernel has the
	 * file (5.7, hugetlb.<size>.rsvd.max), as runc: the spec's "use the
	 * reservation file if supported" */
	for (int i = 0, rsvd = 1; i < r->nhuge; i++) {
		cg_at("hugepageLimits", i);
		snprintf(file, sizeof(file), "hugetlb.%s.max", r->huge[i].k);
		cg_write(dir, file, r->huge[i].v);
		snprintf(file, sizeof(file), "hugetlb.%s.rsvd.max", r->huge[i].k);
		if (rsvd && (rsvd = cg_has(dir, file)))
			cg_write(dir, file, r->huge[i].v);
	}
	for (int i = 0; i < r->nunified; i++) {
		snprintf(cg_jp, sizeof(cg_jp), "linux.resources.unified.%.60s: ",
			 r->unified[i].k);
		cg_write(dir, r->unified[i].k, r->unified[i].v);
	}
	cg_jp[0] = 0;
}

/* pause/resume: cgroup.freeze, then wait for cgroup.events to agree. */
static void
cg_freeze(const char *dir, bool freeze)
{
	char ev[512], want[16];
	struct timespec ts = { 0, 2000000 };

	cg_write(dir, "cgroup.freeze", freeze ? "1" : "0");
	snprintf(want, sizeof(want), "frozen %d", freeze);
	for (int i = 0; i < 5000; i++) {
		if (strstr(cg_read(dir, "cgroup.events", ev, sizeof(ev)), want))
			return;
		nanosleep(&ts, NULL);
	}
	die("cgroup: %s/cgroup.events: not %s after 10 s", dir, want);
}

/* Calls fn for each pid in dir's cgroup.procs and those of its
 * descendants (a container may make sub-cgroups). */
static void
cg_each_pid(const char *dir, int depth, void (*fn)(pid_t, intptr_t),
	    intptr_t arg)
{
	static char buf[65536];
	char sub[MAX_PATH];
	struct dirscan d;
	const char *name;

	cg_read(dir, "cgroup.procs", buf, sizeof(buf));
	for (char *p = buf; *p; p += strcspn(p, "\n"), p += *p == '\n')
		fn((pid_t)atoi(p), arg);
	if (depth > 8 || !dir_open(&d, dir))
		return;
	while ((name = dir_next(&d))) {
		struct stat st;

		snprintf(sub, sizeof(sub), "%s/%s", dir, name);
		if (name[0] != '.' && stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			cg_each_pid(sub, depth + 1, fn, arg);
	}
}

/*
 * ---- 12b. device rules as eBPF --------------------------------------------
 * cgroup v2 has no devices files: a BPF_PROG_TYPE_CGROUP_DEVICE program
 * decides each open and mknod.  rt emits it from the rules the way runc's
 * devicefilter does: the rules after the last "all devices" rule, checked
 * last-first (the last match wins), then that rule's verdict (allow if
 * there is none, cgroup v1's default).  Raw bpf(2), no libbpf.
 */
struct bpf_insn {
	uint8_t code;
	uint8_t regs;			/* dst | src << 4 */
	int16_t off;
	int32_t imm;
};

enum { BPF_MAX_INSNS = 6 + 8 * MAX_DEVICE_RULES + 2 };

/* linux/bpf.h's dst_reg:4, src_reg:4 bitfields: dst in the low nibble on
 * a little-endian machine, in the high one on a big-endian one (s390x) */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define INSN(c, d, s, o, i) ((struct bpf_insn){ c, (uint8_t)((d) | (s) << 4), o, i })
#else
#define INSN(c, d, s, o, i) ((struct bpf_insn){ c, (uint8_t)((d) << 4 | (s)), o, i })
#endif
#define LDXW(d, s, o)	INSN(0x61, d, s, o, 0)	/* d = *(u32 *)(s + o) */
#define AND32(d, i)	INSN(0x54, d, 0, 0, i)
#define RSH32(d, i)	INSN(0x74, d, 0, 0, i)
#define MOV32X(d, s)	INSN(0xbc, d, s, 0, 0)
#define MOV64(d, i)	INSN(0xb7, d, 0, 0, i)
#define JNE(d, i, o)	INSN(0x55, d, 0, o, i)
#define JNEX(d, s, o)	INSN(0x5d, d, s, o, 0)
#define EXIT()		INSN(0x95, 0, 0, 0, 0)

/* runc's AllowedDevices, appended after the config's rules. */
static const struct devrule default_rules[] = {
	{ 'c', -1, -1, 1, true }, { 'b', -1, -1, 1, true },
	{ 'c', 1, 3, 7, true }, { 'c', 1, 8, 7, true }, { 'c', 1, 7, 7, true },
	{ 'c', 5, 0, 7, true }, { 'c', 1, 5, 7, true }, { 'c', 1, 9, 7, true },
	{ 'c', 136, -1, 7, true }, { 'c', 5, 2, 7, true },
};
#define NDEFAULT_RULES ARRAY_LEN(default_rules)

static const struct devrule *
rule_at(const struct resources *r, int i)
{
	return i < r->ndev ? &r->dev[i] : &default_rules[i - r->ndev];
}

static bool
rule_is_all(const struct devrule *d)
{
	return d->type == 'a' && d->major < 0 && d->minor < 0 && d->access == 7;
}

/* One rule: its tests, each jumping past the block when it fails. */
static int
bpf_rule(struct bpf_insn *p, const struct devrule *d)
{
	struct bpf_insn t[8];
	int n = 0;

	if (d->type != 'a')
		t[n++] = JNE(2, d->type == 'b' ? 1 : 2, 0);
	if (d->access != 7) {
		t[n++] = MOV32X(1, 3);
		t[n++] = AND32(1, (int32_t)d->access);
		t[n++] = JNEX(1, 3, 0);
	}
	if (d->major >= 0)
		t[n++] = JNE(4, (int32_t)d->major, 0);
	if (d->minor >= 0)
		t[n++] = JNE(5, (int32_t)d->minor, 0);
	t[n++] = MOV64(0, d->allow);
	t[n++] = EXIT();
	for (int i = 0; i < n - 2; i++)
		if (t[i].code == 0x55 || t[i].code == 0x5d)
			t[i].off = (int16_t)(n - 1 - i);
	memcpy(p, t, sizeof(t[0]) * (size_t)n);
	return n;
}

/* The program; 0 instructions when the rules allow everything. */
static int
bpf_devices(const struct resources *r, struct bpf_insn *p)
{
	int total = r->ndev + NDEFAULT_RULES, first = 0, n = 0;
	bool dflt = true, any_deny = false;

	for (int i = 0; i < total; i++)
		if (rule_is_all(rule_at(r, i))) {
			first = i + 1;
			dflt = rule_at(r, i)->allow;
		}
	for (int i = first; i < total; i++)
		any_deny |= !rule_at(r, i)->allow;
	if (dflt && !any_deny)
		return 0;
	p[n++] = LDXW(2, 1, 0);		/* access_type: type | access << 16 */
	p[n++] = AND32(2, 0xffff);
	p[n++] = LDXW(3, 1, 0);
	p[n++] = RSH32(3, 16);
	p[n++] = LDXW(4, 1, 4);		/* major */
	p[n++] = LDXW(5, 1, 8);		/* minor */
	for (int i = total - 1; i >= first; i--)
		n += bpf_rule(p + n, rule_at(r, i));
	p[n++] = MOV64(0, dflt);
	p[n++] = EXIT();
	return n;
}

struct bpf_load_attr {			/* union bpf_attr, BPF_PROG_LOAD */
	uint32_t prog_type, insn_cnt;
	uint64_t insns, license;
	uint32_t log_level, log_size;
	uint64_t log_buf;
	uint32_t kern_version, prog_flags;
	char prog_name[16];
	uint32_t prog_ifindex, expected_attach_type;
};

struct bpf_attach_attr {		/* union bpf_attr, BPF_PROG_ATTACH */
	uint32_t target_fd, attach_bpf_fd, attach_type, attach_flags;
	uint32_t replace_bpf_fd;
};

/* Loads the device program and attaches it to the cgroup at dirfd
 * (BPF_F_ALLOW_MULTI, as runc and systemd attach theirs). */
static void
cg_devices(int dirfd, const struct resources *r)
{
	static struct bpf_insn prog[BPF_MAX_INSNS];
	static char log[4096];
	struct bpf_load_attr la = { .prog_type = 15 /* CGROUP_DEVICE */ };
	struct bpf_attach_attr aa = { .attach_type = 6 /* BPF_CGROUP_DEVICE */,
				      .attach_flags = 2 /* ALLOW_MULTI */ };
	int n = CONFIG_CGROUP_DEVICES ? bpf_devices(r, prog) : 0, fd;

	if (n == 0)
		return;
	la.insn_cnt = (uint32_t)n;
	la.insns = (uintptr_t)prog;
	la.license = (uintptr_t)"Apache";
	memcpy(la.prog_name, "rt_devices", 11);
	fd = (int)syscall(SYS_bpf, 5 /* BPF_PROG_LOAD */, &la, sizeof(la));
	if (fd < 0) {			/* again, for the verifier's words */
		la.log_level = 1;
		la.log_size = sizeof(log);
		la.log_buf = (uintptr_t)log;
		syscall(SYS_bpf, 5, &la, sizeof(la));
		log[strcspn(log, "\n")] = 0;
		die_errno("cgroup: load the device eBPF program (%s)",
			  log[0] ? log : "no verifier log");
	}
	aa.target_fd = (uint32_t)dirfd;
	aa.attach_bpf_fd = (uint32_t)fd;
	if (syscall(SYS_bpf, 8 /* BPF_PROG_ATTACH */, &aa, sizeof(aa)) < 0)
		die_errno("cgroup: attach the device eBPF program");
	close(fd);
}

static const struct state *cg_undo_st;	/* what cg_undo removes */

static void
cg_undo(intptr_t arg)
{
	(void)arg;
	cg_remove(cg_undo_st->cgroup, cg_undo_st->cg_made);
}

/* Does r ask for anything a cgroup must enforce? */
static bool
res_wanted(const struct resources *r)
{
	char needed[128];
	static struct bpf_insn prog[BPF_MAX_INSNS];

	cg_needed(r, needed, sizeof(needed));
	return *needed || (CONFIG_CGROUP_DEVICES && bpf_devices(r, prog) > 0);
}

/* Without root: is the container's cgroup (or the nearest existing
 * ancestor, where rt would create it) writable, that is delegated? */
static bool
cg_delegated(const char *dir)
{
	char p[MAX_PATH], *slash;

	xsnprintf(p, sizeof(p), "%s", dir);
	while (access(p, F_OK) < 0 && (slash = strrchr(p, '/')) && slash > p)
		*slash = 0;
	return access(p, W_OK) == 0;
}

static void
pid_count(pid_t pid, intptr_t n)
{
	(void)pid;
	++*(int *)n;
}

/* A cgroup that exists already must hold no process (runc 1.2's check and
 * words), unless the config's annotation says the sharing is meant: kill
 * --all and delete would otherwise reach processes that are not the
 * container's. */
static void
cg_check_unused(const char *dir)
{
	int n = 0;

	for (int i = 0; i < spec.nannot; i++)
		if (!strcmp(spec.annot[i][0], "rt.cgroup-shared") &&
		    !strcmp(spec.annot[i][1], "true"))
			return;
	cg_each_pid(dir, 0, pid_count, (intptr_t)&n);
	if (n)
		die("container's cgroup is not empty: %d process(es) found", n);
}

/* A frozen cgroup (its own cgroup.freeze or an ancestor's) would stop the
 * init before it could report: refused, as runc refuses it. */
static void
cg_check_frozen(const char *dir)
{
	char ev[512];

	if (strstr(cg_read(dir, "cgroup.events", ev, sizeof(ev)), "frozen 1"))
		die("container's cgroup unexpectedly frozen");
}

/*
 * create and run: the container's cgroup made (st->cgroup), its
 * controllers enabled, linux.resources written and the device program
 * attached.  Returns a directory fd of it for clone3, or -1 when rt has
 * no cgroup2 to use and the config asks for nothing that needs one.
 */
static int
cg_setup(const struct run *r, const char *id, struct state *st)
{
	char needed[128];
	int fd, made;
	bool rootless = r->cg_rootless;

	if (r->cg_off) {
		cg_needed(&spec.res, needed, sizeof(needed));
		if (*needed)
			die("%s: linux.resources: needs a cgroup, and "
			    "--cgroup-manager is disabled", js_file);
		if (res_wanted(&spec.res))
			warn("--cgroup-manager disabled: the container stays in "
			     "rt's cgroup and its device rules are not enforced");
		return -1;
	}
	if (!CONFIG_CGROUPS)	/* linux.resources is refused (MK_OFF) */
		return -1;
	if (!cg_find_mount()) {
		if (res_wanted(&spec.res))
			die("%s: linux.resources: no cgroup2 hierarchy is "
			    "mounted to apply it", js_file);
		return -1;
	}
	cg_needed(&spec.res, needed, sizeof(needed));
	cg_path(st->cgroup, id);
	if (strchr(st->cgroup, '\n'))
		die("%s: linux.cgroupsPath: a newline cannot be stored", js_file);
	if ((rt_euid || rootless) && !cg_delegated(st->cgroup)) {
		if (!rootless)
			die("cgroup %s is not delegated to uid %u (--rootless "
			    "false)", st->cgroup, (unsigned)rt_euid);
		if (*needed)
			die("%s: linux.resources: cgroup %s is not delegated to "
			    "uid %u, so its limits cannot be applied", js_file,
			    st->cgroup, (unsigned)rt_euid);
		warn("cgroup %s is not delegated to uid %u: the container "
		     "stays in rt's cgroup%s", st->cgroup, (unsigned)rt_euid,
		     res_wanted(&spec.res) ? " and its device rules are not "
		     "enforced" : "");
		st->cgroup[0] = 0;
		return -1;
	}
	st->cg_made = cg_missing(st->cgroup);
	if (!st->cg_made)
		cg_check_unused(st->cgroup);
	st_save(st);		/* so that delete --force finds what comes */
	made = cg_mkdir(st->cgroup);
	if (made != st->cg_made) {	/* another made or removed a level */
		st->cg_made = made;
		st_save(st);
	}
	cg_undo_st = st;
	undo_push(cg_undo, 0);
	cg_check_frozen(st->cgroup);
	cg_enable(st->cgroup, needed);
	cg_apply(st->cgroup, &spec.res);
	fd = xopen(st->cgroup, O_RDONLY | O_DIRECTORY, 0);
	cg_devices(fd, &spec.res);
	return fd;
}

/*
 * ==== 13. namespaces ======================================================
 * New namespaces come from clone flags; those with a path are joined with
 * setns: pid by the parent before clone (it applies to children), the rest
 * by the child.
 */
static int
ns_open(const struct nsent *ns)
{
	int fd = openat(AT_FDCWD, ns->path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		die_errno("join namespace %s", ns->path);
	return fd;
}

/* Parent: a pid namespace given by path must be entered before clone. */
static void
ns_join_pid(void)
{
	for (int i = 0; i < spec.nns; i++) {
		int fd;

		if (spec.ns[i].flag != CLONE_NEWPID || !spec.ns[i].path)
			continue;
		fd = ns_open(&spec.ns[i]);
		if (setns(fd, CLONE_NEWPID) < 0)
			die_errno("join namespace %s", spec.ns[i].path);
		close(fd);
	}
}

/* Parent: one of /proc/PID/uid_map or gid_map, written in one write(2)
 * as the kernel requires. */
static void
ns_write_map(pid_t pid, const char *file, const struct idmap *m, int n)
{
	char path[64], buf[MAX_IDMAP * 36 + 1];
	size_t len = 0;

	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%u %u %u\n",
					m[i].inner, m[i].outer, m[i].size);
	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	if (writefile(path, buf, 0, 0) < 0)
		die("write %s: %s%s", file, strerror(errno), errno == EPERM &&
		    rt_euid ? " (without root, a user namespace maps only "
		    "the caller's own uid and gid)" : "");
}

/* Parent: the new user namespace's mappings, before the child goes on.
 * Without root the kernel wants setgroups denied first (user_namespaces(7)),
 * as runc's rootless containers have it. */
static void
ns_write_maps(pid_t pid)
{
	char path[64];

	if (!CONFIG_USERNS || !(spec.clone_flags & CLONE_NEWUSER))
		return;
	ns_write_map(pid, "uid_map", spec.uidmap, spec.nuidmap);
	if (rt_euid) {
		snprintf(path, sizeof(path), "/proc/%d/setgroups", (int)pid);
		if (writefile(path, "deny", 0, 0) < 0)
			die_errno("write %s", path);
	}
	ns_write_map(pid, "gid_map", spec.gidmap, spec.ngidmap);
}

/*
 * The namespaces given by path but user, in passes, as runc's nsexec:
 * 0, with the rights the process has, each it may join (one the host's
 * user namespace owns; EPERM: left for later); 1, after a user namespace
 * given by path was joined, the rest but mount; 2, mount, last, so that
 * the others' paths resolve on the host.  pid's only when pid is true
 * (the helper's: it applies to the init it clones).  Done ones are bits
 * of *done.  Returns the index of the one that failed, with errno, or -1.
 */
static int
ns_join_pass(int pass, bool pid, uint64_t *done)
{
	for (int i = 0; i < spec.nns; i++) {
		const struct nsent *ns = &spec.ns[i];
		int fd, e;

		if (!ns->path || ns->flag == CLONE_NEWUSER ||
		    (ns->flag == CLONE_NEWPID && !pid) || (*done >> i & 1) ||
		    (ns->flag == CLONE_NEWNS) != (pass == 2))
			continue;
		fd = openat(AT_FDCWD, ns->path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return i;
		e = setns(fd, ns->flag) < 0 ? errno : 0;
		close(fd);
		if (!e)
			*done |= (uint64_t)1 << i;
		else if (pass || e != EPERM)
			return errno = e, i;
	}
	return -1;
}

/* The init: the namespaces given by path that its helper, if any, did not
 * join (mount's: where the init starts, it still looks at the host's
 * /proc and paths: the seccomp listener, the hooks' pid, exec.fifo). */
static bool ns_joined;			/* the helper did, but mount */

static void
child_join_namespaces(void)
{
	uint64_t done = 0;
	int i = -1;

	for (int pass = ns_joined ? 2 : 1; pass <= 2 && i < 0; pass++)
		i = ns_join_pass(pass, false, &done);
	if (i >= 0)
		die_errno("linux.namespaces[%d].path: %s", i, spec.ns[i].path);
}

/*
 * Parent of rt exec: opens the namespaces of the container's init that
 * differ from rt's own (user first, for the rights to join the others, and
 * mount last, for the child to join), joins its pid
 * namespace now (it applies to the child to come), and opens its root.
 */
static void
ns_open_container(struct run *r, pid_t pid)
{
	static const struct {
		const char *name;
		int flag;
	} order[] = {
		{ "user", CLONE_NEWUSER }, { "ipc", CLONE_NEWIPC },
		{ "uts", CLONE_NEWUTS }, { "net", CLONE_NEWNET },
		{ "cgroup", CLONE_NEWCGROUP }, { "time", CLONE_NEWTIME },
		{ "pid", CLONE_NEWPID }, { "mnt", CLONE_NEWNS },
	};
	char path[64];
	struct stat a, b;

	for (size_t i = 0; i < ARRAY_LEN(order); i++) {
		int fd;

		snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid, order[i].name);
		fd = openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 && errno == ENOENT)
			continue;
		if (fd < 0)
			die_errno("open %s", path);
		snprintf(path, sizeof(path), "/proc/self/ns/%s", order[i].name);
		if (fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
		    a.st_ino == b.st_ino && a.st_dev == b.st_dev) {
			close(fd);
		} else if (order[i].flag == CLONE_NEWPID) {
			if (setns(fd, CLONE_NEWPID) < 0)
				die_errno("join the container's pid namespace");
			close(fd);
		} else {
			r->nsfd[r->nns] = fd;
			r->nsflag[r->nns++] = order[i].flag;
		}
	}
	snprintf(path, sizeof(path), "/proc/%d/root", (int)pid);
	r->rootfd = xopen(path, O_PATH | O_DIRECTORY, 0);
}

/* A new network namespace has lo down, with IFF_LOOPBACK its only flag
 * (loopback_setup), so no SIOCGIFFLAGS is needed; the kernel adds
 * 127.0.0.1 and ::1 when it comes up (as runc shows them). */
static void
child_loopback(void)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		die_errno("socket for lo");
	ifr.ifr_flags = IFF_LOOPBACK | IFF_UP;
	if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
		die_errno("bring lo up");
	close(fd);
}

static void
child_uts(void)
{
	if (spec.hostname && sethostname(spec.hostname, strlen(spec.hostname)))
		die_errno("sethostname %s", spec.hostname);
	if (spec.domainname &&
	    setdomainname(spec.domainname, strlen(spec.domainname)))
		die_errno("setdomainname %s", spec.domainname);
}

/*
 * ==== 14. rootfs ==========================================================
 * Child only.  Every path under the rootfs is opened with openat2's
 * RESOLVE_IN_ROOT (Linux 5.6), or by a walk that resolves each symlink
 * against the rootfs on older kernels, and mounted through its
 * /proc/self/fd link, so that a symlink in the bundle can never send a
 * mount outside it (CVE-2021-30465).
 */
enum { RES_OPEN, RES_DIR, RES_FILE };

static const struct {
	const char *name;
	unsigned major, minor;
} default_devices[] = {			/* runtime spec, config-linux.md */
	{ "null", 1, 3 }, { "zero", 1, 5 }, { "full", 1, 7 },
	{ "random", 1, 8 }, { "urandom", 1, 9 }, { "tty", 5, 0 },
};

static const char *const default_links[][2] = {	/* target, link */
	{ "/proc/self/fd", "/dev/fd" }, { "/proc/self/fd/0", "/dev/stdin" },
	{ "/proc/self/fd/1", "/dev/stdout" }, { "/proc/self/fd/2", "/dev/stderr" },
	{ "pts/ptmx", "/dev/ptmx" },
};

/* Pops the first component of rest into comp; false when none is left. */
static bool
path_next(char *rest, char *comp)
{
	size_t skip = strspn(rest, "/"), len;

	memmove(rest, rest + skip, strlen(rest + skip) + 1);
	len = strcspn(rest, "/");
	if (len == 0 || len > NAME_MAX)
		return false;
	memcpy(comp, rest, len);
	comp[len] = 0;
	memmove(rest, rest + len, strlen(rest + len) + 1);
	return true;
}

/* Pre-5.6 kernels: resolve path in the rootfs one component at a time;
 * cur only ever holds directories that were not symlinks when checked. */
static int
child_resolve_walk(int rootfd, const char *path)
{
	static char rest[MAX_PATH], cur[MAX_PATH], tmp[MAX_PATH], link[MAX_PATH];
	char comp[NAME_MAX + 1];
	int links = 0;
	struct stat st;
	ssize_t n;

	cur[0] = 0;
	xsnprintf(rest, sizeof(rest), "%s", path);
	while (path_next(rest, comp)) {
		if (!strcmp(comp, "."))
			continue;
		if (!strcmp(comp, "..")) {
			char *s = strrchr(cur, '/');

			*(s ? s : cur) = 0;
			continue;
		}
		xsnprintf(tmp, sizeof(tmp), "%s%s%s", cur, *cur ? "/" : "", comp);
		if (fstatat(rootfd, tmp, &st, AT_SYMLINK_NOFOLLOW) < 0)
			return -1;
		if (!S_ISLNK(st.st_mode)) {
			memcpy(cur, tmp, sizeof(cur));
			continue;
		}
		if (++links > 40)
			return errno = ELOOP, -1;
		n = readlinkat(rootfd, tmp, link, sizeof(link) - 1);
		if (n < 0)
			return -1;
		link[n] = 0;
		if (link[0] == '/')
			cur[0] = 0;
		xsnprintf(tmp, sizeof(tmp), "%s/%s", link, rest);
		memcpy(rest, tmp, sizeof(rest));
	}
	return openat(rootfd, *cur ? cur : ".", O_PATH | O_CLOEXEC | O_NOFOLLOW);
}

static int
child_resolve_open(int rootfd, const char *path)
{
	int fd = sys_openat2(rootfd, path, O_PATH | O_CLOEXEC,
			     RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);

	if (fd < 0 && errno == ENOSYS)
		fd = child_resolve_walk(rootfd, path);
	return fd;
}

/*
 * The last component of parent/name is a symlink that leads nowhere (an
 * image's /etc/resolv.conf -> ../run/resolv.conf): its target, resolved
 * inside the rootfs as every path is, is made instead; -1 with errno
 * otherwise.
 */
static int child_resolve(int rootfd, const char *path, int create);

static int
child_resolve_dangling(int rootfd, int pfd, const char *parent,
		       const char *name, int create)
{
	static int depth;
	char link[MAX_PATH], next[MAX_PATH];
	ssize_t n = readlinkat(pfd, name, link, sizeof(link) - 1);
	int fd;

	if (n < 0)
		return errno = EEXIST, -1;
	if (++depth > 40) {
		depth = 0;
		return errno = ELOOP, -1;
	}
	link[n] = 0;
	xsnprintf(next, sizeof(next), "%s/%s", link[0] == '/' ? "" : parent,
		  link);
	fd = child_resolve(rootfd, next, create);
	depth = 0;
	return fd;
}

/*
 * Opens path (O_PATH) inside the rootfs at rootfd, creating what is missing:
 * directories, and the last component as RES_DIR or RES_FILE says.
 * Returns -1 with errno.
 */
static int
child_resolve(int rootfd, const char *path, int create)
{
	char parent[MAX_PATH], *slash;
	int fd = child_resolve_open(rootfd, path), pfd, r;

	if (fd >= 0 || errno != ENOENT || create == RES_OPEN)
		return fd;
	xsnprintf(parent, sizeof(parent), "%s", path);
	for (size_t n = strlen(parent); n > 1 && parent[n - 1] == '/'; n--)
		parent[n - 1] = 0;
	slash = strrchr(parent, '/');
	if (!slash)
		return -1;
	*slash = 0;
	pfd = child_resolve(rootfd, *parent ? parent : "/", RES_DIR);
	if (pfd < 0)
		return -1;
	if (create == RES_DIR)
		r = mkdirat(pfd, slash + 1, 0755);
	else
		r = openat(pfd, slash + 1, O_CREAT | O_EXCL | O_WRONLY |
			   O_NOFOLLOW | O_CLOEXEC, 0644);
	if (r >= 0 && create == RES_FILE)
		close(r);
	if (r >= 0 || errno == EEXIST) {
		fd = child_resolve_open(rootfd, path);
		if (fd < 0 && errno == ENOENT && r < 0)
			fd = child_resolve_dangling(rootfd, pfd, parent,
						    slash + 1, create);
	}
	r = errno;
	close(pfd);
	errno = r;
	return fd;
}

static void
fd_path(char *buf, size_t n, int fd)
{
	snprintf(buf, n, "/proc/self/fd/%d", fd);
}

/* statvfs flags that a remount must keep (the kernel locks them). */
static unsigned long
locked_flags(const char *path)
{
	struct statvfs sv;
	unsigned long f = 0;

	if (statvfs(path, &sv) < 0)
		return 0;
	if (sv.f_flag & ST_NOSUID)
		f |= MS_NOSUID;
	if (sv.f_flag & ST_NODEV)
		f |= MS_NODEV;
	if (sv.f_flag & ST_NOEXEC)
		f |= MS_NOEXEC;
	if (sv.f_flag & ST_NOATIME)
		f |= MS_NOATIME;
	if (sv.f_flag & ST_NODIRATIME)
		f |= MS_NODIRATIME;
	if (sv.f_flag & ST_RELATIME)
		f |= MS_RELATIME;
	return f;
}

/* A bind mount, then a remount for its flags: bind ignores them. */
static void
child_mount_bind(int rootfd, const struct mnt *m, const char *target, int tfd)
{
	unsigned long flags = m->flags & ~(MS_BIND | MS_REC);
	char t2[32], from[32];
	int fd;

	if (m->srcfd >= 0)
		fd_path(from, sizeof(from), m->srcfd);
	/* an idmapped tree goes onto the destination's fd: through its
	 * /proc/self/fd link, Linux 6.18 says EINVAL */
	if (m->idmap ? syscall(SYS_move_mount, m->srcfd, "", tfd, "",
			       MOVE_MOUNT_F_EMPTY_PATH |
			       MOVE_MOUNT_T_EMPTY_PATH) < 0 :
	    mount(m->srcfd >= 0 ? from : m->src, target, NULL,
		  m->flags & (MS_BIND | MS_REC), NULL) < 0)
		die("mount %s on %s: %s", m->src, m->dest, mount_strerror(errno));
	if (!flags)
		return;
	fd = child_resolve(rootfd, m->dest, RES_OPEN);	/* the new mount */
	if (fd < 0)
		die_errno("reopen %s", m->dest);
	fd_path(t2, sizeof(t2), fd);
	if (mount(NULL, t2, NULL, MS_BIND | MS_REMOUNT | flags, NULL) < 0 &&
	    (errno != EPERM || mount(NULL, t2, NULL, MS_BIND | MS_REMOUNT |
				     flags | locked_flags(t2), NULL) < 0))
		die("remount %s: %s", m->dest, mount_strerror(errno));
	close(fd);
}

/*
 * proc and sysfs only on a plain directory, never through a symlink or
 * onto a file (runc: the /proc symlink attacks, CVE-2019-16884,
 * CVE-2019-19921 and CVE-2023-28642).  Returns
 * the destination, opened without following a last symlink and checked
 * on that fd; on kernels before openat2 the parent's entry is checked
 * first, then the destination opened.
 */
static int
child_plain_dir(int rootfd, const struct mnt *m)
{
	char path[MAX_PATH], *name;
	struct stat st;
	int fd, pfd;

	xsnprintf(path, sizeof(path), "%s", m->dest);
	for (size_t n = strlen(path); n > 1 && path[n - 1] == '/'; n--)
		path[n - 1] = 0;
	fd = sys_openat2(rootfd, path, O_PATH | O_NOFOLLOW | O_CLOEXEC,
			 RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
	if (fd < 0 && errno == ENOSYS && (name = strrchr(path, '/')) &&
	    name[1]) {
		*name++ = 0;
		pfd = child_resolve(rootfd, *path ? path : "/", RES_DIR);
		if (pfd < 0)
			die_errno("mount %s on %s: destination", m->type,
				  m->dest);
		if (fstatat(pfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    !S_ISDIR(st.st_mode))
			die("mount %s on %s: filesystem \"%s\" must be mounted "
			    "on an ordinary directory", m->type, m->dest,
			    m->type);
		close(pfd);
		return child_resolve(rootfd, m->dest, RES_DIR);
	}
	if (fd < 0)			/* missing: made as any destination */
		return child_resolve(rootfd, m->dest, RES_DIR);
	if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode))
		die("mount %s on %s: filesystem \"%s\" must be mounted on an "
		    "ordinary directory", m->type, m->dest, m->type);
	return fd;
}

/* rro and the other recursive words: mount_setattr(2) with AT_RECURSIVE
 * on the new mount and every mount below it, after its flags (runc). */
static void
child_mount_attr(int rootfd, const struct mnt *m)
{
	struct {
		uint64_t attr_set, attr_clr, propagation, userns_fd;
	} a = { m->attr_set, m->attr_clr, 0, 0 };	/* struct mount_attr */
	int fd = child_resolve(rootfd, m->dest, RES_OPEN);

	if (fd < 0 || syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH |
			      AT_RECURSIVE, &a, sizeof(a)) < 0)
		die("set recursive options of %s: %s", m->dest,
		    mount_strerror(errno));
	close(fd);
}

static void child_copy_tree(int from, int to, const char *dest, int depth);

/*
 * One entry of a tmpcopyup: a directory (walked), a file, a symlink or a
 * device node, with its owner, mode and times, as runc's CopyDirectory
 * (hard links become copies there too).
 */
static void
child_copy_one(int from, int to, const char *name, const char *dest,
	       int depth)
{
	static char link[MAX_PATH];	/* used before any recursion */
	struct stat st;
	int s = -1, t = -1, r = 0;
	ssize_t n = 0;

	if (fstatat(from, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		die_errno("tmpcopyup %s: %s", dest, name);
	if (S_ISDIR(st.st_mode)) {
		r = mkdirat(to, name, 0700);
		s = openat(from, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			   O_CLOEXEC);
		t = openat(to, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			   O_CLOEXEC);
		if (r < 0 || s < 0 || t < 0)
			die_errno("tmpcopyup %s: %s", dest, name);
		child_copy_tree(s, t, dest, depth + 1);
		s = -1;			/* closed by child_copy_tree */
	} else if (S_ISREG(st.st_mode)) {
		s = openat(from, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		t = openat(to, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
			   O_CLOEXEC, 0600);
		while (s >= 0 && t >= 0 && (n = sendfile(t, s, NULL, 1 << 30)) > 0)
			;
		if (s < 0 || t < 0 || n < 0)
			die_errno("tmpcopyup %s: %s", dest, name);
	} else if (S_ISLNK(st.st_mode)) {
		n = readlinkat(from, name, link, sizeof(link) - 1);
		if (n < 0 || (link[n] = 0, symlinkat(link, to, name) < 0))
			die_errno("tmpcopyup %s: %s", dest, name);
	} else if (mknodat(to, name, st.st_mode, st.st_rdev) < 0) {
		die_errno("tmpcopyup %s: %s", dest, name);
	}
	if (s >= 0)
		close(s);
	if (t >= 0)
		close(t);
	if (fchownat(to, name, st.st_uid, st.st_gid, AT_SYMLINK_NOFOLLOW) < 0 ||
	    (!S_ISLNK(st.st_mode) && fchmodat(to, name, st.st_mode & 07777, 0) < 0) ||
	    utimensat(to, name, (struct timespec[2]){ st.st_atim, st.st_mtim },
		      AT_SYMLINK_NOFOLLOW) < 0)
		die_errno("tmpcopyup %s: %s", dest, name);
}

/* Every entry of the directory from into to; from is closed. */
static void
child_copy_tree(int from, int to, const char *dest, int depth)
{
	struct dirscan d = { .fd = from };
	const char *name;

	if (depth > MAX_COPY_DEPTH)
		die("tmpcopyup %s: more than %d levels of directories", dest,
		    MAX_COPY_DEPTH);
	while ((name = dir_next(&d)))
		if (strcmp(name, ".") && strcmp(name, ".."))
			child_copy_one(from, to, name, dest, depth);
	if (d.n < 0)
		die_errno("tmpcopyup %s: read directory", dest);
}

/* tmpcopyup: old is the destination's directory opened before the tmpfs
 * went over it; its contents go into the new tmpfs. */
static void
child_copyup(int rootfd, const struct mnt *m, int old)
{
	int fd = child_resolve(rootfd, m->dest, RES_OPEN), dir;

	dir = fd < 0 ? -1 : openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		die_errno("tmpcopyup %s", m->dest);
	child_copy_tree(old, dir, m->dest, 0);
	close(dir);
	close(fd);
}

/* Bind mounts whose source the parent opens and sends (MSG_BINDS), in
 * mounts[] order; the child picks them out with the same test. */
static bool
mnt_from_parent(const struct mnt *m)
{
	return (m->flags & MS_BIND) &&
	       ((CONFIG_USERNS && m->idmap) || (spec_userns() && !rt_euid));
}

/* A read-only tmpfs, or /dev, is mounted read-write and made read-only
 * only after what goes below it (runc's finalizeRootfs): the devpts, shm
 * and mqueue mounts, the device nodes, /dev/console. */
static bool
mnt_ro_later(const struct mnt *m)
{
	return !(m->flags & MS_BIND) && (m->flags & MS_RDONLY) &&
	       ((m->type && !strcmp(m->type, "tmpfs")) ||
		!strcmp(m->dest, "/dev") || !strcmp(m->dest, "/dev/"));
}

/* A filesystem mount at the destination fd (target is its fd path);
 * "cgroup" is cgroup2 (rt is cgroup v2 only). */
static void
child_mount_fs(struct run *r, int rootfd, const struct mnt *m, int fd,
	       const char *target)
{
	unsigned long fl = m->flags & ~(mnt_ro_later(m) ? MS_RDONLY : 0);
	const char *type = strcmp(m->type, "cgroup") ? m->type : "cgroup2";
	const char *src = m->src ? m->src : "none";
	struct mnt b = *m;	/* a user namespace without its own network
				   (cgroup) namespace may not mount sysfs
				   (cgroup2): bind the host's, as runc does */
	int old = -1;

	if (m->copyup && (old = openat(fd, ".", O_RDONLY | O_DIRECTORY |
				       O_CLOEXEC)) < 0)
		die_errno("tmpcopyup %s", m->dest);
	if (mount(src, target, type, fl, m->data) == 0) {
		if (m->copyup)
			child_copyup(rootfd, m, old);
		return;
	}
	if ((errno != EPERM && errno != EBUSY) || !spec_userns() ||
	    (strcmp(type, "sysfs") && strcmp(type, "cgroup2")))
		die("mount %s on %s: %s", src, m->dest, mount_strerror(errno));
	if (*type == 's')
		b.src = "/sys";
	else if (*r->cg_dir)
		b.src = (char *)r->cg_dir;
	else
		b.src = *cg_mnt ? cg_mnt : "/sys/fs/cgroup";
	b.srcfd = -1;
	b.flags |= MS_BIND | MS_REC;
	child_mount_bind(rootfd, &b, target, fd);
}

/* mounts[] entry. */
static void
child_mount_one(struct run *r, int rootfd, const struct mnt *m)
{
	const char *type = m->type, *src = m->src ? m->src : "none";
	int create = RES_DIR, fd;
	struct stat st;
	char target[32];

	if (m->flags & MS_BIND) {
		int rc;

		if (m->srcfd >= 0)
			rc = fstat(m->srcfd, &st);
		else
			rc = stat(m->src ? m->src : "", &st);
		if (rc < 0)
			die_errno("mount %s on %s: source", src, m->dest);
		if (!S_ISDIR(st.st_mode))
			create = RES_FILE;
	}
	if (!(m->flags & MS_BIND) && (!strcmp(type, "proc") ||
				       !strcmp(type, "sysfs")))
		fd = child_plain_dir(rootfd, m);
	else
		fd = child_resolve(rootfd, m->dest, create);
	if (fd < 0)
		die_errno("mount %s on %s: destination", src, m->dest);
	fd_path(target, sizeof(target), fd);
	if (!(m->flags & MS_BIND) && !strcmp(type, "cgroup") && *r->cg_dir &&
	    !(spec.clone_flags & CLONE_NEWCGROUP)) {
		struct mnt b = *m;	/* no cgroup namespace: its own dir, as runc */

		b.src = (char *)r->cg_dir;
		b.srcfd = -1;
		b.flags |= MS_BIND | MS_REC;
		child_mount_bind(rootfd, &b, target, fd);
	} else if (m->flags & MS_BIND) {
		child_mount_bind(rootfd, m, target, fd);
		if (m->srcfd >= 0)
			close(m->srcfd);
	} else {
		child_mount_fs(r, rootfd, m, fd, target);
	}
	close(fd);
	for (int i = 0; i < m->nprop; i++) {
		fd = child_resolve(rootfd, m->dest, RES_OPEN);
		fd_path(target, sizeof(target), fd);
		if (fd < 0 || mount(NULL, target, NULL, m->prop[i], NULL) < 0)
			die("set propagation of %s: %s", m->dest, mount_strerror(errno));
		close(fd);
	}
	if (m->attr_set || m->attr_clr)
		child_mount_attr(rootfd, m);
}

/*
 * mknod in the rootfs, replacing what is there; where mknod is not allowed
 * (a user namespace, the device cgroup), a bind mount of the host's node
 * of the same path instead, as runc does.
 */
static void
child_mknod(int rootfd, int devfd, const struct dev *d)
{
	char parent[MAX_PATH], target[32], *name;
	int pfd, fd, r;

	xsnprintf(parent, sizeof(parent), "%s", d->path);
	name = strrchr(parent, '/');
	*name++ = 0;
	if (devfd >= 0 && !strcmp(parent, "/dev"))
		pfd = devfd;
	else
		pfd = child_resolve(rootfd, *parent ? parent : "/", RES_DIR);
	if (pfd < 0)
		die_errno("create device %s", d->path);
	r = mknodat(pfd, name, d->mode, d->rdev);
	if (r < 0 && errno == EEXIST) {
		unlinkat(pfd, name, 0);
		r = mknodat(pfd, name, d->mode, d->rdev);
	}
	if (r == 0) {
		if (fchownat(pfd, name, d->uid, d->gid, AT_SYMLINK_NOFOLLOW) < 0 ||
		    fchmodat(pfd, name, d->mode & 07777, 0) < 0)
			die_errno("create device %s", d->path);
	} else if (errno == EPERM) {
		fd = child_resolve(rootfd, d->path, RES_FILE);
		fd_path(target, sizeof(target), fd);
		if (fd < 0 || mount(d->path, target, NULL, MS_BIND, NULL) < 0)
			die_errno("bind device %s", d->path);
		close(fd);
	} else {
		die_errno("create device %s", d->path);
	}
	if (pfd != devfd)
		close(pfd);
}

/* A default link: in /dev, at devfd (or resolved again if it is -1). */
static void
child_symlink(int rootfd, int devfd, const char *target, const char *path)
{
	int pfd = devfd >= 0 ? devfd : child_resolve(rootfd, "/dev", RES_DIR);

	if (pfd < 0 || (symlinkat(target, pfd, path + 5) < 0 && errno != EEXIST))
		die_errno("symlink %s", path);
	if (pfd != devfd)
		close(pfd);
}

/* The default devices unless /dev is a bind mount, then linux.devices;
 * /dev is resolved once for all of them. */
static void
child_devices(int rootfd)
{
	bool dev_bound = false;
	char path[32];
	int devfd;

	for (int i = 0; i < spec.nmounts; i++)
		if (!strcmp(spec.mounts[i].dest, "/dev") &&
		    (spec.mounts[i].flags & MS_BIND))
			dev_bound = true;
	if (dev_bound && !spec.ndevices)
		return;
	devfd = child_resolve(rootfd, "/dev", RES_DIR);	/* -1: each its own */
	for (size_t i = 0; !dev_bound && i < ARRAY_LEN(default_devices); i++) {
		struct dev d = { path, S_IFCHR | 0666, makedev(
				 default_devices[i].major,
				 default_devices[i].minor), 0, 0, 0 };
		bool listed = false;

		snprintf(path, sizeof(path), "/dev/%s", default_devices[i].name);
		for (int c = 0; c < spec.ndevices; c++)	/* the config's wins */
			listed |= !strcmp(spec.devices[c].path, path);
		if (!listed)
			child_mknod(rootfd, devfd, &d);
	}
	for (size_t i = 0; !dev_bound && i < ARRAY_LEN(default_links); i++)
		child_symlink(rootfd, devfd, default_links[i][0],
			      default_links[i][1]);
	for (int i = 0; i < spec.ndevices; i++)
		child_mknod(rootfd, devfd, &spec.devices[i]);
	if (devfd >= 0)
		close(devfd);
}

/* /proc/self/mountinfo whole, in a static buffer (1 MiB). */
static char *
mountinfo_read(void)
{
	static char info[1 << 20];

	if (readfile("/proc/self/mountinfo", info, sizeof(info)) < 0)
		die_errno("/proc/self/mountinfo");
	if (strlen(info) == sizeof(info) - 1)
		die("/proc/self/mountinfo: more than %zu bytes", sizeof(info) - 1);
	return info;
}

/* Splits one mountinfo line into its root (field 4), mount point (5)
 * and filesystem type (the first field after " - "); false if damaged. */
static bool
mountinfo_fields(char *line, char **root, char **mp, char **type)
{
	char *sep = strstr(line, " - "), *f = line;

	for (int i = 0; i < 3 && f; i++)
		if ((f = strchr(f, ' ')))
			f++;
	if (!f || !sep)
		return false;
	*root = f;
	f += strcspn(f, " ");
	if (!*f)
		return false;
	*f++ = 0;
	*mp = f;
	f += strcspn(f, " ");
	*f = 0;
	*type = sep + 3;
	(*type)[strcspn(*type, " ")] = 0;
	return true;
}

/* Is "/" the initramfs, the rootfs that pivot_root cannot move? */
static bool
root_is_initramfs(void)
{
	char *info = mountinfo_read(), *line, *save, *root, *mp, *type;

	for (line = strtok_r(info, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (mountinfo_fields(line, &root, &mp, &type) &&
		    !strcmp(mp, "/") && !strcmp(type, "rootfs"))
			return true;
	return false;
}

/*
 * Before MS_MOVE and chroot, the host's whole procfs and sysfs mounts stay
 * in the container's mount namespace, out of sight but enough for the
 * kernel to allow a new, unmasked proc mount in a user namespace the
 * container makes: each outside the rootfs is made a slave and detached,
 * or covered with a tmpfs where it cannot be (runc's msMoveRoot).
 */
static void
child_move_root_mask(void)
{
	char *info = mountinfo_read(), *line, *save, *root, *mp, *type;
	size_t rl = strlen(spec.root);

	for (line = strtok_r(info, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!mountinfo_fields(line, &root, &mp, &type) ||
		    strcmp(root, "/") || (strcmp(type, "proc") &&
					  strcmp(type, "sysfs")) ||
		    (!strncmp(mp, spec.root, rl) && (!mp[rl] || mp[rl] == '/')))
			continue;
		if (mount(NULL, mp, NULL, MS_SLAVE | MS_REC, NULL) < 0) {
			if (errno == ENOENT)	/* under one detached already */
				continue;
			die("make %s a slave: %s", mp, mount_strerror(errno));
		}
		if (umount2(mp, MNT_DETACH) < 0 &&
		    ((errno != EINVAL && errno != EPERM) ||
		     mount("tmpfs", mp, "tmpfs", 0, NULL) < 0))
			die("hide the host's %s at %s: %s", type, mp,
			    mount_strerror(errno));
	}
}

/*
 * pivot_root(".", ".") stacks the old root under the new one, and a lazy
 * unmount drops it (runc's pivotRoot).  pivot_root fails with EINVAL when
 * the current root is the initramfs (rootfs cannot be unmounted); there the
 * rootfs is moved over "/" and chrooted into, as switch_root does.  ".."
 * from the new root then lands on the mount stacked over "/", so the
 * initramfs stays out of reach.
 */
static void
child_pivot_root(int rootfd, bool no_pivot)
{
	int oldroot = xopen("/", O_DIRECTORY | O_RDONLY, 0);

	if (fchdir(rootfd) < 0)
		die_errno("chdir to rootfs %s", spec.root);
	if (!no_pivot && sys_pivot_root(".", ".") == 0) {
		if (fchdir(oldroot) < 0 ||
		    mount(NULL, ".", NULL, MS_SLAVE | MS_REC, NULL) < 0 ||
		    umount2(".", MNT_DETACH) < 0)
			die_errno("detach the old root");
	} else {
		if (!no_pivot && (errno != EINVAL || !root_is_initramfs()))
			die_errno("pivot_root %s", spec.root);
		debug("%s: moving the rootfs over / and chroot", no_pivot ?
		      "--no-pivot" : "pivot_root: EINVAL (initramfs root)");
		child_move_root_mask();
		if (mount(".", "/", NULL, MS_MOVE, NULL) < 0)
			die_errno("move rootfs %s to /", spec.root);
		if (chroot(".") < 0)
			die_errno("chroot %s", spec.root);
	}
	if (chdir("/") < 0)
		die_errno("chdir /");
	close(oldroot);
}

/* maskedPaths: /dev/null over files, an empty read-only tmpfs over dirs
 * (tried in runc's order: the bind, the tmpfs where it says ENOTDIR, and
 * nothing where the path does not exist); the /dev/null is checked to be
 * the real one (CVE-2025-31133). */
static void
child_masked_paths(void)
{
	int nullfd;
	char nullpath[32];
	struct stat st;

	if (spec.nmasked == 0)
		return;
	nullfd = xopen("/dev/null", O_PATH, 0);
	if (fstat(nullfd, &st) < 0 || !S_ISCHR(st.st_mode) ||
	    st.st_rdev != makedev(1, 3))
		die("/dev/null in the container is not the null device");
	fd_path(nullpath, sizeof(nullpath), nullfd);
	for (int i = 0; i < spec.nmasked; i++) {
		const char *p = spec.masked[i];
		int r = mount(nullpath, p, NULL, MS_BIND, NULL);

		if (r < 0 && errno == ENOTDIR)
			r = mount("tmpfs", p, "tmpfs", MS_RDONLY, NULL);
		if (r < 0 && errno != ENOENT)
			die("mask %s: %s", p, mount_strerror(errno));
	}
	close(nullfd);
}

static void
child_readonly(const char *p, bool bind)
{
	if (bind && mount(p, p, NULL, MS_BIND | MS_REC, NULL) < 0) {
		if (errno == ENOENT)
			return;
		die("make %s read-only: %s", p, mount_strerror(errno));
	}
	if (mount(NULL, p, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY |
		  locked_flags(p), NULL) < 0)
		die("make %s read-only: %s", p, mount_strerror(errno));
}

/*
 * With rootfsPropagation shared, the mount holding the rootfs must not be
 * shared, or pivot_root (and the MS_MOVE fallback) fail with EINVAL: it is
 * made private, as runc's rootfsParentMountPrivate does; the requested
 * propagation is set on the new "/" afterwards.
 */
static void
child_parent_private(void)
{
	char root[MAX_PATH], best[MAX_PATH] = "", link[32], *line, *save, *info;
	bool shared = false;
	int fd = xopen(spec.root, O_PATH | O_DIRECTORY, 0);
	ssize_t len;

	fd_path(link, sizeof(link), fd);
	len = readlink(link, root, sizeof(root) - 1);
	close(fd);
	if (len < 0)
		die_errno("rootfs %s: find its mount", spec.root);
	info = mountinfo_read();
	root[len] = 0;
	for (line = strtok_r(info, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *mp = line, *sep = strstr(line, " - ");
		size_t n;

		for (int f = 0; f < 4 && mp; f++)	/* the 5th field */
			if ((mp = strchr(mp, ' ')))
				mp++;
		if (!mp || !sep)
			continue;
		n = strcspn(mp, " ");
		if (strncmp(root, mp, n) || (root[n] != '/' && root[n] && n > 1) ||
		    n < strlen(best) || n >= sizeof(best))
			continue;
		memcpy(best, mp, n);
		best[n] = 0;
		shared = strstr(line, " shared:") && strstr(line, " shared:") < sep;
	}
	if (shared && mount(NULL, best, NULL, MS_PRIVATE, NULL) < 0)
		die("make %s private: %s", best, mount_strerror(errno));
}

/*
 * The whole rootfs: propagation of "/", the rootfs bound onto itself (so it
 * is a mount point), the mounts, the devices, the new root, then masked
 * and read-only paths and root.readonly inside it.
 */
static int
child_rootfs(struct run *r)
{
	unsigned long prop = spec.root_prop ? spec.root_prop : MS_SLAVE | MS_REC;
	int rootfd;

	if (mount(NULL, "/", NULL, prop, NULL) < 0)
		die("set propagation of /: %s", mount_strerror(errno));
	if (prop & MS_SHARED)
		child_parent_private();
	if (mount(spec.root, spec.root, NULL, MS_BIND | MS_REC, NULL) < 0)
		die("bind rootfs %s: %s", spec.root, mount_strerror(errno));
	rootfd = xopen(spec.root, O_PATH | O_DIRECTORY, 0);
	for (int i = 0; i < spec.nmounts; i++)
		child_mount_one(r, rootfd, &spec.mounts[i]);
	child_devices(rootfd);
	return rootfd;
}

/* A missing process.cwd is made, inside the new root and before it may
 * turn read-only (runc's MkdirAll in prepareRootfs); what cannot be made
 * is left to child_chdir to report. */
static void
child_mkdir_cwd(void)
{
	char dir[MAX_PATH];

	xsnprintf(dir, sizeof(dir), "%s", spec.proc.cwd);
	for (char *p = dir + 1; ; p++) {
		char c = *p;

		if (c && c != '/')
			continue;
		*p = 0;
		mkdir(dir, 0755);
		*p = c;
		if (!c)
			return;
	}
}

/* ... then the new root, masked and read-only paths, the cwd. */
static void
child_rootfs_finish(int rootfd, bool no_pivot)
{
	unsigned long prop = spec.root_prop;

	child_pivot_root(rootfd, no_pivot);
	close(rootfd);
	if ((prop & MS_SHARED) && mount(NULL, "/", NULL, prop, NULL) < 0)
		die("set propagation of /: %s", mount_strerror(errno));
	child_masked_paths();
	for (int i = 0; i < spec.nreadonly; i++)
		child_readonly(spec.readonly[i], true);
	child_mkdir_cwd();
}

/* After the terminal: the read-only tmpfs and /dev mounts, then
 * root.readonly (runc's finalizeRootfs). */
static void
child_rootfs_readonly(void)
{
	for (int i = 0; i < spec.nmounts; i++) {
		const struct mnt *m = &spec.mounts[i];

		if (mnt_ro_later(m) && mount(m->src, m->dest, m->type,
					     MS_REMOUNT | m->flags, NULL) < 0)
			die("remount %s read-only: %s", m->dest,
			    mount_strerror(errno));
	}
	if (spec.root_ro)
		child_readonly("/", false);
}

/*
 * ==== 15. seccomp =========================================================
 * linux.seccomp compiled to classic BPF by the parent before clone, kept
 * in the state dir for exec, and loaded by the child.  Uses 7, 8, 10.
 * The program:
 *
 *	load arch; one section per listed architecture rt has numbers for
 *	(the native one always, as libseccomp); any other: kill
 *	section: load nr; per syscall: if nr == N { rules with conditions
 *	    in order, each returning its action when all its conditions
 *	    hold; then the unconditional action, or the default }
 *	nr > the newest syscall named: ENOSYS (runc's stub); the default
 *
 * x32 shares x86_64's audit arch, with __X32_SYSCALL_BIT in nr.  A 64-bit
 * argument is compared as two 32-bit words, high word first.  Sections and
 * syscall blocks are jumped over with BPF_JA (32-bit offsets); conditions
 * use the 8-bit offsets of conditional jumps.
 */

static const struct sc_tab {		/* architectures with numbers here */
	uint32_t audit;
	int col;			/* of sc_nrs */
	uint32_t bias;			/* added to nr */
	bool wide;			/* 64-bit arguments */
} sc_tabs[] = {				/* the compat ones: SC_COMPAT */
	{ SC_ARCH_NATIVE, 0, 0, sizeof(long) == 8 },
#if defined(__x86_64__)
	{ 0x40000003, 1, 0, false },	/* i386 */
	{ SC_ARCH_X32, 2, SC_X32_BIT, true },	/* x32 */
#elif defined(__aarch64__)
	{ 0x40000028, 1, 0, false },	/* 32-bit ARM (EABI) programs */
#endif
};
#define NSCTABS (SC_COMPAT ? ARRAY_LEN(sc_tabs) : 1)

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
enum { SC_HI = 4, SC_LO = 0 };
#else
enum { SC_HI = 0, SC_LO = 4 };
#endif

static int
sc_emit(uint16_t code, uint32_t k, unsigned jt, unsigned jf)
{
	if (sc_len == BPF_MAXINSNS)
		die("linux.seccomp: the filter needs more than %d BPF "
		    "instructions (the kernel's BPF_MAXINSNS)", BPF_MAXINSNS);
	sc_prog[sc_len] = (struct sock_filter){ code, (uint8_t)jt, (uint8_t)jf, k };
	return sc_len++;
}

/* Points the conditional jump j (jt or jf, whichever is 0xff) at the next
 * instruction to be emitted. */
static void
sc_patch(int j)
{
	int off = sc_len - j - 1;

	if (off > 255)
		die("linux.seccomp: a rule's conditions need a jump of %d "
		    "instructions (BPF allows 255)", off);
	if (sc_prog[j].jt == 0xff)
		sc_prog[j].jt = (uint8_t)off;
	else
		sc_prog[j].jf = (uint8_t)off;
}

/*
 * One condition; jumps that mean "no match" are added to fails[].  In a
 * 32-bit architecture's section only the low word is compared, as
 * libseccomp does: the compat syscall drops the high word that a 64-bit
 * process can set in its registers, so a high word must decide nothing.
 */
static void
sc_cond(const struct sc_cond *c, bool wide, int *fails, int *nfails)
{
	uint32_t off = SC_OFF_ARGS + 8U * c->index;
	uint32_t hi = (uint32_t)(c->v >> 32), lo = (uint32_t)c->v;
	uint16_t cmp = c->op == SC_LT || c->op == SC_GE ? BPF_JGE_K : BPF_JGT_K;

	if (c->op == SC_MASKED_EQ) {
		if (wide) {
			sc_emit(BPF_LD_W_ABS, off + SC_HI, 0, 0);
			sc_emit(BPF_AND_K, hi, 0, 0);
			fails[(*nfails)++] = sc_emit(BPF_JEQ_K,
						     (uint32_t)(c->v2 >> 32), 0, 0xff);
		}
		sc_emit(BPF_LD_W_ABS, off + SC_LO, 0, 0);
		sc_emit(BPF_AND_K, lo, 0, 0);
		fails[(*nfails)++] = sc_emit(BPF_JEQ_K, (uint32_t)c->v2, 0, 0xff);
		return;
	}
	if (!wide) {
		sc_emit(BPF_LD_W_ABS, off + SC_LO, 0, 0);
		if (c->op == SC_EQ)
			fails[(*nfails)++] = sc_emit(BPF_JEQ_K, lo, 0, 0xff);
		else if (c->op == SC_NE)
			fails[(*nfails)++] = sc_emit(BPF_JEQ_K, lo, 0xff, 0);
		else if (c->op == SC_GT || c->op == SC_GE)
			fails[(*nfails)++] = sc_emit(cmp, lo, 0, 0xff);
		else
			fails[(*nfails)++] = sc_emit(cmp, lo, 0xff, 0);
		return;
	}
	sc_emit(BPF_LD_W_ABS, off + SC_HI, 0, 0);
	switch (c->op) {
	case SC_EQ:
		fails[(*nfails)++] = sc_emit(BPF_JEQ_K, hi, 0, 0xff);
		sc_emit(BPF_LD_W_ABS, off + SC_LO, 0, 0);
		fails[(*nfails)++] = sc_emit(BPF_JEQ_K, lo, 0, 0xff);
		return;
	case SC_NE:			/* high words differ: a match */
		sc_emit(BPF_JEQ_K, hi, 0, 2);
		sc_emit(BPF_LD_W_ABS, off + SC_LO, 0, 0);
		fails[(*nfails)++] = sc_emit(BPF_JEQ_K, lo, 0xff, 0);
		return;
	case SC_GT: case SC_GE:		/* hi > HI, or hi == HI and lo >(=) LO */
		sc_emit(BPF_JGT_K, hi, 3, 0);
		fails[(*nfails)++] = sc_emit(BPF_JEQ_K, hi, 0, 0xff);
		sc_emit(BPF_LD_W_ABS, off + SC_LO, 0, 0);
		fails[(*nfails)++] = sc_emit(cmp, lo, 0, 0xff);
		return;
	default:			/* LT, LE: not GE, not GT */
		sc_emit(BPF_JGE_K, hi, 0, 3);
		fails[(*nfails)++] = sc_emit(BPF_JEQ_K, hi, 0, 0xff);
		sc_emit(BPF_LD_W_ABS, off + SC_LO, 0, 0);
		fails[(*nfails)++] = sc_emit(cmp, lo, 0xff, 0);
		return;
	}
}

static int
sc_nr(const struct sc_rule *r, const struct sc_tab *t)
{
	uint32_t nr = r->sys < 0 ? SC_NONE : sc_nrs[r->sys][t->col];

	return nr == SC_NONE ? -1 : (int)(nr + t->bias);
}

/* The multiplexer (socketcall or ipc) that r's syscall goes through in
 * t's ABI, or -1. */
static int
sc_mux_nr(const struct sc_rule *r, const struct sc_tab *t)
{
	struct sc_rule m = { .sys = -1 };

	if (r->mux < 0)
		return -1;
	m.sys = sc_mux_rows[sc_muxed[r->mux].mux];
	return sc_nr(&m, t);
}

/* One conditional rule; muxed: through its multiplexer, its call number
 * in place of arg0 (libseccomp's abi_rule_add). */
static void
sc_rule_emit(const struct sc_rule *r, const struct sc_tab *t, bool muxed)
{
	const struct seccomp *sc = &spec.sc;
	struct sc_cond call = { 0, SC_EQ, 0, 0 };
	int fails[2 * 7], nfails = 0;

	if (muxed) {
		call.v = sc_muxed[r->mux].call;
		sc_cond(&call, false, fails, &nfails);
	}
	for (int c = r->cond; c < r->cond + r->ncond; c++)
		if (!muxed || sc->conds[c].index)
			sc_cond(&sc->conds[c], t->wide, fails, &nfails);
	sc_emit(BPF_RET_K, r->action, 0, 0);
	while (nfails > 0)
		sc_patch(fails[--nfails]);
}

/* The block of syscall nr: conditional rules in order, then the rest. */
static void
sc_syscall(const struct sc_tab *t, int nr)
{
	const struct seccomp *sc = &spec.sc;
	uint32_t uncond = sc->def;
	int skip;
	bool found = false;

	sc_emit(BPF_JEQ_K, (uint32_t)nr, 1, 0);
	skip = sc_emit(BPF_JA, 0, 0, 0);
	for (int i = 0; i < sc->nrules; i++) {
		const struct sc_rule *r = &sc->rules[i];

		if (sc_mux_nr(r, t) == nr) {
			sc_rule_emit(r, t, true);
		} else if (sc_nr(r, t) != nr) {
			continue;
		} else if (r->ncond) {
			sc_rule_emit(r, t, false);
		} else {
			if (!found)
				uncond = r->action;
			found = true;
		}
	}
	sc_emit(BPF_RET_K, uncond, 0, 0);
	sc_prog[skip].k = (uint32_t)(sc_len - skip - 1);
}

/* Has an earlier rule than i (direct or muxed) the syscall nr? */
static bool
sc_seen(const struct sc_tab *t, int i, int nr)
{
	for (int j = 0; j < i; j++)
		if (sc_nr(&spec.sc.rules[j], t) == nr ||
		    sc_mux_nr(&spec.sc.rules[j], t) == nr)
			return true;
	return false;
}

/*
 * One architecture's section; A holds nr on entry (x32: with its bit).
 * nr -1 (what ptrace's skip and probes by glibc use) gets the default
 * action, never the ENOSYS stub, as with libseccomp alone.
 */
static void
sc_section(const struct sc_tab *t)
{
	const struct seccomp *sc = &spec.sc;
	int maxnr = -1;

	for (int i = 0; i < sc->nrules; i++) {
		int nr[2] = { sc_nr(&sc->rules[i], t),
			      sc_mux_nr(&sc->rules[i], t) };

		for (int k = 0; k < 2; k++) {
			if (nr[k] < 0 || sc_seen(t, i, nr[k]) ||
			    (k == 1 && nr[0] == nr[1]))
				continue;
			sc_syscall(t, nr[k]);
			if (nr[k] > maxnr)
				maxnr = nr[k];
		}
	}
	if (sc->stub && maxnr >= 0) {
		sc_emit(BPF_JEQ_K, 0xffffffffU, 2, 0);
		sc_emit(BPF_JGT_K, (uint32_t)maxnr, 0, 1);
		sc_emit(BPF_RET_K, SECCOMP_RET_ERRNO | ENOSYS, 0, 0);
	}
	sc_emit(BPF_RET_K, sc->def, 0, 0);
}

static bool
sc_listed(uint32_t audit)
{
	for (int a = 0; a < spec.sc.narchs; a++)
		if (spec.sc.archs[a] == audit)
			return true;
	return audit == SC_ARCH_NATIVE;
}

/* Compiles spec.sc into sc_prog (parent, before clone). */
static void
sc_compile(void)
{
	const struct seccomp *sc = &spec.sc;
	int to[3], x32 = -1;

	sc_len = 0;
	sc_flags = sc->flags;
	sc_mux_rows[MUX_SOCKET] = sc_lookup("socketcall");
	sc_mux_rows[MUX_IPC] = sc_lookup("ipc");
	sc_emit(BPF_LD_W_ABS, SC_OFF_ARCH, 0, 0);
	for (int t = 0; t < NSCTABS; t++) {
		to[t] = -1;
		if (sc_tabs[t].audit == SC_ARCH_X32 || !sc_listed(sc_tabs[t].audit))
			continue;
		sc_emit(BPF_JEQ_K, sc_tabs[t].audit, 0, 1);
		to[t] = sc_emit(BPF_JA, 0, 0, 0);
	}
	/* unlisted, or listed without numbers here (its rules could not be
	 * applied): killed, never let through */
	sc_emit(BPF_RET_K, SECCOMP_RET_KILL_THREAD, 0, 0);
	for (int t = 0; t < NSCTABS; t++) {
		if (sc_tabs[t].audit == SC_ARCH_X32) {
			if (x32 < 0)
				continue;
			sc_prog[x32].k = (uint32_t)(sc_len - x32 - 1);
		} else if (to[t] < 0) {
			continue;
		} else {
			sc_prog[to[t]].k = (uint32_t)(sc_len - to[t] - 1);
			sc_emit(BPF_LD_W_ABS, SC_OFF_NR, 0, 0);
		}
		if (sc_tabs[t].audit == 0xc000003eU) {	/* x86_64: x32 too */
			sc_emit(BPF_JGE_K, SC_X32_BIT, 0, 3);
			sc_emit(BPF_JEQ_K, 0xffffffffU, 2, 0);	/* -1: here */
			if (SC_COMPAT && sc_listed(SC_ARCH_X32))
				x32 = sc_emit(BPF_JA, 0, 0, 0);
			else
				sc_emit(BPF_JA, 0, 0, 0);
			sc_emit(BPF_RET_K, SECCOMP_RET_KILL_THREAD, 0, 0);
			if (x32 < 0)	/* jump to the kill just above */
				sc_prog[sc_len - 2].k = 0;
		}
		sc_section(&sc_tabs[t]);
	}
}

/* The compiled filter is kept in the state dir for `rt exec`, whose
 * processes it filters too (runc keeps the profile in state.json):
 * the flags, then the instructions. */
static void
sc_save(void)
{
	char path[MAX_PATH];
	int fd;

	if (!CONFIG_SECCOMP || !sc_len)
		return;
	st_made |= SF_SECCOMP;
	st_file(path, "seccomp");
	fd = openat(AT_FDCWD, path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0600);
	if (fd < 0 || writeall(fd, &sc_flags, sizeof(sc_flags)) < 0 ||
	    writeall(fd, sc_prog, sizeof(sc_prog[0]) * (size_t)sc_len) < 0)
		die_errno("write %s", path);
	close(fd);
	if (!CONFIG_SECCOMP_NOTIFY || !spec.sc.notify)
		return;
	st_made |= SF_NOTIFY;		/* listenerPath, listenerMetadata */
	st_file(path, "seccomp.notify");
	fd = openat(AT_FDCWD, path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0600);
	if (fd < 0 || writeall(fd, spec.sc.listener,
			       strlen(spec.sc.listener) + 1) < 0 ||
	    writeall(fd, spec.sc.metadata ? spec.sc.metadata : "",
		     strlen(spec.sc.metadata ? spec.sc.metadata : "") + 1) < 0 ||
	    close(fd) < 0)
		die_errno("write %s", path);
}

/* exec: the SCMP_ACT_NOTIFY agent's path and metadata, if any. */
static void
sc_load_notify(void)
{
	static char buf[2 * MAX_PATH];
	char path[MAX_PATH];
	ssize_t n;

	if (!CONFIG_SECCOMP_NOTIFY)
		return;
	st_file(path, "seccomp.notify");
	n = readfile(path, buf, sizeof(buf));
	if (n < 0 && errno == ENOENT)
		return;
	if (n < 2 || buf[n - 1] || !memchr(buf, 0, (size_t)n - 1))
		die("%s: damaged or unreadable", path);
	spec.sc.notify = true;
	spec.sc.listener = buf;
	spec.sc.metadata = buf + strlen(buf) + 1;
}

static void
sc_load(void)
{
	char path[MAX_PATH];
	ssize_t n;
	int fd;

	st_file(path, "seccomp");
	fd = openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return;
	if (fd < 0 || read(fd, &sc_flags, sizeof(sc_flags)) !=
	    (ssize_t)sizeof(sc_flags) ||
	    (n = read(fd, sc_prog, sizeof(sc_prog))) <= 0 ||
	    n % (ssize_t)sizeof(sc_prog[0]))
		die("%s: damaged or unreadable", path);
	sc_len = (int)(n / (ssize_t)sizeof(sc_prog[0]));
	close(fd);
	sc_load_notify();
}

/*
 * SCMP_ACT_NOTIFY, parent: the state JSON the agent gets, rendered before
 * clone (the init's pid, unknown yet, as HOOK_PID_MARK).
 */
static void
sc_notify_prepare(const char *id, struct state *st, const char *status)
{
	pid_t pid = st->pid;

	if (!CONFIG_SECCOMP_NOTIFY || !spec.sc.notify)
		return;
	if (!pid)
		st->pid = INT_MAX;
	state_json(sc_state, sizeof(sc_state), id, st, status, false, NULL);
	st->pid = pid;
}

/* ... child, first thing: connected to listenerPath while the host's paths
 * and /proc are still its own, and its pid there known. */
static void
child_sc_connect(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char self[16];
	ssize_t n;

	if (!CONFIG_SECCOMP_NOTIFY || !spec.sc.notify)
		return;
	n = readlink("/proc/self", self, sizeof(self) - 1);
	sc_pid = n > 0 ? (self[n] = 0, atoi(self)) : 0;
	if (strlen(spec.sc.listener) >= sizeof(sa.sun_path))
		die("linux.seccomp.listenerPath %s: path too long",
		    spec.sc.listener);
	strcpy(sa.sun_path, spec.sc.listener);
	sc_sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (sc_sock < 0 || connect(sc_sock, (struct sockaddr *)&sa,
				   sizeof(sa)) < 0)
		die_errno("connect to the seccomp listener %s", spec.sc.listener);
}

/*
 * ... child, the filter loaded: the listener fd and the container process
 * state (runtime-spec's: ociVersion, fds, pid, metadata, state) go to the
 * agent in one message.  The filter must let sendmsg and close through.
 */
static void
child_sc_send(int fd)
{
	static char meta[2 * MAX_PATH], head[sizeof(meta) + 128];
	char pid[16];
	struct iovec iov[3];
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	struct msghdr mh = { .msg_iov = iov, .msg_iovlen = 3,
			     .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);

	if (!json_escape(meta, sizeof(meta), spec.sc.metadata ?
			 spec.sc.metadata : ""))
		die("linux.seccomp.listenerMetadata: longer than %d bytes as "
		    "JSON (raise %s)", 2 * MAX_PATH - 1, LIMIT_NAME(MAX_PATH));
	snprintf(pid, sizeof(pid), "\"pid\":%d", (int)sc_pid);
	str_replace(sc_state, sizeof(sc_state), HOOK_PID_MARK, pid);
	snprintf(head, sizeof(head), "{\"ociVersion\":\"" SPEC_VERSION "\",\"fds\":"
		 "[\"seccompFd\"],\"pid\":%d,\"metadata\":\"%s\",\"state\":",
		 (int)sc_pid, meta);
	iov[0] = (struct iovec){ head, strlen(head) };
	iov[1] = (struct iovec){ sc_state, strlen(sc_state) };
	iov[2] = (struct iovec){ "}", 1 };
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	if (sendmsg(sc_sock, &mh, MSG_NOSIGNAL) < 0)
		die_errno("send the seccomp listener to %s", spec.sc.listener);
	close(fd);
	close(sc_sock);
}

/* Loads sc_prog: just before execve, or before the capabilities go when
 * no_new_privs is off (then it needs CAP_SYS_ADMIN, as in runc); with
 * SCMP_ACT_NOTIFY, its listener goes to the agent. */
static void
child_seccomp(void)
{
	struct sock_fprog prog = { (unsigned short)sc_len, sc_prog };
	bool notify = CONFIG_SECCOMP_NOTIFY && spec.sc.notify;
	unsigned flags = sc_flags | (notify ? SC_FLAG_NEW_LISTENER : 0);
	long fd;

	if (!CONFIG_SECCOMP || !sc_len)
		return;
	/* the kernel takes TSYNC with a listener only with TSYNC_ESRCH,
	 * which libseccomp adds as well */
	if ((flags & SC_FLAG_NEW_LISTENER) && (flags & 1U))
		flags |= 1U << 4;
	fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
	if (fd < 0)
		die_errno("load the seccomp filter");
	if (notify)
		child_sc_send((int)fd);
}

/*
 * ==== 16. process =========================================================
 * Child side, after the rootfs: terminal, rlimits, user and capabilities
 * (by raw syscalls, in runc's order), no_new_privs, and the executable.
 */
/* Go's error words, which engines match ("no such file or directory"). */
static const char *
lc_strerror(int errnum)
{
	static char buf[128];

	snprintf(buf, sizeof(buf), "%s", strerror(errnum));
	buf[0] = (char)tolower((unsigned char)buf[0]);
	return buf;
}

/* Sends one record, with fd attached when fd >= 0. */
static int
sync_send(int sock, int kind, int fd)
{
	struct errmsg m = { .kind = kind };
	struct iovec iov = { &m, sizeof(m) };
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;

	if (fd >= 0) {
		mh.msg_control = cbuf;
		mh.msg_controllen = sizeof(cbuf);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
	}
	return sendmsg(sock, &mh, MSG_NOSIGNAL) < 0 ? -1 : 0;
}

/* Receives one record; *fd gets an attached fd or -1.  0 at EOF. */
static ssize_t
sync_recv(int sock, struct errmsg *m, int *fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { m, sizeof(*m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c;
	ssize_t n;

	*fd = -1;
	do
		n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		die_errno("read from the container's init");
	c = CMSG_FIRSTHDR(&mh);
	if (n > 0 && c && c->cmsg_type == SCM_RIGHTS)
		memcpy(fd, CMSG_DATA(c), sizeof(int));
	return n;
}

/* The pty bound on /dev/console, from the slave fd onto the node opened
 * without following a symlink (CVE-2025-52565: a /dev/console planted as a
 * symlink must not carry the bind elsewhere). */
static void
child_console(int slave, const char *pts)
{
	char src[32], dst[32];
	struct stat st;
	int fd = openat(AT_FDCWD, "/dev/console", O_CREAT | O_WRONLY |
			O_NOFOLLOW | O_CLOEXEC, 0600);

	if (fd >= 0)
		close(fd);
	fd = openat(AT_FDCWD, "/dev/console", O_PATH | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0)
		die_errno("terminal: /dev/console");
	if (!S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode))
		die("terminal: /dev/console: not a file or a character device");
	fd_path(src, sizeof(src), slave);
	fd_path(dst, sizeof(dst), fd);
	if (mount(src, dst, NULL, MS_BIND, NULL) < 0)
		die("terminal: bind %s on /dev/console: %s", pts,
		    mount_strerror(errno));
	close(fd);
}

/*
 * A pty from the container's own devpts (so the container can reopen it),
 * its slave returned and bound onto /dev/console, its master sent to the
 * parent.  TIOCGPTPEER (Linux 4.13) opens the slave without a path lookup.
 */
static int
child_terminal(bool console)
{
	int master, slave, n, zero = 0;
	char path[32];
	struct winsize ws = { .ws_row = spec.proc.rows, .ws_col = spec.proc.cols };

	master = openat(AT_FDCWD, "/dev/pts/ptmx", O_RDWR | O_NOCTTY |
			O_CLOEXEC);
	if (master < 0)
		die_errno("terminal: open /dev/pts/ptmx");
	if (ioctl(master, TIOCSPTLCK, &zero) < 0 || ioctl(master, TIOCGPTN, &n) < 0)
		die_errno("terminal: unlock pty");
	snprintf(path, sizeof(path), "/dev/pts/%d", n);
	slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (slave < 0)
		slave = xopen(path, O_RDWR | O_NOCTTY, 0);
	if ((ws.ws_row || ws.ws_col) && ioctl(slave, TIOCSWINSZ, &ws) < 0)
		die_errno("terminal: set window size");
	if (console)
		child_console(slave, path);
	if (sync_send(syncfd, MSG_PTY, master) < 0)
		die_errno("terminal: send pty master");
	close(master);
	return slave;
}

/* A new session; with a terminal, the pty slave as ctty and stdio. */
static void
child_stdio(int slave)
{
	if (setsid() < 0)
		die_errno("setsid");
	if (slave < 0)
		return;
	if (ioctl(slave, TIOCSCTTY, 0) < 0)
		die_errno("terminal: set controlling terminal");
	for (int fd = 0; fd < 3; fd++)
		if (dup2(slave, fd) < 0)
			die_errno("terminal: dup2");
	close(slave);
}

/* The kernel's numbers for rlimit_names, which are not the same on every
 * architecture: MIPS (and SPARC, Alpha) number NOFILE 5, not 7. */
static const int rlimit_nums[] = {
	RLIMIT_CPU, RLIMIT_FSIZE, RLIMIT_DATA, RLIMIT_STACK, RLIMIT_CORE,
	RLIMIT_RSS, RLIMIT_NPROC, RLIMIT_NOFILE, RLIMIT_MEMLOCK, RLIMIT_AS,
	RLIMIT_LOCKS, RLIMIT_SIGPENDING, RLIMIT_MSGQUEUE, RLIMIT_NICE,
	RLIMIT_RTPRIO, RLIMIT_RTTIME,
};
_Static_assert(ARRAY_LEN(rlimit_nums) == ARRAY_LEN(rlimit_names),
	       "one number for each rlimit name");

static void
child_rlimits(void)
{
	for (int i = 0; i < spec.proc.nrlimits; i++) {
		const struct rlim *r = &spec.proc.rlimits[i];

		if (setrlimit(rlimit_nums[r->res], &r->lim) < 0)
			die_errno("setrlimit RLIMIT_%s", rlimit_names[r->res]);
	}
}

/*
 * Writes to /proc (oom_score_adj, timens_offsets, the LSM's exec label)
 * go through files opened while /proc is still the host's procfs, before
 * any config mount, and checked to be procfs: a mount over a /proc path
 * cannot redirect them (CVE-2025-52881).
 */
static int
child_proc_open(const char *path)
{
	struct statfs sf;
	int fd = openat(AT_FDCWD, path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		die_errno("open %s", path);
	if (fstatfs(fd, &sf) < 0 || sf.f_type != PROC_SUPER_MAGIC)
		die("open %s: not on procfs", path);
	return fd;
}

static void
child_proc_write(const char *path, const char *s)
{
	int fd = child_proc_open(path);

	if (writeall(fd, s, strlen(s)) < 0)
		die_errno("write %s", path);
	close(fd);
}

static void
child_oom_score_adj(void)
{
	char buf[16];

	if (!spec.proc.has_oom)
		return;
	snprintf(buf, sizeof(buf), "%d", spec.proc.oom_score_adj);
	child_proc_write("/proc/self/oom_score_adj", buf);
}

/* The LSM label of the exec, opened now and written just before it. */
static void
child_lsm_open(void)
{
	if (!CONFIG_LSM)
		return;
	if (spec.proc.apparmor)
		lsm_fd = child_proc_open(access("/proc/self/attr/apparmor/exec",
						F_OK) == 0 ?
					 "/proc/self/attr/apparmor/exec" :
					 "/proc/self/attr/exec");
	else if (spec.proc.selinux)
		lsm_fd = child_proc_open("/proc/self/attr/exec");
}

static void
child_lsm_label(void)
{
	char buf[MAX_PATH + 8];

	if (!CONFIG_LSM || lsm_fd < 0)
		return;
	if (spec.proc.apparmor)
		snprintf(buf, sizeof(buf), "exec %s", spec.proc.apparmor);
	else
		snprintf(buf, sizeof(buf), "%s", spec.proc.selinux);
	if (writeall(lsm_fd, buf, strlen(buf)) < 0)
		die_errno("process.%s %s", spec.proc.apparmor ?
			  "apparmorProfile" : "selinuxLabel", buf);
	close(lsm_fd);
}

/* linux.sysctl, in the container's namespaces, through the host's /proc
 * (before any config mount) checked to be procfs. */
static void
child_sysctl(void)
{
	char path[MAX_PATH];

	for (int i = 0; CONFIG_SYSCTL && i < spec.nsysctl; i++) {
		char *p;

		xsnprintf(path, sizeof(path), "/proc/sys/%s", spec.sysctl[i].k);
		for (p = path + 10; *p; p++)
			if (*p == '.')
				*p = '/';
		child_proc_write(path, spec.sysctl[i].v);
	}
}

/* A new time namespace takes its offsets before anyone is in it, then the
 * child enters it (a process joins only its children's otherwise). */
static void
child_timens(void)
{
	int fd;

	if (!CONFIG_TIMENS || !(spec.clone_flags & CLONE_NEWTIME))
		return;
	if (unshare(CLONE_NEWTIME) < 0)
		die_errno("unshare the time namespace");
	if (*spec.timens)
		child_proc_write("/proc/self/timens_offsets", spec.timens);
	fd = openat(AT_FDCWD, "/proc/self/ns/time_for_children",
		    O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWTIME) < 0)
		die_errno("enter the time namespace");
	close(fd);
}

/* process.scheduler, process.ioPriority, linux.personality and
 * linux.memoryPolicy (kept across execve; runc sets it there too). */
static void
child_sched(void)
{
	const struct proc *p = &spec.proc;

	if (CONFIG_SCHEDULER && p->has_sched &&
	    syscall(SYS_sched_setattr, 0, &p->sched, 0) < 0)
		die_errno("process.scheduler: sched_setattr");
	if (CONFIG_IOPRIORITY && p->ioprio >= 0 &&
	    syscall(SYS_ioprio_set, 1, 0, p->ioprio) < 0)
		die_errno("process.ioPriority: ioprio_set");
	if (CONFIG_PERSONALITY && spec.has_personality &&
	    personality(spec.personality) < 0)
		die_errno("linux.personality");
	if (CONFIG_MEMORY_POLICY && spec.mpol.on &&
	    syscall(SYS_set_mempolicy, spec.mpol.mode | (int)spec.mpol.flags,
		    spec.mpol.nnodes ? spec.mpol.nodes : NULL,
		    spec.mpol.nnodes ? MAX_NUMA_NODES + 1 : 0) < 0)
		die_errno("linux.memoryPolicy: set_mempolicy");
}

static void
child_setuser(void)
{
	const struct proc *p = &spec.proc;

	/* a rootless user namespace has setgroups denied (ns_write_maps) */
	if (sys_setgroups(p->ngids, p->gids) < 0 &&
	    (errno != EPERM || p->ngids))
		die_errno("setgroups");
	if (sys_setresgid(p->gid) < 0)
		die_errno("setgid %u", (unsigned)p->gid);
	if (sys_setresuid(p->uid) < 0)
		die_errno("setuid %u", (unsigned)p->uid);
}

/* Parent: the kernel's highest capability, so no set names one it lacks. */
static void
caps_read_last(void)
{
	char buf[16];

	cap_last = readproc("/proc/sys/kernel/cap_last_cap", buf,
			    sizeof(buf)) > 0 ? atoi(buf) : -1;
	if (cap_last < 0 || cap_last > 63)
		cap_last = NCAPS - 1;
}

/*
 * stdio of the container's process belongs to its user (runc's
 * fixStdioPermissions), so that a uid-1000 process can reopen a pipe or a
 * pty through /dev/stdout: the owner only, the group kept; /dev/null and
 * what the user owns already are left, and so is what the kernel will not
 * change (EINVAL: an unmapped id; EPERM: an owner unmapped in the user
 * namespace; EROFS).
 */
static void
child_stdio_owner(uid_t uid)
{
	struct stat null, st;

	if (stat("/dev/null", &null) < 0)
		die_errno("stat /dev/null");
	for (int fd = 0; fd < 3; fd++) {
		if (fstat(fd, &st) < 0) {
			if (errno == EBADF)
				continue;
			die_errno("fstat stdio %d", fd);
		}
		if (st.st_uid == uid || (S_ISCHR(st.st_mode) &&
					 st.st_rdev == null.st_rdev))
			continue;
		if (fchown(fd, uid, (gid_t)-1) < 0 && errno != EINVAL &&
		    errno != EPERM && errno != EROFS)
			die_errno("chown stdio %d to %u", fd, (unsigned)uid);
	}
}

/* runc's order: bounding set, keep caps over setuid, the user, then the
 * other sets; ambient raises that the kernel would refuse are skipped, as
 * runc skips the refused ones (they need the cap in permitted and
 * inheritable: the others are not even tried). */
static void
child_user_caps(void)
{
	const uint64_t *caps = spec.proc.caps;
	uint64_t mask = cap_last >= 63 ? ~0ULL : (1ULL << (cap_last + 1)) - 1;
	struct cap_header h = { .version = CAP_VERSION_3 };
	struct cap_data d[2];

	child_stdio_owner(spec.proc.uid);
	if (!spec.proc.has_caps) {
		child_setuser();
		return;
	}
	for (int c = 0; c <= cap_last; c++)
		if (!(caps[CAP_BND] >> c & 1) && prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0)
			die_errno("drop CAP_%s from the bounding set",
				  c < NCAPS ? cap_names[c] : "?");
	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
		die_errno("prctl PR_SET_KEEPCAPS");
	child_setuser();
	prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
	for (int i = 0; i < 2; i++) {
		d[i].effective = (uint32_t)((caps[CAP_EFF] & mask) >> (32 * i));
		d[i].permitted = (uint32_t)((caps[CAP_PRM] & mask) >> (32 * i));
		d[i].inheritable = (uint32_t)((caps[CAP_INH] & mask) >> (32 * i));
	}
	if (syscall(SYS_capset, &h, d) < 0)
		die_errno("capset");
	for (int c = 0; c <= cap_last; c++)
		if ((caps[CAP_AMB] & caps[CAP_PRM] & caps[CAP_INH]) >> c & 1)
			prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, c, 0, 0);
}

static const char *
env_get(const char *name)
{
	size_t len = strlen(name);

	for (int i = 0; i < spec.proc.nenv; i++)
		if (!strncmp(spec.proc.env[i], name, len) &&
		    spec.proc.env[i][len] == '=')
			return spec.proc.env[i] + len + 1;
	return NULL;
}

/* K=V into process.env, replacing K's entry if it has one (rt exec -e). */
static void
env_set(const char *kv)
{
	size_t len = strcspn(kv, "=");
	struct proc *p = &spec.proc;

	for (int i = 0; i < p->nenv; i++) {
		if (!strncmp(p->env[i], kv, len) && p->env[i][len] == '=') {
			p->env[i] = (char *)kv;
			return;
		}
	}
	if (p->nenv >= MAX_ENV)
		die("process.env: more than %d entries (raise %s)",
		    LIMIT(MAX_ENV));
	p->env[p->nenv++] = (char *)kv;
	p->env[p->nenv] = NULL;
}

/* rt exec --cap: added to bounding, effective, permitted and ambient,
 * as runc exec adds it. */
static void
exec_add_cap(const char *name)
{
	const char *n = strncasecmp(name, "CAP_", 4) ? name : name + 4;

	for (int c = 0; c < NCAPS; c++) {
		if (strcasecmp(n, cap_names[c]))
			continue;
		spec.proc.caps[CAP_BND] |= 1ULL << c;
		spec.proc.caps[CAP_EFF] |= 1ULL << c;
		spec.proc.caps[CAP_PRM] |= 1ULL << c;
		spec.proc.caps[CAP_AMB] |= 1ULL << c;
		return;
	}
	warn("exec: --cap %s: unknown capability ignored", name);	/* runc */
}

/* HOME from the container's /etc/passwd when the config sets none, as
 * runc does. */
static void
child_home(void)
{
	static char home[MAX_PATH + 5];
	const char *home_dir;

	if (env_get("HOME") || spec.proc.nenv >= MAX_ENV)
		return;
	home_dir = passwd_field(spec.proc.uid, 5);
	snprintf(home, sizeof(home), "HOME=%s", home_dir ? home_dir : "/");
	spec.proc.env[spec.proc.nenv++] = home;
	spec.proc.env[spec.proc.nenv] = NULL;
}

/*
 * CVE-2019-5736 as published: a container's program whose "#!" line names
 * /proc/self/exe makes the kernel run rt's own binary inside the container,
 * where /proc/PID/exe hands the file out.  rt neither re-executes nor
 * copies itself, so it refuses an executable, or any of the (at most 5)
 * interpreters its "#!" lines chain to, that is rt's own file, checked
 * just before execve.  known: path's stat taken just now, or NULL to take
 * it here.
 */
static void
child_not_rt(struct run *r, const char *path, int depth,
	     const struct stat *known)
{
	char buf[256], *p, *end;
	struct stat st;
	ssize_t n;
	int fd;

	if (!known && stat(path, &st) == 0)
		known = &st;
	if (known && known->st_dev == r->rt_dev && known->st_ino == r->rt_ino)
		die("exec: \"%s\": %s is rt's own binary, refused (CVE-2019-5736)",
		    spec.proc.args[0], path);
	fd = openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	if (n < 3 || buf[0] != '#' || buf[1] != '!' || depth > 5)
		return;			/* the kernel follows 5 interpreters */
	buf[n] = 0;
	for (p = buf + 2; *p == ' ' || *p == '\t'; p++)
		;
	end = p + strcspn(p, " \t\n");
	*end = 0;
	if (*p)
		child_not_rt(r, p, depth + 1, NULL);
}

/* args[0] searched in the container's PATH, as Go's exec.LookPath does;
 * the words are Go's, which engines match. */
static const char *
child_find_exec(struct run *r)
{
	static char buf[MAX_PATH];
	const char *a0 = spec.proc.args[0], *path = env_get("PATH");
	struct stat *st = &r->exe_st;

	if (strchr(a0, '/')) {
		if (stat(a0, st) < 0)
			die("exec: \"%s\": stat %s: %s", a0, a0, lc_strerror(errno));
		if (!S_ISREG(st->st_mode) || access(a0, X_OK) < 0)
			die("exec: \"%s\": permission denied", a0);	/* runc,
					   at create: engines make it 126 */
		return a0;
	}
	if (!path)
		path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
	while (*path) {
		size_t len = strcspn(path, ":");

		snprintf(buf, sizeof(buf), "%.*s/%s", (int)(len ? len : 1),
			 len ? path : ".", a0);
		if (stat(buf, st) == 0 && S_ISREG(st->st_mode) &&
		    access(buf, X_OK) == 0)
			return buf;
		path += len + (path[len] == ':');
	}
	die("exec: \"%s\": executable file not found in $PATH", a0);
}

/* Every fd past stdio and the preserved ones closes at execve
 * (CVE-2024-21626); the preserved ones stay open. */
static void
child_close_fds(int preserve)
{
	for (int fd = 3; fd < 3 + preserve; fd++)
		fcntl(fd, F_SETFD, 0);
	if (syscall(SYS_close_range, 3 + preserve, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
		return;
	for (int fd = 3 + preserve; fd < 65536; fd++)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/*
 * ==== 17. hooks ===========================================================
 * The config's hooks, run by rt (prestart, createRuntime, poststart,
 * poststop) or by the child (createContainer, startContainer).
 *
 * Hooks run by fork and execve with the state JSON on stdin and their
 * stdout and stderr kept for the error line (runc's "error running hook"
 * words).  createContainer and startContainer run in the child, the
 * others in rt; a timeout kills the hook.  The JSON comes from hook_tmpl,
 * rendered by the parent before clone with a placeholder pid and status.
 */

static int
hook_memfd(const char *data)
{
	int fd = (int)syscall(SYS_memfd_create, "rt-hook", 1 /* CLOEXEC */);

	if (fd < 0 || (data && (writeall(fd, data, strlen(data)) < 0 ||
				lseek(fd, 0, SEEK_SET) < 0)))
		die_errno("hook: memfd");
	return fd;
}

/* What fd holds, on one line, for an error message. */
static const char *
hook_output(int fd, char *buf, size_t n)
{
	ssize_t len = pread(fd, buf, n - 1, 0);

	buf[len > 0 ? len : 0] = 0;
	for (char *p = buf; *p; p++)
		if (*p == '\n')
			*p = p[1] ? ' ' : 0;
	return buf;
}

/* Without a pidfd (Linux < 5.3, or a seccomp filter refusing it): the
 * hook reaped within timeout seconds, waitpid(WNOHANG) every 10 ms.
 * 1: reaped (*status set), 0: still running, -1: not known. */
static int
hook_poll(pid_t pid, int timeout, int *status)
{
	struct timespec now, end;
	pid_t w;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += timeout;
	for (;;) {
		w = waitpid(pid, status, WNOHANG);
		if (w < 0 && errno == EINTR)
			continue;
		if (w != 0)
			return w == pid ? 1 : -1;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > end.tv_sec || (now.tv_sec == end.tv_sec &&
						now.tv_nsec >= end.tv_nsec))
			return 0;
		usleep(10000);
	}
}

/* Waits for the hook, killing it after its timeout; its wait status, or
 * -1 once killed. */
static int
hook_wait(pid_t pid, int timeout)
{
	struct pollfd pfd = { .events = POLLIN };
	int status, r = -1;

	pfd.fd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (timeout && pfd.fd >= 0 && poll(&pfd, 1, timeout * 1000) == 0)
		r = 0;
	else if (timeout && pfd.fd < 0)
		r = hook_poll(pid, timeout, &status);
	if (r == 1)
		return status;
	if (r == 0) {
		if (kill(-pid, SIGKILL) < 0)
			kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		if (pfd.fd >= 0)
			close(pfd.fd);
		return -1;
	}
	if (pfd.fd >= 0)
		close(pfd.fd);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

static int
hook_run(const struct hook *h, const char *json, char *err, size_t n)
{
	static char *argv[MAX_ARGS + 1], *envp[MAX_ENV + 1];
	char o[256], e[256], **env;
	int in = hook_memfd(json), out = hook_memfd(NULL), errfd = hook_memfd(NULL);
	int st, x, t;
	pid_t pid;

	argv[0] = h->path;
	argv[1] = envp[0] = NULL;
	env = h->env >= 0 ? envp : environ;	/* none given: rt's (runc) */
	if (h->args >= 0)
		JS_EACH_ELEM(h->args, t, x) {
			argv[x] = cfgbuf + toks[t].start;
			argv[x + 1] = NULL;
		}
	if (h->env >= 0)
		JS_EACH_ELEM(h->env, t, x) {
			envp[x] = cfgbuf + toks[t].start;
			envp[x + 1] = NULL;
		}
	pid = (pid_t)sys_clone(SIGCHLD);
	hook_child = pid;
	if (pid < 0)			/* libc's fork would bring malloc in */
		die_errno("hook %s: fork", h->path);
	if (pid == 0) {
		sigset_t none;

		sigemptyset(&none);	/* rt blocks signals around a container */
		sigprocmask(SIG_SETMASK, &none, NULL);
		setpgid(0, 0);		/* a timeout kills what it started too */
		dup2(in, 0);
		dup2(out, 1);
		dup2(errfd, 2);
		syscall(SYS_close_range, 3, ~0U, 0);	/* nothing of rt's */
		execve(h->path, argv, env);
		dprintf(2, "exec %s: %s", h->path, strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);		/* as the child does: no race */
	st = hook_wait(pid, h->timeout);
	hook_child = 0;
	if (st == -1)
		snprintf(err, n, "hook ran past specified timeout of %ds",
			 h->timeout);
	else if (WIFSIGNALED(st))
		snprintf(err, n, "signal: %s, stdout: %s, stderr: %s",
			 strsignal(WTERMSIG(st)), hook_output(out, o, sizeof(o)),
			 hook_output(errfd, e, sizeof(e)));
	else if (WEXITSTATUS(st))
		snprintf(err, n, "exit status %d, stdout: %s, stderr: %s",
			 WEXITSTATUS(st), hook_output(out, o, sizeof(o)),
			 hook_output(errfd, e, sizeof(e)));
	close(in);
	close(out);
	close(errfd);
	return st == 0 ? 0 : -1;
}

/* Runs the hooks of one kind with the state JSON (from hook_tmpl when json
 * is NULL); a failure ends rt (the undo list stops the container after a
 * poststart: runtime-spec 1.3's "generate an error, stop the container",
 * as runc), or is a warning for poststop. */
static void
hooks_run(enum hook_kind kind, const char *status, const char *json,
	  pid_t init)
{
	static char buf[sizeof(hook_tmpl) + 64];
	char pid[32], st[64], err[800];

	if (!CONFIG_HOOKS || !spec.nhooks[kind])
		return;
	if (!json) {
		memcpy(buf, hook_tmpl, strlen(hook_tmpl) + 1);
		snprintf(pid, sizeof(pid), "\"pid\":%d", (int)init);
		str_replace(buf, sizeof(buf), HOOK_PID_MARK, pid);
		snprintf(st, sizeof(st), "\"status\":\"%s\"", status);
		str_replace(buf, sizeof(buf), "\"status\":\"creating\"", st);
		json = buf;
	}
	for (int i = 0; i < spec.nhooks[kind]; i++) {
		if (hook_run(&spec.hooks[kind][i], json, err, sizeof(err)) == 0)
			continue;
		if (kind == H_POSTSTOP)
			warn("error running %s hook #%d: %s", hook_names[kind], i,
			     err);
		else
			die("error running %s hook #%d: %s", hook_names[kind], i,
			    err);
	}
}

/*
 * ==== 18. container =======================================================
 * The parent clones the child (clone used like fork: same stack, copied),
 * and the two talk over a SOCK_SEQPACKET pair that closes on execve: a
 * record is an error or a pty master; EOF means execve happened, unless
 * the child died first (waitpid tells).
 */

static void
tty_restore(intptr_t arg)
{
	(void)arg;
	if (tty_raw)
		tcsetattr(0, TCSADRAIN, &saved_tty);
	tty_raw = false;
}

/* The user's terminal in raw mode, so keys reach the container as typed. */
static void
tty_make_raw(void)
{
	struct termios t;

	if (!isatty(0) || tcgetattr(0, &saved_tty) < 0)
		return;
	t = saved_tty;
	cfmakeraw(&t);
	if (tcsetattr(0, TCSADRAIN, &t) == 0) {
		tty_raw = true;
		undo_push(tty_restore, 0);
	}
}

static void
tty_copy_size(int master)
{
	struct winsize ws;

	if (ioctl(0, TIOCGWINSZ, &ws) == 0)
		ioctl(master, TIOCSWINSZ, &ws);
}

static void
ctr_kill(intptr_t arg)
{
	struct run *r = (struct run *)arg;

	if (r->pid <= 0)
		return;
	kill(r->pid, SIGKILL);
	waitpid(r->pid, NULL, 0);
	r->pid = 0;
}

/*
 * SIGHUP, SIGINT, SIGQUIT or SIGTERM while create, run or exec sets the
 * container up (rt's caller gave up on it: `timeout`, an engine's kill):
 * the half-made container is undone, a running hook killed, and rt dies
 * of the signal.  Another process running this handler (a hook's child
 * or the container's init before execve) just exits.  Only the signals
 * rt's caller did not ignore.
 */
static const int setup_sigs[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM };

static void
setup_interrupted(int sig)
{
	static const char msg[] = "rt: interrupted: the half-made container "
				  "is removed\n";
	sigset_t set;

	if ((pid_t)syscall(SYS_getpid) != setup_pid)
		_exit(128 + sig);
	if (hook_child > 0)
		kill(-hook_child, SIGKILL);
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(128 + sig);
	undo_all();
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig);
}

/* on: the handler set and the signals unblocked; off: the default
 * actions back, the signals blocked (ctr_wait reads them from then on). */
static void
setup_sigs_catch(bool on)
{
	struct sigaction sa = { .sa_handler = on ? setup_interrupted : SIG_DFL };
	sigset_t set;

	setup_pid = (pid_t)syscall(SYS_getpid);
	sigemptyset(&set);
	for (size_t i = 0; i < ARRAY_LEN(setup_sigs); i++) {
		if (rt_self.read && (rt_self.sigign >> (setup_sigs[i] - 1) & 1))
			continue;	/* nohup's SIGHUP stays ignored */
		sigaddset(&set, setup_sigs[i]);
		sigaction(setup_sigs[i], &sa, NULL);
	}
	sigprocmask(on ? SIG_UNBLOCK : SIG_BLOCK, &set, NULL);
}

/* Signals rt forwards to the container (runc forwards all it can catch);
 * blocked from before clone, read from a signalfd. */
static void
ctr_sigset(sigset_t *set)
{
	sigfillset(set);
	sigdelset(set, SIGKILL);
	sigdelset(set, SIGSTOP);
	sigdelset(set, SIGSEGV);
	sigdelset(set, SIGBUS);
	sigdelset(set, SIGILL);
	sigdelset(set, SIGFPE);
	sigdelset(set, SIGTRAP);
}

/* rt exec: the container's namespaces (opened by the parent, mount last)
 * and its root; after setns(CLONE_NEWNS) the root is the namespace's,
 * which is not the container's where it was chrooted (initramfs).  All
 * but user first, as far as rt's rights go (one the host's user
 * namespace owns, joined by path, could not be joined from inside the
 * container's), then user, then those only it lets a rootless rt join. */
static void
child_enter_container(struct run *r)
{
	child_oom_score_adj();
	child_lsm_open();
	for (int pass = 0; pass < 3; pass++) {
		for (int i = 0; i < r->nns; i++) {
			bool user = r->nsflag[i] == CLONE_NEWUSER;

			if (r->nsfd[i] < 0 || user != (pass == 1))
				continue;
			if (setns(r->nsfd[i], r->nsflag[i]) == 0)
				r->nsfd[i] = -1;	/* O_CLOEXEC */
			else if (pass || errno != EPERM)
				die_errno("join the container's namespaces");
		}
	}
	if (fchdir(r->rootfd) < 0 || chroot(".") < 0)
		die_errno("enter the container's root");
}

/* A created container's init dies of these, as runc's (Go) init does;
 * pid 1 of a pid namespace would otherwise ignore them. */
static const int exit_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM,
};

static void
child_sig_exit(int sig)
{
	_exit(128 + sig);
}

/*
 * create: tell the parent we are ready, then block on exec.fifo until
 * `rt start` opens it (runc's exec.fifo).  The fifo's path is outside the
 * rootfs (and its directory the host root's alone), so it is reopened
 * through its fd in the host's /proc/self/fd, opened before any mount:
 * the container's own /proc, or a file an image plants where it would
 * be, can never stand in for it and let the init go on before start.
 * child_fifo_procfd opens that dirfd, child_wait_start waits.
 */
static void
child_fifo_procfd(struct run *r)
{
	struct statfs sf;

	r->fifo_procfd = openat(AT_FDCWD, "/proc/self/fd", O_PATH |
				O_DIRECTORY | O_CLOEXEC);
	if (r->fifo_procfd < 0 || fstatfs(r->fifo_procfd, &sf) < 0 ||
	    sf.f_type != PROC_SUPER_MAGIC)
		die("open exec fifo: /proc/self/fd: not on procfs");
}

static void
child_wait_start(struct run *r)
{
	char path[16];
	struct stat a, b;
	int fd;

	snprintf(path, sizeof(path), "%d", r->fifo_fd);
	/* fail create, not start */
	if (faccessat(r->fifo_procfd, path, W_OK, 0) < 0)
		die_errno("open exec fifo");
	if (sync_send(syncfd, MSG_READY, -1) < 0)
		_exit(1);		/* create died: nobody to start us */
	for (size_t i = 0; i < ARRAY_LEN(exit_signals); i++)
		signal(exit_signals[i], child_sig_exit);
	sigprocmask(SIG_SETMASK, &orig_mask, NULL);
	fd = openat(r->fifo_procfd, path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &a) < 0 || fstat(r->fifo_fd, &b) < 0)
		die_errno("open exec fifo");
	if (a.st_ino != b.st_ino || a.st_dev != b.st_dev || !S_ISFIFO(a.st_mode))
		die("open exec fifo: not rt's fifo");
	if (write(fd, "0", 1) != 1)
		die_errno("open exec fifo");
	close(fd);
	close(r->fifo_fd);
	close(r->fifo_procfd);
}

static void
child_wait_go(void)
{
	struct errmsg m;
	int fd, b = 0;

	for (;;) {
		if (sync_recv(syncfd, &m, &fd) != (ssize_t)sizeof(m))
			_exit(1);	/* the parent failed and says why */
		if (m.kind == MSG_GO)
			return;
		if (m.kind != MSG_BINDS)
			_exit(1);
		while (b < spec.nmounts && !mnt_from_parent(&spec.mounts[b]))
			b++;
		if (b == spec.nmounts)
			_exit(1);
		spec.mounts[b++].srcfd = fd;
	}
}

/* A new container: its namespaces, hostname, loopback and rootfs. */
static void
child_setup_container(struct run *r)
{
	int rootfd;

	if (r->mode == MODE_CREATE)
		child_fifo_procfd(r);
	child_join_namespaces();
	if (spec.own_uts)
		child_uts();
	if (spec.clone_flags & CLONE_NEWNET)
		child_loopback();
	if (!r->no_new_keyring && syscall(SYS_keyctl, 1, NULL) < 0 &&
	    errno != ENOSYS && errno != EACCES)
		die_errno("join a new session keyring");
	child_timens();
	child_sysctl();
	child_lsm_open();
	if (spec_userns())			/* see child_userns_root */
		prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	rootfd = child_rootfs(r);
	if (spec.nhooks[H_PRESTART] || spec.nhooks[H_CREATE_RUNTIME]) {
		if (sync_send(syncfd, MSG_HOOKS, -1) < 0)
			_exit(1);
		child_wait_go();
	}
	/* createContainer hooks run in the rootfs, before pivot_root (runc) */
	if (spec.nhooks[H_CREATE_CONTAINER] && fchdir(rootfd) < 0)
		die_errno("chdir to rootfs %s", spec.root);
	hooks_run(H_CREATE_CONTAINER, "creating", NULL, r->hook_pid);
	child_rootfs_finish(rootfd, r->no_pivot);
}

/* A new user namespace: the maps are written; the child still has the
 * host's ids, unmapped there, until it takes root of the namespace (runc's
 * nsexec does the same). */
static void
child_userns_root(void)
{
	if (sys_setresgid(0) < 0 || sys_setresuid(0) < 0)
		die_errno("become root of the user namespace (is 0 mapped?)");
	/* the uid change made it non-dumpable, which leaves /proc/self to
	 * the host's root: dumpable for its own /proc writes, then not again
	 * (child_setup_container) before anything of the container runs */
	prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
}

/* process.cwd, which must end inside the root: a /proc/self/fd/N link to
 * a directory fd from the host would lead out (CVE-2024-21626), and the
 * kernel's getcwd then says "(unreachable)" (runc's check and words). */
static void
child_chdir(void)
{
	char buf[MAX_PATH];

	if (chdir(spec.proc.cwd) < 0)
		die_errno("process.cwd %s", spec.proc.cwd);
	if (syscall(SYS_getcwd, buf, sizeof(buf)) < 0 || buf[0] != '/')
		die("process.cwd %s: current working directory is outside of "
		    "container mount namespace root -- possible container "
		    "breakout detected", spec.proc.cwd);
}

/* The init's pid on the host, for the hooks it runs: the host's /proc
 * still tells it before the rootfs. */
static void
child_host_pid(struct run *r)
{
	char buf[16];
	ssize_t n = readlink("/proc/self", buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = 0;
	r->hook_pid = (pid_t)atoi(buf);
}

/*
 * No SIG_IGN from rt's caller reaches the container.  execve resets the
 * signals rt catches and keeps the ignored ones, and rt ignores none
 * itself: so only those SigIgn named when the parent read it are reset
 * (all past 64, and all if it could not be read).
 */
static void
child_sig_default(void)
{
	/* the kernel's sigaction, all zero: SIG_DFL, no flags, empty mask,
	 * whatever the architecture's layout; musl's sigaction would refuse
	 * 32-34, which it keeps for itself, yet a caller may ignore them */
	static const unsigned long dfl[8];
	uint64_t ign = rt_self.read ? rt_self.sigign : ~0ULL;

	for (int sig = 1; sig < _NSIG; sig++)
		if (sig > 64 || (ign >> (sig - 1) & 1))
			syscall(SYS_rt_sigaction, sig, dfl, NULL, _NSIG / 8);
}

static _Noreturn void
child_main(struct run *r)
{
	int slave;
	const char *exe;
	bool hooks_start = !RUN_EXEC(r) && spec.nhooks[H_START_CONTAINER];

	prctl(PR_SET_NAME, "rt:[child]", 0, 0, 0);
	child_sc_connect();
	if (CONFIG_HOOKS && spec.hooks_tok && !RUN_EXEC(r))
		child_host_pid(r);
	if (r->cg_fd >= 0)		/* a host directory: not for the child */
		close(r->cg_fd);
	if (r->mode == MODE_RUN)
		prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	if (r->need_go)
		child_wait_go();
	if (!RUN_EXEC(r) && spec_userns())
		child_userns_root();
	if (!RUN_EXEC(r) && (spec.clone_flags & CLONE_NEWCGROUP) &&
	    unshare(CLONE_NEWCGROUP) < 0)
		die_errno("unshare the cgroup namespace");
	if (RUN_EXEC(r))
		child_enter_container(r);
	else
		child_setup_container(r);
	slave = CONFIG_TERMINAL && spec.proc.terminal ?
		child_terminal(!RUN_EXEC(r)) : -1;
	child_stdio(slave);
	if (!RUN_EXEC(r))
		child_rootfs_readonly();
	child_chdir();
	child_rlimits();
	child_sched();
	child_lsm_label();
	child_home();
	if (!spec.proc.nnp)
		child_seccomp();
	child_user_caps();
	if (spec.proc.nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		die_errno("prctl PR_SET_NO_NEW_PRIVS");
	exe = child_find_exec(r);
	umask(spec.proc.umask);
	child_close_fds(r->preserve_fds);
	if (r->mode == MODE_CREATE)
		child_wait_start(r);
	if (spec.proc.nnp && hooks_start)	/* runc: before the hooks */
		child_seccomp();
	if (!RUN_EXEC(r))
		hooks_run(H_START_CONTAINER, "created", NULL, r->hook_pid);
	if (r->mode == MODE_RUN)	/* set above for this mode only */
		prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0);
	child_sig_default();
	sigprocmask(SIG_SETMASK, &orig_mask, NULL);
	/* the stat child_find_exec took is still current unless the start
	 * or startContainer hooks came between */
	child_not_rt(r, exe, 0, r->mode == MODE_CREATE || (!RUN_EXEC(r) &&
		     spec.nhooks[H_START_CONTAINER]) ? NULL : &r->exe_st);
	if (spec.proc.nnp && !hooks_start)
		child_seccomp();
	execve(exe, spec.proc.args, spec.proc.env);
	die("exec: \"%s\": %s", spec.proc.args[0], lc_strerror(errno));
}

/*
 * Clones the child into its new namespaces (none for exec); returns the
 * parent's end of the sync socket.  Signals stay blocked in the parent
 * from here on, and the child unblocks them just before execve.
 *
 * clone3 with CLONE_INTO_CGROUP (Linux 5.7) puts the child in its cgroup
 * before it runs; older kernels get clone, the pid written to
 * cgroup.procs, then MSG_GO.  A new cgroup namespace is made by the child
 * once inside, so that its root is the container's cgroup.
 */
static long
ctr_clone_in(struct run *r, int flags)
{
	struct clone_args ca = {
		.flags = (uint64_t)(flags & ~(CLONE_NEWCGROUP | CLONE_NEWTIME)) |
			 CLONE_INTO_CGROUP,
		.exit_signal = SIGCHLD, .cgroup = (uint64_t)r->cg_fd,
	};
	long pid;

	flags &= ~(CLONE_NEWCGROUP | CLONE_NEWTIME);	/* made by the child */
	if (r->cg_fd < 0)
		return sys_clone(SIGCHLD | (unsigned long)flags);
	pid = syscall(SYS_clone3, &ca, sizeof(ca));
	r->clone3_ok = pid >= 0;
	/* ENOENT, EACCES, EPERM: the cgroup out of reach of a cgroup
	 * namespace joined by path (nsdelegate); rt's own writes it */
	if (pid >= 0 || (errno != ENOSYS && errno != E2BIG && errno != EINVAL &&
			 errno != ENOENT && errno != EACCES && errno != EPERM))
		return pid;
	r->need_go = true;
	return sys_clone(SIGCHLD | (unsigned long)flags);
}

/*
 * linux.netDevices, by rt: each host device's permanent global addresses
 * read (RTM_GETADDR), the device moved into the container's network
 * namespace under its new name (RTM_NEWLINK, IFLA_NET_NS_FD), then, on a
 * socket made in that namespace, the addresses added again and the
 * device set up, as the spec asks.  It is not moved back: the spec says
 * the kernel's namespace teardown decides (physical devices return to the
 * host, virtual ones go).
 */
struct netaddr {			/* one address to add again */
	int dev;			/* its spec.netdev index */
	struct nl_ifaddr a;
	uint8_t local[16], addr[16], brd[16];
	uint8_t has;			/* 1 local, 2 address, 4 broadcast */
};

/* A request with its attributes; nl_talk sends it and waits for the ack. */
struct nlreq {
	struct nlhdr h;
	union {
		struct nl_ifinfo i;
		struct nl_ifaddr a;
	} u;
	char attrs[128];
};

static void
nl_attr(struct nlreq *q, int type, const void *data, size_t len)
{
	struct nlattr *a = (struct nlattr *)((char *)q + NL_ALIGN(q->h.len));

	if (NL_ALIGN(q->h.len) + NL_ALIGN(sizeof(*a) + len) > sizeof(*q))
		die("netlink: request too long");
	a->len = (uint16_t)(sizeof(*a) + len);
	a->type = (uint16_t)type;
	memcpy(a + 1, data, len);
	q->h.len = NL_ALIGN(q->h.len) + NL_ALIGN(a->len);
}

/* 0, or the kernel's -errno. */
static int
nl_talk(int fd, struct nlreq *q)
{
	char buf[256];
	ssize_t n;

	q->h.flags |= NL_F_REQUEST | NL_F_ACK;
	if (send(fd, q, q->h.len, 0) < 0)
		return -errno;
	n = recv(fd, buf, sizeof(buf), 0);
	if (n < (ssize_t)(sizeof(struct nlhdr) + sizeof(int)) ||
	    ((struct nlhdr *)buf)->type != NL_ERROR)
		return -EIO;
	return *(int *)(buf + sizeof(struct nlhdr));
}

static int
nl_open(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NL_ROUTE);

	if (fd < 0)
		die_errno("netlink socket");
	return fd;
}

/* One RTM_NEWADDR of the dump: kept when it is dev's, permanent and of
 * global scope (runtime-spec: IFA_F_PERMANENT, RT_SCOPE_UNIVERSE). */
static void
net_addr_keep(const struct nlhdr *h, int idx, int dev, struct netaddr *t,
	      int *n)
{
	const struct nl_ifaddr *a = (const void *)(h + 1);
	const struct nlattr *r = (const void *)((const char *)a + NL_ALIGN(sizeof(*a)));
	size_t left = h->len - NL_ALIGN(sizeof(*h)) - NL_ALIGN(sizeof(*a));
	uint32_t flags = a->flags;
	struct netaddr one, *o = &one;
	size_t al = a->family == AF_INET6 ? 16 : 4;

	if (h->len < NL_ALIGN(sizeof(*h)) + NL_ALIGN(sizeof(*a)) ||
	    (int)a->index != idx || a->scope != 0)
		return;
	memset(o, 0, sizeof(*o));
	for (; left >= sizeof(*r) && r->len >= sizeof(*r) && r->len <= left;
	     left -= NL_ALIGN(r->len),
	     r = (const void *)((const char *)r + NL_ALIGN(r->len))) {
		const void *v = r + 1;

		if (r->type == NL_AFLAGS && r->len >= sizeof(*r) + 4)
			memcpy(&flags, v, 4);
		if (r->len - sizeof(*r) != al)
			continue;
		if (r->type == NL_LOCAL)
			o->has |= 1, memcpy(o->local, v, al);
		if (r->type == NL_ADDRESS)
			o->has |= 2, memcpy(o->addr, v, al);
		if (r->type == NL_BROADCAST)
			o->has |= 4, memcpy(o->brd, v, al);
	}
	if (!(flags & NL_F_PERMANENT))
		return;
	if (*n == MAX_NET_ADDRS)
		die("linux.netDevices: more than %d addresses (raise %s)",
		    MAX_NET_ADDRS, LIMIT_NAME(MAX_NET_ADDRS));
	o->dev = dev;
	o->a = *a;
	t[(*n)++] = one;
}

/* The addresses of host device idx, into t from *n on. */
static void
net_addrs(int fd, int idx, int dev, struct netaddr *t, int *n)
{
	static char buf[16384] __attribute__((aligned(4)));
	const struct nlhdr *h;
	struct nlreq q;
	ssize_t len;

	memset(&q, 0, sizeof(q));
	q.h = (struct nlhdr){ sizeof(q.h) + sizeof(q.u.a), NL_GETADDR,
			      NL_F_REQUEST | NL_F_DUMP, 1, 0 };
	if (send(fd, &q, q.h.len, 0) < 0)
		die_errno("netlink: read addresses");
	while ((len = recv(fd, buf, sizeof(buf), 0)) > 0)
		for (h = (const void *)buf; len >= (ssize_t)sizeof(*h) &&
		     h->len >= sizeof(*h) && (ssize_t)h->len <= len;
		     len -= NL_ALIGN(h->len),
		     h = (const void *)((const char *)h + NL_ALIGN(h->len))) {
			if (h->type == NL_DONE)
				return;
			if (h->type == NL_ERROR)
				die("netlink: read addresses: %s",
				    strerror(-*(const int *)(h + 1)));
			net_addr_keep(h, idx, dev, t, n);
		}
	die_errno("netlink: read addresses");
}

/* The index of the device of that name in fd's namespace, or 0
 * (RTM_GETLINK, no ack: the answer is the link or an error). */
static int
nl_link_index(int fd, const char *name)
{
	static char buf[4096] __attribute__((aligned(4)));
	const struct nlhdr *h = (const void *)buf;
	struct nlreq q;
	ssize_t n;

	memset(&q, 0, sizeof(q));
	q.h = (struct nlhdr){ sizeof(q.h) + sizeof(q.u.i), NL_GETLINK,
			      NL_F_REQUEST, 5, 0 };
	nl_attr(&q, NL_IFNAME, name, strlen(name) + 1);
	if (send(fd, &q, q.h.len, 0) < 0)
		die_errno("netlink: look for %s", name);
	n = recv(fd, buf, sizeof(buf), 0);
	if (n < (ssize_t)(sizeof(*h) + sizeof(struct nl_ifinfo)))
		die("netlink: look for %s: no answer", name);
	if (h->type == NL_ERROR)
		return 0;
	return ((const struct nl_ifinfo *)(h + 1))->index;
}

/* A netlink socket in the container's network namespace (nsfd). */
static int
nl_open_in(int nsfd)
{
	int self = xopen("/proc/self/ns/net", O_RDONLY, 0), fd;

	if (setns(nsfd, CLONE_NEWNET) < 0)
		die_errno("join the container's network namespace");
	fd = nl_open();
	if (setns(self, CLONE_NEWNET) < 0)
		die_errno("return to rt's network namespace");
	close(self);
	return fd;
}

/* The addresses of t whose device is now idx, and the device up. */
static void
net_dev_up(int fd, int idx, int dev, const struct netaddr *t, int n)
{
	struct nlreq q;
	int e;

	for (int i = 0; i < n; i++) {
		size_t al = t[i].a.family == AF_INET6 ? 16 : 4;

		if (t[i].dev != dev)
			continue;
		memset(&q, 0, sizeof(q));
		q.h = (struct nlhdr){ sizeof(q.h) + sizeof(q.u.a), NL_NEWADDR,
				      NL_F_CREATE | NL_F_EXCL, 2, 0 };
		q.u.a = t[i].a;
		q.u.a.index = (uint32_t)idx;
		if (t[i].has & 1)
			nl_attr(&q, NL_LOCAL, t[i].local, al);
		if (t[i].has & 2)
			nl_attr(&q, NL_ADDRESS, t[i].addr, al);
		if (t[i].has & 4)
			nl_attr(&q, NL_BROADCAST, t[i].brd, al);
		if ((e = nl_talk(fd, &q)) < 0)
			die("linux.netDevices.%s: add an address again: %s",
			    spec.netdev[dev].host, strerror(-e));
	}
	memset(&q, 0, sizeof(q));
	q.h = (struct nlhdr){ sizeof(q.h) + sizeof(q.u.i), NL_NEWLINK, 0, 3, 0 };
	q.u.i.index = idx;
	q.u.i.flags = q.u.i.change = IFF_UP;
	if ((e = nl_talk(fd, &q)) < 0)
		die("linux.netDevices.%s: set it up: %s", spec.netdev[dev].host,
		    strerror(-e));
}

/* The name a device moves under: its new one, or the host's when there is
 * none or it is a %d template (given to it once it is there). */
static const char *
net_dev_name(const struct netdev *nd)
{
	return nd->name && !strchr(nd->name, '%') ? nd->name : nd->host;
}

/* Its index in the container's namespace, which the kernel may have
 * changed (a fresh namespace's fallback tunnels can hold the host's); a
 * %d template is applied now, by index. */
static int
net_dev_index(int fd, const struct netdev *nd)
{
	int idx = nl_link_index(fd, net_dev_name(nd)), e;
	struct nlreq q;

	if (!idx)
		die("linux.netDevices.%s: not in the container's network "
		    "namespace after the move", nd->host);
	if (!nd->name || !strchr(nd->name, '%'))
		return idx;
	memset(&q, 0, sizeof(q));
	q.h = (struct nlhdr){ sizeof(q.h) + sizeof(q.u.i), NL_NEWLINK, 0, 6, 0 };
	q.u.i.index = idx;
	nl_attr(&q, NL_IFNAME, nd->name, strlen(nd->name) + 1);
	if ((e = nl_talk(fd, &q)) < 0)
		die("linux.netDevices.%s: rename to %s: %s", nd->host, nd->name,
		    strerror(-e));
	return idx;
}

static void
ctr_net_devices(const struct run *r)
{
	static struct netaddr t[MAX_NET_ADDRS];
	int idx[MAX_NET_DEVICES], fd = nl_open(), ct, nsfd, n = 0, e;
	char path[64];
	struct nlreq q;

	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)r->pid);
	nsfd = xopen(spec.clone_flags & CLONE_NEWNET ? path :
		     spec_ns_join_path(CLONE_NEWNET), O_RDONLY, 0);
	ct = nl_open_in(nsfd);
	for (int d = 0; d < spec.nnetdev; d++) {
		const struct netdev *nd = &spec.netdev[d];
		const char *to = net_dev_name(nd);

		/* the kernel moves a device and then renames it: a name
		 * taken there would fail after the move */
		if (nl_link_index(ct, to))
			die("linux.netDevices.%s: the container's network "
			    "namespace has a device named %s", nd->host, to);
		idx[d] = (int)if_nametoindex(nd->host);
		if (!idx[d])
			die("linux.netDevices.%s: no such network device on the "
			    "host", nd->host);
		net_addrs(fd, idx[d], d, t, &n);
		memset(&q, 0, sizeof(q));
		q.h = (struct nlhdr){ sizeof(q.h) + sizeof(q.u.i), NL_NEWLINK,
				      0, 4, 0 };
		q.u.i.index = idx[d];
		nl_attr(&q, NL_NET_NS_FD, &nsfd, sizeof(nsfd));
		if (strcmp(net_dev_name(nd), nd->host))
			nl_attr(&q, NL_IFNAME, nd->name, strlen(nd->name) + 1);
		if ((e = nl_talk(fd, &q)) < 0)
			die("linux.netDevices.%s: move into the container's "
			    "network namespace%s%s: %s", nd->host,
			    nd->name ? " as " : "", nd->name ? nd->name : "",
			    strerror(-e));
	}
	for (int d = 0; d < spec.nnetdev; d++)
		net_dev_up(ct, net_dev_index(ct, &spec.netdev[d]), d, t, n);
	close(ct);
	close(nsfd);
	close(fd);
}

/* What the helper of ctr_clone_helper tells rt. */
struct helper_reply {
	long pid;			/* the init, or -1 */
	int err, what, ns;		/* errno, what failed (below), where */
	bool clone3_ok, need_go;	/* set in the helper by ctr_clone_in */
};

/* The helper: the mappings the config gives are those of the user
 * namespace it joined (the kernel's "%10u %10u %10u\n" lines). */
static bool
userns_maps_match(const char *file, const struct idmap *m, int n)
{
	char want[MAX_IDMAP * 34 + 1], got[sizeof(want) + 1];
	size_t len = 0;

	if (!n)
		return true;
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(want + len, sizeof(want) - len,
					"%10u %10u %10u\n", m[i].inner,
					m[i].outer, m[i].size);
	return readproc(file, got, sizeof(got)) >= 0 && !strcmp(want, got);
}

/*
 * A container in a user namespace whose other namespaces are partly
 * given by path, as runc's nsexec has it: a helper joins them first, with
 * the host's rights those it may (a netns made beforehand), then the user
 * namespace given by path and with its rights the rest, then clones the
 * init with CLONE_PARENT, so that rt is its parent, and into the new
 * namespaces, which the user namespace, joined or new, owns; the helper
 * writes the pid and exits.  rt itself could never come back to the
 * host's namespaces.  The init joins the mount namespace given by path
 * (child_join_namespaces).  Returns like clone: 0 in the init.
 */
static long
ctr_clone_helper(struct run *r, int flags)
{
	struct helper_reply rep = { -1, 0, 0, -1, false, false };
	int p[2], fd = spec.userns_path ?
		ns_open(&(struct nsent){ CLONE_NEWUSER, spec.userns_path }) : -1;
	uint64_t done = 0;
	long h;

	if (pipe2(p, O_CLOEXEC) < 0)
		die_errno("pipe");
	h = sys_clone(SIGCHLD);
	if (h == 0) {
		close(p[0]);
		if ((rep.ns = ns_join_pass(0, true, &done)) >= 0)
			rep.what = 5;
		else if (fd >= 0 && setns(fd, CLONE_NEWUSER) < 0)
			rep.what = 1;
		else if (fd >= 0 && !userns_maps_match("/proc/self/uid_map",
						       spec.uidmap, spec.nuidmap))
			rep.what = 2;
		else if (fd >= 0 && !userns_maps_match("/proc/self/gid_map",
						       spec.gidmap, spec.ngidmap))
			rep.what = 3;
		else if ((rep.ns = ns_join_pass(1, true, &done)) >= 0)
			rep.what = 5;
		else if ((ns_joined = true,
			  rep.pid = ctr_clone_in(r, flags | CLONE_PARENT)) == 0) {
			close(p[1]);		/* the init: not its helper's */
			if (fd >= 0)
				close(fd);
			return 0;
		}
		rep.err = errno;
		rep.clone3_ok = r->clone3_ok;
		rep.need_go = r->need_go;
		(void)!write(p[1], &rep, sizeof(rep));
		_exit(0);
	}
	close(p[1]);
	if (fd >= 0)
		close(fd);
	if (h < 0)
		die_errno("clone a helper to join the namespaces given by path");
	if (read(p[0], &rep, sizeof(rep)) != (ssize_t)sizeof(rep))
		die("join the namespaces given by path: the helper died");
	close(p[0]);
	waitpid((pid_t)h, NULL, 0);
	if (rep.what == 1)
		die("join namespace %s: %s", spec.userns_path, strerror(rep.err));
	if (rep.what == 5)
		die("linux.namespaces[%d].path: %s: %s", rep.ns,
		    spec.ns[rep.ns].path, strerror(rep.err));
	if (rep.what)
		die("%s: linux.%s: not the mappings of the user namespace %s",
		    js_file, rep.what == 2 ? "uidMappings" : "gidMappings",
		    spec.userns_path);
	r->clone3_ok = rep.clone3_ok;
	r->need_go |= rep.need_go;
	errno = rep.err;
	return rep.pid;
}

/* A helper when a user namespace, joined or new, meets a namespace given
 * by path (pid's is then joined by the helper, not by rt). */
static bool
ctr_helper(const struct run *r)
{
	bool paths = false;

	for (int i = 0; i < spec.nns; i++)
		paths |= spec.ns[i].path && spec.ns[i].flag != CLONE_NEWUSER;
	return CONFIG_USERNS && !RUN_EXEC(r) && (spec.userns_path ||
			    ((spec.clone_flags & CLONE_NEWUSER) && paths));
}

static long
ctr_clone(struct run *r, int flags)
{
	return ctr_helper(r) ? ctr_clone_helper(r, flags) :
			       ctr_clone_in(r, flags);
}

/* process.oomScoreAdj, by the parent: only the host's root may lower it
 * (CAP_SYS_RESOURCE), and the host's /proc is the one written. */
static void
ctr_oom_score_adj(pid_t pid)
{
	char path[48], buf[16];

	if (!spec.proc.has_oom)
		return;
	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", (int)pid);
	snprintf(buf, sizeof(buf), "%d", spec.proc.oom_score_adj);
	if (writefile(path, buf, 0, 0) < 0)
		die_errno("write oom_score_adj %s", buf);
}

/*
 * A user namespace whose maps are m's (an idmapped mount's own mappings),
 * as an fd: a child cloned into a new one, its maps written, its
 * namespace opened, the child killed (runc and crun do the same).
 */
static int
ns_userns_of(const struct mnt *m)
{
	char path[64];
	long pid = sys_clone(CLONE_NEWUSER | SIGCHLD);
	int fd;

	if (pid < 0)
		die_errno("mount %s: a user namespace for its mappings", m->dest);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);	/* rt may die */
		for (;;)
			pause();	/* until killed: no die(), no undo */
	}
	ns_write_map((pid_t)pid, "uid_map", m->uidmap, m->nuidmap);
	ns_write_map((pid_t)pid, "gid_map", m->gidmap, m->ngidmap);
	snprintf(path, sizeof(path), "/proc/%ld/ns/user", pid);
	fd = openat(AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
	kill((pid_t)pid, SIGKILL);
	waitpid((pid_t)pid, NULL, 0);
	if (fd < 0)
		die_errno("open %s", path);
	return fd;
}

/*
 * idmap, ridmap: a detached copy of the source (open_tree, recursive for
 * rbind) mapped by the mount's own mappings or the container's user
 * namespace (mount_setattr MOUNT_ATTR_IDMAP, to every mount below for
 * ridmap), which the child moves into place.  Made here, by rt with the
 * host's credentials: the kernel wants CAP_SYS_ADMIN in the user
 * namespace the filesystem was mounted in.
 */
static int
mnt_idmapped(const struct run *r, const struct mnt *m)
{
	struct {
		uint64_t attr_set, attr_clr, propagation, userns_fd;
	} a = { MOUNT_ATTR_IDMAP, 0, 0, 0 };	/* struct mount_attr */
	char path[64];
	int fd, us;

	if (m->nuidmap) {
		us = ns_userns_of(m);
	} else {
		snprintf(path, sizeof(path), "/proc/%d/ns/user", (int)r->pid);
		us = xopen(path, O_RDONLY, 0);
	}
	a.userns_fd = (uint64_t)us;
	fd = (int)syscall(SYS_open_tree, AT_FDCWD, m->src ? m->src : "",
			  OPEN_TREE_CLONE | O_CLOEXEC |
			  (m->flags & MS_REC ? AT_RECURSIVE : 0));
	if (fd < 0)
		return -1;
	if (syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH |
		    (m->idmap == 2 ? AT_RECURSIVE : 0), &a, sizeof(a)) < 0)
		die("mount %s on %s: idmapped mount: %s%s", m->src, m->dest,
		    strerror(errno), errno == EINVAL ? " (a filesystem "
		    "without idmapped mounts?)" : "");
	close(us);
	return fd;
}

/*
 * Bind sources of a container with a user namespace are opened by rt with
 * the host's credentials (O_PATH, following symlinks) in the container's
 * mount namespace, which the bind requires, and sent to the child: it
 * could not open a source under a root-only directory itself (runc's
 * mount sources); so are idmapped mounts' trees.  rt's root and cwd are
 * kept across the two setns.
 */
static void
ctr_bind_sources(struct run *r, int sock)
{
	char path[64];
	int self = xopen("/proc/self/ns/mnt", O_RDONLY, 0), ns, fd;
	int root = xopen("/", O_PATH | O_DIRECTORY, 0);
	int cwd = xopen(".", O_PATH | O_DIRECTORY, 0);

	snprintf(path, sizeof(path), "/proc/%d/ns/mnt", (int)r->pid);
	ns = xopen(path, O_RDONLY, 0);
	if (setns(ns, CLONE_NEWNS) < 0)
		die_errno("join the container's mount namespace");
	for (int i = 0; i < spec.nmounts; i++) {
		const struct mnt *m = &spec.mounts[i];

		if (!mnt_from_parent(m))
			continue;
		fd = CONFIG_USERNS && m->idmap ? mnt_idmapped(r, m) :
		     openat(AT_FDCWD, m->src ? m->src : "", O_PATH | O_CLOEXEC);
		if (fd < 0 || sync_send(sock, MSG_BINDS, fd) < 0) {
			int e = errno;

			setns(self, CLONE_NEWNS);
			errno = e;
			die_errno("mount %s on %s: source", m->src ? m->src :
				  "none", m->dest);
		}
		close(fd);
	}
	if (setns(self, CLONE_NEWNS) < 0 || fchdir(root) < 0 ||
	    chroot(".") < 0 || fchdir(cwd) < 0)
		die_errno("return to rt's mount namespace");
	close(ns);
	close(self);
	close(root);
	close(cwd);
}

/* Before the child goes: without clone3 it joins its cgroup from outside;
 * a new user namespace gets its maps and its bind sources; oomScoreAdj;
 * an exec's execCPUAffinity.final, once it is in the cgroup. */
static void
ctr_go(struct run *r, int sock)
{
	char pid[16];

	if (!r->need_go)
		return;
	snprintf(pid, sizeof(pid), "%d", (int)r->pid);
	if (r->cg_fd >= 0 && !r->clone3_ok) {
		int fd = openat(r->cg_fd, "cgroup.procs", O_WRONLY | O_CLOEXEC);

		if (fd < 0 || writeall(fd, pid, strlen(pid)) < 0)
			die_errno("cgroup: move %s into its cgroup", pid);
		close(fd);
	}
	if (CONFIG_EXEC_CPU_AFFINITY && RUN_EXEC(r) && spec.proc.aff.has_final &&
	    sched_setaffinity(r->pid, sizeof(spec.proc.aff.final),
			      (cpu_set_t *)spec.proc.aff.final) < 0)
		die_errno("process.execCPUAffinity.final: sched_setaffinity");
	if (!RUN_EXEC(r)) {
		ns_write_maps(r->pid);
		ctr_oom_score_adj(r->pid);
		if (CONFIG_NET_DEVICES && spec.nnetdev)
			ctr_net_devices(r);
		if ((spec_userns() && !rt_euid) ||
		    spec.has_idmap)
			ctr_bind_sources(r, sock);
	}
	if (sync_send(sock, MSG_GO, -1) < 0)
		die_errno("sync with the container's init");
}

/* containerID id in the host's terms, by the config's mappings. */
static bool
idmap_host(const struct idmap *m, int n, uint32_t id, uint32_t *host)
{
	for (int i = 0; i < n; i++)
		if (id >= m[i].inner && id - m[i].inner < m[i].size) {
			*host = m[i].outer + (id - m[i].inner);
			return true;
		}
	return false;
}

/*
 * In a user namespace mknod is not allowed: a device is the host's node
 * of its path, bound (child_mknod, as runc), and the bind keeps that
 * node's type, numbers, mode and owner.  What the config gives of them
 * must be the node's, an owner either as the host names it (what runc's
 * and docker's device lookups write) or as the container does.
 */
static void
ctr_devices_check(void)
{
	static const char why[] = "in a user namespace rt binds the host's "
				  "node, as mknod is not allowed there";

	for (int i = 0; i < spec.ndevices; i++) {
		const struct dev *d = &spec.devices[i];
		struct stat st;
		uint32_t h;

		if (S_ISFIFO(d->mode))
			continue;		/* mknod makes a fifo */
		if (stat(d->path, &st) < 0)
			die("%s: linux.devices[%d]: %s: %s on the host (%s)",
			    js_file, i, d->path, strerror(errno), why);
		if ((st.st_mode & S_IFMT) != (d->mode & S_IFMT) ||
		    st.st_rdev != d->rdev)
			die("%s: linux.devices[%d]: the host's %s is not %s "
			    "%u:%u (%s)", js_file, i, d->path,
			    S_ISBLK(d->mode) ? "block" : "char",
			    major(d->rdev), minor(d->rdev), why);
		if ((d->given & DEV_MODE) &&
		    (st.st_mode & 07777) != (d->mode & 07777))
			die("%s: linux.devices[%d].fileMode: %04o: the host's "
			    "%s is %04o (%s)", js_file, i, d->mode & 07777,
			    d->path, st.st_mode & 07777, why);
		if ((d->given & DEV_UID) && d->uid != st.st_uid &&
		    !(idmap_host(spec.uidmap, spec.nuidmap, d->uid, &h) &&
		      h == st.st_uid))
			die("%s: linux.devices[%d].uid: %u: the host's %s "
			    "belongs to uid %u (%s)", js_file, i, d->uid,
			    d->path, st.st_uid, why);
		if ((d->given & DEV_GID) && d->gid != st.st_gid &&
		    !(idmap_host(spec.gidmap, spec.ngidmap, d->gid, &h) &&
		      h == st.st_gid))
			die("%s: linux.devices[%d].gid: %u: the host's %s "
			    "belongs to gid %u (%s)", js_file, i, d->gid,
			    d->path, st.st_gid, why);
	}
}

/* Clones the child into its new namespaces (none for exec) and cgroup;
 * returns the parent's end of the sync socket.  Signals stay blocked in
 * the parent from here on, and the child unblocks them before execve. */
static int
ctr_spawn(struct run *r)
{
	struct stat rtst;
	int sv[2];
	sigset_t set;
	long pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		die_errno("socketpair");
	ctr_sigset(&set);
	sigprocmask(SIG_BLOCK, &set, &orig_mask);
	if (!RUN_EXEC(r) && !ctr_helper(r))	/* else ctr_clone_helper */
		ns_join_pid();
	if (!RUN_EXEC(r) && spec_userns() && !spec_ns_join_path(CLONE_NEWNS))
		ctr_devices_check();	/* a joined one's nodes: not here */
	/* CVE-2019-5736: until execve, /proc/PID/exe of rt's processes (the
	 * child of exec, a created init) must be out of the container's
	 * reach; non-dumpable, it needs CAP_SYS_PTRACE on the host.  Not
	 * for a rootless create, whose parent writes the child's uid_map;
	 * its user cannot write a root-owned rt anyway. */
	if (RUN_EXEC(r) && rt_euid)		/* main did it for root */
		prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	if (stat("/proc/self/exe", &rtst) == 0) {
		r->rt_dev = rtst.st_dev;
		r->rt_ino = rtst.st_ino;
	}
	if (!RUN_EXEC(r) && (spec_userns() || spec.nnetdev ||
			 spec.proc.has_oom || spec.has_idmap))
		r->need_go = true;	/* maps, oom_score_adj, idmaps first */
	if (CONFIG_EXEC_CPU_AFFINITY && RUN_EXEC(r) && spec.proc.aff.has_final)
		r->need_go = true;	/* execCPUAffinity.final first */
	/* execCPUAffinity.initial: rt's own, which the child inherits and
	 * has until it is in the container's cgroup (runc's way) */
	if (CONFIG_EXEC_CPU_AFFINITY && RUN_EXEC(r) && spec.proc.aff.has_initial &&
	    sched_setaffinity(0, sizeof(spec.proc.aff.initial),
			      (cpu_set_t *)spec.proc.aff.initial) < 0)
		die_errno("process.execCPUAffinity.initial: sched_setaffinity");
	pid = ctr_clone(r, RUN_EXEC(r) ? 0 : spec.clone_flags);
	if (pid < 0)
		die("clone: %s", errno == ENOSPC ?
		    "too many namespaces (raise user.max_*_namespaces)" :
		    strerror(errno));
	if (pid == 0) {
		stage = STAGE_CHILD;
		syncfd = sv[1];
		close(sv[0]);
		if (st_fd >= 0)		/* its flock must go with create */
			close(st_fd);
		child_main(r);
	}
	close(sv[1]);
	r->pid = (pid_t)pid;
	undo_push(ctr_kill, (intptr_t)r);
	setup_sigs_catch(true);
	ctr_go(r, sv[0]);
	return sv[0];
}

/* Waits for the child to exec (EOF) or be ready; returns the pty master
 * it sent, or -1.  A child's error record ends rt with that line. */
static int
ctr_sync(struct run *r, int sock)
{
	struct errmsg m;
	int master = -1, fd;

	while (sync_recv(sock, &m, &fd) > 0) {
		if (m.kind == MSG_ERROR) {
			m.text[sizeof(m.text) - 1] = 0;
			die("%s", m.text);
		}
		if (m.kind == MSG_PTY)
			master = fd;
		if (m.kind == MSG_HOOKS) {	/* in rt's namespaces */
			hooks_run(H_PRESTART, "creating", NULL, r->hook_pid);
			hooks_run(H_CREATE_RUNTIME, "creating", NULL, r->hook_pid);
			if (sync_send(sock, MSG_GO, -1) < 0)
				die_errno("sync with the container's init");
		}
		if (m.kind == MSG_READY)
			break;
	}
	close(sock);
	return master;
}

static int
wait_status(int status)
{
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

/* Copies what one read gives from one fd to another: > 0 when it copied,
 * 0 at EOF or error, -1 when there was nothing to read right now. */
static ssize_t
relay(int from, int to)
{
	char buf[4096];
	ssize_t n = read(from, buf, sizeof(buf));

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return -1;
	if (n <= 0)
		return 0;
	writeall(to, buf, (size_t)n);
	return n;
}

/* One signal from the signalfd: reap, resize or forward.  Returns the
 * exit status once the child is reaped, else -1. */
static int
ctr_signal(struct run *r, int sfd, int master)
{
	struct signalfd_siginfo si;
	int status;

	if (read(sfd, &si, sizeof(si)) != sizeof(si))
		return -1;
	if (si.ssi_signo == SIGCHLD) {	/* and orphans, as a subreaper */
		pid_t pid;
		int ret = -1;

		while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
			if (pid == r->pid) {
				r->pid = 0;
				ret = wait_status(status);
			}
		return ret;
	}
	if (si.ssi_signo == SIGWINCH && master >= 0) {
		if (CONFIG_TERMINAL)
			tty_copy_size(master);
		return -1;
	}
	kill(r->pid, (int)si.ssi_signo);
	return -1;
}

/*
 * The foreground of `rt run`: forwards signals, relays the terminal, and
 * returns the container's exit status (128+N for signal N, as runc).
 */
static int
ctr_wait(struct run *r, int master)
{
	sigset_t set;
	struct pollfd p[3];
	int status = -1, sfd;

	ctr_sigset(&set);
	sfd = signalfd(-1, &set, SFD_CLOEXEC);
	if (sfd < 0)
		die_errno("signalfd");
	if (CONFIG_TERMINAL && master >= 0) {
		tty_make_raw();
		tty_copy_size(master);
	}
	p[0] = (struct pollfd){ .fd = sfd, .events = POLLIN };
	p[1] = (struct pollfd){ .fd = master >= 0 ? 0 : -1, .events = POLLIN };
	p[2] = (struct pollfd){ .fd = master, .events = POLLIN };
	while (status < 0) {		/* no terminal: wait in read(2) alone */
		if (master >= 0) {
			if (poll(p, 3, -1) < 0 && errno != EINTR)
				die_errno("poll");
			if (p[1].revents && relay(0, master) == 0)
				p[1].fd = -1;
			if (p[2].revents && relay(master, 1) == 0)
				p[2].fd = -1;
			if (!(p[0].revents & POLLIN))
				continue;
		}
		status = ctr_signal(r, sfd, master);
	}
	if (master >= 0) {		/* what the container wrote last */
		fcntl(master, F_SETFL, O_NONBLOCK);
		while (relay(master, 1) > 0)
			;
	}
	close(sfd);
	return status;
}

/*
 * ==== 19. commands ========================================================
 * cmd_* in command-table order; each reads as a list of steps.
 */

/* `runc spec` of runc 1.1, with rt's hostname. */
static const char default_spec[] =
	"{\n"
	"\t\"ociVersion\": \"" SPEC_VERSION "\",\n"
	"\t\"process\": {\n"
	"\t\t\"terminal\": true,\n"
	"\t\t\"user\": {\n"
	"\t\t\t\"uid\": 0,\n"
	"\t\t\t\"gid\": 0\n"
	"\t\t},\n"
	"\t\t\"args\": [\n"
	"\t\t\t\"sh\"\n"
	"\t\t],\n"
	"\t\t\"env\": [\n"
	"\t\t\t\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\n"
	"\t\t\t\"TERM=xterm\"\n"
	"\t\t],\n"
	"\t\t\"cwd\": \"/\",\n"
	"\t\t\"capabilities\": {\n"
	"\t\t\t\"bounding\": [\n"
	"\t\t\t\t\"CAP_AUDIT_WRITE\",\n"
	"\t\t\t\t\"CAP_KILL\",\n"
	"\t\t\t\t\"CAP_NET_BIND_SERVICE\"\n"
	"\t\t\t],\n"
	"\t\t\t\"effective\": [\n"
	"\t\t\t\t\"CAP_AUDIT_WRITE\",\n"
	"\t\t\t\t\"CAP_KILL\",\n"
	"\t\t\t\t\"CAP_NET_BIND_SERVICE\"\n"
	"\t\t\t],\n"
	"\t\t\t\"permitted\": [\n"
	"\t\t\t\t\"CAP_AUDIT_WRITE\",\n"
	"\t\t\t\t\"CAP_KILL\",\n"
	"\t\t\t\t\"CAP_NET_BIND_SERVICE\"\n"
	"\t\t\t],\n"
	"\t\t\t\"ambient\": [\n"
	"\t\t\t\t\"CAP_AUDIT_WRITE\",\n"
	"\t\t\t\t\"CAP_KILL\",\n"
	"\t\t\t\t\"CAP_NET_BIND_SERVICE\"\n"
	"\t\t\t]\n"
	"\t\t},\n"
	"\t\t\"rlimits\": [\n"
	"\t\t\t{\n"
	"\t\t\t\t\"type\": \"RLIMIT_NOFILE\",\n"
	"\t\t\t\t\"hard\": 1024,\n"
	"\t\t\t\t\"soft\": 1024\n"
	"\t\t\t}\n"
	"\t\t],\n"
	"\t\t\"noNewPrivileges\": true\n"
	"\t},\n"
	"\t\"root\": {\n"
	"\t\t\"path\": \"rootfs\",\n"
	"\t\t\"readonly\": true\n"
	"\t},\n"
	"\t\"hostname\": \"rt\",\n"
	"\t\"mounts\": [\n"
	"\t\t{\n"
	"\t\t\t\"destination\": \"/proc\",\n"
	"\t\t\t\"type\": \"proc\",\n"
	"\t\t\t\"source\": \"proc\"\n"
	"\t\t},\n"
	"\t\t{\n"
	"\t\t\t\"destination\": \"/dev\",\n"
	"\t\t\t\"type\": \"tmpfs\",\n"
	"\t\t\t\"source\": \"tmpfs\",\n"
	"\t\t\t\"options\": [\n"
	"\t\t\t\t\"nosuid\",\n"
	"\t\t\t\t\"strictatime\",\n"
	"\t\t\t\t\"mode=755\",\n"
	"\t\t\t\t\"size=65536k\"\n"
	"\t\t\t]\n"
	"\t\t},\n"
	"\t\t{\n"
	"\t\t\t\"destination\": \"/dev/pts\",\n"
	"\t\t\t\"type\": \"devpts\",\n"
	"\t\t\t\"source\": \"devpts\",\n"
	"\t\t\t\"options\": [\n"
	"\t\t\t\t\"nosuid\",\n"
	"\t\t\t\t\"noexec\",\n"
	"\t\t\t\t\"newinstance\",\n"
	"\t\t\t\t\"ptmxmode=0666\",\n"
	"\t\t\t\t\"mode=0620\",\n"
	"\t\t\t\t\"gid=5\"\n"
	"\t\t\t]\n"
	"\t\t},\n"
	"\t\t{\n"
	"\t\t\t\"destination\": \"/dev/shm\",\n"
	"\t\t\t\"type\": \"tmpfs\",\n"
	"\t\t\t\"source\": \"shm\",\n"
	"\t\t\t\"options\": [\n"
	"\t\t\t\t\"nosuid\",\n"
	"\t\t\t\t\"noexec\",\n"
	"\t\t\t\t\"nodev\",\n"
	"\t\t\t\t\"mode=1777\",\n"
	"\t\t\t\t\"size=65536k\"\n"
	"\t\t\t]\n"
	"\t\t},\n"
	"\t\t{\n"
	"\t\t\t\"destination\": \"/dev/mqueue\",\n"
	"\t\t\t\"type\": \"mqueue\",\n"
	"\t\t\t\"source\": \"mqueue\",\n"
	"\t\t\t\"options\": [\n"
	"\t\t\t\t\"nosuid\",\n"
	"\t\t\t\t\"noexec\",\n"
	"\t\t\t\t\"nodev\"\n"
	"\t\t\t]\n"
	"\t\t},\n"
	"\t\t{\n"
	"\t\t\t\"destination\": \"/sys\",\n"
	"\t\t\t\"type\": \"sysfs\",\n"
	"\t\t\t\"source\": \"sysfs\",\n"
	"\t\t\t\"options\": [\n"
	"\t\t\t\t\"nosuid\",\n"
	"\t\t\t\t\"noexec\",\n"
	"\t\t\t\t\"nodev\",\n"
	"\t\t\t\t\"ro\"\n"
	"\t\t\t]\n"
	"\t\t},\n"
	"\t\t{\n"
	"\t\t\t\"destination\": \"/sys/fs/cgroup\",\n"
	"\t\t\t\"type\": \"cgroup\",\n"
	"\t\t\t\"source\": \"cgroup\",\n"
	"\t\t\t\"options\": [\n"
	"\t\t\t\t\"nosuid\",\n"
	"\t\t\t\t\"noexec\",\n"
	"\t\t\t\t\"nodev\",\n"
	"\t\t\t\t\"relatime\",\n"
	"\t\t\t\t\"ro\"\n"
	"\t\t\t]\n"
	"\t\t}\n"
	"\t],\n"
	"\t\"linux\": {\n"
	"\t\t\"resources\": {\n"
	"\t\t\t\"devices\": [\n"
	"\t\t\t\t{\n"
	"\t\t\t\t\t\"allow\": false,\n"
	"\t\t\t\t\t\"access\": \"rwm\"\n"
	"\t\t\t\t}\n"
	"\t\t\t]\n"
	"\t\t},\n"
	"\t\t\"namespaces\": [\n"
	"\t\t\t{\n"
	"\t\t\t\t\"type\": \"pid\"\n"
	"\t\t\t},\n"
	"\t\t\t{\n"
	"\t\t\t\t\"type\": \"network\"\n"
	"\t\t\t},\n"
	"\t\t\t{\n"
	"\t\t\t\t\"type\": \"ipc\"\n"
	"\t\t\t},\n"
	"\t\t\t{\n"
	"\t\t\t\t\"type\": \"uts\"\n"
	"\t\t\t},\n"
	"\t\t\t{\n"
	"\t\t\t\t\"type\": \"mount\"\n"
	"\t\t\t}\n"
	"\t\t],\n"
	"\t\t\"maskedPaths\": [\n"
	"\t\t\t\"/proc/acpi\",\n"
	"\t\t\t\"/proc/asound\",\n"
	"\t\t\t\"/proc/kcore\",\n"
	"\t\t\t\"/proc/keys\",\n"
	"\t\t\t\"/proc/latency_stats\",\n"
	"\t\t\t\"/proc/timer_list\",\n"
	"\t\t\t\"/proc/timer_stats\",\n"
	"\t\t\t\"/proc/sched_debug\",\n"
	"\t\t\t\"/sys/firmware\",\n"
	"\t\t\t\"/proc/scsi\"\n"
	"\t\t],\n"
	"\t\t\"readonlyPaths\": [\n"
	"\t\t\t\"/proc/bus\",\n"
	"\t\t\t\"/proc/fs\",\n"
	"\t\t\t\"/proc/irq\",\n"
	"\t\t\t\"/proc/sys\",\n"
	"\t\t\t\"/proc/sysrq-trigger\"\n"
	"\t\t]\n"
	"\t}\n"
	"}"
;

/* An absolute form of a user's relative path, made before chdir. */
static const char *
abs_path(const char *p)
{
	static char bufs[3][MAX_PATH];
	static int next;
	char cwd[MAX_PATH], *out;

	if (!p || p[0] == '/')
		return p;
	if (!getcwd(cwd, sizeof(cwd)))
		die_errno("getcwd");
	out = bufs[next++ % 3];
	xsnprintf(out, MAX_PATH, "%s/%s", cwd, p);
	return out;
}

/*
 * p made absolute against the cwd and clean (Go's filepath.Join(cwd, p),
 * as runc makes root.path): empty and "." components dropped, ".." takes
 * the one before it away.  Into out, MAX_PATH bytes.
 */
static void
path_absolute(char *out, const char *p)
{
	char tmp[MAX_PATH], *o = out;

	if (p[0] != '/' && !getcwd(tmp, sizeof(tmp)))
		die_errno("getcwd");
	if (p[0] == '/')
		tmp[0] = 0;
	buf_add(tmp, sizeof(tmp), "/%s", p);
	if (strlen(tmp) == sizeof(tmp) - 1)
		die("%s: path too long (raise %s)", p,
		    LIMIT_NAME(MAX_PATH));
	for (const char *c = tmp; *c; c += *c == '/') {
		size_t n = strcspn(c, "/");

		if (n == 2 && c[0] == '.' && c[1] == '.') {
			while (o > out && *--o != '/')
				;
		} else if (n && !(n == 1 && c[0] == '.')) {
			*o++ = '/';
			memcpy(o, c, n);
			o += n;
		}
		c += n;
	}
	if (o == out)
		*o++ = '/';
	*o = 0;
}

/*
 * The bundle becomes the cwd, so relative paths in config.json (root.path,
 * bind sources) are relative to it, as the runtime spec says; they are
 * made absolute here, since joining a mount namespace by path resets the
 * child's cwd (and "." as the root would bind the rootfs through the old
 * directory).
 */
static void
bundle_enter(const char *bundle)
{
	static char root[MAX_PATH];
	char src[MAX_PATH];
	const char *given;
	struct stat st;

	if (bundle && chdir(bundle) < 0)
		die_errno("bundle %s", bundle);
	spec_load();
	given = spec.root;
	path_absolute(root, spec.root);
	spec.root = root;
	for (int i = 0; i < spec.nmounts; i++) {
		struct mnt *m = &spec.mounts[i];

		if (!(m->flags & MS_BIND) || !m->src || m->src[0] == '/')
			continue;
		path_absolute(src, m->src);
		m->src = pool_add(src, strlen(src));
	}
	if (stat(spec.root, &st) < 0)
		die_errno("%s: root.path: %s", js_file, given);
	if (!S_ISDIR(st.st_mode))
		die("%s: root.path: %s: not a directory", js_file, given);
}

/* runc's check: a detached terminal needs somewhere to send the pty
 * (sock: --console-socket). */
static void
check_console(bool detached, const char *sock)
{
	if (CONFIG_TERMINAL && spec.proc.terminal && detached && !sock)
		die("cannot allocate tty if runc will detach without setting "
		    "console socket");
	if (sock && !spec.proc.terminal)
		die("cannot use console socket if runc will not detach or "
		    "allocate tty");
}

static void
write_pid_file(const char *file, pid_t pid)
{
	char buf[16];

	if (!file)
		return;
	snprintf(buf, sizeof(buf), "%d", (int)pid);
	xwrite_atomic(file, buf);
}

/* A connected AF_UNIX stream socket at path, for --console-socket and
 * --pidfd-socket (what names the flag in the error). */
static int
sock_connect(const char *path, const char *what)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path))
		die("--%s %s: path too long", what, path);
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die_errno("connect to %s %s", what, path);
	return fd;
}

/* --console-socket: the pty master goes to the engine over SCM_RIGHTS, as
 * runc's utils.SendFd does; the engine relays the terminal from then on. */
static void
console_send(const char *sock, int master)
{
	int fd;

	if (master < 0)
		return;
	fd = sock_connect(sock, "console-socket");
	if (sync_send(fd, MSG_PTY, master) < 0)
		die_errno("send pty to console socket %s", sock);
	close(fd);
	close(master);
}

/* --pidfd-socket (runc 1.2): connected before the container is made, as
 * runc does, so that a wrong path fails first; Linux 5.3 (pidfd_open). */
static void
pidfd_connect(struct run *r)
{
	const char *path = r->pidfd_socket;
	int fd;

	if (!path)
		return;
	fd = (int)syscall(SYS_pidfd_open, getpid(), 0);
	if (fd < 0)
		die("--pidfd-socket requires >= v5.3 kernel");
	close(fd);
	r->pidfd_sock = sock_connect(path, "pidfd-socket");
}

/* ... and the process's pidfd sent over it once the process is set up. */
static void
pidfd_send(struct run *r)
{
	int fd;

	if (r->pidfd_sock < 0)
		return;
	fd = (int)syscall(SYS_pidfd_open, r->pid, 0);
	if (fd < 0 || sync_send(r->pidfd_sock, MSG_PTY, fd) < 0)
		die_errno("send pidfd to pidfd socket");
	close(fd);
	close(r->pidfd_sock);
	r->pidfd_sock = -1;
}

/*
 * Hooks at create: the state JSON for them, with a placeholder pid, and
 * the hooks object kept in the state dir (as written in config.json) for
 * `start` (poststart) and `delete` (poststop).
 */
static void
hooks_prepare(const char *id, struct state *st)
{
	static char raw[MAX_CONFIG_SIZE + 1];
	const jsmntok_t *t = &toks[spec.hooks_tok];
	char path[MAX_PATH];

	if (!CONFIG_HOOKS || !spec.hooks_tok)
		return;
	st->pid = INT_MAX;		/* HOOK_PID_MARK */
	state_json(hook_tmpl, sizeof(hook_tmpl), id, st, "creating", false, NULL);
	st->pid = 0;
	if (readfile("config.json", raw, sizeof(raw)) < t->end)
		die("config.json: changed while rt read it");
	raw[t->end] = 0;
	st_made |= SF_HOOKS;
	st_file(path, "hooks");
	xwrite_atomic(path, raw + t->start);
}

/* start and delete: the hooks kept at create, and the state JSON. */
static bool
hooks_load(const char *id, const struct state *st, const char *status,
	   char *json, size_t n)
{
	char path[MAX_PATH];

	if (!CONFIG_HOOKS)
		return false;
	st_file(path, "hooks");
	if (access(path, F_OK) < 0)
		return false;
	js_load(path, path);
	spec_hooks(0, "hooks", &spec);
	state_json(json, n, id, st, status, false, NULL);
	return true;
}

/* A process.env entry made from fmt, over one of the same name. */
static void
env_add(const char *fmt, const char *v)
{
	char e[MAX_PATH];

	xsnprintf(e, sizeof(e), fmt, v);
	env_set(pool_add(e, strlen(e)));
}

/*
 * Socket activation, as runc: with LISTEN_FDS in rt's environment and
 * LISTEN_PID rt's own pid (systemd's contract), fds 3 to 3+N-1 go to the
 * container's process, before --preserve-fds's, with LISTEN_FDS=N,
 * LISTEN_PID=1 and LISTEN_FDNAMES as given.  run and create only.
 */
static void
ctr_listen_fds(struct run *r)
{
	const char *fds = getenv("LISTEN_FDS"), *pid = getenv("LISTEN_PID");
	const char *names = getenv("LISTEN_FDNAMES");
	char *end, n[16];
	long nfds;

	if (!fds || !pid || strtol(pid, &end, 10) != (long)getpid() || *end)
		return;
	nfds = strtol(fds, &end, 10);
	if (*end || nfds <= 0 || nfds > INT_MAX - 3 - r->preserve_fds)
		return;
	r->preserve_fds += (int)nfds;
	snprintf(n, sizeof(n), "%ld", nfds);
	env_add("LISTEN_FDS=%s", n);
	env_add("LISTEN_PID=%s", "1");
	if (names)
		env_add("LISTEN_FDNAMES=%s", names);
}

/* What `exec -p` takes from config.json, as runc keeps it in its state:
 * execCPUAffinity (unless process.json has its own) and memoryPolicy.
 * Written at create only when the config has either. */
struct exec_defaults {
	struct affinity aff;
	struct mpol mpol;
};

static void
exec_defaults_save(void)
{
	struct exec_defaults d = { spec.proc.aff, spec.mpol };
	char path[MAX_PATH];
	int fd;

	if (!CONFIG_EXEC)		/* nothing would read it */
		return;
	if ((!CONFIG_EXEC_CPU_AFFINITY || (!d.aff.has_initial &&
					   !d.aff.has_final)) &&
	    (!CONFIG_MEMORY_POLICY || !d.mpol.on))
		return;
	st_made |= SF_EXEC;
	st_file(path, "exec");
	fd = openat(AT_FDCWD, path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0600);
	if (fd < 0 || writeall(fd, &d, sizeof(d)) < 0 || close(fd) < 0)
		die_errno("write %s", path);
}

/* exec -p: what config.json gave, under what process.json says. */
static void
exec_defaults_load(void)
{
	static struct {
		struct exec_defaults d;
		char more;		/* a longer file is damaged too */
	} f;
	struct exec_defaults *d = &f.d;
	char path[MAX_PATH];
	ssize_t n;

	st_file(path, "exec");
	n = readfile(path, (char *)&f, sizeof(f));
	if (n < 0 && errno == ENOENT)
		return;
	if (n != (ssize_t)sizeof(*d))
		die("%s: damaged or unreadable", path);
	spec.mpol = d->mpol;
	if (!spec.proc.aff.has_initial && !spec.proc.aff.has_final)
		spec.proc.aff = d->aff;
}

/*
 * create and run: the container up to its execve, or up to the exec.fifo
 * for create.  The state is saved as soon as the child exists, so that a
 * create killed half-way leaves something `delete --force` can remove.
 * Returns the pty master (or -1).
 */
static int
ctr_create(struct run *r, const char *id)
{
	static struct state st;
	char fifo[MAX_PATH];
	int master, sock;

	st_check_id(id);
	self_read();
	setup_sigs_catch(true);
	pidfd_connect(r);
	bundle_enter(r->bundle);
	check_console(r->mode != MODE_RUN, r->console_socket);
	caps_read_last();
	ctr_listen_fds(r);
	st_fill(&st);
	st_create(id);
	st_save_annotations();
	hooks_prepare(id, &st);
	sc_notify_prepare(id, &st, "creating");
	if (CONFIG_SECCOMP && spec.sc.on) {
		sc_compile();
		sc_save();
	}
	exec_defaults_save();
	r->cg_fd = cg_setup(r, id, &st);
	if (r->cg_fd >= 0)
		r->cg_dir = st.cgroup;
	if (r->mode == MODE_CREATE) {
		st_made |= SF_FIFO;
		st_file(fifo, "exec.fifo");
		if (mkfifo(fifo, 0622) < 0 || chmod(fifo, 0622) < 0)
			die_errno("mkfifo %s", fifo);	/* 0622 whatever the
							   umask: any user opens it */
		r->fifo_fd = xopen(fifo, O_PATH, 0);
	}
	sock = ctr_spawn(r);
	st.pid = r->pid;
	st.start = proc_starttime(r->pid);
	st.pidns = pidns_of(r->pid);
	if (st.pidns == pidns_of(getpid()))
		st.pidns = 0;
	st_save(&st);
	r->hook_pid = r->pid;
	master = ctr_sync(r, sock);
	write_pid_file(r->pid_file, r->pid);
	pidfd_send(r);
	setup_sigs_catch(false);
	close(st_fd);			/* unlock: a foreground run must not */
	st_fd = -1;			/* keep delete and start waiting */
	return master;
}

/* start (and run -d's release): opens exec.fifo, which lets the waiting
 * init go on to execve, and reads its byte; checks the init is alive
 * while waiting, so a dead init cannot hang start. */
static void
ctr_release(const struct state *st)
{
	char path[MAX_PATH], c;
	struct pollfd p;

	st_file(path, "exec.fifo");
	p.fd = xopen(path, O_RDONLY | O_NONBLOCK, 0);
	p.events = POLLIN;
	while (read(p.fd, &c, 1) != 1) {
		if (!st_alive(st))
			die("cannot start a container that has stopped");
		poll(&p, 1, 100);
	}
	close(p.fd);
	unlink(path);
}

/* Calls fn for init and each of its descendants (walking /proc for
 * parent pids until nothing new turns up). */
static void
ctr_each_child(pid_t init, void (*fn)(pid_t, intptr_t), intptr_t arg)
{
	static pid_t set[MAX_PIDS];
	int n = 1, before;

	set[0] = init;
	do {
		static struct dirscan d;
		const char *name;

		before = n;
		if (!dir_open(&d, "/proc"))
			die_errno("/proc");
		while ((name = dir_next(&d))) {
			pid_t pid = (pid_t)atoi(name), ppid = proc_ppid(pid);
			bool known = false, child = false;

			for (int i = 0; i < n; i++) {
				known |= set[i] == pid;
				child |= set[i] == ppid;
			}
			if (pid <= 0 || known || !child)
				continue;
			if (n == MAX_PIDS)
				die("container has more than %d processes "
				    "(raise %s)", LIMIT(MAX_PIDS));
			set[n++] = pid;
		}
	} while (n != before);
	for (int i = 0; i < n; i++)
		fn(set[i], arg);
}

static struct {				/* ctr_each_pid's filter */
	void (*fn)(pid_t, intptr_t);
	intptr_t arg;
	unsigned long long ns;
} pid_filter;

static void
pid_in_ns(pid_t pid, intptr_t arg)
{
	(void)arg;
	if (pid > 0 && pidns_of(pid) == pid_filter.ns)
		pid_filter.fn(pid, pid_filter.arg);
}

/*
 * Calls fn for every process of the container.  With a pid namespace of
 * its own, only processes in it, never another that sits in its cgroup
 * (the init's death ends that namespace: none is left once it is gone,
 * and a reused namespace inode cannot match).  Without, its cgroup's
 * processes, or with no cgroup the init and its descendants.
 */
static void
ctr_each_pid(const struct state *st, void (*fn)(pid_t, intptr_t), intptr_t arg)
{
	static struct dirscan d;
	const char *name;
	bool cg = st->cgroup[0] && access(st->cgroup, F_OK) == 0;

	if (!st->pidns && cg) {
		cg_each_pid(st->cgroup, 0, fn, arg);
		return;
	}
	if (!st_alive(st))
		return;
	if (!st->pidns) {
		ctr_each_child(st->pid, fn, arg);
		return;
	}
	pid_filter.fn = fn;
	pid_filter.arg = arg;
	pid_filter.ns = st->pidns;
	if (cg) {
		cg_each_pid(st->cgroup, 0, pid_in_ns, 0);
		return;
	}
	if (!dir_open(&d, "/proc"))
		die_errno("/proc");
	while ((name = dir_next(&d)))
		pid_in_ns((pid_t)atoi(name), 0);
}

/* runc spec --rootless: the default spec with runc's edits (specconv's
 * ToRootless): no gid=5 on devpts, /sys bound, no device rules, the
 * caller mapped to root in a user namespace, no network namespace. */
static const char *const rootless_edits[][2] = {
	{ "\"mode=0620\",\n\t\t\t\t\"gid=5\"\n", "\"mode=0620\"\n" },
	{ "\"sysfs\",\n\t\t\t\"source\": \"sysfs\",\n\t\t\t\"options\": [\n",
	  "\"none\",\n\t\t\t\"source\": \"/sys\",\n\t\t\t\"options\": [\n"
	  "\t\t\t\t\"rbind\",\n" },
	{ "\t\t\"resources\": {\n\t\t\t\"devices\": [\n\t\t\t\t{\n"
	  "\t\t\t\t\t\"allow\": false,\n\t\t\t\t\t\"access\": \"rwm\"\n"
	  "\t\t\t\t}\n\t\t\t]\n\t\t},\n",
	  "\t\t\"uidMappings\": [\n\t\t\t{\n\t\t\t\t\"containerID\": 0,\n"
	  "\t\t\t\t\"hostID\": %u,\n\t\t\t\t\"size\": 1\n\t\t\t}\n\t\t],\n"
	  "\t\t\"gidMappings\": [\n\t\t\t{\n\t\t\t\t\"containerID\": 0,\n"
	  "\t\t\t\t\"hostID\": %u,\n\t\t\t\t\"size\": 1\n\t\t\t}\n\t\t],\n" },
	{ "\t\t\t{\n\t\t\t\t\"type\": \"network\"\n\t\t\t},\n", "" },
	{ "\"mount\"\n\t\t\t}\n",
	  "\"mount\"\n\t\t\t},\n\t\t\t{\n\t\t\t\t\"type\": \"user\"\n\t\t\t}\n" },
};

/* rt spec's config.json: runc's default or rootless one, less what this
 * build cannot run (a terminal, device rules), so that it runs as it is */
static const char *
spec_text(bool rootless)
{
	static char fmt[sizeof(default_spec) + 512], out[sizeof(fmt) + 32];

	memcpy(fmt, default_spec, sizeof(default_spec));
	for (size_t i = 0; rootless && i < ARRAY_LEN(rootless_edits); i++)
		str_replace(fmt, sizeof(fmt), rootless_edits[i][0],
			    rootless_edits[i][1]);
	if (!CONFIG_CGROUP_DEVICES)
		str_replace(fmt, sizeof(fmt), rootless_edits[2][0], "");
	if (!CONFIG_TERMINAL)
		str_replace(fmt, sizeof(fmt), "\"terminal\": true",
			    "\"terminal\": false");
	if (!rootless)
		return fmt;
	snprintf(out, sizeof(out), fmt, (unsigned)geteuid(), (unsigned)getegid());
	return out;
}

static int
cmd_spec(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (opt_bundle && chdir(opt_bundle) < 0)
		die_errno("bundle %s", opt_bundle);
	if (writefile("config.json", spec_text(CONFIG_USERNS && opt_rootless),
		      O_CREAT | O_EXCL, 0666) < 0)
		die_errno("config.json");
	return 0;
}

/* For cmd_create, cmd_run and cmd_exec: a run of that mode with their
 * flags (static: the undo list holds it until rt exits). */
static struct run *
run_new(enum mode mode, bool exec)
{
	static struct run r = RUN_INIT;

	r.mode = mode;
	r.exec = exec;
	r.no_pivot = opt_no_pivot;
	r.no_new_keyring = opt_no_new_keyring;
	r.preserve_fds = (int)opt_preserve_fds;
	r.bundle = opt_bundle;
	r.pid_file = abs_path(opt_pid_file);	/* before the bundle's chdir */
	r.console_socket = abs_path(opt_console_socket);
	r.pidfd_socket = abs_path(opt_pidfd_socket);
	r.cg_off = !strcmp(opt_cgroup_manager, "disabled");
	r.cg_rootless = strcmp(opt_rootless_cg, "auto") ?
			!strcmp(opt_rootless_cg, "true") : rt_euid != 0;
	return &r;
}

static int
cmd_create(int argc, char **argv)
{
	struct run *r = run_new(MODE_CREATE, false);

	(void)argc;
	console_send(r->console_socket, ctr_create(r, argv[0]));
	undo_forget();
	return 0;
}

static void ctr_kill_all(const struct state *st);

/* start's undo when a poststart hook fails: the container stopped, every
 * process of it killed and the init waited for (10 s at most), its state
 * left for delete. */
static void
ctr_stop(intptr_t arg)
{
	const struct state *st = (const struct state *)arg;
	struct timespec ts = { 0, 5000000 };

	ctr_kill_all(st);
	for (int i = 0; i < 2000 && st_alive(st); i++)
		nanosleep(&ts, NULL);
}

/* After start: until the init has run its startContainer hooks and
 * execve'd (its name is no longer rt's), for poststart to come after. */
static void
ctr_wait_exec(const struct state *st)
{
	char path[48], comm[32];

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)st->pid);
	for (int i = 0; i < 10000 && st_alive(st); i++) {
		if (readproc(path, comm, sizeof(comm)) < 0 ||
		    strcmp(comm, "rt:[child]\n"))
			return;
		usleep(1000);
	}
}

static int
cmd_start(int argc, char **argv)
{
	static struct state st;
	const char *status;

	(void)argc;
	st_must_open(argv[0], LOCK_EX, &st);
	status = st_status(&st);
	if (!strcmp(status, "stopped"))
		die("cannot start a container that has stopped");
	if (strcmp(status, "created"))
		die("cannot start an already %s container", status);
	ctr_release(&st);
	if (hooks_load(argv[0], &st, "running", hook_tmpl, sizeof(hook_tmpl)) &&
	    spec.nhooks[H_POSTSTART]) {
		ctr_wait_exec(&st);
		undo_push(ctr_stop, (intptr_t)&st);
		hooks_run(H_POSTSTART, "running", hook_tmpl, 0);
		undo_forget();
	}
	return 0;
}

static int
cmd_run(int argc, char **argv)
{
	struct run *r = run_new(opt_detach ? MODE_DETACH : MODE_RUN, false);
	int master, status;

	(void)argc;
	/* runc's subreaper: processes the container leaves behind (without
	 * a pid namespace of its own) come to rt, which reaps them */
	if (!opt_detach && !opt_no_subreaper &&
	    prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
		die_errno("prctl PR_SET_CHILD_SUBREAPER");
	master = ctr_create(r, argv[0]);
	hooks_run(H_POSTSTART, "running", NULL, r->hook_pid);
	if (opt_detach) {
		console_send(r->console_socket, master);
		undo_forget();
		return 0;
	}
	status = ctr_wait(r, master);
	tty_restore(0);
	if (opt_keep)
		undo_forget();
	undo_all();
	if (!opt_keep)
		hooks_run(H_POSTSTOP, "stopped", NULL, r->hook_pid);
	return status;
}

static int
cmd_state(int argc, char **argv)
{
	static struct state st;

	(void)argc;
	st_must_open(argv[0], 0, &st);
	print_state_json(argv[0], &st, st_status(&st), true, "");
	return 0;
}
/* One row of `rt list`: widths (pass 0) or the row itself (pass 1). */
static void
list_row(int pass, int *w, const char *const *col, bool quiet)
{
	if (quiet) {
		if (pass)
			printf("%s\n", col[0]);
		return;
	}
	for (int c = 0; c < 5; c++) {
		int len = (int)strlen(col[c]) + 3;	/* tabwriter padding 3 */

		if (!pass && len > w[c])
			w[c] = len;
		if (pass)
			printf("%-*s", w[c], col[c]);
	}
	if (pass)
		printf("%s\n", col[5]);
}

/* id into list_ids, kept sorted bytewise (a binary search; no qsort,
 * which would cost rt 2 KB for at most CONFIG_MAX_CONTAINERS ids). */
static void
list_insert(const char *id)
{
	int lo = 0, hi = list_n;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (strcmp(list_ids[mid], id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(list_ids + lo + 1, list_ids + lo,
		(size_t)(list_n - lo) * sizeof(list_ids[0]));
	list_ids[lo] = id;
	list_n++;
}

/* The ids under --root, sorted bytewise as runc sorts them. */
static void
list_read(void)
{
	static char names[MAX_CONTAINERS * (MAX_ID + 1)];
	static struct dirscan d;
	const char *id;
	size_t o = 0;

	if (!dir_open(&d, st_root))
		return;
	while ((id = dir_next(&d))) {
		size_t len = strlen(id);

		if (id[0] == '.' || len > MAX_ID)
			continue;
		if (list_n == MAX_CONTAINERS)
			die("list: more than %d containers under %s (raise "
			    "%s)", MAX_CONTAINERS, st_root,
			    LIMIT_NAME(MAX_CONTAINERS));
		memcpy(names + o, id, len + 1);
		list_insert(names + o);
		o += len + 1;
	}
}

/* Each container under --root, by id; damaged ones are skipped.  Returns
 * how many it listed. */
static int
list_pass(int pass, int *w, bool json, bool quiet)
{
	static struct state st;
	const char *id, *status;
	char pid[16];
	int n = 0;

	for (int i = 0; i < list_n; i++) {
		id = list_ids[i];
		if (st_open(id, 0, &st) < 0)
			continue;
		status = st_status(&st);
		snprintf(pid, sizeof(pid), "%d",
			 strcmp(status, "stopped") ? (int)st.pid : 0);
		if (json && pass) {
			printf("%s", n ? "," : "[");
			print_state_json(id, &st, status, false, user_name(st.owner));
		} else if (!json) {
			const char *col[6] = { id, pid, status, st.bundle,
					       st.created, user_name(st.owner) };

			list_row(pass, w, col, quiet);
		}
		n++;
	}
	return n;
}

static int
cmd_list(int argc, char **argv)
{
	int w[5] = { 12, 12, 12, 12, 12 };	/* runc's tabwriter minwidth */
	static const char *const head[6] = {
		"ID", "PID", "STATUS", "BUNDLE", "CREATED", "OWNER",
	};
	bool json = !strcmp(opt_format, "json");

	(void)argc;
	(void)argv;
	if (!json && strcmp(opt_format, "table"))
		die("invalid format option");
	list_read();
	if (json) {
		printf(list_pass(1, w, true, opt_quiet) ? "]\n" : "null\n");
		return 0;
	}
	list_row(0, w, head, opt_quiet);
	list_pass(0, w, false, opt_quiet);
	if (!opt_quiet)
		list_row(1, w, head, false);
	list_pass(1, w, false, opt_quiet);
	return 0;
}

static const struct {
	const char *name;
	int sig;
} signals[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "IOT", SIGIOT }, { "BUS", SIGBUS }, { "FPE", SIGFPE },
	{ "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "SEGV", SIGSEGV },
	{ "USR2", SIGUSR2 }, { "PIPE", SIGPIPE }, { "ALRM", SIGALRM },
	{ "TERM", SIGTERM },
#ifdef SIGSTKFLT			/* not on MIPS */
	{ "STKFLT", SIGSTKFLT },
#endif
	{ "CHLD", SIGCHLD },
	{ "CONT", SIGCONT }, { "STOP", SIGSTOP }, { "TSTP", SIGTSTP },
	{ "TTIN", SIGTTIN }, { "TTOU", SIGTTOU }, { "URG", SIGURG },
	{ "XCPU", SIGXCPU }, { "XFSZ", SIGXFSZ }, { "VTALRM", SIGVTALRM },
	{ "PROF", SIGPROF }, { "WINCH", SIGWINCH }, { "IO", SIGIO },
	{ "POLL", SIGPOLL }, { "PWR", SIGPWR }, { "SYS", SIGSYS },
};

/* A signal by name (KILL, SIGKILL, kill) or number, as runc takes it. */
static int
parse_signal(const char *s)
{
	const char *name = strncasecmp(s, "SIG", 3) ? s : s + 3;
	char *end;
	long n = strtol(s, &end, 10);

	if (*s && !*end && n >= 0 && n < NSIG)
		return (int)n;
	for (size_t i = 0; i < ARRAY_LEN(signals); i++)
		if (!strcasecmp(name, signals[i].name))
			return signals[i].sig;
	die("unknown signal \"%s\"", s);
}

static void
kill_one(pid_t pid, intptr_t sig)
{
	kill(pid, (int)sig);
}

/* SIGKILL to every process: without a pid namespace of its own,
 * cgroup.kill (Linux 5.14) where there is one, which also catches
 * processes forking meanwhile; with one, its processes (the init's death
 * takes the rest of the namespace); thawed then, as a frozen cgroup's
 * processes die only when they run. */
static void
ctr_kill_all(const struct state *st)
{
	char path[MAX_PATH];

	if (st->cgroup[0] && !st->pidns) {	/* cgroup.kill: all of it */
		xsnprintf(path, sizeof(path), "%s/cgroup.kill", st->cgroup);
		if (writefile(path, "1", 0, 0) == 0) {
			xsnprintf(path, sizeof(path), "%s/cgroup.freeze", st->cgroup);
			writefile(path, "0", 0, 0);
			return;
		}
	}
	ctr_each_pid(st, kill_one, SIGKILL);
	if (st->cgroup[0]) {
		xsnprintf(path, sizeof(path), "%s/cgroup.freeze", st->cgroup);
		writefile(path, "0", 0, 0);
	}
}

/* Signals the init through a pidfd (Linux 5.3) checked against the
 * recorded starttime, so a reused pid is never signalled. */
static void
ctr_signal_init(const struct state *st, int sig)
{
	int fd = (int)syscall(SYS_pidfd_open, st->pid, 0);

	if (fd < 0 || !st_alive(st)) {
		if (fd >= 0 || !st_alive(st))
			die("container not running");
		if (kill(st->pid, sig) < 0)
			die_errno("kill %d", (int)st->pid);
		return;
	}
	if (syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0) < 0)
		die_errno("kill %d", (int)st->pid);
	close(fd);
}

static int
cmd_kill(int argc, char **argv)
{
	static struct state st;
	int sig = argc > 1 ? parse_signal(argv[1]) : SIGTERM;

	st_must_open(argv[0], 0, &st);
	/* --all reaches what a dead init without a pid namespace of its own
	 * left in the cgroup (runc; the shim's kill --all before delete) */
	if (!st_alive(&st) && !(opt_all && st.cgroup[0] &&
				access(st.cgroup, F_OK) == 0))
		die("container not running");
	if (opt_all && sig == SIGKILL)
		ctr_kill_all(&st);
	else if (opt_all)
		ctr_each_pid(&st, kill_one, sig);
	else
		ctr_signal_init(&st, sig);
	return 0;
}

/* Waits (up to 10 s) for the init to be gone after SIGKILL. */
static void
ctr_wait_gone(const struct state *st)
{
	struct timespec ts = { 0, 5000000 };

	for (int i = 0; i < 2000 && st_alive(st); i++)
		nanosleep(&ts, NULL);
	if (st_alive(st))
		die("container's init %d did not die", (int)st->pid);
}

static int
cmd_delete(int argc, char **argv)
{
	static struct state st;
	const char *status;
	bool hooks;

	(void)argc;
	if (st_open(argv[0], LOCK_EX, &st) < 0) {
		if (st_fd >= 0) {	/* a create that was killed early */
			st_remove_dir(0);
			return 0;
		}
		if (opt_force)
			return 0;
		die("%s: container does not exist", argv[0]);
	}
	status = st_status(&st);
	if (!opt_force && strcmp(status, "stopped") && strcmp(status, "created"))
		die("cannot delete container %s that is not stopped: %s",
		    argv[0], status);
	if (st_alive(&st)) {
		ctr_kill_all(&st);
		ctr_wait_gone(&st);
	} else if (st.cgroup[0] && access(st.cgroup, F_OK) == 0) {
		ctr_kill_all(&st);	/* what the init left behind */
	}
	if (st.cgroup[0] && cg_remove(st.cgroup, st.cg_made) < 0)
		die_errno("cgroup %s: remove", st.cgroup);
	hooks = hooks_load(argv[0], &st, "stopped", hook_tmpl, sizeof(hook_tmpl));
	st_remove_dir(0);
	if (hooks)
		hooks_run(H_POSTSTOP, "stopped", hook_tmpl, 0);
	return 0;
}

static void
ps_add(pid_t pid, intptr_t arg)
{
	(void)arg;
	if (ps_npids == MAX_PIDS)
		die("container has more than %d processes (raise %s)",
		    LIMIT(MAX_PIDS));
	ps_pids[ps_npids++] = pid;
}

static bool
ps_has(pid_t pid)
{
	for (int i = 0; i < ps_npids; i++)
		if (ps_pids[i] == pid)
			return true;
	return false;
}

/* One line of ps(1)'s output: the header (finding the PID column) or a
 * process, printed when its pid is the container's. */
static void
ps_line(char *line, int *col)
{
	static char copy[8192];
	char *tok, *save;
	int c = 0;

	snprintf(copy, sizeof(copy), "%s", line);
	for (tok = strtok_r(copy, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save), c++) {
		if (*col < 0 && !strcmp(tok, "PID")) {
			*col = c;
			printf("%s\n", line);
			return;
		}
		if (c == *col && ps_has((pid_t)atoi(tok)))
			printf("%s\n", line);
	}
}

/* runc's table: ps(1) with the given options (default -ef, which busybox
 * ps ignores), filtered to the container's pids. */
static void
ps_table(int argc, char **argv)
{
	static char buf[8192];
	char *args[64] = { "ps", "-ef" };
	int p[2], status, col = -1;
	size_t have = 0;
	ssize_t n;
	pid_t pid;

	for (int i = 0; i < argc && i < 62; i++)
		args[i + 1] = argv[i];
	args[argc ? argc + 1 : 2] = NULL;
	if (pipe2(p, O_CLOEXEC) < 0 || (pid = fork()) < 0)
		die_errno("run ps");
	if (pid == 0) {
		dup2(p[1], 1);
		execvp("ps", args);
		_exit(127);
	}
	close(p[1]);
	while ((n = read(p[0], buf + have, sizeof(buf) - 1 - have)) > 0) {
		char *line = buf, *nl;

		have += (size_t)n;
		buf[have] = 0;
		while ((nl = strchr(line, '\n'))) {
			*nl = 0;
			ps_line(line, &col);
			line = nl + 1;
		}
		have -= (size_t)(line - buf);
		memmove(buf, line, have);
		if (have == sizeof(buf) - 1)
			have = 0;		/* a line too long: dropped */
	}
	waitpid(pid, &status, 0);
	if (col < 0)
		die("ps: %s", WIFEXITED(status) && WEXITSTATUS(status) == 127 ?
		    "not found" : "no PID column in its output");
}

static int
cmd_ps(int argc, char **argv)
{
	static struct state st;

	st_must_open(argv[0], 0, &st);
	if (strcmp(opt_format, "json") && strcmp(opt_format, "table"))
		die("invalid format option");
	ctr_each_pid(&st, ps_add, 0);	/* stopped: what its cgroup holds */
	if (!strcmp(opt_format, "table")) {
		fflush(stdout);
		ps_table(argc - 1, argv + 1);
		return 0;
	}
	if (!ps_npids) {		/* Go's nil slice, as runc prints it */
		printf("null\n");
		return 0;
	}
	printf("[");
	for (int i = 0; i < ps_npids; i++)
		printf("%s%d", i ? "," : "", (int)ps_pids[i]);
	printf("]\n");
	return 0;
}

/* exec's flags over the container's process: args, -e, --cwd, -u, -g,
 * --cap, --no-new-privs and -t, as runc's newProcess does. */
static void
exec_apply_flags(const struct exec_opts *o, int argc, char **argv)
{
	struct proc *p = &spec.proc;

	if (argc > MAX_ARGS)
		die("exec: %d arguments, limit is %d (raise %s)",
		    argc, LIMIT(MAX_ARGS));
	memcpy(p->args, argv, sizeof(char *) * (size_t)argc);
	p->args[argc] = NULL;
	p->nargs = argc;
	p->terminal = o->tty;
	for (int i = 0; i < o->env.n; i++)
		env_set(o->env.v[i]);
	if (o->cwd)
		p->cwd = (char *)o->cwd;
	if (o->user) {
		const char *gid = id_parse(o->user, &p->uid);

		if (gid && *gid == ':')
			gid = id_parse(gid + 1, &p->gid);
		if (!gid || *gid)
			die("exec: --user %s: expected UID[:GID], each 0-%u",
			    o->user, UINT32_MAX - 1);
	}
	if (p->ngids + o->gids.n > MAX_GIDS)	/* runc appends them */
		die("exec: --additional-gids: %d gids, limit is %d (raise %s)",
		    p->ngids + o->gids.n, LIMIT(MAX_GIDS));
	for (int i = 0; i < o->gids.n; i++) {
		const char *g = o->gids.v[i];
		const char *e = id_parse(g, &p->gids[p->ngids]);

		if (!e || *e)
			die("exec: --additional-gids %s: expected a GID", g);
		p->ngids++;
	}
	for (int i = 0; i < o->caps.n; i++)
		exec_add_cap(o->caps.v[i]);
	if (o->nnp)
		p->nnp = true;
}

/* exec --apparmor and --process-label over the process's labels (runc
 * applies them with -p as well). */
static void
exec_apply_labels(const struct exec_opts *o)
{
	if (o->apparmor && *o->apparmor && !lsm_enabled(LSM_APPARMOR))
		die("exec: --apparmor: AppArmor is not enabled on this host");
	if (o->label && *o->label && !lsm_enabled(LSM_SELINUX))
		die("exec: --process-label: SELinux is not enabled on this host");
	if (o->apparmor)
		spec.proc.apparmor = *o->apparmor ? (char *)o->apparmor : NULL;
	if (o->label)
		spec.proc.selinux = *o->label ? (char *)o->label : NULL;
}

/* The cgroup exec's process joins: the container's, or with --cgroup an
 * existing sub-cgroup of it (runc's [<controller>:]<path>; cgroup v2
 * has no controllers to name, so the path alone or ":path"). */
static int
exec_cgroup(const struct exec_opts *o, const struct state *st)
{
	char path[MAX_PATH];
	const char *sub = o->cgroup.n ? o->cgroup.v[0] : NULL;
	int fd;

	if (o->cgroup.n > 1)
		die("exec: --cgroup: one path only on cgroup v2");
	if (!st->cgroup[0] && sub)
		die("exec: --cgroup %s: the container has no cgroup", sub);
	if (!sub)
		return st->cgroup[0] ? xopen(st->cgroup, O_RDONLY |
					     O_DIRECTORY, 0) : -1;
	if (*sub == ':')
		sub++;
	else if (strchr(sub, ':'))
		die("exec: --cgroup %s: controllers are cgroup v1's; give the "
		    "path alone", sub);
	if (!*sub || strstr(sub, ".."))
		die("exec: --cgroup %s: not a path below the container's "
		    "cgroup", o->cgroup.v[0]);
	xsnprintf(path, sizeof(path), "%s/%s", st->cgroup, sub);
	fd = openat(AT_FDCWD, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		die_errno("exec: --cgroup %s", o->cgroup.v[0]);
	return fd;
}

static int
cmd_exec(int argc, char **argv)
{
	static struct state st;
	int master, status;
	struct run *r = run_new(opt_detach ? MODE_DETACH : MODE_RUN, true);

	die_status = 255;
	opt_process = abs_path(opt_process);
	st_must_open(argv[0], 0, &st);
	if (!st_alive(&st))
		die("cannot exec in a stopped container");
	pidfd_connect(r);
	if (opt_process) {
		js_load(opt_process, "process.json");
		spec_process(0, "", &spec.proc);
		exec_defaults_load();
	} else {
		if (argc < 2)
			die("exec: no command given (or use --process)");
		if (chdir(st.bundle) < 0)
			die_errno("bundle %s", st.bundle);
		spec_load();
		exec_apply_flags(&opt_exec, argc - 1, argv + 1);
	}
	check_console(opt_detach, r->console_socket);
	caps_read_last();
	if (CONFIG_SECCOMP)
		sc_load();
	sc_notify_prepare(argv[0], &st, "running");
	ns_open_container(r, st.pid);
	if (!strcmp(st_status(&st), "paused") && !opt_ignore_paused)
		die("cannot exec in a paused container (use --ignore-paused to override)");
	exec_apply_labels(&opt_exec);
	r->cg_fd = exec_cgroup(&opt_exec, &st);
	self_read();
	master = ctr_sync(r, ctr_spawn(r));
	write_pid_file(r->pid_file, r->pid);
	pidfd_send(r);
	setup_sigs_catch(false);
	if (opt_detach) {
		console_send(r->console_socket, master);
		undo_forget();
		return 0;
	}
	status = ctr_wait(r, master);
	tty_restore(0);
	undo_all();
	return status;
}

/* The container's cgroup for pause, resume, update and events. */
static void
st_need_cgroup(const char *id, const struct state *st)
{
	if (!st->cgroup[0])
		die("%s: container has no cgroup (cgroup2 was not available when "
		    "it was created)", id);
}

static int
cmd_pause(int argc, char **argv)
{
	static struct state st;
	const char *status;

	(void)argc;
	st_must_open(argv[0], LOCK_EX, &st);
	status = st_status(&st);
	if (strcmp(status, "running") && strcmp(status, "created"))
		die("container not running");
	st_need_cgroup(argv[0], &st);
	cg_freeze(st.cgroup, true);
	return 0;
}

static int
cmd_resume(int argc, char **argv)
{
	static struct state st;

	(void)argc;
	st_must_open(argv[0], LOCK_EX, &st);
	if (strcmp(st_status(&st), "paused"))
		die("container not paused");
	cg_freeze(st.cgroup, false);
	return 0;
}

/* A size with runc's units (RAMInBytes: 512k, 64m, 1g; -1 for none). */
static long long
parse_size(const char *opt, const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	switch (*end | 0x20) {
	case 'k': v <<= 10; end++; break;
	case 'm': v <<= 20; end++; break;
	case 'g': v <<= 30; end++; break;
	case 't': v <<= 40; end++; break;
	}
	if ((*end | 0x20) == 'b')
		end++;
	if (end == s || *end)
		die("update: --%s: invalid value \"%s\"", opt, s);
	return v;
}

/* update's flags over r (runc update's names); --kernel-memory is
 * accepted and ignored, as runc ignores it on cgroup v2. */
static void
update_flags(struct resources *r, const struct upd_opts *o)
{
	const struct {
		const char *name, *val;
		long long *dst;
	} num[] = {
		{ "memory", o->memory, &r->mem_limit },
		{ "memory-swap", o->memory_swap, &r->mem_swap },
		{ "memory-reservation", o->memory_reservation, &r->mem_low },
		{ "pids-limit", o->pids_limit, &r->pids },
		{ "cpu-quota", o->cpu_quota, &r->cpu_quota },
		{ "cpu-period", o->cpu_period, &r->cpu_period },
		{ "cpu-share", o->cpu_share, &r->cpu_shares },
		{ "cpu-burst", o->cpu_burst, &r->cpu_burst },
		{ "cpu-idle", o->cpu_idle, &r->cpu_idle },
		{ "cpu-rt-period", o->rt_period, &r->rt_period },
		{ "cpu-rt-runtime", o->rt_runtime, &r->rt_runtime },
		{ "blkio-weight", o->blkio_weight, &r->io_weight },
	};

	for (size_t i = 0; i < ARRAY_LEN(num); i++)
		if (num[i].val)
			*num[i].dst = parse_size(num[i].name, num[i].val);
	if (o->cpuset_cpus)
		r->cpus = (char *)o->cpuset_cpus;
	if (o->cpuset_mems)
		r->mems = (char *)o->cpuset_mems;
}

/* runc update: --resources FILE (or - for stdin) in linux.resources'
 * form, and/or the flags; written to the running container's cgroup. */
static int
cmd_update(int argc, char **argv)
{
	static struct state st;
	char needed[128];

	(void)argc;
	st_must_open(argv[0], LOCK_EX, &st);
	if (!strcmp(st_status(&st), "stopped"))
		die("container not running");
	st_need_cgroup(argv[0], &st);
	spec_res_init(&spec.res);
	if (opt_upd.resources) {
		js_load(strcmp(opt_upd.resources, "-") ? opt_upd.resources : "/dev/stdin",
			"resources");
		SPEC_OBJECT(0, "", resources_rows, &spec.res);
	}
	update_flags(&spec.res, &opt_upd);
	if (spec.res.ndev)
		die("update: linux.resources.devices: not supported by update yet");
	if (!cg_find_mount())
		die("cgroup: no cgroup2 hierarchy is mounted");
	cg_needed(&spec.res, needed, sizeof(needed));
	cg_enable(st.cgroup, needed);
	cg_apply(st.cgroup, &spec.res);
	return 0;
}

/* A flat-keyed cgroup file's value for key ("usage_usec 12"), or 0. */
static unsigned long long
cg_key(const char *dir, const char *file, const char *key)
{
	static char buf[8192];
	size_t len = strlen(key);

	cg_read(dir, file, buf, sizeof(buf));
	for (char *p = buf; *p; p += strcspn(p, "\n"), p += *p == '\n')
		if (!strncmp(p, key, len) && p[len] == ' ')
			return strtoull(p + len + 1, NULL, 10);
	return 0;
}

/* A single-value cgroup file; "max" is UINT64_MAX, as runc reports it. */
static unsigned long long
cg_val(const char *dir, const char *file)
{
	char buf[64];

	cg_read(dir, file, buf, sizeof(buf));
	return !strncmp(buf, "max", 3) ? UINT64_MAX : strtoull(buf, NULL, 10);
}

/* memory.stat as runc's "raw" map. */
static void
stats_raw(const char *dir)
{
	static char buf[8192];
	bool first = true;

	cg_read(dir, "memory.stat", buf, sizeof(buf));
	printf("\"raw\":{");
	for (char *p = buf; *p; p += strcspn(p, "\n"), p += *p == '\n') {
		size_t k = strcspn(p, " \n");

		if (p[k] != ' ')
			continue;
		printf("%s\"%.*s\":%llu", first ? "" : ",", (int)k, p,
		       strtoull(p + k + 1, NULL, 10));
		first = false;
	}
	printf("}");
}

/* io.stat ("8:0 rbytes=1 wbytes=2 rios=3 wios=4 ...") as runc's lists. */
static void
stats_io(const char *dir, const char *rkey, const char *wkey)
{
	static char buf[8192];
	bool first = true;

	cg_read(dir, "io.stat", buf, sizeof(buf));
	for (char *p = buf; *p; p += strcspn(p, "\n"), p += *p == '\n') {
		const char *key[2] = { rkey, wkey }, *op[2] = { "Read", "Write" };
		size_t end = strcspn(p, "\n");
		char *e;
		unsigned maj = (unsigned)strtoul(p, &e, 10), min;

		if (e == p || *e != ':' || !isdigit((unsigned char)e[1]))
			continue;		/* "MAJ:MIN key=value ..." */
		min = (unsigned)strtoul(e + 1, &e, 10);
		for (int i = 0; i < 2; i++) {
			char *v = strstr(p, key[i]);

			if (!v || (size_t)(v - p) > end)
				continue;
			printf("%s{\"major\":%u,\"minor\":%u,\"op\":\"%s\",\"value\":%llu}",
			       first ? "" : ",", maj, min, op[i],
			       strtoull(v + strlen(key[i]), NULL, 10));
			first = false;
		}
	}
}

/* pids.current, or without the pids controller the processes counted
 * in cgroup.procs, as runc's statPidsFromCgroupProcs does. */
static unsigned long long
cg_pids_current(const char *d)
{
	static char buf[65536];
	unsigned long long n = 0;
	char path[MAX_PATH];

	xsnprintf(path, sizeof(path), "%s/pids.current", d);
	if (access(path, F_OK) == 0)
		return cg_val(d, "pids.current");
	cg_read(d, "cgroup.procs", buf, sizeof(buf));
	for (char *p = buf; *p; p++)
		n += *p == '\n';
	return n;
}

/* One runc "stats" event from the cgroup files (types.Stats). */
static void
print_stats(const char *id, const char *d)
{
	printf("{\"type\":\"stats\",\"id\":\"%s\",\"data\":{\"cpu\":{\"usage\":"
	       "{\"total\":%llu,\"kernel\":%llu,\"user\":%llu},\"throttling\":"
	       "{\"periods\":%llu,\"throttledPeriods\":%llu,\"throttledTime\":"
	       "%llu}},", id, 1000 * cg_key(d, "cpu.stat", "usage_usec"),
	       1000 * cg_key(d, "cpu.stat", "system_usec"),
	       1000 * cg_key(d, "cpu.stat", "user_usec"),
	       cg_key(d, "cpu.stat", "nr_periods"),
	       cg_key(d, "cpu.stat", "nr_throttled"),
	       1000 * cg_key(d, "cpu.stat", "throttled_usec"));
	printf("\"memory\":{\"cache\":%llu,\"usage\":{\"limit\":%llu,\"usage\":"
	       "%llu,\"max\":%llu,\"failcnt\":%llu},\"swap\":{\"limit\":%llu,"
	       "\"usage\":%llu,\"failcnt\":0},", cg_key(d, "memory.stat", "file"),
	       cg_val(d, "memory.max"), cg_val(d, "memory.current"),
	       cg_val(d, "memory.peak"), cg_key(d, "memory.events", "max"),
	       cg_val(d, "memory.swap.max"), cg_val(d, "memory.swap.current"));
	stats_raw(d);
	printf("},\"pids\":{\"current\":%llu,\"limit\":%llu},\"blkio\":"
	       "{\"ioServiceBytesRecursive\":[", cg_pids_current(d),
	       cg_val(d, "pids.max") == UINT64_MAX ? 0 : cg_val(d, "pids.max"));
	stats_io(d, "rbytes=", "wbytes=");
	printf("],\"ioServicedRecursive\":[");
	stats_io(d, "rios=", "wios=");
	printf("]},\"hugetlb\":{}}}\n");
	fflush(stdout);
}

/* --interval as Go's time.ParseDuration: numbers with an optional
 * fraction, each with its unit (ns, us, µs, μs, ms, s, m, h), as "1m30s"
 * or "1.5s"; a bare number is seconds.  In milliseconds, at least 1;
 * whole numbers, no strtod (its float scanner would cost rt 5 KB). */
static long
parse_interval(const char *s)
{
	static const struct {
		const char *unit;
		unsigned long long ns;
	} units[] = {
		{ "ns", 1 }, { "us", 1000 }, { "\xc2\xb5s", 1000 },
		{ "\xce\xbcs", 1000 }, { "ms", 1000000 }, { "s", 1000000000 },
		{ "m", 60000000000ULL }, { "h", 3600000000000ULL },
	};
	const unsigned long long max = 86400000000000000ULL;	/* 1e6 days */
	unsigned long long total = 0;
	const char *p = s;

	while (*p) {
		unsigned long long whole = 0, frac = 0, scale = 1, ns = 0;
		size_t best = 0;
		bool digits = false;

		for (; isdigit((unsigned char)*p); p++, digits = true)
			if ((whole = whole * 10 + (unsigned)(*p - '0')) > max)
				goto bad;
		if (*p == '.')		/* nanoseconds' 9 digits are enough */
			for (p++; isdigit((unsigned char)*p); p++, digits = true)
				if (scale < 1000000000) {
					frac = frac * 10 + (unsigned)(*p - '0');
					scale *= 10;
				}
		for (size_t u = 0; u < ARRAY_LEN(units); u++) {
			size_t len = strlen(units[u].unit);

			if (!strncmp(p, units[u].unit, len) && len > best) {
				best = len;
				ns = units[u].ns;
			}
		}
		if (!digits || (!best && (*p || total)))
			goto bad;
		if (!best)		/* a bare number, alone: seconds */
			ns = 1000000000;
		p += best;
		if (whole > max / ns)
			goto bad;
		/* frac < scale: the fraction's part is below ns */
		total += whole * ns + (ns >= scale ? frac * (ns / scale) :
					frac * ns / scale);
		if (total > max)
			goto bad;
	}
	if (total && total / 1000000 <= LONG_MAX)	/* 32-bit long */
		return (long)(total >= 1000000 ? total / 1000000 : 1);
bad:
	die("events: --interval: invalid duration \"%s\"", s);
}

/* runc events: stats every interval and "oom" when memory.events'
 * oom_kill grows, until the container stops; --stats prints one. */
static int
cmd_events(int argc, char **argv)
{
	static struct state st;
	long ms = parse_interval(opt_interval);
	unsigned long long ooms;

	(void)argc;
	st_must_open(argv[0], 0, &st);
	if (!st_alive(&st))
		die("container not running");
	st_need_cgroup(argv[0], &st);
	ooms = cg_key(st.cgroup, "memory.events", "oom_kill");
	if (opt_stats) {
		print_stats(argv[0], st.cgroup);
		return 0;
	}
	while (st_alive(&st)) {
		struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };
		unsigned long long n = cg_key(st.cgroup, "memory.events", "oom_kill");

		if (n > ooms)
			printf("{\"type\":\"oom\",\"id\":\"%s\"}\n", argv[0]);
		ooms = n;
		print_stats(argv[0], st.cgroup);
		nanosleep(&ts, NULL);
	}
	return 0;
}

/*
 * ==== 20. main ============================================================
 * One option parser for every table; runc's forms are accepted: --x v,
 * --x=v, -x v (urfave/cli takes single-dash long names), short letters.
 */

/* Kconfig's feature switches, for --version and features to say which
 * are compiled out (and tests/lib.sh's need_feature to skip on) */
#define KBOOL(SYM) { "CONFIG_" #SYM, CONFIG_##SYM }
static const struct kbool {
	const char *sym;
	bool on;
} kbools[] = {
	KBOOL(TERMINAL), KBOOL(EXEC), KBOOL(HOOKS), KBOOL(SECCOMP),
	KBOOL(SECCOMP_NOTIFY), KBOOL(USERNS), KBOOL(CGROUPS),
	KBOOL(CGROUP_DEVICES), KBOOL(PAUSE), KBOOL(UPDATE), KBOOL(EVENTS),
	KBOOL(PS), KBOOL(LOG_JSON), KBOOL(FEATURES), KBOOL(SPEC),
	KBOOL(SYSCTL), KBOOL(TIMENS), KBOOL(SCHEDULER), KBOOL(IOPRIORITY),
	KBOOL(PERSONALITY), KBOOL(EXEC_CPU_AFFINITY), KBOOL(MEMORY_POLICY),
	KBOOL(LSM), KBOOL(NET_DEVICES),
};

/* "CONFIG_A=n CONFIG_B=n", the switches compiled out, or "" */
static const char *
kbools_off(void)
{
	static char buf[ARRAY_LEN(kbools) * 32];
	size_t n = 0;

	for (size_t i = 0; i < ARRAY_LEN(kbools); i++)
		if (!kbools[i].on)
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s=n",
					      n ? " " : "", kbools[i].sym);
	return buf;
}

/*
 * rt features: the runtime-spec's features.md document, from the tables
 * rt parses with (so it cannot claim what rt does not do), indented as
 * runc prints it; a name of this build's compiled out features (skip,
 * skip2) is left out.
 */
static void
feat_list(const char *ind, const char *key, const char *const *names,
	  size_t stride, int n, const char *pre, bool last)
{
	static const char *const skip[] = {
		CONFIG_USERNS ? "" : "user", CONFIG_TIMENS ? "" : "time",
		CONFIG_USERNS ? "" : "idmap", CONFIG_USERNS ? "" : "ridmap",
		CONFIG_SECCOMP_NOTIFY ? "" : "SCMP_ACT_NOTIFY",
		CONFIG_SECCOMP_NOTIFY ? "" :
		"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV",
	};
	const char *sep = "";

	printf("%s\"%s\": [", ind, key);
	for (int i = 0; i < n; i++) {
		const char *name = *(const char *const *)(const void *)
			((const char *)names + stride * (size_t)i);
		size_t k = 0;

		while (k < ARRAY_LEN(skip) && strcmp(name, skip[k]))
			k++;
		if (k < ARRAY_LEN(skip))
			continue;
		printf("%s\n%s    \"%s%s\"", sep, ind, pre, name);
		sep = ",";
	}
	printf("%s%s]%s\n", *sep ? "\n" : "", *sep ? ind : "",
	       last ? "" : ",");
}

static int
cmd_features(int argc, char **argv)
{
	static const char *const ns[] = {
		"cgroup", "ipc", "mount", "network", "pid", "time", "user", "uts",
	};
	const char *const b[] = { "false", "true" };

	(void)argc;
	(void)argv;
	printf("{\n    \"ociVersionMin\": \"1.0.0\",\n"
	       "    \"ociVersionMax\": \"" SPEC_VERSION "\",\n");
	feat_list("    ", "hooks", CONFIG_HOOKS ? hook_names : NULL,
		  sizeof(char *), CONFIG_HOOKS ? NHOOKKINDS : 0, "", 0);
	feat_list("    ", "mountOptions", &mntopts[0].name, sizeof(mntopts[0]),
		  (int)NMNTOPTS, "", 0);
	printf("    \"linux\": {\n");
	feat_list("        ", "namespaces", ns, sizeof(char *), 8, "", 0);
	feat_list("        ", "capabilities", cap_names, sizeof(char *), NCAPS,
		  "CAP_", 0);
	printf("        \"cgroup\": {\n            \"v1\": false,\n"
	       "            \"v2\": %s,\n            \"systemd\": false,\n"
	       "            \"systemdUser\": false\n        },\n"
	       "        \"seccomp\": {\n            \"enabled\": %s", b[CONFIG_CGROUPS],
	       b[CONFIG_SECCOMP]);
	if (CONFIG_SECCOMP) {
		printf(",\n");
		feat_list("            ", "actions", &sc_actions[0].name,
			  sizeof(sc_actions[0]), ARRAY_LEN(sc_actions), "", 0);
		feat_list("            ", "operators", sc_ops, sizeof(char *),
			  ARRAY_LEN(sc_ops),
			  "", 0);
		feat_list("            ", "archs", &sc_arches[0].name,
			  sizeof(sc_arches[0]), ARRAY_LEN(sc_arches), "", 0);
		feat_list("            ", "knownFlags", sc_flag_names,
			  sizeof(char *), ARRAY_LEN(sc_flag_names), "",
			  0);
		feat_list("            ", "supportedFlags", sc_flag_names,
			  sizeof(char *), ARRAY_LEN(sc_flag_names), "",
			  1);
	} else {
		printf("\n");
	}
	printf("        },\n        \"apparmor\": {\n            \"enabled\": %s\n"
	       "        },\n        \"selinux\": {\n            \"enabled\": %s\n"
	       "        },\n        \"intelRdt\": {\n            \"enabled\": false\n"
	       "        },\n        \"memoryPolicy\": {\n", b[CONFIG_LSM],
	       b[CONFIG_LSM]);
	feat_list("            ", "modes", CONFIG_MEMORY_POLICY ? mpol_modes :
		  NULL, sizeof(char *), CONFIG_MEMORY_POLICY ?
		  ARRAY_LEN(mpol_modes) : 0, "", 0);
	feat_list("            ", "flags", CONFIG_MEMORY_POLICY ?
		  mpol_flag_names : NULL, sizeof(char *), CONFIG_MEMORY_POLICY ?
		  ARRAY_LEN(mpol_flag_names) : 0, "", 1);
	printf("        },\n        \"mountExtensions\": {\n"
	       "            \"idmap\": {\n                \"enabled\": %s\n"
	       "            }\n        },\n        \"netDevices\": {\n"
	       "            \"enabled\": %s\n"
	       "        }\n    },\n    \"annotations\": {\n"
	       "        \"org.opencontainers.rt.kconfig.off\": \"%s\",\n"
	       "        \"org.opencontainers.rt.version\": \"%s\"\n    }\n}\n",
	       b[CONFIG_USERNS], b[CONFIG_NET_DEVICES], kbools_off(),
	       RT_VERSION);
	return 0;
}

/*
 * The command table and the option table.  Every flag rt takes is one row
 * of opts[]: its name and letter, what it takes, the commands that take
 * it (OF_* bits, one per row of cmds[]), the Kconfig symbol that owns it
 * when that feature is compiled out, and the line `--help` prints.  A row
 * of kind OPT_NO is a runc flag (with a value) that rt refuses, its ptr
 * saying why.
 */
enum { OPT_FLAG, OPT_STR, OPT_INT, OPT_LIST, OPT_NO };

enum {					/* who takes an option */
	OF_GLOBAL = 1 << 0, OF_CREATE = 1 << 1, OF_DELETE = 1 << 2,
	OF_EVENTS = 1 << 3, OF_FEATURES = 1 << 4, OF_EXEC = 1 << 5,
	OF_KILL = 1 << 6, OF_LIST = 1 << 7, OF_PAUSE = 1 << 8, OF_PS = 1 << 9,
	OF_RESUME = 1 << 10, OF_RUN = 1 << 11, OF_SPEC = 1 << 12,
	OF_START = 1 << 13, OF_STATE = 1 << 14, OF_UPDATE = 1 << 15,
};
#define OF_NEW (OF_CREATE | OF_RUN)	/* the commands that make one */

struct opt {
	const char *name;
	char letter;
	unsigned char kind;		/* OPT_* */
	unsigned short cmds;		/* OF_* */
	const char *off;		/* "CONFIG_X" when compiled out, or NULL */
	void *ptr;			/* the opt_* it sets; OPT_NO: why not */
	const char *help;
};

/* "CONFIG_SYM" when feature SYM is compiled out, else NULL */
#define OFF(SYM) (CONFIG_##SYM ? NULL : "CONFIG_" #SYM)

static const struct opt opts[] = {
	{ "root", 0, OPT_STR, OF_GLOBAL, NULL, &opt_root,
	  "root directory for storage of container state (this should be "
	  "located in tmpfs) (default: \"/run/rt\")" },
	{ "log", 0, OPT_STR, OF_GLOBAL, NULL, &opt_log,
	  "set the log file to write rt logs to (errors also go to stderr)" },
	{ "log-format", 0, OPT_STR, OF_GLOBAL, NULL, &opt_log_format,
	  "set the log format ('text' (default), or 'json')" },
	{ "debug", 0, OPT_FLAG, OF_GLOBAL, NULL, &opt_debug,
	  "enable debug logging" },
	{ "systemd-cgroup", 0, OPT_FLAG, OF_GLOBAL, OFF(CGROUPS),
	  &opt_systemd_cgroup,
	  "expect cgroupsPath as \"slice:prefix:name\" (the same as "
	  "--cgroup-manager systemd)" },
	{ "cgroup-manager", 0, OPT_STR, OF_GLOBAL, OFF(CGROUPS),
	  &opt_cgroup_manager,
	  "cgroupfs (default), systemd (slice:prefix:name paths, the same "
	  "cgroup files) or disabled (no cgroup)" },
	{ "rootless", 0, OPT_STR, OF_GLOBAL, OFF(CGROUPS), &opt_rootless_cg,
	  "ignore cgroup permission errors ('true', 'false', or 'auto') "
	  "(default: \"auto\")" },
	{ "criu", 0, OPT_NO, OF_GLOBAL, NULL, "rt has no checkpoint and restore",
	  "path to the criu binary (refused: rt has no checkpoint and "
	  "restore)" },
	{ "help", 'h', OPT_FLAG, OF_GLOBAL, NULL, &opt_help, "show help" },
	{ "version", 'v', OPT_FLAG, OF_GLOBAL, NULL, &opt_version,
	  "print the version" },

	{ "bundle", 'b', OPT_STR, OF_NEW | OF_SPEC, NULL, &opt_bundle,
	  "path to the root of the bundle directory, defaults to the current "
	  "directory" },
	{ "rootless", 0, OPT_FLAG, OF_SPEC, OFF(USERNS), &opt_rootless,
	  "generate a configuration for a rootless container" },
	{ "pidfd-socket", 0, OPT_STR, OF_NEW | OF_EXEC, NULL,
	  &opt_pidfd_socket, "path to an AF_UNIX socket which will receive "
	  "a file descriptor referencing the init process" },
	{ "console-socket", 0, OPT_STR, OF_NEW | OF_EXEC, OFF(TERMINAL),
	  &opt_console_socket, "path to an AF_UNIX socket which will receive "
	  "a file descriptor referencing the master end of the console's "
	  "pseudoterminal" },
	{ "detach", 'd', OPT_FLAG, OF_RUN | OF_EXEC, NULL, &opt_detach,
	  "detach from the container's process" },
	{ "keep", 0, OPT_FLAG, OF_RUN, NULL, &opt_keep,
	  "do not delete the container after it exits" },
	{ "pid-file", 0, OPT_STR, OF_NEW | OF_EXEC, NULL, &opt_pid_file,
	  "specify the file to write the process id to" },
	{ "no-subreaper", 0, OPT_FLAG, OF_RUN, NULL, &opt_no_subreaper,
	  "disable the use of the subreaper used to reap reparented "
	  "processes" },
	{ "no-pivot", 0, OPT_FLAG, OF_NEW, NULL, &opt_no_pivot,
	  "do not use pivot root to jail process inside rootfs (rt falls back "
	  "by itself on an initramfs root)" },
	{ "no-new-keyring", 0, OPT_FLAG, OF_NEW, NULL, &opt_no_new_keyring,
	  "do not create a new session keyring for the container; it "
	  "inherits the calling process's session key" },
	{ "preserve-fds", 0, OPT_INT, OF_NEW | OF_EXEC, NULL, &opt_preserve_fds,
	  "pass N additional file descriptors to the container (stdio + "
	  "$LISTEN_FDS + N in total) (default: 0)" },

	{ "format", 'f', OPT_STR, OF_LIST | OF_PS, NULL, &opt_format,
	  "select one of: table or json (default: \"table\")" },
	{ "quiet", 'q', OPT_FLAG, OF_LIST, NULL, &opt_quiet,
	  "display only container IDs" },
	{ "all", 'a', OPT_FLAG, OF_KILL, NULL, &opt_all,
	  "send the specified signal to all processes inside the container" },
	{ "force", 'f', OPT_FLAG, OF_DELETE, NULL, &opt_force,
	  "forcibly delete the container if it is still running (uses "
	  "SIGKILL)" },

	{ "cwd", 0, OPT_STR, OF_EXEC, NULL, &opt_exec.cwd,
	  "current working directory in the container" },
	{ "env", 'e', OPT_LIST, OF_EXEC, NULL, &opt_exec.env,
	  "set environment variables (K=V, repeatable)" },
	{ "tty", 't', OPT_FLAG, OF_EXEC, OFF(TERMINAL), &opt_exec.tty,
	  "allocate a pseudo-TTY" },
	{ "user", 'u', OPT_STR, OF_EXEC, NULL, &opt_exec.user,
	  "UID (format: <uid>[:<gid>])" },
	{ "additional-gids", 'g', OPT_LIST, OF_EXEC, NULL, &opt_exec.gids,
	  "additional gids (repeatable)" },
	{ "process", 'p', OPT_STR, OF_EXEC, NULL, &opt_process,
	  "path to the process.json" },
	{ "process-label", 0, OPT_STR, OF_EXEC, OFF(LSM), &opt_exec.label,
	  "set the SELinux label of the process (process.selinuxLabel)" },
	{ "apparmor", 0, OPT_STR, OF_EXEC, OFF(LSM), &opt_exec.apparmor,
	  "set the AppArmor profile of the process (process.apparmorProfile)" },
	{ "no-new-privs", 0, OPT_FLAG, OF_EXEC, NULL, &opt_exec.nnp,
	  "set the no new privileges value for the process" },
	{ "cap", 'c', OPT_LIST, OF_EXEC, NULL, &opt_exec.caps,
	  "add a capability to the bounding set for the process (repeatable)" },
	{ "cgroup", 0, OPT_LIST, OF_EXEC, OFF(CGROUPS), &opt_exec.cgroup,
	  "run the process in an (existing) sub-cgroup of the container's; "
	  "format is [:]<cgroup>" },
	{ "ignore-paused", 0, OPT_FLAG, OF_EXEC, NULL, &opt_ignore_paused,
	  "allow exec in a paused container" },

	{ "resources", 'r', OPT_STR, OF_UPDATE, OFF(UPDATE), &opt_upd.resources,
	  "path to the file containing the resources to update or '-' to read "
	  "from the standard input (linux.resources' form)" },
	{ "memory", 0, OPT_STR, OF_UPDATE, OFF(UPDATE), &opt_upd.memory,
	  "memory limit (in bytes)" },
	{ "memory-swap", 0, OPT_STR, OF_UPDATE, OFF(UPDATE),
	  &opt_upd.memory_swap, "total memory usage (memory + swap); set '-1' "
	  "to enable unlimited swap" },
	{ "memory-reservation", 0, OPT_STR, OF_UPDATE, OFF(UPDATE),
	  &opt_upd.memory_reservation, "memory reservation or soft_limit (in "
	  "bytes)" },
	{ "kernel-memory", 0, OPT_NO, OF_UPDATE, NULL,
	  "cgroup v2 has no kernel memory limit", "refused: cgroup v2 has no "
	  "kernel memory limit" },
	{ "kernel-memory-tcp", 0, OPT_NO, OF_UPDATE, NULL,
	  "cgroup v2 has no kernel memory limit", "refused: cgroup v2 has no "
	  "kernel memory limit" },
	{ "pids-limit", 0, OPT_STR, OF_UPDATE, OFF(UPDATE), &opt_upd.pids_limit,
	  "maximum number of pids allowed in the container" },
	{ "cpu-quota", 0, OPT_STR, OF_UPDATE, OFF(UPDATE), &opt_upd.cpu_quota,
	  "CPU CFS hardcap limit (in usecs); allowed cpu time in a given "
	  "period" },
	{ "cpu-period", 0, OPT_STR, OF_UPDATE, OFF(UPDATE), &opt_upd.cpu_period,
	  "CPU CFS period to be used for hardcapping (in usecs); 0 to use "
	  "system default" },
	{ "cpu-share", 0, OPT_STR, OF_UPDATE, OFF(UPDATE), &opt_upd.cpu_share,
	  "CPU shares (relative weight vs. other containers)" },
	{ "cpu-burst", 0, OPT_STR, OF_UPDATE, OFF(UPDATE), &opt_upd.cpu_burst,
	  "CPU CFS hardcap burst limit (in usecs); allowed accumulated cpu "
	  "time additionally for burst a given period" },
	{ "cpu-idle", 0, OPT_STR, OF_UPDATE, OFF(UPDATE), &opt_upd.cpu_idle,
	  "set cgroup SCHED_IDLE or not, 0: default behavior, 1: "
	  "SCHED_IDLE" },
	{ "cpu-rt-period", 0, OPT_STR, OF_UPDATE, OFF(UPDATE),
	  &opt_upd.rt_period, "CPU realtime period to be used for hardcapping "
	  "(in usecs); 0 to use system default" },
	{ "cpu-rt-runtime", 0, OPT_STR, OF_UPDATE, OFF(UPDATE),
	  &opt_upd.rt_runtime, "CPU realtime hardcap limit (in usecs); "
	  "allowed cpu time in a given period" },
	{ "cpuset-cpus", 0, OPT_STR, OF_UPDATE, OFF(UPDATE),
	  &opt_upd.cpuset_cpus, "CPU(s) to use" },
	{ "cpuset-mems", 0, OPT_STR, OF_UPDATE, OFF(UPDATE),
	  &opt_upd.cpuset_mems, "memory node(s) to use" },
	{ "blkio-weight", 0, OPT_STR, OF_UPDATE, OFF(UPDATE),
	  &opt_upd.blkio_weight, "per cgroup weight, range is from 10 to "
	  "1000" },
	{ "l3-cache-schema", 0, OPT_NO, OF_UPDATE, NULL,
	  "rt has no Intel RDT", "refused: rt has no Intel RDT" },
	{ "mem-bw-schema", 0, OPT_NO, OF_UPDATE, NULL, "rt has no Intel RDT",
	  "refused: rt has no Intel RDT" },

	{ "interval", 0, OPT_STR, OF_EVENTS, OFF(EVENTS), &opt_interval,
	  "set the stats collection interval (default: 5s)" },
	{ "stats", 0, OPT_FLAG, OF_EVENTS, OFF(EVENTS), &opt_stats,
	  "display the container's stats then exit" },
};
#define NOPTS ARRAY_LEN(opts)

struct cmd {
	const char *name;
	const char *off;		/* "CONFIG_X" when compiled out */
	int (*fn)(int argc, char **argv);
	int min_args, max_args;
	unsigned short bit;		/* OF_*: its options are those rows */
	const char *usage;
	const char *help;
};

/* a command of feature SYM's: compiled out, its function leaves too */
#define CMD_IF(SYM, fn) OFF(SYM), CONFIG_##SYM ? fn : NULL

static const struct cmd cmds[] = {
	{ "create", NULL, cmd_create, 1, 1, OF_CREATE, "[options] <container-id>",
	  "create a container, its process waiting for start" },
	{ "delete", NULL, cmd_delete, 1, 1, OF_DELETE, "[--force] <container-id>",
	  "delete a stopped container and everything rt made for it" },
	{ "events", CMD_IF(EVENTS, cmd_events), 1, 1, OF_EVENTS,
	  "[--stats] [--interval 5s] <container-id>",
	  "print the container's cgroup statistics (and OOM events) as JSON" },
	{ "features", CMD_IF(FEATURES, cmd_features), 0, 0, OF_FEATURES, "",
	  "show the features of this rt as runtime-spec features.md JSON" },
	{ "exec", CMD_IF(EXEC, cmd_exec), 1, MAX_ARGS + 1, OF_EXEC,
	  "[options] <container-id> [command [args...]]",
	  "run a new process inside a running container" },
	{ "kill", NULL, cmd_kill, 1, 2, OF_KILL, "[--all] <container-id> [signal]",
	  "send a signal (default SIGTERM) to the container's init" },
	{ "list", NULL, cmd_list, 0, 0, OF_LIST, "[--format table|json] [-q]",
	  "list the containers under --root" },
	{ "pause", CMD_IF(PAUSE, cmd_pause), 1, 1, OF_PAUSE, "<container-id>",
	  "freeze every process of the container (cgroup.freeze)" },
	{ "ps", CMD_IF(PS, cmd_ps), 1, 64, OF_PS,
	  "[--format table|json] <container-id> [ps options]",
	  "show the processes of a container" },
	{ "resume", CMD_IF(PAUSE, cmd_resume), 1, 1, OF_RESUME, "<container-id>",
	  "thaw a paused container" },
	{ "run", NULL, cmd_run, 1, 1, OF_RUN, "[options] <container-id>",
	  "create and run a container" },
	{ "spec", CMD_IF(SPEC, cmd_spec), 0, 0, OF_SPEC, "[--bundle DIR] [--rootless]",
	  "write a new config.json (runc's default, hostname rt)" },
	{ "start", NULL, cmd_start, 1, 1, OF_START, "<container-id>",
	  "start the process of a created container" },
	{ "state", NULL, cmd_state, 1, 1, OF_STATE, "<container-id>",
	  "print the state of a container as JSON" },
	{ "update", CMD_IF(UPDATE, cmd_update), 1, 1, OF_UPDATE,
	  "[--resources FILE|-] [--memory N ...] <container-id>",
	  "change the cgroup limits of a running container" },
};
#define NCMDS ARRAY_LEN(cmds)

static const struct opt *
opt_find(unsigned bit, const char *name, size_t len)
{
	for (const struct opt *o = opts; o < opts + NOPTS; o++)
		if ((o->cmds & bit) && ((len == 1 && o->letter == name[0]) ||
		    (strlen(o->name) == len && !strncmp(o->name, name, len))))
			return o;
	return NULL;
}

static void
opt_set(const struct opt *o, const char *what, const char *val)
{
	const char *sep = *what ? ": " : "";
	char *end;

	if (o->off)
		die("%s%s--%s: not in this build (%s=n)", what, sep, o->name,
		    o->off);
	if (o->kind == OPT_NO)
		die("%s%s--%s: %s", what, sep, o->name, (const char *)o->ptr);
	if (o->kind == OPT_FLAG) {
		*(bool *)o->ptr = true;
		return;
	}
	if (o->kind == OPT_STR) {
		*(const char **)o->ptr = val;
		opt_root_set |= o->ptr == &opt_root;
		return;
	}
	if (o->kind == OPT_LIST) {
		struct optlist *l = o->ptr;

		if (l->n == MAX_OPTLIST)
			die("%s%s--%s: given more than %d times (raise %s)",
			    what, sep, o->name, MAX_OPTLIST,
			    LIMIT_NAME(MAX_ENV));
		l->v[l->n++] = val;
		return;
	}
	errno = 0;
	*(long *)o->ptr = strtol(val, &end, 10);
	if (*end || errno || *(long *)o->ptr < 0)
		die("%s%s--%s: invalid number \"%s\"", what, sep, o->name, val);
}

/* Parses the options of bit's command up to the first argument; returns
 * its index. */
static int
opt_parse(unsigned bit, int argc, char **argv, const char *what)
{
	const char *sep = *what ? ": " : "";
	int i;

	for (i = 0; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *name = argv[i] + 1 + (argv[i][1] == '-'), *eq;
		const struct opt *o;
		bool val;

		if (!strcmp(argv[i], "--"))
			return i + 1;
		eq = strchr(name, '=');
		o = opt_find(bit, name, eq ? (size_t)(eq - name) : strlen(name));
		if (!o)
			die("%s%sunknown option %s", what, sep, argv[i]);
		val = o->kind != OPT_FLAG;
		if (!val && eq)
			die("%s%s%s takes no value", what, sep, argv[i]);
		if (val && !eq && i + 1 >= argc)
			die("%s%s%s needs a value", what, sep, argv[i]);
		if (eq)
			eq++;			/* --name=value */
		else if (val)
			eq = argv[++i];		/* --name value */
		opt_set(o, what, eq);
	}
	return i;
}

/* bit's options, one a line: `--name value, -n value  what it does`,
 * the descriptions lined up as runc's (urfave/cli) are. */
static void
opt_help_list(int fd, unsigned bit)
{
	char col[64];
	int w = 0, pass;

	for (pass = 0; pass < 2; pass++)
		for (const struct opt *o = opts; o < opts + NOPTS; o++) {
			const char *v = o->kind == OPT_FLAG ? "" : " value";
			int n;

			if (!(o->cmds & bit) || o->off)
				continue;
			n = o->letter ? snprintf(col, sizeof(col), "--%s%s, -%c%s",
						 o->name, v, o->letter, v) :
				snprintf(col, sizeof(col), "--%s%s", o->name, v);
			if (!pass && n > w)
				w = n;
			if (pass)
				dprintf(fd, "   %-*s  %s\n", w, col, o->help);
		}
}

static void
usage(int fd)
{
	dprintf(fd, "usage: rt [global options] <command> [options] [arguments]\n\n"
		"rt is an OCI container runtime for embedded Linux, "
		"called like runc.\n\ncommands:\n");
	for (size_t i = 0; i < NCMDS; i++)
		if (!cmds[i].off)
			dprintf(fd, "   %-10s %s\n", cmds[i].name, cmds[i].help);
	dprintf(fd, "\nglobal options:\n");
	opt_help_list(fd, OF_GLOBAL);
}

static void
cmd_usage(const struct cmd *c)
{
	dprintf(1, "usage: rt %s %s\n\n%s\n", c->name, c->usage, c->help);
	for (const struct opt *o = opts; o < opts + NOPTS; o++)
		if (o->cmds & c->bit) {
			dprintf(1, "\noptions:\n");
			opt_help_list(1, c->bit);
			break;
		}
}

/* The global options' values, and the log opened. */
static void
opt_global_check(void)
{
	if (strcmp(opt_log_format, "text") && strcmp(opt_log_format, "json"))
		die("--log-format: unknown format \"%s\" (text or json)",
		    opt_log_format);
	log_json = !strcmp(opt_log_format, "json");
	if (log_json && !CONFIG_LOG_JSON)
		die("--log-format json: not in this build (CONFIG_LOG_JSON=n)");
	log_debug = opt_debug;
	if (opt_systemd_cgroup)
		opt_cgroup_manager = "systemd";
	if (strcmp(opt_cgroup_manager, "cgroupfs") &&
	    strcmp(opt_cgroup_manager, "systemd") &&
	    strcmp(opt_cgroup_manager, "disabled"))
		die("--cgroup-manager: unknown manager \"%s\" (cgroupfs, "
		    "systemd or disabled)", opt_cgroup_manager);
	if (strcmp(opt_rootless_cg, "auto") && strcmp(opt_rootless_cg, "true") &&
	    strcmp(opt_rootless_cg, "false"))
		die("--rootless: unknown value \"%s\" (true, false or auto)",
		    opt_rootless_cg);
	if (!opt_log)
		return;
	logfd = openat(AT_FDCWD, opt_log, O_WRONLY | O_APPEND | O_CREAT |
		       O_CLOEXEC, 0644);
	if (logfd < 0)
		die_errno("--log %s", opt_log);
}

/*
 * The fds rt passes on (--preserve-fds's, and LISTEN_FDS's for run and
 * create) must be the caller's: open before rt opened any of its own, of
 * which only --log's is open yet.  Else the container would get rt's.
 */
static void
fds_check_preserved(const struct cmd *c)
{
	const char *fds = getenv("LISTEN_FDS"), *pid = getenv("LISTEN_PID");
	long n = opt_preserve_fds, l = 0, v;
	char *end;

	if (n > INT_MAX - 3)
		die("--preserve-fds %ld: more fds than there can be", n);
	if (fds && pid && strtol(pid, &end, 10) == (long)getpid() && !*end &&
	    (!strcmp(c->name, "run") || !strcmp(c->name, "create")) &&
	    (v = strtol(fds, &end, 10)) > 0 && !*end && v <= INT_MAX - 3 - n)
		l = v;			/* as ctr_listen_fds takes it */
	n += l;
	for (long fd = 3; fd < 3 + n; fd++)
		if (fd == logfd || fcntl((int)fd, F_GETFD) < 0)
			die("%s%ld: fd %ld is not open", fd < 3 + l ?
			    "LISTEN_FDS=" : "--preserve-fds ", fd < 3 + l ?
			    l : opt_preserve_fds, fd);
}

/* --root, or runc's default root for non-root users: $XDG_RUNTIME_DIR/rt. */
static const char *
root_default(const char *root, bool given)
{
	static char buf[MAX_PATH];
	const char *xdg = getenv("XDG_RUNTIME_DIR");

	if (given || rt_euid == 0 || !xdg || !*xdg)
		return root;
	xsnprintf(buf, sizeof(buf), "%s/rt", xdg);
	return buf;
}

int
main(int argc, char **argv)
{
	int i = 1 + opt_parse(OF_GLOBAL, argc - 1, argv + 1, "");
	const struct cmd *c = NULL;
	int n;

	rt_euid = geteuid();
	if (!rt_euid)		/* see ctr_spawn: also when run by a container */
		prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	opt_global_check();
	st_root = root_default(opt_root, opt_root_set);
	if (opt_version) {
		printf("rt version %s\nspec: %s\n", RT_VERSION, SPEC_VERSION);
		if (*kbools_off())
			printf("kconfig: %s\n", kbools_off());
		return 0;
	}
	if (i >= argc || opt_help || !strcmp(argv[i], "help")) {
		usage(i >= argc && !opt_help ? 2 : 1);
		return i >= argc && !opt_help;
	}
	for (size_t k = 0; k < NCMDS; k++)
		if (!strcmp(argv[i], cmds[k].name))
			c = &cmds[k];
	if (!c)
		die("unknown command \"%s\"", argv[i]);
	if (c->off)
		die("%s: not in this build (%s=n)", c->name, c->off);
	if (i + 1 < argc && (!strcmp(argv[i + 1], "--help") ||
			     !strcmp(argv[i + 1], "-h"))) {
		cmd_usage(c);
		return 0;
	}
	i++;
	i += opt_parse(c->bit, argc - i, argv + i, c->name);
	n = argc - i;
	if (n < c->min_args || n > c->max_args)
		die("%s: expected %s (see rt %s --help)", c->name,
		    c->usage, c->name);
	fds_check_preserved(c);
	return c->fn(n, argv + i);
}
