/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for name resolution: ualg_name_parse, ualg_alg_lookup
 * and ualg_alg_lookup_child of arbitrary names (raw bytes, or nested names
 * composed from template and leaf tables) for every type; a found algorithm
 * gets a tfm, a key and a free. Oracle: lookup answers 0, ENOENT or ELIBBAD
 * (ENAMETOOLONG only for names of 128 bytes or more), the same answer twice,
 * and a found algorithm of the asked type with NUL-terminated names.
 *
 * Input: [mode][type][name bytes or composer bytes][key bytes].
 */
#include <errno.h>
#include <string.h>

#include "alg/alg.h"
#include "fuzz.h"

static const int e_lookup[] = {ENOENT, ELIBBAD, ENOMEM, 0};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = {data, size};
	uint8_t mode = fz_u8(&f), key[64];
	enum ualg_type type = (enum ualg_type)(fz_u8(&f) % (UALG_TYPE__MAX + 1));
	const struct ualg_alg *alg = NULL, *again = NULL;
	static struct ualg_name parsed;
	char name[300];
	size_t len;
	int r, r2;

	if (mode & 1) {
		len = fz_compose_name(&f, name, sizeof(name), 1 + (mode >> 1) % 20);
	} else {
		len = fz_u8(&f) % (sizeof(name) - 1);
		len = fz_bytes(&f, name, len);
		name[len] = 0;
		len = strlen(name);
	}
	r = ualg_name_parse(name, &parsed);
	if (r < 0 && r != -ENOENT && r != -ENAMETOOLONG)
		FZ_FAIL("parse(\"%s\") = %d", name, r);
	if (r >= 0 && parsed.nargs > UALG_MAX_TMPL_ARGS)
		FZ_FAIL("parse(\"%s\"): %u args", name, parsed.nargs);
	if (type == UALG_TYPE__MAX)
		return 0;
	r = (mode & 0x80) ? ualg_alg_lookup_child(type, name, &alg) : ualg_alg_lookup(type, name, &alg);
	if (len >= UALG_MAX_ALG_NAME ? (r >= 0 || (r != -ENAMETOOLONG && r != -ENOENT))
				     : !fz_errno_in(r, e_lookup))
		FZ_FAIL("lookup(%d, \"%s\") = %d", type, name, r);
	r2 = (mode & 0x80) ? ualg_alg_lookup_child(type, name, &again)
			   : ualg_alg_lookup(type, name, &again);
	if (r2 != r || (r >= 0 && again != alg))
		FZ_FAIL("lookup(%d, \"%s\") = %d, then %d", type, name, r, r2);
	if (r < 0)
		return 0;
	if (alg->type != type || !memchr(alg->name, 0, sizeof(alg->name)) ||
	    !memchr(alg->driver, 0, sizeof(alg->driver)))
		FZ_FAIL("lookup(%d, \"%s\"): type %d", type, name, alg->type);
	if (type != UALG_TYPE_CIPHER) {
		struct ualg_tfm *tfm;
		size_t kl = fz_u8(&f) % (sizeof(key) + 1);

		fz_bytes(&f, key, kl);
		if (ualg_tfm_new(alg, &tfm) >= 0) {
			ualg_tfm_setkey(tfm, key, kl);
			ualg_tfm_free(tfm);
		}
	}
	return 0;
}
