/* SPDX-License-Identifier: MIT */
/* Registry lookups: driver vs generic names, type filter, internal names, aliases. */
#include "test.h"
#include "alg/alg.h"

TEST(cipher_by_name_and_driver)
{
	const struct ualg_alg *a, *b;

	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_CIPHER, "aes", &a), 0);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_CIPHER, "aes-ualg", &b), 0);
	CHECK(a == b);
	CHECK(a->selftest > 0);
	/* kernel driver name: an algorithm of that name, served by ours */
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_CIPHER, "aes-generic", &b), 0);
	CHECK(ualg_alg_impl(b) == a);
	CHECK(!strcmp(b->driver, "aes-generic"));
	CHECK(!strcmp(b->name, "aes"));
}

TEST(type_filter)
{
	const struct ualg_alg *a;

	/* a bare block cipher is not an skcipher, nor a hash (spec §4) */
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_SKCIPHER, "aes", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "aes", &a), -ENOENT);
}

TEST(unknown_and_internal)
{
	const struct ualg_alg *a;

	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_CIPHER, "AES", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_CIPHER, "__aes", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_CIPHER, "", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_SKCIPHER, "nosuch(aes)", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_SKCIPHER, "cbc(aes", &a), -ENOENT);
}

TEST(tmpl_names)
{
	struct ualg_alg inst = {0}, c1 = {0}, c2 = {0};
	const struct ualg_alg *kids[2] = {&c1, &c2};
	char longname[UALG_MAX_ALG_NAME];

	strcpy(c1.name, "hmac(sha256)");
	strcpy(c1.driver, "hmac(sha256-ualg)");
	strcpy(c2.name, "cbc(aes)");
	strcpy(c2.driver, "cbc-aes-ualg");
	CHECK_EQ(ualg_tmpl_set_names(&inst, "authenc", kids, 2), 0);
	CHECK(!strcmp(inst.name, "authenc(hmac(sha256),cbc(aes))"));
	CHECK(!strcmp(inst.driver, "authenc(hmac(sha256-ualg),cbc-aes-ualg)"));

	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	memcpy(c1.driver, longname, sizeof(longname));
	CHECK_EQ(ualg_tmpl_set_names(&inst, "authenc", kids, 2), -ENAMETOOLONG);
}

struct every {
	const struct ualg_alg *alg[1024];
	size_t n;
};

static void collect_every(const struct ualg_alg *alg, void *arg)
{
	struct every *e = arg;

	if (e->n < 1024)
		e->alg[e->n++] = alg;
}

/*
 * Every registered algorithm passes its self-test. Registration no longer
 * asks OpenSSL whether a row's algorithm exists (ualg's libcrypto is fixed
 * at build time, and fetches happen at first use): this is the check that
 * each one does.
 */
TEST(every_registered_algorithm_passes_its_selftest)
{
	static struct every e;
	const struct ualg_alg *a;

	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_CIPHER, "aes", &a), 0); /* registers everything */
	ualg_alg_foreach(collect_every, &e);
	CHECK(e.n > 100 && e.n < 1024);
	for (size_t i = 0; i < e.n; i++) {
		int r = ualg_alg_lookup(e.alg[i]->type, e.alg[i]->driver, &a);

		if (r)
			fprintf(stderr, "%s: %s\n", e.alg[i]->driver, strerror(-r));
		CHECK_EQ(r, 0);
	}
}
