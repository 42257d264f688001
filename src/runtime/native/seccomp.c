/* linux.seccomp from config.json, applied with libseccomp: defaultAction (+defaultErrnoRet),
 * architectures, and syscall rules with names, action, errnoRet and argument conditions. */
#include "berth.h"

#include <ctype.h>
#include <errno.h>
#include <seccomp.h>
#include <string.h>

static void seccomp_releasep(scmp_filter_ctx *c)
{
	if (*c)
		seccomp_release(*c);
}

static int parse_action(const char *name, int64_t errno_ret, uint32_t *out)
{
	if (!name)
		return -1;
	if (strcmp(name, "SCMP_ACT_ALLOW") == 0)
		*out = SCMP_ACT_ALLOW;
	else if (strcmp(name, "SCMP_ACT_ERRNO") == 0)
		*out = SCMP_ACT_ERRNO((uint32_t)errno_ret);
	else if (strcmp(name, "SCMP_ACT_KILL") == 0 || strcmp(name, "SCMP_ACT_KILL_THREAD") == 0)
		*out = SCMP_ACT_KILL_THREAD;
	else if (strcmp(name, "SCMP_ACT_KILL_PROCESS") == 0)
		*out = SCMP_ACT_KILL_PROCESS;
	else if (strcmp(name, "SCMP_ACT_TRAP") == 0)
		*out = SCMP_ACT_TRAP;
	else if (strcmp(name, "SCMP_ACT_TRACE") == 0)
		*out = SCMP_ACT_TRACE((uint32_t)errno_ret);
	else if (strcmp(name, "SCMP_ACT_LOG") == 0)
		*out = SCMP_ACT_LOG;
	else
		return -1;
	return 0;
}

static int parse_op(const char *name, enum scmp_compare *out)
{
	static const struct {
		const char *n;
		enum scmp_compare op;
	} ops[] = {{"SCMP_CMP_NE", SCMP_CMP_NE}, {"SCMP_CMP_LT", SCMP_CMP_LT}, {"SCMP_CMP_LE", SCMP_CMP_LE},
		   {"SCMP_CMP_EQ", SCMP_CMP_EQ}, {"SCMP_CMP_GE", SCMP_CMP_GE}, {"SCMP_CMP_GT", SCMP_CMP_GT},
		   {"SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ}};
	for (size_t i = 0; name && i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(name, ops[i].n) == 0) {
			*out = ops[i].op;
			return 0;
		}
	return -1;
}

static int add_rule(scmp_filter_ctx ctx, json_object *rule, uint32_t def, berr_t *err)
{
	uint32_t action;
	const char *aname = jstr(rule, "action");
	if (parse_action(aname, jint(rule, "errnoRet", EPERM), &action) < 0)
		return berr_set(err, EINVAL, "seccomp: a rule's action is not a supported action");
	if (action == def)
		return 0; /* libseccomp refuses rules that repeat the default action */
	json_object *args = jarr(rule, "args");
	struct scmp_arg_cmp cmp[6];
	size_t n = jlen(args);
	if (n > 6)
		return berr_set(err, EINVAL, "seccomp: more than 6 argument conditions");
	bool same_index = false;
	for (size_t i = 0; i < n; i++) {
		json_object *a = json_object_array_get_idx(args, i);
		enum scmp_compare op;
		if (parse_op(jstr(a, "op"), &op) < 0)
			return berr_set(err, EINVAL, "seccomp: a rule's argument operator is not a supported one");
		cmp[i] = (struct scmp_arg_cmp){(unsigned)jint(a, "index", 0), op, (scmp_datum_t)jint(a, "value", 0),
					       (scmp_datum_t)jint(a, "valueTwo", 0)};
		for (size_t k = 0; k < i; k++)
			if (cmp[k].arg == cmp[i].arg)
				same_index = true;
	}
	json_object *names = jarr(rule, "names");
	for (size_t i = 0; i < jlen(names); i++) {
		const char *name = json_object_get_string(json_object_array_get_idx(names, i));
		int nr = name ? seccomp_syscall_resolve_name(name) : __NR_SCMP_ERROR;
		if (nr == __NR_SCMP_ERROR)
			continue; /* not a syscall of this architecture */
		int r;
		if (same_index) {
			/* Conditions on one argument cannot be ANDed by libseccomp: one rule each (OR), like runc. */
			for (size_t k = 0; k < n; k++)
				if ((r = seccomp_rule_add_exact_array(ctx, action, nr, 1, &cmp[k])) < 0 &&
				    (r = seccomp_rule_add_array(ctx, action, nr, 1, &cmp[k])) < 0)
					return berr_set(err, -r, "seccomp: add rule for syscall %d", nr);
		} else if ((r = seccomp_rule_add_array(ctx, action, nr, (unsigned)n, cmp)) < 0) {
			return berr_set(err, -r, "seccomp: add rule for syscall %d", nr);
		}
	}
	return 0;
}

int seccomp_apply(json_object *sc, berr_t *err)
{
	if (!sc)
		return 0;
	uint32_t def;
	const char *dname = jstr(sc, "defaultAction");
	if (parse_action(dname, jint(sc, "defaultErrnoRet", EPERM), &def) < 0)
		return berr_set(err, EINVAL, "seccomp: defaultAction is not a supported action");
	__attribute__((cleanup(seccomp_releasep))) scmp_filter_ctx ctx = seccomp_init(def);
	if (!ctx)
		return berr_set(err, ENOMEM, "seccomp_init");
	json_object *arches = jarr(sc, "architectures");
	for (size_t i = 0; i < jlen(arches); i++) {
		const char *a = json_object_get_string(json_object_array_get_idx(arches, i));
		char name[32] = "";
		if (a && strncmp(a, "SCMP_ARCH_", 10) == 0)
			a += 10;
		for (size_t k = 0; a && a[k] && k < sizeof(name) - 1; k++)
			name[k] = (char)tolower((unsigned char)a[k]), name[k + 1] = '\0';
		uint32_t arch = seccomp_arch_resolve_name(name);
		if (!arch) {
			log_warn("seccomp: architectures[%zu] is not a known architecture, ignored", i);
			continue;
		}
		int r = seccomp_arch_add(ctx, arch);
		if (r < 0 && r != -EEXIST)
			return berr_set(err, -r, "seccomp: add architectures[%zu]", i);
	}
	/* We set no_new_privs ourselves when the spec asks for it. */
	seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
	json_object *rules = jarr(sc, "syscalls");
	for (size_t i = 0; i < jlen(rules); i++)
		if (add_rule(ctx, json_object_array_get_idx(rules, i), def, err) < 0)
			return -1;
	int r = seccomp_load(ctx);
	if (r < 0)
		return berr_set(err, -r, "seccomp_load");
	return 0;
}
