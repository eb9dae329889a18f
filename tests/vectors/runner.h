/* SPDX-License-Identifier: MIT */
#ifndef UALG_TESTS_VECTORS_RUNNER_H
#define UALG_TESTS_VECTORS_RUNNER_H

/*
 * The vector runner: known-answer vectors read at run time from outside the
 * repository (../shared/vectors: the kernel's testmgr vectors as JSON, and
 * Project Wycheproof files), driven through the algorithm engine
 * (src/alg/alg.h) under several request configurations each, the kernel
 * testmgr's testvec_config idea.
 *
 * Counting: one "case" is one vector under one configuration; it passes or
 * fails (wrong answer or wrong error), or is skipped with a reason. An
 * algorithm the engine does not have is "unavailable": all its vectors are
 * skipped, and that is not a failure. One that exists but fails its self-test
 * (lookup -ELIBBAD) is a failure; its vectors still run to show where.
 *
 * Per algorithm the runner prints "ALG: passed N failed N skipped N
 * (reason)" on stdout, and the first mismatch per algorithm in hex on
 * stderr (all of them with -v).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>

#include "alg/alg.h"

struct vres {
	char name[160];
	unsigned int passed, failed, skipped;
	char reason[200]; /* first skip reason, or why the algorithm is unavailable */
	bool unavailable;
	bool noted; /* a mismatch was already printed */
};

/* Options shared by the suites. */
struct vopts {
	const char *dir; /* the vectors folder */
	uint64_t seed;   /* random split points */
	bool verbose;    /* print every mismatch, not only the first per algorithm */
	char **only;     /* NULL-terminated algorithm filter, or NULL */
	FILE *results;   /* -o FILE: one tab-separated line per algorithm, or NULL */
};

extern struct vopts vopts;

/* A decoded hex field: p is never NULL (at least one byte allocated). */
struct vbuf {
	uint8_t *p;
	size_t n;
	bool null; /* JSON null or missing */
};

/* Decode obj[key]; missing or null gives an empty buffer with null set. -errno. */
int vbuf_get(json_object *obj, const char *key, struct vbuf *ret);
/* A zeroed buffer of n bytes (at least one allocated). */
int vbuf_zalloc(struct vbuf *b, size_t n);
/* A copy of src's bytes, n bytes long (zero-padded or cut). */
int vbuf_copy(struct vbuf *b, const struct vbuf *src, size_t n);
void vbuf_free(struct vbuf *b);

/* obj[key] as a string (NULL if missing or null), integer (0), boolean (false). */
const char *jstr(json_object *obj, const char *key);
long jint(json_object *obj, const char *key);
bool jbool(json_object *obj, const char *key);

/* "-EINVAL" style name of a -errno value ("0" for 0). */
const char *errname(int r);

/* Per-case outcomes. "where" says vector and configuration. */
void vres_pass(struct vres *r);
void vres_skip(struct vres *r, unsigned int n, const char *why);
/* Record a failure: fmt explains it (printed for the first failure only). */
void vres_fail(struct vres *r, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Record a failure of an output compare: both buffers in hex on stderr. */
void vres_fail_mem(struct vres *r, const char *where, const char *what, const uint8_t *got,
		   const uint8_t *want, size_t n);
/* Compare result r and, when r == 0 and want_err == 0, n bytes. True when equal. */
bool vres_check(struct vres *r, const char *where, int got_err, int want_err, const uint8_t *got,
		const uint8_t *want, size_t n);

/* Whether opts select this algorithm name. */
bool vopts_selected(const char *name);

/* Deterministic pseudo-random numbers for split points (xorshift64*). */
uint64_t vrand_seed(const char *name, unsigned int idx, unsigned int salt);
uint64_t vrand_next(uint64_t *state);

/* Print the per-algorithm line. */
void vres_print(const struct vres *r);

/* Look name up as type; on -ENOENT mark the result unavailable. On -ELIBBAD
 * count one failure and return the algorithm anyway (self-test failed: the
 * vectors show where). Returns 0 with *ret set, or -errno. */
int vlookup(struct vres *r, enum ualg_type type, const char *name, const struct ualg_alg **ret);

/*
 * Every implementation of a name (house style 9.5.5: the OpenSSL leaf and
 * the generic template both): the one lookup picked, every other registered
 * driver of that name and type, and the template instantiated over each
 * registered driver of each argument ("cbc(aes-ualg)").
 */
#define VDRIVERS_MAX 12

struct vdrivers {
	const struct ualg_alg *alg[VDRIVERS_MAX];
	unsigned int n;
	enum ualg_type type;
	/* candidates gathered under ualg_alg_foreach, looked up afterwards */
	char cand[VDRIVERS_MAX][UALG_MAX_ALG_NAME];
	unsigned int ncand;
	const char *match;
	bool any_type;
};

/* Fill d with first and the other implementations of name. */
void vdrivers_find(struct vres *res, struct vdrivers *d, enum ualg_type type, const char *name,
		   const struct ualg_alg *first);
/* "    drivers: a b" when there is more than one. */
void vdrivers_print(const struct vdrivers *d);
/* The driver under test, named in failure messages. */
extern const char *vcur_driver;

/* Exit 1 naming name when it takes more than a minute (a hang); NULL stops. */
void vwatchdog(const char *name);

/* The two suites; each returns the process exit status. */
int run_testmgr(void);
int run_wycheproof(void);

#endif
