"""translate_error: the UI translates the model's errors, nested ones included."""

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from explorer.i18n import translate_error
from explorer.scenes import SceneError, scene_from_text
from explorer.state import ExplorerState, StateError

GERMAN = {
    ("Scenes", "{source} is not a valid scene: {reason}"): (
        "{source} ist keine gültige Szene: {reason}"
    ),
    ("ExplorerState", "{name} must be between {low} and {high}, got {value}"): (
        "{name} muss zwischen {low} und {high} liegen, nicht {value}"
    ),
    ("ExplorerState", "the two surface axes must be different classes"): (
        "die beiden Achsen der Fläche müssen verschiedene Klassen sein"
    ),
    # A translator's typo: a placeholder the message does not have.
    ("ExplorerState", "{name} must be a number, got {value}"): "{nme} muss eine Zahl sein",
}


class DictionaryTranslator(QTranslator):
    """A translator from a dict, as a .qm file would give (without writing one)."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return GERMAN.get((context, source))  # None: no translation here


@pytest.fixture
def german(qapp):
    translator = DictionaryTranslator()
    assert QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_a_state_error_is_translated_then_filled(german):
    with pytest.raises(StateError) as caught:
        ExplorerState(temperature=500)
    assert (
        translate_error(caught.value) == "temperature muss zwischen 0.01 und 100 liegen, nicht 500"
    )
    assert str(caught.value) == "temperature must be between 0.01 and 100, got 500"


def test_a_wrapped_state_error_is_translated_too(german):
    with pytest.raises(SceneError) as caught:
        scene_from_text('{"version": 2, "temperature": 0}', "vorlesung.json")
    assert translate_error(caught.value) == (
        "vorlesung.json ist keine gültige Szene: "
        "temperature muss zwischen 0.01 und 100 liegen, nicht 0"
    )


def test_messages_without_values_and_without_a_translation(german):
    with pytest.raises(StateError) as caught:
        ExplorerState(surface_axes=(1, 1))
    assert translate_error(caught.value) == (
        "die beiden Achsen der Fläche müssen verschiedene Klassen sein"
    )
    # Untranslated templates stay English, still filled.
    with pytest.raises(StateError) as caught:
        ExplorerState(label=7)
    assert translate_error(caught.value) == "label must be a class between 0 and 2, got 7"


def test_a_broken_translation_falls_back_to_english(german):
    with pytest.raises(StateError) as caught:
        ExplorerState(temperature="hot")
    assert translate_error(caught.value) == "temperature must be a number, got 'hot'"


def test_other_exceptions_give_their_text(qapp):
    assert translate_error(OSError("disk full")) == "disk full"
