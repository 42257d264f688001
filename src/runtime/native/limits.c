/* rlimits, oom_score_adj and sysctls. Root without CAP_SYS_RESOURCE (this host, user namespaces)
 * cannot raise a hard limit or lower oom_score_adj: clamp to what is allowed and warn. */
#include "berth.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>

static const struct {
	const char *name;
	int res;
} rlimit_table[] = {
	{"RLIMIT_AS", RLIMIT_AS},	    {"RLIMIT_CORE", RLIMIT_CORE},	{"RLIMIT_CPU", RLIMIT_CPU},
	{"RLIMIT_DATA", RLIMIT_DATA},	    {"RLIMIT_FSIZE", RLIMIT_FSIZE},	{"RLIMIT_LOCKS", RLIMIT_LOCKS},
	{"RLIMIT_MEMLOCK", RLIMIT_MEMLOCK}, {"RLIMIT_MSGQUEUE", RLIMIT_MSGQUEUE}, {"RLIMIT_NICE", RLIMIT_NICE},
	{"RLIMIT_NOFILE", RLIMIT_NOFILE},   {"RLIMIT_NPROC", RLIMIT_NPROC},	{"RLIMIT_RSS", RLIMIT_RSS},
	{"RLIMIT_RTPRIO", RLIMIT_RTPRIO},   {"RLIMIT_RTTIME", RLIMIT_RTTIME},	{"RLIMIT_SIGPENDING", RLIMIT_SIGPENDING},
	{"RLIMIT_STACK", RLIMIT_STACK},
};

int rlimits_apply(json_object *process, berr_t *err)
{
	json_object *rl = jarr(process, "rlimits");
	for (size_t i = 0; i < jlen(rl); i++) {
		json_object *r = json_object_array_get_idx(rl, i);
		const char *type = jstr(r, "type");
		int res = -1;
		for (size_t k = 0; type && k < sizeof(rlimit_table) / sizeof(rlimit_table[0]); k++)
			if (strcmp(type, rlimit_table[k].name) == 0)
				res = rlimit_table[k].res;
		if (res < 0)
			return berr_set(err, EINVAL, "unknown rlimit type \"%s\"", type ? type : "");
		struct rlimit want = {(rlim_t)jint(r, "soft", 0), (rlim_t)jint(r, "hard", 0)};
		if (setrlimit(res, &want) == 0)
			continue;
		if (errno != EPERM)
			return berr_set(err, errno, "setrlimit %s", type);
		struct rlimit cur;
		getrlimit(res, &cur);
		struct rlimit clamped = {want.rlim_cur < cur.rlim_max ? want.rlim_cur : cur.rlim_max, cur.rlim_max};
		if (setrlimit(res, &clamped) < 0)
			return berr_set(err, errno, "setrlimit %s", type);
		log_warn("%s hard limit %llu is above the host's %llu: clamped to soft %llu hard %llu", type,
			 (unsigned long long)want.rlim_max, (unsigned long long)cur.rlim_max,
			 (unsigned long long)clamped.rlim_cur, (unsigned long long)clamped.rlim_max);
	}
	return 0;
}

int oom_score_adj_apply(json_object *process, pid_t pid, berr_t *err)
{
	if (!jget(process, "oomScoreAdj"))
		return 0;
	int64_t want = jint(process, "oomScoreAdj", 0);
	char s[32], path[64];
	snprintf(s, sizeof(s), "%lld", (long long)want);
	if (pid > 0)
		snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", (int)pid);
	else
		snprintf(path, sizeof(path), "/proc/self/oom_score_adj");
	cleanup_fd int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return berr_set(err, errno, "open \"%s\"", path);
	if (write(fd, s, strlen(s)) >= 0)
		return 0;
	if (errno != EACCES && errno != EPERM)
		return berr_set(err, errno, "write \"%s\" to \"%s\"", s, path);
	/* Lowering needs CAP_SYS_RESOURCE: the lowest allowed value is the current one. */
	char cur[32] = "";
	ssize_t n = pread(fd, cur, sizeof(cur) - 1, 0);
	if (n > 0)
		cur[n] = '\0';
	cur[strcspn(cur, "\n")] = '\0';
	log_warn("oomScoreAdj %lld not allowed (no CAP_SYS_RESOURCE): clamped to %s", (long long)want, cur);
	return 0;
}

int sysctls_apply(json_object *lnx, berr_t *err)
{
	json_object *sc = jget(lnx, "sysctl");
	if (!sc || !json_object_is_type(sc, json_type_object))
		return 0;
	json_object_object_foreach(sc, key, val)
	{
		char path[PATH_MAX];
		snprintf(path, sizeof(path), "/proc/sys/%s", key);
		for (char *p = path + 10; *p; p++)
			if (*p == '.')
				*p = '/';
		const char *v = json_object_get_string(val);
		if (strstr(key, "..") || write_file(path, v, strlen(v), err) < 0)
			return berr_wrap(err, "sysctl \"%s\"", key);
	}
	return 0;
}
