// SPDX-License-Identifier: GPL-2.0
/*
 * discloop: injected faults. Each drive has a small table of bad ranges,
 * set through DISCLOOP_CTL_SET_FAULTS and cleared when a disc is inserted
 * or ejected. Reads (io.c) and VERIFY (mmc.c) check it; a permanent range
 * always fails, a weak one fails for a number of reads and then heals.
 */
#include "dl_internal.h"

/**
 * dl_faults_set() - replace a drive's injected fault ranges
 * @drive:	the drive
 * @f:		the new ranges, checked by the caller (count > 0, nr in range)
 *
 * Return: 0, or -ENOMEDIUM when ranges are given and the drive is empty.
 */
int dl_faults_set(struct dl_drive *drive, const struct discloop_faults *f)
{
	unsigned long flags;
	int err = 0;
	u32 i;

	spin_lock_irqsave(&drive->lock, flags);
	if (!drive->media && f->nr) {
		err = -ENOMEDIUM;
	} else {
		for (i = 0; i < f->nr; i++) {
			drive->faults[i].lba = f->fault[i].lba;
			drive->faults[i].count = f->fault[i].count;
			drive->faults[i].left = f->fault[i].reads;
			drive->faults[i].permanent = !f->fault[i].reads;
		}
		drive->nr_faults = f->nr;
	}
	spin_unlock_irqrestore(&drive->lock, flags);
	return err;
}

/**
 * dl_fault_hit() - does a read of [@lba, @lba + @n) hit an injected fault?
 * @drive:	the drive
 * @lba:	first block
 * @n:		number of blocks
 * @consume:	count this read against weak ranges it touches
 * @bad:	out: the first failing block
 *
 * Return: true if some block fails.
 */
bool dl_fault_hit(struct dl_drive *drive, u64 lba, u32 n, bool consume,
		  u64 *bad)
{
	unsigned long flags;
	bool hit = false;
	u64 first = U64_MAX;
	u32 i;

	if (!READ_ONCE(drive->nr_faults))
		return false;
	spin_lock_irqsave(&drive->lock, flags);
	for (i = 0; i < drive->nr_faults; i++) {
		struct dl_fault *f = &drive->faults[i];

		if (f->lba >= lba + n || f->lba + f->count <= lba)
			continue;
		if (!f->permanent && !f->left)
			continue;
		if (!f->permanent && consume)
			f->left--;
		hit = true;
		first = min(first, max(f->lba, lba));
	}
	spin_unlock_irqrestore(&drive->lock, flags);
	*bad = first;
	return hit;
}
