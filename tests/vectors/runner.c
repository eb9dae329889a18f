/* SPDX-License-Identifier: MIT */
/*
 * The vector runner's entry point and shared helpers (see runner.h).
 *
 *   vectors-runner testmgr|wycheproof [-v] [-s SEED] DIR [ALG...]
 *
 * DIR is the shared vectors folder (or $UALG_VECTORS_DIR); when it is absent
 * the runner exits 77 (skip). ALG arguments restrict the run to those
 * algorithm names. Exit 1 when any case gave a wrong answer.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner.h"
#include "core/hex.h"

struct vopts vopts = { .seed = 0x7561 };

/* ---- JSON fields */

/* see runner.h */
const char *jstr(json_object *obj, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) || !v ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* see runner.h */
long jint(json_object *obj, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) || !v)
		return 0;
	return (long)json_object_get_int64(v);
}

/* see runner.h */
bool jbool(json_object *obj, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) || !v)
		return false;
	return json_object_get_boolean(v);
}

/* see runner.h */
int vbuf_get(json_object *obj, const char *key, struct vbuf *ret)
{
	const char *hex = jstr(obj, key);
	int r;

	*ret = (struct vbuf){ .null = !hex };
	r = ualg_hex_decode(hex ? hex : "", &ret->p, &ret->n);
	if (r < 0)
		*ret = (struct vbuf){ 0 };
	return r;
}

/* see runner.h */
int vbuf_zalloc(struct vbuf *b, size_t n)
{
	*b = (struct vbuf){ .p = calloc(1, n + 1), .n = n };
	return b->p ? 0 : -ENOMEM;
}

/* see runner.h */
int vbuf_copy(struct vbuf *b, const struct vbuf *src, size_t n)
{
	int r = vbuf_zalloc(b, n);

	if (r < 0)
		return r;
	memcpy(b->p, src->p, src->n < n ? src->n : n);
	return 0;
}

/* see runner.h */
void vbuf_free(struct vbuf *b)
{
	free(b->p);
	*b = (struct vbuf){ 0 };
}

/* ---- errors */

#define E(x) [x] = #x
static const char *const errno_names[] = {
	E(ENOENT), E(EINVAL), E(EBADMSG), E(ENOKEY), E(ENOSYS), E(ELIBBAD), E(ENOMEM),
	E(EOPNOTSUPP), E(ENOPROTOOPT), E(EKEYREJECTED), E(ENAMETOOLONG), E(EMSGSIZE),
	E(EAGAIN), E(EFAULT), E(EBUSY), E(EPERM), E(ERANGE), E(EOVERFLOW),
};
#undef E

/* see runner.h */
const char *errname(int r)
{
	static __thread char buf[24];

	if (r == 0)
		return "0";
	if (r < 0 && (size_t)-r < sizeof(errno_names) / sizeof(errno_names[0]) && errno_names[-r]) {
		snprintf(buf, sizeof(buf), "-%s", errno_names[-r]);
		return buf;
	}
	snprintf(buf, sizeof(buf), "%d", r);
	return buf;
}

/* ---- outcomes */

/* see runner.h */
void vres_pass(struct vres *r)
{
	r->passed++;
}

/* see runner.h */
void vres_skip(struct vres *r, unsigned int n, const char *why)
{
	r->skipped += n;
	if (!r->reason[0] && why)
		snprintf(r->reason, sizeof(r->reason), "%s", why);
}

static bool vres_note(struct vres *r)
{
	bool show = vopts.verbose || !r->noted;

	r->noted = true;
	return show;
}

/* see runner.h */
void vres_fail(struct vres *r, const char *where, const char *fmt, ...)
{
	va_list ap;

	r->failed++;
	if (!vres_note(r))
		return;
	fprintf(stderr, "FAIL %s: %s: ", r->name, where);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void hexdump(const char *label, const uint8_t *p, size_t n, size_t mark)
{
	fprintf(stderr, "  %-5s", label);
	for (size_t i = 0; i < n; i++) {
		if (i && i % 32 == 0)
			fprintf(stderr, "\n       ");
		fprintf(stderr, "%s%02x", i == mark ? "[" : "", p[i]);
	}
	fputc('\n', stderr);
}

/* see runner.h */
void vres_fail_mem(struct vres *r, const char *where, const char *what, const uint8_t *got,
		   const uint8_t *want, size_t n)
{
	size_t first = 0;

	r->failed++;
	if (!vres_note(r))
		return;
	while (first < n && got[first] == want[first])
		first++;
	fprintf(stderr, "FAIL %s: %s: %s differs at byte %zu of %zu (marked '[')\n", r->name, where,
		what, first, n);
	hexdump("got", got, n, first);
	hexdump("want", want, n, first);
}

/* see runner.h */
bool vres_check(struct vres *r, const char *where, int got_err, int want_err, const uint8_t *got,
		const uint8_t *want, size_t n)
{
	if (got_err != want_err) {
		vres_fail(r, where, "returned %s, want %s", errname(got_err), errname(want_err));
		return false;
	}
	if (!want_err && n && memcmp(got, want, n)) {
		vres_fail_mem(r, where, "output", got, want, n);
		return false;
	}
	vres_pass(r);
	return true;
}

/* see runner.h */
void vres_print(const struct vres *r)
{
	printf("%s: passed %u failed %u skipped %u", r->name, r->passed, r->failed, r->skipped);
	if (r->reason[0])
		printf(" (%s)", r->reason);
	putchar('\n');
}

/* see runner.h */
int vlookup(struct vres *r, enum ualg_type type, const char *name, const struct ualg_alg **ret)
{
	int e = ualg_alg_lookup(type, name, ret);

	if (e == -ELIBBAD) {
		vres_fail(r, "lookup", "self-test failed (lookup -ELIBBAD)");
		snprintf(r->reason, sizeof(r->reason), "self-test failed: lookup -ELIBBAD");
		/* run the vectors anyway when the registry still hands it out */
		if (ualg_alg_lookup_child(type, name, ret) >= 0)
			return 0;
		snprintf(r->reason, sizeof(r->reason),
			 "self-test failed: lookup -ELIBBAD, vectors not run");
		return e;
	}
	if (e < 0) {
		r->unavailable = true;
		snprintf(r->reason, sizeof(r->reason), "unavailable: lookup %s", errname(e));
	}
	return e;
}

/* ---- implementations */

/* see runner.h */
const char *vcur_driver = "";

static void drivers_add(struct vdrivers *d, const struct ualg_alg *alg)
{
	for (unsigned int i = 0; i < d->n; i++)
		if (d->alg[i] == alg)
			return;
	if (d->n < VDRIVERS_MAX)
		d->alg[d->n++] = alg;
}

static void drivers_collect(const struct ualg_alg *alg, void *arg)
{
	struct vdrivers *d = arg;

	if (strcmp(alg->name, d->match) || (alg->flags & UALG_F_INTERNAL) ||
	    (!d->any_type && alg->type != d->type) || d->ncand >= VDRIVERS_MAX)
		return;
	snprintf(d->cand[d->ncand++], UALG_MAX_ALG_NAME, "%s", alg->driver);
}

/* Add the algorithm name resolves to; a self-test failure counts as a failure. */
static void drivers_lookup(struct vres *res, struct vdrivers *d, const char *name)
{
	const struct ualg_alg *alg;
	int r = ualg_alg_lookup(d->type, name, &alg);

	if (r == -ELIBBAD) {
		vres_fail(res, name, "self-test failed (lookup -ELIBBAD); running vectors anyway");
		r = ualg_alg_lookup_child(d->type, name, &alg);
	}
	/* otherwise a template may refuse a child: then that path does not exist */
	if (r >= 0)
		drivers_add(d, alg);
}

/* see runner.h */
void vdrivers_find(struct vres *res, struct vdrivers *d, enum ualg_type type, const char *name,
		   const struct ualg_alg *first)
{
	struct ualg_name parsed;

	*d = (struct vdrivers){ .type = type };
	drivers_add(d, first);

	/* other drivers of the same name */
	d->match = name;
	d->any_type = false;
	d->ncand = 0;
	ualg_alg_foreach(drivers_collect, d);
	for (unsigned int i = 0; i < d->ncand; i++)
		drivers_lookup(res, d, d->cand[i]);
	/* the template over each driver of each argument */
	if (ualg_name_parse(name, &parsed) < 0 || !parsed.tmpl[0])
		return;
	for (unsigned int a = 0; a < parsed.nargs; a++) {
		d->match = parsed.args[a];
		d->any_type = true;
		d->ncand = 0;
		ualg_alg_foreach(drivers_collect, d);
		for (unsigned int c = 0; c < d->ncand; c++) {
			char variant[UALG_MAX_ALG_NAME * 2];
			size_t len;

			len = (size_t)snprintf(variant, sizeof(variant), "%s(", parsed.tmpl);
			for (unsigned int k = 0; k < parsed.nargs && len < sizeof(variant); k++)
				len += (size_t)snprintf(variant + len, sizeof(variant) - len,
							"%s%s", k ? "," : "",
							k == a ? d->cand[c] : parsed.args[k]);
			if (len + 1 >= sizeof(variant))
				continue;
			strcat(variant, ")");
			drivers_lookup(res, d, variant);
		}
	}
}

/* see runner.h */
void vdrivers_print(const struct vdrivers *d)
{
	if (d->n < 2)
		return;
	printf("    drivers:");
	for (unsigned int k = 0; k < d->n; k++)
		printf(" %s", d->alg[k]->driver);
	putchar('\n');
}

/* ---- watchdog */

static char watched[200];

static void watchdog_fire(int sig)
{
	static const char msg[] = "\nTIMEOUT: no answer within 60 s while testing ";

	(void)sig;
	(void)!write(STDOUT_FILENO, msg, sizeof(msg) - 1);
	(void)!write(STDOUT_FILENO, watched, strlen(watched));
	(void)!write(STDOUT_FILENO, "\n", 1);
	_exit(1);
}

/* see runner.h */
void vwatchdog(const char *name)
{
	struct sigaction sa = { .sa_handler = watchdog_fire };

	snprintf(watched, sizeof(watched), "%s", name ? name : "");
	sigaction(SIGALRM, &sa, NULL);
	alarm(name ? 60 : 0);
}

/* ---- selection and randomness */

/* see runner.h */
bool vopts_selected(const char *name)
{
	if (!vopts.only || !vopts.only[0])
		return true;
	for (char **p = vopts.only; *p; p++)
		if (!strcmp(*p, name))
			return true;
	return false;
}

/* see runner.h */
uint64_t vrand_seed(const char *name, unsigned int idx, unsigned int salt)
{
	uint64_t h = 0xcbf29ce484222325ull ^ vopts.seed;

	for (const char *c = name; *c; c++)
		h = (h ^ (uint8_t)*c) * 0x100000001b3ull;
	h ^= ((uint64_t)idx << 32) ^ salt;
	return h ? h : 1;
}

/* see runner.h */
uint64_t vrand_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

/* ---- main */

static const struct suite {
	const char *name;
	int (*run)(void);
} suites[] = {
	{ "testmgr", run_testmgr },
	{ "wycheproof", run_wycheproof },
};

static int usage(void)
{
	fprintf(stderr,
		"usage: vectors-runner testmgr|wycheproof [-v] [-s SEED] [-o FILE] DIR [ALG...]\n");
	return 2;
}

int main(int argc, char **argv)
{
	const struct suite *suite = NULL;
	struct stat st;
	int i = 2;

	if (argc < 2)
		return usage();
	for (size_t k = 0; k < sizeof(suites) / sizeof(suites[0]); k++)
		if (!strcmp(argv[1], suites[k].name))
			suite = &suites[k];
	if (!suite)
		return usage();
	if (getenv("UALG_VECTORS_SEED"))
		vopts.seed = strtoull(getenv("UALG_VECTORS_SEED"), NULL, 0);
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-v"))
			vopts.verbose = true;
		else if (!strcmp(argv[i], "-s") && i + 1 < argc)
			vopts.seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "-o") && i + 1 < argc && !vopts.results) {
			vopts.results = fopen(argv[++i], "w");
			if (!vopts.results) {
				perror(argv[i]);
				return 99;
			}
		} else
			return usage();
	}
	vopts.dir = i < argc ? argv[i++] : getenv("UALG_VECTORS_DIR");
	vopts.only = argv + i;
	if (!vopts.dir || stat(vopts.dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		printf("vectors folder %s not found: skipping\n",
		       vopts.dir ? vopts.dir : "(unset)");
		return 77;
	}
	printf("# %s vectors from %s, split seed 0x%" PRIx64 "\n", suite->name, vopts.dir,
	       vopts.seed);
	fflush(stdout);
	int r = suite->run();

	if (vopts.results && fclose(vopts.results) != 0) {
		perror("results");
		return 99;
	}
	return r;
}
