/* Keeping the long-lived monitor's resident set small. Most of it is not the monitor's own memory
 * but pages of shared objects (libc, json-c, libseccomp, ld.so, this binary) that start-up touched,
 * mapped 64 KiB at a time by the kernel's fault-around. They are clean page-cache pages: dropping
 * their PTEs (MADV_DONTNEED) loses nothing and the next touch maps them again from the page cache.
 * Only read-only file mappings without anonymous (copy-on-write) pages are dropped: RELRO and data
 * pages hold relocations that the file does not. The drop itself is a raw system call, because any
 * libc call after libc's text is gone would fault a 64 KiB chunk of it straight back in. */
#include "berth.h"
#include "smaps.h"

#include <fcntl.h>
#include <malloc.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#define MAX_RANGES 96

static range_t ranges[MAX_RANGES];
static unsigned long stack_lo;

static inline __attribute__((always_inline)) long raw_madvise(unsigned long addr, unsigned long len, long advice)
{
#if defined(__x86_64__)
	long ret;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"((long)SYS_madvise), "D"(addr), "S"(len), "d"(advice)
			 : "rcx", "r11", "memory");
	return ret;
#elif defined(__aarch64__)
	register long x8 __asm__("x8") = SYS_madvise;
	register long x0 __asm__("x0") = (long)addr;
	register long x1 __asm__("x1") = (long)len;
	register long x2 __asm__("x2") = advice;
	__asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
	return x0;
#else
	return syscall(SYS_madvise, addr, len, advice);
#endif
}

static int collect_ranges(void)
{
	smaps_scan_t scan = {.ranges = ranges, .max = MAX_RANGES};
	int n = smaps_clean_ranges(&scan);
	stack_lo = scan.stack_lo;
	return n;
}

/* The stack below the caller's frame (plus a margin) is garbage: drop it too. Not inlined, so the
 * frame that marks the boundary is this small one. */
static __attribute__((noinline)) void trim_stack(void)
{
	volatile char here = 0;
	unsigned long top = ((unsigned long)&here - 8192) & ~4095UL;
	if (stack_lo && top > stack_lo)
		raw_madvise(stack_lo, top - stack_lo, MADV_DONTNEED);
}

void memory_trim(void)
{
	malloc_trim(0);
	int n = collect_ranges();
	/* From here on no libc: the pages being dropped include libc's. */
	for (int i = 0; i < n; i++)
		raw_madvise(ranges[i].start, ranges[i].end - ranges[i].start, MADV_DONTNEED);
	trim_stack();
}
