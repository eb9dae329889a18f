/* SPDX-License-Identifier: MIT */
/*
 * The one symbol of libualg-engine.so: the sock.h and netlink.h calls the
 * preload makes, as a table (see engine.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "alg/alg.h"
#include "core/uaccess.h"
#include "preload/engine.h"
#include "sock/netlink.h"
#include "sock/sock.h"

/* the registry in /proc/crypto format (alg/show.c), in memory */
static int proc_crypto(char **ret_text, size_t *ret_len)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return -ENOMEM;
	(void)ualg_alg_list(f);
	if (fclose(f) || !text) {
		free(text);
		return -ENOMEM;
	}
	*ret_text = text;
	*ret_len = len;
	return 0;
}

static void setup(const struct ualg_engine_env *env)
{
	ualg_sock_fork_external();
	ualg_uaccess_setup(env->sigaction);
}

/* see engine.h */
__attribute__((visibility("default"))) const struct ualg_engine_ops ualg_engine_ops = {
	.abi = UALG_ENGINE_ABI,

	.setup = setup,
	.fork_prepare = ualg_sock_fork_prepare,
	.fork_parent = ualg_sock_fork_parent,
	.fork_child = ualg_sock_fork_child,

	.sigaction = ualg_uaccess_sigaction,
	.copy_from_user = ualg_copy_from_user,
	.copy_to_user = ualg_copy_to_user,
	.uaccess_prefix = ualg_uaccess_prefix,

	.sock_new = ualg_sock_new,
	.sock_ref = ualg_sock_ref,
	.sock_unref = ualg_sock_unref,
	.sock_is_op = ualg_sock_is_op,
	.sock_bind = ualg_sock_bind,
	.sock_setsockopt = ualg_sock_setsockopt,
	.sock_getsockopt = ualg_sock_getsockopt,
	.sock_accept = ualg_sock_accept,
	.sock_sendmsg = ualg_sock_sendmsg,
	.sock_recvmsg = ualg_sock_recvmsg,
	.sock_sendmsg_kernel = ualg_sock_sendmsg_kernel,
	.sock_recvmsg_kernel = ualg_sock_recvmsg_kernel,
	.sock_poll = ualg_sock_poll,
	.sock_set_notify = ualg_sock_set_notify,

	.nl_new = ualg_nl_new,
	.nl_unref = ualg_nl_unref,
	.nl_bind = ualg_nl_bind,
	.nl_connect = ualg_nl_connect,
	.nl_getsockname = ualg_nl_getsockname,
	.nl_getpeername = ualg_nl_getpeername,
	.nl_setsockopt = ualg_nl_setsockopt,
	.nl_getsockopt = ualg_nl_getsockopt,
	.nl_sendmsg = ualg_nl_sendmsg,
	.nl_recvmsg = ualg_nl_recvmsg,
	.nl_poll = ualg_nl_poll,
	.nl_set_notify = ualg_nl_set_notify,

	.proc_crypto = proc_crypto,
};
