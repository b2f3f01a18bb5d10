// SPDX-License-Identifier: GPL-2.0
/*
 * The rip hashes what it writes. MD5, SHA-1 and SHA-256 of a buffer take
 * about as long as a fast drive takes to read it, so a second thread does
 * the hashing while the main thread has the next read in flight: the drive
 * is not left idle while a buffer is hashed.
 */
#include <errno.h>
#include <signal.h>

#include "hashq.h"

static void *hashq_main(void *arg)
{
	struct dl_hashq *q = arg;

	pthread_mutex_lock(&q->lock);
	for (;;) {
		unsigned i;

		while (q->done == q->queued && !q->stop)
			pthread_cond_wait(&q->cond, &q->lock);
		if (q->done == q->queued)
			break;		/* stop, and nothing left */
		i = (unsigned)(q->done % DL_HASHQ_JOBS);
		pthread_mutex_unlock(&q->lock);
		dl_hash_update(q->h, q->job[i].p, q->job[i].n);
		pthread_mutex_lock(&q->lock);
		q->done++;
		pthread_cond_broadcast(&q->cond);
	}
	pthread_mutex_unlock(&q->lock);
	return NULL;
}

int dl_hashq_start(struct dl_hashq *q, struct dl_hash *h)
{
	sigset_t all, old;
	int err;

	q->h = h;
	q->queued = q->done = 0;
	q->stop = false;
	q->running = false;
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->cond, NULL);
	/* Signals (SIGINT ends a rip cleanly) are for the main thread. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&q->thread, NULL, hashq_main, q);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err)
		return -err;
	q->running = true;
	return 0;
}

uint64_t dl_hashq_push(struct dl_hashq *q, const void *p, size_t n)
{
	uint64_t ticket;
	unsigned i;

	if (!q->running) {
		dl_hash_update(q->h, p, n);
		return 0;
	}
	pthread_mutex_lock(&q->lock);
	while (q->queued - q->done >= DL_HASHQ_JOBS)
		pthread_cond_wait(&q->cond, &q->lock);
	i = (unsigned)(q->queued % DL_HASHQ_JOBS);
	q->job[i].p = p;
	q->job[i].n = n;
	ticket = ++q->queued;
	pthread_cond_broadcast(&q->cond);
	pthread_mutex_unlock(&q->lock);
	return ticket;
}

void dl_hashq_wait(struct dl_hashq *q, uint64_t ticket)
{
	if (!q->running)
		return;
	pthread_mutex_lock(&q->lock);
	while (q->done < ticket)
		pthread_cond_wait(&q->cond, &q->lock);
	pthread_mutex_unlock(&q->lock);
}

void dl_hashq_stop(struct dl_hashq *q)
{
	if (!q->running)
		return;
	pthread_mutex_lock(&q->lock);
	q->stop = true;
	pthread_cond_broadcast(&q->cond);
	pthread_mutex_unlock(&q->lock);
	pthread_join(q->thread, NULL);
	pthread_cond_destroy(&q->cond);
	pthread_mutex_destroy(&q->lock);
	q->running = false;
}
