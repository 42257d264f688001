/* berth-trim.node: hands memory berthd is not using back to the kernel, for its idle collector
 * (src/idle-gc.ts).
 * - mallocTrim: the C heap's free pages (malloc_trim). V8 returns its own heap pages after a full
 *   collection, but the buffers of HTTP/2 frames and of large requests live in glibc's arenas, and
 *   glibc returns only the free space at the top of an arena by itself: after a burst of 1 MiB
 *   requests berthd kept ~100 MiB of free heap for good. malloc_trim(0) also releases free pages in
 *   the middle of every arena.
 * - dropFilePages: the clean pages of read-only file mappings (the node binary's code, libraries),
 *   as berth-runtime's monitor drops its own (src/runtime/native/trim.c). Start-up and a burst of
 *   calls fault in ~35 MiB of /usr/bin/node, most of it used once; dropping the mappings' page table
 *   entries loses nothing (the pages stay in the page cache, and the next use maps them again).
 *   Only mappings that are private, not writable and without anonymous (copy-on-write) pages: RELRO
 *   and data hold relocations that the file does not. */
#include <fcntl.h>
#include <malloc.h>
#include <node_api.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static napi_value trim(napi_env env, napi_callback_info info)
{
	(void)info;
	napi_value released;
	napi_get_boolean(env, malloc_trim(0) == 1, &released);
	return released;
}

#define MAX_RANGES 512

typedef struct {
	unsigned long start, end;
} range_t;

/* One line of /proc/self/smaps: a mapping header opens a candidate, its `Anonymous:` line decides. */
static void smaps_line(const char *line, range_t *cur, bool *candidate, range_t *ranges, int *n)
{
	char *end;
	unsigned long start = strtoul(line, &end, 16);
	if (*end == '-' && end != line) {
		unsigned long stop = strtoul(end + 1, &end, 16);
		const char *perms = end + 1;
		*cur = (range_t){start, stop};
		*candidate = perms[0] == 'r' && perms[1] != 'w' && perms[3] == 'p' && strchr(perms, '/') != NULL;
		return;
	}
	if (*candidate && strncmp(line, "Anonymous:", 10) == 0) {
		if (strtoul(line + 10, NULL, 10) == 0 && *n < MAX_RANGES)
			ranges[(*n)++] = *cur;
		*candidate = false;
	}
}

static napi_value drop_file_pages(napi_env env, napi_callback_info info)
{
	(void)info;
	static range_t ranges[MAX_RANGES];
	int n = 0;
	int fd = open("/proc/self/smaps", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		char buf[8192], line[512];
		size_t ll = 0;
		range_t cur = {0, 0};
		bool candidate = false;
		ssize_t r;
		while ((r = read(fd, buf, sizeof(buf))) > 0) {
			for (ssize_t i = 0; i < r; i++) {
				if (buf[i] != '\n') {
					if (ll < sizeof(line) - 1)
						line[ll++] = buf[i];
					continue;
				}
				line[ll] = '\0';
				smaps_line(line, &cur, &candidate, ranges, &n);
				ll = 0;
			}
		}
		close(fd);
	}
	int dropped = 0;
	for (int i = 0; i < n; i++)
		if (madvise((void *)ranges[i].start, ranges[i].end - ranges[i].start, MADV_DONTNEED) == 0)
			dropped++;
	napi_value count;
	napi_create_int32(env, dropped, &count);
	return count;
}

NAPI_MODULE_INIT()
{
	napi_value fn;
	if (napi_create_function(env, "mallocTrim", NAPI_AUTO_LENGTH, trim, NULL, &fn) != napi_ok ||
	    napi_set_named_property(env, exports, "mallocTrim", fn) != napi_ok ||
	    napi_create_function(env, "dropFilePages", NAPI_AUTO_LENGTH, drop_file_pages, NULL, &fn) != napi_ok ||
	    napi_set_named_property(env, exports, "dropFilePages", fn) != napi_ok)
		return NULL;
	return exports;
}
