// SPDX-License-Identifier: GPL-2.0
/*
 * GNU ddrescue mapfile reading and writing, and the in-memory map the
 * ripper updates as sectors are read. The format is ddrescue's so that
 * ddrescuelog and ddrescue itself can use discloop's maps, and vice versa.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* mkostemp */
#endif
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mapfile.h"

static bool valid_status(char c)
{
	return c && strchr("?*/-+", c);
}

static int reserve(struct dl_map *m, size_t n)
{
	struct dl_map_block *nb;
	size_t cap;

	if (n <= m->cap)
		return 0;
	cap = m->cap ? m->cap * 2 : 16;
	while (cap < n)
		cap *= 2;
	nb = realloc(m->b, cap * sizeof(*nb));
	if (!nb)
		return -ENOMEM;
	m->b = nb;
	m->cap = cap;
	return 0;
}

int dl_map_init(struct dl_map *m, uint64_t size)
{
	memset(m, 0, sizeof(*m));
	m->size = size;
	m->current_status = '?';
	m->current_pass = 1;
	if (!size)
		return 0;
	if (reserve(m, 1))
		return -ENOMEM;
	m->b[0] = (struct dl_map_block){ 0, size, DL_MAP_NONTRIED };
	m->n = 1;
	return 0;
}

void dl_map_free(struct dl_map *m)
{
	free(m->b);
	free(m->note);
	memset(m, 0, sizeof(*m));
}

/* Index of the block holding @pos (m->n if none). */
static size_t find(const struct dl_map *m, uint64_t pos)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (pos < m->b[mid].pos)
			hi = mid;
		else if (pos >= m->b[mid].pos + m->b[mid].size)
			lo = mid + 1;
		else
			return mid;
	}
	return m->n;
}

int dl_map_set(struct dl_map *m, uint64_t pos, uint64_t size, char st)
{
	size_t i, j, k, nnew;
	struct dl_map_block nb[3];
	uint64_t end;

	if (pos >= m->size || !size)
		return 0;
	if (size > m->size - pos)
		size = m->size - pos;
	end = pos + size;
	i = find(m, pos);
	j = find(m, end - 1);
	if (i == m->n || j == m->n)
		return -EINVAL;		/* cannot happen in a well-formed map */
	/* Replace blocks i..j by: head of i, the new block, tail of j. */
	nnew = 0;
	if (m->b[i].pos < pos)
		nb[nnew++] = (struct dl_map_block){ m->b[i].pos, pos - m->b[i].pos, m->b[i].status };
	nb[nnew++] = (struct dl_map_block){ pos, size, st };
	if (m->b[j].pos + m->b[j].size > end)
		nb[nnew++] = (struct dl_map_block){ end, m->b[j].pos + m->b[j].size - end,
						    m->b[j].status };
	if (reserve(m, m->n + 3))
		return -ENOMEM;
	memmove(m->b + i + nnew, m->b + j + 1, (m->n - j - 1) * sizeof(*m->b));
	memcpy(m->b + i, nb, nnew * sizeof(*nb));
	m->n = m->n - (j - i + 1) + nnew;
	/* Merge neighbours with equal status around the changed part. */
	k = i ? i - 1 : 0;
	while (k + 1 < m->n && k <= i + nnew) {
		if (m->b[k].status == m->b[k + 1].status) {
			m->b[k].size += m->b[k + 1].size;
			memmove(m->b + k + 1, m->b + k + 2, (m->n - k - 2) * sizeof(*m->b));
			m->n--;
		} else {
			k++;
		}
	}
	return 0;
}

char dl_map_status_at(const struct dl_map *m, uint64_t pos)
{
	size_t i = find(m, pos);

	return i < m->n ? m->b[i].status : '\0';
}

uint64_t dl_map_count(const struct dl_map *m, char st)
{
	uint64_t t = 0;
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->b[i].status == st)
			t += m->b[i].size;
	return t;
}

bool dl_map_next(const struct dl_map *m, uint64_t from, const char *sts,
		 uint64_t *pos, uint64_t *size)
{
	size_t i = find(m, from);

	for (; i < m->n; i++) {
		const struct dl_map_block *b = &m->b[i];

		if (!strchr(sts, b->status))
			continue;
		*pos = b->pos > from ? b->pos : from;
		*size = b->pos + b->size - *pos;
		return true;
	}
	return false;
}

static int parse_num(const char **p, uint64_t *v)
{
	char *end;

	while (**p == ' ' || **p == '\t')
		(*p)++;
	if (**p == '-' || **p == '+')	/* strtoull would accept a sign */
		return -1;
	errno = 0;
	*v = strtoull(*p, &end, 0);
	if (end == *p || errno)
		return -1;
	*p = end;
	return 0;
}

static int parse_status(const char **p, char *st)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
	if (!valid_status(**p) && !strchr("FG", **p))
		return -1;
	*st = **p;
	(*p)++;
	if (**p && **p != ' ' && **p != '\t' && **p != '\r')
		return -1;
	return 0;
}

static bool rest_blank(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r')
		p++;
	return !*p;
}

/* The caller's comment line (struct dl_map.note). */
#define NOTE		"# Note: "
#define NOTE_LEN	(sizeof(NOTE) - 1)

int dl_map_parse(struct dl_map *m, const char *text, char *err, size_t errlen)
{
	const char *line = text;
	int lineno = 0;
	bool have_current = false;
	uint64_t expect = 0;

	memset(m, 0, sizeof(*m));
	m->current_status = '?';
	m->current_pass = 1;
	while (*line) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		char buf[256];
		const char *p = buf;

		lineno++;
		if (len > NOTE_LEN && !strncmp(line, NOTE, NOTE_LEN)) {
			free(m->note);
			m->note = strndup(line + NOTE_LEN, len - NOTE_LEN);
			if (!m->note) {
				snprintf(err, errlen, "out of memory");
				goto bad;
			}
			line = nl ? nl + 1 : line + len;
			continue;
		}
		if (len >= sizeof(buf)) {
			snprintf(err, errlen, "line %d: too long", lineno);
			goto bad;
		}
		memcpy(buf, line, len);
		buf[len] = '\0';
		line = nl ? nl + 1 : line + len;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#' || rest_blank(p))
			continue;
		if (!have_current) {
			uint64_t pass = 1;

			if (parse_num(&p, &m->current_pos) ||
			    parse_status(&p, &m->current_status)) {
				snprintf(err, errlen, "line %d: expected 'current_pos current_status'",
					 lineno);
				goto bad;
			}
			if (!rest_blank(p) && (parse_num(&p, &pass) || !rest_blank(p) ||
					       pass < 1 || pass > 5)) {
				snprintf(err, errlen, "line %d: bad current_pass", lineno);
				goto bad;
			}
			m->current_pass = (int)pass;
			have_current = true;
			continue;
		}
		{
			uint64_t pos, size;
			char st;

			if (parse_num(&p, &pos) || parse_num(&p, &size) ||
			    parse_status(&p, &st) || !rest_blank(p) || !valid_status(st)) {
				snprintf(err, errlen, "line %d: expected 'pos size status'", lineno);
				goto bad;
			}
			if (pos != expect) {
				snprintf(err, errlen, "line %d: block at 0x%" PRIx64
					 " does not follow the previous one (0x%" PRIx64 ")",
					 lineno, pos, expect);
				goto bad;
			}
			if (!size) {
				snprintf(err, errlen, "line %d: empty block", lineno);
				goto bad;
			}
			if (size > UINT64_MAX - pos) {
				snprintf(err, errlen, "line %d: block too large", lineno);
				goto bad;
			}
			if (m->n && m->b[m->n - 1].status == st) {
				m->b[m->n - 1].size += size;
			} else {
				if (reserve(m, m->n + 1)) {
					snprintf(err, errlen, "out of memory");
					goto bad;
				}
				m->b[m->n++] = (struct dl_map_block){ pos, size, st };
			}
			expect = pos + size;
		}
	}
	if (!have_current) {
		snprintf(err, errlen, "no 'current_pos current_status' line");
		goto bad;
	}
	m->size = expect;
	return 0;
bad:
	dl_map_free(m);
	return -EINVAL;
}

int dl_map_load(struct dl_map *m, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "re");
	char *text = NULL;
	size_t len = 0, cap = 0, n;
	int ret;

	if (!f) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -errno;
	}
	for (;;) {
		if (cap - len < 4096) {
			char *t = realloc(text, cap + 65536);

			if (!t) {
				free(text);
				fclose(f);
				snprintf(err, errlen, "out of memory");
				return -ENOMEM;
			}
			text = t;
			cap += 65536;
		}
		n = fread(text + len, 1, cap - len - 1, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		ret = -errno;
		snprintf(err, errlen, "%s", strerror(errno));
		free(text);
		fclose(f);
		return ret;
	}
	fclose(f);
	text[len] = '\0';
	if (memchr(text, '\0', len)) {
		free(text);
		snprintf(err, errlen, "not a text file");
		return -EINVAL;
	}
	ret = dl_map_parse(m, text, err, errlen);
	free(text);
	return ret;
}

int dl_map_write(const struct dl_map *m, FILE *f, const char *cmdline)
{
	char when[64];
	time_t t = time(NULL);
	struct tm tm;
	size_t i;

	localtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	fprintf(f, "# Mapfile. Created by discloop rip (GNU ddrescue mapfile format)\n");
	if (cmdline)
		fprintf(f, "# Command line: %s\n", cmdline);
	if (m->note)
		fprintf(f, NOTE "%s\n", m->note);
	fprintf(f, "# Current time: %s\n", when);
	fprintf(f, "# current_pos  current_status  current_pass\n");
	fprintf(f, "0x%08" PRIX64 "     %c               %d\n", m->current_pos,
		m->current_status, m->current_pass);
	fprintf(f, "#      pos        size  status\n");
	for (i = 0; i < m->n; i++)
		fprintf(f, "0x%08" PRIX64 "  0x%08" PRIX64 "  %c\n", m->b[i].pos,
			m->b[i].size, m->b[i].status);
	return ferror(f) ? -EIO : 0;
}

int dl_map_save(const struct dl_map *m, const char *path, const char *cmdline)
{
	size_t len = strlen(path);
	char *tmp = malloc(len + 16), *dcopy;
	int fd, dfd, ret = 0;
	FILE *f;

	if (!tmp)
		return -ENOMEM;
	snprintf(tmp, len + 16, "%s.tmp.XXXXXX", path);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		free(tmp);
		return ret;
	}
	fchmod(fd, 0644);
	f = fdopen(fd, "w");
	if (!f) {
		ret = -errno;
		close(fd);
		goto out;
	}
	ret = dl_map_write(m, f, cmdline);
	if (!ret && fflush(f))
		ret = -errno;
	if (!ret && fsync(fd))
		ret = -errno;
	if (fclose(f) && !ret)
		ret = -errno;
	if (!ret && rename(tmp, path))
		ret = -errno;
out:
	if (ret) {
		unlink(tmp);
		free(tmp);
		return ret;
	}
	/* Make the rename itself durable. */
	dcopy = strdup(path);
	if (dcopy) {
		dfd = open(dirname(dcopy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
		free(dcopy);
	}
	free(tmp);
	return 0;
}
