/* Cgroups v1, v2 and hybrid hosts. On a hybrid host (v1 controllers plus a v2 tree without
 * controllers) resources go to v1, and the process also joins the v2 tree so tools see it there.
 * $BERTH_CGROUP_ROOT / $BERTH_CGROUP_VERSION point everything at a fake tree for tests;
 * $BERTH_CGROUP_PARENT (default /berth) is where relative cgroupsPaths live. */
#include "berth.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <time.h>
#include <linux/magic.h>
#include <linux/sched.h>
#include <sys/syscall.h>

static const char *const v1_controllers[] = {"cpu",	"cpuacct", "cpuset", "memory",	"pids",
					     "blkio", "devices", "freezer", "hugetlb", "systemd"};
#define NV1 (sizeof(v1_controllers) / sizeof(v1_controllers[0]))

static int detect_version(const char *root)
{
	const char *env = getenv("BERTH_CGROUP_VERSION");
	if (env && *env)
		return atoi(env) == 2 ? 2 : 1;
	struct statfs sf;
	if (statfs(root, &sf) == 0 && sf.f_type == CGROUP2_SUPER_MAGIC)
		return 2;
	return 1;
}

int cgroup_resolve(const char *cgroups_path, const char *id, cgroup_t *cg, berr_t *err)
{
	const char *root = getenv("BERTH_CGROUP_ROOT");
	const char *parent = getenv("BERTH_CGROUP_PARENT");
	snprintf(cg->root, sizeof(cg->root), "%s", root && *root ? root : "/sys/fs/cgroup");
	cg->version = detect_version(cg->root);
	if (!parent || !*parent)
		parent = "/berth";
	int n;
	if (!cgroups_path || !*cgroups_path)
		n = snprintf(cg->path, sizeof(cg->path), "%s/%s", parent, id);
	else if (cgroups_path[0] == '/')
		n = snprintf(cg->path, sizeof(cg->path), "%s", cgroups_path);
	else
		n = snprintf(cg->path, sizeof(cg->path), "%s/%s", parent, cgroups_path);
	if (n >= (int)sizeof(cg->path))
		return berr_set(err, ENAMETOOLONG, "cgroupsPath \"%s\"", cgroups_path);
	/* A cgroupsPath must not climb out of the cgroup roots. */
	for (const char *p = cg->path; (p = strstr(p, "..")); p += 2)
		if ((p == cg->path || p[-1] == '/') && (p[2] == '/' || p[2] == '\0'))
			return berr_set(err, EINVAL, "cgroupsPath \"%s\" contains \"..\"", cgroups_path);
	if (strchr(cg->path, ':'))
		return berr_set(err, EINVAL, "cgroupsPath \"%s\": systemd slice syntax is not supported",
				cgroups_path);
	return 0;
}

/* dir of one hierarchy: <root>/<controller><path> (v1), <root><path> (v2), NULL if absent. */
static bool hier_dir(const cgroup_t *cg, const char *ctrl, char *out, size_t len)
{
	char base[PATH_MAX];
	if (ctrl)
		snprintf(base, sizeof(base), "%s/%s", cg->root, ctrl);
	else
		snprintf(base, sizeof(base), "%s", cg->root);
	struct stat st;
	if (stat(base, &st) < 0 || !S_ISDIR(st.st_mode))
		return false;
	snprintf(out, len, "%s%s", base, cg->path);
	return true;
}

/* The v2 tree of a hybrid host, if any. */
static bool hybrid_dir(const cgroup_t *cg, char *out, size_t len)
{
	if (cg->version != 1)
		return false;
	return hier_dir(cg, "unified", out, len);
}

static int write_cg(const char *dir, const char *file, const char *value, berr_t *err)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	cleanup_fd int fd = open(path, O_WRONLY | O_TRUNC | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return berr_set(err, errno, "open \"%s\"", path);
	if (write(fd, value, strlen(value)) < 0)
		return berr_set(err, errno, "write \"%s\" to \"%s\"", value, path);
	return 0;
}

static bool empty_file(const char *dir, const char *file)
{
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	berr_t e;
	cleanup_free char *s = NULL;
	if (read_file(path, &s, NULL, &e) < 0)
		return e.errnum == ENOENT; /* a fake tree (tests) has no file until it is written */
	return s[strspn(s, " \n")] == '\0';
}

/* v1 cpuset: a new cgroup starts with empty cpus/mems and refuses tasks until they are copied. */
static int cpuset_inherit(const char *dir, berr_t *err)
{
	static const char *const files[] = {"cpuset.cpus", "cpuset.mems"};
	for (size_t i = 0; i < 2; i++) {
		if (!empty_file(dir, files[i]))
			continue;
		char parent[PATH_MAX], path[PATH_MAX];
		snprintf(parent, sizeof(parent), "%s", dir);
		*strrchr(parent, '/') = '\0';
		snprintf(path, sizeof(path), "%s/%s", parent, files[i]);
		cleanup_free char *v = NULL;
		if (read_file(path, &v, NULL, err) < 0)
			return -1;
		if (write_cg(dir, files[i], v, err) < 0)
			return -1;
	}
	return 0;
}

/* Creates every missing level of `dir`; with `cpuset`, fills the empty levels below its first
 * `root_len` bytes (the hierarchy's mount point). */
static int mkdir_cg(const char *dir, size_t root_len, bool cpuset, berr_t *err)
{
	char buf[PATH_MAX];
	snprintf(buf, sizeof(buf), "%s", dir);
	for (char *p = buf + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(buf, 0755) < 0 && errno != EEXIST)
			return berr_set(err, errno, "mkdir \"%s\"", buf);
		/* Also a level that already existed: a parent made by hand starts empty too. */
		if (cpuset && (size_t)(p - buf) > root_len && cpuset_inherit(buf, err) < 0)
			return -1;
		*p = c;
		if (c == '\0')
			break;
	}
	return 0;
}

/* v2: a controller works in a cgroup only when every ancestor delegates it in subtree_control. */
static void v2_enable_controllers(const cgroup_t *cg)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", cg->root);
	const char *p = cg->path;
	static const char *const ctrls[] = {"+cpu", "+cpuset", "+memory", "+pids", "+io", "+hugetlb"};
	for (;;) {
		for (size_t i = 0; i < sizeof(ctrls) / sizeof(ctrls[0]); i++) {
			char path[PATH_MAX];
			snprintf(path, sizeof(path), "%s/cgroup.subtree_control", dir);
			cleanup_fd int fd = open(path, O_WRONLY | O_CLOEXEC);
			if (fd >= 0 && write(fd, ctrls[i], strlen(ctrls[i])) < 0) {
				/* the controller is not available here: nothing to delegate */
			}
		}
		while (*p == '/')
			p++;
		const char *next = strchr(p, '/');
		if (!next)
			break;
		size_t l = strlen(dir);
		snprintf(dir + l, sizeof(dir) - l, "/%.*s", (int)(next - p), p);
		p = next;
	}
}

int cgroup_create(const cgroup_t *cg, berr_t *err)
{
	char dir[PATH_MAX];
	if (cg->version == 2) {
		v2_enable_controllers(cg);
		snprintf(dir, sizeof(dir), "%s%s", cg->root, cg->path);
		return mkdir_cg(dir, 0, false, err);
	}
	for (size_t i = 0; i < NV1; i++)
		if (hier_dir(cg, v1_controllers[i], dir, sizeof(dir)) &&
		    mkdir_cg(dir, strlen(dir) - strlen(cg->path), strcmp(v1_controllers[i], "cpuset") == 0, err) < 0)
			return -1;
	if (hybrid_dir(cg, dir, sizeof(dir)))
		mkdir_cg(dir, 0, false, err);
	return 0;
}

static int for_each_dir(const cgroup_t *cg, int (*fn)(const char *dir, void *arg, berr_t *err), void *arg,
			berr_t *err)
{
	char dir[PATH_MAX];
	if (cg->version == 2) {
		snprintf(dir, sizeof(dir), "%s%s", cg->root, cg->path);
		return fn(dir, arg, err);
	}
	for (size_t i = 0; i < NV1; i++)
		if (hier_dir(cg, v1_controllers[i], dir, sizeof(dir)) && access(dir, F_OK) == 0 &&
		    fn(dir, arg, err) < 0)
			return -1;
	if (hybrid_dir(cg, dir, sizeof(dir)) && access(dir, F_OK) == 0 && fn(dir, arg, err) < 0)
		return -1;
	return 0;
}

/* Each hierarchy directory of the cgroup (v1 controllers, then the v2 tree), skipping absent ones. */
static int hier_dirs(const cgroup_t *cg, char dirs[][PATH_MAX], bool *v2, int max)
{
	int n = 0;
	const size_t total = cg->version == 2 ? 1 : NV1 + 1;
	for (size_t i = 0; i < total && n < max; i++) {
		if (cg->version == 2)
			snprintf(dirs[n], PATH_MAX, "%s%s", cg->root, cg->path);
		else if (!(i < NV1 ? hier_dir(cg, v1_controllers[i], dirs[n], PATH_MAX)
				    : hybrid_dir(cg, dirs[n], PATH_MAX)))
			continue;
		if (access(dirs[n], F_OK) < 0)
			continue;
		v2[n++] = cg->version == 2 || i == NV1;
	}
	return n;
}

void cgroup_entry_close(cgroup_entry_t *e)
{
	for (int i = 0; i < e->nfds; i++)
		close(e->fds[i].fd);
	e->nfds = 0;
	if (e->v2_dir >= 0)
		close(e->v2_dir);
	e->v2_dir = -1;
}

static int entry_add(cgroup_entry_t *e, const char *dir, const char *file, bool self, berr_t *err)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return berr_set(err, errno, "open \"%s\"", path);
	e->fds[e->nfds++] = (struct cgroup_entry_fd){fd, self};
	return 0;
}

int cgroup_entry_open(const cgroup_t *cg, bool fast, cgroup_entry_t *e, berr_t *err)
{
	*e = (cgroup_entry_t){.v2_dir = -1};
	char dirs[NV1 + 1][PATH_MAX];
	bool v2[NV1 + 1];
	int n = hier_dirs(cg, dirs, v2, (int)(NV1 + 1));
	for (int i = 0; i < n; i++) {
		struct statfs sf;
		/* A fake tree (tests) is plain files: only a pid written to cgroup.procs means anything. */
		bool real = fast && statfs(dirs[i], &sf) == 0 &&
			    (sf.f_type == CGROUP_SUPER_MAGIC || sf.f_type == CGROUP2_SUPER_MAGIC);
		int r;
		if (real && v2[i]) {
			e->v2_dir = open(dirs[i], O_PATH | O_DIRECTORY | O_CLOEXEC);
			r = e->v2_dir < 0 ? berr_set(err, errno, "open \"%s\"", dirs[i]) : 0;
		} else {
			r = entry_add(e, dirs[i], real ? "tasks" : "cgroup.procs", real, err);
		}
		if (r < 0) {
			cgroup_entry_close(e);
			return berr_wrap(err, "cgroup \"%s\"", cg->path);
		}
	}
	return 0;
}

pid_t cgroup_entry_clone(cgroup_entry_t *e, uint64_t flags)
{
	if (e->v2_dir >= 0) {
		struct clone_args a = {.flags = flags | CLONE_INTO_CGROUP, .exit_signal = SIGCHLD, .cgroup = (uint64_t)e->v2_dir};
		pid_t pid = (pid_t)syscall(SYS_clone3, &a, sizeof(a));
		if (pid >= 0)
			return pid;
		/* A kernel before 5.7, or a cgroup clone3 will not place a process in: joined by pid after
		 * all, as before, which succeeds or fails with the kernel's own reason. */
		int procs = openat(e->v2_dir, "cgroup.procs", O_WRONLY | O_CLOEXEC);
		close(e->v2_dir);
		e->v2_dir = -1;
		if (procs < 0)
			return -1;
		e->fds[e->nfds++] = (struct cgroup_entry_fd){procs, false};
	}
	return (pid_t)syscall(SYS_clone, flags | SIGCHLD, NULL, NULL, NULL, NULL);
}

int cgroup_entry_finish(cgroup_entry_t *e, pid_t pid, berr_t *err)
{
	char s[32];
	snprintf(s, sizeof(s), "%d", (int)pid);
	for (int i = 0; i < e->nfds; i++) {
		if (e->fds[i].self != (pid == 0) || write(e->fds[i].fd, s, strlen(s)) >= 0)
			continue;
		return pid ? berr_set(err, errno, "add pid %d to the cgroup", (int)pid)
			   : berr_set(err, errno, "join the cgroup");
	}
	return 0;
}

int cgroup_join(const cgroup_t *cg, pid_t pid, berr_t *err)
{
	cgroup_entry_t e;
	if (cgroup_entry_open(cg, false, &e, err) < 0)
		return -1;
	int r = cgroup_entry_finish(&e, pid, err);
	cgroup_entry_close(&e);
	if (r < 0)
		berr_wrap(err, "cgroup \"%s\"", cg->path);
	return r;
}

/* ---- resources ---- */

static int wr_int(const char *dir, const char *file, int64_t v, berr_t *err)
{
	char s[32];
	snprintf(s, sizeof(s), "%lld", (long long)v);
	return write_cg(dir, file, s, err);
}

static int wr_max(const char *dir, const char *file, int64_t v, berr_t *err)
{
	if (v < 0)
		return write_cg(dir, file, "max", err);
	return wr_int(dir, file, v, err);
}

/* hugepageLimits pageSize "2MB" → "2MB" (both versions use the same names). */
static int apply_hugetlb(const char *dir, json_object *res, const char *suffix, berr_t *err)
{
	json_object *h = jarr(res, "hugepageLimits");
	for (size_t i = 0; i < jlen(h); i++) {
		json_object *e = json_object_array_get_idx(h, i);
		const char *ps = jstr(e, "pageSize");
		if (!ps)
			continue;
		char file[128];
		snprintf(file, sizeof(file), "hugetlb.%s.%s", ps, suffix);
		if (wr_int(dir, file, jint(e, "limit", 0), err) < 0)
			return -1;
	}
	return 0;
}

static int apply_v1(const cgroup_t *cg, json_object *res, berr_t *err)
{
	char dir[PATH_MAX];
	json_object *cpu = jget(res, "cpu"), *mem = jget(res, "memory"), *pids = jget(res, "pids");
	if (cpu && hier_dir(cg, "cpu", dir, sizeof(dir))) {
		if (jget(cpu, "shares") && wr_int(dir, "cpu.shares", jint(cpu, "shares", 1024), err) < 0)
			return -1;
		if (jget(cpu, "period") && wr_int(dir, "cpu.cfs_period_us", jint(cpu, "period", 100000), err) < 0)
			return -1;
		if (jget(cpu, "quota") && wr_int(dir, "cpu.cfs_quota_us", jint(cpu, "quota", -1), err) < 0)
			return -1;
	}
	if (cpu && hier_dir(cg, "cpuset", dir, sizeof(dir))) {
		if (jstr(cpu, "cpus") && *jstr(cpu, "cpus") && write_cg(dir, "cpuset.cpus", jstr(cpu, "cpus"), err) < 0)
			return -1;
		if (jstr(cpu, "mems") && *jstr(cpu, "mems") && write_cg(dir, "cpuset.mems", jstr(cpu, "mems"), err) < 0)
			return -1;
	}
	if (mem && hier_dir(cg, "memory", dir, sizeof(dir))) {
		json_object *limit = jget(mem, "limit"), *swap = jget(mem, "swap");
		if (limit) {
			/* memsw must stay >= limit: when raising, move memsw first, then retry. */
			if (wr_int(dir, "memory.limit_in_bytes", jint(mem, "limit", -1), err) < 0) {
				if (!swap || wr_int(dir, "memory.memsw.limit_in_bytes", jint(mem, "swap", -1), err) < 0 ||
				    wr_int(dir, "memory.limit_in_bytes", jint(mem, "limit", -1), err) < 0)
					return -1;
			}
		}
		if (swap) {
			char p[PATH_MAX + 32];
			snprintf(p, sizeof(p), "%s/memory.memsw.limit_in_bytes", dir);
			if (access(p, F_OK) == 0 &&
			    wr_int(dir, "memory.memsw.limit_in_bytes", jint(mem, "swap", -1), err) < 0)
				return -1;
		}
		if (jget(mem, "reservation") &&
		    wr_int(dir, "memory.soft_limit_in_bytes", jint(mem, "reservation", -1), err) < 0)
			return -1;
		if (jget(mem, "swappiness") && jint(mem, "swappiness", -1) >= 0 &&
		    jint(mem, "swappiness", -1) <= 100 &&
		    wr_int(dir, "memory.swappiness", jint(mem, "swappiness", 60), err) < 0)
			return -1;
		if (jbool(mem, "disableOOMKiller", false) && write_cg(dir, "memory.oom_control", "1", err) < 0)
			return -1;
	}
	if (pids && hier_dir(cg, "pids", dir, sizeof(dir)) &&
	    wr_max(dir, "pids.max", jint(pids, "limit", -1) > 0 ? jint(pids, "limit", -1) : -1, err) < 0)
		return -1;
	if (jarr(res, "hugepageLimits") && hier_dir(cg, "hugetlb", dir, sizeof(dir)) &&
	    apply_hugetlb(dir, res, "limit_in_bytes", err) < 0)
		return -1;
	json_object *devs = jarr(res, "devices");
	if (devs && hier_dir(cg, "devices", dir, sizeof(dir))) {
		for (size_t i = 0; i < jlen(devs); i++) {
			json_object *d = json_object_array_get_idx(devs, i);
			const char *type = jstr(d, "type") ? jstr(d, "type") : "a";
			char maj[24] = "*", min[24] = "*", rule[96];
			if (jint(d, "major", -1) >= 0)
				snprintf(maj, sizeof(maj), "%lld", (long long)jint(d, "major", -1));
			if (jint(d, "minor", -1) >= 0)
				snprintf(min, sizeof(min), "%lld", (long long)jint(d, "minor", -1));
			snprintf(rule, sizeof(rule), "%s %s:%s %s", type, maj, min,
				 jstr(d, "access") ? jstr(d, "access") : "rwm");
			if (strcmp(type, "a") == 0)
				snprintf(rule, sizeof(rule), "a");
			if (write_cg(dir, jbool(d, "allow", false) ? "devices.allow" : "devices.deny", rule, err) < 0)
				return -1;
		}
		/* runc appends these to every rule list, so a spec that denies everything still has its
		 * standard /dev nodes, ptys and mknod (which linux.devices needs at create). */
		static const char *const always[] = {"c *:* m", "b *:* m",   "c 1:3 rwm",   "c 1:8 rwm",
						     "c 1:7 rwm", "c 5:0 rwm", "c 1:5 rwm",   "c 1:9 rwm",
						     "c 136:* rwm", "c 5:2 rwm", "c 10:200 rwm"};
		for (size_t i = 0; i < sizeof(always) / sizeof(always[0]); i++)
			if (write_cg(dir, "devices.allow", always[i], err) < 0)
				return -1;
	}
	return 0;
}

static int apply_v2(const cgroup_t *cg, json_object *res, berr_t *err)
{
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s%s", cg->root, cg->path);
	json_object *cpu = jget(res, "cpu"), *mem = jget(res, "memory"), *pids = jget(res, "pids");
	if (cpu) {
		int64_t shares = jint(cpu, "shares", 0);
		if (shares > 0) {
			/* The conversion runc, crun and the kubelet agree on: [2, 262144] → [1, 10000]. */
			if (shares < 2)
				shares = 2;
			if (shares > 262144)
				shares = 262144;
			if (wr_int(dir, "cpu.weight", 1 + ((shares - 2) * 9999) / 262142, err) < 0)
				return -1;
		}
		if (jget(cpu, "quota") || jget(cpu, "period")) {
			int64_t quota = jint(cpu, "quota", -1), period = jint(cpu, "period", 100000);
			char v[64];
			if (quota > 0)
				snprintf(v, sizeof(v), "%lld %lld", (long long)quota, (long long)period);
			else
				snprintf(v, sizeof(v), "max %lld", (long long)period);
			if (write_cg(dir, "cpu.max", v, err) < 0)
				return -1;
		}
		if (jstr(cpu, "cpus") && *jstr(cpu, "cpus") && write_cg(dir, "cpuset.cpus", jstr(cpu, "cpus"), err) < 0)
			return -1;
		if (jstr(cpu, "mems") && *jstr(cpu, "mems") && write_cg(dir, "cpuset.mems", jstr(cpu, "mems"), err) < 0)
			return -1;
	}
	if (mem) {
		int64_t limit = jint(mem, "limit", 0), swap = jint(mem, "swap", 0);
		if (jget(mem, "limit") && wr_max(dir, "memory.max", limit, err) < 0)
			return -1;
		/* OCI swap is memory+swap (the v1 memsw meaning); v2 swap.max is the swap part alone. */
		if (jget(mem, "swap")) {
			int64_t v = swap < 0 ? -1 : (limit > 0 ? swap - limit : swap);
			if (v < -1 || (limit > 0 && swap >= 0 && swap < limit))
				return berr_set(err, EINVAL, "memory.swap %lld is below memory.limit %lld",
						(long long)swap, (long long)limit);
			if (wr_max(dir, "memory.swap.max", v, err) < 0)
				return -1;
		}
		if (jget(mem, "reservation") && wr_max(dir, "memory.low", jint(mem, "reservation", 0), err) < 0)
			return -1;
	}
	if (pids && wr_max(dir, "pids.max", jint(pids, "limit", -1) > 0 ? jint(pids, "limit", -1) : -1, err) < 0)
		return -1;
	if (jarr(res, "hugepageLimits") && apply_hugetlb(dir, res, "max", err) < 0)
		return -1;
	return 0;
}

int cgroup_apply(const cgroup_t *cg, json_object *resources, berr_t *err)
{
	if (!resources)
		return 0;
	int r = cg->version == 2 ? apply_v2(cg, resources, err) : apply_v1(cg, resources, err);
	if (r < 0)
		berr_wrap(err, "cgroup \"%s\": apply resources", cg->path);
	return r;
}

/* ---- signal, destroy ---- */

static int kill_procs(const char *dir, void *arg, berr_t *err)
{
	(void)err;
	int sig = *(int *)arg;
	char path[PATH_MAX + 16];
	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	cleanup_file FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	int pid;
	while (fscanf(f, "%d", &pid) == 1)
		kill(pid, sig);
	return 0;
}

int cgroup_signal_all(const cgroup_t *cg, int sig, berr_t *err)
{
	return for_each_dir(cg, kill_procs, &sig, err) < 0 ? -1 : 0;
}

static int count_procs(const char *dir, void *arg, berr_t *err)
{
	(void)err;
	char path[PATH_MAX + 16];
	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	cleanup_file FILE *f = fopen(path, "re");
	int pid;
	while (f && fscanf(f, "%d", &pid) == 1)
		(*(int *)arg)++;
	return 0;
}

static int rmdir_cg(const char *dir, void *arg, berr_t *err)
{
	(void)arg;
	for (int i = 0; i < 50; i++) {
		if (rmdir(dir) == 0 || errno == ENOENT)
			return 0;
		if (errno != EBUSY)
			break;
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	/* A fake tree (tests) holds regular files: remove them, then the directory. */
	if (errno == ENOTEMPTY || errno == EEXIST) {
		cleanup_dir DIR *d = opendir(dir);
		struct dirent *de;
		while (d && (de = readdir(d)))
			if (de->d_type == DT_REG)
				unlinkat(dirfd(d), de->d_name, 0);
		if (rmdir(dir) == 0)
			return 0;
	}
	return berr_set(err, errno, "rmdir \"%s\"", dir);
}

int cgroup_destroy(const cgroup_t *cg, berr_t *err)
{
	for (int i = 0; i < 200; i++) {
		int n = 0;
		for_each_dir(cg, count_procs, &n, err);
		if (n == 0)
			break;
		cgroup_signal_all(cg, SIGKILL, err);
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	return for_each_dir(cg, rmdir_cg, NULL, err);
}

/* berth-runtime cgroup-apply <cgroupsPath> <resources.json>: create the cgroup and apply resources,
 * so the v1/v2 logic can be exercised on a fake tree ($BERTH_CGROUP_ROOT). Prints the cgroup dir. */
int cmd_cgroup_apply(int argc, char **argv)
{
	berr_t err = {0};
	if (argc != 3)
		return fail(&(berr_t){0, "usage: cgroup-apply <cgroupsPath> <resources.json>"});
	cgroup_t cg;
	cleanup_json json_object *res = NULL;
	if (read_json_file(argv[2], &res, &err) < 0 || cgroup_resolve(argv[1], "", &cg, &err) < 0 ||
	    cgroup_create(&cg, &err) < 0 || cgroup_apply(&cg, res, &err) < 0)
		return fail(&err);
	printf("%s%s\n", cg.root, cg.path);
	return 0;
}

/* ---- ownership for a user namespace ---- */

typedef struct {
	uid_t uid;
	gid_t gid;
} owner_t;

/* The directory (so the namespace's root may make child cgroups) and the files that move processes
 * and delegate controllers, as runc hands a cgroup to a container with its own user namespace (the
 * kernel's delegation model, Documentation/admin-guide/cgroup-v2.rst; on v1 the same files exist
 * per hierarchy, minus what v1 lacks). The limits themselves stay the node's. */
static int chown_cg(const char *dir, void *arg, berr_t *err)
{
	const owner_t *o = arg;
	static const char *const files[] = {"", "/cgroup.procs", "/cgroup.threads", "/cgroup.subtree_control", "/tasks"};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char p[PATH_MAX + 32];
		snprintf(p, sizeof(p), "%s%s", dir, files[i]);
		if (chown(p, o->uid, o->gid) < 0 && !(errno == ENOENT && i > 0))
			return berr_set(err, errno, "chown \"%s\"", p);
	}
	return 0;
}

int cgroup_chown(const cgroup_t *cg, uid_t uid, gid_t gid, berr_t *err)
{
	owner_t o = {uid, gid};
	return for_each_dir(cg, chown_cg, &o, err);
}
