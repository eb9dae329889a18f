/* SPDX-License-Identifier: MIT */
#ifndef UALG_CORE_CT_H
#define UALG_CORE_CT_H

#include <stddef.h>

/*
 * Wipe memory in a way the compiler cannot drop: explicit_bzero(), libc's
 * memset behind a compiler barrier (vector stores; OPENSSL_cleanse stores 8
 * bytes at a time).
 */
void ualg_wipe(void *p, size_t len);

/* Free after wiping len bytes; takes NULL. */
void ualg_free_secret(void *p, size_t len);

/* Constant-time comparison: 0 when equal (CRYPTO_memcmp). */
int ualg_ct_memcmp(const void *a, const void *b, size_t len);

#endif
