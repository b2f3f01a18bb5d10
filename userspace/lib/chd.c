// SPDX-License-Identifier: GPL-2.0
/*
 * MAME CHD images. The kernel cannot decode them (LZMA, FLAC, CHD's own
 * Huffman coder), so `chdman extractcd` (Debian mame-tools) decodes the
 * image once into a private temporary directory as BIN/CUE; the cue is
 * parsed, its files opened, then everything is unlinked: the open
 * descriptors keep the data alive for as long as the drive holds it and
 * nothing is left on disk, whether the attach succeeds or not.
 *
 * CHD keeps no MCN, ISRC, FLAGS, CD-TEXT or session information, so none
 * can come back.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "errmsg.h"
#include "layout.h"

extern char **environ;

/* Where the decoded image goes: $TMPDIR, else /var/tmp (disc-sized files). */
static const char *tmp_root(void)
{
	const char *t = getenv("TMPDIR");

	return t && *t ? t : "/var/tmp";
}

/* Remove the directory and whatever chdman left in it. */
static void clean_dir(const char *dir)
{
	struct dirent *d;
	DIR *dp = opendir(dir);

	if (dp) {
		while ((d = readdir(dp)))
			if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
				unlinkat(dirfd(dp), d->d_name, 0);
		closedir(dp);
	}
	rmdir(dir);
}

/*
 * Run chdman; its "NN.N% complete" lines become @progress calls, its last
 * other line the reason of a failure. 0 or -errno.
 */
static int run_chdman(const char *chd, const char *cue, const char *bin,
		      void (*progress)(int percent, void *arg), void *arg)
{
	char *const argv[] = { "chdman", "extractcd", "-i", (char *)chd, "-o", (char *)cue,
			       "-ob", (char *)bin, NULL };
	posix_spawn_file_actions_t fa;
	char line[512], last[512] = "";
	size_t n = 0;
	int pipefd[2], status, r, last_pct = -1;
	pid_t pid;
	char ch;

	if (pipe2(pipefd, O_CLOEXEC))
		return -errno;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 2);
	r = posix_spawnp(&pid, "chdman", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (r) {
		close(pipefd[0]);
		dl_seterr("%s: cannot run chdman: %s%s", chd, strerror(r),
			  r == ENOENT ? " (install mame-tools)" : "");
		return -r;
	}
	while ((r = (int)read(pipefd[0], &ch, 1)) > 0 || (r < 0 && errno == EINTR)) {
		double pct;

		if (r < 0)
			continue;
		if (ch != '\r' && ch != '\n') {
			if (n + 1 < sizeof(line))
				line[n++] = ch;
			continue;
		}
		line[n] = '\0';
		n = 0;
		if (sscanf(line, "Extracting, %lf%% complete", &pct) == 1) {
			if (progress && (int)pct != last_pct)
				progress((int)pct, arg);
			last_pct = (int)pct;
		} else if (line[0]) {
			snprintf(last, sizeof(last), "%s", line);
		}
	}
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		dl_seterr("%s: chdman extractcd failed: %s", chd, last[0] ? last : "no reason given");
		return -EIO;
	}
	if (progress && last_pct < 100)
		progress(100, arg);
	return 0;
}

int dl_chd_load(struct dl_layout *l, void (*progress)(int percent, void *arg), void *arg)
{
	char dir[PATH_MAX - 16], cue[PATH_MAX], bin[PATH_MAX], why[DL_ERRMSG_MAX];
	char *chd = l->path, *text = NULL;
	struct stat st;
	int ret, fd, i;
	ssize_t got;

	if (stat(chd, &st)) {
		ret = -errno;
		dl_seterr("%s: %s", chd, strerror(-ret));
		return ret;
	}
	if (!S_ISREG(st.st_mode)) {
		dl_seterr("%s: not a regular file", chd);
		return -EINVAL;
	}
	snprintf(dir, sizeof(dir), "%s/discloop-chd.XXXXXX", tmp_root());
	if (!mkdtemp(dir)) {
		ret = -errno;
		dl_seterr("%s: cannot make a temporary directory in %s: %s", chd, tmp_root(),
			  strerror(-ret));
		return ret;
	}
	snprintf(cue, sizeof(cue), "%s/disc.cue", dir);
	snprintf(bin, sizeof(bin), "%s/disc.bin", dir);
	ret = run_chdman(chd, cue, bin, progress, arg);
	if (!ret) {
		fd = open(cue, O_RDONLY | O_CLOEXEC);
		text = fd >= 0 && !fstat(fd, &st) && st.st_size < (1 << 20) ?
		       calloc(1, (size_t)st.st_size + 1) : NULL;
		got = text ? read(fd, text, (size_t)st.st_size) : -1;
		if (fd >= 0)
			close(fd);
		if (got != (text ? st.st_size : 0) || !text) {
			dl_seterr("%s: chdman wrote no readable cue sheet", chd);
			ret = -EIO;
		}
	}
	if (!ret) {
		/* the cue names its files relative to itself */
		l->path = cue;
		ret = dl_cue_parse(l, text);
		l->path = chd;
		if (ret) {
			snprintf(why, sizeof(why), "%s", dl_errmsg());
			dl_seterr("%s: as decoded by chdman: %s", chd, why);
		}
	}
	free(text);
	clean_dir(dir);
	for (i = 0; !ret && i < l->nr_files; i++) {
		char *p = malloc(strlen(chd) + 16);

		if (p) {	/* the files are gone; name what they came from */
			sprintf(p, "%s (decoded)", chd);
			free(l->files[i].path);
			l->files[i].path = p;
		}
	}
	return ret;
}
