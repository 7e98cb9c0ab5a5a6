/*
 * test_langid.c -- the languages fond knows (lib/langid.h): names and codes
 * to stemmers, Tesseract's names, and a text's language identified, or
 * not when the text is too short.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ingest.h"
#include "langid.h"
#include "language.h"

static void test_names_and_codes(void **state)
{
    (void)state;
    assert_string_equal(language_named("Français"), "french");
    assert_string_equal(language_named("fra"), "french");
    assert_string_equal(language_named("DE"), "german");
    assert_string_equal(language_named("português"), "portuguese");
    assert_string_equal(language_named("nb"), "norwegian");
    assert_null(language_named("Klingon"));
    assert_null(language_named("sr")); /* its stems change letters */
    assert_string_equal(language_tesseract("german"), "deu");
    assert_string_equal(language_tesseract("english"), "eng");
    assert_null(language_tesseract("klingon"));
    /* every stemmer fond uses has a name, a Tesseract name and a stemmer */
    size_t n = 0;
    const char *const *all = language_stemmers(&n);
    assert_true(n >= 20);
    assert_string_equal(all[0], "english");
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(language_named(all[i]), all[i]);
        assert_non_null(language_tesseract(all[i]));
        analyzer_t *a = NULL;
        assert_int_equal(analyzer_new(&a, all[i]), FOND_OK);
        analyzer_free(a);
    }
}

static const char *const samples[][2] = {
    {"english", "The delegations met in the old town hall and agreed that the "
                "border would follow the river as far as the mountains."},
    {"french", "Les délégations se sont réunies dans l'ancien hôtel de ville et "
               "ont convenu que la frontière suivrait la rivière."},
    {"german", "Die Abordnungen trafen sich im alten Rathaus und einigten sich "
               "darauf, dass die Grenze dem Fluss bis zu den Bergen folgt."},
    {"spanish", "Las delegaciones se reunieron en el antiguo ayuntamiento y "
                "acordaron que la frontera seguiría el río hasta las montañas."},
    {"portuguese", "As delegações reuniram-se na antiga câmara municipal e "
                   "concordaram que a fronteira seguiria o rio até às montanhas."},
    {"italian", "Le delegazioni si sono incontrate nel vecchio municipio e hanno "
                "concordato che il confine avrebbe seguito il fiume."},
    {"russian", "Делегации встретились в старой ратуше и договорились, что "
                "граница пройдёт по реке до самых гор."},
    {"turkish", "Heyetler eski belediye binasında bir araya geldi ve sınırın "
                "dağlara kadar nehri izleyeceği konusunda anlaştı."},
};

static void test_languages_are_identified(void **state)
{
    (void)state;
    langid_t *id = NULL;
    char err[200];
    assert_int_equal(langid_new(&id, NULL, err, sizeof err), FOND_OK);
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
        char code[16];
        const char *got = langid_identify(id, samples[i][1], strlen(samples[i][1]), code);
        assert_non_null(got);
        assert_string_equal(got, samples[i][0]);
        assert_true(code[0] != '\0');
    }
    /* too short to tell: no guess */
    const char *brief = "Le traité de Kars.";
    assert_null(langid_identify(id, brief, strlen(brief), NULL));
    /* a language without a stemmer: identified, no stemmer */
    const char *uk = "Делегації зустрілися в старій ратуші й домовилися, що кордон "
                     "пройде річкою аж до самих гір, і всі підписали угоду.";
    char code[16];
    assert_null(langid_identify(id, uk, strlen(uk), code));
    assert_string_equal(code, "uk");
    langid_free(id);
}

static void test_missing_fingerprints_say_so(void **state)
{
    (void)state;
    langid_t *id = NULL;
    char err[200];
    assert_int_equal(langid_new(&id, "/nonexistent/fpdb.conf", err, sizeof err),
                     FOND_ERR_IO);
    assert_null(id);
    assert_non_null(strstr(err, "/nonexistent/fpdb.conf: cannot read"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_and_codes),
        cmocka_unit_test(test_languages_are_identified),
        cmocka_unit_test(test_missing_fingerprints_say_so),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
