/* Terminals as runc does them: the container creates a pty in its own devpts and sends the master
 * over --console-socket (SCM_RIGHTS, the pty name as payload); the slave becomes its stdio.
 * Without a console socket, exec runs in the foreground and relays between its own stdio and the
 * master it received over an internal socket pair (terminal_relay). */
#include "berth.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
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

/* ---- foreground terminal (exec --tty without --console-socket, as runc does it) ---- */

typedef struct {
	int fd;		     /* our terminal (stdin, else stdout) put in raw mode, or -1 */
	struct termios saved;
} host_tty_t;

static void host_tty_restore(host_tty_t *h)
{
	if (h->fd >= 0)
		tcsetattr(h->fd, TCSANOW, &h->saved);
	h->fd = -1;
}

/* Raw mode on our own terminal so its line discipline neither echoes nor edits what the user types:
 * the container's pty does that (otherwise every keystroke would be echoed twice). */
static void host_tty_raw(host_tty_t *h)
{
	h->fd = -1;
	for (int fd = 0; fd <= 1; fd++) {
		struct termios t;
		if (tcgetattr(fd, &t) < 0)
			continue;
		h->saved = t;
		cfmakeraw(&t);
		if (tcsetattr(fd, TCSANOW, &t) == 0)
			h->fd = fd;
		return;
	}
}

/* The window size of our stdin (or stdout) onto the container's pty; the kernel then sends SIGWINCH
 * to the container's foreground process group. */
static void copy_winsize(int master)
{
	struct winsize ws;
	if (ioctl(0, TIOCGWINSZ, &ws) == 0 || ioctl(1, TIOCGWINSZ, &ws) == 0)
		ioctl(master, TIOCSWINSZ, &ws);
}

/* Read what the pty holds without blocking; false when it is finished (EIO: every slave closed). */
static bool pump_output(int master, bool *out_ok)
{
	char buf[8192];
	for (;;) {
		ssize_t n = read(master, buf, sizeof(buf));
		if (n > 0) {
			if (*out_ok && write_all(1, buf, (size_t)n) < 0)
				*out_ok = false; /* nobody reads our stdout: keep draining so the container never blocks */
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		return n < 0 && errno == EAGAIN;
	}
}

/* A pipe's EOF cannot cross a pty: type the pty's EOF character instead (as script(1) does), which
 * ends input for a reader in canonical mode; a program in raw mode would see a keystroke, so not then. */
static void send_eof(int master, bool mid_line)
{
	struct termios t;
	if (tcgetattr(master, &t) < 0 || !(t.c_lflag & ICANON))
		return;
	/* In the middle of a line the first EOF only hands the partial line to the reader. */
	char eof[2] = {(char)t.c_cc[VEOF], (char)t.c_cc[VEOF]};
	if (write(master, eof, mid_line ? 2 : 1) < 0) {
		/* the pty is full or gone: the process ends without our EOF */
	}
}

int terminal_relay(int master, pid_t child, const int *fwd, size_t nfwd, int *status, berr_t *err)
{
	cleanup_fd int pidfd = (int)syscall(SYS_pidfd_open, child, 0);
	if (pidfd < 0)
		return berr_set(err, errno, "pidfd_open %d", (int)child);
	sigset_t mask;
	sigemptyset(&mask);
	sigaddset(&mask, SIGWINCH);
	for (size_t i = 0; i < nfwd; i++)
		sigaddset(&mask, fwd[i]);
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0)
		return berr_set(err, errno, "sigprocmask");
	cleanup_fd int sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sfd < 0)
		return berr_set(err, errno, "signalfd");
	signal(SIGPIPE, SIG_IGN);
	fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
	copy_winsize(master);
	host_tty_t host;
	host_tty_raw(&host);

	char in[4096];
	size_t in_len = 0, in_off = 0;
	bool stdin_open = true, master_open = true, out_ok = true, mid_line = false;
	for (;;) {
		struct pollfd p[4] = {
			{.fd = pidfd, .events = POLLIN},
			{.fd = sfd, .events = POLLIN},
			/* stdin is read only when what was read before has reached the pty */
			{.fd = stdin_open && in_len == 0 ? 0 : -1, .events = POLLIN},
			{.fd = master_open ? master : -1, .events = POLLIN | (in_len ? POLLOUT : 0)},
		};
		if (poll(p, 4, -1) < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			host_tty_restore(&host);
			return berr_set(err, e, "poll");
		}
		if (p[1].revents & POLLIN) {
			struct signalfd_siginfo si;
			while (read(sfd, &si, sizeof(si)) == sizeof(si)) {
				if (si.ssi_signo == SIGWINCH)
					copy_winsize(master);
				else
					kill(child, (int)si.ssi_signo);
			}
		}
		if (p[2].revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t n = read(0, in, sizeof(in));
			if (n > 0) {
				in_len = (size_t)n;
				in_off = 0;
				mid_line = in[n - 1] != '\n';
			} else if (n == 0 || errno != EINTR) {
				/* EOF on stdin ends input only; output keeps flowing until the process exits */
				stdin_open = false;
				if (host.fd != 0 && master_open)
					send_eof(master, mid_line);
			}
		}
		if (master_open && (p[3].revents & POLLOUT) && in_len) {
			ssize_t n = write(master, in + in_off, in_len);
			if (n > 0) {
				in_off += (size_t)n;
				in_len -= (size_t)n;
			} else if (n < 0 && errno != EAGAIN && errno != EINTR) {
				in_len = 0;
				stdin_open = false;
			}
		}
		if (master_open && (p[3].revents & (POLLIN | POLLHUP | POLLERR)))
			master_open = pump_output(master, &out_ok);
		if (p[0].revents & POLLIN) {
			/* The process ended: whatever it wrote is still in the pty, read it before leaving
			 * (a background process still holding the slave does not keep us here). */
			if (master_open)
				pump_output(master, &out_ok);
			host_tty_restore(&host);
			siginfo_t si = {0};
			if (waitid(P_PID, (id_t)child, &si, WEXITED) < 0)
				return berr_set(err, errno, "waitid %d", (int)child);
			*status = si.si_code == CLD_EXITED ? si.si_status : 128 + si.si_status;
			return 0;
		}
		if (!master_open && in_len)
			in_len = 0;
	}
}
