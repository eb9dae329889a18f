/* SPDX-License-Identifier: MIT */
/*
 * HChaCha20, draft-irtf-cfrg-xchacha-03 §2.2: the ChaCha20 block function
 * (RFC 8439 §2.3) over constants || key || 16-byte nonce, 20 rounds, without
 * the final addition; the subkey is state words 0..3 and 12..15. The core
 * with a round count is in alg/sw/chacha.c; OpenSSL 3.0 exposes no HChaCha
 * (xchacha20 needs it).
 */
#include "alg/sw/skcipher.h"

/* see alg/sw/skcipher.h */
void ualg_hchacha20(uint8_t out[32], const uint8_t key[32], const uint8_t nonce[16])
{
	ualg_hchacha(out, key, nonce, 20);
}
