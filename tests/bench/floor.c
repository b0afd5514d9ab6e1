/*
 * floor: the smallest program that makes the container `rt spec` describes,
 * for `make bench`: what the kernel alone costs, with no config to read, no
 * state to keep and no error handling beyond a message.  Not a runtime.
 *
 *   floor [-f] [-c CGROUP] ROOTFS CMD ARG...
 *
 * Always: clone with the spec's namespaces (pid, network, ipc, uts, mount),
 * then in the child the root made private, ROOTFS bound, pivot_root, the old
 * root detached, execve; the parent waits and exits with the child's status.
 * -f (full) adds the rest of what `rt spec`'s config.json asks, the same
 * work in the same order as a runtime: the 7 mounts (proc, /dev tmpfs,
 * devpts, shm, mqueue, sysfs ro, cgroup2 ro), the 6 device nodes and their
 * symlinks, the masked and read-only paths, the root read-only, hostname,
 * RLIMIT_NOFILE, capabilities (bounding set, capset, ambient),
 * no_new_privs; and what runc, crun and rt do for every container:
 * loopback up in the new network namespace, a new session keyring.
 * -c CGROUP: the child is cloned into a new cgroup v2 directory CGROUP
 * (clone3 CLONE_INTO_CGROUP), removed once the child is reaped; with -f the
 * cgroup also gets the spec's device rules, a BPF_CGROUP_DEVICE program
 * allowing the 6 device nodes, ptmx and the ptys.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

/* musl has no kernel headers: what linux/sched.h and linux/capability.h say */
#define CLONE_INTO_CGROUP 0x200000000ULL
struct clone_args {
	unsigned long long flags, pidfd, child_tid, parent_tid, exit_signal,
		stack, stack_size, tls, set_tid, set_tid_size, cgroup;
};
struct cap_header { unsigned version; int pid; };
struct cap_data { unsigned effective, permitted, inheritable; };
#define CAP_VERSION_3 0x20080522
#define CAP_KILL 5
#define CAP_NET_BIND_SERVICE 10
#define CAP_AUDIT_WRITE 29
#define CAP_LAST_CAP 40		/* CAP_CHECKPOINT_RESTORE, Linux 5.9; EINVAL past the kernel's last is ignored */

/* the device program: the spec's allowed character devices, all else denied;
 * r1 points at { u32 access_type (access << 16 | type), u32 major, minor } */
#define INSN(code, dst, src, off, imm) { code, (dst) | (src) << 4, off, imm }
struct insn { unsigned char code, regs; short off; int imm; };
#define ALLOW(maj, min) INSN(0x55, 4, 0, 3, maj), INSN(0x55, 5, 0, 2, min), \
	INSN(0xb7, 0, 0, 0, 1), INSN(0x95, 0, 0, 0, 0)
static const struct insn devprog[] = {
	INSN(0x61, 2, 1, 0, 0),		/* r2 = access_type */
	INSN(0x61, 4, 1, 4, 0),		/* r4 = major */
	INSN(0x61, 5, 1, 8, 0),		/* r5 = minor */
	INSN(0x57, 2, 0, 0, 0xffff),	/* r2 &= 0xffff: the type */
	INSN(0x55, 2, 0, 7 * 4 + 3, 2),	/* not a char device: deny */
	ALLOW(1, 3), ALLOW(1, 5), ALLOW(1, 7), ALLOW(1, 8), ALLOW(1, 9), ALLOW(5, 0),
	ALLOW(5, 2),
	INSN(0x55, 4, 0, 2, 136),	/* c 136:* (ptys) */
	INSN(0xb7, 0, 0, 0, 1), INSN(0x95, 0, 0, 0, 0),
	INSN(0xb7, 0, 0, 0, 0), INSN(0x95, 0, 0, 0, 0),
};

static const char *made_cg;		/* the cgroup to remove on failure */
static pid_t parent;

static void die(const char *what)
{
	perror(what);
	if (made_cg && getpid() == parent)
		rmdir(made_cg);
	_exit(1);
}

#define X(call, what) do { if ((call) < 0) die(what); } while (0)

static const char *masked[] = {
	"proc/acpi", "proc/asound", "proc/kcore", "proc/keys", "proc/latency_stats",
	"proc/timer_list", "proc/timer_stats", "proc/sched_debug", "sys/firmware",
	"proc/scsi",
};
static const char *readonly[] = {
	"proc/bus", "proc/fs", "proc/irq", "proc/sys", "proc/sysrq-trigger",
};
static const struct { const char *name; unsigned maj, min; } devs[] = {
	{ "dev/null", 1, 3 }, { "dev/zero", 1, 5 }, { "dev/full", 1, 7 },
	{ "dev/random", 1, 8 }, { "dev/urandom", 1, 9 }, { "dev/tty", 5, 0 },
};
static const char *links[][2] = {
	{ "/proc/self/fd", "dev/fd" }, { "/proc/self/fd/0", "dev/stdin" },
	{ "/proc/self/fd/1", "dev/stdout" }, { "/proc/self/fd/2", "dev/stderr" },
	{ "pts/ptmx", "dev/ptmx" },
};

/* child_mounts: the spec's mounts, devices, masked and read-only paths,
 * relative to the cwd (the rootfs, before pivot_root) */
static void child_mounts(void)
{
	const unsigned long nx = MS_NOSUID | MS_NOEXEC | MS_NODEV;
	struct stat st;
	size_t i;

	X(mount("proc", "proc", "proc", 0, NULL), "proc");
	X(mount("tmpfs", "dev", "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k"), "dev");
	mkdir("dev/pts", 0755);
	X(mount("devpts", "dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
		"newinstance,ptmxmode=0666,mode=0620,gid=5"), "devpts");
	mkdir("dev/shm", 0755);
	X(mount("shm", "dev/shm", "tmpfs", nx, "mode=1777,size=65536k"), "shm");
	mkdir("dev/mqueue", 0755);
	X(mount("mqueue", "dev/mqueue", "mqueue", nx, NULL), "mqueue");
	X(mount("sysfs", "sys", "sysfs", nx | MS_RDONLY, NULL), "sysfs");
	X(mount("cgroup", "sys/fs/cgroup", "cgroup2", nx | MS_RELATIME | MS_RDONLY, NULL), "cgroup");
	for (i = 0; i < sizeof devs / sizeof *devs; i++)
		X(mknod(devs[i].name, S_IFCHR | 0666, makedev(devs[i].maj, devs[i].min)), devs[i].name);
	for (i = 0; i < sizeof links / sizeof *links; i++)
		X(symlink(links[i][0], links[i][1]), links[i][1]);
	for (i = 0; i < sizeof masked / sizeof *masked; i++) {
		if (stat(masked[i], &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode))
			X(mount("tmpfs", masked[i], "tmpfs", MS_RDONLY, NULL), masked[i]);
		else
			X(mount("dev/null", masked[i], NULL, MS_BIND, NULL), masked[i]);
	}
	for (i = 0; i < sizeof readonly / sizeof *readonly; i++) {
		if (stat(readonly[i], &st) < 0)
			continue;
		X(mount(readonly[i], readonly[i], NULL, MS_BIND | MS_REC, NULL), readonly[i]);
		X(mount(NULL, readonly[i], NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL), readonly[i]);
	}
}

/* child_process: what the spec's process asks after pivot_root */
static void child_process(void)
{
	const unsigned keep = 1u << CAP_AUDIT_WRITE | 1u << CAP_KILL | 1u << CAP_NET_BIND_SERVICE;
	struct cap_header h = { CAP_VERSION_3, 0 };
	struct cap_data d[2] = { { keep, keep, keep }, { 0, 0, 0 } };
	struct rlimit rl = { 1024, 1024 };
	int c;

	struct ifreq ifr = { .ifr_name = "lo" };
	int s;

	X(s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), "socket");
	X(ioctl(s, SIOCGIFFLAGS, &ifr), "SIOCGIFFLAGS lo");
	ifr.ifr_flags |= IFF_UP;
	X(ioctl(s, SIOCSIFFLAGS, &ifr), "SIOCSIFFLAGS lo");
	close(s);
	X(syscall(SYS_keyctl, 1 /* KEYCTL_JOIN_SESSION_KEYRING */, 0), "keyctl");
	X(sethostname("floor", 5), "sethostname");
	X(setrlimit(RLIMIT_NOFILE, &rl), "setrlimit");
	for (c = 0; c <= CAP_LAST_CAP; c++)
		if (!(c < 32 && keep & 1u << c) && prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0 && errno != EINVAL)
			die("PR_CAPBSET_DROP");
	X(syscall(SYS_capset, &h, d), "capset");
	for (c = 0; c < 32; c++)
		if (keep & 1u << c)
			X(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, c, 0, 0), "ambient");
	X(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs");
}

/* devices: load the device program and attach it to the cgroup CG */
static void devices(int cg)
{
	union { struct { unsigned type, cnt; unsigned long long insns, license; } load;
		struct { unsigned target, prog, type, flags; } attach; char pad[128]; } a;
	int prog;

	memset(&a, 0, sizeof a);
	a.load.type = 15;			/* BPF_PROG_TYPE_CGROUP_DEVICE */
	a.load.cnt = sizeof devprog / sizeof *devprog;
	a.load.insns = (unsigned long)devprog;
	a.load.license = (unsigned long)"GPL";
	X(prog = syscall(SYS_bpf, 5, &a, sizeof a), "BPF_PROG_LOAD");
	memset(&a, 0, sizeof a);
	a.attach.target = cg;
	a.attach.prog = prog;
	a.attach.type = 6;			/* BPF_CGROUP_DEVICE */
	a.attach.flags = 2;			/* BPF_F_ALLOW_MULTI */
	X(syscall(SYS_bpf, 8, &a, sizeof a), "BPF_PROG_ATTACH");
	close(prog);
}

int main(int argc, char **argv)
{
	const unsigned long ns = CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC |
				 CLONE_NEWUTS | CLONE_NEWNS;
	struct clone_args ca = { .flags = ns, .exit_signal = SIGCHLD };
	const char *cgroup = NULL, *rootfs;
	int full = 0, cgfd = -1, status, c;
	pid_t pid;

	while ((c = getopt(argc, argv, "+fc:")) != -1) {
		if (c == 'f')
			full = 1;
		else if (c == 'c')
			cgroup = optarg;
		else
			return 2;
	}
	if (argc - optind < 2) {
		fputs("usage: floor [-f] [-c CGROUP] ROOTFS CMD ARG...\n", stderr);
		return 2;
	}
	rootfs = argv[optind];
	parent = getpid();
	if (cgroup) {
		X(mkdir(cgroup, 0755), cgroup);
		made_cg = cgroup;
		X(cgfd = open(cgroup, O_DIRECTORY | O_RDONLY | O_CLOEXEC), cgroup);
		if (full)
			devices(cgfd);
		ca.flags |= CLONE_INTO_CGROUP;
		ca.cgroup = cgfd;
	}
	pid = syscall(SYS_clone3, &ca, sizeof ca);
	if (pid < 0)
		die("clone3");
	if (pid == 0) {
		X(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL), "make / private");
		X(mount(rootfs, rootfs, NULL, MS_BIND | MS_REC, NULL), rootfs);
		X(chdir(rootfs), rootfs);
		if (full)
			child_mounts();
		X(syscall(SYS_pivot_root, ".", "."), "pivot_root");
		X(umount2(".", MNT_DETACH), "umount old root");
		X(chdir("/"), "chdir /");
		if (full) {		/* root.readonly */
			X(mount(NULL, "/", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL), "remount / ro");
			child_process();
		}
		execv(argv[optind + 1], argv + optind + 1);
		die(argv[optind + 1]);
	}
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid");
	if (cgroup)
		rmdir(cgroup);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
