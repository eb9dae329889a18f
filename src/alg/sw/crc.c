/* SPDX-License-Identifier: MIT */
/*
 * CRCs as the kernel's shash algorithms compute them (OpenSSL has none):
 *
 *   name            width  poly (reflected)    seed          output
 *   crc32           32     0xedb88320          key, or 0     crc, le32
 *   crc32c          32     0x82f63b78          key, or ~0    ~crc, le32
 *   crct10dif       16     0x8bb7 (not refl.)  0             crc, le16
 *   crc64-rocksoft  64     0x9a6c9329ac4bc9b5  ~0            ~crc, le64
 *
 * crc32 and crc32c take an optional 4-byte little-endian key that replaces
 * the seed (the kernel's crc32_generic.c / crc32c_generic.c setkey); any
 * other key length is -EINVAL. The CRC is a public checksum: table lookups
 * indexed by data are fine here. crc32c uses the SSE4.2 instruction when the
 * CPU has it.
 *
 * Implementation: crc32 is zlib's crc32_z(), which inverts the register on
 * entry and exit, so the kernel's raw register r continues as
 * ~crc32_z(~r, ...). No library offers the other three with the kernel's
 * parameters: crc32c and crc64-rocksoft use slicing-by-8 (eight 256-entry
 * tables per row, built once), crct10dif a byte-wise table.
 */
#include <pthread.h>
#include <string.h>

#include <zlib.h>

#include "alg/alg.h"
#include "alg/sw/hash.h"

struct crc_row {
	unsigned int width; /* bits: 16, 32 or 64 */
	bool reflected;
	uint64_t poly; /* reflected form when reflected */
	uint64_t seed; /* default seed */
	uint64_t xorout;
	uint64_t (*table)[256]; /* [0]: byte-wise; [1..7] slicing (reflected only) */
	/* a library's update of the raw register, instead of the tables */
	uint64_t (*update)(uint64_t crc, const uint8_t *p, size_t len);
};

static uint64_t crc32_zlib(uint64_t crc, const uint8_t *p, size_t len)
{
	return ~(uint32_t)crc32_z(~(uint32_t)crc & 0xffffffffu, p, len) & 0xffffffffu;
}

static uint64_t crc32c_table[8][256], t10dif_table[1][256], rocksoft_table[8][256];

static const struct crc_row crc32_row = { 32, true, 0xedb88320, 0, 0, NULL, crc32_zlib };
static const struct crc_row crc32c_row = { 32, true, 0x82f63b78, 0xffffffff, 0xffffffff,
					   crc32c_table, NULL };
static const struct crc_row t10dif_row = { 16, false, 0x8bb7, 0, 0, t10dif_table, NULL };
static const struct crc_row rocksoft_row = { 64, true, 0x9a6c9329ac4bc9b5ull, ~0ull, ~0ull,
					     rocksoft_table, NULL };

/* rows with tables */
static const struct crc_row *const crc_rows[] = { &crc32c_row, &t10dif_row, &rocksoft_row };
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;
static bool have_sse42;

static void crc_tables_init(void)
{
	for (size_t r = 0; r < sizeof(crc_rows) / sizeof(crc_rows[0]); r++) {
		const struct crc_row *row = crc_rows[r];
		uint64_t top = 1ull << (row->width - 1);
		uint64_t mask = row->width == 64 ? ~0ull : (1ull << row->width) - 1;

		for (unsigned int i = 0; i < 256; i++) {
			uint64_t c;

			if (row->reflected) {
				c = i;
				for (int b = 0; b < 8; b++)
					c = (c >> 1) ^ ((c & 1) ? row->poly : 0);
			} else {
				c = (uint64_t)i << (row->width - 8);
				for (int b = 0; b < 8; b++)
					c = ((c << 1) ^ ((c & top) ? row->poly : 0)) & mask;
			}
			row->table[0][i] = c;
		}
		if (!row->reflected)
			continue;
		for (int k = 1; k < 8; k++)
			for (unsigned int i = 0; i < 256; i++) {
				uint64_t c = row->table[k - 1][i];

				row->table[k][i] = (c >> 8) ^ row->table[0][c & 0xff];
			}
	}
#if defined(__x86_64__)
	__builtin_cpu_init();
	have_sse42 = __builtin_cpu_supports("sse4.2");
#endif
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) static uint32_t crc32c_hw(uint32_t crc, const uint8_t *p,
							     size_t len)
{
	uint64_t c = crc;

	for (; len && ((uintptr_t)p & 7); len--)
		c = __builtin_ia32_crc32qi((uint32_t)c, *p++);
	for (; len >= 8; len -= 8, p += 8) {
		uint64_t w;

		memcpy(&w, p, 8);
		c = __builtin_ia32_crc32di(c, w);
	}
	for (; len; len--)
		c = __builtin_ia32_crc32qi((uint32_t)c, *p++);
	return (uint32_t)c;
}
#endif

static uint64_t crc_update(const struct crc_row *row, uint64_t crc, const uint8_t *p, size_t len)
{
	const uint64_t(*tt)[256] = (const uint64_t(*)[256])row->table;
	const uint64_t *t;

	if (row->update)
		return row->update(crc, p, len);
	t = tt[0];
#if defined(__x86_64__)
	if (row == &crc32c_row && have_sse42)
		return crc32c_hw((uint32_t)crc, p, len);
#endif
	if (row->reflected) {
		for (; len >= 8; len -= 8, p += 8) {
			uint64_t w = ualg_get_le64(p) ^ crc;

			crc = tt[7][w & 0xff] ^ tt[6][(w >> 8) & 0xff] ^ tt[5][(w >> 16) & 0xff] ^
			      tt[4][(w >> 24) & 0xff] ^ tt[3][(w >> 32) & 0xff] ^
			      tt[2][(w >> 40) & 0xff] ^ tt[1][(w >> 48) & 0xff] ^ tt[0][w >> 56];
		}
		while (len--)
			crc = t[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	} else {
		unsigned int sh = row->width - 8;
		uint64_t mask = (1ull << row->width) - 1; /* width < 64 here */

		while (len--)
			crc = ((crc << 8) ^ t[((crc >> sh) ^ *p++) & 0xff]) & mask;
	}
	return crc;
}

struct crc_tfm {
	uint64_t seed;
};

struct crc_desc {
	uint64_t crc;
};

static const struct crc_row *alg_row(const struct ualg_alg *alg)
{
	return ((const struct ualg_sw_hash *)alg->data)->priv;
}

static int crc_init_tfm(struct ualg_tfm *tfm)
{
	struct crc_tfm *t = ualg_tfm_ctx(tfm);

	(void)pthread_once(&tables_once, crc_tables_init);
	t->seed = alg_row(tfm->alg)->seed;
	return 0;
}

/* crc32, crc32c: a 4-byte little-endian seed */
static int crc_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct crc_tfm *t = ualg_tfm_ctx(tfm);

	if (keylen != 4)
		return -EINVAL;
	t->seed = ualg_get_le32(key);
	return 0;
}

static int crc_init(struct ualg_hash_desc *desc)
{
	struct crc_tfm *t = ualg_tfm_ctx(desc->tfm);
	struct crc_desc *d = ualg_hash_desc_ctx(desc);

	d->crc = t->seed;
	return 0;
}

static int crc_update_op(struct ualg_hash_desc *desc, const uint8_t *data, size_t len)
{
	struct crc_desc *d = ualg_hash_desc_ctx(desc);

	d->crc = crc_update(alg_row(desc->tfm->alg), d->crc, data, len);
	return 0;
}

static int crc_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	const struct crc_row *row = alg_row(desc->tfm->alg);
	struct crc_desc *d = ualg_hash_desc_ctx(desc);
	uint64_t v = d->crc ^ row->xorout;

	for (unsigned int i = 0; i < row->width / 8; i++)
		out[i] = (uint8_t)(v >> (8 * i));
	return 0;
}

static const struct ualg_hash_ops crc_keyed_ops = {
	.setkey = crc_setkey,
	.init = crc_init,
	.update = crc_update_op,
	.final = crc_final,
	.copy = ualg_sw_hash_copy_plain,
};

static const struct ualg_hash_ops crc_ops = {
	.init = crc_init,
	.update = crc_update_op,
	.final = crc_final,
	.copy = ualg_sw_hash_copy_plain,
};

#define CRC_ROW(n, w, o, f, r)                                                        \
	{                                                                             \
		.name = n, .digestsize = (w) / 8, .blocksize = 1,                     \
		.ctxsize = sizeof(struct crc_tfm), .descsize = sizeof(struct crc_desc), \
		.statesize = (w) / 8, .flags = f, .init_tfm = crc_init_tfm, .ops = o, \
		.priv = r,                                                            \
	}

/* see alg/sw/hash.h */
const struct ualg_sw_hash ualg_sw_crc32 =
	CRC_ROW("crc32", 32, &crc_keyed_ops, UALG_F_OPTIONAL_KEY, &crc32_row);
const struct ualg_sw_hash ualg_sw_crc32c =
	CRC_ROW("crc32c", 32, &crc_keyed_ops, UALG_F_OPTIONAL_KEY, &crc32c_row);
const struct ualg_sw_hash ualg_sw_crct10dif = CRC_ROW("crct10dif", 16, &crc_ops, 0, &t10dif_row);
const struct ualg_sw_hash ualg_sw_crc64_rocksoft =
	CRC_ROW("crc64-rocksoft", 64, &crc_ops, 0, &rocksoft_row);

/* ---- digest_null: no output; setkey accepts anything (crypto_null.c) */

static int null_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	(void)tfm;
	(void)key;
	(void)keylen;
	return 0;
}

static int null_init(struct ualg_hash_desc *desc)
{
	(void)desc;
	return 0;
}

static int null_update(struct ualg_hash_desc *desc, const uint8_t *data, size_t len)
{
	(void)desc;
	(void)data;
	(void)len;
	return 0;
}

static int null_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	(void)desc;
	(void)out;
	return 0;
}

static int null_copy(struct ualg_hash_desc *dst, const struct ualg_hash_desc *src)
{
	(void)dst;
	(void)src;
	return 0;
}

static const struct ualg_hash_ops null_ops = {
	.setkey = null_setkey,
	.init = null_init,
	.update = null_update,
	.final = null_final,
	.copy = null_copy,
};

/* see alg/sw/hash.h */
const struct ualg_sw_hash ualg_sw_digest_null = {
	.name = "digest_null",
	.digestsize = 0,
	.blocksize = 1,
	.flags = UALG_F_OPTIONAL_KEY,
	.ops = &null_ops,
};
