/* init: PID 1 of a pod that shares one PID namespace. It only reaps: orphans of every container
 * are re-parented to it. A PID 1 ignores signals it has no handler for, so the ones it obeys are
 * blocked and taken with sigwaitinfo. When it exits the kernel kills everything left in the
 * namespace.
 *
 * `init --detach <pid-file>` makes the namespace itself: it unshares a new PID namespace, forks the
 * init into it (setsid, stdio on /dev/null, so it outlives whoever started it), writes the init's
 * host pid to <pid-file> atomically and exits. The file is written by this process, not by the
 * caller, so it exists even when the caller dies meanwhile. Containers join /proc/<pid>/ns/pid.
 * With `--userns <path>` the PID namespace is made inside that user namespace (so its root may
 * mount /proc for it) and the init runs as the namespace's root. */
#include "berth.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

static int reap_until_told(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (;;) {
		siginfo_t si;
		int sig = sigwaitinfo(&set, &si);
		if (sig < 0 && errno == EINTR)
			continue;
		if (sig == SIGTERM || sig == SIGINT)
			return 0;
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
	}
}

int cmd_init(int argc, char **argv)
{
	if (argc < 2)
		return reap_until_told();
	berr_t err = {0};
	if ((argc != 3 && argc != 5) || strcmp(argv[1], "--detach") != 0 ||
	    (argc == 5 && strcmp(argv[3], "--userns") != 0)) {
		berr_set(&err, 0, "usage: init [--detach <pid-file> [--userns <path>]]");
		log_error(&err);
		return 1;
	}
	bool userns = argc == 5;
	if (userns) {
		/* Only the namespace changes, not our ids: this process (still the node's root as far
		 * as files go) writes the pid file below. */
		cleanup_fd int fd = open(argv[4], O_RDONLY | O_CLOEXEC);
		if (fd < 0 || setns(fd, CLONE_NEWUSER) < 0) {
			berr_set(&err, errno, "join user namespace \"%s\"", argv[4]);
			log_error(&err);
			return 1;
		}
	}
	if (unshare(CLONE_NEWPID) < 0) {
		berr_set(&err, errno, "unshare(CLONE_NEWPID)");
		log_error(&err);
		return 1;
	}
	pid_t pid = fork();
	if (pid < 0) {
		berr_set(&err, errno, "fork the pod init");
		log_error(&err);
		return 1;
	}
	if (pid == 0) {
		if (userns && (setgroups(0, NULL) < 0 || setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0))
			_exit(1);
		setsid();
		if (chdir("/") < 0)
			_exit(1);
		int null = open("/dev/null", O_RDWR | O_CLOEXEC);
		for (int fd = 0; fd < 3 && null >= 0; fd++)
			dup2(null, fd);
		close_range(3, ~0U, 0);
		_exit(reap_until_told());
	}
	char text[32];
	int n = snprintf(text, sizeof(text), "%d\n", (int)pid);
	if (write_process_file(argv[2], text, (size_t)n, &err) < 0) {
		kill(pid, SIGKILL);
		log_error(&err);
		return 1;
	}
	return 0;
}
