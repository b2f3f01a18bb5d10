# Sourced by tests/vm/guest-init (in the guest) and tests/vm/run (on the
# host): the one definition of a kernel log line that fails a run, whatever
# the test itself said. An extended regular expression (grep -E).
#
#   Oops, kernel BUG, BUG: ..., general protection fault   crashes and BUG_ON
#   BUG <cache> (...)        SLUB consistency reports (slub_debug), no colon
#   WARNING:                 WARN_ON, lockdep and debugobjects splats
#   possible recursive|circular locking, inconsistent lock state: lockdep
#   KASAN, UBSAN, refcount_t:, list_add/list_del corruption
#   blocked for more than    the hung task detector
#   unreferenced object      a kmemleak report (read from its debugfs file)
#   Call Trace:              any stack dump, e.g. dump_stack() in a driver
# Fault injection must run with verbose 0 or 1: at 2 it dumps a stack.
# shellcheck disable=SC2034
DL_KLOG_BAD='Oops|BUG:|BUG [^ ]+ \(|kernel BUG|WARNING:|possible recursive locking|possible circular locking|inconsistent lock state|KASAN|UBSAN|general protection fault|list_(add|del) corruption|blocked for more than|refcount_t:|unreferenced object|Call Trace:'
