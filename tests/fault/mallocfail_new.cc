/*
 * mallocfail_new.cc -- C++'s operator new and delete through malloc and
 * free, so that mallocfail.c runs Xapian out of memory too (libstdc++'s do
 * so already; AddressSanitizer's do not).
 */
#include <cstdlib>
#include <new>

void *operator new(std::size_t n)
{
    void *p = std::malloc(n ? n : 1);
    if (!p)
        throw std::bad_alloc();
    return p;
}

void *operator new[](std::size_t n) { return operator new(n); }

void *operator new(std::size_t n, const std::nothrow_t &) noexcept
{
    return std::malloc(n ? n : 1);
}

void *operator new[](std::size_t n, const std::nothrow_t &) noexcept
{
    return std::malloc(n ? n : 1);
}

void operator delete(void *p) noexcept { std::free(p); }
void operator delete[](void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
void operator delete[](void *p, std::size_t) noexcept { std::free(p); }
