// SPDX-License-Identifier: GPL-2.0
/* Logiqx XML dat files, read with libxml2, and checking a dump (dat.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "dat.h"
#include "errmsg.h"

#define MAX_DAT	(256U << 20)

static bool is_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* Attribute @name of @n as a malloc'd string, or NULL. */
static char *attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (!v)
		return NULL;
	s = strdup((const char *)v);
	xmlFree(v);
	return s;
}

/* A hex digest attribute into @out (lower case), @len digits; 0 or -EINVAL. */
static int hex_attr(const char *path, const xmlNode *n, const char *name, size_t len,
		    char *out, const char *rom)
{
	char *v = attr(n, name);
	size_t i;

	out[0] = '\0';
	if (!v)
		return 0;
	for (i = 0; v[i]; i++) {
		if (!strchr("0123456789abcdefABCDEF", v[i]))
			break;
		out[i] = (char)(v[i] | 0x20);
	}
	if (v[i] || i != len) {
		dl_seterr("%s:%ld: rom '%s': %s '%s' is not %zu hex digits", path,
			  xmlGetLineNo(n), rom, name, v, len);
		free(v);
		out[0] = '\0';
		return -EINVAL;
	}
	out[len] = '\0';
	free(v);
	return 0;
}

static int parse_rom(const char *path, const xmlNode *n, struct dl_dat_rom *r)
{
	char *size, *end;

	r->line = (int)xmlGetLineNo(n);
	r->name = attr(n, "name");
	if (!r->name || !*r->name) {
		dl_seterr("%s:%d: rom without a name", path, r->line);
		return -EINVAL;
	}
	size = attr(n, "size");
	if (size) {
		errno = 0;
		r->size = strtoull(size, &end, 10);
		if (errno || end == size || *end || *size == '-') {
			dl_seterr("%s:%d: rom '%s': size '%s' is not a number", path, r->line,
				  r->name, size);
			free(size);
			return -EINVAL;
		}
		r->has_size = true;
		free(size);
	}
	if (hex_attr(path, n, "crc", 8, r->crc, r->name) ||
	    hex_attr(path, n, "md5", 32, r->md5, r->name) ||
	    hex_attr(path, n, "sha1", 40, r->sha1, r->name))
		return -EINVAL;
	return 0;
}

static int parse_game(const char *path, const xmlNode *g, struct dl_dat_game *game)
{
	const xmlNode *n;
	int nr = 0, err;

	game->line = (int)xmlGetLineNo(g);
	game->name = attr(g, "name");
	if (!game->name) {
		dl_seterr("%s:%d: game without a name", path, game->line);
		return -EINVAL;
	}
	for (n = g->children; n; n = n->next)
		nr += is_el(n, "rom");
	game->roms = calloc((size_t)nr + 1, sizeof(*game->roms));
	if (!game->roms) {
		dl_seterr("%s: out of memory", path);
		return -ENOMEM;
	}
	for (n = g->children; n; n = n->next) {
		if (!is_el(n, "rom"))
			continue;
		err = parse_rom(path, n, &game->roms[game->nr_roms++]);
		if (err)
			return err;
	}
	return 0;
}

static int parse_doc(const char *path, xmlDoc *doc, struct dl_dat *d)
{
	const xmlNode *root = xmlDocGetRootElement(doc), *n;
	int nr = 0, err;

	if (!root || !is_el(root, "datafile")) {
		dl_seterr("%s:%ld: not a Logiqx dat (the root element is not <datafile>)", path,
			  root ? xmlGetLineNo(root) : 1L);
		return -EINVAL;
	}
	for (n = root->children; n; n = n->next)
		nr += is_el(n, "game") || is_el(n, "machine");
	d->games = calloc((size_t)nr + 1, sizeof(*d->games));
	if (!d->games) {
		dl_seterr("%s: out of memory", path);
		return -ENOMEM;
	}
	for (n = root->children; n; n = n->next) {
		if (!is_el(n, "game") && !is_el(n, "machine"))
			continue;
		err = parse_game(path, n, &d->games[d->nr_games++]);
		if (err)
			return err;
	}
	if (!d->nr_games) {
		dl_seterr("%s:%ld: the dat lists no game", path, xmlGetLineNo(root));
		return -EINVAL;
	}
	return 0;
}

/* The first error libxml2 meets (its last one is often only the end of the text). */
struct first_error {
	int line;
	char msg[256];
};

static void keep_first(void *data, xmlError *e)
{
	struct first_error *f = ((xmlParserCtxt *)data)->_private;

	if (f->line || !e || e->level < XML_ERR_ERROR)
		return;
	f->line = e->line > 0 ? e->line : 1;
	snprintf(f->msg, sizeof(f->msg), "%s", e->message ? e->message : "not XML");
}

int dl_dat_parse(const char *path, const char *text, size_t len, struct dl_dat *d)
{
	struct first_error first = { 0, "" };
	xmlParserCtxt *ctxt;
	xmlDoc *doc;
	int err;

	memset(d, 0, sizeof(*d));
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		dl_seterr("%s: out of memory", path);
		return -ENOMEM;
	}
	ctxt->_private = &first;
	ctxt->sax->serror = keep_first;
	/* No network, no DTD, no entity expansion, and no messages of its own. */
	doc = xmlCtxtReadMemory(ctxt, text, (int)len, path, NULL,
				XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char msg[256];
		size_t k;

		if (!first.line) {
			first.line = e && e->line > 0 ? e->line : 1;
			snprintf(first.msg, sizeof(first.msg), "%s",
				 e && e->message ? e->message : "not XML");
		}
		snprintf(msg, sizeof(msg), "%s", first.msg);
		k = strlen(msg);
		while (k && (msg[k - 1] == '\n' || msg[k - 1] == ' '))
			msg[--k] = '\0';
		dl_seterr("%s:%d: %s", path, first.line, msg);
		xmlFreeParserCtxt(ctxt);
		return -EINVAL;
	}
	err = parse_doc(path, doc, d);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	if (err)
		dl_dat_free(d);
	return err;
}

int dl_dat_load(const char *path, struct dl_dat *d)
{
	FILE *f = fopen(path, "re");
	char *buf;
	size_t n;
	int err;

	memset(d, 0, sizeof(*d));
	if (!f) {
		err = -errno;
		dl_seterr("%s: %s", path, strerror(-err));
		return err;
	}
	buf = malloc(MAX_DAT + 1);
	if (!buf) {
		fclose(f);
		dl_seterr("%s: out of memory", path);
		return -ENOMEM;
	}
	n = fread(buf, 1, MAX_DAT + 1, f);
	if (ferror(f)) {
		err = -errno;
		dl_seterr("%s: %s", path, strerror(-err));
	} else if (n > MAX_DAT) {
		err = -EFBIG;
		dl_seterr("%s: too large for a dat", path);
	} else {
		err = dl_dat_parse(path, buf, n, d);
	}
	fclose(f);
	free(buf);
	return err;
}

void dl_dat_free(struct dl_dat *d)
{
	int g, r;

	for (g = 0; g < d->nr_games; g++) {
		for (r = 0; r < d->games[g].nr_roms; r++)
			free(d->games[g].roms[r].name);
		free(d->games[g].roms);
		free(d->games[g].name);
	}
	free(d->games);
	memset(d, 0, sizeof(*d));
}

static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/* Same contents: size and every hash the rom gives (at least one). */
static bool same_contents(const struct dl_dat_rom *r, const struct dl_dat_file *f)
{
	if (!r->crc[0] && !r->md5[0] && !r->sha1[0])
		return false;
	return (!r->has_size || r->size == f->size) &&
	       (!r->crc[0] || !strcmp(r->crc, f->dig->crc32)) &&
	       (!r->md5[0] || !strcmp(r->md5, f->dig->md5)) &&
	       (!r->sha1[0] || !strcmp(r->sha1, f->dig->sha1));
}

static const struct dl_dat_rom *rom_named(const struct dl_dat_game *g, const char *name)
{
	int r;

	for (r = 0; r < g->nr_roms; r++)
		if (!strcmp(g->roms[r].name, name))
			return &g->roms[r];
	return NULL;
}

/* What differs between @f and the rom of its name, into @why; 0 if nothing. */
static int differences(const struct dl_dat_rom *r, const struct dl_dat_file *f, char *why,
		       size_t len)
{
	static const char *const names[] = { "CRC32", "MD5", "SHA-1" };
	const char *want[3] = { r->crc, r->md5, r->sha1 };
	const char *got[3] = { f->dig->crc32, f->dig->md5, f->dig->sha1 };
	size_t p = 0;
	int k, n = 0;

	why[0] = '\0';
	if (r->has_size && r->size != f->size) {
		p += (size_t)snprintf(why, len, "size %llu, the dat says %llu",
				      (unsigned long long)f->size, (unsigned long long)r->size);
		n++;
	}
	for (k = 0; k < 3; k++) {
		if (!want[k][0] || !strcmp(want[k], got[k]))
			continue;
		if (p < len)
			p += (size_t)snprintf(why + p, len - p, "%s%s %s, the dat says %s",
					      n ? "; " : "", names[k], got[k], want[k]);
		n++;
	}
	return n;
}

static int score(const struct dl_dat_game *g, const struct dl_dat_file *f, int n)
{
	int i, r, s = 0;

	for (i = 0; i < n; i++) {
		if (rom_named(g, base(f[i].name))) {
			s += 2;
			continue;
		}
		for (r = 0; r < g->nr_roms; r++) {
			if (same_contents(&g->roms[r], &f[i])) {
				s++;
				break;
			}
		}
	}
	return s;
}

const struct dl_dat_game *dl_dat_check(const struct dl_dat *d, const char *path,
				       const struct dl_dat_file *f, int n,
				       struct dl_dat_result *res)
{
	const struct dl_dat_game *g = NULL;
	int i, r, best = 0;

	for (i = 0; i < d->nr_games; i++) {
		int s = score(&d->games[i], f, n);

		if (s > best) {
			best = s;
			g = &d->games[i];
		}
	}
	if (!g) {
		dl_seterr("%s: no game in the dat has a file named as these or with their "
			  "contents (%s)", path, base(f[0].name));
		return NULL;
	}
	for (i = 0; i < n; i++) {
		struct dl_dat_result *x = &res[i];

		memset(x, 0, sizeof(*x));
		x->rom = rom_named(g, base(f[i].name));
		if (x->rom) {
			x->status = differences(x->rom, &f[i], x->why, sizeof(x->why)) ?
				    DL_DAT_DIFFERS : DL_DAT_OK;
			continue;
		}
		x->status = DL_DAT_UNKNOWN;
		for (r = 0; r < g->nr_roms; r++) {
			if (same_contents(&g->roms[r], &f[i]) &&
			    !dl_dat_rom_used(res, i, &g->roms[r])) {
				x->rom = &g->roms[r];
				x->status = DL_DAT_RENAMED;
				break;
			}
		}
	}
	return g;
}

bool dl_dat_rom_used(const struct dl_dat_result *res, int n, const struct dl_dat_rom *rom)
{
	int i;

	for (i = 0; i < n; i++)
		if (res[i].rom == rom)
			return true;
	return false;
}
