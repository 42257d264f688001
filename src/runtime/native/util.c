/* Small file, JSON, /proc and time helpers. */
#include "berth.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>

ssize_t write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	size_t left = len;
	while (left > 0) {
		ssize_t n = write(fd, p, left);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		left -= (size_t)n;
	}
	return (ssize_t)len;
}

int read_file(const char *path, char **out, size_t *len, berr_t *err)
{
	cleanup_fd int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return berr_set(err, errno, "open \"%s\"", path);
	return read_fd(fd, path, out, len, err);
}

int read_fd(int fd, const char *path, char **out, size_t *len, berr_t *err)
{
	size_t cap = 4096, n = 0;
	cleanup_free char *buf = malloc(cap + 1);
	if (!buf)
		return berr_set(err, ENOMEM, "read \"%s\"", path);
	for (;;) {
		if (n == cap) {
			char *nb = realloc(buf, cap * 2 + 1);
			if (!nb)
				return berr_set(err, ENOMEM, "read \"%s\"", path);
			buf = nb;
			cap *= 2;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return berr_set(err, errno, "read \"%s\"", path);
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	if (len)
		*len = n;
	*out = buf;
	buf = NULL;
	return 0;
}

int write_file(const char *path, const char *data, size_t len, berr_t *err)
{
	cleanup_fd int fd = open(path, O_WRONLY | O_TRUNC | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return berr_set(err, errno, "open \"%s\"", path);
	if (write_all(fd, data, len) < 0)
		return berr_set(err, errno, "write \"%s\" to \"%s\"", data, path);
	return 0;
}

int write_file_at(int dirfd, const char *name, const char *data, berr_t *err)
{
	cleanup_fd int fd = openat(dirfd, name, O_WRONLY | O_TRUNC | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return berr_set(err, errno, "open \"%s\"", name);
	if (write_all(fd, data, strlen(data)) < 0)
		return berr_set(err, errno, "write \"%s\" to \"%s\"", data, name);
	return 0;
}

/*
 * Replaces `path` with `data` through a temporary file and rename: readers see the old or the new
 * content, never a partial one, also after a kill -9. With `durable`, the file and its directory
 * are fsynced too, for records that must survive a power loss; files that describe live processes
 * (pid files, the runtime's state) skip it, since no process they name survives one.
 */
static int replace_file(const char *path, const char *data, size_t len, bool durable, berr_t *err)
{
	char tmp[PATH_MAX];
	snprintf(tmp, sizeof(tmp), "%s.tmp%d", path, (int)getpid());
	{
		cleanup_fd int fd = open(tmp, O_WRONLY | O_TRUNC | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0)
			return berr_set(err, errno, "open \"%s\"", tmp);
		if (write_all(fd, data, len) < 0 || (durable && fsync(fd) < 0)) {
			int e = errno;
			unlink(tmp);
			return berr_set(err, e, "write \"%s\"", tmp);
		}
	}
	if (rename(tmp, path) < 0) {
		int e = errno;
		unlink(tmp);
		return berr_set(err, e, "rename \"%s\" to \"%s\"", tmp, path);
	}
	if (!durable)
		return 0;
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash) {
		*(slash == dir ? slash + 1 : slash) = '\0';
		cleanup_fd int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0)
			fsync(dfd);
	}
	return 0;
}

int write_file_atomic(const char *path, const char *data, size_t len, berr_t *err)
{
	return replace_file(path, data, len, true, err);
}

int write_process_file(const char *path, const char *data, size_t len, berr_t *err)
{
	return replace_file(path, data, len, false, err);
}

int mkdir_p(const char *path, mode_t mode, berr_t *err)
{
	char buf[PATH_MAX];
	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return berr_set(err, ENAMETOOLONG, "mkdir \"%s\"", path);
	for (char *p = buf + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(buf, mode) < 0 && errno != EEXIST)
			return berr_set(err, errno, "mkdir \"%s\"", buf);
		*p = c;
		if (c == '\0')
			break;
	}
	return 0;
}

int parse_json(const char *text, const char *what, json_object **out, berr_t *err)
{
	json_tokener *tok = json_tokener_new();
	if (!tok)
		return berr_set(err, ENOMEM, "parse %s", what);
	json_object *o = json_tokener_parse_ex(tok, text, (int)strlen(text));
	enum json_tokener_error je = json_tokener_get_error(tok);
	size_t off = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (!o || je != json_tokener_success) {
		if (o)
			json_object_put(o);
		return berr_set(err, 0, "parse %s: invalid JSON at offset %zu: %s", what, off,
				je == json_tokener_success || je == json_tokener_continue ? "unexpected end of input"
											   : json_tokener_error_desc(je));
	}
	*out = o;
	return 0;
}

int read_json_file(const char *path, json_object **out, berr_t *err)
{
	cleanup_free char *text = NULL;
	if (read_file(path, &text, NULL, err) < 0)
		return -1;
	char what[PATH_MAX + 8];
	snprintf(what, sizeof(what), "\"%s\"", path);
	return parse_json(text, what, out, err);
}

unsigned long long proc_start_time(pid_t pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	cleanup_fd int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* comm (field 2) may hold spaces and parentheses: count fields after the last ')'. */
	char *p = strrchr(buf, ')');
	if (!p)
		return 0;
	p++;
	char state = 0;
	for (int field = 2; *p && field < 22; p++) {
		if (*p == ' ') {
			field++;
			if (field == 3)
				state = p[1];
		}
	}
	if (state == 'Z' || state == 'X')
		return 0; /* a zombie has finished running */
	return strtoull(p, NULL, 10);
}

bool proc_alive(pid_t pid, unsigned long long start_time)
{
	return pid > 0 && start_time != 0 && proc_start_time(pid) == start_time;
}

static char *put_digits(char *p, unsigned long v, int width)
{
	for (int i = width - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + width;
}

/* Formatted by hand: this runs for every log record of the monitor, and gmtime/strftime/printf
 * would fault in (and keep resident) several 64 KiB chunks of libc's text each time it was trimmed.
 * The date is Howard Hinnant's days-to-civil algorithm. */
void rfc3339_now(char *buf, size_t len)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (len < 31) {
		if (len)
			buf[0] = '\0';
		return;
	}
	long long days = ts.tv_sec / 86400, secs = ts.tv_sec % 86400;
	long long z = days + 719468, era = z / 146097;
	unsigned long doe = (unsigned long)(z - era * 146097);
	unsigned long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned long mp = (5 * doy + 2) / 153;
	unsigned long day = doy - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9;
	unsigned long year = (unsigned long)(yoe + era * 400) + (month <= 2);
	char *p = put_digits(buf, year, 4);
	*p++ = '-';
	p = put_digits(p, month, 2);
	*p++ = '-';
	p = put_digits(p, day, 2);
	*p++ = 'T';
	p = put_digits(p, (unsigned long)secs / 3600, 2);
	*p++ = ':';
	p = put_digits(p, (unsigned long)secs / 60 % 60, 2);
	*p++ = ':';
	p = put_digits(p, (unsigned long)secs % 60, 2);
	*p++ = '.';
	p = put_digits(p, (unsigned long)ts.tv_nsec, 9);
	*p++ = 'Z';
	*p = '\0';
}

static const struct {
	const char *name;
	int sig;
} signals[] = {
	{"HUP", SIGHUP},   {"INT", SIGINT},   {"QUIT", SIGQUIT}, {"ILL", SIGILL},	{"TRAP", SIGTRAP},
	{"ABRT", SIGABRT}, {"BUS", SIGBUS},   {"FPE", SIGFPE},	 {"KILL", SIGKILL}, {"USR1", SIGUSR1},
	{"SEGV", SIGSEGV}, {"USR2", SIGUSR2}, {"PIPE", SIGPIPE}, {"ALRM", SIGALRM}, {"TERM", SIGTERM},
	{"CHLD", SIGCHLD}, {"CONT", SIGCONT}, {"STOP", SIGSTOP}, {"TSTP", SIGTSTP}, {"TTIN", SIGTTIN},
	{"TTOU", SIGTTOU}, {"URG", SIGURG},   {"XCPU", SIGXCPU}, {"XFSZ", SIGXFSZ}, {"VTALRM", SIGVTALRM},
	{"PROF", SIGPROF}, {"WINCH", SIGWINCH}, {"IO", SIGIO},   {"PWR", SIGPWR},	{"SYS", SIGSYS},
};

int parse_signal(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);
	if (*s && !*end)
		return (n > 0 && n < NSIG) ? (int)n : -1;
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (strcasecmp(s, signals[i].name) == 0)
			return signals[i].sig;
	return -1;
}

json_object *jget(json_object *o, const char *key)
{
	json_object *v = NULL;
	if (!o || !json_object_is_type(o, json_type_object) || !json_object_object_get_ex(o, key, &v))
		return NULL;
	return json_object_is_type(v, json_type_null) ? NULL : v;
}

const char *jstr(json_object *o, const char *key)
{
	json_object *v = jget(o, key);
	return v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}

int64_t jint(json_object *o, const char *key, int64_t def)
{
	json_object *v = jget(o, key);
	if (!v || !(json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_double)))
		return def;
	return json_object_get_int64(v);
}

bool jbool(json_object *o, const char *key, bool def)
{
	json_object *v = jget(o, key);
	return v && json_object_is_type(v, json_type_boolean) ? json_object_get_boolean(v) : def;
}

json_object *jarr(json_object *o, const char *key)
{
	json_object *v = jget(o, key);
	return v && json_object_is_type(v, json_type_array) ? v : NULL;
}

size_t jlen(json_object *arr) { return arr ? json_object_array_length(arr) : 0; }

/* The kernel's struct sigaction, whatever the architecture's layout past the handler: zero flags and
 * mask. glibc's sigaction refuses the signals it reserves for itself (32 and 33), which a parent can
 * still leave ignored (GNU make does) and which would then reach the container's program. */
struct kernel_sigaction {
	void (*handler)(int);
	unsigned long rest[3];
};

void signals_default(void)
{
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	for (int sig = 1; sig < _NSIG; sig++) {
		if (sig == SIGKILL || sig == SIGSTOP)
			continue;
		struct kernel_sigaction old = {0}, dfl = {0};
		dfl.handler = SIG_DFL;
		if (syscall(SYS_rt_sigaction, sig, NULL, &old, _NSIG / 8) == 0 && old.handler == SIG_IGN)
			syscall(SYS_rt_sigaction, sig, &dfl, NULL, _NSIG / 8);
	}
}
