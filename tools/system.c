/* SPDX-License-Identifier: MIT */
/*
 * `ualg enable`, `ualg disable`, `ualg status`: turning the preload on for the
 * whole machine or for one systemd service, and saying where it is on.
 *
 * Implementation Notes
 *
 * Two places load the preload into programs that were not started by
 * `ualg run`:
 *
 *  - /etc/ld.so.preload (--system): the dynamic loader reads it at every
 *    program start and loads each listed object into every dynamically linked
 *    program, setuid ones included. Entries are separated by spaces, tabs,
 *    newlines or colons (glibc's elf/rtld.c splits on ": \t\n"). A listed file
 *    that is missing or broken costs every program on the machine an error
 *    message or worse, so enable writes the file only after the preload has
 *    passed `ualg check` (check.c) and every algorithm its self-test, writes
 *    it whole to a temporary file in /etc and renames it over the old one (a
 *    program starting meanwhile sees the old list or the new one, never half
 *    of one), adds one line at the top (so that removing that line gives back
 *    every byte of the old file, final newline or not) and keeps the rest, and then checks once
 *    more through the new file itself, putting the old content back if that
 *    fails. Disable removes the entries that name a libualg-preload.so and
 *    keeps every other byte; it deletes the file when nothing is left, so
 *    enable followed by disable leaves /etc/ld.so.preload as it was, absent
 *    included. Both hold an flock on /etc while they read and write, so two
 *    of them at once do not lose each other's change.
 *
 *  - a systemd drop-in, /etc/systemd/system/NAME.d/ualg.conf (--unit NAME),
 *    that sets LD_PRELOAD in the service's environment; its first line marks
 *    it as ours, and disable removes only a file with that line. systemd reads
 *    it at the next daemon-reload, and the service's processes get it when
 *    they are next started: both are left to the administrator, whom the
 *    command tells.
 *
 * --root DIR makes every path relative to DIR (an image being prepared, or a
 * test's directory); the preload's path written into the files stays the path
 * it has inside DIR, and the check loads DIR's copy of it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ualg/ualg.h"
#include "cli.h"

#define PRELOAD_FILE "/etc/ld.so.preload"
#define UNIT_DIR "/etc/systemd/system"
#define DROPIN "ualg.conf"
#define DROPIN_MARK "# Written by `ualg enable --unit"
#define PRELOAD_NAME "libualg-preload.so"
#define ENGINE_NAME "libualg-engine.so"
#define SEPARATORS ": \t\n"
#define FILE_MAX (1024 * 1024)

struct target {
	char root[PATH_MAX]; /* "" for /, else an absolute path without a trailing / */
	char unit[256];	     /* a service's name, or "" */
	bool system, all;
};

/* ---- small helpers */

static int in_root(char *buf, size_t len, const struct target *t, const char *path)
{
	if ((size_t)snprintf(buf, len, "%s%s", t->root, path) >= len) {
		fprintf(stderr, "ualg: %s%s: path too long\n", t->root, path);
		return -ENAMETOOLONG;
	}
	return 0;
}

/* the whole file in *ret (NUL-terminated), -ENOENT when it does not exist */
static int read_all(const char *path, char **ret, size_t *ret_len, struct stat *ret_st)
{
	char *buf;
	size_t len = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return -errno;
	if (fstat(fd, ret_st) || !S_ISREG(ret_st->st_mode) || ret_st->st_size > FILE_MAX) {
		int r = fstat(fd, ret_st) ? -errno : S_ISREG(ret_st->st_mode) ? -EFBIG : -EINVAL;

		(void)close(fd);
		return r;
	}
	buf = malloc((size_t)ret_st->st_size + 1);
	if (!buf) {
		(void)close(fd);
		return -ENOMEM;
	}
	while ((n = read(fd, buf + len, (size_t)ret_st->st_size - len)) > 0)
		len += (size_t)n;
	(void)close(fd);
	if (n < 0) {
		free(buf);
		return -EIO;
	}
	buf[len] = '\0';
	*ret = buf;
	*ret_len = len;
	return 0;
}

/*
 * Replace path by a file holding data, atomically: a temporary file in the
 * same directory, written, synced and renamed over path. Mode and owner are
 * those of old (the file being replaced), or 0644 and ours.
 */
static int write_atomic(const char *path, const char *data, size_t len, const struct stat *old)
{
	char tmp[PATH_MAX], dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	int fd, dfd, r = 0;
	size_t off = 0;

	if (!slash || (size_t)(slash - path) >= sizeof(dir) ||
	    (size_t)snprintf(tmp, sizeof(tmp), "%.*s/.%s.ualg-XXXXXX", (int)(slash - path), path,
			     slash + 1) >= sizeof(tmp))
		return -ENAMETOOLONG;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fchmod(fd, old ? old->st_mode & 07777 : 0644) ||
	    (old && (old->st_uid != geteuid() || old->st_gid != getegid()) &&
	     fchown(fd, old->st_uid, old->st_gid)))
		r = -errno;
	while (!r && off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno != EINTR)
			r = -errno;
		else if (n > 0)
			off += (size_t)n;
	}
	if (!r && fsync(fd))
		r = -errno;
	if (close(fd) && !r)
		r = -errno;
	if (!r && rename(tmp, path))
		r = -errno;
	if (r) {
		(void)unlink(tmp);
		return r;
	}
	dfd = open(dir[0] ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		(void)fsync(dfd);
		(void)close(dfd);
	}
	return 0;
}

/*
 * An exclusive flock on DIR/etc for the rest of the process (taken once: a
 * second open file description would wait for the first), -1 when impossible.
 */
static int lock_etc(const struct target *t)
{
	static bool locked;
	char path[PATH_MAX];
	int fd;

	if (locked)
		return 0;
	if (in_root(path, sizeof(path), t, "/etc"))
		return -1;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || flock(fd, LOCK_EX)) {
		fprintf(stderr, "ualg: %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			(void)close(fd);
		return -1;
	}
	locked = true; /* the descriptor stays open: the lock ends with the process */
	return 0;
}

static bool is_ualg_entry(const char *tok, size_t len)
{
	size_t n = sizeof(PRELOAD_NAME) - 1;

	return len >= n && !memcmp(tok + len - n, PRELOAD_NAME, n) &&
	       (len == n || tok[len - n - 1] == '/');
}

/* the next entry of an ld.so.preload text from *p (advanced), its length in *ret_len */
static const char *next_entry(const char **p, const char *end, size_t *ret_len)
{
	const char *s = *p;

	while (s < end && strchr(SEPARATORS, *s))
		s++;
	*p = s;
	while (*p < end && !strchr(SEPARATORS, **p))
		(*p)++;
	*ret_len = (size_t)(*p - s);
	return s < end ? s : NULL;
}

/*
 * Is the preload usable: an absolute path the loader can list, a regular
 * file with the engine beside it (both looked for under the root), and does
 * `ualg check` pass through it, with every algorithm's self-test passing.
 * Prints the reason and returns -1 when not.
 */
static int preload_ok(const struct target *t, const char *preload)
{
	char file[PATH_MAX], engine[PATH_MAX];
	unsigned int passed = 0, failed = 0;
	struct stat st;
	const char *slash = strrchr(preload, '/');

	if (preload[0] != '/' || preload[strcspn(preload, SEPARATORS)]) {
		fprintf(stderr,
			"ualg: refusing: the preload's path '%s' must be absolute and "
			"free of spaces and colons\n",
			preload);
		return -1;
	}
	if (in_root(file, sizeof(file), t, preload) ||
	    (size_t)snprintf(engine, sizeof(engine), "%.*s/%s",
			     (int)(slash - preload + strlen(t->root)), file,
			     ENGINE_NAME) >= sizeof(engine))
		return -1;
	if (stat(file, &st) || !S_ISREG(st.st_mode) || access(file, R_OK)) {
		fprintf(stderr, "ualg: refusing: preload %s: %s\n", file,
			errno ? strerror(errno) : "not a regular file");
		return -1;
	}
	if (stat(engine, &st) || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "ualg: refusing: engine %s: %s\n", engine,
			errno ? strerror(errno) : "not a regular file");
		return -1;
	}
	if (ualg_cli_check_child(file, false)) {
		fprintf(stderr, "ualg: refusing: %s does not pass `ualg check` (above)\n", file);
		return -1;
	}
	if (ualg_selftest(&passed, &failed) < 0 || failed) {
		fprintf(stderr,
			"ualg: refusing: %u algorithms failed their self-tests (ualg list "
			"shows which)\n",
			failed);
		return -1;
	}
	printf("ualg: %s passed the check (known answers through AF_ALG; %u algorithms "
	       "self-tested)\n",
	       preload, passed);
	return 0;
}

/* ---- arguments */

static int unit_name(struct target *t, const char *name)
{
	size_t n = strlen(name);
	const char *dot = strrchr(name, '.');

	if (!n || name[0] == '.' || n + sizeof(".service") > sizeof(t->unit) ||
	    strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:_.@\\-") !=
		    n) {
		fprintf(stderr, "ualg: '%s' is not a unit name\n", name);
		return -1;
	}
	if (dot && strcmp(dot, ".service")) {
		fprintf(stderr,
			"ualg: %s: only a service has an environment to set (NAME.service)\n",
			name);
		return -1;
	}
	snprintf(t->unit, sizeof(t->unit), "%s%s", name, dot ? "" : ".service");
	return 0;
}

/* [--system | --unit NAME | --all] [--root DIR]; what is TARGETS_* allowed */
enum { TARGET_ONE = 1, TARGET_ALL = 2, TARGET_NONE = 4 };

static int parse(int argc, char **argv, unsigned int allowed, struct target *t)
{
	char real[PATH_MAX];
	bool root = false;
	int n = 0;

	memset(t, 0, sizeof(*t));
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--system") && (allowed & TARGET_ONE)) {
			t->system = true;
			n++;
		} else if (!strcmp(argv[i], "--unit") && (allowed & TARGET_ONE) && i + 1 < argc) {
			if (unit_name(t, argv[++i]))
				return -1;
			n++;
		} else if (!strcmp(argv[i], "--all") && (allowed & TARGET_ALL)) {
			t->all = true;
			n++;
		} else if (!strcmp(argv[i], "--root") && i + 1 < argc && !root) {
			root = true;
			if (!realpath(argv[++i], real)) {
				fprintf(stderr, "ualg: %s: %s\n", argv[i], strerror(errno));
				return -1;
			}
			if (strcmp(real, "/"))
				snprintf(t->root, sizeof(t->root), "%s", real);
		} else {
			return -1;
		}
	}
	return (n == 0 && (allowed & TARGET_NONE)) || n == 1 ? 0 : -1;
}

/* ---- --system */

static int system_enable(const struct target *t, const char *preload)
{
	char path[PATH_MAX], *old = NULL, *new = NULL;
	size_t len = 0, elen, plen = strlen(preload);
	struct stat st;
	const char *p, *e;
	int r;

	if (in_root(path, sizeof(path), t, PRELOAD_FILE) || lock_etc(t))
		return UALG_EXIT_FAIL;
	r = read_all(path, &old, &len, &st);
	if (r < 0 && r != -ENOENT) {
		fprintf(stderr, "ualg: %s: %s\n", path, strerror(-r));
		return UALG_EXIT_FAIL;
	}
	for (p = old; old && (e = next_entry(&p, old + len, &elen));) {
		if (elen == plen && !memcmp(e, preload, plen)) {
			printf("ualg: %s already lists %s\n", path, preload);
			free(old);
			return UALG_EXIT_OK;
		}
		if (is_ualg_entry(e, elen)) {
			fprintf(stderr,
				"ualg: refusing: %s already lists another ualg preload, %.*s; "
				"`ualg disable --system` first\n",
				path, (int)elen, e);
			free(old);
			return UALG_EXIT_FAIL;
		}
	}
	/* first line: disable then removes exactly that line, whatever the rest looks like */
	if (preload_ok(t, preload) ||
	    asprintf(&new, "%s\n%.*s", preload, (int)len, old ? old : "") < 0) {
		free(old);
		return UALG_EXIT_FAIL;
	}
	r = write_atomic(path, new, strlen(new), old ? &st : NULL);
	free(new);
	if (r < 0) {
		fprintf(stderr, "ualg: %s: %s (not changed)\n", path, strerror(-r));
		free(old);
		return UALG_EXIT_FAIL;
	}
	/* the loader's own reading of the new file, in a new process */
	if (!t->root[0] && ualg_cli_check_child(NULL, false)) {
		r = old ? write_atomic(path, old, len, &st) : unlink(path) ? -errno : 0;
		fprintf(stderr, "ualg: a program started with the new %s failed the check; %s\n",
			path,
			r < 0 ? "and it could not be put back: remove the ualg line by hand"
			      : "the old file is back");
		free(old);
		return UALG_EXIT_FAIL;
	}
	free(old);
	printf("ualg: added %s to %s: dynamically linked programs started from now on get "
	       "AF_ALG from ualg\n",
	       preload, path);
	return UALG_EXIT_OK;
}

static int system_disable(const struct target *t)
{
	char path[PATH_MAX], *old = NULL, *new;
	size_t len = 0, n = 0, removed = 0;
	struct stat st;
	int r;

	if (in_root(path, sizeof(path), t, PRELOAD_FILE) || lock_etc(t))
		return UALG_EXIT_FAIL;
	r = read_all(path, &old, &len, &st);
	if (r == -ENOENT) {
		printf("ualg: %s does not exist: not enabled system-wide\n", path);
		return UALG_EXIT_OK;
	}
	if (r < 0) {
		fprintf(stderr, "ualg: %s: %s\n", path, strerror(-r));
		return UALG_EXIT_FAIL;
	}
	new = malloc(len + 1);
	if (!new) {
		free(old);
		return UALG_EXIT_FAIL;
	}
	/* line by line: a line of ualg entries only goes, a mixed one loses them */
	for (const char *line = old, *eol; line < old + len; line = eol) {
		const char *p = line, *e;
		size_t elen, ours = 0, others = 0, start = n;

		eol = memchr(line, '\n', (size_t)(old + len - line));
		eol = eol ? eol + 1 : old + len;
		while ((e = next_entry(&p, eol, &elen)))
			is_ualg_entry(e, elen) ? ours++ : others++;
		if (!ours) {
			memcpy(new + n, line, (size_t)(eol - line));
			n += (size_t)(eol - line);
			continue;
		}
		removed += ours;
		if (!others)
			continue;
		for (p = line; (e = next_entry(&p, eol, &elen));)
			if (!is_ualg_entry(e, elen))
				n += (size_t)sprintf(new + n, "%s%.*s", n > start ? " " : "",
						     (int)elen, e);
		if (eol[-1] == '\n')
			new[n++] = '\n';
	}
	free(old);
	if (!removed) {
		printf("ualg: %s lists no ualg preload: not enabled system-wide\n", path);
		free(new);
		return UALG_EXIT_OK;
	}
	r = n ? write_atomic(path, new, n, &st) : unlink(path) ? -errno : 0;
	free(new);
	if (r < 0) {
		fprintf(stderr, "ualg: %s: %s (not changed)\n", path, strerror(-r));
		return UALG_EXIT_FAIL;
	}
	printf("ualg: %s %s: programs started from now on no longer load ualg\n",
	       n ? "removed the ualg preload from" : "removed", path);
	return UALG_EXIT_OK;
}

/* ---- --unit NAME */

static int dropin_path(char *buf, size_t len, const struct target *t, const char *unit)
{
	if ((size_t)snprintf(buf, len, "%s" UNIT_DIR "/%s.d/" DROPIN, t->root, unit) >= len)
		return -ENAMETOOLONG;
	return 0;
}

/* 1 when path is a drop-in of ours, 0 when it is not, -errno */
static int dropin_ours(const char *path)
{
	char *text;
	size_t len;
	struct stat st;
	int r = read_all(path, &text, &len, &st);

	if (r < 0)
		return r;
	r = !strncmp(text, DROPIN_MARK, sizeof(DROPIN_MARK) - 1);
	free(text);
	return r;
}

static void unit_hint(const char *unit, const struct target *t)
{
	if (!t->root[0])
		printf("ualg: to apply it: systemctl daemon-reload && systemctl restart %s\n",
		       unit);
}

static int unit_enable(const struct target *t, const char *preload)
{
	static const char *const unit_dirs[] = { "/etc/systemd/system", "/run/systemd/system",
						 "/usr/lib/systemd/system", "/lib/systemd/system" };
	char path[PATH_MAX], unitfile[PATH_MAX], *text = NULL, *cur = NULL;
	size_t len;
	struct stat st;
	bool found = false;
	int r;

	if (dropin_path(path, sizeof(path), t, t->unit) || lock_etc(t))
		return UALG_EXIT_FAIL;
	r = dropin_ours(path);
	if (r == 0 || (r < 0 && r != -ENOENT)) {
		fprintf(stderr, "ualg: refusing: %s: %s\n", path,
			r ? strerror(-r) : "exists and was not written by ualg");
		return UALG_EXIT_FAIL;
	}
	if (asprintf(&text,
		     DROPIN_MARK " %s`; `ualg disable --unit %s` removes it.\n"
				 "[Service]\nEnvironment=LD_PRELOAD=%s\n",
		     t->unit, t->unit, preload) < 0)
		return UALG_EXIT_FAIL;
	if (r > 0 && !read_all(path, &cur, &len, &st) && !strcmp(cur, text)) {
		printf("ualg: %s is there already\n", path);
		free(cur);
		free(text);
		return UALG_EXIT_OK;
	}
	free(cur);
	if (preload_ok(t, preload)) {
		free(text);
		return UALG_EXIT_FAIL;
	}
	/* DIR/etc/systemd/system/NAME.d, each level made when missing */
	for (char *s = path + strlen(t->root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		r = mkdir(path, 0755) && errno != EEXIST ? -errno : 0;
		*s = '/';
		if (r < 0) {
			fprintf(stderr, "ualg: %s: %s\n", path, strerror(-r));
			free(text);
			return UALG_EXIT_FAIL;
		}
	}
	r = write_atomic(path, text, strlen(text), NULL);
	free(text);
	if (r < 0) {
		fprintf(stderr, "ualg: %s: %s\n", path, strerror(-r));
		return UALG_EXIT_FAIL;
	}
	for (size_t i = 0; i < sizeof(unit_dirs) / sizeof(unit_dirs[0]) && !found; i++) {
		const char *at = strchr(t->unit, '@');

		/* an instance (a@b.service) is defined by its template (a@.service) */
		found = (size_t)snprintf(unitfile, sizeof(unitfile), "%s%s/%.*s%s", t->root,
					 unit_dirs[i],
					 (int)(at ? (size_t)(at + 1 - t->unit) : strlen(t->unit)),
					 t->unit, at ? ".service" : "") < sizeof(unitfile) &&
			!access(unitfile, F_OK);
	}
	printf("ualg: wrote %s: %s gets AF_ALG from ualg when it is next started\n", path, t->unit);
	if (!found)
		printf("ualg: note: no unit file for %s is installed yet\n", t->unit);
	unit_hint(t->unit, t);
	return UALG_EXIT_OK;
}

static int unit_disable(const struct target *t, const char *unit)
{
	char path[PATH_MAX];
	char *slash;
	int r;

	if (dropin_path(path, sizeof(path), t, unit))
		return UALG_EXIT_FAIL;
	r = dropin_ours(path);
	if (r == -ENOENT) {
		printf("ualg: %s does not exist: not enabled for %s\n", path, unit);
		return UALG_EXIT_OK;
	}
	if (r <= 0) {
		fprintf(stderr, "ualg: %s: %s\n", path,
			r ? strerror(-r) : "not written by ualg; left alone");
		return UALG_EXIT_FAIL;
	}
	if (unlink(path)) {
		fprintf(stderr, "ualg: %s: %s\n", path, strerror(errno));
		return UALG_EXIT_FAIL;
	}
	slash = strrchr(path, '/');
	*slash = '\0';
	(void)rmdir(path); /* only when empty: other drop-ins stay */
	printf("ualg: removed %s/" DROPIN "\n", path);
	unit_hint(unit, t);
	return UALG_EXIT_OK;
}

/* calls fn for every unit that has a drop-in of ours; returns how many */
static int units_foreach(const struct target *t, int (*fn)(const struct target *, const char *),
			 int *ret_status)
{
	char dir[PATH_MAX], path[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int n = 0;

	if (in_root(dir, sizeof(dir), t, UNIT_DIR))
		return 0;
	d = opendir(dir);
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		char unit[256];

		if (l < 3 || l - 2 >= sizeof(unit) || strcmp(de->d_name + l - 2, ".d"))
			continue;
		snprintf(unit, sizeof(unit), "%.*s", (int)(l - 2), de->d_name);
		if (dropin_path(path, sizeof(path), t, unit) || dropin_ours(path) <= 0)
			continue;
		n++;
		if (fn && fn(t, unit) != UALG_EXIT_OK && ret_status)
			*ret_status = UALG_EXIT_FAIL;
	}
	closedir(d);
	return n;
}

static int unit_print(const struct target *t, const char *unit)
{
	printf(" %s", unit);
	return UALG_EXIT_OK;
}

/* ---- the commands; see ualg(1) */

int ualg_cli_enable(int argc, char **argv)
{
	struct target t;

	if (parse(argc, argv, TARGET_ONE, &t))
		return ualg_cli_usage(argv[0]);
	if (t.system)
		return system_enable(&t, ualg_cli_preload_path());
	return unit_enable(&t, ualg_cli_preload_path());
}

int ualg_cli_disable(int argc, char **argv)
{
	struct target t;
	int status;

	if (parse(argc, argv, TARGET_ONE | TARGET_ALL, &t))
		return ualg_cli_usage(argv[0]);
	if (t.system)
		return system_disable(&t);
	if (t.unit[0])
		return unit_disable(&t, t.unit);
	if (lock_etc(&t))
		return UALG_EXIT_FAIL;
	status = system_disable(&t);
	(void)units_foreach(&t, unit_disable, &status);
	return status;
}

int ualg_cli_status(int argc, char **argv)
{
	const char *preload = ualg_cli_preload_path();
	char path[PATH_MAX], file[PATH_MAX], *text = NULL;
	unsigned int passed = 0, failed = 0;
	struct target t;
	struct stat st;
	size_t len = 0, elen;
	int r, status = UALG_EXIT_OK;

	if (parse(argc, argv, TARGET_NONE, &t))
		return ualg_cli_usage(argv[0]);
	if (in_root(path, sizeof(path), &t, PRELOAD_FILE) ||
	    in_root(file, sizeof(file), &t, preload))
		return UALG_EXIT_FAIL;
	printf("version:       ualg %s\n", ualg_version());
	r = ualg_cli_kernel_afalg();
	printf("kernel AF_ALG: %s%s%s\n", r ? "absent (socket(AF_ALG): " : "present",
	       r ? strerror(-r) : "", r ? ")" : "");
	printf("preload:       %s%s\n", file, access(file, R_OK) ? " (missing)" : "");

	printf("system-wide:   ");
	r = read_all(path, &text, &len, &st);
	if (r == -ENOENT) {
		printf("no (%s does not exist)\n", path);
	} else if (r < 0) {
		printf("unknown (%s: %s)\n", path, strerror(-r));
		status = UALG_EXIT_FAIL;
	} else {
		const char *p = text, *e;
		int n = 0;

		while ((e = next_entry(&p, text + len, &elen)))
			if (is_ualg_entry(e, elen))
				printf("%s%.*s", n++ ? ", " : "yes, ", (int)elen, e);
		printf(n ? " in %s\n" : "no (not in %s)\n", path);
		free(text);
	}
	printf("units:        ");
	if (!units_foreach(&t, unit_print, NULL))
		printf(" none");
	printf("\n");
	if (ualg_selftest(&passed, &failed) < 0)
		failed++;
	printf("self-tests:    %u algorithms passed, %u failed\n", passed, failed);
	r = access(file, R_OK) ? -1 : ualg_cli_check_child(file, false);
	printf("check:         %s\n",
	       r ? "FAILED (`ualg check` tells why)"
		 : "passed (known answers through AF_ALG, served by the preload)");
	return r || failed ? UALG_EXIT_FAIL : status;
}
