#ifndef CRILOG_H
#define CRILOG_H
#include "berth.h"

typedef struct {
	const char *path;
	const char *root; /* the directory the log must stay inside, or NULL */
	int fd;
	size_t max;
	char *buf[2]; /* the unfinished line of stdout and stderr */
	size_t len[2];
} crilog_t;

/* With `root`, `path` must lie under it and is opened so that no component, the last included, is a
 * symlink or leaves `root` (kubelet's pod log directory is writable by whoever runs in the pod's
 * volumes; a link planted there must not redirect the monitor's writes). */
int crilog_open(crilog_t *l, const char *path, const char *root, size_t max_line, berr_t *err);
int crilog_reopen(crilog_t *l, berr_t *err);
/* stream 0 = stdout, 1 = stderr */
void crilog_write(crilog_t *l, int stream, const char *data, size_t len);
void crilog_flush(crilog_t *l);
#endif
