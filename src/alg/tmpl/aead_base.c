/* SPDX-License-Identifier: MIT */
/*
 * gcm(X), ccm(X), gcm_base(ctr, ghash) and ccm_base(ctr, cbcmac) as the
 * templates of crypto/gcm.c and crypto/ccm.c make them: the kernel
 * names its gcm(C) and ccm(C) instances by their children ("gcm_base(ctr(
 * aes-generic),ghash-generic)"), and a client may bind those names with any
 * CTR and GHASH/CBC-MAC implementations ("gcm_base(ctr-aes-aesni,ghash-
 * generic)"). The children are checked as the kernel checks them: a CTR
 * mode skcipher of a 16-byte block cipher ("ctr(X)", ivsize 16, blocksize
 * 1), and "ghash" (digest 16) or "cbcmac(X)" of the same cipher. The
 * instance is our gcm(C)/ccm(C) over that block cipher (the one inside a
 * ctr(...) instance, else the best "X"), named "gcm(X)"/"ccm(X)" with the
 * children in its driver name: gcm(X) is gcm_base(ctr(X),ghash) by another
 * spelling, so "gcm(aes-generic)" names neither its instance's name nor its
 * driver and, as in the kernel, is not found (registry.c).
 */
#include <stdlib.h>
#include <string.h>

#include "alg/tmpl/aead.h"
#include "alg/tmpl/skcipher.h"

struct base_row {
	const char *name;	  /* "gcm" */
	const char *base;	  /* "gcm_base": the driver names */
	bool mac_named_by_cipher; /* ccm: the MAC is cbcmac(X) of the same X */
	const char *mac;	  /* gcm: the MAC's cra_name */
	int (*create)(const struct ualg_template *tmpl, const struct ualg_name *name,
		      struct ualg_alg **ret);
};

static const struct base_row rows[] = {
	{"gcm", "gcm_base", false, "ghash", ualg_gcm_create},
	{"ccm", "ccm_base", true, NULL, ualg_ccm_create},
};

/* "ctr(X)" -> X; -ENOENT for anything else */
static int inner(const char *s, const char *tmpl, char out[UALG_MAX_ALG_NAME])
{
	size_t t = strlen(tmpl), n = strlen(s);

	if (n < t + 3 || strncmp(s, tmpl, t) || s[t] != '(' || s[n - 1] != ')')
		return -ENOENT;
	memcpy(out, s + t + 1, n - t - 2);
	out[n - t - 2] = 0;
	return 0;
}

/* kids: the CTR skcipher and the MAC; tmpl_name names the instance's driver */
static int base_build(const struct base_row *row, const char *tmpl_name,
		      const struct ualg_alg *const kids[2], struct ualg_alg **ret)
{
	char cname[UALG_MAX_ALG_NAME], mname[UALG_MAX_ALG_NAME];
	struct ualg_template sub_tmpl = {.name = row->name};
	struct ualg_name sub = {.nargs = 1};
	struct ualg_alg *inst;
	int r;

	if (inner(kids[0]->name, "ctr", cname) < 0 || kids[0]->skcipher.ivsize != 16 ||
	    kids[0]->blocksize != 1 || kids[1]->hash.digestsize != 16)
		return -ENOENT;
	if (row->mac_named_by_cipher
		    ? inner(kids[1]->name, "cbcmac", mname) < 0 || strcmp(mname, cname)
		    : strcmp(kids[1]->name, row->mac))
		return -ENOENT;
	/* the block cipher: a ctr(...) template's own child, else by name */
	if (inner(kids[0]->driver, "ctr", sub.args[0]) < 0)
		memcpy(sub.args[0], cname, sizeof(cname));
	r = row->create(&sub_tmpl, &sub, &inst);
	if (r < 0)
		return r;
	/* driver "gcm_base(ctr,ghash)", name "gcm(X)" */
	r = ualg_tmpl_set_names(inst, tmpl_name, kids, 2);
	if (r >= 0 && snprintf(inst->name, sizeof(inst->name), "%s(%s)", row->name, cname) >=
			      (int)sizeof(inst->name))
		r = -ENAMETOOLONG;
	if (r < 0) {
		free(inst);
		return r;
	}
	*ret = inst;
	return 0;
}

/* gcm_base(ctr,ghash), ccm_base(ctr,cbcmac): the children as named */
static int base_create(const struct base_row *row, const struct ualg_template *tmpl,
		       const struct ualg_name *name, struct ualg_alg **ret)
{
	const struct ualg_alg *kids[2];
	int r;

	r = ualg_alg_lookup_child(UALG_TYPE_SKCIPHER, name->args[0], &kids[0]);
	if (r >= 0)
		r = ualg_alg_lookup_child(UALG_TYPE_HASH, name->args[1], &kids[1]);
	return r < 0 ? r : base_build(row, tmpl->name, kids, ret);
}

/*
 * gcm(X), ccm(X) (crypto_gcm_create, crypto_ccm_create): "ctr(X)" and
 * "ghash" or "cbcmac(X)", named as gcm_base and ccm_base instances.
 */
static int cipher_create(const struct base_row *row, const struct ualg_name *name,
			 struct ualg_alg **ret)
{
	char ctr[UALG_MAX_ALG_NAME], mac[UALG_MAX_ALG_NAME];
	const struct ualg_alg *kids[2];
	int r;

	if (snprintf(ctr, sizeof(ctr), "ctr(%s)", name->args[0]) >= (int)sizeof(ctr) ||
	    snprintf(mac, sizeof(mac), row->mac_named_by_cipher ? "cbcmac(%s)" : "%s",
		     row->mac_named_by_cipher ? name->args[0] : row->mac) >= (int)sizeof(mac))
		return -ENAMETOOLONG;
	r = ualg_alg_lookup_child(UALG_TYPE_SKCIPHER, ctr, &kids[0]);
	if (r >= 0)
		r = ualg_alg_lookup_child(UALG_TYPE_HASH, mac, &kids[1]);
	return r < 0 ? r : base_build(row, row->base, kids, ret);
}

/* see alg/tmpl/aead.h */
int ualg_gcm_tmpl_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret)
{
	return cipher_create(&rows[0], name, ret);
}

/* see alg/tmpl/aead.h */
int ualg_ccm_tmpl_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret)
{
	return cipher_create(&rows[1], name, ret);
}

/* see alg/tmpl/aead.h */
int ualg_gcm_base_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret)
{
	return base_create(&rows[0], tmpl, name, ret);
}

/* see alg/tmpl/aead.h */
int ualg_ccm_base_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret)
{
	return base_create(&rows[1], tmpl, name, ret);
}
