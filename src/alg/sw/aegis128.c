/* SPDX-License-Identifier: MIT */
/*
 * AEGIS-128 (Wu, Preneel: "AEGIS: A Fast Authenticated Encryption
 * Algorithm", CAESAR submission v1.1, the final-portfolio version), with the
 * kernel's conventions (crypto/aegis128-core.c): 16-byte key and IV, tag of
 * 8..16 bytes (a prefix of the 16-byte tag), AF_ALG layout AAD || text ||
 * tag, and lengths in the finalisation as little-endian 64-bit bit counts.
 *
 * Written here because no well-kept C library has AEGIS-128: OpenSSL has no
 * AEGIS at all, and libsodium only AEGIS-128L and AEGIS-256, from 1.0.19
 * (Debian 12 ships 1.0.18).
 *
 * Implementation Notes
 *
 * - The state is five 16-byte blocks S0..S4. One update with message block
 *   M: S'i = R(S(i-1)) ^ Si for i = 1..4 and S'0 = R(S4) ^ S0 ^ M, where R
 *   is one AES encryption round without the key addition (SubBytes,
 *   ShiftRows, MixColumns), i.e. AESENC(x, k) = R(x) ^ k.
 * - Init: S = {K ^ IV, C1, C0, K ^ C0, K ^ C1} (C0, C1 the Fibonacci bytes
 *   mod 256), then ten updates alternating K and K ^ IV. AAD and text are
 *   absorbed in 16-byte blocks, the last one zero-padded; each text block
 *   is xored with S1 ^ S4 ^ (S2 & S3) and the plaintext block is absorbed.
 *   Final: seven updates with (le64(adbits) || le64(textbits)) ^ S3, tag =
 *   S0 ^ S1 ^ S2 ^ S3 ^ S4.
 * - Two paths: AES-NI (_mm_aesenc_si128, chosen at run time with
 *   __builtin_cpu_supports) and a portable one. The portable AES round has
 *   no table: SubBytes computes the GF(2^8) inverse as x^254 with
 *   carry-less multiplications done sixteen bytes at a time in byte lanes
 *   of two 64-bit words (SWAR, SIMD where the compiler has it), then the
 *   affine map; ShiftRows and MixColumns are fixed byte
 *   moves and xtime. The five rounds of one update are independent, so all
 *   80 bytes go through SubBytes together.
 * - Decrypt recomputes the tag, compares authsize bytes with
 *   ualg_ct_memcmp, and on a mismatch wipes the plaintext it wrote
 *   (EBADMSG), as the kernel's generic driver and the rest of the family.
 *
 * Constant time: no branch or memory index depends on key, IV or data;
 * only lengths are public.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alg/alg.h"
#include "alg/sw/aead.h"
#include "alg/tmpl/aead.h"
#include "core/ct.h"
#include "core/hex.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define AEGIS_HAVE_NI 1
#define NI_TARGET __attribute__((target("aes,sse2")))
#else
#define AEGIS_HAVE_NI 0
#endif

#define AEGIS_BLOCK 16
#define AEGIS_MIN_AUTHSIZE 8 /* kernel AEGIS128_MIN_AUTH_SIZE */
#define AEGIS_MAX_AUTHSIZE 16

/* C0 and C1 of the specification: 0, 1, 1, 2, 3, 5, 8, ... mod 256 */
static const uint8_t aegis_c0[16] = {0x00, 0x01, 0x01, 0x02, 0x03, 0x05, 0x08, 0x0d,
				     0x15, 0x22, 0x37, 0x59, 0x90, 0xe9, 0x79, 0x62};
static const uint8_t aegis_c1[16] = {0xdb, 0x3d, 0x18, 0x55, 0x6d, 0xc2, 0x2f, 0xf1,
				     0x20, 0x11, 0x31, 0x42, 0x73, 0xb5, 0x28, 0xdd};

/* the final block: le64(adlen * 8) || le64(len * 8) */
static void aegis_len_block(uint8_t out[16], size_t adlen, size_t len)
{
	uint64_t a = (uint64_t)adlen * 8, c = (uint64_t)len * 8;

	for (int i = 0; i < 8; i++) {
		out[i] = (uint8_t)(a >> (8 * i));
		out[8 + i] = (uint8_t)(c >> (8 * i));
	}
}

/* ---- portable path: the AES round without tables */

#define LANES 0x0101010101010101ull

/*
 * Two 64-bit words of eight byte lanes each; GNU C lowers the operations to
 * SSE2/NEON where present, to plain words elsewhere. Only shifts, and, xor
 * and subtraction: no multiplication, no lookup.
 */
typedef uint64_t v2u64 __attribute__((vector_size(16)));

/* 0xff in each lane whose low bit is set (x holds 0 or 1 per lane) */
static inline v2u64 lane_mask(v2u64 x)
{
	/* (x << 8) - x per lane: borrows stay inside the lane's own 0xff */
	return (x << 8) - x;
}

/* multiply each byte lane by x in GF(2^8) (AES polynomial 0x11b) */
static inline v2u64 xtime_v(v2u64 a)
{
	v2u64 hi = (a >> 7) & LANES;

	return ((a & 0x7f7f7f7f7f7f7f7full) << 1) ^ hi ^ (hi << 1) ^ (hi << 3) ^ (hi << 4);
}

/* lane-wise GF(2^8) product of a and b */
static inline v2u64 gfmul_v(v2u64 a, v2u64 b)
{
	v2u64 r = a & lane_mask(b & LANES);

	for (int i = 1; i < 8; i++) {
		a = xtime_v(a);
		r ^= a & lane_mask((b >> i) & LANES);
	}
	return r;
}

/*
 * lane-wise square: linear over GF(2), bit i goes to bit 2i; x^8, x^10,
 * x^12 and x^14 reduce mod 0x11b to 0x1b, 0x6c, 0xab and 0x9a
 */
static inline v2u64 gfsq_v(v2u64 a)
{
	return (a & LANES) ^ ((a << 1) & (LANES << 2)) ^ ((a << 2) & (LANES << 4)) ^
	       ((a << 3) & (LANES << 6)) ^ (lane_mask((a >> 4) & LANES) & (LANES * 0x1b)) ^
	       (lane_mask((a >> 5) & LANES) & (LANES * 0x6c)) ^
	       (lane_mask((a >> 6) & LANES) & (LANES * 0xab)) ^
	       (lane_mask((a >> 7) & LANES) & (LANES * 0x9a));
}

/* lane-wise rotate left by k (1..7) */
static inline v2u64 rotl_v(v2u64 b, unsigned int k)
{
	uint64_t hi = LANES * ((0xffu << k) & 0xffu), lo = LANES * (0xffu >> (8 - k));

	return ((b << k) & hi) | ((b >> (8 - k)) & lo);
}

/* the AES S-box on sixteen bytes: inverse (x^254, 0 -> 0), then the affine map */
static v2u64 sbox_v(v2u64 x)
{
	v2u64 x2 = gfsq_v(x);
	v2u64 x3 = gfmul_v(x2, x);
	v2u64 x12 = gfsq_v(gfsq_v(x3));
	v2u64 x15 = gfmul_v(x12, x3), y;

	y = gfsq_v(x15);     /* x^30 */
	y = gfsq_v(y);	     /* x^60 */
	y = gfsq_v(y);	     /* x^120 */
	y = gfsq_v(y);	     /* x^240 */
	y = gfmul_v(y, x12); /* x^252 */
	y = gfmul_v(y, x2);  /* x^254 */
	return y ^ rotl_v(y, 1) ^ rotl_v(y, 2) ^ rotl_v(y, 3) ^ rotl_v(y, 4) ^ (LANES * 0x63);
}

static inline uint8_t xtime8(uint8_t a)
{
	return (uint8_t)((a << 1) ^ (0x1b & -(a >> 7)));
}

/* out[b] = MixColumns(ShiftRows(SubBytes(in[b]))) for nblk blocks (at most 5) */
static void aes_round_nokey(uint8_t *out, const uint8_t *in, size_t nblk)
{
	v2u64 w[5];
	uint8_t sb[80];

	memcpy(w, in, nblk * 16);
	for (size_t i = 0; i < nblk; i++)
		w[i] = sbox_v(w[i]);
	memcpy(sb, w, nblk * 16);
	for (size_t b = 0; b < nblk; b++) {
		const uint8_t *s = sb + 16 * b;
		uint8_t *o = out + 16 * b;

		/* byte 4c + r is row r of column c; row r rotates left by r */
		for (unsigned int c = 0; c < 4; c++) {
			uint8_t a0 = s[4 * c], a1 = s[4 * ((c + 1) & 3) + 1];
			uint8_t a2 = s[4 * ((c + 2) & 3) + 2], a3 = s[4 * ((c + 3) & 3) + 3];
			uint8_t t = a0 ^ a1 ^ a2 ^ a3;

			o[4 * c] = a0 ^ t ^ xtime8(a0 ^ a1);
			o[4 * c + 1] = a1 ^ t ^ xtime8(a1 ^ a2);
			o[4 * c + 2] = a2 ^ t ^ xtime8(a2 ^ a3);
			o[4 * c + 3] = a3 ^ t ^ xtime8(a3 ^ a0);
		}
	}
	ualg_wipe(w, sizeof(w));
	ualg_wipe(sb, sizeof(sb));
}

static inline void xor16(uint8_t *d, const uint8_t *a, const uint8_t *b)
{
	for (int i = 0; i < 16; i++)
		d[i] = a[i] ^ b[i];
}

struct pstate {
	uint8_t s[5][16];
};

static void p_update(struct pstate *st, const uint8_t m[16])
{
	uint8_t r[5][16];

	aes_round_nokey(&r[0][0], &st->s[0][0], 5);
	for (int i = 4; i > 0; i--)
		xor16(st->s[i], st->s[i], r[i - 1]);
	xor16(st->s[0], st->s[0], r[4]);
	xor16(st->s[0], st->s[0], m);
}

/* the keystream block S1 ^ S4 ^ (S2 & S3) */
static void p_keystream(const struct pstate *st, uint8_t z[16])
{
	for (int i = 0; i < 16; i++)
		z[i] = st->s[1][i] ^ st->s[4][i] ^ (st->s[2][i] & st->s[3][i]);
}

static void p_crypt(const uint8_t key[16], const uint8_t iv[16], const uint8_t *ad, size_t adlen,
		    const uint8_t *src, uint8_t *dst, size_t len, uint8_t tag[16], bool enc)
{
	struct pstate st;
	uint8_t kiv[16], z[16], m[16];
	size_t i;

	xor16(kiv, key, iv);
	memcpy(st.s[0], kiv, 16);
	memcpy(st.s[1], aegis_c1, 16);
	memcpy(st.s[2], aegis_c0, 16);
	xor16(st.s[3], key, aegis_c0);
	xor16(st.s[4], key, aegis_c1);
	for (i = 0; i < 5; i++) {
		p_update(&st, key);
		p_update(&st, kiv);
	}

	for (i = 0; i + 16 <= adlen; i += 16)
		p_update(&st, ad + i);
	if (i < adlen) {
		memset(m, 0, 16);
		memcpy(m, ad + i, adlen - i);
		p_update(&st, m);
	}

	for (i = 0; i < len; i += 16) {
		size_t n = len - i < 16 ? len - i : 16;

		memset(m, 0, 16);
		memcpy(m, src + i, n);
		p_keystream(&st, z);
		xor16(z, z, m); /* the other side of the text */
		if (enc) {
			p_update(&st, m);
		} else {
			memset(z + n, 0, 16 - n); /* the padded plaintext is absorbed */
			p_update(&st, z);
		}
		memcpy(dst + i, z, n);
	}

	aegis_len_block(m, adlen, len);
	xor16(m, m, st.s[3]);
	for (i = 0; i < 7; i++)
		p_update(&st, m);
	for (i = 0; i < 16; i++)
		tag[i] = st.s[0][i] ^ st.s[1][i] ^ st.s[2][i] ^ st.s[3][i] ^ st.s[4][i];

	ualg_wipe(&st, sizeof(st));
	ualg_wipe(kiv, sizeof(kiv));
	ualg_wipe(z, sizeof(z));
	ualg_wipe(m, sizeof(m));
}

/* ---- AES-NI path */

#if AEGIS_HAVE_NI
NI_TARGET static inline void ni_update(__m128i s[5], __m128i m)
{
	__m128i t = s[4];

	s[4] = _mm_aesenc_si128(s[3], s[4]);
	s[3] = _mm_aesenc_si128(s[2], s[3]);
	s[2] = _mm_aesenc_si128(s[1], s[2]);
	s[1] = _mm_aesenc_si128(s[0], s[1]);
	s[0] = _mm_xor_si128(_mm_aesenc_si128(t, s[0]), m);
}

NI_TARGET static inline __m128i ni_keystream(const __m128i s[5])
{
	return _mm_xor_si128(_mm_xor_si128(s[1], s[4]), _mm_and_si128(s[2], s[3]));
}

NI_TARGET static void ni_crypt(const uint8_t key[16], const uint8_t iv[16], const uint8_t *ad,
			       size_t adlen, const uint8_t *src, uint8_t *dst, size_t len,
			       uint8_t tag[16], bool enc)
{
	__m128i s[5], k = _mm_loadu_si128((const __m128i *)key), kiv, m, c;
	uint8_t buf[16];
	size_t i;

	kiv = _mm_xor_si128(k, _mm_loadu_si128((const __m128i *)iv));
	s[0] = kiv;
	s[1] = _mm_loadu_si128((const __m128i *)aegis_c1);
	s[2] = _mm_loadu_si128((const __m128i *)aegis_c0);
	s[3] = _mm_xor_si128(k, s[2]);
	s[4] = _mm_xor_si128(k, s[1]);
	for (i = 0; i < 5; i++) {
		ni_update(s, k);
		ni_update(s, kiv);
	}

	for (i = 0; i + 16 <= adlen; i += 16)
		ni_update(s, _mm_loadu_si128((const __m128i *)(ad + i)));
	if (i < adlen) {
		memset(buf, 0, 16);
		memcpy(buf, ad + i, adlen - i);
		ni_update(s, _mm_loadu_si128((const __m128i *)buf));
	}

	for (i = 0; i + 16 <= len; i += 16) {
		m = _mm_loadu_si128((const __m128i *)(src + i));
		c = _mm_xor_si128(m, ni_keystream(s));
		ni_update(s, enc ? m : c);
		_mm_storeu_si128((__m128i *)(dst + i), c);
	}
	if (i < len) {
		size_t n = len - i;

		memset(buf, 0, 16);
		memcpy(buf, src + i, n);
		m = _mm_loadu_si128((const __m128i *)buf);
		c = _mm_xor_si128(m, ni_keystream(s));
		_mm_storeu_si128((__m128i *)buf, c);
		if (enc) {
			ni_update(s, m);
		} else {
			memset(buf + n, 0, 16 - n); /* the padded plaintext is absorbed */
			ni_update(s, _mm_loadu_si128((const __m128i *)buf));
		}
		memcpy(dst + i, buf, n);
	}

	aegis_len_block(buf, adlen, len);
	m = _mm_xor_si128(_mm_loadu_si128((const __m128i *)buf), s[3]);
	for (i = 0; i < 7; i++)
		ni_update(s, m);
	c = _mm_xor_si128(_mm_xor_si128(s[0], s[1]), _mm_xor_si128(s[2], s[3]));
	_mm_storeu_si128((__m128i *)tag, _mm_xor_si128(c, s[4]));

	ualg_wipe(s, sizeof(s));
	ualg_wipe(buf, sizeof(buf));
}

NI_TARGET static void ni_round(uint8_t out[16], const uint8_t in[16], const uint8_t rk[16])
{
	__m128i r = _mm_aesenc_si128(_mm_loadu_si128((const __m128i *)in),
				     _mm_loadu_si128((const __m128i *)rk));

	_mm_storeu_si128((__m128i *)out, r);
}
#endif

/* see alg/sw/aead.h */
bool ualg_aegis128_have_aesni(void)
{
#if AEGIS_HAVE_NI
	__builtin_cpu_init();
	return __builtin_cpu_supports("aes") && __builtin_cpu_supports("sse2");
#else
	return false;
#endif
}

/* see alg/sw/aead.h */
void ualg_aegis128_crypt(const uint8_t key[16], const uint8_t iv[16], const uint8_t *ad,
			 size_t adlen, const uint8_t *src, uint8_t *dst, size_t len,
			 uint8_t tag[16], bool enc, bool portable)
{
#if AEGIS_HAVE_NI
	if (!portable && ualg_aegis128_have_aesni()) {
		ni_crypt(key, iv, ad, adlen, src, dst, len, tag, enc);
		return;
	}
#endif
	p_crypt(key, iv, ad, adlen, src, dst, len, tag, enc);
}

/* see alg/sw/aead.h */
void ualg_aegis128_aes_round(uint8_t out[16], const uint8_t in[16], const uint8_t rk[16],
			     bool portable)
{
#if AEGIS_HAVE_NI
	if (!portable && ualg_aegis128_have_aesni()) {
		ni_round(out, in, rk);
		return;
	}
#endif
	aes_round_nokey(out, in, 1);
	xor16(out, out, rk);
}

/* ---- the leaf */

struct aegis_ctx {
	uint8_t key[16];
};

static void aegis_exit_tfm(struct ualg_tfm *tfm)
{
	struct aegis_ctx *c = ualg_tfm_ctx(tfm);

	ualg_wipe(c->key, sizeof(c->key));
}

static int aegis_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct aegis_ctx *c = ualg_tfm_ctx(tfm);

	if (keylen != sizeof(c->key))
		return -EINVAL;
	memcpy(c->key, key, sizeof(c->key));
	return 0;
}

static int aegis_check_authsize(const struct ualg_alg *alg, unsigned int authsize)
{
	(void)alg;
	/* kernel crypto_aegis128_setauthsize: 8..16, else EINVAL */
	return authsize >= AEGIS_MIN_AUTHSIZE && authsize <= AEGIS_MAX_AUTHSIZE ? 0 : -EINVAL;
}

static int aegis_xcrypt(struct ualg_tfm *tfm, const struct ualg_aead_xreq *req, bool enc)
{
	const struct aegis_ctx *c = ualg_tfm_ctx(tfm);
	uint8_t tag[16], want[16];
	int r = 0;

	if (req->authsize > sizeof(tag))
		return -EINVAL;
	/* the tag may sit in src right after the text: read it before writing */
	if (!enc)
		memcpy(want, req->tag, req->authsize);
	ualg_aegis128_crypt(c->key, req->iv, req->ad, req->adlen, req->src, req->dst, req->len, tag,
			    enc, false);
	if (enc) {
		memcpy(req->tag, tag, req->authsize);
	} else if (ualg_ct_memcmp(tag, want, req->authsize)) {
		ualg_wipe(req->dst, req->len);
		r = -EBADMSG;
	}
	ualg_wipe(tag, sizeof(tag));
	ualg_wipe(want, sizeof(want));
	return r;
}

static int aegis_xencrypt(struct ualg_tfm *tfm, const struct ualg_aead_xreq *req)
{
	return aegis_xcrypt(tfm, req, true);
}

static int aegis_xdecrypt(struct ualg_tfm *tfm, const struct ualg_aead_xreq *req)
{
	return aegis_xcrypt(tfm, req, false);
}

static const struct ualg_aead_xops aegis_xops;

static int aegis_encrypt(struct ualg_aead_req *req)
{
	return ualg_aead_flat_crypt(req, &aegis_xops, 0, true);
}

static int aegis_decrypt(struct ualg_aead_req *req)
{
	return ualg_aead_flat_crypt(req, &aegis_xops, 0, false);
}

static const struct ualg_aead_xops aegis_xops = {
	.ops =
		{
			.setkey = aegis_setkey,
			.check_authsize = aegis_check_authsize,
			.encrypt = aegis_encrypt,
			.decrypt = aegis_decrypt,
		},
	.encrypt = aegis_xencrypt,
	.decrypt = aegis_xdecrypt,
};

struct sw_aead_row {
	const char *name;
	const char *driver;
	int priority;
	const struct ualg_aead_ops *ops;
	unsigned int ctxsize;
	void (*exit_tfm)(struct ualg_tfm *tfm);
	unsigned int ivsize;
	unsigned int maxauthsize;
};

static const struct sw_aead_row sw_aead_table[] = {
	{"aegis128", "aegis128-ualg", 300, &aegis_xops.ops, sizeof(struct aegis_ctx),
	 aegis_exit_tfm, 16, AEGIS_MAX_AUTHSIZE},
};

/* see alg/sw/aead.h */
void ualg_sw_aead_register(void)
{
	for (size_t i = 0; i < sizeof(sw_aead_table) / sizeof(sw_aead_table[0]); i++) {
		const struct sw_aead_row *row = &sw_aead_table[i];
		struct ualg_alg *alg = calloc(1, sizeof(*alg));

		if (!alg)
			return;
		snprintf(alg->name, sizeof(alg->name), "%s", row->name);
		snprintf(alg->driver, sizeof(alg->driver), "%s", row->driver);
		alg->type = UALG_TYPE_AEAD;
		alg->priority = row->priority;
		alg->flags = UALG_F_KEYED;
		alg->blocksize = 1;
		alg->ctxsize = row->ctxsize;
		alg->exit_tfm = row->exit_tfm;
		alg->aead.ops = row->ops;
		alg->aead.ivsize = row->ivsize;
		alg->aead.maxauthsize = row->maxauthsize;
		alg->data = row;
		if (ualg_alg_register(alg) < 0)
			free(alg);
	}
}

/* ---- self-check */

/*
 * FIPS-197 Appendix B (cipher example): the state at the start of round 1,
 * the round-1 key and the state at the start of round 2.
 */
static const char fips197_r1_in[] = "193de3bea0f4e22b9ac68d2ae9f84808";
static const char fips197_r1_key[] = "a0fafe1788542cb123a339392a6c7605";
static const char fips197_r2_in[] = "a49c7ff2689f352b6b5bea43026a5049";

/* see alg/sw/aead.h */
int ualg_aegis128_selfcheck(const struct ualg_alg *alg)
{
	uint8_t *in = NULL, *rk = NULL, *want = NULL, out[16];
	uint8_t key[16], iv[16], msg[100], ad[40], c[2][100], t[2][16];
	size_t n1 = 0, n2 = 0, n3 = 0;
	int r = 0;

	(void)alg;
	if (ualg_hex_decode(fips197_r1_in, &in, &n1) < 0 ||
	    ualg_hex_decode(fips197_r1_key, &rk, &n2) < 0 ||
	    ualg_hex_decode(fips197_r2_in, &want, &n3) < 0) {
		r = -ENOMEM;
		goto out;
	}
	for (int p = 0; p < 2 && r == 0; p++) {
		ualg_aegis128_aes_round(out, in, rk, p);
		if (n1 != 16 || n2 != 16 || n3 != 16 || memcmp(out, want, 16))
			r = -ELIBBAD;
	}
	/* both paths give the same message over uneven lengths */
	for (size_t i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 29 + 3);
	for (size_t i = 0; i < sizeof(ad); i++)
		ad[i] = (uint8_t)(i * 13 + 7);
	memcpy(key, msg + 50, 16);
	memcpy(iv, msg + 70, 16);
	for (size_t len = 0; len <= sizeof(msg) && r == 0; len += 33) {
		for (int p = 0; p < 2; p++)
			ualg_aegis128_crypt(key, iv, ad, len % 41, msg, c[p], len, t[p], true, p);
		if (memcmp(c[0], c[1], len) || memcmp(t[0], t[1], 16))
			r = -ELIBBAD;
	}
out:
	free(in);
	free(rk);
	free(want);
	return r;
}
