/* User namespaces and id-mapped mounts.
 *
 * An id-mapped mount (mount_setattr MOUNT_ATTR_IDMAP) needs CAP_SYS_ADMIN over the filesystem's
 * superblock, i.e. the node's root: the container init, already inside its user namespace, cannot
 * make one. So the runtime process makes them, as detached mounts (open_tree OPEN_TREE_CLONE) the
 * init only has to move into place. The mapping of a mount comes from a user namespace made for
 * the purpose with exactly the mount's maps (and thrown away once the mount holds it).
 *
 * Also here: `ns`, which creates a pod's namespaces inside a user namespace (new or joined) and
 * pins them, `idmap-overlay`, which mounts a container's root with id-mapped layers, and
 * `idmap-probe`, which checks that the node can do all of it. */
#include "berth.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#ifndef SYS_open_tree
#define SYS_open_tree 428
#endif
#ifndef SYS_move_mount
#define SYS_move_mount 429
#endif
#ifndef SYS_mount_setattr
#define SYS_mount_setattr 442
#endif
#ifndef OPEN_TREE_CLONE
#define OPEN_TREE_CLONE 1
#endif
#ifndef OPEN_TREE_CLOEXEC
#define OPEN_TREE_CLOEXEC O_CLOEXEC
#endif
#ifndef MOVE_MOUNT_F_EMPTY_PATH
#define MOVE_MOUNT_F_EMPTY_PATH 0x00000004
#endif
#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif
#ifndef MOUNT_ATTR_IDMAP
#define MOUNT_ATTR_IDMAP 0x00100000
#endif

struct idmap_attr {
	uint64_t attr_set, attr_clr, propagation, userns_fd;
};

int idmap_text(json_object *maps, const char *what, char *buf, size_t len, berr_t *err)
{
	size_t n = 0;
	buf[0] = '\0';
	if (!jlen(maps))
		return berr_set(err, EINVAL, "%s: no mapping", what);
	for (size_t i = 0; i < jlen(maps); i++) {
		json_object *m = json_object_array_get_idx(maps, i);
		int64_t cid = jint(m, "containerID", -1), hid = jint(m, "hostID", -1), size = jint(m, "size", -1);
		if (cid < 0 || hid < 0 || size <= 0 || cid > UINT32_MAX || hid > UINT32_MAX || size > UINT32_MAX ||
		    cid + size - 1 > UINT32_MAX - 1 || hid + size - 1 > UINT32_MAX - 1)
			return berr_set(err, EINVAL, "%s[%zu] needs containerID, hostID and size within 32 bits", what, i);
		n += (size_t)snprintf(buf + n, len - n, "%lld %lld %lld\n", (long long)cid, (long long)hid, (long long)size);
		if (n >= len)
			return berr_set(err, E2BIG, "%s is too long", what);
	}
	return 0;
}

/* "C:H:N" → "C H N\n" appended to buf. */
static int idmap_arg(const char *arg, char *buf, size_t len, berr_t *err)
{
	unsigned long long c, h, n;
	char extra;
	if (sscanf(arg, "%llu:%llu:%llu%c", &c, &h, &n, &extra) != 3 || n == 0 || c + n - 1 >= UINT32_MAX ||
	    h + n - 1 >= UINT32_MAX)
		return berr_set(err, EINVAL, "id map \"%s\" is not containerID:hostID:size", arg);
	size_t l = strlen(buf);
	if ((size_t)snprintf(buf + l, len - l, "%llu %llu %llu\n", c, h, n) >= len - l)
		return berr_set(err, E2BIG, "too many id maps");
	return 0;
}

int userns_write_maps(pid_t pid, const char *uid_map, const char *gid_map, berr_t *err)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/uid_map", (int)pid);
	if (write_file(path, uid_map, strlen(uid_map), err) < 0)
		return berr_wrap(err, "uid map");
	snprintf(path, sizeof(path), "/proc/%d/gid_map", (int)pid);
	if (write_file(path, gid_map, strlen(gid_map), err) < 0)
		return berr_wrap(err, "gid map");
	return 0;
}

/* A new user namespace with these maps, as an open descriptor; the process made to hold it while
 * the maps are written is gone when this returns. */
int userns_from_maps(const char *uid_map, const char *gid_map, berr_t *err)
{
	int hold[2];
	if (pipe2(hold, O_CLOEXEC) < 0)
		return berr_set(err, errno, "pipe");
	pid_t pid = (pid_t)syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, NULL, NULL, NULL, NULL);
	if (pid < 0) {
		int e = errno;
		close(hold[0]);
		close(hold[1]);
		return berr_set(err, e, "clone a user namespace for an id map");
	}
	if (pid == 0) {
		char b;
		close(hold[1]);
		while (read(hold[0], &b, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(hold[0]);
	int fd = -1;
	char path[64];
	if (userns_write_maps(pid, uid_map, gid_map, err) == 0) {
		snprintf(path, sizeof(path), "/proc/%d/ns/user", (int)pid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			berr_set(err, errno, "open \"%s\"", path);
	}
	close(hold[1]);
	waitpid(pid, NULL, 0);
	return fd;
}

int idmap_clone(const char *path, bool recursive, int userns_fd, berr_t *err)
{
	cleanup_fd int fd = (int)syscall(SYS_open_tree, AT_FDCWD, path,
					 OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | (recursive ? AT_RECURSIVE : 0));
	if (fd < 0)
		return berr_set(err, errno, "open_tree \"%s\"", path);
	struct idmap_attr attr = {.attr_set = MOUNT_ATTR_IDMAP, .userns_fd = (uint64_t)userns_fd};
	if (syscall(SYS_mount_setattr, fd, "", AT_EMPTY_PATH | (recursive ? AT_RECURSIVE : 0), &attr, sizeof(attr)) < 0)
		return berr_set(err, errno, "id-map the mount of \"%s\" (mount_setattr MOUNT_ATTR_IDMAP)", path);
	return steal_fd(&fd);
}

int move_mount_fd(int fd, const char *target, berr_t *err)
{
	if (syscall(SYS_move_mount, fd, "", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH) < 0)
		return berr_set(err, errno, "move_mount onto \"%s\"", target);
	return 0;
}

/* host id that `id` of the namespace of pid maps to, from /proc/<pid>/<file>; -1 if unmapped. */
int64_t userns_host_id(pid_t pid, const char *file, int64_t id)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	cleanup_free char *text = NULL;
	berr_t e;
	if (read_file(path, &text, NULL, &e) < 0)
		return -1;
	for (char *save = NULL, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		long long c, h, n;
		if (sscanf(l, "%lld %lld %lld", &c, &h, &n) == 3 && id >= c && id < c + n)
			return h + (id - c);
	}
	return -1;
}

/* The maps of a joined namespace as the kernel prints them, compared number by number. */
bool idmap_equal(const char *kernel, const char *want)
{
	const char *a = kernel, *b = want;
	for (;;) {
		long long x, y;
		int na = 0, nb = 0;
		bool ha = sscanf(a, "%lld%n", &x, &na) == 1, hb = sscanf(b, "%lld%n", &y, &nb) == 1;
		if (!ha || !hb)
			return ha == hb;
		if (x != y)
			return false;
		a += na;
		b += nb;
	}
}

/* ---- idmap-mount ---- */

static int overlay_in_private_ns(char *const *lowers, int nlowers, const char *upper, const char *work,
				 int userns_fd, berr_t *err)
{
	if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return berr_set(err, errno, "private mount namespace");
	cleanup_fd int fs = fsopen("overlay", FSOPEN_CLOEXEC);
	if (fs < 0)
		return berr_set(err, errno, "fsopen overlay");
	for (int i = 0; i < nlowers; i++) {
		cleanup_fd int layer = idmap_clone(lowers[i], false, userns_fd, err);
		if (layer < 0 || move_mount_fd(layer, lowers[i], err) < 0)
			return -1;
		if (fsconfig(fs, FSCONFIG_SET_STRING, "lowerdir+", lowers[i], 0) < 0)
			return berr_set(err, errno, "overlay lowerdir+ \"%s\" (needs Linux 6.8+)", lowers[i]);
	}
	if (fsconfig(fs, FSCONFIG_SET_STRING, "upperdir", upper, 0) < 0)
		return berr_set(err, errno, "overlay upperdir \"%s\"", upper);
	if (fsconfig(fs, FSCONFIG_SET_STRING, "workdir", work, 0) < 0)
		return berr_set(err, errno, "overlay workdir \"%s\"", work);
	if (fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0)
		return berr_set(err, errno, "create the overlay (upper \"%s\")", upper);
	int m = fsmount(fs, FSMOUNT_CLOEXEC, 0);
	return m < 0 ? berr_set(err, errno, "fsmount overlay") : m;
}

/* An overlay whose lower layers are id-mapped and whose upper and work directories are plain: what
 * the container writes lands on disk with its host ids, and the shared layers are never touched
 * (overlayfs itself cannot be id-mapped, its layers can). The id-mapped layers must be attached
 * where overlayfs looks them up, so a child stacks them on the layer directories in a private mount
 * namespace (gone with it: a crash leaves nothing mounted) and sends back the overlay, a detached
 * mount holding its own copies of the layers. */
int idmapped_overlay(char *const *lowers, int nlowers, const char *upper, const char *work, int userns_fd,
		     berr_t *err)
{
	int sp[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) < 0)
		return berr_set(err, errno, "socketpair");
	pid_t pid = fork();
	if (pid < 0) {
		close(sp[0]);
		close(sp[1]);
		return berr_set(err, errno, "fork");
	}
	if (pid == 0) {
		close(sp[0]);
		int m = overlay_in_private_ns(lowers, nlowers, upper, work, userns_fd, err);
		if (m < 0 || send_fd(sp[1], m, err) < 0)
			sync_report_error(sp[1], err);
		_exit(m < 0);
	}
	close(sp[1]);
	char text[1100];
	struct iovec iov = {text, sizeof(text) - 1};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof(u.buf)};
	ssize_t n = recvmsg(sp[0], &msg, MSG_CMSG_CLOEXEC);
	close(sp[0]);
	waitpid(pid, NULL, 0);
	struct cmsghdr *c = n > 0 ? CMSG_FIRSTHDR(&msg) : NULL;
	if (c && c->cmsg_type == SCM_RIGHTS) {
		int fd;
		memcpy(&fd, CMSG_DATA(c), sizeof(int));
		return fd;
	}
	text[n > 1 ? n : 1] = '\0';
	return berr_set(err, 0, "%s", n > 1 ? text + 1 : "overlay child exited");
}

/* idmap-overlay --uid-map C:H:N --gid-map C:H:N --upper <dir> --work <dir> --lower <dir>...
 * <target>: a container's root for a user namespace (lowers topmost first, as lowerdir= lists
 * them). The caller owns upper to the namespace's root. */
int cmd_idmap_overlay(int argc, char **argv)
{
	static const struct option opts[] = {{"uid-map", required_argument, 0, 'u'}, {"gid-map", required_argument, 0, 'g'},
					     {"upper", required_argument, 0, 'U'},   {"work", required_argument, 0, 'W'},
					     {"lower", required_argument, 0, 'L'},   {0, 0, 0, 0}};
	berr_t err = {0};
	char uid_map[1024] = "", gid_map[1024] = "";
	const char *upper = NULL, *work = NULL;
	cleanup_free char **lowers = calloc((size_t)argc, sizeof(char *));
	int nlowers = 0, o;
	if (!lowers)
		return fail(&(berr_t){ENOMEM, "lowers"});
	optind = 1;
	while ((o = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		if ((o == 'u' && idmap_arg(optarg, uid_map, sizeof(uid_map), &err) < 0) ||
		    (o == 'g' && idmap_arg(optarg, gid_map, sizeof(gid_map), &err) < 0))
			return fail(&err);
		if (o == 'U')
			upper = optarg;
		else if (o == 'W')
			work = optarg;
		else if (o == 'L')
			lowers[nlowers++] = optarg;
		else if (o == '?')
			return fail(&(berr_t){EINVAL, "idmap-overlay: bad option"});
	}
	if (optind != argc - 1 || !uid_map[0] || !gid_map[0] || !upper || !work || !nlowers)
		return fail(&(berr_t){0, "usage: idmap-overlay --uid-map C:H:N --gid-map C:H:N --upper <dir> --work <dir> "
					 "--lower <dir>... <target>"});
	cleanup_fd int ns = userns_from_maps(uid_map, gid_map, &err);
	if (ns < 0)
		return fail(&err);
	cleanup_fd int m = idmapped_overlay(lowers, nlowers, upper, work, ns, &err);
	if (m < 0 || move_mount_fd(m, argv[optind], &err) < 0)
		return fail(&err);
	return 0;
}

/* ---- ns: a pod's namespaces, made inside its user namespace ---- */

static int loopback_up(berr_t *err)
{
	cleanup_fd int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return berr_set(err, errno, "socket");
	struct ifreq ifr = {0};
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
		return berr_set(err, errno, "get flags of lo");
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0)
		return berr_set(err, errno, "bring lo up");
	return 0;
}

static int touch_pin(const char *path, berr_t *err)
{
	cleanup_fd int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0);
	return fd < 0 ? berr_set(err, errno, "create pin \"%s\"", path) : 0;
}

/* ns [--userns <path> | --user <pin> --uid-map C:H:N --gid-map C:H:N] [--net <pin>] [--ipc <pin>]
 *    [--uts <pin>] [--hostname <name>]
 * A child enters the user namespace (joins it, or is cloned into a new one whose maps this process
 * writes), unshares the others there (so the user namespace owns them: its root may then mount
 * sysfs, mqueue and proc in them), sets the hostname and brings lo up; this process, the node's
 * root in the node's mount namespace, pins each namespace with a bind mount of /proc/<child>/ns/x. */
int cmd_ns(int argc, char **argv)
{
	static const struct option opts[] = {{"userns", required_argument, 0, 'U'}, {"user", required_argument, 0, 'u'},
					     {"uid-map", required_argument, 0, 'm'}, {"gid-map", required_argument, 0, 'g'},
					     {"net", required_argument, 0, 'n'},     {"ipc", required_argument, 0, 'i'},
					     {"uts", required_argument, 0, 't'},     {"hostname", required_argument, 0, 'h'},
					     {0, 0, 0, 0}};
	const char *join = NULL, *pins[4] = {NULL}; /* user net ipc uts */
	static const char *const names[4] = {"user", "net", "ipc", "uts"};
	static const int flags[4] = {CLONE_NEWUSER, CLONE_NEWNET, CLONE_NEWIPC, CLONE_NEWUTS};
	const char *hostname = NULL;
	char uid_map[1024] = "", gid_map[1024] = "";
	berr_t err = {0};
	int o;
	optind = 1;
	while ((o = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (o) {
		case 'U': join = optarg; break;
		case 'u': pins[0] = optarg; break;
		case 'n': pins[1] = optarg; break;
		case 'i': pins[2] = optarg; break;
		case 't': pins[3] = optarg; break;
		case 'h': hostname = optarg; break;
		case 'm':
			if (idmap_arg(optarg, uid_map, sizeof(uid_map), &err) < 0)
				return fail(&err);
			break;
		case 'g':
			if (idmap_arg(optarg, gid_map, sizeof(gid_map), &err) < 0)
				return fail(&err);
			break;
		default: return fail(&(berr_t){EINVAL, "ns: bad option"});
		}
	}
	if (optind != argc || (join && pins[0]) || (pins[0] && (!uid_map[0] || !gid_map[0])) ||
	    (!pins[0] && (uid_map[0] || gid_map[0])) || (hostname && !pins[3]))
		return fail(&(berr_t){0, "usage: ns [--userns <path> | --user <pin> --uid-map C:H:N --gid-map C:H:N] "
					 "[--net <pin>] [--ipc <pin>] [--uts <pin>] [--hostname <name>]"});
	cleanup_fd int userns = -1;
	if (join && (userns = open(join, O_RDONLY | O_CLOEXEC)) < 0)
		return berr_set(&err, errno, "open user namespace \"%s\"", join), fail(&err);
	int unshare_flags = 0;
	for (int k = 1; k < 4; k++)
		if (pins[k])
			unshare_flags |= flags[k];
	for (int k = 0; k < 4; k++)
		if (pins[k] && touch_pin(pins[k], &err) < 0)
			return fail(&err);
	int sp[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) < 0)
		return berr_set(&err, errno, "socketpair"), fail(&err);
	pid_t pid = (pid_t)syscall(SYS_clone, (pins[0] ? CLONE_NEWUSER : 0) | SIGCHLD, NULL, NULL, NULL, NULL);
	if (pid < 0)
		return berr_set(&err, errno, "clone"), fail(&err);
	if (pid == 0) {
		close(sp[0]);
		char b;
		if (recv(sp[1], &b, 1, 0) != 1)
			_exit(1);
		if (userns >= 0 && setns(userns, CLONE_NEWUSER) < 0)
			berr_set(&err, errno, "setns user namespace \"%s\"", join);
		else if (unshare_flags && unshare(unshare_flags) < 0)
			berr_set(&err, errno, "unshare the pod's namespaces");
		else if (hostname && sethostname(hostname, strlen(hostname)) < 0)
			berr_set(&err, errno, "sethostname \"%s\"", hostname);
		else if (pins[1])
			loopback_up(&err);
		if (err.msg[0]) {
			sync_report_error(sp[1], &err);
			_exit(1);
		}
		send(sp[1], "K", 1, MSG_NOSIGNAL);
		/* Held until the parent has pinned everything (it closes its end). */
		while (recv(sp[1], &b, 1, 0) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(sp[1]);
	int rc = 0, done = 0;
	char msg[1100];
	if (pins[0] && userns_write_maps(pid, uid_map, gid_map, &err) < 0)
		rc = -1;
	if (rc == 0 && send(sp[0], "G", 1, MSG_NOSIGNAL) != 1)
		rc = berr_set(&err, errno, "start the namespace child");
	if (rc == 0) {
		ssize_t n = recv(sp[0], msg, sizeof(msg) - 1, 0);
		if (n <= 0)
			rc = berr_set(&err, 0, "namespace child exited");
		else if (msg[0] != 'K')
			msg[n] = '\0', rc = berr_set(&err, 0, "%s", msg + 1);
	}
	for (int k = 0; rc == 0 && k < 4; k++, done = k) {
		if (!pins[k])
			continue;
		char src[64];
		snprintf(src, sizeof(src), "/proc/%d/ns/%s", (int)pid, names[k]);
		if (mount(src, pins[k], NULL, MS_BIND, NULL) < 0)
			rc = berr_set(&err, errno, "pin %s namespace at \"%s\"", names[k], pins[k]);
	}
	close(sp[0]);
	waitpid(pid, NULL, 0);
	if (rc == 0)
		return 0;
	for (int k = 0; k < done; k++)
		if (pins[k])
			umount2(pins[k], MNT_DETACH);
	for (int k = 0; k < 4; k++)
		if (pins[k])
			unlink(pins[k]);
	return fail(&err);
}

/* ---- idmap-probe ---- */

static int probe_one(const char *what, const char *mnt, const char *file, int ns, char *out, size_t outlen)
{
	berr_t err = {0};
	struct stat st;
	cleanup_fd int fd = idmap_clone(mnt, false, ns, &err);
	if (fd >= 0 && move_mount_fd(fd, mnt, &err) == 0) {
		if (stat(file, &st) < 0)
			berr_set(&err, errno, "stat \"%s\"", file);
		else if (st.st_uid != 100000 || st.st_gid != 100000)
			berr_set(&err, 0, "\"%s\" shows uid %u through the id-mapped mount, not 100000", file,
				 (unsigned)st.st_uid);
	}
	if (!err.msg[0])
		return 0;
	char text[1200];
	snprintf(out, outlen, "%s: %s", what, berr_text(&err, text, sizeof(text)));
	return -1;
}

static int probe_child(const char *dir, char *out, size_t outlen)
{
	berr_t err = {0};
	char text[1200];
	if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
		snprintf(out, outlen, "private mount namespace: %s", strerror(errno));
		return -1;
	}
	cleanup_fd int ns = userns_from_maps("0 100000 65536\n", "0 100000 65536\n", &err);
	if (ns < 0) {
		snprintf(out, outlen, "user namespace: %s", berr_text(&err, text, sizeof(text)));
		return -1;
	}
	char p[PATH_MAX + 64], lower[PATH_MAX + 64];
	static const char *const sub[] = {"bind", "bind/f", "tmpfs", "ovl", "ovl/lower", "ovl/upper", "ovl/work",
					  "ovl/merged"};
	for (size_t i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, sub[i]);
		int r = strcmp(sub[i], "bind/f") == 0 ? touch_pin(p, &err) : mkdir(p, 0755);
		if (r < 0) {
			snprintf(out, outlen, "scratch \"%s\": %s", p, strerror(errno));
			return -1;
		}
	}
	snprintf(p, sizeof(p), "%s/bind", dir);
	snprintf(lower, sizeof(lower), "%s/bind/f", dir);
	/* bind: the filesystem of the node's state (where the layers are) */
	if (probe_one("bind mount", p, lower, ns, out, outlen) < 0)
		return -1;
	snprintf(p, sizeof(p), "%s/tmpfs", dir);
	snprintf(lower, sizeof(lower), "%s/tmpfs/f", dir);
	if (mount("tmpfs", p, "tmpfs", 0, "mode=755") < 0 || touch_pin(lower, &err) < 0) {
		snprintf(out, outlen, "tmpfs: %s", strerror(errno));
		return -1;
	}
	if (probe_one("tmpfs", p, lower, ns, out, outlen) < 0)
		return -1;
	/* overlay: lower and upper on the state filesystem, as a container's root */
	snprintf(lower, sizeof(lower), "%s/ovl/lower/f", dir);
	if (touch_pin(lower, &err) < 0) {
		snprintf(out, outlen, "overlay lower: %s", berr_text(&err, text, sizeof(text)));
		return -1;
	}
	char up[PATH_MAX + 64], wk[PATH_MAX + 64];
	snprintf(p, sizeof(p), "%s/ovl/lower", dir);
	snprintf(up, sizeof(up), "%s/ovl/upper", dir);
	snprintf(wk, sizeof(wk), "%s/ovl/work", dir);
	char *lowers[1] = {p};
	cleanup_fd int m = idmapped_overlay(lowers, 1, up, wk, ns, &err);
	snprintf(lower, sizeof(lower), "%s/ovl/merged", dir);
	if (m < 0 || move_mount_fd(m, lower, &err) < 0) {
		snprintf(out, outlen, "overlay with id-mapped layers: %s", berr_text(&err, text, sizeof(text)));
		return -1;
	}
	struct stat st;
	snprintf(lower, sizeof(lower), "%s/ovl/merged/f", dir);
	if (stat(lower, &st) < 0 || st.st_uid != 100000) {
		snprintf(out, outlen, "overlay with id-mapped layers: \"%s\" does not show uid 100000", lower);
		return -1;
	}
	return 0;
}

/* idmap-probe <scratch dir>: can this node give a container a user namespace with id-mapped
 * mounts of a bind (of the scratch dir's filesystem), a tmpfs and an overlay (layers on that
 * filesystem)? Everything is made in a private mount namespace of a child and the scratch dir is
 * removed again. Prints "ok" or the first failure; exit 0 only when everything works. */
int cmd_idmap_probe(int argc, char **argv)
{
	berr_t err = {0};
	if (argc != 2)
		return fail(&(berr_t){0, "usage: idmap-probe <scratch dir>"});
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s/idmap-probe.%d", argv[1], (int)getpid());
	if (mkdir_p(argv[1], 0711, &err) < 0)
		return fail(&err);
	if (mkdir(dir, 0700) < 0)
		return berr_set(&err, errno, "mkdir \"%s\"", dir), fail(&err);
	int pp[2];
	if (pipe2(pp, O_CLOEXEC) < 0)
		return berr_set(&err, errno, "pipe"), fail(&err);
	pid_t pid = fork();
	if (pid == 0) {
		close(pp[0]);
		char out[1500] = "";
		int r = probe_child(dir, out, sizeof(out));
		if (r < 0)
			write_all(pp[1], out, strlen(out));
		_exit(r < 0 ? 1 : 0);
	}
	close(pp[1]);
	char out[1500] = "";
	ssize_t n = pid < 0 ? 0 : read(pp[0], out, sizeof(out) - 1);
	out[n > 0 ? n : 0] = '\0';
	close(pp[0]);
	int status = 0;
	if (pid > 0)
		waitpid(pid, &status, 0);
	/* The child's mounts died with its mount namespace: only plain files and directories are left. */
	static const char *const rm_files[] = {"bind/f", "ovl/lower/f", "ovl/upper/f"};
	static const char *const rm_dirs[] = {"bind", "tmpfs", "ovl/lower", "ovl/upper", "ovl/work/work",
					      "ovl/work", "ovl/merged", "ovl", ""};
	char p[PATH_MAX + 32];
	for (size_t i = 0; i < sizeof(rm_files) / sizeof(rm_files[0]); i++)
		snprintf(p, sizeof(p), "%s/%s", dir, rm_files[i]), unlink(p);
	for (size_t i = 0; i < sizeof(rm_dirs) / sizeof(rm_dirs[0]); i++)
		snprintf(p, sizeof(p), "%s/%s", dir, rm_dirs[i]), rmdir(p);
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stdout, "%s\n", out[0] ? out : "probe failed");
		return 1;
	}
	fprintf(stdout, "ok\n");
	return 0;
}
