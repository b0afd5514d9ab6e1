/*
 * sys: make one system call, run inside a container by the seccomp tests.
 *
 *   sys NAME|NUMBER [ARG...]
 *   sys -32 NUMBER [ARG...]	x86_64 only: an i386 syscall through int $0x80
 *				(at most 5 ARGs; tests the filter's arch check)
 *
 * NAME is one of the names in the table below, NUMBER the raw syscall number;
 * up to six integer ARGs, decimal or 0x hex, 64 bits (passed unchanged in the
 * argument registers, so a filter sees exactly these values; -N is 2^64-N).
 * Prints exactly one line: `ret N` on success, `errno NAME` on failure (the
 * symbolic name for the common ones, else the number).  Exit status 0 on
 * success, 1 on failure, 2 on a usage error.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static const struct { const char *name; long nr; } calls[] = {
#define C(n) { #n, SYS_##n }
	C(getpid), C(getuid), C(getpriority), C(sched_yield), C(personality),
	C(socket), C(mkdirat), C(unshare), C(setns), C(keyctl), C(add_key),
	C(ptrace), C(umask),
#ifdef SYS_mkdir
	C(mkdir),
#endif
#ifdef SYS_clone3
	C(clone3),
#endif
#undef C
};

static const struct { const char *name; int err; } errs[] = {
#define E(n) { #n, n }
	E(EPERM), E(ENOENT), E(ESRCH), E(EBADF), E(EFAULT), E(EEXIST),
	E(EACCES), E(EINVAL), E(EROFS), E(ENOSYS), E(EAFNOSUPPORT),
#undef E
};

#ifdef __x86_64__
static long
int80(unsigned long long nr, const unsigned long long *a)
{
	long r;

	__asm__ volatile ("int $0x80" : "=a"(r)
			  : "a"(nr), "b"(a[0]), "c"(a[1]), "d"(a[2]), "S"(a[3]), "D"(a[4])
			  : "memory", "r8", "r9", "r10", "r11");
	if (r < 0 && r > -4096) {
		errno = -r;
		return -1;
	}
	return r;
}
#endif

static int
parse(const char *s, unsigned long long *v)
{
	char *end;
	int neg = *s == '-', base = 10;

	if (neg)
		s++;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		base = 16;
	}
	if (!(base == 10 ? isdigit((unsigned char)*s) : isxdigit((unsigned char)*s)))
		return -1;
	errno = 0;
	*v = strtoull(s, &end, base);
	if (errno || *end)
		return -1;
	if (neg)
		*v = -*v;
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned long long a[6] = { 0 }, nr;
	size_t i;
	long r;
	int e, i386 = 0;

	if (argc > 2 && !strcmp(argv[1], "-32")) {
#ifndef __x86_64__
		fprintf(stderr, "sys: -32: x86_64 only\n");
		return 2;
#endif
		i386 = 1;
		argv++;
		argc--;
	}
	if (argc < 2 || argc > 8 - i386) {
		fprintf(stderr, "usage: sys NAME|NUMBER [ARG...] (at most 6 ARGs)\n");
		return 2;
	}
	for (i = 0; !i386 && i < sizeof(calls) / sizeof(calls[0]); i++)
		if (!strcmp(argv[1], calls[i].name))
			break;
	if (!i386 && i < sizeof(calls) / sizeof(calls[0])) {
		nr = calls[i].nr;
	} else if (parse(argv[1], &nr)) {
		fprintf(stderr, "sys: %s: unknown syscall\n", argv[1]);
		return 2;
	}
	for (i = 2; i < (size_t)argc; i++) {
		if (parse(argv[i], &a[i - 2])) {
			fprintf(stderr, "sys: %s: not a number\n", argv[i]);
			return 2;
		}
	}
	errno = 0;
#ifdef __x86_64__
	if (i386)
		r = int80(nr, a);
	else
#endif
	r = syscall((long)nr, (long)a[0], (long)a[1], (long)a[2], (long)a[3],
		    (long)a[4], (long)a[5]);
	if (r != -1 || !(e = errno)) {
		printf("ret %ld\n", r);
		return 0;
	}
	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		if (errs[i].err == e) {
			printf("errno %s\n", errs[i].name);
			return 1;
		}
	}
	printf("errno %d\n", e);
	return 1;
}
