/* berth-trim.node: hands the C heap's free pages back to the kernel (malloc_trim), for berthd's idle
 * collector (src/idle-gc.ts). V8 returns its own heap pages after a full collection, but the buffers
 * of HTTP/2 frames and of large requests live in glibc's arenas, and glibc returns only the free
 * space at the top of an arena by itself: after a burst of 1 MiB requests berthd kept ~100 MiB of
 * free heap for good. malloc_trim(0) also releases free pages in the middle of every arena. */
#include <malloc.h>
#include <node_api.h>

static napi_value trim(napi_env env, napi_callback_info info)
{
	(void)info;
	napi_value released;
	napi_get_boolean(env, malloc_trim(0) == 1, &released);
	return released;
}

NAPI_MODULE_INIT()
{
	napi_value fn;
	if (napi_create_function(env, "mallocTrim", NAPI_AUTO_LENGTH, trim, NULL, &fn) != napi_ok ||
	    napi_set_named_property(env, exports, "mallocTrim", fn) != napi_ok)
		return NULL;
	return exports;
}
