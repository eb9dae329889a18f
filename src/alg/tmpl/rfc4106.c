/* SPDX-License-Identifier: MIT */
/*
 * rfc4106(gcm(C)): GCM for IPsec ESP (RFC 4106). Key = cipher key || 4-byte
 * salt, 8-byte IV, nonce = salt || IV. As the kernel's crypto/gcm.c
 * (crypto_rfc4106_*): assoclen must be 16 or 20 (SPI, sequence number[s],
 * then the IV again); those last 8 bytes are not authenticated as AAD.
 * Tag sizes 8, 12 and 16.
 */
#include <string.h>

#include "alg/alg.h"
#include "alg/tmpl/aead.h"

static int rfc4106_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	return ualg_aead_wrap_setkey(tfm, key, keylen, 4);
}

static int rfc4106_check_authsize(const struct ualg_alg *alg, unsigned int authsize)
{
	return authsize == 8 || authsize == 12 || authsize == 16 ? 0 : -EINVAL;
}

static int rfc4106_crypt(struct ualg_aead_req *req, bool enc)
{
	struct ualg_aead_wrap_ctx *c = ualg_tfm_ctx(req->tfm);
	uint8_t iv[12];

	memcpy(iv, c->salt, 4);
	memcpy(iv + 4, req->iv, 8);
	return ualg_aead_ipsec_crypt(req, iv, enc);
}

static int rfc4106_encrypt(struct ualg_aead_req *req)
{
	return rfc4106_crypt(req, true);
}

static int rfc4106_decrypt(struct ualg_aead_req *req)
{
	return rfc4106_crypt(req, false);
}

static const struct ualg_aead_ops rfc4106_ops = {
	.setkey = rfc4106_setkey,
	.check_authsize = rfc4106_check_authsize,
	.encrypt = rfc4106_encrypt,
	.decrypt = rfc4106_decrypt,
};

/* see alg/tmpl/aead.h */
int ualg_rfc4106_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			struct ualg_alg **ret)
{
	return ualg_aead_wrap_new(name, tmpl->name, 12, &rfc4106_ops, ret);
}
