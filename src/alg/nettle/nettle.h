/* SPDX-License-Identifier: MIT */
#ifndef UALG_ALG_NETTLE_NETTLE_H
#define UALG_ALG_NETTLE_NETTLE_H

/*
 * Algorithms the kernel has and OpenSSL 3.0 lacks, served by GNU Nettle
 * (>= 3.6): the Serpent and Twofish block ciphers and the Streebog
 * (GOST R 34.11-2012) hashes. Nettle is stateless (no global init or
 * library context, unlike libgcrypt), so loading it into a host program
 * changes nothing there. Nettle asserts on some bad lengths (serpent keys
 * above 32 bytes); every length is checked here before Nettle sees it.
 *
 * Constant time: as Nettle's implementations. Serpent is bitsliced
 * (no secret-indexed tables); Twofish uses key-dependent S-box tables
 * indexed by data, like the kernel's twofish-generic.
 */

/* Register "serpent" and "twofish" (type cipher); called by ualg_cipher_register(). */
void ualg_nettle_cipher_register(void);

/* Register "streebog256" and "streebog512"; called by ualg_hash_register(). */
void ualg_nettle_hash_register(void);

#endif
