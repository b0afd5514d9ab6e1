/*
 * timeit: run a sequence of commands N times and time each round, for
 * `make bench` (tests/bench/guest).  Commands are started with fork and
 * execv, never through a shell, so the figures are the runtimes' own.
 *
 *   timeit [-n N] [-w W] [-p P] [-g CGROUP] [-e LOG] [-t FILE] -- CMD ARG... [:: CMD ARG...]...
 *
 *   -n N       rounds (default 100)
 *   -w W       rounds before those, not counted (default 2): warm caches
 *   -p P       at most P rounds at once (default 1: one after the other);
 *              with P > 1 only the wall time of all N rounds is meaningful
 *   -g CGROUP  every command is started in this cgroup v2 directory
 *   -e LOG     the commands' stdout and stderr (default /dev/null); stdin
 *              is always /dev/null
 *   -t FILE    one line per round: its time in microseconds
 *
 * In every argument `%i` is replaced by the round's number (0..N-1; the
 * warm-up rounds are w0, w1, ...), so each round can use its own container
 * id.  A round runs all its commands even when one fails (so `delete` still
 * cleans up after a failed `start`) and counts as failed if any exited
 * non-zero or by a signal.
 *
 * Prints one line of key=value pairs:
 *   n=N fail=F wall_us=W med_us=M p10_us=A p90_us=B min_us=C max_us=D maxrss_kb=R
 * maxrss_kb is the largest ru_maxrss wait4 gave for any command: the peak
 * RSS of the largest process among the command and the descendants it
 * reaped (the kernel keeps the high-water mark across execve; timeit's own
 * forked copy adds nothing: a static no-op program measures 0).
 * p10 and p90 are the 11th and 90th of 100 sorted rounds, as the guest's.
 * Exit status 0, or 2 on a usage error.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_ROUNDS 100000
#define MAX_ARGS 64

static char **cmd;		/* argv after --, with :: separators */
static int ncmd;
static const char *cgroup, *logpath = "/dev/null";
static long maxrss;

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static void usage(void)
{
	fputs("usage: timeit [-n N] [-w W] [-p P] [-g CGROUP] [-e LOG] [-t FILE] -- CMD ARG... [:: CMD ARG...]...\n", stderr);
	exit(2);
}

/* subst: ARG with every %i replaced by TAG, in a fresh buffer */
static char *subst(const char *arg, const char *tag)
{
	size_t n = strlen(arg) + 1;
	const char *p;
	char *out, *o;

	for (p = arg; (p = strstr(p, "%i")); p += 2)
		n += strlen(tag);
	out = o = malloc(n);
	if (!out) { perror("timeit: malloc"); exit(1); }
	for (p = arg; *p; ) {
		if (p[0] == '%' && p[1] == 'i') {
			o = stpcpy(o, tag);
			p += 2;
		} else {
			*o++ = *p++;
		}
	}
	*o = 0;
	return out;
}

/* spawn: start command ARGV in the child; returns its pid */
static pid_t spawn(char **argv)
{
	pid_t pid = fork();
	int fd;

	if (pid)
		return pid;
	if (cgroup) {
		char path[4096];

		snprintf(path, sizeof path, "%s/cgroup.procs", cgroup);
		fd = open(path, O_WRONLY);
		if (fd < 0 || write(fd, "0", 1) != 1) {
			perror(path);
			_exit(127);
		}
		close(fd);
	}
	fd = open("/dev/null", O_RDONLY);
	dup2(fd, 0);
	fd = open(logpath, O_WRONLY | O_CREAT | O_APPEND, 0644);
	dup2(fd, 1);
	dup2(fd, 2);
	execv(argv[0], argv);
	perror(argv[0]);
	_exit(127);
}

/* round: run every command once in order with %i = TAG; 0 when all succeed */
static int round_run(const char *tag)
{
	char *argv[MAX_ARGS + 1];
	int i = 0, failed = 0;

	while (i < ncmd) {
		int n = 0, status;
		struct rusage ru;
		pid_t pid;

		for (; i < ncmd && strcmp(cmd[i], "::"); i++) {
			if (n == MAX_ARGS) { fputs("timeit: too many arguments\n", stderr); exit(2); }
			argv[n++] = subst(cmd[i], tag);
		}
		argv[n] = NULL;
		i++;			/* past :: */
		if (!n)
			continue;
		pid = spawn(argv);
		if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) {
			perror("timeit: fork/wait4");
			failed = 1;
		} else {
			if (!WIFEXITED(status) || WEXITSTATUS(status))
				failed = 1;
			if (ru.ru_maxrss > maxrss)
				maxrss = ru.ru_maxrss;
		}
		while (n--)
			free(argv[n]);
	}
	return failed;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	int n = 100, warm = 2, par = 1, fail = 0, running = 0, next = 0, i, c;
	const char *tfile = NULL;
	static long long t[MAX_ROUNDS];
	long long t0;
	char tag[32];
	FILE *tf = NULL;

	while ((c = getopt(argc, argv, "+n:w:p:g:e:t:")) != -1) {
		switch (c) {
		case 'n': n = atoi(optarg); break;
		case 'w': warm = atoi(optarg); break;
		case 'p': par = atoi(optarg); break;
		case 'g': cgroup = optarg; break;
		case 'e': logpath = optarg; break;
		case 't': tfile = optarg; break;
		default: usage();
		}
	}
	if (optind >= argc || n < 1 || n > MAX_ROUNDS || warm < 0 || par < 1)
		usage();
	cmd = argv + optind;
	ncmd = argc - optind;

	for (i = 0; i < warm; i++) {
		snprintf(tag, sizeof tag, "w%d", i);
		round_run(tag);
	}
	t0 = now_us();
	if (par == 1) {
		for (i = 0; i < n; i++) {
			long long s = now_us();

			snprintf(tag, sizeof tag, "%d", i);
			fail += round_run(tag);
			t[i] = now_us() - s;
		}
	} else {
		/* each round in a child of its own; maxrss then comes back
		 * through the children's rusage, which wait4 also reports */
		static long long start[MAX_ROUNDS];
		static pid_t pids[MAX_ROUNDS];

		while (next < n || running) {
			int status, k;
			struct rusage ru;
			pid_t pid;

			if (next < n && running < par) {
				snprintf(tag, sizeof tag, "%d", next);
				start[next] = now_us();
				pid = fork();
				if (pid == 0)
					_exit(round_run(tag));
				pids[next++] = pid;
				running += pid > 0;
				fail += pid < 0;
				continue;
			}
			pid = wait4(-1, &status, 0, &ru);
			if (pid < 0)
				break;
			for (k = 0; k < next && pids[k] != pid; k++)
				;
			if (k < next)
				t[k] = now_us() - start[k];
			running--;
			if (!WIFEXITED(status) || WEXITSTATUS(status))
				fail++;
			if (ru.ru_maxrss > maxrss)
				maxrss = ru.ru_maxrss;
		}
	}
	printf("n=%d fail=%d wall_us=%lld", n, fail, now_us() - t0);
	if (tfile && (tf = fopen(tfile, "w"))) {
		for (i = 0; i < n; i++)
			fprintf(tf, "%lld\n", t[i]);
		fclose(tf);
	}
	qsort(t, n, sizeof *t, cmp_ll);
	printf(" med_us=%lld p10_us=%lld p90_us=%lld min_us=%lld max_us=%lld maxrss_kb=%ld\n",
	       n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2,
	       t[n / 10], t[n - 1 - n / 10], t[0], t[n - 1], maxrss);
	return 0;
}
