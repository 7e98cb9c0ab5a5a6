/*
 * dates.h -- dates mentioned in running text, and the date values of
 * fond's headers.
 *
 * Recognised: "16 March 1921", "March 16, 1921", "26.01.1922", "8/II/1918",
 * "1921-09-26", "September 1921", a day and month alone ("on 3 July",
 * "12 July") with the year taken from the text before it (the latest year
 * mentioned: a quoted earlier date does not pull what follows back) or
 * else the source's own year; Old Style/New Style double dates ("26
 * January/8 February 1918") as their New Style day.  Month names in
 * English, French, German, Russian (every case), Spanish, Italian,
 * Portuguese and Turkish, and their abbreviations ("Sept.", "févr.").  A
 * number from 1700 to 2099 is a year only where its context makes it one
 * ("in 1921", "1921 г.", "1917-1918"; not "No. 1921", "your 1761",
 * "861.51/1864"): see try_year in dates.c.
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

/*
 * A month's name (in any language and case of dates.c's table, or its
 * abbreviation) at text[i]: the month 1-12 and *end after the name, or 0.
 */
int dates_month_name(const char *text, size_t len, size_t i, size_t *end);

/* "YYYYMMDD" with 00 for unknown parts, into buf (at least 9 bytes). */
void dates_format(const date_mention_t *d, char *buf);

/*
 * A date as fond's headers and catalogue write it, "YYYY", "YYYY-MM" or
 * "YYYY-MM-DD", or a range of two of them with '/' between (ISO 8601:
 * "1917/1918", "1917-01-05/1917-02-10") or "..", as the query language
 * writes a range ("1917-01-05..1917-02-10"), into date and date_end (9 bytes
 * each, "YYYYMMDD" with 00 for a part not given; date_end "" for one
 * date).  0 if v[0, n) is none of these, names no real day, or ends
 * before it starts.
 */
int dates_parse_value(const char *v, size_t n, char date[9], char date_end[9]);

/* The first and the last day a "YYYYMMDD" with 00 parts stands for, as
 * {year, month, day}. */
void dates_first_day(const char *date, int ymd[3]);
void dates_last_day(const char *date, int ymd[3]);

/* The day's number in a count of days (proleptic Gregorian). */
long dates_day_count(const int ymd[3]);

/* Days in a month (1-12) of the proleptic Gregorian calendar. */
int dates_days_in_month(int year, int month);

#endif
