/* The CRI log format kubelet reads: `<RFC3339Nano> <stdout|stderr> <F|P> <text>\n`. A line longer
 * than the limit goes out in P parts with the last part F; a partial line still buffered when the
 * container ends is flushed as F. */
#include "crilog.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/uio.h>

static const char *const stream_names[] = {"stdout", "stderr"};

int crilog_open(crilog_t *l, const char *path, size_t max_line, berr_t *err)
{
	l->path = path;
	l->max = max_line ? max_line : 16384;
	for (int s = 0; s < 2; s++) {
		l->len[s] = 0;
		if (!l->buf[s] && !(l->buf[s] = malloc(l->max)))
			return berr_set(err, ENOMEM, "log buffer");
	}
	l->fd = -1;
	return crilog_reopen(l, err);
}

int crilog_reopen(crilog_t *l, berr_t *err)
{
	int fd = open(l->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (fd < 0)
		return berr_set(err, errno, "open log \"%s\"", l->path);
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
