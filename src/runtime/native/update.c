/* update --resources <file|-> <id>: apply OCI linux.resources to the container's cgroup in place. */
#include "berth.h"

#include <errno.h>
#include <string.h>

int cmd_update(int argc, char **argv)
{
	berr_t err = {0};
	const char *file = NULL, *id = NULL;
	for (int i = 1; i < argc; i++) {
		if ((strcmp(argv[i], "--resources") == 0 || strcmp(argv[i], "-r") == 0) && i + 1 < argc)
			file = argv[++i];
		else if (strncmp(argv[i], "--resources=", 12) == 0)
			file = argv[i] + 12;
		else
			id = argv[i];
	}
	if (!file || !id)
		return fail(&(berr_t){0, "usage: update --resources <file|-> <id>"});
	cleanup_json json_object *res = NULL;
	if (strcmp(file, "-") == 0) {
		cleanup_free char *text = NULL;
		if (read_fd(STDIN_FILENO, "stdin", &text, NULL, &err) < 0 || parse_json(text, "resources from stdin", &res, &err) < 0)
			return fail(&err);
	} else if (read_json_file(file, &res, &err) < 0) {
		return fail(&err);
	}
	container_state_t st;
	if (state_load(id, &st, &err) < 0)
		return fail(&err);
	cgroup_t cg;
	int r = state_cgroup(&st, &cg);
	const char *status = state_status(&st);
	state_free(&st);
	if (strcmp(status, "stopped") == 0)
		return berr_set(&err, 0, "container \"%s\" is not running", id), fail(&err);
	if (r < 0)
		return berr_set(&err, 0, "container \"%s\" has no cgroup", id), fail(&err);
	return cgroup_apply(&cg, res, &err) < 0 ? fail(&err) : 0;
}
