/* SPDX-License-Identifier: MIT */
#ifndef UALG_TESTS_SOCKT_H
#define UALG_TESTS_SOCKT_H

/* Helpers for the socket-semantics tests: drive src/sock through its API only. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sock/sock.h"

#define T_SOL_ALG 279
#define T_SET_KEY 1
#define T_SET_IV 2
#define T_SET_OP 3
#define T_SET_ASSOCLEN 4
#define T_SET_AUTHSIZE 5
#define T_SET_DRBG_ENTROPY 6
#define T_SET_KEY_BY_KEY_SERIAL 7
#define T_ENC 1
#define T_DEC 0
#define T_NONE (-1L)

/* true if type/name binds (the algorithm exists in the engine) */
bool t_have(const char *type, const char *name);
#define NEED(type, name)                                                                           \
	do {                                                                                       \
		if (!t_have(type, name))                                                           \
			SKIP(type " " name " is not available (yet)");                             \
	} while (0)

/* socket + bind with a classic 88-byte sockaddr_alg; NULL on failure (*err set) */
struct ualg_sock *t_parent(const char *type, const char *name, int *err);
int t_bind(struct ualg_sock *sk, const char *type, const char *name);
/* bind with full control: type (14 bytes copied), name bytes (namelen), feat, mask, addrlen */
int t_bind_raw(struct ualg_sock *sk, const void *type, size_t typelen, const void *name,
	       size_t namelen, uint32_t feat, uint32_t mask, uint16_t family, int addrlen);
int t_setkey(struct ualg_sock *sk, const void *key, size_t len);
/* parent with key set and one op socket; NULL if anything fails */
struct ualg_sock *t_op(const char *type, const char *name, const void *key, size_t klen,
		       struct ualg_sock **ret_parent);
struct ualg_sock *t_accept(struct ualg_sock *parent);

ssize_t t_send(struct ualg_sock *sk, const void *p, size_t n, int flags);
/* sendmsg with optional cmsgs: op (T_NONE), iv (NULL: none), assoclen (T_NONE) */
ssize_t t_sendc(struct ualg_sock *sk, const void *p, size_t n, int flags, long op, const void *iv,
		size_t ivlen, long assoclen);
/* sendmsg with a raw control buffer */
ssize_t t_sendctl(struct ualg_sock *sk, const void *p, size_t n, int flags, void *ctl,
		  size_t ctllen);
ssize_t t_recv(struct ualg_sock *sk, void *p, size_t n, int flags);
ssize_t t_recvf(struct ualg_sock *sk, void *p, size_t n, int flags, int *ret_msg_flags);
/* recv under an interval timer (SIGALRM handler, no restart); *late: the timer fired */
ssize_t t_recv_timed(struct ualg_sock *sk, void *p, size_t n, int flags, int ms, bool *late);
ssize_t t_send_timed(struct ualg_sock *sk, const void *p, size_t n, int flags, int ms, bool *late);
/* run send(p, n, flags) on sk from another thread after ms milliseconds */
struct t_bg;
struct t_bg *t_bg_send(struct ualg_sock *sk, const void *p, size_t n, int flags, int ms);
struct t_bg *t_bg_sendc(struct ualg_sock *sk, const void *p, size_t n, int flags, long op,
			const void *iv, size_t ivlen, long assoclen, int ms);
/* recv(n) on sk from another thread after ms milliseconds */
struct t_bg *t_bg_recv(struct ualg_sock *sk, void *p, size_t n, int flags, int ms);
ssize_t t_bg_join(struct t_bg *bg);

/* hex helpers */
size_t t_unhex(const char *hex, uint8_t *buf);
bool t_eqhex(const uint8_t *p, size_t n, const char *hex);

/* public test vectors (NIST SP 800-38A F.2.1 / F.5.1, GCM spec test case 2, FIPS 180-2) */
extern const uint8_t T_K128[16], T_IV0[16], T_P1[16], T_P2[16], T_CTRIV[16];
#define T_CBC1 "7649abac8119b246cee98e9b12e9197d"
#define T_CBC2 "5086cb9b507219ee95db113a917678b2"
#define T_CTR1 "874d6191b620e3261bef6864990db6ce"
#define T_CTR2 "9806f66b7970fdff8617187bb9fffdff"
#define T_SHA256_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define T_SHA256_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define T_GCM_C2 "0388dace60b6a392f328c2b971b2fe78"
#define T_GCM_T2 "ab6e47d42cec13bdf53a67b21257bddf"

#endif
