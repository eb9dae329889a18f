/* SPDX-License-Identifier: MIT */
/*
 * Hash leaves over OpenSSL: digests (EVP_MD), direct MAC leaves for the
 * common keyed cases (EVP_MAC HMAC per digest, CMAC over AES), and the
 * kernel's poly1305 shash over EVP_MAC POLY1305. One row per
 * digest; one generic implementation serves every row, another every MAC.
 * A row whose EVP algorithm the private context lacks is not registered;
 * md4 and whirlpool are not EVP rows (alg/evp/legacy.c).
 *
 * Implementation Notes
 *
 * - The digest of each row is fetched at its first stream, and its
 *   provider functions resolved (alg/evp/prov.h), and kept for the life of
 *   the process (md_cache[]); the MACs at their first setkey.
 * - The OpenSSL context of a stream lives in its descriptor's keep slot
 *   (class.h) and serves every later stream of that descriptor (an op
 *   socket's), so a stream allocates nothing: a digest re-initialises its
 *   provider context (the digest's own init, called directly: OpenSSL
 *   3.0's EVP_DigestInit_ex2 frees and re-creates the provider context
 *   every time, an allocation, a cleanse and a free per stream), a MAC
 *   restarts it with EVP_MAC_init(ctx, NULL, 0, NULL), which both
 *   HMAC (inner/outer precomputed states) and CMAC (subkeys) support
 *   without rekeying. MAC tfms keep a keyed EVP_MAC_CTX made at setkey,
 *   the origin of every descriptor's context; a descriptor whose context
 *   was made under an older key (key generation) dups the new one.
 * - OpenSSL 3.0 re-creates the provider's digest contexts on the EVP_MAC
 *   restart (two small allocations per stream for HMAC); the EVP_MAC_CTX
 *   itself is reused.
 * - Our own hashes (alg/sw/) are registered from here too.
 *
 * Constant time: as OpenSSL's implementation of each digest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "alg/alg.h"
#include "alg/evp/evp.h"
#include "alg/evp/prov.h"
#include "core/cleanup.h"
#include "core/ct.h"
#include "alg/sw/hash.h"
#include "alg/nettle/nettle.h"

struct md_row {
	const char *name; /* cra_name; driver is "<name>-ualg" */
	const char *evp;  /* EVP_MD name */
	unsigned int digestsize, blocksize;
	unsigned int statesize; /* the kernel's export size for the digest */
	bool hmac;		/* also a direct "hmac(<name>)" leaf over EVP_MAC HMAC */
};

static const struct md_row md_table[] = {
	{ "md5", "MD5", 16, 64, 88, true },
	{ "sha1", "SHA1", 20, 64, 96, true },
	{ "sha224", "SHA2-224", 28, 64, 104, true },
	{ "sha256", "SHA2-256", 32, 64, 104, true },
	{ "sha384", "SHA2-384", 48, 128, 208, true },
	{ "sha512", "SHA2-512", 64, 128, 208, true },
	{ "sha3-224", "SHA3-224", 28, 144, 360, true },
	{ "sha3-256", "SHA3-256", 32, 136, 360, true },
	{ "sha3-384", "SHA3-384", 48, 104, 360, true },
	{ "sha3-512", "SHA3-512", 64, 72, 360, true },
	{ "sm3", "SM3", 32, 64, 108, true },
	{ "rmd160", "RIPEMD160", 20, 64, 92, true },
};

/* resolved at the first stream; never freed (algorithms live until exit) */
static const struct ualg_pdigest *md_cache[ARRAY_SIZE(md_table)];

static const struct ualg_pdigest *row_pd(const struct md_row *row)
{
	const struct ualg_pdigest **slot = &md_cache[row - md_table];
	const struct ualg_pdigest *pd = __atomic_load_n(slot, __ATOMIC_ACQUIRE);

	if (!pd) {
		pd = ualg_pdigest_get(ualg_evp_md_get(row->evp));
		__atomic_store_n(slot, pd, __ATOMIC_RELEASE);
	}
	return pd;
}

/*
 * ---- digests, at the provider level (alg/evp/prov.h): the descriptor's
 * kept provider context is the whole state, re-initialised for each stream
 * (EVP_DigestInit_ex2 would free and re-create it every time).
 */

static const struct ualg_pdigest *desc_pd(const struct ualg_hash_desc *desc)
{
	return md_cache[(const struct md_row *)desc->tfm->alg->data - md_table];
}

static int md_init(struct ualg_hash_desc *desc)
{
	const struct ualg_pdigest *pd = row_pd(desc->tfm->alg->data);

	if (!pd)
		return -ENOMEM;
	if (!desc->keep && !(desc->keep = pd->newctx(pd->provctx)))
		return -ENOMEM;
	return pd->init(desc->keep, NULL) ? 0 : -ENOMEM;
}

static int md_update(struct ualg_hash_desc *desc, const uint8_t *data, size_t len)
{
	return desc_pd(desc)->update(desc->keep, data, len) ? 0 : -EINVAL;
}

/* every row's digest has the row's size (no truncated rows) */
static int md_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	size_t ds = desc->tfm->alg->hash.digestsize, outl = 0;

	return desc_pd(desc)->final(desc->keep, out, &outl, ds) && outl == ds ? 0 : -EINVAL;
}

/* a live source was initialised: its row is resolved */
static int md_copy(struct ualg_hash_desc *dst, const struct ualg_hash_desc *src)
{
	const struct ualg_pdigest *pd = desc_pd(src);
	void *ctx = pd->dupctx(src->keep);

	if (!ctx)
		return -ENOMEM;
	if (dst->keep)
		pd->freectx(dst->keep);
	dst->keep = ctx;
	return 0;
}

/* the provider's freectx cleanses the digest state */
static void md_release(struct ualg_hash_desc *desc)
{
	desc_pd(desc)->freectx(desc->keep);
	desc->keep = NULL;
}

static const struct ualg_hash_ops md_ops = {
	.init = md_init,
	.update = md_update,
	.final = md_final,
	.copy = md_copy,
	.release = md_release,
	.concurrent = true, /* descriptors keep their own contexts; the tfm is read */
};

/* ---- MACs: HMAC per digest row, CMAC over AES */

struct mac_leaf {
	const char *mac;	 /* the EVP_MAC's name */
	const struct md_row *md; /* HMAC: the digest */
	/* fill params for a key of keylen bytes; -EINVAL if the length is refused */
	int (*params)(const struct mac_leaf *leaf, size_t keylen, OSSL_PARAM *p, char *buf,
		      size_t bufsize);
	/* direct leaves only (HMAC leaves take these from the digest row) */
	const char *name, *driver;
	unsigned int digestsize, blocksize;
};

struct mac_tfm {
	EVP_MAC_CTX *keyed; /* freshly keyed, never updated: the origin of every stream */
	unsigned int gen;   /* bumped by every setkey */
};

/* a descriptor's kept context, and the key generation it was made under */
struct mac_keep {
	EVP_MAC_CTX *ctx;
	unsigned int gen;
};


static int hmac_params(const struct mac_leaf *leaf, size_t keylen, OSSL_PARAM *p, char *buf,
		       size_t bufsize)
{
	if (ualg_fips_hmac_key(keylen) < 0)
		return -EINVAL;
	snprintf(buf, bufsize, "%s", leaf->md->evp);
	p[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, buf, 0);
	p[1] = OSSL_PARAM_construct_end();
	return 0;
}

static int cmac_aes_params(const struct mac_leaf *leaf, size_t keylen, OSSL_PARAM *p, char *buf,
			   size_t bufsize)
{
	(void)leaf;
	if (keylen != 16 && keylen != 24 && keylen != 32)
		return -EINVAL;
	snprintf(buf, bufsize, "AES-%u-CBC", (unsigned int)keylen * 8);
	p[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER, buf, 0);
	p[1] = OSSL_PARAM_construct_end();
	return 0;
}

/* HMAC leaves, one per digest row with .hmac, filled at registration */
static struct mac_leaf hmac_leaves[ARRAY_SIZE(md_table)];

static const struct mac_leaf cmac_table[] = {
	{ "CMAC", NULL, cmac_aes_params, "cmac(aes)", "cmac-aes-ualg", 16, 16 },
};

static void mac_exit_tfm(struct ualg_tfm *tfm)
{
	struct mac_tfm *t = ualg_tfm_ctx(tfm);

	/* EVP_MAC_CTX_free cleanses keys and pads */
	EVP_MAC_CTX_free(t->keyed);
	t->keyed = NULL;
}

static int mac_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	const struct mac_leaf *leaf = tfm->alg->data;
	struct mac_tfm *t = ualg_tfm_ctx(tfm);
	EVP_MAC *mac = ualg_evp_mac_get(leaf->mac);
	static const uint8_t empty[1];
	OSSL_PARAM params[4];
	char buf[64];
	EVP_MAC_CTX *ctx;
	int r;

	r = leaf->params(leaf, keylen, params, buf, sizeof(buf));
	if (r < 0)
		return r;
	ctx = mac ? EVP_MAC_CTX_new(mac) : NULL;
	if (!ctx)
		return -ENOMEM;
	/* a zero-length HMAC key is valid: OpenSSL wants a non-NULL pointer for it */
	if (!EVP_MAC_init(ctx, keylen ? key : empty, keylen, params)) {
		EVP_MAC_CTX_free(ctx);
		return -EINVAL;
	}
	EVP_MAC_CTX_free(t->keyed);
	t->keyed = ctx;
	t->gen++;
	return 0;
}

static struct mac_keep *mac_keep(struct ualg_hash_desc *desc)
{
	if (!desc->keep)
		desc->keep = calloc(1, sizeof(struct mac_keep));
	return desc->keep;
}

static int mac_init(struct ualg_hash_desc *desc)
{
	struct mac_tfm *t = ualg_tfm_ctx(desc->tfm);
	struct mac_keep *k = mac_keep(desc);

	if (!k)
		return -ENOMEM;
	/* restart under the same key: HMAC copies its inner state, CMAC clears its chaining value */
	if (k->ctx && k->gen == t->gen && EVP_MAC_init(k->ctx, NULL, 0, NULL))
		return 0;
	EVP_MAC_CTX_free(k->ctx);
	k->ctx = EVP_MAC_CTX_dup(t->keyed);
	k->gen = t->gen;
	return k->ctx ? 0 : -ENOMEM;
}

static int mac_update(struct ualg_hash_desc *desc, const uint8_t *data, size_t len)
{
	const struct mac_keep *k = desc->keep;

	return EVP_MAC_update(k->ctx, data, len) ? 0 : -EINVAL;
}

static int mac_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	unsigned int ds = desc->tfm->alg->hash.digestsize;
	const struct mac_keep *k = desc->keep;
	size_t outl = 0;

	if (!EVP_MAC_final(k->ctx, out, &outl, ds) || outl != ds)
		return -EINVAL;
	return 0;
}

static int mac_copy(struct ualg_hash_desc *dst, const struct ualg_hash_desc *src)
{
	const struct mac_keep *s = src->keep;
	struct mac_keep *d = mac_keep(dst);

	if (!d)
		return -ENOMEM;
	EVP_MAC_CTX_free(d->ctx);
	d->ctx = EVP_MAC_CTX_dup(s->ctx);
	d->gen = s->gen;
	return d->ctx ? 0 : -ENOMEM;
}

static void mac_release(struct ualg_hash_desc *desc)
{
	struct mac_keep *k = desc->keep;

	EVP_MAC_CTX_free(k->ctx);
	free(k);
	desc->keep = NULL;
}

static const struct ualg_hash_ops mac_ops = {
	.setkey = mac_setkey,
	.init = mac_init,
	.update = mac_update,
	.final = mac_final,
	.copy = mac_copy,
	.release = mac_release,
	.concurrent = true, /* descriptors keep their own contexts; the tfm is read */
};

/* ---- registration */


static struct ualg_alg *hash_alg_new(const char *name, const char *driver, unsigned int ds,
				     unsigned int bs)
{
	struct ualg_alg *alg = ualg_evp_alg_new(UALG_TYPE_HASH, name, driver);

	if (!alg)
		return NULL;
	alg->priority = 300;
	alg->blocksize = bs;
	alg->hash.digestsize = ds;
	return alg;
}

static void register_md(size_t i)
{
	const struct md_row *row = &md_table[i];
	char name[UALG_MAX_ALG_NAME], driver[UALG_MAX_ALG_NAME];
	struct ualg_alg *alg;

	snprintf(driver, sizeof(driver), "%s-ualg", row->name);
	alg = hash_alg_new(row->name, driver, row->digestsize, row->blocksize);
	if (!alg)
		return;
	alg->hash.ops = &md_ops;
	alg->hash.statesize = row->statesize;
	alg->data = row;
	ualg_evp_alg_register(alg);

	if (!row->hmac)
		return;
	snprintf(name, sizeof(name), "hmac(%s)", row->name);
	snprintf(driver, sizeof(driver), "hmac-%s-ualg", row->name);
	alg = hash_alg_new(name, driver, row->digestsize, row->blocksize);
	if (!alg)
		return;
	hmac_leaves[i] = (struct mac_leaf){ .mac = "HMAC", .md = row, .params = hmac_params };
	alg->flags = UALG_F_KEYED;
	alg->ctxsize = sizeof(struct mac_tfm);
	alg->exit_tfm = mac_exit_tfm;
	alg->hash.ops = &mac_ops;
	alg->hash.statesize = 2 * row->statesize;
	alg->data = &hmac_leaves[i];
	ualg_evp_alg_register(alg);
}

static void register_cmac(const struct mac_leaf *leaf)
{
	struct ualg_alg *alg;

	alg = hash_alg_new(leaf->name, leaf->driver, leaf->digestsize, leaf->blocksize);
	if (!alg)
		return;
	alg->flags = UALG_F_KEYED;
	alg->ctxsize = sizeof(struct mac_tfm);
	alg->exit_tfm = mac_exit_tfm;
	alg->hash.ops = &mac_ops;
	alg->hash.statesize = 2 * leaf->blocksize;
	alg->data = leaf;
	ualg_evp_alg_register(alg);
}

/*
 * ---- poly1305 as the kernel's shash: no setkey; the first 32 bytes of the
 * data are the one-time key (r || s), the rest the message (kernel
 * crypto/poly1305_generic.c). final before 32 bytes is -ENOKEY.
 */

struct poly_desc {
	uint8_t key[32];
	unsigned int nkey;
	bool keyed; /* the key bytes are in, and desc->keep is keyed with them */
};


static int poly_init(struct ualg_hash_desc *desc)
{
	struct poly_desc *d = ualg_hash_desc_ctx(desc);

	d->nkey = 0;
	d->keyed = false;
	return 0;
}

static int poly_update(struct ualg_hash_desc *desc, const uint8_t *data, size_t len)
{
	struct poly_desc *d = ualg_hash_desc_ctx(desc);

	if (!d->keyed) {
		size_t n = sizeof(d->key) - d->nkey < len ? sizeof(d->key) - d->nkey : len;

		memcpy(d->key + d->nkey, data, n);
		d->nkey += (unsigned int)n;
		data += n;
		len -= n;
		if (d->nkey < sizeof(d->key))
			return 0;
		if (!desc->keep) {
			EVP_MAC *mac = ualg_evp_mac_get("POLY1305");

			desc->keep = mac ? EVP_MAC_CTX_new(mac) : NULL;
		}
		if (!desc->keep)
			return -ENOMEM;
		if (!EVP_MAC_init(desc->keep, d->key, sizeof(d->key), NULL))
			return -EINVAL;
		ualg_wipe(d->key, sizeof(d->key));
		d->keyed = true;
	}
	return len && !EVP_MAC_update(desc->keep, data, len) ? -EINVAL : 0;
}

static int poly_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	struct poly_desc *d = ualg_hash_desc_ctx(desc);
	size_t outl = 0;

	if (!d->keyed)
		return -ENOKEY;
	if (!EVP_MAC_final(desc->keep, out, &outl, 16) || outl != 16)
		return -EINVAL;
	return 0;
}

static int poly_copy(struct ualg_hash_desc *dst, const struct ualg_hash_desc *src)
{
	const struct poly_desc *s = (const struct poly_desc *)src->ctx;
	struct poly_desc *d = ualg_hash_desc_ctx(dst);

	*d = *s;
	if (!s->keyed)
		return 0;
	EVP_MAC_CTX_free(dst->keep);
	dst->keep = EVP_MAC_CTX_dup(src->keep);
	return dst->keep ? 0 : -ENOMEM;
}

static void poly_release(struct ualg_hash_desc *desc)
{
	EVP_MAC_CTX_free(desc->keep);
	desc->keep = NULL;
}

static const struct ualg_hash_ops poly_ops = {
	.init = poly_init,
	.update = poly_update,
	.final = poly_final,
	.copy = poly_copy,
	.release = poly_release,
};

static void register_poly1305(void)
{
	struct ualg_alg *alg;

	alg = hash_alg_new("poly1305", "poly1305-ualg", 16, 16);
	if (!alg)
		return;
	alg->hash.ops = &poly_ops;
	alg->hash.descsize = sizeof(struct poly_desc);
	alg->hash.statesize = sizeof(struct poly_desc);
	ualg_evp_alg_register(alg);
}

/* see alg/alg.h */
void ualg_hash_register(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(md_table); i++)
		register_md(i);
	for (size_t i = 0; i < ARRAY_SIZE(cmac_table); i++)
		register_cmac(&cmac_table[i]);
	register_poly1305();
	ualg_sw_hash_register();
	ualg_nettle_hash_register();
	ualg_legacy_hash_register();
}

/*
 * see alg/alg.h. Kernel drivers of 6.1 (/proc/crypto on x86-64) and the
 * library-backed drivers of 6.14+ ("sha256-lib", "crc32c-lib"...). Targets
 * are generic names, so the best implementation of ours answers.
 */
const struct ualg_alias ualg_hash_aliases[] = {
	{ "nhpoly1305-generic", "nhpoly1305-ualg" },
	{ "nhpoly1305-sse2", "nhpoly1305-ualg" },
	{ "nhpoly1305-avx2", "nhpoly1305-ualg" },
	{ "md4-generic", "md4" },
	{ "md5-generic", "md5" },
	{ "md5-lib", "md5" },
	{ "sha1-generic", "sha1" },
	{ "sha1-ssse3", "sha1" },
	{ "sha1-avx", "sha1" },
	{ "sha1-avx2", "sha1" },
	{ "sha1-ni", "sha1" },
	{ "sha1-lib", "sha1" },
	{ "sha224-generic", "sha224" },
	{ "sha224-ssse3", "sha224" },
	{ "sha224-avx", "sha224" },
	{ "sha224-avx2", "sha224" },
	{ "sha224-ni", "sha224" },
	{ "sha224-lib", "sha224" },
	{ "sha256-generic", "sha256" },
	{ "sha256-ssse3", "sha256" },
	{ "sha256-avx", "sha256" },
	{ "sha256-avx2", "sha256" },
	{ "sha256-ni", "sha256" },
	{ "sha256-lib", "sha256" },
	{ "sha384-generic", "sha384" },
	{ "sha384-ssse3", "sha384" },
	{ "sha384-avx", "sha384" },
	{ "sha384-avx2", "sha384" },
	{ "sha384-lib", "sha384" },
	{ "sha512-generic", "sha512" },
	{ "sha512-ssse3", "sha512" },
	{ "sha512-avx", "sha512" },
	{ "sha512-avx2", "sha512" },
	{ "sha512-lib", "sha512" },
	{ "sha3-224-generic", "sha3-224" },
	{ "sha3-256-generic", "sha3-256" },
	{ "sha3-384-generic", "sha3-384" },
	{ "sha3-512-generic", "sha3-512" },
	{ "sha3-224-lib", "sha3-224" },
	{ "sha3-256-lib", "sha3-256" },
	{ "sha3-384-lib", "sha3-384" },
	{ "sha3-512-lib", "sha3-512" },
	{ "sm3-generic", "sm3" },
	{ "sm3-avx", "sm3" },
	{ "rmd160-generic", "rmd160" },
	{ "wp512-generic", "wp512" },
	{ "wp384-generic", "wp384" },
	{ "wp256-generic", "wp256" },
	{ "hmac-md5-lib", "hmac(md5)" },
	{ "hmac-sha1-lib", "hmac(sha1)" },
	{ "hmac-sha224-lib", "hmac(sha224)" },
	{ "hmac-sha256-lib", "hmac(sha256)" },
	{ "hmac-sha384-lib", "hmac(sha384)" },
	{ "hmac-sha512-lib", "hmac(sha512)" },
	{ "blake2b-160-generic", "blake2b-160" },
	{ "blake2b-256-generic", "blake2b-256" },
	{ "blake2b-384-generic", "blake2b-384" },
	{ "blake2b-512-generic", "blake2b-512" },
	{ "crc32c-generic", "crc32c" },
	{ "crc32c-intel", "crc32c" },
	{ "crc32c-lib", "crc32c" },
	{ "crc32-generic", "crc32" },
	{ "crc32-pclmul", "crc32" },
	{ "crc32-lib", "crc32" },
	{ "crct10dif-generic", "crct10dif" },
	{ "crct10dif-pclmul", "crct10dif" },
	{ "crct10dif-lib", "crct10dif" },
	{ "crc64-rocksoft-generic", "crc64-rocksoft" },
	{ "michael_mic-generic", "michael_mic" },
	{ "xxhash64-generic", "xxhash64" },
	{ "digest_null-generic", "digest_null" },
	{ "ghash-generic", "ghash" },
	{ "polyval-generic", "polyval" },
	{ "polyval-clmulni", "polyval" },
	{ "poly1305-generic", "poly1305" },
	{ "poly1305-simd", "poly1305" },
	{ NULL, NULL },
};
