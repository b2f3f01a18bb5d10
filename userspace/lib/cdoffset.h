/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Read offsets of CD drives, in samples (4 bytes: 16-bit left and right),
 * with AccurateRip's sign: a drive with a read offset correction of +N
 * returns each sample N samples late, so the sample the disc holds at
 * position p is taken from position p + N of what the drive returns. The
 * sectors [s, s + n) of a corrected rip are the bytes [s * 2352 + 4N,
 * (s + n) * 2352 + 4N) of the drive's stream: positive offsets read into
 * the next sector (and past the last one into the lead-out), negative ones
 * into the previous (the pregap, the lead-in).
 *
 * The combined offset (the drive's read offset plus the disc's write
 * offset) shows on a disc with a data track: read a data sector as CD-DA,
 * find its sync pattern, descramble its header (ECMA-130 annex B) to learn
 * which sector it is, and see how far from that sector's place it came.
 */
#ifndef DL_CDOFFSET_H
#define DL_CDOFFSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DL_SAMPLE_SIZE		4
#define DL_SAMPLES_PER_SECTOR	588
/* Larger offsets are not read offsets (AccurateRip's list stays far below). */
#define DL_OFFSET_MAX		(DL_SAMPLES_PER_SECTOR * 10)

/*
 * What to read for the corrected sectors [@lba, @lba + @n) with @offset:
 * the drive's sectors [*first, *first + *count), of which the corrected
 * data begins at byte *skip (0..2351) of the first.
 */
void dl_offset_span(int32_t lba, uint32_t n, int offset, int32_t *first, uint32_t *count,
		    uint32_t *skip);

/*
 * The corrected sectors [@lba, @lba + @n) into @out from @raw, the drive's
 * sectors [@raw_first, @raw_first + @raw_n) as read. Bytes @raw does not
 * hold (a drive that would not overread) become zero; their count is
 * returned (0: all there).
 */
size_t dl_offset_apply(const uint8_t *raw, int32_t raw_first, uint32_t raw_n, int32_t lba,
		       uint32_t n, int offset, uint8_t *out);

/* The ECMA-130 scrambler's byte @i (0 at sector byte 12), i < 2340. */
uint8_t dl_scrambler_byte(unsigned int i);
/* Scramble (or descramble: the same) bytes 12..2351 of a raw @sector. */
void dl_scramble(uint8_t *sector);

/*
 * Find a data sector in @buf, @len bytes the drive returned as CD-DA
 * starting at sector @lba_read: its sync pattern, its header descrambled.
 * On success *@offset is the combined offset in samples and *@found the
 * sector's LBA; false when no sync with a valid BCD header (Mode 1 or 2)
 * lies in @buf, or the offset is not a whole number of samples.
 * @scrambled: the drive returns data sectors as they are on the disc
 * (false: descrambled already, as many drives do).
 */
bool dl_offset_detect(const uint8_t *buf, size_t len, int32_t lba_read, bool scrambled,
		      int *offset, int32_t *found);

#endif /* DL_CDOFFSET_H */
