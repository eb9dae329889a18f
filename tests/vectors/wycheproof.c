/* SPDX-License-Identifier: MIT */
/*
 * Project Wycheproof vectors (the JSON files in DIR/wycheproof) mapped onto the
 * kernel's algorithms and constraints, one table row per file.
 *
 * Implementation Notes
 *
 * "result": valid must give exactly the answer; invalid must fail (setkey or
 * setauthsize refused, -EBADMSG, or a MAC that differs); acceptable may do
 * either. Mappings to kernel conventions:
 *   - MACs (hmac, cmac): the tag may be truncated: compare its first bytes.
 *   - vmac64(aes): the nonce goes in front of the message as 16 bytes,
 *     zero-padded on the left (the layout of the kernel's own vmac64 vectors).
 *   - ccm(*): the kernel's 16-byte IV is L-1 || nonce || counter 0, so nonces
 *     of 7..13 bytes only; others cannot be expressed and are skipped.
 *   - gcm(aes) as GMAC: the message is all AAD, nothing encrypted; 12-byte IVs
 *     only (AF_ALG's gcm IV size).
 *   - xts(aes): Wycheproof's short tweaks are the first bytes of the 16-byte
 *     IV (zero-padded on the right).
 *   - cbc(aes) with PKCS#5: the kernel does not pad; valid vectors are padded
 *     here and checked through cbc(aes); invalid ones test the padding check,
 *     which is the caller's, and are skipped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

enum wp_result {
	WP_VALID,
	WP_INVALID,
	WP_ACCEPTABLE,
};

struct wp_test {
	json_object *group, *test;
	enum wp_result result;
	char where[256];
};

/* ---- helpers */

/* A failure that the result allows: invalid and acceptable vectors may fail. */
static void wp_refused(struct vres *res, const struct wp_test *t, const char *what, int r)
{
	if (t->result == WP_VALID)
		vres_fail(res, t->where, "%s returned %s for a valid vector", what, errname(r));
	else
		vres_pass(res);
}

/* Compare an answer: valid must match, invalid must not, acceptable either way. */
static void wp_answer(struct vres *res, const struct wp_test *t, int r, const uint8_t *got,
		      const uint8_t *want, size_t n)
{
	bool match = r >= 0 && !memcmp(got, want, n);

	if (t->result == WP_VALID) {
		vres_check(res, t->where, r < 0 ? r : 0, 0, got, want, n);
	} else if (t->result == WP_INVALID && match) {
		vres_fail(res, t->where, "invalid vector accepted (%s)",
			  jstr(t->test, "comment") ? jstr(t->test, "comment") : "");
	} else {
		vres_pass(res);
	}
}

static struct ualg_tfm *wp_tfm(struct vres *res, const struct wp_test *t,
			       const struct ualg_alg *alg, const struct vbuf *key)
{
	struct ualg_tfm *tfm = NULL;
	int r = ualg_tfm_new(alg, &tfm);

	if (r >= 0)
		r = ualg_tfm_setkey(tfm, key->p, key->n);
	if (r < 0) {
		wp_refused(res, t, "setkey", r);
		ualg_tfm_free(tfm);
		return NULL;
	}
	return tfm;
}

/* ---- MACs */

static void wp_mac_msg(struct vres *res, const struct ualg_alg *alg, struct wp_test *t,
		       const struct vbuf *msg)
{
	struct vbuf key, tag;
	unsigned int ds = alg->hash.digestsize;
	size_t tagsize = (size_t)jint(t->group, "tagSize") / 8;
	uint8_t *out = malloc(ds + 1);

	vbuf_get(t->test, "key", &key);
	vbuf_get(t->test, "tag", &tag);
	if (!out || !key.p || !tag.p) {
		vres_fail(res, t->where, "malformed test");
		goto out;
	}
	if (tagsize > ds || tag.n != tagsize) {
		wp_refused(res, t, "tag size check", -EINVAL);
		goto out;
	}
	for (int split = 0; split < 2; split++) {
		struct ualg_tfm *tfm = wp_tfm(res, t, alg, &key);
		struct ualg_hash_desc *d = NULL;
		size_t cut = msg->n / 3;
		int r;

		if (!tfm)
			break;
		memset(out, 0xee, ds);
		if (!split) {
			r = ualg_hash_digest(tfm, msg->p, msg->n, out);
		} else {
			r = ualg_hash_desc_new(tfm, &d);
			if (r >= 0)
				r = ualg_hash_init(d);
			if (r >= 0)
				r = ualg_hash_update(d, msg->p, cut);
			if (r >= 0)
				r = ualg_hash_update(d, msg->p + cut, msg->n - cut);
			if (r >= 0)
				r = ualg_hash_final(d, out);
			if (d)
				ualg_hash_desc_free(d);
		}
		if (r < 0)
			wp_refused(res, t, "digest", r);
		else
			wp_answer(res, t, r, out, tag.p, tagsize);
		ualg_tfm_free(tfm);
	}
out:
	free(out);
	vbuf_free(&key);
	vbuf_free(&tag);
}

static void wp_mac(struct vres *res, const struct ualg_alg *alg, struct wp_test *t)
{
	struct vbuf msg;

	vbuf_get(t->test, "msg", &msg);
	wp_mac_msg(res, alg, t, &msg);
	vbuf_free(&msg);
}

/* vmac64: 16-byte nonce (left zero-padded) || message */
static void wp_vmac(struct vres *res, const struct ualg_alg *alg, struct wp_test *t)
{
	struct vbuf iv, msg, data = { 0 };

	vbuf_get(t->test, "iv", &iv);
	vbuf_get(t->test, "msg", &msg);
	if (iv.n > 16) {
		vres_skip(res, 1, "nonce longer than 16 bytes");
	} else if (vbuf_zalloc(&data, 16 + msg.n) < 0) {
		vres_fail(res, t->where, "out of memory");
	} else {
		memcpy(data.p + 16 - iv.n, iv.p, iv.n);
		memcpy(data.p + 16, msg.p, msg.n);
		wp_mac_msg(res, alg, t, &data);
	}
	vbuf_free(&iv);
	vbuf_free(&msg);
	vbuf_free(&data);
}

/* ---- AEADs */

/* encrypt (valid) and decrypt (all) aad || msg with kiv; tag appended */
static void wp_aead_run(struct vres *res, const struct ualg_alg *alg, struct wp_test *t,
			const uint8_t *kiv, const struct vbuf *aad, const struct vbuf *msg,
			const struct vbuf *ct, const struct vbuf *tag)
{
	struct vbuf key, in = { 0 }, out = { 0 }, want = { 0 };
	size_t alen = aad->n, clen = ct->n + tag->n;
	struct ualg_tfm *tfm = NULL;
	int r;

	vbuf_get(t->test, "key", &key);
	if (!key.p || vbuf_zalloc(&in, alen + clen + msg->n) < 0 ||
	    vbuf_zalloc(&out, alen + clen + msg->n) < 0 || vbuf_zalloc(&want, clen) < 0) {
		vres_fail(res, t->where, "out of memory");
		goto out;
	}
	memcpy(want.p, ct->p, ct->n);
	memcpy(want.p + ct->n, tag->p, tag->n);
	tfm = wp_tfm(res, t, alg, &key);
	if (!tfm)
		goto out;
	r = ualg_aead_setauthsize(tfm, (unsigned int)tag->n);
	if (r < 0) {
		wp_refused(res, t, "setauthsize", r);
		goto out;
	}
	if (t->result == WP_VALID && ct->n == msg->n) {
		struct ualg_aead_req req = { tfm, in.p, out.p, alen, msg->n, kiv };

		memcpy(in.p, aad->p, alen);
		memcpy(in.p + alen, msg->p, msg->n);
		r = ualg_aead_encrypt(&req);
		vres_check(res, t->where, r < 0 ? r : 0, 0, out.p + alen, want.p, clen);
	}
	{
		struct ualg_aead_req req = { tfm, in.p, out.p, alen, clen, kiv };

		memcpy(in.p, aad->p, alen);
		memcpy(in.p + alen, want.p, clen);
		r = ualg_aead_decrypt(&req);
		if (r < 0 && t->result != WP_VALID && r != -EBADMSG && r != -EINVAL)
			vres_fail(res, t->where, "decrypt of an invalid vector returned %s",
				  errname(r));
		else if (r < 0)
			wp_refused(res, t, "decrypt", r);
		else if (ct->n != msg->n)
			wp_answer(res, t, -EINVAL, NULL, NULL, 0);
		else
			wp_answer(res, t, r, out.p + alen, msg->p, msg->n);
	}
out:
	ualg_tfm_free(tfm);
	vbuf_free(&key);
	vbuf_free(&in);
	vbuf_free(&out);
	vbuf_free(&want);
}

static void wp_ccm(struct vres *res, const struct ualg_alg *alg, struct wp_test *t)
{
	struct vbuf nonce, aad, msg, ct, tag, kiv = { 0 };

	vbuf_get(t->test, "iv", &nonce);
	vbuf_get(t->test, "aad", &aad);
	vbuf_get(t->test, "msg", &msg);
	vbuf_get(t->test, "ct", &ct);
	vbuf_get(t->test, "tag", &tag);
	if (nonce.n < 7 || nonce.n > 13 || alg->aead.ivsize != 16) {
		vres_skip(res, 1, "nonce length not expressible in ccm's IV (7..13 bytes)");
	} else if (vbuf_zalloc(&kiv, 16) < 0) {
		vres_fail(res, t->where, "out of memory");
	} else {
		/* flags byte L' = L - 1 = 14 - nonce length, then the nonce */
		kiv.p[0] = (uint8_t)(14 - nonce.n);
		memcpy(kiv.p + 1, nonce.p, nonce.n);
		wp_aead_run(res, alg, t, kiv.p, &aad, &msg, &ct, &tag);
	}
	vbuf_free(&nonce);
	vbuf_free(&aad);
	vbuf_free(&msg);
	vbuf_free(&ct);
	vbuf_free(&tag);
	vbuf_free(&kiv);
}

/* GMAC as gcm(aes): everything is AAD */
static void wp_gmac(struct vres *res, const struct ualg_alg *alg, struct wp_test *t)
{
	struct vbuf iv, msg, tag, empty = { 0 };

	vbuf_get(t->test, "iv", &iv);
	vbuf_get(t->test, "msg", &msg);
	vbuf_get(t->test, "tag", &tag);
	if (iv.n != alg->aead.ivsize || vbuf_zalloc(&empty, 0) < 0)
		vres_skip(res, 1, "GCM through AF_ALG takes 12-byte IVs only");
	else
		wp_aead_run(res, alg, t, iv.p, &msg, &empty, &empty, &tag);
	vbuf_free(&iv);
	vbuf_free(&msg);
	vbuf_free(&tag);
	vbuf_free(&empty);
}

/* ---- skciphers */

static void wp_sk_run(struct vres *res, const struct ualg_alg *alg, struct wp_test *t,
		      const struct vbuf *key, const struct vbuf *iv, const struct vbuf *in,
		      const struct vbuf *want, bool enc)
{
	struct ualg_tfm *tfm = wp_tfm(res, t, alg, key);
	struct vbuf ivb = { 0 }, out = { 0 };
	int r;

	if (!tfm)
		return;
	if (vbuf_copy(&ivb, iv, alg->skcipher.ivsize) < 0 || vbuf_zalloc(&out, in->n) < 0) {
		vres_fail(res, t->where, "out of memory");
	} else {
		struct ualg_skcipher_req req = {
			.tfm = tfm, .src = in->p, .dst = out.p, .len = in->n, .iv = ivb.p,
			.final = true,
		};

		r = enc ? ualg_skcipher_encrypt(&req) : ualg_skcipher_decrypt(&req);
		if (r < 0)
			wp_refused(res, t, enc ? "encrypt" : "decrypt", r);
		else
			wp_answer(res, t, r, out.p, want->p, want->n);
	}
	ualg_tfm_free(tfm);
	vbuf_free(&ivb);
	vbuf_free(&out);
}

static void wp_xts(struct vres *res, const struct ualg_alg *alg, struct wp_test *t)
{
	struct vbuf key, iv, msg, ct;

	vbuf_get(t->test, "key", &key);
	vbuf_get(t->test, "iv", &iv);
	vbuf_get(t->test, "msg", &msg);
	vbuf_get(t->test, "ct", &ct);
	if (iv.n > alg->skcipher.ivsize) {
		vres_skip(res, 2, "tweak longer than the IV");
	} else {
		/* vbuf_copy in wp_sk_run pads the tweak with zeros on the right */
		wp_sk_run(res, alg, t, &key, &iv, &msg, &ct, true);
		wp_sk_run(res, alg, t, &key, &iv, &ct, &msg, false);
	}
	vbuf_free(&key);
	vbuf_free(&iv);
	vbuf_free(&msg);
	vbuf_free(&ct);
}

static void wp_cbc_pkcs5(struct vres *res, const struct ualg_alg *alg, struct wp_test *t)
{
	struct vbuf key, iv, msg, ct, padded = { 0 };
	size_t bs = alg->blocksize ? alg->blocksize : 16;

	if (t->result != WP_VALID) {
		vres_skip(res, 1, "invalid padding is the caller's check, not cbc(aes)'s");
		return;
	}
	vbuf_get(t->test, "key", &key);
	vbuf_get(t->test, "iv", &iv);
	vbuf_get(t->test, "msg", &msg);
	vbuf_get(t->test, "ct", &ct);
	if (vbuf_copy(&padded, &msg, msg.n + bs - msg.n % bs) < 0) {
		vres_fail(res, t->where, "out of memory");
	} else {
		memset(padded.p + msg.n, (int)(padded.n - msg.n), padded.n - msg.n);
		wp_sk_run(res, alg, t, &key, &iv, &padded, &ct, true);
		wp_sk_run(res, alg, t, &key, &iv, &ct, &padded, false);
	}
	vbuf_free(&key);
	vbuf_free(&iv);
	vbuf_free(&msg);
	vbuf_free(&ct);
	vbuf_free(&padded);
}

/* ---- the files */

static const struct wp_file {
	const char *file;
	const char *alg; /* NULL: no kernel algorithm, see why */
	enum ualg_type type;
	void (*run)(struct vres *res, const struct ualg_alg *alg, struct wp_test *t);
	const char *why;
} wp_files[] = {
#define WP(f, a, t, fn) { .file = f, .alg = a, .type = t, .run = fn }
#define WP_NONE(f, w) { .file = f, .why = w }
	WP("aes_cbc_pkcs5_test.json", "cbc(aes)", UALG_TYPE_SKCIPHER, wp_cbc_pkcs5),
	WP("aes_ccm_test.json", "ccm(aes)", UALG_TYPE_AEAD, wp_ccm),
	WP("aes_cmac_test.json", "cmac(aes)", UALG_TYPE_HASH, wp_mac),
	WP("aes_gmac_test.json", "gcm(aes)", UALG_TYPE_AEAD, wp_gmac),
	WP("aes_xts_test.json", "xts(aes)", UALG_TYPE_SKCIPHER, wp_xts),
	WP("aria_ccm_test.json", "ccm(aria)", UALG_TYPE_AEAD, wp_ccm),
	WP("camellia_ccm_test.json", "ccm(camellia)", UALG_TYPE_AEAD, wp_ccm),
	WP("hmac_sha1_test.json", "hmac(sha1)", UALG_TYPE_HASH, wp_mac),
	WP("hmac_sha224_test.json", "hmac(sha224)", UALG_TYPE_HASH, wp_mac),
	WP("hmac_sha256_test.json", "hmac(sha256)", UALG_TYPE_HASH, wp_mac),
	WP("hmac_sm3_test.json", "hmac(sm3)", UALG_TYPE_HASH, wp_mac),
	WP("sm4_ccm_test.json", "ccm(sm4)", UALG_TYPE_AEAD, wp_ccm),
	WP("vmac_64_test.json", "vmac64(aes)", UALG_TYPE_HASH, wp_vmac),
	WP_NONE("vmac_128_test.json", "no 128-bit VMAC in the kernel (vmac64 only)"),
	WP_NONE("xchacha20_poly1305_test.json",
		"no XChaCha20-Poly1305 AEAD in the kernel (rfc7539 takes 12-byte nonces)"),
#undef WP
#undef WP_NONE
};

static enum wp_result wp_result_of(const char *s)
{
	if (s && !strcmp(s, "valid"))
		return WP_VALID;
	if (s && !strcmp(s, "acceptable"))
		return WP_ACCEPTABLE;
	return WP_INVALID;
}

static void wp_run_file(struct vres *res, const struct wp_file *f, struct vdrivers *d)
{
	const struct ualg_alg *alg = NULL;
	json_object *doc, *groups;
	char path[4096];

	snprintf(path, sizeof(path), "%s/wycheproof/%s", vopts.dir, f->file);
	doc = json_object_from_file(path);
	if (!doc || !json_object_object_get_ex(doc, "testGroups", &groups)) {
		vres_skip(res, 1, "file missing");
		json_object_put(doc);
		return;
	}
	if (!f->alg) {
		vres_skip(res, (unsigned int)jint(doc, "numberOfTests"), f->why);
		json_object_put(doc);
		return;
	}
	if (vlookup(res, f->type, f->alg, &alg) < 0) {
		vres_skip(res, (unsigned int)jint(doc, "numberOfTests"), NULL);
		json_object_put(doc);
		return;
	}
	vdrivers_find(res, d, f->type, f->alg, alg);
	for (unsigned int k = 0; k < d->n; k++) {
		vcur_driver = d->alg[k]->driver;
		for (size_t g = 0; g < json_object_array_length(groups); g++) {
			json_object *group = json_object_array_get_idx(groups, g), *tests;

			if (!json_object_object_get_ex(group, "tests", &tests))
				continue;
			for (size_t i = 0; i < json_object_array_length(tests); i++) {
				struct wp_test t = {
					.group = group,
					.test = json_object_array_get_idx(tests, i),
				};

				t.result = wp_result_of(jstr(t.test, "result"));
				snprintf(t.where, sizeof(t.where), "%s: tcId %ld (%s)", vcur_driver,
					 jint(t.test, "tcId"),
					 jstr(t.test, "result") ? jstr(t.test, "result") : "?");
				f->run(res, d->alg[k], &t);
			}
		}
	}
	json_object_put(doc);
}

/* see runner.h */
int run_wycheproof(void)
{
	unsigned int n_pass = 0, n_fail = 0, n_skip = 0, n = 0;
	unsigned long t_pass = 0, t_fail = 0, t_skip = 0;

	for (size_t i = 0; i < sizeof(wp_files) / sizeof(wp_files[0]); i++) {
		const struct wp_file *f = &wp_files[i];
		struct vres res = { 0 };
		struct vdrivers drivers = { .n = 0 };

		if (!vopts_selected(f->file) && !(f->alg && vopts_selected(f->alg)))
			continue;
		n++;
		snprintf(res.name, sizeof(res.name), "%s [%s]", f->alg ? f->alg : "-", f->file);
		vwatchdog(f->file);
		wp_run_file(&res, f, &drivers);
		vwatchdog(NULL);
		vres_print(&res);
		vdrivers_print(&drivers);
		fflush(stdout);
		fflush(stderr);
		if (res.failed)
			n_fail++;
		else if (res.passed)
			n_pass++;
		else
			n_skip++;
		t_pass += res.passed;
		t_fail += res.failed;
		t_skip += res.skipped;
	}
	printf("\n%u of %u wycheproof files pass (no wrong answers)\n", n_pass, n);
	printf("cases: %lu passed, %lu failed, %lu skipped\n", t_pass, t_fail, t_skip);
	printf("%u passed, %u failed, %u skipped\n", n_pass, n_fail, n_skip);
	if (n_fail)
		return 1;
	return n_pass ? 0 : 77;
}
