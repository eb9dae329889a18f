/* SPDX-License-Identifier: MIT */
/*
 * Loading libualg-engine.so on first use, and the sock.h / netlink.h calls
 * the rest of the preload makes, forwarded through its table (engine.h).
 *
 * The engine is looked for in the directory the preload itself was loaded
 * from (dladdr), so the installed layout (libdir/ualg) and the build tree
 * (src/preload) both work, and so does `ualg run`. ualg_engine_locate(),
 * called once at initialisation, only records that directory; when the
 * preload was given by a relative path it is made absolute against the
 * working directory of that moment, before the program can chdir().
 *
 * The first ualg_sock_new() or ualg_nl_new() dlopen()s the engine under
 * pthread_once; every later call reads the table pointer that set. The
 * other forwarders take a socket, which only exists once the table does,
 * and the fd table's acquire/release orders the pointer for other threads.
 * The engine is never unloaded.
 *
 * Loading the engine installs its fault guard (core/uaccess.h), which
 * takes over SIGSEGV and SIGBUS: from then on the program's sigaction()
 * and signal() calls for those two signals are the engine's to answer
 * (ualg_preload_sigaction). sig_lock serialises the two, so that a handler
 * the program installs while the engine loads is neither lost nor put in
 * front of ours; fork prepare takes it first of all the preload's locks
 * (init.c), which also keeps a fork from splitting a dlopen in progress.
 */
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "core/errno.h"
#include "core/uaccess.h"
#include "preload/engine.h"
#include "preload/preload.h"
#include "sock/netlink.h"
#include "sock/sock.h"

/* "<dir>/" of the preload, or "" when it could not be found */
static char engine_dir[PATH_MAX];
static const struct ualg_engine_ops *engine; /* atomic */
static pthread_once_t engine_once = PTHREAD_ONCE_INIT;
/*
 * Re-entered by its holder (a library constructor run by dlopen may call
 * sigaction()): a plain mutex and a per-thread depth, not a recursive
 * mutex, so that the child of fork() can release it (sock/fork.c).
 */
static pthread_mutex_t sig_lock = PTHREAD_MUTEX_INITIALIZER;
static __thread unsigned int sig_depth;

static void sig_take(void)
{
	if (sig_depth++ == 0)
		pthread_mutex_lock(&sig_lock);
}

static void sig_drop(void)
{
	if (--sig_depth == 0)
		pthread_mutex_unlock(&sig_lock);
}

/* see preload.h */
void ualg_engine_locate(void)
{
	Dl_info info;
	const char *slash;
	size_t cwd_len = 0, dir_len;

	if (!dladdr((void *)ualg_engine_locate, &info) || !info.dli_fname)
		return;
	slash = strrchr(info.dli_fname, '/');
	if (!slash)
		return;
	dir_len = (size_t)(slash - info.dli_fname) + 1;
	if (info.dli_fname[0] != '/') {
		if (!getcwd(engine_dir, sizeof(engine_dir) - 1)) {
			engine_dir[0] = '\0';
			return;
		}
		cwd_len = strlen(engine_dir);
		engine_dir[cwd_len++] = '/';
	}
	if (cwd_len + dir_len + sizeof(UALG_ENGINE_SONAME) > sizeof(engine_dir)) {
		engine_dir[0] = '\0';
		return;
	}
	memcpy(engine_dir + cwd_len, info.dli_fname, dir_len);
	engine_dir[cwd_len + dir_len] = '\0';
}

static void engine_load_locked(void)
{
	struct ualg_engine_env env = {.sigaction = ualg_real_sigaction};
	char path[PATH_MAX];
	const struct ualg_engine_ops *ops;
	size_t len = strlen(engine_dir);
	void *h;

	if (!len || len + sizeof(UALG_ENGINE_SONAME) > sizeof(path))
		return;
	memcpy(path, engine_dir, len);
	memcpy(path + len, UALG_ENGINE_SONAME, sizeof(UALG_ENGINE_SONAME));
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		(void)dlerror(); /* leave no message for the host's next dlerror() */
		return;
	}
	ops = dlsym(h, UALG_ENGINE_OPS_SYMBOL);
	if (!ops || ops->abi != UALG_ENGINE_ABI || !ualg_real_sigaction) {
		(void)dlerror();
		(void)dlclose(h);
		return;
	}
	ops->setup(&env);
	__atomic_store_n(&engine, ops, __ATOMIC_RELEASE);
}

static void engine_load(void)
{
	sig_take();
	engine_load_locked();
	sig_drop();
}

static const struct ualg_engine_ops *engine_get(void)
{
	PROTECT_ERRNO;

	(void)pthread_once(&engine_once, engine_load);
	return engine;
}

/* see preload.h */
int ualg_engine_proc_crypto(char **ret_text, size_t *ret_len)
{
	const struct ualg_engine_ops *ops = engine_get();

	return ops ? ops->proc_crypto(ret_text, ret_len) : -ENOENT;
}

/* ---- fault guard and fork, see preload.h ---- */

/* see preload.h */
int ualg_preload_sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	const struct ualg_engine_ops *ops;
	int r;

	sig_take();
	ops = __atomic_load_n(&engine, __ATOMIC_ACQUIRE);
	if (ops)
		r = ops->sigaction(sig, act, old);
	else if (!ualg_real_sigaction)
		r = -ENOSYS;
	else
		r = ualg_real_sigaction(sig, act, old) < 0 ? -errno : 0;
	sig_drop();
	return r;
}

/* see preload.h */
bool ualg_engine_loaded(void)
{
	return __atomic_load_n(&engine, __ATOMIC_ACQUIRE) != NULL;
}

/* see preload.h */
void ualg_engine_fork_prepare(void)
{
	sig_take();
}

/* see preload.h */
void ualg_engine_fork_prepare_engine(void)
{
	if (engine)
		engine->fork_prepare();
}

/* see preload.h */
void ualg_engine_fork_parent_engine(void)
{
	if (engine)
		engine->fork_parent();
}

/* see preload.h */
void ualg_engine_fork_parent(void)
{
	sig_drop();
}

/* see preload.h */
void ualg_engine_fork_child_engine(void)
{
	if (engine)
		engine->fork_child();
}

/* see preload.h */
void ualg_engine_fork_child(void)
{
	sig_drop();
}

/* ---- core/uaccess.h, forwarded (only reached once a socket, so the engine, exists) ---- */

int ualg_copy_from_user(void *dst, const void *src, size_t n)
{
	return engine->copy_from_user(dst, src, n);
}

int ualg_copy_to_user(void *dst, const void *src, size_t n)
{
	return engine->copy_to_user(dst, src, n);
}

size_t ualg_uaccess_prefix(const void *p, size_t n, bool write)
{
	return engine->uaccess_prefix(p, n, write);
}

/* ---- sock.h, forwarded; see sock.h ---- */

int ualg_sock_new(int type, int protocol, struct ualg_sock **ret)
{
	const struct ualg_engine_ops *ops = engine_get();

	if (!ops)
		return -EAFNOSUPPORT;
	return ops->sock_new(type, protocol, ret);
}

struct ualg_sock *ualg_sock_ref(struct ualg_sock *sk)
{
	return engine->sock_ref(sk);
}

void ualg_sock_unref(struct ualg_sock *sk)
{
	engine->sock_unref(sk);
}

bool ualg_sock_is_op(const struct ualg_sock *sk)
{
	return engine->sock_is_op(sk);
}

int ualg_sock_bind(struct ualg_sock *sk, const void *addr, socklen_t addrlen)
{
	return engine->sock_bind(sk, addr, addrlen);
}

int ualg_sock_setsockopt(struct ualg_sock *sk, int level, int optname, const void *optval,
			 socklen_t optlen)
{
	return engine->sock_setsockopt(sk, level, optname, optval, optlen);
}

int ualg_sock_getsockopt(struct ualg_sock *sk, int level, int optname, void *optval,
			 socklen_t *optlen)
{
	return engine->sock_getsockopt(sk, level, optname, optval, optlen);
}

int ualg_sock_accept(struct ualg_sock *sk, struct ualg_sock **ret)
{
	return engine->sock_accept(sk, ret);
}

ssize_t ualg_sock_sendmsg(struct ualg_sock *sk, const struct msghdr *msg, int flags)
{
	return engine->sock_sendmsg(sk, msg, flags);
}

ssize_t ualg_sock_recvmsg(struct ualg_sock *sk, struct msghdr *msg, int flags)
{
	return engine->sock_recvmsg(sk, msg, flags);
}

ssize_t ualg_sock_sendmsg_kernel(struct ualg_sock *sk, const struct msghdr *msg, int flags)
{
	return engine->sock_sendmsg_kernel(sk, msg, flags);
}

ssize_t ualg_sock_recvmsg_kernel(struct ualg_sock *sk, struct msghdr *msg, int flags)
{
	return engine->sock_recvmsg_kernel(sk, msg, flags);
}

unsigned int ualg_sock_poll(struct ualg_sock *sk)
{
	return engine->sock_poll(sk);
}

void ualg_sock_set_notify(struct ualg_sock *sk, void (*fn)(void *arg, unsigned int mask), void *arg)
{
	engine->sock_set_notify(sk, fn, arg);
}

/* ---- netlink.h, forwarded; see netlink.h ---- */

int ualg_nl_new(int type, int protocol, struct ualg_nlsock **ret)
{
	const struct ualg_engine_ops *ops = engine_get();

	if (!ops)
		return -EPROTONOSUPPORT;
	return ops->nl_new(type, protocol, ret);
}

void ualg_nl_unref(struct ualg_nlsock *nl)
{
	engine->nl_unref(nl);
}

int ualg_nl_bind(struct ualg_nlsock *nl, const void *addr, socklen_t len)
{
	return engine->nl_bind(nl, addr, len);
}

int ualg_nl_connect(struct ualg_nlsock *nl, const void *addr, socklen_t len)
{
	return engine->nl_connect(nl, addr, len);
}

int ualg_nl_getsockname(struct ualg_nlsock *nl, void *addr, socklen_t *len)
{
	return engine->nl_getsockname(nl, addr, len);
}

int ualg_nl_getpeername(struct ualg_nlsock *nl, void *addr, socklen_t *len)
{
	return engine->nl_getpeername(nl, addr, len);
}

int ualg_nl_setsockopt(struct ualg_nlsock *nl, int level, int name, const void *val, socklen_t len)
{
	return engine->nl_setsockopt(nl, level, name, val, len);
}

int ualg_nl_getsockopt(struct ualg_nlsock *nl, int level, int name, void *val, socklen_t *len)
{
	return engine->nl_getsockopt(nl, level, name, val, len);
}

ssize_t ualg_nl_sendmsg(struct ualg_nlsock *nl, const struct msghdr *msg, int flags)
{
	return engine->nl_sendmsg(nl, msg, flags);
}

ssize_t ualg_nl_recvmsg(struct ualg_nlsock *nl, struct msghdr *msg, int flags)
{
	return engine->nl_recvmsg(nl, msg, flags);
}

unsigned int ualg_nl_poll(struct ualg_nlsock *nl)
{
	return engine->nl_poll(nl);
}

void ualg_nl_set_notify(struct ualg_nlsock *nl, void (*fn)(void *arg, unsigned int mask), void *arg)
{
	engine->nl_set_notify(nl, fn, arg);
}
