/* SPDX-License-Identifier: MIT */
/*
 * pcrypt(aead) (crypto/pcrypt.c): the kernel's parallel-crypto wrapper, an
 * asynchronous instance that hands each request to a worker CPU and back.
 * Here it is the child run in place: what matters is that it exists as the
 * kernel's does, for NETLINK_CRYPTO (LTP's pcrypt_aead01 makes and deletes
 * it) and /proc/crypto: cra_name the child's, driver "pcrypt(child driver)",
 * priority the child's + 100, asynchronous, so AF_ALG never gets it (7.2's
 * mask) and it never shadows the child for a generic name there. Like the
 * kernel's, it is made only when the caller names the aead type.
 */
#include <stdlib.h>
#include <string.h>

#include "alg/tmpl/aead.h"
#include "alg/tmpl/spawn.h"

static int pcrypt_check_authsize(const struct ualg_alg *alg, unsigned int authsize)
{
	const struct ualg_alg *child = alg->data;

	return child->aead.ops->check_authsize(child, authsize);
}

static int pcrypt_crypt(struct ualg_aead_req *req, bool enc)
{
	struct ualg_tfm *child = *ualg_spawn_child(req->tfm);
	struct ualg_aead_req sub = *req;
	int r;

	r = ualg_aead_setauthsize(child, req->tfm->authsize);
	if (r < 0)
		return r;
	sub.tfm = child;
	return enc ? ualg_aead_encrypt(&sub) : ualg_aead_decrypt(&sub);
}

static int pcrypt_encrypt(struct ualg_aead_req *req)
{
	return pcrypt_crypt(req, true);
}

static int pcrypt_decrypt(struct ualg_aead_req *req)
{
	return pcrypt_crypt(req, false);
}

static const struct ualg_aead_ops pcrypt_ops = {
	.setkey = ualg_spawn_setkey,
	.check_authsize = pcrypt_check_authsize,
	.encrypt = pcrypt_encrypt,
	.decrypt = pcrypt_decrypt,
};

/* see alg/tmpl/aead.h */
int ualg_pcrypt_create(const struct ualg_template *tmpl, const struct ualg_name *name,
		       struct ualg_alg **ret)
{
	const struct ualg_alg *child;
	struct ualg_alg *inst;
	int r;

	/* pcrypt_create: only for CRYPTO_ALG_TYPE_AEAD requests */
	if (ualg_tmpl_lookup_flags() & UALG_LOOKUP_NOTYPE)
		return -ENOENT;
	r = ualg_alg_lookup_child(UALG_TYPE_AEAD, name->args[0], &child);
	if (r < 0)
		return r;
	r = ualg_spawn_inst_new(tmpl->name, &child, 1, sizeof(*inst), &inst);
	if (r < 0)
		return r;
	memcpy(inst->name, child->name, sizeof(inst->name));
	inst->type = UALG_TYPE_AEAD;
	inst->priority = child->priority + 100;
	inst->flags = (child->flags & UALG_F_KEYED) | UALG_F_ASYNC;
	inst->blocksize = child->blocksize;
	inst->ctxsize = sizeof(struct ualg_tfm *);
	inst->init_tfm = ualg_spawn_init_tfm;
	inst->exit_tfm = ualg_spawn_exit_tfm;
	inst->aead.ops = &pcrypt_ops;
	inst->aead.ivsize = child->aead.ivsize;
	inst->aead.maxauthsize = child->aead.maxauthsize;
	inst->data = child;
	*ret = inst;
	return 0;
}
