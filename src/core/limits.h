/* SPDX-License-Identifier: MIT */
#ifndef UALG_CORE_LIMITS_H
#define UALG_CORE_LIMITS_H

/*
 * Every user-controllable cap in one place. Values mirror the kernel's
 * (spec §17) unless noted.
 */

/* CRYPTO_MAX_ALG_NAME: names, driver names and instance names, NUL included */
#define UALG_MAX_ALG_NAME 128
/* CRYPTO_MAX_ATTRS: template arguments */
#define UALG_MAX_TMPL_ARGS 32
/* nesting depth of templates in one name (the kernel bounds it by name length) */
#define UALG_MAX_TMPL_DEPTH 16

/* largest sizes any algorithm here may report; used for stack buffers */
#define UALG_MAX_DIGESTSIZE 64
#define UALG_MAX_BLOCKSIZE 64
#define UALG_MAX_IVSIZE 32
#define UALG_MAX_AUTHSIZE 64
#define UALG_MAX_KEYSIZE 512

/* PAGE_SIZE as the budgets see it */
#define UALG_PAGE_SIZE 4096
/* net.core.wmem_default / rmem_default / wmem_max / rmem_max */
#define UALG_SNDBUF_DEFAULT 212992
#define UALG_RCVBUF_DEFAULT 212992
#define UALG_SNDBUF_MAX 212992
#define UALG_RCVBUF_MAX 212992
/* SOCK_MIN_SNDBUF / SOCK_MIN_RCVBUF on x86-64 */
#define UALG_SNDBUF_MIN 4608
#define UALG_RCVBUF_MIN 2304
/* net.core.optmem_max of current kernels */
#define UALG_OPTMEM_MAX 131072
/* ALG_MAX_PAGES: pages per mapped output chunk */
#define UALG_MAX_PAGES 16
/* algif_rng MAXSIZE */
#define UALG_RNG_MAXSIZE 128

#endif
