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
 *   entries loses nothing (the pages stay in the page cache, and the next use maps them again); which
 *   mappings qualify is src/runtime/native/smaps.h's.
 * - fixMmapThreshold: glibc serves a request of ≥ 128 KiB with its own mapping, returned at free(),
 *   until the first such free; from then on it raises the threshold to the size freed, and 256 KiB
 *   chunks of inflated layer data come from the arenas, whose free space stays resident. Setting the
 *   threshold turns the raising off: 4 MiB less at the peak of bench/pull. */
#include "../runtime/native/smaps.h"

#include <malloc.h>
#include <node_api.h>
#include <sys/mman.h>

static napi_value trim(napi_env env, napi_callback_info info)
{
	(void)info;
	napi_value released;
	napi_get_boolean(env, malloc_trim(0) == 1, &released);
	return released;
}

static napi_value fix_mmap_threshold(napi_env env, napi_callback_info info)
{
	(void)info;
	napi_value fixed;
	napi_get_boolean(env, mallopt(M_MMAP_THRESHOLD, 128 * 1024) == 1, &fixed);
	return fixed;
}

#define MAX_RANGES 512

static napi_value drop_file_pages(napi_env env, napi_callback_info info)
{
	(void)info;
	static range_t ranges[MAX_RANGES];
	smaps_scan_t scan = {.ranges = ranges, .max = MAX_RANGES};
	int n = smaps_clean_ranges(&scan), dropped = 0;
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
	    napi_set_named_property(env, exports, "dropFilePages", fn) != napi_ok ||
	    napi_create_function(env, "fixMmapThreshold", NAPI_AUTO_LENGTH, fix_mmap_threshold, NULL, &fn) !=
		napi_ok ||
	    napi_set_named_property(env, exports, "fixMmapThreshold", fn) != napi_ok)
		return NULL;
	return exports;
}
