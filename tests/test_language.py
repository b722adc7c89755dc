"""Articles in other languages are set aside with a reason, never mis-coded as English events."""

from __future__ import annotations

from pathlib import Path

from sitrep.clean.language import MIN_LETTERS, foreign_language, identify
from sitrep.pipeline import clean
from sitrep.records import Article, Rejected

ENGLISH = ("Syrian government forces recaptured the ancient city of Palmyra on Sunday after weeks of "
           "fighting with Islamic State militants, the army said in a statement. A monitoring group said "
           "at least 400 militants were killed in the offensive, which was backed by Russian air strikes.")
GERMAN = ("Syrische Regierungstruppen haben am Sonntag die antike Stadt Palmyra nach wochenlangen Kämpfen "
          "mit Kämpfern der Terrormiliz Islamischer Staat zurückerobert, teilte die Armee mit. Eine "
          "Beobachtungsstelle berichtete, bei der Offensive seien mindestens 400 Kämpfer getötet worden.")
FRENCH = ("Les forces gouvernementales syriennes ont repris dimanche la cité antique de Palmyre après des "
          "semaines de combats contre les jihadistes du groupe Etat islamique, a annoncé l'armée. Selon une "
          "organisation de surveillance, au moins 400 jihadistes ont été tués pendant l'offensive.")
ARABIC = ("استعادت القوات الحكومية السورية يوم الأحد مدينة تدمر الأثرية بعد أسابيع من القتال مع مسلحي تنظيم "
          "الدولة الإسلامية، بحسب ما أعلن الجيش في بيان. وقال مرصد إن أربعمئة مسلح على الأقل قتلوا في الهجوم "
          "الذي دعمته غارات جوية روسية على المدينة ومحيطها خلال الأيام الماضية.")


def test_identify_languages() -> None:
    assert identify(ENGLISH)[0] == "en"
    assert foreign_language(ENGLISH) is None
    for text, lang in ((GERMAN, "de"), (FRENCH, "fr"), (ARABIC, "ar")):
        found = foreign_language(text)
        assert found is not None and found[0] == lang, (lang, found)


def test_short_or_mostly_english_texts_are_kept() -> None:
    assert foreign_language(GERMAN[: MIN_LETTERS // 2]) is None  # too few letters to be sure
    # An English report quoting a sentence in Arabic is still an English report.
    assert foreign_language(ENGLISH + " " + ENGLISH + " " + ARABIC[:80]) is None


def test_foreign_articles_are_rejected_with_the_language_and_the_rest_goes_on(tmp_path: Path) -> None:
    for name, text in (("en.txt", ENGLISH), ("de.txt", GERMAN), ("ar.txt", ARABIC)):
        (tmp_path / name).write_text(f"Palmyra\n\n{text}\n", encoding="utf-8")
    results = {r.id: r for r in clean([tmp_path])}
    assert isinstance(results["en.txt"], Article)
    for name, lang in (("de.txt", "de"), ("ar.txt", "ar")):
        r = results[name]
        assert isinstance(r, Rejected) and r.code == "E_LANGUAGE" and repr(lang) in r.reason


def test_gold_gate_english_news_is_never_set_aside() -> None:
    from conftest import shared_data
    from sitrep.eval.language import evaluate

    data = shared_data("fa-kes").parent
    result = evaluate(data, limit=150)
    for name in ("fa-kes", "gva"):
        assert result["english"][name]["articles"] == 150 and result["english"][name]["rejected"] == 0
    assert result["article_extraction"]["set_aside"] > 100  # most of the first 150 pages are German
