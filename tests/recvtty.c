/*
 * recvtty [-o FILE] [-p SIG] SOCKPATH
 *
 * The receiving end of --console-socket, like runc's contrib recvtty: listen
 * on the unix socket SOCKPATH, accept one connection, receive one fd (the pty
 * master) by SCM_RIGHTS, then copy our stdin to the master and the master's
 * output to our stdout until the master gives EOF or EIO (every slave closed).
 * With -o FILE, stdin is not read and the output goes to FILE, written as it
 * arrives so a test can poll it.
 *
 * With -p SIG the fd is a pidfd (--pidfd-socket): its process's pid, from
 * /proc/self/fdinfo, is written ("pid N"), then SIG is sent through the
 * pidfd (pidfd_send_signal; 0 sends none), and recvtty exits.
 *
 * The socket is bound under a temporary name and renamed to SOCKPATH once
 * listening, so SOCKPATH existing means a connect will succeed.  It is
 * unlinked after the fd arrives.  Exit 0 at EOF/EIO, 1 on any error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

static void
die(const char *what)
{
	fprintf(stderr, "recvtty: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void
usage(void)
{
	fprintf(stderr, "usage: recvtty [-o FILE] [-p SIG] SOCKPATH\n");
	exit(1);
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

/* listen on path (bound as path.tmp, then renamed); returns the socket */
static int
listen_at(const char *path)
{
	struct sockaddr_un sa;
	char tmp[sizeof(sa.sun_path)];
	int s;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		errno = ENAMETOOLONG;
		die(path);
	}
	memcpy(sa.sun_path, tmp, strlen(tmp) + 1);
	if ((s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		die("socket");
	unlink(tmp);
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die(tmp);
	if (listen(s, 1) < 0)
		die("listen");
	if (rename(tmp, path) < 0)
		die(path);
	return s;
}

/* accept one connection and receive one fd from it */
static int
recv_fd(int s)
{
	char byte, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &byte, 1 };
	struct msghdr mh;
	struct cmsghdr *c;
	ssize_t n;
	int conn, fd;

	while ((conn = accept4(s, NULL, NULL, SOCK_CLOEXEC)) < 0)
		if (errno != EINTR)
			die("accept");
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	while ((n = recvmsg(conn, &mh, MSG_CMSG_CLOEXEC)) < 0)
		if (errno != EINTR)
			die("recvmsg");
	c = CMSG_FIRSTHDR(&mh);
	if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
	    c->cmsg_len != CMSG_LEN(sizeof(int))) {
		fprintf(stderr, "recvtty: no fd received\n");
		exit(1);
	}
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	close(conn);
	return fd;
}

/* -p: the pidfd's pid to out, then sig through it */
static int
pidfd_use(int fd, int out, int sig)
{
	char path[64], buf[4096], *p;
	int f;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	if ((f = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		die(path);
	n = read(f, buf, sizeof(buf) - 1);
	close(f);
	buf[n > 0 ? n : 0] = 0;
	p = strstr(buf, "\nPid:");
	if (!p) {
		fprintf(stderr, "recvtty: not a pidfd: %s", buf);
		return 1;
	}
	dprintf(out, "pid %ld\n", strtol(p + 5, NULL, 10));
	if (sig && syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0) < 0)
		die("pidfd_send_signal");
	return 0;
}

int
main(int argc, char **argv)
{
	const char *outfile = NULL, *path;
	int opt, s, m, out = 1, in_open = 1, sig = -1;

	while ((opt = getopt(argc, argv, "+o:p:")) != -1) {
		if (opt == 'o')
			outfile = optarg;
		else if (opt == 'p')
			sig = atoi(optarg);
		else
			usage();
	}
	if (optind != argc - 1)
		usage();
	path = argv[optind];
	signal(SIGPIPE, SIG_IGN);
	if (outfile) {
		if ((out = open(outfile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
			die(outfile);
		in_open = 0;
	}
	s = listen_at(path);
	m = recv_fd(s);
	close(s);
	unlink(path);
	if (sig >= 0)
		return pidfd_use(m, out, sig);

	for (;;) {
		struct pollfd p[2] = { { m, POLLIN, 0 }, { 0, POLLIN, 0 } };
		char buf[4096];
		ssize_t n;

		if (poll(p, in_open ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			die("poll");
		}
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			n = read(m, buf, sizeof(buf));
			if (n < 0 && (errno == EINTR || errno == EAGAIN))
				continue;
			if (n < 0 && errno != EIO)
				die("read");
			if (n <= 0)
				break;
			writeall(out, buf, n);
		}
		if (in_open && (p[1].revents & (POLLIN | POLLHUP | POLLERR))) {
			n = read(0, buf, sizeof(buf));
			if (n > 0)
				writeall(m, buf, n);
			else if (n == 0 || errno != EINTR)
				in_open = 0;
		}
	}
	return 0;
}
