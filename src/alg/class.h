/* SPDX-License-Identifier: MIT */
#ifndef UALG_ALG_CLASS_H
#define UALG_ALG_CLASS_H

/*
 * Algorithm classes: the contract between the registry, the implementations
 * (OpenSSL leaves in alg/evp/, our own code in alg/sw/, templates in
 * alg/tmpl/) and their users (sockets, tools, tests).
 *
 * An algorithm (struct ualg_alg, the kernel's crypto_alg) is a const-ish
 * descriptor: two names, a priority, a type, sizes and an ops table for its
 * type. A transform (struct ualg_tfm, the kernel's crypto_tfm) is one keyed
 * instance of an algorithm; its context (ctxsize bytes) belongs to the
 * implementation. Per-operation state lives in a hash descriptor
 * (struct ualg_hash_desc) or in a request.
 *
 * A tfm runs one call at a time: its user serialises setkey and the
 * requests of one tfm (the socket layer gives each op socket a tfm of its
 * own, ualg_tfm_clone, or holds the parent's tfm_lock), so implementations
 * keep per-request state in the tfm (an OpenSSL context holding the IV)
 * and take no lock of their own. The hash descriptors of one tfm may run
 * concurrently while no setkey does when the implementation says so
 * (ualg_hash_ops.concurrent: each descriptor holds its own state, the
 * tfm's keyed state is only read); the CBC-MAC templates, whose
 * descriptors drive the tfm's child cipher, do not.
 *
 * All functions return >= 0 on success and -errno on failure; the errno
 * values are the kernel's for the same condition (EINVAL for bad key or
 * data lengths, EBADMSG for a tag mismatch, ENOSYS for setkey on an unkeyed
 * hash, ENOMEM).
 *
 * Implementations must wipe keys and intermediate state in exit_tfm/destroy;
 * the registry also wipes the whole tfm context on free.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdalign.h>
#include <errno.h>

#include "core/limits.h"

enum ualg_type {
	UALG_TYPE_CIPHER,   /* single-block cipher ("aes"): template input only */
	UALG_TYPE_HASH,     /* shash/ahash: AF_ALG "hash" */
	UALG_TYPE_SKCIPHER, /* AF_ALG "skcipher" */
	UALG_TYPE_AEAD,     /* AF_ALG "aead" */
	UALG_TYPE_RNG,      /* AF_ALG "rng" */
	UALG_TYPE__MAX,
};

/* ualg_alg.flags: the kernel's CRYPTO_ALG_* values where one exists */
#define UALG_F_ASYNC 0x80u	    /* listed and instantiable, never served to AF_ALG (7.2 mask) */
#define UALG_F_INTERNAL 0x2000u     /* never reachable by lookup from outside */
#define UALG_F_OPTIONAL_KEY 0x4000u /* keyed but usable without a key (crc32c) */
#define UALG_F_FIPS_INTERNAL 0x20000u /* FIPS mode: only as a child of another algorithm */
#define UALG_F_KEYED 0x80000000u    /* a tfm starts in NEED_KEY (hmac, ciphers) */

/* children an instance records (ualg_tmpl_set_names): the most any template has */
#define UALG_MAX_SPAWNS 4

/* ualg_tfm.flags */
#define UALG_TFM_NEED_KEY 0x1u

struct ualg_alg;
struct ualg_tfm;

struct ualg_tfm {
	const struct ualg_alg *alg;
	unsigned int flags;    /* UALG_TFM_* */
	unsigned int authsize; /* aead: current tag size (default maxauthsize) */
	/* skcipher/aead: a copy of the current key, for ualg_tfm_clone(); wiped on free */
	uint8_t *key;
	size_t keylen;
	alignas(16) unsigned char ctx[];
};

static inline void *ualg_tfm_ctx(struct ualg_tfm *tfm)
{
	return tfm->ctx;
}

/* ---- cipher: one block cipher, used by templates (cbc, ctr, gcm, cmac...) */

struct ualg_cipher_ops {
	int (*setkey)(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen);
	/* nblocks whole blocks, ECB; dst may equal src */
	int (*encrypt)(struct ualg_tfm *tfm, uint8_t *dst, const uint8_t *src, size_t nblocks);
	int (*decrypt)(struct ualg_tfm *tfm, uint8_t *dst, const uint8_t *src, size_t nblocks);
};

/* ---- hash: init/update/final over a descriptor; copy clones mid-stream */

struct ualg_hash_desc {
	struct ualg_tfm *tfm;
	bool live; /* ops->init done, final/destroy not yet: managed by alg/api.c */
	/*
	 * A resource the streams of this descriptor reuse (an OpenSSL
	 * context), so that a stream allocates nothing: NULL at first, left
	 * alone by the API between streams (ctx is wiped, keep is not), given
	 * to ops->release when the descriptor is freed.
	 */
	void *keep;
	alignas(16) unsigned char ctx[];
};

static inline void *ualg_hash_desc_ctx(struct ualg_hash_desc *desc)
{
	return desc->ctx;
}

struct ualg_hash_ops {
	/* NULL for unkeyed hashes: the API then answers -ENOSYS */
	int (*setkey)(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen);
	int (*init)(struct ualg_hash_desc *desc);
	int (*update)(struct ualg_hash_desc *desc, const uint8_t *data, size_t len);
	/* writes digestsize bytes; the desc is then destroyed by the API */
	int (*final)(struct ualg_hash_desc *desc, uint8_t *out);
	/* dst->ctx is uninitialised; on success dst continues exactly as src */
	int (*copy)(struct ualg_hash_desc *dst, const struct ualg_hash_desc *src);
	/* release resources and wipe; may be NULL when ctx holds plain data */
	void (*destroy)(struct ualg_hash_desc *desc);
	/* free desc->keep (called only when it is not NULL); NULL when keep is unused */
	void (*release)(struct ualg_hash_desc *desc);
	/*
	 * The descriptors of one tfm may run concurrently (no setkey running):
	 * init/update/final/copy only read the tfm. Else the user serialises
	 * every descriptor call of a tfm (the socket layer's tfm_lock).
	 */
	bool concurrent;
};

/* ---- skcipher: one request over len bytes, IV updated in place */

/* what an algorithm still owes an IV buffer: see ualg_skcipher_req.later */
struct ualg_iv_later {
	const struct ualg_tfm *tfm; /* the one tfm that may defer */
	uint64_t owed;		    /* 0: nothing; else private to tfm's algorithm */
};

struct ualg_skcipher_req {
	struct ualg_tfm *tfm;
	const uint8_t *src;
	uint8_t *dst; /* may equal src */
	size_t len;
	/*
	 * ivsize bytes; on return it holds the output IV (kernel req->iv):
	 * cbc the last ciphertext block, ctr the advanced counter, xts and
	 * chacha20 unchanged. testmgr's iv_out is the reference.
	 */
	uint8_t *iv;
	/*
	 * false: more data of the same message follows (kernel NOTFINAL);
	 * len is then a multiple of chunksize.
	 */
	bool final;
	/*
	 * statesize bytes owned by the caller, kept between the requests of
	 * one message (kernel export/import after NOTFINAL). cont is true when
	 * the previous request of this message was NOTFINAL and succeeded:
	 * continue from *state instead of starting from the IV. NULL when
	 * statesize is 0.
	 */
	void *state;
	bool cont;
	/*
	 * Optional; NULL: the output IV is in iv on return. A caller that
	 * reads the output IV only as the IV of its next request on the same
	 * tfm and iv buffer (the socket layer) may pass one, with tfm set, for
	 * all its requests, and zeroes owed whenever it writes a new IV. An
	 * algorithm whose output IV costs extra work (xts-aes-ualg: the
	 * encrypted tweak) may then leave iv as it was and note in owed what
	 * is missing; a later request that finds owed != 0 completes iv
	 * first. Honoured only when later->tfm == tfm (never by the child of
	 * a template, whose iv may not be the caller's).
	 */
	struct ualg_iv_later *later;
};

struct ualg_skcipher_ops {
	int (*setkey)(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen);
	int (*encrypt)(struct ualg_skcipher_req *req);
	int (*decrypt)(struct ualg_skcipher_req *req);
};

/* ---- aead: kernel layout, AAD || text (|| tag) */

struct ualg_aead_req {
	struct ualg_tfm *tfm;
	/* assoclen + cryptlen bytes: AAD || plaintext, or AAD || ciphertext || tag */
	const uint8_t *src;
	/*
	 * assoclen + cryptlen + authsize (encrypt) or assoclen + cryptlen -
	 * authsize (decrypt) bytes. The algorithm writes from dst + assoclen;
	 * the AAD area of dst is the caller's. dst may equal src.
	 */
	uint8_t *dst;
	size_t assoclen;
	size_t cryptlen; /* encrypt: plaintext length; decrypt: ciphertext + tag */
	const uint8_t *iv; /* ivsize bytes, not modified */
};

struct ualg_aead_ops {
	int (*setkey)(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen);
	/* -EINVAL unless authsize is valid for this algorithm */
	int (*check_authsize)(const struct ualg_alg *alg, unsigned int authsize);
	int (*encrypt)(struct ualg_aead_req *req);
	/* -EBADMSG on tag mismatch, with the plaintext area zeroed */
	int (*decrypt)(struct ualg_aead_req *req);
};

/* ---- rng */

struct ualg_rng_ops {
	/*
	 * crypto_rng_reset(): (re)seed with fresh entropy plus seed as
	 * personalisation (DRBG) or as the whole seed (ansi_cprng).
	 * Entropy comes from getrandom() unless test entropy was set.
	 */
	int (*seed)(struct ualg_tfm *tfm, const uint8_t *seed, size_t len);
	int (*generate)(struct ualg_tfm *tfm, const uint8_t *addtl, size_t addtl_len, uint8_t *out,
			size_t len);
	/*
	 * CAVP testing (ALG_SET_DRBG_ENTROPY): the next entropy the
	 * generator draws (at seed, or at a prediction-resistance reseed) is
	 * this buffer instead of getrandom(). May be NULL.
	 */
	int (*set_entropy)(struct ualg_tfm *tfm, const uint8_t *ent, size_t len);
};

/* ---- the algorithm descriptor */

struct ualg_alg {
	char name[UALG_MAX_ALG_NAME];   /* cra_name: "cbc(aes)" */
	char driver[UALG_MAX_ALG_NAME]; /* cra_driver_name: "cbc-aes-ualg" */
	enum ualg_type type;
	int priority;
	uint32_t flags; /* UALG_F_* */
	unsigned int blocksize;
	unsigned int ctxsize; /* bytes of ualg_tfm.ctx */
	/* set up / tear down ctx; either may be NULL. exit must release and wipe */
	int (*init_tfm)(struct ualg_tfm *tfm);
	void (*exit_tfm)(struct ualg_tfm *tfm);

	union {
		struct {
			const struct ualg_cipher_ops *ops;
			unsigned int min_keysize, max_keysize;
		} cipher;
		struct {
			const struct ualg_hash_ops *ops;
			unsigned int digestsize;
			unsigned int descsize; /* bytes of ualg_hash_desc.ctx */
			unsigned int statesize; /* exported state as /proc/crypto would say */
		} hash;
		struct {
			const struct ualg_skcipher_ops *ops;
			unsigned int min_keysize, max_keysize;
			unsigned int ivsize;
			unsigned int chunksize;
			unsigned int statesize; /* see ualg_skcipher_req.state */
		} skcipher;
		struct {
			const struct ualg_aead_ops *ops;
			unsigned int ivsize;
			unsigned int maxauthsize;
		} aead;
		struct {
			const struct ualg_rng_ops *ops;
			unsigned int seedsize;
		} rng;
	};

	/* implementation data: a leaf's table row, or an instance's spawn */
	const void *data;
	/* instances: release what create() allocated beside the alg; may be NULL */
	void (*destroy)(struct ualg_alg *alg);

	/* registry-private */
	int selftest; /* 0 untested, 1 passed, -errno failed */
	bool from_template;
	/*
	 * Unregistered (NETLINK_CRYPTO DELALG, or a child's UPDATEALG): still in
	 * the list, never found; instantiating the same driver name again
	 * brings it back. Algorithms are never freed.
	 */
	bool dead;
	int refcnt; /* live tfms of this algorithm (atomic) */
	/* a kernel driver name ("sha256-generic") standing for impl; tfms are impl's */
	const struct ualg_alg *impl;
	unsigned int nspawns; /* instances: the children named in the driver name */
	const struct ualg_alg *spawns[UALG_MAX_SPAWNS];
	struct ualg_alg *next;
};

#endif
