/* SPDX-License-Identifier: MIT */
/* AF_ALG used from another library's constructor (ctor-lib.c). */
#include "alg.h"

extern int ctor_lib_result;
extern unsigned char ctor_lib_digest[32];

TEST(library_constructor)
{
	unsigned char want[32];
	unsigned int wl;

	if (ctor_lib_result == -ENOENT)
		SKIP("sha256 not available");
	CHECK_EQ(ctor_lib_result, 0);
	ref_digest("SHA256", "constructor", 11, want, &wl);
	CHECK_MEM(ctor_lib_digest, want, 32);
}

static void __attribute__((constructor)) check_env(void)
{
	require_preload();
}
