/* SPDX-License-Identifier: MIT */
#ifndef UALG_UALG_H
#define UALG_UALG_H

/*
 * ualg: the Linux AF_ALG interface served in userspace.
 *
 * This is the library's public interface. Every function returns >= 0 on
 * success and a negative errno value on failure; none writes errno.
 * Unmodified AF_ALG programs do not use it: they run under the preload
 * library (`ualg run -- PROGRAM`).
 */

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define UALG_EXPORT __attribute__((visibility("default")))
#define UALG_WUR __attribute__((warn_unused_result))

/* The library version, "MAJOR.MINOR.PATCH". */
UALG_EXPORT const char *ualg_version(void);

/*
 * Write the registry to f in /proc/crypto format, every base algorithm
 * self-tested first, then every template instance created so far.
 * Returns the number of algorithms written.
 */
UALG_EXPORT UALG_WUR int ualg_list(FILE *f);

/*
 * Resolve name as an AF_ALG client would bind it (type "hash", "skcipher",
 * "aead" or "rng"; NULL tries each), instantiating templates as needed, and
 * write the algorithm it resolves to in /proc/crypto format. -ENOENT when no
 * type knows the name, -ELIBBAD when it failed its self-test.
 */
UALG_EXPORT UALG_WUR int ualg_show(FILE *f, const char *type, const char *name);

/*
 * Run the known-answer self-test of every base algorithm (as ualg_list()
 * does, without printing) and count the results: *ret_passed those that
 * passed, *ret_failed those that failed (the registry never hands these
 * out: binding them fails with ELIBBAD). Returns the number tested.
 */
UALG_EXPORT UALG_WUR int ualg_selftest(unsigned int *ret_passed, unsigned int *ret_failed);

#ifdef __cplusplus
}
#endif

#endif
