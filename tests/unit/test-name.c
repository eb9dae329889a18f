/* SPDX-License-Identifier: MIT */
/* The kernel-name parser: nesting, malformed names, limits. */
#include <stdlib.h>

#include "test.h"
#include "alg/alg.h"

static struct ualg_name n;

TEST(plain_name)
{
	CHECK_EQ(ualg_name_parse("sha256", &n), 0);
	CHECK(n.tmpl[0] == '\0');
	CHECK_EQ(n.nargs, 0);
	CHECK_EQ(ualg_name_parse("sha256-generic", &n), 0);
}

TEST(one_level)
{
	CHECK_EQ(ualg_name_parse("cbc(aes)", &n), 0);
	CHECK(!strcmp(n.tmpl, "cbc"));
	CHECK_EQ(n.nargs, 1);
	CHECK(!strcmp(n.args[0], "aes"));
}

TEST(nested_and_several_args)
{
	CHECK_EQ(ualg_name_parse("authenc(hmac(sha256),cbc(aes))", &n), 0);
	CHECK(!strcmp(n.tmpl, "authenc"));
	CHECK_EQ(n.nargs, 2);
	CHECK(!strcmp(n.args[0], "hmac(sha256)"));
	CHECK(!strcmp(n.args[1], "cbc(aes)"));
	CHECK_EQ(ualg_name_parse("essiv(authenc(hmac(sha256),cbc(aes)),sha256)", &n), 0);
	CHECK_EQ(n.nargs, 2);
	CHECK(!strcmp(n.args[0], "authenc(hmac(sha256),cbc(aes))"));
	CHECK(!strcmp(n.args[1], "sha256"));
	CHECK_EQ(ualg_name_parse("cbc(aes-generic)", &n), 0);
	CHECK(!strcmp(n.args[0], "aes-generic"));
}

TEST(malformed)
{
	static const char *const bad[] = {
		"",	     "cbc(aes",	  "cbc(aes))",	 "cbc()",     "(aes)",
		"cbc(,aes)", "cbc(aes,)", "cb c(aes)",	 " cbc(aes)", "cbc(aes)x",
		"aes)",	     "a,b",	  "cbc(aes)(x)", "c.b(aes)",  "cbc((aes))x",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int r = ualg_name_parse(bad[i], &n);

		if (r != -ENOENT)
			fprintf(stderr, "name '%s' gave %d\n", bad[i], r);
		CHECK_EQ(r, -ENOENT);
	}
}

TEST(limits)
{
	char name[300];
	size_t i;

	/* 127 characters fit, 128 do not */
	memset(name, 'a', 127);
	name[127] = '\0';
	CHECK_EQ(ualg_name_parse(name, &n), 0);
	memset(name, 'a', 128);
	name[128] = '\0';
	CHECK_EQ(ualg_name_parse(name, &n), -ENAMETOOLONG);

	/* 32 arguments are fine, 33 are not */
	strcpy(name, "t(");
	for (i = 0; i < 33; i++)
		strcat(name, i ? ",a" : "a");
	strcat(name, ")");
	CHECK_EQ(ualg_name_parse(name, &n), -ENOENT);
	strcpy(name, "t(");
	for (i = 0; i < 32; i++)
		strcat(name, i ? ",a" : "a");
	strcat(name, ")");
	CHECK_EQ(ualg_name_parse(name, &n), 0);
	CHECK_EQ(n.nargs, 32);

	/* nesting deeper than the limit */
	name[0] = '\0';
	for (i = 0; i < UALG_MAX_TMPL_DEPTH + 1; i++)
		strcat(name, "t(");
	strcat(name, "a");
	for (i = 0; i < UALG_MAX_TMPL_DEPTH + 1; i++)
		strcat(name, ")");
	CHECK_EQ(ualg_name_parse(name, &n), -ENOENT);
}
