#ifndef DOSSIER_CRC32C_H
#define DOSSIER_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the CRC-32C instruction `dossier_crc32c_hw` uses (x86-64 SSE 4.2, or ARMv8 CRC32 where the
/// compiler targets it), 0 otherwise: then the store uses its table-driven CRC-32C.
int dossier_crc32c_hw_available(void);

/// The CRC-32C (Castagnoli) of `count` bytes at `bytes`, continuing from `previous` (the CRC of the bytes before
/// them, 0 to start): the same value as the store's table-driven `CRC32C.checksum`. Call only when
/// `dossier_crc32c_hw_available()` is 1.
uint32_t dossier_crc32c_hw(uint32_t previous, const void *bytes, size_t count);

#endif
