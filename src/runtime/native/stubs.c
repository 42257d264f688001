/* Commands still to come in this slice series. */
#include "berth.h"
static int todo(const char *cmd) { return fail(&(berr_t){0, "not implemented yet"}), fprintf(stderr, "%s\n", cmd), 1; }
int cmd_exec(int argc, char **argv) { (void)argc; (void)argv; return todo("exec"); }
int cmd_update(int argc, char **argv) { (void)argc; (void)argv; return todo("update"); }
int cmd_init(int argc, char **argv) { (void)argc; (void)argv; return todo("init"); }
