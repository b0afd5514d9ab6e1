/*
 * escape: the classic chroot escape, run inside a container.
 * mkdir a dir, chroot into it (cwd stays outside), chdir("..") 64 times,
 * chroot("."), then print the names in / one per line, sorted.  A test
 * compares them with the container rootfs and the host root.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
list_root(void)
{
	static char *names[4096];
	struct dirent *d;
	DIR *dir = opendir("/");
	size_t n = 0;

	if (!dir) {
		printf("escape: opendir /: %s\n", strerror(errno));
		return 1;
	}
	while ((d = readdir(dir)) && n < sizeof(names) / sizeof(names[0])) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		if (!(names[n++] = strdup(d->d_name)))
			return 1;
	}
	closedir(dir);
	qsort(names, n, sizeof(names[0]), cmp);
	for (size_t i = 0; i < n; i++)
		printf("%s\n", names[i]);
	return 0;
}

int
main(void)
{
	const char *dir = "/tmp/escape.d";

	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		dir = "escape.d";	/* cwd, if /tmp is not writable */
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		printf("escape: mkdir %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (chroot(dir) < 0) {
		printf("escape: chroot failed: %s\n", strerror(errno));
		return 1;
	}
	for (int i = 0; i < 64; i++)
		if (chdir("..") < 0)
			break;
	if (chroot(".") < 0) {
		printf("escape: chroot failed: %s\n", strerror(errno));
		return 1;
	}
	if (chdir("/") < 0) {
		printf("escape: chdir /: %s\n", strerror(errno));
		return 1;
	}
	return list_root();
}
