/*
 * dates.h -- dates mentioned in running text.
 *
 * Recognised: "16 March 1921", "March 16, 1921", "26.01.1922",
 * "1921-09-26", "September 1921", "8 février 1920", "8. Februar 1920",
 * "8 февраля 1920 г.", a day and month alone ("on 3 July",
 * "12 July") with the year taken from the text before it (the latest year
 * mentioned: a quoted earlier date does not pull what follows back) or else the source's own year, and a bare year from 1700 to
 * 2099 standing alone ("in 1921"; not "1400" or "6625").  Month names in
 * English, and their three-letter abbreviations ("Sept." too); in French
 * and Russian (lower case), German (capitalised), with their usual
 * abbreviations ("févr.", "Okt.", "сент.").
 */
#ifndef FOND_DATES_H
#define FOND_DATES_H

#include <stddef.h>
#include "fond.h"

typedef struct {
    int year;     /* e.g. 1921 */
    int month;    /* 1-12, or 0 when only the year is known */
    int day;      /* 1-31, or 0 when not known */
    size_t start; /* byte range of the mention in the text */
    size_t end;
} date_mention_t;

/*
 * Find the dates in text[0, len), in order.  `default_year` (0 if unknown)
 * completes a day and month before any year has been mentioned.  *out is
 * malloc'd (NULL when *n is 0); the caller frees it.
 */
fond_status_t dates_find(const char *text, size_t len, int default_year,
                         date_mention_t **out, size_t *n);

/* "YYYYMMDD" with 00 for unknown parts, into buf (at least 9 bytes). */
void dates_format(const date_mention_t *d, char *buf);

/* Days in a month (1-12) of the proleptic Gregorian calendar. */
int dates_days_in_month(int year, int month);

#endif
