/* SPDX-License-Identifier: MIT */
/*
 * Implementation Notes
 *
 * The registry mirrors crypto/api.c and crypto/algapi.c:
 * - every algorithm has a generic name and a driver name; lookup takes an
 *   exact driver match first, else the highest-priority algorithm of that
 *   generic name (spec §18.1);
 * - a name nothing matches may be a kernel driver name (alias table) or a
 *   template instance "tmpl(args)", which is created, registered (the
 *   instance cache) and returned;
 * - each algorithm is self-tested once before it is first handed out; one
 *   that fails is never returned (-ELIBBAD when nothing else matches);
 * - a kernel driver name from an alias table becomes an algorithm of its
 *   own the first time it is used: a view (impl) of the algorithm it stands
 *   for, with the kernel's name, so instances over it carry the kernel's
 *   driver names ("hmac(sha256-generic)") and are distinct from ours;
 * - NETLINK_CRYPTO may delete instances and change priorities (crypto/
 *   algapi.c crypto_unregister_instance, crypto_remove_spawns): a deleted
 *   algorithm stays in the list, marked dead, and comes back when its
 *   driver name is instantiated again;
 * - asynchronous algorithms (pcrypt instances) are listed and made for
 *   NETLINK_CRYPTO but never handed to AF_ALG, and in FIPS mode neither are
 *   the FIPS_INTERNAL ones (alg/fips.c).
 *
 * Algorithms live until the process ends (never freed, so a thread still
 * using one while another runs exit handlers is safe): users keep plain
 * pointers. reg_lock guards the
 * list for short walks; inst_lock (re-entered by the thread holding it:
 * templates look up children) serialises instantiation and self-tests, the
 * kernel's larval idea reduced to a mutex and a re-check. inst_lock is a
 * plain mutex with a per-thread depth, not a recursive one, so that the
 * child of fork() can release what fork prepare took (a recursive mutex
 * belongs to the parent's thread id; sock/fork.c).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "alg/alg.h"
#include "core/cleanup.h"

static struct ualg_alg *alg_list, **alg_tail = &alg_list;
static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t inst_lock = PTHREAD_MUTEX_INITIALIZER;
static __thread unsigned int inst_depth; /* inst_lock taken this many times by this thread */
static pthread_once_t reg_once = PTHREAD_ONCE_INIT;

static void inst_take(void)
{
	if (inst_depth++ == 0)
		(void)pthread_mutex_lock(&inst_lock);
}

static void inst_drop(void)
{
	if (--inst_depth == 0)
		(void)pthread_mutex_unlock(&inst_lock);
}

static void (*const leaf_families[])(void) = {
	ualg_cipher_register, ualg_hash_register, ualg_skcipher_register,
	ualg_aead_register,   ualg_rng_register,
};

static const struct ualg_alias *const alias_tables[UALG_TYPE__MAX] = {
	[UALG_TYPE_CIPHER] = ualg_cipher_aliases,
	[UALG_TYPE_HASH] = ualg_hash_aliases,
	[UALG_TYPE_SKCIPHER] = ualg_skcipher_aliases,
	[UALG_TYPE_AEAD] = ualg_aead_aliases,
	[UALG_TYPE_RNG] = ualg_rng_aliases,
};

static const struct ualg_template *const tmpl_families[UALG_TYPE__MAX] = {
	[UALG_TYPE_HASH] = ualg_hash_templates,
	[UALG_TYPE_SKCIPHER] = ualg_skcipher_templates,
	[UALG_TYPE_AEAD] = ualg_aead_templates,
};

/* set while this thread runs registry_init: families may resolve children then */
static __thread bool registering;

/* under inst_lock, so that fork prepare waits for it (it fetches from OpenSSL) */
static void registry_init(void)
{
	(void)ualg_fips_enabled();
	inst_take();
	registering = true;
	for (size_t i = 0; i < ARRAY_SIZE(leaf_families); i++)
		leaf_families[i]();
	registering = false;
	inst_drop();
}

static struct ualg_alg *find_driver_locked(const char *driver)
{
	for (struct ualg_alg *a = alg_list; a; a = a->next)
		if (!strcmp(a->driver, driver))
			return a;
	return NULL;
}

/* see alg/alg.h */
int ualg_alg_register(struct ualg_alg *alg)
{
	int r = 0;

	alg->next = NULL;
	/* CRYPTO_ALG_INHERITED_FLAGS: an instance over an asynchronous child is one too */
	for (unsigned int i = 0; i < alg->nspawns; i++)
		alg->flags |= alg->spawns[i]->flags & UALG_F_ASYNC;
	ualg_fips_classify(alg);
	(void)pthread_mutex_lock(&reg_lock);
	if (find_driver_locked(alg->driver))
		r = -EEXIST;
	else {
		*alg_tail = alg;
		alg_tail = &alg->next;
	}
	(void)pthread_mutex_unlock(&reg_lock);
	return r;
}

/*
 * Exact driver name, else best priority among generic-name matches that have
 * not failed their self-test. *ret_failed tells whether a match was skipped
 * for a failed self-test.
 */
static struct ualg_alg *find(enum ualg_type type, const char *name, unsigned int flags,
			     bool *ret_failed)
{
	struct ualg_alg *best = NULL;

	*ret_failed = false;
	(void)pthread_mutex_lock(&reg_lock);
	for (struct ualg_alg *a = alg_list; a; a = a->next) {
		if (a->type != type || a->dead || (a->flags & UALG_F_INTERNAL))
			continue;
		if ((a->flags & UALG_F_ASYNC) && !(flags & UALG_LOOKUP_ASYNC))
			continue;
		if (!strcmp(a->driver, name)) {
			best = a;
			break;
		}
		if (strcmp(a->name, name))
			continue;
		if (__atomic_load_n(&a->selftest, __ATOMIC_ACQUIRE) < 0) {
			*ret_failed = true;
			continue;
		}
		if (!best || a->priority > best->priority)
			best = a;
	}
	(void)pthread_mutex_unlock(&reg_lock);
	return best;
}

static const struct ualg_template *find_template(enum ualg_type type, const char *name)
{
	const struct ualg_template *t = tmpl_families[type];

	for (; t && t->name; t++)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

/* the flags of the lookup instantiating on this thread (inst_lock held) */
static __thread unsigned int create_flags;

/* see alg/alg.h */
unsigned int ualg_tmpl_lookup_flags(void)
{
	return create_flags;
}

/*
 * The kernel registers a template instance and then hands out, for the
 * requested name, the instance whose name or driver name is that string
 * (crypto/algapi.c crypto_alg_tested satisfies the waiting larval on
 * either). A request naming neither gets -ENOENT though the instance was
 * made: "gcm(aes-generic)" (its driver is "gcm_base(ctr(aes-generic),
 * ghash-generic)"), "xts(aes-generic)" ("xts(ecb(aes-generic))"), the
 * two-argument "adiantum(xchacha12-generic,aes-generic)".
 */
static bool request_matches(const struct ualg_alg *inst, const char *name)
{
	return !strcmp(inst->name, name) || !strcmp(inst->driver, name);
}

static int instantiate(enum ualg_type type, const char *name, unsigned int flags,
		       const struct ualg_alg **ret)
{
	_cleanup_free_ struct ualg_name *parsed = malloc(sizeof(*parsed));
	const struct ualg_template *tmpl;
	struct ualg_alg *inst = NULL, *dup;
	unsigned int saved;
	int r;

	if (!parsed)
		return -ENOMEM;
	r = ualg_name_parse(name, parsed);
	if (r < 0)
		return -ENOENT;
	if (!parsed->tmpl[0])
		return -ENOENT;
	tmpl = find_template(type, parsed->tmpl);
	if (!tmpl || parsed->nargs < tmpl->min_args || parsed->nargs > tmpl->max_args)
		return -ENOENT;

	saved = create_flags;
	create_flags = flags;
	r = tmpl->create(tmpl, parsed, &inst);
	create_flags = saved;
	if (r < 0)
		return r == -ENOMEM ? r : -ENOENT;
	inst->from_template = true;
	r = ualg_alg_register(inst);
	if (r == -EEXIST) {
		/*
		 * Same instance reached through another spelling of a child, or
		 * one deleted through NETLINK_CRYPTO: made again, it comes back
		 * with the priority it would have now.
		 */
		(void)pthread_mutex_lock(&reg_lock);
		dup = find_driver_locked(inst->driver);
		if (dup && dup->type == type && dup->dead) {
			__atomic_store_n(&dup->priority, inst->priority, __ATOMIC_RELAXED);
			__atomic_store_n(&dup->dead, false, __ATOMIC_RELEASE);
		}
		(void)pthread_mutex_unlock(&reg_lock);
		if (inst->destroy)
			inst->destroy(inst);
		free(inst);
		if (!dup || dup->type != type || !request_matches(dup, name))
			return -ENOENT;
		*ret = dup;
		return 0;
	}
	if (r < 0)
		return r;
	/* registered either way, as the kernel's cryptomgr does */
	if (!request_matches(inst, name))
		return -ENOENT;
	*ret = inst;
	return 0;
}

/*
 * The algorithm a kernel driver name stands for, registered under that
 * name: a copy of target's descriptor whose tfms are target's (impl). Its
 * flags and self-test state are target's; it is no template instance.
 */
static int alias_view(const char *kernel_driver, const struct ualg_alg *target,
		      const struct ualg_alg **ret)
{
	struct ualg_alg *view, *dup;
	int r;

	inst_take();
	(void)pthread_mutex_lock(&reg_lock);
	dup = find_driver_locked(kernel_driver);
	(void)pthread_mutex_unlock(&reg_lock);
	if (dup) {
		/* made by another thread, or an algorithm of ours has this name */
		inst_drop();
		if (dup->type != target->type)
			return -ENOENT;
		*ret = dup;
		return 0;
	}
	view = malloc(sizeof(*view));
	if (!view) {
		inst_drop();
		return -ENOMEM;
	}
	*view = *target;
	snprintf(view->driver, sizeof(view->driver), "%s", kernel_driver);
	view->impl = target->impl ? target->impl : target;
	view->from_template = false;
	view->destroy = NULL;
	view->dead = false;
	view->refcnt = 0;
	view->nspawns = 0;
	r = ualg_alg_register(view);
	inst_drop();
	if (r < 0) {
		free(view);
		return r;
	}
	*ret = view;
	return 0;
}

static int resolve(enum ualg_type type, const char *name, unsigned int flags, unsigned int depth,
		   const struct ualg_alg **ret)
{
	const struct ualg_alg *alg;
	bool failed;
	int r;

	if (depth > UALG_MAX_TMPL_DEPTH)
		return -ENOENT;
	if (!name[0] || strnlen(name, UALG_MAX_ALG_NAME) >= UALG_MAX_ALG_NAME)
		return -ENOENT;
	/* internal implementations ("__cbc-aes-aesni") are never reachable */
	if (!strncmp(name, "__", 2))
		return -ENOENT;

	alg = find(type, name, flags, &failed);
	if (alg) {
		*ret = alg;
		return 0;
	}
	if (failed)
		return -ELIBBAD;

	for (const struct ualg_alias *a = alias_tables[type]; a->kernel_driver; a++)
		if (!strcmp(a->kernel_driver, name)) {
			r = resolve(type, a->target, flags, depth + 1, &alg);
			return r < 0 ? r : alias_view(name, alg, ret);
		}

	inst_take();
	/* re-check: another thread may have made it while we waited */
	alg = find(type, name, flags, &failed);
	if (alg) {
		*ret = alg;
		r = 0;
	} else
		r = instantiate(type, name, flags, ret);
	inst_drop();
	return r;
}

static int lookup_child(enum ualg_type type, const char *name, unsigned int flags,
			const struct ualg_alg **ret)
{
	if (!registering)
		(void)pthread_once(&reg_once, registry_init);
	if ((unsigned int)type >= UALG_TYPE__MAX)
		return -ENOENT;
	return resolve(type, name, flags, 0, ret);
}

/* see alg/alg.h */
int ualg_alg_lookup_child(enum ualg_type type, const char *name, const struct ualg_alg **ret)
{
	/* a template's child: any implementation, asynchronous or FIPS-internal */
	return lookup_child(type, name, UALG_LOOKUP_ASYNC, ret);
}

/* see alg/alg.h */
int ualg_alg_lookup(enum ualg_type type, const char *name, const struct ualg_alg **ret)
{
	return ualg_alg_lookup_flags(type, name, 0, ret);
}

/* see alg/alg.h */
int ualg_alg_lookup_flags(enum ualg_type type, const char *name, unsigned int flags,
			  const struct ualg_alg **ret)
{
	const struct ualg_alg *alg, *prev = NULL;
	int r;

	for (;;) {
		r = lookup_child(type, name, flags, &alg);
		if (r < 0)
			return r;
		if (alg == prev)
			return -ELIBBAD;
		prev = alg;
		if (__atomic_load_n(&alg->selftest, __ATOMIC_ACQUIRE) > 0)
			break;
		inst_take();
		if (__atomic_load_n(&alg->selftest, __ATOMIC_ACQUIRE) == 0) {
			r = ualg_selftest_run(alg);
			__atomic_store_n(&((struct ualg_alg *)alg)->selftest, r < 0 ? -ELIBBAD : 1,
					 __ATOMIC_RELEASE);
		}
		inst_drop();
		if (__atomic_load_n(&alg->selftest, __ATOMIC_ACQUIRE) > 0)
			break;
		/* failed: a generic name may have another implementation */
	}
	/* an instance over an asynchronous or FIPS-internal child is one too */
	if ((alg->flags & UALG_F_ASYNC) && !(flags & UALG_LOOKUP_ASYNC))
		return -ENOENT;
	if (alg->flags & UALG_F_FIPS_INTERNAL)
		return -ENOENT;
	*ret = alg;
	return 0;
}

/* see alg/alg.h */
int ualg_alg_alias(const char *kernel_driver, const struct ualg_alg **ret)
{
	(void)pthread_once(&reg_once, registry_init);
	for (unsigned int t = 0; t < UALG_TYPE__MAX; t++)
		for (const struct ualg_alias *a = alias_tables[t]; a && a->kernel_driver; a++)
			if (!strcmp(a->kernel_driver, kernel_driver))
				return resolve(t, kernel_driver, UALG_LOOKUP_ASYNC, 0, ret);
	return -ENOENT;
}

static bool spawned_from(const struct ualg_alg *inst, const struct ualg_alg *alg)
{
	for (unsigned int i = 0; i < inst->nspawns; i++)
		if (inst->spawns[i] == alg)
			return true;
	return false;
}

/*
 * crypto_remove_spawns: every live instance built on alg, and those built
 * on them, is unregistered. reg_lock held; the list is short and this rare.
 */
static void remove_spawns_locked(const struct ualg_alg *alg)
{
	for (struct ualg_alg *a = alg_list; a; a = a->next)
		if (!a->dead && spawned_from(a, alg)) {
			__atomic_store_n(&a->dead, true, __ATOMIC_RELEASE);
			remove_spawns_locked(a);
		}
}

/* see alg/alg.h */
int ualg_alg_delete(const struct ualg_alg *alg)
{
	struct ualg_alg *a = (struct ualg_alg *)alg;
	int r = 0;

	/* core algorithms cannot go: only instances built from templates */
	if (!alg->from_template)
		return -EINVAL;
	inst_take();
	(void)pthread_mutex_lock(&reg_lock);
	if (a->dead)
		r = -ENOENT;
	else if (__atomic_load_n(&a->refcnt, __ATOMIC_ACQUIRE) > 0)
		r = -EBUSY;
	else {
		__atomic_store_n(&a->dead, true, __ATOMIC_RELEASE);
		remove_spawns_locked(a);
	}
	(void)pthread_mutex_unlock(&reg_lock);
	inst_drop();
	return r;
}

/* see alg/alg.h */
void ualg_alg_update(const struct ualg_alg *alg)
{
	inst_take();
	(void)pthread_mutex_lock(&reg_lock);
	remove_spawns_locked(alg);
	(void)pthread_mutex_unlock(&reg_lock);
	inst_drop();
}

/* see alg/alg.h */
void ualg_alg_set_priority(const struct ualg_alg *alg, int priority)
{
	(void)pthread_mutex_lock(&reg_lock);
	__atomic_store_n(&((struct ualg_alg *)alg)->priority, priority, __ATOMIC_RELAXED);
	(void)pthread_mutex_unlock(&reg_lock);
}

/* see alg/alg.h */
void ualg_alg_foreach(void (*fn)(const struct ualg_alg *alg, void *arg), void *arg)
{
	struct ualg_alg *a;

	(void)pthread_once(&reg_once, registry_init);
	/* the list only grows at its tail, so walking unlocked past the head is safe */
	(void)pthread_mutex_lock(&reg_lock);
	a = alg_list;
	(void)pthread_mutex_unlock(&reg_lock);
	for (; a; a = __atomic_load_n(&a->next, __ATOMIC_ACQUIRE))
		if (!__atomic_load_n(&a->dead, __ATOMIC_ACQUIRE))
			fn(a, arg);
}

/* see alg/alg.h */
void ualg_alg_fork_prepare(void)
{
	inst_take();
	(void)pthread_mutex_lock(&reg_lock);
}

/* see alg/alg.h */
void ualg_alg_fork_parent(void)
{
	(void)pthread_mutex_unlock(&reg_lock);
	inst_drop();
}

/* see alg/alg.h: the forking thread is the child's, and still holds both */
void ualg_alg_fork_child(void)
{
	ualg_alg_fork_parent();
}

/* see alg/alg.h */
int ualg_tmpl_set_names(struct ualg_alg *inst, const char *tmpl, const struct ualg_alg *const *children,
			unsigned int n)
{
	size_t nl, dl;
	int w;

	nl = dl = 0;
	/* the children a deletion or a priority change reaches (crypto_spawn) */
	inst->nspawns = n < UALG_MAX_SPAWNS ? n : UALG_MAX_SPAWNS;
	for (unsigned int i = 0; i < inst->nspawns; i++)
		inst->spawns[i] = children[i];
	w = snprintf(inst->name, sizeof(inst->name), "%s(", tmpl);
	if (w < 0 || (size_t)w >= sizeof(inst->name))
		return -ENAMETOOLONG;
	nl = dl = (size_t)w;
	memcpy(inst->driver, inst->name, nl + 1);
	for (unsigned int i = 0; i < n; i++) {
		const char *sep = i + 1 < n ? "," : ")";

		w = snprintf(inst->name + nl, sizeof(inst->name) - nl, "%s%s", children[i]->name, sep);
		if (w < 0 || (size_t)w >= sizeof(inst->name) - nl)
			return -ENAMETOOLONG;
		nl += (size_t)w;
		w = snprintf(inst->driver + dl, sizeof(inst->driver) - dl, "%s%s", children[i]->driver,
			     sep);
		if (w < 0 || (size_t)w >= sizeof(inst->driver) - dl)
			return -ENAMETOOLONG;
		dl += (size_t)w;
	}
	return 0;
}
