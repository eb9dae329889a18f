/* SPDX-License-Identifier: MIT */
#ifndef UALG_TESTS_FUZZ_H
#define UALG_TESTS_FUZZ_H

/*
 * Shared by the fuzz targets (fuzz-sock.c, fuzz-name.c) and the replay
 * driver (replay.c): a byte reader over the fuzzer's input, the name tables,
 * and the oracle that stops the run when a result breaks a rule (an errno
 * the kernel never gives for that call, a count larger than the buffer).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fz {
	const uint8_t *p;
	size_t n;
};

static inline uint8_t fz_u8(struct fz *f)
{
	if (!f->n)
		return 0;
	f->n--;
	return *f->p++;
}

static inline uint16_t fz_u16(struct fz *f)
{
	return (uint16_t)(fz_u8(f) | fz_u8(f) << 8);
}

static inline uint32_t fz_u32(struct fz *f)
{
	return (uint32_t)fz_u16(f) | (uint32_t)fz_u16(f) << 16;
}

/* up to n bytes of input into dst (the rest zero); returns the count taken */
static inline size_t fz_bytes(struct fz *f, void *dst, size_t n)
{
	size_t k = n < f->n ? n : f->n;

	for (size_t i = 0; i < k; i++)
		((uint8_t *)dst)[i] = f->p[i];
	for (size_t i = k; i < n; i++)
		((uint8_t *)dst)[i] = 0;
	f->p += k;
	f->n -= k;
	return k;
}

#define FZ_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define FZ_PICK(f, a) ((a)[fz_u8(f) % FZ_ARRAY_SIZE(a)])

/* the oracle: print what broke and abort, so libFuzzer (or the replay) reports it */
#define FZ_FAIL(...)                                                                               \
	do {                                                                                       \
		fprintf(stderr, "fuzz oracle: " __VA_ARGS__);                                      \
		fputc('\n', stderr);                                                               \
		abort();                                                                           \
	} while (0)

/* r is >= 0 or one of the listed -errno values (0-terminated list) */
static inline bool fz_errno_in(long r, const int *ok)
{
	if (r >= 0)
		return true;
	for (; *ok; ok++)
		if (r == -*ok)
			return true;
	return false;
}

/* a name composed from template and leaf tables, nested by the input (fuzz-name.c) */
size_t fz_compose_name(struct fz *f, char *buf, size_t size, unsigned int depth);

#endif
