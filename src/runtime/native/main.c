/* berth-runtime: an OCI runtime with runc's command-line shape, plus the per-container monitor. */
#include "berth.h"

#include <string.h>

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{"create", cmd_create}, {"start", cmd_start},   {"state", cmd_state},	{"kill", cmd_kill},
	{"delete", cmd_delete}, {"list", cmd_list},	{"exec", cmd_exec},	{"update", cmd_update},
	{"init", cmd_init},	{"monitor", cmd_monitor}, {"cgroup-apply", cmd_cgroup_apply},
	{"ns", cmd_ns},		{"idmap-overlay", cmd_idmap_overlay}, {"idmap-probe", cmd_idmap_probe},
	{"spawner", cmd_spawner},
};

static int usage(void)
{
	fprintf(stderr, "usage: berth-runtime [--root dir] [--log file] [--log-format text|json] <command> ...\n"
			"commands: create start state kill delete list exec update init monitor cgroup-apply ns idmap-overlay idmap-probe "
			"spawner\n");
	return 1;
}

int berth_main(int argc, char **argv)
{
	const char *log_path = NULL;
	bool json = false;
	int i = 1;
	/* Global options before the command, as runc takes them; unknown runc globals are accepted. */
	while (i < argc && strncmp(argv[i], "--", 2) == 0) {
		const char *opt = argv[i];
		const char *eq = strchr(opt, '=');
		size_t nl = eq ? (size_t)(eq - opt) : strlen(opt);
		const char *val = eq ? eq + 1 : (i + 1 < argc ? argv[i + 1] : NULL);
		bool takes = strncmp(opt, "--root", nl) == 0 || strncmp(opt, "--log", nl) == 0 ||
			     strncmp(opt, "--log-format", nl) == 0 || strncmp(opt, "--criu", nl) == 0 ||
			     strncmp(opt, "--rootless", nl) == 0;
		if (nl == 6 && strncmp(opt, "--root", 6) == 0)
			state_root_set(val);
		else if (nl == 5 && strncmp(opt, "--log", 5) == 0)
			log_path = val;
		else if (nl == 12 && strncmp(opt, "--log-format", 12) == 0)
			json = val && strcmp(val, "json") == 0;
		else if (strcmp(opt, "--help") == 0)
			return usage();
		if (takes && !eq)
			i++;
		if (takes && !val)
			return usage();
		i++;
	}
	if (i >= argc)
		return usage();
	log_setup(log_path, json);
	for (size_t k = 0; k < sizeof(commands) / sizeof(commands[0]); k++)
		if (strcmp(argv[i], commands[k].name) == 0)
			return commands[k].fn(argc - i, argv + i);
	fprintf(stderr, "berth-runtime: unknown command \"%s\"\n", argv[i]);
	return usage();
}

int main(int argc, char **argv) { return berth_main(argc, argv); }
