// The CPU's own CRC-32C instruction for the store's frame checksums. Every record the store reads is checked, and a
// time-range scan reads thousands: the instruction is several times faster than the table-driven code. Compiled
// for the instruction only inside the functions that use it (target attribute), and used only after the CPU is
// asked (cpuid), so the rest of the program keeps the baseline instruction set.
#include "dossier_crc32c.h"
#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <nmmintrin.h>

int dossier_crc32c_hw_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    return (ecx & bit_SSE4_2) != 0;
}

__attribute__((target("sse4.2")))
uint32_t dossier_crc32c_hw(uint32_t previous, const void *bytes, size_t count) {
    const unsigned char *p = (const unsigned char *)bytes;
    uint64_t crc = (uint32_t)~previous;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        crc = _mm_crc32_u64(crc, word);
        p += 8;
        count -= 8;
    }
    uint32_t c = (uint32_t)crc;
    while (count > 0) {
        c = _mm_crc32_u8(c, *p);
        p += 1;
        count -= 1;
    }
    return ~c;
}

#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32)
#include <arm_acle.h>

int dossier_crc32c_hw_available(void) { return 1; }

uint32_t dossier_crc32c_hw(uint32_t previous, const void *bytes, size_t count) {
    const unsigned char *p = (const unsigned char *)bytes;
    uint32_t c = ~previous;
    while (count >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        c = __crc32cd(c, word);
        p += 8;
        count -= 8;
    }
    while (count > 0) {
        c = __crc32cb(c, *p);
        p += 1;
        count -= 1;
    }
    return ~c;
}

#else

int dossier_crc32c_hw_available(void) { return 0; }

uint32_t dossier_crc32c_hw(uint32_t previous, const void *bytes, size_t count) {
    (void)bytes;
    (void)count;
    return previous;
}

#endif
