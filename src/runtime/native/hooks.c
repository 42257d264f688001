/* OCI hooks: each one a program run with the container's state JSON on its stdin, its args and env
 * (the runtime's environment when the hook gives none, as runc), killed at its timeout. Its output
 * is kept (the start of it) for the error message, never passed on: the runtime's stdout may be
 * the container's. Where each kind runs is the caller's business (container.c, process.c). */
#include "berth.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

char *hook_state(const char *id, const char *status, pid_t pid, const char *bundle, json_object *annotations)
{
	cleanup_json json_object *s = json_object_new_object();
	json_object_object_add(s, "ociVersion", json_object_new_string("1.0.2"));
	json_object_object_add(s, "id", json_object_new_string(id));
	json_object_object_add(s, "status", json_object_new_string(status));
	if (pid > 0)
		json_object_object_add(s, "pid", json_object_new_int(pid));
	json_object_object_add(s, "bundle", json_object_new_string(bundle));
	if (annotations && json_object_object_length(annotations) > 0)
		json_object_object_add(s, "annotations", json_object_get(annotations));
	return strdup(json_object_to_json_string_ext(s, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
}

static char **string_vector(json_object *arr, const char *fallback)
{
	size_t n = jlen(arr);
	char **v = calloc(n + 2, sizeof(char *));
	if (!v)
		return NULL;
	for (size_t i = 0; i < n; i++)
		v[i] = (char *)json_object_get_string(json_object_array_get_idx(arr, i));
	if (n == 0 && fallback)
		v[0] = (char *)fallback;
	return v;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int run_one(json_object *hook, const char *state, berr_t *err)
{
	const char *path = jstr(hook, "path");
	if (!path || path[0] != '/')
		return berr_set(err, EINVAL, "path \"%s\" is not absolute", path ? path : "");
	int64_t timeout = jint(hook, "timeout", 0);
	if (jget(hook, "timeout") && timeout <= 0)
		return berr_set(err, EINVAL, "\"%s\": timeout %lld is not positive", path, (long long)timeout);
	cleanup_free char **argv = string_vector(jarr(hook, "args"), path);
	cleanup_free char **envp = jget(hook, "env") ? string_vector(jarr(hook, "env"), NULL) : NULL;
	if (!argv || (jget(hook, "env") && !envp))
		return berr_set(err, ENOMEM, "hook \"%s\"", path);
	int in[2], out[2];
	if (pipe2(in, O_CLOEXEC) < 0)
		return berr_set(err, errno, "pipe");
	cleanup_fd int in_r = in[0], in_w = in[1];
	if (pipe2(out, O_CLOEXEC) < 0)
		return berr_set(err, errno, "pipe");
	cleanup_fd int out_r = out[0], out_w = out[1];
	pid_t pid = fork();
	if (pid < 0)
		return berr_set(err, errno, "fork for hook \"%s\"", path);
	if (pid == 0) {
		signals_default();
		if (dup2(in_r, 0) < 0 || dup2(out_w, 1) < 0 || dup2(out_w, 2) < 0)
			_exit(127);
		execve(path, argv, envp ? envp : environ);
		dprintf(2, "exec: %s", strerror(errno));
		_exit(127);
	}
	close(steal_fd(&in_r));
	close(steal_fd(&out_w));
	cleanup_fd int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	fcntl(in_w, F_SETFL, O_NONBLOCK);
	fcntl(out_r, F_SETFL, O_NONBLOCK);
	/* A hook that does not read its stdin must not kill us with SIGPIPE. */
	struct sigaction ign = {.sa_handler = SIG_IGN}, old;
	sigaction(SIGPIPE, &ign, &old);
	size_t left = strlen(state), kept = 0;
	char output[512];
	long long deadline = timeout > 0 ? now_ms() + timeout * 1000 : -1;
	bool exited = false, timed_out = false;
	while (!exited) {
		struct pollfd p[3] = {{.fd = in_w, .events = POLLOUT}, {.fd = out_r, .events = POLLIN}, {.fd = pidfd, .events = POLLIN}};
		int wait = -1;
		if (deadline >= 0) {
			long long rem = deadline - now_ms();
			if (rem <= 0) {
				timed_out = true;
				break;
			}
			wait = (int)rem;
		}
		int n = poll(p, 3, pidfd >= 0 ? wait : (wait < 0 || wait > 10 ? 10 : wait));
		if (n < 0 && errno != EINTR)
			break;
		if (in_w >= 0 && (p[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t w = write(in_w, state + strlen(state) - left, left);
			if (w > 0)
				left -= (size_t)w;
			if ((w < 0 && errno != EAGAIN) || left == 0)
				close(steal_fd(&in_w));
		}
		if (out_r >= 0 && (p[1].revents & (POLLIN | POLLHUP | POLLERR))) {
			char buf[512];
			ssize_t r = read(out_r, buf, sizeof(buf));
			if (r > 0 && kept < sizeof(output) - 1) {
				size_t take = (size_t)r < sizeof(output) - 1 - kept ? (size_t)r : sizeof(output) - 1 - kept;
				memcpy(output + kept, buf, take);
				kept += take;
			}
			if (r == 0 || (r < 0 && errno != EAGAIN))
				close(steal_fd(&out_r));
		}
		exited = pidfd >= 0 ? (p[2].revents & POLLIN) != 0 : waitpid(pid, NULL, WNOHANG | WNOWAIT) == pid;
	}
	sigaction(SIGPIPE, &old, NULL);
	if (!exited)
		kill(pid, SIGKILL);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	/* What the hook wrote before it ended (its children may keep the pipe: no waiting for them). */
	for (ssize_t r; out_r >= 0 && kept < sizeof(output) - 1 &&
			(r = read(out_r, output + kept, sizeof(output) - 1 - kept)) > 0;)
		kept += (size_t)r;
	while (kept > 0 && (output[kept - 1] == '\n' || output[kept - 1] == ' '))
		kept--;
	output[kept] = '\0';
	if (timed_out || !exited)
		return berr_set(err, ETIMEDOUT, "\"%s\" ran past its timeout of %lld s", path, (long long)timeout);
	if (WIFSIGNALED(status))
		return berr_set(err, 0, "\"%s\" killed by signal %d%s%s", path, WTERMSIG(status), kept ? ": " : "", output);
	if (WEXITSTATUS(status) != 0)
		return berr_set(err, 0, "\"%s\" exited with status %d%s%s", path, WEXITSTATUS(status), kept ? ": " : "",
				output);
	return 0;
}

int hooks_run(json_object *config, const char *kind, const char *state, bool warn_only, berr_t *err)
{
	json_object *list = jarr(jget(config, "hooks"), kind);
	for (size_t i = 0; i < jlen(list); i++) {
		if (run_one(json_object_array_get_idx(list, i), state, err) == 0)
			continue;
		berr_wrap(err, "%s hook #%zu", kind, i);
		if (!warn_only)
			return -1;
		char buf[1400];
		log_warn("%s", berr_text(err, buf, sizeof(buf)));
	}
	return 0;
}

bool hooks_present(json_object *config, const char *kind) { return jlen(jarr(jget(config, "hooks"), kind)) > 0; }
