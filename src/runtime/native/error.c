/* Error objects and logging: errors go to stderr and, with --log, to a file (text or JSON lines). */
#include "berth.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>

/* Set once by main from --log / --log-format; read-only afterwards. */
static int log_fd = -1;
static bool log_json;

int berr_set(berr_t *e, int errnum, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	e->errnum = errnum;
	return -1;
}

int berr_wrap(berr_t *e, const char *fmt, ...)
{
	char prefix[512];
	char old[sizeof(e->msg)];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof(old));
	snprintf(e->msg, sizeof(e->msg), "%s: %s", prefix, old);
	return -1;
}

const char *berr_text(const berr_t *e, char *buf, size_t len)
{
	if (e->errnum)
		snprintf(buf, len, "%s: %s", e->msg, strerror(e->errnum));
	else
		snprintf(buf, len, "%s", e->msg);
	return buf;
}

int log_file_fd(void) { return log_fd; }

void log_setup(const char *path, bool json)
{
	log_json = json;
	if (path)
		log_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
}

static void log_line(const char *level, const char *text)
{
	dprintf(STDERR_FILENO, "berth-runtime: %s%s\n", strcmp(level, "error") ? "warning: " : "", text);
	if (log_fd < 0)
		return;
	char ts[64];
	rfc3339_now(ts, sizeof(ts));
	if (log_json) {
		cleanup_json json_object *o = json_object_new_object();
		json_object_object_add(o, "level", json_object_new_string(level));
		json_object_object_add(o, "msg", json_object_new_string(text));
		json_object_object_add(o, "time", json_object_new_string(ts));
		dprintf(log_fd, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	} else {
		dprintf(log_fd, "time=\"%s\" level=%s msg=\"%s\"\n", ts, level, text);
	}
}

void log_error(const berr_t *e)
{
	char buf[1200];
	log_line("error", berr_text(e, buf, sizeof(buf)));
}

void log_warn(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	log_line("warning", buf);
}

int fail(const berr_t *e)
{
	log_error(e);
	return 1;
}
