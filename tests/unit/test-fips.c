/* SPDX-License-Identifier: MIT */
/*
 * FIPS mode's table and key rules (alg/fips.c). The mode itself is tested
 * where /proc/sys/crypto/fips_enabled can be set: tests/preload/fips.sh and
 * the oracle's fips-* transcripts (a private mount namespace).
 */
#include "test.h"
#include "alg/alg.h"

TEST(table_sorted)
{
	CHECK(ualg_fips_table_sorted());
}

/* outside FIPS mode the key rules let everything through */
TEST(key_rules_off)
{
	static const uint8_t same[64];

	if (ualg_fips_enabled())
		SKIP("this machine runs in FIPS mode");
	CHECK_EQ(ualg_fips_hmac_key(0), 0);
	CHECK_EQ(ualg_fips_hmac_key(13), 0);
	CHECK_EQ(ualg_fips_xts_key(same, 32), 0);
	CHECK_EQ(ualg_fips_xts_key(same, 48), 0);
}
