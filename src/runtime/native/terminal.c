/* Terminals as runc does them: the container creates a pty in its own devpts and sends the master
 * over --console-socket (SCM_RIGHTS, the pty name as payload); the slave becomes its stdio. */
#include "berth.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <termios.h>

int console_connect(const char *path, berr_t *err)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	if (strlen(path) >= sizeof(addr.sun_path))
		return berr_set(err, ENAMETOOLONG, "console socket \"%s\"", path);
	strcpy(addr.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return berr_set(err, errno, "socket");
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		int e = errno;
		close(fd);
		return berr_set(err, e, "connect console socket \"%s\"", path);
	}
	return fd;
}

int send_fd(int sock, int fd, berr_t *err)
{
	char name[64] = "/dev/ptmx";
	ptsname_r(fd, name, sizeof(name));
	struct iovec iov = {name, strlen(name)};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	memset(&u, 0, sizeof(u));
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof(u.buf)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	if (sendmsg(sock, &msg, MSG_NOSIGNAL) < 0)
		return berr_set(err, errno, "send pty master over the console socket");
	return 0;
}

int recv_fd(int sock, berr_t *err)
{
	char name[256];
	struct iovec iov = {name, sizeof(name)};
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof(u.buf)};
	if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) < 0)
		return berr_set(err, errno, "recvmsg on the console socket");
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		return berr_set(err, EPROTO, "console socket: no file descriptor received");
	int fd;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}

int terminal_setup(int sock, json_object *process, berr_t *err)
{
	cleanup_fd int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (master < 0)
		return berr_set(err, errno, "open \"/dev/ptmx\"");
	if (unlockpt(master) < 0)
		return berr_set(err, errno, "unlockpt");
	char name[64];
	if (ptsname_r(master, name, sizeof(name)) != 0)
		return berr_set(err, errno, "ptsname");
	cleanup_fd int slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (slave < 0)
		return berr_set(err, errno, "open \"%s\"", name);
	json_object *size = jget(process, "consoleSize");
	if (size) {
		struct winsize ws = {.ws_row = (unsigned short)jint(size, "height", 0),
				     .ws_col = (unsigned short)jint(size, "width", 0)};
		ioctl(slave, TIOCSWINSZ, &ws);
	}
	if (send_fd(sock, master, err) < 0)
		return -1;
	if (setsid() < 0 && errno != EPERM)
		return berr_set(err, errno, "setsid");
	if (ioctl(slave, TIOCSCTTY, 0) < 0)
		return berr_set(err, errno, "ioctl(TIOCSCTTY) on \"%s\"", name);
	for (int i = 0; i < 3; i++)
		if (dup2(slave, i) < 0)
			return berr_set(err, errno, "dup2 \"%s\"", name);
	return 0;
}
