/* berth-runtime spawner: berthd's one child that starts its short-lived commands (the monitor's
 * foreground, `ns`, `init --detach`, mount, CNI plugins). Forking Node.js copies the page tables of
 * a large process on its event loop thread and faults its heap back in afterwards; forking this
 * small process costs a fraction of that, and berth-runtime's own short-lived commands run in the
 * forked child without an exec. One poll loop, no threads.
 *
 * stdin carries requests, stdout answers; each is a frame [4 bytes big-endian length][payload].
 * Request: a JSON object, either {"id":N,"argv":[...],"env":["K=V",...],"cwd":"dir","stdin":"text"}
 * (env, cwd and stdin optional: without env the spawner's own, without stdin /dev/null) or
 * {"kill":N}, which SIGKILLs the process group of request N.
 * Answer, once the command's process has exited: [4 id][1 kind][4 value][4 stdout length][stdout]
 * [stderr], integers big-endian; kind 0 = exit (value: status), 1 = signal (value: number),
 * 2 = could not start (value: errno). Each command gets its own session (and so process group);
 * output a command leaves to descendants after it exits is not waited for. EOF on stdin ends the
 * spawner, not the commands it started. */
#include "berth.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define MAX_JOBS 128
#define OUT_MAX (16u << 20) /* per stream; the rest is dropped */
#define REQ_MAX (8u << 20)

typedef struct {
	char *data;
	size_t len;
} buf_t;

typedef struct {
	bool used;
	uint32_t id;
	pid_t pid;
	int fds[2]; /* stdout, stderr read ends, -1 once at EOF */
	buf_t out[2];
} job_t;

static job_t jobs[MAX_JOBS];

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16), p[2] = (unsigned char)(v >> 8),
	p[3] = (unsigned char)v;
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static void answer(uint32_t id, int kind, int32_t value, const buf_t *out, const buf_t *err)
{
	size_t olen = out ? out->len : 0, elen = err ? err->len : 0;
	unsigned char head[4 + 4 + 1 + 4 + 4];
	put32(head, (uint32_t)(sizeof(head) - 4 + olen + elen));
	put32(head + 4, id);
	head[8] = (unsigned char)kind;
	put32(head + 9, (uint32_t)value);
	put32(head + 13, (uint32_t)olen);
	/* A berthd that stopped reading is gone: its spawner goes too. */
	if (write_all(STDOUT_FILENO, head, sizeof(head)) < 0 || (olen && write_all(STDOUT_FILENO, out->data, olen) < 0) ||
	    (elen && write_all(STDOUT_FILENO, err->data, elen) < 0))
		_exit(0);
}

static void append(buf_t *b, const char *data, size_t n)
{
	if (b->len + n > OUT_MAX)
		n = OUT_MAX - b->len;
	char *p = n ? realloc(b->data, b->len + n) : b->data;
	if (!p)
		return;
	memcpy(p + b->len, data, n);
	b->data = p;
	b->len += n;
}

/* Reads what is there; returns false at EOF (or error). */
static bool drain_fd(int fd, buf_t *b)
{
	char chunk[16384];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n > 0) {
			append(b, chunk, (size_t)n);
			continue;
		}
		return n < 0 && (errno == EAGAIN || errno == EINTR);
	}
}

static bool is_self(const char *path)
{
	static char last[PATH_MAX];
	static bool last_self;
	if (strcmp(path, last) == 0)
		return last_self;
	struct stat self, st;
	last_self = stat("/proc/self/exe", &self) == 0 && stat(path, &st) == 0 && self.st_dev == st.st_dev &&
		    self.st_ino == st.st_ino;
	snprintf(last, sizeof(last), "%s", path);
	return last_self;
}

/* PATH search in the command's environment, as Node.js does (execvpe would use ours). */
static void exec_in_path(const char *file, char **argv, char **envp)
{
	if (strchr(file, '/')) {
		execve(file, argv, envp);
		return;
	}
	const char *path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
	for (char **e = envp; *e; e++)
		if (strncmp(*e, "PATH=", 5) == 0)
			path = *e + 5;
	int first = ENOENT;
	char full[PATH_MAX];
	for (const char *p = path;; p++) {
		const char *end = strchrnul(p, ':');
		snprintf(full, sizeof(full), "%.*s/%s", (int)(end - p), end == p ? "." : p, file);
		execve(full, argv, envp);
		if (errno != ENOENT && errno != ENOTDIR && first == ENOENT)
			first = errno;
		if (!*end)
			break;
		p = end;
	}
	errno = first;
}

/* berth-runtime's commands that run in the forked child without an exec: short-lived ones. A
 * long-lived process (the monitor, the pod's init, an exec'd process) is exec'd, so that its
 * /proc/<pid>/cmdline says what it is (berthd and operators find monitors by it). */
static bool runs_in_process(char **argv)
{
	static const char *const fast[] = {"ns", "idmap-overlay", "idmap-probe", "cgroup-apply", "state",
					   "start", "kill", "delete", "update"};
	for (int i = 1; argv[i]; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--root") == 0 || strcmp(a, "--log") == 0 || strcmp(a, "--log-format") == 0) {
			if (!argv[++i])
				return false;
			continue;
		}
		if (strncmp(a, "--", 2) == 0)
			continue;
		for (size_t k = 0; k < sizeof(fast) / sizeof(fast[0]); k++)
			if (strcmp(a, fast[k]) == 0)
				return true;
		return false;
	}
	return false;
}

/* Input up to what one pipe can hold, written before the fork: requests carry configurations. */
static int stdin_pipe(const char *text, size_t len)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	if (len > 65536 && fcntl(p[1], F_SETPIPE_SZ, (int)len) < 0) {
		close(p[0]), close(p[1]);
		errno = E2BIG;
		return -1;
	}
	ssize_t w = write_all(p[1], text, len);
	close(p[1]);
	if (w < 0) {
		close(p[0]);
		return -1;
	}
	return p[0];
}

static void start_job(json_object *req)
{
	uint32_t id = (uint32_t)jint(req, "id", 0);
	json_object *argv_json = jarr(req, "argv"), *env_json = jarr(req, "env"), *in = jget(req, "stdin");
	const char *cwd = jstr(req, "cwd");
	job_t *job = NULL;
	for (int i = 0; i < MAX_JOBS && !job; i++)
		if (!jobs[i].used)
			job = &jobs[i];
	if (!job || jlen(argv_json) == 0) {
		answer(id, 2, job ? EINVAL : EAGAIN, NULL, NULL);
		return;
	}
	cleanup_free char **argv = string_array(argv_json);
	cleanup_free char **envp = env_json ? string_array(env_json) : NULL;
	int out[2] = {-1, -1}, err[2] = {-1, -1}, status[2] = {-1, -1};
	int input = in ? stdin_pipe(json_object_get_string(in), (size_t)json_object_get_string_len(in))
		       : open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (!argv || (env_json && !envp) || input < 0 || pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0 ||
	    pipe2(status, O_CLOEXEC) < 0) {
		int e = errno ? errno : ENOMEM;
		for (int i = 0; i < 2; i++) {
			if (out[i] >= 0)
				close(out[i]);
			if (err[i] >= 0)
				close(err[i]);
		}
		if (input >= 0)
			close(input);
		answer(id, 2, e, NULL, NULL);
		return;
	}
	bool self = is_self(argv[0]) && runs_in_process(argv);
	pid_t pid = fork();
	if (pid == 0) {
		signals_default();
		setsid();
		dup2(input, 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		int e = 0;
		if (cwd && chdir(cwd) < 0)
			e = errno;
		if (!e && self) {
			/* berth-runtime itself: the command runs here, as after an exec of it would. */
			syscall(SYS_close_range, 3, ~0U, 0);
			if (envp)
				environ = envp;
			int rc = berth_main((int)jlen(argv_json), argv);
			fflush(NULL);
			_exit(rc);
		}
		if (!e) {
			exec_in_path(argv[0], argv, envp ? envp : environ);
			e = errno;
		}
		if (write(status[1], &e, sizeof(e)) < 0) {
		}
		_exit(127);
	}
	int e = pid < 0 ? errno : 0;
	close(input);
	close(out[1]);
	close(err[1]);
	close(status[1]);
	/* Until the exec or the in-process command (either closes the pipe) or a failure before: a
	 * fraction of a millisecond. */
	if (pid > 0)
		while (read(status[0], &e, sizeof(e)) < 0 && errno == EINTR) {
		}
	close(status[0]);
	if (e) {
		if (pid > 0)
			while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
			}
		close(out[0]);
		close(err[0]);
		answer(id, 2, e, NULL, NULL);
		return;
	}
	fcntl(out[0], F_SETFL, O_NONBLOCK);
	fcntl(err[0], F_SETFL, O_NONBLOCK);
	*job = (job_t){.used = true, .id = id, .pid = pid, .fds = {out[0], err[0]}};
}

static void finish_job(job_t *job, int status)
{
	for (int s = 0; s < 2; s++) {
		if (job->fds[s] >= 0) {
			drain_fd(job->fds[s], &job->out[s]);
			close(job->fds[s]);
		}
	}
	if (WIFSIGNALED(status))
		answer(job->id, 1, WTERMSIG(status), &job->out[0], &job->out[1]);
	else
		answer(job->id, 0, WEXITSTATUS(status), &job->out[0], &job->out[1]);
	free(job->out[0].data);
	free(job->out[1].data);
	*job = (job_t){0};
}

static void handle_request(const char *text)
{
	json_object *req = json_tokener_parse(text);
	if (!req)
		return;
	json_object *kill_id = jget(req, "kill");
	if (kill_id) {
		uint32_t id = (uint32_t)json_object_get_int64(kill_id);
		for (int i = 0; i < MAX_JOBS; i++)
			if (jobs[i].used && jobs[i].id == id)
				kill(-jobs[i].pid, SIGKILL), kill(jobs[i].pid, SIGKILL);
	} else {
		start_job(req);
	}
	json_object_put(req);
}

int cmd_spawner(int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return fail(&(berr_t){0, "usage: spawner (requests on stdin, answers on stdout)"});
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	int sig = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	for (int i = 0; i < MAX_JOBS; i++)
		jobs[i].fds[0] = jobs[i].fds[1] = -1;
	buf_t in = {0};
	for (;;) {
		struct pollfd p[2 + 2 * MAX_JOBS];
		int n = 0;
		p[n++] = (struct pollfd){STDIN_FILENO, POLLIN, 0};
		p[n++] = (struct pollfd){sig, POLLIN, 0};
		for (int i = 0; i < MAX_JOBS; i++)
			for (int s = 0; s < 2; s++)
				p[n++] = (struct pollfd){jobs[i].used ? jobs[i].fds[s] : -1, POLLIN, 0};
		if (poll(p, (nfds_t)n, -1) < 0) {
			if (errno == EINTR)
				continue;
			return 1;
		}
		for (int i = 0; i < MAX_JOBS; i++)
			for (int s = 0; s < 2; s++)
				if (jobs[i].used && jobs[i].fds[s] >= 0 && p[2 + 2 * i + s].revents &&
				    !drain_fd(jobs[i].fds[s], &jobs[i].out[s])) {
					close(jobs[i].fds[s]);
					jobs[i].fds[s] = -1;
				}
		if (p[1].revents) {
			struct signalfd_siginfo si;
			while (read(sig, &si, sizeof(si)) > 0) {
			}
			int status;
			pid_t pid;
			while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
				for (int i = 0; i < MAX_JOBS; i++)
					if (jobs[i].used && jobs[i].pid == pid)
						finish_job(&jobs[i], status);
		}
		if (p[0].revents) {
			char chunk[65536];
			ssize_t r = read(STDIN_FILENO, chunk, sizeof(chunk));
			if (r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN))
				return 0;
			if (r > 0)
				append(&in, chunk, (size_t)r);
			size_t off = 0;
			while (in.len - off >= 4) {
				uint32_t len = get32((unsigned char *)in.data + off);
				if (len > REQ_MAX)
					return 1;
				if (in.len - off - 4 < len)
					break;
				char *text = strndup(in.data + off + 4, len);
				if (text)
					handle_request(text);
				free(text);
				off += 4 + len;
			}
			memmove(in.data, in.data + off, in.len - off);
			in.len -= off;
		}
	}
}
