/* The container's filesystem: mount propagation, the rootfs bind, the spec's mounts in order,
 * /dev nodes and symlinks, linux.devices, pivot_root; then (inside the new root) readonlyPaths,
 * maskedPaths and a read-only root. Runs in the container init, in its new mount namespace, so
 * every mount made here disappears with the namespace if create fails. */
#include "berth.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <linux/magic.h>

/* glibc < 2.36 lacks mount_setattr's struct and flags (the syscall itself is called directly). */
#ifndef MOUNT_ATTR_SIZE_VER0
struct mount_attr {
	uint64_t attr_set, attr_clr, propagation, userns_fd;
};
#define MOUNT_ATTR_RDONLY 0x00000001
#define MOUNT_ATTR_NOSUID 0x00000002
#define MOUNT_ATTR_NODEV 0x00000004
#define MOUNT_ATTR_NOEXEC 0x00000008
#define MOUNT_ATTR__ATIME 0x00000070
#define MOUNT_ATTR_RELATIME 0x00000000
#define MOUNT_ATTR_NOATIME 0x00000010
#define MOUNT_ATTR_STRICTATIME 0x00000020
#define MOUNT_ATTR_NODIRATIME 0x00000080
#define MOUNT_ATTR_NOSYMFOLLOW 0x00200000
#endif
#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif
#ifndef SYS_mount_setattr
#define SYS_mount_setattr 442
#endif

/* ---- resolving destinations inside the rootfs ---- */

/* Walk path component by component below root, following symlinks as if root were "/" (an
 * absolute target restarts at root). A `..` above root, from the path itself or from a symlink's
 * target, is an escape and is refused rather than clamped: a spec that tries it is wrong. */
int resolve_in_root(const char *root, const char *path, char *out, size_t outlen, berr_t *err)
{
	char cur[PATH_MAX] = "";   /* resolved part, relative to root, each component with a leading '/' */
	char todo[PATH_MAX * 2];   /* components still to walk */
	int links = 0;
	if (snprintf(todo, sizeof(todo), "%s", path) >= (int)sizeof(todo))
		return berr_set(err, ENAMETOOLONG, "path \"%s\"", path);
	char *p = todo;
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		char *end = strchrnul(p, '/');
		char comp[NAME_MAX + 1];
		size_t cl = (size_t)(end - p);
		if (cl > NAME_MAX)
			return berr_set(err, ENAMETOOLONG, "path \"%s\"", path);
		memcpy(comp, p, cl);
		comp[cl] = '\0';
		p = end;
		if (strcmp(comp, ".") == 0)
			continue;
		if (strcmp(comp, "..") == 0) {
			char *slash = strrchr(cur, '/');
			if (!slash)
				return berr_set(err, 0, "\"%s\" escapes the rootfs \"%s\"", path, root);
			*slash = '\0';
			continue;
		}
		size_t l = strlen(cur);
		if (l + 1 + cl >= sizeof(cur))
			return berr_set(err, ENAMETOOLONG, "path \"%s\"", path);
		snprintf(cur + l, sizeof(cur) - l, "/%s", comp);
		char full[PATH_MAX * 2], target[PATH_MAX];
		snprintf(full, sizeof(full), "%s%s", root, cur);
		ssize_t tl = readlink(full, target, sizeof(target) - 1);
		if (tl < 0)
			continue; /* not a symlink, or not there yet (it will be created) */
		target[tl] = '\0';
		if (++links > 40)
			return berr_set(err, ELOOP, "resolve \"%s\" in \"%s\"", path, root);
		cur[l] = '\0'; /* the link itself is replaced by its target */
		if (target[0] == '/')
			cur[0] = '\0';
		char rest[PATH_MAX * 2];
		if (snprintf(rest, sizeof(rest), "%s/%s", target, p) >= (int)sizeof(rest))
			return berr_set(err, ENAMETOOLONG, "path \"%s\"", path);
		memcpy(todo, rest, sizeof(rest) < sizeof(todo) ? sizeof(rest) : sizeof(todo));
		p = todo;
	}
	if (snprintf(out, outlen, "%s%s", root, cur) >= (int)outlen)
		return berr_set(err, ENAMETOOLONG, "path \"%s\"", path);
	return 0;
}

/* ---- mount options ---- */

typedef struct {
	unsigned long flags;     /* MS_* for mount(2) */
	unsigned long clear;     /* flags an option turns off (rw, suid, ...) */
	unsigned long propagation[4];
	int npropagation;
	bool bind, rbind;
	uint64_t rec_set, rec_clr; /* MOUNT_ATTR_* for mount_setattr(AT_RECURSIVE): rro, rnosuid, ... */
	char data[1024];
} mount_opts_t;

/* Recursive options (runc's names): the kernel applies them to the mount and every mount below it
 * in one mount_setattr(2) call, where MS_RDONLY on a bind remount changes only the top mount. */
static const struct {
	const char *name;
	uint64_t set, clr;
} recursive_table[] = {
	{"rro", MOUNT_ATTR_RDONLY, 0},
	{"rrw", 0, MOUNT_ATTR_RDONLY},
	{"rnosuid", MOUNT_ATTR_NOSUID, 0},
	{"rsuid", 0, MOUNT_ATTR_NOSUID},
	{"rnodev", MOUNT_ATTR_NODEV, 0},
	{"rdev", 0, MOUNT_ATTR_NODEV},
	{"rnoexec", MOUNT_ATTR_NOEXEC, 0},
	{"rexec", 0, MOUNT_ATTR_NOEXEC},
	{"rnodiratime", MOUNT_ATTR_NODIRATIME, 0},
	{"rdiratime", 0, MOUNT_ATTR_NODIRATIME},
	{"rnosymfollow", MOUNT_ATTR_NOSYMFOLLOW, 0},
	{"rsymfollow", 0, MOUNT_ATTR_NOSYMFOLLOW},
	/* the atime modes are one field: clearing MOUNT_ATTR__ATIME selects it for change */
	{"rrelatime", MOUNT_ATTR_RELATIME, MOUNT_ATTR__ATIME},
	{"rnoatime", MOUNT_ATTR_NOATIME, MOUNT_ATTR__ATIME},
	{"rstrictatime", MOUNT_ATTR_STRICTATIME, MOUNT_ATTR__ATIME},
};

static const struct {
	const char *name;
	bool clear;
	unsigned long flag;
} option_table[] = {
	{"ro", false, MS_RDONLY},	   {"rw", true, MS_RDONLY},	     {"nosuid", false, MS_NOSUID},
	{"suid", true, MS_NOSUID},	   {"nodev", false, MS_NODEV},	     {"dev", true, MS_NODEV},
	{"noexec", false, MS_NOEXEC},	   {"exec", true, MS_NOEXEC},	     {"sync", false, MS_SYNCHRONOUS},
	{"async", true, MS_SYNCHRONOUS},   {"dirsync", false, MS_DIRSYNC},   {"remount", false, MS_REMOUNT},
	{"mand", false, MS_MANDLOCK},	   {"nomand", true, MS_MANDLOCK},    {"atime", true, MS_NOATIME},
	{"noatime", false, MS_NOATIME},    {"diratime", true, MS_NODIRATIME}, {"nodiratime", false, MS_NODIRATIME},
	{"relatime", false, MS_RELATIME},  {"norelatime", true, MS_RELATIME}, {"strictatime", false, MS_STRICTATIME},
	{"nostrictatime", true, MS_STRICTATIME},
};

static const struct {
	const char *name;
	unsigned long flag;
} propagation_table[] = {
	{"private", MS_PRIVATE},	       {"rprivate", MS_PRIVATE | MS_REC},   {"shared", MS_SHARED},
	{"rshared", MS_SHARED | MS_REC},       {"slave", MS_SLAVE},		    {"rslave", MS_SLAVE | MS_REC},
	{"unbindable", MS_UNBINDABLE},	       {"runbindable", MS_UNBINDABLE | MS_REC},
};

static unsigned long propagation_flag(const char *name)
{
	for (size_t i = 0; i < sizeof(propagation_table) / sizeof(propagation_table[0]); i++)
		if (strcmp(name, propagation_table[i].name) == 0)
			return propagation_table[i].flag;
	return 0;
}

static void parse_options(json_object *options, mount_opts_t *o)
{
	memset(o, 0, sizeof(*o));
	for (size_t i = 0; i < jlen(options); i++) {
		const char *opt = json_object_get_string(json_object_array_get_idx(options, i));
		if (!opt)
			continue;
		if (strcmp(opt, "bind") == 0) {
			o->bind = true;
			continue;
		}
		if (strcmp(opt, "rbind") == 0) {
			o->bind = o->rbind = true;
			continue;
		}
		bool rec = false;
		for (size_t k = 0; k < sizeof(recursive_table) / sizeof(recursive_table[0]) && !rec; k++) {
			if (strcmp(opt, recursive_table[k].name) != 0)
				continue;
			rec = true;
			/* a later option wins over an earlier one for the same attribute */
			uint64_t set = recursive_table[k].set, clr = recursive_table[k].clr;
			o->rec_set = (o->rec_set & ~(set | clr)) | set;
			o->rec_clr = (o->rec_clr & ~set) | clr;
		}
		if (rec)
			continue;
		unsigned long pf = propagation_flag(opt);
		if (pf) {
			if (o->npropagation < 4)
				o->propagation[o->npropagation++] = pf;
			continue;
		}
		bool known = false;
		for (size_t k = 0; k < sizeof(option_table) / sizeof(option_table[0]); k++) {
			if (strcmp(opt, option_table[k].name) != 0)
				continue;
			known = true;
			if (option_table[k].clear) {
				o->flags &= ~option_table[k].flag;
				o->clear |= option_table[k].flag;
			} else {
				o->flags |= option_table[k].flag;
			}
		}
		if (known)
			continue;
		size_t l = strlen(o->data);
		snprintf(o->data + l, sizeof(o->data) - l, "%s%s", l ? "," : "", opt);
	}
}

/* Flags the kernel locks on a mount (nosuid, nodev, noexec, atime ones): a bind remount must
 * repeat them or fail with EPERM. */
static unsigned long locked_flags(const char *path)
{
	struct statfs sf;
	if (statfs(path, &sf) < 0)
		return 0;
	unsigned long f = 0;
	static const unsigned long keep[] = {MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_NOATIME, MS_NODIRATIME, MS_RELATIME};
	for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (sf.f_flags & keep[i])
			f |= keep[i];
	return f;
}

static int do_mount(const char *src, const char *dst, const char *type, unsigned long flags, const char *data,
		    berr_t *err)
{
	if (mount(src, dst, type, flags, data && *data ? data : NULL) < 0)
		return berr_set(err, errno, "mount \"%s\" onto \"%s\"%s%s", src ? src : "", dst, type ? " type " : "",
				type ? type : "");
	return 0;
}

static int bind_remount(const char *dst, unsigned long flags, berr_t *err)
{
	unsigned long f = MS_BIND | MS_REMOUNT | (flags & ~(MS_BIND | MS_REC | MS_REMOUNT));
	if (mount(NULL, dst, NULL, f, NULL) == 0)
		return 0;
	if (errno == EPERM && mount(NULL, dst, NULL, f | locked_flags(dst), NULL) == 0)
		return 0;
	return berr_set(err, errno, "remount \"%s\"", dst);
}

static int make_target(const char *target, bool dir, berr_t *err)
{
	struct stat st;
	if (stat(target, &st) == 0)
		return 0;
	char parent[PATH_MAX];
	snprintf(parent, sizeof(parent), "%s", target);
	char *slash = strrchr(parent, '/');
	if (slash && slash != parent) {
		*slash = '\0';
		if (mkdir_p(parent, 0755, err) < 0)
			return -1;
	}
	if (dir)
		return mkdir(target, 0755) < 0 && errno != EEXIST ? berr_set(err, errno, "mkdir \"%s\"", target) : 0;
	cleanup_fd int fd = open(target, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
	return fd < 0 ? berr_set(err, errno, "create \"%s\"", target) : 0;
}

static bool cgroup2_host(void)
{
	struct statfs sf;
	return statfs("/sys/fs/cgroup", &sf) == 0 && sf.f_type == CGROUP2_SUPER_MAGIC;
}

/* v1: a tmpfs with each hierarchy's own cgroup bound in, as runc does without cgroupns mounts. */
static int mount_cgroup_v1(const rootfs_ctx_t *ctx, const char *target, const mount_opts_t *o, berr_t *err)
{
	if (do_mount("tmpfs", target, "tmpfs", (o->flags & ~MS_RDONLY) | MS_NOSUID | MS_NODEV | MS_NOEXEC,
		     "mode=755", err) < 0)
		return -1;
	const char *line = ctx->self_cgroup;
	while (line && *line) {
		const char *nl = strchrnul(line, '\n');
		char buf[PATH_MAX];
		snprintf(buf, sizeof(buf), "%.*s", (int)(nl - line), line);
		line = *nl ? nl + 1 : nl;
		char *c1 = strchr(buf, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (!c2)
			continue;
		*c2 = '\0';
		const char *ctrls = c1 + 1, *path = c2 + 1;
		if (strncmp(ctrls, "name=", 5) == 0)
			ctrls += 5;
		if (!*ctrls)
			continue; /* the v2 tree of a hybrid host: runc does not mount it either */
		char host[PATH_MAX * 2], dst[PATH_MAX * 2];
		snprintf(host, sizeof(host), "/sys/fs/cgroup/%s%s", ctrls, path);
		snprintf(dst, sizeof(dst), "%s/%s", target, ctrls);
		if (access(host, F_OK) < 0)
			continue;
		if (mkdir(dst, 0755) < 0 && errno != EEXIST)
			return berr_set(err, errno, "mkdir \"%s\"", dst);
		if (do_mount(host, dst, NULL, MS_BIND, NULL, err) < 0 ||
		    bind_remount(dst, o->flags | MS_NOSUID | MS_NODEV | MS_NOEXEC, err) < 0)
			return -1;
	}
	return 0; /* the tmpfs itself stays writable, like runc's */
}

/* Propagation that lets mounts made later on the host appear below the destination: those would not
 * be covered by a recursive attribute applied now, so `rro` cannot promise read-only with them
 * (containerd and CRI-O likewise require private propagation for recursive read-only mounts).
 * Without an explicit propagation an `rro` mount is made rprivate, since it would otherwise inherit
 * the rootfs's default rslave. */
static int check_recursive(const char *dest, mount_opts_t *o, berr_t *err)
{
	if (!(o->rec_set & MOUNT_ATTR_RDONLY))
		return 0;
	if (o->npropagation == 0)
		o->propagation[o->npropagation++] = MS_PRIVATE | MS_REC;
	for (int i = 0; i < o->npropagation; i++) {
		unsigned long p = o->propagation[i] & ~MS_REC;
		if (p == MS_SHARED || p == MS_SLAVE)
			return berr_set(err, EINVAL,
					"mount \"%s\": rro (recursive read-only) needs private propagation, not %s%s: "
					"mounts propagated in later would be writable",
					dest, o->propagation[i] & MS_REC ? "r" : "", p == MS_SHARED ? "shared" : "slave");
	}
	return 0;
}

static int apply_recursive(const char *dest, const char *target, const mount_opts_t *o, berr_t *err)
{
	if (!o->rec_set && !o->rec_clr)
		return 0;
	struct mount_attr attr = {.attr_set = o->rec_set, .attr_clr = o->rec_clr};
	if (syscall(SYS_mount_setattr, AT_FDCWD, target, AT_RECURSIVE | AT_SYMLINK_NOFOLLOW, &attr, sizeof(attr)) < 0)
		return berr_set(err, errno, "mount_setattr(AT_RECURSIVE) on \"%s\" for mount \"%s\"", target, dest);
	return 0;
}

static int mount_one(const rootfs_ctx_t *ctx, json_object *m, int idmapped, berr_t *err)
{
	const char *dest = jstr(m, "destination"), *type = jstr(m, "type"), *source = jstr(m, "source");
	if (!dest || !*dest)
		return berr_set(err, EINVAL, "mount without destination");
	char target[PATH_MAX];
	if (resolve_in_root(ctx->rootfs, dest, target, sizeof(target), err) < 0)
		return berr_wrap(err, "mount destination");
	mount_opts_t o;
	parse_options(jarr(m, "options"), &o);
	if (check_recursive(dest, &o, err) < 0)
		return -1;
	if (type && strcmp(type, "bind") == 0)
		o.bind = true;
	if (type && strcmp(type, "sysfs") == 0 && !ctx->new_netns) {
		/* Only the owner of the network namespace may mount sysfs; real root may (as runc does), a
		 * user namespace may not: then reuse the host's, read-only. */
		if (make_target(target, true, err) < 0)
			return -1;
		if (mount(source ? source : "sysfs", target, "sysfs", o.flags, NULL) == 0)
			return 0;
		if (errno != EPERM)
			return berr_set(err, errno, "mount sysfs onto \"%s\"", target);
		o.bind = o.rbind = true;
		o.flags |= MS_RDONLY;
		source = "/sys";
	}
	if (o.bind) {
		char src[PATH_MAX * 2];
		if (!source)
			return berr_set(err, EINVAL, "bind mount \"%s\" without source", dest);
		if (source[0] == '/')
			snprintf(src, sizeof(src), "%s", source);
		else
			snprintf(src, sizeof(src), "%s/%s", ctx->bundle, source);
		struct stat st;
		/* A source the runtime opened (user namespaces) may be out of the init's reach by path. */
		if ((idmapped >= 0 ? fstat(idmapped, &st) : stat(src, &st)) < 0)
			return berr_set(err, errno, "bind mount source \"%s\" for \"%s\"", src, dest);
		if (make_target(target, S_ISDIR(st.st_mode), err) < 0)
			return -1;
		if (idmapped >= 0 ? move_mount_fd(idmapped, target, err) < 0
				  : do_mount(src, target, NULL, MS_BIND | (o.rbind ? MS_REC : 0), NULL, err) < 0)
			return -1;
		if ((o.flags & ~MS_REMOUNT) && bind_remount(target, o.flags, err) < 0)
			return -1;
	} else if (type && strcmp(type, "cgroup") == 0) {
		if (make_target(target, true, err) < 0)
			return -1;
		if (cgroup2_host()) {
			if (do_mount("cgroup2", target, "cgroup2", o.flags, NULL, err) < 0)
				return -1;
		} else if (mount_cgroup_v1(ctx, target, &o, err) < 0) {
			return -1;
		}
	} else {
		if (make_target(target, true, err) < 0)
			return -1;
		if (do_mount(source ? source : type, target, type, o.flags, o.data, err) < 0)
			return -1;
	}
	for (int i = 0; i < o.npropagation; i++)
		if (do_mount(NULL, target, NULL, o.propagation[i], NULL, err) < 0)
			return -1;
	return apply_recursive(dest, target, &o, err);
}

/* ---- /dev ---- */

static int make_node(const char *rootfs, const char *path, mode_t type, unsigned maj, unsigned min, mode_t mode,
		     uid_t uid, gid_t gid, berr_t *err)
{
	char target[PATH_MAX];
	if (resolve_in_root(rootfs, path, target, sizeof(target), err) < 0)
		return berr_wrap(err, "device");
	char parent[PATH_MAX];
	snprintf(parent, sizeof(parent), "%s", target);
	*strrchr(parent, '/') = '\0';
	if (mkdir_p(parent, 0755, err) < 0)
		return -1;
	unlink(target);
	if (mknod(target, type | (mode & 07777), makedev(maj, min)) < 0) {
		int e = errno;
		if (e != EPERM)
			return berr_set(err, e, "mknod \"%s\"", target);
		/* Without CAP_MKNOD (user namespaces) or where the device cgroup forbids it, bind the host's
		 * node instead (as runc does). */
		if (make_target(target, false, err) < 0 || do_mount(path, target, NULL, MS_BIND, NULL, err) < 0)
			return berr_wrap(err, "mknod \"%s\": %s; bind of the host's node instead", target, strerror(e));
		return 0;
	}
	if (chown(target, uid, gid) < 0)
		return berr_set(err, errno, "chown \"%s\"", target);
	return 0;
}

static int setup_dev(const char *rootfs, berr_t *err)
{
	static const struct {
		const char *path;
		unsigned maj, min;
	} nodes[] = {{"/dev/null", 1, 3},   {"/dev/zero", 1, 5},    {"/dev/full", 1, 7},
		     {"/dev/random", 1, 8}, {"/dev/urandom", 1, 9}, {"/dev/tty", 5, 0}};
	for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++)
		if (make_node(rootfs, nodes[i].path, S_IFCHR, nodes[i].maj, nodes[i].min, 0666, 0, 0, err) < 0)
			return -1;
	static const char *const links[][2] = {{"/proc/self/fd", "fd"},	  {"/proc/self/fd/0", "stdin"},
					       {"/proc/self/fd/1", "stdout"}, {"/proc/self/fd/2", "stderr"},
					       {"pts/ptmx", "ptmx"},	  {"/proc/kcore", "core"}};
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		char target[PATH_MAX + 16];
		snprintf(target, sizeof(target), "%s/dev/%s", rootfs, links[i][1]);
		if (strcmp(links[i][1], "ptmx") == 0)
			unlink(target);
		if (strcmp(links[i][1], "core") == 0 && access("/proc/kcore", F_OK) < 0)
			continue;
		if (symlink(links[i][0], target) < 0 && errno != EEXIST)
			return berr_set(err, errno, "symlink \"%s\"", target);
	}
	return 0;
}

static int spec_devices(const char *rootfs, json_object *devices, berr_t *err)
{
	for (size_t i = 0; i < jlen(devices); i++) {
		json_object *d = json_object_array_get_idx(devices, i);
		const char *path = jstr(d, "path"), *type = jstr(d, "type");
		if (!path || !type)
			return berr_set(err, EINVAL, "linux.devices[%zu]: path and type are required", i);
		mode_t t = type[0] == 'b' ? S_IFBLK : type[0] == 'p' ? S_IFIFO : S_IFCHR;
		if (make_node(rootfs, path, t, (unsigned)jint(d, "major", 0), (unsigned)jint(d, "minor", 0),
			      (mode_t)jint(d, "fileMode", 0666), (uid_t)jint(d, "uid", 0), (gid_t)jint(d, "gid", 0),
			      err) < 0)
			return -1;
	}
	return 0;
}

/* pivot_root(".", ".") stacks the old root on top of the new one; detaching it leaves only the
 * container's root (runc's trick, no temporary directory needed). */
static int do_pivot(const char *rootfs, berr_t *err)
{
	cleanup_fd int oldroot = open("/", O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (oldroot < 0)
		return berr_set(err, errno, "open \"/\"");
	if (chdir(rootfs) < 0)
		return berr_set(err, errno, "chdir \"%s\"", rootfs);
	if (syscall(SYS_pivot_root, ".", ".") < 0)
		return berr_set(err, errno, "pivot_root \"%s\"", rootfs);
	if (fchdir(oldroot) < 0)
		return berr_set(err, errno, "fchdir old root");
	if (mount(NULL, ".", NULL, MS_SLAVE | MS_REC, NULL) < 0)
		return berr_set(err, errno, "make old root rslave");
	if (umount2(".", MNT_DETACH) < 0)
		return berr_set(err, errno, "umount old root");
	if (chdir("/") < 0)
		return berr_set(err, errno, "chdir \"/\"");
	return 0;
}

static int do_chroot(const char *rootfs, berr_t *err)
{
	if (chdir(rootfs) < 0)
		return berr_set(err, errno, "chdir \"%s\"", rootfs);
	if (chroot(".") < 0)
		return berr_set(err, errno, "chroot \"%s\"", rootfs);
	if (chdir("/") < 0)
		return berr_set(err, errno, "chdir \"/\"");
	return 0;
}

static int rootfs_mounts(const rootfs_ctx_t *ctx, berr_t *err);

/* Makes the mount that holds `path` private: the nearest ancestor (or `path`) that is a mount point,
 * found by trying, since MS_PRIVATE on a directory that is not one fails with EINVAL. */
static int make_parent_mount_private(const char *path, berr_t *err)
{
	char p[PATH_MAX];
	snprintf(p, sizeof(p), "%s", path);
	for (;;) {
		if (mount(NULL, p, NULL, MS_PRIVATE, NULL) == 0)
			return 0;
		if (errno != EINVAL || strcmp(p, "/") == 0)
			return berr_set(err, errno, "make the mount of \"%s\" private", p);
		char *slash = strrchr(p, '/');
		if (!slash)
			return berr_set(err, EINVAL, "rootfs \"%s\" is not an absolute path", path);
		if (slash == p)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
}

int rootfs_setup(const rootfs_ctx_t *ctx, berr_t *err)
{
	json_object *lnx = jget(ctx->config, "linux");
	const char *prop = jstr(lnx, "rootfsPropagation");
	unsigned long pflag = prop && *prop ? propagation_flag(prop) : MS_SLAVE | MS_REC;
	if (!pflag)
		return berr_set(err, EINVAL, "unknown linux.rootfsPropagation \"%s\"", prop);
	/* In the runtime's own mount namespace the host's propagation is not ours to change: only the
	 * spec's mounts are made (below the rootfs; delete takes them down) and the process chroots. */
	if (ctx->runtime_mntns)
		return rootfs_mounts(ctx, err) < 0 || ctx->before_pivot(ctx->arg, err) < 0 ? -1
											    : do_chroot(ctx->rootfs, err);
	if (do_mount(NULL, "/", NULL, pflag, NULL, err) < 0)
		return -1;
	/* rshared (asked for by a bidirectional mount) keeps the host's shared mounts peers of ours, so
	 * that a bind of one joins the host's peer group and mounts made in it reach the host. The
	 * container's own mounts must not: the mount holding the rootfs becomes private (runc does the
	 * same), and so does the rootfs bind made from it, which pivot_root also needs. */
	if ((pflag & MS_SHARED) && make_parent_mount_private(ctx->rootfs, err) < 0)
		return -1;
	if (do_mount(ctx->rootfs, ctx->rootfs, NULL, MS_BIND | MS_REC, NULL, err) < 0)
		return -1;
	if (rootfs_mounts(ctx, err) < 0 || ctx->before_pivot(ctx->arg, err) < 0)
		return -1;
	return do_pivot(ctx->rootfs, err);
}

/* The spec's mounts in order, then /dev (unless bound from elsewhere) and linux.devices. */
static int rootfs_mounts(const rootfs_ctx_t *ctx, berr_t *err)
{
	json_object *lnx = jget(ctx->config, "linux");
	json_object *mounts = jarr(ctx->config, "mounts");
	bool dev_bound = false;
	for (size_t i = 0; i < jlen(mounts); i++) {
		json_object *m = json_object_array_get_idx(mounts, i);
		if (mount_one(ctx, m, ctx->mount_fds ? ctx->mount_fds[i] : -1, err) < 0)
			return -1;
		const char *d = jstr(m, "destination");
		mount_opts_t o;
		parse_options(jarr(m, "options"), &o);
		if (d && strcmp(d, "/dev") == 0)
			dev_bound = o.bind || (jstr(m, "type") && strcmp(jstr(m, "type"), "bind") == 0);
	}
	if (!dev_bound && setup_dev(ctx->rootfs, err) < 0)
		return -1;
	return spec_devices(ctx->rootfs, jarr(lnx, "devices"), err);
}

static int readonly_path(const char *p, berr_t *err)
{
	if (mount(p, p, NULL, MS_BIND | MS_REC, NULL) < 0) {
		if (errno == ENOENT)
			return 0;
		return berr_set(err, errno, "bind \"%s\" for readonlyPaths", p);
	}
	return bind_remount(p, MS_RDONLY | MS_REC | locked_flags(p), err);
}

static int mask_path(const char *p, berr_t *err)
{
	struct stat st;
	if (stat(p, &st) < 0)
		return 0;
	if (S_ISDIR(st.st_mode))
		return do_mount("tmpfs", p, "tmpfs", MS_RDONLY, NULL, err);
	return do_mount("/dev/null", p, NULL, MS_BIND, NULL, err);
}

int rootfs_finalize(json_object *config, berr_t *err)
{
	json_object *lnx = jget(config, "linux");
	json_object *ro = jarr(lnx, "readonlyPaths"), *masked = jarr(lnx, "maskedPaths");
	for (size_t i = 0; i < jlen(ro); i++)
		if (readonly_path(json_object_get_string(json_object_array_get_idx(ro, i)), err) < 0)
			return -1;
	for (size_t i = 0; i < jlen(masked); i++)
		if (mask_path(json_object_get_string(json_object_array_get_idx(masked, i)), err) < 0)
			return -1;
	if (jbool(jget(config, "root"), "readonly", false) && bind_remount("/", MS_RDONLY | locked_flags("/"), err) < 0)
		return -1;
	return 0;
}

/* mountinfo escapes space, tab, newline and backslash as \ooo. */
static void unescape_octal(char *s)
{
	char *w = s;
	for (char *r = s; *r; r++) {
		if (r[0] == '\\' && r[1] >= '0' && r[1] <= '7' && r[2] >= '0' && r[2] <= '7' && r[3] >= '0' &&
		    r[3] <= '7') {
			*w++ = (char)((r[1] - '0') * 64 + (r[2] - '0') * 8 + (r[3] - '0'));
			r += 3;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
}

int rootfs_unmount_all(const char *rootfs, berr_t *err)
{
	char root[PATH_MAX];
	if (!realpath(rootfs, root))
		return errno == ENOENT ? 0 : berr_set(err, errno, "realpath \"%s\"", rootfs);
	size_t rl = strlen(root);
	cleanup_free char *info = NULL;
	if (read_file("/proc/self/mountinfo", &info, NULL, err) < 0)
		return -1;
	/* Later mounts lie on top of earlier ones: take them down last to first. */
	char *lines[4096];
	size_t n = 0;
	for (char *save = NULL, *l = strtok_r(info, "\n", &save); l && n < 4096; l = strtok_r(NULL, "\n", &save))
		lines[n++] = l;
	int rc = 0;
	while (n-- > 0) {
		char mp[PATH_MAX];
		if (sscanf(lines[n], "%*s %*s %*s %*s %4095s", mp) != 1)
			continue;
		unescape_octal(mp);
		if (strncmp(mp, root, rl) != 0 || (mp[rl] != '/' && mp[rl] != '\0'))
			continue;
		if (umount2(mp, MNT_DETACH) < 0 && errno != EINVAL && errno != ENOENT && rc == 0)
			rc = berr_set(err, errno, "umount \"%s\"", mp);
	}
	return rc;
}
