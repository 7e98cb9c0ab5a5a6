/*
 * test_mail.c -- e-mail to sources (lib/mail.h): what is taken for mail
 * and what is not, a message as its fields and its text (a body that
 * begins "Title: x" too), HTML reduced to text, the limits, and the child
 * process that parses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "htmldoc.h"
#include "mail.h"

static mail_kind_t detect(const char *path, const char *text)
{
    return mail_detect(path, text, strlen(text));
}

static void test_mail_is_known_by_its_header(void **state)
{
    (void)state;
    assert_int_equal(detect("x", "From: a@b.c\nSubject: s\n\nbody"), MAIL_MESSAGE);
    assert_int_equal(detect("x", "Received: by x\n\tid 1\nFrom: a@b.c\n\nb"), MAIL_MESSAGE);
    assert_int_equal(detect("x", "From a@b.c Mon Jan 1 00:00:00 2001\nFrom: a\n\nb"),
                     MAIL_MBOX);
    /* fond's own format, with a From header, is not mail */
    assert_int_equal(detect("x", "Title: T\nFrom: Yusif Kamal\nDate: 1921\n\nb"),
                     MAIL_NONE);
    assert_int_equal(detect("x", "From: a\nType: telegram\nSubject: s\n\nb"), MAIL_NONE);
    /* a sender alone, or mail words in prose, are not enough */
    assert_int_equal(detect("x", "From: a@b.c\n\nbody"), MAIL_NONE);
    assert_int_equal(detect("x", "Subject: the treaty\nFrom: Moscow\n"), MAIL_MESSAGE);
    assert_int_equal(detect("x", "The treaty\nFrom: Moscow\nSubject: x\n"), MAIL_NONE);
    assert_int_equal(detect("x", "From here the road goes on.\n"), MAIL_NONE);
    /* the name helps where the content is unsure */
    assert_int_equal(detect("a.eml", "From: a@b.c\n\nbody"), MAIL_MESSAGE);
    assert_int_equal(detect("a.txt", ""), MAIL_NONE);
}

static mail_t read_one(const char *text, int isolated)
{
    mail_t m;
    char err[200] = "";
    fond_status_t st = isolated
        ? mail_read_isolated(&m, MAIL_MESSAGE, text, strlen(text), err, sizeof err)
        : mail_read(&m, MAIL_MESSAGE, text, strlen(text), err, sizeof err);
    assert_int_equal(st, FOND_OK);
    assert_int_equal(m.n, 1);
    return m;
}

static const char message[] =
    "From: =?UTF-8?B?0JjQstCw0L0=?= <ivan@example.ru>\n"
    "To: a@example.org\nCc: b@example.org\n"
    "Subject: =?ISO-8859-1?Q?caf=E9?=\n   continued\n"
    "Date: Fri, 31 Dec 1999 23:30:00 -0500\n"
    "MIME-Version: 1.0\nContent-Type: text/plain; charset=iso-8859-1\n"
    "Content-Transfer-Encoding: quoted-printable\n\n"
    "Un caf=E9 noir.\n";

/* What the message gives: its header's fields, and its text. */
static void assert_the_message(const part_t *m)
{
    assert_non_null(m->text);
    assert_string_equal(m->fields.title, "café continued");
    assert_string_equal(m->fields.type, "email");
    assert_string_equal(m->fields.date, "19991231");
    assert_string_equal(m->fields.from, "Иван <ivan@example.ru>");
    assert_string_equal(m->fields.to, "a@example.org, b@example.org");
    assert_null(m->fields.language);
    assert_string_equal(m->text, "Un café noir.\n");
}

static void test_a_message_is_a_source(void **state)
{
    (void)state;
    for (int isolated = 0; isolated < 2; isolated++) {
        mail_t m = read_one(message, isolated);
        assert_the_message(&m.parts[0]);
        mail_free(&m);
    }
}

/* A body is text: one that begins as fond's own header would is not read
 * as one, in the worker or not; the message's fields are its header's. */
static void test_a_body_has_no_header(void **state)
{
    (void)state;
    for (int isolated = 0; isolated < 2; isolated++) {
        mail_t m = read_one("From: a@b.c\nSubject: Minutes\n\n"
                            "Title: Protocol of the conference\nDate: 1921-03-16\n\nText.\n",
                            isolated);
        assert_string_equal(m.parts[0].fields.title, "Minutes");
        assert_string_equal(m.parts[0].fields.date, "");
        assert_string_equal(m.parts[0].text,
                            "Title: Protocol of the conference\nDate: 1921-03-16\n\nText.\n");
        mail_free(&m);
    }
}

static void test_content_language_is_the_language(void **state)
{
    (void)state;
    mail_t m = read_one("From: a@b.c\nSubject: s\nContent-Language: fr-CA\n\nTexte.\n", 0);
    assert_string_equal(m.parts[0].fields.language, "french");
    assert_string_equal(m.parts[0].text, "Texte.\n");
    mail_free(&m);
    m = read_one("From: a@b.c\nSubject: s\nContent-Language: tlh\n\nQapla'.\n", 0);
    assert_null(m.parts[0].fields.language); /* none fond stems */
    mail_free(&m);
}

static void test_html_becomes_text(void **state)
{
    (void)state;
    const char html[] = "<html><head><meta charset=\"iso-8859-1\">"
                        "<style>p{}</style><title>T</title></head>"
                        "<body><p>One&nbsp;&amp;&#32;two</p><p>three<br>"
                        "f<b>ou</b>r &#x263A; caf\xC3\xA9 <!-- hidden --></p>"
                        "<script>var x = '<p>';</script>end";
    char *text = NULL, err[160];
    size_t len = 0;
    assert_int_equal(html_read_text(html, strlen(html), &text, &len, err, sizeof err),
                     FOND_OK);
    /* the words, not the tags, script, style or title; references decoded;
     * UTF-8 read as UTF-8 whatever the meta says */
    assert_non_null(strstr(text, "One"));
    assert_non_null(strstr(text, "& two"));
    assert_non_null(strstr(text, "three\nfour \xE2\x98\xBA caf\xC3\xA9"));
    assert_non_null(strstr(text, "end"));
    assert_null(strstr(text, "var x"));
    assert_null(strstr(text, "p{}"));
    assert_null(strstr(text, "hidden"));
    assert_null(strchr(text, '<'));
    free(text);
}

/* A message's attachments, as the worker hands them out (isolated: its
 * records read back) and as mail_read() gives them: each file's name,
 * type and bytes (a text one decoded from its charset), or why not. */
static void test_attachments_are_handed_out(void **state)
{
    (void)state;
    const char *text =
        "From: a@b.c\nSubject: Files\nMIME-Version: 1.0\n"
        "Content-Type: multipart/mixed; boundary=\"m\"\n\n"
        "--m\nContent-Type: text/plain\n\nThe body.\n"
        "--m\nContent-Type: application/pdf\n"
        "Content-Disposition: attachment; filename=\"r.pdf\"\n"
        "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n"
        "--m\nContent-Type: text/plain; charset=ISO-8859-1\n"
        "Content-Disposition: attachment; filename=\"n.txt\"\n"
        "Content-Transfer-Encoding: quoted-printable\n\ncaf=E9\n"
        "--m\nContent-Type: image/png; name=\"logo.png\"\n\n\n"
        "--m--\n";
    for (int isolated = 0; isolated < 2; isolated++) {
        mail_t m = read_one(text, isolated);
        part_t *p = &m.parts[0];
        assert_non_null(strstr(p->text, "The body."));
        assert_non_null(strstr(p->text, "Attachment: r.pdf (application/pdf)"));
        assert_int_equal(p->n_files, 3);
        assert_string_equal(p->files[0].name, "r.pdf");
        assert_string_equal(p->files[0].type, "application/pdf");
        assert_int_equal(p->files[0].len, 9);
        assert_memory_equal(p->files[0].bytes, "%PDF-1.4\n", 9);
        assert_string_equal(p->files[1].name, "n.txt");
        assert_string_equal(p->files[1].bytes, "caf\xC3\xA9");
        assert_string_equal(p->files[2].name, "logo.png"); /* not text, named */
        assert_null(p->files[2].bytes);
        assert_string_equal(p->files[2].skipped, "empty");
        mail_free(&m);
    }
}

static void test_limits_refuse_with_a_reason(void **state)
{
    (void)state;
    char *deep = malloc(100000), *at = deep;
    at += sprintf(at, "From: a\nSubject: s\nContent-Type: multipart/mixed; boundary=b0\n\n");
    for (int i = 1; i <= MAIL_MAX_DEPTH + 2; i++)
        at += sprintf(at, "--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n", i - 1, i);
    sprintf(at, "--b%d\n\ntext\n", MAIL_MAX_DEPTH + 2);
    mail_t m = read_one(deep, 0);
    assert_null(m.parts[0].text);
    assert_string_equal(m.parts[0].failure, "MIME parts nested deeper than 32");
    mail_free(&m);
    free(deep);
}

static void test_not_mail_at_all(void **state)
{
    (void)state;
    mail_t m;
    char err[200] = "";
    assert_int_equal(mail_read_isolated(&m, MAIL_MBOX, "no mbox", 7, err, sizeof err),
                     FOND_ERR_BINARY);
    assert_string_equal(err, "no mail message could be read");
    mail_free(&m);
}

/* The pid of this process's child (the worker), 0 if none. */
static pid_t child_pid(void)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    pid_t found = 0;
    while (d && !found && (e = readdir(d))) {
        char path[300], comm[64];
        int pid = 0, ppid = 0;
        snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
        FILE *f = fopen(path, "r");
        if (f && fscanf(f, "%d %63s %*c %d", &pid, comm, &ppid) == 3 &&
            ppid == getpid())
            found = pid;
        if (f)
            fclose(f);
    }
    if (d)
        closedir(d);
    return found;
}

/* A worker that dies costs the file it had; the next file gets a new one. */
static void test_a_dead_worker_is_replaced(void **state)
{
    (void)state;
    mail_reader_t *r = NULL;
    assert_int_equal(mail_reader_new(&r), FOND_OK);
    mail_t m;
    char err[200] = "";
    assert_int_equal(mail_reader_read(r, &m, MAIL_MESSAGE, message, strlen(message),
                                      err, sizeof err), FOND_OK);
    mail_free(&m);
    pid_t worker = child_pid();
    assert_true(worker > 0);
    assert_int_equal(mail_reader_read(r, &m, MAIL_MESSAGE, message, strlen(message),
                                      err, sizeof err), FOND_OK); /* the same one */
    mail_free(&m);
    assert_int_equal(child_pid(), worker);
    kill(worker, SIGSEGV);
    fond_status_t st = mail_reader_read(r, &m, MAIL_MESSAGE, message,
                                        strlen(message), err, sizeof err);
    mail_free(&m);
    if (st != FOND_OK) /* it died before it was asked: reported */
        assert_true(strstr(err, "the mail parser crashed") != NULL);
    assert_int_equal(mail_reader_read(r, &m, MAIL_MESSAGE, message, strlen(message),
                                      err, sizeof err), FOND_OK);
    assert_the_message(&m.parts[0]);
    mail_free(&m);
    assert_true(child_pid() != worker);
    mail_reader_free(r);
    assert_int_equal(child_pid(), 0); /* ended with the reader */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mail_is_known_by_its_header),
        cmocka_unit_test(test_a_message_is_a_source),
        cmocka_unit_test(test_a_body_has_no_header),
        cmocka_unit_test(test_content_language_is_the_language),
        cmocka_unit_test(test_html_becomes_text),
        cmocka_unit_test(test_attachments_are_handed_out),
        cmocka_unit_test(test_limits_refuse_with_a_reason),
        cmocka_unit_test(test_not_mail_at_all),
        cmocka_unit_test(test_a_dead_worker_is_replaced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
