/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Types for code shared by discloop.ko and the discloop tool: the same
 * source compiles in the kernel and in userspace.
 */
#ifndef DL_TYPES_H
#define DL_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
#endif

#endif /* DL_TYPES_H */
