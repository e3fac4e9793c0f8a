/*
 * A test-only stand-in for Windows' bcryptprimitives.dll, for running the
 * Windows build under wine 8, which lacks that DLL. Rust's standard library
 * (since 1.78) asks it for random bytes through ProcessPrng; this shim
 * answers from RtlGenRandom (advapi32's SystemFunction036), which wine has.
 * Never shipped: real Windows has the DLL.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
