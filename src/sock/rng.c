/* SPDX-License-Identifier: MIT */
/*
 * Implementation Notes: rng op sockets (crypto/algif_rng.c: rng_recvmsg,
 * _rng_recvmsg; spec §11). Stateless per socket: every op socket of one
 * parent draws from the parent's single generator, serialised by the
 * parent's tfm_lock. recv produces min(len, 128) bytes (0 for len 0, before
 * the generator is asked); generator errors (EINVAL while a DRBG is
 * unseeded) are returned as they are. send and accept: EOPNOTSUPP; no poll
 * events. No CAVP test interface (ALG_SET_DRBG_ENTROPY is ENOPROTOOPT, as
 * on distro kernels), so there is no additional-input path.
 */
#include "core/ct.h"
#include "sock/internal.h"

static ssize_t rng_recvmsg(struct ualg_sock *sk, struct msghdr *msg, int flags)
{
	uint8_t buf[UALG_RNG_MAXSIZE];
	struct ualg_iter it;
	size_t n;
	bool tl;
	int r;

	r = ualg_iter_init(&it, msg);
	if (r < 0)
		return r;
	n = it.left < sizeof(buf) ? it.left : sizeof(buf);
	if (!n)
		return 0;
	tl = ualg_tfm_lock(sk->parent);
	r = ualg_rng_generate(ualg_sock_tfm(sk), NULL, 0, buf, n);
	ualg_tfm_unlock(sk->parent, tl);
	if (r >= 0) {
		r = ualg_iter_copy_to(&it, buf, n);
		if (r >= 0)
			r = (int)n;
	}
	ualg_wipe(buf, sizeof(buf));
	return r;
}

/* see sock/internal.h */
const struct ualg_sock_ops ualg_sock_rng_ops = {
	.accept = ualg_sock_no_accept,
	.sendmsg = ualg_sock_no_sendmsg,
	.recvmsg = rng_recvmsg,
	.poll = ualg_sock_no_poll,
};
