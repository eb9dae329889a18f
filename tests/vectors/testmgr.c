/* SPDX-License-Identifier: MIT */
/*
 * The kernel testmgr vectors (DIR/testmgr/index.json and one JSON file per
 * algorithm), each vector run under every configuration that applies.
 *
 * Implementation Notes
 *
 * hash: one-shot digest; init/update/final in one piece; three pieces at
 * fixed points with an empty update between; random pieces (two seeds);
 * clone mid-stream, the original finishing after the clone was fed junk and
 * the clone finishing after the original was; re-key (setkey with another
 * key, digest, then the vector's key).
 *
 * skcipher: encrypt and decrypt, each with separate and in-place buffers;
 * split into non-final requests of chunksize multiples (class.h: final =
 * false, state/cont) at fixed and random points; and a message sent as
 * several final requests with the IV chained. Splits apply when the result
 * is defined to equal the one-shot answer: no IV (ecb), an output IV in the
 * vector (cbc, ctr: the chained IV continues the stream), or a statesize
 * (stream ciphers carrying their state). After each call req.iv must equal
 * iv_out when the vector has one. kw (generates_iv): encryption outputs the
 * IV, decryption takes it.
 *
 * aead: encrypt and decrypt, in-place and separate; novrfy vectors must fail
 * to decrypt with -EBADMSG; a flipped tag bit and (when the AAD is longer
 * than the IV copy rfc4106/essiv keep at its end) a flipped first AAD byte
 * must give -EBADMSG, with
 * the plaintext area zeroed (class.h). aad_iv suites already carry the IV at
 * the end of the AAD in the vectors, so assoc goes in unchanged.
 *
 * rng: drbg (CAVP entropy, seed with the personalisation string, two
 * generates with the additional inputs and prediction-resistance entropy,
 * the second output compared) and ansi_cprng (seed V || key || DT, loops
 * generates, the last compared).
 *
 * Weak-key vectors (wk with setkey_error) expect the refusal the kernel gives
 * only with CRYPTO_TFM_REQ_FORBID_WEAK_KEYS, a flag AF_ALG never sets: here
 * setkey must succeed, as it does through AF_ALG.
 *
 * Every vector runs under every implementation of the name (vdrivers_find:
 * the OpenSSL leaf and the template instances), with a fresh transform for
 * every case, so no case depends on another.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

#define WHERE_MAX 256

static void where_fmt(char *buf, unsigned int set, unsigned int idx, const char *cfg)
{
	snprintf(buf, WHERE_MAX, "%s: set %u vector %u [%s]", vcur_driver, set, idx, cfg);
}

/* A fresh tfm with key set; returns setkey's result (or -errno of tfm_new). */
static int tfm_keyed(const struct ualg_alg *alg, const struct vbuf *key, struct ualg_tfm **ret)
{
	int r = ualg_tfm_new(alg, ret);

	if (r < 0)
		return r;
	if (key && !key->null)
		r = ualg_tfm_setkey(*ret, key->p, key->n);
	return r;
}

/* ---- split points */

struct piece {
	size_t off, len;
};

#define MAX_PIECES 8

enum split {
	SPLIT_NONE,
	SPLIT_FIXED2, /* one chunk, then the rest */
	SPLIT_FIXED3, /* one chunk, about half of the rest, the rest */
	SPLIT_RANDOM,
};

/*
 * Cut len bytes into pieces whose ends (except the last) are multiples of
 * unit. Returns the number of pieces (1 when len is too short to cut).
 */
static unsigned int split_points(enum split how, size_t len, size_t unit, uint64_t *rnd,
				 struct piece *p)
{
	size_t cuts[MAX_PIECES], ncut = 0, units = len / unit;
	unsigned int n = 0;
	size_t prev = 0;

	/* the last piece must be non-empty: cut only strictly inside */
	if (len % unit == 0 && units)
		units--;
	switch (how) {
	case SPLIT_NONE:
		break;
	case SPLIT_FIXED2:
		if (units >= 1)
			cuts[ncut++] = unit;
		break;
	case SPLIT_FIXED3:
		if (units >= 2) {
			cuts[ncut++] = unit;
			cuts[ncut++] = unit * (1 + (units - 1) / 2);
			if (cuts[1] == cuts[0])
				ncut--;
		} else if (units == 1) {
			cuts[ncut++] = unit;
		}
		break;
	case SPLIT_RANDOM:
		if (units) {
			unsigned int want = 1 + vrand_next(rnd) % (MAX_PIECES - 1);

			for (unsigned int i = 0; i < want; i++) {
				size_t c = unit * (1 + vrand_next(rnd) % units);
				size_t j = ncut;

				/* insertion into the sorted, duplicate-free list */
				while (j && cuts[j - 1] > c)
					j--;
				if (j && cuts[j - 1] == c)
					continue;
				memmove(cuts + j + 1, cuts + j, (ncut - j) * sizeof(cuts[0]));
				cuts[j] = c;
				ncut++;
			}
		}
		break;
	}
	for (size_t i = 0; i < ncut; i++) {
		p[n++] = (struct piece){ prev, cuts[i] - prev };
		prev = cuts[i];
	}
	p[n++] = (struct piece){ prev, len - prev };
	return n;
}

/* ---- hash */

struct hash_case {
	const struct ualg_alg *alg;
	const struct vbuf *key, *msg;
	uint64_t rnd;
};

static int hash_pieces(struct ualg_hash_desc *d, const struct vbuf *msg, enum split how,
		       uint64_t *rnd, bool empty_between)
{
	struct piece p[MAX_PIECES];
	unsigned int n = split_points(how, msg->n, 1, rnd, p);
	int r = 0;

	for (unsigned int i = 0; i < n && r >= 0; i++) {
		r = ualg_hash_update(d, msg->p + p[i].off, p[i].len);
		if (r >= 0 && empty_between && i == 0)
			r = ualg_hash_update(d, msg->p, 0);
	}
	return r;
}

static int hash_split(struct hash_case *c, struct ualg_tfm *tfm, uint8_t *out, enum split how,
		      bool empty)
{
	struct ualg_hash_desc *d;
	int r = ualg_hash_desc_new(tfm, &d);

	if (r < 0)
		return r;
	r = ualg_hash_init(d);
	if (r >= 0)
		r = hash_pieces(d, c->msg, how, &c->rnd, empty);
	if (r >= 0)
		r = ualg_hash_final(d, out);
	ualg_hash_desc_free(d);
	return r;
}

static int hcfg_oneshot(struct hash_case *c, struct ualg_tfm *tfm, uint8_t *out)
{
	return ualg_hash_digest(tfm, c->msg->p, c->msg->n, out);
}

static int hcfg_update1(struct hash_case *c, struct ualg_tfm *tfm, uint8_t *out)
{
	return hash_split(c, tfm, out, SPLIT_NONE, false);
}

static int hcfg_fixed3(struct hash_case *c, struct ualg_tfm *tfm, uint8_t *out)
{
	struct ualg_hash_desc *d;
	size_t n = c->msg->n, a = n > 0 ? 1 : 0, b = a + (n - a) / 2;
	int r = ualg_hash_desc_new(tfm, &d);

	if (r < 0)
		return r;
	r = ualg_hash_init(d);
	if (r >= 0)
		r = ualg_hash_update(d, c->msg->p, a);
	if (r >= 0)
		r = ualg_hash_update(d, c->msg->p + a, 0);
	if (r >= 0)
		r = ualg_hash_update(d, c->msg->p + a, b - a);
	if (r >= 0)
		r = ualg_hash_update(d, c->msg->p + b, n - b);
	if (r >= 0)
		r = ualg_hash_final(d, out);
	ualg_hash_desc_free(d);
	return r;
}

static int hcfg_random(struct hash_case *c, struct ualg_tfm *tfm, uint8_t *out)
{
	return hash_split(c, tfm, out, SPLIT_RANDOM, false);
}

/* clone after half the message; the other descriptor is fed junk and finished first */
static int hash_clone(struct hash_case *c, struct ualg_tfm *tfm, uint8_t *out, bool want_clone)
{
	static const uint8_t junk[] = "junk that must not leak into the other stream";
	struct ualg_hash_desc *d = NULL, *e = NULL, *mine, *other;
	size_t half = c->msg->n / 2;
	uint8_t *tmp = malloc(tfm->alg->hash.digestsize + 1);
	int r = tmp ? 0 : -ENOMEM;

	if (r >= 0)
		r = ualg_hash_desc_new(tfm, &d);
	if (r >= 0)
		r = ualg_hash_desc_new(tfm, &e);
	if (r >= 0)
		r = ualg_hash_init(d);
	if (r >= 0)
		r = ualg_hash_update(d, c->msg->p, half);
	if (r >= 0)
		r = ualg_hash_clone(e, d);
	mine = want_clone ? e : d;
	other = want_clone ? d : e;
	if (r >= 0)
		r = ualg_hash_update(other, junk, sizeof(junk));
	if (r >= 0)
		r = ualg_hash_final(other, tmp);
	if (r >= 0)
		r = ualg_hash_update(mine, c->msg->p + half, c->msg->n - half);
	if (r >= 0)
		r = ualg_hash_final(mine, out);
	if (d)
		ualg_hash_desc_free(d);
	if (e)
		ualg_hash_desc_free(e);
	free(tmp);
	return r;
}

static int hcfg_clone_orig(struct hash_case *c, struct ualg_tfm *tfm, uint8_t *out)
{
	return hash_clone(c, tfm, out, false);
}

static int hcfg_clone_copy(struct hash_case *c, struct ualg_tfm *tfm, uint8_t *out)
{
	return hash_clone(c, tfm, out, true);
}

/* setkey with another key, use it, then the vector's key: no stale key state */
static int hcfg_rekey(struct hash_case *c, struct ualg_tfm *tfm, uint8_t *out)
{
	struct vbuf other;
	int r = vbuf_zalloc(&other, c->key->n);

	if (r < 0)
		return r;
	memset(other.p, 0x5a, other.n);
	if (other.n)
		other.p[0] ^= 0xff;
	r = ualg_tfm_setkey(tfm, other.p, other.n);
	vbuf_free(&other);
	if (r < 0)
		return 0x10000; /* the other key was refused: not comparable */
	r = ualg_hash_digest(tfm, c->msg->p, c->msg->n, out);
	if (r >= 0)
		r = ualg_tfm_setkey(tfm, c->key->p, c->key->n);
	if (r >= 0)
		r = ualg_hash_digest(tfm, c->msg->p, c->msg->n, out);
	return r;
}

static const struct hash_cfg {
	const char *name;
	int (*run)(struct hash_case *c, struct ualg_tfm *tfm, uint8_t *out);
	bool keyed_only;
} hash_cfgs[] = {
	{ "oneshot", hcfg_oneshot, false },
	{ "update-1", hcfg_update1, false },
	{ "update-3+empty", hcfg_fixed3, false },
	{ "update-random-a", hcfg_random, false },
	{ "update-random-b", hcfg_random, false },
	{ "clone-orig", hcfg_clone_orig, false },
	{ "clone-copy", hcfg_clone_copy, false },
	{ "rekey", hcfg_rekey, true },
};

static void hash_vec(struct vres *res, const struct ualg_alg *alg, json_object *v, unsigned int set,
		     unsigned int idx)
{
	struct vbuf key, msg, digest;
	unsigned int ds = alg->hash.digestsize;
	int want_err = -(int)jint(v, "digest_error"), kerr = -(int)jint(v, "setkey_error");
	char where[WHERE_MAX];
	uint8_t *out = NULL;
	int r;

	vbuf_get(v, "key", &key);
	vbuf_get(v, "plaintext", &msg);
	vbuf_get(v, "digest", &digest);
	if (!msg.p || !digest.p || !key.p || msg.n != (size_t)jint(v, "psize")) {
		where_fmt(where, set, idx, "parse");
		vres_fail(res, where, "malformed vector");
		goto out;
	}
	if (!key.null && key.n != (size_t)jint(v, "ksize"))
		key.n = (size_t)jint(v, "ksize") < key.n ? (size_t)jint(v, "ksize") : key.n;
	if (kerr) {
		struct ualg_tfm *tfm = NULL;

		where_fmt(where, set, idx, "setkey");
		r = tfm_keyed(alg, &key, &tfm);
		vres_check(res, where, r, kerr, NULL, NULL, 0);
		ualg_tfm_free(tfm);
		goto out;
	}
	if (digest.n != ds) {
		where_fmt(where, set, idx, "digestsize");
		vres_fail(res, where, "vector digest is %zu bytes, alg digestsize %u", digest.n,
			  ds);
		goto out;
	}
	out = malloc(ds + 1);
	if (!out)
		goto out;
	for (size_t k = 0; k < sizeof(hash_cfgs) / sizeof(hash_cfgs[0]); k++) {
		const struct hash_cfg *cfg = &hash_cfgs[k];
		struct hash_case c = { alg, &key, &msg, vrand_seed(res->name, idx, (unsigned)k) };
		struct ualg_tfm *tfm = NULL;

		if (cfg->keyed_only && key.null)
			continue;
		where_fmt(where, set, idx, cfg->name);
		memset(out, 0xee, ds);
		r = tfm_keyed(alg, &key, &tfm);
		if (r < 0) {
			vres_fail(res, where, "setkey returned %s", errname(r));
		} else {
			r = cfg->run(&c, tfm, out);
			if (r == 0x10000)
				vres_skip(res, 1, "rekey: the other key was refused");
			else
				vres_check(res, where, r < 0 ? r : 0, want_err, out, digest.p, ds);
		}
		ualg_tfm_free(tfm);
	}
out:
	free(out);
	vbuf_free(&key);
	vbuf_free(&msg);
	vbuf_free(&digest);
}

/* ---- skcipher */

enum scfg_kind {
	SK_ONESHOT,
	SK_NOTFINAL, /* pieces as non-final requests, state carried */
	SK_CHAINED,  /* pieces as separate final requests, IV carried */
};

static const struct sk_cfg {
	const char *name;
	enum scfg_kind kind;
	enum split split;
	bool inplace;
} sk_cfgs[] = {
	{ "separate", SK_ONESHOT, SPLIT_NONE, false },
	{ "inplace", SK_ONESHOT, SPLIT_NONE, true },
	{ "notfinal-2", SK_NOTFINAL, SPLIT_FIXED2, false },
	{ "notfinal-3-inplace", SK_NOTFINAL, SPLIT_FIXED3, true },
	{ "notfinal-random", SK_NOTFINAL, SPLIT_RANDOM, false },
	{ "chained-3", SK_CHAINED, SPLIT_FIXED3, false },
	{ "chained-random-inplace", SK_CHAINED, SPLIT_RANDOM, true },
};

struct sk_vec {
	struct vbuf key, iv, iv_out, ptext, ctext;
	size_t len;
	int crypt_err;
	bool generates_iv;
};

/* Run one configuration in one direction; returns false if it was not applicable. */
static bool sk_run(struct vres *res, const struct ualg_alg *alg, const struct sk_vec *vec,
		   const struct sk_cfg *cfg, bool enc, const char *where, uint64_t rnd)
{
	unsigned int ivsize = alg->skcipher.ivsize, statesize = alg->skcipher.statesize;
	size_t unit = alg->skcipher.chunksize ? alg->skcipher.chunksize :
			     (alg->blocksize ? alg->blocksize : 1);
	const struct vbuf *in = enc ? &vec->ptext : &vec->ctext;
	const struct vbuf *want = enc ? &vec->ctext : &vec->ptext;
	bool check_iv = !vec->iv_out.null && ivsize && !(vec->generates_iv && !enc);
	bool chainable = !ivsize || (!vec->iv_out.null && !vec->generates_iv);
	struct vbuf dst = { 0 }, src = { 0 }, iv = { 0 }, state = { 0 };
	struct piece p[MAX_PIECES];
	struct ualg_tfm *tfm = NULL;
	unsigned int n;
	int r;

	if (cfg->kind == SK_NOTFINAL && !(chainable || statesize))
		return false;
	if (cfg->kind == SK_CHAINED && !(chainable && ivsize))
		return false;
	n = split_points(cfg->split, vec->len, unit, &rnd, p);
	if (cfg->split != SPLIT_NONE && n < 2)
		return false;

	if (vbuf_copy(&dst, in, vec->len) < 0 || vbuf_copy(&src, in, vec->len) < 0 ||
	    vbuf_zalloc(&state, statesize) < 0 ||
	    vbuf_copy(&iv, (vec->generates_iv && !enc) ? &vec->iv_out : &vec->iv, ivsize) < 0) {
		vres_fail(res, where, "out of memory");
		goto out;
	}
	if (vec->generates_iv && enc)
		memset(iv.p, 0, iv.n);
	if (!cfg->inplace)
		memset(dst.p, 0xee, dst.n);
	r = tfm_keyed(alg, &vec->key, &tfm);
	if (r < 0) {
		vres_fail(res, where, "setkey returned %s", errname(r));
		goto out;
	}
	for (unsigned int i = 0; i < n; i++) {
		bool last = i + 1 == n;
		struct ualg_skcipher_req req = {
			.tfm = tfm,
			.src = (cfg->inplace ? dst.p : src.p) + p[i].off,
			.dst = dst.p + p[i].off,
			.len = p[i].len,
			.iv = iv.p,
			.final = last || cfg->kind != SK_NOTFINAL,
			.state = statesize ? state.p : NULL,
			.cont = cfg->kind == SK_NOTFINAL && i > 0,
		};

		r = enc ? ualg_skcipher_encrypt(&req) : ualg_skcipher_decrypt(&req);
		if (r < 0)
			break;
	}
	if (r > 0)
		r = 0;
	if (!r && !vec->crypt_err && check_iv && !memcmp(dst.p, want->p, vec->len) &&
	    memcmp(iv.p, vec->iv_out.p, ivsize))
		vres_fail_mem(res, where, "output IV", iv.p, vec->iv_out.p, ivsize);
	else
		vres_check(res, where, r, vec->crypt_err, dst.p, want->p, vec->len);
out:
	ualg_tfm_free(tfm);
	vbuf_free(&dst);
	vbuf_free(&src);
	vbuf_free(&iv);
	vbuf_free(&state);
	return true;
}

static void cipher_vec(struct vres *res, const struct ualg_alg *alg, json_object *v,
		       unsigned int set, unsigned int idx)
{
	struct sk_vec vec = {
		.len = (size_t)jint(v, "len"),
		.crypt_err = -(int)jint(v, "crypt_error"),
		.generates_iv = jbool(v, "generates_iv"),
	};
	int kerr = -(int)jint(v, "setkey_error");
	char where[WHERE_MAX];

	vbuf_get(v, "key", &vec.key);
	vbuf_get(v, "iv", &vec.iv);
	vbuf_get(v, "iv_out", &vec.iv_out);
	vbuf_get(v, "ptext", &vec.ptext);
	vbuf_get(v, "ctext", &vec.ctext);
	if (!vec.key.p || !vec.iv.p || !vec.iv_out.p || !vec.ptext.p || !vec.ctext.p ||
	    vec.ptext.n < vec.len || vec.ctext.n < vec.len) {
		where_fmt(where, set, idx, "parse");
		vres_fail(res, where, "malformed vector");
		goto out;
	}
	if (!vec.key.null && (size_t)jint(v, "klen") < vec.key.n)
		vec.key.n = (size_t)jint(v, "klen");
	/* testmgr's skcipher test always calls setkey: no key is a 0-byte key (serpent) */
	vec.key.null = false;
	if (jint(v, "wk") && kerr) {
		/*
		 * Weak keys fail only with CRYPTO_TFM_REQ_FORBID_WEAK_KEYS, a
		 * flag AF_ALG never sets: there setkey succeeds.
		 */
		struct ualg_tfm *tfm = NULL;

		where_fmt(where, set, idx, "weak key accepted");
		vres_check(res, where, tfm_keyed(alg, &vec.key, &tfm), 0, NULL, NULL, 0);
		ualg_tfm_free(tfm);
		goto out;
	}
	if (kerr) {
		struct ualg_tfm *tfm = NULL;

		where_fmt(where, set, idx, "setkey");
		vres_check(res, where, tfm_keyed(alg, &vec.key, &tfm), kerr, NULL, NULL, 0);
		ualg_tfm_free(tfm);
		goto out;
	}
	for (int enc = 1; enc >= 0; enc--) {
		for (size_t k = 0; k < sizeof(sk_cfgs) / sizeof(sk_cfgs[0]); k++) {
			char cfgname[64];

			snprintf(cfgname, sizeof(cfgname), "%s %s", enc ? "encrypt" : "decrypt",
				 sk_cfgs[k].name);
			where_fmt(where, set, idx, cfgname);
			sk_run(res, alg, &vec, &sk_cfgs[k], enc, where,
			       vrand_seed(res->name, idx, (unsigned)(k * 2 + enc)));
		}
	}
out:
	vbuf_free(&vec.key);
	vbuf_free(&vec.iv);
	vbuf_free(&vec.iv_out);
	vbuf_free(&vec.ptext);
	vbuf_free(&vec.ctext);
}

/* ---- aead */

struct aead_vec {
	struct vbuf key, iv, assoc, ptext, ctext;
	unsigned int authsize;
	int crypt_err;
	bool aad_iv;
};

enum aead_kind {
	AE_ENCRYPT,
	AE_DECRYPT,
	AE_NOVRFY,     /* vector's ctext must not verify */
	AE_TAMPER_TAG, /* last tag byte flipped */
	AE_TAMPER_AAD, /* first AAD byte flipped */
};

static const struct aead_cfg {
	const char *name;
	enum aead_kind kind;
	bool inplace;
} aead_cfgs[] = {
	{ "encrypt separate", AE_ENCRYPT, false }, { "encrypt inplace", AE_ENCRYPT, true },
	{ "decrypt separate", AE_DECRYPT, false }, { "decrypt inplace", AE_DECRYPT, true },
	{ "novrfy separate", AE_NOVRFY, false },   { "novrfy inplace", AE_NOVRFY, true },
	{ "tampered tag", AE_TAMPER_TAG, false },  { "tampered aad", AE_TAMPER_AAD, true },
};

static void aead_run(struct vres *res, const struct ualg_alg *alg, const struct aead_vec *vec,
		     const struct aead_cfg *cfg, const char *where)
{
	size_t alen = vec->assoc.n, plen = vec->ptext.n, clen = vec->ctext.n;
	bool enc = cfg->kind == AE_ENCRYPT;
	size_t inlen = alen + (enc ? plen : clen), outlen = alen + (enc ? clen : plen);
	size_t bufn = inlen > outlen ? inlen : outlen;
	struct vbuf src = { 0 }, dst = { 0 }, iv = { 0 };
	struct ualg_tfm *tfm = NULL;
	int want = enc || cfg->kind == AE_DECRYPT ? vec->crypt_err : -EBADMSG;
	int r;

	if (vbuf_zalloc(&src, bufn) < 0 || vbuf_zalloc(&dst, bufn) < 0 ||
	    vbuf_copy(&iv, &vec->iv, alg->aead.ivsize) < 0) {
		vres_fail(res, where, "out of memory");
		goto out;
	}
	memcpy(src.p, vec->assoc.p, alen);
	memcpy(src.p + alen, enc ? vec->ptext.p : vec->ctext.p, enc ? plen : clen);
	if (cfg->kind == AE_TAMPER_TAG)
		src.p[alen + clen - 1] ^= 0x01;
	if (cfg->kind == AE_TAMPER_AAD)
		src.p[0] ^= 0x80;
	if (cfg->inplace)
		memcpy(dst.p, src.p, bufn);
	else
		memset(dst.p, 0xee, dst.n);
	r = tfm_keyed(alg, &vec->key, &tfm);
	if (r >= 0)
		r = ualg_aead_setauthsize(tfm, vec->authsize);
	if (r < 0) {
		vres_fail(res, where, "setkey/setauthsize returned %s", errname(r));
		goto out;
	}
	struct ualg_aead_req req = {
		.tfm = tfm,
		.src = cfg->inplace ? dst.p : src.p,
		.dst = dst.p,
		.assoclen = alen,
		.cryptlen = enc ? plen : clen,
		.iv = iv.p,
	};
	r = enc ? ualg_aead_encrypt(&req) : ualg_aead_decrypt(&req);
	if (r > 0)
		r = 0;
	if (want == -EBADMSG && r == -EBADMSG && plen) {
		/* class.h: the plaintext area is zeroed on a tag mismatch */
		static const uint8_t zero[4096];
		size_t n = plen < sizeof(zero) ? plen : sizeof(zero);

		if (memcmp(dst.p + alen, zero, n)) {
			vres_fail_mem(res, where, "plaintext area after -EBADMSG (class.h: zeroed)",
				      dst.p + alen, zero, n);
			goto out;
		}
	}
	vres_check(res, where, r, want, dst.p + alen, enc ? vec->ctext.p : vec->ptext.p,
		   enc ? clen : plen);
out:
	ualg_tfm_free(tfm);
	vbuf_free(&src);
	vbuf_free(&dst);
	vbuf_free(&iv);
}

static void aead_vec(struct vres *res, const struct ualg_alg *alg, json_object *v,
		     unsigned int set, unsigned int idx, bool aad_iv)
{
	struct aead_vec vec = {
		.authsize = (unsigned int)jint(v, "authsize"),
		.crypt_err = -(int)jint(v, "crypt_error"),
		.aad_iv = aad_iv,
	};
	int kerr = -(int)jint(v, "setkey_error"), aerr = -(int)jint(v, "setauthsize_error");
	bool novrfy = jint(v, "novrfy");
	char where[WHERE_MAX];

	vbuf_get(v, "key", &vec.key);
	vbuf_get(v, "iv", &vec.iv);
	vbuf_get(v, "assoc", &vec.assoc);
	vbuf_get(v, "ptext", &vec.ptext);
	vbuf_get(v, "ctext", &vec.ctext);
	if (!vec.key.p || !vec.iv.p || !vec.assoc.p || !vec.ptext.p || !vec.ctext.p ||
	    vec.assoc.n < (size_t)jint(v, "alen") || vec.ptext.n < (size_t)jint(v, "plen") ||
	    vec.ctext.n < (size_t)jint(v, "clen")) {
		where_fmt(where, set, idx, "parse");
		vres_fail(res, where, "malformed vector");
		goto out;
	}
	vec.assoc.n = (size_t)jint(v, "alen");
	vec.ptext.n = (size_t)jint(v, "plen");
	vec.ctext.n = (size_t)jint(v, "clen");
	if (!vec.key.null && (size_t)jint(v, "klen") < vec.key.n)
		vec.key.n = (size_t)jint(v, "klen");
	if (kerr || aerr) {
		struct ualg_tfm *tfm = NULL;
		int r;

		where_fmt(where, set, idx, kerr ? "setkey" : "setauthsize");
		r = tfm_keyed(alg, &vec.key, &tfm);
		if (!kerr && r >= 0)
			r = ualg_aead_setauthsize(tfm, vec.authsize);
		vres_check(res, where, r, kerr ? kerr : aerr, NULL, NULL, 0);
		ualg_tfm_free(tfm);
		goto out;
	}
	for (size_t k = 0; k < sizeof(aead_cfgs) / sizeof(aead_cfgs[0]); k++) {
		const struct aead_cfg *cfg = &aead_cfgs[k];

		if ((cfg->kind == AE_NOVRFY) != novrfy)
			continue;
		if (cfg->kind == AE_TAMPER_TAG && !vec.authsize)
			continue;
		/*
		 * rfc4106/4543/4309/7539esp (aad_iv) and essiv carry a copy of
		 * the IV in the last ivsize bytes of the AAD, which the kernel
		 * does not authenticate as such (essiv overwrites it): flip a
		 * byte before that region only.
		 */
		if (cfg->kind == AE_TAMPER_AAD && vec.assoc.n <= alg->aead.ivsize)
			continue;
		where_fmt(where, set, idx, cfg->name);
		aead_run(res, alg, &vec, cfg, where);
	}
out:
	vbuf_free(&vec.key);
	vbuf_free(&vec.iv);
	vbuf_free(&vec.assoc);
	vbuf_free(&vec.ptext);
	vbuf_free(&vec.ctext);
}

/* ---- rng */

static void drbg_vec(struct vres *res, const struct ualg_alg *alg, json_object *v, unsigned int set,
		     unsigned int idx)
{
	struct vbuf ent, pers, entpra, entprb, addtla, addtlb, expected, out = { 0 };
	struct ualg_tfm *tfm = NULL;
	char where[WHERE_MAX];
	int r;

	where_fmt(where, set, idx, "cavs");
	vbuf_get(v, "entropy", &ent);
	vbuf_get(v, "pers", &pers);
	vbuf_get(v, "entpra", &entpra);
	vbuf_get(v, "entprb", &entprb);
	vbuf_get(v, "addtla", &addtla);
	vbuf_get(v, "addtlb", &addtlb);
	vbuf_get(v, "expected", &expected);
	if (!ent.p || !pers.p || !entpra.p || !entprb.p || !addtla.p || !addtlb.p || !expected.p ||
	    vbuf_zalloc(&out, expected.n) < 0) {
		vres_fail(res, where, "malformed vector");
		goto out;
	}
	r = ualg_tfm_new(alg, &tfm);
	if (r >= 0)
		r = ualg_rng_set_entropy(tfm, ent.p, ent.n);
	if (r == -ENOPROTOOPT) {
		vres_skip(res, 1, "no CAVP entropy input (set_entropy)");
		goto out;
	}
	if (r >= 0)
		r = ualg_rng_seed(tfm, pers.p, pers.n);
	if (r >= 0 && entpra.n)
		r = ualg_rng_set_entropy(tfm, entpra.p, entpra.n);
	if (r >= 0)
		r = ualg_rng_generate(tfm, addtla.p, addtla.n, out.p, out.n);
	if (r >= 0 && entprb.n)
		r = ualg_rng_set_entropy(tfm, entprb.p, entprb.n);
	if (r >= 0)
		r = ualg_rng_generate(tfm, addtlb.p, addtlb.n, out.p, out.n);
	vres_check(res, where, r < 0 ? r : 0, 0, out.p, expected.p, expected.n);
out:
	ualg_tfm_free(tfm);
	vbuf_free(&ent);
	vbuf_free(&pers);
	vbuf_free(&entpra);
	vbuf_free(&entprb);
	vbuf_free(&addtla);
	vbuf_free(&addtlb);
	vbuf_free(&expected);
	vbuf_free(&out);
}

static void cprng_vec(struct vres *res, const struct ualg_alg *alg, json_object *v,
		      unsigned int set, unsigned int idx)
{
	struct vbuf key, dt, vv, result, seed = { 0 }, out = { 0 };
	struct ualg_tfm *tfm = NULL;
	char where[WHERE_MAX];
	long loops = jint(v, "loops");
	int r;

	where_fmt(where, set, idx, "seed+loops");
	vbuf_get(v, "key", &key);
	vbuf_get(v, "dt", &dt);
	vbuf_get(v, "v", &vv);
	vbuf_get(v, "result", &result);
	if (!key.p || !dt.p || !vv.p || !result.p || vbuf_zalloc(&out, result.n) < 0 ||
	    vbuf_zalloc(&seed, vv.n + key.n + dt.n) < 0) {
		vres_fail(res, where, "malformed vector");
		goto out;
	}
	/* the seed is V || key || DT */
	memcpy(seed.p, vv.p, vv.n);
	memcpy(seed.p + vv.n, key.p, key.n);
	memcpy(seed.p + vv.n + key.n, dt.p, dt.n);
	r = ualg_tfm_new(alg, &tfm);
	if (r >= 0)
		r = ualg_rng_seed(tfm, seed.p, seed.n);
	for (long i = 0; i < (loops > 0 ? loops : 1) && r >= 0; i++)
		r = ualg_rng_generate(tfm, NULL, 0, out.p, out.n);
	vres_check(res, where, r < 0 ? r : 0, 0, out.p, result.p, result.n);
out:
	ualg_tfm_free(tfm);
	vbuf_free(&key);
	vbuf_free(&dt);
	vbuf_free(&vv);
	vbuf_free(&result);
	vbuf_free(&seed);
	vbuf_free(&out);
}

/* ---- dispatch */

static const struct vec_kind {
	const char *structname;
	enum ualg_type type;
	/* aad_iv: the suite's flag, only for aead */
	void (*run)(struct vres *res, const struct ualg_alg *alg, json_object *v, unsigned int set,
		    unsigned int idx, bool aad_iv);
} vec_kinds[];

static void run_hash(struct vres *res, const struct ualg_alg *alg, json_object *v,
		     unsigned int set, unsigned int idx, bool aad_iv)
{
	hash_vec(res, alg, v, set, idx);
}

static void run_cipher(struct vres *res, const struct ualg_alg *alg, json_object *v,
		       unsigned int set, unsigned int idx, bool aad_iv)
{
	cipher_vec(res, alg, v, set, idx);
}

static void run_drbg(struct vres *res, const struct ualg_alg *alg, json_object *v,
		     unsigned int set, unsigned int idx, bool aad_iv)
{
	drbg_vec(res, alg, v, set, idx);
}

static void run_cprng(struct vres *res, const struct ualg_alg *alg, json_object *v,
		      unsigned int set, unsigned int idx, bool aad_iv)
{
	cprng_vec(res, alg, v, set, idx);
}

static const struct vec_kind vec_kinds[] = {
	{ "hash_testvec", UALG_TYPE_HASH, run_hash },
	{ "cipher_testvec", UALG_TYPE_SKCIPHER, run_cipher },
	{ "aead_testvec", UALG_TYPE_AEAD, aead_vec },
	{ "drbg_testvec", UALG_TYPE_RNG, run_drbg },
	{ "cprng_testvec", UALG_TYPE_RNG, run_cprng },
};

static const struct vec_kind *vec_kind_find(const char *structname)
{
	for (size_t i = 0; structname && i < sizeof(vec_kinds) / sizeof(vec_kinds[0]); i++)
		if (!strcmp(vec_kinds[i].structname, structname))
			return &vec_kinds[i];
	return NULL;
}

static void run_sets(struct vres *res, const struct ualg_alg *alg, json_object *sets)
{
	vcur_driver = alg->driver;
	for (size_t s = 0; s < json_object_array_length(sets); s++) {
		json_object *set = json_object_array_get_idx(sets, s), *vecs, *flags;
		const struct vec_kind *kind = vec_kind_find(jstr(set, "struct"));
		bool aad_iv = false;

		if (json_object_object_get_ex(set, "suite_flags", &flags) && flags)
			aad_iv = jbool(flags, "aad_iv");
		if (!json_object_object_get_ex(set, "vectors", &vecs))
			continue;
		if (!kind || kind->type != alg->type) {
			vres_skip(res, (unsigned int)json_object_array_length(vecs),
				  "vector struct does not match the algorithm type");
			continue;
		}
		for (size_t i = 0; i < json_object_array_length(vecs); i++)
			kind->run(res, alg, json_object_array_get_idx(vecs, i), (unsigned int)s,
				  (unsigned int)i, aad_iv);
	}
}

/* Run every set of one algorithm's file, under every driver. */
static void run_alg(struct vres *res, json_object *entry, enum ualg_type type,
		    struct vdrivers *d)
{
	const char *file = jstr(entry, "file");
	const struct ualg_alg *alg;
	json_object *doc, *sets;
	char path[4096];

	if (vlookup(res, type, res->name, &alg) < 0) {
		vres_skip(res, (unsigned int)jint(entry, "count"), NULL);
		return;
	}
	vdrivers_find(res, d, type, res->name, alg);
	snprintf(path, sizeof(path), "%s/testmgr/%s", vopts.dir, file);
	doc = json_object_from_file(path);
	if (!doc || !json_object_object_get_ex(doc, "sets", &sets)) {
		vres_fail(res, "load", "cannot read %s", path);
		json_object_put(doc);
		return;
	}
	for (unsigned int i = 0; i < d->n; i++)
		run_sets(res, d->alg[i], sets);
	json_object_put(doc);
}

/*
 * -o FILE: one line per index entry, tab-separated, for
 * tests/vectors/coverage.py (docs/coverage.md):
 *   name result passed failed skipped binds drivers reason
 * result is pass, partial (some cases skipped), fail, unavailable,
 * not-af_alg or no-vectors (the kernel's alg_test_null); binds is, for
 * no-vectors entries, the AF_ALG type under which ualg finds the name, else
 * "-"; drivers are the implementations the vectors ran on, ","-joined.
 */
static void results_line(const char *name, const char *result, const struct vres *res,
			 const char *binds, const struct vdrivers *d)
{
	FILE *f = vopts.results;

	if (!f)
		return;
	fprintf(f, "%s\t%s\t%u\t%u\t%u\t%s\t", name, result, res ? res->passed : 0,
		res ? res->failed : 0, res ? res->skipped : 0, binds ? binds : "-");
	for (unsigned int k = 0; d && k < d->n; k++)
		fprintf(f, "%s%s", k ? "," : "", d->alg[k]->driver);
	fprintf(f, "%s\t%s\n", d && d->n ? "" : "-", res && res->reason[0] ? res->reason : "-");
}

/* the AF_ALG type under which a name without vectors binds, or NULL */
static const char *probe_binds(const char *name)
{
	static const char *const types[] = { "hash", "skcipher", "aead", "rng" };

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		const struct ualg_alg *alg;
		enum ualg_type type;

		if (ualg_type_from_afalg(types[i], &type) == 0 &&
		    ualg_alg_lookup(type, name, &alg) == 0)
			return types[i];
	}
	return NULL;
}

/* see runner.h */
int run_testmgr(void)
{
	unsigned int n_all = 0, n_clean = 0, n_partial = 0, n_failed = 0, n_unavail = 0,
		     n_other = 0;
	unsigned long t_pass = 0, t_fail = 0, t_skip = 0;
	json_object *index, *entries;
	const char *prev = NULL;
	char path[4096];

	snprintf(path, sizeof(path), "%s/testmgr/index.json", vopts.dir);
	index = json_object_from_file(path);
	if (!index || !json_object_object_get_ex(index, "entries", &entries)) {
		printf("cannot read %s: skipping\n", path);
		json_object_put(index);
		return 77;
	}
	for (size_t i = 0; i < json_object_array_length(entries); i++) {
		json_object *e = json_object_array_get_idx(entries, i);
		const char *name = jstr(e, "alg"), *af = jstr(e, "af_alg_type");
		struct vres res = { 0 };
		struct vdrivers drivers = { .n = 0 };
		enum ualg_type type;

		/* the kernel keeps alg_test_descs[] sorted and checks it: so do we */
		if (name && prev && strcmp(prev, name) >= 0)
			fprintf(stderr, "warning: index.json out of order at %s\n", name);
		prev = name ? name : prev;
		if (name && !jstr(e, "file") && vopts_selected(name))
			results_line(name, "no-vectors", NULL, probe_binds(name), NULL);
		if (!name || !jstr(e, "file"))
			continue; /* no vectors (the kernel's alg_test_null) */
		n_all++;
		if (!vopts_selected(name))
			continue;
		snprintf(res.name, sizeof(res.name), "%s", name);
		if (!af || ualg_type_from_afalg(af, &type) < 0) {
			char why[80];

			snprintf(why, sizeof(why), "not an AF_ALG type: %s", jstr(e, "test"));
			vres_skip(&res, (unsigned int)jint(e, "count"), why);
			n_other++;
			results_line(name, "not-af_alg", &res, NULL, NULL);
		} else {
			const char *result;

			vwatchdog(name);
			run_alg(&res, e, type, &drivers);
			vwatchdog(NULL);
			if (res.failed) {
				n_failed++;
				result = "fail";
			} else if (res.unavailable) {
				n_unavail++;
				result = "unavailable";
			} else if (res.passed && !res.skipped) {
				n_clean++;
				result = "pass";
			} else if (res.passed) {
				n_partial++;
				result = "partial";
			} else {
				n_other++;
				result = "not-run";
			}
			results_line(name, result, &res, NULL, &drivers);
		}
		vres_print(&res);
		vdrivers_print(&drivers);
		fflush(stdout);
		fflush(stderr);
		t_pass += res.passed;
		t_fail += res.failed;
		t_skip += res.skipped;
	}
	json_object_put(index);
	printf("\n%u of %u testmgr algorithms pass all vectors", n_clean, n_all);
	printf(" (%u more pass with some skipped); %u fail; %u unavailable; %u not run\n",
	       n_partial, n_failed, n_unavail, n_other);
	printf("cases: %lu passed, %lu failed, %lu skipped\n", t_pass, t_fail, t_skip);
	printf("%u passed, %u failed, %u skipped\n", n_clean + n_partial, n_failed,
	       n_unavail + n_other);
	if (n_failed)
		return 1;
	return n_clean + n_partial ? 0 : 77;
}
