/* glibc's allocator settings (mallopt and its M_ constants), which Glibc's Swift module leaves out. */
#include <malloc.h>
