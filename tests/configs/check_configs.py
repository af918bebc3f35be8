#!/usr/bin/env python3
"""Checks the shipped configs (configs/*.json) against docs/config.schema.json, and that the
schema itself refuses what the config format refuses.

Run by CTest with an interpreter that has python3-jsonschema:
    /usr/bin/python3 tests/configs/check_configs.py SOURCE_DIR [unittest names...]
"""

import copy
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import unittest

import jsonschema

SOURCE_DIR = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.getcwd()
CONFIGS_DIR = os.path.join(SOURCE_DIR, "configs")
SCHEMA_PATH = os.path.join(SOURCE_DIR, "docs", "config.schema.json")

VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")


def expand_variables(value):
    """${NAME:-default} becomes the default; ${NAME} a dummy value, as if it were set."""
    if isinstance(value, str):
        return VARIABLE.sub(lambda m: m.group(2) if m.group(2) is not None else "dummy-" + m.group(1), value)
    if isinstance(value, list):
        return [expand_variables(item) for item in value]
    if isinstance(value, dict):
        return {key: expand_variables(item) for key, item in value.items()}
    return value


def load_schema():
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def shipped_configs():
    names = sorted(n for n in os.listdir(CONFIGS_DIR) if n.endswith(".json"))
    return [os.path.join(CONFIGS_DIR, n) for n in names]


def load_config(path):
    with open(path, encoding="utf-8") as f:
        return expand_variables(json.load(f))


def errors(validator, config):
    """Every violation, one line each: '<json path>: <message>'."""
    return ["%s: %s" % (error.json_path, error.message)
            for error in sorted(validator.iter_errors(config), key=lambda e: e.json_path)]


def minimal_config():
    return {"name": "t", "providers": [{"id": "m", "plugin": "mock"}],
            "scenarios": [{"id": "s", "turns": [{"user": [{"text": "hi"}]}]}]}


class ShippedConfigs(unittest.TestCase):
    def test_every_shipped_config_matches_the_schema(self):
        validator = load_schema()
        paths = shipped_configs()
        self.assertGreaterEqual(len(paths), 3, "configs/*.json not found under " + CONFIGS_DIR)
        for path in paths:
            with self.subTest(config=os.path.basename(path)):
                self.assertEqual(errors(validator, load_config(path)), [])

    def test_files_the_configs_name_exist(self):
        checked = 0
        for path in shipped_configs():
            folder = os.path.dirname(path)
            config = load_config(path)
            named = []
            for scenario in config["scenarios"]:
                if "dataset" in scenario:
                    named.append(scenario["dataset"])
                for turn in scenario["turns"]:
                    named += [part["image"] for part in turn["user"] if "image" in part]
                    for evaluator in turn.get("evaluators", []):
                        options = evaluator.get("options", {})
                        named += [options[k] for k in ("expect", "reference") if k in options]
            for provider in config["providers"]:
                if provider["plugin"] == "mock" and "responses" in provider.get("options", {}):
                    responses = os.path.join(folder, provider["options"]["responses"])
                    named.append(responses)
                    with open(responses, encoding="utf-8") as f:
                        book = json.load(f)
                    answers_dir = os.path.dirname(responses)
                    named += [os.path.join(answers_dir, e["file"]) for e in book["responses"] if "file" in e]
            for name in sorted(set(named)):
                with self.subTest(config=os.path.basename(path), file=name):
                    self.assertTrue(os.path.isfile(os.path.join(folder, name)), name + " is missing")
                    checked += 1
        self.assertGreater(checked, 10)

    def test_expectation_files_follow_the_contract(self):
        folder = os.path.join(CONFIGS_DIR, "pie-chart-tutor")
        subjects = ["maths", "physics", "chemistry", "english"]
        for turn, labels_on_wedges, legend in ((1, True, None), (2, False, subjects)):
            with open(os.path.join(folder, "expect-turn%d.json" % turn), encoding="utf-8") as f:
                expect = json.load(f)
            self.assertEqual(expect["chart"], "pie")
            self.assertEqual(expect["title"], "Marks obtained in an exam")
            self.assertEqual([s["label"] for s in expect["slices"]], subjects)
            self.assertEqual([s["color"] for s in expect["slices"]], ["m", "r", "y", "c"])
            fractions = [s["fraction"] for s in expect["slices"]]
            for fraction, mark in zip(fractions, [88, 72, 52, 40]):
                self.assertAlmostEqual(fraction, mark / 252, delta=0.0006)
            self.assertIs(expect["wedge_labels"], labels_on_wedges)
            self.assertEqual(expect["legend"], legend)
            self.assertEqual(expect["saves"], "imgs/{{provider}}.jpg")

    def test_reference_script_draws_the_shipped_chart(self):
        script = os.path.join(CONFIGS_DIR, "pie-chart-tutor", "draw_reference.py")
        shipped = os.path.join(CONFIGS_DIR, "pie-chart-tutor", "demo.png")
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            self.skipTest("this interpreter has no matplotlib")
        with tempfile.TemporaryDirectory() as tmp:
            drawn = os.path.join(tmp, "demo.png")
            subprocess.run([sys.executable, script, drawn], check=True, capture_output=True,
                           env=dict(os.environ, MPLCONFIGDIR=tmp))
            self.assertEqual(png_size(drawn), png_size(shipped))


def png_size(path):
    with open(path, "rb") as f:
        header = f.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError(path + " is not a PNG")
    return struct.unpack(">II", header[16:24])


class SchemaRefuses(unittest.TestCase):
    def setUp(self):
        self.validator = load_schema()
        self.assertEqual(errors(self.validator, minimal_config()), [])

    def assert_refused(self, config, *expected_parts):
        found = errors(self.validator, config)
        self.assertTrue(found, "the schema accepted it")
        text = "\n".join(found)
        for part in expected_parts:
            self.assertIn(part, text)

    def test_unknown_top_level_key(self):
        config = minimal_config()
        config["scenarois"] = []
        self.assert_refused(config, "$: Additional properties are not allowed ('scenarois' was unexpected)")

    def test_unknown_nested_key(self):
        config = minimal_config()
        config["providers"][0]["plugn"] = "mock"
        self.assert_refused(config, "$.providers[0]: Additional properties are not allowed ('plugn' was unexpected)")
        config = minimal_config()
        config["scenarios"][0]["turns"][0]["params"] = {"max_token": 5}
        self.assert_refused(config, "$.scenarios[0].turns[0].params: Additional properties are not allowed")

    def test_missing_required_key(self):
        config = minimal_config()
        del config["providers"]
        self.assert_refused(config, "$: 'providers' is a required property")
        config = minimal_config()
        del config["scenarios"][0]["turns"][0]["user"]
        self.assert_refused(config, "$.scenarios[0].turns[0]: 'user' is a required property")

    def test_no_providers_or_scenarios(self):
        config = minimal_config()
        config["providers"] = []
        self.assert_refused(config, "$.providers: [] is too short")
        config = minimal_config()
        config["scenarios"] = []
        self.assert_refused(config, "$.scenarios: [] is too short")

    def test_wrong_types_and_ranges(self):
        config = minimal_config()
        config["defaults"] = {"temperature": 3, "repeat": 0, "max_tokens": "many"}
        self.assert_refused(config, "$.defaults.temperature: 3 is greater than the maximum of 2",
                            "$.defaults.repeat: 0 is less than the minimum of 1",
                            "$.defaults.max_tokens: 'many' is not of type 'integer'")

    def test_bad_identifiers(self):
        config = minimal_config()
        config["providers"][0]["id"] = "gpt 4o"
        config["name"] = "my run/1"
        self.assert_refused(config, "$.providers[0].id: 'gpt 4o' does not match",
                            "$.name: 'my run/1' does not match")

    def test_part_must_be_text_or_image_not_both(self):
        config = minimal_config()
        config["scenarios"][0]["turns"][0]["user"] = [{"text": "a", "image": "b.png"}]
        self.assert_refused(config, "$.scenarios[0].turns[0].user[0]")
        config["scenarios"][0]["turns"][0]["user"] = [{}]
        self.assert_refused(config, "$.scenarios[0].turns[0].user[0]")


class VariableExpansion(unittest.TestCase):
    def test_defaults_and_dummies(self):
        self.assertEqual(expand_variables("${A:-x}/${B}"), "x/dummy-B")
        self.assertEqual(expand_variables({"k": ["${C:-}"]}), {"k": [""]})


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0]] + sys.argv[2:], verbosity=2)
