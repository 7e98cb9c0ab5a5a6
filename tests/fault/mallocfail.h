/*
 * mallocfail.h -- memory that runs out, for tests (mallocfail.c).
 */
#ifndef FOND_MALLOCFAIL_H
#define FOND_MALLOCFAIL_H

#ifdef __cplusplus
extern "C" {
#endif

/* Let n more allocations succeed, then fail every one until disarmed. */
void mallocfail_arm(long n);
void mallocfail_disarm(void);
/* Never fail (nor count) an allocation made by the code of the loaded
 * library whose path holds `name` ("libxapian"). */
void mallocfail_spare(const char *name);
/* Allocations asked for since armed; whether one of them was refused. */
long mallocfail_calls(void);
int mallocfail_failed(void);
/* Called at the first refusal since armed (break on it in a debugger). */
void mallocfail_refused(void);

#ifdef __cplusplus
}
#endif

#endif
