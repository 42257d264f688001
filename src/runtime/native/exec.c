/* exec: run another process in a running container. The runtime process joins the container's
 * PID namespace (which only affects its children) and forks; the child joins the other namespaces
 * (mount last, which also puts it at the container's root), is moved into the container's cgroup
 * by the parent, and finishes like the init does (user, capabilities, no_new_privs, seccomp).
 * Without --detach the parent waits and exits with the process's status (128+signal if killed). */
#include "berth.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

static pid_t exec_child = -1;

static void forward_signal(int sig)
{
	if (exec_child > 0)
		kill(exec_child, sig);
}

static void set_env(json_object *process, const char *kv)
{
	json_object *env = jarr(process, "env");
	if (!env) {
		env = json_object_new_array();
		json_object_object_add(process, "env", env);
	}
	size_t kl = strcspn(kv, "=");
	for (size_t i = 0; i < jlen(env); i++) {
		const char *e = json_object_get_string(json_object_array_get_idx(env, i));
		if (e && strncmp(e, kv, kl) == 0 && e[kl] == '=') {
			json_object_array_put_idx(env, i, json_object_new_string(kv));
			return;
		}
	}
	json_object_array_add(env, json_object_new_string(kv));
}

typedef struct {
	const char *process_file, *pid_file, *console, *cwd, *user;
	bool tty, detach;
	const char *env[64];
	int nenv;
} exec_opts_t;

static int build_process(const exec_opts_t *o, json_object *config, int argc, char **argv, json_object **out,
			 berr_t *err)
{
	json_object *p = NULL;
	if (o->process_file) {
		if (read_json_file(o->process_file, &p, err) < 0)
			return -1;
	} else {
		if (argc == 0)
			return berr_set(err, 0, "exec: no command given and no --process");
		json_object *base = jget(config, "process");
		if (!base || json_object_deep_copy(base, &p, NULL) < 0)
			p = json_object_new_object();
		json_object *args = json_object_new_array();
		for (int i = 0; i < argc; i++)
			json_object_array_add(args, json_object_new_string(argv[i]));
		json_object_object_add(p, "args", args);
		json_object_object_add(p, "terminal", json_object_new_boolean(o->tty));
		json_object_object_del(p, "oomScoreAdj");
	}
	for (int i = 0; i < o->nenv; i++)
		set_env(p, o->env[i]);
	if (o->cwd)
		json_object_object_add(p, "cwd", json_object_new_string(o->cwd));
	if (o->user) {
		json_object *u = json_object_new_object();
		unsigned uid = 0, gid = 0;
		int n = sscanf(o->user, "%u:%u", &uid, &gid);
		if (n < 1) {
			json_object_put(p);
			json_object_put(u);
			return berr_set(err, 0, "exec: --user \"%s\" must be uid[:gid]", o->user);
		}
		json_object_object_add(u, "uid", json_object_new_int64(uid));
		json_object_object_add(u, "gid", json_object_new_int64(n == 2 ? gid : 0));
		json_object_object_add(p, "user", u);
	}
	if (o->tty)
		json_object_object_add(p, "terminal", json_object_new_boolean(true));
	*out = p;
	return 0;
}

/* Join a namespace of pid unless it is already ours (joining our own user namespace fails). */
static int join(pid_t pid, const char *name, int flag, berr_t *err)
{
	char path[64], self[64];
	snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid, name);
	snprintf(self, sizeof(self), "/proc/self/ns/%s", name);
	struct stat own, its;
	if (stat(self, &own) == 0 && stat(path, &its) == 0 && own.st_ino == its.st_ino && own.st_dev == its.st_dev)
		return 0;
	cleanup_fd int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return berr_set(err, errno, "open \"%s\"", path);
	if (setns(fd, flag) < 0)
		return berr_set(err, errno, "setns \"%s\"", path);
	return 0;
}

static _Noreturn void exec_child_main(pid_t init, json_object *process, json_object *seccomp, cgroup_entry_t *cg,
				      int sync, int console)
{
	berr_t err = {0};
	char go;
	if (recv(sync, &go, 1, 0) != 1)
		_exit(1);
	/* First, as the node's root and before any namespace: the container's cgroup. */
	int rc = cgroup_entry_finish(cg, 0, &err);
	cgroup_entry_close(cg);
	static const struct {
		const char *name;
		int flag;
	} nss[] = {{"ipc", CLONE_NEWIPC}, {"uts", CLONE_NEWUTS}, {"net", CLONE_NEWNET}, {"cgroup", CLONE_NEWCGROUP},
		   {"mnt", CLONE_NEWNS}};
	/* The init's root, taken before the joins: a container without a mount namespace of its own
	 * shares the runtime's and is only chrooted, which joining the namespace does not give. */
	char rootp[64];
	snprintf(rootp, sizeof(rootp), "/proc/%d/root", (int)init);
	cleanup_fd int root = rc < 0 ? -1 : open(rootp, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (rc == 0 && root < 0)
		rc = berr_set(&err, errno, "open \"%s\"", rootp);
	/* Opened now too: once in the container's mount namespace its /proc shows other pids. */
	char userp[64];
	struct stat own, its;
	snprintf(userp, sizeof(userp), "/proc/%d/ns/user", (int)init);
	cleanup_fd int userns = -1;
	if (stat("/proc/self/ns/user", &own) == 0 && stat(userp, &its) == 0 && own.st_ino != its.st_ino &&
	    (userns = open(userp, O_RDONLY | O_CLOEXEC)) < 0)
		rc = berr_set(&err, errno, "open \"%s\"", userp);
	for (size_t i = 0; i < sizeof(nss) / sizeof(nss[0]) && rc == 0; i++)
		rc = join(init, nss[i].name, nss[i].flag, &err);
	if (rc == 0 && (fchdir(root) < 0 || chroot(".") < 0 || chdir("/") < 0))
		rc = berr_set(&err, errno, "chroot to the root of pid %d", (int)init);
	/* The container's own user namespace last: as the runtime's root we may join every namespace
	 * it owns and those it does not (a pod's network namespace), which it could not. The ids
	 * are set inside it afterwards (process.user). */
	/* Still the node's root here: lowering it needs CAP_SYS_RESOURCE of the node's namespace. */
	if (rc == 0)
		rc = oom_score_adj_apply(process, 0, &err);
	if (rc == 0 && userns >= 0 && setns(userns, CLONE_NEWUSER) < 0)
		rc = berr_set(&err, errno, "setns user namespace of pid %d", (int)init);
	if (rc == 0 && jbool(process, "terminal", false))
		rc = terminal_setup(console, process, &err);
	if (console >= 0)
		close(console);
	if (rc == 0) {
		finish_ctx_t fc = {.process = process, .seccomp = seccomp, .sync_fd = sync, .start_fd = -1};
		process_finish(&fc, &err);
	}
	sync_report_error(sync, &err);
	_exit(1);
}

int cmd_exec(int argc, char **argv)
{
	static const struct option opts[] = {
		{"process", required_argument, 0, 'p'}, {"pid-file", required_argument, 0, 'P'},
		{"tty", no_argument, 0, 't'},		{"console-socket", required_argument, 0, 'c'},
		{"cwd", required_argument, 0, 'w'},	{"env", required_argument, 0, 'e'},
		{"user", required_argument, 0, 'u'},	{"detach", no_argument, 0, 'd'},
		{0, 0, 0, 0}};
	exec_opts_t o = {0};
	berr_t err = {0};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+p:te:u:d", opts, NULL)) != -1) {
		switch (c) {
		case 'p': o.process_file = optarg; break;
		case 'P': o.pid_file = optarg; break;
		case 't': o.tty = true; break;
		case 'c': o.console = optarg; break;
		case 'w': o.cwd = optarg; break;
		case 'e':
			if (o.nenv < 64)
				o.env[o.nenv++] = optarg;
			break;
		case 'u': o.user = optarg; break;
		case 'd': o.detach = true; break;
		default: return fail(&(berr_t){0, "exec: bad option"});
		}
	}
	if (optind >= argc)
		return fail(&(berr_t){0, "usage: exec [options] <id> [command args...]"});
	const char *id = argv[optind];
	container_state_t st;
	if (state_load(id, &st, &err) < 0)
		return fail(&err);
	const char *status = state_status(&st);
	pid_t init = st.pid;
	cgroup_t cg;
	int have_cg = state_cgroup(&st, &cg);
	char cfg_path[PATH_MAX + 16];
	snprintf(cfg_path, sizeof(cfg_path), "%s/config.json", st.dir);
	state_free(&st);
	if (strcmp(status, "stopped") == 0)
		return berr_set(&err, 0, "container \"%s\" is not running", id), fail(&err);
	cleanup_json json_object *config = NULL, *process = NULL;
	if (read_json_file(cfg_path, &config, &err) < 0 ||
	    build_process(&o, config, argc - optind - 1, argv + optind + 1, &process, &err) < 0)
		return fail(&err);
	/* With a terminal the child creates the pty inside the container's devpts and sends the master
	 * over `console`: to --console-socket, or to us (relay) when we run it in the foreground. */
	cleanup_fd int console = -1, relay = -1;
	bool tty = jbool(process, "terminal", false);
	if (tty && o.console) {
		if ((console = console_connect(o.console, &err)) < 0)
			return fail(&err);
	} else if (tty) {
		if (o.detach)
			return fail(&(berr_t){0, "exec: a terminal with --detach needs --console-socket"});
		int cp[2];
		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, cp) < 0)
			return berr_set(&err, errno, "socketpair"), fail(&err);
		relay = cp[0];
		console = cp[1];
	}
	int sp[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) < 0)
		return berr_set(&err, errno, "socketpair"), fail(&err);
	cleanup_fd int sync = sp[0];
	cleanup_fd int child_sync = sp[1];
	cgroup_entry_t entry = {.v2_dir = -1};
	if (have_cg == 0 && cgroup_entry_open(&cg, true, &entry, &err) < 0)
		return fail(&err);
	if (join(init, "pid", CLONE_NEWPID, &err) < 0)
		return cgroup_entry_close(&entry), fail(&err);
	pid_t pid = cgroup_entry_clone(&entry, 0);
	if (pid < 0)
		return berr_set(&err, errno, "clone"), cgroup_entry_close(&entry), fail(&err);
	if (pid == 0) {
		close(sync);
		if (relay >= 0)
			close(relay);
		exec_child_main(init, process, jget(jget(config, "linux"), "seccomp"), &entry, child_sync, console);
	}
	close(steal_fd(&child_sync));
	if (console >= 0)
		close(steal_fd(&console));
	exec_child = pid;
	int joined = cgroup_entry_finish(&entry, pid, &err);
	cgroup_entry_close(&entry);
	if (joined < 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return fail(&err);
	}
	send(sync, "G", 1, MSG_NOSIGNAL);
	char msg[1400];
	ssize_t n = recv(sync, msg, sizeof(msg) - 1, 0);
	if (n <= 0 || msg[0] != 'K') {
		msg[n > 0 ? n : 0] = '\0';
		waitpid(pid, NULL, 0);
		return berr_set(&err, 0, "%s", n > 0 ? msg + 1 : "exec process exited before it was ready"), fail(&err);
	}
	if (o.pid_file) {
		char s[32];
		snprintf(s, sizeof(s), "%d", (int)pid);
		if (write_process_file(o.pid_file, s, strlen(s), &err) < 0)
			return fail(&err);
	}
	if (o.detach)
		return 0;
	static const int fwd[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH};
	if (relay >= 0) {
		/* The master was sent before the child reported ready, so it is already queued here. */
		cleanup_fd int master = recv_fd(relay, &err);
		int code;
		/* SIGWINCH (last in fwd) is not forwarded: the relay applies our window size to the pty. */
		if (master < 0 || terminal_relay(master, pid, fwd, sizeof(fwd) / sizeof(fwd[0]) - 1, &code, &err) < 0) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			return fail(&err);
		}
		return code;
	}
	for (size_t i = 0; i < sizeof(fwd) / sizeof(fwd[0]); i++)
		signal(fwd[i], forward_signal);
	int wst;
	while (waitpid(pid, &wst, 0) < 0)
		if (errno != EINTR)
			return berr_set(&err, errno, "waitpid %d", (int)pid), fail(&err);
	return WIFEXITED(wst) ? WEXITSTATUS(wst) : 128 + WTERMSIG(wst);
}
