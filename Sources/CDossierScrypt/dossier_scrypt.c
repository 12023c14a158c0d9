// scrypt's ROMix with a Salsa20/8 core in 128-bit vector registers.
//
// Why this exists: opening an encrypted workspace derives its key with scrypt (N = 2^15, r = 8, p = 1), and
// swift-crypto's scrypt (BoringSSL) computes Salsa20/8 one 32-bit word at a time. Here each 64-byte Salsa block is
// kept in four 128-bit registers, with its words stored in "diagonal" order so that one vector instruction does the
// same step of all four quarter-rounds; the random reads of ROMix's second loop are prefetched a whole block at a
// time. The result is byte-for-byte the scrypt of RFC 7914 (the tests check the RFC's vectors on every core this
// CPU has, and compare with swift-crypto on other inputs).

#define _DEFAULT_SOURCE  // explicit_bzero
#include "dossier_scrypt.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void dossier_scrypt_wipe(void *bytes, size_t count) {
    if (bytes != NULL) explicit_bzero(bytes, count);
}

#if defined(__x86_64__) && defined(__SSE2__)
#include <cpuid.h>
#include <immintrin.h>

// Word i of a block in diagonal order holds word (5 * i) mod 16 of the block in RFC order: the four registers are
// then (x0 x5 x10 x15), (x4 x9 x14 x3), (x8 x13 x2 x7), (x12 x1 x6 x11), and lane k of them is column k of Salsa.
static const uint8_t diagonal_order[16] = {0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11};

static inline uint32_t load_le32(const uint8_t *p) {
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline void store_le32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

// Integerify: the first 64 bits of the last Salsa block, of which only the low bits below n are used. Word 0 stays
// word 0 in diagonal order; word 1 sits at diagonal position 13.
static inline uint64_t integerify(const __m128i *x, size_t r) {
    const uint32_t *w = (const uint32_t *)(x + (2 * r - 1) * 4);
    return (uint64_t)w[0] | ((uint64_t)w[13] << 32);
}

// Asks for all 128r bytes of a block at once, so that ROMix's random read of V[j] waits for memory once.
static inline void prefetch_block(const __m128i *block, size_t r) {
    for (size_t line = 0; line < 2 * r; line++) _mm_prefetch((const char *)(block + line * 4), _MM_HINT_T0);
}

#define ROTL_SSE2(v, s) _mm_xor_si128(_mm_slli_epi32((v), (s)), _mm_srli_epi32((v), 32 - (s)))
#define ROTL_AVX512(v, s) _mm_rol_epi32((v), (s))

// One copy of the core per instruction set: the Salsa20/8 core, BlockMix (RFC 7914 section 4) and ROMix (section 5).
#define DEFINE_ROMIX(NAME, ATTRIBUTES, ROTL)                                                                          \
    /* out ^= rotl(a + b, s), on all four lanes. */                                                                  \
    ATTRIBUTES static inline __m128i arx_##NAME(__m128i out, __m128i a, __m128i b, int s) {                          \
        __m128i sum = _mm_add_epi32(a, b);                                                                           \
        switch (s) {                                                                                                 \
        case 7: return _mm_xor_si128(out, ROTL(sum, 7));                                                             \
        case 9: return _mm_xor_si128(out, ROTL(sum, 9));                                                             \
        case 13: return _mm_xor_si128(out, ROTL(sum, 13));                                                           \
        default: return _mm_xor_si128(out, ROTL(sum, 18));                                                           \
        }                                                                                                            \
    }                                                                                                                \
    /* The Salsa20/8 core of the block in x (diagonal order), added back into it. */                                 \
    ATTRIBUTES static inline void salsa20_8_##NAME(__m128i x[4]) {                                                  \
        __m128i x0 = x[0], x1 = x[1], x2 = x[2], x3 = x[3];                                                          \
        for (int round = 0; round < 8; round += 2) {                                                                 \
            /* Column round: lane k of (x0, x1, x2, x3) is column k. */                                              \
            x1 = arx_##NAME(x1, x0, x3, 7);                                                                          \
            x2 = arx_##NAME(x2, x1, x0, 9);                                                                          \
            x3 = arx_##NAME(x3, x2, x1, 13);                                                                         \
            x0 = arx_##NAME(x0, x3, x2, 18);                                                                         \
            /* Turn lanes so lane k is row k: x3 holds each row's second word, x2 its third, x1 its fourth. */       \
            x1 = _mm_shuffle_epi32(x1, 0x93);                                                                        \
            x2 = _mm_shuffle_epi32(x2, 0x4E);                                                                        \
            x3 = _mm_shuffle_epi32(x3, 0x39);                                                                        \
            /* Row round. */                                                                                         \
            x3 = arx_##NAME(x3, x0, x1, 7);                                                                          \
            x2 = arx_##NAME(x2, x3, x0, 9);                                                                          \
            x1 = arx_##NAME(x1, x2, x3, 13);                                                                         \
            x0 = arx_##NAME(x0, x1, x2, 18);                                                                         \
            /* And back to columns. */                                                                               \
            x1 = _mm_shuffle_epi32(x1, 0x39);                                                                        \
            x2 = _mm_shuffle_epi32(x2, 0x4E);                                                                        \
            x3 = _mm_shuffle_epi32(x3, 0x93);                                                                        \
        }                                                                                                            \
        x[0] = _mm_add_epi32(x[0], x0);                                                                              \
        x[1] = _mm_add_epi32(x[1], x1);                                                                              \
        x[2] = _mm_add_epi32(x[2], x2);                                                                              \
        x[3] = _mm_add_epi32(x[3], x3);                                                                              \
    }                                                                                                                \
    /* BlockMix of the 2r Salsa blocks `in` (XORed with `v` first when v is not NULL: ROMix's second loop) into   */ \
    /* `out`, y_i going to out block i/2 for even i and r + i/2 for odd i.                                         */ \
    ATTRIBUTES static inline void block_mix_##NAME(__m128i *out, const __m128i *in, const __m128i *v, size_t r) {   \
        __m128i x[4];                                                                                                \
        const size_t last = (2 * r - 1) * 4;                                                                         \
        for (int k = 0; k < 4; k++) x[k] = v ? _mm_xor_si128(in[last + k], v[last + k]) : in[last + k];            \
        for (size_t i = 0; i < 2 * r; i++) {                                                                         \
            const __m128i *bi = in + i * 4;                                                                          \
            if (v) {                                                                                                 \
                const __m128i *vi = v + i * 4;                                                                       \
                for (int k = 0; k < 4; k++) x[k] = _mm_xor_si128(x[k], _mm_xor_si128(bi[k], vi[k]));                \
            } else {                                                                                                 \
                for (int k = 0; k < 4; k++) x[k] = _mm_xor_si128(x[k], bi[k]);                                      \
            }                                                                                                        \
            salsa20_8_##NAME(x);                                                                                     \
            __m128i *y = out + ((i & 1) ? (r + i / 2) : (i / 2)) * 4;                                                \
            for (int k = 0; k < 4; k++) y[k] = x[k];                                                                 \
        }                                                                                                            \
    }                                                                                                                \
    /* ROMix of one block. The first loop writes each BlockMix straight into V; `x` and `y` are two scratch blocks. */ \
    ATTRIBUTES static void romix_##NAME(uint8_t *block, size_t r, uint64_t n, __m128i *v, __m128i *x, __m128i *y) {  \
        const size_t vectors = 8 * r; /* 128-bit vectors in one block */                                             \
        uint32_t *v0 = (uint32_t *)v;                                                                                \
        for (size_t i = 0; i < 2 * r; i++)                                                                           \
            for (size_t k = 0; k < 16; k++) v0[i * 16 + k] = load_le32(block + (i * 16 + diagonal_order[k]) * 4);    \
        for (uint64_t i = 0; i + 1 < n; i++) block_mix_##NAME(v + (i + 1) * vectors, v + i * vectors, NULL, r);      \
        block_mix_##NAME(x, v + (n - 1) * vectors, NULL, r);                                                         \
        for (uint64_t i = 0; i < n; i += 2) {                                                                        \
            const __m128i *vj = v + (integerify(x, r) & (n - 1)) * vectors;                                          \
            prefetch_block(vj, r);                                                                                   \
            block_mix_##NAME(y, x, vj, r);                                                                           \
            vj = v + (integerify(y, r) & (n - 1)) * vectors;                                                         \
            prefetch_block(vj, r);                                                                                   \
            block_mix_##NAME(x, y, vj, r);                                                                           \
        }                                                                                                            \
        uint32_t *xw = (uint32_t *)x;                                                                                \
        for (size_t i = 0; i < 2 * r; i++)                                                                           \
            for (size_t k = 0; k < 16; k++) store_le32(block + (i * 16 + diagonal_order[k]) * 4, xw[i * 16 + k]);   \
    }

DEFINE_ROMIX(sse2, , ROTL_SSE2)
DEFINE_ROMIX(avx512, __attribute__((target("avx512f,avx512vl"))), ROTL_AVX512)

// AVX-512VL needs the CPU to have it and the OS to save the AVX-512 registers (XCR0 bits 1, 2, 5, 6 and 7).
static int has_avx512vl(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & bit_OSXSAVE)) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    if (!(ebx & bit_AVX512F) || !(ebx & bit_AVX512VL)) return 0;
    unsigned int xcr0_low, xcr0_high;
    __asm__("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    return (xcr0_low & 0xE6) == 0xE6;
}

int dossier_scrypt_core_available(int variant) {
    switch (variant) {
    case DOSSIER_SCRYPT_BEST:
    case DOSSIER_SCRYPT_SSE2: return 1;
    case DOSSIER_SCRYPT_AVX512: return has_avx512vl();
    default: return 0;
    }
}

int dossier_scrypt_romix(uint8_t *blocks, uint32_t r, uint64_t n, uint32_t p, int variant) {
    if (variant == DOSSIER_SCRYPT_BEST) variant = has_avx512vl() ? DOSSIER_SCRYPT_AVX512 : DOSSIER_SCRYPT_SSE2;
    if (!dossier_scrypt_core_available(variant)) return -2;
    if (r == 0 || p == 0 || n < 2 || (n & (n - 1)) != 0) return -1;
    const size_t block_bytes = (size_t)128 * r;
    if (n > SIZE_MAX / block_bytes / 2) return -1;
    const size_t total = block_bytes * (size_t)n + 2 * block_bytes;
    // V is read at random: on 2 MiB pages its 32 MiB need 16 TLB entries instead of 8,192, and 16 page faults.
    // The mapping is over-allocated by one huge page so that V can start on a huge-page boundary.
    const size_t huge_page = (size_t)2 << 20;
    if (total > SIZE_MAX - huge_page) return -1;
    const size_t mapped = total + huge_page;
    void *mapping = mmap(NULL, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapping == MAP_FAILED) return -1;
    uint8_t *memory = (uint8_t *)(((uintptr_t)mapping + huge_page - 1) & ~(uintptr_t)(huge_page - 1));
    (void)madvise(memory, total, MADV_HUGEPAGE);  // advice only: 4 KiB pages work too
    __m128i *v = (__m128i *)memory;
    __m128i *x = v + (size_t)n * 8 * r;
    __m128i *y = x + 8 * r;
    for (uint32_t i = 0; i < p; i++) {
        uint8_t *block = blocks + (size_t)i * block_bytes;
        if (variant == DOSSIER_SCRYPT_AVX512) romix_avx512(block, r, n, v, x, y);
        else romix_sse2(block, r, n, v, x, y);
    }
    // The working memory holds values derived from the passphrase (its first block is one PBKDF2 round away from
    // it, a cheap test for a guessed passphrase), so it is wiped before it goes back to the system.
    explicit_bzero(memory, total);
    munmap(mapping, mapped);
    return 0;
}

#else

int dossier_scrypt_core_available(int variant) {
    (void)variant;
    return 0;
}

int dossier_scrypt_romix(uint8_t *blocks, uint32_t r, uint64_t n, uint32_t p, int variant) {
    (void)blocks; (void)r; (void)n; (void)p; (void)variant;
    return -2;
}

#endif
