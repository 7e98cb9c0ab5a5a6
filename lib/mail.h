/*
 * mail.h -- e-mail in: an RFC 5322 message (a .eml file) or an mbox of
 * them, read with GMime, each message one source: what its header says,
 * as a source record (source.h: what the format states, level 3), and its
 * text, which has no header of its own (a body's first line "Title: x"
 * is text):
 *
 *     fields: title <Subject>, type email, date <Date, in the sender's
 *             time zone>, from <From>, to <To, then Cc>, language <the
 *             stemmer of Content-Language, when it names one>
 *
 *     text:   <the text parts, decoded: transfer encoding by GMime,
 *              charset by decode.h; an HTML part reduced to text; of
 *              multipart/alternative the text/plain part when there is
 *              one>
 *
 *             Attachment: <file name> (<type>)    (a line each)
 *
 *     files:  <each attachment (Content-Disposition attachment, or a part
 *              not text with a file name): its name, its type and its
 *              bytes (a text one's decoded to UTF-8 from its charset),
 *              for the indexer to read as a file (extract.h) into
 *              passages of the message (index_parts.c); or why it was
 *              not taken: over MAIL_MAX_ATTACHMENT_BYTES, past
 *              MAIL_MAX_ATTACHED_BYTES or MAIL_MAX_ATTACHMENTS>
 *
 * Header values are decoded (RFC 2047) and on one line each.  A message
 * is untrusted input: limits (MAIL_MAX_*) on nesting, parts, header bytes
 * and text refuse a MIME bomb with a reason, and mail_reader_read()
 * parses in a worker process (child.h), so that a crash or a hang of the
 * parser costs that file only.
 */
#ifndef FOND_MAIL_H
#define FOND_MAIL_H

#include <stddef.h>
#include "fond.h"
#include "parts.h"
#include "source.h"

#define MAIL_MAX_DEPTH 32                  /* multiparts and messages nested */
#define MAIL_MAX_PARTS 1000                /* MIME parts in one message */
#define MAIL_MAX_HEADER_BYTES (256u << 10) /* all header lines of a message */
#define MAIL_MAX_TEXT_BYTES (32u << 20)    /* text taken from one message */
#define MAIL_MAX_MESSAGES 100000           /* messages in one mbox */
#define MAIL_MAX_ATTACHMENT_BYTES (32u << 20) /* one attachment's bytes */
#define MAIL_MAX_ATTACHED_BYTES (64u << 20)   /* all of a message's */
#define MAIL_MAX_ATTACHMENTS 100           /* read of one message */
#define MAIL_TIMEOUT_SECONDS 20            /* for a file, plus 1 s a MB */

typedef enum { MAIL_NONE, MAIL_MESSAGE, MAIL_MBOX } mail_kind_t;

/*
 * What bytes[0, len) of the file at `path` are: an mbox (a "From " line,
 * then a header), one message (a header block of mail fields: a sender and
 * at least one field only mail has, such as Subject, Message-ID, Received,
 * MIME-Version; none of fond's own header names), or neither.  The name
 * helps only where the content is unsure: a .eml or .mbox file need only
 * start with a header field.
 */
mail_kind_t mail_detect(const char *path, const char *bytes, size_t len);

/* Its messages, each a part (parts.h): its fields what its header says
 * (above), its text the body; a refused message has no text and says why
 * ("MIME parts nested deeper than 32"). */
typedef parts_t mail_t;

/*
 * Read the messages of bytes[0, len) (kind from mail_detect()).  A message
 * over a limit is a mail_message_t with its failure, the others are read.
 * Fails, with a one-line reason in err, with FOND_ERR_BINARY when no
 * message can be read at all, FOND_ERR_NOMEM.  Free *out with mail_free()
 * either way.
 */
fond_status_t mail_read(mail_t *out, mail_kind_t kind, const char *bytes,
                        size_t len, char *err, size_t errsize);

/* A parser process (a "worker") kept for many files: a crash or a hang
 * costs the file being read, and the next file starts a new worker.  Free
 * with mail_reader_free(), which ends the worker. */
typedef struct mail_reader mail_reader_t;
fond_status_t mail_reader_new(mail_reader_t **out);
void mail_reader_free(mail_reader_t *r);

/* As mail_read(), in r's worker, with a time limit (MAIL_TIMEOUT_SECONDS)
 * and a memory limit (2 GiB, where the build is not sanitized; a file over
 * 64 MiB gets a worker of its own with room for it): a crash, a hang or a
 * flood of the parser fails with FOND_ERR_BINARY and says so. */
fond_status_t mail_reader_read(mail_reader_t *r, mail_t *out, mail_kind_t kind,
                               const char *bytes, size_t len, char *err,
                               size_t errsize);

/* The same in a worker of its own, ended after the file. */
fond_status_t mail_read_isolated(mail_t *out, mail_kind_t kind,
                                 const char *bytes, size_t len, char *err,
                                 size_t errsize);

void mail_free(mail_t *m);

#endif
