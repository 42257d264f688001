/* The clean pages a process may drop: its private, read-only file mappings with no anonymous
 * (copy-on-write) page, from /proc/self/smaps. RELRO and data mappings hold relocations the file does
 * not, so they are never listed. Dropping a listed range's page table entries (MADV_DONTNEED) loses
 * nothing: the next touch maps the page again from the page cache. Shared by the monitor's trim
 * (trim.c) and berthd's (src/trim/malloc-trim.c). */
#ifndef BERTH_SMAPS_H
#define BERTH_SMAPS_H

#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
	unsigned long start, end;
} range_t;

typedef struct {
	range_t *ranges;
	int max, n;
	unsigned long stack_lo; /* start of [stack], 0 when not seen */
	range_t cur;
	bool candidate;
} smaps_scan_t;

/* One line of smaps: a mapping header opens a candidate, its `Anonymous:` line decides. */
static inline void smaps_line(smaps_scan_t *s, const char *line)
{
	char *end;
	unsigned long start = strtoul(line, &end, 16);
	if (*end == '-' && end != line) {
		unsigned long stop = strtoul(end + 1, &end, 16);
		const char *perms = end + 1;
		const char *bracket = strchr(perms, '[');
		s->cur = (range_t){start, stop};
		s->candidate = perms[0] == 'r' && perms[1] != 'w' && perms[3] == 'p' && strchr(perms, '/') != NULL;
		if (bracket && strncmp(bracket, "[stack]", 7) == 0)
			s->stack_lo = start;
		return;
	}
	if (s->candidate && strncmp(line, "Anonymous:", 10) == 0) {
		if (strtoul(line + 10, NULL, 10) == 0 && s->n < s->max)
			s->ranges[s->n++] = s->cur;
		s->candidate = false;
	}
}

/* Lists the droppable ranges into s->ranges (up to s->max); returns how many. */
static inline int smaps_clean_ranges(smaps_scan_t *s)
{
	int fd = open("/proc/self/smaps", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	char buf[4096], line[512];
	size_t ll = 0;
	ssize_t r;
	while ((r = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < r; i++) {
			if (buf[i] != '\n') {
				if (ll < sizeof(line) - 1)
					line[ll++] = buf[i];
				continue;
			}
			line[ll] = '\0';
			smaps_line(s, line);
			ll = 0;
		}
	}
	close(fd);
	return s->n;
}

#endif
