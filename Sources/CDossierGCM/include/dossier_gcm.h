#ifndef DOSSIER_GCM_H
#define DOSSIER_GCM_H

#include <stddef.h>
#include <stdint.h>

/// AES-256-GCM opening for the store's many small records (RFC 5116 AEAD_AES_256_GCM: 12-byte nonce, 16-byte tag).
/// BoringSSL's general path spends most of its time per call on set-up that a 150-byte record cannot amortise; this
/// keeps the round keys and GHASH key powers in one read-only structure and opens a record in one pass. Only x86-64
/// with AES-NI, PCLMULQDQ and SSE4.1; elsewhere `dossier_gcm_available` says 0 and the store uses BoringSSL.

/// The expanded key: 15 AES-256 round keys and H, H^2, H^3, H^4 (byte-reflected, for GHASH). 16-byte aligned.
typedef struct {
    _Alignas(16) uint8_t round_keys[15][16];
    _Alignas(16) uint8_t h_powers[4][16];
} dossier_gcm_key;

/// 1 when this CPU can run the code here, else 0.
int dossier_gcm_available(void);

/// Expands a 32-byte key. Call only when `dossier_gcm_available()`.
void dossier_gcm_init(dossier_gcm_key *key, const uint8_t raw_key[32]);

/// Decrypts `length` bytes of ciphertext `in` into `out` (may be the same memory) and checks `tag` over `ad` and the
/// ciphertext, comparing in constant time. Returns 1 when the tag verifies, 0 when it does not; on 0 `out` is
/// zeroed, so no unauthenticated plaintext is left behind.
int dossier_gcm_open(const dossier_gcm_key *key, const uint8_t nonce[12], const uint8_t *ad, size_t ad_length,
                     const uint8_t *in, size_t length, const uint8_t tag[16], uint8_t *out);

/// Encrypts like AES-GCM seal (ciphertext to `out`, 16-byte tag to `tag`). The store seals with BoringSSL; this is
/// here so tests can check both directions against it.
void dossier_gcm_seal(const dossier_gcm_key *key, const uint8_t nonce[12], const uint8_t *ad, size_t ad_length,
                      const uint8_t *in, size_t length, uint8_t *out, uint8_t tag[16]);

/// Zeroes the key schedule with a write the compiler may not remove.
void dossier_gcm_wipe(dossier_gcm_key *key);

#endif
