/*
 * For the Wine-run tests only, never shipped: Rust's std on Windows takes its random seeds
 * (HashMap keys) from ProcessPrng in bcryptprimitives.dll, which every Windows 10 and later
 * has but Debian's Wine 8.0 lacks. This stand-in, built next to the test programs, answers
 * with RtlGenRandom (advapi32's SystemFunction036).
 */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x10000000u ? 0x10000000u : (ULONG)len;
        if (!RtlGenRandom(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
