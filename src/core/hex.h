/* SPDX-License-Identifier: MIT */
#ifndef UALG_CORE_HEX_H
#define UALG_CORE_HEX_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode a hex string (NULL or "" decode to 0 bytes) into a new buffer of
 * *ret_len bytes (at least 1 byte is allocated). -EINVAL on odd length or a
 * non-hex character, -ENOMEM.
 */
int ualg_hex_decode(const char *hex, uint8_t **ret, size_t *ret_len);

#endif
