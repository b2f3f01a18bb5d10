/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A hashing thread: buffers handed to it are hashed in the order given,
 * while the caller goes on reading the next one.
 */
#ifndef DL_HASHQ_H
#define DL_HASHQ_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hash.h"

#define DL_HASHQ_JOBS	64

struct dl_hashq {
	struct dl_hash *h;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;	/* a job was queued, finished, or stop was set */
	struct { const void *p; size_t n; } job[DL_HASHQ_JOBS];
	uint64_t queued;	/* jobs handed over so far */
	uint64_t done;		/* jobs hashed so far */
	bool stop;
	bool running;
};

/* Start the thread feeding @h. 0, or -errno (then hash inline). */
int dl_hashq_start(struct dl_hashq *q, struct dl_hash *h);
/*
 * Queue @n bytes at @p; they must stay unchanged until the returned ticket
 * is done (dl_hashq_wait()). Blocks while DL_HASHQ_JOBS jobs are pending.
 * Without a running thread, hashes at once.
 */
uint64_t dl_hashq_push(struct dl_hashq *q, const void *p, size_t n);
/* Wait until job @ticket (and all before it) is hashed. */
void dl_hashq_wait(struct dl_hashq *q, uint64_t ticket);
/* Hash everything queued and end the thread. */
void dl_hashq_stop(struct dl_hashq *q);

#endif /* DL_HASHQ_H */
