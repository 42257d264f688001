/* The per-container monitor (see README.md): detached from its caller, subreaper of the container,
 * holder of its stdio, writer of the CRI log and of the exit file, server of the control socket.
 * One poll loop, static sizes, no threads. */
#include "crilog.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>

#define MAX_CLIENTS 16
#define FRAME_MAX 32768
#define ATTACH_BACKLOG (1 << 20)

enum { F_STDIN = 0, F_STDOUT = 1, F_STDERR = 2, F_EXIT = 3, F_CLOSE_STDIN = 4, F_RESIZE = 5 };

typedef struct {
	int fd;
	bool attached;
	size_t inlen;
	char *in;	/* command line, then input frames (FRAME_MAX + 5) */
	char *pending;	/* unsent tail of an output frame */
	size_t plen;
} client_t;

typedef struct {
	const char *id, *bundle, *runtime, *runtime_root, *exit_file, *log_path, *log_root, *control, *pid_file, *rootfs,
		*overlay;
	bool tty, open_stdin, stdin_once, own_pid_file, runtime_is_self;
	bool mounted; /* the overlay at rootfs was mounted by us */
	size_t max_line;
	char pid_path[PATH_MAX], console_dir[64], console_path[128];
	crilog_t log;
	int out_fd, err_fd, in_fd, listen_fd, console_fd, sig_fd, status_fd;
	pid_t runtime_pid, container_pid;
	bool shared_pidns; /* the container's PID namespace is not its own (pod, target or node) */
	char cgroup_dir[PATH_MAX]; /* its memory cgroup, "" when unknown */
	bool cgroup_v2;
	long long oom_start;
	char early[4096]; /* runtime output during create, relayed if create fails */
	size_t early_len;
	char *stdin_pending;
	size_t stdin_plen;
	bool stdin_detached_once;
	client_t clients[MAX_CLIENTS];
} mon_t;

static void set_nonblock(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

static int listen_unix(const char *path, berr_t *err)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	/* sun_path holds 107 bytes; a longer path is bound through a descriptor of its folder
	 * (/proc/self/fd/N/name), as berth's driver connects to it. */
	cleanup_fd int dirfd = -1;
	if (strlen(path) < sizeof(addr.sun_path)) {
		strcpy(addr.sun_path, path);
	} else {
		char dir[PATH_MAX];
		snprintf(dir, sizeof(dir), "%s", path);
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			return berr_set(err, ENAMETOOLONG, "socket path \"%s\"", path);
		*slash = '\0';
		if ((dirfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
			return berr_set(err, errno, "open \"%s\"", dir);
		int n = snprintf(addr.sun_path, sizeof(addr.sun_path), "/proc/self/fd/%d/%s", dirfd, slash + 1);
		if (n < 0 || (size_t)n >= sizeof(addr.sun_path))
			return berr_set(err, ENAMETOOLONG, "socket path \"%s\"", path);
	}
	unlink(path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return berr_set(err, errno, "socket");
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 || chmod(path, 0600) < 0 || listen(fd, 16) < 0) {
		int e = errno;
		close(fd);
		return berr_set(err, e, "listen on \"%s\"", path);
	}
	return fd;
}

/* ---- clients ---- */

static void client_close(mon_t *m, client_t *c)
{
	bool was_attached = c->attached;
	close(c->fd);
	free(c->in);
	free(c->pending);
	memset(c, 0, sizeof(*c));
	c->fd = -1;
	if (was_attached && m->stdin_once && !m->stdin_detached_once && m->in_fd >= 0) {
		m->stdin_detached_once = true;
		close(m->in_fd);
		m->in_fd = -1;
	}
}

/* Send one frame without blocking; a client that cannot keep up with ~1 MiB of socket buffer
 * (ATTACH_BACKLOG) is disconnected rather than ever blocking the container. */
static void client_send(mon_t *m, client_t *c, int type, const char *data, size_t len)
{
	if (c->pending) {
		client_close(m, c);
		return;
	}
	char head[5] = {(char)type, (char)(len >> 24), (char)(len >> 16), (char)(len >> 8), (char)len};
	struct iovec iov[2] = {{head, 5}, {(void *)data, len}};
	struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2};
	ssize_t n = sendmsg(c->fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
	if (n < 0 && errno != EAGAIN) {
		client_close(m, c);
		return;
	}
	size_t sent = n < 0 ? 0 : (size_t)n;
	if (sent == len + 5)
		return;
	c->plen = len + 5 - sent;
	c->pending = malloc(c->plen);
	if (!c->pending) {
		client_close(m, c);
		return;
	}
	size_t hs = sent < 5 ? 5 - sent : 0;
	memcpy(c->pending, head + (sent < 5 ? sent : 5), hs);
	memcpy(c->pending + hs, data + (sent > 5 ? sent - 5 : 0), c->plen - hs);
}

static void client_flush(mon_t *m, client_t *c)
{
	ssize_t n = send(c->fd, c->pending, c->plen, MSG_NOSIGNAL | MSG_DONTWAIT);
	if (n < 0) {
		if (errno != EAGAIN)
			client_close(m, c);
		return;
	}
	c->plen -= (size_t)n;
	memmove(c->pending, c->pending + n, c->plen);
	if (c->plen == 0) {
		free(c->pending);
		c->pending = NULL;
	}
}

static void broadcast(mon_t *m, int type, const char *data, size_t len)
{
	for (int i = 0; i < MAX_CLIENTS; i++)
		if (m->clients[i].fd >= 0 && m->clients[i].attached)
			client_send(m, &m->clients[i], type, data, len);
}

static void reply(client_t *c, const char *text)
{
	if (send(c->fd, text, strlen(text), MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
	}
}

static void stdin_write(mon_t *m, const char *data, size_t len)
{
	if (m->in_fd < 0)
		return;
	ssize_t n = write(m->in_fd, data, len);
	if (n < 0) {
		if (errno != EAGAIN)
			return;
		n = 0;
	}
	if ((size_t)n < len && (m->stdin_pending = malloc(len - (size_t)n))) {
		m->stdin_plen = len - (size_t)n;
		memcpy(m->stdin_pending, data + n, m->stdin_plen);
	}
}

static void handle_frame(mon_t *m, int type, const char *p, size_t len)
{
	if (type == F_STDIN && m->open_stdin) {
		stdin_write(m, p, len);
	} else if (type == F_CLOSE_STDIN && m->in_fd >= 0) {
		close(m->in_fd);
		m->in_fd = -1;
	} else if (type == F_RESIZE && len >= 4 && m->tty && m->out_fd >= 0) {
		struct winsize ws = {.ws_row = (unsigned short)(((unsigned char)p[0] << 8) | (unsigned char)p[1]),
				     .ws_col = (unsigned short)(((unsigned char)p[2] << 8) | (unsigned char)p[3])};
		ioctl(m->out_fd, TIOCSWINSZ, &ws);
	}
}

static void runtime_command(mon_t *m, client_t *c, const char *const *args);
static void kill_command(mon_t *m, client_t *c, const char *arg);

static void handle_command(mon_t *m, client_t *c, const char *line)
{
	berr_t err = {0};
	if (strcmp(line, "reopen") == 0) {
		char buf[1200], msg[1300];
		if (crilog_reopen(&m->log, &err) < 0) {
			snprintf(msg, sizeof(msg), "error %s\n", berr_text(&err, buf, sizeof(buf)));
			reply(c, msg);
		} else {
			reply(c, "ok\n");
		}
	} else if (strcmp(line, "attach") == 0) {
		reply(c, "ok\n");
		c->attached = true;
		c->inlen = 0;
		int sz = ATTACH_BACKLOG;
		if (setsockopt(c->fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz)) < 0)
			setsockopt(c->fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	} else if (strcmp(line, "state") == 0) {
		/* runc and berth-runtime both keep exec.fifo in the state dir until start. */
		char fifo[PATH_MAX], msg[128];
		snprintf(fifo, sizeof(fifo), "%s/%s/exec.fifo", m->runtime_root, m->id);
		snprintf(msg, sizeof(msg), "{\"pid\":%d,\"status\":\"%s\"}\n", (int)m->container_pid,
			 access(fifo, F_OK) == 0 ? "created" : "running");
		reply(c, msg);
	} else if (m->runtime_pid > 0 && (strcmp(line, "start") == 0 || strncmp(line, "kill ", 5) == 0)) {
		reply(c, "error the container is still being created\n");
	} else if (strcmp(line, "start") == 0) {
		const char *args[] = {"start", m->id, NULL};
		runtime_command(m, c, args);
	} else if (strncmp(line, "kill ", 5) == 0) {
		kill_command(m, c, line + 5);
	} else {
		reply(c, "error unknown command\n");
	}
}

static void client_read(mon_t *m, client_t *c)
{
	size_t cap = c->attached ? FRAME_MAX + 5 : 256;
	ssize_t n = read(c->fd, c->in + c->inlen, cap - c->inlen);
	if (n <= 0) {
		if (n == 0 || errno != EAGAIN)
			client_close(m, c);
		return;
	}
	c->inlen += (size_t)n;
	while (c->fd >= 0) {
		if (!c->attached) {
			char *nl = memchr(c->in, '\n', c->inlen);
			if (!nl) {
				if (c->inlen == cap)
					client_close(m, c);
				return;
			}
			*nl = '\0';
			size_t used = (size_t)(nl - c->in) + 1;
			char line[256];
			snprintf(line, sizeof(line), "%s", c->in);
			memmove(c->in, nl + 1, c->inlen - used);
			c->inlen -= used;
			bool was = c->attached;
			handle_command(m, c, line);
			if (!was && !c->attached) {
				client_close(m, c);
				return;
			}
			continue;
		}
		if (c->inlen < 5)
			return;
		size_t len = ((size_t)(unsigned char)c->in[1] << 24) | ((size_t)(unsigned char)c->in[2] << 16) |
			     ((size_t)(unsigned char)c->in[3] << 8) | (unsigned char)c->in[4];
		if (len > FRAME_MAX) {
			client_close(m, c);
			return;
		}
		if (c->inlen < len + 5)
			return;
		handle_frame(m, c->in[0], c->in + 5, len);
		memmove(c->in, c->in + 5 + len, c->inlen - 5 - len);
		c->inlen -= 5 + len;
	}
}

static void accept_client(mon_t *m)
{
	int fd = accept4(m->listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (fd < 0)
		return;
	for (int i = 0; i < MAX_CLIENTS; i++) {
		client_t *c = &m->clients[i];
		if (c->fd >= 0)
			continue;
		c->fd = fd;
		if ((c->in = malloc(FRAME_MAX + 5)))
			return;
		c->fd = -1;
		break;
	}
	reply(&(client_t){.fd = fd}, "error too many clients\n");
	close(fd);
}

/* ---- container output ---- */

static void stream_read(mon_t *m, int *fd, int stream, bool creating)
{
	char buf[16384];
	ssize_t n = read(*fd, buf, sizeof(buf));
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) { /* EOF, or EIO from a pty whose slave side is gone */
		close(*fd);
		*fd = -1;
		return;
	}
	if (creating) {
		size_t room = sizeof(m->early) - 1 - m->early_len;
		size_t k = (size_t)n < room ? (size_t)n : room;
		memcpy(m->early + m->early_len, buf, k);
		m->early_len += k;
		return;
	}
	crilog_write(&m->log, stream, buf, (size_t)n);
	broadcast(m, stream == 0 ? F_STDOUT : F_STDERR, buf, (size_t)n);
}

static void drain(mon_t *m, bool creating, int timeout_ms)
{
	struct timespec start, now;
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (m->out_fd >= 0 || m->err_fd >= 0) {
		struct pollfd p[2] = {{m->out_fd, POLLIN, 0}, {m->err_fd, POLLIN, 0}};
		clock_gettime(CLOCK_MONOTONIC, &now);
		long left = timeout_ms - ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000);
		if (left < 0 || poll(p, 2, (int)left) <= 0)
			return;
		if (p[0].revents)
			stream_read(m, &m->out_fd, 0, creating);
		if (p[1].revents)
			stream_read(m, &m->err_fd, 1, creating);
	}
}

/* ---- OOM counter ---- */

static long long read_key(const char *file, const char *key)
{
	cleanup_file FILE *f = fopen(file, "re");
	char k[64];
	long long v;
	while (f && fscanf(f, "%63s %lld", k, &v) == 2)
		if (strcmp(k, key) == 0)
			return v;
	return 0;
}

/* OOM kills so far in the container's memory cgroup (v1 memory.oom_control, v2 memory.events). */
static long long oom_kills(const mon_t *m)
{
	if (!m->cgroup_dir[0])
		return 0;
	char file[PATH_MAX];
	snprintf(file, sizeof(file), "%s/%s", m->cgroup_dir, m->cgroup_v2 ? "memory.events" : "memory.oom_control");
	return read_key(file, "oom_kill");
}

/* The container's memory cgroup (v1, or the v2 one on a pure v2 host): its OOM-kill counter tells
 * an OOM kill from a plain SIGKILL, and its cgroup.procs lists the container's processes. */
static void cgroup_setup(mon_t *m)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)m->container_pid);
	cleanup_file FILE *f = fopen(path, "re");
	const char *root = getenv("BERTH_CGROUP_ROOT");
	if (!root || !*root)
		root = "/sys/fs/cgroup";
	char line[PATH_MAX], v2[PATH_MAX] = "";
	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (!c2)
			continue;
		*c2 = '\0';
		if (strcmp(c1 + 1, "memory") == 0 || strstr(c1 + 1, ",memory")) {
			snprintf(m->cgroup_dir, sizeof(m->cgroup_dir), "%s/memory%s", root, c2 + 1);
			break;
		}
		if (c1[1] == '\0')
			snprintf(v2, sizeof(v2), "%s%s", root, c2 + 1);
	}
	if (!m->cgroup_dir[0] && v2[0]) {
		snprintf(m->cgroup_dir, sizeof(m->cgroup_dir), "%s", v2);
		m->cgroup_v2 = true;
	}
	m->oom_start = oom_kills(m);
}

/* PID 1 of its own namespace, the container's process takes every other process of the container
 * with it when it exits. In a namespace it shares (the pod's, a target's, the node's) it does not:
 * what it started lives on, holding its stdout open. */
static bool shares_pidns(pid_t pid)
{
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	cleanup_file FILE *f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "NSpid:", 6) != 0)
			continue;
		char *last = strrchr(line, '\t');
		return !last || atoi(last + 1) != 1;
	}
	return false;
}

/* So, as containerd's shim does, the rest of such a container is killed through its cgroup once
 * its main process has exited. */
static void kill_leftovers(mon_t *m)
{
	if (!m->shared_pidns || !m->cgroup_dir[0])
		return;
	char procs[PATH_MAX];
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", m->cgroup_dir);
	for (int round = 0; round < 100; round++) {
		cleanup_file FILE *f = fopen(procs, "re");
		int pid, killed = 0;
		while (f && fscanf(f, "%d", &pid) == 1)
			if (pid > 0 && kill(pid, SIGKILL) == 0)
				killed++;
		if (killed == 0)
			return;
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
}

/* ---- lifecycle ---- */

static void report(mon_t *m, const char *text)
{
	if (m->status_fd < 0)
		return;
	if (write_all(m->status_fd, text, strlen(text)) < 0) {
	}
	close(m->status_fd);
	m->status_fd = -1;
}

static void cleanup_files(mon_t *m)
{
	if (m->own_pid_file)
		unlink(m->pid_file);
	unlink(m->control);
	unlink(m->pid_path);
	if (m->console_dir[0]) {
		unlink(m->console_path);
		rmdir(m->console_dir);
		m->console_dir[0] = '\0';
	}
}

/* The runtime's own commands that a forked monitor runs without exec'ing the same binary again. */
static int (*in_process(const char *cmd))(int, char **)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} table[] = {{"create", cmd_create}, {"delete", cmd_delete}, {"start", cmd_start}, {"kill", cmd_kill}};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (strcmp(cmd, table[i].name) == 0)
			return table[i].fn;
	return NULL;
}

/* Starts the runtime with `args` (a command and its arguments, NULL-terminated) on the given stdio. */
static pid_t spawn_runtime(mon_t *m, int in, int out, int errfd, const char *const *args)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	/* The monitor's blocked SIGCHLD and ignored SIGPIPE (and whatever berthd's own parent left
	 * ignored) would survive execve into the runtime and, with runtimes that keep them, the container. */
	signals_default();
	dup2(in, 0);
	dup2(out, 1);
	dup2(errfd, 2);
	const char *argv[24];
	int n = 0;
	argv[n++] = m->runtime;
	argv[n++] = "--root";
	argv[n++] = m->runtime_root;
	for (int i = 0; args[i] && n < 23; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	int (*fn)(int, char **) = m->runtime_is_self ? in_process(args[0]) : NULL;
	if (fn) {
		/* berth-runtime for its own monitor: the command runs in this forked child instead of
		 * exec'ing the same binary again (a process start and dynamic link less each time).
		 * Only stdio and the --log file may cross, as they would through execve's O_CLOEXEC. */
		int keep = log_file_fd();
		if (keep > 3)
			syscall(SYS_close_range, 3, keep - 1, 0);
		syscall(SYS_close_range, keep >= 3 ? keep + 1 : 3, ~0U, 0);
		state_root_set(m->runtime_root);
		int rc = fn(n - 3, (char **)argv + 3);
		fflush(NULL);
		_exit(rc);
	}
	execv(m->runtime, (char *const *)argv);
	dprintf(2, "exec \"%s\": %s\n", m->runtime, strerror(errno));
	_exit(127);
}

static pid_t spawn_delete(mon_t *m, int in, int out, int errfd)
{
	const char *args[] = {"delete", "--force", m->id, NULL};
	return spawn_runtime(m, in, out, errfd, args);
}

/* A control command carried out by the runtime (start, kill --all): run to its end, answered with
 * "ok" or "error <its stderr>". The monitor waits for it, as berthd would have for a runtime it
 * started itself; the runtime's stderr goes to a non-blocking pipe, so a runtime that writes more
 * than a pipe holds, or leaves a descendant holding it, cannot stall the monitor. */
static void runtime_command(mon_t *m, client_t *c, const char *const *args)
{
	int ep[2];
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null < 0 || pipe2(ep, O_CLOEXEC | O_NONBLOCK) < 0) {
		if (null >= 0)
			close(null);
		reply(c, "error pipe failed\n");
		return;
	}
	pid_t pid = spawn_runtime(m, null, null, ep[1], args);
	close(ep[1]);
	close(null);
	int status = 0;
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {
	}
	char text[1024], msg[1100];
	ssize_t n = read(ep[0], text, sizeof(text) - 1);
	close(ep[0]);
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' '))
		n--;
	text[n > 0 ? n : 0] = '\0';
	for (char *q = text; *q; q++)
		if (*q == '\n')
			*q = ' ';
	if (pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		reply(c, "ok\n");
	else if (pid < 0)
		reply(c, "error fork failed\n");
	else {
		snprintf(msg, sizeof(msg), "error %s\n", *text ? text : "the runtime failed");
		reply(c, msg);
	}
}

/* "kill <signal> [all]": the container's init is our child, so until we reap it its pid cannot name
 * another process, which a kill by pid from berthd could. "all" (every process of its cgroup) goes
 * through the runtime, which knows the cgroup. */
static void kill_command(mon_t *m, client_t *c, const char *arg)
{
	char sig_name[32];
	bool all = false;
	const char *sp = strchr(arg, ' ');
	size_t len = sp ? (size_t)(sp - arg) : strlen(arg);
	if (sp)
		all = strcmp(sp + 1, "all") == 0;
	if (len == 0 || len >= sizeof(sig_name) || (sp && !all)) {
		reply(c, "error usage: kill <signal> [all]\n");
		return;
	}
	memcpy(sig_name, arg, len);
	sig_name[len] = '\0';
	int sig = parse_signal(sig_name);
	if (sig < 0) {
		reply(c, "error unknown signal\n");
		return;
	}
	if (all) {
		const char *args[] = {"kill", "--all", m->id, sig_name, NULL};
		runtime_command(m, c, args);
		return;
	}
	char msg[128];
	if (m->container_pid > 0 && kill(m->container_pid, sig) < 0 && errno != ESRCH)
		snprintf(msg, sizeof(msg), "error kill %d: %s\n", (int)m->container_pid, strerror(errno));
	else
		snprintf(msg, sizeof(msg), "ok\n");
	reply(c, msg);
}

/* The container's root, an overlay of the image's layers: mounted here rather than by a mount(8)
 * berthd would start for each create. The options may name the layers relative to the bundle (the
 * long-list form, rootfs.ts), hence the chdir; the monitor then lives in "/", holding no folder. */
static int mount_overlay(mon_t *m, berr_t *err)
{
	if (chdir(m->bundle) < 0)
		return berr_set(err, errno, "chdir \"%s\"", m->bundle);
	int rc = mount("overlay", m->rootfs, "overlay", 0, m->overlay);
	int e = errno;
	if (chdir("/") < 0) {
	}
	if (rc < 0)
		return berr_set(err, e, "mount overlay onto \"%s\"", m->rootfs);
	m->mounted = true;
	return 0;
}

static _Noreturn void create_failed(mon_t *m, const char *why)
{
	char msg[sizeof(m->early) + 256];
	m->early[m->early_len] = '\0';
	char *t = m->early + m->early_len;
	while (t > m->early && (t[-1] == '\n' || t[-1] == ' '))
		*--t = '\0';
	snprintf(msg, sizeof(msg), "E%s%s%s", m->early_len ? m->early : "", m->early_len ? "\n" : "", why);
	report(m, msg);
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	pid_t pid = spawn_delete(m, null, null, null);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	if (m->mounted)
		umount2(m->rootfs, MNT_DETACH);
	cleanup_files(m);
	_exit(1);
}

static void runtime_done(mon_t *m, int status)
{
	drain(m, true, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char why[128];
		snprintf(why, sizeof(why), "%s create failed with %s %d", m->runtime,
			 WIFEXITED(status) ? "exit status" : "signal",
			 WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		create_failed(m, why);
	}
	berr_t err = {0};
	cleanup_free char *s = NULL;
	if (read_file(m->pid_file, &s, NULL, &err) < 0 || (m->container_pid = atoi(s)) <= 0)
		create_failed(m, "no container pid after create");
	cgroup_setup(m);
	m->shared_pidns = shares_pidns(m->container_pid);
	char mypid[32];
	snprintf(mypid, sizeof(mypid), "%d", (int)getpid());
	if (write_process_file(m->pid_path, mypid, strlen(mypid), &err) < 0) {
		char buf[1200];
		create_failed(m, berr_text(&err, buf, sizeof(buf)));
	}
	if (m->console_fd >= 0) {
		close(m->console_fd);
		m->console_fd = -1;
	}
	report(m, "K");
}

/* At the container's exit, as containerd's shim does: the runtime deletes it (its state, whatever is
 * left in its cgroup, the cgroup, poststop hooks) and its rootfs is unmounted, before the exit is
 * recorded. RemoveContainer then finds little left to do, and a container that ends by itself costs
 * no call anything. What fails here (a busy mount) is left to berthd's delete. */
static void delete_at_exit(mon_t *m)
{
	/* stdio is /dev/null by now (monitor_main): what fails is redone by berthd, which reports it. */
	pid_t pid = spawn_delete(m, STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO);
	while (pid > 0 && waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
	}
	/* Again while it succeeds: a runtime may have stacked a propagated bind of the root on top. */
	for (int i = 0; m->rootfs && i < 4 && umount2(m->rootfs, 0) == 0; i++) {
	}
}

static _Noreturn void container_exited(mon_t *m, int status)
{
	char finished[64];
	rfc3339_now(finished, sizeof(finished));
	bool oom = oom_kills(m) > m->oom_start;
	kill_leftovers(m);
	drain(m, false, 2000);
	crilog_flush(&m->log);
	delete_at_exit(m);
	int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + sig;
	char json[256];
	snprintf(json, sizeof(json), "{\"pid\":%d,\"exitCode\":%d,\"signal\":%d,\"oomKilled\":%s,\"finishedAt\":\"%s\"}",
		 (int)m->container_pid, code, sig, oom ? "true" : "false", finished);
	berr_t err = {0};
	if (write_file_atomic(m->exit_file, json, strlen(json), &err) < 0)
		log_error(&err);
	broadcast(m, F_EXIT, json, strlen(json));
	for (int i = 0; i < MAX_CLIENTS; i++) {
		client_t *c = &m->clients[i];
		for (int k = 0; c->fd >= 0 && c->pending && k < 100; k++) {
			struct pollfd p = {c->fd, POLLOUT, 0};
			poll(&p, 1, 10);
			client_flush(m, c);
		}
		if (c->fd >= 0)
			client_close(m, c);
	}
	cleanup_files(m);
	_exit(0);
}

static void reap(mon_t *m)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		if (pid == m->runtime_pid) {
			m->runtime_pid = 0;
			runtime_done(m, status);
		} else if (pid == m->container_pid) {
			container_exited(m, status);
		}
		/* Other children are orphans of the container adopted as subreaper: just reaped. */
	}
}

/* Idle this long after activity, the monitor drops the shared-object pages the activity faulted in
 * (memory_trim), so a container that is quiet most of the time costs little resident memory; a
 * container that is never quiet that long gets a trim every TRIM_BUSY_MS, which clears what only
 * happened once (lazy symbol binding, rare paths) and leaves the working set of its output path. */
#define TRIM_IDLE_MS 2000
#define TRIM_BUSY_MS 5000

static long long monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static _Noreturn void monitor_loop(mon_t *m)
{
	bool dirty = false, created = false;
	long long last_trim = 0;
	for (;;) {
		struct pollfd p[8 + MAX_CLIENTS];
		int n = 0;
		int i_sig = n;
		p[n++] = (struct pollfd){m->sig_fd, POLLIN, 0};
		int i_out = n;
		p[n++] = (struct pollfd){m->out_fd, POLLIN, 0};
		int i_err = n;
		p[n++] = (struct pollfd){m->err_fd, POLLIN, 0};
		int i_listen = n;
		p[n++] = (struct pollfd){m->listen_fd, POLLIN, 0};
		int i_console = n;
		p[n++] = (struct pollfd){m->console_fd, POLLIN, 0};
		int i_stdin = n;
		p[n++] = (struct pollfd){m->stdin_pending ? m->in_fd : -1, POLLOUT, 0};
		int i_clients = n;
		for (int i = 0; i < MAX_CLIENTS; i++) {
			client_t *c = &m->clients[i];
			short ev = (m->stdin_pending ? 0 : POLLIN) | (c->pending ? POLLOUT : 0);
			p[n++] = (struct pollfd){c->fd, ev, 0};
		}
		/* Right after create, and after each idle spell once created (not while create runs). */
		if (!created && m->runtime_pid == 0) {
			created = true;
			last_trim = monotonic_ms(); /* before: after the trim only poll() should run */
			memory_trim();
			dirty = false;
		} else if (dirty && created && monotonic_ms() - last_trim >= TRIM_BUSY_MS) {
			last_trim = monotonic_ms(); /* before: after the trim only poll() should run */
			memory_trim();
			dirty = false;
		}
		bool may_trim = dirty && created;
		int ready = poll(p, (nfds_t)n, may_trim ? TRIM_IDLE_MS : -1);
		if (ready < 0) {
			if (errno == EINTR)
				continue;
			_exit(2);
		}
		if (ready == 0) {
			last_trim = monotonic_ms(); /* before: after the trim only poll() should run */
			memory_trim();
			dirty = false;
			continue;
		}
		dirty = true;
		bool creating = m->runtime_pid > 0;
		if (p[i_out].revents)
			stream_read(m, &m->out_fd, 0, creating);
		if (p[i_err].revents)
			stream_read(m, &m->err_fd, 1, creating);
		if (p[i_console].revents) {
			berr_t err;
			int fd = accept4(m->console_fd, NULL, NULL, SOCK_CLOEXEC);
			int master = fd >= 0 ? recv_fd(fd, &err) : -1;
			if (fd >= 0)
				close(fd);
			if (master >= 0) {
				set_nonblock(master);
				m->out_fd = master;
				m->in_fd = m->open_stdin ? dup(master) : -1;
			}
		}
		if (p[i_stdin].revents && m->stdin_pending) {
			char *pend = m->stdin_pending;
			size_t len = m->stdin_plen;
			m->stdin_pending = NULL;
			m->stdin_plen = 0;
			stdin_write(m, pend, len);
			free(pend);
		}
		if (p[i_listen].revents)
			accept_client(m);
		for (int i = 0; i < MAX_CLIENTS; i++) {
			client_t *c = &m->clients[i];
			short re = p[i_clients + i].revents;
			if (c->fd < 0 || !re)
				continue;
			if ((re & POLLOUT) && c->pending)
				client_flush(m, c);
			if (c->fd >= 0 && (re & (POLLIN | POLLHUP | POLLERR)))
				client_read(m, c);
		}
		if (p[i_sig].revents) {
			struct signalfd_siginfo si;
			while (read(m->sig_fd, &si, sizeof(si)) > 0) {
			}
			reap(m);
		}
	}
}

static int parse_args(mon_t *m, int argc, char **argv, berr_t *err)
{
	static const struct option opts[] = {
		{"id", required_argument, 0, 'i'},	    {"bundle", required_argument, 0, 'b'},
		{"runtime", required_argument, 0, 'r'},	    {"runtime-root", required_argument, 0, 'R'},
		{"exit-file", required_argument, 0, 'e'},   {"log-path", required_argument, 0, 'l'},
		{"control", required_argument, 0, 'c'},	    {"pid-file", required_argument, 0, 'p'},
		{"tty", no_argument, 0, 't'},		    {"stdin", no_argument, 0, 's'},
		{"stdin-once", no_argument, 0, 'o'},	    {"log-max-line", required_argument, 0, 'm'},
		{"log-root", required_argument, 0, 'L'},    {"rootfs", required_argument, 0, 'f'},
		{"overlay", required_argument, 0, 'O'},	    {0, 0, 0, 0}};
	int o;
	optind = 1;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case 'i': m->id = optarg; break;
		case 'b': m->bundle = optarg; break;
		case 'r': m->runtime = optarg; break;
		case 'R': m->runtime_root = optarg; break;
		case 'e': m->exit_file = optarg; break;
		case 'l': m->log_path = optarg; break;
		case 'L': m->log_root = optarg; break;
		case 'c': m->control = optarg; break;
		case 'p': m->pid_file = optarg; break;
		case 't': m->tty = true; break;
		case 's': m->open_stdin = true; break;
		case 'o': m->stdin_once = true; break;
		case 'm': m->max_line = strtoul(optarg, NULL, 10); break;
		case 'f': m->rootfs = optarg; break;
		case 'O': m->overlay = optarg; break;
		default: return berr_set(err, EINVAL, "monitor: bad option");
		}
	}
	if (!m->id || !m->bundle || !m->runtime || !m->runtime_root || !m->exit_file || !m->log_path || !m->control)
		return berr_set(err, EINVAL,
				"usage: monitor --id <id> --bundle <dir> --runtime <path> --runtime-root <dir> "
				"--exit-file <f> --log-path <f> --control <sock> [--pid-file f] [--tty] [--stdin] "
				"[--stdin-once] [--log-max-line n] [--log-root dir] [--rootfs dir [--overlay options]]");
	if (m->overlay && !m->rootfs)
		return berr_set(err, EINVAL, "monitor: --overlay needs --rootfs");
	snprintf(m->pid_path, sizeof(m->pid_path), "%s.pid", m->control);
	struct stat self, rt;
	m->runtime_is_self = stat("/proc/self/exe", &self) == 0 && stat(m->runtime, &rt) == 0 &&
			     self.st_dev == rt.st_dev && self.st_ino == rt.st_ino;
	return 0;
}

static _Noreturn void monitor_main(mon_t *m)
{
	berr_t err = {0};
	char buf[1300];
	setsid();
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
	signal(SIGPIPE, SIG_IGN);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	m->sig_fd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	for (int i = 0; i < MAX_CLIENTS; i++)
		m->clients[i].fd = -1;
	m->out_fd = m->err_fd = m->in_fd = m->console_fd = -1;
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if ((m->listen_fd = listen_unix(m->control, &err)) < 0 || crilog_open(&m->log, m->log_path, m->log_root, m->max_line, &err) < 0) {
		snprintf(buf, sizeof(buf), "E%s", berr_text(&err, buf + 1, sizeof(buf) - 1));
		report(m, buf);
		cleanup_files(m);
		_exit(1);
	}
	int out[2] = {-1, -1}, errp[2] = {-1, -1}, in[2] = {-1, -1};
	if (m->tty) {
		snprintf(m->console_dir, sizeof(m->console_dir), "/tmp/berth-console-XXXXXX");
		if (!mkdtemp(m->console_dir))
			create_failed(m, "mkdtemp for the console socket failed");
		snprintf(m->console_path, sizeof(m->console_path), "%s/sock", m->console_dir);
		if ((m->console_fd = listen_unix(m->console_path, &err)) < 0)
			create_failed(m, berr_text(&err, buf, sizeof(buf)));
	}
	/* With a tty the container's output arrives on the pty; the pipes then carry only the runtime's
	 * own output (both streams into one), kept to relay its error text if create fails. */
	if ((!m->tty && pipe2(out, O_CLOEXEC) < 0) || pipe2(errp, O_CLOEXEC) < 0 ||
	    (m->open_stdin && !m->tty && pipe2(in, O_CLOEXEC) < 0))
		create_failed(m, "pipe failed");
	m->out_fd = out[0];
	m->err_fd = errp[0];
	if (out[0] >= 0)
		set_nonblock(out[0]);
	set_nonblock(errp[0]);
	if (in[1] >= 0) {
		m->in_fd = in[1];
		set_nonblock(in[1]);
	}
	if (m->overlay && mount_overlay(m, &err) < 0)
		create_failed(m, berr_text(&err, buf, sizeof(buf)));
	const char *create[10] = {"create", "--bundle", m->bundle, "--pid-file", m->pid_file};
	int k = 5;
	if (m->tty) {
		create[k++] = "--console-socket";
		create[k++] = m->console_path;
	}
	create[k++] = m->id;
	create[k] = NULL;
	m->runtime_pid = spawn_runtime(m, in[0] >= 0 ? in[0] : null, out[1] >= 0 ? out[1] : errp[1], errp[1], create);
	if (m->runtime_pid < 0)
		create_failed(m, "fork failed");
	if (out[1] >= 0)
		close(out[1]);
	close(errp[1]);
	if (in[0] >= 0)
		close(in[0]);
	dup2(null, 0);
	dup2(null, 1);
	dup2(null, 2);
	monitor_loop(m);
}

int cmd_monitor(int argc, char **argv)
{
	static mon_t m;
	berr_t err = {0};
	m.status_fd = -1;
	if (parse_args(&m, argc, argv, &err) < 0)
		return fail(&err);
	char pf[PATH_MAX];
	if (!m.pid_file) {
		snprintf(pf, sizeof(pf), "%s.ctr-pid", m.control);
		m.pid_file = pf;
		m.own_pid_file = true;
	}
	int st[2];
	if (pipe2(st, O_CLOEXEC) < 0)
		return berr_set(&err, errno, "pipe"), fail(&err);
	pid_t pid = fork();
	if (pid < 0)
		return berr_set(&err, errno, "fork"), fail(&err);
	if (pid == 0) {
		close(st[0]);
		m.status_fd = st[1];
		monitor_main(&m);
	}
	close(st[1]);
	/* Foreground: wait for "K" (created) or "E<message>" from the monitor. */
	char msg[8192];
	size_t n = 0;
	ssize_t r;
	while (n < sizeof(msg) - 1 && (r = read(st[0], msg + n, sizeof(msg) - 1 - n)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		n += (size_t)r;
	}
	msg[n] = '\0';
	close(st[0]);
	waitpid(pid, NULL, WNOHANG);
	if (n > 0 && msg[0] == 'K')
		return 0;
	return berr_set(&err, 0, "%s", n > 1 ? msg + 1 : "monitor exited before the container was created"),
	       fail(&err);
}
