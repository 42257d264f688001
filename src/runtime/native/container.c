/* create / start / state / kill / delete / list.
 *
 * create: the runtime process (P) validates the bundle, makes the state dir, exec.fifo and the
 * cgroup, joins namespaces given by path (all but mount: setns(pid) only affects children), then
 * clones the container init (C) with the new namespaces, straight into the v2 cgroup. C moves itself
 * into the v1 ones (see cgroup_entry_t; P moves it by pid in a user namespace), then
 * unshares its cgroup namespace (so it is rooted at the container's cgroup), builds the rootfs,
 * pivots, applies the process settings and reports ready over a SEQPACKET pair, then blocks on
 * exec.fifo until `start` writes a byte. Any failure is reported back and P undoes everything. */
#include "berth.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#ifndef SYS_open_tree
#define SYS_open_tree 428
#endif
#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE 1
#endif
#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif

typedef struct {
	const char *id;
	char bundle[PATH_MAX];
	char rootfs[PATH_MAX];
	json_object *config;
	int clone_flags;
	bool new_cgroupns;
	bool new_netns;
	bool uts;	  /* a uts namespace, new or joined: hostname and domainname may be set */
	bool runtime_mntns; /* no mount namespace in the spec: the runtime's own, chroot instead of pivot */
	const char *mnt_path;
	const char *userns_path; /* a user namespace joined by path (the init is cloned from inside it) */
	bool userns;		 /* a user namespace, new or joined: the init becomes its root */
	int *mount_fds;		 /* per mounts[] entry: a detached id-mapped mount to move in, or -1 */
	pid_t host_pid; /* the init's pid in the runtime's PID namespace (for the hooks' state) */
	int sync;	/* the init's end of the sync socket */
	cgroup_entry_t cg_entry;
} create_t;

/* Undo of a half-made create, registered step by step (cleanup attribute on failure). */
typedef struct {
	bool done;
	char state_dir[PATH_MAX];
	bool have_cgroup;
	cgroup_t cg;
	pid_t child;
	const char *host_mounts; /* rootfs whose mounts were made in the runtime's mount namespace */
} rollback_t;

static void rollback_run(rollback_t *rb)
{
	if (rb->done)
		return;
	berr_t e;
	if (rb->child > 0) {
		kill(rb->child, SIGKILL);
		waitpid(rb->child, NULL, 0);
	}
	if (rb->have_cgroup && cgroup_destroy(&rb->cg, &e) < 0)
		log_error(&e);
	if (rb->host_mounts && rootfs_unmount_all(rb->host_mounts, &e) < 0)
		log_error(&e);
	if (rb->state_dir[0]) {
		static const char *const files[] = {"state.json", "config.json", "exec.fifo"};
		for (size_t i = 0; i < 3; i++) {
			char p[PATH_MAX + 16];
			snprintf(p, sizeof(p), "%s/%s", rb->state_dir, files[i]);
			unlink(p);
		}
		rmdir(rb->state_dir);
	}
}

static int validate(create_t *c, berr_t *err)
{
	json_object *root = jget(c->config, "root");
	const char *rp = jstr(root, "path");
	if (!rp || !*rp)
		return berr_set(err, 0, "config.json: root.path is required");
	if (rp[0] == '/')
		snprintf(c->rootfs, sizeof(c->rootfs), "%s", rp);
	else
		snprintf(c->rootfs, sizeof(c->rootfs), "%s/%s", c->bundle, rp);
	struct stat st;
	if (stat(c->rootfs, &st) < 0 || !S_ISDIR(st.st_mode))
		return berr_set(err, errno ? errno : ENOTDIR, "rootfs \"%s\" (root.path) is not a directory", c->rootfs);
	json_object *process = jget(c->config, "process");
	if (!process || !jlen(jarr(process, "args")))
		return berr_set(err, 0, "config.json: process.args is required");
	json_object *nss = jarr(jget(c->config, "linux"), "namespaces");
	/* A type the spec leaves out is the runtime's own namespace, mount included (as runc). */
	c->clone_flags = 0;
	c->runtime_mntns = true;
	for (size_t i = 0; i < jlen(nss); i++) {
		json_object *ns = json_object_array_get_idx(nss, i);
		const char *type = jstr(ns, "type"), *path = jstr(ns, "path");
		int flag = ns_flag(type);
		if (!flag)
			return berr_set(err, 0, "config.json: unknown namespace type \"%s\"", type ? type : "");
		if (flag == CLONE_NEWTIME)
			return berr_set(err, 0, "config.json: namespace type \"%s\" is not supported", type);
		if (flag == CLONE_NEWUSER)
			c->userns = true;
		if (flag == CLONE_NEWNET)
			c->new_netns = true;
		if (flag == CLONE_NEWUTS)
			c->uts = true;
		if (flag == CLONE_NEWNS)
			c->runtime_mntns = false;
		if (path && *path) {
			if (access(path, F_OK) < 0)
				return berr_set(err, errno, "namespace \"%s\" path \"%s\"", type, path);
			if (flag == CLONE_NEWNS)
				c->mnt_path = path;
			if (flag == CLONE_NEWUSER)
				c->userns_path = path;
			continue;
		}
		if (flag == CLONE_NEWCGROUP)
			c->new_cgroupns = true;
		else
			c->clone_flags |= flag;
	}
	json_object *lnx = jget(c->config, "linux");
	bool maps = jlen(jarr(lnx, "uidMappings")) || jlen(jarr(lnx, "gidMappings"));
	if ((c->clone_flags & CLONE_NEWUSER) && (!jlen(jarr(lnx, "uidMappings")) || !jlen(jarr(lnx, "gidMappings"))))
		return berr_set(err, 0, "config.json: a new user namespace needs linux.uidMappings and gidMappings");
	if (!c->userns && maps)
		return berr_set(err, 0, "config.json: linux.uidMappings/gidMappings without a user namespace");
	/* The mounts of a user namespace's container are made by its root; the runtime's own mount
	 * namespace belongs to the node's. */
	if (c->userns && c->runtime_mntns)
		return berr_set(err, 0, "config.json: a user namespace needs a mount namespace");
	/* The spec forbids a hostname only without any uts namespace; one joined by path is the
	 * container's own to name. */
	if (jstr(c->config, "hostname") && *jstr(c->config, "hostname") && !c->uts)
		return berr_set(err, 0, "config.json: hostname needs a uts namespace (new or joined by path)");
	if (c->runtime_mntns) {
		if (jlen(jarr(lnx, "maskedPaths")) || jlen(jarr(lnx, "readonlyPaths")))
			return berr_set(err, 0, "config.json: linux.maskedPaths and readonlyPaths need a mount namespace");
		if (jbool(jget(c->config, "root"), "readonly", false))
			return berr_set(err, 0, "config.json: root.readonly needs a mount namespace");
	}
	json_object *mounts = jarr(c->config, "mounts");
	for (size_t i = 0; i < jlen(mounts); i++) {
		const char *d = jstr(json_object_array_get_idx(mounts, i), "destination");
		char tmp[PATH_MAX];
		if (!d || d[0] != '/')
			return berr_set(err, 0, "config.json: mount destination \"%s\" is not absolute", d ? d : "");
		/* Reject escapes before anything is made; C checks again against symlinks. */
		if (resolve_in_root(c->rootfs, d, tmp, sizeof(tmp), err) < 0)
			return berr_wrap(err, "config.json: mount destination");
		json_object *m = json_object_array_get_idx(mounts, i);
		if (jarr(m, "uidMappings") || jarr(m, "gidMappings")) {
			if (!c->userns)
				return berr_set(err, 0, "config.json: mount \"%s\": uidMappings/gidMappings need a user namespace", d);
			if (!jlen(jarr(m, "uidMappings")) || !jlen(jarr(m, "gidMappings")))
				return berr_set(err, 0, "config.json: mount \"%s\": an id-mapped mount needs both uidMappings and gidMappings", d);
		}
	}
	return 0;
}

/* The user namespace's maps, written by the runtime (root in the parent namespace, so setgroups
 * stays allowed) while the init waits: nothing of the container is set up before them. */
static int write_id_maps(pid_t pid, json_object *lnx, berr_t *err)
{
	char uid_map[4096], gid_map[4096];
	if (idmap_text(jarr(lnx, "uidMappings"), "config.json: linux.uidMappings", uid_map, sizeof(uid_map), err) < 0 ||
	    idmap_text(jarr(lnx, "gidMappings"), "config.json: linux.gidMappings", gid_map, sizeof(gid_map), err) < 0)
		return -1;
	return userns_write_maps(pid, uid_map, gid_map, err);
}

/* A joined namespace already has its maps: ones the spec also gives must be those (id-mapped
 * mounts and the cgroup's owner are derived from them). */
static int check_joined_maps(json_object *lnx, berr_t *err)
{
	static const char *const keys[] = {"uidMappings", "gidMappings"}, *const files[] = {"/proc/self/uid_map", "/proc/self/gid_map"};
	for (int k = 0; k < 2; k++) {
		if (!jlen(jarr(lnx, keys[k])))
			continue;
		char want[4096];
		cleanup_free char *have = NULL;
		if (idmap_text(jarr(lnx, keys[k]), keys[k], want, sizeof(want), err) < 0 ||
		    read_file(files[k], &have, NULL, err) < 0)
			return -1;
		if (!idmap_equal(have, want))
			return berr_set(err, 0, "config.json: linux.%s differ from the maps of the joined user namespace (%s)",
					keys[k], have);
	}
	return 0;
}

/* Detached id-mapped copies of the sources of mounts that ask for one, made here (the node's root
 * can, the init in its user namespace cannot) and moved into place by the init. In a user namespace
 * every other bind source is opened here too (a plain detached copy, as runc does): the namespace's
 * root may not be able to reach it (a 0700 folder of the node's root on the way). */
static int prepare_idmapped_mounts(create_t *c, berr_t *err)
{
	json_object *mounts = jarr(c->config, "mounts");
	size_t n = jlen(mounts);
	if (!n)
		return 0;
	c->mount_fds = malloc(n * sizeof(int));
	if (!c->mount_fds)
		return berr_set(err, ENOMEM, "mount fds");
	for (size_t i = 0; i < n; i++)
		c->mount_fds[i] = -1;
	char last_uid[4096] = "", last_gid[4096] = "";
	cleanup_fd int ns = -1;
	for (size_t i = 0; i < n; i++) {
		json_object *m = json_object_array_get_idx(mounts, i);
		if (!jarr(m, "uidMappings") && !c->userns)
			continue;
		const char *dest = jstr(m, "destination"), *source = jstr(m, "source"), *type = jstr(m, "type");
		bool bind = type && strcmp(type, "bind") == 0, rbind = false;
		for (size_t k = 0; k < jlen(jarr(m, "options")); k++) {
			const char *opt = json_object_get_string(json_object_array_get_idx(jarr(m, "options"), k));
			bind = bind || (opt && (strcmp(opt, "bind") == 0 || strcmp(opt, "rbind") == 0));
			rbind = rbind || (opt && strcmp(opt, "rbind") == 0);
		}
		if (!jarr(m, "uidMappings")) {
			if (!bind || !source)
				continue;
			char src[PATH_MAX * 2];
			if (source[0] == '/')
				snprintf(src, sizeof(src), "%s", source);
			else
				snprintf(src, sizeof(src), "%s/%s", c->bundle, source);
			c->mount_fds[i] = (int)syscall(SYS_open_tree, AT_FDCWD, src,
						       OPEN_TREE_CLONE | O_CLOEXEC | (rbind ? AT_RECURSIVE : 0));
			if (c->mount_fds[i] < 0)
				return berr_set(err, errno, "open_tree bind mount source \"%s\" for \"%s\"", src, dest);
			continue;
		}
		if (!bind || !source)
			return berr_set(err, 0, "config.json: mount \"%s\": only bind mounts can be id-mapped", dest);
		char uid_map[4096], gid_map[4096], src[PATH_MAX * 2];
		if (idmap_text(jarr(m, "uidMappings"), "uidMappings", uid_map, sizeof(uid_map), err) < 0 ||
		    idmap_text(jarr(m, "gidMappings"), "gidMappings", gid_map, sizeof(gid_map), err) < 0)
			return berr_wrap(err, "config.json: mount \"%s\"", dest);
		if (ns < 0 || strcmp(uid_map, last_uid) != 0 || strcmp(gid_map, last_gid) != 0) {
			if (ns >= 0)
				close(steal_fd(&ns));
			if ((ns = userns_from_maps(uid_map, gid_map, err)) < 0)
				return -1;
			snprintf(last_uid, sizeof(last_uid), "%s", uid_map);
			snprintf(last_gid, sizeof(last_gid), "%s", gid_map);
		}
		if (source[0] == '/')
			snprintf(src, sizeof(src), "%s", source);
		else
			snprintf(src, sizeof(src), "%s/%s", c->bundle, source);
		if ((c->mount_fds[i] = idmap_clone(src, rbind, ns, err)) < 0)
			return berr_wrap(err, "mount \"%s\"", dest);
	}
	return 0;
}

static void close_mount_fds(create_t *c)
{
	size_t n = jlen(jarr(c->config, "mounts"));
	for (size_t i = 0; c->mount_fds && i < n; i++)
		if (c->mount_fds[i] >= 0)
			close(c->mount_fds[i]);
	free(c->mount_fds);
	c->mount_fds = NULL;
}

/* Join namespaces given by path (except mount, which the child joins, and user). */
static int join_namespaces(json_object *config, bool mount_only, berr_t *err)
{
	json_object *nss = jarr(jget(config, "linux"), "namespaces");
	for (size_t i = 0; i < jlen(nss); i++) {
		json_object *ns = json_object_array_get_idx(nss, i);
		const char *path = jstr(ns, "path"), *type = jstr(ns, "type");
		int flag = ns_flag(type);
		/* A user namespace is entered by the child that clones the init (clone_in_userns). */
		if (!path || !*path || (flag == CLONE_NEWNS) != mount_only || flag == CLONE_NEWUSER)
			continue;
		cleanup_fd int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return berr_set(err, errno, "open namespace \"%s\"", path);
		if (setns(fd, flag) < 0)
			return berr_set(err, errno, "setns %s namespace \"%s\"", type, path);
	}
	return 0;
}

/* The hooks' point in create: prestart and createRuntime run in the runtime process (asked for
 * over the sync socket, it answers 'G'), then createContainer here, in the container's namespaces
 * before pivot_root, where the runtime's filesystem is still reachable. */
static int before_pivot(void *arg, berr_t *err)
{
	create_t *c = arg;
	if (hooks_present(c->config, "prestart") || hooks_present(c->config, "createRuntime")) {
		char r;
		if (send(c->sync, "H", 1, MSG_NOSIGNAL) != 1)
			return berr_set(err, errno, "ask for the createRuntime hooks");
		if (recv(c->sync, &r, 1, 0) != 1 || r != 'G')
			return berr_set(err, 0, "createRuntime hooks failed");
	}
	if (!hooks_present(c->config, "createContainer"))
		return 0;
	cleanup_free char *state = hook_state(c->id, "creating", c->host_pid, c->bundle, jget(c->config, "annotations"));
	mode_t old = umask(022);
	int rc = state ? hooks_run(c->config, "createContainer", state, false, err) : berr_set(err, ENOMEM, "hook state");
	umask(old);
	return rc;
}

static int init_steps(create_t *c, int console, berr_t *err)
{
	json_object *process = jget(c->config, "process"), *lnx = jget(c->config, "linux");
	cleanup_free char *self_cgroup = NULL;
	if (read_file("/proc/self/cgroup", &self_cgroup, NULL, err) < 0)
		return -1;
	if (join_namespaces(c->config, true, err) < 0)
		return -1;
	if (c->new_cgroupns && unshare(CLONE_NEWCGROUP) < 0)
		return berr_set(err, errno, "unshare cgroup namespace");
	umask(0);
	rootfs_ctx_t rc = {c->bundle, c->rootfs, c->config, c->new_netns, c->runtime_mntns, self_cgroup, before_pivot, c, c->mount_fds};
	if (rootfs_setup(&rc, err) < 0)
		return -1;
	close_mount_fds(c);
	const char *hostname = jstr(c->config, "hostname"), *domain = jstr(c->config, "domainname");
	if (hostname && *hostname && sethostname(hostname, strlen(hostname)) < 0)
		return berr_set(err, errno, "sethostname \"%s\"", hostname);
	if (domain && *domain && setdomainname(domain, strlen(domain)) < 0)
		return berr_set(err, errno, "setdomainname \"%s\"", domain);
	if (sysctls_apply(lnx, err) < 0 || rootfs_finalize(c->config, err) < 0 ||
	    (!c->userns && oom_score_adj_apply(process, 0, err) < 0))
		return -1;
	if (jbool(process, "terminal", false)) {
		if (terminal_setup(console, process, err) < 0)
			return -1;
	} else if (setsid() < 0) {
		return berr_set(err, errno, "setsid");
	}
	json_object *um = jget(jget(process, "user"), "umask");
	umask(um ? (mode_t)json_object_get_int(um) : 022);
	return 0;
}

static _Noreturn void container_init(create_t *c, int sync, int fifo, int console)
{
	berr_t err = {0};
	char go[32];
	ssize_t n = recv(sync, go, sizeof(go) - 1, 0);
	if (n < 1 || go[0] != 'G')
		_exit(1);
	go[n] = '\0';
	c->host_pid = (pid_t)atoi(go + 1);
	c->sync = sync;
	/* Into the cgroup before anything else runs or forks here (hooks, the rootfs's cgroup mount). */
	int joined = cgroup_entry_finish(&c->cg_entry, 0, &err);
	cgroup_entry_close(&c->cg_entry);
	if (joined < 0) {
		sync_report_error(sync, &err);
		_exit(1);
	}
	/* In a user namespace we still carry the runtime's ids, unmapped there: become the
	 * namespace's root (its full capabilities stay) now that the maps are written. */
	if (c->userns_path && check_joined_maps(jget(c->config, "linux"), &err) < 0) {
		sync_report_error(sync, &err);
		_exit(1);
	}
	if (c->userns && (setgroups(0, NULL) < 0 || setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0)) {
		berr_set(&err, errno, "become root of the user namespace (is id 0 mapped?)");
		sync_report_error(sync, &err);
		_exit(1);
	}
	if (init_steps(c, console, &err) == 0) {
		if (console >= 0)
			close(console);
		bool hooks = hooks_present(c->config, "startContainer");
		cleanup_free char *state =
			hooks ? hook_state(c->id, "created", c->host_pid, c->bundle, jget(c->config, "annotations")) : NULL;
		finish_ctx_t fc = {.process = jget(c->config, "process"),
				   .seccomp = jget(jget(c->config, "linux"), "seccomp"),
				   .config = hooks ? c->config : NULL,
				   .hook_state = state ? state : "{}",
				   .sync_fd = sync,
				   .start_fd = fifo};
		process_finish(&fc, &err);
	}
	sync_report_error(sync, &err);
	/* After "ready" the parent is gone: say it on stderr, which the monitor logs. */
	log_error(&err);
	_exit(1);
}

/* A user namespace joined by path must be entered before the container's new namespaces are made
 * (they belong to the user namespace their creator is in, and only such ones can its root use
 * fully), but this process keeps the node's privileges for the cgroup, hooks and state. So a
 * short-lived child joins it (and the namespaces given by path) and clones the init as this
 * process's child (CLONE_PARENT); the child stays in our PID namespace, so the pid it reports is
 * one of ours. */
static pid_t clone_in_userns(create_t *c, int sync, int child_sync, int fifo, int console, berr_t *err)
{
	cleanup_fd int ns = open(c->userns_path, O_RDONLY | O_CLOEXEC);
	if (ns < 0)
		return berr_set(err, errno, "open user namespace \"%s\"", c->userns_path);
	int pp[2];
	if (pipe2(pp, O_CLOEXEC) < 0)
		return berr_set(err, errno, "pipe");
	pid_t h = fork();
	if (h < 0) {
		close(pp[0]);
		close(pp[1]);
		return berr_set(err, errno, "fork");
	}
	if (h == 0) {
		close(pp[0]);
		int r[2] = {0, 0};
		/* The other namespaces are joined here too, not in the runtime process: a PID namespace
		 * joined there would make the pid clone returns one of that namespace, not ours. */
		berr_t e;
		if (join_namespaces(c->config, false, &e) < 0) {
			r[1] = e.errnum ? e.errnum : EPERM;
		} else if (setns(ns, CLONE_NEWUSER) < 0) {
			r[1] = errno;
		} else {
			pid_t pid = (pid_t)syscall(SYS_clone, c->clone_flags | CLONE_PARENT | SIGCHLD, NULL, NULL, NULL, NULL);
			if (pid == 0) {
				close(sync);
				container_init(c, child_sync, fifo, console);
			}
			r[0] = pid;
			r[1] = pid < 0 ? errno : 0;
		}
		write_all(pp[1], r, sizeof(r));
		_exit(0);
	}
	close(pp[1]);
	int r[2] = {-1, EIO};
	ssize_t n = read(pp[0], r, sizeof(r));
	close(pp[0]);
	waitpid(h, NULL, 0);
	if (n != (ssize_t)sizeof(r) || r[0] <= 0)
		return berr_set(err, r[1], "clone the container init in user namespace \"%s\"", c->userns_path);
	return r[0];
}

static int write_state(create_t *c, rollback_t *rb, pid_t pid, berr_t *err)
{
	cleanup_json json_object *s = json_object_new_object();
	char created[64], start[32];
	rfc3339_now(created, sizeof(created));
	snprintf(start, sizeof(start), "%llu", proc_start_time(pid));
	json_object_object_add(s, "ociVersion", json_object_new_string("1.0.2"));
	json_object_object_add(s, "id", json_object_new_string(c->id));
	json_object_object_add(s, "pid", json_object_new_int(pid));
	json_object_object_add(s, "startTime", json_object_new_string(start));
	json_object_object_add(s, "bundle", json_object_new_string(c->bundle));
	json_object_object_add(s, "rootfs", json_object_new_string(c->rootfs));
	json_object_object_add(s, "created", json_object_new_string(created));
	json_object_object_add(s, "cgroupRoot", json_object_new_string(rb->cg.root));
	json_object_object_add(s, "cgroupPath", json_object_new_string(rb->cg.path));
	json_object_object_add(s, "cgroupVersion", json_object_new_int(rb->cg.version));
	if (c->runtime_mntns)
		json_object_object_add(s, "runtimeMountNamespace", json_object_new_boolean(true));
	json_object *ann = jget(c->config, "annotations");
	json_object_object_add(s, "annotations", ann ? json_object_get(ann) : json_object_new_object());
	char path[PATH_MAX + 16];
	snprintf(path, sizeof(path), "%s/state.json", rb->state_dir);
	const char *text = json_object_to_json_string_ext(s, JSON_C_TO_STRING_PLAIN);
	return write_process_file(path, text, strlen(text), err);
}

int cmd_create(int argc, char **argv)
{
	static const struct option opts[] = {{"bundle", required_argument, 0, 'b'},
					     {"pid-file", required_argument, 0, 'p'},
					     {"console-socket", required_argument, 0, 'c'},
					     {"no-pivot", no_argument, 0, 'n'},
					     {"no-new-keyring", no_argument, 0, 'k'},
					     {"preserve-fds", required_argument, 0, 'f'},
					     {0, 0, 0, 0}};
	const char *bundle = ".", *pid_file = NULL, *console_path = NULL;
	int o;
	optind = 1;
	while ((o = getopt_long(argc, argv, "+b:", opts, NULL)) != -1) {
		if (o == 'b')
			bundle = optarg;
		else if (o == 'p')
			pid_file = optarg;
		else if (o == 'c')
			console_path = optarg;
		else if (o == 'n')
			log_warn("--no-pivot ignored: berth-runtime always uses pivot_root");
		else if (o == '?')
			return fail(&(berr_t){EINVAL, "create: bad option"});
	}
	berr_t err = {0};
	if (optind != argc - 1)
		return fail(&(berr_t){0, "usage: create [--bundle dir] [--pid-file f] [--console-socket s] <id>"});
	create_t c = {.id = argv[optind]};
	if (valid_id(c.id, &err) < 0)
		return fail(&err);
	if (!realpath(bundle, c.bundle))
		return berr_set(&err, errno, "bundle \"%s\"", bundle), fail(&err);
	char cfg_path[PATH_MAX + 16];
	snprintf(cfg_path, sizeof(cfg_path), "%s/config.json", c.bundle);
	cleanup_json json_object *config = NULL;
	if (read_json_file(cfg_path, &config, &err) < 0)
		return fail(&err);
	c.config = config;
	if (validate(&c, &err) < 0)
		return fail(&err);

	__attribute__((cleanup(rollback_run))) rollback_t rb = {0};
	if (mkdir_p(state_root(), 0711, &err) < 0)
		return fail(&err);
	snprintf(rb.state_dir, sizeof(rb.state_dir), "%s/%s", state_root(), c.id);
	if (mkdir(rb.state_dir, 0711) < 0) {
		int e = errno;
		rb.state_dir[0] = '\0';
		if (e == EEXIST)
			return berr_set(&err, 0, "container \"%s\" already exists", c.id), fail(&err);
		return berr_set(&err, e, "mkdir in \"%s\"", state_root()), fail(&err);
	}
	char path[PATH_MAX + 16];
	snprintf(path, sizeof(path), "%s/config.json", rb.state_dir);
	const char *text = json_object_to_json_string_ext(config, JSON_C_TO_STRING_PLAIN);
	if (write_file(path, text, strlen(text), &err) < 0)
		return fail(&err);
	snprintf(path, sizeof(path), "%s/exec.fifo", rb.state_dir);
	if (mkfifo(path, 0600) < 0)
		return berr_set(&err, errno, "mkfifo \"%s\"", path), fail(&err);
	/* O_RDWR never blocks on a fifo; the init's read blocks until start writes. */
	cleanup_fd int fifo = open(path, O_RDWR | O_CLOEXEC);
	if (fifo < 0)
		return berr_set(&err, errno, "open \"%s\"", path), fail(&err);

	json_object *lnx = jget(config, "linux");
	if (cgroup_resolve(jstr(lnx, "cgroupsPath"), c.id, &rb.cg, &err) < 0 || cgroup_create(&rb.cg, &err) < 0)
		return fail(&err);
	rb.have_cgroup = true;
	if (cgroup_apply(&rb.cg, jget(lnx, "resources"), &err) < 0)
		return fail(&err);

	cleanup_fd int console = -1;
	if (jbool(jget(config, "process"), "terminal", false)) {
		if (!console_path)
			return fail(&(berr_t){0, "process.terminal is true: --console-socket is required"});
		if ((console = console_connect(console_path, &err)) < 0)
			return fail(&err);
	}
	int sp[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) < 0)
		return berr_set(&err, errno, "socketpair"), fail(&err);
	cleanup_fd int sync = sp[0];
	cleanup_fd int child_sync = sp[1];
	/* In a user namespace the init cannot write the cgroup's files itself: moved by pid instead. */
	if (cgroup_entry_open(&rb.cg, !c.userns, &c.cg_entry, &err) < 0)
		return fail(&err);
	if (prepare_idmapped_mounts(&c, &err) < 0) {
		close_mount_fds(&c);
		cgroup_entry_close(&c.cg_entry);
		return fail(&err);
	}
	if (!c.userns_path && join_namespaces(config, false, &err) < 0) {
		cgroup_entry_close(&c.cg_entry);
		return fail(&err);
	}
	pid_t pid = c.userns_path ? clone_in_userns(&c, sync, child_sync, fifo, console, &err)
				  : cgroup_entry_clone(&c.cg_entry, (uint64_t)c.clone_flags);
	if (pid < 0 && !c.userns_path)
		berr_set(&err, errno, "clone");
	if (pid < 0) {
		close_mount_fds(&c);
		cgroup_entry_close(&c.cg_entry);
		return fail(&err);
	}
	if (pid == 0) {
		close(sync);
		container_init(&c, child_sync, fifo, console);
	}
	close_mount_fds(&c);
	rb.child = pid;
	if (c.runtime_mntns)
		rb.host_mounts = c.rootfs;
	close(steal_fd(&child_sync));
	int joined = cgroup_entry_finish(&c.cg_entry, pid, &err);
	cgroup_entry_close(&c.cg_entry);
	if (joined < 0)
		return fail(&err);
	if ((c.clone_flags & CLONE_NEWUSER) && write_id_maps(pid, lnx, &err) < 0)
		return fail(&err);
	if (c.userns) {
		/* The namespace's root owns its cgroup, as it would without a user namespace. */
		int64_t uid = userns_host_id(pid, "uid_map", 0), gid = userns_host_id(pid, "gid_map", 0);
		if (uid < 0 || gid < 0)
			return fail(&(berr_t){0, "the container's user namespace does not map id 0"});
		if (cgroup_chown(&rb.cg, (uid_t)uid, (gid_t)gid, &err) < 0 ||
		    oom_score_adj_apply(jget(config, "process"), pid, &err) < 0)
			return fail(&err);
	}
	char msg[1400];
	snprintf(msg, sizeof(msg), "G%d", (int)pid);
	if (send(sync, msg, strlen(msg), MSG_NOSIGNAL) != (ssize_t)strlen(msg))
		return berr_set(&err, errno, "start container init"), fail(&err);
	for (;;) {
		ssize_t n = recv(sync, msg, sizeof(msg) - 1, 0);
		if (n <= 0)
			return fail(&(berr_t){0, "container init exited before it was ready"});
		msg[n] = '\0';
		if (msg[0] != 'H')
			break;
		/* The init has made its mounts and waits before pivot_root: the runtime's hooks now. */
		cleanup_free char *state = hook_state(c.id, "creating", pid, c.bundle, jget(config, "annotations"));
		if (!state)
			return fail(&(berr_t){ENOMEM, "hook state"});
		if (hooks_run(config, "prestart", state, false, &err) < 0 ||
		    hooks_run(config, "createRuntime", state, false, &err) < 0)
			return fail(&err);
		if (send(sync, "G", 1, MSG_NOSIGNAL) != 1)
			return berr_set(&err, errno, "resume container init"), fail(&err);
	}
	if (msg[0] != 'K')
		return berr_set(&err, 0, "%s", msg + 1), fail(&err);
	if (write_state(&c, &rb, pid, &err) < 0)
		return fail(&err);
	if (pid_file) {
		char s[32];
		snprintf(s, sizeof(s), "%d", (int)pid);
		if (write_process_file(pid_file, s, strlen(s), &err) < 0)
			return fail(&err);
	}
	rb.done = true;
	return 0;
}

/* Hooks of the config copy taken at create (edits to the bundle's config.json after create must not
 * reach the container). Their failure is a warning: the spec continues the lifecycle after
 * poststart and poststop hooks whatever they return. */
static json_object *saved_config(const container_state_t *st)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof(path), "%s/config.json", st->dir);
	berr_t err = {0};
	json_object *config = NULL;
	if (read_json_file(path, &config, &err) < 0)
		log_error(&err);
	return config;
}

static int run_saved_hooks(const container_state_t *st, json_object *config, json_object *saved, const char *kind,
			   const char *status, pid_t pid)
{
	berr_t err = {0};
	if (!hooks_present(config, kind))
		return 0;
	const char *id = strrchr(st->dir, '/') + 1;
	cleanup_free char *state = hook_state(id, status, pid, jstr(saved, "bundle") ?: "", jget(saved, "annotations"));
	if (state)
		hooks_run(config, kind, state, true, &err);
	return 0;
}

int cmd_start(int argc, char **argv)
{
	berr_t err = {0};
	if (argc != 2)
		return fail(&(berr_t){0, "usage: start <id>"});
	container_state_t st;
	if (state_load(argv[1], &st, &err) < 0)
		return fail(&err);
	const char *status = state_status(&st);
	cleanup_json json_object *saved = st.state; /* ours now, for the poststart hooks */
	st.state = NULL;
	if (strcmp(status, "created") != 0)
		return berr_set(&err, 0, "container \"%s\" cannot be started: it is %s", argv[1], status), fail(&err);
	char path[PATH_MAX + 16];
	snprintf(path, sizeof(path), "%s/exec.fifo", st.dir);
	/* Like runc, start returns once the container's program has been exec'd (or the init died), so
	 * a kill right after start finds the program, not the runtime's init (a PID 1 drops signals
	 * it has no handler for). The init's exec.fifo descriptor is close-on-exec: then the fifo has
	 * no writer left, which a reader opened before our writer sees as POLLHUP (the kernel reports
	 * it only to readers that saw a writer arrive after they opened). */
	cleanup_fd int rfd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (rfd < 0)
		return berr_set(&err, errno, "open \"%s\"", path), fail(&err);
	cleanup_fd int fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return berr_set(&err, errno, "open \"%s\" (container init gone?)", path), fail(&err);
	if (write(fd, "1", 1) != 1)
		return berr_set(&err, errno, "write \"%s\"", path), fail(&err);
	unlink(path);
	close(steal_fd(&fd));
	struct timespec now, end;
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += 10;
	do {
		struct pollfd p = {.fd = rfd, .events = POLLIN};
		int n = poll(&p, 1, 100);
		if (n < 0 && errno != EINTR)
			break;
		if (n > 0 && (p.revents & (POLLHUP | POLLERR)))
			break;
		if (n > 0) { /* only our byte, not yet read by the init */
			struct timespec ts = {0, 500 * 1000};
			nanosleep(&ts, NULL);
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec < end.tv_sec || (now.tv_sec == end.tv_sec && now.tv_nsec < end.tv_nsec));
	cleanup_json json_object *config = saved_config(&st);
	return run_saved_hooks(&st, config, saved, "poststart", "running", st.pid);
}

static json_object *oci_state(const container_state_t *st, const char *id)
{
	json_object *o = json_object_new_object();
	const char *status = state_status(st);
	json_object_object_add(o, "ociVersion", json_object_new_string("1.0.2"));
	json_object_object_add(o, "id", json_object_new_string(id));
	json_object_object_add(o, "status", json_object_new_string(status));
	json_object_object_add(o, "pid", json_object_new_int(strcmp(status, "stopped") ? st->pid : 0));
	json_object_object_add(o, "bundle", json_object_new_string(jstr(st->state, "bundle") ?: ""));
	json_object_object_add(o, "rootfs", json_object_new_string(jstr(st->state, "rootfs") ?: ""));
	json_object_object_add(o, "created", json_object_new_string(jstr(st->state, "created") ?: ""));
	json_object *ann = jget(st->state, "annotations");
	json_object_object_add(o, "annotations", ann ? json_object_get(ann) : json_object_new_object());
	return o;
}

int cmd_state(int argc, char **argv)
{
	berr_t err = {0};
	if (argc != 2)
		return fail(&(berr_t){0, "usage: state <id>"});
	container_state_t st;
	if (state_load(argv[1], &st, &err) < 0)
		return fail(&err);
	cleanup_json json_object *o = oci_state(&st, argv[1]);
	state_free(&st);
	printf("%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
	return 0;
}

int cmd_list(int argc, char **argv)
{
	bool json = argc >= 3 && strcmp(argv[1], "--format") == 0 && strcmp(argv[2], "json") == 0;
	cleanup_dir DIR *d = opendir(state_root());
	cleanup_json json_object *arr = json_object_new_array();
	struct dirent *de;
	if (!json)
		printf("ID\tPID\tSTATUS\tBUNDLE\tCREATED\n");
	while (d && (de = readdir(d))) {
		container_state_t st;
		berr_t err;
		if (de->d_name[0] == '.' || state_load(de->d_name, &st, &err) < 0)
			continue;
		json_object *o = oci_state(&st, de->d_name);
		if (!json)
			printf("%s\t%lld\t%s\t%s\t%s\n", de->d_name, (long long)jint(o, "pid", 0), jstr(o, "status"),
			       jstr(o, "bundle"), jstr(o, "created"));
		json_object_array_add(arr, o);
		state_free(&st);
	}
	if (json)
		printf("%s\n", json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	return 0;
}

int cmd_kill(int argc, char **argv)
{
	berr_t err = {0};
	bool all = false;
	int i = 1;
	if (i < argc && (strcmp(argv[i], "--all") == 0 || strcmp(argv[i], "-a") == 0))
		all = true, i++;
	if (i >= argc || argc - i > 2)
		return fail(&(berr_t){0, "usage: kill [--all] <id> [signal]"});
	const char *id = argv[i];
	int sig = argc - i == 2 ? parse_signal(argv[i + 1]) : SIGTERM;
	if (sig < 0)
		return berr_set(&err, EINVAL, "unknown signal \"%s\"", argv[i + 1]), fail(&err);
	container_state_t st;
	if (state_load(id, &st, &err) < 0)
		return fail(&err);
	bool alive = proc_alive(st.pid, st.start_time);
	cgroup_t cg;
	int have_cg = state_cgroup(&st, &cg);
	state_free(&st);
	if (!alive)
		return berr_set(&err, ESRCH, "container \"%s\" is not running", id), fail(&err);
	if (all && have_cg == 0)
		return cgroup_signal_all(&cg, sig, &err) < 0 ? fail(&err) : 0;
	if (kill(st.pid, sig) < 0)
		return berr_set(&err, errno, "kill %d", (int)st.pid), fail(&err);
	return 0;
}

int cmd_delete(int argc, char **argv)
{
	berr_t err = {0};
	bool force = false;
	int i = 1;
	if (i < argc && (strcmp(argv[i], "--force") == 0 || strcmp(argv[i], "-f") == 0))
		force = true, i++;
	if (i != argc - 1)
		return fail(&(berr_t){0, "usage: delete [--force] <id>"});
	const char *id = argv[i];
	container_state_t st;
	if (state_load(id, &st, &err) < 0)
		return fail(&err);
	const char *status = state_status(&st);
	if (strcmp(status, "running") == 0 && !force) {
		state_free(&st);
		return berr_set(&err, 0, "container \"%s\" is running: stop it first or use --force", id), fail(&err);
	}
	if (strcmp(status, "stopped") != 0) {
		kill(st.pid, SIGKILL);
		for (int k = 0; k < 500 && proc_alive(st.pid, st.start_time); k++) {
			struct timespec ts = {0, 2 * 1000 * 1000};
			nanosleep(&ts, NULL);
		}
	}
	cgroup_t cg;
	int rc = 0;
	if (state_cgroup(&st, &cg) == 0 && cgroup_destroy(&cg, &err) < 0) {
		log_error(&err);
		rc = 1;
	}
	const char *rootfs = jstr(st.state, "rootfs");
	if (jbool(st.state, "runtimeMountNamespace", false) && rootfs && rootfs_unmount_all(rootfs, &err) < 0) {
		log_error(&err);
		rc = 1;
	}
	cleanup_json json_object *config = saved_config(&st);
	static const char *const files[] = {"state.json", "config.json", "exec.fifo"};
	for (size_t k = 0; k < 3; k++) {
		char p[PATH_MAX + 16];
		snprintf(p, sizeof(p), "%s/%s", st.dir, files[k]);
		unlink(p);
	}
	if (rmdir(st.dir) < 0) {
		state_free(&st);
		return berr_set(&err, errno, "rmdir \"%s\"", st.dir), fail(&err);
	}
	run_saved_hooks(&st, config, st.state, "poststop", "stopped", 0);
	state_free(&st);
	return rc;
}
