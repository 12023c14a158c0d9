#ifndef DOSSIER_SCRYPT_H
#define DOSSIER_SCRYPT_H

#include <stddef.h>
#include <stdint.h>

/// Which Salsa20/8 core `dossier_scrypt_romix` runs.
enum {
    DOSSIER_SCRYPT_BEST = 0,    ///< the fastest this CPU has
    DOSSIER_SCRYPT_SSE2 = 1,    ///< 128-bit SSE2 (every x86-64 CPU)
    DOSSIER_SCRYPT_AVX512 = 2,  ///< the same on AVX-512VL, whose rotate instruction saves two of every five steps
};

/// 1 when the core `variant` can run here (built for this architecture, and for AVX-512 the CPU and OS support
/// it), 0 otherwise. With no core, the store derives keys with swift-crypto's scrypt, which gives the same bytes.
int dossier_scrypt_core_available(int variant);

/// scrypt's memory-hard middle (RFC 7914 section 5, steps 2 and 3): ROMix with BlockMix/Salsa20-8 applied in place
/// to each of the `p` blocks of `128 * r` bytes at `blocks`. The caller does the PBKDF2-HMAC-SHA256 steps around it.
/// Returns 0; -1 when the parameters are unusable (n not a power of two > 1, r or p zero, sizes overflowing) or the
/// `128 * r * n` bytes of working memory cannot be allocated; -2 when the core `variant` cannot run here.
int dossier_scrypt_romix(uint8_t *blocks, uint32_t r, uint64_t n, uint32_t p, int variant);

/// Zeroes `count` bytes at `bytes` with a write the compiler may not remove (explicit_bzero).
void dossier_scrypt_wipe(void *bytes, size_t count);

#endif
