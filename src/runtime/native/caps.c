/* Capabilities with raw syscalls (no libcap): the bounding set via prctl, effective/permitted/
 * inheritable via capset, ambient via prctl. Unknown names are skipped with a warning, as runc does;
 * so are capabilities this process does not hold. */
#include "berth.h"

#include <errno.h>
#include <linux/capability.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

static const char *const cap_names[] = {
	"CAP_CHOWN",	      "CAP_DAC_OVERRIDE",   "CAP_DAC_READ_SEARCH", "CAP_FOWNER",	  "CAP_FSETID",
	"CAP_KILL",	      "CAP_SETGID",	    "CAP_SETUID",	   "CAP_SETPCAP",	  "CAP_LINUX_IMMUTABLE",
	"CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",	   "CAP_NET_RAW",	  "CAP_IPC_LOCK",
	"CAP_IPC_OWNER",      "CAP_SYS_MODULE",	    "CAP_SYS_RAWIO",	   "CAP_SYS_CHROOT",	  "CAP_SYS_PTRACE",
	"CAP_SYS_PACCT",      "CAP_SYS_ADMIN",	    "CAP_SYS_BOOT",	   "CAP_SYS_NICE",	  "CAP_SYS_RESOURCE",
	"CAP_SYS_TIME",	      "CAP_SYS_TTY_CONFIG", "CAP_MKNOD",	   "CAP_LEASE",		  "CAP_AUDIT_WRITE",
	"CAP_AUDIT_CONTROL",  "CAP_SETFCAP",	    "CAP_MAC_OVERRIDE",	   "CAP_MAC_ADMIN",	  "CAP_SYSLOG",
	"CAP_WAKE_ALARM",     "CAP_BLOCK_SUSPEND",  "CAP_AUDIT_READ",	   "CAP_PERFMON",	  "CAP_BPF",
	"CAP_CHECKPOINT_RESTORE",
};
#define NCAPS ((int)(sizeof(cap_names) / sizeof(cap_names[0])))

static int last_cap(void)
{
	berr_t e;
	cleanup_free char *s = NULL;
	if (read_file("/proc/sys/kernel/cap_last_cap", &s, NULL, &e) < 0)
		return NCAPS - 1;
	return atoi(s);
}

static uint64_t cap_set(json_object *caps, const char *which)
{
	json_object *arr = jarr(caps, which);
	uint64_t mask = 0;
	for (size_t i = 0; i < jlen(arr); i++) {
		const char *name = json_object_get_string(json_object_array_get_idx(arr, i));
		int c = -1;
		for (int k = 0; name && k < NCAPS; k++)
			if (strcmp(name, cap_names[k]) == 0)
				c = k;
		if (c < 0 || c > last_cap())
			log_warn("capability \"%s\" in %s is unknown to this kernel, ignored", name ? name : "", which);
		else
			mask |= 1ULL << c;
	}
	return mask;
}

int caps_drop_bounding(json_object *caps, berr_t *err)
{
	if (!caps)
		return 0;
	uint64_t bounding = cap_set(caps, "bounding");
	for (int c = 0; c <= last_cap(); c++)
		if (!(bounding & (1ULL << c)) && prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0 && errno != EINVAL)
			return berr_set(err, errno, "prctl(PR_CAPBSET_DROP, %s)", c < NCAPS ? cap_names[c] : "?");
	return 0;
}

int caps_apply(json_object *caps, berr_t *err)
{
	if (!caps)
		return 0;
	uint64_t eff = cap_set(caps, "effective"), perm = cap_set(caps, "permitted"),
		 inh = cap_set(caps, "inheritable"), amb = cap_set(caps, "ambient");
	struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct data[2] = {0};
	/* capset cannot raise what we do not hold (EPERM): a node whose root lacks a capability (no
	 * CAP_SYS_RESOURCE in its bounding set, a user namespace) could run no container that lists it.
	 * Drop it and warn, as rlimits and oom_score_adj are clamped. */
	if (syscall(SYS_capget, &hdr, data) < 0)
		return berr_set(err, errno, "capget");
	uint64_t held = (uint64_t)data[0].permitted | (uint64_t)data[1].permitted << 32;
	for (int c = 0; c <= last_cap() && c < 64; c++)
		if (((eff | perm | inh) & ~held) & (1ULL << c))
			log_warn("capability %s is not held by the runtime (not in its bounding set), dropped",
				 c < NCAPS ? cap_names[c] : "?");
	eff &= held, perm &= held, inh &= held;
	data[0] = (struct __user_cap_data_struct){(uint32_t)eff, (uint32_t)perm, (uint32_t)inh};
	data[1] = (struct __user_cap_data_struct){(uint32_t)(eff >> 32), (uint32_t)(perm >> 32),
						  (uint32_t)(inh >> 32)};
	if (syscall(SYS_capset, &hdr, data) < 0)
		return berr_set(err, errno, "capset");
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
		return berr_set(err, errno, "prctl(PR_CAP_AMBIENT_CLEAR_ALL)");
	for (int c = 0; c <= last_cap(); c++)
		if ((amb & (1ULL << c)) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, c, 0, 0) < 0)
			log_warn("ambient capability %s not raised (it must be permitted and inheritable)",
				 c < NCAPS ? cap_names[c] : "?");
	return 0;
}
