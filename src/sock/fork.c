/* SPDX-License-Identifier: MIT */
/*
 * Implementation Notes: fork() while other threads are inside the engine.
 *
 * The child of a multithreaded process has one thread, and every lock
 * another thread held at the fork stays held in it forever, over state that
 * thread had half changed. So fork prepare takes every lock of the engine,
 * in one order, which quiesces every path (a path holds its locks only for
 * a bounded time: the waits of skcipher/aead and netlink receive drop their
 * lock); the parent and the child handler release them. (Released, not made
 * new: the child's only thread is the one that took them, and so say
 * ThreadSanitizer's books; hence plain mutexes everywhere, as a recursive
 * one would still belong to the parent's thread id.) The order
 * (docs/robustness.md has the whole process's, the preload's locks first):
 *
 *   1. the fault guard's lock (core/uaccess.c)
 *   2. the list of NETLINK_CRYPTO sockets, then each one's lock
 *	(a netlink request reads the registry under it: before 4)
 *   3. the list of AF_ALG sockets, then the lock of every op socket, of
 *	every parent, and every parent's tfm_lock (the socket layer's own
 *	order, sock/internal.h); the locks inside the algorithms (per
 *	transform) are only ever taken under a tfm_lock or under 4, and
 *	every OpenSSL call is made under one of them, so OpenSSL's own locks
 *	are free too
 *   4. the registry: inst_lock, then reg_lock (alg/registry.c; a setkey
 *	may look a child algorithm up under a tfm_lock: after 3)
 *
 * The child also forgets the waiters of other threads (they do not exist
 * there).
 *
 * Who registers the handlers: the preload, when it loaded the engine
 * (ualg_sock_fork_external, from its setup), calls them in its own; else
 * (libualg.so, the tests) the first socket registers them with
 * pthread_atfork.
 */
#include <pthread.h>
#include <stdbool.h>

#include "alg/alg.h"
#include "core/uaccess.h"
#include "sock/internal.h"
#include "sock/netlink.h"

static pthread_mutex_t all_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ualg_sock *all; /* every AF_ALG socket, by sk->all_next */
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;
static bool external;

/* see sock/internal.h */
void ualg_sock_list_add(struct ualg_sock *sk)
{
	pthread_mutex_lock(&all_lock);
	sk->all_prev = NULL;
	sk->all_next = all;
	if (all)
		all->all_prev = sk;
	all = sk;
	pthread_mutex_unlock(&all_lock);
}

/* see sock/internal.h */
void ualg_sock_list_del(struct ualg_sock *sk)
{
	pthread_mutex_lock(&all_lock);
	if (sk->all_prev)
		sk->all_prev->all_next = sk->all_next;
	else if (all == sk)
		all = sk->all_next;
	if (sk->all_next)
		sk->all_next->all_prev = sk->all_prev;
	sk->all_prev = sk->all_next = NULL;
	pthread_mutex_unlock(&all_lock);
}

static void socks_lock(void)
{
	pthread_mutex_lock(&all_lock);
	for (struct ualg_sock *sk = all; sk; sk = sk->all_next)
		if (sk->op)
			pthread_mutex_lock(&sk->lock);
	for (struct ualg_sock *sk = all; sk; sk = sk->all_next)
		if (!sk->op)
			pthread_mutex_lock(&sk->lock);
	for (struct ualg_sock *sk = all; sk; sk = sk->all_next)
		if (!sk->op)
			pthread_mutex_lock(&sk->tfm_lock);
}

static void socks_unlock(void)
{
	for (struct ualg_sock *sk = all; sk; sk = sk->all_next) {
		if (!sk->op)
			pthread_mutex_unlock(&sk->tfm_lock);
		pthread_mutex_unlock(&sk->lock);
	}
	pthread_mutex_unlock(&all_lock);
}

static void socks_child(void)
{
	for (struct ualg_sock *sk = all; sk; sk = sk->all_next)
		ualg_sock_forget_waiters(sk);
	socks_unlock();
}

/* see sock/sock.h */
void ualg_sock_fork_prepare(void)
{
	ualg_uaccess_fork_prepare();
	ualg_nl_fork_prepare();
	socks_lock();
	ualg_alg_fork_prepare();
}

/* see sock/sock.h */
void ualg_sock_fork_parent(void)
{
	ualg_alg_fork_parent();
	socks_unlock();
	ualg_nl_fork_parent();
	ualg_uaccess_fork_parent();
}

/* see sock/sock.h */
void ualg_sock_fork_child(void)
{
	ualg_alg_fork_child();
	socks_child();
	ualg_nl_fork_child();
	ualg_uaccess_fork_child();
}

/* see sock/sock.h */
void ualg_sock_fork_external(void)
{
	__atomic_store_n(&external, true, __ATOMIC_RELEASE);
}

static void atfork_register(void)
{
	if (!__atomic_load_n(&external, __ATOMIC_ACQUIRE))
		(void)pthread_atfork(ualg_sock_fork_prepare, ualg_sock_fork_parent,
				     ualg_sock_fork_child);
}

/* see sock/internal.h */
void ualg_sock_fork_init(void)
{
	(void)pthread_once(&atfork_once, atfork_register);
}
