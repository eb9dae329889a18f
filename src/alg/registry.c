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
 *   that fails is never returned (-ELIBBAD when nothing else matches).
 *
 * Algorithms live until the process ends (never freed, so a thread still
 * using one while another runs exit handlers is safe): users keep plain
 * pointers. reg_lock guards the
 * list for short walks; inst_lock (recursive: templates look up children)
 * serialises instantiation and self-tests, the kernel's larval idea reduced
 * to a mutex and a re-check.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "alg/alg.h"
#include "core/cleanup.h"

static struct ualg_alg *alg_list, **alg_tail = &alg_list;
static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t inst_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static pthread_once_t reg_once = PTHREAD_ONCE_INIT;

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

static void registry_init(void)
{
	registering = true;
	for (size_t i = 0; i < ARRAY_SIZE(leaf_families); i++)
		leaf_families[i]();
	registering = false;
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
static struct ualg_alg *find(enum ualg_type type, const char *name, bool *ret_failed)
{
	struct ualg_alg *best = NULL;

	*ret_failed = false;
	(void)pthread_mutex_lock(&reg_lock);
	for (struct ualg_alg *a = alg_list; a; a = a->next) {
		if (a->type != type || (a->flags & UALG_F_INTERNAL))
			continue;
		if (!strcmp(a->driver, name)) {
			best = a;
			break;
		}
		if (strcmp(a->name, name))
			continue;
		if (a->selftest < 0) {
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

/*
 * The kernel registers a template instance and then looks the requested
 * name up again, matching the instance's name or driver name. Where the
 * instance's name has fewer arguments than the request (adiantum's optional
 * third argument, left out of "adiantum(xchacha12,aes)"), only a request in
 * driver-name form can match: one that spells none of the instance name's
 * arguments generically.
 */
static bool request_matches(const char *inst_name, const struct ualg_name *req)
{
	_cleanup_free_ struct ualg_name *n = malloc(sizeof(*n));

	if (!n || ualg_name_parse(inst_name, n) < 0)
		return false;
	if (n->nargs == req->nargs)
		return true;
	for (unsigned int i = 0; i < n->nargs && i < req->nargs; i++)
		if (!strcmp(n->args[i], req->args[i]))
			return false;
	return true;
}

static int instantiate(enum ualg_type type, const char *name, const struct ualg_alg **ret)
{
	_cleanup_free_ struct ualg_name *parsed = malloc(sizeof(*parsed));
	const struct ualg_template *tmpl;
	struct ualg_alg *inst = NULL, *dup;
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

	r = tmpl->create(tmpl, parsed, &inst);
	if (r < 0)
		return r == -ENOMEM ? r : -ENOENT;
	if (!request_matches(inst->name, parsed)) {
		if (inst->destroy)
			inst->destroy(inst);
		free(inst);
		return -ENOENT;
	}
	inst->from_template = true;
	r = ualg_alg_register(inst);
	if (r == -EEXIST) {
		/* same instance reached through another spelling of a child */
		(void)pthread_mutex_lock(&reg_lock);
		dup = find_driver_locked(inst->driver);
		(void)pthread_mutex_unlock(&reg_lock);
		if (inst->destroy)
			inst->destroy(inst);
		free(inst);
		if (!dup || dup->type != type)
			return -ENOENT;
		*ret = dup;
		return 0;
	}
	if (r < 0)
		return r;
	*ret = inst;
	return 0;
}

static int resolve(enum ualg_type type, const char *name, unsigned int depth,
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

	alg = find(type, name, &failed);
	if (alg) {
		*ret = alg;
		return 0;
	}
	if (failed)
		return -ELIBBAD;

	for (const struct ualg_alias *a = alias_tables[type]; a->kernel_driver; a++)
		if (!strcmp(a->kernel_driver, name))
			return resolve(type, a->target, depth + 1, ret);

	(void)pthread_mutex_lock(&inst_lock);
	/* re-check: another thread may have made it while we waited */
	alg = find(type, name, &failed);
	if (alg) {
		*ret = alg;
		r = 0;
	} else
		r = instantiate(type, name, ret);
	(void)pthread_mutex_unlock(&inst_lock);
	return r;
}

/* see alg/alg.h */
int ualg_alg_lookup_child(enum ualg_type type, const char *name, const struct ualg_alg **ret)
{
	if (!registering)
		(void)pthread_once(&reg_once, registry_init);
	if ((unsigned int)type >= UALG_TYPE__MAX)
		return -ENOENT;
	return resolve(type, name, 0, ret);
}

/* see alg/alg.h */
int ualg_alg_lookup(enum ualg_type type, const char *name, const struct ualg_alg **ret)
{
	const struct ualg_alg *alg, *prev = NULL;
	int r;

	for (;;) {
		r = ualg_alg_lookup_child(type, name, &alg);
		if (r < 0)
			return r;
		if (alg == prev)
			return -ELIBBAD;
		prev = alg;
		if (__atomic_load_n(&alg->selftest, __ATOMIC_ACQUIRE) > 0)
			break;
		(void)pthread_mutex_lock(&inst_lock);
		if (alg->selftest == 0) {
			r = ualg_selftest_run(alg);
			__atomic_store_n(&((struct ualg_alg *)alg)->selftest, r < 0 ? -ELIBBAD : 1,
					 __ATOMIC_RELEASE);
		}
		(void)pthread_mutex_unlock(&inst_lock);
		if (alg->selftest > 0)
			break;
		/* failed: a generic name may have another implementation */
	}
	*ret = alg;
	return 0;
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
		fn(a, arg);
}

/* see alg/alg.h */
int ualg_tmpl_set_names(struct ualg_alg *inst, const char *tmpl, const struct ualg_alg *const *children,
			unsigned int n)
{
	size_t nl, dl;
	int w;

	nl = dl = 0;
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
