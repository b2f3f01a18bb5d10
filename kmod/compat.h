/* SPDX-License-Identifier: GPL-2.0 */
/*
 * discloop: the one place for differences between the kernels we build
 * for (Debian's 6.1 and 6.12).
 */
#ifndef DISCLOOP_COMPAT_H
#define DISCLOOP_COMPAT_H

#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

#endif /* DISCLOOP_COMPAT_H */
