// AES-256-GCM (NIST SP 800-38D) on AES-NI and PCLMULQDQ, for opening the store's small records in one pass.
// GHASH works on byte-reversed blocks: a carry-less multiply of two reversed values, shifted left one bit, is the
// reversed field product; the reduction folds the upper half back modulo x^128 + x^7 + x^2 + x + 1. Four blocks are
// multiplied by H^4..H^1 and summed before one reduction.
#include "dossier_gcm.h"

#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

#define GCM_TARGET __attribute__((target("aes,pclmul,ssse3,sse4.1")))

int dossier_gcm_available(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    return (ecx & bit_AES) && (ecx & bit_PCLMUL) && (ecx & bit_SSSE3) && (ecx & bit_SSE4_1);
}

GCM_TARGET static inline __m128i reverse_bytes(__m128i x) {
    return _mm_shuffle_epi8(x, _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
}

// The 256-bit carry-less product a*b as (lo, hi), accumulated into *lo and *hi.
GCM_TARGET static inline void multiply_add(__m128i a, __m128i b, __m128i *lo, __m128i *hi) {
    __m128i low = _mm_clmulepi64_si128(a, b, 0x00);
    __m128i high = _mm_clmulepi64_si128(a, b, 0x11);
    __m128i middle = _mm_xor_si128(_mm_clmulepi64_si128(a, b, 0x10), _mm_clmulepi64_si128(a, b, 0x01));
    *lo = _mm_xor_si128(*lo, _mm_xor_si128(low, _mm_slli_si128(middle, 8)));
    *hi = _mm_xor_si128(*hi, _mm_xor_si128(high, _mm_srli_si128(middle, 8)));
}

// (lo, hi) shifted left one bit (the reflection's correction), then reduced to 128 bits.
GCM_TARGET static inline __m128i reduce(__m128i lo, __m128i hi) {
    __m128i carry_lo = _mm_srli_epi32(lo, 31);
    __m128i carry_hi = _mm_srli_epi32(hi, 31);
    lo = _mm_slli_epi32(lo, 1);
    hi = _mm_slli_epi32(hi, 1);
    hi = _mm_or_si128(hi, _mm_srli_si128(carry_lo, 12));  // lo's top bit becomes hi's lowest
    lo = _mm_or_si128(lo, _mm_slli_si128(carry_lo, 4));
    hi = _mm_or_si128(hi, _mm_slli_si128(carry_hi, 4));
    __m128i fold = _mm_xor_si128(_mm_xor_si128(_mm_slli_epi32(lo, 31), _mm_slli_epi32(lo, 30)), _mm_slli_epi32(lo, 25));
    __m128i spill = _mm_srli_si128(fold, 4);
    lo = _mm_xor_si128(lo, _mm_slli_si128(fold, 12));
    __m128i back = _mm_xor_si128(_mm_xor_si128(_mm_srli_epi32(lo, 1), _mm_srli_epi32(lo, 2)), _mm_srli_epi32(lo, 7));
    lo = _mm_xor_si128(lo, _mm_xor_si128(back, spill));
    return _mm_xor_si128(hi, lo);
}

GCM_TARGET static inline __m128i field_multiply(__m128i a, __m128i b) {
    __m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128();
    multiply_add(a, b, &lo, &hi);
    return reduce(lo, hi);
}

GCM_TARGET static inline __m128i encrypt_block(const __m128i *rk, __m128i x) {
    x = _mm_xor_si128(x, rk[0]);
    for (int i = 1; i < 14; i++) x = _mm_aesenc_si128(x, rk[i]);
    return _mm_aesenclast_si128(x, rk[14]);
}

// AES-256 key expansion: each new pair of round keys from the previous pair and AESKEYGENASSIST (whose round
// constant must be an immediate, hence the macro).
GCM_TARGET static inline __m128i spread(__m128i key) {
    key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
    key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
    return _mm_xor_si128(key, _mm_slli_si128(key, 4));
}
#define EXPAND_PAIR(i, rcon)                                                                                       \
    rk[i] = _mm_xor_si128(spread(rk[i - 2]), _mm_shuffle_epi32(_mm_aeskeygenassist_si128(rk[i - 1], rcon), 0xff)); \
    if (i + 1 < 15)                                                                                                \
        rk[i + 1] = _mm_xor_si128(spread(rk[i - 1]), _mm_shuffle_epi32(_mm_aeskeygenassist_si128(rk[i], 0), 0xaa));

GCM_TARGET void dossier_gcm_init(dossier_gcm_key *key, const uint8_t raw_key[32]) {
    __m128i rk[15];
    rk[0] = _mm_loadu_si128((const __m128i *)raw_key);
    rk[1] = _mm_loadu_si128((const __m128i *)(raw_key + 16));
    EXPAND_PAIR(2, 0x01)
    EXPAND_PAIR(4, 0x02)
    EXPAND_PAIR(6, 0x04)
    EXPAND_PAIR(8, 0x08)
    EXPAND_PAIR(10, 0x10)
    EXPAND_PAIR(12, 0x20)
    EXPAND_PAIR(14, 0x40)
    for (int i = 0; i < 15; i++) _mm_store_si128((__m128i *)key->round_keys[i], rk[i]);
    __m128i h = reverse_bytes(encrypt_block(rk, _mm_setzero_si128()));
    __m128i power = h;
    for (int i = 0; i < 4; i++) {
        _mm_store_si128((__m128i *)key->h_powers[i], power);
        power = field_multiply(power, h);
    }
    explicit_bzero(rk, sizeof rk);
}
#undef EXPAND_PAIR

typedef struct {
    __m128i rk[15];
    __m128i h[4];  // h[i] = H^(i+1)
    __m128i hash;  // the running GHASH value, byte-reversed
} gcm_state;

GCM_TARGET static inline void load_state(gcm_state *s, const dossier_gcm_key *key) {
    for (int i = 0; i < 15; i++) s->rk[i] = _mm_load_si128((const __m128i *)key->round_keys[i]);
    for (int i = 0; i < 4; i++) s->h[i] = _mm_load_si128((const __m128i *)key->h_powers[i]);
    s->hash = _mm_setzero_si128();
}

// Folds four blocks (in order) into the hash with one reduction.
GCM_TARGET static inline void hash4(gcm_state *s, __m128i b0, __m128i b1, __m128i b2, __m128i b3) {
    __m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128();
    multiply_add(_mm_xor_si128(s->hash, reverse_bytes(b0)), s->h[3], &lo, &hi);
    multiply_add(reverse_bytes(b1), s->h[2], &lo, &hi);
    multiply_add(reverse_bytes(b2), s->h[1], &lo, &hi);
    multiply_add(reverse_bytes(b3), s->h[0], &lo, &hi);
    s->hash = reduce(lo, hi);
}

GCM_TARGET static inline void hash1(gcm_state *s, __m128i b) {
    s->hash = field_multiply(_mm_xor_si128(s->hash, reverse_bytes(b)), s->h[0]);
}

// A final partial block, zero-padded.
GCM_TARGET static inline __m128i load_partial(const uint8_t *p, size_t n) {
    uint8_t block[16] = {0};
    memcpy(block, p, n);
    return _mm_loadu_si128((const __m128i *)block);
}

GCM_TARGET static void hash_bytes(gcm_state *s, const uint8_t *p, size_t n) {
    size_t i = 0;
    for (; i + 64 <= n; i += 64)
        hash4(s, _mm_loadu_si128((const __m128i *)(p + i)), _mm_loadu_si128((const __m128i *)(p + i + 16)),
              _mm_loadu_si128((const __m128i *)(p + i + 32)), _mm_loadu_si128((const __m128i *)(p + i + 48)));
    for (; i + 16 <= n; i += 16) hash1(s, _mm_loadu_si128((const __m128i *)(p + i)));
    if (i < n) hash1(s, load_partial(p + i, n - i));
}

GCM_TARGET static inline __m128i counter_block(__m128i base, uint32_t counter) {
    return _mm_insert_epi32(base, (int)__builtin_bswap32(counter), 3);
}

// CTR over `n` bytes from counter 2 on, hashing the ciphertext: read before writing when decrypting (in may equal
// out), the written bytes when encrypting.
GCM_TARGET static void crypt(gcm_state *s, __m128i base, const uint8_t *in, size_t n, uint8_t *out, int decrypting) {
    uint32_t counter = 2;
    size_t i = 0;
    const __m128i *rk = s->rk;
    for (; i + 64 <= n; i += 64, counter += 4) {
        __m128i c0 = _mm_loadu_si128((const __m128i *)(in + i)), c1 = _mm_loadu_si128((const __m128i *)(in + i + 16));
        __m128i c2 = _mm_loadu_si128((const __m128i *)(in + i + 32)), c3 = _mm_loadu_si128((const __m128i *)(in + i + 48));
        if (decrypting) hash4(s, c0, c1, c2, c3);
        __m128i k0 = _mm_xor_si128(counter_block(base, counter), rk[0]);
        __m128i k1 = _mm_xor_si128(counter_block(base, counter + 1), rk[0]);
        __m128i k2 = _mm_xor_si128(counter_block(base, counter + 2), rk[0]);
        __m128i k3 = _mm_xor_si128(counter_block(base, counter + 3), rk[0]);
        for (int r = 1; r < 14; r++) {
            k0 = _mm_aesenc_si128(k0, rk[r]);
            k1 = _mm_aesenc_si128(k1, rk[r]);
            k2 = _mm_aesenc_si128(k2, rk[r]);
            k3 = _mm_aesenc_si128(k3, rk[r]);
        }
        k0 = _mm_xor_si128(c0, _mm_aesenclast_si128(k0, rk[14]));
        k1 = _mm_xor_si128(c1, _mm_aesenclast_si128(k1, rk[14]));
        k2 = _mm_xor_si128(c2, _mm_aesenclast_si128(k2, rk[14]));
        k3 = _mm_xor_si128(c3, _mm_aesenclast_si128(k3, rk[14]));
        _mm_storeu_si128((__m128i *)(out + i), k0);
        _mm_storeu_si128((__m128i *)(out + i + 16), k1);
        _mm_storeu_si128((__m128i *)(out + i + 32), k2);
        _mm_storeu_si128((__m128i *)(out + i + 48), k3);
        if (!decrypting) hash4(s, k0, k1, k2, k3);
    }
    for (; i < n; i += 16, counter++) {
        size_t take = n - i < 16 ? n - i : 16;
        __m128i c = take == 16 ? _mm_loadu_si128((const __m128i *)(in + i)) : load_partial(in + i, take);
        __m128i x = _mm_xor_si128(c, encrypt_block(rk, counter_block(base, counter)));
        if (take == 16) {
            _mm_storeu_si128((__m128i *)(out + i), x);
        } else {
            uint8_t block[16];
            _mm_storeu_si128((__m128i *)block, x);
            memcpy(out + i, block, take);
            memset(block + take, 0, 16 - take);  // the hashed block is the zero-padded ciphertext
            x = _mm_loadu_si128((const __m128i *)block);
        }
        hash1(s, decrypting ? c : x);
    }
}

// The tag: E(K, J0) xor GHASH(A, C, lengths).
GCM_TARGET static __m128i finish_tag(gcm_state *s, __m128i base, size_t ad_length, size_t length) {
    uint64_t bits[2] = {__builtin_bswap64((uint64_t)ad_length * 8), __builtin_bswap64((uint64_t)length * 8)};
    hash1(s, _mm_loadu_si128((const __m128i *)bits));
    return _mm_xor_si128(encrypt_block(s->rk, counter_block(base, 1)), reverse_bytes(s->hash));
}

GCM_TARGET static inline __m128i nonce_base(const uint8_t nonce[12]) {
    uint8_t block[16] = {0};
    memcpy(block, nonce, 12);
    return _mm_loadu_si128((const __m128i *)block);
}

GCM_TARGET int dossier_gcm_open(const dossier_gcm_key *key, const uint8_t nonce[12], const uint8_t *ad,
                                size_t ad_length, const uint8_t *in, size_t length, const uint8_t tag[16],
                                uint8_t *out) {
    gcm_state s;
    load_state(&s, key);
    __m128i base = nonce_base(nonce);
    hash_bytes(&s, ad, ad_length);
    crypt(&s, base, in, length, out, 1);
    __m128i difference = _mm_xor_si128(finish_tag(&s, base, ad_length, length), _mm_loadu_si128((const __m128i *)tag));
    int ok = _mm_testz_si128(difference, difference);  // every byte compared, no early exit
    explicit_bzero(&s, sizeof s);
    if (!ok) {
        explicit_bzero(out, length);
        return 0;
    }
    return 1;
}

GCM_TARGET void dossier_gcm_seal(const dossier_gcm_key *key, const uint8_t nonce[12], const uint8_t *ad,
                                 size_t ad_length, const uint8_t *in, size_t length, uint8_t *out, uint8_t tag[16]) {
    gcm_state s;
    load_state(&s, key);
    __m128i base = nonce_base(nonce);
    hash_bytes(&s, ad, ad_length);
    crypt(&s, base, in, length, out, 0);
    _mm_storeu_si128((__m128i *)tag, finish_tag(&s, base, ad_length, length));
    explicit_bzero(&s, sizeof s);
}

#else

int dossier_gcm_available(void) { return 0; }
void dossier_gcm_init(dossier_gcm_key *key, const uint8_t raw_key[32]) { (void)raw_key; memset(key, 0, sizeof *key); }
int dossier_gcm_open(const dossier_gcm_key *key, const uint8_t nonce[12], const uint8_t *ad, size_t ad_length,
                     const uint8_t *in, size_t length, const uint8_t tag[16], uint8_t *out) {
    (void)key; (void)nonce; (void)ad; (void)ad_length; (void)in; (void)tag;
    memset(out, 0, length);
    return 0;
}
void dossier_gcm_seal(const dossier_gcm_key *key, const uint8_t nonce[12], const uint8_t *ad, size_t ad_length,
                      const uint8_t *in, size_t length, uint8_t *out, uint8_t tag[16]) {
    (void)key; (void)nonce; (void)ad; (void)ad_length; (void)in; (void)out;
    memset(tag, 0, 16);
}

#endif

void dossier_gcm_wipe(dossier_gcm_key *key) { explicit_bzero(key, sizeof *key); }
