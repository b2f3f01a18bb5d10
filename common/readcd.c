// SPDX-License-Identifier: GPL-2.0
/*
 * READ CD: the per-sector layout of a main channel and sub-channel
 * selection on a Mode 1 track (see readcd.h). The raw sector is sync (12
 * bytes), header (4), user data (2048), then EDC, zero area and P/Q
 * parity (288), as ECMA-130 lays out Mode 1; MMC returns the selected
 * parts in that order, then C2 information, then the sub-channel.
 */
#include "readcd.h"

static void dl_rc_add(struct dl_readcd_layout *l, u8 source, u16 offset,
		      u16 len)
{
	struct dl_rc_field *last = l->nr ? &l->field[l->nr - 1] : NULL;

	l->size += len;
	if (last && source == DL_RC_FROM_SECTOR &&
	    last->source == DL_RC_FROM_SECTOR &&
	    last->offset + last->len == offset) {
		last->len += len;
		return;
	}
	l->field[l->nr].source = source;
	l->field[l->nr].offset = offset;
	l->field[l->nr].len = len;
	l->nr++;
}

/* The C2 pointers and the sub-channel, after the main-channel fields. */
static void dl_rc_add_extras(struct dl_readcd_layout *l, u8 c2, u8 sub)
{
	if (c2 == DL_RC_C2_PTRS)
		dl_rc_add(l, DL_RC_FROM_C2, 0, DL_CD_C2_SIZE);
	else if (c2 == DL_RC_C2_PTRS_BLOCK)
		dl_rc_add(l, DL_RC_FROM_C2, 0, DL_CD_C2_BLOCK_SIZE);
	if (sub == DL_RC_SUB_RAW)
		dl_rc_add(l, DL_RC_FROM_SUB_RAW, 0, DL_CD_SUB_RAW_SIZE);
	else if (sub == DL_RC_SUB_Q)
		dl_rc_add(l, DL_RC_FROM_SUB_Q, 0, DL_CD_SUBQ_SIZE);
}

bool dl_readcd_layout(u8 main, u8 sub, struct dl_readcd_layout *l)
{
	u8 c2 = main & DL_RC_ERROR_FIELD;

	sub &= DL_RC_SUBCHANNEL;
	memset(l, 0, sizeof(*l));
	if ((main & DL_RC_MAIN_RESERVED) || c2 == DL_RC_C2_RESERVED ||
	    (sub != DL_RC_SUB_NONE && sub != DL_RC_SUB_RAW &&
	     sub != DL_RC_SUB_Q))
		return false;

	if (main & DL_RC_SYNC)
		dl_rc_add(l, DL_RC_FROM_SECTOR, 0, DL_CD_SYNC_SIZE);
	if (main & DL_RC_HDR_HEADER)	/* header alone, or all headers */
		dl_rc_add(l, DL_RC_FROM_SECTOR, DL_CD_HEADER_OFFSET,
			  DL_CD_HEADER_SIZE);
	if (main & DL_RC_USER_DATA)
		dl_rc_add(l, DL_RC_FROM_SECTOR, DL_CD_DATA_OFFSET,
			  DL_CD_DATA_SIZE);
	if (main & DL_RC_EDC_ECC)
		dl_rc_add(l, DL_RC_FROM_SECTOR, DL_CD_EDC_OFFSET,
			  DL_CD_RAW_SIZE - DL_CD_EDC_OFFSET);
	dl_rc_add_extras(l, c2, sub);
	return true;
}

/* Offset and length of sync, header, sub-header, user data, EDC/ECC. */
struct dl_rc_span {
	u16 offset;
	u16 len;
};

static const struct dl_rc_span dl_rc_spans[6][5] = {
	[DL_SECTOR_MODE1] = {
		{ 0, 12 }, { 12, 4 }, { 16, 0 }, { 16, 2048 }, { 2064, 288 } },
	[DL_SECTOR_MODE2] = {
		{ 0, 12 }, { 12, 4 }, { 16, 0 }, { 16, 2336 }, { 2352, 0 } },
	[DL_SECTOR_FORM1] = {
		{ 0, 12 }, { 12, 4 }, { 16, 8 }, { 24, 2048 }, { 2072, 280 } },
	[DL_SECTOR_FORM2] = {
		{ 0, 12 }, { 12, 4 }, { 16, 8 }, { 24, 2328 }, { 2352, 0 } },
};

/* Main channel bits for sync, header, sub-header, user data, EDC/ECC. */
static bool dl_rc_wants(u8 main, int field)
{
	static const u8 bit[5] = {
		DL_RC_SYNC, DL_RC_HDR_HEADER, DL_RC_HDR_SUBHEADER,
		DL_RC_USER_DATA, DL_RC_EDC_ECC,
	};

	return main & bit[field];
}

bool dl_readcd_layout_type(u8 main, u8 sub, u8 type,
			   struct dl_readcd_layout *l)
{
	u8 c2 = main & DL_RC_ERROR_FIELD;
	bool started = false, ended = false;
	int i;

	sub &= DL_RC_SUBCHANNEL;
	memset(l, 0, sizeof(*l));
	if ((main & DL_RC_MAIN_RESERVED) || c2 == DL_RC_C2_RESERVED ||
	    (sub != DL_RC_SUB_NONE && sub != DL_RC_SUB_RAW &&
	     sub != DL_RC_SUB_Q) ||
	    type < DL_SECTOR_CDDA || type > DL_SECTOR_FORM2)
		return false;

	if (type == DL_SECTOR_CDDA) {
		if (main & DL_RC_USER_DATA)
			dl_rc_add(l, DL_RC_FROM_SECTOR, 0, DL_CD_RAW_SIZE);
	} else {
		for (i = 0; i < 5; i++) {
			const struct dl_rc_span *f = &dl_rc_spans[type][i];

			if (!f->len)
				continue;	/* a field the sector lacks */
			if (!dl_rc_wants(main, i)) {
				ended = started;
				continue;
			}
			if (ended)
				return false;	/* a gap between two fields */
			started = true;
			dl_rc_add(l, DL_RC_FROM_SECTOR, f->offset, f->len);
		}
	}
	dl_rc_add_extras(l, c2, sub);
	return true;
}
