/* SPDX-License-Identifier: MIT */
/*
 * rfc4543(gcm(C)): GMAC for IPsec ESP and AH (RFC 4543): nothing is
 * encrypted; the whole input (AAD, IV copy and text) is authenticated and
 * the text is copied. Key = cipher key || 4-byte salt, 8-byte IV, nonce =
 * salt || IV. As the kernel's crypto/gcm.c (crypto_rfc4543_*): assoclen
 * must be 16 or 20, and the tag is 16 bytes only.
 */
#include <string.h>

#include "alg/alg.h"
#include "alg/tmpl/aead.h"
#include "core/ct.h"

static int rfc4543_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	return ualg_aead_wrap_setkey(tfm, key, keylen, 4);
}

static int rfc4543_check_authsize(const struct ualg_alg *alg, unsigned int authsize)
{
	return authsize == 16 ? 0 : -EINVAL;
}

static int rfc4543_crypt(struct ualg_aead_req *req, bool enc)
{
	struct ualg_tfm *tfm = req->tfm;
	struct ualg_aead_wrap_ctx *c = ualg_tfm_ctx(tfm);
	size_t len = req->cryptlen;
	uint8_t iv[12];
	struct ualg_aead_xreq xr = { .ad = req->src, .iv = iv };
	int r;

	if (ualg_aead_ipsec_check_assoclen(req->assoclen) < 0)
		return -EINVAL;
	if (!enc) {
		if (len < tfm->authsize)
			return -EINVAL;
		len -= tfm->authsize;
	}
	memcpy(iv, c->salt, 4);
	memcpy(iv + 4, req->iv, 8);
	xr.adlen = req->assoclen + len;
	/* no text: src/dst point at the (empty) text end */
	xr.src = req->src + req->assoclen + len;
	xr.dst = req->dst + req->assoclen + len;
	xr.tag = enc ? req->dst + req->assoclen + len
		     : (uint8_t *)(uintptr_t)(req->src + req->assoclen + len);
	r = ualg_aead_wrap_xcrypt(tfm, &xr, enc);
	if (r == -EBADMSG) {
		ualg_wipe(req->dst + req->assoclen, len);
		return r;
	}
	if (r < 0)
		return r;
	if (req->dst != req->src)
		memcpy(req->dst + req->assoclen, req->src + req->assoclen, len);
	return 0;
}

static int rfc4543_encrypt(struct ualg_aead_req *req)
{
	return rfc4543_crypt(req, true);
}

static int rfc4543_decrypt(struct ualg_aead_req *req)
{
	return rfc4543_crypt(req, false);
}

static const struct ualg_aead_ops rfc4543_ops = {
	.setkey = rfc4543_setkey,
	.check_authsize = rfc4543_check_authsize,
	.encrypt = rfc4543_encrypt,
	.decrypt = rfc4543_decrypt,
};

/* see alg/tmpl/aead.h */
int ualg_rfc4543_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			struct ualg_alg **ret)
{
	return ualg_aead_wrap_new(name, tmpl->name, 12, &rfc4543_ops, ret);
}
