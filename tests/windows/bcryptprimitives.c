/* A stand-in for Windows' bcryptprimitives.dll, FOR TESTS UNDER WINE ONLY: never shipped.
 *
 * Rust's standard library asks bcryptprimitives.dll's ProcessPrng for random bytes (the
 * seeds of HashMap's hasher). Windows 10 and later have that DLL; Debian's Wine 8 does
 * not, and an exe that imports it does not start there. tests/windows.rs compiles this
 * file with mingw-w64 into a temporary folder beside a copy of fzlint.exe, so the exe
 * runs under Wine. ProcessPrng is answered by RtlGenRandom (advapi32's SystemFunction036),
 * which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
