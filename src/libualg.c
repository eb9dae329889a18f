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

struct show_ctx {
	FILE *f;
	int n;
};

static void show_one(const struct ualg_alg *alg, void *arg)
{
	struct show_ctx *c = arg;

	ualg_alg_show(c->f, alg);
	c->n++;
}

/* see ualg/ualg.h */
int ualg_list(FILE *f)
{
	struct show_ctx c = { f, 0 };

	ualg_alg_foreach(test_one, NULL);
	ualg_alg_foreach(show_one, &c);
	return c.n;
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
