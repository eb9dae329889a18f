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
