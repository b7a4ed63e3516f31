/*
 * A test-only stand-in for Windows' bcryptprimitives.dll, for Debian's Wine 8.0.
 *
 * Go 1.22 and later get random bytes from ProcessPrng in bcryptprimitives.dll, which every
 * Windows from 10 on has and Wine 8.0 lacks, so a Go program dies at start under that Wine.
 * This DLL gives ProcessPrng on top of RtlGenRandom (advapi32's SystemFunction036, the
 * system's own generator). .ci/wine/prefix copies it into a throwaway Wine prefix only;
 * nothing we ship contains it.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
