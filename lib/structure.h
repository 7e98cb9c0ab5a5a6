/*
 * structure.h -- a source's fields read from its own printed form: level 4
 * of source.h's order, for sources with no header, PDFs and scans (for a
 * headed source it only fills what the header lacks; ingest.c merges).
 *
 * Documentary editions print a document the same way in every language:
 *
 *     No. 45
 *     The Ambassador in Russia (Francis) to the Secretary of State
 *     [Telegram]
 *     Petrograd, February 8, 1918, 7 p.m.
 *     [Received February 10, 3:20 a.m.]
 *
 *     2348. Your 1761 ...
 *                                                     FRANCIS
 *     File No. 861.51/283.
 *
 * From its first lines: the heading ("A to B", "A à B", "A an B", "A — B",
 * "Memorandum by A", "Телеграмма A полпреду ...") gives title (the heading
 * as printed), from and to (the parenthesised name when there is one,
 * else the office); a type line ("[Telegram]", "No. 123", "T. n° 45",
 * "Telegramm Nr. 12", "Письмо", "861.00/1234: Telegram") the type; the
 * dateline ("Paris, le 8 février 1920", "Berlin, den 8. Februar 1920",
 * "Москва, 8 февраля 1920 г.") the date and place; "[Received ...]" is
 * passed over; a salutation ("Sir:", "Monsieur le Ministre,") marks a
 * letter; a report's first page gives its title, author (from) and date.
 * From its last lines (before a Notes section): the signature (the signer
 * is from when no heading named one), a dateline printed at the end, and
 * the source note ("File No. 861.51/283.", "Source: ...") whose reference
 * is archive_ref.  Nothing is taken out of the text: the heading and
 * dateline stay in the body, to be found.
 *
 * Only the first STRUCTURE_HEAD_BYTES and the last STRUCTURE_TAIL_BYTES of
 * the text are read, each once, line by line: the cost is bounded whatever
 * the source's length.
 */
#ifndef FOND_STRUCTURE_H
#define FOND_STRUCTURE_H

#include <stddef.h>
#include "source.h"

#define STRUCTURE_HEAD_BYTES 4096
#define STRUCTURE_TAIL_BYTES 3072

/*
 * Read text[0, len) (valid UTF-8, the decoded body) into *out: title,
 * type (one of source.h's types), from, to, place, date and archive_ref,
 * each malloc'd or NULL (date "") when the text does not show it; out is
 * cleared first and is freed with source_free().  FOND_ERR_NOMEM when a
 * copy fails (out then holds nothing).
 */
fond_status_t structure_read(const char *text, size_t len, source_t *out);

#endif
