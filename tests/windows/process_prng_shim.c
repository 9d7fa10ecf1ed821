/* For the tests under Wine only, never shipped: Debian's Wine 8 lacks
 * ProcessPrng in bcryptprimitives.dll, which Rust's standard library calls
 * as a program starts. This DLL, put beside the .exe, gives it over
 * RtlGenRandom (advapi32's SystemFunction036), as Windows 10 and later
 * have it. */
#include <windows.h>

typedef BOOLEAN(WINAPI *RtlGenRandomFn)(PVOID, ULONG);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    static RtlGenRandomFn generate;
    if (!generate) {
        HMODULE advapi = LoadLibraryA("advapi32.dll");
        if (!advapi) {
            return FALSE;
        }
        generate = (RtlGenRandomFn)GetProcAddress(advapi, "SystemFunction036");
        if (!generate) {
            return FALSE;
        }
    }
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!generate(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
