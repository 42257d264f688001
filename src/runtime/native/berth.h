/* Shared declarations of berth-runtime: the error object, cleanup helpers, small utilities. */
#ifndef BERTH_H
#define BERTH_H

#include <dirent.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

/* Paths are built into PATH_MAX buffers with snprintf; a truncated path fails at open/mount with
 * its name in the error, so gcc's speculative truncation warnings are noise here. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

/* Every fallible function returns 0 (or a value >= 0) on success and -1 on failure after filling
 * this: the errno and a message naming the syscall and the path, e.g. `mount "/proc" onto "/x"`. */
typedef struct {
	int errnum;
	char msg[1024];
} berr_t;

int berr_set(berr_t *e, int errnum, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Prefix an existing error with context: `<context>: <old message>`. */
int berr_wrap(berr_t *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The full message: `<msg>: <strerror(errnum)>` (or just msg when errnum is 0). */
const char *berr_text(const berr_t *e, char *buf, size_t len);

void log_setup(const char *path, bool json);
/* The --log file's descriptor, or -1. */
int log_file_fd(void);
void log_error(const berr_t *e);
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Cleanup attributes: variables free/close themselves when they leave scope. */
static inline void closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}
static inline void freep(void *p) { free(*(void **)p); }
static inline void json_putp(json_object **o)
{
	if (*o)
		json_object_put(*o);
}
static inline void fclosep(FILE **f)
{
	if (*f)
		fclose(*f);
}
static inline void closedirp(DIR **d)
{
	if (*d)
		closedir(*d);
}
#define cleanup_fd __attribute__((cleanup(closep)))
#define cleanup_free __attribute__((cleanup(freep)))
#define cleanup_json __attribute__((cleanup(json_putp)))
#define cleanup_file __attribute__((cleanup(fclosep)))
#define cleanup_dir __attribute__((cleanup(closedirp)))

/* Take ownership out of a cleanup variable. */
static inline int steal_fd(int *fd)
{
	int r = *fd;
	*fd = -1;
	return r;
}

/* util.c */
int read_file(const char *path, char **out, size_t *len, berr_t *err);
int read_fd(int fd, const char *name, char **out, size_t *len, berr_t *err);
int write_file(const char *path, const char *data, size_t len, berr_t *err);
int write_file_at(int dirfd, const char *name, const char *data, berr_t *err);
int write_file_atomic(const char *path, const char *data, size_t len, berr_t *err);
/* As write_file_atomic without the fsyncs: for files about live processes (a power loss ends them). */
int write_process_file(const char *path, const char *data, size_t len, berr_t *err);
int mkdir_p(const char *path, mode_t mode, berr_t *err);
int read_json_file(const char *path, json_object **out, berr_t *err);
int parse_json(const char *text, const char *what, json_object **out, berr_t *err);
/* Unblocks every signal and turns every ignored one back to its default, the state a program
 * expects at exec: blocked and ignored signals survive fork and execve. */
void signals_default(void);
/* Field 22 (starttime, clock ticks since boot) of /proc/<pid>/stat; 0 when the process is gone. */
unsigned long long proc_start_time(pid_t pid);
/* True when pid is alive and started at start_time (guards against pid reuse). */
bool proc_alive(pid_t pid, unsigned long long start_time);
void rfc3339_now(char *buf, size_t len);
int parse_signal(const char *s);
/* Write the whole buffer, retrying on EINTR and short writes. */
ssize_t write_all(int fd, const void *buf, size_t len);

/* json helpers: NULL / default when a key is missing or of another type. */
json_object *jget(json_object *o, const char *key);
const char *jstr(json_object *o, const char *key);
int64_t jint(json_object *o, const char *key, int64_t def);
bool jbool(json_object *o, const char *key, bool def);
json_object *jarr(json_object *o, const char *key);
size_t jlen(json_object *arr);
/* A NULL-terminated array of the strings of a JSON array (pointers into it; free the array only). */
char **string_array(json_object *arr);

/* cgroups.c: one cgroup of the container, v1 (one dir per controller) or v2 (one dir). */
typedef struct {
	int version;
	char root[PATH_MAX];	 /* /sys/fs/cgroup or $BERTH_CGROUP_ROOT */
	char path[PATH_MAX];	 /* absolute cgroup path, e.g. /berth/pod/ctr */
} cgroup_t;

int cgroup_resolve(const char *cgroups_path, const char *id, cgroup_t *cg, berr_t *err);
int cgroup_create(const cgroup_t *cg, berr_t *err);
int cgroup_apply(const cgroup_t *cg, json_object *resources, berr_t *err);
/* The ways into a cgroup that do not move a process by pid, which takes the kernel's global
 * threadgroup lock and waits out an RCU grace period (7-17 ms per create or exec on a busy node):
 * the v2 directory, for clone3's CLONE_INTO_CGROUP, and each v1 hierarchy's `tasks` file, to which
 * a single-threaded process writes "0" to move itself (a thread moving itself needs no such lock).
 * Opened before the clone: the child may be in other namespaces when it writes. Without `fast`,
 * and on a fake tree (tests), each hierarchy's cgroup.procs takes the pid instead. */
struct cgroup_entry_fd {
	int fd;
	bool self; /* "0" from the process itself (v1 tasks), else its pid from the parent */
};
typedef struct {
	int v2_dir;
	struct cgroup_entry_fd fds[16];
	int nfds;
} cgroup_entry_t;
int cgroup_entry_open(const cgroup_t *cg, bool fast, cgroup_entry_t *e, berr_t *err);
/* clone (SIGCHLD plus `flags`) into the v2 cgroup; -1 with errno on failure. */
pid_t cgroup_entry_clone(cgroup_entry_t *e, uint64_t flags);
/* pid 0: the child moves itself (the `self` files); else the parent moves `pid` (the others). */
int cgroup_entry_finish(cgroup_entry_t *e, pid_t pid, berr_t *err);
void cgroup_entry_close(cgroup_entry_t *e);
int cgroup_join(const cgroup_t *cg, pid_t pid, berr_t *err);
/* SIGKILL every process of the cgroup, wait until it is empty, remove it (all hierarchies). */
int cgroup_destroy(const cgroup_t *cg, berr_t *err);
/* Hand the cgroup (its directories and the files that place processes) to a user namespace's root. */
int cgroup_chown(const cgroup_t *cg, uid_t uid, gid_t gid, berr_t *err);
int cgroup_signal_all(const cgroup_t *cg, int sig, berr_t *err);
int cmd_cgroup_apply(int argc, char **argv);

/* namespaces.c */
int ns_flag(const char *type);
const char *ns_proc_name(int flag);

/* userns.c: id maps and id-mapped mounts. */
/* OCI uidMappings/gidMappings → the text /proc/<pid>/uid_map takes ("C H N\n" per line). */
int idmap_text(json_object *maps, const char *what, char *buf, size_t len, berr_t *err);
int userns_write_maps(pid_t pid, const char *uid_map, const char *gid_map, berr_t *err);
/* A descriptor of a new user namespace with these maps (for MOUNT_ATTR_IDMAP). */
int userns_from_maps(const char *uid_map, const char *gid_map, berr_t *err);
/* A detached id-mapped copy of the mount at path (open_tree + mount_setattr), to move_mount_fd. */
int idmap_clone(const char *path, bool recursive, int userns_fd, berr_t *err);
int move_mount_fd(int fd, const char *target, berr_t *err);
/* The host id `id` maps to in /proc/<pid>/<uid_map|gid_map>, -1 when unmapped. */
int64_t userns_host_id(pid_t pid, const char *file, int64_t id);
bool idmap_equal(const char *kernel, const char *want);

/* mounts.c: everything between the new mount namespace and the running pivot_root'ed init. */
typedef struct {
	const char *bundle;
	const char *rootfs;
	json_object *config;
	bool new_netns;
	/* No mount namespace of its own: mounts are made in the runtime's and the process chroots
	 * (pivot_root would move the root of everything in the namespace). */
	bool runtime_mntns;
	char *self_cgroup; /* /proc/self/cgroup read before the cgroup namespace was unshared */
	/* Called after the mounts, before pivot_root/chroot (the prestart, createRuntime and
	 * createContainer hooks' point). */
	int (*before_pivot)(void *arg, berr_t *err);
	void *arg;
	/* Per mounts[] entry: a detached id-mapped mount the runtime made, moved into place instead of
	 * a bind of the source; -1 (or NULL for none) otherwise. */
	const int *mount_fds;
} rootfs_ctx_t;

int rootfs_setup(const rootfs_ctx_t *ctx, berr_t *err);
int rootfs_finalize(json_object *config, berr_t *err);
/* Detach every mount at or below rootfs (a container made in the runtime's mount namespace). */
int rootfs_unmount_all(const char *rootfs, berr_t *err);
/* Resolve path inside root, refusing `..` or symlinks that would leave it. */
int resolve_in_root(const char *root, const char *path, char *out, size_t outlen, berr_t *err);

/* process.c / caps.c / seccomp.c / limits.c */
int caps_apply(json_object *caps, berr_t *err);
int caps_drop_bounding(json_object *caps, berr_t *err);
int seccomp_apply(json_object *seccomp, berr_t *err);
int rlimits_apply(json_object *process, berr_t *err);
/* Of pid (0: this process). In a user namespace the node's root must do it: the namespace's root
 * cannot open its own /proc files once its ids changed, nor lower the value. */
int oom_score_adj_apply(json_object *process, pid_t pid, berr_t *err);
int sysctls_apply(json_object *lnx, berr_t *err);
int user_apply(json_object *process, berr_t *err);
/* Look args[0] up in the container's PATH; out gets the path to execve. */
int exec_lookup(json_object *process, char *out, size_t len, berr_t *err);
/* Everything from user switch to execve, common to create and exec. Never returns on success. */
typedef struct {
	json_object *process;
	json_object *seccomp;
	json_object *config;	  /* for the startContainer hooks, run after start's byte; NULL for none */
	const char *hook_state; /* their stdin */
	int sync_fd;  /* report "ok" / error here before waiting for start, -1 for none */
	int start_fd; /* read one byte here before execve, -1 for none */
} finish_ctx_t;
int process_finish(const finish_ctx_t *fc, berr_t *err);
/* Report an error over a sync socket: the byte 'E' followed by the message. */
void sync_report_error(int fd, const berr_t *e);

/* hooks.c: the state JSON a hook reads (malloc'd; pid left out when 0, annotations when empty). */
char *hook_state(const char *id, const char *status, pid_t pid, const char *bundle, json_object *annotations);
/* Run config.hooks[kind] in order; the first failure is the error, or with warn_only each failure
 * is logged as a warning and the rest still run. */
int hooks_run(json_object *config, const char *kind, const char *state, bool warn_only, berr_t *err);
bool hooks_present(json_object *config, const char *kind);

/* terminal.c */
int console_connect(const char *path, berr_t *err);
/* Create a pty, send its master over sock, make the slave our stdio and controlling tty. */
int terminal_setup(int sock, json_object *process, berr_t *err);
int send_fd(int sock, int fd, berr_t *err);
int recv_fd(int sock, berr_t *err);
/* Foreground terminal: copy our stdin to the pty master and the master to our stdout (our own
 * terminal in raw mode meanwhile), apply our window size now and on SIGWINCH, forward the fwd
 * signals to child, until child exits; *status = its exit code (128+signal). */
int terminal_relay(int master, pid_t child, const int *fwd, size_t nfwd, int *status, berr_t *err);

/* trim.c: drop the clean shared-object pages and unused stack the process has faulted in (the
 * monitor, when idle). */
void memory_trim(void);

/* state.c */
typedef struct {
	char dir[PATH_MAX];
	json_object *state; /* owned */
	pid_t pid;
	unsigned long long start_time;
} container_state_t;

const char *state_root(void);
void state_root_set(const char *root);
int state_load(const char *id, container_state_t *st, berr_t *err);
void state_free(container_state_t *st);
/* created | running | stopped */
const char *state_status(const container_state_t *st);
int state_cgroup(const container_state_t *st, cgroup_t *cg);
int valid_id(const char *id, berr_t *err);

/* Commands. */
int cmd_create(int argc, char **argv);
int cmd_start(int argc, char **argv);
int cmd_state(int argc, char **argv);
int cmd_kill(int argc, char **argv);
int cmd_delete(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_exec(int argc, char **argv);
int cmd_update(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_ns(int argc, char **argv);
int cmd_idmap_overlay(int argc, char **argv);
int cmd_idmap_probe(int argc, char **argv);
int cmd_spawner(int argc, char **argv);
/* main's dispatch (global options, then the command), for the spawner's in-process commands. */
int berth_main(int argc, char **argv);

/* Report a failed command: log the error and return exit status 1. */
int fail(const berr_t *e);

#endif
