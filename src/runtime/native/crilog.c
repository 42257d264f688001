/* The CRI log format kubelet reads: `<RFC3339Nano> <stdout|stderr> <F|P> <text>\n`. A line longer
 * than the limit goes out in P parts with the last part F; a partial line still buffered when the
 * container ends is flushed as F. */
#include "crilog.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>

static const char *const stream_names[] = {"stdout", "stderr"};

int crilog_open(crilog_t *l, const char *path, const char *root, size_t max_line, berr_t *err)
{
	l->path = path;
	l->root = root;
	l->max = max_line ? max_line : 16384;
	for (int s = 0; s < 2; s++) {
		l->len[s] = 0;
		if (!l->buf[s] && !(l->buf[s] = malloc(l->max)))
			return berr_set(err, ENOMEM, "log buffer");
	}
	l->fd = -1;
	return crilog_reopen(l, err);
}

#define LOG_FLAGS (O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY)

/* Without openat2 (kernels before 5.6): one component at a time, none of them a symlink or "..". */
static int open_beneath_walk(int dirfd, const char *rel, berr_t *err)
{
	char buf[PATH_MAX];
	if (snprintf(buf, sizeof(buf), "%s", rel) >= (int)sizeof(buf))
		return berr_set(err, ENAMETOOLONG, "log path");
	cleanup_fd int cur = dup(dirfd);
	if (cur < 0)
		return berr_set(err, errno, "dup");
	char *save = NULL;
	char *part = strtok_r(buf, "/", &save);
	while (part) {
		char *next = strtok_r(NULL, "/", &save);
		if (strcmp(part, "..") == 0)
			return berr_set(err, EXDEV, "log path component \"..\"");
		if (!next) {
			int fd = openat(cur, part, LOG_FLAGS, 0640);
			return fd < 0 ? berr_set(err, errno, "openat %s", part) : fd;
		}
		if (strcmp(part, ".") != 0) {
			int d = openat(cur, part, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (d < 0)
				return berr_set(err, errno, "openat %s", part);
			close(cur);
			cur = d;
		}
		part = next;
	}
	return berr_set(err, EISDIR, "log path names no file");
}

static int open_log(crilog_t *l, berr_t *err)
{
	if (!l->root) {
		int fd = open(l->path, LOG_FLAGS, 0640);
		return fd < 0 ? berr_set(err, errno, "open log \"%s\"", l->path) : fd;
	}
	size_t n = strlen(l->root);
	while (n > 1 && l->root[n - 1] == '/')
		n--;
	if (strncmp(l->path, l->root, n) != 0 || l->path[n] != '/')
		return berr_set(err, EXDEV, "log \"%s\" is not under \"%s\"", l->path, l->root);
	const char *rel = l->path + n;
	while (*rel == '/')
		rel++;
	/* The root itself was resolved by berthd; what lies below it is untrusted. */
	cleanup_fd int dirfd = open(l->root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return berr_set(err, errno, "open log directory \"%s\"", l->root);
	struct open_how how = {
		.flags = LOG_FLAGS,
		.mode = 0640,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
	};
	int fd = (int)syscall(SYS_openat2, dirfd, rel, &how, sizeof(how));
	if (fd >= 0)
		return fd;
	if (errno != ENOSYS)
		return berr_set(err, errno, "open log \"%s\" beneath \"%s\"", rel, l->root);
	if ((fd = open_beneath_walk(dirfd, rel, err)) < 0)
		return berr_wrap(err, "open log \"%s\" beneath \"%s\"", rel, l->root);
	return fd;
}

int crilog_reopen(crilog_t *l, berr_t *err)
{
	int fd = open_log(l, err);
	if (fd < 0)
		return -1;
	if (l->fd >= 0)
		close(l->fd);
	l->fd = fd;
	return 0;
}

static void emit(crilog_t *l, int s, char tag)
{
	/* No printf here: see rfc3339_now. */
	char head[96];
	rfc3339_now(head, sizeof(head));
	size_t hl = 30; /* YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ */
	head[hl++] = ' ';
	for (const char *n = stream_names[s]; *n; n++)
		head[hl++] = *n;
	head[hl++] = ' ';
	head[hl++] = tag;
	head[hl++] = ' ';
	struct iovec iov[3] = {{head, hl}, {l->buf[s], l->len[s]}, {"\n", 1}};
	/* A full disk must not stop the container: the record is dropped. */
	if (l->fd >= 0 && writev(l->fd, iov, 3) < 0) {
	}
	l->len[s] = 0;
}

void crilog_write(crilog_t *l, int s, const char *data, size_t len)
{
	while (len > 0) {
		const char *nl = memchr(data, '\n', len);
		size_t take = nl ? (size_t)(nl - data) : len;
		size_t room = l->max - l->len[s];
		if (take > room || (!nl && take == room)) {
			memcpy(l->buf[s] + l->len[s], data, room);
			l->len[s] += room;
			emit(l, s, 'P');
			data += room;
			len -= room;
			continue;
		}
		memcpy(l->buf[s] + l->len[s], data, take);
		l->len[s] += take;
		data += take;
		len -= take;
		if (nl) {
			emit(l, s, 'F');
			data++;
			len--;
		}
	}
}

void crilog_flush(crilog_t *l)
{
	for (int s = 0; s < 2; s++)
		if (l->len[s])
			emit(l, s, 'F');
}
