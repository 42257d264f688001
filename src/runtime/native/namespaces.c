/* OCI namespace types ↔ clone flags and /proc/<pid>/ns names. */
#include "berth.h"

#include <sched.h>
#include <string.h>

static const struct {
	const char *type;
	const char *proc;
	int flag;
} ns_table[] = {
	{"pid", "pid", CLONE_NEWPID},	       {"network", "net", CLONE_NEWNET},
	{"mount", "mnt", CLONE_NEWNS},	       {"ipc", "ipc", CLONE_NEWIPC},
	{"uts", "uts", CLONE_NEWUTS},	       {"cgroup", "cgroup", CLONE_NEWCGROUP},
	{"user", "user", CLONE_NEWUSER},       {"time", "time", CLONE_NEWTIME},
};

int ns_flag(const char *type)
{
	for (size_t i = 0; i < sizeof(ns_table) / sizeof(ns_table[0]); i++)
		if (type && strcmp(type, ns_table[i].type) == 0)
			return ns_table[i].flag;
	return 0;
}

const char *ns_proc_name(int flag)
{
	for (size_t i = 0; i < sizeof(ns_table) / sizeof(ns_table[0]); i++)
		if (ns_table[i].flag == flag)
			return ns_table[i].proc;
	return NULL;
}
