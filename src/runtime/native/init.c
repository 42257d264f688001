/* init: PID 1 of a pod that shares one PID namespace. It only reaps: orphans of every container
 * are re-parented to it. A PID 1 ignores signals it has no handler for, so the ones it obeys are
 * blocked and taken with sigwaitinfo. */
#include "berth.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>

int cmd_init(int argc, char **argv)
{
	(void)argc;
	(void)argv;
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
