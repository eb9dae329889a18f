/* SPDX-License-Identifier: MIT */
/*
 * rfc4309(ccm(C)): CCM for IPsec ESP (RFC 4309). Key = cipher key || 3-byte
 * salt, 8-byte IV; the child's 16-byte CCM IV is L - 1 = 3 (a 4-byte length
 * field), salt, IV. As the kernel's crypto/ccm.c (crypto_rfc4309_*):
 * assoclen must be 16 or 20 and its last 8 bytes (the IV copy) are not
 * authenticated as AAD. Tag sizes 8, 12 and 16.
 */
#include <string.h>

#include "alg/alg.h"
#include "alg/tmpl/aead.h"

static int rfc4309_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	return ualg_aead_wrap_setkey(tfm, key, keylen, 3);
}

static int rfc4309_check_authsize(const struct ualg_alg *alg, unsigned int authsize)
{
	return authsize == 8 || authsize == 12 || authsize == 16 ? 0 : -EINVAL;
}

static int rfc4309_crypt(struct ualg_aead_req *req, bool enc)
{
	struct ualg_aead_wrap_ctx *c = ualg_tfm_ctx(req->tfm);
	uint8_t iv[16] = { 3 };

	memcpy(iv + 1, c->salt, 3);
	memcpy(iv + 4, req->iv, 8);
	return ualg_aead_ipsec_crypt(req, iv, enc);
}

static int rfc4309_encrypt(struct ualg_aead_req *req)
{
	return rfc4309_crypt(req, true);
}

static int rfc4309_decrypt(struct ualg_aead_req *req)
{
	return rfc4309_crypt(req, false);
}

static const struct ualg_aead_ops rfc4309_ops = {
	.setkey = rfc4309_setkey,
	.check_authsize = rfc4309_check_authsize,
	.encrypt = rfc4309_encrypt,
	.decrypt = rfc4309_decrypt,
};

/* see alg/tmpl/aead.h */
int ualg_rfc4309_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			struct ualg_alg **ret)
{
	return ualg_aead_wrap_new(name, tmpl->name, 16, &rfc4309_ops, ret);
}
