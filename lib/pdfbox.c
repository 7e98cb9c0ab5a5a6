/*
 * pdfbox.c -- a text PDF's word boxes from pdftotext -bbox-layout, tied
 * to the words of the page's text (see pdfbox.h).
 */
#define _GNU_SOURCE /* memmem() */
#include "pdfbox.h"

#include <math.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "xml.h"
#include "text.h"

/* ------------------------------------------------------------ matching */

/* The hyphens a line may end with: ASCII's, Unicode's HYPHEN and
 * NON-BREAKING HYPHEN, and the soft hyphen. */
static int is_hyphen(int32_t c)
{
    return c == '-' || c == 0x2010 || c == 0x2011 || c == 0xAD;
}

/* The letters of the Latin ligatures U+FB00-FB06. */
static const char *const ligatures[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};

/* A reader of s[0, n) a character at a time, a ligature as its letters, a
 * soft hyphen (but for a word's last, which is its hyphen) and a control
 * character skipped. */
typedef struct {
    const unsigned char *s;
    size_t i, n;
    const char *letters; /* of the ligature being read, or NULL */
    int last_shy;        /* a soft hyphen at the very end counts */
} chars_t;

/* The next character (a byte that is not UTF-8: itself, past Unicode), or
 * -1 at the end. */
static int32_t read_char(chars_t *r)
{
    if (r->letters && *r->letters)
        return (unsigned char)*r->letters++;
    r->letters = NULL;
    while (r->i < r->n) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(r->s + r->i,
                                              (utf8proc_ssize_t)(r->n - r->i), &c);
        if (k <= 0)
            c = 0x110000 + r->s[r->i], k = 1;
        r->i += (size_t)k;
        if (c == 0xAD && !(r->last_shy && r->i == r->n))
            continue;
        if ((c < 0x20 && !text_is_space((unsigned char)c)) || c == 0x7F)
            continue; /* a control XML cannot carry: the HTML parser drops it */
        if (c >= 0xFB00 && c <= 0xFB06) {
            r->letters = ligatures[c - 0xFB00];
            return (unsigned char)*r->letters++;
        }
        return c;
    }
    return -1;
}

enum { NO_MATCH, MATCH, MATCH_JOINED };

/*
 * Whether the word w[0, n) is the text from c on: MATCH with *end where it
 * ends there; MATCH_JOINED when the word ends with a hyphen the text
 * dropped to join it with the next line's half (*end: where the text goes
 * on); else NO_MATCH.  Never reads past a space, nor far past n bytes.
 */
static int match_at(const char *text, size_t len, size_t c, const char *w,
                    size_t n, size_t *end)
{
    size_t window = len - c < 8 * n + 64 ? len - c : 8 * n + 64;
    chars_t t = {(const unsigned char *)text + c, 0, window, NULL, 0};
    chars_t u = {(const unsigned char *)w, 0, n, NULL, 1};
    size_t letters = 0;
    for (;;) {
        size_t before = t.i;
        int mid_ligature = t.letters && *t.letters;
        int32_t b = read_char(&u);
        if (b < 0) {
            *end = c + before;
            return letters && !mid_ligature ? MATCH : NO_MATCH;
        }
        int32_t a = read_char(&t);
        int at_end = u.i == u.n && !(u.letters && *u.letters);
        if (a == b && !(a >= 0 && a < 0x80 && text_is_space((unsigned char)a))) {
            letters++;
            continue;
        }
        if (!letters || !at_end || !is_hyphen(b) || mid_ligature)
            return NO_MATCH;
        /* the word's last hyphen, not in the text: dropped at a line's end,
         * the halves joined (a letter follows) or not (a space, the end) */
        *end = c + before;
        return a < 0 || (a < 0x80 && text_is_space((unsigned char)a)) ? MATCH
                                                                 : MATCH_JOINED;
    }
}

/* Where the token (a run of non-spaces) at `at` ends, looking no further
 * than `limit`. */
static size_t token_end(const char *text, size_t at, size_t limit)
{
    while (at < limit && !text_is_space((unsigned char)text[at]))
        at++;
    return at;
}

static size_t skip_spaces(const char *text, size_t at, size_t limit)
{
    while (at < limit && text_is_space((unsigned char)text[at]))
        at++;
    return at;
}

/* Whether the box word next[0, n) goes on at `at`, inside a word of the
 * text: a word the text glued to the one before, or a joined word's second
 * half. */
static int goes_on(const pdfbox_match_t *m, size_t at, const char *next,
                   size_t n)
{
    size_t e;
    return next && n && at < m->len && !text_is_space((unsigned char)m->text[at]) &&
           match_at(m->text, m->len, at, next, n, &e) != NO_MATCH;
}

int pdfbox_match(pdfbox_match_t *m, const char *w, size_t n, const char *next,
                 size_t next_n, size_t *start, size_t *end)
{
    size_t join_start = m->join_start, join_end = m->join_end;
    m->join_end = 0;
    if (n == 0 || n > PDFBOX_MAX_WORD || m->at >= m->len)
        return 0;
    size_t limit = m->len - m->at < PDFBOX_LOOKAHEAD_BYTES
                       ? m->len : m->at + PDFBOX_LOOKAHEAD_BYTES;
    /* first where the last word ended (inside a word the text glued or
     * joined), or the next word; then the words after it */
    size_t c = skip_spaces(m->text, m->at, limit);
    for (unsigned k = 0; k <= PDFBOX_LOOKAHEAD && c < limit; k++) {
        size_t e = 0;
        int r = match_at(m->text, m->len, c, w, n, &e);
        if (r == MATCH && join_end && c == m->at && e <= join_end) {
            *start = join_start; /* the second half of a joined word */
            *end = join_end;
            m->at = e;
            return 1;
        }
        /* a whole word of the text; or its start when the next box word
         * goes on from there: a short word the text lacks is not taken
         * for the start of a longer one */
        int whole = e >= m->len || text_is_space((unsigned char)m->text[e]);
        if ((r == MATCH && whole) ||
            (r != NO_MATCH && goes_on(m, e, next, next_n)) ||
            (r == MATCH_JOINED && !next)) {
            size_t most = m->len - e < 4 * PDFBOX_MAX_WORD ? m->len
                                                            : e + 4 * PDFBOX_MAX_WORD;
            *start = c;
            *end = r == MATCH ? e : token_end(m->text, e, most);
            m->at = e;
            if (r == MATCH_JOINED)
                m->join_start = c, m->join_end = *end;
            return 1;
        }
        c = skip_spaces(m->text, token_end(m->text, c, limit), limit);
    }
    return 0;
}

/* ------------------------------------------------------------ pages */

int pdfbox_next_page(const char *xhtml, size_t len, size_t *at, size_t *start,
                     size_t *end)
{
    /* pdftotext escapes <, > and & in words and metadata alike: "<page"
     * and "</page>" are its own elements */
    while (*at < len) {
        const char *open = memmem(xhtml + *at, len - *at, "<page", 5);
        if (!open)
            break;
        size_t s = (size_t)(open - xhtml);
        if (s + 5 < len && (xhtml[s + 5] == ' ' || xhtml[s + 5] == '>')) {
            const char *close = memmem(xhtml + s, len - s, "</page>", 7);
            if (!close)
                break;
            *start = s;
            *end = (size_t)(close - xhtml) + 7;
            *at = *end;
            return 1;
        }
        *at = s + 5;
    }
    *at = len;
    return 0;
}

/* The value of node's attribute `name` as the tree holds it, or NULL:
 * read in place, for a page has four a word.  Its name in any case: the
 * HTML parser (a page XML refuses) writes "xmin". */
static const char *attr_text(xmlNodePtr node, const char *name)
{
    for (xmlAttrPtr a = node->properties; a; a = a->next)
        if (a->name && strcasecmp((const char *)a->name, name) == 0)
            return a->children && a->children->type == XML_TEXT_NODE &&
                           !a->children->next
                       ? (const char *)a->children->content
                       : NULL;
    return NULL;
}

/* A coordinate or size in points, from an attribute, as pdftotext prints
 * it ("%f": digits, a point, digits), clamped to [0, max]; -1 when it is
 * missing or not such a number (no exponent, no NaN, no infinity). */
static double points(xmlNodePtr node, const char *name, double max)
{
    const char *v = attr_text(node, name);
    if (!v)
        return -1;
    int negative = *v == '-';
    v += *v == '-' || *v == '+';
    double whole = 0, part = 0, unit = 1;
    int digits = 0;
    for (; *v >= '0' && *v <= '9' && digits < 24; v++, digits++)
        whole = whole * 10 + (*v - '0');
    if (*v == '.')
        for (v++; *v >= '0' && *v <= '9' && digits < 24; v++, digits++)
            part = part * 10 + (*v - '0'), unit *= 10;
    if (*v || !digits)
        return -1;
    double d = whole + part / unit;
    return negative ? 0 : d > max ? max : d;
}

static int pixels(double pt)
{
    return (int)floor(pt * PDFBOX_DPI / 72.0 + 0.5);
}

/* The word element's box, in pixels, within a page of w x h points: 0,
 * or -1 when a coordinate is missing. */
static int word_box(xmlNodePtr word, double w, double h, ocr_box_t *box)
{
    double x0 = points(word, "xMin", w), y0 = points(word, "yMin", h),
           x1 = points(word, "xMax", w), y1 = points(word, "yMax", h);
    if (x0 < 0 || y0 < 0 || x1 < 0 || y1 < 0)
        return -1;
    if (x1 < x0 || y1 < y0)
        return -1;
    box->x = pixels(x0);
    box->y = pixels(y0);
    box->w = pixels(x1) - box->x;
    box->h = pixels(y1) - box->y;
    return 0;
}

/* The element after node in document order, within root, or NULL. */
static xmlNodePtr next_node(xmlNodePtr node, xmlNodePtr root)
{
    if (node->children && node->type == XML_ELEMENT_NODE)
        return node->children;
    while (node && node != root && !node->next)
        node = node->parent;
    return node && node != root ? node->next : NULL;
}

/* The <word> element after node in document order, within root, or
 * NULL. */
static xmlNodePtr next_word(xmlNodePtr node, xmlNodePtr root)
{
    do
        node = next_node(node, root);
    while (node && !xml_is(node, "word"));
    return node;
}

/* The text of a <word> (its text children), within PDFBOX_MAX_WORD bytes
 * into buf; its length, or 0 when it is longer or has none. */
static size_t word_text(xmlNodePtr word, char buf[PDFBOX_MAX_WORD])
{
    size_t n = 0;
    for (xmlNodePtr c = word->children; c; c = c->next) {
        if (c->type != XML_TEXT_NODE || !c->content)
            continue;
        size_t k = strlen((const char *)c->content);
        if (k > PDFBOX_MAX_WORD - n)
            return 0;
        memcpy(buf + n, c->content, k);
        n += k;
    }
    return n;
}

/* Box the words of the parsed <page>. */
static void page_words(ocr_text_t *t, unsigned page, size_t from, size_t n,
                       xmlNodePtr root, double w, double h, size_t *budget)
{
    pdfbox_match_t m = {t->text + from, n, 0, 0, 0};
    size_t words = 0;
    char buf[2][PDFBOX_MAX_WORD];
    xmlNodePtr word = next_word(root, root), next;
    size_t len = word ? word_text(word, buf[0]) : 0, next_len = 0;
    for (int k = 0; word && !t->failed && *budget && words < PDFBOX_PAGE_WORDS;
         word = next, len = next_len, k ^= 1) {
        /* the word after it tells a word glued to the next in the text */
        next = next_word(word, root);
        next_len = next ? word_text(next, buf[k ^ 1]) : 0;
        ocr_box_t box;
        size_t s, e;
        if (word_box(word, w, h, &box) == 0 &&
            pdfbox_match(&m, buf[k], len, next ? buf[k ^ 1] : NULL, next_len, &s, &e)) {
            ocr_word_at(t, from + s, e - s, page, &box, OCR_CONF_NONE);
            words++;
            (*budget)--;
        }
    }
}

fond_status_t pdfbox_page(ocr_text_t *t, unsigned page, size_t from, size_t n,
                          const char *el, size_t el_len, int quarter_turns,
                          size_t *budget)
{
    if (t->failed)
        return FOND_ERR_NOMEM;
    if (page < 1 || page > t->n_pages || from > t->len || n > t->len - from ||
        el_len > PDFBOX_PAGE_BYTES)
        return FOND_OK;
    xmlDocPtr doc = NULL;
    char err[256];
    fond_status_t st = xml_parse(el, el_len, XML_AS_XML, &doc, err, sizeof err);
    if (st == FOND_ERR_EXTRACT) /* a character XML does not allow: leniently */
        st = xml_parse(el, el_len, XML_AS_HTML, &doc, err, sizeof err);
    if (st != FOND_OK)
        return st == FOND_ERR_NOMEM ? st : FOND_OK;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (xml_is(root, "page")) {
        double w = points(root, "width", PDFBOX_MAX_POINTS);
        double h = points(root, "height", PDFBOX_MAX_POINTS);
        if (w > 0 && h > 0) {
            int turned = quarter_turns & 1;
            ocr_page_size(t, page, (unsigned)pixels(turned ? h : w),
                          (unsigned)pixels(turned ? w : h), PDFBOX_DPI);
            if (turned) { /* the words are turned with the page */
                double swap = w;
                w = h;
                h = swap;
            }
        } else {
            w = h = PDFBOX_MAX_POINTS; /* unknown: any box on a page */
        }
        page_words(t, page, from, n, root, w, h, budget);
    }
    xmlFreeDoc(doc);
    return t->failed ? FOND_ERR_NOMEM : FOND_OK;
}

/* ------------------------------------------------------------ pdfinfo */

/* The number at s[*i, n) after spaces, into *v (at most 10 digits, a
 * sign allowed); 0, or -1 when there is none. */
static int line_number(const char *s, size_t n, size_t *i, long *v)
{
    while (*i < n && s[*i] == ' ')
        (*i)++;
    int negative = *i < n && s[*i] == '-';
    *i += negative;
    size_t digits = 0;
    for (*v = 0; *i < n && s[*i] >= '0' && s[*i] <= '9' && digits < 10; (*i)++, digits++)
        *v = *v * 10 + (s[*i] - '0');
    *v = negative ? -*v : *v;
    return digits ? 0 : -1;
}

void pdfbox_turns(const char *info, size_t len, unsigned char *turns,
                  unsigned pages)
{
    memset(turns, 0, pages);
    for (size_t i = 0; i < len;) {
        const char *line = info + i;
        const char *nl = memchr(line, '\n', len - i);
        size_t n = nl ? (size_t)(nl - line) : len - i, k = 4;
        i += n + 1;
        long page, rot;
        if (n < 4 || memcmp(line, "Page", 4) != 0 ||
            line_number(line, n, &k, &page) != 0)
            continue;
        while (k < n && line[k] == ' ')
            k++;
        if (n - k < 4 || memcmp(line + k, "rot:", 4) != 0)
            continue;
        k += 4;
        if (line_number(line, n, &k, &rot) == 0 && page >= 1 && page <= (long)pages)
            turns[page - 1] = (unsigned char)(((rot / 90) % 4 + 4) % 4);
    }
}
