#ifndef CRILOG_H
#define CRILOG_H
#include "berth.h"

typedef struct {
	const char *path;
	int fd;
	size_t max;
	char *buf[2]; /* the unfinished line of stdout and stderr */
	size_t len[2];
} crilog_t;

int crilog_open(crilog_t *l, const char *path, size_t max_line, berr_t *err);
int crilog_reopen(crilog_t *l, berr_t *err);
/* stream 0 = stdout, 1 = stderr */
void crilog_write(crilog_t *l, int stream, const char *data, size_t len);
void crilog_flush(crilog_t *l);
#endif
