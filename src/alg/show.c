/* SPDX-License-Identifier: MIT */
/* /proc/crypto format (crypto/proc.c c_show and each type's show). */
#include <string.h>

#include "alg/alg.h"

static const char *const proc_names[UALG_TYPE__MAX] = {
	[UALG_TYPE_CIPHER] = "cipher",
	[UALG_TYPE_HASH] = "shash",
	[UALG_TYPE_SKCIPHER] = "skcipher",
	[UALG_TYPE_AEAD] = "aead",
	[UALG_TYPE_RNG] = "rng",
};

static const char *const afalg_names[UALG_TYPE__MAX] = {
	[UALG_TYPE_HASH] = "hash",
	[UALG_TYPE_SKCIPHER] = "skcipher",
	[UALG_TYPE_AEAD] = "aead",
	[UALG_TYPE_RNG] = "rng",
};

/* see alg/alg.h */
const char *ualg_type_proc_name(enum ualg_type type)
{
	return (unsigned int)type < UALG_TYPE__MAX ? proc_names[type] : "unknown";
}

/* see alg/alg.h */
int ualg_type_from_afalg(const char *salg_type, enum ualg_type *ret)
{
	for (unsigned int t = 0; t < UALG_TYPE__MAX; t++)
		if (afalg_names[t] && !strcmp(afalg_names[t], salg_type)) {
			*ret = (enum ualg_type)t;
			return 0;
		}
	return -ENOENT;
}

/* see alg/alg.h */
void ualg_alg_show(FILE *f, const struct ualg_alg *alg)
{
	fprintf(f, "name         : %s\n", alg->name);
	fprintf(f, "driver       : %s\n", alg->driver);
	fprintf(f, "module       : ualg\n");
	fprintf(f, "priority     : %d\n", __atomic_load_n(&alg->priority, __ATOMIC_RELAXED));
	fprintf(f, "refcnt       : 1\n");
	fprintf(f, "selftest     : %s\n",
		alg->selftest > 0 ? "passed" : alg->selftest < 0 ? "failed" : "unknown");
	fprintf(f, "internal     : %s\n", alg->flags & UALG_F_INTERNAL ? "yes" : "no");
	/* crypto/proc.c since 6.3: in FIPS mode, whether the algorithm is approved */
	if (ualg_fips_enabled())
		fprintf(f, "fips         : %s\n", alg->flags & UALG_F_FIPS_INTERNAL ? "no" : "yes");
	fprintf(f, "type         : %s\n", ualg_type_proc_name(alg->type));
	switch (alg->type) {
	case UALG_TYPE_CIPHER:
		fprintf(f, "blocksize    : %u\n", alg->blocksize);
		fprintf(f, "min keysize  : %u\n", alg->cipher.min_keysize);
		fprintf(f, "max keysize  : %u\n", alg->cipher.max_keysize);
		break;
	case UALG_TYPE_HASH:
		fprintf(f, "blocksize    : %u\n", alg->blocksize);
		fprintf(f, "digestsize   : %u\n", alg->hash.digestsize);
		break;
	case UALG_TYPE_SKCIPHER:
		fprintf(f, "async        : %s\n", alg->flags & UALG_F_ASYNC ? "yes" : "no");
		fprintf(f, "blocksize    : %u\n", alg->blocksize);
		fprintf(f, "min keysize  : %u\n", alg->skcipher.min_keysize);
		fprintf(f, "max keysize  : %u\n", alg->skcipher.max_keysize);
		fprintf(f, "ivsize       : %u\n", alg->skcipher.ivsize);
		fprintf(f, "chunksize    : %u\n", alg->skcipher.chunksize);
		fprintf(f, "walksize     : %u\n", alg->skcipher.chunksize);
		fprintf(f, "statesize    : %u\n", alg->skcipher.statesize);
		break;
	case UALG_TYPE_AEAD:
		fprintf(f, "async        : %s\n", alg->flags & UALG_F_ASYNC ? "yes" : "no");
		fprintf(f, "blocksize    : %u\n", alg->blocksize);
		fprintf(f, "ivsize       : %u\n", alg->aead.ivsize);
		fprintf(f, "maxauthsize  : %u\n", alg->aead.maxauthsize);
		fprintf(f, "geniv        : <none>\n");
		break;
	case UALG_TYPE_RNG:
		fprintf(f, "seedsize     : %u\n", alg->rng.seedsize);
		break;
	default:
		break;
	}
	fprintf(f, "\n");
}

static void test_one(const struct ualg_alg *alg, void *arg)
{
	const struct ualg_alg *found;

	(void)arg;
	if (!alg->from_template && !(alg->flags & UALG_F_INTERNAL))
		(void)ualg_alg_lookup_flags(alg->type, alg->driver, UALG_LOOKUP_ASYNC, &found);
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

/* see alg/alg.h */
int ualg_alg_list(FILE *f)
{
	struct show_ctx c = { f, 0 };

	ualg_alg_foreach(test_one, NULL);
	ualg_alg_foreach(show_one, &c);
	return c.n;
}
