/*
 * seccompagent [-e ERRNO] [-o FILE] SOCKPATH
 *
 * The other end of linux.seccomp.listenerPath (SCMP_ACT_NOTIFY), for the
 * tests: listen on the unix socket SOCKPATH (bound under a temporary name,
 * renamed once listening), accept one connection, receive the container
 * process state JSON and the seccomp listener fd (SCM_RIGHTS), write the
 * JSON to FILE (default stdout) with a newline, then answer every
 * notification: with -e, the error ERRNO; without, success (0) without
 * doing the call, so a notified mkdir "succeeds" and makes nothing.  Each
 * answered call's number is written as "nr N".  Exits 0 once no process
 * uses the filter (POLLHUP, Linux 5.8), 1 on any error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

struct notif {				/* struct seccomp_notif */
	uint64_t id;
	uint32_t pid, flags;
	int32_t nr;			/* struct seccomp_data */
	uint32_t arch;
	uint64_t ip, args[6];
};
struct notif_resp {			/* struct seccomp_notif_resp */
	uint64_t id;
	int64_t val;
	int32_t error;
	uint32_t flags;
};
#define NOTIF_RECV _IOWR('!', 0, struct notif)
#define NOTIF_SEND _IOWR('!', 1, struct notif_resp)

static char json[1 << 20];

static void
die(const char *what)
{
	fprintf(stderr, "seccompagent: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int
listen_at(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char tmp[sizeof(sa.sun_path)];
	int s;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		errno = ENAMETOOLONG;
		die(path);
	}
	memcpy(sa.sun_path, tmp, strlen(tmp) + 1);
	if ((s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		die("socket");
	unlink(tmp);
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(s, 1) < 0)
		die(tmp);
	if (rename(tmp, path) < 0)
		die(path);
	return s;
}

/* the state JSON (all of it: read until EOF) and the listener fd */
static int
receive(int s, size_t *len)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { json, sizeof(json) - 1 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *c;
	ssize_t n;
	int conn, fd = -1;

	while ((conn = accept4(s, NULL, NULL, SOCK_CLOEXEC)) < 0)
		if (errno != EINTR)
			die("accept");
	*len = 0;
	while ((n = recvmsg(conn, &mh, MSG_CMSG_CLOEXEC)) > 0) {
		c = CMSG_FIRSTHDR(&mh);
		if (c && c->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(c), sizeof(int));
		*len += (size_t)n;
		iov.iov_base = json + *len;
		iov.iov_len = sizeof(json) - 1 - *len;
		mh.msg_controllen = sizeof(cbuf);
	}
	if (n < 0)
		die("recvmsg");
	if (fd < 0) {
		fprintf(stderr, "seccompagent: no fd received\n");
		exit(1);
	}
	close(conn);
	json[*len] = 0;
	return fd;
}

int
main(int argc, char **argv)
{
	int opt, s, fd, err = 0;
	FILE *out = stdout;
	size_t len;

	while ((opt = getopt(argc, argv, "+e:o:")) != -1) {
		if (opt == 'e')
			err = atoi(optarg);
		else if (opt == 'o' && !(out = fopen(optarg, "w")))
			die(optarg);
		else if (opt != 'o')
			return 1;
	}
	if (optind != argc - 1) {
		fprintf(stderr, "usage: seccompagent [-e ERRNO] [-o FILE] SOCKPATH\n");
		return 1;
	}
	s = listen_at(argv[optind]);
	fd = receive(s, &len);
	close(s);
	unlink(argv[optind]);
	fprintf(out, "%s\n", json);
	fflush(out);
	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		struct notif n;
		struct notif_resp r;

		if (poll(&p, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			die("poll");
		}
		if (!(p.revents & POLLIN))
			break;		/* POLLHUP: no process uses the filter */
		memset(&n, 0, sizeof(n));
		if (ioctl(fd, NOTIF_RECV, &n) < 0) {
			if (errno == EINTR || errno == ENOENT)
				continue;
			die("SECCOMP_IOCTL_NOTIF_RECV");
		}
		r = (struct notif_resp){ n.id, 0, err ? -err : 0, 0 };
		if (ioctl(fd, NOTIF_SEND, &r) < 0 && errno != ENOENT)
			die("SECCOMP_IOCTL_NOTIF_SEND");
		fprintf(out, "nr %d\n", n.nr);
		fflush(out);
	}
	return 0;
}
