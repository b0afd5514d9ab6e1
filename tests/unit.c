/*
 * tests/unit.c: runtime.c's parts that need no root and no kernel
 * features, in about a second (issue 14): every config.json error message
 * against its JSON path, every limit config.json can reach at N and N+1,
 * every row of the spec parser's member tables by cases made from the row,
 * the option parser, the seccomp and device BPF emitters (instructions for
 * small inputs, and the seccomp program run on synthetic seccomp_data),
 * rfc3339, and the JSON escaper and unescaper.
 *
 * runtime.c is included with main renamed, so every static is in reach.
 * What dies is run in a fork: stderr and stdout go to pipes and the parent
 * compares the whole output and the exit status.  Output as tests/run's:
 * `ok NAME`, `FAIL NAME: expected / got`, and last `N passed, N failed`.
 * Built by `make unit` (which runs it) with rt's CFLAGS; `make check` runs
 * it first.  Adding a config.json case is one line in spec_cases[].
 */
#define _GNU_SOURCE
#include <math.h>
#include <time.h>

/* rfc3339 reads the clock: a fake one here, for exact dates */
static int unit_clock_gettime(clockid_t clk, struct timespec *ts);
#define clock_gettime unit_clock_gettime
#define main rt_main
#include "../runtime.c"
#undef main
#undef clock_gettime

static struct {
	bool on;
	struct timespec ts;
} fake_now;

static int
unit_clock_gettime(clockid_t clk, struct timespec *ts)
{
	if (fake_now.on && clk == CLOCK_REALTIME) {
		*ts = fake_now.ts;
		return 0;
	}
	return clock_gettime(clk, ts);
}

/* ---- results ------------------------------------------------------------ */
static int npass, nfail;
static const char *names[4096];
static int nnames;

/* A printable form of s for FAIL lines: newlines and controls escaped. */
static const char *
show(const char *s, size_t len, char *buf, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < len && o + 5 < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			o += (size_t)snprintf(buf + o, n - o, "\\n");
		else if (c < 0x20 || c >= 0x7f)
			o += (size_t)snprintf(buf + o, n - o, "\\x%02x", c);
		else
			buf[o++] = (char)c;
	}
	buf[o] = 0;
	return buf;
}

static void
result(const char *name, bool good, const char *exp, size_t elen,
       const char *got, size_t glen)
{
	static char e[2048], g[2048];

	for (int i = 0; i < nnames; i++)
		if (!strcmp(names[i], name)) {
			printf("FAIL %s: a unique name / a second check of it\n",
			       name);
			nfail++;
			return;
		}
	if (nnames < (int)(sizeof(names) / sizeof(names[0])))
		names[nnames++] = name;
	if (good) {
		printf("ok %s\n", name);
		npass++;
		return;
	}
	printf("FAIL %s: %s / %s\n", name, show(exp, elen, e, sizeof(e)),
	       show(got, glen, g, sizeof(g)));
	nfail++;
}

static void
check_str(const char *name, const char *exp, const char *got)
{
	result(name, !strcmp(exp, got), exp, strlen(exp), got, strlen(got));
}

static void
check_mem(const char *name, const char *exp, size_t elen, const char *got,
	  size_t glen)
{
	result(name, elen == glen && !memcmp(exp, got, elen), exp, elen, got,
	       glen);
}

static void
check_int(const char *name, long long exp, long long got)
{
	char e[32], g[32];

	snprintf(e, sizeof(e), "%lld", exp);
	snprintf(g, sizeof(g), "%lld", got);
	result(name, exp == got, e, strlen(e), g, strlen(g));
}

/* Names made up at run time live here (the name list keeps pointers). */
static char namebuf[262144];
static size_t nnamebuf;

static __attribute__((format(__printf__, 1, 2))) const char *
nm(const char *fmt, ...)
{
	char *p = namebuf + nnamebuf;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(p, sizeof(namebuf) - nnamebuf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(namebuf) - nnamebuf)
		return "(names full)";
	nnamebuf += (size_t)n + 1;
	return p;
}

/* ---- a function in a fork, its stdout, stderr and status ---------------- */
static struct {
	int status;			/* exit status, or 128 + signal */
	char out[65536], err[16384];
	size_t nout, nerr;
} res;

static void
drain(int fd, char *buf, size_t cap, size_t *len, bool *open)
{
	char tmp[4096];
	ssize_t n = read(fd, tmp, sizeof(tmp));

	if (n <= 0) {
		*open = false;
		return;
	}
	if (*len + (size_t)n > cap - 1)
		n = (ssize_t)(cap - 1 - *len);
	memcpy(buf + *len, tmp, (size_t)n);
	*len += (size_t)n;
	buf[*len] = 0;
}

static void
run(void (*fn)(const void *), const void *arg)
{
	int po[2], pe[2], st;
	bool oo = true, eo = true;
	pid_t pid;

	fflush(NULL);
	if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0) {
		perror("unit: pipe");
		exit(2);
	}
	pid = fork();
	if (pid < 0) {
		perror("unit: fork");
		exit(2);
	}
	if (pid == 0) {
		dup2(po[1], 1);
		dup2(pe[1], 2);
		fn(arg);
		exit(0);
	}
	close(po[1]);
	close(pe[1]);
	res.nout = res.nerr = 0;
	res.out[0] = res.err[0] = 0;
	while (oo || eo) {
		struct pollfd p[2] = { { oo ? po[0] : -1, POLLIN, 0 },
				       { eo ? pe[0] : -1, POLLIN, 0 } };

		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		if (p[0].revents)
			drain(po[0], res.out, sizeof(res.out), &res.nout, &oo);
		if (p[1].revents)
			drain(pe[0], res.err, sizeof(res.err), &res.nerr, &eo);
	}
	close(po[0]);
	close(pe[0]);
	waitpid(pid, &st, 0);
	res.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* The last run's status and stderr against an expectation: status 1 and
 * the one line msg; "" for a clean success; a warning is a success. */
static void
check_outcome(const char *name, const char *msg)
{
	static char exp[8192], got[sizeof(res.err) + 32];
	int want = *msg && strncmp(msg, "rt: warning: ", 13) ? 1 : 0;

	snprintf(exp, sizeof(exp), "%d %s%s", want, msg, *msg ? "\n" : "");
	snprintf(got, sizeof(got), "%d %s", res.status, res.err);
	check_str(name, exp, got);
}

static void
put(const char *path, const char *s, size_t len)
{
	int fd = openat(AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			0644);

	if (fd < 0 || writeall(fd, s, len) < 0 || close(fd) < 0) {
		perror(path);
		exit(2);
	}
}

/* ---- config.json cases -------------------------------------------------- */
/*
 * A case's text goes into a minimal valid config.json, by where:
 *   P  a member of process           T  a top-level member, after the rest
 *   L  a member of linux, after its namespaces ([mount])
 *   N  the whole linux object (its own namespaces)
 *   R  the whole document             -  no config.json at all
 * Members given twice are parsed twice: the second decides or dies.
 */
#define BASE_P	"{\"ociVersion\":\"1.0.2\",\"process\":{\"args\":[\"sh\"]"
#define BASE_NS	"\"namespaces\":[{\"type\":\"mount\"}]"
#define E	"rt: config.json: "
#define NS(x)	"\"namespaces\":[{\"type\":\"mount\"}," x "]"
#define USERNS	"\"namespaces\":[{\"type\":\"mount\"},{\"type\":\"user\"}]," \
	"\"uidMappings\":[{\"containerID\":0,\"hostID\":1000,\"size\":1}]," \
	"\"gidMappings\":[{\"containerID\":0,\"hostID\":1000,\"size\":1}]"
#define SC(x)	"\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ALLOW\"," x "}"
#define SCS(x)	SC("\"syscalls\":[{\"names\":[\"read\"]," x "}]")
#define SCA(x)	SCS("\"action\":\"SCMP_ACT_ALLOW\",\"args\":[" x "]")

static char doc[MAX_CONFIG_SIZE + 4096];

static size_t
spec_doc(char where, const char *t)
{
	int n;

	if (where == 'R')
		n = snprintf(doc, sizeof(doc), "%s", t);
	else
		n = snprintf(doc, sizeof(doc), BASE_P "%s%s},\"root\":{\"path\":"
			     "\"rootfs\"},\"linux\":{%s%s%s}%s%s}",
			     where == 'P' ? "," : "", where == 'P' ? t : "",
			     where == 'N' ? t : BASE_NS, where == 'L' ? "," : "",
			     where == 'L' ? t : "", where == 'T' ? "," : "",
			     where == 'T' ? t : "");
	if (n < 0 || (size_t)n >= sizeof(doc)) {
		fprintf(stderr, "unit: a config.json case is too long\n");
		exit(2);
	}
	return (size_t)n;
}

static void
child_spec_load(const void *arg)
{
	void (*show_fn)(void) = (void (*)(void))(uintptr_t)arg;

	spec_load();
	if (show_fn)
		show_fn();
}

/* Runs spec_load on the case's config.json; then show, if given. */
static void
spec_run(char where, const char *t, size_t len, void (*show_fn)(void))
{
	unlink("config.json");
	if (where != '-')
		put("config.json", doc, len ? len : spec_doc(where, t));
	run(child_spec_load, (const void *)(uintptr_t)show_fn);
}

static const struct spec_case {
	const char *name;
	char where;
	const char *json;
	const char *msg;		/* "": accepted */
} spec_cases[] = {
	/* js_load */
	{ "load-missing", '-', "", "rt: config.json: No such file or directory" },
	{ "load-empty", 'R', "", E "expected a JSON object" },
	{ "load-array", 'R', "[]", E "expected a JSON object" },
	{ "load-string", 'R', "\"x\"", E "expected a JSON object" },
	{ "load-truncated", 'R', "{\"a\":[1,", E "truncated JSON" },
	{ "load-invalid", 'R', "{\"a\" 1}", E "invalid JSON at byte 5" },
	{ "load-invalid-key", 'R', "{1:2}", E "invalid JSON at byte 1" },
	{ "load-invalid-close", 'R', "{\"a\":1}}", E "invalid JSON at byte 7" },
	{ "load-invalid-bracket", 'R', "]", E "invalid JSON at byte 0" },
	{ "load-invalid-fill-pass", 'R', "{\"a\":[1,}", E "invalid JSON at byte 8" },
	{ "load-invalid-escape", 'R', "{\"a\":\"\\x\"}", E "invalid JSON at byte 5" },
	{ "load-nul", 'R', "{\"a\":\"x\\u0000y\"}", E "string at byte 6 holds a NUL" },
	{ "minimal", 'P', "\"cwd\":\"/\"", "" },
	{ "unknown-members-ignored", 'T', "\"x-foo\":{\"a\":[1,{}]},\"y\":null", "" },
	{ "escaped-key", 'R', "{\"oci\\u0056ersion\":\"1.0.2\",\"process\":{\"args\":"
	  "[\"sh\"]},\"root\":{\"path\":\"r\"},\"linux\":{" BASE_NS "}}", "" },
	/* ociVersion */
	{ "ociVersion-number", 'T', "\"ociVersion\":1", E "ociVersion: expected a string" },
	{ "ociVersion-2", 'T', "\"ociVersion\":\"2.0.0\"", E "ociVersion: unsupported version \"2.0.0\"" },
	{ "ociVersion-1.0", 'T', "\"ociVersion\":\"1.0\"", E "ociVersion: unsupported version \"1.0\"" },
	{ "ociVersion-1.4", 'T', "\"ociVersion\":\"1.4.0\"", E "ociVersion: unsupported version \"1.4.0\"" },
	{ "ociVersion-1.3", 'T', "\"ociVersion\":\"1.3.0\"", "" },
	{ "ociVersion-1.1", 'T', "\"ociVersion\":\"1.1.0\"", "" },
	{ "ociVersion-1.2", 'T', "\"ociVersion\":\"1.2.1\"", "" },
	{ "ociVersion-missing", 'R', "{\"process\":{\"args\":[\"sh\"]},\"root\":{\"path\":\"r\"}}",
	  E "ociVersion: missing" },
	/* process */
	{ "process-missing", 'R', "{\"ociVersion\":\"1.0.2\",\"root\":{\"path\":\"r\"}}", E "process: missing" },
	{ "process-array", 'T', "\"process\":[]", E "process: expected an object" },
	{ "process-args-empty", 'T', "\"process\":{\"args\":[]}", E "process.args: must not be empty" },
	{ "process-args-absent", 'T', "\"process\":{\"cwd\":\"/\"}", E "process.args: must not be empty" },
	{ "process-args-string", 'P', "\"args\":\"sh\"", E "process.args: expected an array" },
	{ "process-args-number", 'P', "\"args\":[\"sh\",1]", E "process.args[1]: expected a string" },
	{ "process-env-number", 'P', "\"env\":[1]", E "process.env[0]: expected a string" },
	{ "process-env-object", 'P', "\"env\":{}", E "process.env: expected an array" },
	{ "process-terminal-number", 'P', "\"terminal\":1", E "process.terminal: expected true or false" },
	{ "process-terminal-string", 'P', "\"terminal\":\"true\"", E "process.terminal: expected true or false" },
	{ "process-terminal-null", 'P', "\"terminal\":null", E "process.terminal: expected true or false" },
	{ "process-terminal-tx", 'P', "\"terminal\":tx", E "process.terminal: expected true or false" },
	{ "process-terminal-falsey", 'P', "\"terminal\":falsey", E "process.terminal: expected true or false" },
	{ "sc-null-nul", 'L', "\"seccomp\":nul", E "linux.seccomp: expected an object" },
	{ "process-consoleSize-array", 'P', "\"consoleSize\":[]", E "process.consoleSize: expected an object" },
	{ "process-consoleSize-height", 'P', "\"consoleSize\":{\"height\":65536}",
	  E "process.consoleSize.height: 65536 is not an integer in 0..65535" },
	{ "process-consoleSize-width", 'P', "\"consoleSize\":{\"width\":-1}",
	  E "process.consoleSize.width: -1 is not an integer in 0..65535" },
	{ "process-consoleSize", 'P', "\"consoleSize\":{\"height\":65535,\"width\":0}", "" },
	{ "process-cwd-relative", 'P', "\"cwd\":\"tmp\"", E "process.cwd: tmp: not an absolute path" },
	{ "process-cwd-empty", 'P', "\"cwd\":\"\"", E "process.cwd: : not an absolute path" },
	{ "process-cwd-number", 'P', "\"cwd\":1", E "process.cwd: expected a string" },
	{ "process-nnp-string", 'P', "\"noNewPrivileges\":\"yes\"", E "process.noNewPrivileges: expected true or false" },
	{ "process-oom-low", 'P', "\"oomScoreAdj\":-1001", E "process.oomScoreAdj: -1001 is not an integer in -1000..1000" },
	{ "process-oom-high", 'P', "\"oomScoreAdj\":1001", E "process.oomScoreAdj: 1001 is not an integer in -1000..1000" },
	{ "process-oom-float", 'P', "\"oomScoreAdj\":1.5", E "process.oomScoreAdj: 1.5 is not an integer in -1000..1000" },
	{ "process-oom-exp", 'P', "\"oomScoreAdj\":1e2", E "process.oomScoreAdj: 1e2 is not an integer in -1000..1000" },
	{ "process-oom-bool", 'P', "\"oomScoreAdj\":true", E "process.oomScoreAdj: expected a number" },
	{ "process-oom-string", 'P', "\"oomScoreAdj\":\"1\"", E "process.oomScoreAdj: expected a number" },
	{ "process-oom-31-digits", 'P', "\"oomScoreAdj\":1234567890123456789012345678901",
	  E "process.oomScoreAdj: 1234567890123456789012345678901 is not an integer in -1000..1000" },
	{ "process-oom-32-digits", 'P', "\"oomScoreAdj\":12345678901234567890123456789012",
	  E "process.oomScoreAdj: expected a number" },
	{ "process-oom-edges", 'P', "\"oomScoreAdj\":-1000", "" },
	/* process.user */
	{ "user-array", 'P', "\"user\":[]", E "process.user: expected an object" },
	{ "user-uid-negative", 'P', "\"user\":{\"uid\":-1}", E "process.user.uid: -1 is not an integer in 0..4294967294" },
	{ "user-uid-max", 'P', "\"user\":{\"uid\":4294967295}",
	  E "process.user.uid: 4294967295 is not an integer in 0..4294967294" },
	{ "user-uid-string", 'P', "\"user\":{\"uid\":\"0\"}", E "process.user.uid: expected a number" },
	{ "user-gid-max", 'P', "\"user\":{\"gid\":4294967295}",
	  E "process.user.gid: 4294967295 is not an integer in 0..4294967294" },
	{ "user-umask", 'P', "\"user\":{\"umask\":512}", E "process.user.umask: 512 is not an integer in 0..511" },
	{ "user-gids-object", 'P', "\"user\":{\"additionalGids\":{}}", E "process.user.additionalGids: expected an array" },
	{ "user-gids-negative", 'P', "\"user\":{\"additionalGids\":[1,-1]}",
	  E "process.user.additionalGids[1]: -1 is not an integer in 0..4294967294" },
	{ "user-edges", 'P', "\"user\":{\"uid\":4294967294,\"gid\":0,\"umask\":511,\"additionalGids\":[4294967294]}", "" },
	/* process.capabilities */
	{ "caps-array", 'P', "\"capabilities\":[]", E "process.capabilities: expected an object" },
	{ "caps-set-string", 'P', "\"capabilities\":{\"bounding\":\"CAP_KILL\"}",
	  E "process.capabilities.bounding: expected an array" },
	{ "caps-name-number", 'P', "\"capabilities\":{\"ambient\":[1]}",
	  E "process.capabilities.ambient[0]: expected a string" },
	{ "caps-unknown", 'P', "\"capabilities\":{\"effective\":[\"CAP_KILL\",\"CAP_FOO\"]}",
	  "rt: warning: config.json: process.capabilities.effective[1]: unknown capability \"CAP_FOO\" ignored" },
	{ "caps-no-prefix", 'P', "\"capabilities\":{\"permitted\":[\"KILL\"]}",
	  "rt: warning: config.json: process.capabilities.permitted[0]: unknown capability \"KILL\" ignored" },
	{ "caps-all-sets", 'P', "\"capabilities\":{\"bounding\":[\"CAP_CHOWN\"],\"effective\":[],"
	  "\"inheritable\":[\"CAP_CHECKPOINT_RESTORE\"],\"permitted\":[],\"ambient\":[],\"other\":1}", "" },
	/* process.rlimits */
	{ "rlimits-object", 'P', "\"rlimits\":{}", E "process.rlimits: expected an array" },
	{ "rlimits-entry-string", 'P', "\"rlimits\":[\"RLIMIT_NOFILE\"]", E "process.rlimits[0]: expected an object" },
	{ "rlimits-type-unknown", 'P', "\"rlimits\":[{\"type\":\"RLIMIT_NOFILE\",\"soft\":1,\"hard\":1},"
	  "{\"type\":\"RLIMIT_FOO\"}]", E "process.rlimits[1].type: unknown rlimit \"RLIMIT_FOO\"" },
	{ "rlimits-type-no-prefix", 'P', "\"rlimits\":[{\"type\":\"NOFILE\"}]",
	  E "process.rlimits[0].type: unknown rlimit \"NOFILE\"" },
	{ "rlimits-type-number", 'P', "\"rlimits\":[{\"type\":7}]", E "process.rlimits[0].type: expected a string" },
	{ "rlimits-type-missing", 'P', "\"rlimits\":[{\"soft\":1,\"hard\":2}]", E "process.rlimits[0].type: missing" },
	{ "rlimits-soft-negative", 'P', "\"rlimits\":[{\"type\":\"RLIMIT_CORE\",\"soft\":-1}]",
	  E "process.rlimits[0].soft: expected a number" },
	{ "rlimits-hard-2^64", 'P', "\"rlimits\":[{\"type\":\"RLIMIT_CORE\",\"hard\":18446744073709551616}]",
	  E "process.rlimits[0].hard: 18446744073709551616 is not a 64-bit unsigned integer" },
	{ "rlimits-soft-float", 'P', "\"rlimits\":[{\"type\":\"RLIMIT_CORE\",\"soft\":1.5}]",
	  E "process.rlimits[0].soft: 1.5 is not a 64-bit unsigned integer" },
	{ "rlimits-edges", 'P', "\"rlimits\":[{\"type\":\"RLIMIT_RTTIME\",\"soft\":0,"
	  "\"hard\":18446744073709551615},{\"type\":\"RLIMIT_CPU\"}]", "" },
	/* process.scheduler */
	{ "sched-array", 'P', "\"scheduler\":[]", E "process.scheduler: expected an object" },
	{ "sched-policy-missing", 'P', "\"scheduler\":{\"nice\":1}", E "process.scheduler.policy: missing" },
	{ "sched-policy-unknown", 'P', "\"scheduler\":{\"policy\":\"SCHED_FOO\"}",
	  E "process.scheduler.policy: unknown policy \"SCHED_FOO\"" },
	{ "sched-policy-number", 'P', "\"scheduler\":{\"policy\":1}", E "process.scheduler.policy: expected a string" },
	{ "sched-nice-low", 'P', "\"scheduler\":{\"policy\":\"SCHED_OTHER\",\"nice\":-21}",
	  E "process.scheduler.nice: -21 is not an integer in -20..19" },
	{ "sched-nice-high", 'P', "\"scheduler\":{\"policy\":\"SCHED_OTHER\",\"nice\":20}",
	  E "process.scheduler.nice: 20 is not an integer in -20..19" },
	{ "sched-priority", 'P', "\"scheduler\":{\"policy\":\"SCHED_FIFO\",\"priority\":100}",
	  E "process.scheduler.priority: 100 is not an integer in 0..99" },
	{ "sched-runtime", 'P', "\"scheduler\":{\"policy\":\"SCHED_DEADLINE\",\"runtime\":-1}",
	  E "process.scheduler.runtime: expected a number" },
	{ "sched-deadline", 'P', "\"scheduler\":{\"policy\":\"SCHED_DEADLINE\",\"deadline\":\"1\"}",
	  E "process.scheduler.deadline: expected a number" },
	{ "sched-period", 'P', "\"scheduler\":{\"policy\":\"SCHED_DEADLINE\",\"period\":1.0}",
	  E "process.scheduler.period: 1.0 is not a 64-bit unsigned integer" },
	{ "sched-flags-object", 'P', "\"scheduler\":{\"policy\":\"SCHED_OTHER\",\"flags\":{}}",
	  E "process.scheduler.flags: expected an array" },
	{ "sched-flags-unknown", 'P', "\"scheduler\":{\"policy\":\"SCHED_OTHER\",\"flags\":[\"SCHED_FLAG_X\"]}",
	  E "process.scheduler.flags[0]: unknown flag \"SCHED_FLAG_X\"" },
	{ "sched-edges", 'P', "\"scheduler\":{\"policy\":\"SCHED_DEADLINE\",\"nice\":-20,\"priority\":99,"
	  "\"runtime\":1,\"deadline\":2,\"period\":3,\"flags\":null}", "" },
	{ "sched-all-flags", 'P', "\"scheduler\":{\"policy\":\"SCHED_IDLE\",\"nice\":19,\"flags\":["
	  "\"SCHED_FLAG_RESET_ON_FORK\",\"SCHED_FLAG_RECLAIM\",\"SCHED_FLAG_DL_OVERRUN\","
	  "\"SCHED_FLAG_KEEP_POLICY\",\"SCHED_FLAG_KEEP_PARAMS\",\"SCHED_FLAG_UTIL_CLAMP_MIN\","
	  "\"SCHED_FLAG_UTIL_CLAMP_MAX\"]}", "" },
	/* process.ioPriority */
	{ "ioprio-array", 'P', "\"ioPriority\":[]", E "process.ioPriority: expected an object" },
	{ "ioprio-class-missing", 'P', "\"ioPriority\":{\"priority\":1}", E "process.ioPriority.class: missing" },
	{ "ioprio-class-unknown", 'P', "\"ioPriority\":{\"class\":\"IOPRIO_CLASS_NONE\"}",
	  E "process.ioPriority.class: unknown class \"IOPRIO_CLASS_NONE\"" },
	{ "ioprio-priority", 'P', "\"ioPriority\":{\"class\":\"IOPRIO_CLASS_BE\",\"priority\":8}",
	  E "process.ioPriority.priority: 8 is not an integer in 0..7" },
	{ "ioprio", 'P', "\"ioPriority\":{\"class\":\"IOPRIO_CLASS_IDLE\",\"priority\":7}", "" },
	/* LSM labels: "" is none (non-empty ones: spec_lsm_checks) */
	{ "apparmor-empty", 'P', "\"apparmorProfile\":\"\"", "" },
	{ "apparmor-number", 'P', "\"apparmorProfile\":1", E "process.apparmorProfile: expected a string" },
	{ "selinux-empty", 'P', "\"selinuxLabel\":\"\"", "" },
	{ "mountLabel-empty", 'L', "\"mountLabel\":\"\"", "" },
	/* root */
	{ "root-string", 'T', "\"root\":\"rootfs\"", E "root: expected an object" },
	{ "root-path-number", 'T', "\"root\":{\"path\":1}", E "root.path: expected a string" },
	{ "root-readonly", 'T', "\"root\":{\"path\":\"r\",\"readonly\":\"yes\"}", E "root.readonly: expected true or false" },
	{ "root-missing", 'R', "{\"ociVersion\":\"1.0.2\",\"process\":{\"args\":[\"sh\"]}}", E "root.path: missing" },
	{ "root-path-missing", 'R', "{\"ociVersion\":\"1.0.2\",\"process\":{\"args\":[\"sh\"]},\"root\":{}}",
	  E "root.path: missing" },
	/* hostname, domainname */
	{ "hostname-number", 'T', "\"hostname\":1", E "hostname: expected a string" },
	{ "hostname-no-uts", 'T', "\"hostname\":\"h\"", E "hostname: needs a new uts namespace (or one joined by path)" },
	{ "hostname-empty", 'T', "\"hostname\":\"\"", "" },
	{ "hostname-uts", 'R', BASE_P "},\"root\":{\"path\":\"r\"},\"hostname\":\"h\",\"linux\":{"
	  NS("{\"type\":\"uts\"}") "}}", "" },
	{ "domainname-number", 'T', "\"domainname\":[]", E "domainname: expected a string" },
	{ "domainname-no-uts", 'T', "\"domainname\":\"d\"", E "domainname: needs a new uts namespace (or one joined by path)" },
	/* mounts */
	{ "mounts-object", 'T', "\"mounts\":{}", E "mounts: expected an array" },
	{ "mounts-entry-string", 'T', "\"mounts\":[\"/proc\"]", E "mounts[0]: expected an object" },
	{ "mounts-destination-missing", 'T', "\"mounts\":[{\"destination\":\"/a\",\"type\":\"tmpfs\"},"
	  "{\"type\":\"tmpfs\"}]", E "mounts[1].destination: missing" },
	{ "mounts-destination-number", 'T', "\"mounts\":[{\"destination\":1}]", E "mounts[0].destination: expected a string" },
	{ "mounts-source-number", 'T', "\"mounts\":[{\"destination\":\"/a\",\"source\":1}]", E "mounts[0].source: expected a string" },
	{ "mounts-type-number", 'T', "\"mounts\":[{\"destination\":\"/a\",\"type\":1}]", E "mounts[0].type: expected a string" },
	{ "mounts-type-missing", 'T', "\"mounts\":[{\"destination\":\"/a\",\"options\":[\"ro\"]}]", E "mounts[0].type: missing" },
	{ "mounts-bind-untyped", 'T', "\"mounts\":[{\"destination\":\"/a\",\"source\":\"/b\",\"options\":[\"rbind\",\"ro\"]}]", "" },
	{ "mounts-bind-type", 'T', "\"mounts\":[{\"destination\":\"/a\",\"source\":\"/b\",\"type\":\"bind\"}]", "" },
	{ "mounts-options-string", 'T', "\"mounts\":[{\"destination\":\"/a\",\"type\":\"tmpfs\",\"options\":\"ro\"}]",
	  E "mounts[0].options: expected an array" },
	{ "mounts-option-number", 'T', "\"mounts\":[{\"destination\":\"/a\",\"type\":\"tmpfs\",\"options\":[\"ro\",1]}]",
	  E "mounts[0].options[1]: expected a string" },
	/* linux */
	{ "linux-array", 'T', "\"linux\":[]", E "linux: expected an object" },
	{ "ns-object", 'N', "\"namespaces\":{}", E "linux.namespaces: expected an array" },
	{ "ns-entry-string", 'N', "\"namespaces\":[\"mount\"]", E "linux.namespaces[0]: expected an object" },
	{ "ns-type-missing", 'N', NS("{\"path\":\"/x\"}"), E "linux.namespaces[1].type: missing" },
	{ "ns-type-number", 'N', NS("{\"type\":1}"), E "linux.namespaces[1].type: expected a string" },
	{ "ns-type-unknown", 'N', NS("{\"type\":\"pid\"},{\"type\":\"nett\"}"),
	  E "linux.namespaces[2].type: unknown namespace \"nett\"" },
	{ "ns-path-number", 'N', NS("{\"type\":\"ipc\",\"path\":1}"), E "linux.namespaces[1].path: expected a string" },
	{ "ns-user-path", 'N', NS("{\"type\":\"user\",\"path\":\"/proc/1/ns/user\"}"), "" },
	{ "ns-duplicate", 'N', NS("{\"type\":\"mount\"}"), E "linux.namespaces[1].type: duplicate namespace \"mount\"" },
	{ "ns-duplicate-path", 'N', NS("{\"type\":\"ipc\"},{\"type\":\"ipc\",\"path\":\"/proc/self/ns/ipc\"}"),
	  E "linux.namespaces[2].type: duplicate namespace \"ipc\"" },
	{ "ns-none", 'N', "\"namespaces\":[]",
	  E "linux.namespaces: no mount namespace: rt would mount into the host's (add one, or join one by path)" },
	{ "ns-no-linux", 'R', BASE_P "},\"root\":{\"path\":\"r\"}}",
	  E "linux.namespaces: no mount namespace: rt would mount into the host's (add one, or join one by path)" },
	{ "ns-mount-own", 'N', "\"namespaces\":[{\"type\":\"mount\",\"path\":\"/proc/self/ns/mnt\"}]",
	  E "linux.namespaces: the mount namespace joined by path is rt's own: every mount would land there" },
	{ "ns-mount-path-empty", 'N', "\"namespaces\":[{\"type\":\"mount\",\"path\":\"\"}]", "" },
	{ "ns-join-net", 'N', NS("{\"type\":\"network\",\"path\":\"/proc/self/ns/net\"}"), "" },
	{ "ns-all", 'N', "\"namespaces\":[{\"type\":\"pid\"},{\"type\":\"network\"},{\"type\":\"mount\"},"
	  "{\"type\":\"ipc\"},{\"type\":\"uts\"},{\"type\":\"cgroup\"},{\"type\":\"time\"}]", "" },
	{ "ns-user-no-maps", 'N', NS("{\"type\":\"user\"}"), E "linux.uidMappings: a new user namespace needs mappings" },
	{ "ns-user-no-gidmap", 'N', NS("{\"type\":\"user\"}") ",\"uidMappings\":[{\"containerID\":0,\"hostID\":1,\"size\":1}]",
	  E "linux.gidMappings: a new user namespace needs mappings" },
	{ "ns-user", 'N', USERNS, "" },
	/* linux.uidMappings, gidMappings */
	{ "idmap-object", 'L', "\"uidMappings\":{}", E "linux.uidMappings: expected an array" },
	{ "idmap-entry-number", 'L', "\"gidMappings\":[0]", E "linux.gidMappings[0]: expected an object" },
	{ "idmap-size-missing", 'L', "\"uidMappings\":[{\"containerID\":0,\"hostID\":1}]", E "linux.uidMappings[0].size: missing" },
	{ "idmap-size-0", 'L', "\"uidMappings\":[{\"containerID\":0,\"hostID\":1,\"size\":0}]",
	  E "linux.uidMappings[0].size: 0 is not an integer in 1..4294967295" },
	{ "idmap-container-negative", 'L', "\"gidMappings\":[{\"containerID\":-1,\"hostID\":1,\"size\":1}]",
	  E "linux.gidMappings[0].containerID: -1 is not an integer in 0..4294967295" },
	{ "idmap-host-2^32", 'L', "\"uidMappings\":[{\"containerID\":0,\"hostID\":4294967296,\"size\":1}]",
	  E "linux.uidMappings[0].hostID: 4294967296 is not an integer in 0..4294967295" },
	{ "idmap-no-userns", 'L', "\"uidMappings\":[{\"containerID\":0,\"hostID\":1,\"size\":1}]",
	  E "linux.uidMappings: needs a user namespace" },
	{ "gidmap-no-userns", 'L', "\"gidMappings\":[{\"containerID\":0,\"hostID\":1,\"size\":1}]",
	  E "linux.gidMappings: needs a user namespace" },
	/* linux.devices */
	{ "dev-object", 'L', "\"devices\":{}", E "linux.devices: expected an array" },
	{ "dev-entry-string", 'L', "\"devices\":[\"/dev/null\"]", E "linux.devices[0]: expected an object" },
	{ "dev-path-missing", 'L', "\"devices\":[{\"type\":\"c\",\"major\":1,\"minor\":3}]",
	  E "linux.devices[0].path: missing or not absolute" },
	{ "dev-path-relative", 'L', "\"devices\":[{\"path\":\"dev/x\",\"type\":\"c\",\"major\":1,\"minor\":3}]",
	  E "linux.devices[0].path: missing or not absolute" },
	{ "dev-type-missing", 'L', "\"devices\":[{\"path\":\"/dev/x\",\"major\":1,\"minor\":3}]",
	  E "linux.devices[0].type: expected \"c\", \"b\", \"u\" or \"p\"" },
	{ "dev-type-long", 'L', "\"devices\":[{\"path\":\"/dev/x\",\"type\":\"cc\",\"major\":1,\"minor\":3}]",
	  E "linux.devices[0].type: expected \"c\", \"b\", \"u\" or \"p\"" },
	{ "dev-type-x", 'L', "\"devices\":[{\"path\":\"/dev/x\",\"type\":\"x\"}]",
	  E "linux.devices[0].type: expected \"c\", \"b\", \"u\" or \"p\"" },
	{ "dev-type-number", 'L', "\"devices\":[{\"path\":\"/dev/x\",\"type\":1}]", E "linux.devices[0].type: expected a string" },
	{ "dev-minor-missing", 'L', "\"devices\":[{\"path\":\"/dev/x\",\"type\":\"b\",\"major\":8}]",
	  E "linux.devices[0]: major and minor are required" },
	{ "dev-major-high", 'L', "\"devices\":[{\"path\":\"/dev/x\",\"type\":\"c\",\"major\":4096,\"minor\":0}]",
	  E "linux.devices[0].major: 4096 is not an integer in 0..4095" },
	{ "dev-minor-high", 'L', "\"devices\":[{\"path\":\"/dev/x\",\"type\":\"u\",\"major\":0,\"minor\":1048576}]",
	  E "linux.devices[0].minor: 1048576 is not an integer in 0..1048575" },
	{ "dev-mode-high", 'L', "\"devices\":[{\"path\":\"/dev/x\",\"type\":\"p\",\"fileMode\":4096}]",
	  E "linux.devices[0].fileMode: 4096 is not an integer in 0..4095" },
	{ "dev-uid-negative", 'L', "\"devices\":[{\"path\":\"/dev/x\",\"type\":\"p\",\"uid\":-1}]",
	  E "linux.devices[0].uid: -1 is not an integer in 0..4294967294" },
	{ "dev-gid-string", 'L', "\"devices\":[{\"path\":\"/dev/x\",\"type\":\"p\",\"gid\":\"0\"}]",
	  E "linux.devices[0].gid: expected a number" },
	{ "dev-edges", 'L', "\"devices\":[{\"path\":\"/dev/x\",\"type\":\"b\",\"major\":4095,\"minor\":1048575,"
	  "\"fileMode\":4095,\"uid\":4294967294,\"gid\":0},{\"path\":\"/dev/f\",\"type\":\"p\"}]", "" },
	/* linux.maskedPaths, readonlyPaths, rootfsPropagation */
	{ "masked-object", 'L', "\"maskedPaths\":{}", E "linux.maskedPaths: expected an array" },
	{ "masked-number", 'L', "\"maskedPaths\":[\"/a\",1]", E "linux.maskedPaths[1]: expected a string" },
	{ "readonly-number", 'L', "\"readonlyPaths\":[null]", E "linux.readonlyPaths[0]: expected a string" },
	{ "propagation-unknown", 'L', "\"rootfsPropagation\":\"sharedd\"",
	  E "linux.rootfsPropagation: unknown propagation \"sharedd\"" },
	{ "propagation-mount-option", 'L', "\"rootfsPropagation\":\"ro\"", E "linux.rootfsPropagation: unknown propagation \"ro\"" },
	{ "propagation-number", 'L', "\"rootfsPropagation\":1", E "linux.rootfsPropagation: expected a string" },
	{ "propagation-all", 'L', "\"rootfsPropagation\":\"private\",\"rootfsPropagation\":\"rprivate\","
	  "\"rootfsPropagation\":\"shared\",\"rootfsPropagation\":\"rshared\",\"rootfsPropagation\":\"slave\","
	  "\"rootfsPropagation\":\"rslave\",\"rootfsPropagation\":\"unbindable\","
	  "\"rootfsPropagation\":\"runbindable\"", "" },
	/* linux.cgroupsPath */
	{ "cgpath-number", 'L', "\"cgroupsPath\":1", E "linux.cgroupsPath: expected a string" },
	{ "cgpath-dotdot", 'L', "\"cgroupsPath\":\"/a/../b\"", E "linux.cgroupsPath: \"/a/../b\": a \"..\" component is not allowed" },
	{ "cgpath-dotdot-only", 'L', "\"cgroupsPath\":\"..\"", E "linux.cgroupsPath: \"..\": a \"..\" component is not allowed" },
	{ "cgpath-slice-dotdot", 'L', "\"cgroupsPath\":\"system.slice:rt:..\"",
	  E "linux.cgroupsPath: \"system.slice:rt:..\": a slice, prefix or name cannot hold \"/\" or \"..\"" },
	{ "cgpath-slice-slash", 'L', "\"cgroupsPath\":\"a.slice:rt:x/y\"",
	  E "linux.cgroupsPath: \"a.slice:rt:x/y\": a slice, prefix or name cannot hold \"/\" or \"..\"" },
	{ "cgpath-dots-in-name", 'L', "\"cgroupsPath\":\"/a/..b/c..\"", "" },
	/* linux.resources */
	{ "res-array", 'L', "\"resources\":[]", E "linux.resources: expected an object" },
	{ "res-nulls", 'L', "\"resources\":{\"memory\":null,\"cpu\":null,\"pids\":null,\"devices\":null,"
	  "\"network\":null,\"x\":1}", "" },
	{ "mem-array", 'L', "\"resources\":{\"memory\":[]}", E "linux.resources.memory: expected an object" },
	{ "mem-limit-low", 'L', "\"resources\":{\"memory\":{\"limit\":-2}}",
	  E "linux.resources.memory.limit: -2 is not an integer in -1..9223372036854775807" },
	{ "mem-limit-2^63", 'L', "\"resources\":{\"memory\":{\"limit\":9223372036854775808}}",
	  E "linux.resources.memory.limit: 9223372036854775808 is not an integer in -1..9223372036854775807" },
	{ "mem-reservation", 'L', "\"resources\":{\"memory\":{\"reservation\":\"1\"}}",
	  E "linux.resources.memory.reservation: expected a number" },
	{ "mem-swap", 'L', "\"resources\":{\"memory\":{\"swap\":-3}}",
	  E "linux.resources.memory.swap: -3 is not an integer in -1..9223372036854775807" },
	/* what cgroup v2 has no file for: accepted only asking for nothing */
	{ "mem-swappiness", 'L', "\"resources\":{\"memory\":{\"swappiness\":0}}",
	  E "linux.resources.memory.swappiness: not on cgroup v2 (accepted: null)" },
	{ "mem-oom", 'L', "\"resources\":{\"memory\":{\"disableOOMKiller\":true}}",
	  E "linux.resources.memory.disableOOMKiller: not on cgroup v2 (accepted: false or null)" },
	{ "mem-oom-number", 'L', "\"resources\":{\"memory\":{\"disableOOMKiller\":0}}",
	  E "linux.resources.memory.disableOOMKiller: not on cgroup v2 (accepted: false or null)" },
	{ "mem-kernel", 'L', "\"resources\":{\"memory\":{\"kernel\":1}}",
	  E "linux.resources.memory.kernel: not on cgroup v2 (accepted: 0, -1 or null)" },
	{ "mem-kernel-tcp", 'L', "\"resources\":{\"memory\":{\"kernelTCP\":\"-1\"}}",
	  E "linux.resources.memory.kernelTCP: not on cgroup v2 (accepted: 0, -1 or null)" },
	{ "mem-hierarchy", 'L', "\"resources\":{\"memory\":{\"useHierarchy\":false}}",
	  E "linux.resources.memory.useHierarchy: not on cgroup v2 (accepted: true or null)" },
	{ "io-leaf-weight", 'L', "\"resources\":{\"blockIO\":{\"leafWeight\":10}}",
	  E "linux.resources.blockIO.leafWeight: not on cgroup v2 (accepted: 0, -1 or null)" },
	{ "io-leaf-weight-device", 'L', "\"resources\":{\"blockIO\":{\"weightDevice\":[{\"major\":8,\"minor\":0,\"weight\":10,\"leafWeight\":300}]}}",
	  E "linux.resources.blockIO.weightDevice[0].leafWeight: not on cgroup v2 (accepted: 0, -1 or null)" },
	{ "io-leaf-weight-zero", 'L', "\"resources\":{\"blockIO\":{\"leafWeight\":0,\"weightDevice\":[{\"major\":8,\"minor\":0,\"weight\":10,\"leafWeight\":0}]}}", "" },
	/* unknown members are ignored, as the spec requires */
	{ "mem-unknown", 'L', "\"resources\":{\"memory\":{\"foo\":1}}", "" },
	{ "mem-unknown-zero", 'L', "\"resources\":{\"memory\":{\"foo\":0}}", "" },
	{ "mem-unknown-string", 'L', "\"resources\":{\"memory\":{\"foo\":\"abc\"}}", "" },
	{ "mem-unknown-empty", 'L', "\"resources\":{\"memory\":{\"a\":{},\"b\":[],\"c\":\"\",\"d\":false,\"e\":null}}", "" },
	{ "mem-nothing-asked", 'L', "\"resources\":{\"memory\":{\"kernel\":-1,\"kernelTCP\":0,\"checkBeforeUpdate\":true,"
	  "\"useHierarchy\":true,\"swappiness\":null,\"disableOOMKiller\":false}}", "" },
	{ "mem-edges", 'L', "\"resources\":{\"memory\":{\"limit\":-1,\"reservation\":9223372036854775807,"
	  "\"swap\":0}}", "" },
	{ "cpu-array", 'L', "\"resources\":{\"cpu\":[]}", E "linux.resources.cpu: expected an object" },
	{ "cpu-shares", 'L', "\"resources\":{\"cpu\":{\"shares\":-1}}", E "linux.resources.cpu.shares: expected a number" },
	{ "cpu-quota", 'L', "\"resources\":{\"cpu\":{\"quota\":-2}}",
	  E "linux.resources.cpu.quota: -2 is not an integer in -1..9223372036854775807" },
	{ "cpu-period", 'L', "\"resources\":{\"cpu\":{\"period\":true}}", E "linux.resources.cpu.period: expected a number" },
	{ "cpu-burst", 'L', "\"resources\":{\"cpu\":{\"burst\":\"1\"}}", E "linux.resources.cpu.burst: expected a number" },
	{ "cpu-idle", 'L', "\"resources\":{\"cpu\":{\"idle\":2}}", E "linux.resources.cpu.idle: 2 is not an integer in 0..1" },
	{ "cpu-rt-runtime", 'L', "\"resources\":{\"cpu\":{\"realtimeRuntime\":-2}}",
	  E "linux.resources.cpu.realtimeRuntime: -2 is not an integer in -1..9223372036854775807" },
	{ "cpu-rt-period", 'L', "\"resources\":{\"cpu\":{\"realtimePeriod\":-1}}",
	  E "linux.resources.cpu.realtimePeriod: expected a number" },
	{ "cpu-cpus", 'L', "\"resources\":{\"cpu\":{\"cpus\":0}}", E "linux.resources.cpu.cpus: expected a string" },
	{ "cpu-mems", 'L', "\"resources\":{\"cpu\":{\"mems\":[]}}", E "linux.resources.cpu.mems: expected a string" },
	{ "cpu-edges", 'L', "\"resources\":{\"cpu\":{\"shares\":0,\"quota\":-1,\"period\":100000,\"burst\":0,\"idle\":1,"
	  "\"realtimeRuntime\":-1,\"realtimePeriod\":1,\"cpus\":\"0-1\",\"mems\":\"0\",\"x\":1}}", "" },
	{ "pids-array", 'L', "\"resources\":{\"pids\":[]}", E "linux.resources.pids: expected an object" },
	{ "pids-limit", 'L', "\"resources\":{\"pids\":{\"limit\":\"x\"}}", E "linux.resources.pids.limit: expected a number" },
	{ "pids-edges", 'L', "\"resources\":{\"pids\":{\"limit\":-9223372036854775807}}", "" },
	{ "pids-int64-min", 'L', "\"resources\":{\"pids\":{\"limit\":-9223372036854775808}}",
	  E "linux.resources.pids.limit: -9223372036854775808 is not an integer in -9223372036854775807..9223372036854775807" },
	{ "blkio-array", 'L', "\"resources\":{\"blockIO\":[]}", E "linux.resources.blockIO: expected an object" },
	{ "blkio-weight", 'L', "\"resources\":{\"blockIO\":{\"weight\":10001}}",
	  E "linux.resources.blockIO.weight: 10001 is not an integer in 0..10000" },
	{ "blkio-wdev-object", 'L', "\"resources\":{\"blockIO\":{\"weightDevice\":{}}}",
	  E "linux.resources.blockIO.weightDevice: expected an array" },
	{ "blkio-wdev-entry", 'L', "\"resources\":{\"blockIO\":{\"weightDevice\":[1]}}",
	  E "linux.resources.blockIO.weightDevice[0]: expected an object" },
	{ "blkio-wdev-weight", 'L', "\"resources\":{\"blockIO\":{\"weightDevice\":[{\"major\":8,\"minor\":0}]}}",
	  E "linux.resources.blockIO.weightDevice[0]: needs major, minor and weight" },
	{ "blkio-wdev-major", 'L', "\"resources\":{\"blockIO\":{\"weightDevice\":[{\"major\":4096,\"minor\":0,\"weight\":1}]}}",
	  E "linux.resources.blockIO.weightDevice[0].major: 4096 is not an integer in 0..4095" },
	{ "blkio-rbps-rate", 'L', "\"resources\":{\"blockIO\":{\"throttleReadBpsDevice\":[{\"major\":8,\"minor\":0,"
	  "\"weight\":1}]}}", E "linux.resources.blockIO.throttleReadBpsDevice[0]: needs major, minor and rate" },
	{ "blkio-wbps-minor", 'L', "\"resources\":{\"blockIO\":{\"throttleWriteBpsDevice\":[{\"major\":8,\"rate\":1}]}}",
	  E "linux.resources.blockIO.throttleWriteBpsDevice[0]: needs major, minor and rate" },
	{ "blkio-riops-rate", 'L', "\"resources\":{\"blockIO\":{\"throttleReadIOPSDevice\":[{\"major\":8,\"minor\":0,"
	  "\"rate\":-1}]}}", E "linux.resources.blockIO.throttleReadIOPSDevice[0].rate: expected a number" },
	{ "blkio-wiops-object", 'L', "\"resources\":{\"blockIO\":{\"throttleWriteIOPSDevice\":{}}}",
	  E "linux.resources.blockIO.throttleWriteIOPSDevice: expected an array" },
	{ "blkio-edges", 'L', "\"resources\":{\"blockIO\":{\"weight\":10000,\"weightDevice\":[{\"major\":4095,"
	  "\"minor\":1048575,\"weight\":0}],\"throttleWriteIOPSDevice\":[{\"major\":0,\"minor\":0,\"rate\":1}]}}", "" },
	{ "huge-object", 'L', "\"resources\":{\"hugepageLimits\":{}}", E "linux.resources.hugepageLimits: expected an array" },
	{ "huge-entry", 'L', "\"resources\":{\"hugepageLimits\":[\"2MB\"]}",
	  E "linux.resources.hugepageLimits[0]: expected an object" },
	{ "huge-limit-missing", 'L', "\"resources\":{\"hugepageLimits\":[{\"pageSize\":\"2MB\"}]}",
	  E "linux.resources.hugepageLimits[0]: needs pageSize and limit" },
	{ "huge-size-missing", 'L', "\"resources\":{\"hugepageLimits\":[{\"limit\":1}]}",
	  E "linux.resources.hugepageLimits[0]: needs pageSize and limit" },
	{ "huge-limit-string", 'L', "\"resources\":{\"hugepageLimits\":[{\"pageSize\":\"2MB\",\"limit\":\"1\"}]}",
	  E "linux.resources.hugepageLimits[0].limit: expected a number" },
	{ "huge-size-number", 'L', "\"resources\":{\"hugepageLimits\":[{\"pageSize\":2,\"limit\":1}]}",
	  E "linux.resources.hugepageLimits[0].pageSize: expected a string" },
	{ "unified-array", 'L', "\"resources\":{\"unified\":[]}", E "linux.resources.unified: expected an object" },
	{ "unified-slash", 'L', "\"resources\":{\"unified\":{\"a/b.c\":\"1\"}}",
	  E "linux.resources.unified.a/b.c: not a cgroup file name" },
	{ "unified-no-dot", 'L', "\"resources\":{\"unified\":{\"memory\":\"1\"}}",
	  E "linux.resources.unified.memory: not a cgroup file name" },
	{ "unified-value-number", 'L', "\"resources\":{\"unified\":{\"memory.max\":1}}",
	  E "linux.resources.unified.memory.max: expected a string" },
	{ "devrule-object", 'L', "\"resources\":{\"devices\":{}}", E "linux.resources.devices: expected an array" },
	{ "devrule-entry", 'L', "\"resources\":{\"devices\":[true]}", E "linux.resources.devices[0]: expected an object" },
	{ "devrule-type", 'L', "\"resources\":{\"devices\":[{\"allow\":true,\"type\":\"u\"}]}",
	  E "linux.resources.devices[0].type: expected \"a\", \"c\" or \"b\"" },
	{ "devrule-type-empty", 'L', "\"resources\":{\"devices\":[{\"allow\":true,\"type\":\"\"}]}",
	  E "linux.resources.devices[0].type: expected \"a\", \"c\" or \"b\"" },
	{ "devrule-type-cx", 'L', "\"resources\":{\"devices\":[{\"allow\":true,\"type\":\"cx\"}]}",
	  E "linux.resources.devices[0].type: expected \"a\", \"c\" or \"b\"" },
	{ "devrule-type-number", 'L', "\"resources\":{\"devices\":[{\"type\":1}]}",
	  E "linux.resources.devices[0].type: expected a string" },
	{ "devrule-access", 'L', "\"resources\":{\"devices\":[{\"allow\":false,\"access\":\"rwx\"}]}",
	  E "linux.resources.devices[0].access: \"rwx\": expected r, w and m" },
	{ "devrule-allow", 'L', "\"resources\":{\"devices\":[{\"allow\":\"yes\"}]}",
	  E "linux.resources.devices[0].allow: expected true or false" },
	{ "devrule-major", 'L', "\"resources\":{\"devices\":[{\"major\":-2}]}",
	  E "linux.resources.devices[0].major: -2 is not an integer in -1..4095" },
	{ "devrule-minor", 'L', "\"resources\":{\"devices\":[{\"minor\":1048576}]}",
	  E "linux.resources.devices[0].minor: 1048576 is not an integer in -1..1048575" },
	{ "devrule-edges", 'L', "\"resources\":{\"devices\":[{\"allow\":false},{\"allow\":true,\"type\":\"c\",\"major\":-1,"
	  "\"minor\":1048575,\"access\":\"\"},{\"allow\":true,\"type\":null,\"major\":null,\"minor\":null,"
	  "\"access\":null}]}", "" },
	{ "res-network", 'L', "\"resources\":{\"network\":{\"classID\":1}}", E "linux.resources.network: not supported yet" },
	{ "res-rdma", 'L', "\"resources\":{\"rdma\":{\"mlx5_0\":{\"hcaHandles\":1}}}", E "linux.resources.rdma: not supported yet" },
	{ "res-network-empty", 'L', "\"resources\":{\"network\":{},\"rdma\":{}}", "" },
	/* linux.seccomp */
	{ "sc-null", 'L', "\"seccomp\":null", "" },
	{ "sc-array", 'L', "\"seccomp\":[]", E "linux.seccomp: expected an object" },
	{ "sc-default-missing", 'L', "\"seccomp\":{}", E "linux.seccomp.defaultAction: missing" },
	{ "sc-default-unknown", 'L', "\"seccomp\":{\"defaultAction\":\"SCMP_ACT_FOO\"}",
	  E "linux.seccomp.defaultAction: unknown action \"SCMP_ACT_FOO\"" },
	{ "sc-default-number", 'L', "\"seccomp\":{\"defaultAction\":1}", E "linux.seccomp.defaultAction: expected a string" },
	{ "sc-default-notify", 'L', "\"seccomp\":{\"defaultAction\":\"SCMP_ACT_NOTIFY\"}",
	  E "linux.seccomp.defaultAction: SCMP_ACT_NOTIFY cannot be the default action" },
	{ "sc-errnoret", 'L', "\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRet\":4096}",
	  E "linux.seccomp.defaultErrnoRet: 4096 is not an integer in 0..4095" },
	{ "sc-arch-unknown", 'L', SC("\"architectures\":[\"SCMP_ARCH_X86\",\"SCMP_ARCH_FOO\"]"),
	  E "linux.seccomp.architectures[1]: unknown architecture \"SCMP_ARCH_FOO\"" },
	{ "sc-arch-number", 'L', SC("\"architectures\":[1]"), E "linux.seccomp.architectures[0]: expected a string" },
	{ "sc-arch-object", 'L', SC("\"architectures\":{}"), E "linux.seccomp.architectures: expected an array" },
	{ "sc-flags-unknown", 'L', SC("\"flags\":[\"SECCOMP_FILTER_FLAG_X\"]"),
	  E "linux.seccomp.flags[0]: unknown flag \"SECCOMP_FILTER_FLAG_X\"" },
	{ "sc-flags-object", 'L', SC("\"flags\":{}"), E "linux.seccomp.flags: expected an array" },
	{ "sc-listener", 'L', SC("\"listenerPath\":1"), E "linux.seccomp.listenerPath: expected a string" },
	{ "sc-listener-meta", 'L', SC("\"listenerMetadata\":{}"), E "linux.seccomp.listenerMetadata: expected a string" },
	{ "sc-syscalls-object", 'L', SC("\"syscalls\":{}"), E "linux.seccomp.syscalls: expected an array" },
	{ "sc-syscall-entry", 'L', SC("\"syscalls\":[\"read\"]"), E "linux.seccomp.syscalls[0]: expected an object" },
	{ "sc-action-missing", 'L', SCS("\"errnoRet\":1"), E "linux.seccomp.syscalls[0].action: missing" },
	{ "sc-action-unknown", 'L', SCS("\"action\":\"SCMP_ACT_X\""), E "linux.seccomp.syscalls[0].action: unknown action \"SCMP_ACT_X\"" },
	{ "sc-action-notify", 'L', SCS("\"action\":\"SCMP_ACT_NOTIFY\""),
	  E "linux.seccomp.listenerPath: SCMP_ACT_NOTIFY needs one" },
	{ "sc-action-notify-listener", 'L', "\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"listenerPath\":\"/run/a.sock\","
	  "\"listenerMetadata\":\"m\",\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_NOTIFY\"}]}", "" },
	{ "sc-notify-sendmsg", 'L', "\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"listenerPath\":\"/run/a.sock\","
	  "\"syscalls\":[{\"names\":[\"read\",\"sendmsg\"],\"action\":\"SCMP_ACT_NOTIFY\"}]}",
	  E "linux.seccomp.syscalls[0].names[1]: SCMP_ACT_NOTIFY on sendmsg: rt sends the listener to the agent with it" },
	{ "sc-listener-relative", 'L', SC("\"listenerPath\":\"a.sock\""), E "linux.seccomp.listenerPath: a.sock: not an absolute path" },
	{ "sc-flags-wait-killable", 'L', SC("\"flags\":[\"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV\"]"),
	  E "linux.seccomp.flags: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV is for a filter with SCMP_ACT_NOTIFY (the kernel says EINVAL)" },
	{ "sc-action-unknown-no-names", 'L', SC("\"syscalls\":[{\"action\":\"SCMP_ACT_X\"}]"),
	  E "linux.seccomp.syscalls[0].action: unknown action \"SCMP_ACT_X\"" },
	{ "sc-names-string", 'L', SC("\"syscalls\":[{\"names\":\"read\",\"action\":\"SCMP_ACT_ALLOW\"}]"),
	  E "linux.seccomp.syscalls[0].names: expected an array" },
	{ "sc-name-number", 'L', SC("\"syscalls\":[{\"names\":[\"read\",1],\"action\":\"SCMP_ACT_ALLOW\"}]"),
	  E "linux.seccomp.syscalls[0].names[1]: expected a string" },
	{ "sc-name-unknown", 'L', SC("\"syscalls\":[{\"names\":[\"no_such_call\"],\"action\":\"SCMP_ACT_KILL\"}]"), "" },
	{ "sc-errnoret-negative", 'L', SCS("\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":-1"),
	  E "linux.seccomp.syscalls[0].errnoRet: -1 is not an integer in 0..4095" },
	{ "sc-args-object", 'L', SCS("\"action\":\"SCMP_ACT_ALLOW\",\"args\":{}"),
	  E "linux.seccomp.syscalls[0].args: expected an array" },
	{ "sc-arg-entry", 'L', SCA("1"), E "linux.seccomp.syscalls[0].args[0]: expected an object" },
	{ "sc-arg-index-6", 'L', SCA("{\"index\":6,\"value\":1,\"op\":\"SCMP_CMP_EQ\"}"),
	  E "linux.seccomp.syscalls[0].args[0].index: 6 is out of range (0-5)" },
	{ "sc-arg-index-negative", 'L', SCA("{\"index\":-1,\"value\":1,\"op\":\"SCMP_CMP_EQ\"}"),
	  E "linux.seccomp.syscalls[0].args[0].index: -1 is out of range (0-5)" },
	{ "sc-arg-op-missing", 'L', SCA("{\"index\":0,\"value\":1}"), E "linux.seccomp.syscalls[0].args[0].op: missing" },
	{ "sc-arg-op-unknown", 'L', SCA("{\"index\":0,\"op\":\"SCMP_CMP_FOO\"}"),
	  E "linux.seccomp.syscalls[0].args[0].op: unknown operator \"SCMP_CMP_FOO\"" },
	{ "sc-arg-value", 'L', SCA("{\"index\":0,\"value\":-1,\"op\":\"SCMP_CMP_EQ\"}"),
	  E "linux.seccomp.syscalls[0].args[0].value: expected a number" },
	{ "sc-arg-value2", 'L', SCA("{\"index\":0,\"valueTwo\":1.5,\"op\":\"SCMP_CMP_MASKED_EQ\"}"),
	  E "linux.seccomp.syscalls[0].args[0].valueTwo: 1.5 is not a 64-bit unsigned integer" },
	{ "sc-arg-value-2^64", 'L', SCA("{\"index\":0,\"value\":18446744073709551616,\"op\":\"SCMP_CMP_EQ\"}"),
	  E "linux.seccomp.syscalls[0].args[0].value: 18446744073709551616 is not a 64-bit unsigned integer" },
	{ "sc-full", 'L', "\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"defaultErrnoRet\":38,"
	  "\"architectures\":[\"SCMP_ARCH_X86\",\"SCMP_ARCH_X32\",\"SCMP_ARCH_AARCH64\"],"
	  "\"flags\":[\"SECCOMP_FILTER_FLAG_TSYNC\",\"SECCOMP_FILTER_FLAG_LOG\",\"SECCOMP_FILTER_FLAG_SPEC_ALLOW\"],"
	  "\"listenerPath\":\"/x\",\"syscalls\":[{\"names\":[\"read\",\"socket\"],\"action\":\"SCMP_ACT_LOG\","
	  "\"errnoRet\":null,\"args\":[{\"index\":5,\"value\":18446744073709551615,\"valueTwo\":0,"
	  "\"op\":\"SCMP_CMP_MASKED_EQ\"}]},{\"action\":\"SCMP_ACT_TRACE\"},{\"names\":[],"
	  "\"action\":\"SCMP_ACT_KILL_PROCESS\"},{\"names\":[\"write\"],\"action\":\"SCMP_ACT_TRAP\",\"args\":null}]}", "" },
	/* linux.timeOffsets, personality, sysctl, intelRdt */
	{ "time-array", 'N', NS("{\"type\":\"time\"}") ",\"timeOffsets\":[]", E "linux.timeOffsets: expected an object" },
	{ "time-clock", 'N', NS("{\"type\":\"time\"}") ",\"timeOffsets\":{\"realtime\":{}}",
	  E "linux.timeOffsets.realtime: unknown clock (monotonic or boottime)" },
	{ "time-clock-value", 'N', NS("{\"type\":\"time\"}") ",\"timeOffsets\":{\"monotonic\":1}",
	  E "linux.timeOffsets.monotonic: expected an object" },
	{ "time-nsecs", 'N', NS("{\"type\":\"time\"}") ",\"timeOffsets\":{\"boottime\":{\"nanosecs\":1000000000}}",
	  E "linux.timeOffsets.boottime.nanosecs: 1000000000 is not an integer in 0..999999999" },
	{ "time-secs", 'N', NS("{\"type\":\"time\"}") ",\"timeOffsets\":{\"boottime\":{\"secs\":\"1\"}}",
	  E "linux.timeOffsets.boottime.secs: expected a number" },
	{ "time-twice", 'N', NS("{\"type\":\"time\"}") ",\"timeOffsets\":{\"monotonic\":{},\"monotonic\":{}}",
	  E "linux.timeOffsets.monotonic: given twice" },
	{ "time-no-timens", 'L', "\"timeOffsets\":{\"monotonic\":{\"secs\":1}}", E "linux.timeOffsets: needs a new time namespace" },
	{ "time-edges", 'N', NS("{\"type\":\"time\"}") ",\"timeOffsets\":{\"monotonic\":{\"secs\":-9223372036854775808,"
	  "\"nanosecs\":999999999},\"boottime\":{\"secs\":9223372036854775807,\"nanosecs\":999999999}}", "" },
	{ "personality-array", 'L', "\"personality\":[]", E "linux.personality: expected an object" },
	{ "personality-missing", 'L', "\"personality\":{}", E "linux.personality.domain: missing" },
	{ "personality-unknown", 'L', "\"personality\":{\"domain\":\"LINUX64\"}", E "linux.personality.domain: unknown domain \"LINUX64\"" },
	{ "personality-flags", 'L', "\"personality\":{\"domain\":\"LINUX\",\"flags\":[\"X\"]}", E "linux.personality.flags: not supported yet" },
	{ "personality", 'L', "\"personality\":{\"domain\":\"LINUX32\",\"flags\":[]}", "" },
	{ "sysctl-array", 'L', "\"sysctl\":[]", E "linux.sysctl: expected an object" },
	{ "sysctl-not-ns", 'N', NS("{\"type\":\"network\"}") ",\"sysctl\":{\"vm.swappiness\":\"1\"}",
	  E "linux.sysctl.vm.swappiness: not a namespaced parameter (runc refuses it too)" },
	{ "sysctl-host-net", 'L', "\"sysctl\":{\"net.ipv4.ip_forward\":\"1\"}",
	  E "linux.sysctl.net.ipv4.ip_forward: the container shares the host's network namespace" },
	{ "sysctl-host-ipc", 'L', "\"sysctl\":{\"kernel.msgmax\":\"1\"}",
	  E "linux.sysctl.kernel.msgmax: the container shares the host's ipc namespace" },
	{ "sysctl-host-uts", 'L', "\"sysctl\":{\"kernel.domainname\":\"d\"}",
	  E "linux.sysctl.kernel.domainname: the container shares the host's uts namespace" },
	{ "sysctl-joined-own", 'N', NS("{\"type\":\"network\",\"path\":\"/proc/self/ns/net\"}") ",\"sysctl\":{\"net.x\":\"1\"}",
	  E "linux.sysctl.net.x: the container shares the host's network namespace" },
	{ "sysctl-slash", 'N', NS("{\"type\":\"network\"}") ",\"sysctl\":{\"net.a/b\":\"1\"}",
	  E "linux.sysctl.net.a/b: not a parameter name" },
	{ "sysctl-dotdot", 'N', NS("{\"type\":\"network\"}") ",\"sysctl\":{\"net..x\":\"1\"}",
	  E "linux.sysctl.net..x: not a parameter name" },
	{ "sysctl-value", 'N', NS("{\"type\":\"ipc\"}") ",\"sysctl\":{\"fs.mqueue.msg_max\":10}",
	  E "linux.sysctl.fs.mqueue.msg_max: expected a string" },
	{ "sysctl-hostname", 'N', NS("{\"type\":\"uts\"}") ",\"sysctl\":{\"kernel.hostname\":\"h\"}",
	  E "linux.sysctl.kernel.hostname: not allowed, as it conflicts with the OCI \"hostname\" field" },
	{ "sysctl-domainname", 'R', BASE_P "},\"root\":{\"path\":\"r\"},\"domainname\":\"d\",\"linux\":{"
	  NS("{\"type\":\"uts\"}") ",\"sysctl\":{\"kernel.domainname\":\"d\"}}}",
	  E "linux.sysctl.kernel.domainname: not allowed, as it conflicts with the OCI \"domainname\" field" },
	{ "sysctl-before-ns", 'N', "\"sysctl\":{\"net.x\":\"1\",\"kernel.sem\":\"1\",\"kernel.domainname\":\"d\"},"
	  NS("{\"type\":\"network\"},{\"type\":\"ipc\"},{\"type\":\"uts\"}"), "" },
	{ "sysctl-null", 'L', "\"sysctl\":null", "" },
	{ "intelRdt-empty", 'L', "\"intelRdt\":{}", "" },
	/* the spec's own examples (config-linux.md, config.md) */
	{ "netDevices", 'L', "\"netDevices\":{\"lo\":{\"name\":\"container_eth0\"}}", E "linux.netDevices: needs a network namespace of the container's own" },
	{ "netDevices-long", 'L', "\"netDevices\":{\"lo\":{\"name\":\"container_eth00x\"}}", E "linux.netDevices.lo: not a network device name (1 to 15 bytes)" },
	{ "netDevices-empty-name", 'L', "\"netDevices\":{\"lo\":{\"name\":\"\"}}", E "linux.netDevices.lo: not a network device name (1 to 15 bytes)" },
	{ "netDevices-name-type", 'L', "\"netDevices\":{\"lo\":{\"name\":1}}", E "linux.netDevices.lo.name: expected a string" },
	{ "netDevices-empty", 'L', "\"netDevices\":{}", "" },
	/* the spec's own examples, then what is refused */
	{ "memoryPolicy", 'L', "\"memoryPolicy\":{\"mode\":\"MPOL_INTERLEAVE\",\"nodes\":\"2-3\",\"flags\":[\"MPOL_F_STATIC_NODES\"]}", "" },
	{ "memoryPolicy-bind", 'L', "\"memoryPolicy\":{\"mode\":\"MPOL_BIND\",\"nodes\":\"0-3,7\",\"flags\":[\"MPOL_F_RELATIVE_NODES\",\"MPOL_F_NUMA_BALANCING\"]}", "" },
	{ "memoryPolicy-local", 'L', "\"memoryPolicy\":{\"mode\":\"MPOL_LOCAL\"}", "" },
	{ "memoryPolicy-preferred-none", 'L', "\"memoryPolicy\":{\"mode\":\"MPOL_PREFERRED\"}", "" },
	{ "memoryPolicy-no-mode", 'L', "\"memoryPolicy\":{\"nodes\":\"0\"}", E "linux.memoryPolicy.mode: missing" },
	{ "memoryPolicy-bad-mode", 'L', "\"memoryPolicy\":{\"mode\":\"MPOL_X\"}", E "linux.memoryPolicy.mode: unknown mode \"MPOL_X\"" },
	{ "memoryPolicy-default-nodes", 'L', "\"memoryPolicy\":{\"mode\":\"MPOL_DEFAULT\",\"nodes\":\"0\"}", E "linux.memoryPolicy.nodes: MPOL_DEFAULT takes no nodes" },
	{ "memoryPolicy-bind-no-nodes", 'L', "\"memoryPolicy\":{\"mode\":\"MPOL_BIND\",\"nodes\":\"\"}", E "linux.memoryPolicy.nodes: MPOL_BIND needs at least one node" },
	{ "memoryPolicy-bad-flag", 'L', "\"memoryPolicy\":{\"mode\":\"MPOL_LOCAL\",\"flags\":[\"MPOL_F_X\"]}", E "linux.memoryPolicy.flags[0]: unknown flag \"MPOL_F_X\"" },
	{ "memoryPolicy-node-1024", 'L', "\"memoryPolicy\":{\"mode\":\"MPOL_BIND\",\"nodes\":\"1024\"}", E "linux.memoryPolicy.nodes: \"1024\": 1024 is past the limit of 1023 (the kernel's)" },
	{ "execCPUAffinity", 'P', "\"execCPUAffinity\":{\"initial\":\"7\",\"final\":\"0-3,7\"}", "" },
	{ "execCPUAffinity-spaces", 'P', "\"execCPUAffinity\":{\"initial\":\" 1 , 2-3,,\"}", "" },
	{ "execCPUAffinity-word", 'P', "\"execCPUAffinity\":{\"final\":\"a\"}", E "process.execCPUAffinity.final: \"a\": not a list such as 0-3,7" },
	{ "execCPUAffinity-down", 'P', "\"execCPUAffinity\":{\"initial\":\"3-1\"}", E "process.execCPUAffinity.initial: \"3-1\": the range 3-1 goes down" },
	{ "execCPUAffinity-dash", 'P', "\"execCPUAffinity\":{\"initial\":\"1-\"}", E "process.execCPUAffinity.initial: \"1-\": not a list such as 0-3,7" },
	{ "execCPUAffinity-limit", 'P', "\"execCPUAffinity\":{\"final\":\"0,1024\"}", E "process.execCPUAffinity.final: \"0,1024\": 1024 is past the limit of 1023 (raise CONFIG_MAX_CPUS)" },
	{ "execCPUAffinity-huge", 'P', "\"execCPUAffinity\":{\"final\":\"99999\"}", E "process.execCPUAffinity.final: \"99999\": 99999 is past the limit of 1023 (raise CONFIG_MAX_CPUS)" },
	{ "execCPUAffinity-null", 'P', "\"execCPUAffinity\":null", "" },
	{ "intelRdt-short-string", 'L', "\"intelRdt\":\"x\"", E "linux.intelRdt: expected an object" },
	{ "intelRdt-empty-string", 'L', "\"intelRdt\":\"\"", E "linux.intelRdt: expected an object" },
	{ "intelRdt-short-array", 'L', "\"intelRdt\":[1]", E "linux.intelRdt: expected an object" },
	/* annotations */
	{ "annotations-array", 'T', "\"annotations\":[]", E "annotations: expected an object" },
	{ "annotations-value", 'T', "\"annotations\":{\"a\":\"b\",\"k\":1}", E "annotations.k: expected a string" },
	/* hooks */
	{ "hooks-null", 'T', "\"hooks\":null", "" },
	{ "hooks-array", 'T', "\"hooks\":[]", E "hooks: expected an object" },
	{ "hooks-list-object", 'T', "\"hooks\":{\"prestart\":{}}", E "hooks.prestart: expected an array" },
	{ "hooks-entry-string", 'T', "\"hooks\":{\"createRuntime\":[\"/bin/true\"]}", E "hooks.createRuntime[0]: expected an object" },
	{ "hooks-path-missing", 'T', "\"hooks\":{\"poststop\":[{\"args\":[]}]}", E "hooks.poststop[0].path: missing" },
	{ "hooks-path-relative", 'T', "\"hooks\":{\"createContainer\":[{\"path\":\"/a\"},{\"path\":\"bin/x\"}]}",
	  E "hooks.createContainer[1].path: bin/x: not an absolute path" },
	{ "hooks-path-number", 'T', "\"hooks\":{\"startContainer\":[{\"path\":1}]}", E "hooks.startContainer[0].path: expected a string" },
	{ "hooks-args-number", 'T', "\"hooks\":{\"poststart\":[{\"path\":\"/a\",\"args\":[1]}]}",
	  E "hooks.poststart[0].args[0]: expected a string" },
	{ "hooks-env-object", 'T', "\"hooks\":{\"prestart\":[{\"path\":\"/a\",\"env\":{}}]}", E "hooks.prestart[0].env: expected an array" },
	{ "hooks-timeout", 'T', "\"hooks\":{\"prestart\":[{\"path\":\"/a\",\"timeout\":0}]}",
	  E "hooks.prestart[0].timeout: 0 is not an integer in 1..2147483647" },
	{ "hooks-all", 'T', "\"hooks\":{\"prestart\":[{\"path\":\"/a\",\"args\":null,\"env\":null,\"timeout\":null}],"
	  "\"createRuntime\":null,\"createContainer\":[],\"startContainer\":[{\"path\":\"/b\",\"args\":[\"b\"],"
	  "\"env\":[\"A=1\"],\"timeout\":2147483647}],\"poststart\":[],\"poststop\":[],\"other\":[1]}", "" },
};

/* What spec_load kept, printed for the cases that check a value. */
static void
show_cgroups_path(void)
{
	printf("%s", spec.cgroups_path);
}

static void
show_timens(void)
{
	printf("%s", spec.timens);
}

static void
show_mount0(void)
{
	printf("%lx %s", spec.mounts[0].flags, spec.mounts[0].data ?
	       spec.mounts[0].data : "-");
}

static void
show_caps(void)
{
	printf("%llx %llx", (unsigned long long)spec.proc.caps[CAP_BND],
	       (unsigned long long)spec.proc.caps[CAP_INH]);
}

static void
show_annot(void)
{
	printf("%d %s=%s", spec.nannot, spec.annot[0][0], spec.annot[0][1]);
}

static void
show_devrule(void)
{
	const struct devrule *d = &spec.res.dev[0];

	printf("%c %lld %lld %u %d", d->type, d->major, d->minor, d->access,
	       d->allow);
}

static const struct {
	const char *name;
	char where;
	const char *json;
	void (*show_fn)(void);
	const char *out;
} value_cases[] = {
	{ "value-cgpath-clean", 'L', "\"cgroupsPath\":\"/a//./b/\"", show_cgroups_path, "/a/b" },
	{ "value-cgpath-relative", 'L', "\"cgroupsPath\":\"./a/b//\"", show_cgroups_path, "a/b" },
	{ "value-cgpath-root", 'L', "\"cgroupsPath\":\"//.\"", show_cgroups_path, "/" },
	{ "value-cgpath-slice", 'L', "\"cgroupsPath\":\"system.slice:rt:c1\"", show_cgroups_path, "system.slice:rt:c1" },
	{ "value-timens", 'N', NS("{\"type\":\"time\"}") ",\"timeOffsets\":{\"boottime\":{\"secs\":-5},"
	  "\"monotonic\":{\"nanosecs\":7}}", show_timens, "boottime -5 0\nmonotonic 0 7\n" },
	{ "value-mount-options", 'T', "\"mounts\":[{\"destination\":\"/a\",\"type\":\"tmpfs\",\"options\":[\"nosuid\","
	  "\"size=1m\",\"ro\",\"rw\",\"noexec\",\"mode=755\",\"rprivate\"]}]", show_mount0, "a size=1m,mode=755" },
	{ "value-mount-bind", 'T', "\"mounts\":[{\"destination\":\"/a\",\"source\":\"/b\",\"options\":[\"rbind\"]}]",
	  show_mount0, "5000 -" },
	{ "value-caps", 'P', "\"capabilities\":{\"bounding\":[\"CAP_CHOWN\",\"CAP_KILL\",\"CAP_SYS_ADMIN\"],"
	  "\"inheritable\":[\"CAP_CHECKPOINT_RESTORE\"]}", show_caps, "200021 10000000000" },
	{ "value-annotations-escaped", 'T', "\"annotations\":{\"a\\tb\":\"\\u00e9\\\"\"}", show_annot, "1 a\tb=\xc3\xa9\"" },
	{ "value-devrule-default", 'L', "\"resources\":{\"devices\":[{}]}", show_devrule, "a -1 -1 7 0" },
	{ "value-devrule-access", 'L', "\"resources\":{\"devices\":[{\"allow\":true,\"type\":\"b\",\"major\":8,"
	  "\"minor\":-1,\"access\":\"mw\"}]}", show_devrule, "b 8 -1 5 1" },
};

static void
spec_table_checks(void)
{
	for (size_t i = 0; i < sizeof(spec_cases) / sizeof(spec_cases[0]); i++) {
		const struct spec_case *c = &spec_cases[i];

		if (!CONFIG_SECCOMP && !strncmp(c->name, "sc-", 3))
			continue;
		spec_run(c->where, c->json, 0, NULL);
		check_outcome(nm("spec %s", c->name), c->msg);
	}
	for (size_t i = 0; i < sizeof(value_cases) / sizeof(value_cases[0]); i++) {
		spec_run(value_cases[i].where, value_cases[i].json, 0,
			 value_cases[i].show_fn);
		check_str(nm("spec %s", value_cases[i].name),
			  value_cases[i].out, res.status ? res.err : res.out);
	}
}

/* Non-empty LSM labels: refused where the host does not run that LSM. */
static void
spec_lsm_checks(void)
{
	char buf[4] = "";
	bool aa = readfile("/sys/module/apparmor/parameters/enabled", buf,
			   sizeof(buf)) > 0 && buf[0] == 'Y';
	bool se = readfile("/sys/fs/selinux/enforce", buf, sizeof(buf)) > 0;

	spec_run('P', "\"apparmorProfile\":\"p\"", 0, NULL);
	check_outcome("spec apparmor-host", aa ? "" :
		      E "process.apparmorProfile: AppArmor is not enabled on this host");
	spec_run('P', "\"selinuxLabel\":\"l\"", 0, NULL);
	check_outcome("spec selinux-host", se ? "" :
		      E "process.selinuxLabel: SELinux is not enabled on this host");
	/* intelRdt: refused, saying why where there is no resctrl */
	spec_run('L', "\"intelRdt\":{\"closID\":\"x\"}", 0, NULL);
	check_outcome("spec intelRdt", access("/sys/fs/resctrl/info", F_OK) == 0 ?
		      E "linux.intelRdt: not supported yet" :
		      E "linux.intelRdt: resctrl is not mounted at /sys/fs/resctrl (no Intel RDT here)");
	/* mountLabel: applied where SELinux is, else ignored (crun's way) */
	spec_run('L', "\"mountLabel\":\"l\"", 0, NULL);
	check_outcome("spec mountLabel-host", "");
}

/* Compiled-out features: input that asks for them is refused. */
static void
spec_feature_checks(void)
{
	spec_run('P', "\"terminal\":true", 0, NULL);
	check_outcome("spec feature terminal", CONFIG_TERMINAL ? "" :
		      E "process.terminal: not supported by this build (CONFIG_TERMINAL=n)");
	spec_run('L', SC("\"syscalls\":[]"), 0, NULL);
	check_outcome("spec feature seccomp", CONFIG_SECCOMP ? "" :
		      E "linux.seccomp: not supported by this build (CONFIG_SECCOMP=n)");
}

/* ---- limits: N accepted, N+1 refused naming the symbol ------------------ */
static const struct limit_case {
	const char *name;		/* also the JSON path in the message */
	char where;
	const char *pre, *item, *post;	/* item: %d is the index */
	int max;
	const char *sym;
} limit_cases[] = {
	{ "process.args", 'P', "\"args\":[", "\"a%d\"", "]", MAX_ARGS, "CONFIG_MAX_ARGS" },
	{ "process.env", 'P', "\"env\":[", "\"A%d=1\"", "]", MAX_ENV, "CONFIG_MAX_ENV" },
	{ "process.user.additionalGids", 'P', "\"user\":{\"additionalGids\":[", "%d", "]}", MAX_GIDS,
	  "CONFIG_MAX_GIDS" },
	{ "process.rlimits", 'P', "\"rlimits\":[", "{\"type\":\"RLIMIT_NOFILE\",\"soft\":%d,\"hard\":%d}", "]",
	  MAX_RLIMITS, "CONFIG_MAX_RLIMITS" },
	{ "process.scheduler.flags", 'P', "\"scheduler\":{\"policy\":\"SCHED_OTHER\",\"flags\":[",
	  "\"SCHED_FLAG_KEEP_POLICY\"", "]}", 7, "the 7 SCHED_FLAG_ names" },
	{ "mounts", 'T', "\"mounts\":[", "{\"destination\":\"/m%d\",\"type\":\"tmpfs\"}", "]", MAX_MOUNTS,
	  "CONFIG_MAX_MOUNTS" },
	{ "mounts[0].options", 'T', "\"mounts\":[{\"destination\":\"/m\",\"type\":\"tmpfs\",\"options\":[",
	  "\"o%d\"", "]}]", MAX_MOUNT_OPTIONS, "CONFIG_MAX_MOUNT_OPTIONS" },
	{ "linux.devices", 'L', "\"devices\":[", "{\"path\":\"/dev/d%d\",\"type\":\"c\",\"major\":1,\"minor\":%d}",
	  "]", MAX_DEVICES, "CONFIG_MAX_DEVICES" },
	{ "linux.maskedPaths", 'L', "\"maskedPaths\":[", "\"/m%d\"", "]", MAX_MASKED_PATHS,
	  "CONFIG_MAX_MASKED_PATHS" },
	{ "linux.readonlyPaths", 'L', "\"readonlyPaths\":[", "\"/r%d\"", "]", MAX_MASKED_PATHS,
	  "CONFIG_MAX_MASKED_PATHS" },
	{ "linux.resources.devices", 'L', "\"resources\":{\"devices\":[", "{\"allow\":true,\"minor\":%d}", "]}",
	  MAX_DEVICE_RULES, "CONFIG_MAX_DEVICE_RULES" },
	{ "linux.resources.blockIO.weightDevice", 'L', "\"resources\":{\"blockIO\":{\"weightDevice\":[",
	  "{\"major\":8,\"minor\":%d,\"weight\":10}", "]}}", MAX_RES, "CONFIG_MAX_RESOURCE_ENTRIES" },
	{ "linux.resources.blockIO.throttleReadBpsDevice", 'L', "\"resources\":{\"blockIO\":{\"throttleReadBpsDevice\":[",
	  "{\"major\":8,\"minor\":%d,\"rate\":1}", "]}}", MAX_RES, "CONFIG_MAX_RESOURCE_ENTRIES" },
	{ "linux.resources.blockIO.throttleWriteBpsDevice", 'L', "\"resources\":{\"blockIO\":{\"throttleWriteBpsDevice\":[",
	  "{\"major\":8,\"minor\":%d,\"rate\":1}", "]}}", MAX_RES, "CONFIG_MAX_RESOURCE_ENTRIES" },
	{ "linux.resources.blockIO.throttleReadIOPSDevice", 'L', "\"resources\":{\"blockIO\":{\"throttleReadIOPSDevice\":[",
	  "{\"major\":8,\"minor\":%d,\"rate\":1}", "]}}", MAX_RES, "CONFIG_MAX_RESOURCE_ENTRIES" },
	{ "linux.resources.blockIO.throttleWriteIOPSDevice", 'L', "\"resources\":{\"blockIO\":{\"throttleWriteIOPSDevice\":[",
	  "{\"major\":8,\"minor\":%d,\"rate\":1}", "]}}", MAX_RES, "CONFIG_MAX_RESOURCE_ENTRIES" },
	{ "linux.resources.hugepageLimits", 'L', "\"resources\":{\"hugepageLimits\":[",
	  "{\"pageSize\":\"%dMB\",\"limit\":1}", "]}", MAX_RES, "CONFIG_MAX_RESOURCE_ENTRIES" },
	{ "linux.resources.unified", 'L', "\"resources\":{\"unified\":{", "\"a.b%d\":\"1\"", "}}", MAX_RES,
	  "CONFIG_MAX_RESOURCE_ENTRIES" },
	{ "linux.seccomp.syscalls", 'L', "\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":["
	  "{\"action\":\"SCMP_ACT_ERRNO\",\"names\":[", "\"read\"", "]}]}", MAX_SC_RULES,
	  "CONFIG_MAX_SECCOMP_RULES" },
	{ "linux.seccomp.syscalls[].args", 'L', "\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[",
	  "{\"action\":\"SCMP_ACT_ERRNO\",\"names\":[],\"args\":[{\"index\":0,\"value\":%d,\"op\":\"SCMP_CMP_EQ\"}]}",
	  "]}", MAX_SC_RULES, "CONFIG_MAX_SECCOMP_RULES" },
	{ "linux.seccomp.syscalls[0].args", 'L', "\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":["
	  "{\"action\":\"SCMP_ACT_ERRNO\",\"names\":[\"read\"],\"args\":[",
	  "{\"index\":%d,\"value\":1,\"op\":\"SCMP_CMP_NE\"}", "]}]}", 6, "the kernel's 6 arguments" },
	{ "linux.seccomp.architectures", 'L', "\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"architectures\":[",
	  "\"SCMP_ARCH_X86\"", "]}", MAX_SC_ARCHS, "the number of SCMP_ARCH_ names" },
	{ "linux.seccomp.flags", 'L', "\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"flags\":[",
	  "\"SECCOMP_FILTER_FLAG_LOG\"", "]}", 8, "the number of seccomp flags" },
	{ "linux.uidMappings", 'N', "\"namespaces\":[{\"type\":\"mount\"},{\"type\":\"user\"}],\"gidMappings\":"
	  "[{\"containerID\":0,\"hostID\":0,\"size\":1}],\"uidMappings\":[",
	  "{\"containerID\":%d,\"hostID\":%d,\"size\":1}", "]", MAX_IDMAP, "CONFIG_MAX_ID_MAPPINGS" },
	{ "linux.gidMappings", 'N', "\"namespaces\":[{\"type\":\"mount\"},{\"type\":\"user\"}],\"uidMappings\":"
	  "[{\"containerID\":0,\"hostID\":0,\"size\":1}],\"gidMappings\":[",
	  "{\"containerID\":%d,\"hostID\":%d,\"size\":1}", "]", MAX_IDMAP, "CONFIG_MAX_ID_MAPPINGS" },
	{ "linux.sysctl", 'N', "\"namespaces\":[{\"type\":\"mount\"},{\"type\":\"network\"}],\"sysctl\":{",
	  "\"net.k%d\":\"1\"", "}", MAX_SYSCTLS, "CONFIG_MAX_SYSCTLS" },
	{ "annotations", 'T', "\"annotations\":{", "\"k%d\":\"v\"", "}", MAX_ANNOTATIONS, "CONFIG_MAX_ANNOTATIONS" },
	{ "hooks.prestart", 'T', "\"hooks\":{\"prestart\":[", "{\"path\":\"/h%d\"}", "]}", MAX_HOOKS,
	  "CONFIG_MAX_HOOKS" },
	{ "hooks.poststop", 'T', "\"hooks\":{\"poststop\":[", "{\"path\":\"/h%d\"}", "]}", MAX_HOOKS,
	  "CONFIG_MAX_HOOKS" },
	{ "hooks.prestart[0].args", 'T', "\"hooks\":{\"prestart\":[{\"path\":\"/h\",\"args\":[", "\"a%d\"", "]}]}",
	  MAX_ARGS, "CONFIG_MAX_ARGS" },
	{ "hooks.prestart[0].env", 'T', "\"hooks\":{\"prestart\":[{\"path\":\"/h\",\"env\":[", "\"E%d=1\"", "]}]}",
	  MAX_ENV, "CONFIG_MAX_ENV" },
};

static char gen_buf[MAX_CONFIG_SIZE];

/* pre, n items joined by sep (0: none), post. */
static const char *
gen(const char *pre, const char *item, char sep, int n, const char *post)
{
	size_t o = (size_t)snprintf(gen_buf, sizeof(gen_buf), "%s", pre);

	for (int x = 0; x < n && o < sizeof(gen_buf); x++) {
		if (x && sep)
			gen_buf[o++] = sep;
		o += (size_t)snprintf(gen_buf + o, sizeof(gen_buf) - o, item, x, x);
	}
	if (o < sizeof(gen_buf))
		snprintf(gen_buf + o, sizeof(gen_buf) - o, "%s", post);
	return gen_buf;
}

static void
limit_checks(void)
{
	static char msg[512];

	for (size_t i = 0; i < sizeof(limit_cases) / sizeof(limit_cases[0]); i++) {
		const struct limit_case *c = &limit_cases[i];

		if (!CONFIG_SECCOMP && strstr(c->name, "seccomp"))
			continue;
		spec_run(c->where, gen(c->pre, c->item, ',', c->max, c->post), 0, NULL);
		check_outcome(nm("limit %s N=%d", c->name, c->max), "");
		spec_run(c->where, gen(c->pre, c->item, ',', c->max + 1, c->post), 0, NULL);
		snprintf(msg, sizeof(msg), E "%s: %d entries, limit is %d (raise %s)",
			 c->name, c->max + 1, c->max, c->sym);
		check_outcome(nm("limit %s N+1", c->name), msg);
	}
}

/* Paths, the mount data string, the file's size and its tokens. */
static void
limit_size_checks(void)
{
	static char msg[512];
	static const struct {
		const char *path;
		char where;
		const char *pre, *post;
	} paths[] = {
		{ "root.path", 'T', "\"root\":{\"path\":\"/", "\"}" },
		{ "process.cwd", 'P', "\"cwd\":\"/", "\"" },
		{ "mounts[0].destination", 'T', "\"mounts\":[{\"type\":\"tmpfs\",\"destination\":\"/", "\"}]" },
		{ "mounts[0].source", 'T', "\"mounts\":[{\"type\":\"tmpfs\",\"destination\":\"/m\",\"source\":\"/", "\"}]" },
		{ "linux.maskedPaths[0]", 'L', "\"maskedPaths\":[\"/", "\"]" },
		{ "linux.cgroupsPath", 'L', "\"cgroupsPath\":\"/", "\"" },
		{ "linux.devices[0].path", 'L', "\"devices\":[{\"type\":\"p\",\"path\":\"/", "\"}]" },
		{ "hooks.poststop[0].path", 'T', "\"hooks\":{\"poststop\":[{\"path\":\"/", "\"}]}" },
	};
	size_t len;

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		spec_run(paths[i].where, gen(paths[i].pre, "a", 0, MAX_PATH - 2,
					     paths[i].post), 0, NULL);
		check_outcome(nm("limit %s %d bytes", paths[i].path, MAX_PATH - 1), "");
		spec_run(paths[i].where, gen(paths[i].pre, "a", 0, MAX_PATH - 1,
					     paths[i].post), 0, NULL);
		snprintf(msg, sizeof(msg), E "%s: %d bytes, limit is %d (raise "
			 "CONFIG_MAX_PATH)", paths[i].path, MAX_PATH, MAX_PATH - 1);
		check_outcome(nm("limit %s %d bytes", paths[i].path, MAX_PATH), msg);
	}
	/* one unknown option word: MAX_PATH - 1 bytes and the NUL fill the
	 * data buffer; two words, a comma between */
	spec_run('T', gen("\"mounts\":[{\"destination\":\"/m\",\"type\":\"tmpfs\","
			  "\"options\":[\"", "o", 0, MAX_PATH - 1, "\"]}]"), 0, NULL);
	check_outcome(nm("limit mount data %d bytes", MAX_PATH - 1), "");
	spec_run('T', gen("\"mounts\":[{\"destination\":\"/m\",\"type\":\"tmpfs\","
			  "\"options\":[\"", "o", 0, MAX_PATH, "\"]}]"), 0, NULL);
	snprintf(msg, sizeof(msg), E "mount /m: options longer than %d bytes "
		 "(raise CONFIG_MAX_PATH)", MAX_PATH - 1);
	check_outcome(nm("limit mount data %d bytes", MAX_PATH), msg);
	spec_run('T', gen("\"mounts\":[{\"destination\":\"/m\",\"type\":\"tmpfs\","
			  "\"options\":[\"a\",\"", "o", 0, MAX_PATH - 3, "\"]}]"), 0, NULL);
	check_outcome(nm("limit mount data a,%d bytes", MAX_PATH - 3), "");
	spec_run('T', gen("\"mounts\":[{\"destination\":\"/m\",\"type\":\"tmpfs\","
			  "\"options\":[\"a\",\"", "o", 0, MAX_PATH - 2, "\"]}]"), 0, NULL);
	check_outcome(nm("limit mount data a,%d bytes", MAX_PATH - 2), msg);

	/* the file: MAX_CONFIG_SIZE bytes are read, MAX_CONFIG_SIZE + 1 not */
	len = spec_doc('T', "\"pad\":\"\"");
	spec_run('T', gen("\"pad\":\"", "x", 0, (int)(MAX_CONFIG_SIZE - len), "\""), 0, NULL);
	check_outcome(nm("limit config.json %d bytes", MAX_CONFIG_SIZE), "");
	spec_run('T', gen("\"pad\":\"", "x", 0, (int)(MAX_CONFIG_SIZE + 1 - len), "\""), 0, NULL);
	snprintf(msg, sizeof(msg), "rt: config.json: more than %d bytes (raise "
		 "CONFIG_MAX_CONFIG_SIZE)", MAX_CONFIG_SIZE);
	check_outcome(nm("limit config.json %d bytes", MAX_CONFIG_SIZE + 1), msg);
	spec_run('T', gen("\"pad\":\"", "x", 0, (int)(MAX_CONFIG_SIZE + 100 - len), "\""), 0, NULL);
	check_outcome(nm("limit config.json %d bytes", MAX_CONFIG_SIZE + 100), msg);

	/* tokens: the base document's, then one per array element */
	{
		jsmn_parser p;
		int base;

		len = spec_doc('T', "\"pad\":[]");
		jsmn_init(&p);
		base = jsmn_parse(&p, doc, len, NULL, 0);
		spec_run('T', gen("\"pad\":[", "0", ',', MAX_JSON_TOKENS - base, "]"), 0, NULL);
		check_outcome(nm("limit tokens N=%d", MAX_JSON_TOKENS), "");
		spec_run('T', gen("\"pad\":[", "0", ',', MAX_JSON_TOKENS - base + 1, "]"), 0, NULL);
		snprintf(msg, sizeof(msg), "rt: config.json: %d JSON tokens, limit is %d "
			 "(raise CONFIG_MAX_JSON_TOKENS)", MAX_JSON_TOKENS + 1,
			 MAX_JSON_TOKENS);
		check_outcome(nm("limit tokens N+1=%d", MAX_JSON_TOKENS + 1), msg);
	}
	/* namespaces: 8 types, so N is 8 at most; N+1 refused before dups */
	spec_run('N', gen("\"namespaces\":[", "{\"type\":\"mount\",\"path\":\"/x%d\"}", ',',
			  MAX_NAMESPACES + 1, "]"), 0, NULL);
	snprintf(msg, sizeof(msg), E "linux.namespaces: %d entries, limit is %d (raise "
		 "CONFIG_MAX_NAMESPACES)", MAX_NAMESPACES + 1, MAX_NAMESPACES);
	check_outcome(nm("limit linux.namespaces N+1"), msg);
	if (MAX_NAMESPACES >= 8) {
		spec_run('N', "\"namespaces\":[{\"type\":\"pid\"},{\"type\":\"network\"},"
			 "{\"type\":\"mount\"},{\"type\":\"ipc\"},{\"type\":\"uts\"},"
			 "{\"type\":\"user\"},{\"type\":\"cgroup\"},{\"type\":\"time\"}],"
			 "\"uidMappings\":[{\"containerID\":0,\"hostID\":1,\"size\":1}],"
			 "\"gidMappings\":[{\"containerID\":0,\"hostID\":1,\"size\":1}]", 0, NULL);
		check_outcome("limit linux.namespaces all 8", "");
	}
}

/* ---- every row of the member tables, walked from spec_rows --------------- */
/*
 * The tables are walked from spec_rows down through MK_OBJ rows, arrays
 * of objects, and the MK_FN rows whose function walk_fns says walks a
 * table of its own.  Each row makes its own cases, so that a new row is
 * checked without a new line here: a value of another JSON type and null
 * (or null accepted, for OR_NULL), lo-1 and hi+1 refused and lo and hi
 * accepted, an unknown name refused and every name accepted, the member
 * missing, N elements accepted and N+1 refused naming the symbol, and a
 * non-empty value of an MK_UNSUPPORTED row refused; and, without a fork,
 * that an MK_INT range fits its destination.  walk_bases holds members
 * that make an object valid, so that what a case accepts is accepted as
 * a whole config.json; walk_fns, what an MK_FN row's function takes.  A
 * line of either that the walk no longer reaches is a failure.
 */
#define ROWS(t) t, (int)(sizeof(t) / sizeof((t)[0]))
#define IDMAP	"{\"containerID\":0,\"hostID\":1000,\"size\":1}"
#define MAPS	"\"uidMappings\":[" IDMAP "],\"gidMappings\":[" IDMAP "]"
#define IODEV	"\"major\":8,\"minor\":%d,"

static const struct {
	const struct member *rows;
	const char *base;
} walk_bases[] = {
	{ spec_rows, "\"ociVersion\":\"1.0.2\",\"process\":{\"args\":[\"sh\"]},"
	  "\"root\":{\"path\":\"rootfs\"},\"linux\":{" BASE_NS "}" },
	{ process_rows, "\"args\":[\"sh\"]" },
	{ root_rows, "\"path\":\"rootfs\"" },
	{ rlimit_rows, "\"type\":\"RLIMIT_NOFILE\"" },
	{ sched_rows, "\"policy\":\"SCHED_OTHER\"" },
	{ ioprio_rows, "\"class\":\"IOPRIO_CLASS_BE\"" },
	/* a bind with both mappings, so that either one walked is valid */
	{ mount_rows, "\"destination\":\"/m\",\"type\":\"bind\",\"source\":\"/s\","
	  "\"uidMappings\":[{\"containerID\":0,\"hostID\":1000,\"size\":1}],"
	  "\"gidMappings\":[{\"containerID\":0,\"hostID\":1000,\"size\":1}]" },
	{ linux_rows, NS("{\"type\":\"user\"},{\"type\":\"time\"}") "," MAPS },
	{ ns_rows, "\"type\":\"ipc\"" },
	{ device_rows, "\"path\":\"/dev/d\",\"type\":\"c\",\"major\":1,"
	  "\"minor\":3" },
	{ weight_rows, "\"major\":8,\"minor\":0,\"weight\":10" },
	{ rate_rows, "\"major\":8,\"minor\":0,\"rate\":1" },
	{ hugepage_rows, "\"pageSize\":\"2MB\",\"limit\":1" },
	{ seccomp_rows, "\"defaultAction\":\"SCMP_ACT_ALLOW\"" },
	{ sc_syscall_rows, "\"action\":\"SCMP_ACT_ALLOW\"" },
	{ sc_cond_rows, "\"index\":0,\"op\":\"SCMP_CMP_EQ\"" },
	{ idmap_rows, "\"containerID\":0,\"hostID\":1000,\"size\":1" },
	{ personality_rows, "\"domain\":\"LINUX\"" },
	{ hook_rows, "\"path\":\"/h\"" },
};

/* An MK_FN row (or an array of them): the JSON type its function takes
 * (JSMN_PRIMITIVE: a number), and whether it takes null; if it walks rows
 * of its own, its value is pre, the object, post, and the object's path
 * is the row's and sfx; item is one element of an array of them (%d: its
 * index), NULL where the elements cannot all be alike. */
static const struct walk_fn {
	void (*fn)(int v, const char *jp, void *dst);
	int type;
	bool null_ok;
	const struct member *rows;
	int nrows;
	bool on;			/* rows compiled in */
	const char *pre, *post, *sfx, *item;
} walk_fns[] = {
#define OBJ(fn, rows) \
	{ fn, JSMN_OBJECT, false, ROWS(rows), true, "", "", "", NULL }
#define ELEMS(fn, rows, item) \
	{ fn, JSMN_OBJECT, false, ROWS(rows), true, "[", "]", "[0]", item }
#define TYPE(fn, type)	{ fn, type, false, NULL, 0, true, "", "", "", NULL }
#define SC_TYPE(fn, type) \
	{ fn, type, false, NULL, 0, CONFIG_SECCOMP, "", "", "", NULL }
	TYPE(spec_version, JSMN_STRING),
	OBJ(spec_process, process_rows),
	TYPE(spec_gids, JSMN_ARRAY),
	OBJ(spec_capabilities, capset_rows),
	TYPE(spec_capset, JSMN_ARRAY),
	TYPE(spec_rlimit_type, JSMN_STRING),
	TYPE(spec_oom, JSMN_PRIMITIVE),
	OBJ(spec_scheduler, sched_rows),
	TYPE(spec_sched_flags, JSMN_ARRAY),
	OBJ(spec_ioprio, ioprio_rows),
	TYPE(spec_apparmor, JSMN_STRING),
	TYPE(spec_selinux, JSMN_STRING),
	ELEMS(spec_mount, mount_rows,
	      "{\"destination\":\"/m%d\",\"type\":\"tmpfs\"}"),
	OBJ(spec_linux, linux_rows),
	{ spec_namespace, JSMN_OBJECT, false, ROWS(ns_rows), true,
	  "[{\"type\":\"mount\"},{\"type\":\"user\"},{\"type\":\"time\"},",
	  "]", "[3]", NULL },
	ELEMS(spec_device, device_rows,
	      "{\"path\":\"/dev/d%d\",\"type\":\"c\",\"major\":1,\"minor\":%d}"),
	TYPE(spec_propagation, JSMN_STRING),
	TYPE(spec_cgroups_path, JSMN_STRING),
	OBJ(spec_pids, pids_rows),
	ELEMS(spec_weightdev, weight_rows, "{" IODEV "\"weight\":10}"),
	ELEMS(spec_ratedev, rate_rows, "{" IODEV "\"rate\":1}"),
	ELEMS(spec_hugepage, hugepage_rows,
	      "{\"pageSize\":\"%dMB\",\"limit\":1}"),
	TYPE(spec_numtext, JSMN_PRIMITIVE),
	TYPE(spec_unified, JSMN_OBJECT),
	ELEMS(spec_devrule, devrule_rows, "{\"allow\":true,\"minor\":%d}"),
	TYPE(spec_devrule_type, JSMN_STRING),
	{ spec_seccomp, JSMN_OBJECT, false, ROWS(seccomp_rows), CONFIG_SECCOMP,
	  "", "", "", NULL },
	SC_TYPE(spec_sc_arches, JSMN_ARRAY),
	SC_TYPE(spec_sc_flags, JSMN_ARRAY),
	SC_TYPE(spec_sc_listener, JSMN_STRING),
	{ spec_sc_syscalls, JSMN_ARRAY, false, ROWS(sc_syscall_rows),
	  CONFIG_SECCOMP, "[", "]", "[0]", NULL },
	{ spec_sc_args, JSMN_ARRAY, false, ROWS(sc_cond_rows), CONFIG_SECCOMP,
	  "[", "]", "[0]", NULL },
	SC_TYPE(spec_sc_index, JSMN_PRIMITIVE),
	{ spec_time_offsets, JSMN_OBJECT, false, ROWS(offset_rows), true,
	  "{\"monotonic\":", "}", ".monotonic", NULL },
	OBJ(spec_personality, personality_rows),
	/* a device of the host's, by its name (<name>: the spec's word) */
	{ spec_net_devices, JSMN_OBJECT, false, ROWS(netdev_rows), true,
	  "{\"<name>\":", "}", ".<name>", NULL },
	TYPE(spec_mount_label, JSMN_STRING),
	/* linux.sysctl is read after the rest, and null skipped */
	{ spec_sysctl_tok, JSMN_OBJECT, true, NULL, 0, true, "", "", "", NULL },
	TYPE(spec_annotations, JSMN_OBJECT),
	OBJ(spec_hooks, hooks_rows),
	ELEMS(spec_hook, hook_rows, "{\"path\":\"/h%d\"}"),
	/* a hook's args and env: null is none (spec_str_array) */
	{ spec_hook_args, JSMN_ARRAY, true, NULL, 0, true, "", "", "", NULL },
	{ spec_hook_env, JSMN_ARRAY, true, NULL, 0, true, "", "", "", NULL },
#undef OBJ
#undef ELEMS
#undef TYPE
#undef SC_TYPE
};

struct walk {				/* an object of rows at path */
	const struct member *rows;
	int nrows;
	const char *path;
	const char *pre, *post;		/* the document around the object */
	const char *base;		/* its members, for a valid document */
};

static char walk_doc[MAX_CONFIG_SIZE];
static char walk_val[4096];		/* a value, or an element */
static bool base_used[sizeof(walk_bases) / sizeof(walk_bases[0])];
static bool fn_used[sizeof(walk_fns) / sizeof(walk_fns[0])];

static const char *
walk_base(const struct member *rows)
{
	for (size_t i = 0; i < sizeof(walk_bases) / sizeof(walk_bases[0]); i++)
		if (walk_bases[i].rows == rows) {
			base_used[i] = true;
			return walk_bases[i].base;
		}
	return "";
}

static const struct walk_fn *
walk_fn(const struct member *m)
{
	if (m->kind != MK_FN && !(m->kind == MK_ARRAY && m->elem == MK_FN))
		return NULL;
	for (size_t i = 0; i < sizeof(walk_fns) / sizeof(walk_fns[0]); i++)
		if (walk_fns[i].fn == m->fn) {
			fn_used[i] = true;
			return &walk_fns[i];
		}
	return NULL;
}

/* The members of base but name, into out (n bytes), comma-joined. */
static void
walk_others(const char *base, const char *name, char *out, size_t n)
{
	size_t o = 0, len = strlen(name);
	const char *s = base;

	out[0] = 0;
	while (*s) {
		const char *e = s;
		int depth = 0;
		bool str = false;

		for (; *e && (str || depth || *e != ','); e++) {
			if (str && *e == '\\' && e[1])
				e++;
			else if (*e == '"')
				str = !str;
			else if (!str && (*e == '{' || *e == '['))
				depth++;
			else if (!str && (*e == '}' || *e == ']'))
				depth--;
		}
		if ((strncmp(s + 1, name, len) || s[len + 1] != '"') &&
		    o + (size_t)(e - s) + 2 < n) {
			if (o)
				out[o++] = ',';
			memcpy(out + o, s, (size_t)(e - s));
			o += (size_t)(e - s);
			out[o] = 0;
		}
		s = *e ? e + 1 : e;
	}
}

/* The document with the object's member name set to v (NULL: absent). */
static void
walk_run(const struct walk *w, const char *name, const char *v)
{
	static char others[8192];

	walk_others(w->base, name, others, sizeof(others));
	snprintf(walk_doc, sizeof(walk_doc), "%s{%s%s%s%s%s%s}%s", w->pre,
		 others, *others && v ? "," : "", v ? "\"" : "", v ? name : "",
		 v ? "\":" : "", v ? v : "", w->post);
	spec_run('R', walk_doc, 0, NULL);
}

/* One case refused: the member's value v (NULL: absent) and the whole
 * message, fmt after "rt: config.json: <path>: ". */
static __attribute__((format(__printf__, 5, 6))) void
walk_case(const struct walk *w, const struct member *m, const char *v,
	  const char *what, const char *fmt, ...)
{
	static char msg[1024];
	char mp[JP_MAX];
	va_list ap;
	int n;

	jp_member(mp, w->path, m->name);
	walk_run(w, m->name, v);
	n = snprintf(msg, sizeof(msg), E "%s: ", mp);
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof(msg) - (size_t)n, fmt, ap);
	va_end(ap);
	check_outcome(nm("rows %s %s", mp, what), msg);
}

/* One case accepted: the member's value v. */
static void
walk_ok(const struct walk *w, const struct member *m, const char *v,
	const char *what)
{
	char mp[JP_MAX];

	jp_member(mp, w->path, m->name);
	walk_run(w, m->name, v);
	check_outcome(nm("rows %s %s", mp, what), "");
}

/* A value of a JSON type the row does not take, and the words for it;
 * NULL where any type may be right (MK_TOKEN of any, an MK_FN). */
static const char *
walk_wrong(const struct member *m, const struct walk_fn *f, const char **words)
{
	int type = 0;

	switch (m->kind) {
	case MK_BOOL:
		*words = "expected true or false";
		return "1";
	case MK_INT:
	case MK_U64:
		*words = "expected a number";
		return "\"1\"";
	case MK_STR:
	case MK_PATH:
	case MK_ENUM:
		type = JSMN_STRING;
		break;
	case MK_TOKEN:
		type = (int)m->lo;
		break;
	case MK_OBJ:
		type = JSMN_OBJECT;
		break;
	case MK_ARRAY:
		type = JSMN_ARRAY;
		break;
	case MK_FN:
		type = f ? f->type : 0;
		break;
	}
	if (type == JSMN_PRIMITIVE) {
		*words = "expected a number";
		return "\"1\"";
	}
	if (!type)
		return NULL;
	if (type == JSMN_STRING) {
		*words = "expected a string";
		return "1";
	}
	*words = type == JSMN_ARRAY ? "expected an array" : "expected an object";
	return type == JSMN_ARRAY ? "{}" : "[]";
}

/* n copies of item (%d: the index) as a JSON array (gen's buffer). */
static const char *
walk_items(const char *item, int n)
{
	return gen("[", item, ',', n, "]");
}

static void walk_rows(const struct walk *w);
static void walk_reach(const char *mp, enum mkind kind);

/* Whether the rows are walked in this build (seccomp's are not without
 * CONFIG_SECCOMP). */
static bool
walk_fn_on(const struct member *rows)
{
	for (size_t i = 0; i < sizeof(walk_fns) / sizeof(walk_fns[0]); i++)
		if (walk_fns[i].rows && walk_fns[i].rows == rows)
			return walk_fns[i].on;
	return true;
}

/* The object below row m: its rows, path and document around it. */
static void
walk_below(const struct walk *w, const struct member *m,
	   const struct walk_fn *f)
{
	static char others[8192];
	char path[JP_MAX], *pre, *post;
	struct walk c;
	const char *vpre = "", *vpost = "", *sfx = "";

	if (m->kind == MK_OBJ || (m->kind == MK_ARRAY && m->elem == MK_OBJ)) {
		c.rows = m->tab;
		c.nrows = m->ntab;
		if (m->kind == MK_ARRAY)
			vpre = "[", vpost = "]", sfx = "[0]";
	} else if (f && f->rows && f->on) {
		c.rows = f->rows;
		c.nrows = f->nrows;
		vpre = f->pre, vpost = f->post, sfx = f->sfx;
	} else {
		return;
	}
	walk_others(w->base, m->name, others, sizeof(others));
	jp_member(path, w->path, m->name);
	strncat(path, sfx, sizeof(path) - strlen(path) - 1);
	if (asprintf(&pre, "%s{%s%s\"%s\":%s", w->pre, others,
		     *others ? "," : "", m->name, vpre) < 0 ||
	    asprintf(&post, "%s}%s", vpost, w->post) < 0) {
		perror("unit: asprintf");
		exit(2);
	}
	c.path = path;
	c.pre = pre;
	c.post = post;
	c.base = walk_base(c.rows);
	walk_rows(&c);
	free(pre);
	free(post);
}

/* An MK_INT range within what its destination holds, signed or not. */
static void
walk_range(const char *mp, const struct member *m)
{
	long long min = m->size < 8 ? -(1LL << (8 * m->size - 1)) : LLONG_MIN;
	long long max = m->size < 8 ? (1LL << (8 * m->size)) - 1 : LLONG_MAX;
	static char got[128];

	snprintf(got, sizeof(got), "%lld..%lld in %d bytes", m->lo, m->hi,
		 m->size);
	result(nm("rows %s range", mp), m->lo <= m->hi && m->lo >= min &&
	       m->hi <= max, "a range within its destination",
	       strlen("a range within its destination"), got, strlen(got));
}

static void
walk_row(const struct walk *w, const struct member *m)
{
	const struct walk_fn *f = walk_fn(m);
	const struct row_limit *l;
	const char *v, *words = NULL, *item = NULL;
	char mp[JP_MAX];

	jp_member(mp, w->path, m->name);
	/* spec_no_v2 refuses what asks for something: an MK_UNSUPPORTED */
	walk_reach(mp, m->kind == MK_FN && m->fn == spec_no_v2 ?
		   MK_UNSUPPORTED : m->kind);
	if ((v = walk_wrong(m, f, &words)))
		walk_case(w, m, v, "type", "%s", words);
	if ((m->flags & MF_NULL) || m->kind == MK_UNSUPPORTED ||
	    m->kind == MK_OFF ||
	    (m->kind == MK_FN && f && f->null_ok))
		walk_ok(w, m, "null", "null");
	else if (v)
		walk_case(w, m, "null", "null", "%s", words);
	if (m->flags & MF_REQ)
		walk_case(w, m, NULL, "missing", "missing");
	switch (m->kind) {
	case MK_BOOL:
		walk_ok(w, m, "false", "false");
		break;
	case MK_INT:
		walk_range(mp, m);
		if (m->lo > LLONG_MIN) {
			snprintf(walk_val, sizeof(walk_val), "%lld", m->lo - 1);
			walk_case(w, m, walk_val, "lo-1", "%s is not an "
				  "integer in %lld..%lld", walk_val, m->lo, m->hi);
		}
		if (m->hi < LLONG_MAX) {
			snprintf(walk_val, sizeof(walk_val), "%lld", m->hi + 1);
			walk_case(w, m, walk_val, "hi+1", "%s is not an "
				  "integer in %lld..%lld", walk_val, m->lo, m->hi);
		}
		snprintf(walk_val, sizeof(walk_val), "%lld", m->lo);
		walk_ok(w, m, walk_val, "lo");
		snprintf(walk_val, sizeof(walk_val), "%lld", m->hi);
		walk_ok(w, m, walk_val, "hi");
		break;
	case MK_ENUM:
		walk_case(w, m, "\"nosuch\"", "unknown",
			  "unknown %s \"nosuch\"", m->what);
		for (int x = 0; x < m->ntab; x++) {
			const char *name = ((const char *const *)m->tab)[x];

			if (!name)
				continue;
			snprintf(walk_val, sizeof(walk_val), "\"%s\"", name);
			walk_ok(w, m, walk_val, name);
		}
		break;
	case MK_ARRAY:
		l = &row_limits[m->lim];
		item = m->elem == MK_STR ? "\"a%d\"" : m->elem == MK_PATH ?
		       "\"/p%d\"" : f ? f->item : NULL;
		if (m->elem == MK_OBJ) {
			snprintf(walk_val, sizeof(walk_val), "{%s}",
				 walk_base(m->tab));
			item = walk_val;
		}
		if (item)
			walk_ok(w, m, walk_items(item, l->max),
				nm("N=%d", l->max));
		walk_case(w, m, walk_items(item ? item : "0", l->max + 1),
			  "N+1", "%d entries, limit is %d (raise %s)",
			  l->max + 1, l->max, l->sym);
		break;
	case MK_IGNORED:		/* mounts[].options: by spec_mount */
		walk_ok(w, m, "[\"nosuid\"]", "ignored");
		break;
	case MK_UNSUPPORTED:
		walk_case(w, m, "[1]", "[1]", "not supported yet");
		walk_ok(w, m, "{}", "{}");
		break;
	case MK_OFF:			/* a feature compiled out */
		walk_case(w, m, "[1]", "[1]", "not in this build (%s=n)",
			  m->what);
		walk_ok(w, m, "{}", "{}");
		break;
	}
	walk_below(w, m, f);
}

/* Every row of one object, after checking its names are unique. */
static void
walk_rows(const struct walk *w)
{
	static char dup[256];

	dup[0] = 0;
	for (int r = 0; r < w->nrows; r++)
		for (int s = 0; s < r; s++)
			if (!strcmp(w->rows[r].name, w->rows[s].name))
				snprintf(dup, sizeof(dup), "%s twice",
					 w->rows[r].name);
	check_str(nm("rows %s names", *w->path ? w->path : "(top level)"), "",
		  dup);
	for (int r = 0; r < w->nrows; r++)
		walk_row(w, &w->rows[r]);
}

static void
row_checks(void)
{
	struct walk top = { ROWS(spec_rows), "", "", "", NULL };

	top.base = walk_base(spec_rows);
	walk_rows(&top);
	/* a table here that the walk no longer reaches is a stale line */
	for (size_t i = 0; i < sizeof(walk_bases) / sizeof(walk_bases[0]); i++)
		check_int(nm("rows walk_bases[%zu] (%s ...) reached", i,
			     walk_bases[i].rows[0].name), 1, base_used[i] ||
			  (!CONFIG_SECCOMP && !walk_fn_on(walk_bases[i].rows)));
	for (size_t i = 0; i < sizeof(walk_fns) / sizeof(walk_fns[0]); i++)
		check_int(nm("rows walk_fns[%zu] reached", i), 1, fn_used[i] ||
			  !walk_fns[i].on);
}

/*
 * Every member runtime-spec v1.3.0 defines for Linux and POSIX, as its
 * schema (schema/config-schema.json, config-linux.json and their defs at
 * tag v1.3.0) names them, an object's pattern members as <name> and an
 * array's elements as []: each must be a row the walk above reached, so
 * that no member of the spec is ever unknown to rt (and so ignored).
 * What the row does with it (applied, MK_IGNORED with the spec's reason
 * cited beside the row, MK_UNSUPPORTED refused) is the row's business.
 * The other platforms' objects (windows, solaris, vm, zos, freebsd) are
 * not here: the spec makes them theirs.
 */
static const char *const spec_members[] = {
	"annotations", "domainname", "hooks", "hooks.createContainer",
	"hooks.createContainer[].args", "hooks.createContainer[].env",
	"hooks.createContainer[].path", "hooks.createContainer[].timeout",
	"hooks.createRuntime", "hooks.createRuntime[].args",
	"hooks.createRuntime[].env", "hooks.createRuntime[].path",
	"hooks.createRuntime[].timeout", "hooks.poststart", "hooks.poststart[].args",
	"hooks.poststart[].env", "hooks.poststart[].path",
	"hooks.poststart[].timeout", "hooks.poststop", "hooks.poststop[].args",
	"hooks.poststop[].env", "hooks.poststop[].path", "hooks.poststop[].timeout",
	"hooks.prestart", "hooks.prestart[].args", "hooks.prestart[].env",
	"hooks.prestart[].path", "hooks.prestart[].timeout", "hooks.startContainer",
	"hooks.startContainer[].args", "hooks.startContainer[].env",
	"hooks.startContainer[].path", "hooks.startContainer[].timeout", "hostname",
	"linux", "linux.cgroupsPath", "linux.devices", "linux.devices[].fileMode",
	"linux.devices[].gid", "linux.devices[].major", "linux.devices[].minor",
	"linux.devices[].path", "linux.devices[].type", "linux.devices[].uid",
	"linux.gidMappings", "linux.gidMappings[].containerID",
	"linux.gidMappings[].hostID", "linux.gidMappings[].size", "linux.intelRdt",
	"linux.intelRdt.closID", "linux.intelRdt.enableMonitoring",
	"linux.intelRdt.l3CacheSchema", "linux.intelRdt.memBwSchema",
	"linux.intelRdt.schemata", "linux.maskedPaths", "linux.memoryPolicy",
	"linux.memoryPolicy.flags", "linux.memoryPolicy.mode",
	"linux.memoryPolicy.nodes", "linux.mountLabel", "linux.namespaces",
	"linux.namespaces[].path", "linux.namespaces[].type", "linux.netDevices",
	"linux.netDevices.<name>.name", "linux.personality",
	"linux.personality.domain", "linux.personality.flags", "linux.readonlyPaths",
	"linux.resources", "linux.resources.blockIO",
	"linux.resources.blockIO.leafWeight",
	"linux.resources.blockIO.throttleReadBpsDevice",
	"linux.resources.blockIO.throttleReadBpsDevice[].major",
	"linux.resources.blockIO.throttleReadBpsDevice[].minor",
	"linux.resources.blockIO.throttleReadBpsDevice[].rate",
	"linux.resources.blockIO.throttleReadIOPSDevice",
	"linux.resources.blockIO.throttleReadIOPSDevice[].major",
	"linux.resources.blockIO.throttleReadIOPSDevice[].minor",
	"linux.resources.blockIO.throttleReadIOPSDevice[].rate",
	"linux.resources.blockIO.throttleWriteBpsDevice",
	"linux.resources.blockIO.throttleWriteBpsDevice[].major",
	"linux.resources.blockIO.throttleWriteBpsDevice[].minor",
	"linux.resources.blockIO.throttleWriteBpsDevice[].rate",
	"linux.resources.blockIO.throttleWriteIOPSDevice",
	"linux.resources.blockIO.throttleWriteIOPSDevice[].major",
	"linux.resources.blockIO.throttleWriteIOPSDevice[].minor",
	"linux.resources.blockIO.throttleWriteIOPSDevice[].rate",
	"linux.resources.blockIO.weight", "linux.resources.blockIO.weightDevice",
	"linux.resources.blockIO.weightDevice[].leafWeight",
	"linux.resources.blockIO.weightDevice[].major",
	"linux.resources.blockIO.weightDevice[].minor",
	"linux.resources.blockIO.weightDevice[].weight", "linux.resources.cpu",
	"linux.resources.cpu.burst", "linux.resources.cpu.cpus",
	"linux.resources.cpu.idle", "linux.resources.cpu.mems",
	"linux.resources.cpu.period", "linux.resources.cpu.quota",
	"linux.resources.cpu.realtimePeriod", "linux.resources.cpu.realtimeRuntime",
	"linux.resources.cpu.shares", "linux.resources.devices",
	"linux.resources.devices[].access", "linux.resources.devices[].allow",
	"linux.resources.devices[].major", "linux.resources.devices[].minor",
	"linux.resources.devices[].type", "linux.resources.hugepageLimits",
	"linux.resources.hugepageLimits[].limit",
	"linux.resources.hugepageLimits[].pageSize", "linux.resources.memory",
	"linux.resources.memory.checkBeforeUpdate",
	"linux.resources.memory.disableOOMKiller", "linux.resources.memory.kernel",
	"linux.resources.memory.kernelTCP", "linux.resources.memory.limit",
	"linux.resources.memory.reservation", "linux.resources.memory.swap",
	"linux.resources.memory.swappiness", "linux.resources.memory.useHierarchy",
	"linux.resources.network", "linux.resources.network.classID",
	"linux.resources.network.priorities",
	"linux.resources.network.priorities[].name",
	"linux.resources.network.priorities[].priority", "linux.resources.pids",
	"linux.resources.pids.limit", "linux.resources.rdma",
	"linux.resources.rdma.<name>.hcaHandles",
	"linux.resources.rdma.<name>.hcaObjects", "linux.resources.unified",
	"linux.rootfsPropagation", "linux.seccomp", "linux.seccomp.architectures",
	"linux.seccomp.defaultAction", "linux.seccomp.defaultErrnoRet",
	"linux.seccomp.flags", "linux.seccomp.listenerMetadata",
	"linux.seccomp.listenerPath", "linux.seccomp.syscalls",
	"linux.seccomp.syscalls[].action", "linux.seccomp.syscalls[].args",
	"linux.seccomp.syscalls[].args[].index",
	"linux.seccomp.syscalls[].args[].op",
	"linux.seccomp.syscalls[].args[].value",
	"linux.seccomp.syscalls[].args[].valueTwo",
	"linux.seccomp.syscalls[].errnoRet", "linux.seccomp.syscalls[].names",
	"linux.sysctl", "linux.timeOffsets", "linux.timeOffsets.boottime",
	"linux.timeOffsets.boottime.nanosecs", "linux.timeOffsets.boottime.secs",
	"linux.timeOffsets.monotonic", "linux.timeOffsets.monotonic.nanosecs",
	"linux.timeOffsets.monotonic.secs", "linux.uidMappings",
	"linux.uidMappings[].containerID", "linux.uidMappings[].hostID",
	"linux.uidMappings[].size", "mounts", "mounts[].destination",
	"mounts[].gidMappings", "mounts[].gidMappings[].containerID",
	"mounts[].gidMappings[].hostID", "mounts[].gidMappings[].size",
	"mounts[].options", "mounts[].source", "mounts[].type",
	"mounts[].uidMappings", "mounts[].uidMappings[].containerID",
	"mounts[].uidMappings[].hostID", "mounts[].uidMappings[].size", "ociVersion",
	"process", "process.apparmorProfile", "process.args", "process.capabilities",
	"process.capabilities.ambient", "process.capabilities.bounding",
	"process.capabilities.effective", "process.capabilities.inheritable",
	"process.capabilities.permitted", "process.commandLine",
	"process.consoleSize", "process.consoleSize.height",
	"process.consoleSize.width", "process.cwd", "process.env",
	"process.execCPUAffinity", "process.execCPUAffinity.final",
	"process.execCPUAffinity.initial", "process.ioPriority",
	"process.ioPriority.class", "process.ioPriority.priority",
	"process.noNewPrivileges", "process.oomScoreAdj", "process.rlimits",
	"process.rlimits[].hard", "process.rlimits[].soft", "process.rlimits[].type",
	"process.scheduler", "process.scheduler.deadline", "process.scheduler.flags",
	"process.scheduler.nice", "process.scheduler.period",
	"process.scheduler.policy", "process.scheduler.priority",
	"process.scheduler.runtime", "process.selinuxLabel", "process.terminal",
	"process.user", "process.user.additionalGids", "process.user.gid",
	"process.user.uid", "process.user.umask", "process.user.username", "root",
	"root.path", "root.readonly",
};

#define NREACHED 512
static struct {
	char path[JP_MAX];
	enum mkind kind;
} reached[NREACHED];
static int nreached;

/* A row's path as spec_members writes it: [N] as [], and an object's
 * pattern member (netDevices.eth0, rdma.mlx5_1) as <name>. */
static void
walk_reach(const char *mp, enum mkind kind)
{
	char *o;

	if (nreached == NREACHED)
		return;
	for (int r = 0; r < nreached; r++)
		if (!strcmp(reached[r].path, mp)) {
			reached[r].kind = kind;
			return;
		}
	o = reached[nreached].path;
	for (const char *s = mp; *s && o < reached[nreached].path + JP_MAX - 8;)
		if (*s == '[') {
			while (*s && *s++ != ']')
				;
			*o++ = '[', *o++ = ']';
		} else {
			*o++ = *s++;
		}
	*o = 0;
	reached[nreached++].kind = kind;
}

/*
 * Rows the walk does not reach, read by their names: memoryPolicy's
 * (its modes and nodes go together, and spec_cases has them), the
 * clocks' (the walk takes monotonic only, spec_time_offsets reads both
 * alike), intelRdt, whose function refuses every member, and mounts'
 * options, an MK_IGNORED row that spec_mount reads in a second pass.
 */
static const struct {
	const struct member *rows;
	int nrows;
	const char *path;
	enum mkind kind;
} by_name[] = {
	{ ROWS(mpol_rows), "linux.memoryPolicy", MK_FN },
	{ ROWS(offset_rows), "linux.timeOffsets.monotonic", MK_OBJ },
	{ ROWS(offset_rows), "linux.timeOffsets.boottime", MK_OBJ },
	{ NULL, 0, "linux.intelRdt", MK_UNSUPPORTED },
	{ NULL, 0, "mounts[].options", MK_FN },
};

static void
spec_member_checks(void)
{
	static const char *const kinds[NMKINDS] = {
		[MK_IGNORED] = "ignored", [MK_UNSUPPORTED] = "refused",
		[MK_OFF] = "compiled out",
	};
	char p[JP_MAX];

	for (size_t i = 0; i < sizeof(by_name) / sizeof(by_name[0]); i++) {
		walk_reach(by_name[i].path, by_name[i].kind);
		for (int r = 0; r < by_name[i].nrows; r++) {
			jp_member(p, by_name[i].path, by_name[i].rows[r].name);
			walk_reach(p, by_name[i].rows[r].kind);
		}
	}

	for (size_t i = 0; i < sizeof(spec_members) / sizeof(spec_members[0]); i++) {
		const char *kind = "none";

		for (int r = 0; r < nreached; r++)
			if (!strcmp(reached[r].path, spec_members[i])) {
				kind = kinds[reached[r].kind] ?
				       kinds[reached[r].kind] : "applied";
				break;
			}
		/* a member of a refused object is refused with it */
		for (int r = 0; r < nreached && !strcmp(kind, "none"); r++) {
			size_t n = strlen(reached[r].path);

			if (reached[r].kind == MK_UNSUPPORTED &&
			    !strncmp(reached[r].path, spec_members[i], n) &&
			    strchr(".[", spec_members[i][n]))
				kind = "refused with its object";
		}
		check_str(nm("spec-1.3.0 %s (%s)", spec_members[i], kind),
			  "a row of rt's tables", strcmp(kind, "none") ?
			  "a row of rt's tables" : "not a row of rt's tables");
	}
}

/* ---- JSON: the unescaper (js_load) and the escaper ---------------------- */
static void
child_unescape(const void *arg)
{
	(void)arg;
	js_load("config.json", "config.json");
	if (ntoks >= 3)
		writeall(1, cfgbuf + toks[2].start, strlen(cfgbuf + toks[2].start));
}

static void
unescape_checks(void)
{
	static const struct {
		const char *name, *in, *out;
	} c[] = {
		{ "plain", "abc", "abc" },
		{ "empty", "", "" },
		{ "quote", "a\\\"b", "a\"b" },
		{ "backslash", "\\\\", "\\" },
		{ "slash", "\\/", "/" },
		{ "controls", "\\b\\f\\n\\r\\t", "\b\f\n\r\t" },
		{ "u-ascii", "\\u0041", "A" },
		{ "u-control", "\\u0001\\u001f", "\x01\x1f" },
		{ "u-2byte", "\\u00e9", "\xc3\xa9" },
		{ "u-upper-hex", "\\u00C9", "\xc3\x89" },
		{ "u-07ff", "\\u07ff", "\xdf\xbf" },
		{ "u-0800", "\\u0800", "\xe0\xa0\x80" },
		{ "u-ffff", "\\uFFFF", "\xef\xbf\xbf" },
		{ "u-pair", "\\ud83d\\ude00", "\xf0\x9f\x98\x80" },
		{ "u-pair-max", "\\udbff\\udfff", "\xf4\x8f\xbf\xbf" },
		{ "u-pair-min", "\\ud800\\udc00", "\xf0\x90\x80\x80" },
		/* lone or mismatched surrogates: U+FFFD, as Go's encoding/json */
		{ "u-lone-high", "a\\ud83db", "a\xef\xbf\xbd" "b" },
		{ "u-lone-high-end", "\\ud83d", "\xef\xbf\xbd" },
		{ "u-lone-low", "\\ude00", "\xef\xbf\xbd" },
		{ "u-low-high", "\\ude00\\ud83d", "\xef\xbf\xbd\xef\xbf\xbd" },
		{ "u-high-ascii", "\\ud83d\\u0041", "\xef\xbf\xbd" "A" },
		{ "u-high-high-low", "\\ud83d\\ud83d\\ude00",
		  "\xef\xbf\xbd\xf0\x9f\x98\x80" },
		{ "u-high-escape", "\\ud83d\\n", "\xef\xbf\xbd\n" },
		{ "u-high-nul", "\\ud83d\\u0000",
		  "rt: config.json: string at byte 6 holds a NUL\n" },
		{ "raw-utf8", "\xc3\xa9\xe2\x82\xac", "\xc3\xa9\xe2\x82\xac" },
		{ "mixed", "x\\n\\u0041\\\\\\\"y\\u20ac", "x\nA\\\"y\xe2\x82\xac" },
		{ "escaped-backslash-u", "\\\\u0041", "\\u0041" },
	};
	static char in[256];

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		int n = snprintf(in, sizeof(in), "{\"s\":\"%s\"}", c[i].in);

		put("config.json", in, (size_t)n);
		run(child_unescape, NULL);
		if (res.status || res.nerr)
			check_str(nm("unescape %s", c[i].name), c[i].out, res.err);
		else
			check_mem(nm("unescape %s", c[i].name), c[i].out,
				  strlen(c[i].out), res.out, res.nout);
	}
}

static void
escape_checks(void)
{
	static const struct {
		const char *name, *in, *out;
		size_t n;
		bool whole;
	} c[] = {
		{ "plain", "abc", "abc", 64, true },
		{ "empty", "", "", 64, true },
		{ "quote-backslash", "a\"b\\c", "a\\\"b\\\\c", 64, true },
		{ "controls", "\n\t\r\b\f", "\\u000a\\u0009\\u000d\\u0008\\u000c", 64, true },
		{ "control-edges", "\x01\x1f ", "\\u0001\\u001f ", 64, true },
		{ "del", "\x7f", "\x7f", 64, true },
		{ "slash", "/a/b", "/a/b", 64, true },
		{ "utf8", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 64, true },
		{ "bounded-fits", "abcdefghijklmno", "abcdefghijklmno", 16, true },
		{ "bounded", "abcdefghijklmnop", "abcdefghijklmno", 16, false },
		{ "bounded-1", "a", "", 1, false },
		{ "bounded-control", "abcdefghi\x01", "abcdefghi\\u0001", 16, true },
		{ "bounded-control-cut", "abcdefghij\x01", "abcdefghij", 16, false },
		{ "bounded-quote-cut", "abcdefghijklmn\"", "abcdefghijklmn", 16, false },
	};
	static char out[80];

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		bool whole;

		memset(out, '#', sizeof(out));
		whole = json_escape(out, c[i].n, c[i].in);
		check_str(nm("escape %s", c[i].name), c[i].out, out);
		check_int(nm("escape %s whole", c[i].name), c[i].whole, whole);
		if (c[i].n < sizeof(out))
			check_int(nm("escape %s guard", c[i].name), '#',
				  out[c[i].n]);
	}
}

/* ---- the undo list ------------------------------------------------------ */
static void
undo_print(intptr_t n)
{
	dprintf(1, "undo %d\n", (int)n);
}

/* MAX_UNDO entries and one more: that one undone at once, then the rest
 * newest first by die(), which names the limit. */
static void
undo_overflow(const void *arg)
{
	(void)arg;
	for (int i = 0; i <= MAX_UNDO; i++)
		undo_push(undo_print, i);
}

static void
undo_checks(void)
{
	char want[1024];
	size_t o = 0;

	for (int i = MAX_UNDO; i >= 0; i--)
		o += (size_t)snprintf(want + o, sizeof(want) - o, "undo %d\n", i);
	run(undo_overflow, NULL);
	check_str("undo-full-order", want, res.out);
	snprintf(want, sizeof(want), "rt: the undo list is full (%d entries)",
		 MAX_UNDO);
	check_outcome("undo-full-error", want);
}

/* ---- hook timeouts without pidfd_open ----------------------------------- */
/* In a fork under a seccomp filter that answers pidfd_open with ENOSYS (as
 * Linux < 5.3 does): a hook that exits within its timeout gives its status,
 * one that sleeps past it is killed after it.  Started first and collected
 * last, so that its second overlaps the other checks. */
static pid_t hookw_pid = -1;
static int hookw_fd = -1;

static void
hookw_child(void)
{
	struct sock_filter f[] = {	/* runtime.c's own BPF names */
		{ BPF_LD_W_ABS, 0, 0, SC_OFF_NR },
		{ BPF_JEQ_K, 0, 1, SYS_pidfd_open },
		{ BPF_RET_K, 0, 0, SECCOMP_RET_ERRNO | ENOSYS },
		{ BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW },
	};
	struct sock_fprog prog = { ARRAY_LEN(f), f };
	struct timespec t0, t1;
	long ms, e;
	int st;
	pid_t q;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) {
		printf("seccomp: %s\n", strerror(errno));
		return;
	}
	e = syscall(SYS_pidfd_open, getpid(), 0) < 0 ? errno : 0;
	printf("pidfd_open: %s\n", e == ENOSYS ? "ENOSYS" : strerror((int)e));
	q = fork();
	if (q == 0)
		_exit(7);
	st = hook_wait(q, 1);
	printf("quick: %s %d\n", WIFEXITED(st) ? "exit" : "not exited",
	       WEXITSTATUS(st));
	q = fork();
	if (q == 0) {
		sleep(5);
		_exit(0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	st = hook_wait(q, 1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	if (ms >= 1000 && ms < 3000)
		printf("slow: %d, killed after 1-3 s\n", st);
	else
		printf("slow: %d, killed after %ld ms\n", st, ms);
	errno = 0;
	printf("reaped: %s\n", waitpid(q, NULL, WNOHANG) < 0 && errno == ECHILD ?
	       "yes" : "no");
}

static void
hookw_start(void)
{
	int p[2];

	fflush(NULL);
	if (pipe2(p, O_CLOEXEC) < 0 || (hookw_pid = fork()) < 0) {
		perror("unit: hookw");
		exit(2);
	}
	if (hookw_pid == 0) {
		dup2(p[1], 1);
		hookw_child();
		fflush(stdout);
		_exit(0);
	}
	close(p[1]);
	hookw_fd = p[0];
}

static void
hookw_finish(void)
{
	char out[1024];
	size_t n = 0;
	ssize_t r;

	while (n < sizeof(out) - 1 &&
	       (r = read(hookw_fd, out + n, sizeof(out) - 1 - n)) > 0)
		n += (size_t)r;
	out[n] = 0;
	close(hookw_fd);
	waitpid(hookw_pid, NULL, 0);
	check_str("hook-timeout-no-pidfd", "pidfd_open: ENOSYS\nquick: exit 7\n"
		  "slow: -1, killed after 1-3 s\nreaped: yes\n", out);
}

/* ---- rfc3339 ------------------------------------------------------------ */
static void
rfc3339_checks(void)
{
	static const struct {
		long long sec;
		long nsec;
		bool nanos;
		const char *out;
	} c[] = {
		{ 0, 0, false, "1970-01-01T00:00:00Z" },
		{ 0, 0, true, "1970-01-01T00:00:00Z" },
		{ 0, 500000000, false, "1970-01-01T00:00:00Z" },
		{ 0, 500000000, true, "1970-01-01T00:00:00.5Z" },
		{ 0, 1, true, "1970-01-01T00:00:00.000000001Z" },
		{ 0, 120000000, true, "1970-01-01T00:00:00.12Z" },
		{ 59, 999999999, true, "1970-01-01T00:00:59.999999999Z" },
		{ 68169600, 0, false, "1972-02-29T00:00:00Z" },
		{ 951782400, 0, false, "2000-02-29T00:00:00Z" },
		{ 951868799, 100, true, "2000-02-29T23:59:59.0000001Z" },
		{ 1000000000, 0, false, "2001-09-09T01:46:40Z" },
		{ 1709251199, 0, false, "2024-02-29T23:59:59Z" },
		{ 1735689599, 0, false, "2024-12-31T23:59:59Z" },
		{ 4107456000, 0, false, "2100-02-28T00:00:00Z" },
		{ 4107542400, 0, false, "2100-03-01T00:00:00Z" },
		{ 253402300799, 999999999, true, "9999-12-31T23:59:59.999999999Z" },
	};
	static char out[64];

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		fake_now.on = true;
		fake_now.ts.tv_sec = (time_t)c[i].sec;
		fake_now.ts.tv_nsec = c[i].nsec;
		memset(out, '#', sizeof(out));
		rfc3339(out, sizeof(out), c[i].nanos);
		fake_now.on = false;
		check_str(nm("rfc3339 %lld.%09ld%s", c[i].sec, c[i].nsec,
			     c[i].nanos ? " nanos" : ""), c[i].out, out);
	}
}

/* ---- cpu.shares to cpu.weight ------------------------------------------- */
/* The curve's fixed points, runc 1.3's and crun 1.23's values, and every
 * shares from 2 to 300000 against libm's log2 and pow (musl has them in
 * libc.a; rt itself does without them). */
/* rt's printf family against musl's, for every conversion rt uses and
 * more: the text and the length, whole and cut at sizes 0, 1 and 6. */
#undef snprintf
#pragma GCC diagnostic push	/* the cases cut their output, and "%-05d" */
#pragma GCC diagnostic ignored "-Wformat-truncation"
#pragma GCC diagnostic ignored "-Wformat"
#define FMT_CASE(...) do {						\
	char a[256], b[256];						\
	int ra = rt_snprintf(a, sizeof(a), __VA_ARGS__);		\
	int rb = snprintf(b, sizeof(b), __VA_ARGS__);			\
	check_str(nm("fmt %s", #__VA_ARGS__), b, a);			\
	check_int(nm("fmt %s length", #__VA_ARGS__), rb, ra);		\
	for (size_t cut = 0; cut < 7; cut += cut ? 5 : 1) {		\
		memset(a, 'x', sizeof(a));				\
		memset(b, 'x', sizeof(b));				\
		ra = rt_snprintf(a, cut, __VA_ARGS__);			\
		rb = snprintf(b, cut, __VA_ARGS__);			\
		check_int(nm("fmt %s cut %zu", #__VA_ARGS__, cut), rb, ra); \
		check_mem(nm("fmt %s cut %zu text", #__VA_ARGS__, cut), \
			  b, 8, a, 8);					\
	}								\
} while (0)

static void
fmt_checks(void)
{
	FMT_CASE("plain");
	FMT_CASE("%d %d %d", 0, -1, INT_MIN);
	FMT_CASE("%i|%5d|%-5d|%05d|%-05d|%.3d|%.0d|", 42, 42, -42, -42, 7, -7, 0);
	FMT_CASE("%ld %lld %lld", LONG_MIN, LLONG_MIN, LLONG_MAX);
	FMT_CASE("%u %lu %llu %zu", UINT_MAX, ULONG_MAX, ULLONG_MAX, SIZE_MAX);
	FMT_CASE("%x %X %04x %016llx %o %04o", 255u, 255u, 10u, 0xdeadbeefULL, 8u, 0755u);
	FMT_CASE("%hhd %hhu %hd %hu", 300, 300, 70000, 70000);
	FMT_CASE("%c%c|%3c|%-3c|", 'a', 'b', 'c', 'd');
	FMT_CASE("%s|%10s|%-10s|%.2s|%.0s|", "abc", "right", "left", "cut", "none");
	FMT_CASE("%.*s|%-*s|%*d|%*d|", 3, "abcdef", 6, "ab", 4, 5, -4, 5);
	FMT_CASE("%10u|%02d:%02d|%09d|%04d", 12345u, 7, 5, 123, -12);
	FMT_CASE("100%% %s", "done");
	FMT_CASE("%s", "");
	FMT_CASE("%.64s and %.60s", "short", "a string longer than sixty characters, which the precision cuts off");
}
#pragma GCC diagnostic pop
#define snprintf rt_snprintf

/* events --interval: Go's durations, in milliseconds (at least 1) */
static void
interval_one(const void *arg)
{
	printf("%ld", parse_interval(arg));
}

static void
interval_checks(void)
{
	static const char *const c[][2] = {
		{ "5s", "5000" }, { "500ms", "500" }, { "1m", "60000" },
		{ "1m30s", "90000" }, { "1.5s", "1500" }, { ".5s", "500" },
		{ "1h2m3.5s", "3723500" }, { "2", "2000" }, { "0.25", "250" },
		{ "100us", "1" }, { "1500000ns", "1" }, { "2500\xc2\xb5s", "2" },
		{ "3000\xce\xbcs", "3" }, { "1.0000000009h", "3600000" },
		{ "2ms500us", "2" }, { "10m0.5s", "600500" },
	};
	static const char *const bad[] = {
		"", "s", "5x", "5 s", "-1s", "0", "0s", "ms5", "5s3",
		"1s2", "99999999999999999999s", "1000000000h", "1..5s",
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		run(interval_one, c[i][0]);
		check_str(nm("interval %s", c[i][0]), c[i][1], res.out);
		check_outcome(nm("interval %s ok", c[i][0]), "");
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		run(interval_one, bad[i]);
		check_outcome(nm("interval \"%s\" refused", bad[i]),
			      nm("rt: events: --interval: invalid duration \"%s\"", bad[i]));
	}
}

static void
weight_checks(void)
{
	static const unsigned long long c[][2] = {
		{ 1, 1 }, { 2, 1 }, { 3, 2 }, { 4, 2 }, { 10, 4 }, { 100, 17 },
		{ 512, 59 }, { 1024, 100 }, { 2048, 174 }, { 4096, 303 },
		{ 100000, 4340 }, { 262143, 10000 }, { 262144, 10000 },
		{ 1000000, 10000 },
	};
	unsigned long long s, w, bad = 0;
	char got[32], exp[32];
	double l;

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		snprintf(exp, sizeof(exp), "%llu", c[i][1]);
		snprintf(got, sizeof(got), "%llu", cg_weight(c[i][0]));
		check_str(nm("cpu-weight %llu", c[i][0]), exp, got);
	}
	for (s = 3; s < 262144 && !bad; s++) {
		l = log2((double)s);
		w = (unsigned long long)ceil(pow(10, (l * l + 125 * l) /
						 612.0 - 7.0 / 34.0));
		if (cg_weight(s) != w)
			bad = s;
	}
	snprintf(got, sizeof(got), "%llu", bad);
	check_str("cpu-weight as libm for 3..262143", "0", got);
}

/* ---- the option parser, through rt_main --------------------------------- */
static char *argv_buf[2 * MAX_OPTLIST + 16];

static void
unit_rt_main(const void *arg)
{
	int argc = 0;

	(void)arg;
	while (argv_buf[argc])
		argc++;
	exit(rt_main(argc, argv_buf));
}

/* Runs rt with the args; out and err: "=exact", "^prefix", "~contains". */
static void
cli_check(const char *name, const char *const *args, int status,
	  const char *out, const char *err)
{
	int n = 0;

	argv_buf[n++] = "rt";
	for (; args[n - 1] && n < 2 * MAX_OPTLIST + 15; n++)
		argv_buf[n] = (char *)args[n - 1];
	argv_buf[n] = NULL;
	run(unit_rt_main, NULL);
	for (int k = 0; k < 2; k++) {
		const char *want = k ? err : out, *have = k ? res.err : res.out;
		bool good = *want == '=' ? !strcmp(have, want + 1) :
			    *want == '^' ? !strncmp(have, want + 1, strlen(want + 1)) :
			    strstr(have, want + 1) != NULL;

		result(nm("%s %s", name, k ? "stderr" : "stdout"), good, want,
		       strlen(want), have, strlen(have));
	}
	check_int(nm("%s status", name), status, res.status);
}

#define A(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void
cli_checks(void)
{
	static char longid[MAX_ID + 2], msg[MAX_ID + 64];
	static const char *many[2 * MAX_OPTLIST + 8];
	struct stat st;

	cli_check("cli no-args", A(NULL), 1, "=", "^usage: rt [global options] <command>");
	cli_check("cli help", A("help"), 0, "^usage: rt [global options] <command>", "=");
	cli_check("cli --help", A("--help"), 0, "^usage: rt [global options] <command>", "=");
	cli_check("cli -h", A("-h"), 0, "^usage: rt [global options] <command>", "=");
	cli_check("cli --version", A("--version"), 0, "=rt version " RT_VERSION "\nspec: 1.3.0\n", "=");
	cli_check("cli -v", A("-v"), 0, "=rt version " RT_VERSION "\nspec: 1.3.0\n", "=");
	cli_check("cli unknown-global", A("--bogus"), 1, "=", "=rt: unknown option --bogus\n");
	cli_check("cli unknown-global-short", A("-x", "state"), 1, "=", "=rt: unknown option -x\n");
	cli_check("cli unknown-command", A("bogus"), 1, "=", "=rt: unknown command \"bogus\"\n");
	cli_check("cli dash-command", A("-"), 1, "=", "=rt: unknown command \"-\"\n");
	cli_check("cli missing-arg", A("state"), 1, "=",
		  "=rt: state: expected <container-id> (see rt state --help)\n");
	cli_check("cli extra-arg", A("--root", "st", "state", "a", "b"), 1, "=",
		  "=rt: state: expected <container-id> (see rt state --help)\n");
	cli_check("cli --x-v", A("--root", "st", "state", "c1"), 1, "=", "=rt: c1: container does not exist\n");
	cli_check("cli --x=v", A("--root=st", "state", "c1"), 1, "=", "=rt: c1: container does not exist\n");
	cli_check("cli -x-v", A("-root", "st", "state", "c1"), 1, "=", "=rt: c1: container does not exist\n");
	cli_check("cli -x=v", A("-root=st", "state", "c1"), 1, "=", "=rt: c1: container does not exist\n");
	cli_check("cli missing-value", A("--root"), 1, "=", "=rt: --root needs a value\n");
	cli_check("cli flag-value", A("--debug=1", "state", "c"), 1, "=", "=rt: --debug=1 takes no value\n");
	cli_check("cli dashdash", A("--root", "st", "state", "--", "-x"), 1, "=",
		  "=rt: -x: container does not exist\n");
	cli_check("cli dashdash-global", A("--root", "st", "--", "state", "c2"), 1, "=",
		  "=rt: c2: container does not exist\n");
	cli_check("cli unknown-cmd-option", A("--root", "st", "state", "-x"), 1, "=",
		  "=rt: state: unknown option -x\n");
	cli_check("cli option-of-other-command", A("list", "--all"), 1, "=",
		  "=rt: list: unknown option --all\n");
	cli_check("cli global-after-command", A("list", "--root", "st"), 1, "=",
		  "=rt: list: unknown option --root\n");
	cli_check("cli letters-not-combined", A("--root", "st", "list", "-qf", "json"), 1, "=",
		  "=rt: list: unknown option -qf\n");
	cli_check("cli short-flag", A("--root", "st", "list", "-q"), 0, "=", "=");
	cli_check("cli short-value", A("--root", "st", "list", "-f", "json"), 0, "=null\n", "=");
	cli_check("cli short-value=", A("--root", "st", "list", "-f=json"), 0, "=null\n", "=");
	cli_check("cli long-value", A("--root", "st", "list", "--format", "json"), 0, "=null\n", "=");
	cli_check("cli table", A("--root", "st", "list"), 0,
		  "=ID          PID         STATUS      BUNDLE      CREATED     OWNER\n", "=");
	cli_check("cli bad-format", A("--root", "st", "list", "--format", "xml"), 1, "=",
		  "=rt: invalid format option\n");
	cli_check("cli cmd-missing-value", A("--root", "st", "list", "--format"), 1, "=",
		  "=rt: list: --format needs a value\n");
	cli_check("cli cmd-short-missing-value", A("spec", "-b"), 1, "=", "=rt: spec: -b needs a value\n");
	cli_check("cli cmd-flag-value", A("spec", "--rootless=1"), 1, "=",
		  "=rt: spec: --rootless=1 takes no value\n");
	cli_check("cli cmd-short-flag-value", A("--root", "st", "kill", "-a=1", "c"), 1, "=",
		  "=rt: kill: -a=1 takes no value\n");
	cli_check("cli bad-number", A("create", "--preserve-fds", "x", "c"), 1, "=",
		  "=rt: create: --preserve-fds: invalid number \"x\"\n");
	cli_check("cli negative-number", A("create", "--preserve-fds=-1", "c"), 1, "=",
		  "=rt: create: --preserve-fds: invalid number \"-1\"\n");
	cli_check("cli trailing-number", A("run", "--preserve-fds", "3x", "c"), 1, "=",
		  "=rt: run: --preserve-fds: invalid number \"3x\"\n");
	cli_check("cli huge-number", A("create", "--preserve-fds", "99999999999999999999", "c"), 1, "=",
		  "=rt: create: --preserve-fds: invalid number \"99999999999999999999\"\n");
	cli_check("cli log-format", A("--log-format", "xml", "state", "c"), 1, "=",
		  "=rt: --log-format: unknown format \"xml\" (text or json)\n");
	cli_check("cli cgroup-manager", A("--log", "log", "--cgroup-manager", "x", "state", "c"), 1, "=",
		  "=rt: --cgroup-manager: unknown manager \"x\" (cgroupfs, systemd or disabled)\n");
	cli_check("cli kill-help", A("kill", "--help"), 0, "^usage: rt kill ", "=");
	cli_check("cli kill-help-lists", A("kill", "-h"), 0,
		  "~\n   --all, -a  send the specified signal to all processes", "=");
	cli_check("cli exec-help-lists", A("exec", "--help"), 0,
		  "~\n   --env value, -e value              set environment variables", "=");
	cli_check("cli cgroup-manager-no-log", A("--cgroup-manager", "x", "state", "c"), 1, "=",
		  "=rt: --cgroup-manager: unknown manager \"x\" (cgroupfs, systemd or disabled)\n");
	cli_check("cli bad-id", A("--root", "st", "state", "a/b"), 1, "=",
		  "=rt: a/b: invalid container ID format\n");
	cli_check("cli dot-id", A("--root", "st", "delete", ".."), 1, "=",
		  "=rt: ..: invalid container ID format\n");
	memset(longid, 'i', MAX_ID);
	snprintf(msg, sizeof(msg), "=rt: %s: container does not exist\n", longid);
	cli_check(nm("cli id %d bytes", MAX_ID), A("--root", "st", "state", longid), 1, "=", msg);
	longid[MAX_ID] = 'i';
	snprintf(msg, sizeof(msg), "=rt: %s: invalid container ID format\n", longid);
	cli_check(nm("cli id %d bytes", MAX_ID + 1), A("--root", "st", "state", longid), 1, "=", msg);
	/* a list option: MAX_OPTLIST of them, not one more */
	many[0] = "--root";
	many[1] = "st";
	many[2] = "exec";
	for (int i = 0; i < MAX_OPTLIST + 1; i++) {
		many[3 + 2 * i] = "-e";
		many[4 + 2 * i] = "A=1";
	}
	many[5 + 2 * MAX_OPTLIST] = "c";
	many[6 + 2 * MAX_OPTLIST] = NULL;
	snprintf(msg, sizeof(msg), "=rt: exec: --env: given more than %d times "
		 "(raise CONFIG_MAX_ENV)\n", MAX_OPTLIST);
	cli_check(nm("cli list-option-%d", MAX_OPTLIST + 1), many, 1, "=", msg);
	many[3 + 2 * MAX_OPTLIST] = "c";
	many[4 + 2 * MAX_OPTLIST] = NULL;
	cli_check(nm("cli list-option-%d", MAX_OPTLIST), many, 255, "=",
		  "=rt: c: container does not exist\n");
	/* the forms of --bundle reach cmd_spec */
	mkdir("b1", 0755);
	mkdir("b2", 0755);
	mkdir("b3", 0755);
	mkdir("b4", 0755);
	cli_check("cli spec -b", A("spec", "-b", "b1"), 0, "=", "=");
	cli_check("cli spec --bundle", A("spec", "--bundle", "b2"), 0, "=", "=");
	cli_check("cli spec --bundle=", A("spec", "--bundle=b3", "--rootless"), 0, "=", "=");
	cli_check("cli spec -bundle", A("spec", "-bundle", "b4"), 0, "=", "=");
	check_int("cli spec files", 4, (stat("b1/config.json", &st) == 0) +
		  (stat("b2/config.json", &st) == 0) + (stat("b3/config.json", &st) == 0) +
		  (stat("b4/config.json", &st) == 0));
	cli_check("cli spec exists", A("spec", "-b", "b1"), 1, "=",
		  "=rt: config.json: File exists\n");
}

/* ---- seccomp: instructions, and the program run on seccomp_data --------- */
struct sdata {				/* struct seccomp_data */
	int32_t nr;
	uint32_t arch;
	uint64_t ip;
	uint64_t args[6];
};

enum { BAD = 0xdeadbeef };		/* the interpreter refused the program */

/* Classic BPF as the kernel's seccomp runs it, for what rt emits. */
static uint32_t
cbpf_run(const struct sock_filter *p, int n, const struct sdata *d)
{
	uint32_t a = 0;

	for (int pc = 0; pc < n; pc++) {
		const struct sock_filter *f = &p[pc];
		int skip = 0;

		switch (f->code) {
		case 0x20:			/* ld [k] */
			if (f->k % 4 || f->k > sizeof(*d) - 4)
				return BAD;
			memcpy(&a, (const char *)d + f->k, 4);
			break;
		case 0x04: a += f->k; break;	/* alu k */
		case 0x44: a |= f->k; break;
		case 0x54: a &= f->k; break;
		case 0x64: a <<= f->k & 31; break;
		case 0x74: a >>= f->k & 31; break;
		case 0x05: skip = (int)f->k; break;	/* ja */
		case 0x15: skip = a == f->k ? f->jt : f->jf; break;
		case 0x25: skip = a > f->k ? f->jt : f->jf; break;
		case 0x35: skip = a >= f->k ? f->jt : f->jf; break;
		case 0x45: skip = a & f->k ? f->jt : f->jf; break;
		case 0x06: return f->k;
		default: return BAD;
		}
		if (skip < 0 || pc + skip + 1 >= n)
			return BAD;
		pc += skip;
	}
	return BAD;			/* fell off the end */
}

static struct sock_filter prog[BPF_MAXINSNS];
static int prog_len;

static void
child_sc_compile(const void *arg)
{
	(void)arg;
	spec_load();
	sc_compile();
	writeall(1, &sc_len, sizeof(sc_len));
	writeall(1, sc_prog, sizeof(sc_prog[0]) * (size_t)sc_len);
}

/* Compiles linux.seccomp (the text) with rt's compiler, into prog. */
static bool
sc_build(const char *name, const char *seccomp)
{
	spec_run('L', seccomp, 0, NULL);
	run(child_sc_compile, NULL);
	prog_len = 0;
	if (res.status || res.nout < sizeof(int)) {
		check_str(nm("%s compiles", name), "", res.err);
		return false;
	}
	memcpy(&prog_len, res.out, sizeof(int));
	if (prog_len < 0 || prog_len > BPF_MAXINSNS ||
	    res.nout != sizeof(int) + sizeof(prog[0]) * (size_t)prog_len) {
		check_int(nm("%s output", name), 0, (long long)res.nout);
		return false;
	}
	memcpy(prog, res.out + sizeof(int), sizeof(prog[0]) * (size_t)prog_len);
	return true;
}

static int
nr_of(const char *name, int col)
{
	int row = sc_lookup(name);
	uint32_t v = row < 0 ? SC_NONE : sc_nrs[row][col];

	return v == SC_NONE ? -2 : (int)v;
}

static void
sc_expect(const char *name, uint32_t arch, int nr, int argi, uint64_t v,
	  uint32_t want)
{
	struct sdata d = { .nr = nr, .arch = arch };
	char e[16], g[16];
	uint32_t got;

	d.args[argi] = v;
	got = cbpf_run(prog, prog_len, &d);
	snprintf(e, sizeof(e), "%#x", want);
	snprintf(g, sizeof(g), "%#x", got);
	result(name, got == want, e, strlen(e), g, strlen(g));
}

static void
sc_insns(const char *name, const struct sock_filter *want, int n)
{
	static char e[64], g[64];

	check_int(nm("%s length", name), n, prog_len);
	for (int i = 0; i < n && i < prog_len; i++) {
		const struct sock_filter *w = &want[i], *h = &prog[i];

		snprintf(e, sizeof(e), "{%#x,%u,%u,%#x}", w->code, w->jt, w->jf, w->k);
		snprintf(g, sizeof(g), "{%#x,%u,%u,%#x}", h->code, h->jt, h->jf, h->k);
		check_str(nm("%s insn %d", name, i), e, g);
	}
}

#define ALLOW	SECCOMP_RET_ALLOW
#define EPERM_	(SECCOMP_RET_ERRNO | EPERM)
#define ENOSYS_	(SECCOMP_RET_ERRNO | ENOSYS)
#define KILL	SECCOMP_RET_KILL_THREAD

static void
sc_insn_checks(void)
{
#if defined(__x86_64__)
	static const struct sock_filter tiny[] = {
		{ 0x20, 0, 0, 4 },		/* arch */
		{ 0x15, 0, 1, 0xc000003e }, { 0x05, 0, 0, 1 },
		{ 0x06, 0, 0, KILL },
		{ 0x20, 0, 0, 0 },		/* nr; x32 and -1 */
		{ 0x35, 0, 3, 0x40000000 }, { 0x15, 2, 0, 0xffffffff },
		{ 0x05, 0, 0, 0 }, { 0x06, 0, 0, KILL },
		{ 0x15, 1, 0, 39 }, { 0x05, 0, 0, 1 },	/* getpid */
		{ 0x06, 0, 0, EPERM_ },
		{ 0x06, 0, 0, ALLOW },		/* the default */
	};
	static const struct sock_filter cond[] = {
		{ 0x20, 0, 0, 4 },
		{ 0x15, 0, 1, 0xc000003e }, { 0x05, 0, 0, 1 },
		{ 0x06, 0, 0, KILL },
		{ 0x20, 0, 0, 0 },
		{ 0x35, 0, 3, 0x40000000 }, { 0x15, 2, 0, 0xffffffff },
		{ 0x05, 0, 0, 0 }, { 0x06, 0, 0, KILL },
		{ 0x15, 1, 0, 135 }, { 0x05, 0, 0, 6 },	/* personality */
		{ 0x20, 0, 0, 20 }, { 0x15, 0, 3, 0 },	/* arg0 high word */
		{ 0x20, 0, 0, 16 }, { 0x15, 0, 1, 8 },	/* low word */
		{ 0x06, 0, 0, ALLOW },
		{ 0x06, 0, 0, EPERM_ },
		{ 0x15, 2, 0, 0xffffffff },	/* runc's ENOSYS stub */
		{ 0x25, 0, 1, 135 }, { 0x06, 0, 0, ENOSYS_ },
		{ 0x06, 0, 0, EPERM_ },
	};

	if (sc_build("seccomp tiny", SC("\"syscalls\":[{\"names\":[\"getpid\"],"
					"\"action\":\"SCMP_ACT_ERRNO\"}]")))
		sc_insns("seccomp tiny", tiny, (int)(sizeof(tiny) / sizeof(tiny[0])));
	if (sc_build("seccomp cond", "\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ERRNO\","
		     "\"syscalls\":[{\"names\":[\"personality\"],\"action\":\"SCMP_ACT_ALLOW\","
		     "\"args\":[{\"index\":0,\"value\":8,\"op\":\"SCMP_CMP_EQ\"}]}]}"))
		sc_insns("seccomp cond", cond, (int)(sizeof(cond) / sizeof(cond[0])));
#endif
	/* the kernel's limit on instructions, reached from config.json */
	spec_run('L', gen("\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[",
			  "{\"names\":[\"read\",\"write\"],\"action\":"
			  "\"SCMP_ACT_KILL\",\"args\":[{\"index\":0,\"op\":\"SCMP_CMP_EQ\"},"
			  "{\"index\":1,\"op\":\"SCMP_CMP_EQ\"},{\"index\":2,\"op\":\"SCMP_CMP_EQ\"},"
			  "{\"index\":3,\"op\":\"SCMP_CMP_EQ\"},{\"index\":4,\"op\":\"SCMP_CMP_EQ\"},"
			  "{\"index\":5,\"op\":\"SCMP_CMP_EQ\"}]}", ',', 160, "]}"), 0, NULL);
	run(child_sc_compile, NULL);
	check_outcome("seccomp BPF_MAXINSNS", "rt: linux.seccomp: the filter needs "
		      "more than 4096 BPF instructions (the kernel's BPF_MAXINSNS)");
	if (sc_build("seccomp empty", SC("\"syscalls\":[]"))) {
		check_int("seccomp empty starts with arch", 0x20, prog[0].code);
		check_int("seccomp empty ends with default", (long long)ALLOW,
			  (long long)prog[prog_len - 1].k);
	}
}

#define HI(x)	((uint64_t)(x) << 32)

static const char sc_profile[] =
	"\"seccomp\":{\"defaultAction\":\"SCMP_ACT_ERRNO\","
	"\"architectures\":[\"SCMP_ARCH_X86_64\",\"SCMP_ARCH_X86\",\"SCMP_ARCH_X32\","
	"\"SCMP_ARCH_AARCH64\",\"SCMP_ARCH_ARM\"],\"syscalls\":["
	"{\"names\":[\"read\",\"write\"],\"action\":\"SCMP_ACT_ALLOW\"},"
	"{\"names\":[\"getpid\"],\"action\":\"SCMP_ACT_ERRNO\",\"errnoRet\":5},"
	"{\"names\":[\"getppid\"],\"action\":\"SCMP_ACT_KILL_PROCESS\"},"
	"{\"names\":[\"personality\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,"
	"\"value\":4294967295,\"op\":\"SCMP_CMP_EQ\"}]},"
	"{\"names\":[\"kill\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":1,"
	"\"value\":4294967296,\"op\":\"SCMP_CMP_GT\"}]},"
	"{\"names\":[\"tkill\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":1,"
	"\"value\":4294967296,\"op\":\"SCMP_CMP_LT\"}]},"
	"{\"names\":[\"tgkill\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":2,"
	"\"value\":4294967296,\"op\":\"SCMP_CMP_GE\"}]},"
	"{\"names\":[\"dup\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,"
	"\"value\":4294967296,\"op\":\"SCMP_CMP_LE\"}]},"
	"{\"names\":[\"close\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,"
	"\"value\":4294967296,\"op\":\"SCMP_CMP_NE\"}]},"
	"{\"names\":[\"ioctl\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":1,"
	"\"value\":18446462598732841215,\"valueTwo\":281474976710672,\"op\":\"SCMP_CMP_MASKED_EQ\"}]},"
	"{\"names\":[\"socket\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":0,"
	"\"value\":1,\"op\":\"SCMP_CMP_EQ\"}]},"
	"{\"names\":[\"mmap\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":2,\"value\":1,"
	"\"op\":\"SCMP_CMP_EQ\"},{\"index\":3,\"value\":2,\"op\":\"SCMP_CMP_EQ\"}]},"
	"{\"names\":[\"mprotect\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":2,\"value\":1,"
	"\"op\":\"SCMP_CMP_EQ\"},{\"index\":2,\"value\":3,\"op\":\"SCMP_CMP_EQ\"}]}"
	"]}";

/* The native section: every kind of rule, the stub, foreign arches. */
static void
sc_run_native(void)
{
	const uint32_t nat = SC_ARCH_NATIVE;
	static const struct {
		const char *name, *sys;
		int arg;
		uint64_t v;
		uint32_t want;
	} c[] = {
		{ "allow", "read", 0, 0, ALLOW },
		{ "allow-second-name", "write", 0, 0, ALLOW },
		{ "errnoRet", "getpid", 0, 0, SECCOMP_RET_ERRNO | 5 },
		{ "kill-process", "getppid", 0, 0, SECCOMP_RET_KILL_PROCESS },
		{ "unlisted", "gettid", 0, 0, EPERM_ },
		{ "eq-match", "personality", 0, 0xffffffff, ALLOW },
		{ "eq-low-differs", "personality", 0, 0xfffffffe, EPERM_ },
		{ "eq-high-set", "personality", 0, HI(1) | 0xffffffff, EPERM_ },
		{ "gt-equal", "kill", 1, HI(1), EPERM_ },
		{ "gt-above", "kill", 1, HI(1) + 1, ALLOW },
		{ "gt-high-above", "kill", 1, HI(2), ALLOW },
		{ "gt-below", "kill", 1, 0xffffffff, EPERM_ },
		{ "gt-max", "kill", 1, UINT64_MAX, ALLOW },
		{ "lt-below", "tkill", 1, 0xffffffff, ALLOW },
		{ "lt-zero", "tkill", 1, 0, ALLOW },
		{ "lt-equal", "tkill", 1, HI(1), EPERM_ },
		{ "lt-above", "tkill", 1, HI(1) + 1, EPERM_ },
		{ "ge-equal", "tgkill", 2, HI(1), ALLOW },
		{ "ge-above", "tgkill", 2, HI(1) + 1, ALLOW },
		{ "ge-below", "tgkill", 2, 0xffffffff, EPERM_ },
		{ "le-equal", "dup", 0, HI(1), ALLOW },
		{ "le-below", "dup", 0, 0xffffffff, ALLOW },
		{ "le-above", "dup", 0, HI(1) + 1, EPERM_ },
		{ "le-high-above", "dup", 0, HI(2), EPERM_ },
		{ "ne-equal", "close", 0, HI(1), EPERM_ },
		{ "ne-zero", "close", 0, 0, ALLOW },
		{ "ne-low-differs", "close", 0, HI(1) + 1, ALLOW },
		{ "ne-high-differs", "close", 0, HI(2), ALLOW },
		{ "masked-match", "ioctl", 1, 0x0001000012345610ULL, ALLOW },
		{ "masked-high-differs", "ioctl", 1, 0x0002000000000010ULL, EPERM_ },
		{ "masked-low-differs", "ioctl", 1, 0x0001000000000011ULL, EPERM_ },
		{ "socket-match", "socket", 0, 1, ALLOW },
		{ "socket-other", "socket", 0, 2, EPERM_ },
		{ "socket-high", "socket", 0, HI(1) | 1, EPERM_ },
	};
	struct sdata d = { .arch = nat };

	if (!sc_build("seccomp run", sc_profile))
		return;
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		int nr = nr_of(c[i].sys, 0);

		if (nr < 0)
			continue;	/* not on this architecture */
		sc_expect(nm("seccomp native %s", c[i].name), nat, nr, c[i].arg,
			  c[i].v, c[i].want);
	}
	/* mmap: two arguments, both needed; mprotect: one argument twice,
	 * either (one rule per condition) */
	d.nr = nr_of("mmap", 0);
	if (d.nr >= 0) {
		d.args[2] = 1, d.args[3] = 2;
		check_int("seccomp native and-both", ALLOW, cbpf_run(prog, prog_len, &d));
		d.args[3] = 3;
		check_int("seccomp native and-one", EPERM_, cbpf_run(prog, prog_len, &d));
	}
	d.nr = nr_of("mprotect", 0);
	d.args[2] = 1;
	check_int("seccomp native or-first", ALLOW, cbpf_run(prog, prog_len, &d));
	d.args[2] = 3;
	check_int("seccomp native or-second", ALLOW, cbpf_run(prog, prog_len, &d));
	d.args[2] = 2;
	check_int("seccomp native or-neither", EPERM_, cbpf_run(prog, prog_len, &d));
	sc_expect("seccomp native nr -1", nat, -1, 0, 0, EPERM_);
	sc_expect("seccomp native nr 4000", nat, 4000, 0, 0, ENOSYS_);
	sc_expect("seccomp native nr 0x3fffffff", nat, 0x3fffffff, 0, 0, ENOSYS_);
	sc_expect("seccomp foreign arch", 0x40000003 ^ 0x1234, 0, 0, 0, KILL);
	sc_expect("seccomp arch 0", 0, nr_of("read", 0), 0, 0, KILL);
}

#if defined(__x86_64__)
/* x86_64's compat ABIs: i386 (low words only, socketcall) and x32. */
static void
sc_run_x86(void)
{
	const uint32_t i386 = 0x40000003;
	struct sdata d = { .arch = i386 };
	int sockcall = nr_of("socketcall", 1);

	sc_expect("seccomp i386 allow", i386, nr_of("read", 1), 0, 0, ALLOW);
	sc_expect("seccomp i386 unlisted", i386, nr_of("getuid", 1), 0, 0, EPERM_);
	sc_expect("seccomp i386 eq low word", i386, nr_of("personality", 1), 0,
		  HI(1) | 0xffffffff, ALLOW);
	sc_expect("seccomp i386 gt low word 0", i386, nr_of("kill", 1), 1, HI(5), EPERM_);
	sc_expect("seccomp i386 gt low word 1", i386, nr_of("kill", 1), 1, 1, ALLOW);
	sc_expect("seccomp i386 socket", i386, nr_of("socket", 1), 0, 1, ALLOW);
	sc_expect("seccomp i386 socket other", i386, nr_of("socket", 1), 0, 2, EPERM_);
	sc_expect("seccomp i386 socketcall SYS_SOCKET", i386, sockcall, 0, 1, ALLOW);
	sc_expect("seccomp i386 socketcall SYS_BIND", i386, sockcall, 0, 2, EPERM_);
	sc_expect("seccomp i386 ipc", i386, nr_of("ipc", 1), 0, 1, EPERM_);
	sc_expect("seccomp i386 nr -1", i386, -1, 0, 0, EPERM_);
	sc_expect("seccomp i386 nr 4000", i386, 4000, 0, 0, ENOSYS_);
	d.nr = nr_of("read", 2) | (int)SC_X32_BIT;
	d.arch = SC_ARCH_NATIVE;
	check_int("seccomp x32 allow", ALLOW, cbpf_run(prog, prog_len, &d));
	sc_expect("seccomp x32 unlisted", SC_ARCH_NATIVE, nr_of("getuid", 2) | (int)SC_X32_BIT, 0, 0, EPERM_);
	sc_expect("seccomp x32 above", SC_ARCH_NATIVE, 4000 | (int)SC_X32_BIT, 0, 0, ENOSYS_);
	sc_expect("seccomp arm unlisted numbers", 0x40000028, 3, 0, 0, KILL);
	sc_expect("seccomp aarch64 unlisted numbers", 0xc00000b7, 63, 0, 0, KILL);

	/* native only: no x32, no i386; ALLOW default, so no stub */
	if (!sc_build("seccomp native-only", SC("\"syscalls\":[{\"names\":[\"getpid\"],"
						"\"action\":\"SCMP_ACT_TRAP\"}]")))
		return;
	sc_expect("seccomp native-only trap", SC_ARCH_NATIVE, 39, 0, 0, SECCOMP_RET_TRAP);
	sc_expect("seccomp native-only default", SC_ARCH_NATIVE, 0, 0, 0, ALLOW);
	sc_expect("seccomp native-only no stub", SC_ARCH_NATIVE, 4000, 0, 0, ALLOW);
	sc_expect("seccomp native-only nr -1", SC_ARCH_NATIVE, -1, 0, 0, ALLOW);
	sc_expect("seccomp native-only x32 killed", SC_ARCH_NATIVE, 39 | (int)SC_X32_BIT, 0, 0, KILL);
	sc_expect("seccomp native-only i386 killed", i386, 20, 0, 0, KILL);
}
#endif

/* ---- the device cgroup eBPF program -------------------------------------- */
static struct bpf_insn dprog[BPF_MAX_INSNS];
static struct resources dres;

/* The few eBPF instructions bpf_devices emits, on bpf_cgroup_dev_ctx. */
static int
ebpf_run(const struct bpf_insn *p, int n, uint32_t type, uint32_t acc,
	 uint32_t major, uint32_t minor)
{
	const uint32_t ctx[3] = { type | acc << 16, major, minor };
	uint64_t r[11] = { 0 };

	for (int pc = 0; pc < n; pc++) {
		const struct bpf_insn *f = &p[pc];
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		int dst = f->regs & 0xf, src = f->regs >> 4;
#else
		int dst = f->regs >> 4, src = f->regs & 0xf;
#endif

		switch (f->code) {
		case 0x61:
			if (src != 1 || f->off % 4 || f->off < 0 || f->off > 8)
				return -1;
			r[dst] = ctx[f->off / 4];
			break;
		case 0x54: r[dst] = (uint32_t)r[dst] & (uint32_t)f->imm; break;
		case 0x74: r[dst] = (uint32_t)r[dst] >> (f->imm & 31); break;
		case 0xbc: r[dst] = (uint32_t)r[src]; break;
		case 0xb7: r[dst] = (uint64_t)(int64_t)f->imm; break;
		case 0x55:
			if (r[dst] != (uint64_t)(int64_t)f->imm)
				pc += f->off;
			break;
		case 0x5d:
			if (r[dst] != r[src])
				pc += f->off;
			break;
		case 0x95: return (int)r[0];
		default: return -1;
		}
		if (pc + 1 >= n || pc < 0)
			return -1;
	}
	return -1;
}

static void
dev_insn(const char *name, struct bpf_insn got, uint8_t code, uint8_t dst,
	 uint8_t src, int16_t off, int32_t imm)
{
	static char e[64], g[64];
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint8_t regs = (uint8_t)(dst | src << 4);
#else
	uint8_t regs = (uint8_t)(dst << 4 | src);
#endif

	snprintf(e, sizeof(e), "{%#x,%#x,%d,%d}", code, regs, off, imm);
	snprintf(g, sizeof(g), "{%#x,%#x,%d,%d}", got.code, got.regs, got.off, got.imm);
	check_str(name, e, g);
}

static void
dev_checks(void)
{
	static const struct {
		const char *name;
		char type;
		unsigned acc, major, minor;
		int want;
	} q[] = {
		{ "rule allows c 10:200 rw", 'c', 6, 10, 200, 1 },
		{ "rule denies c 10:200 rwm", 'c', 7, 10, 200, 0 },
		{ "rule denies c 10:201 r", 'c', 2, 10, 201, 0 },
		{ "default allows mknod c", 'c', 1, 99, 99, 1 },
		{ "default allows mknod b", 'b', 1, 8, 0, 1 },
		{ "deny all b 8:0 r", 'b', 2, 8, 0, 0 },
		{ "default allows /dev/null", 'c', 7, 1, 3, 1 },
		{ "default allows pts", 'c', 6, 136, 5, 1 },
		{ "deny all c 5:1", 'c', 2, 5, 1, 0 },
		{ "type b is not c 1:3", 'b', 2, 1, 3, 0 },
	};
	int n;

	spec_res_init(&dres);
	check_int("devices defaults only: no program", 0, bpf_devices(&dres, dprog));
	dres.ndev = 1;
	dres.dev[0] = (struct devrule){ 'a', -1, -1, 7, true };
	check_int("devices allow all: no program", 0, bpf_devices(&dres, dprog));
	dres.dev[0].allow = false;
	n = bpf_devices(&dres, dprog);
	check_int("devices deny all: length", 6 + 6 + 6 + 6 * 5 + 4 + 5 + 2, n);
	dev_insn("devices insn 0", dprog[0], 0x61, 2, 1, 0, 0);
	dev_insn("devices insn 1", dprog[1], 0x54, 2, 0, 0, 0xffff);
	dev_insn("devices insn 2", dprog[2], 0x61, 3, 1, 0, 0);
	dev_insn("devices insn 3", dprog[3], 0x74, 3, 0, 0, 16);
	dev_insn("devices insn 4", dprog[4], 0x61, 4, 1, 4, 0);
	dev_insn("devices insn 5", dprog[5], 0x61, 5, 1, 8, 0);
	/* the last rule first: c 5:2 rwm */
	dev_insn("devices insn 6", dprog[6], 0x55, 2, 0, 4, 2);
	dev_insn("devices insn 7", dprog[7], 0x55, 4, 0, 3, 5);
	dev_insn("devices insn 8", dprog[8], 0x55, 5, 0, 2, 2);
	dev_insn("devices insn 9", dprog[9], 0xb7, 0, 0, 0, 1);
	dev_insn("devices insn 10", dprog[10], 0x95, 0, 0, 0, 0);
	/* c 136:* rwm */
	dev_insn("devices insn 11", dprog[11], 0x55, 2, 0, 3, 2);
	dev_insn("devices insn 12", dprog[12], 0x55, 4, 0, 2, 136);
	dev_insn("devices insn 13", dprog[13], 0xb7, 0, 0, 0, 1);
	dev_insn("devices insn 14", dprog[14], 0x95, 0, 0, 0, 0);
	/* the first default last: c *:* m, an access test */
	dev_insn("devices insn -8", dprog[n - 8], 0x55, 2, 0, 5, 2);
	dev_insn("devices insn -7", dprog[n - 7], 0xbc, 1, 3, 0, 0);
	dev_insn("devices insn -6", dprog[n - 6], 0x54, 1, 0, 0, 1);
	dev_insn("devices insn -5", dprog[n - 5], 0x5d, 1, 3, 2, 0);
	dev_insn("devices insn -4", dprog[n - 4], 0xb7, 0, 0, 0, 1);
	dev_insn("devices insn -3", dprog[n - 3], 0x95, 0, 0, 0, 0);
	dev_insn("devices insn -2", dprog[n - 2], 0xb7, 0, 0, 0, 0);	/* deny */
	dev_insn("devices insn -1", dprog[n - 1], 0x95, 0, 0, 0, 0);
	/* deny all, then allow c 10:200 rw: run it */
	dres.ndev = 2;
	dres.dev[1] = (struct devrule){ 'c', 10, 200, 6, true };
	n = bpf_devices(&dres, dprog);
	check_int("devices two rules: length", 6 + 6 + 6 + 6 * 5 + 4 + 5 + 8 + 2, n);
	for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++)
		check_int(nm("devices %s", q[i].name), q[i].want,
			  ebpf_run(dprog, n, q[i].type == 'b' ? 1 : 2, q[i].acc,
				   q[i].major, q[i].minor));
	/* an allow-all after the deny: the rules before it no longer count */
	dres.ndev = 3;
	dres.dev[2] = (struct devrule){ 'a', -1, -1, 7, true };
	check_int("devices allow all last: no program", 0, bpf_devices(&dres, dprog));
	/* a deny after allow-all: the default is allow */
	dres.dev[0] = (struct devrule){ 'a', -1, -1, 7, true };
	dres.dev[1] = (struct devrule){ 'b', 8, -1, 4, false };
	dres.ndev = 2;
	n = bpf_devices(&dres, dprog);
	check_int("devices deny one: b 8:1 w", 0, ebpf_run(dprog, n, 1, 4, 8, 1));
	check_int("devices deny one: b 8:1 r", 1, ebpf_run(dprog, n, 1, 2, 8, 1));
	check_int("devices deny one: c 8:1 w", 1, ebpf_run(dprog, n, 2, 4, 8, 1));
	check_int("devices deny one: b 9:0 w", 1, ebpf_run(dprog, n, 1, 4, 9, 0));
}

/* ---- main ---------------------------------------------------------------- */
static char tmpdir[] = "/tmp/rt-unit.XXXXXX";

static void
cleanup(void)
{
	static const char *const files[] = {
		"config.json", "log", "b1/config.json", "b2/config.json",
		"b3/config.json", "b4/config.json", "b1", "b2", "b3", "b4",
	};

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		remove(files[i]);
	if (chdir("/") == 0)
		rmdir(tmpdir);
}

int
main(void)
{
	if (!mkdtemp(tmpdir) || chdir(tmpdir) < 0) {
		perror("unit: mkdtemp");
		return 2;
	}
	unsetenv("XDG_RUNTIME_DIR");
	hookw_start();
	spec_table_checks();
	spec_lsm_checks();
	spec_feature_checks();
	limit_checks();
	limit_size_checks();
	row_checks();
	spec_member_checks();
	unescape_checks();
	escape_checks();
	rfc3339_checks();
	weight_checks();
	interval_checks();
	fmt_checks();
	undo_checks();
	cli_checks();
	if (CONFIG_SECCOMP) {
		sc_insn_checks();
		sc_run_native();
#if defined(__x86_64__)
		sc_run_x86();
#endif
	}
	dev_checks();
	hookw_finish();
	cleanup();
	printf("%d passed, %d failed\n", npass, nfail);
	return nfail > 0;
}
