"""The schema owns the model: declared keys and dataclass fields cannot drift apart."""

from __future__ import annotations

import dataclasses

from showcase import schema
from showcase.model import Model, Settings
from showcase.specs import Spec, Text


def test_every_model_key_is_a_model_field_and_back():
    assert schema.mismatch(schema.MODEL, Model, schema.DERIVED_MODEL_FIELDS) == (set(), set())


def test_every_settings_key_is_a_settings_field_and_back():
    assert schema.mismatch(schema.SETTINGS.keys, Settings) == (set(), set())


def test_a_key_without_a_field_is_named():
    keys = dict(schema.MODEL) | {"results": Text("Kết quả", "results")}
    assert schema.mismatch(keys, Model, schema.DERIVED_MODEL_FIELDS) == ({"results"}, set())
    fields = [(f.name, f.type, f) for f in dataclasses.fields(Model)] + [
        ("partner", str, dataclasses.field(default=""))
    ]
    wider = dataclasses.make_dataclass("Wider", fields)
    assert schema.mismatch(schema.MODEL, wider, schema.DERIVED_MODEL_FIELDS) == (set(), {"partner"})


def test_a_kind_without_a_check_cannot_be_declared():
    class Unfinished(Spec):
        kind_vi = "chưa xong"

    try:
        Unfinished("Nhãn", "label")
    except TypeError as error:
        assert "check" in str(error)
    else:
        raise AssertionError("a Spec without check() was instantiated")
