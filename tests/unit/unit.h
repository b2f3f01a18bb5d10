/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A very small unit test framework for host tests of code in common/ and
 * userspace/. Each test_*.c file is a program: it defines tests with TEST(),
 * which register themselves, and is linked with unit.c, which runs them all
 * and prints "result: PASSED FAILED" as its last line (see the Makefile).
 *
 *	TEST(msf_round_trip)
 *	{
 *		CHECK(x == 1);
 *		CHECK_EQ(dl_msf_to_lba(0, 2, 0), 0);
 *	}
 *
 * A test fails if any of its checks fails; checks after a failing one still
 * run (they print too), so one run shows every problem.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stdio.h>

typedef void (*unit_fn)(void);

void unit_register(const char *name, unit_fn fn);
void unit_fail(const char *file, int line, const char *expr);
void unit_fail_eq(const char *file, int line, const char *expr,
		  long long got, long long want);
void unit_skip(const char *why);
/* An unlinked scratch file in $TMPDIR (default /tmp): its fd, or -1. */
int unit_tmpfd(void);
/* A new directory under $TMPDIR (or /tmp) into @buf; NULL on failure. */
char *unit_tmpdir(char *buf, size_t len);

#define TEST(name)							\
	static void name(void);						\
	__attribute__((constructor)) static void unit_reg_##name(void)	\
	{								\
		unit_register(#name, name);				\
	}								\
	static void name(void)

#define CHECK(cond)							\
	do {								\
		if (!(cond))						\
			unit_fail(__FILE__, __LINE__, #cond);		\
	} while (0)

/* Integer equality; prints both values on failure. */
#define CHECK_EQ(got, want)						\
	do {								\
		long long unit_g_ = (long long)(got);			\
		long long unit_w_ = (long long)(want);			\
		if (unit_g_ != unit_w_)					\
			unit_fail_eq(__FILE__, __LINE__, #got " == " #want,	\
				     unit_g_, unit_w_);			\
	} while (0)

/* Mark the running test skipped (counted neither passed nor failed). */
#define SKIP(why)							\
	do {								\
		unit_skip(why);						\
		return;							\
	} while (0)

#endif /* UNIT_H */
