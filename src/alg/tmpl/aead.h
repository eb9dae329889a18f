/* SPDX-License-Identifier: MIT */
#ifndef UALG_ALG_TMPL_AEAD_H
#define UALG_ALG_TMPL_AEAD_H

/*
 * Private to the aead family (alg/evp/aead.c, alg/tmpl/): the split
 * request. The class contract (class.h) passes AAD and text as one flat
 * buffer, which is what AF_ALG hands over; the IPsec wrappers (rfc4106,
 * rfc4309, rfc7539esp) must drop the IV from the AAD's end, which a flat
 * child request cannot express without copying the whole message. So every
 * aead of this family also implements the operation with AAD, text and tag
 * given apart, and the wrappers accept only such children.
 */

#include "alg/alg.h"

struct ualg_aead_xreq {
	const uint8_t *ad; /* authenticated only */
	size_t adlen;
	const uint8_t *src; /* plaintext or ciphertext, tag excluded */
	uint8_t *dst;       /* may equal src */
	size_t len;
	const uint8_t *iv; /* the algorithm's ivsize bytes, not modified */
	/*
	 * authsize bytes: written on encrypt, read on decrypt (it may lie in
	 * src just after the text, but never overlaps the written plaintext).
	 */
	uint8_t *tag;
	unsigned int authsize; /* already validated for the algorithm */
};

struct ualg_aead_xops {
	struct ualg_aead_ops ops; /* first: alg->aead.ops points here */
	int (*encrypt)(struct ualg_tfm *tfm, const struct ualg_aead_xreq *req);
	/* -EBADMSG on mismatch, with the len bytes at dst zeroed */
	int (*decrypt)(struct ualg_tfm *tfm, const struct ualg_aead_xreq *req);
};

/* The split operations of alg, or NULL when it has none. */
const struct ualg_aead_xops *ualg_aead_xops_of(const struct ualg_alg *alg);

/*
 * A flat request run through x: the AAD is the first assoclen - ad_drop
 * bytes (-EINVAL when assoclen is shorter), the text starts at assoclen and
 * the tag follows it.
 */
int ualg_aead_flat_crypt(struct ualg_aead_req *req, const struct ualg_aead_xops *x, size_t ad_drop,
			 bool enc);

/* ops.encrypt/decrypt for an alg whose ops are a ualg_aead_xops, ad_drop 0 */
int ualg_aead_flat_encrypt(struct ualg_aead_req *req);
int ualg_aead_flat_decrypt(struct ualg_aead_req *req);

/*
 * Wrappers over one aead child with split ops (rfc4106, rfc4543, rfc4309):
 * the instance's data is the child alg, its tfm context this struct.
 */
struct ualg_aead_wrap_ctx {
	struct ualg_tfm *child; /* first: ualg_spawn_init_tfm() makes it */
	uint8_t salt[4];
};

/*
 * Look up name's only argument as an aead with split ops whose ivsize is
 * child_ivsize and blocksize 1, and make an instance named "tmpl(child)"
 * with ops and the ESP 8-byte IV: keyed, priority and maxauthsize
 * inherited, ctx/init/exit/data set. -ENOENT if the child is unsuitable.
 */
int ualg_aead_wrap_new(const struct ualg_name *name, const char *tmpl, unsigned int child_ivsize,
		       const struct ualg_aead_ops *ops, struct ualg_alg **ret);

/*
 * Set the child's key to key minus its last saltlen bytes, kept as the salt.
 * -EINVAL when keylen < saltlen.
 */
int ualg_aead_wrap_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen,
			  size_t saltlen);

/* The child's split op over xr, with the instance's authsize. */
int ualg_aead_wrap_xcrypt(struct ualg_tfm *tfm, struct ualg_aead_xreq *xr, bool enc);

/*
 * The ESP wrappers' operation (rfc4106, rfc4309): assoclen must be 16 or 20
 * (ualg_aead_ipsec_check_assoclen), its last 8 bytes (the IV copy) are not
 * AAD; the child's split op runs with iv (its own ivsize bytes).
 */
int ualg_aead_ipsec_crypt(struct ualg_aead_req *req, const uint8_t *iv, bool enc);

/*
 * gcm and ccm: an instance over one 16-byte block cipher, whose tfm context
 * starts with this struct.
 */
struct ualg_aead_cipher_ctx {
	struct ualg_tfm *cipher; /* first: ualg_spawn_init_tfm() makes it */
};

/* init_tfm / exit_tfm of those instances: the cipher tfm */
int ualg_aead_cipher_init_tfm(struct ualg_tfm *tfm);
void ualg_aead_cipher_exit_tfm(struct ualg_tfm *tfm);

/*
 * Look up name's only argument as a cipher (-ENOENT unless its block is 16
 * bytes) and make an instance "tmpl(C)": keyed, priority 100 (the kernel's
 * generic gcm_base/ccm_base rank), blocksize 1, maxauthsize 16, the
 * init/exit above, data the cipher; ctxsize (a struct starting with a
 * struct ualg_aead_cipher_ctx), ops and ivsize as given.
 */
int ualg_aead_cipher_inst_new(const struct ualg_template *tmpl, const struct ualg_name *name,
			      size_t ctxsize, const struct ualg_aead_ops *ops, unsigned int ivsize,
			      struct ualg_alg **ret);

/* kernel crypto_ipsec_check_assoclen(): 16 or 20 bytes (SPI, seq[, seq_hi], IV) */
static inline int ualg_aead_ipsec_check_assoclen(size_t assoclen)
{
	return assoclen == 16 || assoclen == 20 ? 0 : -EINVAL;
}

/* the split ops of the family, listed by ualg_aead_xops_of() */
extern const struct ualg_aead_xops ualg_aead_evp_xops;
extern const struct ualg_aead_xops ualg_gcm_xops;
extern const struct ualg_aead_xops ualg_ccm_xops;

/* the templates (alg/tmpl/<name>.c) */
int ualg_gcm_create(const struct ualg_template *tmpl, const struct ualg_name *name,
		    struct ualg_alg **ret);
int ualg_ccm_create(const struct ualg_template *tmpl, const struct ualg_name *name,
		    struct ualg_alg **ret);
/* pcrypt(aead): alg/tmpl/pcrypt.c */
int ualg_pcrypt_create(const struct ualg_template *tmpl, const struct ualg_name *name,
		       struct ualg_alg **ret);
/* gcm(X), ccm(X), gcm_base(ctr,ghash), ccm_base(ctr,cbcmac): alg/tmpl/aead_base.c */
int ualg_gcm_tmpl_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret);
int ualg_ccm_tmpl_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret);
int ualg_gcm_base_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret);
int ualg_ccm_base_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret);
int ualg_rfc4106_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			struct ualg_alg **ret);
int ualg_rfc4543_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			struct ualg_alg **ret);
int ualg_rfc4309_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			struct ualg_alg **ret);
int ualg_authenc_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			struct ualg_alg **ret);
int ualg_authencesn_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			   struct ualg_alg **ret);

/* ---- authenc internals, for essiv(authenc(...),H) */

/* the key header: struct rtattr (4 bytes) + be32 enckeylen */
#define UALG_AUTHENC_KEY_HDR 8

/*
 * Split a kernel authenc key (crypto_authenc_extractkeys): authkey starts at
 * key + UALG_AUTHENC_KEY_HDR, enckey follows it. -EINVAL when malformed.
 */
int ualg_authenc_split_key(const uint8_t *key, size_t keylen, size_t *ret_authkeylen,
			   size_t *ret_enckeylen);

/* The MAC input around the ciphertext: p[0] || p[1] || ciphertext || tail. */
struct ualg_authenc_ad {
	const uint8_t *p[2];
	size_t n[2];
	const uint8_t *tail;
	size_t taillen;
};

/*
 * One authenc operation on an authenc(A,E) tfm over len bytes of text, with
 * the tfm's authsize: encrypt writes the tag to tag, decrypt verifies the
 * tag at tag before decrypting (EBADMSG: dst zeroed).
 */
int ualg_authenc_crypt(struct ualg_tfm *tfm, const struct ualg_authenc_ad *ad, const uint8_t *src,
		       uint8_t *dst, size_t len, const uint8_t *iv, uint8_t *tag, bool enc);

/* E of an authenc(A,E) instance (not authencesn), else NULL. */
const struct ualg_alg *ualg_authenc_enc_of(const struct ualg_alg *alg);

int ualg_essiv_create(const struct ualg_template *tmpl, const struct ualg_name *name,
		      struct ualg_alg **ret);

/* ccm's authsize rule (kernel crypto_ccm_setauthsize): 4..16, even */
static inline int ualg_ccm_check_authsize(const struct ualg_alg *alg, unsigned int authsize)
{
	return authsize >= 4 && authsize <= 16 && !(authsize & 1) ? 0 : -EINVAL;
}

/* gcm's authsize rule (kernel crypto_gcm_check_authsize): 4, 8, 12..16 */
static inline int ualg_gcm_check_authsize(const struct ualg_alg *alg, unsigned int authsize)
{
	switch (authsize) {
	case 4:
	case 8:
	case 12:
	case 13:
	case 14:
	case 15:
	case 16:
		return 0;
	default:
		return -EINVAL;
	}
}

#endif
