/*
 * ptyrun [-s ROWSxCOLS] [-r ROWSxCOLS:MS] -- CMD ARGS...
 *
 * Runs CMD on a new pty (setsid + TIOCSCTTY, the slave as stdio), so tests
 * can drive `rt run` with "terminal": true without a real terminal.  Our
 * stdin goes to the master; at its EOF we keep reading the master until CMD
 * exits (no ^D is sent).  Master output goes to stdout.  -s sets the first
 * window size; -r sets another after MS milliseconds and sends SIGWINCH to
 * CMD's process group.  When CMD exits, the last line says whether the
 * slave's termios is what it was before CMD ran:
 *	ptyrun: termios restored	or	ptyrun: termios changed
 * and we exit with CMD's status (128 + N for signal N).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static void
die(const char *what)
{
	fprintf(stderr, "ptyrun: %s: %s\n", what, strerror(errno));
	exit(125);
}

static void
usage(void)
{
	fprintf(stderr, "usage: ptyrun [-s ROWSxCOLS] [-r ROWSxCOLS:MS] -- CMD ARGS...\n");
	exit(125);
}

/* "ROWSxCOLS" -> ws; returns the rest of the string */
static char *
parse_size(char *s, struct winsize *ws)
{
	char *end;

	ws->ws_row = (unsigned short)strtoul(s, &end, 10);
	if (*end != 'x')
		usage();
	ws->ws_col = (unsigned short)strtoul(end + 1, &end, 10);
	return end;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
same_termios(const struct termios *a, const struct termios *b)
{
	return a->c_iflag == b->c_iflag && a->c_oflag == b->c_oflag &&
	    a->c_cflag == b->c_cflag && a->c_lflag == b->c_lflag &&
	    !memcmp(a->c_cc, b->c_cc, sizeof(a->c_cc)) &&
	    cfgetispeed(a) == cfgetispeed(b) && cfgetospeed(a) == cfgetospeed(b);
}

static void
writeall(int fd, const char *buf, ssize_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, (size_t)n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return;
		buf += w;
		n -= w;
	}
}

static void
child(const char *slave, char **argv)
{
	int fd;

	if (setsid() < 0)
		die("setsid");
	if ((fd = open(slave, O_RDWR)) < 0)
		die(slave);
	if (ioctl(fd, TIOCSCTTY, 0) < 0)
		die("TIOCSCTTY");
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
	signal(SIGPIPE, SIG_DFL);
	execvp(argv[0], argv);
	fprintf(stderr, "ptyrun: exec %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* copy what the master has now; returns 0 at EOF/EIO; remembers the last byte */
static int
pump_master(int m, char *last)
{
	char buf[4096];
	ssize_t n = read(m, buf, sizeof(buf));

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 1;
	if (n <= 0)
		return 0;
	writeall(1, buf, n);
	*last = buf[n - 1];
	return 1;
}

int
main(int argc, char **argv)
{
	struct winsize ws = { 24, 80, 0, 0 }, ws2 = { 0, 0, 0, 0 };
	struct termios before, after;
	long long resize_at = -1, start;
	int m, s, opt, status, in_open = 1;
	char *slave, last = '\n';
	pid_t pid;

	while ((opt = getopt(argc, argv, "+s:r:")) != -1) {
		char *rest;

		if (opt == 's') {
			if (*parse_size(optarg, &ws))
				usage();
		} else if (opt == 'r') {
			rest = parse_size(optarg, &ws2);
			if (*rest != ':')
				usage();
			resize_at = atoll(rest + 1);
		} else {
			usage();
		}
	}
	if (optind >= argc)
		usage();
	signal(SIGPIPE, SIG_IGN);
	if ((m = posix_openpt(O_RDWR | O_NOCTTY)) < 0)
		die("posix_openpt");
	if (grantpt(m) < 0 || unlockpt(m) < 0 || !(slave = ptsname(m)))
		die("ptsname");
	if (ioctl(m, TIOCSWINSZ, &ws) < 0)
		die("TIOCSWINSZ");
	/* kept open: for tcgetattr at the end, and so the master never EIOs */
	if ((s = open(slave, O_RDWR | O_NOCTTY)) < 0)
		die(slave);
	/* musl's NCCS is 32, the kernel fills 19: zero the rest we compare */
	memset(&before, 0, sizeof(before));
	memset(&after, 0, sizeof(after));
	if (tcgetattr(s, &before) < 0)
		die("tcgetattr");
	start = now_ms();
	if ((pid = fork()) < 0)
		die("fork");
	if (pid == 0)
		child(slave, argv + optind);
	fcntl(m, F_SETFL, fcntl(m, F_GETFL) | O_NONBLOCK);

	for (;;) {
		struct pollfd p[2] = { { m, POLLIN, 0 }, { 0, POLLIN, 0 } };
		pid_t w;

		poll(p, in_open ? 2 : 1, 20);
		if (p[0].revents & POLLIN)
			pump_master(m, &last);
		if (in_open && (p[1].revents & (POLLIN | POLLHUP | POLLERR))) {
			char buf[4096];
			ssize_t n = read(0, buf, sizeof(buf));

			if (n > 0)
				writeall(m, buf, n);
			else if (n == 0 || errno != EINTR)
				in_open = 0;
		}
		if (resize_at >= 0 && now_ms() - start >= resize_at) {
			resize_at = -1;
			if (ioctl(m, TIOCSWINSZ, &ws2) < 0)
				die("TIOCSWINSZ");
			kill(-pid, SIGWINCH);
		}
		w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
	}
	/* drain what the child wrote before exiting */
	for (int i = 0; i < 50; i++) {
		struct pollfd p = { m, POLLIN, 0 };

		if (poll(&p, 1, 20) <= 0 || !pump_master(m, &last))
			break;
	}
	if (tcgetattr(s, &after) < 0)
		die("tcgetattr");
	printf("%sptyrun: termios %s\n", last == '\n' ? "" : "\n",
	    same_termios(&before, &after) ? "restored" : "changed");
	fflush(stdout);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
