/* The state dir: <root>/<id>/state.json (pid, start time, bundle, cgroup) and config.json (a copy
 * of the bundle's config taken at create, used by exec and update). */
#include "berth.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

static const char *root_dir = "/run/berth/runtime";

const char *state_root(void) { return root_dir; }
void state_root_set(const char *root) { root_dir = root; }

int valid_id(const char *id, berr_t *err)
{
	if (!id || !*id)
		return berr_set(err, EINVAL, "container id is empty");
	if (strlen(id) > 1024 || strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+-.") !=
					     strlen(id) || id[0] == '.')
		return berr_set(err, EINVAL, "invalid container id \"%s\"", id);
	return 0;
}

int state_load(const char *id, container_state_t *st, berr_t *err)
{
	memset(st, 0, sizeof(*st));
	if (valid_id(id, err) < 0)
		return -1;
	snprintf(st->dir, sizeof(st->dir), "%s/%s", root_dir, id);
	char path[PATH_MAX + 16];
	snprintf(path, sizeof(path), "%s/state.json", st->dir);
	if (access(st->dir, F_OK) < 0)
		return berr_set(err, 0, "container \"%s\" does not exist", id);
	if (read_json_file(path, &st->state, err) < 0)
		return berr_wrap(err, "container \"%s\"", id);
	st->pid = (pid_t)jint(st->state, "pid", 0);
	const char *stt = jstr(st->state, "startTime");
	st->start_time = stt ? strtoull(stt, NULL, 10) : 0;
	return 0;
}

void state_free(container_state_t *st)
{
	if (st->state)
		json_object_put(st->state);
	st->state = NULL;
}

const char *state_status(const container_state_t *st)
{
	if (!proc_alive(st->pid, st->start_time))
		return "stopped";
	char fifo[PATH_MAX + 16];
	snprintf(fifo, sizeof(fifo), "%s/exec.fifo", st->dir);
	return access(fifo, F_OK) == 0 ? "created" : "running";
}

int state_cgroup(const container_state_t *st, cgroup_t *cg)
{
	memset(cg, 0, sizeof(*cg));
	const char *root = jstr(st->state, "cgroupRoot"), *path = jstr(st->state, "cgroupPath");
	if (!root || !path)
		return -1;
	snprintf(cg->root, sizeof(cg->root), "%s", root);
	snprintf(cg->path, sizeof(cg->path), "%s", path);
	cg->version = (int)jint(st->state, "cgroupVersion", 1);
	return 0;
}
