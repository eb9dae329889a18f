/* SPDX-License-Identifier: MIT */
#ifndef UALG_ALG_ALG_H
#define UALG_ALG_ALG_H

/*
 * The algorithm engine's interface: registry, name resolution, templates,
 * transforms and the calls that drive them. Users (sock/, tools/, tests/)
 * include this header; implementations also include class.h.
 */

#include <stdio.h>
#include "alg/class.h"

/* ---- registry (alg/registry.c) */

/*
 * Register a leaf or an instance. Takes ownership of alg (freed with
 * free() after alg->destroy at exit). -EEXIST if the driver name is taken.
 */
int ualg_alg_register(struct ualg_alg *alg);

/*
 * Resolve name for type, the kernel's way (spec §18.1): exact driver name
 * first, then the highest-priority implementation of the generic name, then
 * a kernel driver-name alias, then template instantiation. The algorithm is
 * self-tested before it is first returned.
 *
 * -ENOENT: malformed, unknown, wrong type, internal, or a template that
 * rejects its arguments. -ELIBBAD: every match failed its self-test.
 * Algorithms are never freed before exit, so *ret stays valid.
 */
int ualg_alg_lookup(enum ualg_type type, const char *name, const struct ualg_alg **ret);

/* The algorithm whose code serves alg: itself, or what a kernel driver name stands for. */
static inline const struct ualg_alg *ualg_alg_impl(const struct ualg_alg *alg)
{
	return alg->impl ? alg->impl : alg;
}

/* Same, without the self-test, for templates resolving their children. */
int ualg_alg_lookup_child(enum ualg_type type, const char *name, const struct ualg_alg **ret);

/*
 * ualg_alg_lookup with these flags:
 *   UALG_LOOKUP_ASYNC  asynchronous algorithms too (NETLINK_CRYPTO NEWALG;
 *                      AF_ALG never gets them, 7.2's mask)
 *   UALG_LOOKUP_NOTYPE the caller named no type and tries each: templates
 *                      that need one (pcrypt) do not instantiate
 */
#define UALG_LOOKUP_ASYNC 0x1u
#define UALG_LOOKUP_NOTYPE 0x2u
int ualg_alg_lookup_flags(enum ualg_type type, const char *name, unsigned int flags,
			  const struct ualg_alg **ret);

/*
 * A kernel driver name we know as an alias ("sha256-generic", "cbc-aes-aesni"),
 * of any type: its algorithm, registered under that name on first use as a
 * view of the one it stands for (so "hmac(sha256-generic)" is an instance
 * of its own, as in the kernel). -ENOENT for other names.
 */
int ualg_alg_alias(const char *kernel_driver, const struct ualg_alg **ret);

/*
 * NETLINK_CRYPTO's changes to the list (crypto/crypto_user.c,
 * crypto/algapi.c):
 *  - delete: template instances only (-EINVAL otherwise), -EBUSY while a
 *    tfm of it exists; the instances built on it go too;
 *  - update: the instances built on alg go (crypto_remove_spawns);
 *  - set_priority: NEWALG and UPDATEALG with CRYPTOCFGA_PRIORITY_VAL.
 */
int ualg_alg_delete(const struct ualg_alg *alg);
void ualg_alg_update(const struct ualg_alg *alg);
void ualg_alg_set_priority(const struct ualg_alg *alg, int priority);

/* ---- FIPS mode (alg/fips.c) */

/*
 * /proc/sys/crypto/fips_enabled, read once (at the first registry use): the
 * kernel's switch. In FIPS mode algorithms that testmgr does not mark
 * fips_allowed, and instances over them, are FIPS_INTERNAL (AF_ALG gets
 * -ENOENT; a kernel driver name of such a test entry fails its self-test,
 * -ELIBBAD), DRBGs rank 2000 higher, and some setkey rules tighten.
 */
bool ualg_fips_enabled(void);

/* The table of testmgr names is in strcmp order (bsearch). */
bool ualg_fips_table_sorted(void);

/* Registry: mark alg as FIPS mode wants it (flags, selftest); no-op outside FIPS mode. */
void ualg_fips_classify(struct ualg_alg *alg);

/*
 * setkey rules of FIPS mode, 0 outside it: hmac keys of at least 112 bits
 * (crypto/hmac.c), xts keys of 32 or 64 bytes with unequal halves
 * (xts_verify_key; the length rule since 6.3). -EINVAL otherwise.
 */
int ualg_fips_hmac_key(size_t keylen);
int ualg_fips_xts_key(const uint8_t *key, size_t keylen);

/* Visit every registered algorithm (base and instances), in registration order. */
void ualg_alg_foreach(void (*fn)(const struct ualg_alg *alg, void *arg), void *arg);

/*
 * fork: the registry's locks, inst_lock then reg_lock (prepare takes them,
 * parent and child release them); the last of the engine's order
 * (sock/fork.c).
 */
void ualg_alg_fork_prepare(void);
void ualg_alg_fork_parent(void);
void ualg_alg_fork_child(void);

/* Write alg in /proc/crypto format (spec §18.3). */
void ualg_alg_show(FILE *f, const struct ualg_alg *alg);

/*
 * The whole registry in /proc/crypto format, after self-testing every leaf
 * (the kernel's list shows tested algorithms): `ualg list`, and /proc/crypto
 * under the preload. Returns the number of algorithms.
 */
int ualg_alg_list(FILE *f);

/* Type names: "cipher", "shash", "skcipher", "aead", "rng" as /proc/crypto says. */
const char *ualg_type_proc_name(enum ualg_type type);

/* AF_ALG bind type strings -> type; -ENOENT for others. */
int ualg_type_from_afalg(const char *salg_type, enum ualg_type *ret);

/* ---- names (alg/name.c) */

struct ualg_name {
	char tmpl[UALG_MAX_ALG_NAME]; /* template name, "" for a plain name */
	unsigned int nargs;
	char args[UALG_MAX_TMPL_ARGS][UALG_MAX_ALG_NAME]; /* top-level arguments, verbatim */
};

/*
 * Split "tmpl(a,b(c))" into "tmpl" and {"a", "b(c)"} (arguments are parsed
 * when they are looked up). A plain name gives tmpl "" and no arguments.
 * -ENOENT for malformed syntax (charset, parentheses, empty parts, trailing
 * characters, too many arguments, too deep), -ENAMETOOLONG for names of
 * UALG_MAX_ALG_NAME bytes or more.
 */
int ualg_name_parse(const char *name, struct ualg_name *ret);

/* ---- templates (alg/tmpl/) */

struct ualg_template {
	const char *name;
	unsigned int min_args, max_args;
	/*
	 * Build an instance over the named arguments. Must look children up
	 * with ualg_alg_lookup_child(), check them (-ENOENT if unsuitable),
	 * name the instance with ualg_tmpl_set_names() and fill every field.
	 * The registry registers it.
	 */
	int (*create)(const struct ualg_template *tmpl, const struct ualg_name *name,
		      struct ualg_alg **ret);
};

/*
 * For create(): the UALG_LOOKUP_* flags of the lookup that is instantiating
 * (the kernel hands a template the requested type and mask; pcrypt wants an
 * explicit AEAD type).
 */
unsigned int ualg_tmpl_lookup_flags(void);

/* Templates of one family, each terminated by a row with name == NULL. */
extern const struct ualg_template ualg_hash_templates[];
extern const struct ualg_template ualg_skcipher_templates[];
extern const struct ualg_template ualg_aead_templates[];

/*
 * inst->name = "tmpl(c0->name,c1->name…)", inst->driver likewise with driver
 * names. -ENAMETOOLONG when either does not fit.
 */
int ualg_tmpl_set_names(struct ualg_alg *inst, const char *tmpl, const struct ualg_alg *const *children,
			unsigned int n);

/*
 * Families: each registers its leaf rows (called once, before the first
 * lookup) and owns its template table and kernel driver-name aliases.
 *   cipher   single-block ciphers    alg/evp/cipher.c
 *   hash     digests, MACs, CRCs     alg/evp/hash.c, alg/sw/, alg/tmpl/ hmac cmac ...
 *   skcipher modes and stream ciphers alg/evp/skcipher.c, alg/tmpl/ cbc ctr xts ...
 *   aead     AEADs                   alg/evp/aead.c, alg/tmpl/ gcm ccm authenc ...
 *   rng      DRBGs and friends       alg/evp/rng.c
 */
void ualg_cipher_register(void);
void ualg_hash_register(void);
void ualg_skcipher_register(void);
void ualg_aead_register(void);
void ualg_rng_register(void);

/*
 * Kernel driver names (spec §4: "sha256-generic", "cbc-aes-aesni") and the
 * generic or driver name of ours each stands for. Tables terminated by a row
 * with kernel_driver == NULL.
 */
struct ualg_alias {
	const char *kernel_driver;
	const char *target;
};
extern const struct ualg_alias ualg_cipher_aliases[];
extern const struct ualg_alias ualg_hash_aliases[];
extern const struct ualg_alias ualg_skcipher_aliases[];
extern const struct ualg_alias ualg_aead_aliases[];
extern const struct ualg_alias ualg_rng_aliases[];

/* ---- self-tests (alg/selftest.c): known answers before first use */

/* 0 if alg passes; -ELIBBAD if it gives a wrong answer. */
int ualg_selftest_run(const struct ualg_alg *alg);

/* ---- transforms and operations (alg/api.c) */

/* New tfm of alg; NEED_KEY set when the alg is keyed. */
int ualg_tfm_new(const struct ualg_alg *alg, struct ualg_tfm **ret);
/* Wipes and frees; takes NULL. */
void ualg_tfm_free(struct ualg_tfm *tfm);

/* Per-type setkey with the kernel's outcome rules (spec §5.1). */
int ualg_tfm_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen);
/*
 * A new skcipher or aead tfm of the same algorithm, keyed with the same key
 * (or without one, as src) and with src's authsize: what the kernel shares
 * between the requests of several op sockets, given to each its own, so
 * that their requests need not take turns on one tfm. -EINVAL for other
 * types.
 */
int ualg_tfm_clone(const struct ualg_tfm *src, struct ualg_tfm **ret);
static inline bool ualg_tfm_need_key(const struct ualg_tfm *tfm)
{
	return tfm->flags & UALG_TFM_NEED_KEY;
}

int ualg_hash_desc_new(struct ualg_tfm *tfm, struct ualg_hash_desc **ret);
void ualg_hash_desc_free(struct ualg_hash_desc *desc);
int ualg_hash_init(struct ualg_hash_desc *desc);
int ualg_hash_update(struct ualg_hash_desc *desc, const uint8_t *data, size_t len);
/* Writes digestsize bytes and ends the stream (desc no longer live). */
int ualg_hash_final(struct ualg_hash_desc *desc, uint8_t *out);
/* dst continues exactly as src; src must be live. */
int ualg_hash_clone(struct ualg_hash_desc *dst, const struct ualg_hash_desc *src);
/* One-shot digest through a temporary descriptor. */
int ualg_hash_digest(struct ualg_tfm *tfm, const uint8_t *data, size_t len, uint8_t *out);

int ualg_skcipher_encrypt(struct ualg_skcipher_req *req);
int ualg_skcipher_decrypt(struct ualg_skcipher_req *req);

int ualg_aead_setauthsize(struct ualg_tfm *tfm, unsigned int authsize);
int ualg_aead_encrypt(struct ualg_aead_req *req);
int ualg_aead_decrypt(struct ualg_aead_req *req);

int ualg_rng_seed(struct ualg_tfm *tfm, const uint8_t *seed, size_t len);
int ualg_rng_generate(struct ualg_tfm *tfm, const uint8_t *addtl, size_t addtl_len, uint8_t *out,
		      size_t len);
int ualg_rng_set_entropy(struct ualg_tfm *tfm, const uint8_t *ent, size_t len);

/* ---- OpenSSL (alg/evp/ossl.c): the private library context */

struct ossl_lib_ctx_st;
/* The private OSSL_LIB_CTX (default provider, ualg's own libcrypto); NULL if it could not be made. */
struct ossl_lib_ctx_st *ualg_ossl_ctx(void);

#endif
