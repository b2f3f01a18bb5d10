// SPDX-License-Identifier: GPL-2.0
/*
 * Runner for the tests registered with TEST() (see unit.h). Prints one line
 * per failed check, "FAIL name" / "SKIP name" per test, then a last line
 * "result: PASSED FAILED". Exit status: 0 when nothing failed.
 *
 * A test program may also get arguments: if it defines unit_main_hook()
 * (weak here) that returns >= 0, that is the exit status and no tests run;
 * test_cdframe uses it for "--fixture" (printing its reference data).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

#define UNIT_MAX_TESTS 512

static struct {
	const char *name;
	unit_fn fn;
} tests[UNIT_MAX_TESTS];
static int ntests;
static int cur_failed, cur_skipped;
static const char *cur_name;

int unit_main_hook(int argc, char **argv) __attribute__((weak));

void unit_register(const char *name, unit_fn fn)
{
	if (ntests == UNIT_MAX_TESTS) {
		fprintf(stderr, "unit: too many tests\n");
		exit(2);
	}
	tests[ntests].name = name;
	tests[ntests].fn = fn;
	ntests++;
}

void unit_fail(const char *file, int line, const char *expr)
{
	printf("  %s:%d: %s: check failed: %s\n", file, line, cur_name, expr);
	cur_failed = 1;
}

void unit_fail_eq(const char *file, int line, const char *expr,
		  long long got, long long want)
{
	printf("  %s:%d: %s: check failed: %s (got %lld = 0x%llx, want %lld = 0x%llx)\n",
	       file, line, cur_name, expr, got, (unsigned long long)got, want,
	       (unsigned long long)want);
	cur_failed = 1;
}

/* "$TMPDIR/dl-unit.XXXXXX" (or under /tmp) into @buf, for mkstemp/mkdtemp. */
static void tmp_template(char *buf, size_t len)
{
	const char *dir = getenv("TMPDIR");

	snprintf(buf, len, "%s/dl-unit.XXXXXX", dir && *dir ? dir : "/tmp");
}

int unit_tmpfd(void)
{
	char path[4096];
	int fd;

	tmp_template(path, sizeof(path));
	fd = mkstemp(path);
	if (fd >= 0)
		unlink(path);
	return fd;
}

char *unit_tmpdir(char *buf, size_t len)
{
	tmp_template(buf, len);
	return mkdtemp(buf);
}

void unit_skip(const char *why)
{
	printf("SKIP %s: %s\n", cur_name, why);
	cur_skipped = 1;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0, i;

	if (unit_main_hook) {
		int rc = unit_main_hook(argc, argv);

		if (rc >= 0)
			return rc;
	}
	for (i = 0; i < ntests; i++) {
		cur_name = tests[i].name;
		cur_failed = 0;
		cur_skipped = 0;
		tests[i].fn();
		fflush(stdout);
		if (cur_failed) {
			printf("FAIL %s\n", cur_name);
			failed++;
		} else if (!cur_skipped) {
			passed++;
		}
	}
	printf("result: %d %d\n", passed, failed);
	return failed ? 1 : 0;
}
