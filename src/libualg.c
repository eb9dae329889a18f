/* SPDX-License-Identifier: MIT */
/* The public API (include/ualg/ualg.h) over the algorithm engine. */
#include <string.h>

#include "ualg/ualg.h"
#include "alg/alg.h"

/* see ualg/ualg.h */
const char *ualg_version(void)
{
	return UALG_VERSION;
}

static void test_one(const struct ualg_alg *alg, void *arg)
{
	const struct ualg_alg *found;

	(void)arg;
	if (!alg->from_template && !(alg->flags & UALG_F_INTERNAL))
		(void)ualg_alg_lookup(alg->type, alg->driver, &found);
}

struct count_ctx {
	unsigned int passed, failed;
};

static void count_one(const struct ualg_alg *alg, void *arg)
{
	struct count_ctx *c = arg;

	if (alg->from_template || (alg->flags & UALG_F_INTERNAL))
		return;
	if (__atomic_load_n(&alg->selftest, __ATOMIC_ACQUIRE) > 0)
		c->passed++;
	else
		c->failed++;
}

/* see ualg/ualg.h */
int ualg_selftest(unsigned int *ret_passed, unsigned int *ret_failed)
{
	struct count_ctx c = { 0, 0 };

	ualg_alg_foreach(test_one, NULL);
	ualg_alg_foreach(count_one, &c);
	if (ret_passed)
		*ret_passed = c.passed;
	if (ret_failed)
		*ret_failed = c.failed;
	return (int)(c.passed + c.failed);
}

/* see ualg/ualg.h */
int ualg_list(FILE *f)
{
	return ualg_alg_list(f);
}

/* see ualg/ualg.h */
int ualg_show(FILE *f, const char *type, const char *name)
{
	static const char *const types[] = { "hash", "skcipher", "aead", "rng" };
	const struct ualg_alg *alg;
	int r = -ENOENT;

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		enum ualg_type t;
		int q;

		if (type && strcmp(type, types[i]))
			continue;
		if (ualg_type_from_afalg(types[i], &t) < 0)
			continue;
		q = ualg_alg_lookup(t, name, &alg);
		if (q == 0) {
			ualg_alg_show(f, alg);
			return 0;
		}
		if (r == -ENOENT)
			r = q;
	}
	return r;
}
