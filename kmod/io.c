// SPDX-License-Identifier: GPL-2.0
/*
 * discloop: the read path. Reads go on a per-drive queue drained by up to
 * dl_nr_workers work items on an unbound workqueue, so that many requests
 * proceed in parallel and a deep queue does not cost a wake-up per command
 * (loop, with one worker per device, drains a list the same way). A worker
 * reads the image straight into the request's pages (bio_vecs built from
 * the scatterlist, as loop does); only READ CD stages each sector, because
 * its sync, header, EDC and ECC are computed around the user data.
 */
#include <linux/slab.h>
#include <linux/uio.h>
#include <linux/sched/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/delay.h>
#include <scsi/scsi.h>
#include <scsi/scsi_proto.h>
#include "dl_internal.h"
#include "scsi_asc.h"
#include "cdframe.h"
#include "sector.h"

/*
 * Read @len bytes at @pos of @df into the command's pages from byte @off
 * of its buffer. Past the end of the file the pages are zero-filled
 * (images need not be a multiple of 2048 bytes); an end of file before the
 * size the file had when it was inserted means the file shrank under the
 * drive: a read error.
 *
 * Return: bytes moved, or a negative errno if nothing could be read.
 */
static ssize_t dl_read_pages(struct dl_cmd *dc, const struct dl_file *df,
			     loff_t pos, size_t off, size_t len)
{
	struct scsi_cmnd *cmd = dc->cmd;
	struct file *file = df->file;
	unsigned int nr = scsi_sg_count(cmd), i;
	struct bio_vec *bvec = dc->bvec;
	struct scatterlist *sg;
	struct iov_iter iter;
	struct kiocb kiocb;
	size_t done = 0;
	ssize_t ret = 0;

	if (nr > DL_INLINE_BVECS) {
		bvec = kmalloc_array(nr, sizeof(*bvec), GFP_NOIO);
		if (!bvec)
			return -ENOMEM;
	}
	for_each_sg(scsi_sglist(cmd), sg, nr, i)
		bvec_set_page(&bvec[i], sg_page(sg), sg->length, sg->offset);
	iov_iter_bvec(&iter, ITER_DEST, bvec, nr, scsi_bufflen(cmd));
	iov_iter_advance(&iter, off);
	iov_iter_truncate(&iter, len);

	while (iov_iter_count(&iter)) {
		init_sync_kiocb(&kiocb, file);
		kiocb.ki_pos = pos + done;
		ret = vfs_iocb_iter_read(file, &kiocb, &iter);
		if (ret < 0)
			break;
		if (!ret) {	/* end of file */
			if (pos + done < df->bytes) {
				ret = -EIO;
				break;
			}
			done += iov_iter_zero(iov_iter_count(&iter), &iter);
			break;
		}
		done += ret;
		cond_resched();
	}
	for (i = 0; i < nr; i++)
		flush_dcache_page(bvec[i].bv_page);
	if (bvec != dc->bvec)
		kfree(bvec);
	return done ? done : ret;
}

/**
 * dl_read_exact() - find the first block the backing store cannot read
 * @dc:		the READ whose buffered read failed
 * @lba:	the block where it failed
 * @end:	the block after the last one the READ wants
 *
 * A buffered read fails for a whole page-cache folio: on a device whose
 * blocks are smaller than a page, good blocks beside a bad one would be
 * reported bad with it. Read again from @lba one block at a time with
 * direct I/O, which asks the backing device for just those sectors, and put
 * each block read into the command's buffer at its place. Without direct
 * I/O (a file system that lacks it) nothing is re-read.
 *
 * Return: the first block that cannot be read, or @end.
 */
static u64 dl_read_exact(struct dl_cmd *dc, u64 lba, u64 end)
{
	struct scsi_cmnd *cmd = dc->cmd;
	struct file *file = dc->media->files[0].file;
	struct iov_iter iter;
	struct kiocb kiocb;
	struct bio_vec bv;
	struct page *page;

	/* a block device reads directly on any kernel; files when they can */
	if (!(file->f_mode & FMODE_CAN_ODIRECT) &&
	    !S_ISBLK(file_inode(file)->i_mode))
		return lba;
	/* a page, as loop's direct I/O uses: aligned, and a bvec on any kernel */
	page = alloc_page(GFP_NOIO);
	if (!page)
		return lba;
	for (; lba < end; lba++) {
		bvec_set_page(&bv, page, DL_CD_DATA_SIZE, 0);
		iov_iter_bvec(&iter, ITER_DEST, &bv, 1, DL_CD_DATA_SIZE);
		init_sync_kiocb(&kiocb, file);
		kiocb.ki_pos = lba * DL_CD_DATA_SIZE;
		kiocb.ki_flags |= IOCB_DIRECT;
		if (vfs_iocb_iter_read(file, &kiocb, &iter) != DL_CD_DATA_SIZE)
			break;
		sg_pcopy_from_buffer(scsi_sglist(cmd), scsi_sg_count(cmd),
				     page_address(page), DL_CD_DATA_SIZE,
				     (lba - dc->lba) * DL_CD_DATA_SIZE);
		cond_resched();
	}
	__free_page(page);
	return lba;
}

static void dl_do_read(struct dl_cmd *dc)
{
	struct scsi_cmnd *cmd = dc->cmd;
	u64 want = (u64)dc->nblocks * DL_CD_DATA_SIZE, good = want, bad;
	bool hit;
	ssize_t ret = 0;

	want = min_t(u64, want, scsi_bufflen(cmd));
	good = want;
	hit = dl_fault_hit(dc->drive, dc->lba, dc->nblocks, true, &bad);
	if (hit)
		good = min(good, (bad - dc->lba) * DL_CD_DATA_SIZE);
	if (good)
		ret = dl_read_pages(dc, &dc->media->files[0],
				    dc->lba * DL_CD_DATA_SIZE, 0, good);
	if (ret == -ENOMEM) {
		cmd->result = DID_REQUEUE << 16;
		return;
	}
	if (ret < 0)
		ret = 0;
	if (ret < good) {	/* the backing store failed: where exactly? */
		u64 end = dc->lba + good / DL_CD_DATA_SIZE;
		u64 first = dl_read_exact(dc, dc->lba + ret / DL_CD_DATA_SIZE,
					  end);

		if (first < end) {
			bad = first;
			hit = true;
			good = (first - dc->lba) * DL_CD_DATA_SIZE;
		}
	}
	if (hit) {
		dl_sense_lba(cmd, MEDIUM_ERROR,
			     DL_ASC_UNRECOVERED_READ_ERROR, 0, bad);
		scsi_set_resid(cmd, scsi_bufflen(cmd) - good);
		return;
	}
	cmd->result = SAM_STAT_GOOD;
	scsi_set_resid(cmd, scsi_bufflen(cmd) - want);
}

/* Complete @dc with CHECK CONDITION at @lba after @done bytes moved. */
static void dl_io_fail(struct dl_cmd *dc, u8 key, u8 asc, u64 lba,
		       size_t done, bool ili)
{
	struct scsi_cmnd *cmd = dc->cmd;

	dl_sense_lba(cmd, key, asc, 0, lba);
	if (ili)
		cmd->sense_buffer[2] |= 0x20;
	scsi_set_resid(cmd, scsi_bufflen(cmd) - done);
}

/* Staging buffers of a layout read: stored sectors, and one sector out. */
struct dl_io_bufs {
	struct dl_stage st;
	u8 *raw;	/* 2352 bytes of the sector */
	u8 *out;	/* DL_RC_MAX_SIZE: what READ CD returns of it */
	const u8 *c2;	/* its C2 information (quirks), NULL: none */
};

static int dl_io_bufs_get(struct dl_io_bufs *b, size_t out_size)
{
	memset(b, 0, sizeof(*b));
	/*
	 * The workers run with PF_MEMALLOC_NOIO: GFP_KERNEL does no I/O. A
	 * failure requeues the command, so it is not worth a warning.
	 */
	b->st.buf = kvmalloc(DL_STAGE_SIZE + DL_CD_RAW_SIZE + out_size,
			     GFP_KERNEL | __GFP_NOWARN);
	if (!b->st.buf)
		return -ENOMEM;
	b->raw = b->st.buf + DL_STAGE_SIZE;
	b->out = b->raw + DL_CD_RAW_SIZE;
	return 0;
}

/* Lay out one READ CD block of sector @lba (framed in @b->raw) in @b->out. */
static u32 dl_readcd_sector(const struct dl_readcd_layout *l,
			    struct dl_io_bufs *b, const struct dl_media *m,
			    const struct dl_track *t, s32 lba,
			    const u8 *stored)
{
	u8 *p = b->out;
	u8 i;

	for (i = 0; i < l->nr; i++) {
		const struct dl_rc_field *f = &l->field[i];

		switch (f->source) {
		case DL_RC_FROM_SECTOR:
			memcpy(p, b->raw + f->offset, f->len);
			break;
		case DL_RC_FROM_C2:
			if (b->c2)
				memcpy(p, b->c2, f->len);
			else
				memset(p, 0, f->len);
			break;
		case DL_RC_FROM_SUB_RAW:
			dl_sector_sub(m, t, lba, stored, p, NULL);
			break;
		case DL_RC_FROM_SUB_Q:
			dl_sector_sub(m, t, lba, stored, NULL, p);
			break;
		}
		p += f->len;
	}
	return l->size;
}

/*
 * An "any type" READ CD ends where CD-DA and data sectors meet (MMC: the
 * drive terminates the command at such a transition), whichever way.
 */
static bool dl_cdda_transition(u8 from, u8 to)
{
	return (from == DL_SECTOR_CDDA) != (to == DL_SECTOR_CDDA);
}

/*
 * Frame sector @lba for READ CD in @b->raw, through the drive's quirks
 * when @qr is not NULL; its track in @tp and stored bytes in @storedp.
 *
 * Return: the type it is returned as, 0 when no track holds it, or a
 * negative errno when its file cannot be read.
 */
static int dl_readcd_frame(const struct dl_media *m, struct dl_io_bufs *b,
			   struct dl_quirk_read *qr, s32 lba, u32 want,
			   const struct dl_track **tp, const u8 **storedp)
{
	const struct dl_track *t = dl_track_at(m, lba);
	const u8 *stored = NULL;
	u8 type;

	if (!t)
		t = dl_quirk_leadout(qr, lba);
	if (!t)
		return 0;
	if (dl_is_stored(t, lba)) {
		stored = dl_stage_fill(&b->st, t, lba, want);
		if (IS_ERR(stored))
			return PTR_ERR(stored);
	}
	type = dl_sector_frame(t, lba, stored, b->raw);
	*tp = t;
	*storedp = stored;
	if (!qr)
		return type;
	b->c2 = dl_quirk_c2(qr);
	return dl_quirk_sector(qr, lba, type, want, b->raw);
}

/*
 * READ CD and READ CD MSF: each sector framed as its track says, checked
 * against the expected sector type, laid out as the selection asks for
 * its type. Stops at the first sector that cannot be returned: one of
 * another type than the expected one or, for "any type" (0), the first
 * one across a CD-DA / data transition (05/64/00 with its LBA). A drive
 * with quirks returns sectors as quirks.c makes them.
 */
static void dl_do_readcd(struct dl_cmd *dc)
{
	struct scsi_cmnd *cmd = dc->cmd;
	const struct dl_media *m = dc->media;
	u32 n = dc->nblocks, good = n, i, len;
	struct dl_readcd_layout *l = &dc->rc;
	struct dl_quirk_read *qr;
	const struct dl_track *t = NULL;
	struct dl_sgpos sp;
	struct dl_io_bufs b;
	const u8 *stored = NULL;
	u8 type, ltype = 0;
	bool failed = false;
	size_t off = 0;
	int ret;
	u64 bad;
	s32 lba;

	if (dl_fault_hit(dc->drive, dc->lba, n, true, &bad))
		good = bad - dc->lba;
	qr = dl_quirk_begin(dc);
	if (IS_ERR(qr) || dl_io_bufs_get(&b, DL_RC_MAX_SIZE)) {
		if (!IS_ERR(qr))
			dl_quirk_end(qr);
		cmd->result = DID_REQUEUE << 16;
		return;
	}
	cmd->result = SAM_STAT_GOOD;
	dl_sgpos_seek(&sp, scsi_sglist(cmd), 0);
	for (i = 0; i < good; i++) {
		lba = dc->lba + i;
		ret = dl_readcd_frame(m, &b, qr, lba, good - i, &t, &stored);
		if (!ret) {
			dl_io_fail(dc, ILLEGAL_REQUEST,
				   DL_ASC_LBA_OUT_OF_RANGE, lba, off, false);
			goto out;
		}
		if (ret < 0) {
			failed = true;
			break;
		}
		type = ret;
		if (dc->rc_type ? type != dc->rc_type :
		    ltype && dl_cdda_transition(ltype, type)) {
			dl_io_fail(dc, ILLEGAL_REQUEST,
				   DL_ASC_ILLEGAL_MODE_FOR_TRACK, lba, off,
				   false);
			goto out;
		}
		if (type != ltype &&
		    !dl_readcd_layout_type(dc->rc_main, dc->rc_sub, type, l)) {
			dl_io_fail(dc, ILLEGAL_REQUEST,
				   DL_ASC_INVALID_FIELD_IN_CDB, lba, off,
				   false);
			goto out;
		}
		ltype = type;
		if (off + l->size > scsi_bufflen(cmd))
			break;
		len = dl_readcd_sector(l, &b, m, t, lba, stored);
		dl_sgpos_put(&sp, b.out, len);
		off += len;
		if (!(i % DL_STAGE_SECTORS))
			cond_resched();
	}
	/* the file failed, or an injected fault: blocks before it are good */
	if (failed || (i == good && good < n))
		dl_io_fail(dc, MEDIUM_ERROR, DL_ASC_UNRECOVERED_READ_ERROR,
			   dc->lba + i, off, false);
	else
		scsi_set_resid(cmd, scsi_bufflen(cmd) - off);
out:
	kvfree(b.st.buf);
	dl_quirk_end(qr);
}

/*
 * READ(10)/(12) on a CD layout: 2048-byte stored sectors go straight into
 * the command's pages, and so does the user data of raw ones (rawread.c);
 * unstored Mode 1 sectors are zeros. Sectors without 2048 bytes of user
 * data (audio, Mode 2 formless, Form 2, the empty Form 2 sectors of XA
 * gaps) end the read with 05/64/00, ILI and their LBA; a session gap with
 * 05/21/00.
 */
static void dl_do_read_layout(struct dl_cmd *dc)
{
	struct scsi_cmnd *cmd = dc->cmd;
	const struct dl_media *m = dc->media;
	u32 n = dc->nblocks, good = n, i = 0, run;
	const struct dl_track *t;
	bool form2;
	ssize_t ret;
	loff_t pos;
	u64 bad;
	s32 lba;
	int got;

	/* whole blocks the buffer holds: a short one gets what fits */
	n = min_t(u32, n, scsi_bufflen(cmd) / DL_CD_DATA_SIZE);
	good = n;
	if (dl_fault_hit(dc->drive, dc->lba, n, true, &bad))
		good = bad - dc->lba;
	cmd->result = SAM_STAT_GOOD;
	while (i < good) {
		lba = dc->lba + i;
		t = dl_track_at(m, lba);
		if (!t) {
			dl_io_fail(dc, ILLEGAL_REQUEST,
				   DL_ASC_LBA_OUT_OF_RANGE, lba,
				   (size_t)i * DL_CD_DATA_SIZE, false);
			return;
		}
		form2 = true;	/* no user data here: 05/64/00 */
		if (t->type == DISCLOOP_TRACK_AUDIO ||
		    t->type == DISCLOOP_TRACK_MODE2)
			goto bad_sector;
		run = min_t(u32, good - i, t->end - lba);
		if (!dl_is_stored(t, lba)) {	/* a gap: Mode 1 zeros */
			if (t->type != DISCLOOP_TRACK_MODE1)
				goto bad_sector;
			if (lba < t->stored)
				run = min_t(u32, run, t->stored - lba);
			sg_zero_buffer(scsi_sglist(cmd), scsi_sg_count(cmd),
				       (size_t)run * DL_CD_DATA_SIZE,
				       (size_t)i * DL_CD_DATA_SIZE);
			i += run;
			continue;
		}
		run = min_t(u32, run, t->stored_end - lba);
		if (t->sector_size == DL_CD_DATA_SIZE) {
			pos = t->offset +
			      (loff_t)(lba - t->stored) * DL_CD_DATA_SIZE;
			ret = dl_read_pages(dc, t->df, pos,
					    (size_t)i * DL_CD_DATA_SIZE,
					    (size_t)run * DL_CD_DATA_SIZE);
			if (ret != (ssize_t)run * DL_CD_DATA_SIZE)
				goto medium_error;
			i += run;
			continue;
		}
		if (!dl_raw_user_offset(t))	/* Form 2 stored cooked */
			goto bad_sector;
		got = dl_read_raw_cached(dc, t, lba, run,
					 (size_t)i * DL_CD_DATA_SIZE, &form2);
		i += got;
		if (form2)
			goto bad_sector;
		if (got == run)
			continue;
		lba += got;
		run = min_t(u32, run - got, DL_RAW_BATCH);
		if (run == 1 && t->type == DISCLOOP_TRACK_MODE1) {
			/* one sector: its user data alone, as an ISO block */
			pos = t->offset + (loff_t)(lba - t->stored) *
			      t->sector_size + DL_CD_DATA_OFFSET;
			ret = dl_read_pages(dc, t->df, pos,
					    (size_t)i * DL_CD_DATA_SIZE,
					    DL_CD_DATA_SIZE);
			if (ret != DL_CD_DATA_SIZE)
				goto medium_error;
			i++;
			continue;
		}
		got = dl_read_raw_user(dc, t, lba, run,
				       (size_t)i * DL_CD_DATA_SIZE, &form2);
		if (got < 0) {
			cmd->result = DID_REQUEUE << 16;
			return;
		}
		i += got;
		if (got < run)
			goto bad_sector;
		cond_resched();
	}
	if (good < n) {
		i = good;
		goto medium_error;
	}
	scsi_set_resid(cmd, scsi_bufflen(cmd) - (size_t)n * DL_CD_DATA_SIZE);
	return;
bad_sector:		/* one without 2048 bytes of user data, or unreadable */
	if (!form2)
		goto medium_error;
	dl_io_fail(dc, ILLEGAL_REQUEST, DL_ASC_ILLEGAL_MODE_FOR_TRACK,
		   dc->lba + i, (size_t)i * DL_CD_DATA_SIZE, true);
	return;
medium_error:
	dl_io_fail(dc, MEDIUM_ERROR, DL_ASC_UNRECOVERED_READ_ERROR,
		   dc->lba + i, (size_t)i * DL_CD_DATA_SIZE, false);
}

/* Read one command into its pages, or lay out its READ CD blocks. */
static void dl_io_one(struct dl_cmd *dc)
{
	if (dc->readcd)
		dl_do_readcd(dc);
	else if (dc->media->plain)
		dl_do_read(dc);
	else
		dl_do_read_layout(dc);
	dl_media_put(dc->media);
	dc->media = NULL;
}

/*
 * Take the next queued read, or mark @w idle when there is none. Deciding
 * "idle" under the lock that dl_queue_read() takes means no read is left
 * behind without a worker.
 */
static struct dl_cmd *dl_io_next(struct dl_drive *drive, struct dl_worker *w)
{
	struct dl_cmd *dc = NULL;
	unsigned long flags;

	spin_lock_irqsave(&drive->qlock, flags);
	if (list_empty(&drive->queue)) {
		w->running = false;
		drive->nr_running--;
	} else {
		dc = list_first_entry(&drive->queue, struct dl_cmd, node);
		list_del_init(&dc->node);
		dc->state = DL_CMD_RUNNING;
		dc->worker = w;
		w->cur = dc;
	}
	spin_unlock_irqrestore(&drive->qlock, flags);
	return dc;
}

/*
 * dl_io_work() - a worker: drain the drive's read queue
 * @work:	dl_worker.work
 *
 * Runs with PF_MEMALLOC_NOIO, as loop's worker does. A worker keeps taking
 * reads while there are any, so that a deep queue costs one wake-up rather
 * than one per command; up to dl_nr_workers of them serve a drive at once.
 * The disc reference taken at queue time is dropped per command, so an
 * eject or a drive removal during the read releases the file afterwards.
 */
static void dl_io_work(struct work_struct *work)
{
	struct dl_worker *w = container_of(work, struct dl_worker, work);
	struct dl_drive *drive = w->drive;
	unsigned int noio = memalloc_noio_save();
	struct dl_cmd *dc;

	while ((dc = dl_io_next(drive, w))) {
		dl_io_one(dc);
		/*
		 * Normally RUNNING -> IDLE, complete, and only then let go of
		 * @cur (dl_io_abort() waits on it). If the abort handler got
		 * there first (ABORTING), the command belongs to the error
		 * handler: just tell it the read is over.
		 */
		if (cmpxchg(&dc->state, DL_CMD_RUNNING, DL_CMD_IDLE) ==
		    DL_CMD_RUNNING) {
			scsi_done(dc->cmd);
			/*
			 * Pairs with the smp_load_acquire() of @cur in
			 * dl_io_abort(): once it sees NULL, scsi_done() has
			 * returned and this worker is done with the command.
			 */
			smp_store_release(&w->cur, NULL);
		} else {
			/*
			 * @cur is cleared before the command goes IDLE, so an
			 * abort handler that owns it again never finds it
			 * named as this worker's current read.
			 */
			smp_store_release(&w->cur, NULL);
			/*
			 * Pairs with the smp_load_acquire() of the state in
			 * dl_io_abort()'s wait: once it sees IDLE, the read
			 * into the command's pages is over and visible.
			 */
			smp_store_release(&dc->state, DL_CMD_IDLE);
			wake_up_all(&drive->abort_wait);
		}
		cond_resched();
	}
	memalloc_noio_restore(noio);
}

/**
 * dl_io_init_drive() - set up a new drive's read queue and workers
 * @drive:	the drive, not yet visible to the SCSI midlayer
 */
void dl_io_init_drive(struct dl_drive *drive)
{
	unsigned int i;

	spin_lock_init(&drive->qlock);
	INIT_LIST_HEAD(&drive->queue);
	init_waitqueue_head(&drive->abort_wait);
	for (i = 0; i < DL_MAX_WORKERS; i++) {
		INIT_WORK(&drive->workers[i].work, dl_io_work);
		drive->workers[i].drive = drive;
	}
}

/**
 * dl_io_free_drive() - free what a drive's workers kept between commands
 * @drive:	the drive, with no worker left running
 */
void dl_io_free_drive(struct dl_drive *drive)
{
	unsigned int i;

	for (i = 0; i < DL_MAX_WORKERS; i++) {
		if (drive->workers[i].raw_page)
			__free_page(drive->workers[i].raw_page);
		kfree(drive->workers[i].raw_bv);
	}
}

/**
 * dl_queue_read() - hand a validated read to the drive's workers
 * @cmd:	READ(10), READ(12), READ CD or READ CD MSF
 * @m:		the disc, referenced by the caller; the worker drops it
 * @lba:	first block
 * @nblocks:	number of blocks (at least one)
 *
 * Another worker is started only while fewer than dl_nr_workers run: the
 * ones running pick the command up from the queue without a wake-up.
 */
void dl_queue_read(struct scsi_cmnd *cmd, struct dl_media *m, u64 lba,
		   u32 nblocks)
{
	struct dl_cmd *dc = dl_cmd(cmd);
	struct dl_drive *drive = dc->drive;
	struct dl_worker *idle = NULL;
	unsigned long flags;
	unsigned int i;

	dc->media = m;
	dc->lba = lba;
	dc->nblocks = nblocks;

	spin_lock_irqsave(&drive->qlock, flags);
	list_add_tail(&dc->node, &drive->queue);
	dc->state = DL_CMD_QUEUED;
	if (drive->nr_running < dl_nr_workers) {
		for (i = 0; i < dl_nr_workers; i++) {
			if (!drive->workers[i].running) {
				idle = &drive->workers[i];
				idle->running = true;
				drive->nr_running++;
				break;
			}
		}
	}
	spin_unlock_irqrestore(&drive->qlock, flags);
	if (idle)
		queue_work(dl_wq, &idle->work);
}

/**
 * dl_io_abort() - take back a read that timed out
 * @cmd:	the command the error handler aborts
 *
 * A read still on the queue is removed and its disc reference dropped; a
 * read in progress is waited for, and its worker leaves it uncompleted; a
 * read whose worker is just completing it is waited for until scsi_done()
 * has returned. Either way nothing touches @cmd after this returns.
 *
 * Return: true if @cmd was a read owned by a worker.
 */
bool dl_io_abort(struct scsi_cmnd *cmd)
{
	struct dl_cmd *dc = dl_cmd(cmd);
	struct dl_drive *drive = dc->drive;
	struct dl_worker *w;
	unsigned long flags;

	if (!drive)
		return false;
	spin_lock_irqsave(&drive->qlock, flags);
	switch (dc->state) {
	case DL_CMD_QUEUED:
		list_del_init(&dc->node);
		dc->state = DL_CMD_IDLE;
		spin_unlock_irqrestore(&drive->qlock, flags);
		dl_media_put(dc->media);
		dc->media = NULL;
		return true;
	case DL_CMD_RUNNING:
		if (cmpxchg(&dc->state, DL_CMD_RUNNING, DL_CMD_ABORTING) ==
		    DL_CMD_RUNNING) {
			spin_unlock_irqrestore(&drive->qlock, flags);
			wait_event(drive->abort_wait,
				   /* pairs with the worker's release of IDLE */
				   smp_load_acquire(&dc->state) == DL_CMD_IDLE);
			return true;
		}
		fallthrough;	/* the worker finished it meanwhile */
	default:
		w = dc->worker;
		spin_unlock_irqrestore(&drive->qlock, flags);
		/*
		 * scsi_done() of a timed-out command returns at once; sleep
		 * rather than spin, the worker may share this CPU. Pairs with
		 * the worker's release of @cur after scsi_done().
		 */
		while (w && smp_load_acquire(&w->cur) == dc)
			usleep_range(10, 50);
		return w != NULL;
	}
}
