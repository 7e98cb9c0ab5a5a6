/*
 * test_structure.c -- a source's fields read from its printed form
 * (lib/structure.h): documents as English, French, German and Russian
 * documentary editions print them (heading, type line, dateline, receipt,
 * salutation, signature, source note), letters and a report's first page;
 * and what is none of these: a narrative's first sentence, a paragraph
 * that mentions a date, a telegram's number opening its body.  The texts
 * are made up in the editions' forms (none is from FRUS 1917-1919).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "structure.h"

/* The fields expected: NULL (date "") where the text must give none. */
typedef struct {
    const char *title, *type, *from, *to, *place, *date, *ref;
} want_t;

static void assert_field(const char *name, const char *got, const char *want)
{
    if (!want && !got)
        return;
    if (!want || !got || strcmp(want, got) != 0) {
        print_error("%s: got '%s', expected '%s'\n", name,
                    got ? got : "(none)", want ? want : "(none)");
        fail();
    }
}

static void check(const char *text, want_t w)
{
    size_t len = strlen(text);
    char *copy = malloc(len ? len : 1); /* no NUL after the text */
    assert_non_null(copy);
    memcpy(copy, text, len);
    source_t s;
    assert_int_equal(structure_read(copy, len, &s), FOND_OK);
    assert_field("title", s.title, w.title);
    assert_field("type", s.type, w.type);
    assert_field("from", s.from, w.from);
    assert_field("to", s.to, w.to);
    assert_field("place", s.place, w.place);
    assert_field("date", s.date[0] ? s.date : NULL, w.date);
    assert_field("archive_ref", s.archive_ref, w.ref);
    source_free(&s);
    free(copy);
}

/* ------------------------------------------------------------ English */

static void test_edition_telegram(void **state)
{
    (void)state;
    check("The Ambassador in Turkey (Grew) to the Secretary of State\n"
          "[Telegram]\n"
          "Constantinople, March 3, 1928, 6 p.m.\n"
          "[Received March 4, 9:15 a.m.]\n"
          "\n"
          "112. Your 87 of February 27. The Minister for Foreign Affairs "
          "informed me this morning that the negotiations on the claims "
          "will be resumed at Angora next week.\n"
          "\n"
          "GREW\n"
          "\n"
          "File No. 867.00/1950.\n",
          (want_t){.title = "The Ambassador in Turkey (Grew) to the Secretary "
                            "of State",
                   .type = "telegram", .from = "Grew",
                   .to = "Secretary of State", .place = "Constantinople",
                   .date = "19280303", .ref = "File No. 867.00/1950"});
}

static void test_edition_telegram_sent(void **state)
{
    (void)state;
    /* the file number and type on one line, as later volumes print them;
     * the dash before the time; the addressee's name in parentheses */
    check("893.51/2770: Telegram\n"
          "\n"
          "The Secretary of State to the Minister in China (Crane)\n"
          "\n"
          "[Telegram\xE2\x80\x94Paraphrase]\n"
          "\n"
          "Washington, March 3, 1920\xE2\x80\x94" "6 p.m.\n"
          "\n"
          "45. Your 123, February 28. The Department approves.\n"
          "\n"
          "Colby\n",
          (want_t){.title = "The Secretary of State to the Minister in China "
                            "(Crane)",
                   .type = "telegram", .from = "Secretary of State",
                   .to = "Crane", .place = "Washington", .date = "19200303",
                   .ref = "893.51/2770"});
}

static void test_heading_on_one_line(void **state)
{
    (void)state;
    /* heading, type and dateline copied onto few lines */
    check("The Consul General at Moscow (Poole) to the Secretary of State "
          "[Telegram]\n"
          "Moscow, June 10, 1921, 4 p.m. [Received June 12, 9.30 a.m.]\n"
          "412. Your 380. The committee has not yet replied.\n"
          "Poole\n",
          (want_t){.title = "The Consul General at Moscow (Poole) to the "
                            "Secretary of State",
                   .type = "telegram", .from = "Poole",
                   .to = "Secretary of State", .place = "Moscow",
                   .date = "19210610"});
}

static void test_edition_despatch(void **state)
{
    (void)state;
    check("The Ambassador in Great Britain (Davis) to the Secretary of State\n"
          "\n"
          "No. 2345\t\tLondon, March 3, 1920.\n"
          "[Received March 15.]\n"
          "\n"
          "Sir: I have the honor to report that the Prime Minister spoke "
          "yesterday in the House of Commons on the Russian question.\n"
          "\n"
          "I have the honor to be, Sir, your obedient servant,\n"
          "John W. Davis\n",
          (want_t){.title = "The Ambassador in Great Britain (Davis) to the "
                            "Secretary of State",
                   .type = "despatch", .from = "Davis",
                   .to = "Secretary of State", .place = "London",
                   .date = "19200303"});
}

static void test_edition_memoranda(void **state)
{
    (void)state;
    check("Memorandum by the Assistant Secretary of State (Long)\n"
          "\n"
          "[Washington,] March 3, 1920.\n"
          "\n"
          "The British Ambassador called this morning and left the "
          "enclosed aide-m\xC3\xA9moire.\n",
          (want_t){.title = "Memorandum by the Assistant Secretary of State "
                            "(Long)",
                   .type = "memorandum", .from = "Long",
                   .place = "Washington", .date = "19200303"});
    check("Memorandum by the Assistant Secretary of State\n"
          "\n"
          "The British Ambassador called this morning.\n",
          (want_t){.title = "Memorandum by the Assistant Secretary of State",
                   .type = "memorandum",
                   .from = "Assistant Secretary of State"});
    check("Memorandum of Conversation, by the Secretary of State\n"
          "\n"
          "Washington, March 3, 1920.\n"
          "\n"
          "The Japanese Ambassador called.\n",
          (want_t){.title = "Memorandum of Conversation, by the Secretary of "
                            "State",
                   .type = "conversation", .from = "Secretary of State",
                   .place = "Washington", .date = "19200303"});
}

static void test_british_documents(void **state)
{
    (void)state;
    /* the edition's number, the receipt after the heading, the
     * telegram's number and registry number, a dateline in capitals */
    check("No. 45\n"
          "\n"
          "Mr. Lindsay (Constantinople) to Earl Curzon (Received March 5)\n"
          "\n"
          "No. 234 Telegraphic [E 1234/1/44]\n"
          "\n"
          "CONSTANTINOPLE, March 3, 1920\n"
          "\n"
          "My telegram No. 230. The Grand Vizier resigned this afternoon.\n",
          (want_t){.title = "Mr. Lindsay (Constantinople) to Earl Curzon",
                   .type = "telegram", .from = "Mr. Lindsay",
                   .to = "Earl Curzon", .place = "CONSTANTINOPLE",
                   .date = "19200303"});
    /* a despatch: "No. 123" alone after the heading; a source note */
    check("Mr. Hohler to Earl Curzon\n"
          "\n"
          "No. 123\n"
          "\n"
          "Constantinople, March 3, 1920.\n"
          "\n"
          "My Lord,\n"
          "\n"
          "I have the honour to report that the Grand Vizier has resigned.\n"
          "\n"
          "I have the honour to be, with the highest respect, your "
          "Lordship's most obedient, humble servant,\n"
          "T. B. HOHLER\n"
          "\n"
          "Source: TNA, FO 371/5170.\n",
          (want_t){.title = "Mr. Hohler to Earl Curzon", .type = "despatch",
                   .from = "Mr. Hohler", .to = "Earl Curzon",
                   .place = "Constantinople", .date = "19200303",
                   .ref = "TNA, FO 371/5170"});
    /* an addressee with his post in parentheses */
    check("Earl Curzon to Sir H. Rumbold (Constantinople)\n"
          "No. 88 Telegraphic\n"
          "FOREIGN OFFICE, April 2, 1921\n"
          "Your telegram No. 230.\n",
          (want_t){.title = "Earl Curzon to Sir H. Rumbold (Constantinople)",
                   .type = "telegram", .from = "Earl Curzon",
                   .to = "Sir H. Rumbold", .place = "FOREIGN OFFICE",
                   .date = "19210402"});
}

static void test_letters(void **state)
{
    (void)state;
    /* Founders Online's heads: "From A to B", "To B from A" */
    check("To George Washington from Henry Knox\n"
          "\n"
          "New York, 4 March 1789.\n"
          "\n"
          "Sir, the Congress has met.\n",
          (want_t){.title = "To George Washington from Henry Knox",
                   .type = "letter", .from = "Henry Knox", .to = "George Washington",
                   .place = "New York", .date = "17890304"});
    /* letterhead, place and date, inside address, salutation, close and
     * signature: a letter from its signer */
    check("AMERICAN EMBASSY\n"
          "London, March 3, 1920.\n"
          "\n"
          "The Honorable\n"
          "The Secretary of State,\n"
          "Washington.\n"
          "\n"
          "Sir:\n"
          "\n"
          "I have the honor to report that the Prime Minister spoke "
          "yesterday in the House of Commons on the Russian question.\n"
          "\n"
          "I have the honor to be, Sir,\n"
          "Your obedient servant,\n"
          "John W. Davis\n",
          (want_t){.type = "letter", .from = "John W. Davis",
                   .place = "London", .date = "19200303"});
    /* a place with its district's initials */
    check("The Secretary of State to the Japanese Ambassador (Shidehara)\n"
          "\n"
          "Washington, D. C., March 3, 1921.\n"
          "\n"
          "Excellency: I have the honor to acknowledge your note.\n",
          (want_t){.title = "The Secretary of State to the Japanese "
                            "Ambassador (Shidehara)",
                   .type = "letter", .from = "Secretary of State",
                   .to = "Shidehara", .place = "Washington",
                   .date = "19210303"});
    /* the date first, the place after it; a day in both styles */
    check("[Letter]\n"
          "\n"
          "3 March 1920, London\n"
          "\n"
          "Dear Mr. Smith,\n",
          (want_t){.type = "letter", .to = "Mr. Smith", .place = "London",
                   .date = "19200303"});
    check("[Telegram]\n"
          "\n"
          "Moscow, 12/25 January 1918\n"
          "\n"
          "The commissariat has refused.\n",
          (want_t){.type = "telegram", .place = "Moscow",
                   .date = "19180125"});
    /* a weekday in the dateline is not the place */
    check("AMERICAN LEGATION\n"
          "Peking, Monday, March 7, 1921.\n"
          "\n"
          "Mr. Secretary:\n"
          "\n"
          "I have the honor to inform you that the Minister left today.\n"
          "\n"
          "Faithfully yours,\n"
          "Charles R. Crane\n",
          (want_t){.type = "letter", .from = "Charles R. Crane",
                   .place = "Peking", .date = "19210307"});
    check("Lettre\n"
          "\n"
          "Paris, le lundi 7 mars 1921.\n"
          "\n"
          "Mon cher ami,\n"
          "\n"
          "Je pars demain.\n",
          (want_t){.type = "letter", .place = "Paris", .date = "19210307"});
    /* "Dear Mr. Smith," names the addressee; the dateline at the end,
     * above the signature */
    check("Dear Mr. Smith,\n"
          "\n"
          "Thank you for your letter of the 3rd, which reached me only "
          "today because of the strikes.\n"
          "\n"
          "Yours sincerely,\n"
          "Robert Kelley\n"
          "Riga, 12 May 1923\n",
          (want_t){.type = "letter", .from = "Robert Kelley",
                   .to = "Mr. Smith", .place = "Riga", .date = "19230512"});
}

static void test_report_first_page(void **state)
{
    (void)state;
    /* as pdftotext gives a groff report: no blank lines */
    check("Report on the Oil Industry of Baku\n"
          "Harold Whitcombe\n"
          "Baku, 12 April 1922.\n"
          "The oil fields of the Apsheron peninsula suffered greatly during "
          "the years of war and revolution. The wells are flooded.\n",
          (want_t){.title = "Report on the Oil Industry of Baku",
                   .type = "report", .from = "Harold Whitcombe",
                   .place = "Baku", .date = "19220412"});
    /* with blank lines and "by"; a title that does not say "report" */
    check("The Railways of Transcaucasia\n"
          "\n"
          "by Colonel J. Stokes\n"
          "\n"
          "Tiflis, 3 June 1920.\n"
          "\n"
          "The railways of the three republics were built as one system.\n",
          (want_t){.title = "The Railways of Transcaucasia",
                   .from = "Colonel J. Stokes", .place = "Tiflis",
                   .date = "19200603"});
}

static void test_source_notes(void **state)
{
    (void)state;
    check("The Consul at Tiflis (Moffat) to the Secretary of State\n"
          "[Telegram]\n"
          "Tiflis, June 3, 1920.\n"
          "\n"
          "Railway to Batum cut.\n"
          "\n"
          "MOFFAT\n"
          "[File No. 861.77/1234]\n",
          (want_t){.title = "The Consul at Tiflis (Moffat) to the Secretary "
                            "of State",
                   .type = "telegram", .from = "Moffat",
                   .to = "Secretary of State", .place = "Tiflis",
                   .date = "19200603", .ref = "File No. 861.77/1234"});
}

static void test_notes_section_is_not_the_source_note(void **state)
{
    (void)state;
    /* but the note on the heading is the document's own: a marker glued
     * to the heading (and to the signature) is no part of them */
    check("The Minister in Persia (Caldwell) to the Secretary of State1\n"
          "[Telegram]\n"
          "Teheran, May 9, 1921, 4 p.m.\n"
          "\n"
          "21. Your 14.2 The Mejlis has not met.\n"
          "\n"
          "Caldwell\xC2\xB3\n"
          "\n"
          "Notes\n"
          "1. File No. 891.00/1100.\n"
          "2. File No. 891.00/1090.\n"
          "3. Not printed.\n",
          (want_t){.title = "The Minister in Persia (Caldwell) to the "
                            "Secretary of State",
                   .type = "telegram", .from = "Caldwell",
                   .to = "Secretary of State", .place = "Teheran",
                   .date = "19210509", .ref = "File No. 891.00/1100"});
    /* notes with no heading */
    check("The Consul at Batum (Hollis) to the Secretary of State\xC2\xB9\n"
          "[Telegram]\n"
          "Batum, June 3, 1921.\n"
          "\n"
          "Railway to Tiflis cut.\xC2\xB2\n"
          "\n"
          "HOLLIS\n"
          "\n"
          "\xC2\xB9 File No. 861.77/2001.\n"
          "\xC2\xB2 Not printed.\n",
          (want_t){.title = "The Consul at Batum (Hollis) to the Secretary "
                            "of State",
                   .type = "telegram", .from = "Hollis",
                   .to = "Secretary of State", .place = "Batum",
                   .date = "19210603", .ref = "File No. 861.77/2001"});
    check("The Consul at Batum (Hollis) to the Secretary of State1\n"
          "[Telegram]\n"
          "Batum, June 3, 1921.\n"
          "\n"
          "Railway to Tiflis cut.\n"
          "\n"
          "HOLLIS\n"
          "\n"
          "1 File No. 861.77/2001.\n",
          (want_t){.title = "The Consul at Batum (Hollis) to the Secretary "
                            "of State",
                   .type = "telegram", .from = "Hollis",
                   .to = "Secretary of State", .place = "Batum",
                   .date = "19210603", .ref = "File No. 861.77/2001"});
    check("[Telegram]\n"
          "\n"
          "Railway cut.\n"
          "\n"
          "HOLLIS\xC2\xB2\n",
          (want_t){.type = "telegram", .from = "HOLLIS"});
    /* the signature stands above the Notes; a footnote's file number is
     * what the document cites, not where it is kept */
    check("The Minister in Persia (Caldwell) to the Secretary of State\n"
          "[Telegram]\n"
          "Teheran, May 9, 1921, 4 p.m.\n"
          "\n"
          "21. Your 14.[1] The Mejlis has not met.\n"
          "\n"
          "CALDWELL\n"
          "\n"
          "Notes\n"
          "1. File No. 891.00/1100.\n",
          (want_t){.title = "The Minister in Persia (Caldwell) to the "
                            "Secretary of State",
                   .type = "telegram", .from = "Caldwell",
                   .to = "Secretary of State", .place = "Teheran",
                   .date = "19210509"});
}

/* What the type is when no line names it: the dateline's time of day
 * (a telegram), an institution writing (a note); "Bericht" with an
 * addressee (a despatch) and without (a report). */
static void test_type_from_the_form(void **state)
{
    (void)state;
    check("The Charg\xC3\xA9 d'Affaires in Turkey (Tyrrell) to the Acting "
          "Secretary of State\n"
          "\n"
          "Angora, December 16, 1926, 7 a.m.\n"
          "\n"
          "2238. Your 2635 of November 16. Situation unchanged.\n"
          "\n"
          "Tyrrell\n",
          (want_t){.title = "The Charg\xC3\xA9 d'Affaires in Turkey (Tyrrell) "
                            "to the Acting Secretary of State",
                   .type = "telegram", .from = "Tyrrell",
                   .to = "Acting Secretary of State", .place = "Angora",
                   .date = "19261216"});
    check("The Embassy of Poland to the Department of State\n"
          "\n"
          "Sir:\n"
          "\n"
          "1. The Embassy has the honor to inform the Department that the "
          "delegation will arrive on Monday.\n"
          "\n"
          "Washington, May 25, 1920.\n"
          "\n"
          "Notes:\n"
          "1 Not printed.\n",
          (want_t){.title = "The Embassy of Poland to the Department of State",
                   .type = "note", .from = "Embassy of Poland",
                   .to = "Department of State", .place = "Washington",
                   .date = "19200525"});
    check("Der Gesandte in Rom Graf Brockdorff-Rantzau an den "
          "Reichsminister des Ausw\xC3\xA4rtigen\n"
          "\n"
          "Bericht\n"
          "\n"
          "Rom, den 4. April 1924.\n"
          "\n"
          "Die Lage ist ruhig.\n",
          (want_t){.title = "Der Gesandte in Rom Graf Brockdorff-Rantzau an "
                            "den Reichsminister des Ausw\xC3\xA4rtigen",
                   .type = "despatch",
                   .from = "Gesandte in Rom Graf Brockdorff-Rantzau",
                   .to = "Reichsminister des Ausw\xC3\xA4rtigen",
                   .place = "Rom", .date = "19240404"});
    check("Bericht des Gesandten in Tokio Maltzan\n"
          "\n"
          "Tokio, den 5. Mai 1934\n"
          "\n"
          "Die Lage ist ruhig.\n"
          "\n"
          "MALTZAN\n"
          "\n"
          "PA AA, R 44692, Bl. 230.\n"
          "\n"
          "Anmerkungen\n"
          "[1] Nicht abgedruckt.\n",
          (want_t){.title = "Bericht des Gesandten in Tokio Maltzan",
                   .type = "report", .from = "Gesandten in Tokio Maltzan",
                   .place = "Tokio", .date = "19340505",
                   .ref = "PA AA, R 44692, Bl. 230"});
}

/* References on lines of their own, with a label or none, at the head
 * or the end; footnotes at the end with no heading passed over. */
static void test_unlabelled_references(void **state)
{
    (void)state;
    /* a dateline at the end is no reference (with no comma after its
     * place it is not read as a dateline either) */
    check("From John Adams to Abigail Adams\n"
          "\n"
          "[Letter]\n"
          "\n"
          "The committee met and spoke of the wombat of liberty.\n"
          "\n"
          "Philadelphia May 12, 1791\n"
          "John Adams\n",
          (want_t){.title = "From John Adams to Abigail Adams",
                   .type = "letter", .from = "John Adams",
                   .to = "Abigail Adams"});
    check("The Minister in Latvia (Coleman) to the Secretary of State\n"
          "\n"
          "[Telegram]\n"
          "\n"
          "Hoover Institution, Box 69, Folder 9.\n"
          "\n"
          "Riga, November 12, 1925\xE2\x80\x94" "5 a.m.\n"
          "\n"
          "Cabinet resigned.\n"
          "\n"
          "Coleman\n",
          (want_t){.title = "The Minister in Latvia (Coleman) to the "
                            "Secretary of State",
                   .type = "telegram", .from = "Coleman",
                   .to = "Secretary of State", .place = "Riga",
                   .date = "19251112",
                   .ref = "Hoover Institution, Box 69, Folder 9"});
    check("M. Defrance, ambassadeur \xC3\xA0 Reval, \xC3\xA0 M. Briand, "
          "ministre des Affaires \xC3\xA9trang\xC3\xA8res.\n"
          "\n"
          "AMBASSADE DE FRANCE\n"
          "\n"
          "[Lettre]\n"
          "\n"
          "Mon cher ami,\n"
          "\n"
          "Le gouvernement serait dispos\xC3\xA9 \xC3\xA0 examiner la "
          "question.\n"
          "\n"
          "Veuillez agr\xC3\xA9" "er, Monsieur le Ministre, les assurances de "
          "ma haute consid\xC3\xA9ration.\n"
          "Reval, le 14 mai 1922.\n"
          "DEFRANCE\n"
          "\n"
          "Dossier n\xC2\xB0 182.12/2297.\n"
          "\n"
          "[1] Non reproduit.\n"
          "[2] Voir le document n\xC2\xB0 12.\n",
          (want_t){.title = "M. Defrance, ambassadeur \xC3\xA0 Reval, \xC3\xA0 "
                            "M. Briand, ministre des Affaires "
                            "\xC3\xA9trang\xC3\xA8res",
                   .type = "letter", .from = "M. Defrance",
                   .to = "M. Briand", .place = "Reval", .date = "19220514",
                   .ref = "Dossier n\xC2\xB0 182.12/2297"});
}

/* ------------------------------------------------------------ French */

static void test_french(void **state)
{
    (void)state;
    check("Le ministre des Affaires \xC3\xA9trang\xC3\xA8res \xC3\xA0 "
          "l'ambassadeur de France \xC3\xA0 Londres\n"
          "\n"
          "T. n\xC2\xB0 234.\t\tParis, le 8 f\xC3\xA9vrier 1920, 19 h.\n"
          "\n"
          "Je vous prie de faire savoir au gouvernement britannique que le "
          "gouvernement fran\xC3\xA7" "ais accepte la conf\xC3\xA9rence.\n",
          (want_t){.title = "Le ministre des Affaires \xC3\xA9trang\xC3\xA8res "
                            "\xC3\xA0 l'ambassadeur de France \xC3\xA0 Londres",
                   .type = "telegram",
                   .from = "ministre des Affaires \xC3\xA9trang\xC3\xA8res",
                   .to = "ambassadeur de France \xC3\xA0 Londres",
                   .place = "Paris", .date = "19200208"});
    /* the heading over two lines, names before their offices; the
     * receipt in parentheses */
    check("45\n"
          "M. Cambon, Ambassadeur de France \xC3\xA0 Londres,\n"
          "\xC3\xA0 M. Millerand, Pr\xC3\xA9sident du Conseil, Ministre des "
          "Affaires \xC3\xA9trang\xC3\xA8res.\n"
          "D. n\xC2\xB0 123.\t\tLondres, 3 mars 1920.\n"
          "(Re\xC3\xA7u : le 5, 10 h.)\n"
          "Lord Curzon m'a dit ce matin que le cabinet se r\xC3\xA9unira "
          "demain.\n",
          (want_t){.title = "M. Cambon, Ambassadeur de France \xC3\xA0 Londres, "
                            "\xC3\xA0 M. Millerand, Pr\xC3\xA9sident du "
                            "Conseil, Ministre des Affaires "
                            "\xC3\xA9trang\xC3\xA8res",
                   .type = "despatch", .from = "M. Cambon",
                   .to = "M. Millerand", .place = "Londres",
                   .date = "19200303"});
    /* a letter dated at its end; a note verbale */
    check("Monsieur le Ministre,\n"
          "\n"
          "J'ai l'honneur de vous faire conna\xC3\xAEtre que le gouvernement "
          "accepte.\n"
          "\n"
          "Veuillez agr\xC3\xA9" "er, Monsieur le Ministre, les assurances de "
          "ma haute consid\xC3\xA9ration.\n"
          "\n"
          "Paul Cambon\n"
          "\n"
          "Londres, le 1er ao\xC3\xBBt 1920.\n",
          (want_t){.type = "letter", .from = "Paul Cambon",
                   .place = "Londres", .date = "19200801"});
    check("Note verbale\n"
          "\n"
          "Le Minist\xC3\xA8re des Affaires \xC3\xA9trang\xC3\xA8res pr\xC3\xA9sente "
          "ses compliments \xC3\xA0 l'Ambassade de Grande-Bretagne et a "
          "l'honneur de lui faire savoir que la conf\xC3\xA9rence se "
          "r\xC3\xA9unira.\n"
          "\n"
          "Paris, le 3 mars 1920.\n",
          (want_t){.type = "note", .place = "Paris", .date = "19200303"});
}

/* ------------------------------------------------------------ German */

static void test_german(void **state)
{
    (void)state;
    check("Der Botschafter in Moskau an das Ausw\xC3\xA4rtige Amt\n"
          "\n"
          "Telegramm Nr. 123\n"
          "Moskau, den 8. Februar 1920, 19 Uhr\n"
          "Ankunft: 10. Februar, 3 Uhr 20\n"
          "\n"
          "Die Lage hier ist unver\xC3\xA4ndert.\n"
          "\n"
          "Brockdorff-Rantzau\n",
          (want_t){.title = "Der Botschafter in Moskau an das Ausw\xC3\xA4rtige "
                            "Amt",
                   .type = "telegram", .from = "Botschafter in Moskau",
                   .to = "Ausw\xC3\xA4rtige Amt", .place = "Moskau",
                   .date = "19200208"});
    check("Aufzeichnung des Staatssekret\xC3\xA4rs von Schubert\n"
          "\n"
          "Berlin, den 3. M\xC3\xA4rz 1926\n"
          "\n"
          "Der russische Botschafter suchte mich heute auf.\n",
          (want_t){.title = "Aufzeichnung des Staatssekret\xC3\xA4rs von "
                            "Schubert",
                   .type = "memorandum",
                   .from = "Staatssekret\xC3\xA4rs von Schubert",
                   .place = "Berlin", .date = "19260303"});
    check("Sehr geehrter Herr Minister!\n"
          "\n"
          "Ich beehre mich, Ihnen mitzuteilen, dass die Regierung "
          "einverstanden ist.\n"
          "\n"
          "Mit vorz\xC3\xBCglicher Hochachtung\n"
          "Ihr ergebener\n"
          "Rauscher\n",
          (want_t){.type = "letter", .from = "Rauscher"});
}

/* ------------------------------------------------------------ Russian */

static void test_russian(void **state)
{
    (void)state;
    /* Нарком иностранных дел — полпреду в Турции / Телеграмма / Москва,
     * 8 февраля 1920 г. / ... / Чичерин */
    check("\xD0\x9D\xD0\xB0\xD1\x80\xD0\xBA\xD0\xBE\xD0\xBC \xD0\xB8\xD0\xBD"
          "\xD0\xBE\xD1\x81\xD1\x82\xD1\x80\xD0\xB0\xD0\xBD\xD0\xBD\xD1\x8B"
          "\xD1\x85 \xD0\xB4\xD0\xB5\xD0\xBB \xE2\x80\x94 \xD0\xBF\xD0\xBE"
          "\xD0\xBB\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD1\x83 \xD0\xB2 \xD0\xA2"
          "\xD1\x83\xD1\x80\xD1\x86\xD0\xB8\xD0\xB8\n"
          "\n"
          "\xD0\xA2\xD0\xB5\xD0\xBB\xD0\xB5\xD0\xB3\xD1\x80\xD0\xB0\xD0\xBC"
          "\xD0\xBC\xD0\xB0\n"
          "\n"
          "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0, 8 \xD1\x84\xD0"
          "\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8F 1920 \xD0\xB3.\n"
          "\n"
          "\xD0\xA1\xD0\xBE\xD0\xBE\xD0\xB1\xD1\x89\xD0\xB8\xD1\x82\xD0\xB5 "
          "\xD1\x82\xD1\x83\xD1\x80\xD0\xB5\xD1\x86\xD0\xBA\xD0\xBE\xD0\xBC"
          "\xD1\x83 \xD0\xBF\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB8\xD1\x82\xD0\xB5"
          "\xD0\xBB\xD1\x8C\xD1\x81\xD1\x82\xD0\xB2\xD1\x83.\n"
          "\n"
          "\xD0\xA7\xD0\xB8\xD1\x87\xD0\xB5\xD1\x80\xD0\xB8\xD0\xBD\n",
          (want_t){.title = "\xD0\x9D\xD0\xB0\xD1\x80\xD0\xBA\xD0\xBE\xD0\xBC "
                            "\xD0\xB8\xD0\xBD\xD0\xBE\xD1\x81\xD1\x82\xD1\x80"
                            "\xD0\xB0\xD0\xBD\xD0\xBD\xD1\x8B\xD1\x85 \xD0\xB4"
                            "\xD0\xB5\xD0\xBB \xE2\x80\x94 \xD0\xBF\xD0\xBE"
                            "\xD0\xBB\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD1\x83 "
                            "\xD0\xB2 \xD0\xA2\xD1\x83\xD1\x80\xD1\x86\xD0\xB8"
                            "\xD0\xB8",
                   .type = "telegram",
                   .from = "\xD0\x9D\xD0\xB0\xD1\x80\xD0\xBA\xD0\xBE\xD0\xBC "
                           "\xD0\xB8\xD0\xBD\xD0\xBE\xD1\x81\xD1\x82\xD1\x80"
                           "\xD0\xB0\xD0\xBD\xD0\xBD\xD1\x8B\xD1\x85 \xD0\xB4"
                           "\xD0\xB5\xD0\xBB",
                   .to = "\xD0\xBF\xD0\xBE\xD0\xBB\xD0\xBF\xD1\x80\xD0\xB5\xD0"
                         "\xB4\xD1\x83 \xD0\xB2 \xD0\xA2\xD1\x83\xD1\x80\xD1"
                         "\x86\xD0\xB8\xD0\xB8",
                   .place = "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0",
                   .date = "19200208"});
    /* Письмо полпреда РСФСР в Турции наркому иностранных дел (no dash:
     * the addressee starts at the dative office) / Ангора, 12 апреля
     * 1921 г. / Уважаемый товарищ, / ... / С коммунистическим приветом /
     * С. Аралов */
    check("\xD0\x9F\xD0\xB8\xD1\x81\xD1\x8C\xD0\xBC\xD0\xBE \xD0\xBF\xD0\xBE"
          "\xD0\xBB\xD0\xBF\xD1\x80\xD0\xB5\xD0\xB4\xD0\xB0 \xD0\xA0\xD0\xA1"
          "\xD0\xA4\xD0\xA1\xD0\xA0 \xD0\xB2 \xD0\xA2\xD1\x83\xD1\x80\xD1\x86"
          "\xD0\xB8\xD0\xB8 \xD0\xBD\xD0\xB0\xD1\x80\xD0\xBA\xD0\xBE\xD0\xBC"
          "\xD1\x83 \xD0\xB8\xD0\xBD\xD0\xBE\xD1\x81\xD1\x82\xD1\x80\xD0\xB0"
          "\xD0\xBD\xD0\xBD\xD1\x8B\xD1\x85 \xD0\xB4\xD0\xB5\xD0\xBB\n"
          "\n"
          "\xD0\x90\xD0\xBD\xD0\xB3\xD0\xBE\xD1\x80\xD0\xB0, 12 \xD0\xB0\xD0"
          "\xBF\xD1\x80\xD0\xB5\xD0\xBB\xD1\x8F 1921 \xD0\xB3.\n"
          "\n"
          "\xD0\xA3\xD0\xB2\xD0\xB0\xD0\xB6\xD0\xB0\xD0\xB5\xD0\xBC\xD1\x8B"
          "\xD0\xB9 \xD1\x82\xD0\xBE\xD0\xB2\xD0\xB0\xD1\x80\xD0\xB8\xD1\x89,\n"
          "\n"
          "\xD0\xA1\xD0\xBE\xD0\xBE\xD0\xB1\xD1\x89\xD0\xB0\xD1\x8E \xD0\xB2"
          "\xD0\xB0\xD0\xBC, \xD1\x87\xD1\x82\xD0\xBE \xD0\xBF\xD0\xB5\xD1\x80"
          "\xD0\xB5\xD0\xB3\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x80\xD1\x8B \xD0\xB8"
          "\xD0\xB4\xD1\x83\xD1\x82.\n"
          "\n"
          "\xD0\xA1 \xD0\xBA\xD0\xBE\xD0\xBC\xD0\xBC\xD1\x83\xD0\xBD\xD0\xB8"
          "\xD1\x81\xD1\x82\xD0\xB8\xD1\x87\xD0\xB5\xD1\x81\xD0\xBA\xD0\xB8"
          "\xD0\xBC \xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82\xD0\xBE"
          "\xD0\xBC\n"
          "\xD0\xA1. \xD0\x90\xD1\x80\xD0\xB0\xD0\xBB\xD0\xBE\xD0\xB2\n",
          (want_t){.title = "\xD0\x9F\xD0\xB8\xD1\x81\xD1\x8C\xD0\xBC\xD0\xBE "
                            "\xD0\xBF\xD0\xBE\xD0\xBB\xD0\xBF\xD1\x80\xD0\xB5"
                            "\xD0\xB4\xD0\xB0 \xD0\xA0\xD0\xA1\xD0\xA4\xD0\xA1"
                            "\xD0\xA0 \xD0\xB2 \xD0\xA2\xD1\x83\xD1\x80\xD1\x86"
                            "\xD0\xB8\xD0\xB8 \xD0\xBD\xD0\xB0\xD1\x80\xD0\xBA"
                            "\xD0\xBE\xD0\xBC\xD1\x83 \xD0\xB8\xD0\xBD\xD0\xBE"
                            "\xD1\x81\xD1\x82\xD1\x80\xD0\xB0\xD0\xBD\xD0\xBD"
                            "\xD1\x8B\xD1\x85 \xD0\xB4\xD0\xB5\xD0\xBB",
                   .type = "letter",
                   .from = "\xD0\xBF\xD0\xBE\xD0\xBB\xD0\xBF\xD1\x80\xD0\xB5"
                           "\xD0\xB4\xD0\xB0 \xD0\xA0\xD0\xA1\xD0\xA4\xD0\xA1"
                           "\xD0\xA0 \xD0\xB2 \xD0\xA2\xD1\x83\xD1\x80\xD1\x86"
                           "\xD0\xB8\xD0\xB8",
                   .to = "\xD0\xBD\xD0\xB0\xD1\x80\xD0\xBA\xD0\xBE\xD0\xBC\xD1"
                         "\x83 \xD0\xB8\xD0\xBD\xD0\xBE\xD1\x81\xD1\x82\xD1\x80"
                         "\xD0\xB0\xD0\xBD\xD0\xBD\xD1\x8B\xD1\x85 \xD0\xB4"
                         "\xD0\xB5\xD0\xBB",
                   .place = "\xD0\x90\xD0\xBD\xD0\xB3\xD0\xBE\xD1\x80\xD0\xB0",
                   .date = "19210412"});
    /* a signature with the office above it, the dateline at the end:
     * Народный комиссар иностранных дел / Г. Чичерин / Москва, 3 марта
     * 1921 г. */
    check("\xD0\xA2\xD0\xB5\xD0\xBB\xD0\xB5\xD0\xB3\xD1\x80\xD0\xB0\xD0\xBC"
          "\xD0\xBC\xD0\xB0\n"
          "\n"
          "\xD0\xA1\xD0\xBE\xD0\xBE\xD0\xB1\xD1\x89\xD0\xB8\xD1\x82\xD0\xB5 "
          "\xD0\xBF\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB8\xD1\x82\xD0\xB5\xD0\xBB"
          "\xD1\x8C\xD1\x81\xD1\x82\xD0\xB2\xD1\x83.\n"
          "\n"
          "\xD0\x9D\xD0\xB0\xD1\x80\xD0\xBE\xD0\xB4\xD0\xBD\xD1\x8B\xD0\xB9 "
          "\xD0\xBA\xD0\xBE\xD0\xBC\xD0\xB8\xD1\x81\xD1\x81\xD0\xB0\xD1\x80 "
          "\xD0\xB8\xD0\xBD\xD0\xBE\xD1\x81\xD1\x82\xD1\x80\xD0\xB0\xD0\xBD"
          "\xD0\xBD\xD1\x8B\xD1\x85 \xD0\xB4\xD0\xB5\xD0\xBB\n"
          "\xD0\x93. \xD0\xA7\xD0\xB8\xD1\x87\xD0\xB5\xD1\x80\xD0\xB8\xD0\xBD\n"
          "\n"
          "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0, 3 \xD0\xBC\xD0"
          "\xB0\xD1\x80\xD1\x82\xD0\xB0 1921 \xD0\xB3.\n",
          (want_t){.type = "telegram",
                   .from = "\xD0\x93. \xD0\xA7\xD0\xB8\xD1\x87\xD0\xB5\xD1\x80"
                           "\xD0\xB8\xD0\xBD",
                   .place = "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0",
                   .date = "19210303"});
}

/* ------------------------------------------------------------ not structure */

static void test_narratives_are_not_headings(void **state)
{
    (void)state;
    want_t none = {0};
    check("The delegation went to the conference in Moscow.\n"
          "\n"
          "It arrived on February 8, 1921, and stayed a week.\n",
          none);
    check("The Ambassador returned to the Embassy late in the evening and "
          "wrote his report.\n",
          none);
    check("Le ministre a envoy\xC3\xA9 une lettre \xC3\xA0 l'ambassadeur de "
          "France \xC3\xA0 Londres.\n",
          none);
    check("Die Delegation fuhr an den Bosporus und verhandelte dort lange.\n",
          none);
    /* a paragraph of several lines that opens like a heading */
    check("The Secretary of State to the Ambassador in Japan sent\n"
          "a long instruction on the question of the islands, which\n"
          "the Ambassador read to the Minister for Foreign Affairs\n"
          "on the following day.\n",
          none);
    /* a narrative's last lines: a footnote's reference is what it cites,
     * not where the narrative is kept; a short line is no signature */
    check("The treaty was signed on 13 October 1921 at Kars.\n"
          "\n"
          "I. Abilov's conversation with Yusif Kamal. 26.01.1922.// SA AR, "
          "f.28, s.1, i.68, v.17-20\n"
          "TNA, FO 371/6262.\n",
          none);
    check("The treaty was signed on 13 October 1921 at Kars.\n"
          "\n"
          "Conclusions\n",
          none);
}

static void test_paragraphs_are_not_datelines(void **state)
{
    (void)state;
    want_t none = {0};
    check("Petrograd, a city of two million, was quiet on February 8, "
          "1921.\n\nThe banks were closed.\n",
          none);
    check("On February 8, 1921, the Ambassador telegraphed that the banks "
          "were closed.\n",
          none);
    check("February 8, 1921 was a cold day in Moscow, and the delegates "
          "stayed indoors.\n",
          none);
}

static void test_numbers_are_not_dates(void **state)
{
    (void)state;
    want_t none = {0};
    check("1864. Answering your 1761 of December 3, the Department "
          "approves.\n",
          none);
    /* the receipt is not the document's date */
    check("The Minister in Persia (Caldwell) to the Secretary of State\n"
          "[Telegram]\n"
          "[Received February 10, 1921, 3:20 a.m.]\n"
          "\n"
          "2348. Your 1761 of January 30, 1921.\n",
          (want_t){.title = "The Minister in Persia (Caldwell) to the "
                            "Secretary of State",
                   .type = "telegram", .from = "Caldwell",
                   .to = "Secretary of State"});
}

static void test_bounded(void **state)
{
    (void)state;
    /* a dateline deep inside a long text is not the source's; the head
     * and tail are still read */
    size_t body = 200000;
    const char *head = "The Consul at Batum (Smith) to the Secretary of State\n"
                       "[Telegram]\n\n";
    const char *tail = "\n\nSMITH\n";
    size_t len = strlen(head) + body + strlen(tail);
    char *text = malloc(len);
    assert_non_null(text);
    memcpy(text, head, strlen(head));
    for (size_t i = 0; i < body; i++)
        text[strlen(head) + i] = i % 60 == 59 ? '\n' : "word "[i % 5];
    memcpy(text + 5000, "\nTiflis, June 3, 1920.\n", 23);
    memcpy(text + len - strlen(tail), tail, strlen(tail));
    source_t s;
    assert_int_equal(structure_read(text, len, &s), FOND_OK);
    assert_string_equal(s.type, "telegram");
    assert_string_equal(s.from, "Smith");
    assert_string_equal(s.date, "");
    source_free(&s);
    /* nothing at all, and a lone line */
    assert_int_equal(structure_read("", 0, &s), FOND_OK);
    assert_null(s.title);
    source_free(&s);
    assert_int_equal(structure_read("x", 1, &s), FOND_OK);
    assert_null(s.title);
    source_free(&s);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edition_telegram),
        cmocka_unit_test(test_edition_telegram_sent),
        cmocka_unit_test(test_heading_on_one_line),
        cmocka_unit_test(test_edition_despatch),
        cmocka_unit_test(test_edition_memoranda),
        cmocka_unit_test(test_british_documents),
        cmocka_unit_test(test_letters),
        cmocka_unit_test(test_report_first_page),
        cmocka_unit_test(test_source_notes),
        cmocka_unit_test(test_notes_section_is_not_the_source_note),
        cmocka_unit_test(test_type_from_the_form),
        cmocka_unit_test(test_unlabelled_references),
        cmocka_unit_test(test_french),
        cmocka_unit_test(test_german),
        cmocka_unit_test(test_russian),
        cmocka_unit_test(test_narratives_are_not_headings),
        cmocka_unit_test(test_paragraphs_are_not_datelines),
        cmocka_unit_test(test_numbers_are_not_dates),
        cmocka_unit_test(test_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
