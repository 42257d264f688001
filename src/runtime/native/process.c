/* The last steps of a container process, shared by create and exec: cwd, executable lookup in the
 * container's PATH, rlimits, user and groups, capabilities, no_new_privs, seccomp, wait for start,
 * execve. Ordering follows runc: without no_new_privs seccomp needs CAP_SYS_ADMIN, so it is loaded
 * before capabilities are dropped; with no_new_privs it is loaded last, right before execve. */
#include "berth.h"

#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <linux/close_range.h>

void sync_report_error(int fd, const berr_t *e)
{
	char buf[1300];
	buf[0] = 'E';
	berr_text(e, buf + 1, sizeof(buf) - 1);
	if (send(fd, buf, strlen(buf), MSG_NOSIGNAL) < 0) {
		/* the parent is gone: nobody left to tell */
	}
}

int user_apply(json_object *process, berr_t *err)
{
	json_object *user = jget(process, "user");
	uid_t uid = (uid_t)jint(user, "uid", 0);
	gid_t gid = (gid_t)jint(user, "gid", 0);
	json_object *extra = jarr(user, "additionalGids");
	gid_t groups[NGROUPS_MAX];
	size_t n = jlen(extra) < NGROUPS_MAX ? jlen(extra) : NGROUPS_MAX;
	for (size_t i = 0; i < n; i++)
		groups[i] = (gid_t)json_object_get_int64(json_object_array_get_idx(extra, i));
	if (setgroups(n, groups) < 0)
		return berr_set(err, errno, "setgroups");
	if (setresgid(gid, gid, gid) < 0)
		return berr_set(err, errno, "setresgid %u", gid);
	if (setresuid(uid, uid, uid) < 0)
		return berr_set(err, errno, "setresuid %u", uid);
	return 0;
}

static const char *env_path(json_object *process)
{
	json_object *env = jarr(process, "env");
	for (size_t i = 0; i < jlen(env); i++) {
		const char *e = json_object_get_string(json_object_array_get_idx(env, i));
		if (e && strncmp(e, "PATH=", 5) == 0)
			return e + 5;
	}
	return "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
}

static bool executable(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int exec_lookup(json_object *process, char *out, size_t len, berr_t *err)
{
	json_object *args = jarr(process, "args");
	const char *arg0 = jlen(args) ? json_object_get_string(json_object_array_get_idx(args, 0)) : NULL;
	if (!arg0 || !*arg0)
		return berr_set(err, EINVAL, "process.args is empty");
	if (strchr(arg0, '/')) {
		if (!executable(arg0))
			return berr_set(err, errno ? errno : EACCES, "exec \"%s\"", arg0);
		snprintf(out, len, "%s", arg0);
		return 0;
	}
	const char *p = env_path(process);
	while (*p) {
		const char *end = strchrnul(p, ':');
		snprintf(out, len, "%.*s/%s", (int)(end - p), end == p ? "." : p, arg0);
		if (executable(out))
			return 0;
		p = *end ? end + 1 : end;
	}
	return berr_set(err, ENOENT, "exec \"%s\": executable file not found in $PATH", arg0);
}

char **string_array(json_object *arr)
{
	size_t n = jlen(arr);
	char **v = calloc(n + 1, sizeof(char *));
	for (size_t i = 0; v && i < n; i++)
		v[i] = (char *)json_object_get_string(json_object_array_get_idx(arr, i));
	return v;
}

int process_finish(const finish_ctx_t *fc, berr_t *err)
{
	/* Whatever the caller had (the monitor blocks SIGCHLD and ignores SIGPIPE) must not reach the
	 * container's program, which expects the defaults; done before seccomp may forbid it. */
	signals_default();
	json_object *process = fc->process;
	json_object *caps = jget(process, "capabilities");
	bool nnp = jbool(process, "noNewPrivileges", false);
	const char *cwd = jstr(process, "cwd");
	char path[PATH_MAX];
	if (chdir(cwd && *cwd ? cwd : "/") < 0)
		return berr_set(err, errno, "chdir \"%s\"", cwd);
	if (exec_lookup(process, path, sizeof(path), err) < 0 || rlimits_apply(process, err) < 0)
		return -1;
	if (!nnp && seccomp_apply(fc->seccomp, err) < 0)
		return -1;
	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
		return berr_set(err, errno, "prctl(PR_SET_KEEPCAPS)");
	if (caps_drop_bounding(caps, err) < 0 || user_apply(process, err) < 0)
		return -1;
	if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0)
		return berr_set(err, errno, "prctl(PR_SET_KEEPCAPS)");
	if (caps_apply(caps, err) < 0)
		return -1;
	if (nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return berr_set(err, errno, "prctl(PR_SET_NO_NEW_PRIVS)");
	cleanup_free char **argv = string_array(jarr(process, "args"));
	cleanup_free char **envp = string_array(jarr(process, "env"));
	if (!argv || !envp)
		return berr_set(err, ENOMEM, "exec");
	/* Only stdio crosses into the container's program. */
	syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC);
	if (fc->sync_fd >= 0 && send(fc->sync_fd, "K", 1, MSG_NOSIGNAL) < 0)
		return berr_set(err, errno, "report ready");
	if (fc->start_fd >= 0) {
		char c;
		ssize_t r;
		while ((r = read(fc->start_fd, &c, 1)) < 0 && errno == EINTR)
			;
		if (r <= 0)
			return berr_set(err, errno, "wait for start");
		/* As runc: in the container, as its user, right before execve; start waits for them, since
		 * the exec.fifo descriptor closes only at execve. */
		if (fc->config && hooks_run(fc->config, "startContainer", fc->hook_state, false, err) < 0)
			return -1;
	}
	if (nnp && seccomp_apply(fc->seccomp, err) < 0)
		return -1;
	execve(path, argv, envp);
	return berr_set(err, errno, "exec \"%s\"", path);
}
